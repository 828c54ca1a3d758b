package rpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func readFile(t *testing.T, name string) *Input {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := ReadInput(f)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		golden, asOf string
		opt          Options
	}{
		{"month.golden.json", "2026-02-10", Options{}},
		{"month-threshold.golden.json", "2026-01-25", Options{Convention: ThresholdMet}},
		{"month-setup2-home.golden.json", "2026-03-10", Options{SetupMinDays: 2, PlaceOfService: "12"}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			t.Parallel()
			res, err := Bill(readFile(t, "month.json"), d(tt.asOf), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, append(got, '\n'))
		})
	}
}

func TestReadInputOneByte(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/month.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ReadInput(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadInput(iotest.OneByteReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("(-whole +one byte at a time):\n%s", diff)
	}
	if _, err := ReadInput(iotest.ErrReader(errors.New("disk gone"))); err == nil || err.Error() != "rpm: read input: disk gone" {
		t.Errorf("I/O error: %v", err)
	}
}

func TestReadInputErrors(t *testing.T) {
	t.Parallel()
	const ep = `{"id": "EP-1", "patient_id": "P1", "program": "rpm", "start": "2026-01-01", "coverage_id": "C",
  "billing_provider_id": "B", "rendering_provider_id": "R", "diagnoses": ["I10"]}`
	tests := []struct {
		name, in string
		want     []string
		offsets  []int64
	}{
		{"empty", ``, []string{"rpm: line 1, column 1: bad JSON: unexpected end of input"}, []int64{0}},
		{"not an object", `[1]`, []string{"rpm: line 1, column 1: bad JSON: the input must be a JSON object"}, []int64{0}},
		{"syntax", "{\n  \"episodes\": [}", []string{"rpm: line 2, column 16: episodes: bad JSON: invalid character '}' looking for beginning of value"}, []int64{17}},
		{"unknown key", "{\"episode\": []}", []string{`rpm: line 1, column 2: bad JSON: unknown key "episode"`}, []int64{1}},
		{"section not a list", `{"readings": {}}`, []string{`rpm: line 1, column 14: readings: bad JSON: readings must be a list`}, []int64{13}},
		{"unknown field", "{\"readings\": [\n  {\"patient\": \"P1\"}]}",
			[]string{`rpm: line 2, column 3: readings[0]: bad JSON: unknown field "patient"`}, []int64{17}},
		{"wrong type", "{\"time_entries\": [{\"minutes\": \"ten\"}]}",
			[]string{`rpm: line 1, column 19: time_entries[0], field "minutes": bad JSON: field "minutes": a JSON string is not allowed here`}, []int64{18}},
		{"bad date", `{"readings": [{"patient_id": "P1", "program": "rpm", "day": "2026-02-30"}]}`,
			[]string{`rpm: line 1, column 15: readings[0]: bad JSON: x12: bad date or time: "2026-02-30" is not YYYY-MM-DD`}, []int64{14}},
		{"bad fee", `{"fees": {"99454": "ten"}}`,
			[]string{`rpm: line 1, column 10: fees: bad JSON: error decoding string '"ten"': can't convert ten to decimal: exponent is not numeric`}, []int64{9}},
		{"trailing data", `{} {}`, []string{"rpm: line 1, column 4: bad JSON: data after the top-level object"}, []int64{3}},
		{"validation, positioned", "{\"episodes\": [\n" + ep + ",\n" + ep + "],\n \"readings\": [{\"patient_id\": \"\", \"program\": \"rpm\", \"day\": \"2026-01-01\"}],\n \"fees\": {\"99454\": \"-1\"}}",
			[]string{
				`rpm: line 4, column 1: episodes[1] (id "EP-1"), field "id": invalid input: another episode has this id`,
				`rpm: line 6, column 15: readings[0], field "patient_id": invalid input: empty`,
				`rpm: line 7, column 10: fees (id "99454"), field "99454": invalid input: the fee must be 0 or more with at most 18 digits`,
			}, nil},
		{"hostile exponent", `{"fees": {"99454": "1e999999999"}}`,
			[]string{`rpm: line 1, column 10: fees: bad JSON: error decoding string '"1e999999999"': can't convert 1e999999999 to decimal: exponent 999999999 exceeds MaxDecodeExponent (10000)`}, nil},
		{"long fee", `{"fees": {"99454": "1e30"}}`,
			[]string{`rpm: line 1, column 10: fees (id "99454"), field "99454": invalid input: the fee must be 0 or more with at most 18 digits`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadInput(strings.NewReader(tt.in))
			var list InputErrors
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want InputErrors", err)
			}
			var got []string
			var offs []int64
			for _, e := range list {
				got = append(got, e.Error())
				offs = append(offs, e.Offset)
				if e.Offset < 0 || e.Offset > int64(len(tt.in)) {
					t.Errorf("offset %d outside the input", e.Offset)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.offsets != nil {
				if diff := cmp.Diff(tt.offsets, offs); diff != "" {
					t.Errorf("offsets (-want +got):\n%s", diff)
				}
			}
		})
	}
}
