package remit_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
)

var postedAt = claims.Change{By: "reconcile-test", At: time.Date(2026, 2, 21, 9, 0, 0, 0, time.UTC)}

// remittance decodes one 835 set whose detail (CLP loops) is body.
func remittance(t *testing.T, trace, body string) *remit.Remittance {
	t.Helper()
	segs := strings.Count(body, "~") + 7
	in := testISA + testGS + "ST*835*0001~\nBPR*I*0*C*NON************20260220~\nTRN*1*" + trace + "*1512345678~\n" +
		"N1*PR*ACME HEALTH PLAN*XV*ACME01~\nN1*PE*TELEHEALTH CLINIC*XX*1234567893~\nLX*1~\n" + body +
		"SE*" + itoa(segs) + "*0001~\nGE*1*900~\nIEA*1*000000900~\n"
	rems, err := remit.DecodeAll(strings.NewReader(in))
	if err != nil || len(rems) != 1 {
		t.Fatalf("decode: %v (%d sets)", err, len(rems))
	}
	if len(rems[0].Problems) > 0 {
		t.Fatalf("problems: %v", rems[0].Problems)
	}
	return rems[0]
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func line(n int, code string, mods []string, ctl string, day int, charge string) claims.ClaimLine {
	m, err := claims.NewModifiers(mods...)
	if err != nil {
		panic(err)
	}
	d := x12.NewDate(2026, time.January, day)
	return claims.ClaimLine{Number: n, Procedure: claims.Procedure{Code: code, Modifiers: m}, Charge: dec(charge), Units: dec("1"),
		Service: x12.DateRange{From: d, To: d}, ControlNumber: ctl}
}

func sent(pcn string, status claims.ClaimStatus, lines ...claims.ClaimLine) *claims.Claim {
	return &claims.Claim{ID: pcn, PatientControlNumber: pcn, Status: status, Lines: lines}
}

// rpmClaim is a submitted two-line RPM claim.
func rpmClaim(pcn string, status claims.ClaimStatus) *claims.Claim {
	return sent(pcn, status,
		line(1, "99454", nil, pcn+"-1", 31, "50"),
		line(2, "99457", []string{"95"}, pcn+"-2", 31, "100"))
}

func TestReconcileOutcomes(t *testing.T) {
	t.Parallel()
	type lineWant struct {
		Line      int
		MatchedBy remit.LineMatch
		Denied    bool
	}
	tests := []struct {
		name       string
		status     claims.ClaimStatus
		body       string
		outcome    remit.Outcome
		to         claims.ClaimStatus
		lines      []lineWant
		patientOwe string
		icn        string
	}{
		{
			name:   "paid",
			status: claims.Accepted,
			body: "CLP*P1*1*150*112*8*MB*ICN1*10*1~\n" +
				"SVC*HC:99454*50*38**1~\nDTM*472*20260131~\nCAS*CO*45*12~\nREF*6R*P1-1~\n" +
				"SVC*HC:99457:95*100*74**1~\nDTM*472*20260131~\nCAS*CO*45*18~\nCAS*PR*2*8~\nREF*6R*P1-2~\n",
			outcome: remit.OutcomePaid, to: claims.Paid,
			lines:      []lineWant{{1, remit.MatchedByControlNumber, false}, {2, remit.MatchedByControlNumber, false}},
			patientOwe: "8", icn: "ICN1",
		},
		{
			name:   "partially paid, one line denied with CARC and RARC",
			status: claims.Submitted,
			body: "CLP*P1*1*150*38*0*MB*ICN2*10*1~\n" +
				"SVC*HC:99454*50*38**1~\nDTM*472*20260131~\nCAS*CO*45*12~\nREF*6R*P1-1~\n" +
				"SVC*HC:99457:95*100*0**1~\nDTM*472*20260131~\nCAS*CO*97*100~\nREF*6R*P1-2~\nLQ*HE*M86~\n",
			outcome: remit.OutcomePartiallyPaid, to: claims.PartiallyPaid,
			lines:      []lineWant{{1, remit.MatchedByControlNumber, false}, {2, remit.MatchedByControlNumber, true}},
			patientOwe: "0", icn: "ICN2",
		},
		{
			name:   "denied (CLP02 4)",
			status: claims.Accepted,
			body: "CLP*P1*4*150*0*0*MB*ICN3*10*1~\nCAS*CO*16*150~\nMOA***MA130~\n" +
				"SVC*HC:99454*50*0**1~\nDTM*472*20260131~\nREF*6R*P1-1~\n" +
				"SVC*HC:99457:95*100*0**1~\nDTM*472*20260131~\nREF*6R*P1-2~\n",
			outcome: remit.OutcomeDenied, to: claims.Denied,
			lines:      []lineWant{{1, remit.MatchedByControlNumber, true}, {2, remit.MatchedByControlNumber, true}},
			patientOwe: "0", icn: "ICN3",
		},
		{
			name:    "denied (processed, nothing paid, nothing owed)",
			status:  claims.Accepted,
			body:    "CLP*P1*1*150*0*0*MB*ICN4*10*1~\nCAS*CO*50*150~\n",
			outcome: remit.OutcomeDenied, to: claims.Denied, patientOwe: "0", icn: "ICN4",
		},
		{
			name:    "paid by the patient (deductible) is paid",
			status:  claims.Accepted,
			body:    "CLP*P1*1*150*0*150*MB*ICN5*10*1~\nSVC*HC:99454*50*0**1~\nCAS*PR*1*50~\nREF*6R*P1-1~\nSVC*HC:99457:95*100*0**1~\nCAS*PR*1*100~\nREF*6R*P1-2~\n",
			outcome: remit.OutcomePaid, to: claims.Paid,
			lines:      []lineWant{{1, remit.MatchedByControlNumber, false}, {2, remit.MatchedByControlNumber, false}},
			patientOwe: "150", icn: "ICN5",
		},
		{
			name:   "lines matched by procedure and date without REF*6R, one not matched",
			status: claims.Accepted,
			body: "CLP*P1*1*150*112*0*MB*ICN6*10*1~\n" +
				"SVC*HC:99457:95*100*80**1~\nDTM*472*20260131~\nCAS*CO*45*20~\n" +
				"SVC*HC:99458*50*32**1~\nDTM*472*20260131~\nCAS*CO*45*18~\n",
			outcome: remit.OutcomePaid, to: claims.Paid,
			lines:      []lineWant{{2, remit.MatchedByProcedureAndDate, false}, {0, remit.NotMatched, false}},
			patientOwe: "0", icn: "ICN6",
		},
		{
			name:   "the payer changed the code: matched through SVC06",
			status: claims.Accepted,
			body: "CLP*P1*1*100*70*0*MB*ICN7*10*1~\n" +
				"SVC*HC:99458*100*70**1*HC:99457:95~\nDTM*472*20260131~\nCAS*CO*45*30~\n",
			outcome: remit.OutcomePaid, to: claims.Paid,
			lines:      []lineWant{{2, remit.MatchedByProcedureAndDate, false}},
			patientOwe: "0", icn: "ICN7",
		},
		{
			name:    "predetermination is informational",
			status:  claims.Accepted,
			body:    "CLP*P1*25*150*0*0*MB*ICN8*10*1~\n",
			outcome: remit.OutcomeInformational, to: claims.Accepted, patientOwe: "0", icn: "ICN8",
		},
		{
			name:    "a secondary payer after the primary paid: recorded, status kept",
			status:  claims.Paid,
			body:    "CLP*P1*2*150*20*0*CI*ICN9*10*1~\nCAS*OA*23*120~\nCAS*CO*97*10~\n",
			outcome: remit.OutcomePartiallyPaid, to: claims.Paid, patientOwe: "0", icn: "ICN9",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := rpmClaim("P1", tt.status)
			book := remit.NewBook([]*claims.Claim{c}, nil)
			res := book.Apply(remittance(t, "TR1", tt.body), postedAt)
			if len(res.Unapplied) != 0 || res.Duplicates != 0 || len(res.Postings) != 1 {
				t.Fatalf("result: %+v", res)
			}
			p := res.Postings[0]
			if p.Outcome != tt.outcome || p.From != tt.status || p.To != tt.to || c.Status != tt.to {
				t.Errorf("outcome %s, %s -> %s (claim %s), want %s, %s -> %s", p.Outcome, p.From, p.To, c.Status, tt.outcome, tt.status, tt.to)
			}
			var lines []lineWant
			for _, l := range p.Lines {
				lines = append(lines, lineWant{l.Line, l.MatchedBy, l.Denied})
			}
			if diff := cmp.Diff(tt.lines, lines, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if got := book.PatientResponsibility("P1"); !got.Equal(dec(tt.patientOwe)) {
				t.Errorf("patient responsibility %s, want %s", got, tt.patientOwe)
			}
			if c.PayerClaimControlNumber != tt.icn {
				t.Errorf("payer claim control number %q, want %q", c.PayerClaimControlNumber, tt.icn)
			}
			moved := tt.to != tt.status
			if moved && (len(c.History) != 1 || c.History[0].Reason != "835 trace TR1: CLP02 "+string(p.ClaimStatus)+", paid "+remit.FormatAmount(p.Paid) || !c.History[0].At.Equal(postedAt.At)) {
				t.Errorf("history %+v", c.History)
			}
			if !moved && len(c.History) != 0 {
				t.Errorf("status kept but history %+v", c.History)
			}
		})
	}
}

// TestReconcileReversalAndCorrection: a payment, then an 835 that reverses
// it and pays again with new amounts.
func TestReconcileReversalAndCorrection(t *testing.T) {
	t.Parallel()
	c := sent("P2", claims.Accepted, line(1, "99454", nil, "P2-1", 31, "50"))
	book := remit.NewBook([]*claims.Claim{c}, nil)
	first := book.Apply(remittance(t, "TR1", "CLP*P2*1*50*40*10*MB*ICN1*10*1~\nSVC*HC:99454*50*40**1~\nCAS*PR*2*10~\nREF*6R*P2-1~\n"), postedAt)
	second := book.Apply(remittance(t, "TR2",
		"CLP*P2*22*-50*-40*-10*MB*ICN1*10*1~\nSVC*HC:99454*-50*-40**-1~\nCAS*PR*2*-10~\nREF*6R*P2-1~\n"+
			"CLP*P2*1*50*45*5*MB*ICN2*10*1~\nSVC*HC:99454*50*45**1~\nCAS*PR*2*5~\nREF*6R*P2-1~\n"), postedAt)
	type step struct {
		Outcome  remit.Outcome
		From, To claims.ClaimStatus
		Line     int
	}
	var got []step
	for _, p := range append(first.Postings, second.Postings...) {
		got = append(got, step{p.Outcome, p.From, p.To, p.Lines[0].Line})
	}
	want := []step{
		{remit.OutcomePaid, claims.Accepted, claims.Paid, 1},
		{remit.OutcomeReversed, claims.Paid, claims.Reversed, 1},
		{remit.OutcomeCorrected, claims.Reversed, claims.Paid, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if c.Status != claims.Paid || len(c.History) != 3 || c.PayerClaimControlNumber != "ICN2" {
		t.Errorf("claim: status %s, %d changes, ICN %s", c.Status, len(c.History), c.PayerClaimControlNumber)
	}
	// 10, then -10, then 5.
	if got := book.PatientResponsibility("P2"); !got.Equal(dec("5")) {
		t.Errorf("patient responsibility %s, want 5", got)
	}
}

func TestReconcileUnapplied(t *testing.T) {
	t.Parallel()
	long := sent("TELEHEALTH-2026-0001-A", claims.Accepted) // 22 characters
	submitted := rpmClaim("P3", claims.Submitted)
	voided := rpmClaim("P4", claims.Voided)
	book := remit.NewBook([]*claims.Claim{long, submitted, voided}, nil)
	res := book.Apply(remittance(t, "TR1",
		"CLP*NOSUCHCLAIM*1*10*10*0*MB*ICN1*10*1~\n"+
			"CLP*P3*22*-150*-100*0*MB*ICN2*10*1~\n"+
			"CLP*P4*1*150*100*0*MB*ICN3*10*1~\nCAS*CO*45*50~\n"+
			"CLP*TELEHEALTH-2026-0001*1*10*10*0*MB*ICN4*10*1~\n"), postedAt)
	var got []string
	for _, u := range res.Unapplied {
		got = append(got, u.PatientControlNumber+": "+u.Reason)
	}
	want := []string{
		"NOSUCHCLAIM: no claim was sent with patient control number NOSUCHCLAIM",
		"P3: claim P3 is submitted: CLP02 22 (reversed) cannot move it to reversed",
		"P4: claim P4 is voided: CLP02 1 (paid) cannot move it to paid",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unapplied (-want +got):\n%s", diff)
	}
	if res.Unapplied[0].Pos.SegmentID != "CLP" || res.Unapplied[0].TraceNumber != "TR1" {
		t.Errorf("unapplied position %+v", res.Unapplied[0])
	}
	// CLP01 cut to 20 characters still finds its claim.
	if len(res.Postings) != 1 || res.Postings[0].ClaimID != "TELEHEALTH-2026-0001-A" || long.Status != claims.Paid {
		t.Errorf("postings %+v, long claim %s", res.Postings, long.Status)
	}
	if submitted.Status != claims.Submitted || voided.Status != claims.Voided {
		t.Errorf("unapplied claims changed: %s, %s", submitted.Status, voided.Status)
	}
}

// TestReconcileIdempotent applies the same 835 twice, and once more to a
// book rebuilt from the postings a ledger kept: nothing changes after the
// first time.
func TestReconcileIdempotent(t *testing.T) {
	t.Parallel()
	rems := decodeFile(t, "testdata/telehealth.835")
	sentClaims := func() []*claims.Claim {
		return []*claims.Claim{
			rpmClaim("RPM-1001", claims.Accepted),
			sent("RPM-1002", claims.Accepted, line(1, "99458", nil, "RPM-1002-1", 31, "52")),
			sent("RPM-0901", claims.Paid),
			sent("RTM-2001", claims.Submitted),
			sent("RPM-1003", claims.Accepted),
		}
	}
	list := sentClaims()
	book := remit.NewBook(list, nil)
	var first []remit.Result
	for _, r := range rems {
		first = append(first, book.Apply(r, postedAt))
	}
	if n := len(first[0].Postings) + len(first[1].Postings); n != 6 || len(first[0].Unapplied)+len(first[1].Unapplied) != 0 {
		t.Fatalf("first apply: %+v", first)
	}
	snapshot := sentClaims()
	for i := range snapshot {
		*snapshot[i] = *list[i]
		snapshot[i].History = append([]claims.StatusChange(nil), list[i].History...)
	}
	postings := len(book.Postings())

	for _, r := range rems {
		res := book.Apply(r, claims.Change{By: "again", At: postedAt.At.Add(time.Hour)})
		if len(res.Postings) != 0 || len(res.Unapplied) != 0 || res.Duplicates != len(r.Claims) {
			t.Errorf("second apply of set %s: %+v", r.ControlNumber, res)
		}
	}
	if diff := cmp.Diff(snapshot, list, sameDecimal); diff != "" {
		t.Errorf("claims changed by the second apply (-before +after):\n%s", diff)
	}
	if len(book.Postings()) != postings {
		t.Errorf("postings grew from %d to %d", postings, len(book.Postings()))
	}

	rebuilt := remit.NewBook(list, book.Postings())
	for _, r := range rems {
		if res := rebuilt.Apply(r, postedAt); len(res.Postings) != 0 || res.Duplicates != len(r.Claims) {
			t.Errorf("rebuilt book applied set %s again: %+v", r.ControlNumber, res)
		}
	}
	if diff := cmp.Diff(snapshot, list, sameDecimal); diff != "" {
		t.Errorf("claims changed by the rebuilt book (-before +after):\n%s", diff)
	}

	want := map[string]claims.ClaimStatus{
		"RPM-1001": claims.Paid, "RPM-1002": claims.Denied, "RPM-0901": claims.Paid, "RTM-2001": claims.Paid, "RPM-1003": claims.Denied,
	}
	for _, c := range list {
		if c.Status != want[c.PatientControlNumber] {
			t.Errorf("%s: %s, want %s", c.PatientControlNumber, c.Status, want[c.PatientControlNumber])
		}
	}
}
