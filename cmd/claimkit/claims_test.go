package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
)

const claimsExamples = "../../testdata/claims/"

func TestClaimsCommand(t *testing.T) {
	t.Parallel()
	tests := []cliCase{
		{"build rpm", []string{"claims", "build", "--in", claimsExamples + "rpm-month.json"}, "", exitOK},
		{"build rtm prefix", []string{"claims", "build", "--pcn-prefix", "RTM", "--in", claimsExamples + "rtm-month.json"}, "", exitOK},
		{"build bad json", []string{"claims", "build", "--in", "testdata/claims/bad-items.json"}, "", exitInput},
		{"build unbillable", []string{"claims", "build", "--in", "testdata/claims/unbillable.json"}, "", exitInput},
		{"build missing file", []string{"claims", "build", "--in", "testdata/claims/nope.json"}, "", exitUsage},
		{"build long prefix", []string{"claims", "build", "--pcn-prefix", "TOOLONG", "--in", claimsExamples + "rpm-month.json"}, "", exitUsage},
		{"duplicates", []string{"claims", "duplicates", "--in", claimsExamples + "telehealth-visits.json", "--from", "2026-01-01", "--to", "2026-01-31"}, "", exitOK},
		{"duplicates bad json", []string{"claims", "duplicates", "--in", "testdata/claims/bad-items.json", "--from", "2026-01-01", "--to", "2026-01-31"}, "", exitInput},
		{"export", []string{"claims", "export", "--in", claimsExamples + "rpm-month.json", "--from", "2026-01-01", "--to", "2026-01-31"}, "", exitOK},
		{"export units and statuses", []string{"claims", "export", "--in", claimsExamples + "telehealth-visits.json", "--from", "2026-01-01",
			"--to", "2026-02-28", "--business-unit", "TELEHEALTH, RPM", "--status", "new,scheduled"}, "", exitOK},
		{"no subcommand", []string{"claims"}, "", exitUsage},
		{"unknown subcommand", []string{"claims", "send"}, "", exitUsage},
		{"no input", []string{"claims", "build"}, "", exitUsage},
		{"no period", []string{"claims", "export", "--in", claimsExamples + "rpm-month.json", "--from", "2026-01-01"}, "", exitUsage},
		{"bad date", []string{"claims", "duplicates", "--in", claimsExamples + "rpm-month.json", "--from", "2026-01-01", "--to", "2026-02-30"}, "", exitUsage},
		{"period backwards", []string{"claims", "duplicates", "--in", claimsExamples + "rpm-month.json", "--from", "2026-02-01", "--to", "2026-01-31"}, "", exitUsage},
		{"bad status", []string{"claims", "export", "--in", claimsExamples + "rpm-month.json", "--from", "2026-01-01", "--to", "2026-01-31", "--status", "paid"}, "", exitUsage},
		{"mark billed from stdin", []string{"claims", "export", "--in", "-", "--from", "2026-01-01", "--to", "2026-01-31", "--mark-billed"}, "", exitUsage},
		{"extra argument", []string{"claims", "build", "--in", claimsExamples + "rpm-month.json", "more.json"}, "", exitUsage},
	}
	runGolden(t, "claims", tests)
}

// TestClaimsBuildStdin reads the batch from stdin and writes the claims
// and the updated batch to files.
func TestClaimsBuildStdin(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile(claimsExamples + "telehealth-visits.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	outPath, batchPath := filepath.Join(dir, "claims.json"), filepath.Join(dir, "batch.json")
	var out, errb bytes.Buffer
	err = run(context.Background(), []string{"claims", "build", "--in", "-", "--out", outPath, "--batch-out", batchPath},
		bytes.NewReader(in), &out, &errb)
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout not empty: %q", out.String())
	}
	var got struct {
		Claims []claims.Claim `json:"claims"`
	}
	raw, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &got); err != nil || len(got.Claims) != 2 {
		t.Fatalf("claims file: %d claims, %v", len(got.Claims), err)
	}
	statuses := batchStatuses(t, batchPath)
	want := map[string]claims.ChargeItemStatus{
		"CI-3001-1": claims.ItemClaimLineCreated, "CI-3001-2": claims.ItemClaimLineCreated, "CI-3001-3": claims.ItemClaimLineCreated,
		"CI-3001-4": claims.ItemNew, "CI-3001-5": claims.ItemScheduled,
	}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

// TestClaimsApproveThenExport approves with "don't approve duplicates",
// then exports with --mark-billed, rewriting the batch in place.
func TestClaimsApproveThenExport(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile(claimsExamples + "telehealth-visits.json")
	if err != nil {
		t.Fatal(err)
	}
	batch := filepath.Join(t.TempDir(), "batch.json")
	if err := os.WriteFile(batch, in, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	err = run(context.Background(), []string{"claims", "approve", "--in", batch, "--from", "2026-01-01", "--to", "2026-01-31", "--skip-duplicates"},
		strings.NewReader(""), &out, &errb)
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	checkGolden(t, "testdata/claims/approve.err", errb.Bytes())
	if got := batchStatuses(t, batch)["CI-3001-4"]; got != claims.ItemNew {
		t.Errorf("duplicate moved to %s", got)
	}

	out.Reset()
	errb.Reset()
	err = run(context.Background(), []string{"claims", "export", "--in", batch, "--from", "2026-01-01", "--to", "2026-01-31", "--mark-billed"},
		strings.NewReader(""), &out, &errb)
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	checkGolden(t, "testdata/claims/export_mark_billed.out", out.Bytes())
	checkGolden(t, "testdata/claims/export_mark_billed.err", errb.Bytes())
	want := map[string]claims.ChargeItemStatus{
		"CI-3001-1": claims.ItemBilledExternally, "CI-3001-2": claims.ItemBilledExternally, "CI-3001-3": claims.ItemBilledExternally,
		"CI-3001-4": claims.ItemNew, "CI-3001-5": claims.ItemScheduled,
	}
	if diff := cmp.Diff(want, batchStatuses(t, batch)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

func batchStatuses(t *testing.T, path string) map[string]claims.ChargeItemStatus {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := claims.ReadBatch(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]claims.ChargeItemStatus{}
	for _, it := range b.Items {
		out[it.ID] = it.Status
	}
	return out
}
