package remit_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/claimkit/claimkit/claims/remit"
)

// set builds one 835 set with payment BPR02/BPR03 and detail body.
func set(bpr, body string) string {
	segs := strings.Count(body, "~") + 7
	return testISA + testGS + "ST*835*0001~\nBPR*I*" + bpr + "*ACH************20260220~\nTRN*1*T1*1512345678~\n" +
		"N1*PR*ACME~\nN1*PE*CLINIC*XX*1234567893~\nLX*1~\n" + body + "SE*" + itoa(segs) + "*0001~\nGE*1*900~\nIEA*1*000000900~\n"
}

func TestBalanceRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string // level and patient control number of each balance error
	}{
		{"balanced with line and claim adjustments",
			set("75*C", "CLP*A*1*100*75*5*MB~\nCAS*CO*45*10~\nSVC*HC:99457*100*85**1~\nCAS*CO*45*10~\nCAS*PR*2*5~\n"), nil},
		{"service off by a cent",
			set("85*C", "CLP*A*1*100*85*0*MB~\nSVC*HC:99457*100*85.01**1~\nCAS*CO*45*15~\n"), []string{"service A"}},
		{"claim does not add up",
			set("80*C", "CLP*A*1*100*80*0*MB~\nCAS*CO*45*15~\n"), []string{"claim A"}},
		{"interest included in CLP04 is accepted",
			set("86.5*C", "CLP*A*1*100*86.5*0*MB~\nCAS*CO*45*15~\nAMT*I*1.5~\n"), nil},
		{"a difference other than the interest is not",
			set("87*C", "CLP*A*1*100*87*0*MB~\nCAS*CO*45*15~\nAMT*I*1.5~\n"), []string{"claim A"}},
		{"debit payment: the provider owes the payer",
			set("40*D", "CLP*A*22*-50*-50*0*MB~\nCAS*CO*45*0~\nCLP*B*1*20*10*0*MB~\nCAS*CO*45*10~\n"), nil},
		{"provider adjustments reduce the payment",
			set("90*C", "CLP*A*1*100*100*0*MB~\nPLB*1234567893*20261231*WO:ICN1*15*L6:INT*-5~\n"), nil},
		{"transaction off",
			set("100*C", "CLP*A*1*100*100*0*MB~\nPLB*1234567893*20261231*WO:ICN1*15~\n"), []string{"transaction "}},
		{"amounts too large for the fast path still balance",
			set("123456789012345.678*C", "CLP*A*1*123456789012346.678*123456789012345.678*0*MB~\nCAS*CO*45*1~\n"), nil},
		{"amounts too large for the fast path still fail",
			set("123456789012345.678*C", "CLP*A*1*123456789012346.678*123456789012345.678*0*MB~\nCAS*CO*45*2~\n"), []string{"claim A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rems, err := remit.DecodeAll(strings.NewReader(tt.in))
			if err != nil || len(rems) != 1 {
				t.Fatalf("%v, %d sets", err, len(rems))
			}
			r := rems[0]
			if len(r.Problems) > 0 {
				t.Fatalf("problems: %v", r.Problems)
			}
			var got []string
			for _, e := range r.BalanceErrors {
				got = append(got, string(e.Level)+" "+e.PatientControlNumber)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("balance errors (-want +got):\n%s\n%v", diff, r.BalanceErrors)
			}
			if r.Balanced != (len(tt.want) == 0) {
				t.Errorf("Balanced = %v", r.Balanced)
			}
			decoded := r.BalanceErrors
			r.CheckBalance()
			if diff := cmp.Diff(decoded, r.BalanceErrors, sameDecimal); diff != "" {
				t.Errorf("CheckBalance differs from the decoder (-decoder +CheckBalance):\n%s", diff)
			}
		})
	}
}
