package x12_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/internal/x12test"
	moov "github.com/moov-io/x12/pkg/file"
	moov837p "github.com/moov-io/x12/rule_5010_837p"
)

// benchSize is the size of the generated interchange the Reader is
// measured on.
const benchSize = 50 << 20

// moovSize is the size of the same kind of interchange given to
// moov-io/x12, which is too slow for 50 MB per iteration.
const moovSize = 2 << 20

var benchInput = sync.OnceValue(func() []byte {
	return x12test.Interchange837(x12test.Options{Size: benchSize, Newline: true, Seed: 1})
})

// walk reads every segment of r and touches every element, returning
// the number of segments and element bytes seen.
func walk(r *x12.Reader) (segs, n int, err error) {
	for {
		seg, err := r.Next()
		if err == io.EOF {
			return segs, n, nil
		}
		if err != nil {
			return segs, n, err
		}
		segs++
		for i := 0; i <= seg.Len(); i++ {
			n += len(seg.Element(i))
		}
	}
}

// BenchmarkReader reads a generated 837P interchange of 50 MB, touching
// every element of every segment.
func BenchmarkReader(b *testing.B) {
	data := benchInput()
	segs, _, err := walk(x12.NewReader(bytes.NewReader(data)))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := x12.NewReader(bytes.NewReader(data))
		if _, _, err := walk(r); err != nil {
			b.Fatal(err)
		}
		if len(r.Problems()) != 0 {
			b.Fatal(r.Problems())
		}
	}
	b.ReportMetric(float64(segs), "segments/op")
}

// BenchmarkMoovReader parses the same kind of interchange (2 MB, without
// line breaks, which it does not accept) with moov-io/x12's 837P rules,
// the most direct equivalent of reading every segment it offers.
func BenchmarkMoovReader(b *testing.B) {
	data := string(x12test.Interchange837(x12test.Options{Size: moovSize, Seed: 1}))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ic := moov.NewInterchange(&moov837p.InterchangeRule)
		n, err := ic.Parse(data, ":")
		if err != nil || n != len(data) || ic.IEA == nil {
			b.Fatalf("moov parsed %d of %d bytes: %v", n, len(data), err)
		}
	}
	_ = strings.Count
}
