package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	x837pData    = "../../claims/x837p/testdata/"
	x837pCmdData = "testdata/x837p/"
	x837pCorpus  = sharedCorpus + "837p/"
)

func TestEncode(t *testing.T) {
	t.Parallel()
	partner := x837pData + "partner.toml"
	fixed := []string{"--date", "2026-02-03", "--time", "1200"}
	rtm, err := os.ReadFile(x837pData + "rtm-month.claims.json")
	if err != nil {
		t.Fatal(err)
	}
	runGolden(t, "x837p", []cliCase{
		{"encode telehealth", append([]string{"encode", "--in", x837pData + "telehealth-video.claims.json", "--partner", partner}, fixed...), "", exitOK},
		{"encode stdin no newline", append([]string{"encode", "--in", "-", "--partner", partner, "--newline=false", "--control-number", "42"}, fixed...), string(rtm), exitOK},
		{"encode bad claims", append([]string{"encode", "--in", x837pCmdData + "bad-claims.json", "--partner", partner}, fixed...), "", exitInput},
		{"encode bad json", []string{"encode", "--in", "-", "--partner", partner}, `{"claims": [{"id": 1}]}`, exitInput},
		{"encode unknown field", []string{"encode", "--in", "-", "--partner", partner}, `[{"identifier": "X"}]`, exitInput},
		{"encode no claims", []string{"encode", "--in", "-", "--partner", partner}, `{"claims": []}`, exitInput},
		{"encode invalid partner", []string{"encode", "--in", x837pData + "rpm-month.claims.json", "--partner", x837pCmdData + "partner-invalid.toml"}, "", exitInput},
		{"encode unknown partner key", []string{"encode", "--in", x837pData + "rpm-month.claims.json", "--partner", x837pCmdData + "partner-unknown.toml"}, "", exitInput},
		{"encode no partner", []string{"encode", "--in", x837pData + "rpm-month.claims.json"}, "", exitUsage},
		{"encode bad date", []string{"encode", "--in", "-", "--partner", partner, "--date", "2026-13-01"}, "", exitUsage},
	})
}

// TestEncodeMatchesLibraryGolden checks that the command writes exactly
// the library's golden file for the same claims and settings.
func TestEncodeMatchesLibraryGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"rpm-month", "dependent", "corrected"} {
		var out, errb bytes.Buffer
		args := []string{"encode", "--in", x837pData + name + ".claims.json", "--partner", x837pData + "partner.toml", "--date", "2026-02-03", "--time", "1200"}
		if err := run(context.Background(), args, nil, &out, &errb); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, errb.String())
		}
		want, err := os.ReadFile(x837pData + name + ".x12")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), out.String()); diff != "" {
			t.Errorf("%s differs from the library golden (-want +got):\n%s", name, diff)
		}
	}
}

// TestEncodeOutAndMap writes the 837P and its segment map to files and
// maps a position back to a claim line, as a 999 IK3 would need.
func TestEncodeOutAndMap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, mapFile := filepath.Join(dir, "batch.837"), filepath.Join(dir, "batch.map.json")
	var stdout, errb bytes.Buffer
	args := []string{"encode", "--in", x837pData + "rpm-month.claims.json", "--partner", x837pData + "partner.toml",
		"--date", "2026-02-03", "--time", "1200", "--out", out, "--map", mapFile, "--control-number", "7"}
	if err := run(context.Background(), args, nil, &stdout, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if want := out + ": 1 claims in 1 transaction sets, ISA13 000000007, GS06 7, ST02 0007\n"; errb.String() != want {
		t.Errorf("stderr = %q, want %q", errb.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("837P file mode %v, want 0600", fi.Mode().Perm())
	}
	var m struct {
		Sets []struct {
			ControlNumber string `json:"control_number"`
			Segments      []struct {
				Loop, Segment string
				ClaimID       string `json:"claim_id"`
				Line          int
			} `json:"segments"`
		} `json:"sets"`
	}
	b, err := os.ReadFile(mapFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// Every segment between ST and SE has its entry; line 3's SV1 is where
	// the file has it.
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	segs := lines[2 : len(lines)-2]
	if len(m.Sets) != 1 || len(m.Sets[0].Segments) != len(segs) {
		t.Fatalf("map has %d sets / %d segments, the set has %d", len(m.Sets), len(m.Sets[0].Segments), len(segs))
	}
	for i, s := range m.Sets[0].Segments {
		if !strings.HasPrefix(segs[i], s.Segment+"*") {
			t.Errorf("position %d: map says %s, file has %s", i+1, s.Segment, segs[i])
		}
		if s.Segment == "SV1" && s.Line == 3 && !strings.HasPrefix(segs[i], "SV1*HC:99457*") {
			t.Errorf("line 3 SV1 at position %d is %s", i+1, segs[i])
		}
		if s.Segment == "CLM" && (s.ClaimID != "RPM-2601-0001" || s.Loop != "2300") {
			t.Errorf("CLM mapped to %+v", s)
		}
	}
}
