package sim

import (
	"bytes"
	"errors"
	"path"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// edit replaces old with new in data once, failing the test when old is
// not there.
func edit(t testing.TB, data []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%q not in the input", old)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

func fileNames(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

func TestRespondEnvelope(t *testing.T) {
	t.Parallel()
	good := encode837(t, testClaims(), 1, false)
	asked := encode837(t, testClaims(), 1, true)
	for _, tc := range []struct {
		name  string
		input []byte
		files []string
		// only the TA1s, the 999 verdicts and the 277CA outcomes are
		// compared: the 835 has its own tests.
		ta1s, sets, claims []string
	}{
		{
			name: "accepted, TA1 asked", input: asked,
			files: []string{"in.999", "in.277", "in.835"},
			ta1s:  []string{"000000001 A 000"},
			sets:  []string{"1/0001 accepted", "1/0002 accepted"},
			claims: []string{
				"RPM-2601-0001 accepted 2602050000000010001", "TH-2601-0042 accepted 2602050000000010002",
				"RPM-2601-0002 accepted 2602050000000010003", "RPM-2601-0003 rejected A7:562:85",
			},
		},
		{
			name: "SE01 wrong", input: edit(t, good, "SE*56*0001~", "SE*55*0001~"),
			files:  []string{"in.999", "in.277"},
			sets:   []string{"1/0001 rejected IK5:4", "1/0002 accepted"},
			claims: []string{"RPM-2601-0003 rejected A7:562:85"},
		},
		{
			name: "SE01 wrong, TA1 asked", input: edit(t, asked, "SE*56*0001~", "SE*55*0001~"),
			files:  []string{"in.999", "in.277"},
			ta1s:   []string{"000000001 A 000"},
			sets:   []string{"1/0001 rejected IK5:4", "1/0002 accepted"},
			claims: []string{"RPM-2601-0003 rejected A7:562:85"},
		},
		{
			name: "ST02 and SE02 differ", input: edit(t, good, "SE*26*0002~", "SE*26*0003~"),
			files: []string{"in.999", "in.277", "in.835"},
			sets:  []string{"1/0001 accepted", "1/0002 rejected IK5:3"},
			claims: []string{
				"RPM-2601-0001 accepted 2602050000000010001", "TH-2601-0042 accepted 2602050000000010002",
				"RPM-2601-0002 accepted 2602050000000010003",
			},
		},
		{
			name: "GE01 wrong", input: edit(t, good, "GE*2*1~", "GE*3*1~"),
			files: []string{"in.999"},
			sets:  []string{"1/0001 rejected AK9:5", "1/0002 rejected AK9:5"},
		},
		{
			name: "CLM02 is not the sum of the lines", input: edit(t, good, "CLM*RPM-2601-0001*195*", "CLM*RPM-2601-0001*196*"),
			files:  []string{"in.999", "in.277"},
			sets:   []string{"1/0001 rejected IK5:5 IK3:CLM@19:8", "1/0002 accepted"},
			claims: []string{"RPM-2601-0003 rejected A7:562:85"},
		},
		{
			name: "IEA02 is not ISA13", input: edit(t, good, "IEA*1*000000001~", "IEA*1*000000002~"),
			files: []string{"in.ta1"},
			ta1s:  []string{"000000001 R 001"},
		},
		{
			name: "IEA02 is not ISA13, TA1 asked", input: edit(t, asked, "IEA*1*000000001~", "IEA*1*000000002~"),
			files: []string{"in.ta1"},
			ta1s:  []string{"000000001 R 001"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files, err := DefaultPayer().Respond("dir/in.837", tc.input, testEnvelope())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.files, fileNames(files)); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			d := decodeResponses(t, files)
			got := [][]string{d.TA1s, d.Sets, d.Claims}
			want := [][]string{tc.ta1s, tc.sets, tc.claims}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("TA1s, 999 sets, 277CA claims (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRespondErrors(t *testing.T) {
	t.Parallel()
	good := encode837(t, testClaims(), 1, false)
	for _, tc := range []struct {
		name  string
		input []byte
		env   Envelope
		want  error
	}{
		{"not X12", []byte("hello, world\n"), testEnvelope(), ErrNotInterchange},
		{"empty", nil, testEnvelope(), ErrNotInterchange},
		{"no control numbers", good, Envelope{Date: testEnvelope().Date}, ErrEnvelope},
		{"no date", good, Envelope{ControlNumbers: testEnvelope().ControlNumbers}, ErrEnvelope},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files, err := DefaultPayer().Respond("in.837", tc.input, tc.env)
			if !errors.Is(err, tc.want) || files != nil {
				t.Errorf("got %d files, error %v; want %v", len(files), err, tc.want)
			}
		})
	}
}

func TestBaseName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"batch-0001.837":     "batch-0001",
		"/inbound/batch.x12": "batch",
		`C:\out\batch.837`:   "batch",
		"../../etc/passwd":   "passwd",
		"no-extension":       "no-extension",
		".hidden":            "hidden",
		"..":                 "response",
		"batch 1;rm -rf.837": "batch_1_rm_-rf",
		"two.dots.837":       "two.dots",
		"":                   "response",
	} {
		got := baseName(in)
		if got != want {
			t.Errorf("baseName(%q) = %q, want %q", in, got, want)
		}
		if path.Base(got) != got || got == "." || got == ".." {
			t.Errorf("baseName(%q) = %q is not a plain local name", in, got)
		}
	}
}
