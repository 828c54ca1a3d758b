package ack277

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/claimkit/claimkit/claims"
)

// gen277 builds a 277CA with n claims, every tenth rejected with a
// line-level status.
func gen277(n int) []byte {
	var b bytes.Buffer
	b.WriteString("ISA*00*          *00*          *ZZ*CLEARHOUSE01   *ZZ*CLAIMKIT01     *260302*1015*^*00501*000000001*0*P*:~\n")
	b.WriteString("GS*HN*CH*CK*20260302*1015*1*X*005010X214~\nST*277*0001*005010X214~\nBHT*0085*08*B1*20260302*1015*TH~\n")
	segs := 2
	w := func(format string, args ...any) {
		fmt.Fprintf(&b, format+"~\n", args...)
		segs++
	}
	w("HL*1**20*1")
	w("NM1*PR*2*PAYER ONE*****PI*PAYER01")
	w("TRN*1*T1")
	w("DTP*050*D8*20260302")
	w("HL*2*1*21*1")
	w("NM1*41*2*CLAIMKIT PRACTICE*****46*SUBMIT01")
	w("TRN*2*BATCH1")
	w("STC*A1:19:PR*20260302*WQ*%d", n*150)
	w("QTY*90*%d", n)
	w("HL*3*2*19*1")
	w("NM1*85*2*REMOTE CARE CLINIC*****XX*1234567893")
	w("TRN*1*0")
	for i := range n {
		w("HL*%d*3*PT", i+4)
		w("NM1*QC*1*DOE*JANE****MI*W%09d", i)
		w("TRN*2*RPM-%06d", i)
		if i%10 == 9 {
			w("STC*A7:21*20260302*U*150.00")
			w("REF*1K*P%012d", i)
			w("DTP*472*RD8*20260201-20260228")
			w("SVC*HC:99458:95*80.00****1")
			w("STC*A7:454*20260302*U*80********INVALID MODIFIER")
			w("REF*FJ*RPM-%06d-1", i)
		} else {
			w("STC*A2:20*20260302*WQ*150.00")
			w("REF*1K*P%012d", i)
			w("DTP*472*RD8*20260201-20260228")
		}
	}
	fmt.Fprintf(&b, "SE*%d*0001~\nGE*1*1~\nIEA*1*000000001~\n", segs+1)
	return b.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	data := gen277(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		if len(d.Problems()) != 0 {
			b.Fatal(d.Problems())
		}
	}
}

func BenchmarkApply(b *testing.B) {
	data := gen277(5000)
	acks, _, err := DecodeAll(bytes.NewReader(data), "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		set := make([]*claims.Claim, 5000)
		for i := range set {
			set[i] = &claims.Claim{PatientControlNumber: fmt.Sprintf("RPM-%06d", i), Status: claims.Submitted}
		}
		b.StartTimer()
		Apply(acks[0], set, claims.Change{})
	}
}
