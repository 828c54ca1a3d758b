package sim

import (
	"errors"
	"os"
	"path"
	"testing"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// FuzzRespond feeds Respond arbitrary input: it never panics; it either
// answers, with plain local file names and files that decode without a
// problem and balance, or fails with ErrNotInterchange positioned inside
// the input.
func FuzzRespond(f *testing.F) {
	good := encode837(f, testClaims(), 1, true)
	f.Add(good)
	f.Add(encode837(f, []claims.Claim{dependentClaim()}, 7, false))
	f.Add(edit(f, good, "SE*56*0001~", "SE*55*0001~"))
	f.Add(edit(f, good, "IEA*1*000000001~", "IEA*1*000000002~"))
	f.Add([]byte("ISA*00*"))
	if _, err := os.Stat(corpusDir); err == nil {
		for _, p := range corpusFiles(f, "837p", "malformed") {
			if b, err := os.ReadFile(p); err == nil && len(b) < 16<<10 {
				f.Add(b)
			}
		}
	}
	payer := DefaultPayer()
	payer.PayerID = "" // let claims of any payer reach adjudication
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := payer.Respond("fuzz.837", data, testEnvelope())
		if err != nil {
			if !errors.Is(err, ErrNotInterchange) {
				t.Fatalf("unexpected error %v", err)
			}
			var xe *x12.Error
			if errors.As(err, &xe) && (xe.Pos.Offset < 0 || xe.Pos.Offset > int64(len(data))) {
				t.Fatalf("error outside the input (%d bytes): %v", len(data), err)
			}
			return
		}
		for _, file := range files {
			if file.Name != path.Base(file.Name) || file.Name[0] == '.' {
				t.Fatalf("unsafe file name %q", file.Name)
			}
		}
		for _, ck := range decodeResponses(t, files).Checks {
			if !ck.Balanced {
				t.Fatalf("check %s does not balance", ck.Trace)
			}
		}
	})
}
