package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/eligibility"
	"github.com/claimkit/claimkit/x12"
)

const (
	eligData   = "testdata/eligibility/"
	eligCorpus = sharedCorpus + "271/"
)

func TestEligibility(t *testing.T) {
	t.Parallel()
	not271 := "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260302*1015*^*00501*000000001*0*P*:~\n" +
		"GS*FA*A*B*20260302*1015*1*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HS*1*005010X279A1~\nAK9*A*1*1*1~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n"
	tests := []cliCase{
		{"telehealth text", []string{"eligibility", eligData + "telehealth.271", "--as-of", "2026-01-20", "--service-type", "98"}, "", exitOK},
		{"telehealth json", []string{"eligibility", "--format", "json", "--as-of=2026-01-20", "--service-type=98", eligData + "telehealth.271"}, "", exitOK},
		{"telehealth json plan", []string{"eligibility", eligData + "telehealth.271", "--format=json", "--as-of=2026-01-20"}, "", exitOK},
		{"stdin", []string{"eligibility", "--as-of", "2026-01-20", "-"}, "@" + eligData + "telehealth.271", exitOK},
		{"dependent json", []string{"eligibility", "--format", "json", "--as-of", "2006-05-01",
			eligCorpus + "stupidedi__response-to-generic-request-by-physician-for-patient-_dependent_-eligibility.edi"}, "", exitOK},
		{"aaa rejection", []string{"eligibility", "--as-of", "2006-05-01",
			eligCorpus + "stupidedi__error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi",
			eligCorpus + "oopfactory__From_georgiosd.txt"}, "", exitOK},
		{"4010 cms hets", []string{"eligibility", "--as-of", "2009-05-01", eligCorpus + "oopfactory__Example3_CMS_HETS.txt"}, "", exitInput},
		{"separator clash json", []string{"eligibility", "--format", "json", "--as-of", "2006-05-01", "--service-type", "98",
			eligCorpus + "oopfactory__Example_3_1_2.txt"}, "", exitInput},
		{"not a 271", []string{"eligibility", "--as-of", "2026-01-20", "-"}, not271, exitInput},
		{"syntax error", []string{"eligibility", "--as-of", "2026-01-20", "-"}, "this is not an X12 file", exitInput},
		{"no file", []string{"eligibility", "--as-of", "2026-01-20"}, "", exitUsage},
		{"bad as-of", []string{"eligibility", "--as-of", "20260120", eligData + "telehealth.271"}, "", exitUsage},
		{"bad format", []string{"eligibility", "--format", "csv", eligData + "telehealth.271"}, "", exitUsage},
		{"missing file", []string{"eligibility", "--as-of", "2026-01-20", eligData + "absent.271"}, "", exitUsage},
		{"request subscriber", []string{"eligibility", "request", "--in", eligData + "subscriber.json", "--partner", eligData + "partner.toml",
			"--date", "2026-01-15", "--time", "0930"}, "", exitOK},
		{"request array with 837 profile", []string{"eligibility", "request", "--in", eligData + "requests.json", "--partner", eligData + "partner-837.toml",
			"--date", "2026-01-15", "--time", "0930", "--control-number", "42", "--newline=false"}, "", exitOK},
		{"request from stdin", []string{"eligibility", "request", "--in", "-", "--partner", eligData + "partner.toml",
			"--date", "2026-01-15", "--time", "0930"}, "@" + eligData + "subscriber.json", exitOK},
		{"request invalid", []string{"eligibility", "request", "--in", eligData + "invalid.json", "--partner", eligData + "partner.toml"}, "", exitInput},
		{"request unknown field", []string{"eligibility", "request", "--in", eligData + "unknown-field.json", "--partner", eligData + "partner.toml"}, "", exitInput},
		{"request bad json", []string{"eligibility", "request", "--in", "-", "--partner", eligData + "partner.toml"}, `{"payer": {"id": 12}}`, exitInput},
		{"request partner unknown key", []string{"eligibility", "request", "--in", eligData + "subscriber.json", "--partner", eligData + "partner-unknown.toml"}, "", exitInput},
		{"request partner invalid", []string{"eligibility", "request", "--in", eligData + "subscriber.json", "--partner", eligData + "partner-invalid.toml"}, "", exitInput},
		{"request no partner", []string{"eligibility", "request", "--in", eligData + "subscriber.json"}, "", exitUsage},
		{"request bad time", []string{"eligibility", "request", "--in", eligData + "subscriber.json", "--partner", eligData + "partner.toml", "--time", "25:00"}, "", exitUsage},
	}
	runGolden(t, "eligibility", tests)
}

// TestEligibilityRequestOut writes the 270 to a file and decodes it
// with the library's own 270 decoder.
func TestEligibilityRequestOut(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "out.270")
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"eligibility", "request", "--in", eligData + "requests.json", "--partner", eligData + "partner.toml",
		"--out", path, "--date", "2026-01-15", "--time", "0930", "--control-number", "7"}, strings.NewReader(""), &out, &errb)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out.String())
	}
	if want := path + ": 2 requests, ISA13 000000007, GS06 7, ST02 0007 0008\n"; errb.String() != want {
		t.Errorf("stderr = %q, want %q", errb.String(), want)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := x12.NewReader(f)
	r.Strict = true
	reqs, err := eligibility.Decode270(r)
	if err != nil {
		t.Fatalf("Decode270: %v", err)
	}
	if len(reqs) != 2 || reqs[0].Dependent == nil || reqs[0].Dependent.FirstName != "MIA" || reqs[1].Subscriber.MemberID != "W987654321" {
		t.Errorf("decoded %+v", reqs)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v; want 0600", fi.Mode(), err)
	}
}
