package clearinghouse_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
)

// stubStore is an empty ledger: no claims, no batches. Its Tx embeds the
// interface, so a method the loop should not call panics.
type stubStore struct {
	closed  atomic.Int32
	batches []*clearinghouse.Batch
}

type stubTx struct {
	clearinghouse.Tx
	s *stubStore
}

func (s *stubStore) Update(_ context.Context, fn func(clearinghouse.Tx) error) error {
	return fn(stubTx{s: s})
}
func (s *stubStore) View(_ context.Context, fn func(clearinghouse.Tx) error) error {
	return fn(stubTx{s: s})
}
func (s *stubStore) Close() error { s.closed.Add(1); return nil }

func (stubTx) Claims(clearinghouse.ClaimQuery) ([]*claims.Claim, error) { return nil, nil }
func (t stubTx) Batches(clearinghouse.BatchQuery) ([]*clearinghouse.Batch, error) {
	return t.s.batches, nil
}

// connector records when the daemon connects and fails the first n
// times; after that it hands out a dirdrop transport over an empty
// clearinghouse.
type connector struct {
	mu    sync.Mutex
	start time.Time
	at    []time.Duration
	fails int
	base  string
}

var errDown = errors.New("clearinghouse down")

func (c *connector) connect(ctx context.Context) (clearinghouse.Transport, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = append(c.at, time.Since(c.start))
	if len(c.at) <= c.fails {
		return nil, errDown
	}
	return dirdrop.Open(c.base)
}

func (c *connector) calls() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.at...)
}

func newConnector(t *testing.T, fails int) *connector {
	base := t.TempDir()
	for _, d := range []string{"inbound", "outbound"} {
		if err := os.Mkdir(filepath.Join(base, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return &connector{start: time.Now(), fails: fails, base: base}
}

func loopDaemon(t *testing.T, s clearinghouse.Store, c *connector, logs *bytes.Buffer) *clearinghouse.Daemon {
	t.Helper()
	var log *slog.Logger
	if logs != nil {
		log = slog.New(slog.NewJSONHandler(logs, nil))
	}
	d, err := clearinghouse.New(clearinghouse.Config{
		Store: s, Connect: c.connect, Inbound: "inbound", Outbound: "outbound",
		DataDir: filepath.Join(t.TempDir(), "data"), Partner: testPartner(),
		Interval: time.Hour, RetryMin: time.Minute, RetryMax: 10 * time.Minute,
		Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The loop runs a cycle at once, retries failures after 1, 2, 4, 8
// minutes capped at 10, then runs hourly once a cycle succeeds. A
// repeated failure is logged once per 15 minutes, with the count of the
// ones not logged.
func TestLoopBackoffAndSchedule(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newConnector(t, 6)
		s := &stubStore{}
		var logs bytes.Buffer
		d := loopDaemon(t, s, c, &logs)
		done := make(chan error, 1)
		go func() { done <- d.Run(context.Background()) }()
		time.Sleep(3 * time.Hour)
		synctest.Wait()
		if err := d.Close(context.Background()); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := <-done; err != nil {
			t.Fatalf("Run: %v", err)
		}
		want := []time.Duration{0, time.Minute, 3 * time.Minute, 7 * time.Minute, 15 * time.Minute,
			25 * time.Minute, 35 * time.Minute, 95 * time.Minute, 155 * time.Minute}
		if diff := cmp.Diff(want, c.calls()); diff != "" {
			t.Errorf("connection times (-want +got):\n%s", diff)
		}
		if n := s.closed.Load(); n != 1 {
			t.Errorf("store closed %d times", n)
		}
		type record struct {
			Msg        string `json:"msg"`
			Suppressed int    `json:"suppressed"`
			RetryIn    string `json:"retry_in"`
			Count      int    `json:"count"`
		}
		var got []record
		dec := json.NewDecoder(&logs)
		for dec.More() {
			var r record
			if err := dec.Decode(&r); err != nil {
				t.Fatal(err)
			}
			if r.Msg == "cycle failed" || r.Msg == "cycle recovered" {
				got = append(got, r)
			}
		}
		wantLogs := []record{
			{Msg: "cycle failed", RetryIn: "1m0s"},
			{Msg: "cycle failed", RetryIn: "10m0s", Suppressed: 3},
			{Msg: "cycle recovered", Count: 6},
		}
		if diff := cmp.Diff(wantLogs, got); diff != "" {
			t.Errorf("logs (-want +got):\n%s", diff)
		}
	})
}

// Trigger (and Add) run a cycle at once rather than at the next tick;
// canceling the context stops the loop.
func TestLoopWorkSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newConnector(t, 0)
		d := loopDaemon(t, &stubStore{}, c, nil)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()
		synctest.Wait()
		time.Sleep(10 * time.Minute)
		d.Trigger()
		synctest.Wait()
		synctest.Wait()
		time.Sleep(time.Hour)
		synctest.Wait()
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("Run: %v", err)
		}
		want := []time.Duration{0, 10 * time.Minute, 70 * time.Minute}
		if diff := cmp.Diff(want, c.calls()); diff != "" {
			t.Errorf("connection times (-want +got):\n%s", diff)
		}
		for range 3 {
			d.Trigger() // never blocks, even with no loop running
		}
		d.Close(context.Background())
		if err := d.Run(context.Background()); !errors.Is(err, clearinghouse.ErrClosed) {
			t.Errorf("Run after Close = %v, want ErrClosed", err)
		}
	})
}

// The final flush of Close is bounded by FlushTimeout even when the
// clearinghouse hangs, and the store is closed anyway.
func TestCloseFlushIsBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &stubStore{batches: []*clearinghouse.Batch{{ID: 1, FileName: "claimkit-000000001.837", State: clearinghouse.BatchStaged}}}
		d, err := clearinghouse.New(clearinghouse.Config{
			Store: s, Inbound: "inbound", Outbound: "outbound",
			DataDir: filepath.Join(t.TempDir(), "data"), Partner: testPartner(),
			Connect: func(ctx context.Context) (clearinghouse.Transport, error) {
				<-ctx.Done() // a clearinghouse that never answers
				return nil, ctx.Err()
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the signal that started the shutdown
		err = d.Close(ctx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close = %v, want a deadline error", err)
		}
		if el := time.Since(start); el != clearinghouse.DefaultFlushTimeout {
			t.Errorf("Close took %v, want %v", el, clearinghouse.DefaultFlushTimeout)
		}
		if s.closed.Load() != 1 {
			t.Errorf("the store was not closed")
		}
		if err := d.Close(context.Background()); err != nil {
			t.Errorf("second Close: %v", err)
		}
	})
}

// Close sends what is staged even when its context is already canceled
// (the first signal); a context that ends during the flush (a second
// signal) aborts it.
func TestCloseFlushesStagedBatch(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	var down atomic.Bool
	down.Store(true)
	d, _ := h.daemon(func(c *clearinghouse.Config) {
		c.Connect = func(context.Context) (clearinghouse.Transport, error) {
			if down.Load() {
				return nil, errDown
			}
			return h.tr, nil
		}
	})
	cs, _ := readyClaims(t)
	if err := d.Add(t.Context(), cs); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Cycle(t.Context()); !errors.Is(err, errDown) {
		t.Fatalf("Cycle = %v", err)
	}
	down.Store(false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got := h.inbound(); !cmp.Equal(got, []string{firstBatch}) {
		t.Errorf("after Close the clearinghouse has %v", got)
	}
}

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	_, err := clearinghouse.New(clearinghouse.Config{})
	if !errors.Is(err, clearinghouse.ErrConfig) {
		t.Errorf("New with an empty Config = %v, want ErrConfig", err)
	}
}
