package ledger_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/x12"
)

func open(t *testing.T, path string) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return l
}

func update(t *testing.T, l *ledger.Ledger, fn func(tx clearinghouse.Tx) error) {
	t.Helper()
	if err := l.Update(t.Context(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// decimalEqual compares decimals by value in cmp.Diff.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func next(t *testing.T, tx clearinghouse.Tx, kind x12.ControlKind) int64 {
	t.Helper()
	n, err := tx.NextControlNumber(kind)
	if err != nil {
		t.Fatalf("NextControlNumber(%d): %v", kind, err)
	}
	return n
}

func TestFileMode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	open(t, fresh).Close()
	loose := filepath.Join(dir, "loose.db")
	if err := os.WriteFile(loose, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	open(t, loose).Close()
	for _, p := range []string{fresh, loose} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), got)
		}
	}
}

// Control numbers count up per kind, are never handed out twice across
// a close and reopen, and a rolled back transaction hands out nothing.
func TestControlNumbersNeverReused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ledger.db")
	l := open(t, path)
	var got []int64
	update(t, l, func(tx clearinghouse.Tx) error {
		got = append(got, next(t, tx, x12.InterchangeControl), next(t, tx, x12.InterchangeControl),
			next(t, tx, x12.GroupControl), next(t, tx, x12.SetControl), next(t, tx, x12.SetControl))
		return nil
	})
	boom := errors.New("boom")
	if err := l.Update(t.Context(), func(tx clearinghouse.Tx) error {
		next(t, tx, x12.InterchangeControl)
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l = open(t, path)
	defer l.Close()
	update(t, l, func(tx clearinghouse.Tx) error {
		got = append(got, next(t, tx, x12.InterchangeControl), next(t, tx, x12.GroupControl), next(t, tx, x12.SetControl))
		return nil
	})
	want := []int64{1, 2, 1, 1, 2, 3, 2, 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("control numbers (-want +got):\n%s", diff)
	}
	if err := l.Update(t.Context(), func(tx clearinghouse.Tx) error {
		_, err := tx.NextControlNumber(0)
		return err
	}); err == nil {
		t.Errorf("NextControlNumber(0) succeeded")
	}
}

func TestControlNumbersExhausted(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ledger.db")
	open(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO control_numbers (kind, last) VALUES (?, 999999998)", int(x12.InterchangeControl)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l := open(t, path)
	defer l.Close()
	update(t, l, func(tx clearinghouse.Tx) error {
		if n := next(t, tx, x12.InterchangeControl); n != 999999999 {
			t.Errorf("last number = %d", n)
		}
		return nil
	})
	err = l.Update(t.Context(), func(tx clearinghouse.Tx) error {
		_, err := tx.NextControlNumber(x12.InterchangeControl)
		return err
	})
	if !errors.Is(err, clearinghouse.ErrControlNumbers) {
		t.Fatalf("past 999999999: %v, want ErrControlNumbers", err)
	}
}

func sampleClaim(id string) *claims.Claim {
	return &claims.Claim{
		ID: id, PatientControlNumber: id, Status: claims.ReadyToSubmit,
		BillingProvider: &claims.Provider{NPI: "1245319599", Name: claims.Name{Organization: "ACME"}},
		Coverage:        &claims.Coverage{Payer: claims.Payer{Name: "SIM", PayerID: "SIMMCR"}},
		PlaceOfService:  claims.POSTelehealthInHome,
		Diagnoses:       []string{"I10"},
		Lines: []claims.ClaimLine{{Number: 1, Procedure: claims.Procedure{Code: "99213"},
			Charge: decimal.RequireFromString("120.00"), Units: decimal.NewFromInt(1),
			Service: x12.DateRange{From: x12.NewDate(2026, 1, 12), To: x12.NewDate(2026, 1, 12)}, DiagnosisPointers: []int{1}}},
	}
}

// A staged batch keeps its control numbers, sets and segment maps across
// a restart, and its claims stay assigned to it.
func TestStagedBatchSurvivesReopen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ledger.db")
	l := open(t, path)
	staged := time.Date(2026, 2, 2, 9, 30, 0, 0, time.UTC)
	b := &clearinghouse.Batch{
		FileName: "claimkit-000000007.837", InterchangeControlNumber: "000000007", GroupControlNumber: "7",
		Sets: []clearinghouse.SetRecord{{ControlNumber: "0007", ClaimIDs: []string{"A", "B"},
			Segments: []x837p.SegmentRef{{Segment: "ST"}, {Segment: "BHT"}, {Loop: "2300", Segment: "CLM", ClaimID: "A"},
				{Loop: "2400", Segment: "SV1", ClaimID: "A", Line: 1}, {Segment: "SE"}}}},
		SHA256: "ab12", Size: 812, State: clearinghouse.BatchStaged, StagedAt: staged,
	}
	update(t, l, func(tx clearinghouse.Tx) error {
		if err := tx.AddClaims([]*claims.Claim{sampleClaim("A"), sampleClaim("B"), sampleClaim("C")}); err != nil {
			return err
		}
		if err := tx.AddBatch(b); err != nil {
			return err
		}
		return tx.AssignBatch(b.ID, []string{"A", "B"})
	})
	if b.ID == 0 {
		t.Fatal("AddBatch did not set the ID")
	}
	l.Close()

	l = open(t, path)
	defer l.Close()
	err := l.View(t.Context(), func(tx clearinghouse.Tx) error {
		got, err := tx.Batches(clearinghouse.BatchQuery{States: []clearinghouse.BatchState{clearinghouse.BatchStaged}})
		if err != nil {
			return err
		}
		if diff := cmp.Diff([]*clearinghouse.Batch{b}, got); diff != "" {
			t.Errorf("batch after reopen (-want +got):\n%s", diff)
		}
		if ref, ok := got[0].Sets[0].Segment(4); !ok || ref.ClaimID != "A" || ref.Line != 1 {
			t.Errorf("Segment(4) = %+v, %v", ref, ok)
		}
		in, err := tx.Claims(clearinghouse.ClaimQuery{BatchID: b.ID})
		if err != nil {
			return err
		}
		waiting, err := tx.Claims(clearinghouse.ClaimQuery{Status: claims.ReadyToSubmit, Unbatched: true})
		if err != nil {
			return err
		}
		if len(in) != 2 || in[0].ID != "A" || in[1].ID != "B" || len(waiting) != 1 || waiting[0].ID != "C" {
			t.Errorf("claims in the batch %v, waiting %v", ids(in), ids(waiting))
		}
		if diff := cmp.Diff(sampleClaim("A"), in[0], decimalEqual); diff != "" {
			t.Errorf("stored claim (-want +got):\n%s", diff)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func ids(cs []*claims.Claim) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// Adding a claim that is there already fails and adds nothing.
func TestAddClaimsAllOrNothing(t *testing.T) {
	t.Parallel()
	l := open(t, filepath.Join(t.TempDir(), "ledger.db"))
	defer l.Close()
	update(t, l, func(tx clearinghouse.Tx) error { return tx.AddClaims([]*claims.Claim{sampleClaim("A")}) })
	err := l.Update(t.Context(), func(tx clearinghouse.Tx) error {
		return tx.AddClaims([]*claims.Claim{sampleClaim("B"), sampleClaim("A")})
	})
	if !errors.Is(err, clearinghouse.ErrClaimExists) {
		t.Fatalf("AddClaims = %v, want ErrClaimExists", err)
	}
	l.View(t.Context(), func(tx clearinghouse.Tx) error {
		all, err := tx.Claims(clearinghouse.ClaimQuery{})
		if err != nil || len(all) != 1 {
			t.Errorf("claims after the failed add: %v, %v", ids(all), err)
		}
		return nil
	})
	err = l.Update(t.Context(), func(tx clearinghouse.Tx) error { return tx.SaveClaims([]*claims.Claim{sampleClaim("Z")}) })
	if err == nil {
		t.Errorf("SaveClaims of an unknown claim succeeded")
	}
}

// A response is recorded once per name and content; the hash finds it
// under any name. Quarantine, unmatched and postings come back as
// stored.
func TestResponsesPostingsQuarantine(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ledger.db")
	l := open(t, path)
	at := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	r := &clearinghouse.Response{Name: "claimkit-000000001.999", Size: 300, SHA256: "f00d", Kind: clearinghouse.KindAck,
		Outcome: clearinghouse.OutcomeApplied, LocalName: "inbox/claimkit-000000001.999", SeenAt: at}
	bad := &clearinghouse.Response{Name: "junk.txt", Size: 5, SHA256: "beef", Kind: clearinghouse.KindUnknown,
		Outcome: clearinghouse.OutcomeQuarantined, LocalName: "quarantine/junk.txt", SeenAt: at}
	posting := remit.Posting{Key: "k1", ClaimID: "A", PatientControlNumber: "A", Outcome: remit.OutcomePaid,
		From: claims.Accepted, To: claims.Paid, Charge: decimal.RequireFromString("120.00"), Paid: decimal.RequireFromString("70.31"),
		PatientResponsibility: decimal.RequireFromString("18.20"), PaymentDate: x12.NewDate(2026, 2, 3)}
	update(t, l, func(tx clearinghouse.Tx) error {
		for _, resp := range []*clearinghouse.Response{r, bad} {
			if err := tx.AddResponse(resp); err != nil {
				return err
			}
		}
		if err := tx.AddPostings(r.ID, []remit.Posting{posting, posting}); err != nil {
			return err
		}
		if err := tx.AddQuarantine(&clearinghouse.Quarantined{ResponseID: bad.ID, Name: bad.Name, SHA256: bad.SHA256, Error: "not X12", At: at}); err != nil {
			return err
		}
		return tx.AddUnmatched([]clearinghouse.Unmatched{{ResponseID: r.ID, Kind: clearinghouse.Kind835, Reference: "UNKNOWN1",
			Amount: decimal.NewNullDecimal(decimal.RequireFromString("12.50")), Reason: "no claim", At: at}})
	})
	if err := l.Update(t.Context(), func(tx clearinghouse.Tx) error {
		again := *r
		return tx.AddResponse(&again)
	}); err == nil {
		t.Errorf("the same name and content was recorded twice")
	}
	l.Close()
	l = open(t, path)
	defer l.Close()
	l.View(t.Context(), func(tx clearinghouse.Tx) error {
		for _, tt := range []struct {
			name string
			size int64
			want bool
		}{{r.Name, 300, true}, {r.Name, 301, false}, {"other.999", 300, false}} {
			if got, err := tx.SeenResponse(tt.name, tt.size); err != nil || got != tt.want {
				t.Errorf("SeenResponse(%s, %d) = %v, %v; want %v", tt.name, tt.size, got, err, tt.want)
			}
		}
		if got, err := tx.ResponseByHash("f00d"); err != nil || got == nil || got.Name != r.Name || !got.SeenAt.Equal(at) {
			t.Errorf("ResponseByHash = %+v, %v", got, err)
		}
		if got, err := tx.ResponseByHash("none"); err != nil || got != nil {
			t.Errorf("ResponseByHash(none) = %+v, %v", got, err)
		}
		all, err := tx.Responses()
		if err != nil || len(all) != 2 || all[1].Outcome != clearinghouse.OutcomeQuarantined {
			t.Errorf("Responses = %v, %v", all, err)
		}
		ps, err := tx.Postings([]string{"A"})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]remit.Posting{posting}, ps, decimalEqual); diff != "" {
			t.Errorf("postings (-want +got):\n%s", diff)
		}
		if ps, _ := tx.Postings([]string{"B"}); len(ps) != 0 {
			t.Errorf("postings of B: %v", ps)
		}
		q, err := tx.Quarantine()
		if err != nil || len(q) != 1 || q[0].Error != "not X12" || q[0].ResponseID != bad.ID {
			t.Errorf("Quarantine = %+v, %v", q, err)
		}
		u, err := tx.Unmatched()
		if err != nil || len(u) != 1 || !u[0].Amount.Valid || u[0].Amount.Decimal.String() != "12.5" || u[0].Reference != "UNKNOWN1" {
			t.Errorf("Unmatched = %+v, %v", u, err)
		}
		return nil
	})
}

// View never commits what its function writes.
func TestViewRollsBack(t *testing.T) {
	t.Parallel()
	l := open(t, filepath.Join(t.TempDir(), "ledger.db"))
	defer l.Close()
	l.View(t.Context(), func(tx clearinghouse.Tx) error {
		next(t, tx, x12.SetControl)
		return tx.AddClaims([]*claims.Claim{sampleClaim("A")})
	})
	update(t, l, func(tx clearinghouse.Tx) error {
		if n := next(t, tx, x12.SetControl); n != 1 {
			t.Errorf("first committed ST02 = %d, want 1", n)
		}
		all, _ := tx.Claims(clearinghouse.ClaimQuery{})
		if len(all) != 0 {
			t.Errorf("View committed claims %v", ids(all))
		}
		return nil
	})
}

func TestNewerSchemaRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ledger.db")
	open(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := ledger.Open(context.Background(), path); !errors.Is(err, ledger.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	if _, err := ledger.Open(context.Background(), path+"?mode=memory"); !errors.Is(err, ledger.ErrPath) {
		t.Fatalf("Open with a query = %v, want ErrPath", err)
	}
}
