package sim

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dependentClaim is a telehealth audio-only visit of a spouse covered by
// the default payer as secondary.
func dependentClaim() claims.Claim {
	audio := line("99213", "120.00", day(14))
	audio.Telecare = claims.TelecareAudio
	c := testClaim("TH-2601-0077", claims.POSTelehealthInHome, audio)
	c.Coverage.Priority = claims.Secondary
	c.Coverage.Relationship = claims.RelSpouse
	c.Patient.Person = claims.Person{Name: claims.Name{Last: "DOE", First: "JOHN"}, BirthDate: c.Patient.BirthDate, Gender: claims.GenderMale}
	return c
}

// plbPayer is the default payer with a standing recoupment and interest.
func plbPayer() Payer {
	p := DefaultPayer()
	p.ProviderAdjustments = []ProviderAdjustment{
		{Reason: "WO", Reference: "2512010000000040001", Amount: dec("10.00")},
		{Reason: "L6", Amount: dec("-1.25")},
	}
	return p
}

// goldenCases are the inputs whose responses are kept under
// testdata/golden: the test claims, the same with a TA1 asked for, an
// interchange rejected by its envelope, and a dependent's claim paid
// with provider adjustments.
func goldenCases(t testing.TB) []struct {
	name  string
	payer Payer
	input []byte
} {
	good := encode837(t, testClaims(), 1, false)
	return []struct {
		name  string
		payer Payer
		input []byte
	}{
		{"batch", DefaultPayer(), good},
		{"ta1", DefaultPayer(), encode837(t, testClaims(), 1, true)},
		{"bad-iea", DefaultPayer(), edit(t, good, "IEA*1*000000001~", "IEA*1*000000002~")},
		{"plb", plbPayer(), encode837(t, []claims.Claim{dependentClaim()}, 7, false)},
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range goldenCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files, err := tc.payer.Respond(tc.name+".837", tc.input, testEnvelope())
			if err != nil {
				t.Fatal(err)
			}
			decodeResponses(t, files) // every response decodes without problems
			again, err := tc.payer.Respond(tc.name+".837", tc.input, testEnvelope())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(files, again); diff != "" {
				t.Errorf("a second run differs (-first +second):\n%s", diff)
			}
			checkGolden(t, files)
		})
	}
}

// checkGolden compares files with testdata/golden/<name>, or writes them
// there with -update.
func checkGolden(t testing.TB, files []File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join("testdata", "golden", f.Name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
		if diff := cmp.Diff(string(want), string(f.Data)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", f.Name, diff)
		}
	}
}

func TestProviderAdjustments(t *testing.T) {
	t.Parallel()
	// 99213 fee 91 (charge 120): coins 18.20; seq 2% of 72.80 = 1.456 →
	// 1.46; paid 71.34; CO-45 29. Secondary coverage: CLP02 2.
	claim := []string{"99213:93 120 71.34 CO-45 29 CO-253 1.46 PR-2 18.2 allowed 91 TH-2601-0077-1"}
	for _, tc := range []struct {
		name string
		adj  []ProviderAdjustment
		want checkDigest
	}{
		{
			name: "recoupment and interest",
			adj:  plbPayer().ProviderAdjustments,
			// 71.34 − (10 − 1.25) = 62.59
			want: checkDigest{Amount: "62.59", PLB: []string{"WO:2512010000000040001 10", "L6: -1.25"}},
		},
		{
			name: "recoupment larger than the payment",
			adj:  []ProviderAdjustment{{Reason: "WO", Reference: "X1", Amount: dec("100")}},
			// 71.34 − 100 = −28.66: a debit
			want: checkDigest{Amount: "-28.66", PLB: []string{"WO:X1 100"}},
		},
		{
			name: "recoupment equal to the payment",
			adj:  []ProviderAdjustment{{Reason: "WO", Reference: "X1", Amount: dec("71.34")}},
			want: checkDigest{Amount: "0", PLB: []string{"WO:X1 71.34"}},
		},
		{
			name: "seven adjustments, two PLB segments",
			adj: []ProviderAdjustment{
				{Reason: "L6", Amount: dec("-1")}, {Reason: "L6", Amount: dec("-1")}, {Reason: "L6", Amount: dec("-1")},
				{Reason: "L6", Amount: dec("-1")}, {Reason: "L6", Amount: dec("-1")}, {Reason: "L6", Amount: dec("-1")},
				{Reason: "L6", Amount: dec("-1")},
			},
			want: checkDigest{Amount: "78.34", PLB: []string{"L6: -1", "L6: -1", "L6: -1", "L6: -1", "L6: -1", "L6: -1", "L6: -1"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := DefaultPayer()
			p.ProviderAdjustments = tc.adj
			files, err := p.Respond("plb.837", encode837(t, []claims.Claim{dependentClaim()}, 7, false), testEnvelope())
			if err != nil {
				t.Fatal(err)
			}
			d := decodeResponses(t, files)
			if len(d.Checks) != 1 {
				t.Fatalf("%d checks, want 1", len(d.Checks))
			}
			got := d.Checks[0]
			if len(got.Claims) != 1 || got.Claims[0].Status != "2" || !cmp.Equal(got.Claims[0].Lines, claim) {
				t.Errorf("claims %+v, want one with status 2 and lines %v", got.Claims, claim)
			}
			if !got.Balanced {
				t.Error("not balanced")
			}
			if diff := cmp.Diff(tc.want, checkDigest{Amount: got.Amount, PLB: got.PLB}); diff != "" {
				t.Errorf("check (-want +got):\n%s", diff)
			}
		})
	}
}
