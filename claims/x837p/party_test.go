package x837p

import (
	"bytes"
	"errors"
	"testing"

	"github.com/claimkit/claimkit/claims"
)

// TestEncodeMissingParty: a claim without a billing provider, coverage or
// patient is refused with a ClaimError naming the party, and nothing is
// written.
func TestEncodeMissingParty(t *testing.T) {
	t.Parallel()
	good := baseClaim("OK1", "M1")
	noBill, noCov, noPat := baseClaim("NB1", "M2"), baseClaim("NC1", "M3"), baseClaim("NP1", "M4")
	noBill.BillingProvider, noCov.Coverage, noPat.Patient = nil, nil, nil
	var buf bytes.Buffer
	_, err := Encode(&buf, []claims.Claim{good, noBill, noCov, noPat}, testOptions())
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes", buf.Len())
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *ClaimError
		if !errors.As(e, &ce) || !errors.Is(e, ErrInvalidClaim) {
			t.Fatalf("%v is not a ClaimError wrapping ErrInvalidClaim", e)
		}
		got = append(got, ce.ClaimID+" "+ce.Msg)
	}
	want := []string{"NB1 no billing_provider", "NC1 no coverage", "NP1 no patient"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d = %q, want %q", i, got[i], want[i])
		}
	}
}
