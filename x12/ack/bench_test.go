package ack

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// manyAcks builds an interchange of n 999s, each answering a group of
// five 837s of which one is rejected with an IK3, a CTX*CLM01 and an IK4.
func manyAcks(n int) []byte {
	var b bytes.Buffer
	b.WriteString(testISA + "\nGS*FA*SENDER*RECEIVER*20260115*1200*1*X*005010X231A1~\n")
	for i := range n {
		st := strconv.Itoa(10000 + i)
		b.WriteString("ST*999*" + st + "*005010X231A1~\nAK1*HC*" + st + "*005010X222A1~\n")
		for j := range 5 {
			ctl := strconv.Itoa(1000 + j)
			b.WriteString("AK2*837*" + ctl + "*005010X222A1~\n")
			if j == 4 {
				b.WriteString("IK3*CLM*22*2300*8~\nCTX*CLM01:PCN-" + st + "~\nIK4*5:1*1331*7*99~\nIK5*R*5~\n")
			} else {
				b.WriteString("IK5*A~\n")
			}
		}
		b.WriteString("AK9*P*5*5*4~\nSE*17*" + st + "~\n")
	}
	b.WriteString("GE*" + strconv.Itoa(n) + "*1~\nIEA*1*000000001~\n")
	return b.Bytes()
}

func BenchmarkReadAll(b *testing.B) {
	const n = 20_000
	data := manyAcks(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := ReadAll(NewReader(x12.NewReader(bytes.NewReader(data))))
		if err != nil || len(f.Problems) != 0 || len(f.Acknowledgments) != n {
			b.Fatalf("err %v, problems %v", err, f.Problems)
		}
	}
}
