package claims

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkGroup groups a generated month of a telehealth, RPM and RTM
// practice (genPractice: about 3.6 items per patient), and a random mix
// (genBatch: four items per patient over 28 days and three places of
// service, so more, smaller claims). One "byte" is one charge item, so
// the MB/s column reads as millions of items per second of wall time;
// items/cpu-s counts per second of CPU time (user and system, all threads
// of the process: with -cpu=1 that is one core, GC included).
func BenchmarkGroup(b *testing.B) {
	for _, bc := range []struct {
		name string
		make func(n int) *Batch
	}{
		{"practice", func(n int) *Batch { return genPractice(rand.New(rand.NewPCG(1, 2)), n*10/36) }},
		{"random", func(n int) *Batch {
			return genBatch(rand.New(rand.NewPCG(1, 2)), genConfig{patients: n / 4, items: n, diagnoses: 40, days: 28})
		}},
	} {
		for _, n := range []int{10_000, 50_000, 250_000, 1_000_000} {
			b.Run(bc.name+"/items="+itoa(n), func(b *testing.B) {
				groupBench(b, bc.make(n))
			})
		}
	}
}

func groupBench(b *testing.B, src *Batch) {
	b.SetBytes(int64(len(src.Items)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for i := range src.Items {
			it := &src.Items[i]
			it.Status, it.ClaimID, it.LineNumber = ItemReadyToBill, "", 0
		}
		if _, err := Group(src, GroupOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(src.Items))*float64(b.N)/cpu.Seconds(), "items/cpu-s")
	}
}
