package claims

import (
	"math/rand/v2"
	"testing"
)

func TestMissingParty(t *testing.T) {
	t.Parallel()
	full := Claim{BillingProvider: &Provider{}, Coverage: &Coverage{}, Patient: &Patient{}}
	for _, tc := range []struct {
		edit func(*Claim)
		want string
	}{
		{func(*Claim) {}, ""},
		{func(c *Claim) { c.BillingProvider = nil }, "billing_provider"},
		{func(c *Claim) { c.Coverage = nil }, "coverage"},
		{func(c *Claim) { c.Patient = nil }, "patient"},
		{func(c *Claim) { c.Coverage, c.Patient = nil, nil }, "coverage"},
	} {
		c := full
		tc.edit(&c)
		if got := c.MissingParty(); got != tc.want {
			t.Errorf("MissingParty() = %q, want %q", got, tc.want)
		}
	}
	if !(&Claim{}).PatientIsSubscriber() {
		t.Error("a claim without coverage is not the patient's own")
	}
}

// TestGroupSharesParties: claims point at the batch's parties, so claims
// of one patient share them and nothing is copied.
func TestGroupSharesParties(t *testing.T) {
	t.Parallel()
	b := genBatch(rand.New(rand.NewPCG(7, 7)), genConfig{patients: 20, items: 400, diagnoses: 30, days: 28})
	res, err := Group(b, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Claims) < 20 {
		t.Fatalf("%d claims", len(res.Claims))
	}
	inBatch := func(p any) bool {
		switch p := p.(type) {
		case *Patient:
			for i := range b.Patients {
				if p == &b.Patients[i] {
					return true
				}
			}
		case *Coverage:
			for i := range b.Coverages {
				if p == &b.Coverages[i] {
					return true
				}
			}
		case *Provider:
			for i := range b.Providers {
				if p == &b.Providers[i] {
					return true
				}
			}
		}
		return false
	}
	for _, c := range res.Claims {
		if !inBatch(c.Patient) || !inBatch(c.Coverage) || !inBatch(c.BillingProvider) || (c.Rendering != nil && !inBatch(c.Rendering)) {
			t.Fatalf("claim %s has a party that is not the batch's", c.ID)
		}
	}
}
