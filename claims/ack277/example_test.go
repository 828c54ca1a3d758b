package ack277_test

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/ack277"
)

const sample = `ISA*00*          *00*          *ZZ*CLEARHOUSE01   *ZZ*CLAIMKIT01     *260302*1015*^*00501*000000310*0*P*:~
GS*HN*CLEARHOUSE01*CLAIMKIT01*20260302*1015*310*X*005010X214~
ST*277*0001*005010X214~
BHT*0085*08*B310*20260302*1015*TH~
HL*1**20*1~
NM1*PR*2*PAYER ONE*****PI*PAYER01~
TRN*1*T310~
HL*2*1*21*1~
NM1*41*2*CLAIMKIT PRACTICE*****46*SUBMIT01~
TRN*2*BATCH0042~
STC*A1:19:PR*20260302*WQ*215~
HL*3*2*19*1~
NM1*85*2*REMOTE CARE CLINIC*****XX*1234567893~
TRN*1*0~
HL*4*3*PT~
NM1*QC*1*DOE*JANE****MI*W100000001~
TRN*2*RPM-1001~
STC*A2:20*20260302*WQ*150~
REF*1K*P2026030200001~
HL*5*3*PT~
NM1*QC*1*ROE*RICHARD****MI*W100000002~
TRN*2*RPM-1002~
STC*A7:562:85*20260302*U*65~
SE*22*0001~
GE*1*310~
IEA*1*000000310~
`

func ExampleDecoder() {
	d := ack277.NewDecoder(strings.NewReader(sample))
	d.File = "batch-0042.277"
	for {
		ack, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, s := range ack.Summaries() {
			fmt.Println(s.PatientControlNumber, s.Outcome)
			for _, r := range s.Reasons {
				fmt.Println("  ", r)
			}
		}
	}
	fmt.Println("problems:", len(d.Problems()))
	// Output:
	// RPM-1001 accepted
	// RPM-1002 rejected
	//    A7:562:85 Entity's National Provider Identifier (NPI) (Billing provider)
	// problems: 0
}

func ExampleApply() {
	acks, _, err := ack277.DecodeAll(strings.NewReader(sample), "batch-0042.277")
	if err != nil {
		fmt.Println(err)
		return
	}
	sent := []*claims.Claim{{ID: "c1", PatientControlNumber: "RPM-1001", Status: claims.Submitted}}
	res := ack277.Apply(acks[0], sent, claims.Change{By: "daemon", At: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)})
	for _, a := range res.Claims {
		fmt.Println(a.PatientControlNumber, a.From, "->", a.To)
	}
	for _, u := range res.Unmatched {
		fmt.Println("unknown claim:", u.PatientControlNumber, u.Outcome)
	}
	fmt.Println(sent[0].PayerClaimControlNumber)
	fmt.Println(sent[0].History[0].Reason)
	// Output:
	// RPM-1001 submitted -> accepted
	// unknown claim: RPM-1002 rejected
	// P2026030200001
	// 277CA from payer (ISA 000000310, ST 0001): accepted A2:20
}

func ExampleCategory_Outcome() {
	for _, c := range []ack277.Category{"A1", "A2", "A7", "P1"} {
		fmt.Println(c, c.Outcome())
	}
	// Output:
	// A1 pending
	// A2 accepted
	// A7 rejected
	// P1 pending
}
