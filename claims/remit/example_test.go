package remit_test

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
)

const example835 = `ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*CLAIMKITRCV    *260220*0930*^*00501*000000731*0*P*:~
GS*HP*PAYER*CLAIMKIT*20260220*0930*731*X*005010X221A1~
ST*835*0001~
BPR*I*90.4*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260220~
TRN*1*EFT0000731*1512345678~
N1*PR*ACME HEALTH PLAN*XV*ACME01~
N1*PE*TELEHEALTH CLINIC*XX*1234567893~
LX*1~
CLP*RPM-1001*1*150*90.4*12.5*MB*ICN9001*10*1~
SVC*HC:99454*50*38.2**1~
DTM*472*20260131~
CAS*CO*45*7.3**253*0.5~
CAS*PR*2*4~
REF*6R*RPM-1001-1~
SVC*HC:99457:95*100*52.2**1~
DTM*472*20260131~
CAS*CO*45*39.3~
CAS*PR*2*8.5~
REF*6R*RPM-1001-2~
SE*17*0001~
GE*1*731~
IEA*1*000000731~
`

func ExampleDecoder() {
	d := remit.NewDecoder(strings.NewReader(example835))
	d.File = "era.835"
	for {
		rem, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("payment", remit.FormatAmount(rem.Payment.Amount), rem.Payment.Method, rem.Payment.Date, "trace", rem.Trace.Number)
		fmt.Println("balanced:", rem.Balanced)
		for _, c := range rem.Claims {
			fmt.Println(c.PatientControlNumber, c.Status.Description(), "paid", remit.FormatAmount(c.Paid), "of", remit.FormatAmount(c.Charge))
			for _, s := range c.Services {
				fmt.Printf("  %s %v paid %s, line %s\n", s.Procedure.Code, s.Procedure.Modifiers, remit.FormatAmount(s.Paid), s.LineControlNumber)
				for _, a := range s.Adjustments {
					fmt.Printf("    %s-%s %s\n", a.Group, a.Reason, remit.FormatAmount(a.Amount))
				}
			}
		}
	}
	// Output:
	// payment 90.4 ACH 2026-02-20 trace EFT0000731
	// balanced: true
	// RPM-1001 processed as primary paid 90.4 of 150
	//   99454 [] paid 38.2, line RPM-1001-1
	//     CO-45 7.3
	//     CO-253 0.5
	//     PR-2 4
	//   99457 [95] paid 52.2, line RPM-1001-2
	//     CO-45 39.3
	//     PR-2 8.5
}

func ExampleRemittance_CheckBalance() {
	rems, err := remit.DecodeAll(strings.NewReader(strings.Replace(example835, "SVC*HC:99454*50*38.2", "SVC*HC:99454*50*39.2", 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range rems[0].BalanceErrors {
		fmt.Println(b.Level+":", b.Message)
	}
	// Output:
	// service: claim RPM-1001 service 1 (99454): SVC02 50 - adjustments 11.8 = 38.2, but SVC03 is 39.2
}

func ExampleBook_Apply() {
	rems, err := remit.DecodeAll(strings.NewReader(example835))
	if err != nil {
		fmt.Println(err)
		return
	}
	day := x12.NewDate(2026, time.January, 31)
	sent := &claims.Claim{ID: "RPM-1001", PatientControlNumber: "RPM-1001", Status: claims.Accepted,
		Lines: []claims.ClaimLine{
			{Number: 1, Procedure: claims.Procedure{Code: "99454"}, ControlNumber: "RPM-1001-1", Service: x12.DateRange{From: day, To: day}},
			{Number: 2, Procedure: claims.Procedure{Code: "99457", Modifiers: claims.Modifiers{"95"}}, ControlNumber: "RPM-1001-2", Service: x12.DateRange{From: day, To: day}},
		}}
	book := remit.NewBook([]*claims.Claim{sent}, nil)
	change := claims.Change{By: "poller", At: time.Date(2026, 2, 21, 9, 0, 0, 0, time.UTC)}

	res := book.Apply(rems[0], change)
	for _, p := range res.Postings {
		fmt.Println(p.PatientControlNumber, p.Outcome, p.From, "->", p.To, "patient owes", remit.FormatAmount(p.PatientResponsibility))
		for _, l := range p.Lines {
			fmt.Println("  line", l.Line, "by", l.MatchedBy, "paid", remit.FormatAmount(l.Paid))
		}
	}
	again := book.Apply(rems[0], change)
	fmt.Println("second time:", len(again.Postings), "postings,", again.Duplicates, "duplicate")
	// Output:
	// RPM-1001 paid accepted -> paid patient owes 12.5
	//   line 1 by line_control_number paid 38.2
	//   line 2 by line_control_number paid 52.2
	// second time: 0 postings, 1 duplicate
}

func ExampleAnalyzeDenials() {
	rems, err := remit.DecodeAll(strings.NewReader(strings.Replace(example835,
		"SVC*HC:99457:95*100*52.2**1~\nDTM*472*20260131~\nCAS*CO*45*39.3~\nCAS*PR*2*8.5~",
		"SVC*HC:99457:95*100*0**1~\nDTM*472*20260131~\nCAS*CO*97*100~\nLQ*HE*M86~", 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := remit.AnalyzeDenials(rems)
	fmt.Println("denied", rep.Denied, "of", rep.Lines, "lines, rate", rep.Rate)
	for _, r := range rep.Reasons {
		fmt.Println(r.Kind, r.Group, r.Code, r.Lines, remit.FormatAmount(r.Amount), "-", r.Description)
	}
	// Output:
	// denied 1 of 2 lines, rate 0.5
	// CARC CO 97 1 100 - benefit included in the payment for another service already adjudicated
	// RARC  M86 1 100 - service denied: payment already made for the same or a similar procedure within a set time frame
}
