package remit_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	moov "github.com/moov-io/x12/pkg/segments"

	"github.com/claimkit/claimkit/claims/remit"
)

// benchSize is the size of the generated 835 the benchmarks decode.
const benchSize = 52 << 20

var benchInput = sync.OnceValue(func() []byte { return gen835(genOptions{Size: benchSize, Seed: 1}) })

// BenchmarkDecode decodes a generated 835 of at least 50 MB into the typed
// model, set by set, with balancing.
func BenchmarkDecode(b *testing.B) { benchDecode(b, false) }

// BenchmarkDecodeReuse is BenchmarkDecode with ReuseRemittance: each set
// is processed and dropped, as a poller posting payments does.
func BenchmarkDecodeReuse(b *testing.B) { benchDecode(b, true) }

func benchDecode(b *testing.B, reuse bool) {
	in := benchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	sets := 0
	cpu0 := cpuTime()
	for b.Loop() {
		d := remit.NewDecoder(bytes.NewReader(in))
		d.ReuseRemittance = reuse
		sets = 0
		for {
			rem, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if !rem.Balanced || len(rem.Problems) > 0 {
				b.Fatalf("set %s: balanced %v, problems %v", rem.ControlNumber, rem.Balanced, rem.Problems)
			}
			sets++
		}
	}
	reportCPU(b, cpu0, len(in))
	b.ReportMetric(float64(sets), "sets")
}

// reportCPU reports MB/cpu-s: input megabytes per second of CPU time
// (user and system, all threads of the process; with -cpu=1 that is one
// core, GC included).
func reportCPU(b *testing.B, cpu0 time.Duration, size int) {
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

// BenchmarkMoovSegments is the peer: moov-io/x12 v0.1.0 on the same
// input. That version has no 835 support (no BPR, TRN, DTM, N1, CLP, SVC,
// LQ or PLB segment types and no 835 rule set), so it parses every
// segment it has a type for (ISA, GS, ST, NM1, N3, N4, REF, PER, LX, CAS,
// AMT, MOA, SE, GE, IEA), reading the input as one string as its own
// examples do, and skips the rest; it also rejects some valid segments
// (an N3 with one address line). SetBytes counts the whole input, so its
// MB/s is an upper bound for moov and the ratio to BenchmarkDecode a
// lower bound. %bytes-tried and %bytes-parsed say how much of the input
// moov handled.
func BenchmarkMoovSegments(b *testing.B) {
	in := benchInput()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var tried, parsed, total int
	cpu0 := cpuTime()
	for b.Loop() {
		raw := string(in)
		tried, parsed, total = 0, 0, 0
		for start := 0; start < len(raw); {
			for start < len(raw) && (raw[start] == '\n' || raw[start] == '\r') {
				start++
			}
			end := strings.IndexByte(raw[start:], '~')
			if end < 0 {
				break
			}
			seg := raw[start : start+end+1]
			id := seg[:strings.IndexAny(seg, "*~")]
			total += len(seg)
			if s, err := moov.CreateSegment(id, nil); err == nil {
				tried += len(seg)
				// moov rejects some valid segments (an N3 with one
				// address line); the work is done either way.
				if _, err := s.Parse(raw[start:]); err == nil {
					parsed += len(seg)
				}
			}
			start += end + 1
		}
	}
	reportCPU(b, cpu0, len(in))
	b.ReportMetric(100*float64(tried)/float64(total), "%bytes-tried")
	b.ReportMetric(100*float64(parsed)/float64(total), "%bytes-parsed")
}
