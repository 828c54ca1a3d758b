package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/claims/rpm"
)

func TestRPMCommand(t *testing.T) {
	t.Parallel()
	const dir = "testdata/rpm/"
	month, err := os.ReadFile(dir + "month.json")
	if err != nil {
		t.Fatal(err)
	}
	runGolden(t, "rpm", []cliCase{
		{"month", []string{"rpm", "--in", dir + "month.json", "--as-of", "2026-02-10"}, "", exitOK},
		{"threshold met", []string{"rpm", "--in", dir + "month.json", "--as-of", "2026-01-25", "--convention", "threshold_met"}, "", exitOK},
		{"setup at 2 days at home since february", []string{"rpm", "--in", "-", "--as-of", "2026-03-10", "--setup-min-days", "2",
			"--pos", "12", "--since", "2026-02-01"}, string(month), exitOK},
		{"bad date", []string{"rpm", "--in", dir + "bad-date.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"invalid", []string{"rpm", "--in", dir + "invalid.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"no fee", []string{"rpm", "--in", dir + "no-fee.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"no as-of", []string{"rpm", "--in", dir + "month.json"}, "", exitUsage},
		{"bad convention", []string{"rpm", "--in", dir + "month.json", "--as-of", "2026-02-10", "--convention", "whenever"}, "", exitUsage},
		{"bad since", []string{"rpm", "--in", dir + "month.json", "--as-of", "2026-02-10", "--since", "yesterday"}, "", exitUsage},
		{"missing file", []string{"rpm", "--in", dir + "nope.json", "--as-of", "2026-02-10"}, "", exitUsage},
	})
}

// TestRPMOutIsAChargeBatch: the charge items the command writes are the
// ones rpm.Bill makes, written to --out.
func TestRPMOut(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "charges.json")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"rpm", "--in", "testdata/rpm/month.json", "--as-of", "2026-02-10", "--out", out},
		strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout with --out: %q", stdout.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var res rpm.Result
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Charges) != 5 || res.Charges[0].ID != "EP-1001-20260102-99454" || res.AsOf.String() != "2026-02-10" {
		t.Errorf("got %d charges, first %q, as of %s", len(res.Charges), res.Charges[0].ID, res.AsOf)
	}
}
