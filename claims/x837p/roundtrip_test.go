package x837p

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func testPartner() Partner {
	p := DefaultPartner()
	p.Submitter = Submitter{Name: "ACME RPM BILLING", ID: "ACME01", Contact: Contact{Name: "BILLING DESK", Phone: "5555550100"}}
	p.Receiver = Receiver{Name: "CLEARINGHOUSE", ID: "CH123"}
	p.Envelope.SenderID, p.Envelope.ReceiverID = "ACME01", "CH123"
	return p
}

func testOptions() Options {
	return Options{
		Partner:        testPartner(),
		Date:           x12.NewDate(2026, time.February, 3),
		Time:           x12.TimeOfDay{Hour: 12, Minute: 0},
		ControlNumbers: x12.NewSequence(1),
	}
}

func sortByPCN(cs []claims.Claim) {
	slices.SortFunc(cs, func(a, b claims.Claim) int { return strings.Compare(a.PatientControlNumber, b.PatientControlNumber) })
}

// roundTrip encodes cs, decodes the result and compares.
func roundTrip(t *testing.T, cs []claims.Claim, o Options) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Encode(&buf, cs, o); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	doc, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{File: "roundtrip.837"})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(doc.Problems) > 0 {
		t.Fatalf("Decode problems: %v", doc.Problems)
	}
	for _, tx := range doc.Transactions {
		for _, c := range tx.Claims {
			if !c.Extra.IsZero() {
				t.Errorf("claim %s: unexpected extras %+v", c.PatientControlNumber, c.Extra)
			}
		}
	}
	got := doc.Claims()
	want := slices.Clone(cs)
	sortByPCN(got)
	sortByPCN(want)
	if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
		t.Fatalf("decode(encode(claims)) differs (-want +got):\n%s", diff)
	}
}

func TestRoundTripRandom(t *testing.T) {
	t.Parallel()
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 837))
		cs := randomClaims(r, 1+r.IntN(60), genOptions{})
		o := testOptions()
		o.Partner.MaxClaimsPerSet = 1 + r.IntN(30)
		o.Newline = seed%2 == 0
		roundTrip(t, cs, o)
	}
}
