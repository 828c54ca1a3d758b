package remit

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Outcome is what one CLP did to a sent claim.
type Outcome string

// Outcomes of applying a CLP.
const (
	// OutcomePaid: paid, with at most contractual and patient adjustments.
	OutcomePaid Outcome = "paid"
	// OutcomePartiallyPaid: paid, but a line or an amount was denied.
	OutcomePartiallyPaid Outcome = "partially_paid"
	// OutcomeDenied: CLP02 = 4, or nothing paid and nothing owed by the patient.
	OutcomeDenied Outcome = "denied"
	// OutcomeReversed: CLP02 = 22, the payer takes back an earlier
	// adjudication.
	OutcomeReversed Outcome = "reversed"
	// OutcomeCorrected: a new adjudication of a reversed claim; the
	// claim becomes paid, partially paid or denied.
	OutcomeCorrected Outcome = "corrected"
	// OutcomeInformational: CLP02 = 23 (not our claim, forwarded) or 25
	// (predetermination): recorded, the claim's status does not change.
	OutcomeInformational Outcome = "informational"
)

// LineMatch says how a service line of an 835 was matched to a claim line.
type LineMatch string

// Ways to match a service line.
const (
	// MatchedByControlNumber: REF*6R equals the claim line's control number.
	MatchedByControlNumber LineMatch = "line_control_number"
	// MatchedByProcedureAndDate: same procedure code and modifiers (as
	// submitted, SVC06 when present) and the same first date of service.
	MatchedByProcedureAndDate LineMatch = "procedure_and_date"
	// NotMatched: no claim line fits.
	NotMatched LineMatch = ""
)

// Posting is one CLP applied to one sent claim: what the payer decided,
// for the claim's record. Amounts are the payer's, negative on a reversal.
type Posting struct {
	// Key identifies the CLP (payer, trace number, its place in the
	// set, claim and amounts): the same 835 applied twice yields the
	// same keys, so it is posted once.
	Key                  string
	ClaimID              string
	PatientControlNumber string
	Outcome              Outcome
	// From and To are the claim's status before and after; equal when
	// the posting did not move the claim (a second payer, a repeat).
	From claims.ClaimStatus
	To   claims.ClaimStatus
	// ClaimStatus is CLP02.
	ClaimStatus             ClaimStatus
	Charge                  decimal.Decimal
	Paid                    decimal.Decimal
	PatientResponsibility   decimal.Decimal
	PayerClaimControlNumber string
	// Payer is the payer's identifier (PayerID) and PayerName its name.
	Payer       string
	PayerName   string
	TraceNumber string
	PaymentDate x12.Date
	// Adjustments and Remarks are the claim-level ones; the lines carry
	// theirs.
	Adjustments []Adjustment
	Remarks     []Remark
	Lines       []LinePosting
	// Pos is the position of the CLP in its file.
	Pos x12.Position
}

// LinePosting is one service line of a posting.
type LinePosting struct {
	// Line is the claim line's number (ClaimLine.Number), 0 when not matched.
	Line      int
	MatchedBy LineMatch
	// Procedure is SVC01 as adjudicated.
	Procedure   Procedure
	Charge      decimal.Decimal
	Paid        decimal.Decimal
	Units       decimal.Decimal
	ServiceDate x12.Date
	// Denied is true when the line was charged but neither the payer
	// nor the patient owes anything for it.
	Denied      bool
	Adjustments []Adjustment
	Remarks     []Remark
	Pos         x12.Position
}

// Unapplied is a CLP that could not be applied: no claim was sent with
// its patient control number, or the claim's status cannot take it.
type Unapplied struct {
	PatientControlNumber string
	ClaimStatus          ClaimStatus
	Charge               decimal.Decimal
	Paid                 decimal.Decimal
	TraceNumber          string
	// Reason says why, with the claim's identifiers and statuses.
	Reason string
	Pos    x12.Position
}

// Result is what Book.Apply did with one remittance.
type Result struct {
	// Postings are the CLPs applied now, in file order.
	Postings []Posting
	// Duplicates counts the CLPs that were already applied (the same
	// 835 seen again): they change nothing.
	Duplicates int
	// Unapplied are the CLPs that match no sent claim or that the claim
	// cannot take. They are reported, never dropped.
	Unapplied []Unapplied
}

// Book reconciles remittances with the claims that were sent. It holds
// the claims by patient control number and the keys of the postings
// already made, so that applying the same 835 twice changes nothing the
// second time. A Book is not safe for concurrent use.
type Book struct {
	byPCN    map[string][]*claims.Claim
	applied  map[string]bool
	postings []Posting
}

// NewBook returns a Book over the sent claims. history holds the postings
// made before (as a ledger stored them); their keys are not applied again.
func NewBook(sent []*claims.Claim, history []Posting) *Book {
	b := &Book{byPCN: make(map[string][]*claims.Claim, len(sent)), applied: make(map[string]bool, len(history))}
	for _, c := range sent {
		b.byPCN[c.PatientControlNumber] = append(b.byPCN[c.PatientControlNumber], c)
	}
	for _, p := range history {
		b.applied[p.Key] = true
		b.postings = append(b.postings, p)
	}
	return b
}

// Postings returns every posting of the book, the history first.
func (b *Book) Postings() []Posting { return b.postings }

// PatientResponsibility returns what the patient owes on the claim with
// patient control number pcn according to the postings: the sum of
// CLP05, where a reversal cancels the amount it reverses.
func (b *Book) PatientResponsibility(pcn string) decimal.Decimal {
	var s sum
	for i := range b.postings {
		if b.postings[i].PatientControlNumber == pcn {
			s.add(figureOf(b.postings[i].PatientResponsibility), false)
		}
	}
	return s.value()
}

// PayerClaimPrefix is how many characters of CLP01 payers guarantee to
// return (X12 RFIs 525 and 535): a longer patient control number may come
// back cut to this length.
const PayerClaimPrefix = 20

// claim finds the sent claim for CLP01 pcn: an exact match, else the one
// claim whose patient control number was cut to PayerClaimPrefix. Among
// several claims with one number, a live one (not corrected or voided)
// wins, then the last.
func (b *Book) claim(pcn string) *claims.Claim {
	list := b.byPCN[pcn]
	if len(list) == 0 && len(pcn) == PayerClaimPrefix {
		for k, l := range b.byPCN {
			if len(k) > PayerClaimPrefix && strings.HasPrefix(k, pcn) {
				if list != nil {
					return nil // ambiguous
				}
				list = l
			}
		}
	}
	var found *claims.Claim
	for _, c := range list {
		if found == nil || c.Status != claims.Corrected && c.Status != claims.Voided {
			found = c
		}
	}
	return found
}

// Apply applies every CLP of rem to the sent claims: it moves their
// statuses (recording ch, with a reason naming the 835, in their
// history), learns the payer claim control number and records a posting.
// CLPs already applied are skipped; CLPs that cannot be applied are
// returned in Result.Unapplied.
func (b *Book) Apply(rem *Remittance, ch claims.Change) Result {
	var res Result
	for i := range rem.Claims {
		cp := &rem.Claims[i]
		key := postingKey(rem, i)
		if b.applied[key] {
			res.Duplicates++
			continue
		}
		c := b.claim(cp.PatientControlNumber)
		if c == nil {
			res.Unapplied = append(res.Unapplied, unapplied(rem, cp, "no claim was sent with patient control number "+cp.PatientControlNumber))
			continue
		}
		p, reason := b.post(rem, cp, c, ch)
		if reason != "" {
			res.Unapplied = append(res.Unapplied, unapplied(rem, cp, reason))
			continue
		}
		p.Key = key
		b.applied[key] = true
		b.postings = append(b.postings, p)
		res.Postings = append(res.Postings, p)
	}
	return res
}

func unapplied(rem *Remittance, cp *ClaimPayment, reason string) Unapplied {
	return Unapplied{PatientControlNumber: cp.PatientControlNumber, ClaimStatus: cp.Status, Charge: cp.Charge, Paid: cp.Paid,
		TraceNumber: rem.Trace.Number, Reason: reason, Pos: cp.Pos}
}

// postingKey identifies the i-th CLP of rem independently of the file it
// came in: the payer's trace (TRN03, TRN02), the CLP's place in the set
// and its identity and amounts.
func postingKey(rem *Remittance, i int) string {
	c := &rem.Claims[i]
	return strings.Join([]string{
		rem.Trace.Originator, rem.Trace.Number, rem.ControlNumber, strconv.Itoa(i + 1),
		c.PatientControlNumber, string(c.Status), FormatAmount(c.Paid), c.PayerClaimControlNumber,
	}, "|")
}

// post applies cp to claim c, or returns why it cannot.
func (b *Book) post(rem *Remittance, cp *ClaimPayment, c *claims.Claim, ch claims.Change) (Posting, string) {
	outcome, to := Adjudicate(cp)
	from := c.Status
	if from == "" {
		from = claims.Draft
	}
	move := to != "" && to != from
	switch {
	case outcome == OutcomeInformational:
		to = from
	case from == claims.Reversed && outcome != OutcomeReversed:
		outcome = OutcomeCorrected
	case move && !from.CanTransition(to) && laterPayer(cp.Status) && adjudicated(from):
		// A secondary or tertiary payer's part of a claim the primary
		// already decided: recorded, the status stays.
		to, move = from, false
	}
	if !move {
		to = from
	}
	if move {
		if !from.CanTransition(to) {
			return Posting{}, "claim " + c.PatientControlNumber + " is " + string(from) + ": CLP02 " + string(cp.Status) +
				" (" + string(outcome) + ") cannot move it to " + string(to)
		}
		ch.Reason = "835 trace " + rem.Trace.Number + ": CLP02 " + string(cp.Status) + ", paid " + FormatAmount(cp.Paid)
		if err := c.Transition(to, ch); err != nil {
			return Posting{}, err.Error()
		}
	}
	if cp.PayerClaimControlNumber != "" && outcome != OutcomeReversed {
		c.PayerClaimControlNumber = cp.PayerClaimControlNumber
	}
	p := Posting{
		ClaimID: c.ID, PatientControlNumber: c.PatientControlNumber, Outcome: outcome, From: from, To: to,
		ClaimStatus: cp.Status, Charge: cp.Charge, Paid: cp.Paid, PatientResponsibility: cp.PatientResponsibility,
		PayerClaimControlNumber: cp.PayerClaimControlNumber, Payer: rem.Payer.PayerID(), PayerName: rem.Payer.Name,
		TraceNumber: rem.Trace.Number, PaymentDate: rem.Payment.Date,
		Adjustments: slices.Clone(cp.Adjustments), Remarks: slices.Clone(cp.Remarks), Pos: cp.Pos,
	}
	used := make([]bool, len(c.Lines))
	for j := range cp.Services {
		p.Lines = append(p.Lines, postLine(&cp.Services[j], c, used))
	}
	return p, ""
}

func laterPayer(s ClaimStatus) bool {
	switch s {
	case StatusSecondary, StatusTertiary, StatusSecondaryForwarded, StatusTertiaryForwarded:
		return true
	}
	return false
}

func adjudicated(s claims.ClaimStatus) bool {
	return s == claims.Paid || s == claims.PartiallyPaid || s == claims.Denied
}

// postLine matches service line s to a line of c not used yet: by REF*6R,
// else by procedure, modifiers and first date of service.
func postLine(s *ServicePayment, c *claims.Claim, used []bool) LinePosting {
	lp := LinePosting{
		Procedure: s.Procedure, Charge: s.Charge, Paid: s.Paid, Units: s.Units, ServiceDate: s.ServiceFrom,
		Denied: lineDenied(s), Adjustments: slices.Clone(s.Adjustments), Remarks: slices.Clone(s.Remarks), Pos: s.Pos,
	}
	match := func(i int, by LineMatch) LinePosting {
		used[i] = true
		lp.Line, lp.MatchedBy = c.Lines[i].Number, by
		return lp
	}
	if s.LineControlNumber != "" {
		for i := range c.Lines {
			if !used[i] && c.Lines[i].ControlNumber == s.LineControlNumber {
				return match(i, MatchedByControlNumber)
			}
		}
	}
	sub := s.SubmittedProcedure()
	for i := range c.Lines {
		l := &c.Lines[i]
		if used[i] || l.Procedure.Code != sub.Code || !slices.Equal(l.Procedure.Modifiers.Slice(), sub.Modifiers) {
			continue
		}
		if s.ServiceFrom.IsZero() || l.Service.From == s.ServiceFrom {
			return match(i, MatchedByProcedureAndDate)
		}
	}
	return lp
}

// contractual are the CARCs that reduce a payment without denying
// anything: fee schedule (45), maximum allowable (42), prior payer (23),
// multiple procedure rules (59), processed in excess of charges (94),
// negotiated discount (131), incentive (144), sequestration (253).
var contractual = map[string]bool{"45": true, "42": true, "23": true, "59": true, "94": true, "131": true, "144": true, "253": true}

// denial reports whether a is an adjustment that denies money: not the
// patient's share, not a contractual reduction.
func denial(a *Adjustment) bool {
	return a.Group != GroupPatient && !contractual[a.Reason] && a.Amount.Sign() > 0
}

// lineDenied reports whether a charged line got nothing: no payment and
// nothing owed by the patient.
func lineDenied(s *ServicePayment) bool {
	if !s.Paid.IsZero() || s.Charge.Sign() <= 0 {
		return false
	}
	for i := range s.Adjustments {
		if s.Adjustments[i].Group == GroupPatient && !s.Adjustments[i].Amount.IsZero() {
			return false
		}
	}
	return true
}

// Adjudicate classifies a CLP and returns the claim status it leads to
// ("" for an informational one):
//
//   - CLP02 22: reversed;
//   - CLP02 23 or 25, or an unknown code: informational;
//   - CLP02 4, or nothing paid and no patient responsibility: denied;
//   - a line denied (charged, nothing paid, nothing owed by the patient)
//     or a denying adjustment (not PR, not a contractual reason such as
//     CO-45 or CO-253): partially paid;
//   - otherwise paid.
func Adjudicate(c *ClaimPayment) (Outcome, claims.ClaimStatus) {
	switch c.Status {
	case StatusReversal:
		return OutcomeReversed, claims.Reversed
	case StatusDenied:
		return OutcomeDenied, claims.Denied
	case StatusPrimary, StatusSecondary, StatusTertiary, StatusPrimaryForwarded, StatusSecondaryForwarded, StatusTertiaryForwarded:
	default:
		return OutcomeInformational, ""
	}
	if c.Paid.IsZero() && c.PatientResponsibility.IsZero() {
		return OutcomeDenied, claims.Denied
	}
	partial := false
	for i := range c.Adjustments {
		partial = partial || denial(&c.Adjustments[i])
	}
	for i := range c.Services {
		s := &c.Services[i]
		partial = partial || lineDenied(s)
		for j := range s.Adjustments {
			partial = partial || denial(&s.Adjustments[j])
		}
	}
	if partial {
		return OutcomePartiallyPaid, claims.PartiallyPaid
	}
	return OutcomePaid, claims.Paid
}
