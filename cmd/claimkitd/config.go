package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
)

// Config is the daemon's TOML configuration. Secrets never appear in
// it: only the names of the files or environment variables that hold
// them.
type Config struct {
	// DataDir holds the ledger (ledger.db), the outbox, the inbox and
	// the quarantine.
	DataDir string `toml:"data_dir"`
	// Interval is the time between cycles; RetryMin and RetryMax bound
	// the backoff after a failed cycle; FlushTimeout the final flush.
	Interval     duration `toml:"interval"`
	RetryMin     duration `toml:"retry_min"`
	RetryMax     duration `toml:"retry_max"`
	FlushTimeout duration `toml:"flush_timeout"`
	// MaxClaimsPerBatch caps the claims of one 837P file.
	MaxClaimsPerBatch int `toml:"max_claims_per_batch"`
	// Log says how the daemon logs.
	Log LogConfig `toml:"log"`
	// Clearinghouse says how to reach the clearinghouse.
	Clearinghouse ClearinghouseConfig `toml:"clearinghouse"`
	// Partner is the trading partner profile 837P files are written with.
	Partner x837p.Partner `toml:"partner"`
}

// LogConfig selects the log handler.
type LogConfig struct {
	// Level is debug, info, warn or error.
	Level string `toml:"level"`
	// Format is json or text.
	Format string `toml:"format"`
}

// ClearinghouseConfig is the transport: SFTP, or local folders (a
// mounted share).
type ClearinghouseConfig struct {
	// Transport is "sftp" or "dir".
	Transport string `toml:"transport"`
	// Inbound and Outbound are the remote folders for 837P files and for
	// responses.
	Inbound  string     `toml:"inbound"`
	Outbound string     `toml:"outbound"`
	SFTP     SFTPConfig `toml:"sftp"`
	// Dir is the base directory of the "dir" transport.
	Dir string `toml:"dir"`
}

// SFTPConfig says how to reach and authenticate to the SFTP server.
// Exactly one password source or one key source (or one of each) is
// given, by file or by environment variable name.
type SFTPConfig struct {
	Address    string `toml:"address"`
	User       string `toml:"user"`
	KnownHosts string `toml:"known_hosts"`
	// PasswordFile or PasswordEnv hold the password.
	PasswordFile string `toml:"password_file"`
	PasswordEnv  string `toml:"password_env"`
	// KeyFile holds a PEM private key; PassphraseFile or PassphraseEnv
	// its passphrase when it is encrypted.
	KeyFile        string   `toml:"key_file"`
	PassphraseFile string   `toml:"passphrase_file"`
	PassphraseEnv  string   `toml:"passphrase_env"`
	Timeout        duration `toml:"timeout"`
}

// duration is a time.Duration written in TOML as "90s", "1h".
type duration struct{ time.Duration }

func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

func (d duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// DefaultConfig returns the defaults: hourly cycles, SFTP to /inbound and
// /outbound, JSON logs at info level, data in /var/lib/claimkit.
func DefaultConfig() Config {
	return Config{
		DataDir:           "/var/lib/claimkit",
		Interval:          duration{clearinghouse.DefaultInterval},
		RetryMin:          duration{clearinghouse.DefaultRetryMin},
		RetryMax:          duration{clearinghouse.DefaultInterval},
		FlushTimeout:      duration{clearinghouse.DefaultFlushTimeout},
		MaxClaimsPerBatch: clearinghouse.DefaultMaxClaimsPerBatch,
		Log:               LogConfig{Level: "info", Format: "json"},
		Clearinghouse: ClearinghouseConfig{
			Transport: "sftp", Inbound: "/inbound", Outbound: "/outbound",
			SFTP: SFTPConfig{Timeout: duration{30 * time.Second}},
		},
		Partner: x837p.DefaultPartner(),
	}
}

// ParseError is a TOML syntax or type error, with where it is.
type ParseError struct {
	Line, Column int
	Msg          string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return e.Msg
}

// ErrUnknownKey is wrapped by the error Parse returns for keys the
// configuration does not have (a typo must not be ignored).
var ErrUnknownKey = errors.New("unknown configuration key")

// Parse reads a TOML configuration over DefaultConfig. Unknown keys are
// an error wrapping ErrUnknownKey that names them; a syntax error is a
// *ParseError with its line and column. Parse does not validate: call
// Validate.
func Parse(r io.Reader) (Config, error) {
	cfg := DefaultConfig()
	md, err := toml.NewDecoder(r).Decode(&cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, &ParseError{Line: pe.Position.Line, Column: pe.Position.Col, Msg: pe.Message}
		}
		// A type mismatch names its key and line in the message.
		return cfg, &ParseError{Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return cfg, fmt.Errorf("%w: %s", ErrUnknownKey, strings.Join(keys, ", "))
	}
	return cfg, nil
}

// FieldError is one invalid configuration field.
type FieldError struct {
	// Field is the TOML path ("clearinghouse.sftp.address").
	Field   string
	Problem string
}

// ValidationError lists every invalid field.
type ValidationError []FieldError

func (l ValidationError) Error() string {
	parts := make([]string, len(l))
	for i, f := range l {
		parts[i] = f.Field + ": " + f.Problem
	}
	return "invalid configuration: " + strings.Join(parts, "; ")
}

// Validate checks every field and returns a ValidationError naming each
// bad one, or nil. It reads no file and no environment variable.
func (c *Config) Validate() error {
	var l ValidationError
	add := func(field, format string, args ...any) {
		l = append(l, FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	if c.DataDir == "" {
		add("data_dir", "required")
	}
	for _, d := range []struct {
		name string
		v    time.Duration
		min  time.Duration
	}{{"interval", c.Interval.Duration, time.Second}, {"retry_min", c.RetryMin.Duration, time.Second},
		{"retry_max", c.RetryMax.Duration, time.Second}, {"flush_timeout", c.FlushTimeout.Duration, time.Second},
		{"clearinghouse.sftp.timeout", c.Clearinghouse.SFTP.Timeout.Duration, time.Second}} {
		if d.v < d.min {
			add(d.name, "must be at least %v", d.min)
		}
	}
	if c.RetryMax.Duration < c.RetryMin.Duration {
		add("retry_max", "must not be less than retry_min")
	}
	if c.MaxClaimsPerBatch < 1 || c.MaxClaimsPerBatch > 100_000 {
		add("max_claims_per_batch", "must be 1 to 100000")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		add("log.level", "must be debug, info, warn or error, not %q", c.Log.Level)
	}
	if c.Log.Format != "json" && c.Log.Format != "text" {
		add("log.format", "must be json or text, not %q", c.Log.Format)
	}
	ch := &c.Clearinghouse
	if ch.Inbound == "" {
		add("clearinghouse.inbound", "required")
	}
	if ch.Outbound == "" {
		add("clearinghouse.outbound", "required")
	}
	switch ch.Transport {
	case "sftp":
		s := &ch.SFTP
		if s.Address == "" {
			add("clearinghouse.sftp.address", "required (host:port)")
		}
		if s.User == "" {
			add("clearinghouse.sftp.user", "required")
		}
		if s.KnownHosts == "" {
			add("clearinghouse.sftp.known_hosts", "required: the server's host key is always checked")
		}
		if s.PasswordFile != "" && s.PasswordEnv != "" {
			add("clearinghouse.sftp.password_file", "give password_file or password_env, not both")
		}
		if s.PassphraseFile != "" && s.PassphraseEnv != "" {
			add("clearinghouse.sftp.passphrase_file", "give passphrase_file or passphrase_env, not both")
		}
		if s.PasswordFile == "" && s.PasswordEnv == "" && s.KeyFile == "" {
			add("clearinghouse.sftp", "a password (password_file or password_env) or a key_file is required")
		}
		if s.KeyFile == "" && (s.PassphraseFile != "" || s.PassphraseEnv != "") {
			add("clearinghouse.sftp.key_file", "a passphrase is given without a key")
		}
	case "dir":
		if ch.Dir == "" {
			add("clearinghouse.dir", "required with transport \"dir\"")
		}
	default:
		add("clearinghouse.transport", "must be sftp or dir, not %q", ch.Transport)
	}
	var pe *x837p.PartnerError
	if err := c.Partner.Validate(); errors.As(err, &pe) {
		for _, p := range pe.Problems {
			add("partner."+p.Field, "%s", p.Problem)
		}
	} else if err != nil {
		add("partner", "%v", err)
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

// secrets are the SFTP credentials, read from where the configuration
// points.
type secrets struct {
	password   string
	key        []byte
	passphrase []byte
}

// readSecrets reads the SFTP secrets from their files or environment
// variables (through getenv). An error names the field and the file or
// variable, never the secret.
func (s *SFTPConfig) readSecrets(getenv func(string) (string, bool)) (secrets, error) {
	var out secrets
	fromFile := func(field, path string) ([]byte, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("clearinghouse.sftp.%s: %w", field, err)
		}
		return b, nil
	}
	fromEnv := func(field, name string) (string, error) {
		v, ok := getenv(name)
		if !ok || v == "" {
			return "", fmt.Errorf("clearinghouse.sftp.%s: environment variable %s is not set", field, name)
		}
		return v, nil
	}
	var err error
	switch {
	case s.PasswordFile != "":
		var b []byte
		b, err = fromFile("password_file", s.PasswordFile)
		out.password = strings.TrimRight(string(b), "\r\n")
	case s.PasswordEnv != "":
		out.password, err = fromEnv("password_env", s.PasswordEnv)
	}
	if err != nil {
		return secrets{}, err
	}
	if s.KeyFile != "" {
		if out.key, err = fromFile("key_file", s.KeyFile); err != nil {
			return secrets{}, err
		}
	}
	switch {
	case s.PassphraseFile != "":
		var b []byte
		b, err = fromFile("passphrase_file", s.PassphraseFile)
		out.passphrase = []byte(strings.TrimRight(string(b), "\r\n"))
	case s.PassphraseEnv != "":
		var v string
		v, err = fromEnv("passphrase_env", s.PassphraseEnv)
		out.passphrase = []byte(v)
	}
	if err != nil {
		return secrets{}, err
	}
	if _, err := os.Stat(s.KnownHosts); err != nil {
		return secrets{}, fmt.Errorf("clearinghouse.sftp.known_hosts: %w", err)
	}
	return out, nil
}

// openLedger creates the data directory (mode 0700) if needed and opens
// the ledger in it.
func (c *Config) openLedger(ctx context.Context) (*ledger.Ledger, error) {
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data_dir: %w", err)
	}
	return ledger.Open(ctx, filepath.Join(c.DataDir, "ledger.db"))
}
