package sim

import (
	"fmt"
	"testing"

	"github.com/claimkit/claimkit/claims"
)

// benchClaims returns n claims: RPM months and telehealth visits, with
// a denied line in every fourth claim and a rejected claim in every
// tenth.
func benchClaims(n int) []claims.Claim {
	out := make([]claims.Claim, 0, n)
	for i := range n {
		pcn := fmt.Sprintf("B-%06d", i)
		var c claims.Claim
		if i%2 == 0 {
			c = testClaim(pcn, claims.POSOffice,
				line("99454", "60.00", day(30)), line("99457", "60.00", day(31)), line("99458", "50.00", day(31)))
		} else {
			video := line("99214", "165.00", day(20))
			video.Telecare = claims.TelecareVideo
			c = testClaim(pcn, claims.POSTelehealthInHome, video)
		}
		if i%4 == 3 {
			c.Lines = append(c.Lines, line("99091", "57.80", day(31)))
			c.Lines[len(c.Lines)-1].Number = len(c.Lines)
			c.Lines[len(c.Lines)-1].DiagnosisPointers = []int{1}
		}
		if i%10 == 9 {
			c.Coverage.Subscriber.MemberID = ""
		}
		out = append(out, c)
	}
	return out
}

// BenchmarkRespond answers a 1,000-claim 837P (999, 277CA and 835).
func BenchmarkRespond(b *testing.B) {
	data := encode837(b, benchClaims(1000), 1, false)
	p := DefaultPayer()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Respond("bench.837", data, testEnvelope()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpload delivers a 100-claim 837P over SFTP (temporary name,
// rename) and downloads the three responses, on one connection.
func BenchmarkUpload(b *testing.B) {
	data := encode837(b, benchClaims(100), 1, false)
	s := startServer(b, Config{})
	c := dial(b, s)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		name := fmt.Sprintf("b%06d", i)
		upload(b, c, name+".837", data)
		for _, ext := range []string{".999", ".277", ".835"} {
			f, err := c.Open(OutboundDir + "/" + name + ext)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := f.WriteTo(discard{}); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
