package x837p_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

func examplePartner() x837p.Partner {
	p := x837p.DefaultPartner()
	p.Submitter = x837p.Submitter{Name: "ACME RPM BILLING", ID: "ACME01", Contact: x837p.Contact{Name: "BILLING DESK", Phone: "5555550100"}}
	p.Receiver = x837p.Receiver{Name: "CLEARINGHOUSE", ID: "CH123"}
	p.Envelope.SenderID, p.Envelope.ReceiverID = "ACME01", "CH123"
	return p
}

func exampleClaim() claims.Claim {
	jane := claims.Person{
		MemberID: "1EG4TE5MK73", Name: claims.Name{Last: "DOE", First: "JANE"},
		BirthDate: x12.NewDate(1950, time.January, 1), Gender: claims.GenderFemale,
	}
	day := x12.NewDate(2026, time.January, 20)
	return claims.Claim{
		ID: "TH-0042", PatientControlNumber: "TH-0042",
		BillingProvider: &claims.Provider{
			NPI: "1245319599", TaxID: "123456789", Name: claims.Name{Organization: "ACME FAMILY MEDICINE"},
			Address: claims.Address{Line1: "100 MAIN ST", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"},
		},
		Coverage: &claims.Coverage{
			Payer:      claims.Payer{Name: "MEDICARE PART B", PayerID: "00952", ClaimFilingIndicator: claims.FilingMedicarePartB},
			Subscriber: jane, Relationship: claims.RelSelf,
		},
		Patient:        &claims.Patient{Person: jane},
		PlaceOfService: claims.POSTelehealthInHome,
		Diagnoses:      []string{"I10"},
		Lines: []claims.ClaimLine{{
			Number: 1, Procedure: claims.Procedure{Code: "99214"}, Charge: decimal.RequireFromString("165.00"),
			Units: decimal.NewFromInt(1), Service: x12.DateRange{From: day, To: day}, DiagnosisPointers: []int{1},
			Telecare: claims.TelecareVideo, // the partner's policy adds modifier 95 on POS 10
		}},
	}
}

// Encode writes a telehealth video visit as an 837P; the segment map
// says what each position holds, to read a 999 back.
func ExampleEncode() {
	var out strings.Builder
	res, err := x837p.Encode(&out, []claims.Claim{exampleClaim()}, x837p.Options{
		Partner: examplePartner(), Date: x12.NewDate(2026, time.February, 3), Time: x12.TimeOfDay{Hour: 12},
		ControlNumbers: x12.NewSequence(1), Newline: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "CLM") || strings.HasPrefix(line, "SV1") || strings.HasPrefix(line, "SE") {
			fmt.Println(line)
		}
	}
	ref, _ := res.Lookup("0001", 19)
	fmt.Printf("ST 0001 position 19: %s in loop %s of claim %s\n", ref.Segment, ref.Loop, ref.ClaimID)
	// Output:
	// CLM*TH-0042*165***10:B:1*Y*A*Y*Y~
	// SV1*HC:99214:95*165*UN*1***1~
	// SE*21*0001~
	// ST 0001 position 19: SV1 in loop 2400 of claim TH-0042
}

// Decode reads an 837P back into claims; problems come with positions.
func ExampleDecode() {
	f, err := os.Open("testdata/dependent.x12")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	doc, err := x837p.Decode(f, x837p.DecodeOptions{File: "dependent.x12"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range doc.Claims() {
		fmt.Printf("%s: %s, relationship %s, %d line, total %s, %s\n", c.PatientControlNumber, c.Coverage.Payer.Name,
			c.Coverage.Relationship, len(c.Lines), c.Total(), c.Lines[0].Telecare)
	}
	fmt.Println(len(doc.Problems), "problems")
	// Output:
	// DEP-2601-0003: BLUE CROSS BLUE SHIELD OF ILLINOIS, relationship 19, 1 line, total 110, video
	// 0 problems
}

// A Partner is a value: DefaultPartner, then the settings, then Validate.
func ExamplePartner_Validate() {
	p := x837p.DefaultPartner()
	p.Submitter.Name = "ACME RPM BILLING"
	err := p.Validate()
	fmt.Println(err)
	// Output:
	// x837p: invalid partner: submitter.id: required; submitter.contact: a name or a phone, email or fax is required (PER); receiver.name: required; receiver.id: required; envelope.sender_id: required; envelope.receiver_id: required
}
