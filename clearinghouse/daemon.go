package clearinghouse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
)

// Defaults of Config.
const (
	DefaultInterval          = time.Hour
	DefaultRetryMin          = time.Minute
	DefaultFlushTimeout      = 30 * time.Second
	DefaultErrorLogEvery     = 15 * time.Minute
	DefaultMaxClaimsPerBatch = 5000
	DefaultChangedBy         = "claimkitd"
)

// Folders of the data directory.
const (
	outboxDir     = "outbox"
	inboxDir      = "inbox"
	quarantineDir = "quarantine"
)

// Config configures a Daemon. Store, Connect, Inbound, Outbound, DataDir
// and Partner are required; the other fields have working zero values.
// The daemon reads no configuration file and no environment: the caller
// (cmd/claimkitd) builds this.
type Config struct {
	// Store is the ledger. The Daemon owns it: Close closes it.
	Store Store
	// Connect opens a Transport to the clearinghouse. Each cycle connects
	// once and closes the Transport at its end.
	Connect func(ctx context.Context) (Transport, error)
	// Inbound is the remote folder 837P files are uploaded to; Outbound
	// the one responses are listed in.
	Inbound, Outbound string
	// DataDir holds the outbox (staged 837P files), the inbox (response
	// files downloaded) and the quarantine (files that could not be
	// read). It is created with mode 0700.
	DataDir string
	// Partner is the trading partner profile 837P files are written with.
	Partner x837p.Partner
	// Interval is the time between cycles; 0 means DefaultInterval.
	Interval time.Duration
	// RetryMin and RetryMax bound the capped exponential backoff after a
	// failed cycle: RetryMin, 2×RetryMin, ... up to RetryMax. Zero
	// values mean DefaultRetryMin and Interval.
	RetryMin, RetryMax time.Duration
	// FlushTimeout bounds the final flush of Close; 0 means
	// DefaultFlushTimeout.
	FlushTimeout time.Duration
	// ErrorLogEvery is how often a failure that repeats is logged again;
	// 0 means DefaultErrorLogEvery.
	ErrorLogEvery time.Duration
	// MaxClaimsPerBatch caps the claims of one 837P file; 0 means
	// DefaultMaxClaimsPerBatch.
	MaxClaimsPerBatch int
	// Now is the clock; nil means the current time in UTC. It stamps the
	// envelopes and the claims' status history.
	Now func() time.Time
	// Logger receives the daemon's structured logs; nil discards them.
	Logger *slog.Logger
	// ChangedBy names the daemon in the claims' status history when it
	// submits them; empty means DefaultChangedBy.
	ChangedBy string
}

// Daemon submits claims to a clearinghouse and applies its responses,
// on a schedule. Its methods are safe for concurrent use; cycles run one
// at a time.
type Daemon struct {
	cfg  Config
	log  *slog.Logger
	root *os.Root
	work chan struct{}

	cycleMu sync.Mutex // one cycle at a time

	mu      sync.Mutex
	running bool
	closed  bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// New checks cfg, fills in its defaults and creates the data directory.
func New(cfg Config) (*Daemon, error) {
	var missing []string
	if cfg.Store == nil {
		missing = append(missing, "Store")
	}
	if cfg.Connect == nil {
		missing = append(missing, "Connect")
	}
	if cfg.Inbound == "" {
		missing = append(missing, "Inbound")
	}
	if cfg.Outbound == "" {
		missing = append(missing, "Outbound")
	}
	if cfg.DataDir == "" {
		missing = append(missing, "DataDir")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: missing %v", ErrConfig, missing)
	}
	if err := cfg.Partner.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if cfg.Interval < 0 || cfg.RetryMin < 0 || cfg.RetryMax < 0 || cfg.FlushTimeout < 0 || cfg.MaxClaimsPerBatch < 0 {
		return nil, fmt.Errorf("%w: negative duration or limit", ErrConfig)
	}
	if cfg.Interval == 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.RetryMin == 0 {
		cfg.RetryMin = DefaultRetryMin
	}
	if cfg.RetryMax == 0 {
		cfg.RetryMax = cfg.Interval
	}
	cfg.RetryMax = max(cfg.RetryMax, cfg.RetryMin)
	if cfg.FlushTimeout == 0 {
		cfg.FlushTimeout = DefaultFlushTimeout
	}
	if cfg.ErrorLogEvery <= 0 {
		cfg.ErrorLogEvery = DefaultErrorLogEvery
	}
	if cfg.MaxClaimsPerBatch == 0 {
		cfg.MaxClaimsPerBatch = DefaultMaxClaimsPerBatch
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return time.Now().UTC() }
	}
	if cfg.ChangedBy == "" {
		cfg.ChangedBy = DefaultChangedBy
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for _, dir := range []string{cfg.DataDir, filepath.Join(cfg.DataDir, outboxDir),
		filepath.Join(cfg.DataDir, inboxDir), filepath.Join(cfg.DataDir, quarantineDir)} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("clearinghouse: data directory: %w", err)
		}
	}
	root, err := os.OpenRoot(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("clearinghouse: data directory: %w", err)
	}
	return &Daemon{cfg: cfg, log: log.With(logKeyComponent, "clearinghouse"), root: root, work: make(chan struct{}, 1)}, nil
}

// Add puts claims in the ledger (see AddClaims) and signals the running
// loop that there is work.
func (d *Daemon) Add(ctx context.Context, cs []claims.Claim) error {
	if err := AddClaims(ctx, d.cfg.Store, cs); err != nil {
		return err
	}
	d.log.Info("claims added", logKeyClaims, len(cs))
	d.Trigger()
	return nil
}

// AddClaims puts claims in the ledger s: Draft claims wait there,
// ReadyToSubmit claims go out with the next batch. A claim without an ID
// gets its patient control number as ID. A claim in another status fails
// with ErrClaimStatus, one already in the ledger with ErrClaimExists;
// either every claim is added or none is.
func AddClaims(ctx context.Context, s Store, cs []claims.Claim) error {
	ptrs := make([]*claims.Claim, len(cs))
	for i := range cs {
		c := cs[i]
		if c.ID == "" {
			c.ID = c.PatientControlNumber
		}
		switch {
		case c.ID == "" || c.PatientControlNumber == "":
			return fmt.Errorf("%w: claim %d has no patient control number", ErrClaimStatus, i)
		case c.Status != "" && c.Status != claims.Draft && c.Status != claims.ReadyToSubmit:
			return fmt.Errorf("%w: claim %s is %s", ErrClaimStatus, c.ID, c.Status)
		}
		ptrs[i] = &c
	}
	return s.Update(ctx, func(tx Tx) error { return tx.AddClaims(ptrs) })
}

// Trigger asks the running loop for a cycle now rather than at the next
// tick. It never blocks.
func (d *Daemon) Trigger() {
	select {
	case d.work <- struct{}{}:
	default:
	}
}

// Run runs a cycle at once and then one every Interval, or sooner when
// Trigger is called, until ctx ends or Close is called; then it returns
// nil. A failed cycle is retried after a capped exponential backoff, and
// a failure that repeats is logged once per ErrorLogEvery.
func (d *Daemon) Run(ctx context.Context) error {
	d.mu.Lock()
	switch {
	case d.closed:
		d.mu.Unlock()
		return ErrClosed
	case d.running:
		d.mu.Unlock()
		return errors.New("clearinghouse: Run is already running")
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	d.running, d.cancel, d.done = true, cancel, done
	d.mu.Unlock()
	defer func() {
		cancel()
		d.mu.Lock()
		d.running = false
		d.mu.Unlock()
		close(done)
	}()

	d.log.Info("daemon started", logKeyNext, d.cfg.Interval.String())
	var lim errLimit
	failures := 0
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			d.log.Info("daemon stopping")
			return nil
		case <-timer.C:
		case <-d.work:
		}
		_, err := d.Cycle(ctx)
		if ctx.Err() != nil {
			d.log.Info("daemon stopping")
			return nil
		}
		next := d.cfg.Interval
		if err != nil {
			failures++
			next = backoff(d.cfg.RetryMin, d.cfg.RetryMax, failures)
			if n, ok := lim.allow(err.Error(), d.cfg.Now(), d.cfg.ErrorLogEvery); ok {
				d.log.Error("cycle failed", logKeyErr, err.Error(), logKeyRetry, next.String(), logKeySuppressed, n)
			}
		} else {
			if failures > 0 {
				d.log.Info("cycle recovered", logKeyCount, failures)
			}
			failures = 0
			lim = errLimit{}
		}
		timer.Reset(next)
	}
}

// backoff returns the delay after the nth failure in a row: min, 2×min,
// 4×min, ... capped at max.
func backoff(min, max time.Duration, n int) time.Duration {
	d := min
	for i := 1; i < n; i++ {
		if d >= max/2 {
			return max
		}
		d *= 2
	}
	return d
}

// errLimit rate-limits the logging of a repeated error.
type errLimit struct {
	last       string
	at         time.Time
	suppressed int
}

// allow reports whether msg should be logged now, and how many times it
// was suppressed since it was last logged.
func (l *errLimit) allow(msg string, now time.Time, every time.Duration) (int, bool) {
	if msg == l.last && now.Sub(l.at) < every {
		l.suppressed++
		return 0, false
	}
	n := 0
	if msg == l.last {
		n = l.suppressed
	}
	l.last, l.at, l.suppressed = msg, now, 0
	return n, true
}

// Close stops the loop and waits for it, then sends the batches already
// staged (the final flush, bounded by FlushTimeout; it runs even when
// ctx is already canceled, and ctx ending during it aborts it), then
// closes the Store. Cleanup goes on after a
// failure; the first error is returned. Close can be called more than
// once.
func (d *Daemon) Close(ctx context.Context) error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil
	}
	d.closed = true
	cancel, done := d.cancel, d.done
	d.mu.Unlock()

	// The flush outlives a ctx that is already canceled (the signal that
	// started the shutdown); a ctx that ends later (a second signal)
	// aborts it.
	fctx, stop := context.WithTimeout(context.WithoutCancel(ctx), d.cfg.FlushTimeout)
	defer stop()
	if ctx.Err() == nil {
		defer context.AfterFunc(ctx, stop)()
	}
	var errs []error
	if cancel != nil {
		cancel()
		select {
		case <-done:
		case <-fctx.Done():
			errs = append(errs, fmt.Errorf("clearinghouse: waiting for the loop: %w", fctx.Err()))
		}
	}
	if len(errs) == 0 {
		if err := d.flush(fctx); err != nil {
			errs = append(errs, fmt.Errorf("clearinghouse: final flush: %w", err))
		}
	}
	if err := d.cfg.Store.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := d.root.Close(); err != nil {
		errs = append(errs, fmt.Errorf("clearinghouse: data directory: %w", err))
	}
	if len(errs) > 0 {
		d.log.Error("daemon closed with errors", logKeyErr, errs[0].Error())
		return errs[0]
	}
	d.log.Info("daemon closed")
	return nil
}
