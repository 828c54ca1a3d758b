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

func TestValidateCommand(t *testing.T) {
	t.Parallel()
	const dir = "testdata/validate/"
	mixed, err := os.ReadFile(dir + "mixed.json")
	if err != nil {
		t.Fatal(err)
	}
	runGolden(t, "validate", []cliCase{
		{"mixed json", []string{"validate", "--in", dir + "mixed.json", "--as-of", "2026-02-10", "--profiles", dir + "profiles.json"}, "", exitInput},
		{"mixed text", []string{"validate", "--format", "text", "--in", dir + "mixed.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"stdin", []string{"validate", "--in", "-", "--as-of", "2026-02-10", "--format", "text"}, string(mixed), exitInput},
		{"built claims pass", []string{"validate", "--in", dir + "rpm-month-claims.json", "--as-of", "2026-02-10"}, "", exitOK},
		{"built claims late", []string{"validate", "--format", "text", "--in", dir + "rpm-month-claims.json", "--as-of", "2026-12-20"}, "", exitOK},
		{"bad json", []string{"validate", "--in", dir + "bad-json.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"unknown field", []string{"validate", "--in", dir + "unknown-field.json", "--as-of", "2026-02-10"}, "", exitInput},
		{"bad profiles", []string{"validate", "--in", dir + "mixed.json", "--profiles", dir + "bad-profiles.json"}, "", exitInput},
		{"no input", []string{"validate"}, "", exitUsage},
		{"bad as-of", []string{"validate", "--in", dir + "mixed.json", "--as-of", "2026-02-30"}, "", exitUsage},
		{"bad format", []string{"validate", "--in", dir + "mixed.json", "--format", "csv"}, "", exitUsage},
		{"missing file", []string{"validate", "--in", dir + "nope.json"}, "", exitUsage},
		{"extra argument", []string{"validate", "--in", dir + "mixed.json", "more.json"}, "", exitUsage},
	})
}

// TestValidateOut writes the claims with their new statuses.
func TestValidateOut(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "checked.json")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"validate", "--in", "testdata/validate/mixed.json", "--as-of", "2026-02-10", "--out", out},
		strings.NewReader(""), &stdout, &stderr)
	if exitCode(err) != exitInput {
		t.Fatalf("exit %d: %v", exitCode(err), err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Claims []claims.Claim `json:"claims"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, c := range got.Claims {
		s := c.PatientControlNumber + " " + string(c.Status)
		for _, h := range c.History {
			s += " | " + h.By + " " + h.At.Format("2006-01-02") + " " + h.Reason
		}
		statuses = append(statuses, s)
	}
	want := []string{
		"RPM-1 ready_to_submit | claimkit validate 2026-02-10 validation passed",
		"TH-1 ready_to_submit | claimkit validate 2026-02-10 validation passed",
		"TH-2 draft | claimkit validate 2026-02-10 validation failed: BILLING-ADDRESS-PO-BOX, TELEHEALTH-GT-GQ, TELEHEALTH-POS-MODIFIER",
		"RPM-2 draft | claimkit validate 2026-02-10 validation failed: NPI-CHECK-DIGIT, RPM-DEVICE-PERIOD, RPM-ONE-PRACTITIONER, RPM-ADDON-PARENT",
		"RTM-1 draft | claimkit validate 2026-02-10 validation failed: TIMELY-FILING, RPM-TELEHEALTH-POS",
		"RPM-3 draft | claimkit validate 2026-02-10 validation failed: ADDRESS-REQUIRED, DX-FORMAT, CLAIM-TOTAL, FREQUENCY, PROCEDURE-DATE",
	}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
