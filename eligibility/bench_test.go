package eligibility

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// gen271 builds a 271 interchange with n sets, each a subscriber with a
// plan-level answer, copays, deductibles, telehealth III and a PCP
// related entity: about 1.1 KB per set.
func gen271(n int) []byte {
	var b strings.Builder
	b.WriteString("ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLAIMKIT       *260115*1200*^*00501*000000001*0*P*:~\n")
	b.WriteString("GS*HB*PAYER*CLAIMKIT*20260115*1200*1*X*005010X279A1~\n")
	body := []string{
		"BHT*0022*11*REF*20260115*1200", "HL*1**20*1", "NM1*PR*2*ACME HEALTH PLAN*****PI*12345",
		"HL*2*1*21*1", "NM1*1P*2*TELECARE CLINIC*****XX*1234567893", "HL*3*2*22*0", "TRN*2*TRACE*1234567890",
		"NM1*IL*1*DOE*JANE*Q***MI*W123456789", "N3*1 MAIN ST", "N4*KANSAS CITY*MO*64108", "DMG*D8*19500304*F",
		"DTP*346*D8*20250101", "EB*1*IND*30*PR*GOLD PPO", "EB*1*IND*1^33^35^47^86^88^98^AL^MH^UC*PR",
		"III*ZZ*02", "III*ZZ*10", "MSG*TELEHEALTH VISITS COVERED", "EB*B*IND*98*PR**27*25*****Y",
		"EB*B*IND*98*PR**27*60*****N", "EB*A*IND*30*PR**27**.2****Y", "EB*C*IND*30*PR**23*1500*****Y",
		"DTP*292*RD8*20260101-20261231", "EB*C*IND*30*PR**29*420.5*****Y", "EB*G*IND*30*PR**29*5100*****Y",
		"EB*L", "LS*2120", "NM1*P3*1*JONES*MARCUS****XX*1234567893", "PER*IC**TE*5555551212", "LE*2120",
	}
	for i := range n {
		st := fmt.Sprintf("%04d", i+1)
		b.WriteString("ST*271*" + st + "*005010X279A1~\n")
		for _, s := range body {
			b.WriteString(s + "~\n")
		}
		b.WriteString("SE*" + strconv.Itoa(len(body)+2) + "*" + st + "~\n")
	}
	b.WriteString("GE*" + strconv.Itoa(n) + "*1~\nIEA*1*000000001~\n")
	return []byte(b.String())
}

func BenchmarkDecode271(b *testing.B) {
	data := gen271(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		resps, err := Decode271(x12.NewReader(bytes.NewReader(data)))
		if err != nil || len(resps) != 1000 {
			b.Fatalf("%d responses, %v", len(resps), err)
		}
	}
}

func BenchmarkCoverage(b *testing.B) {
	resps, err := Decode271(x12.NewReader(bytes.NewReader(gen271(1))))
	if err != nil {
		b.Fatal(err)
	}
	asOf := x12.NewDate(2026, 1, 20)
	b.ReportAllocs()
	for b.Loop() {
		if c := resps[0].Coverage(ProfessionalVisitOffice, asOf); c[0].Status != Active || !c[0].Telehealth {
			b.Fatalf("%+v", c[0])
		}
	}
}

func BenchmarkEncode270(b *testing.B) {
	reqs := make([]Request, 1000)
	for i := range reqs {
		reqs[i] = subscriberRequest()
	}
	var size int64
	{
		var buf bytes.Buffer
		w := x12.NewWriter(&buf, x12.DefaultDelimiters)
		w.ControlNumbers = x12.NewSequence(1)
		if _, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Requests: reqs}); err != nil {
			b.Fatal(err)
		}
		size = int64(buf.Len())
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		w := x12.NewWriter(io.Discard, x12.DefaultDelimiters)
		w.ControlNumbers = x12.NewSequence(1)
		if _, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Requests: reqs}); err != nil {
			b.Fatal(err)
		}
	}
}
