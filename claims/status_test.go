package claims

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The status machines written out from DESIGN.md, "Rules of the house":
// every pair not listed is illegal.
var (
	legalItemMoves = map[[2]ChargeItemStatus]bool{
		{ItemScheduled, ItemAwaitingSubmission}:          true, // session started
		{ItemAwaitingSubmission, ItemNew}:                true, // session submitted
		{ItemNew, ItemReadyToBill}:                       true, // approved
		{ItemReadyToBill, ItemClaimLineCreated}:          true, // grouped
		{ItemClaimLineCreated, ItemAwaitingResubmission}: true, // session reopened
		{ItemAwaitingResubmission, ItemClaimLineCreated}: true, // line sent again
		{ItemNew, ItemOnHold}:                            true,
		{ItemOnHold, ItemNew}:                            true,
		{ItemNew, ItemBilledExternally}:                  true, // billing export
		{ItemReadyToBill, ItemBilledExternally}:          true, // billing export
	}
	legalClaimMoves = map[[2]ClaimStatus]bool{
		{Draft, ReadyToSubmit}:     true,
		{ReadyToSubmit, Draft}:     true, // failed a later validation
		{ReadyToSubmit, Submitted}: true,
		{Submitted, Accepted}:      true,
		{Submitted, Rejected}:      true,
		{Submitted, Paid}:          true, // 835 without a 277CA
		{Submitted, PartiallyPaid}: true,
		{Submitted, Denied}:        true,
		{Accepted, Rejected}:       true, // clearinghouse accepted, payer rejected
		{Accepted, Paid}:           true,
		{Accepted, PartiallyPaid}:  true,
		{Accepted, Denied}:         true,
		{Paid, Reversed}:           true,
		{PartiallyPaid, Reversed}:  true,
		{Denied, Reversed}:         true,
		{Reversed, Paid}:           true,
		{Reversed, PartiallyPaid}:  true,
		{Reversed, Denied}:         true,
		{Rejected, Corrected}:      true,
		{Rejected, Voided}:         true,
		{Denied, Corrected}:        true,
		{Denied, Voided}:           true,
	}
)

func TestChargeItemTransitions(t *testing.T) {
	t.Parallel()
	for _, from := range ItemStatuses {
		for _, to := range append(ItemStatuses, "bogus") {
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				t.Parallel()
				it := ChargeItem{ID: "CI1", Status: from}
				err := it.Transition(to)
				if legalItemMoves[[2]ChargeItemStatus{from, to}] {
					if err != nil || it.Status != to {
						t.Fatalf("legal move: err %v, status %s", err, it.Status)
					}
					return
				}
				if !errors.Is(err, ErrIllegalTransition) || it.Status != from {
					t.Fatalf("illegal move: err %v, status %s", err, it.Status)
				}
			})
		}
	}
}

func TestChargeItemZeroStatusIsScheduled(t *testing.T) {
	t.Parallel()
	var it ChargeItem
	if err := it.Transition(ItemAwaitingSubmission); err != nil {
		t.Fatal(err)
	}
	if err := (&ChargeItem{}).Transition(ItemNew); !errors.Is(err, ErrIllegalTransition) {
		t.Fatalf("zero status to new: %v", err)
	}
}

func TestClaimTransitions(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 2, 3, 12, 0, 0, 0, time.UTC)
	for _, from := range ClaimStatuses {
		for _, to := range append(ClaimStatuses, "bogus") {
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				t.Parallel()
				c := Claim{PatientControlNumber: "PCN1", Status: from}
				ch := Change{By: "biller", At: at, Reason: "test"}
				err := c.Transition(to, ch)
				if legalClaimMoves[[2]ClaimStatus{from, to}] {
					want := []StatusChange{{From: from, To: to, Change: ch}}
					if err != nil || c.Status != to || !cmp.Equal(c.History, want) {
						t.Fatalf("legal move: err %v, status %s, history %v", err, c.Status, c.History)
					}
					return
				}
				if !errors.Is(err, ErrIllegalTransition) || c.Status != from || len(c.History) != 0 {
					t.Fatalf("illegal move: err %v, status %s, history %v", err, c.Status, c.History)
				}
			})
		}
	}
}

func TestClaimLifecycle(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 2, 3, 12, 0, 0, 0, time.UTC)
	var c Claim // the zero status is Draft
	c.PatientControlNumber = "PCN1"
	for i, to := range []ClaimStatus{ReadyToSubmit, Submitted, Accepted, Paid, Reversed, Denied} {
		if err := c.Transition(to, Change{By: "daemon", At: at.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	want := []StatusChange{
		{Draft, ReadyToSubmit, Change{By: "daemon", At: at}},
		{ReadyToSubmit, Submitted, Change{By: "daemon", At: at.Add(time.Hour)}},
		{Submitted, Accepted, Change{By: "daemon", At: at.Add(2 * time.Hour)}},
		{Accepted, Paid, Change{By: "daemon", At: at.Add(3 * time.Hour)}},
		{Paid, Reversed, Change{By: "daemon", At: at.Add(4 * time.Hour)}},
		{Reversed, Denied, Change{By: "daemon", At: at.Add(5 * time.Hour)}},
	}
	if diff := cmp.Diff(want, c.History); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

func TestCorrectAndVoid(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	ch := Change{By: "biller", At: at, Reason: "wrong units"}
	tests := []struct {
		name     string
		status   ClaimStatus
		payerNum string
		void     bool
		wantErr  error
	}{
		{"correct a denied claim", Denied, "PAYER123", false, nil},
		{"void a rejected claim", Rejected, "PAYER123", true, nil},
		{"no payer claim number", Denied, "", false, ErrNoOriginalReference},
		{"paid claims are not corrected", Paid, "PAYER123", false, ErrIllegalTransition},
		{"submitted claims are not voided", Submitted, "PAYER123", true, ErrIllegalTransition},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := testBatch()
			b.Items = []ChargeItem{testItem("A")}
			res, err := Group(b, GroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			orig := res.Claims[0]
			orig.Status, orig.PayerClaimControlNumber = tc.status, tc.payerNum
			var n *Claim
			if tc.void {
				n, err = orig.Void("NEWPCN", ch)
			} else {
				n, err = orig.Correct("NEWPCN", ch)
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || n != nil || orig.Status != tc.status {
					t.Fatalf("got %v, %v, status %s; want %v and no change", n, err, orig.Status, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantFreq, wantStatus := FrequencyReplacement, Corrected
			if tc.void {
				wantFreq, wantStatus = FrequencyVoid, Voided
			}
			if n.Frequency != wantFreq || n.OriginalReference != "PAYER123" || n.PatientControlNumber != "NEWPCN" ||
				n.Status != Draft || n.PayerClaimControlNumber != "" || !n.Total().Equal(orig.Total()) {
				t.Errorf("new claim: %+v", n)
			}
			if orig.Status != wantStatus || orig.History[len(orig.History)-1].Change != ch {
				t.Errorf("original: status %s history %v", orig.Status, orig.History)
			}
			// The copy does not share lines with the original.
			n.Lines[0].ChargeItemIDs[0] = "changed"
			if orig.Lines[0].ChargeItemIDs[0] != "A" {
				t.Errorf("the new claim shares line storage with the original")
			}
		})
	}
}

func TestClaimRecordKeepsStatus(t *testing.T) {
	c := &Claim{PatientControlNumber: "PCN1", Status: Accepted}
	ch := Change{By: "clearinghouse", Reason: "277CA A2 from the payer"}
	c.Record(ch)
	if c.Status != Accepted {
		t.Errorf("status %s, want accepted", c.Status)
	}
	want := []StatusChange{{From: Accepted, To: Accepted, Change: ch}}
	if diff := cmp.Diff(want, c.History); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}
