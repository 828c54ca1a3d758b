package rules

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// batch makes n claims: RPM claims of n/2 patients (device, set-up,
// management and add-on lines) and video visits, a few with errors.
func batch(n int) []claims.Claim {
	cs := make([]claims.Claim, 0, n)
	for i := range n {
		c := rpmClaim()
		if i%2 == 1 {
			c = visitClaim()
		}
		c.ID = fmt.Sprintf("C%06d", i)
		c.PatientControlNumber = c.ID
		c.Patient.ID = fmt.Sprintf("P%06d", i/2)
		if i%2 == 0 {
			c.Lines = append(c.Lines, line(3, "99458", "2026-01-31", "45"), line(4, "99453", "2026-01-30", "22"))
		}
		if i%10 == 0 {
			c.Rendering.NPI = "1234567890"
		}
		cs = append(cs, c)
	}
	return cs
}

// BenchmarkCheck reports claims checked per second; the bytes are the
// batch's JSON.
func BenchmarkCheck(b *testing.B) {
	cs := batch(2000)
	data, err := json.Marshal(cs)
	if err != nil {
		b.Fatal(err)
	}
	set := DefaultRuleSet()
	at := x12.NewDate(2026, 2, 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Check(cs, set, at)
	}
	b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
}
