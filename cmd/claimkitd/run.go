package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
	"github.com/claimkit/claimkit/rules"
	"github.com/claimkit/claimkit/x12"
)

// Exit codes: 0 done, 1 a cycle or an input had errors (reported), 2
// usage, configuration or I/O failure.
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// errReported says the problems were written to stderr; the exit code
// is 1.
var errReported = errors.New("errors reported")

func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errReported):
		return exitInput
	}
	return exitUsage
}

const usage = `usage: claimkitd [-config FILE] [-once]
       claimkitd [-config FILE] add CLAIMS.json...
       claimkitd [-config FILE] check`

// run is the whole program. It reads the configuration, then runs the
// daemon until ctx ends, runs one cycle (-once), adds claims (add) or
// checks the configuration (check).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("claimkitd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	configPath := fs.String("config", "/etc/claimkit/claimkitd.toml", "the TOML configuration file")
	once := fs.Bool("once", false, "run one cycle, print its report as JSON and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "claimkitd: %v\n", err)
		return err
	}
	log := newLogger(cfg.Log, stderr)
	err = dispatch(ctx, &cfg, log, *once, fs.Args(), stdin, stdout, stderr)
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "claimkitd: %v\n", err)
	}
	return err
}

func dispatch(ctx context.Context, cfg *Config, log *slog.Logger, once bool, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch {
	case cmd == "check" && len(args) == 0:
		if _, err := connector(cfg); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "configuration ok")
		return nil
	case cmd == "add" && len(args) > 0:
		return add(ctx, cfg, args, stdin, stdout, stderr)
	case cmd != "":
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
	connect, err := connector(cfg)
	if err != nil {
		return err
	}
	store, err := cfg.openLedger(ctx)
	if err != nil {
		return err
	}
	d, err := clearinghouse.New(clearinghouse.Config{
		Store: store, Connect: connect,
		Inbound: cfg.Clearinghouse.Inbound, Outbound: cfg.Clearinghouse.Outbound,
		DataDir: cfg.DataDir, Partner: cfg.Partner,
		Interval: cfg.Interval.Duration, RetryMin: cfg.RetryMin.Duration, RetryMax: cfg.RetryMax.Duration,
		FlushTimeout: cfg.FlushTimeout.Duration, MaxClaimsPerBatch: cfg.MaxClaimsPerBatch,
		Logger: log,
	})
	if err != nil {
		store.Close()
		return err
	}
	if once {
		rep, cerr := d.Cycle(ctx)
		werr := writeJSON(stdout, summarize(rep))
		err := errors.Join(cerr, d.Close(ctx))
		if err != nil {
			fmt.Fprintf(stderr, "claimkitd: cycle: %v\n", err)
			return errReported
		}
		return werr
	}
	runErr := d.Run(ctx)
	// ctx is canceled now: Close still flushes, bounded by
	// flush_timeout; main lets a second signal end the process.
	return errors.Join(runErr, d.Close(ctx))
}

// loadConfig reads and validates the configuration file.
func loadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, err
	}
	defer f.Close()
	cfg, err := Parse(f)
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// newLogger returns the slog logger the configuration asks for.
func newLogger(c LogConfig, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.Level)) // checked by Validate
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// connector turns the configuration into the daemon's Connect function.
// Secrets are read once, here, so that a missing file fails at start.
func connector(cfg *Config) (func(context.Context) (clearinghouse.Transport, error), error) {
	ch := &cfg.Clearinghouse
	if ch.Transport == "dir" {
		if fi, err := os.Stat(ch.Dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("clearinghouse.dir: %q is not a directory", ch.Dir)
		}
		return func(context.Context) (clearinghouse.Transport, error) { return dirdrop.Open(ch.Dir) }, nil
	}
	sec, err := ch.SFTP.readSecrets(os.LookupEnv)
	if err != nil {
		return nil, err
	}
	sc := sftp.Config{
		Addr: ch.SFTP.Address, User: ch.SFTP.User, KnownHostsFile: ch.SFTP.KnownHosts,
		Password: sec.password, PrivateKey: sec.key, Passphrase: sec.passphrase, Timeout: ch.SFTP.Timeout.Duration,
	}
	return func(ctx context.Context) (clearinghouse.Transport, error) { return sftp.Dial(ctx, sc) }, nil
}

// add puts the claims of the files in the ledger: claims the scrubber
// (rules.DefaultRuleSet) passes become ReadyToSubmit, the others stay
// Draft and their findings are reported. The files hold {"claims": [...]} as "claimkit claims build"
// writes it, or a bare list of claims.
func add(ctx context.Context, cfg *Config, files []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var all []claims.Claim
	for _, name := range files {
		cs, err := readClaims(name, stdin)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, cs...)
	}
	// The claim scrubber's default rules as of today: a claim with an
	// error finding stays Draft, the others become ReadyToSubmit.
	now := time.Now().UTC()
	findings := rules.Check(all, rules.DefaultRuleSet(), x12.DateOf(now))
	drafts := 0
	for i := range all {
		c := &all[i]
		mine, err := rules.Apply(c, findings, claims.Change{By: "claimkitd add", At: now})
		if err != nil {
			return err
		}
		if c.Status != claims.Draft {
			continue
		}
		drafts++
		for _, f := range mine {
			if f.Severity == rules.Error {
				fmt.Fprintf(stderr, "claimkitd: claim %s stays draft: %s\n", c.ID, f)
			}
		}
	}
	store, err := cfg.openLedger(ctx)
	if err != nil {
		return err
	}
	err = clearinghouse.AddClaims(ctx, store, all)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %d claims: %d ready to submit, %d draft\n", len(all), len(all)-drafts, drafts)
	if drafts > 0 {
		return errReported
	}
	return nil
}

// readClaims reads claims JSON from a file, or stdin for "-".
func readClaims(name string, stdin io.Reader) ([]claims.Claim, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	var wrapped struct {
		Claims []claims.Claim `json:"claims"`
	}
	if len(data) > 0 && data[0] == '[' {
		err = json.Unmarshal(data, &wrapped.Claims)
	} else {
		err = json.Unmarshal(data, &wrapped)
	}
	if err != nil {
		return nil, err
	}
	return wrapped.Claims, nil
}

// summary is the JSON report of -once: what the cycle did, without the
// batches' segment maps.
type summary struct {
	Staged      []batchSummary              `json:"staged"`
	Uploaded    []batchSummary              `json:"uploaded"`
	Responses   []responseSummary           `json:"responses"`
	Changes     []clearinghouse.ClaimChange `json:"changes"`
	Unmatched   []clearinghouse.Unmatched   `json:"unmatched"`
	Quarantined []clearinghouse.Quarantined `json:"quarantined"`
	Skipped     []string                    `json:"skipped"`
}

type batchSummary struct {
	FileName                 string   `json:"file_name"`
	InterchangeControlNumber string   `json:"interchange_control_number"`
	GroupControlNumber       string   `json:"group_control_number"`
	SetControlNumbers        []string `json:"set_control_numbers"`
	Claims                   int      `json:"claims"`
	SHA256                   string   `json:"sha256"`
}

type responseSummary struct {
	Name    string                        `json:"name"`
	Kind    clearinghouse.ResponseKind    `json:"kind"`
	Outcome clearinghouse.ResponseOutcome `json:"outcome"`
	SHA256  string                        `json:"sha256"`
}

func summarize(rep *clearinghouse.Report) summary {
	s := summary{Staged: []batchSummary{}, Uploaded: []batchSummary{}, Responses: []responseSummary{},
		Changes: []clearinghouse.ClaimChange{}, Unmatched: []clearinghouse.Unmatched{},
		Quarantined: []clearinghouse.Quarantined{}, Skipped: []string{}}
	if rep == nil {
		return s
	}
	batch := func(b *clearinghouse.Batch) batchSummary {
		bs := batchSummary{FileName: b.FileName, InterchangeControlNumber: b.InterchangeControlNumber,
			GroupControlNumber: b.GroupControlNumber, Claims: len(b.ClaimIDs()), SHA256: b.SHA256}
		for _, set := range b.Sets {
			bs.SetControlNumbers = append(bs.SetControlNumbers, set.ControlNumber)
		}
		return bs
	}
	for _, b := range rep.Staged {
		s.Staged = append(s.Staged, batch(b))
	}
	for _, b := range rep.Uploaded {
		s.Uploaded = append(s.Uploaded, batch(b))
	}
	for _, r := range rep.Responses {
		s.Responses = append(s.Responses, responseSummary{Name: r.Name, Kind: r.Kind, Outcome: r.Outcome, SHA256: r.SHA256})
	}
	s.Changes = append(s.Changes, rep.Changes...)
	s.Unmatched = append(s.Unmatched, rep.Unmatched...)
	s.Quarantined = append(s.Quarantined, rep.Quarantined...)
	s.Skipped = append(s.Skipped, rep.Skipped...)
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
