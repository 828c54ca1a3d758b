package claims

import (
	"fmt"
	"time"
)

// ClaimStatus is where a claim is in its life. The zero value is Draft.
type ClaimStatus string

// Claim statuses.
const (
	// Draft: built, or failed a validation.
	Draft ClaimStatus = "draft"
	// ReadyToSubmit: passed validation; waits for the next batch.
	ReadyToSubmit ClaimStatus = "ready_to_submit"
	// Submitted: sent in a batch.
	Submitted ClaimStatus = "submitted"
	// Accepted: a 999 or 277CA accepted it.
	Accepted ClaimStatus = "accepted"
	// Rejected: a 999 or 277CA rejected it.
	Rejected ClaimStatus = "rejected"
	// Paid: an 835 paid it in full.
	Paid ClaimStatus = "paid"
	// PartiallyPaid: an 835 paid part of it.
	PartiallyPaid ClaimStatus = "partially_paid"
	// Denied: an 835 denied it.
	Denied ClaimStatus = "denied"
	// Reversed: an 835 reversed an earlier payment or denial (CLP02 = 22).
	Reversed ClaimStatus = "reversed"
	// Corrected: a replacement claim (frequency 7) supersedes it.
	Corrected ClaimStatus = "corrected"
	// Voided: a void claim (frequency 8) cancels it.
	Voided ClaimStatus = "voided"
)

// ClaimStatuses lists every claim status in lifecycle order.
var ClaimStatuses = []ClaimStatus{
	Draft, ReadyToSubmit, Submitted, Accepted, Rejected,
	Paid, PartiallyPaid, Denied, Reversed, Corrected, Voided,
}

func (s ClaimStatus) norm() ClaimStatus {
	if s == "" {
		return Draft
	}
	return s
}

// claimMoves is the claim status machine.
var claimMoves = map[ClaimStatus][]ClaimStatus{
	Draft:         {ReadyToSubmit},
	ReadyToSubmit: {Draft, Submitted},
	// An 835 can arrive for a claim whose 277CA never came.
	Submitted: {Accepted, Rejected, Paid, PartiallyPaid, Denied},
	// The clearinghouse accepts, then the payer rejects.
	Accepted:      {Rejected, Paid, PartiallyPaid, Denied},
	Rejected:      {Corrected, Voided},
	Paid:          {Reversed},
	PartiallyPaid: {Reversed},
	Denied:        {Reversed, Corrected, Voided},
	// A reversal is usually followed by the corrected adjudication.
	Reversed: {Paid, PartiallyPaid, Denied},
}

// Valid reports whether s is a known status (the zero value counts as Draft).
func (s ClaimStatus) Valid() bool {
	switch s.norm() {
	case Draft, ReadyToSubmit, Submitted, Accepted, Rejected, Paid, PartiallyPaid,
		Denied, Reversed, Corrected, Voided:
		return true
	}
	return false
}

// CanTransition reports whether the claim status machine allows s → to:
//
//	Draft → ReadyToSubmit → Submitted → Accepted | Rejected
//	ReadyToSubmit → Draft (failed a later validation)
//	Submitted | Accepted → Paid | PartiallyPaid | Denied
//	Accepted → Rejected (the payer rejects after the clearinghouse accepted)
//	Paid | PartiallyPaid | Denied → Reversed → Paid | PartiallyPaid | Denied
//	Rejected | Denied → Corrected (frequency 7) | Voided (frequency 8)
func (s ClaimStatus) CanTransition(to ClaimStatus) bool {
	for _, v := range claimMoves[s.norm()] {
		if v == to.norm() {
			return true
		}
	}
	return false
}

// Change says who moved a claim, when and why. The library never reads a
// clock: the caller supplies At.
type Change struct {
	By     string    `json:"by,omitempty"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// StatusChange is one entry of a claim's history.
type StatusChange struct {
	From ClaimStatus `json:"from"`
	To   ClaimStatus `json:"to"`
	Change
}

// Transition moves the claim to status to and records ch in its history,
// or returns an error wrapping ErrIllegalTransition and leaves the claim
// unchanged.
func (c *Claim) Transition(to ClaimStatus, ch Change) error {
	from := c.Status.norm()
	if !from.CanTransition(to) {
		return fmt.Errorf("%w: claim %s: %s to %s", ErrIllegalTransition, c.PatientControlNumber, from, to.norm())
	}
	c.Status = to.norm()
	c.History = append(c.History, StatusChange{From: from, To: c.Status, Change: ch})
	return nil
}

// Record adds an event that leaves the status as it is to the claim's
// history (From == To): an acknowledgment that confirms what an earlier
// one said, or a validation that fails again. It never changes Status.
func (c *Claim) Record(ch Change) {
	s := c.Status.norm()
	c.History = append(c.History, StatusChange{From: s, To: s, Change: ch})
}

// Correct marks a rejected or denied claim Corrected and returns its
// replacement: a copy with frequency 7, the original's payer claim control
// number as OriginalReference, patient control number pcn, status Draft and
// a fresh history. The original must have a PayerClaimControlNumber.
func (c *Claim) Correct(pcn string, ch Change) (*Claim, error) {
	return c.supersede(Corrected, FrequencyReplacement, pcn, ch)
}

// Void marks a rejected or denied claim Voided and returns the void claim:
// like Correct, with frequency 8.
func (c *Claim) Void(pcn string, ch Change) (*Claim, error) {
	return c.supersede(Voided, FrequencyVoid, pcn, ch)
}

func (c *Claim) supersede(status ClaimStatus, freq Frequency, pcn string, ch Change) (*Claim, error) {
	if !c.Status.norm().CanTransition(status) {
		return nil, fmt.Errorf("%w: claim %s: %s to %s", ErrIllegalTransition, c.PatientControlNumber, c.Status.norm(), status)
	}
	if c.PayerClaimControlNumber == "" {
		return nil, fmt.Errorf("%w: claim %s", ErrNoOriginalReference, c.PatientControlNumber)
	}
	n := c.clone()
	n.ID = pcn
	n.PatientControlNumber = pcn
	n.Frequency = freq
	n.OriginalReference = c.PayerClaimControlNumber
	n.PayerClaimControlNumber = ""
	n.Status = Draft
	n.History = []StatusChange{{From: Draft, To: Draft, Change: ch}}
	if err := c.Transition(status, ch); err != nil {
		return nil, err
	}
	return n, nil
}

// clone returns a deep copy of c's slices and pointers.
func (c *Claim) clone() *Claim {
	n := *c
	n.Diagnoses = append([]string(nil), c.Diagnoses...)
	n.Lines = make([]ClaimLine, len(c.Lines))
	for i, l := range c.Lines {
		l.DiagnosisPointers = append([]int(nil), l.DiagnosisPointers...)
		l.ChargeItemIDs = append([]string(nil), l.ChargeItemIDs...)
		if l.Rendering != nil {
			r := *l.Rendering
			l.Rendering = &r
		}
		n.Lines[i] = l
	}
	n.History = append([]StatusChange(nil), c.History...)
	if c.PayTo != nil {
		p := *c.PayTo
		n.PayTo = &p
	}
	if c.Rendering != nil {
		p := *c.Rendering
		n.Rendering = &p
	}
	if c.ServiceFacility != nil {
		f := *c.ServiceFacility
		n.ServiceFacility = &f
	}
	return &n
}
