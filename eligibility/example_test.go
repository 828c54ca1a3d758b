package eligibility_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/claimkit/claimkit/eligibility"
	"github.com/claimkit/claimkit/x12"
)

func ExampleEncode270() {
	w := x12.NewWriter(os.Stdout, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1) // a daemon uses its ledger
	_, err := eligibility.Encode270(w, eligibility.Batch{
		Partner: eligibility.Partner{SenderID: "CLAIMKIT", ReceiverID: "CLEARINGHOUSE", Usage: "T"},
		Date:    x12.NewDate(2026, time.January, 15),
		Time:    x12.TimeOfDay{Hour: 9, Minute: 30},
		Requests: []eligibility.Request{{
			Reference:      "ELIG0001",
			Payer:          eligibility.Party{Organization: "ACME HEALTH PLAN", ID: "12345"},
			Provider:       eligibility.Party{Organization: "TELECARE CLINIC", ID: "1234567893"},
			Subscriber:     eligibility.Person{MemberID: "W123456789", LastName: "DOE", FirstName: "JANE"},
			Date:           x12.NewDate(2026, time.January, 20),
			PlaceOfService: "10",
		}},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// ISA*00*          *00*          *ZZ*CLAIMKIT       *ZZ*CLEARINGHOUSE  *260115*0930*^*00501*000000001*0*T*:~
	// GS*HS*CLAIMKIT*CLEARINGHOUSE*20260115*0930*1*X*005010X279A1~
	// ST*270*0001*005010X279A1~
	// BHT*0022*13*ELIG0001*20260115*0930~
	// HL*1**20*1~
	// NM1*PR*2*ACME HEALTH PLAN*****PI*12345~
	// HL*2*1*21*1~
	// NM1*1P*2*TELECARE CLINIC*****XX*1234567893~
	// HL*3*2*22*0~
	// NM1*IL*1*DOE*JANE****MI*W123456789~
	// DTP*291*D8*20260120~
	// EQ*30~
	// III*ZZ*10~
	// SE*12*0001~
	// GE*1*1~
	// IEA*1*000000001~
}

const sample271 = `ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMKIT       *260115*0931*^*00501*000000007*0*T*:~
GS*HB*CLEARINGHOUSE*CLAIMKIT*20260115*0931*7*X*005010X279A1~
ST*271*0001*005010X279A1~
BHT*0022*11*ELIG0001*20260115*0931~
HL*1**20*1~
NM1*PR*2*ACME HEALTH PLAN*****PI*12345~
HL*2*1*21*1~
NM1*1P*2*TELECARE CLINIC*****XX*1234567893~
HL*3*2*22*0~
TRN*2*ELIG0001*1234567890~
NM1*IL*1*DOE*JANE****MI*W123456789~
DTP*346*D8*20250101~
EB*1*IND*30*PR*GOLD PPO~
EB*1*IND*98*PR~
III*ZZ*02~
III*ZZ*10~
EB*B*IND*98*PR**27*25*****Y~
EB*C*IND*30*PR**29*420.5*****Y~
SE*17*0001~
GE*1*7~
IEA*1*000000007~
`

func ExampleDecode271() {
	r := x12.NewReader(strings.NewReader(sample271))
	r.File = "response.271"
	resps, err := eligibility.Decode271(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range resps[0].Coverage(eligibility.ProfessionalVisitOffice, x12.NewDate(2026, time.January, 20)) {
		fmt.Println(c.Level, c.Status, "-", c.Reason)
		for _, cp := range c.Copay {
			fmt.Println("copay", cp.Value, "in network:", cp.InNetwork)
		}
		for _, d := range c.Deductible {
			fmt.Println("deductible", d.Value, "remaining:", d.Remaining)
		}
		fmt.Println("telehealth:", c.Telehealth, c.TelehealthEvidence)
	}
	// Output:
	// subscriber active - EB01 1 (Active Coverage) for service type 98
	// copay 25 in network: Y
	// deductible 420.5 remaining: true
	// telehealth: true [III*ZZ*02 on EB01 1 III*ZZ*10 on EB01 1]
}

func ExampleResponse_Rejections() {
	in := `ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLAIMKIT       *260115*0931*^*00501*000000008*0*T*:~
GS*HB*PAYER*CLAIMKIT*20260115*0931*8*X*005010X279A1~
ST*271*0001*005010X279A1~
BHT*0022*11*ELIG0002*20260115*0931~
HL*1**20*1~
NM1*PR*2*ACME HEALTH PLAN*****PI*12345~
HL*2*1*21*1~
NM1*1P*2*TELECARE CLINIC*****XX*1234567893~
HL*3*2*22*0~
NM1*IL*1*DOE*JANE****MI*W000000000~
AAA*Y**75*C~
SE*10*0001~
GE*1*8~
IEA*1*000000008~
`
	resps, _ := eligibility.Decode271(x12.NewReader(strings.NewReader(in)))
	for _, rj := range resps[0].Rejections() {
		fmt.Printf("%s: %s %s; %s %s; retry later: %v\n", rj.Loop, rj.Reason, rj.ReasonText, rj.FollowUp, rj.FollowUpText, rj.Reason.Retryable())
	}
	// Output:
	// 2100C: 75 Subscriber/Insured Not Found; C Please Correct and Resubmit; retry later: false
}
