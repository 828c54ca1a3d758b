package ack277

import (
	"fmt"
	"strings"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Result is what applying one acknowledgment did.
type Result struct {
	// Claims has one entry per acknowledged claim that matched a claim
	// given to Apply, in file order.
	Claims []Applied `json:"claims"`
	// Unmatched are the acknowledged claims whose patient control number
	// names none of the claims given to Apply: reported, never dropped.
	Unmatched []Unmatched `json:"unmatched"`
}

// Applied is the effect of the acknowledgment on one claim.
type Applied struct {
	PatientControlNumber string `json:"patient_control_number"`
	// ClaimID is the matched claim's ID.
	ClaimID string  `json:"claim_id"`
	Stage   Stage   `json:"stage"`
	Outcome Outcome `json:"outcome"`
	// From and To are the claim's status before and after. When the
	// acknowledgment confirms the status the claim already has (the
	// payer's A2 after the clearinghouse's, or an A1 receipt), To equals
	// From and the acknowledgment is still recorded in the claim's history.
	From claims.ClaimStatus `json:"from"`
	To   claims.ClaimStatus `json:"to"`
	// Changed reports whether the status moved.
	Changed bool `json:"changed"`
	// Reasons are the summary's reasons (rejections to work).
	Reasons []Reason `json:"reasons"`
	// Lines are the outcomes of the lines the acknowledgment reports.
	Lines []AppliedLine `json:"lines,omitempty"`
	// Err is set when the acknowledgment could not be applied: the claim
	// was never submitted, or the status machine forbids the move (it
	// wraps claims.ErrIllegalTransition), or the number is ambiguous
	// (ErrAmbiguous). The claim is then unchanged.
	Err error `json:"-"`
	// Error is Err's text, for JSON.
	Error string       `json:"error,omitempty"`
	Pos   x12.Position `json:"-"`
}

// AppliedLine is the outcome of one acknowledged service line.
type AppliedLine struct {
	// Line is the 1-based index of the SVC loop in the acknowledgment.
	Line int `json:"line"`
	// ClaimLine is the Number of the matched claims.ClaimLine, 0 when no
	// line of the claim matches.
	ClaimLine             int     `json:"claim_line"`
	LineItemControlNumber string  `json:"line_item_control_number,omitempty"`
	Outcome               Outcome `json:"outcome"`
}

// Unmatched is an acknowledged claim that names no known claim.
type Unmatched struct {
	PatientControlNumber string       `json:"patient_control_number"`
	Stage                Stage        `json:"stage"`
	Outcome              Outcome      `json:"outcome"`
	Reasons              []Reason     `json:"reasons"`
	Pos                  x12.Position `json:"position"`
}

// Apply applies the acknowledgment to the claims it names, matching each
// acknowledged claim by patient control number (TRN02 = CLM01).
//
// An accepted claim moves Submitted → Accepted and a rejected one
// Submitted | Accepted → Rejected, through Claim.Transition with ch (its
// Reason is filled with the acknowledgment's control number and status
// codes; By defaults to "277CA"). An acknowledgment that does not move
// the status (the payer's acceptance after the clearinghouse's, a pending
// A1 receipt, a late acceptance of a paid claim) is appended to the
// claim's history with From equal to To, so every stage is kept. The
// payer claim control number (REF*1K) is stored on the claim when the
// payer sends it, or when the claim has none yet.
//
// Claims that are Corrected or Voided are skipped when matching, so an
// acknowledgment reaches the claim that is live. Apply never reads the
// clock: ch.At is the time recorded.
func Apply(ack *Acknowledgment, set []*claims.Claim, ch claims.Change) Result {
	byPCN := make(map[string][]*claims.Claim, len(set))
	for _, c := range set {
		byPCN[c.PatientControlNumber] = append(byPCN[c.PatientControlNumber], c)
	}
	if ch.By == "" {
		ch.By = "277CA"
	}
	refs := ack.Claims()
	res := Result{Claims: make([]Applied, 0, len(refs)), Unmatched: []Unmatched{}}
	for _, ref := range refs {
		ac := ref.Claim
		sum := ac.Summary()
		cands := live(byPCN[ac.PatientControlNumber])
		if len(byPCN[ac.PatientControlNumber]) == 0 || ac.PatientControlNumber == "" {
			res.Unmatched = append(res.Unmatched, Unmatched{
				PatientControlNumber: ac.PatientControlNumber, Stage: ref.Source.Stage,
				Outcome: sum.Outcome, Reasons: sum.Reasons, Pos: ac.Pos,
			})
			continue
		}
		a := Applied{
			PatientControlNumber: ac.PatientControlNumber, Stage: ref.Source.Stage,
			Outcome: sum.Outcome, Reasons: sum.Reasons, Pos: ac.Pos,
		}
		switch len(cands) {
		case 0:
			// Only superseded claims carry the number: report against the first.
			cands = byPCN[ac.PatientControlNumber][:1]
		case 1:
		default:
			a.Err = fmt.Errorf("%w: %s (%d claims)", ErrAmbiguous, ac.PatientControlNumber, len(cands))
			a.Error = a.Err.Error()
			res.Claims = append(res.Claims, a)
			continue
		}
		c := cands[0]
		a.ClaimID = c.ID
		chc := ch
		chc.Reason = reasonText(ack, ref.Source.Stage, ac)
		a.From, a.To, a.Changed, a.Err = applyOne(c, sum.Outcome, chc)
		if a.Err != nil {
			a.Error = a.Err.Error()
		} else if ac.PayerClaimControlNumber != "" && (ref.Source.Stage == StagePayer || c.PayerClaimControlNumber == "") {
			c.PayerClaimControlNumber = ac.PayerClaimControlNumber
		}
		for i, l := range ac.Lines {
			a.Lines = append(a.Lines, AppliedLine{
				Line: i + 1, ClaimLine: matchLine(c, l),
				LineItemControlNumber: l.LineItemControlNumber, Outcome: l.Outcome(),
			})
		}
		res.Claims = append(res.Claims, a)
	}
	return res
}

// live drops superseded claims.
func live(cs []*claims.Claim) []*claims.Claim {
	var out []*claims.Claim
	for _, c := range cs {
		if c.Status != claims.Corrected && c.Status != claims.Voided {
			out = append(out, c)
		}
	}
	return out
}

// applyOne moves c for outcome, or records the acknowledgment when the
// status stays.
func applyOne(c *claims.Claim, outcome Outcome, ch claims.Change) (from, to claims.ClaimStatus, changed bool, err error) {
	from = c.Status
	if from == "" {
		from = claims.Draft
	}
	switch from {
	case claims.Draft, claims.ReadyToSubmit, claims.Corrected, claims.Voided:
		return from, from, false, fmt.Errorf("%w: claim %s is %s and cannot be acknowledged", claims.ErrIllegalTransition, c.PatientControlNumber, from)
	}
	target := from
	switch outcome {
	case Rejected:
		target = claims.Rejected
	case Accepted:
		if from == claims.Submitted || from == claims.Rejected {
			target = claims.Accepted
		}
	}
	if target == from {
		c.Record(ch)
		return from, from, false, nil
	}
	if err := c.Transition(target, ch); err != nil {
		return from, from, false, err
	}
	return from, target, true, nil
}

// matchLine finds the claim line an acknowledged line refers to: by line
// item control number (REF*FJ = REF*6R), else by procedure, charge and
// service date when exactly one line has them. It returns the line's
// Number, or 0.
func matchLine(c *claims.Claim, l *Line) int {
	if l.LineItemControlNumber != "" {
		for _, cl := range c.Lines {
			if cl.ControlNumber == l.LineItemControlNumber {
				return cl.Number
			}
		}
	}
	found := 0
	for _, cl := range c.Lines {
		if cl.Procedure.String() != l.Service.Procedure.String() || !cl.Charge.Equal(l.Charge) {
			continue
		}
		if !l.ServiceDates.From.IsZero() && cl.Service != l.ServiceDates {
			continue
		}
		if found != 0 {
			return 0
		}
		found = cl.Number
	}
	return found
}

// reasonText is the history reason: the set, the stage and the status
// codes. It never holds patient data or free text.
func reasonText(ack *Acknowledgment, stage Stage, c *Claim) string {
	var b strings.Builder
	b.WriteString("277CA from ")
	b.WriteString(string(stage))
	b.WriteString(" (ISA ")
	b.WriteString(ack.InterchangeControlNumber)
	b.WriteString(", ST ")
	b.WriteString(ack.ControlNumber)
	b.WriteString("): ")
	b.WriteString(string(c.Outcome()))
	for _, s := range c.Statuses {
		for _, sc := range s.Codes {
			b.WriteString(" ")
			b.WriteString(string(sc.Category))
			if sc.Code != "" {
				b.WriteString(":" + sc.Code)
			}
			if sc.Entity != "" {
				b.WriteString(":" + sc.Entity)
			}
		}
	}
	return b.String()
}
