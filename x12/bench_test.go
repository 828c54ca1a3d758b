package x12_test

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

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
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for b.Loop() {
		r := x12.NewReader(bytes.NewReader(data))
		if _, _, err := walk(r); err != nil {
			b.Fatal(err)
		}
		if len(r.Problems()) != 0 {
			b.Fatal(r.Problems())
		}
	}
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(segs), "segments/op")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(b.N)/float64(segs), "allocs/segment")
}

// BenchmarkReaderMoovInput reads exactly the input BenchmarkMoovReader
// gives moov-io/x12, for a like-for-like ratio.
func BenchmarkReaderMoovInput(b *testing.B) {
	data := x12test.Interchange837(x12test.Options{Size: moovSize, Seed: 1})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := walk(x12.NewReader(bytes.NewReader(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMoovReader parses the same kind of interchange (2 MB, without
// line breaks, which it does not accept) with moov-io/x12's 837P rules,
// the most direct equivalent of reading every segment it offers.
func BenchmarkMoovReader(b *testing.B) {
	data := string(x12test.Interchange837(x12test.Options{Size: moovSize, Seed: 1}))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	segs := 0
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for b.Loop() {
		ic := moov.NewInterchange(&moov837p.InterchangeRule)
		n, err := ic.Parse(data, ":")
		if err != nil || n != len(data) || ic.IEA == nil {
			b.Fatalf("moov parsed %d of %d bytes: %v", n, len(data), err)
		}
	}
	runtime.ReadMemStats(&m1)
	moovPerOp := b.Elapsed() / time.Duration(b.N)
	// The ratio: our Reader on the very same bytes, timed here.
	const rounds = 20
	start := time.Now()
	for range rounds {
		n, _, err := walk(x12.NewReader(strings.NewReader(data)))
		if err != nil {
			b.Fatal(err)
		}
		segs = n
	}
	ours := time.Since(start) / rounds
	b.ReportMetric(float64(moovPerOp)/float64(ours), "x-slower-than-Reader")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(b.N)/float64(segs), "allocs/segment")
}

// claimSegments are the segments of one generated claim, as the Writer
// is given them: simple elements, with CLM05, HI and SV101 composites.
var claimSegments = [][]string{
	{"HL", "2", "1", "22", "0"},
	{"SBR", "P", "18", "", "", "", "", "", "", "CI"},
	{"NM1", "IL", "1", "MILLER", "ROBERT", "", "", "", "MI", "237238064"},
	{"N3", "1111 DRICE PLACE"},
	{"N4", "SOUTH BEACH", "NC", "70223"},
	{"DMG", "D8", "19610516", "M"},
	{"NM1", "PR", "2", "BLUE CROSS", "", "", "", "", "PI", "77078"},
	{"CLM", "PCN1", "412.84", "", "", "11:B:1", "Y", "A", "Y", "Y"},
	{"HI", "BK:E119", "BF:I10"},
	{"NM1", "82", "1", "BROWN", "JAMES", "", "", "", "XX", "1625481749"},
	{"REF", "G2", "37630418"},
	{"LX", "1"},
	{"SV1", "HC:99091", "182.73", "UN", "1", "", "", "1"},
	{"DTP", "472", "D8", "20260115"},
	{"LX", "2"},
	{"SV1", "HC:99458", "77.02", "UN", "1", "", "", "1"},
	{"DTP", "472", "D8", "20260127"},
}

// writeClaims writes sets of 50 claims until at least size bytes went
// to out, composites through Components and the rest through
// WriteSegment.
func writeClaims(out io.Writer, size int64, counted *countingWriter) error {
	w := x12.NewWriter(out, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1)
	day := x12.NewDate(2026, 1, 15)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "133052274", ReceiverID: "311279999", Date: day})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "HC", SenderCode: "133052274", ReceiverCode: "311279999", Date: day, Version: "005010X222A1"})
	var parts [3]string
	for counted.n < size {
		w.BeginSet("837", "005010X222A1")
		w.WriteSegment("BHT", "0019", "00", "0001", "20260115", "2125", "CH")
		for range 50 {
			for _, seg := range claimSegments {
				if seg[0] != "CLM" && seg[0] != "HI" && seg[0] != "SV1" {
					w.WriteSegment(seg[0], seg[1:]...)
					continue
				}
				w.StartSegment(seg[0])
				for _, e := range seg[1:] {
					if strings.IndexByte(e, ':') < 0 {
						w.Element(e)
						continue
					}
					p := parts[:0]
					for e != "" {
						i := strings.IndexByte(e, ':')
						if i < 0 {
							i = len(e)
						}
						p = append(p, e[:i])
						e = e[min(i+1, len(e)):]
					}
					w.Components(p...)
				}
				w.EndSegment()
			}
		}
		if err := w.EndSet(); err != nil {
			return err
		}
		w.Flush()
	}
	return w.Close()
}

// countingWriter counts and discards.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkWriter writes about 50 MB of 837P claims.
func BenchmarkWriter(b *testing.B) {
	var c countingWriter
	if err := writeClaims(&c, benchSize, &c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(c.n)
	b.ReportAllocs()
	for b.Loop() {
		var c countingWriter
		if err := writeClaims(&c, benchSize, &c); err != nil {
			b.Fatal(err)
		}
	}
}
