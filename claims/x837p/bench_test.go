package x837p

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	moovfile "github.com/moov-io/x12/pkg/file"
	moov837p "github.com/moov-io/x12/rule_5010_837p"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
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
	start := cpuTime()
	for b.Loop() {
		o.ControlNumbers = x12.NewSequence(1)
		if _, err := Encode(io.Discard, cs, o); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start, n)
}

// BenchmarkDecode measures bytes of 837P read into claims per second.
func BenchmarkDecode(b *testing.B) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		doc, err := Decode(bytes.NewReader(data), DecodeOptions{})
		if err != nil || len(doc.Problems) > 0 {
			b.Fatal(err, doc.Problems)
		}
	}
	reportCPU(b, start, int64(len(data)))
}

// BenchmarkMoovParse parses the same file with moov-io/x12's 837P rules,
// the reference for the ratio recorded in doc.go.
func BenchmarkMoovParse(b *testing.B) {
	data := benchFile(b)
	raw := strings.ReplaceAll(string(data), "\n", "")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		ic := moovfile.NewInterchange(&moov837p.InterchangeRule)
		if _, err := ic.Parse(raw, ":"); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start, int64(len(data)))
}

// BenchmarkReader is the x12.Reader alone over the same file: the floor
// under BenchmarkDecode.
func BenchmarkReader(b *testing.B) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		r := x12.NewReader(bytes.NewReader(data))
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	}
	reportCPU(b, start, int64(len(data)))
}

// cpuTime returns the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-MB/s metric: bytes per second of CPU time the
// process used, which stays honest on a machine shared with other work
// (ns/op and MB/s are wall clock). Run with -cpu=1 so that it is one core.
func reportCPU(b *testing.B, start time.Duration, size int64) {
	used := cpuTime() - start
	if used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "cpu-MB/s")
	}
}
