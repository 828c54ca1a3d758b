package clearinghouse_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
	"github.com/claimkit/claimkit/clearinghouse/sim"
)

// TestEndToEnd: charge items → claims → one daemon cycle against the
// simulated clearinghouse over SFTP (host key checked) → 999, 277CA and
// 835 applied → statuses and amounts as the payer decided.
func TestEndToEnd(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	srv, err := sim.Start(ctx, sim.Config{Payer: sim.DefaultPayer(), Users: map[string]sim.User{"clinic": {Password: "s3cret"}}, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	kh := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(kh, []byte(srv.KnownHostsLine()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	store := openLedger(t, filepath.Join(dir, "ledger.db"))
	var logs lockedBuffer
	d, err := clearinghouse.New(clearinghouse.Config{
		Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Store:  store,
		Connect: func(ctx context.Context) (clearinghouse.Transport, error) {
			return sftp.Dial(ctx, sftp.Config{Addr: srv.Addr(), User: "clinic", Password: "s3cret", KnownHostsFile: kh})
		},
		Inbound: sim.InboundDir, Outbound: sim.OutboundDir,
		DataDir: filepath.Join(dir, "data"),
		Partner: testPartner(),
		Now:     clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())

	cs, byPatient := readyClaims(t)
	if err := d.Add(ctx, cs); err != nil {
		t.Fatal(err)
	}
	rep, err := d.Cycle(ctx)
	if err != nil {
		t.Fatalf("Cycle: %v", err)
	}
	if len(rep.Staged) != 1 || len(rep.Uploaded) != 1 || len(rep.Responses) != 3 {
		t.Fatalf("cycle staged %d, uploaded %d, handled %d responses; want 1, 1, 3", len(rep.Staged), len(rep.Uploaded), len(rep.Responses))
	}
	if got, want := srv.Received(), []string{"claimkit-000000001.837"}; !cmp.Equal(got, want) {
		t.Errorf("the clearinghouse received %v, want %v", got, want)
	}
	var kinds []clearinghouse.ResponseKind
	for _, r := range rep.Responses {
		if r.Outcome != clearinghouse.OutcomeApplied {
			t.Errorf("response %s: %s", r.Name, r.Outcome)
		}
		kinds = append(kinds, r.Kind)
	}
	if want := []clearinghouse.ResponseKind{clearinghouse.KindAck, clearinghouse.Kind277CA, clearinghouse.Kind835}; !cmp.Equal(kinds, want) {
		t.Errorf("responses applied in the order %v, want %v", kinds, want)
	}

	st := readState(t, store)
	type outcome struct {
		Status         claims.ClaimStatus
		Paid, Patient  string
		PayerReference bool
	}
	got := map[string]outcome{}
	for patient, id := range byPatient {
		c := st.claims[id]
		paid, pr := st.paid(c.PatientControlNumber)
		got[patient] = outcome{c.Status, paid.StringFixed(2), pr.StringFixed(2), c.PayerClaimControlNumber != ""}
	}
	// PAT-1: 99213 and 99212 by video and audio; allowed 91.00 and
	// 57.00, 20% coinsurance, 2% sequestration: 71.34 + 44.69 paid,
	// 18.20 + 11.40 owed by the patient.
	// PAT-2: 99091 alone, denied (CO-B7).
	// PAT-3: sent to another payer ID, rejected by the 277CA (A3:116).
	// PAT-4: 99457 paid 37.53 (9.57 coinsurance), 99091 denied.
	want := map[string]outcome{
		"CI-1": {claims.Paid, "116.03", "29.60", true},
		"CI-2": {claims.Denied, "0.00", "0.00", true},
		"CI-3": {claims.Rejected, "0.00", "0.00", false},
		"CI-4": {claims.PartiallyPaid, "37.53", "9.57", true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims after one cycle (-want +got):\n%s", diff)
	}
	rejected := st.claims[byPatient["CI-3"]]
	last := rejected.History[len(rejected.History)-1]
	if last.By != "277CA" || last.From != claims.Accepted || last.To != claims.Rejected {
		t.Errorf("rejected claim's last change: %+v", last)
	}
	var path []claims.ClaimStatus
	for _, h := range st.claims[byPatient["CI-1"]].History {
		path = append(path, h.To)
	}
	if want := []claims.ClaimStatus{claims.ReadyToSubmit, claims.Submitted, claims.Accepted, claims.Accepted, claims.Paid}; !cmp.Equal(path, want) {
		t.Errorf("paid claim's history %v, want %v", path, want)
	}
	if len(st.batches) != 1 || st.batches[0].State != clearinghouse.BatchAcknowledged {
		t.Errorf("batches: %+v", st.batches)
	}
	if len(st.unmatched) != 0 || len(st.quar) != 0 {
		t.Errorf("unmatched %v, quarantined %v", st.unmatched, st.quar)
	}

	// A second cycle finds nothing new and changes nothing.
	rep, err = d.Cycle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Staged)+len(rep.Uploaded)+len(rep.Responses)+len(rep.Changes) != 0 {
		t.Errorf("second cycle did something: %+v", rep)
	}
	if n := len(readState(t, store).postings); n != len(st.postings) {
		t.Errorf("postings went from %d to %d", len(st.postings), n)
	}
	// The logs name files, batches and claims, never patients.
	d.Close(ctx)
	text := logs.String()
	for _, phi := range []string{"ALPHA", "BRAVO", "CHARLIE", "DELTA", "ANN", "1EG4TE5MK7", "1950-03-04", "19500304", "MAIN ST", "URBANA", "61801"} {
		if strings.Contains(text, phi) {
			t.Errorf("the logs hold patient data %q", phi)
		}
	}
	for _, want := range []string{`"batch":"claimkit-000000001.837"`, `"claim_id":"` + byPatient["CI-3"] + `"`, `"to":"rejected"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the logs lack %s", want)
		}
	}
	total := decimal.Zero
	for _, p := range st.postings {
		total = total.Add(p.Paid)
	}
	if !total.Equal(decimal.RequireFromString("153.56")) {
		t.Errorf("total paid %s, want 153.56", total)
	}
}

// lockedBuffer is a bytes.Buffer a logger may write while a test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
