package remit_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims/remit"
)

// TestCorpusVerdicts decodes every 835 of the shared corpus and checks the
// balancing verdicts against a table checked by hand and against the
// independent counts in the corpus's SOURCES.md ("N unbalanced" claims,
// "BPR mismatch ×N" sets):
//
//   - stupidedi's and LinuxForHealth's TR3 examples, pyx12's and tmc's
//     samples balance at every level;
//   - OopFactory's de-identified files mask amounts with 9s, so they do
//     not: DeIdent_02 has 373 unbalanced claims and 4 BPR mismatches,
//     WithMultipleInterchanges 51 and 3, as SOURCES.md counts;
//   - OopFactory Example1's last CLP ("CLP*090909*22~") has no amounts:
//     SOURCES.md counts it as unbalanced, the decoder reports the two
//     missing elements as problems instead; its BPR02 (5.75) ignores the
//     PLB of -1.27;
//   - moov's sample1 has one claim whose CLP04 is 0 though 0.01 was
//     paid on the line, sample2 a claim whose adjustments exceed the
//     charge.
func TestCorpusVerdicts(t *testing.T) {
	t.Parallel()
	type verdict struct {
		Sets, BalancedSets, Claims       int
		Service, Claim, Transaction, Bad int // balance errors by level; problems
	}
	want := map[string]verdict{
		"lfh-x12__cob-contractural-adjustment.835":                  {1, 1, 1, 0, 0, 0, 1}, // SVC01 "HC>55669" uses '>' but ISA16 is ':'
		"lfh-x12__managed-care.835":                                 {1, 1, 2, 0, 0, 0, 1}, // BPR16 20002316 is not a date
		"lfh-x12__medicare-part-a.835":                              {1, 1, 2, 0, 0, 0, 0},
		"moov-x12__sample1.txt":                                     {2, 1, 2, 0, 1, 0, 0},
		"moov-x12__sample2.txt":                                     {1, 0, 1, 0, 1, 0, 1}, // BPR16 20990080
		"oopfactory__835_DeIdent_02.dat":                            {6, 0, 375, 1420, 373, 4, 7},
		"oopfactory__835_WithMultipleInterchanges.txt":              {3, 0, 56, 50, 51, 3, 0},
		"oopfactory__Example1.txt":                                  {1, 0, 10, 0, 0, 1, 2},
		"pyx12__835_mult_loops.txt":                                 {1, 1, 1, 0, 0, 0, 0},
		"stupidedi__2.edi":                                          {1, 1, 2, 0, 0, 0, 0},
		"stupidedi__dollars-and-data-sent-separate.edi":             {1, 1, 2, 0, 0, 0, 0},
		"stupidedi__dollars-and-data-sent-together.edi":             {1, 1, 2, 0, 0, 0, 0},
		"stupidedi__era-sample.edi":                                 {1, 1, 1, 0, 0, 0, 0},
		"stupidedi__multiple-claims-single-check.edi":               {1, 1, 9, 0, 0, 0, 0},
		"stupidedi__secondary-payment-with-higher-fee-schedule.edi": {1, 1, 1, 0, 0, 0, 0},
		"stupidedi__secondary-payments.edi":                         {1, 1, 2, 0, 0, 0, 0},
		"stupidedi__tertiary-payments.edi":                          {1, 1, 1, 0, 0, 0, 0},
		"tmc-x12__005010x221-example-8a-claim-submitted-incorrect-subscriber-patient-and-incorrect-id.edi": {1, 1, 1, 0, 0, 0, 0},
		// In malformed/ only for its space-padded ISA, which the reader accepts.
		"tmc-x12__005010x221-example-5a.edi": {1, 1, 1, 0, 0, 0, 0},
	}
	files := corpusFiles(t, "835/*")
	files = append(files, filepath.Join(corpusDir, "malformed/tmc-x12__005010x221-example-5a.edi"))
	got := map[string]verdict{}
	for _, f := range files {
		var v verdict
		for _, r := range decodeFile(t, f) {
			v.Sets++
			v.Claims += len(r.Claims)
			v.Bad += len(r.Problems)
			if r.Balanced {
				v.BalancedSets++
			}
			if r.Balanced != (len(r.BalanceErrors) == 0) {
				t.Errorf("%s set %s: Balanced %v with %d balance errors", f, r.ControlNumber, r.Balanced, len(r.BalanceErrors))
			}
			for _, e := range r.BalanceErrors {
				switch e.Level {
				case remit.LevelService:
					v.Service++
				case remit.LevelClaim:
					v.Claim++
				case remit.LevelTransaction:
					v.Transaction++
				}
			}
		}
		got[filepath.Base(f)] = v
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
}

// TestBalanceMessages checks that each level's message names the claim
// and the amounts.
func TestBalanceMessages(t *testing.T) {
	t.Parallel()
	files := corpusFiles(t, "835/moov-x12__sample2.txt")
	var got []string
	for _, name := range []string{files[0], "testdata/defects.835", "testdata/unbalanced-line.835"} {
		for _, r := range decodeFile(t, name) {
			for _, e := range r.BalanceErrors {
				got = append(got, string(e.Level)+" "+e.PatientControlNumber+": "+e.Message)
			}
		}
	}
	want := []string{
		"claim 1234567-001: claim 1234567-001: CLP03 4199.68 - adjustments 1201.68 = 2998.00, but CLP04 is 4000.00",
		"claim RPM-3001: claim RPM-3001: CLP03 100 - adjustments 40 = 60, but CLP04 is 80",
		"transaction : transaction 0001: claims paid 80 - provider adjustments 0 = 80, but BPR02 is 0",
		"service RPM-4001: claim RPM-4001 service 1 (99454): SVC02 50.00 - adjustments 7.30 = 42.70, but SVC03 is 42.07",
		"claim RPM-4001: claim RPM-4001: CLP03 50.00 - adjustments 7.30 = 42.70, but CLP04 is 42.07",
		"transaction : transaction 0001: claims paid 42.07 - provider adjustments -0.63 = 42.70, but BPR02 is 42.07",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestDecoderBalanceMatchesCheckBalance: the Decoder balances as it reads;
// CheckBalance balances the finished model. Both must give the same
// verdicts, in the same order, on every file.
func TestDecoderBalanceMatchesCheckBalance(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/*.835")
	files = append(files, corpusFiles(t, "835/*")...)
	for _, f := range files {
		for _, r := range decodeFile(t, f) {
			decoded, balanced := r.BalanceErrors, r.Balanced
			r.CheckBalance()
			if diff := cmp.Diff(decoded, r.BalanceErrors, sameDecimal); diff != "" || balanced != r.Balanced {
				t.Errorf("%s set %s: decoder and CheckBalance differ (-decoder +CheckBalance):\n%s", f, r.ControlNumber, diff)
			}
		}
	}
}

// TestDecodeInstitutional reads the TR3 example "dollars and data sent
// together": provider summaries (TS3, TS2), inpatient and outpatient
// adjudication (MIA, MOA), claim quantities and a PLB.
func TestDecodeInstitutional(t *testing.T) {
	t.Parallel()
	files := corpusFiles(t, "835/stupidedi__dollars-and-data-sent-together.edi")
	rems := decodeFile(t, files[0])
	if len(rems) != 1 {
		t.Fatalf("%d sets", len(rems))
	}
	r := rems[0]
	wantHeaders := []remit.Header{
		{Number: 110212,
			Summary: &remit.ProviderSummary{ProviderID: "6543210903", FacilityCode: "11", FiscalPeriodEnd: date(2002, 12, 31), ClaimCount: 1,
				TotalCharge: dec("211366.97"), Amounts: []remit.ElementAmount{{Element: 13, Amount: dec("138018.4")}, {Element: 15, Amount: dec("73348.57")}}},
			Supplemental: []remit.ElementAmount{{Element: 1, Amount: dec("2178.45")}, {Element: 2, Amount: dec("1919.71")},
				{Element: 4, Amount: dec("56.82")}, {Element: 5, Amount: dec("197.69")}, {Element: 6, Amount: dec("4.23")}}},
		{Number: 130212,
			Summary: &remit.ProviderSummary{ProviderID: "6543210909", FacilityCode: "13", FiscalPeriodEnd: date(1996, 12, 31), ClaimCount: 1,
				TotalCharge: dec("15000"), Amounts: []remit.ElementAmount{{Element: 13, Amount: dec("11980.33")}, {Element: 15, Amount: dec("3019.67")}}}},
	}
	if diff := cmp.Diff(wantHeaders, r.Headers, cmpModel); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	c0, c1 := r.Claims[0], r.Claims[1]
	if c0.Header != 0 || c1.Header != 1 {
		t.Errorf("claims in headers %d and %d", c0.Header, c1.Header)
	}
	if diff := cmp.Diff(&remit.InpatientAdjudication{Values: []remit.ElementAmount{{Element: 1, Amount: dec("0")}, {Element: 4, Amount: dec("138018.4")}}}, c0.Inpatient, cmpModel); diff != "" {
		t.Errorf("MIA (-want +got):\n%s", diff)
	}
	if c1.Outpatient == nil || len(c1.Remarks) != 1 || c1.Remarks[0].Code != "MA02" {
		t.Errorf("MOA: %+v, remarks %+v", c1.Outpatient, c1.Remarks)
	}
	if len(c0.Quantities) != 1 || c0.Quantities[0].Qualifier != "CA" || !c0.Quantities[0].Quantity.Equal(dec("8")) {
		t.Errorf("QTY: %+v", c0.Quantities)
	}
	if c0.StatementFrom != date(2002, 8, 16) || c0.StatementTo != date(2002, 8, 24) {
		t.Errorf("statement period %v - %v", c0.StatementFrom, c0.StatementTo)
	}
	if len(r.ProviderAdjustments) != 1 || r.ProviderAdjustments[0].Reason != "CV" || r.ProviderAdjustments[0].Reference != "CP" ||
		!r.ProviderAdjustments[0].Amount.Equal(dec("-1.27")) {
		t.Errorf("PLB: %+v", r.ProviderAdjustments)
	}
	if r.Payer.PayerID() != "999" || r.Payee.NPI() != "6543210903" || !r.Balanced {
		t.Errorf("payer %q, payee %q, balanced %v", r.Payer.PayerID(), r.Payee.NPI(), r.Balanced)
	}
}
