package ack277

import (
	"log/slog"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Acknowledgment is one 277CA transaction set (ST..SE): the tree of
// information sources (2000A), receivers (2000B), billing providers (2000C)
// and claims (2000D) the set acknowledges.
type Acknowledgment struct {
	// InterchangeControlNumber is ISA13 of the interchange carrying the set.
	InterchangeControlNumber string `json:"interchange_control_number"`
	// GroupControlNumber is GS06.
	GroupControlNumber string `json:"group_control_number"`
	// ControlNumber is ST02.
	ControlNumber string `json:"control_number"`
	// Version is ST03, or GS08 when ST03 is absent: 005010X214.
	Version string `json:"version"`
	// Reference is BHT03, the originator's reference for this set.
	Reference string `json:"reference,omitempty"`
	// Date is BHT04, the date the set was created.
	Date x12.Date `json:"date,omitzero"`
	// Sources are the information sources (loop 2000A): the payer or the
	// clearinghouse that sends the acknowledgment.
	Sources []*Source `json:"sources"`
	// Pos is the position of the ST segment.
	Pos x12.Position `json:"-"`
}

// Party is an entity named by an NM1 segment.
type Party struct {
	// EntityCode is NM101: PR payer, AY clearinghouse, 41 submitter,
	// 85 billing provider, QC patient.
	EntityCode string `json:"entity_code"`
	// Name is NM103-NM107; for an organization only Organization is set.
	Name claims.Name `json:"name"`
	// IDQualifier is NM108: 46 ETIN, PI payer ID, XX NPI, FI tax ID,
	// MI member ID.
	IDQualifier string `json:"id_qualifier,omitempty"`
	// ID is NM109.
	ID string `json:"id,omitempty"`
}

// LogValue logs the entity code and the kind of identifier only: a
// patient's name and member ID are patient data.
func (p Party) LogValue() slog.Value {
	return slog.GroupValue(slog.String("entity_code", p.EntityCode), slog.String("id_qualifier", p.IDQualifier))
}

// Stage says who sent an acknowledgment.
type Stage string

// Stages: the information source's NM101.
const (
	// StageClearinghouse: NM101 = AY, the clearinghouse's front-end edits.
	StageClearinghouse Stage = "clearinghouse"
	// StagePayer: NM101 = PR, the payer's own acknowledgment.
	StagePayer Stage = "payer"
	// StageUnknown: any other entity code.
	StageUnknown Stage = "unknown"
)

// Source is an information source (loop 2000A with 2100A and 2200A).
type Source struct {
	Party Party `json:"party"`
	// Stage is derived from Party.EntityCode.
	Stage Stage `json:"stage"`
	// TraceNumber is TRN02 (TRN01 = 1) of loop 2200A.
	TraceNumber string `json:"trace_number,omitempty"`
	// Received is DTP*050, the date the source received the claims.
	Received x12.Date `json:"received,omitzero"`
	// Processed is DTP*009, the date the source processed them.
	Processed x12.Date `json:"processed,omitzero"`
	// Receivers are the information receivers (loop 2000B).
	Receivers []*Receiver  `json:"receivers"`
	Pos       x12.Position `json:"-"`
}

// Totals are the counts and amounts a receiver or provider level reports:
// QTY*90 / QTY*QA accepted and QTY*AA / QTY*QC rejected claims, AMT*YU
// accepted and AMT*YY rejected charges. Absent values are nil.
type Totals struct {
	AcceptedCount  *int64           `json:"accepted_count,omitempty"`
	RejectedCount  *int64           `json:"rejected_count,omitempty"`
	AcceptedAmount *decimal.Decimal `json:"accepted_amount,omitempty"`
	RejectedAmount *decimal.Decimal `json:"rejected_amount,omitempty"`
}

// Receiver is an information receiver (loop 2000B with 2100B and 2200B):
// the submitter of the claims.
type Receiver struct {
	Party Party `json:"party"`
	// TraceNumber is TRN02 (TRN01 = 2) of loop 2200B: the submitter's
	// batch number (BHT03 of the 837).
	TraceNumber string    `json:"trace_number,omitempty"`
	Statuses    []*Status `json:"statuses"`
	Totals
	// Providers are the billing providers (loop 2000C).
	Providers []*Provider  `json:"providers"`
	Pos       x12.Position `json:"-"`
}

// Provider is a billing provider (loop 2000C with 2100C and 2200C).
type Provider struct {
	Party Party `json:"party"`
	// TraceNumber is TRN02 (TRN01 = 1) of loop 2200C.
	TraceNumber string `json:"trace_number,omitempty"`
	// References are the provider's REF segments (TJ tax ID, 0B state
	// license, G2 secondary ID...).
	References []Reference `json:"references,omitempty"`
	Statuses   []*Status   `json:"statuses"`
	Totals
	// Claims are the claims of this provider (loop 2000D).
	Claims []*Claim     `json:"claims"`
	Pos    x12.Position `json:"-"`
}

// Reference is a REF segment: REF01 qualifier and REF02 value.
type Reference struct {
	Qualifier string `json:"qualifier"`
	Value     string `json:"value"`
}

// Claim is one acknowledged claim (loop 2000D with 2100D, 2200D and its
// service lines).
type Claim struct {
	// Patient is the NM1*QC of loop 2100D. It is patient data.
	Patient Party `json:"patient"`
	// PatientControlNumber is TRN02 (TRN01 = 2): CLM01 of the 837.
	PatientControlNumber string `json:"patient_control_number"`
	// Statuses are the claim's STC segments, in file order.
	Statuses []*Status `json:"statuses"`
	// PayerClaimControlNumber is REF*1K.
	PayerClaimControlNumber string `json:"payer_claim_control_number,omitempty"`
	// ClearinghouseTrace is REF*D9, the clearinghouse's trace number.
	ClearinghouseTrace string `json:"clearinghouse_trace,omitempty"`
	// BillType is REF*BLT (institutional claims).
	BillType string `json:"bill_type,omitempty"`
	// MedicalRecordNumber is REF*EA.
	MedicalRecordNumber string `json:"medical_record_number,omitempty"`
	// Service is DTP*472, the claim's service date or period.
	Service x12.DateRange `json:"service,omitzero"`
	// Lines are the service lines the acknowledgment reports (loop 2220D);
	// payers send them only for line-level statuses.
	Lines []*Line      `json:"lines,omitempty"`
	Pos   x12.Position `json:"-"`
}

// ServiceID is the SVC01 composite: a procedure code with its qualifier
// (HC for CPT/HCPCS) and modifiers.
type ServiceID struct {
	Qualifier string           `json:"qualifier"`
	Procedure claims.Procedure `json:"procedure"`
}

// Line is a service line (loop 2220D: SVC, STC, REF*FJ, DTP*472).
type Line struct {
	Service ServiceID `json:"service"`
	// Charge is SVC02, the line's submitted charge.
	Charge decimal.Decimal `json:"charge"`
	// RevenueCode is SVC04 (institutional lines).
	RevenueCode string `json:"revenue_code,omitempty"`
	// Units is SVC07; nil when absent.
	Units    *decimal.Decimal `json:"units,omitempty"`
	Statuses []*Status        `json:"statuses"`
	// LineItemControlNumber is REF*FJ: REF*6R of the 837 line.
	LineItemControlNumber string `json:"line_item_control_number,omitempty"`
	// Service dates are DTP*472.
	ServiceDates x12.DateRange `json:"service_dates,omitzero"`
	Pos          x12.Position  `json:"-"`
}

// Status is one STC segment.
type Status struct {
	// Codes are STC01, then STC10 and STC11 when present: up to three
	// category/status/entity composites.
	Codes []StatusCode `json:"codes"`
	// Date is STC02, the status information effective date.
	Date x12.Date `json:"date,omitzero"`
	// Action is STC03: WQ accepted, U rejected.
	Action Action `json:"action,omitempty"`
	// Amount is STC04, the total submitted charge; nil when absent.
	Amount *decimal.Decimal `json:"amount,omitempty"`
	// Message is STC12, free text (often the clearinghouse's edit message).
	Message string       `json:"message,omitempty"`
	Pos     x12.Position `json:"-"`
}

// StatusCode is one C043 composite of an STC segment.
type StatusCode struct {
	// Category is C043-01, the claim status category code (A0-A8, P0-P5...).
	Category Category `json:"category"`
	// Code is C043-02, a claim status code (external code list 508), or
	// an NCPDP reject code when CodeList is RX.
	Code string `json:"code"`
	// Entity is C043-03, the entity the code refers to (85 billing
	// provider, IL subscriber, QC patient...).
	Entity string `json:"entity,omitempty"`
	// CodeList is C043-04 (RX: NCPDP reject/payment codes).
	CodeList string `json:"code_list,omitempty"`
}

// Action is STC03, the action code.
type Action string

// Action codes of the 277CA.
const (
	ActionAccept Action = "WQ"
	ActionReject Action = "U"
)
