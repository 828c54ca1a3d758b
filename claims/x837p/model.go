package x837p

import (
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Header is the BHT of a transaction set.
type Header struct {
	// Purpose is BHT02: 00 original, 18 reissue.
	Purpose string `json:"purpose"`
	// Reference is BHT03, the originator's batch reference.
	Reference string   `json:"reference"`
	Date      x12.Date `json:"date"`
	// Time is BHT05 as read (HHMM, HHMMSS, ...).
	Time string `json:"time"`
	// Type is BHT06: CH chargeable, RP reporting (encounters), 31 subrogation.
	Type string `json:"type"`
}

// Document is a decoded 837P file: its transaction sets in file order and
// the problems found while reading it.
type Document struct {
	Transactions []Transaction `json:"transactions"`
	// Problems are envelope and 837P structure problems that did not stop
	// reading (wrong SE01, a segment out of place, a bad amount, CLM02
	// different from the line charges...), sorted by position.
	Problems x12.ErrorList `json:"-"`
}

// Claims returns every claim of the document in file order, as the
// claims model (without the 837P-only data of Extra).
func (d *Document) Claims() []claims.Claim {
	var out []claims.Claim
	for i := range d.Transactions {
		for j := range d.Transactions[i].Claims {
			out = append(out, d.Transactions[i].Claims[j].Claim)
		}
	}
	return out
}

// Transaction is one 837 transaction set (ST..SE).
type Transaction struct {
	Interchange x12.InterchangeHeader `json:"interchange"`
	Group       x12.GroupHeader       `json:"group"`
	Set         x12.SetHeader         `json:"set"`
	Header      Header                `json:"header"`
	Submitter   Submitter             `json:"submitter"`
	Receiver    Receiver              `json:"receiver"`
	Claims      []Claim               `json:"claims"`
	// Segments are the header segments (before the first HL) the model
	// does not hold.
	Segments []RawSegment `json:"segments,omitempty"`
}

// Claim is a claim as the 837P carries it: the claims model plus the
// 837P data the model does not hold yet.
type Claim struct {
	claims.Claim
	Extra Extra `json:"extra,omitzero"`
}

// Extra is the 837P data of a claim that the claims model does not hold.
// The decoder fills it so that nothing is lost; EncodeClaims writes it
// back in place.
type Extra struct {
	// DiagnosisCodeList is the HI01-1 qualifier when it is not ABK: BK
	// means the diagnoses are ICD-9-CM codes (HI02.. then use BF).
	DiagnosisCodeList string `json:"diagnosis_code_list,omitempty"`
	// PayerIDQualifier is NM108 of the payer (loop 2010BB) when it is not
	// PI: XV is the CMS national plan ID.
	PayerIDQualifier string `json:"payer_id_qualifier,omitempty"`
	// PayToEntity is NM102 of the pay-to address (loop 2010AB), 1 person
	// or 2 organization, when it is not the billing provider's.
	PayToEntity string `json:"pay_to_entity,omitempty"`
	// ClaimInfo holds CLM10 and the elements after it as read (patient
	// signature source, related causes, special program, delay reason),
	// each split into components.
	ClaimInfo [][]string `json:"claim_info,omitempty"`
	// Referring is the referring provider (loop 2310A, NM1*DN).
	Referring *claims.Provider `json:"referring_provider,omitempty"`
	// OtherPayers are the other subscriber loops (2320 with its 2330A-G),
	// in file order.
	OtherPayers []OtherPayer `json:"other_payers,omitempty"`
	// Segments are the segments of the claim and of the loops above it
	// (billing provider, subscriber, patient) that the model does not
	// hold, in file order.
	Segments []RawSegment `json:"segments,omitempty"`
	// Lines holds the same for each service line; Lines[i] belongs to
	// Claim.Lines[i]. It is nil when no line has any.
	Lines []LineExtra `json:"lines,omitempty"`
}

// IsZero reports whether e holds nothing.
func (e *Extra) IsZero() bool {
	return e.DiagnosisCodeList == "" && e.PayToEntity == "" && e.PayerIDQualifier == "" && len(e.ClaimInfo) == 0 && e.Referring == nil &&
		len(e.OtherPayers) == 0 && len(e.Segments) == 0 && len(e.Lines) == 0
}

// LineExtra is the 837P data of a service line that the model does not
// hold.
type LineExtra struct {
	// Description is SV101-7, the description of a not-otherwise-classified
	// procedure code.
	Description string `json:"description,omitempty"`
	// RangeDate is true when a one-day service date was sent as a range
	// (DTP*472*RD8*D-D).
	RangeDate bool `json:"range_date,omitempty"`
	// ServiceInfo holds SV108 and the elements after it as read
	// (emergency, EPSDT, family planning, copay status).
	ServiceInfo [][]string   `json:"service_info,omitempty"`
	Segments    []RawSegment `json:"segments,omitempty"`
}

// OtherPayer is one other-subscriber loop (2320 and its 2330A-G loops)
// of a claim sent to a secondary or tertiary payer. The segments are kept
// as read; the few values below are read from them.
type OtherPayer struct {
	// Priority is SBR01 (P, S, T...) and Relationship SBR02.
	Priority     claims.Priority     `json:"priority"`
	Relationship claims.Relationship `json:"relationship,omitempty"`
	// PayerName and PayerID are NM103/NM109 of loop 2330B.
	PayerName string `json:"payer_name,omitempty"`
	PayerID   string `json:"payer_id,omitempty"`
	// Paid is AMT*D, what that payer paid, when present.
	Paid     *decimal.Decimal `json:"paid,omitempty"`
	Segments []RawSegment     `json:"segments"`
}

// RawSegment is a segment kept as read: its loop, the modelled segment it
// followed in that loop (so that it can be written back in place), and
// its elements split into components.
type RawSegment struct {
	// Loop is the 837P loop ID ("2300", "2010BB", "2430"...).
	Loop string `json:"loop"`
	// After names the modelled segment it followed in its loop ("CLM",
	// "REF*G1", "NM1"), or "" when it came first.
	After string `json:"after,omitempty"`
	// ID is the segment ID; Elements[i] holds the components of element i+1.
	ID       string     `json:"id"`
	Elements [][]string `json:"elements"`
	// Pos is where it was read.
	Pos x12.Position `json:"-"`
}
