package claims

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// TestGroupProperties checks the invariants of Group on random batches:
// every ReadyToBill item lands on exactly one line and the others on none;
// lines keep the charges and units of their items; the items of a line
// share its line key and the lines of a claim share its claim key; no
// claim has more than 50 lines or 12 diagnoses; pointers are valid; patient
// control numbers are unique and short; and shuffling the input gives the
// same claims.
func TestGroupProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20260130, 3))
	configs := []genConfig{
		{patients: 20, items: 200, diagnoses: 10, days: 28},
		{patients: 2, items: 400, diagnoses: 6, days: 90},   // 50-line splits
		{patients: 3, items: 150, diagnoses: 200, days: 60}, // 12-diagnosis splits
		{patients: 1, items: 60, diagnoses: 3, days: 2},     // heavy merging
	}
	iterations := 400
	if testing.Short() {
		iterations = 40
	}
	var sawLineSplit, sawDiagSplit, sawMerge bool
	for iter := range iterations {
		cfg := configs[iter%len(configs)]
		b := genBatch(rng, cfg)
		for i := range b.Items {
			switch rng.IntN(10) {
			case 0:
				b.Items[i].Status = ItemNew
			case 1:
				b.Items[i].Status = ItemClaimLineCreated
			}
		}
		shuffled := cloneBatch(b)
		rng.Shuffle(len(shuffled.Items), func(i, j int) { shuffled.Items[i], shuffled.Items[j] = shuffled.Items[j], shuffled.Items[i] })
		orig := cloneBatch(b)

		res, err := Group(b, GroupOptions{})
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		res2, err := Group(shuffled, GroupOptions{})
		if err != nil {
			t.Fatalf("iteration %d (shuffled): %v", iter, err)
		}
		if !bytes.Equal(mustJSON(t, res.Claims), mustJSON(t, res2.Claims)) {
			t.Fatalf("iteration %d: claims depend on input order", iter)
		}

		byID := make(map[string]*ChargeItem, len(orig.Items))
		ready := 0
		for i := range orig.Items {
			byID[orig.Items[i].ID] = &orig.Items[i]
			if orig.Items[i].Status == ItemReadyToBill {
				ready++
			}
		}
		seen := make(map[string]bool)
		pcns := make(map[string]bool)
		var totalIn, totalOut decimal.Decimal
		for _, it := range orig.Items {
			if it.Status == ItemReadyToBill {
				totalIn = totalIn.Add(it.Charge)
			}
		}
		for ci := range res.Claims {
			c := &res.Claims[ci]
			totalOut = totalOut.Add(c.Total())
			if len(c.Lines) == 0 || len(c.Lines) > MaxLines {
				t.Fatalf("iteration %d: claim %d has %d lines", iter, ci, len(c.Lines))
			}
			if len(c.Diagnoses) == 0 || len(c.Diagnoses) > MaxDiagnoses {
				t.Fatalf("iteration %d: claim %d has %d diagnoses", iter, ci, len(c.Diagnoses))
			}
			sawLineSplit = sawLineSplit || len(c.Lines) == MaxLines
			sawDiagSplit = sawDiagSplit || len(c.Diagnoses) > MaxDiagnoses-MaxPointers
			if pcns[c.PatientControlNumber] || len(c.PatientControlNumber) > DefaultPCNLength {
				t.Fatalf("iteration %d: patient control number %q repeated or too long", iter, c.PatientControlNumber)
			}
			pcns[c.PatientControlNumber] = true
			used := make([]bool, len(c.Diagnoses))
			for li, l := range c.Lines {
				if l.Number != li+1 {
					t.Fatalf("iteration %d: line %d numbered %d", iter, li, l.Number)
				}
				if li > 0 && l.Service.From.Before(c.Lines[li-1].Service.From) {
					t.Fatalf("iteration %d: claim %d lines out of date order", iter, ci)
				}
				if len(l.DiagnosisPointers) == 0 || len(l.DiagnosisPointers) > MaxPointers {
					t.Fatalf("iteration %d: %d pointers", iter, len(l.DiagnosisPointers))
				}
				for pi, p := range l.DiagnosisPointers {
					if p < 1 || p > len(c.Diagnoses) || slices.Contains(l.DiagnosisPointers[:pi], p) {
						t.Fatalf("iteration %d: bad pointer %d in %v", iter, p, l.DiagnosisPointers)
					}
					used[p-1] = true
				}
				var charge, units decimal.Decimal
				sawMerge = sawMerge || len(l.ChargeItemIDs) > 1
				for _, id := range l.ChargeItemIDs {
					it := byID[id]
					if it == nil || it.Status != ItemReadyToBill || seen[id] {
						t.Fatalf("iteration %d: item %s on a line twice or not ReadyToBill", iter, id)
					}
					seen[id] = true
					charge, units = charge.Add(it.Charge), units.Add(it.Units)
					checks := []struct {
						what string
						ok   bool
					}{
						{"patient", it.PatientID == c.Patient.ID},
						{"coverage", it.CoverageID == c.Coverage.ID},
						{"billing provider", it.BillingProviderID == c.BillingProvider.ID},
						{"authorization", it.AuthorizationNumber == c.PriorAuthorization},
						{"place of service", it.PlaceOfService == c.PlaceOfService},
						{"start date", it.ServiceDate() == l.Service.From},
						{"end date", it.EndDate() == l.Service.To},
						{"procedure", it.Procedure == l.Procedure},
						{"rendering provider", c.Rendering == nil || it.RenderingProviderID == c.Rendering.ID},
						{"service facility", (c.ServiceFacility == nil) == (it.ServiceFacilityID == "")},
					}
					for _, ck := range checks {
						if !ck.ok {
							t.Fatalf("iteration %d: item %s does not share the %s of its line and claim", iter, id, ck.what)
						}
					}
					got := b.Items[slices.IndexFunc(b.Items, func(x ChargeItem) bool { return x.ID == id })]
					if got.Status != ItemClaimLineCreated || got.ClaimID != c.ID || got.LineNumber != l.Number {
						t.Fatalf("iteration %d: item %s not moved to its line", iter, id)
					}
				}
				for _, p := range l.DiagnosisPointers {
					d := c.Diagnoses[p-1]
					if !slices.ContainsFunc(l.ChargeItemIDs, func(id string) bool { return slices.Contains(byID[id].Diagnoses, d) }) {
						t.Fatalf("iteration %d: line points at %s, which none of its items has", iter, d)
					}
				}
				if !charge.Equal(l.Charge) || !units.Equal(l.Units) {
					t.Fatalf("iteration %d: line charge %s units %s, items add to %s and %s", iter, l.Charge, l.Units, charge, units)
				}
			}
			if slices.Contains(used, false) {
				t.Fatalf("iteration %d: claim %d has a diagnosis no line points at", iter, ci)
			}
		}
		if len(seen) != ready || res.Grouped != ready || res.Skipped != len(orig.Items)-ready {
			t.Fatalf("iteration %d: %d of %d ReadyToBill items on lines (grouped %d, skipped %d)", iter, len(seen), ready, res.Grouped, res.Skipped)
		}
		if !totalIn.Equal(totalOut) {
			t.Fatalf("iteration %d: charges in %s, claims total %s", iter, totalIn, totalOut)
		}
	}
	if !sawLineSplit || !sawDiagSplit || !sawMerge {
		t.Errorf("generator too tame: 50-line claim %v, >8 diagnoses %v, merged line %v", sawLineSplit, sawDiagSplit, sawMerge)
	}
}

func cloneBatch(b *Batch) *Batch {
	c := *b
	c.Items = slices.Clone(b.Items)
	return &c
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
