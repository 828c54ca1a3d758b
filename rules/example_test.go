package rules_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/rules"
	"github.com/claimkit/claimkit/x12"
)

func ExampleCheck() {
	dos := x12.NewDate(2026, 1, 31)
	c := claims.Claim{
		ID: "RPM-1", PatientControlNumber: "RPM-1",
		BillingProvider: &claims.Provider{NPI: "1245319599", TaxID: "123456789",
			Name:    claims.Name{Organization: "ACME FAMILY MEDICINE"},
			Address: claims.Address{Line1: "PO BOX 100", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"}},
		Rendering: &claims.Provider{NPI: "1234567893", Name: claims.Name{Last: "SMITH", First: "JOHN"}},
		Coverage: &claims.Coverage{
			Payer:      claims.Payer{Name: "MEDICARE PART B", PayerID: "00952", ClaimFilingIndicator: claims.FilingMedicarePartB},
			Subscriber: claims.Person{MemberID: "1EG4TE5MK73", Name: claims.Name{Last: "DOE", First: "JANE"}},
		},
		Patient: &claims.Patient{Person: claims.Person{Name: claims.Name{Last: "DOE", First: "JANE"},
			BirthDate: x12.NewDate(1950, 1, 1), Gender: claims.GenderFemale,
			Address: claims.Address{Line1: "12 OAK AVE", City: "SPRINGFIELD", State: "IL", PostalCode: "62704"}}},
		PlaceOfService: claims.POSTelehealthInHome,
		Diagnoses:      []string{"I10"},
		Lines: []claims.ClaimLine{{
			Number: 1, Procedure: claims.Procedure{Code: "99457"}, Charge: decimal.RequireFromString("52.00"),
			Units: decimal.NewFromInt(1), Service: x12.DateRange{From: dos, To: dos}, DiagnosisPointers: []int{1},
			Telecare: claims.TelecareAudio,
		}},
	}
	cs := []claims.Claim{c}
	findings := rules.Check(cs, rules.DefaultRuleSet(), x12.NewDate(2026, 2, 10))
	for _, f := range findings {
		fmt.Println(f)
	}
	if _, err := rules.Apply(&cs[0], findings, claims.Change{By: "scrubber", At: time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)}); err != nil {
		fmt.Println(err)
	}
	fmt.Println("status:", cs[0].Status, "-", cs[0].History[0].Reason)
	// Output:
	// claim RPM-1 (billing_provider.address.line1): error BILLING-ADDRESS-PO-BOX: the billing provider address is a PO box, lock box or private mailbox: send a street address and put the box in the pay-to address [CARC 16]
	// claim RPM-1 (coverage.subscriber.address.line1): error ADDRESS-REQUIRED: the subscriber address has no street (N301) [CARC 16]
	// claim RPM-1 (coverage.subscriber.address.city): error ADDRESS-REQUIRED: the subscriber address has no city (N401) [CARC 16]
	// claim RPM-1 (coverage.subscriber.address.state): error ADDRESS-REQUIRED: the subscriber address has no state (N402) [CARC 16]
	// claim RPM-1 (coverage.subscriber.address.postal_code): error ADDRESS-REQUIRED: the subscriber address has no postal code (N403) [CARC 16]
	// claim RPM-1 line 1 (lines[0].telecare): error RPM-TELEHEALTH-MODIFIER: the line's audio telecare would add 93 to 99457: RPM and RTM are not telehealth services [CARC 4]
	// claim RPM-1 line 1 (lines[0].place_of_service): error RPM-TELEHEALTH-POS: 99457 at POS 10: RPM and RTM are billed at the practice's place of service, not as telehealth [CARC 5]
	// status: draft - validation failed: BILLING-ADDRESS-PO-BOX, ADDRESS-REQUIRED, RPM-TELEHEALTH-MODIFIER, RPM-TELEHEALTH-POS
}

func ExampleRuleSet_WithProfile() {
	set, err := rules.DefaultRuleSet().WithProfile(rules.PayerProfile{
		PayerID: "87726", Name: "UNITEDHEALTHCARE", TelehealthModifiers: rules.ModifiersAlways,
		RPMDiagnoses: []string{"I50", "O10"}, TimelyFilingDays: 90,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	set = set.Without("HL-CLAIM-COUNT")
	p := set.Profile("87726")
	fmt.Println(p.Name, p.TelehealthModifiers, p.TelehealthPOS, p.RPMDiagnoses, p.TimelyFilingDays)
	fmt.Println(set.Profile("00952").TimelyFilingDays)
	r, _ := set.Rule("RPM-DEVICE-PERIOD")
	fmt.Println(r.ID, r.Severity, r.CARC, r.RARC, "-", r.Summary)
	// Output:
	// UNITEDHEALTHCARE always [02 10] [I50 O10] 90
	// 365
	// RPM-DEVICE-PERIOD error 119 M86 - one device supply code per patient per 30 days
}
