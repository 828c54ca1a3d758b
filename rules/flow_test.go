package rules

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/rpm"
	"github.com/claimkit/claimkit/x12"
)

// TestRPMChargesMakeCleanClaims runs the whole flow: readings and time
// become charge items (claims/rpm), are approved and grouped into claims
// (claims), and the claims pass every default rule.
func TestRPMChargesMakeCleanClaims(t *testing.T) {
	t.Parallel()
	base := rpmClaim()
	in := &rpm.Input{
		Episodes: []rpm.Episode{{ID: "EP-1", PatientID: "PAT-1", Program: rpm.RPM, Start: day("2026-01-02"),
			CoverageID: "COV-1", BillingProviderID: "ACME", RenderingProviderID: "DR-1", Diagnoses: []string{"I10", "E1165"}}},
		TimeEntries: []rpm.TimeEntry{
			{PatientID: "PAT-1", PractitionerID: "RN-1", Program: rpm.RPM, Day: day("2026-01-08"), Minutes: 25, Interactive: true},
			{PatientID: "PAT-1", PractitionerID: "RN-1", Program: rpm.RPM, Day: day("2026-01-21"), Minutes: 42},
		},
		Fees: map[string]decimal.Decimal{"99453": dec("22.00"), "99454": dec("47.43"), "99457": dec("52.00"), "99458": dec("41.00")},
	}
	for i := range 18 {
		in.Readings = append(in.Readings, rpm.Reading{PatientID: "PAT-1", DeviceID: "BP", Program: rpm.RPM, Day: day("2026-01-03").AddDays(i)})
	}
	res, err := rpm.Bill(in, day("2026-02-05"), rpm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := &claims.Batch{
		Patients:  []claims.Patient{*base.Patient},
		Coverages: []claims.Coverage{*base.Coverage},
		Providers: []claims.Provider{*base.BillingProvider, *base.Rendering, {ID: "RN-1", Qualification: "RN", Name: claims.Name{Last: "BROWN"}}},
		Items:     res.Charges,
	}
	b.Coverages[0].ID = "COV-1"
	b.Providers[0].ID, b.Providers[1].ID = "ACME", "DR-1"
	claims.Approve(b, claims.ApproveOptions{})
	g, err := claims.Group(b, claims.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Claims) != 1 {
		t.Fatalf("%d claims", len(g.Claims))
	}
	var lines []string
	for _, l := range g.Claims[0].Lines {
		lines = append(lines, fmt.Sprintf("%s x%s %s %s", l.Procedure, l.Units, l.Charge.StringFixed(2), l.Service.From))
	}
	want := "[99453 x1 22.00 2026-01-31 99454 x1 47.43 2026-01-31 99457 x1 52.00 2026-01-31 99458 x2 82.00 2026-01-31]"
	if got := fmt.Sprint(lines); got != want {
		t.Errorf("lines %s\nwant  %s", got, want)
	}
	findings := Check(g.Claims, DefaultRuleSet(), x12.NewDate(2026, 2, 5))
	if len(findings) != 0 {
		t.Errorf("findings on claims built from RPM charges:\n%v", findings)
	}
	if _, err := Apply(&g.Claims[0], findings, claims.Change{By: "test"}); err != nil || g.Claims[0].Status != claims.ReadyToSubmit {
		t.Errorf("status %s, %v", g.Claims[0].Status, err)
	}
}
