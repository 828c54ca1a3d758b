package x837p

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	moovfile "github.com/moov-io/x12/pkg/file"
	moov837p "github.com/moov-io/x12/rule_5010_837p"

	"github.com/claimkit/claimkit/claims"
)

// benchClaims are 2,000 claims inside moov-io/x12's subset, so that the
// same file serves the encoder, the decoder and moov.
func benchClaims() []claims.Claim {
	return randomClaims(rand.New(rand.NewPCG(2026, 4)), 2000, genOptions{moov: true})
}

func benchFile(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if _, err := Encode(&buf, benchClaims(), testOptions()); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkEncode measures bytes of 837P written per second.
func BenchmarkEncode(b *testing.B) {
	cs := benchClaims()
	o := testOptions()
	n := int64(len(benchFile(b)))
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		o.ControlNumbers = nil
		o.ControlNumbers = seq1()
		if _, err := Encode(io.Discard, cs, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode measures bytes of 837P read into claims per second.
func BenchmarkDecode(b *testing.B) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Decode(bytes.NewReader(data), DecodeOptions{})
		if err != nil || len(doc.Problems) > 0 {
			b.Fatal(err, doc.Problems)
		}
	}
}

// BenchmarkMoovParse parses the same file with moov-io/x12's 837P rules,
// the reference for the ratio recorded in doc.go.
func BenchmarkMoovParse(b *testing.B) {
	data := benchFile(b)
	raw := strings.ReplaceAll(string(data), "\n", "")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ic := moovfile.NewInterchange(&moov837p.InterchangeRule)
		if _, err := ic.Parse(raw, ":"); err != nil {
			b.Fatal(err)
		}
	}
}
