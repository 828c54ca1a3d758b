package ack277

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// readAck decodes the single set of a testdata file.
func readAck(t *testing.T, name string) *Acknowledgment {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	acks, problems, err := DecodeAll(f, name)
	if err != nil || len(problems) > 0 || len(acks) != 1 {
		t.Fatalf("%s: %d sets, problems %v, err %v", name, len(acks), problems, err)
	}
	return acks[0]
}

func submitted(pcn string, lines ...claims.ClaimLine) *claims.Claim {
	return &claims.Claim{ID: "id-" + pcn, PatientControlNumber: pcn, Status: claims.Submitted, Lines: lines}
}

var at = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// summaryOf keeps what the apply tests compare.
type applied struct {
	PCN     string
	Outcome Outcome
	From    claims.ClaimStatus
	To      claims.ClaimStatus
	Changed bool
	Err     string
}

func brief(res Result) []applied {
	var out []applied
	for _, a := range res.Claims {
		out = append(out, applied{a.PatientControlNumber, a.Outcome, a.From, a.To, a.Changed, a.Error})
	}
	return out
}

func TestApply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		file   string
		claims []*claims.Claim
		want   []applied
		// status and payer claim control number of each claim afterwards
		wantStatus map[string]claims.ClaimStatus
		wantPCCN   map[string]string
		unmatched  []string
	}{
		{
			name:   "accepted",
			file:   "accepted.edi",
			claims: []*claims.Claim{submitted("RPM-1001"), submitted("RPM-1002")},
			want: []applied{
				{"RPM-1001", Accepted, claims.Submitted, claims.Accepted, true, ""},
				{"RPM-1002", Accepted, claims.Submitted, claims.Accepted, true, ""},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-1001": claims.Accepted, "RPM-1002": claims.Accepted},
			wantPCCN:   map[string]string{"RPM-1001": "P2026030200001", "RPM-1002": "P2026030200002"},
		},
		{
			name:       "rejected",
			file:       "rejected.edi",
			claims:     []*claims.Claim{submitted("RPM-1003")},
			want:       []applied{{"RPM-1003", Rejected, claims.Submitted, claims.Rejected, true, ""}},
			wantStatus: map[string]claims.ClaimStatus{"RPM-1003": claims.Rejected},
			wantPCCN:   map[string]string{"RPM-1003": ""},
		},
		{
			name:   "mixed, with an unknown claim",
			file:   "mixed.edi",
			claims: []*claims.Claim{submitted("RPM-2001"), submitted("RPM-2003")},
			want: []applied{
				{"RPM-2001", Accepted, claims.Submitted, claims.Accepted, true, ""},
				{"RPM-2003", Pending, claims.Submitted, claims.Submitted, false, ""},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-2001": claims.Accepted, "RPM-2003": claims.Submitted},
			unmatched:  []string{"RPM-2002"},
		},
		{
			name: "line-level rejection",
			file: "line_rejected.edi",
			claims: []*claims.Claim{
				submitted("RPM-3001"),
				submitted("RPM-3002"),
			},
			want: []applied{
				{"RPM-3001", Rejected, claims.Submitted, claims.Rejected, true, ""},
				{"RPM-3002", Accepted, claims.Submitted, claims.Accepted, true, ""},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-3001": claims.Rejected, "RPM-3002": claims.Accepted},
		},
		{
			name: "never submitted, and superseded",
			file: "accepted.edi",
			claims: []*claims.Claim{
				{ID: "a", PatientControlNumber: "RPM-1001", Status: claims.ReadyToSubmit},
				{ID: "b", PatientControlNumber: "RPM-1002", Status: claims.Corrected},
			},
			want: []applied{
				{"RPM-1001", Accepted, claims.ReadyToSubmit, claims.ReadyToSubmit, false, "claims: illegal status transition: claim RPM-1001 is ready_to_submit and cannot be acknowledged"},
				{"RPM-1002", Accepted, claims.Corrected, claims.Corrected, false, "claims: illegal status transition: claim RPM-1002 is corrected and cannot be acknowledged"},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-1001": claims.ReadyToSubmit, "RPM-1002": claims.Corrected},
			wantPCCN:   map[string]string{"RPM-1001": "", "RPM-1002": ""},
		},
		{
			name:   "rejection of a paid claim is refused",
			file:   "rejected.edi",
			claims: []*claims.Claim{{ID: "p", PatientControlNumber: "RPM-1003", Status: claims.Paid}},
			want: []applied{
				{"RPM-1003", Rejected, claims.Paid, claims.Paid, false, "claims: illegal status transition: claim RPM-1003: paid to rejected"},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-1003": claims.Paid},
		},
		{
			name:   "ambiguous patient control number",
			file:   "rejected.edi",
			claims: []*claims.Claim{submitted("RPM-1003"), {ID: "dup", PatientControlNumber: "RPM-1003", Status: claims.Submitted}},
			want: []applied{
				{"RPM-1003", Rejected, "", "", false, "ack277: several claims have this patient control number: RPM-1003 (2 claims)"},
			},
			wantStatus: map[string]claims.ClaimStatus{"RPM-1003": claims.Submitted},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ack := readAck(t, tt.file)
			res := Apply(ack, tt.claims, claims.Change{By: "test", At: at})
			if diff := cmp.Diff(tt.want, brief(res)); diff != "" {
				t.Errorf("applied (-want +got):\n%s", diff)
			}
			var gotUnmatched []string
			for _, u := range res.Unmatched {
				gotUnmatched = append(gotUnmatched, u.PatientControlNumber)
			}
			if diff := cmp.Diff(tt.unmatched, gotUnmatched); diff != "" {
				t.Errorf("unmatched (-want +got):\n%s", diff)
			}
			for _, c := range tt.claims {
				if want, ok := tt.wantStatus[c.PatientControlNumber]; ok && c.Status != want {
					t.Errorf("%s (%s): status %s, want %s", c.PatientControlNumber, c.ID, c.Status, want)
				}
				if want, ok := tt.wantPCCN[c.PatientControlNumber]; ok && c.PayerClaimControlNumber != want {
					t.Errorf("%s: payer claim control number %q, want %q", c.PatientControlNumber, c.PayerClaimControlNumber, want)
				}
			}
		})
	}
}

func TestApplyErrorsMatch(t *testing.T) {
	t.Parallel()
	ack := readAck(t, "rejected.edi")
	res := Apply(ack, []*claims.Claim{{PatientControlNumber: "RPM-1003", Status: claims.Paid}}, claims.Change{At: at})
	if len(res.Claims) != 1 || !errors.Is(res.Claims[0].Err, claims.ErrIllegalTransition) {
		t.Fatalf("got %+v, want an error wrapping claims.ErrIllegalTransition", res.Claims)
	}
	res = Apply(ack, []*claims.Claim{submitted("RPM-1003"), submitted("RPM-1003")}, claims.Change{At: at})
	if len(res.Claims) != 1 || !errors.Is(res.Claims[0].Err, ErrAmbiguous) {
		t.Fatalf("got %+v, want an error wrapping ErrAmbiguous", res.Claims)
	}
}

// TestApplyDoubleAcknowledgment: the clearinghouse accepts two claims,
// then the payer accepts one and rejects the other. Both acknowledgments
// stay in each claim's history.
func TestApplyDoubleAcknowledgment(t *testing.T) {
	t.Parallel()
	a, b := submitted("RPM-4001"), submitted("RPM-4002")
	set := []*claims.Claim{a, b}
	first := Apply(readAck(t, "double_clearinghouse.edi"), set, claims.Change{By: "daemon", At: at})
	second := Apply(readAck(t, "double_payer.edi"), set, claims.Change{By: "daemon", At: at.Add(24 * time.Hour)})

	if diff := cmp.Diff([]applied{
		{"RPM-4001", Accepted, claims.Submitted, claims.Accepted, true, ""},
		{"RPM-4002", Accepted, claims.Submitted, claims.Accepted, true, ""},
	}, brief(first)); diff != "" {
		t.Errorf("clearinghouse (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]applied{
		{"RPM-4001", Accepted, claims.Accepted, claims.Accepted, false, ""},
		{"RPM-4002", Rejected, claims.Accepted, claims.Rejected, true, ""},
	}, brief(second)); diff != "" {
		t.Errorf("payer (-want +got):\n%s", diff)
	}
	for _, r := range [][]Applied{first.Claims, second.Claims} {
		if r[0].Stage == "" {
			t.Errorf("stage not set")
		}
	}
	if first.Claims[0].Stage != StageClearinghouse || second.Claims[0].Stage != StagePayer {
		t.Errorf("stages %s, %s; want clearinghouse, payer", first.Claims[0].Stage, second.Claims[0].Stage)
	}

	day2 := at.Add(24 * time.Hour)
	wantA := []claims.StatusChange{
		{From: claims.Submitted, To: claims.Accepted, Change: claims.Change{By: "daemon", At: at,
			Reason: "277CA from clearinghouse (ISA 000000105, ST 0105): accepted A2:20:AY"}},
		{From: claims.Accepted, To: claims.Accepted, Change: claims.Change{By: "daemon", At: day2,
			Reason: "277CA from payer (ISA 000000106, ST 0106): accepted A2:20:PR"}},
	}
	wantB := []claims.StatusChange{
		{From: claims.Submitted, To: claims.Accepted, Change: claims.Change{By: "daemon", At: at,
			Reason: "277CA from clearinghouse (ISA 000000105, ST 0105): accepted A2:20:AY"}},
		{From: claims.Accepted, To: claims.Rejected, Change: claims.Change{By: "daemon", At: day2,
			Reason: "277CA from payer (ISA 000000106, ST 0106): rejected A7:33:IL"}},
	}
	if diff := cmp.Diff(wantA, a.History); diff != "" {
		t.Errorf("RPM-4001 history (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantB, b.History); diff != "" {
		t.Errorf("RPM-4002 history (-want +got):\n%s", diff)
	}
	if a.PayerClaimControlNumber != "P2026030300001" {
		t.Errorf("RPM-4001 payer claim control number %q", a.PayerClaimControlNumber)
	}
}

func TestApplyLines(t *testing.T) {
	t.Parallel()
	d := func(s string) x12.Date {
		v, err := x12.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	day := x12.DateRange{From: d("2026-02-10"), To: d("2026-02-10")}
	c1 := submitted("RPM-3001",
		claims.ClaimLine{Number: 1, Procedure: claims.Procedure{Code: "99457"}, Charge: decimal.NewFromInt(50), Service: day, ControlNumber: "RPM-3001-1"},
		claims.ClaimLine{Number: 2, Procedure: claims.Procedure{Code: "99458"}, Charge: decimal.NewFromInt(80), Service: day, ControlNumber: "RPM-3001-2"},
	)
	// No control numbers: matched by procedure, charge and dates.
	c2 := submitted("RPM-3002",
		claims.ClaimLine{Number: 1, Procedure: claims.Procedure{Code: "99457"}, Charge: decimal.NewFromInt(130), Service: day},
		claims.ClaimLine{Number: 2, Procedure: claims.Procedure{Code: "98980"}, Charge: decimal.RequireFromString("130.00"),
			Service: x12.DateRange{From: d("2026-02-01"), To: d("2026-02-28")}},
	)
	res := Apply(readAck(t, "line_rejected.edi"), []*claims.Claim{c1, c2}, claims.Change{At: at})
	var got [][]AppliedLine
	for _, a := range res.Claims {
		got = append(got, a.Lines)
	}
	want := [][]AppliedLine{
		{
			{Line: 1, ClaimLine: 1, LineItemControlNumber: "RPM-3001-1", Outcome: Accepted},
			{Line: 2, ClaimLine: 2, LineItemControlNumber: "RPM-3001-2", Outcome: Rejected},
		},
		{
			{Line: 1, ClaimLine: 2, LineItemControlNumber: "RPM-3002-1", Outcome: Accepted},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	reasons := res.Claims[0].Reasons
	wantReasons := []string{
		"A3:21 Missing or invalid information",
		"A7:454 Procedure code for services rendered: INVALID MODIFIER FOR PROCEDURE",
	}
	var gotReasons []string
	for _, r := range reasons {
		gotReasons = append(gotReasons, r.String())
	}
	if diff := cmp.Diff(wantReasons, gotReasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if reasons[1].Line != 2 || reasons[1].LineItemControlNumber != "RPM-3001-2" {
		t.Errorf("line reason points at line %d %q", reasons[1].Line, reasons[1].LineItemControlNumber)
	}
}

func TestApplyUnmatchedKeepsEverything(t *testing.T) {
	t.Parallel()
	ack := readAck(t, "mixed.edi")
	res := Apply(ack, nil, claims.Change{At: at})
	if len(res.Claims) != 0 {
		t.Errorf("applied %d claims to an empty set", len(res.Claims))
	}
	got := make([]string, 0, len(res.Unmatched))
	for _, u := range res.Unmatched {
		got = append(got, u.PatientControlNumber+" "+string(u.Outcome)+" "+string(u.Stage))
	}
	want := []string{"RPM-2001 accepted payer", "RPM-2002 rejected payer", "RPM-2003 pending payer"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unmatched (-want +got):\n%s", diff)
	}
	if res.Unmatched[1].Pos.SegmentID != "HL" || res.Unmatched[1].Pos.Offset == 0 {
		t.Errorf("unmatched claim has no position: %+v", res.Unmatched[1].Pos)
	}
	if diff := cmp.Diff([]Reason{{
		Category: "A6", CategoryDescription: CategoryMissingInfo.Description(),
		Code: "164", CodeDescription: "Entity's contract/member number",
		Entity: "IL", EntityDescription: "Insured or subscriber",
	}}, res.Unmatched[1].Reasons, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("unmatched reasons (-want +got):\n%s", diff)
	}
}
