package clearinghouse

import (
	"io"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

// Ready moves each Draft claim of cs that can be written as an 837P for
// partner p to ReadyToSubmit, recording ch, and returns why each claim
// it leaves in Draft cannot be (an *x837p.ClaimError), by claim ID.
// Claims in other statuses are left alone. The check is the encoder's:
// lines, diagnoses and pointers, telehealth modifiers, frequency and
// references.
func Ready(cs []claims.Claim, p x837p.Partner, ch claims.Change) map[string]error {
	out := map[string]error{}
	for i := range cs {
		c := &cs[i]
		if c.Status != "" && c.Status != claims.Draft {
			continue
		}
		_, err := x837p.Encode(io.Discard, cs[i:i+1], x837p.Options{
			Partner: p, Date: x12.DateOf(ch.At), ControlNumbers: x12.NewSequence(1)})
		if err == nil {
			err = c.Transition(claims.ReadyToSubmit, ch)
		}
		if err != nil {
			id := c.ID
			if id == "" {
				id = c.PatientControlNumber
			}
			out[id] = err
		}
	}
	return out
}
