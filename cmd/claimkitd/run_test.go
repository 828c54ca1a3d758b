package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/clearinghouse/sim"
	"github.com/claimkit/claimkit/x12"
)

const partnerTOML = `
[partner.submitter]
name = "ACME VIRTUAL CARE"
id = "CLAIMKIT01"
[partner.submitter.contact]
phone = "2175550100"
[partner.receiver]
name = "CLAIMKIT SIM"
id = "CLAIMKITSIM"
[partner.envelope]
sender_id = "CLAIMKIT01"
receiver_id = "CLAIMKITSIM"
usage = "T"
`

// setup writes a configuration for a "dir" clearinghouse in a temporary
// directory and returns its path and the clearinghouse's base.
func setup(t *testing.T, extra string) (config, remote, data string) {
	t.Helper()
	dir := t.TempDir()
	remote, data = filepath.Join(dir, "remote"), filepath.Join(dir, "data")
	for _, d := range []string{"inbound", "outbound"} {
		if err := os.MkdirAll(filepath.Join(remote, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	config = filepath.Join(dir, "claimkitd.toml")
	text := "data_dir = " + quote(data) + "\n" + extra + "\n[log]\nformat = \"text\"\n[clearinghouse]\ntransport = \"dir\"\ndir = " +
		quote(remote) + "\ninbound = \"inbound\"\noutbound = \"outbound\"\n" + partnerTOML
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return config, remote, data
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// claimsFile groups the shared test charge items into claims, as
// "claimkit claims build" would, and writes them to a file.
func claimsFile(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "clearinghouse", "testdata", "charges.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := claims.ReadBatch(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := claims.Group(b, claims.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res.Claims[0].Lines = nil // one claim the encoder refuses
	out := filepath.Join(t.TempDir(), "claims.json")
	data, _ := json.Marshal(map[string]any{"claims": res.Claims})
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	err := run(ctx, args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), exitCode(err)
}

// add, then one cycle that sends, then the clearinghouse answers, then
// one cycle that applies the answers.
func TestAddAndOnce(t *testing.T) {
	config, remote, data := setup(t, "")
	out, errs, code := runArgs(t, "-config", config, "add", claimsFile(t))
	if code != exitInput || out != "added 4 claims: 2 ready to submit, 2 draft\n" ||
		!strings.Contains(errs, "error LINE-COUNT: no service lines") || !strings.Contains(errs, "error RPM-INTERPRETATION") {
		t.Fatalf("add: code %d, stdout %q, stderr %q", code, out, errs)
	}
	out, errs, code = runArgs(t, "-config", config, "-once")
	if code != exitOK {
		t.Fatalf("first cycle: code %d, stderr %s", code, errs)
	}
	var s summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("-once output: %v\n%s", err, out)
	}
	want := []batchSummary{{FileName: "claimkit-000000001.837", InterchangeControlNumber: "000000001", GroupControlNumber: "1",
		SetControlNumbers: []string{"0001"}, Claims: 2, SHA256: s.Staged[0].SHA256}}
	if diff := cmp.Diff(want, s.Staged); diff != "" {
		t.Errorf("staged (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, s.Uploaded); diff != "" {
		t.Errorf("uploaded (-want +got):\n%s", diff)
	}
	if !strings.Contains(errs, "msg=\"batch uploaded\" component=clearinghouse batch=claimkit-000000001.837") {
		t.Errorf("logs do not name the batch:\n%s", errs)
	}

	name := "claimkit-000000001.837"
	in, err := os.ReadFile(filepath.Join(remote, "inbound", name))
	if err != nil {
		t.Fatal(err)
	}
	files, err := sim.DefaultPayer().Respond(name, in, sim.Envelope{ControlNumbers: x12.NewSequence(1), Date: x12.DateOf(time.Now())})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		os.WriteFile(filepath.Join(remote, "outbound", f.Name), f.Data, 0o600)
	}
	out, errs, code = runArgs(t, "-config", config, "-once")
	if code != exitOK {
		t.Fatalf("second cycle: code %d, stderr %s", code, errs)
	}
	s = summary{}
	json.Unmarshal([]byte(out), &s)
	var kinds []string
	for _, r := range s.Responses {
		kinds = append(kinds, string(r.Kind)+" "+string(r.Outcome))
	}
	if want := []string{"999 applied", "277CA applied", "835 applied"}; !cmp.Equal(want, kinds) {
		t.Errorf("responses %v, want %v", kinds, want)
	}

	l, err := ledger.Open(t.Context(), filepath.Join(data, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	counts := map[claims.ClaimStatus]int{}
	l.View(t.Context(), func(tx clearinghouse.Tx) error {
		cs, err := tx.Claims(clearinghouse.ClaimQuery{})
		for _, c := range cs {
			counts[c.Status]++
		}
		return err
	})
	// The claim without lines and PAT-4's (99457 with 99091) stay draft;
	// of the two sent, PAT-2's 99091 is denied and PAT-3's (another
	// payer) rejected.
	want2 := map[claims.ClaimStatus]int{claims.Draft: 2, claims.Denied: 1, claims.Rejected: 1}
	if diff := cmp.Diff(want2, counts); diff != "" {
		t.Errorf("claim statuses (-want +got):\n%s", diff)
	}
	if fi, err := os.Stat(filepath.Join(data, "ledger.db")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("ledger mode: %v, %v", fi.Mode(), err)
	}
}

func TestConfigProblemsExit2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	kh := write("known_hosts", "")
	sftpBase := "data_dir = " + quote(dir) + "\n[clearinghouse.sftp]\naddress = \"127.0.0.1:1\"\nuser = \"u\"\nknown_hosts = " + quote(kh) + "\n"
	tests := []struct {
		name, config, want string
	}{
		{"unknown key", "data_dir = \"/x\"\nintreval = \"1h\"\n" + partnerTOML, "unknown configuration key: intreval"},
		{"syntax", "data_dir = \n", "line 1, column"},
		{"invalid fields", "data_dir = \"\"\n", "data_dir: required"},
		{"missing secret file", sftpBase + "password_file = " + quote(filepath.Join(dir, "missing-password")) + "\n" + partnerTOML,
			"clearinghouse.sftp.password_file: open " + filepath.Join(dir, "missing-password")},
		{"unset secret variable", sftpBase + "password_env = \"CLAIMKITD_TEST_UNSET\"\n" + partnerTOML,
			"environment variable CLAIMKITD_TEST_UNSET is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := write(strings.ReplaceAll(tt.name, " ", "-")+".toml", tt.config)
			_, errs, code := runArgs(t, "-config", cfg, "check")
			if code != exitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("code %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
		})
	}
	t.Run("secret from the environment", func(t *testing.T) {
		t.Setenv("CLAIMKITD_TEST_PW", "pw")
		cfg := write("env.toml", sftpBase+"password_env = \"CLAIMKITD_TEST_PW\"\n"+partnerTOML)
		out, errs, code := runArgs(t, "-config", cfg, "check")
		if code != exitOK || out != "configuration ok\n" {
			t.Errorf("code %d, stdout %q, stderr %q", code, out, errs)
		}
	})
	t.Run("missing config file", func(t *testing.T) {
		_, errs, code := runArgs(t, "-config", filepath.Join(dir, "absent.toml"))
		if code != exitUsage || !strings.Contains(errs, "absent.toml") {
			t.Errorf("code %d, stderr %q", code, errs)
		}
	})
	t.Run("unknown command", func(t *testing.T) {
		config, _, _ := setup(t, "")
		if _, errs, code := runArgs(t, "-config", config, "launch"); code != exitUsage || !strings.Contains(errs, `unknown command "launch"`) {
			t.Errorf("code %d, stderr %q", code, errs)
		}
	})
}

// The daemon runs until its context ends, then closes cleanly.
func TestRunUntilCanceled(t *testing.T) {
	config, _, _ := setup(t, "interval = \"1h\"")
	ctx, cancel := context.WithCancel(t.Context())
	var out, errb lockedBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-config", config}, strings.NewReader(""), &out, &errb) }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(errb.String(), "cycle done") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v\n%s", err, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after the context ended")
	}
	if s := errb.String(); !strings.Contains(s, "daemon closed") {
		t.Errorf("logs:\n%s", s)
	}
}
