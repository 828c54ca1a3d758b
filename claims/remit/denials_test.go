package remit_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims/remit"
)

var equalDecimal = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func TestAnalyzeDenials(t *testing.T) {
	t.Parallel()
	got := remit.AnalyzeDenials(decodeFile(t, "testdata/telehealth.835"))
	// By hand: six adjudicated lines (RPM-1001 has two; RPM-1002 one;
	// RPM-0901's correction, RTM-2001 and RPM-1003 have no SVC and count
	// as one each; the reversal is left out). RPM-1002 (CLP02 4, CO-97,
	// M86, N20) and RPM-1003 (CLP02 4, CO-18) are denied.
	want := remit.DenialReport{
		CodesAsOf: remit.CodesAsOf,
		Lines:     6, Denied: 2, Rate: dec("0.3333"),
		Charged: dec("424"), DeniedCharge: dec("74"),
		Reasons: []remit.DenialReason{
			{Kind: "CARC", Group: "CO", Code: "18", Description: "exact duplicate claim or service", Lines: 1, Amount: dec("22")},
			{Kind: "CARC", Group: "CO", Code: "97", Description: "benefit included in the payment for another service already adjudicated", Lines: 1, Amount: dec("52")},
			{Kind: "RARC", Code: "M86", Description: "service denied: payment already made for the same or a similar procedure within a set time frame", Lines: 1, Amount: dec("52")},
			{Kind: "RARC", Code: "N20", Description: "service not payable with other service rendered on the same date", Lines: 1, Amount: dec("52")},
		},
		ByPayer: []remit.DenialGroup{
			{Key: "ACME01", Name: "ACME HEALTH PLAN", Lines: 6, Denied: 2, Rate: dec("0.3333"), Charged: dec("424"), DeniedCharge: dec("74")},
		},
		ByProcedure: []remit.DenialGroup{
			{Key: "", Lines: 3, Denied: 1, Rate: dec("0.3333"), Charged: dec("222"), DeniedCharge: dec("22")},
			{Key: "99454", Lines: 1, Denied: 0, Rate: dec("0"), Charged: dec("50"), DeniedCharge: dec("0")},
			{Key: "99457", Lines: 1, Denied: 0, Rate: dec("0"), Charged: dec("100"), DeniedCharge: dec("0")},
			{Key: "99458", Lines: 1, Denied: 1, Rate: dec("1"), Charged: dec("52"), DeniedCharge: dec("52")},
		},
		ByMonth: []remit.DenialGroup{
			{Key: "2026-01", Lines: 3, Denied: 1, Rate: dec("0.3333"), Charged: dec("202"), DeniedCharge: dec("52")},
			{Key: "2026-02", Lines: 3, Denied: 1, Rate: dec("0.3333"), Charged: dec("222"), DeniedCharge: dec("22")},
		},
	}
	if diff := cmp.Diff(want, got, equalDecimal); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestAnalyzeDenialsClaimLevelOnce: claim-level adjustment amounts count
// once per claim even when several of its lines are denied.
func TestAnalyzeDenialsClaimLevelOnce(t *testing.T) {
	t.Parallel()
	rem := remittance(t, "TR1", "CLP*P1*4*150*0*0*MB*ICN1*10*1~\nCAS*CO*16*150~\nMOA***MA130~\n"+
		"SVC*HC:99454*50*0**1~\nDTM*472*20260131~\nLQ*HE*N290~\nLQ*HE*N290~\n"+
		"SVC*HC:99457:95*100*0**1~\nDTM*472*20260131~\n")
	got := remit.AnalyzeDenials([]*remit.Remittance{rem}).Reasons
	want := []remit.DenialReason{
		{Kind: "CARC", Group: "CO", Code: "16", Description: remit.CARCDescription("16"), Lines: 2, Amount: dec("150")},
		{Kind: "RARC", Code: "MA130", Description: remit.RARCDescription("MA130"), Lines: 2, Amount: dec("150")},
		{Kind: "RARC", Code: "N290", Description: remit.RARCDescription("N290"), Lines: 1, Amount: dec("50")},
	}
	if diff := cmp.Diff(want, got, equalDecimal); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if remit.CARCDescription("16") == "" || remit.RARCDescription("N290") == "" || remit.CARCDescription("nope") != "" {
		t.Error("code descriptions")
	}
}

func TestAnalyzeDenialsEmpty(t *testing.T) {
	t.Parallel()
	got := remit.AnalyzeDenials(nil)
	if got.Lines != 0 || !got.Rate.IsZero() || got.Reasons != nil || got.CodesAsOf != remit.CodesAsOf {
		t.Errorf("%+v", got)
	}
}
