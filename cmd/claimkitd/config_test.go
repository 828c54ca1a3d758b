package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseFullConfig(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "sftp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	want := DefaultConfig()
	want.Interval.Duration, want.RetryMin.Duration, want.RetryMax.Duration = 30*time.Minute, 2*time.Minute, 20*time.Minute
	want.FlushTimeout.Duration, want.MaxClaimsPerBatch = 45*time.Second, 2000
	want.Log = LogConfig{Level: "debug", Format: "text"}
	want.Clearinghouse.Inbound, want.Clearinghouse.Outbound = "/upload", "/download"
	want.Clearinghouse.SFTP = SFTPConfig{Address: "sftp.clearinghouse.example:22", User: "acme",
		KnownHosts: "/etc/claimkit/known_hosts", KeyFile: "/etc/claimkit/id_ed25519",
		PassphraseEnv: "CLAIMKIT_KEY_PASSPHRASE", Timeout: duration{20 * time.Second}}
	want.Partner.Submitter.Name, want.Partner.Submitter.ID = "ACME VIRTUAL CARE", "CLAIMKIT01"
	want.Partner.Submitter.Contact.Name, want.Partner.Submitter.Contact.Phone = "BILLING OFFICE", "2175550100"
	want.Partner.Receiver.Name, want.Partner.Receiver.ID = "EXAMPLE CLEARINGHOUSE", "CLEARHOUSE"
	want.Partner.Envelope.SenderID, want.Partner.Envelope.ReceiverID, want.Partner.Envelope.Usage = "CLAIMKIT01", "CLEARHOUSE", "P"
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, toml string
		unknown    string // the keys named, for ErrUnknownKey
		line       int    // for a *ParseError
		key        string // named by a *ParseError without a line
	}{
		{name: "typo at the top", toml: "intervall = \"1h\"\n", unknown: "intervall"},
		{name: "typo in a table", toml: "[clearinghouse]\ntransprot = \"sftp\"\n", unknown: "clearinghouse.transprot"},
		{name: "password in the config", toml: "[clearinghouse.sftp]\npassword = \"hunter2\"\n", unknown: "clearinghouse.sftp.password"},
		{name: "unknown partner key", toml: "[partner.envelope]\nsender = \"X\"\n", unknown: "partner.envelope.sender"},
		{name: "syntax", toml: "data_dir = \"/x\"\ninterval = \n", line: 2},
		{name: "bad duration", toml: "\n\nretry_min = \"soon\"\n", line: 3},
		{name: "wrong type", toml: "max_claims_per_batch = \"many\"\n", line: 0, key: "max_claims_per_batch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(strings.NewReader(tt.toml))
			if tt.unknown != "" {
				if !errors.Is(err, ErrUnknownKey) || !strings.HasSuffix(err.Error(), ": "+tt.unknown) {
					t.Fatalf("Parse = %v, want ErrUnknownKey naming %s", err, tt.unknown)
				}
				return
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.key) {
				t.Fatalf("Parse = %v, want a *ParseError on line %d", err, tt.line)
			}
		})
	}
}

func validConfig() Config {
	cfg := DefaultConfig()
	cfg.Clearinghouse.SFTP = SFTPConfig{Address: "h:22", User: "u", KnownHosts: "/kh", PasswordEnv: "PW", Timeout: duration{time.Second}}
	cfg.Partner.Submitter.Name, cfg.Partner.Submitter.ID, cfg.Partner.Submitter.Contact.Phone = "S", "SUB", "5"
	cfg.Partner.Receiver.Name, cfg.Partner.Receiver.ID = "R", "REC"
	cfg.Partner.Envelope.SenderID, cfg.Partner.Envelope.ReceiverID = "SUB", "REC"
	return cfg
}

func TestValidateNamesEachField(t *testing.T) {
	t.Parallel()
	if cfg := validConfig(); cfg.Validate() != nil {
		t.Fatalf("valid config: %v", cfg.Validate())
	}
	tests := []struct {
		name   string
		mod    func(*Config)
		fields []string
	}{
		{"no data dir", func(c *Config) { c.DataDir = "" }, []string{"data_dir"}},
		{"tiny interval", func(c *Config) { c.Interval.Duration = time.Millisecond }, []string{"interval"}},
		{"retry max below min", func(c *Config) { c.RetryMax.Duration = 30 * time.Second }, []string{"retry_max"}},
		{"log", func(c *Config) { c.Log = LogConfig{Level: "loud", Format: "xml"} }, []string{"log.level", "log.format"}},
		{"no known_hosts", func(c *Config) { c.Clearinghouse.SFTP.KnownHosts = "" }, []string{"clearinghouse.sftp.known_hosts"}},
		{"no credentials", func(c *Config) { c.Clearinghouse.SFTP.PasswordEnv = "" }, []string{"clearinghouse.sftp"}},
		{"two password sources", func(c *Config) { c.Clearinghouse.SFTP.PasswordFile = "/pw" }, []string{"clearinghouse.sftp.password_file"}},
		{"passphrase without key", func(c *Config) { c.Clearinghouse.SFTP.PassphraseEnv = "PP" }, []string{"clearinghouse.sftp.key_file"}},
		{"unknown transport", func(c *Config) { c.Clearinghouse.Transport = "ftp" }, []string{"clearinghouse.transport"}},
		{"dir without path", func(c *Config) { c.Clearinghouse.Transport = "dir" }, []string{"clearinghouse.dir"}},
		{"partner", func(c *Config) { c.Partner.Submitter.ID, c.Partner.Envelope.Usage = "", "X" },
			[]string{"partner.submitter.id", "partner.envelope.usage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := validConfig()
			tt.mod(&cfg)
			var ve ValidationError
			if err := cfg.Validate(); !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a ValidationError", err)
			}
			var got []string
			for _, f := range ve {
				got = append(got, f.Field)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.fields))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// Secrets come from files or environment variables; a missing one is
// named (file path or variable name), never its value.
func TestReadSecrets(t *testing.T) {
	dir := t.TempDir()
	kh := filepath.Join(dir, "known_hosts")
	pw := filepath.Join(dir, "password")
	os.WriteFile(kh, nil, 0o600)
	os.WriteFile(pw, []byte("s3cret\n"), 0o600)
	env := map[string]string{"PP": "phrase"}
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }

	s := SFTPConfig{KnownHosts: kh, PasswordFile: pw}
	got, err := s.readSecrets(getenv)
	if err != nil || got.password != "s3cret" {
		t.Fatalf("password from a file: %q, %v", got.password, err)
	}
	s = SFTPConfig{KnownHosts: kh, KeyFile: pw, PassphraseEnv: "PP"}
	got, err = s.readSecrets(getenv)
	if err != nil || string(got.passphrase) != "phrase" || string(got.key) != "s3cret\n" {
		t.Fatalf("key and passphrase: %+v, %v", got, err)
	}
	tests := []struct {
		name string
		s    SFTPConfig
		want string
	}{
		{"missing password file", SFTPConfig{KnownHosts: kh, PasswordFile: filepath.Join(dir, "nope")}, "clearinghouse.sftp.password_file: open " + filepath.Join(dir, "nope")},
		{"unset variable", SFTPConfig{KnownHosts: kh, PasswordEnv: "CLAIMKIT_NOT_SET"}, "clearinghouse.sftp.password_env: environment variable CLAIMKIT_NOT_SET is not set"},
		{"missing key", SFTPConfig{KnownHosts: kh, KeyFile: filepath.Join(dir, "key")}, "clearinghouse.sftp.key_file: open " + filepath.Join(dir, "key")},
		{"missing known_hosts", SFTPConfig{KnownHosts: filepath.Join(dir, "kh2"), PasswordFile: pw}, "clearinghouse.sftp.known_hosts: stat " + filepath.Join(dir, "kh2")},
	}
	for _, tt := range tests {
		_, err := tt.s.readSecrets(getenv)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v, want it to start with %q", tt.name, err, tt.want)
		}
	}
}

// FuzzParse: Parse never panics, and a syntax error points inside the
// input.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"sftp.toml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("interval = \"1h\"\n[log]\nlevel = 3\n")
	f.Add("[[partner]]\n")
	f.Fuzz(func(t *testing.T, s string) {
		cfg, err := Parse(strings.NewReader(s))
		var pe *ParseError
		if errors.As(err, &pe) && pe.Line > strings.Count(s, "\n")+1 {
			t.Fatalf("error on line %d of a %d-line input: %v", pe.Line, strings.Count(s, "\n")+1, err)
		}
		if err == nil {
			cfg.Validate()
		}
	})
}
