package clearinghouse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/clearinghouse/sim"
	"github.com/claimkit/claimkit/x12"
)

// benchClaims makes n ready claims from the test claims, each with its
// own ID and patient control number.
func benchClaims(b *testing.B, n int) []claims.Claim {
	b.Helper()
	base, _ := readyClaims(b)
	out := make([]claims.Claim, n)
	for i := range out {
		c := base[i%len(base)]
		c.Lines = append([]claims.ClaimLine(nil), c.Lines...)
		c.History = append([]claims.StatusChange(nil), c.History...)
		c.ID = fmt.Sprintf("BENCH%08d", i)
		c.PatientControlNumber = c.ID
		out[i] = c
	}
	return out
}

// benchEnv is one fresh daemon over empty folders.
type benchEnv struct {
	dir, remote string
	d           *clearinghouse.Daemon
}

func newBenchEnv(b *testing.B, cs []claims.Claim) *benchEnv {
	b.Helper()
	dir := b.TempDir()
	e := &benchEnv{dir: dir, remote: filepath.Join(dir, "remote")}
	for _, sub := range []string{"inbound", "outbound"} {
		os.MkdirAll(filepath.Join(e.remote, sub), 0o700)
	}
	l, err := ledger.Open(context.Background(), filepath.Join(dir, "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	e.d, err = clearinghouse.New(clearinghouse.Config{
		Store:   l,
		Connect: func(context.Context) (clearinghouse.Transport, error) { return dirdrop.Open(e.remote) },
		Inbound: "inbound", Outbound: "outbound", DataDir: filepath.Join(dir, "data"),
		Partner: testPartner(), Now: clock,
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.d.Add(context.Background(), cs); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkCycle runs the cycle that stages 1,000 claims into an 837P
// (fsynced, control numbers from the ledger), uploads it through dirdrop
// and applies the 999, 277CA and 835 already waiting for it: everything
// but the network. Bytes are the 837P and the three responses.
func BenchmarkCycle(b *testing.B) {
	const n = 1000
	cs := benchClaims(b, n)
	// The responses: every fresh ledger writes the same 837P, so one
	// answer serves every iteration.
	first := newBenchEnv(b, cs)
	if _, err := first.d.Cycle(context.Background()); err != nil {
		b.Fatal(err)
	}
	first.d.Close(context.Background())
	sent, err := os.ReadFile(filepath.Join(first.remote, "inbound", "claimkit-000000001.837"))
	if err != nil {
		b.Fatal(err)
	}
	files, err := sim.DefaultPayer().Respond("claimkit-000000001.837", sent, sim.Envelope{ControlNumbers: x12.NewSequence(1), Date: x12.DateOf(now)})
	if err != nil {
		b.Fatal(err)
	}
	size := int64(len(sent))
	for _, f := range files {
		size += int64(len(f.Data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		e := newBenchEnv(b, cs)
		for _, f := range files {
			os.WriteFile(filepath.Join(e.remote, "outbound", f.Name), f.Data, 0o600)
		}
		b.StartTimer()
		rep, err := e.d.Cycle(context.Background())
		b.StopTimer()
		if err != nil || len(rep.Responses) != 3 || len(rep.Changes) < 2*n {
			b.Fatalf("cycle: %v, %d responses, %d changes", err, len(rep.Responses), len(rep.Changes))
		}
		e.d.Close(context.Background())
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
}
