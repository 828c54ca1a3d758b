package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
)

const demoNow = "2026-02-16T15:00:00Z"

func runDemoArgs(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	err := run(ctx, append([]string{"demo"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

// The demo runs the whole loop against the simulated clearinghouse and
// prints the same summary every time its clock is fixed.
func TestDemoGolden(t *testing.T) {
	out, errs, err := runDemoArgs(t, "--now", demoNow)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, errs)
	}
	golden := filepath.Join("testdata", "demo", "summary.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

// The JSON summary holds the numbers the text shows, and --data keeps
// the ledger (mode 0600) with everything that happened.
func TestDemoJSONAndData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	out, errs, err := runDemoArgs(t, "--now", demoNow, "--format", "json", "--data", dir)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, errs)
	}
	var sum demoSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	wantCounts := map[string]int{"submitted": 6, "accepted": 6, "rejected": 1, "paid": 3, "partially_paid": 1, "denied": 1, "draft": 1}
	if diff := cmp.Diff(wantCounts, sum.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if want := (demoTotals{Charged: "922.00", Paid: "409.79", Patient: "104.55"}); sum.Totals != want {
		t.Errorf("totals %+v, want %+v", sum.Totals, want)
	}
	if len(sum.Batches) != 1 || sum.Batches[0].Interchange != "000000001" || sum.Batches[0].State != "acknowledged" {
		t.Errorf("batches %+v", sum.Batches)
	}
	if sum.DataDir != dir {
		t.Errorf("data_dir %q, want %q", sum.DataDir, dir)
	}
	fi, err := os.Stat(filepath.Join(dir, "ledger.db"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("ledger: %v, %v", fi, err)
	}
	l, err := ledger.Open(t.Context(), filepath.Join(dir, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.View(t.Context(), func(tx clearinghouse.Tx) error {
		ps, err := tx.Postings(nil)
		if err != nil || len(ps) != 5 {
			t.Errorf("%d postings, %v; want 5", len(ps), err)
		}
		return nil
	})
	for _, f := range []string{"outbox/claimkit-000000001.837", "inbox/claimkit-000000001.999", "inbox/claimkit-000000001.277",
		"inbox/claimkit-000000001.835", "known_hosts"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// A second run refuses a directory that is not empty.
	if _, _, err := runDemoArgs(t, "--data", dir); exitCode(err) != exitUsage {
		t.Errorf("demo into a used directory: %v", err)
	}
}

// Without --now the demo uses the current time and reports how long it
// took; everything else is as with a fixed clock.
func TestDemoRealClock(t *testing.T) {
	out, errs, err := runDemoArgs(t)
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, errs)
	}
	if !regexp.MustCompile(`\ndone in [0-9.]+m?s\n$`).MatchString(out) {
		t.Errorf("no timing at the end:\n%s", out)
	}
	if !strings.Contains(out, "claims: submitted 6, accepted 6, rejected 1, paid 3, partially paid 1, denied 1, draft 1\n") {
		t.Errorf("summary:\n%s", out)
	}
}

func TestDemoUsage(t *testing.T) {
	for _, args := range [][]string{{"--now", "yesterday"}, {"--format", "xml"}, {"extra"}} {
		if _, _, err := runDemoArgs(t, args...); exitCode(err) != exitUsage {
			t.Errorf("demo %v: %v, want a usage error", args, err)
		}
	}
}
