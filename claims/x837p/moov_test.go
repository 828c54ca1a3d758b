package x837p

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	moovfile "github.com/moov-io/x12/pkg/file"
	moov837p "github.com/moov-io/x12/rule_5010_837p"
)

// moovCheck parses and validates an 837P with moov-io/x12's 005010X222A1
// rule set and reports how many claims it found.
func moovCheck(t *testing.T, data []byte) int {
	t.Helper()
	raw := string(bytes.ReplaceAll(data, []byte("\n"), nil))
	ic := moovfile.NewInterchange(&moov837p.InterchangeRule)
	n, err := ic.Parse(raw, ":")
	if err != nil {
		t.Fatalf("moov parse: %v\n%s", err, data)
	}
	if n != len(raw) {
		t.Fatalf("moov parsed %d of %d bytes; stopped at %.80q", n, len(raw), raw[n:])
	}
	if err := ic.Validate(nil); err != nil {
		t.Fatalf("moov validate: %v\n%s", err, data)
	}
	claims := 0
	for _, g := range ic.FunctionalGroups {
		for _, ts := range g.TransactionSets {
			claims += bytes.Count([]byte(ts.String(":")), []byte("CLM*"))
		}
	}
	return claims
}

// TestMoovOracle encodes randomized claims inside moov-io/x12's supported
// subset (the patient is the subscriber, at most 8 diagnoses, no line
// REF*6R) and checks that moov-io/x12 v0.1.0 parses the whole interchange
// and validates it against its rule_5010_837p, finding every claim.
func TestMoovOracle(t *testing.T) {
	t.Parallel()
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 5010))
		cs := randomClaims(r, 1+r.IntN(25), genOptions{moov: true})
		o := testOptions()
		o.Partner.MaxClaimsPerSet = 1 + r.IntN(10)
		var buf bytes.Buffer
		if _, err := Encode(&buf, cs, o); err != nil {
			t.Fatal(err)
		}
		if got := moovCheck(t, buf.Bytes()); got != len(cs) {
			t.Fatalf("seed %d: moov found %d claims, encoded %d", seed, got, len(cs))
		}
	}
}

// TestMoovOracleRejects makes sure the oracle can fail: moov-io/x12
// refuses our output once one code is broken.
func TestMoovOracleRejects(t *testing.T) {
	t.Parallel()
	cs := randomClaims(rand.New(rand.NewPCG(1, 5010)), 3, genOptions{moov: true})
	var buf bytes.Buffer
	if _, err := Encode(&buf, cs, testOptions()); err != nil {
		t.Fatal(err)
	}
	for _, m := range [][2]string{{":B:", ":X:"}, {"SBR*P*18", "SBR*Z*18"}, {"*UN*", "*XX*"}, {"DTP*472", "DTP*999"}} {
		raw := strings.Replace(buf.String(), m[0], m[1], 1)
		if raw == buf.String() {
			t.Fatalf("%q not found in the output", m[0])
		}
		ic := moovfile.NewInterchange(&moov837p.InterchangeRule)
		n, err := ic.Parse(raw, ":")
		if err == nil && n == len(raw) && ic.Validate(nil) == nil {
			t.Errorf("moov accepts the output with %q replaced by %q", m[0], m[1])
		}
	}
}
