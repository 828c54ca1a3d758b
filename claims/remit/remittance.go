package remit

import (
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// Remittance is one 835 transaction set (ST..SE): one payment (or
// notice) from one payer to one payee, with the claims it pays.
//
// Money is decimal.Decimal with the scale the payer wrote ("150" and
// "150.00" are Equal but keep their form). Dates are x12.Date; a zero
// Date means the element was absent.
type Remittance struct {
	// Interchange is ISA13 and Group GS06 of the envelope the set came in.
	Interchange string
	Group       string
	// ControlNumber is ST02.
	ControlNumber string
	// Version is ST03, or GS08 when ST03 is absent.
	Version string

	Payment Payment
	Trace   Trace
	// Currency is CUR02 when the payment is not in US dollars.
	Currency string
	// ReceiverID is REF*EV, VersionID REF*F2.
	ReceiverID string
	VersionID  string
	// ProductionDate is DTM*405, the date the payer's cycle ran.
	ProductionDate x12.Date

	// Payer is loop 1000A (N1*PR), Payee loop 1000B (N1*PE).
	Payer Party
	Payee Party

	// Headers are the LX loops (2000) in order; ClaimPayment.Header
	// indexes them.
	Headers []Header
	// Claims are the CLP loops (2100) of every LX, in order.
	Claims []ClaimPayment
	// ProviderAdjustments are the PLB adjustments, one per reason and
	// amount pair (a PLB segment carries up to six).
	ProviderAdjustments []ProviderAdjustment

	// Balanced is true when every service, claim and the transaction
	// balance; BalanceErrors says where they do not. See CheckBalance.
	Balanced      bool
	BalanceErrors []BalanceError

	// Problems are what could not be read as the 835 defines it (a bad
	// amount, a segment out of place, an envelope problem inside the set).
	// Decoding goes on past them; each is positioned.
	Problems x12.ErrorList

	// Pos is the position of the ST segment.
	Pos x12.Position
}

// Payment is the BPR segment: how much is paid, how, and when.
type Payment struct {
	// Handling is BPR01: C payment and remittance, D payment only, H
	// notification only, I remittance information only, P prenotification,
	// U split, X handling party's option.
	Handling string
	// Amount is BPR02, the total actual provider payment.
	Amount decimal.Decimal
	// CreditDebit is BPR03: C credit (the payer pays), D debit.
	CreditDebit string
	// Method is BPR04: ACH, BOP, CHK, FWT or NON.
	Method string
	// Format is BPR05 (CCP, CTX) for ACH payments.
	Format string
	// Date is BPR16, the check issue or EFT effective date.
	Date x12.Date
}

// Net returns the payment as a signed amount from the payee's side:
// Amount for a credit, -Amount for a debit (BPR03 = D).
func (p Payment) Net() decimal.Decimal {
	if p.CreditDebit == "D" {
		return p.Amount.Neg()
	}
	return p.Amount
}

// Trace is the TRN segment, the reassociation key between the 835 and
// the money (it matches the CCD+ addenda of an EFT).
type Trace struct {
	// Type is TRN01 (1: current transaction trace numbers).
	Type string
	// Number is TRN02, the check or EFT trace number.
	Number string
	// Originator is TRN03, the payer's identifier ("1" + EIN, usually).
	Originator string
	// Reference is TRN04, an originating company supplemental code.
	Reference string
}

// Party is an N1 loop (payer or payee) with its address, references and
// contacts. Payers and payees are organisations or providers, never
// patients.
type Party struct {
	// Name is N102.
	Name string
	// IDQualifier is N103 (XV payer ID, XX NPI, FI tax ID, PI payer ID).
	IDQualifier string
	// ID is N104.
	ID      string
	Address Address
	// References are the REF segments of the loop (REF*2U payer ID,
	// REF*TJ tax ID, REF*PQ payee ID, ...).
	References []Reference
	// Contacts are the PER segments (payer loop only).
	Contacts []Contact
}

// NPI returns the payee's National Provider Identifier: N104 when N103
// is XX, else "".
func (p *Party) NPI() string {
	if p.IDQualifier == "XX" {
		return p.ID
	}
	return ""
}

// PayerID returns the payer identifier: N104, or REF*2U when N1 carries
// no identifier.
func (p *Party) PayerID() string {
	if p.ID != "" {
		return p.ID
	}
	return p.Reference("2U")
}

// Reference returns the value of the first REF with qualifier q, or "".
func (p *Party) Reference(q string) string { return findRef(p.References, q) }

// Address is an N3/N4 pair.
type Address struct {
	Lines      []string
	City       string
	State      string
	PostalCode string
	Country    string
}

// Reference is a REF segment: a qualifier (REF01) and a value (REF02).
type Reference struct {
	Qualifier string
	Value     string
}

func findRef(refs []Reference, q string) string {
	for _, r := range refs {
		if r.Qualifier == q {
			return r.Value
		}
	}
	return ""
}

// Contact is a PER segment: a contact function (PER01: BL technical, CX
// claims, IC information), a name and up to three numbers.
type Contact struct {
	Function string
	Name     string
	Numbers  []Communication
}

// Communication is one PER qualifier and number pair (TE phone, EM
// e-mail, UR web address, FX fax, EX extension).
type Communication struct {
	Qualifier string
	Number    string
}

// Header is an LX loop (2000): a grouping of claims, with the optional
// provider summary (TS3) and supplemental (TS2) information institutional
// payers send.
type Header struct {
	// Number is LX01.
	Number  int
	Summary *ProviderSummary
	// Supplemental holds the TS2 amounts and counts by element position.
	Supplemental []ElementAmount
	Pos          x12.Position
}

// ProviderSummary is a TS3 segment.
type ProviderSummary struct {
	// ProviderID is TS301.
	ProviderID string
	// FacilityCode is TS302 (place of service or type of bill).
	FacilityCode string
	// FiscalPeriodEnd is TS303.
	FiscalPeriodEnd x12.Date
	// ClaimCount is TS304, TotalCharge TS305.
	ClaimCount  int64
	TotalCharge decimal.Decimal
	// Amounts are TS306 onwards, by element position.
	Amounts []ElementAmount
}

// ElementAmount is a numeric element identified by its position in its
// segment (TS2, TS3, MIA, where most elements are optional amounts or
// counts).
type ElementAmount struct {
	Element int
	Amount  decimal.Decimal
}

// ClaimPayment is a CLP loop (2100): how the payer adjudicated one claim.
type ClaimPayment struct {
	// PatientControlNumber is CLP01, the CLM01 the provider sent.
	PatientControlNumber string
	// Status is CLP02.
	Status ClaimStatus
	// Charge is CLP03, Paid CLP04, PatientResponsibility CLP05 (zero
	// when absent).
	Charge                decimal.Decimal
	Paid                  decimal.Decimal
	PatientResponsibility decimal.Decimal
	// FilingIndicator is CLP06 (MB Medicare Part B, CI commercial, ...).
	FilingIndicator string
	// PayerClaimControlNumber is CLP07, the payer's ICN; needed as REF*F8
	// to correct or void the claim.
	PayerClaimControlNumber string
	// FacilityCode is CLP08 (place of service for professional claims).
	FacilityCode string
	// Frequency is CLP09, the claim frequency code.
	Frequency string
	// DRG is CLP11, DRGWeight CLP12 (institutional claims).
	DRG       string
	DRGWeight decimal.Decimal
	// Header is the index in Remittance.Headers of the LX loop the claim
	// belongs to, or -1 when the set has no LX.
	Header int

	// Adjustments are the claim-level CAS reason triples.
	Adjustments []Adjustment
	// Entities are the NM1 segments (QC patient, IL insured, 74 corrected
	// patient, 82 rendering provider, TT crossover carrier, PR corrected
	// priority payer, GB other subscriber). Patient and insured entries
	// hold patient data: never log them.
	Entities []Entity
	// Inpatient is MIA, Outpatient MOA.
	Inpatient  *InpatientAdjudication
	Outpatient *OutpatientAdjudication
	// Remarks are the claim-level remark codes (RARC) from MOA03-07 and
	// MIA05, MIA20-23.
	Remarks    []Remark
	References []Reference
	// StatementFrom and StatementTo are DTM*232 and DTM*233,
	// CoverageExpiration DTM*036, Received DTM*050.
	StatementFrom      x12.Date
	StatementTo        x12.Date
	CoverageExpiration x12.Date
	Received           x12.Date
	Contacts           []Contact
	// Amounts are the AMT segments (AU coverage amount, I interest, ...),
	// Quantities the QTY segments.
	Amounts    []Amount
	Quantities []Quantity
	// Services are the SVC loops (2110); a claim may have none.
	Services []ServicePayment
	Pos      x12.Position
}

// Entity returns the first NM1 with entity identifier role (NM101), or nil.
func (c *ClaimPayment) Entity(role string) *Entity {
	for i := range c.Entities {
		if c.Entities[i].Role == role {
			return &c.Entities[i]
		}
	}
	return nil
}

// Reference returns the value of the first claim-level REF with
// qualifier q, or "".
func (c *ClaimPayment) Reference(q string) string { return findRef(c.References, q) }

// Amount returns the first claim-level AMT with qualifier q.
func (c *ClaimPayment) Amount(q string) (decimal.Decimal, bool) { return findAmount(c.Amounts, q) }

// Entity is an NM1 segment.
type Entity struct {
	// Role is NM101, Type NM102 (1 person, 2 organisation).
	Role string
	Type string
	// LastName is NM103 (the organisation name for Type 2), then NM104,
	// NM105 and NM107.
	LastName   string
	FirstName  string
	MiddleName string
	Suffix     string
	// IDQualifier is NM108 (MI member ID, XX NPI, ...), ID NM109.
	IDQualifier string
	ID          string
}

// InpatientAdjudication is the MIA segment. Its many optional amounts and
// counts are kept by element position (MIA01 covered days or visits,
// MIA04 DRG amount, MIA19 non-payable professional component, ...);
// its remark codes go to ClaimPayment.Remarks.
type InpatientAdjudication struct {
	Values []ElementAmount
}

// OutpatientAdjudication is the MOA segment; its remark codes (MOA03-07)
// go to ClaimPayment.Remarks. Absent amounts are invalid NullDecimals.
type OutpatientAdjudication struct {
	// ReimbursementRate is MOA01, PayableAmount MOA02 (HCPCS payable).
	ReimbursementRate decimal.NullDecimal
	PayableAmount     decimal.NullDecimal
	// ESRDPayment is MOA08, NonpayableProfessional MOA09.
	ESRDPayment            decimal.NullDecimal
	NonpayableProfessional decimal.NullDecimal
}

// Adjustment is one CAS reason triple: a group code, a claim adjustment
// reason code (CARC), an amount and an optional quantity. A CAS segment
// carries up to six triples under one group code.
type Adjustment struct {
	Group  GroupCode
	Reason string
	// Amount is positive for money the payer did not pay, negative for
	// money added (for example on a reversal).
	Amount   decimal.Decimal
	Quantity decimal.NullDecimal
}

// Amount is an AMT segment: a qualifier and an amount.
type Amount struct {
	Qualifier string
	Amount    decimal.Decimal
}

func findAmount(list []Amount, q string) (decimal.Decimal, bool) {
	for _, a := range list {
		if a.Qualifier == q {
			return a.Amount, true
		}
	}
	return decimal.Decimal{}, false
}

// Quantity is a QTY segment: a qualifier and a quantity.
type Quantity struct {
	Qualifier string
	Quantity  decimal.Decimal
}

// Remark is a remark code: HE for a remittance advice remark code
// (RARC), RX for an NCPDP reject reason (LQ01).
type Remark struct {
	Qualifier string
	Code      string
}

// Procedure is a composite procedure identifier (SVC01 or SVC06).
type Procedure struct {
	// Qualifier is the product/service ID qualifier: HC (CPT/HCPCS), AD,
	// ER, IV, N4 (NDC), NU (revenue code), WK.
	Qualifier string
	Code      string
	// Modifiers are up to four procedure modifiers, in order.
	Modifiers []string
	// Description is component 7, when the payer sends one.
	Description string
}

// ServicePayment is an SVC loop (2110): how one service line was paid.
type ServicePayment struct {
	// Procedure is SVC01, as adjudicated.
	Procedure Procedure
	// Charge is SVC02, Paid SVC03.
	Charge decimal.Decimal
	Paid   decimal.Decimal
	// RevenueCode is SVC04 (institutional).
	RevenueCode string
	// Units is SVC05, the units paid; 1 when absent, as the TR3 says.
	Units decimal.Decimal
	// OriginalProcedure is SVC06, the procedure as submitted when the
	// payer changed it; nil otherwise. OriginalUnits is SVC07.
	OriginalProcedure *Procedure
	OriginalUnits     decimal.NullDecimal
	// ServiceFrom and ServiceTo are DTM*472 (both) or DTM*150 and DTM*151.
	ServiceFrom x12.Date
	ServiceTo   x12.Date
	// Adjustments are the line-level CAS reason triples.
	Adjustments []Adjustment
	// LineControlNumber is REF*6R, the line item control number the
	// provider sent in the 837 (REF*6R in loop 2400).
	LineControlNumber string
	// References are the other REF segments of the line.
	References []Reference
	// Amounts are the AMT segments (B6 allowed, KH late filing
	// reduction, ...), Quantities the QTY segments.
	Amounts    []Amount
	Quantities []Quantity
	// Remarks are the LQ segments.
	Remarks []Remark
	Pos     x12.Position
}

// SubmittedProcedure returns the procedure as the provider sent it: SVC06
// when present, else SVC01.
func (s *ServicePayment) SubmittedProcedure() Procedure {
	if s.OriginalProcedure != nil {
		return *s.OriginalProcedure
	}
	return s.Procedure
}

// Amount returns the first line-level AMT with qualifier q.
func (s *ServicePayment) Amount(q string) (decimal.Decimal, bool) { return findAmount(s.Amounts, q) }

// ProviderAdjustment is one reason and amount pair of a PLB segment.
// A positive amount reduces the payment (money taken back), a negative
// one increases it.
type ProviderAdjustment struct {
	// ProviderID is PLB01, FiscalPeriodEnd PLB02.
	ProviderID      string
	FiscalPeriodEnd x12.Date
	// Reason is the first component of the adjustment identifier (WO
	// overpayment recovery, L6 interest, FB forwarding balance, ...),
	// Reference the second (often the original claim's ICN).
	Reason    string
	Reference string
	Amount    decimal.Decimal
	Pos       x12.Position
}
