package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpus is the shared corpus of public X12 samples, read at test time.
const corpus = "../../shared/corpus"

// corpusFiles returns the files of one corpus folder, or skips the test.
func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, dir, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("corpus folder %s not found at %s", dir, corpus)
	}
	return files
}

// problemView is the golden form of one decoding problem.
type problemView struct {
	Position x12.Position `json:"position"`
	Code     x12.Code     `json:"code,omitzero"`
	Error    string       `json:"error"`
}

func problemViews(t testing.TB, err error) []problemView {
	t.Helper()
	out := []problemView{}
	if err == nil {
		return out
	}
	var list x12.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want x12.ErrorList: %v", err, err)
	}
	for _, e := range list {
		out = append(out, problemView{Position: e.Pos, Code: e.Code, Error: e.Error()})
	}
	return out
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeFile(t testing.TB, path string) ([]Response, error) {
	t.Helper()
	r := x12.NewReader(bytes.NewReader(readFile(t, path)))
	r.File = filepath.Base(path)
	return Decode271(r)
}

// TestDecode271Corpus decodes every 271 of the corpus and compares the
// model, the coverage answer for service type 30 as of the response
// date, and every problem with a golden file.
func TestDecode271Corpus(t *testing.T) {
	for _, path := range corpusFiles(t, "271") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resps, err := decodeFile(t, path)
			if len(resps) == 0 {
				t.Fatalf("no response decoded: %v", err)
			}
			var cov [][]Coverage
			for i := range resps {
				cov = append(cov, resps[i].Coverage(HealthBenefitPlanCoverage, resps[i].Date))
			}
			got, jerr := json.MarshalIndent(map[string]any{
				"responses": resps, "coverage_30_as_of_response_date": cov, "problems": problemViews(t, err),
			}, "", "  ")
			if jerr != nil {
				t.Fatal(jerr)
			}
			golden(t, filepath.Join("golden", "271", strings.TrimSuffix(name, filepath.Ext(name))+".json"), append(got, '\n'))
		})
	}
}

// TestCorpusQuirks checks what the decoder says about the corpus files
// with known defects, and that what they hold is still decoded.
func TestCorpusQuirks(t *testing.T) {
	tests := []struct {
		file     string
		wantErrs []error // each must be in the error list
		benefits int     // EB loops over all members
		members  int
		check    func(t *testing.T, resps []Response)
	}{
		{file: "oopfactory__Example2_TMHP.txt", wantErrs: []error{ErrVersion}, benefits: 4, members: 1,
			check: func(t *testing.T, resps []Response) {
				m := resps[0].Members()[0]
				if m.Benefits[1].Entities[0].Organization != "INCOMPANYNAME" || m.Insured == nil || m.Insured.Relationship != "18" {
					t.Errorf("4010 CR-terminated, space-padded values not decoded: %+v", m)
				}
			}},
		{file: "oopfactory__Example3_CMS_HETS.txt", wantErrs: []error{ErrVersion}, benefits: 26, members: 1,
			check: func(t *testing.T, resps []Response) {
				b := resps[0].Members()[0].Benefits
				if p := b[14].Procedure; p == nil || p.Qualifier != "HC" || p.Code != "90669" {
					t.Errorf("EB13 with component separator |: %+v", p)
				}
				if got := b[len(b)-1]; got.Code != InactiveCoverage || len(got.Dates) != 1 || got.Dates[0].Format != "RD8" {
					t.Errorf("last EB = %+v", got)
				}
			}},
		{file: "oopfactory__Example_3_1_2.txt", wantErrs: []error{ErrBadValue, x12.ErrBadDelimiters}, benefits: 5, members: 1,
			check: func(t *testing.T, resps []Response) {
				if got := resps[0].Members()[0].Benefits[2].ServiceTypes; len(got) != 10 || got[9] != "UC" {
					t.Errorf("EB03 split at the component separator: %v", got)
				}
			}},
		{file: "node-x12__271.edi", wantErrs: []error{ErrBadValue, x12.ErrEnvelope}, benefits: 9, members: 1},
		{file: "lfh-x12__subscriber-health-benefit-check-error.271", wantErrs: []error{x12.ErrEnvelope}, members: 0,
			check: func(t *testing.T, resps []Response) {
				rj := resps[0].Rejections()
				if len(rj) != 1 || rj[0].Loop != "2100B" || rj[0].Reason != "50" || rj[0].FollowUp != "N" {
					t.Errorf("rejections = %+v", rj)
				}
			}},
		{file: "oopfactory__From_georgiosd.txt", benefits: 1, members: 1,
			check: func(t *testing.T, resps []Response) {
				rj := resps[0].Rejections()
				if len(rj) != 1 || rj[0].Loop != "2100C" || !rj[0].Reason.Retryable() {
					t.Errorf("rejections = %+v", rj)
				}
			}},
		{file: "stupidedi__response-to-generic-request-by-physician-for-patient-_dependent_-eligibility.edi", benefits: 5, members: 2,
			check: func(t *testing.T, resps []Response) {
				dep := resps[0].Members()[1]
				if dep.Level != DependentLevel || dep.FirstName != "MARY" || len(dep.Benefits) != 5 || dep.Insured.Relationship != "19" {
					t.Errorf("dependent = %+v", dep)
				}
			}},
	}
	corpusFiles(t, "271")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			resps, err := decodeFile(t, filepath.Join(corpus, "271", tt.file))
			for _, want := range tt.wantErrs {
				if !errors.Is(err, want) {
					t.Errorf("error %v does not wrap %v", err, want)
				}
			}
			if len(tt.wantErrs) == 0 && err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			if len(resps) != 1 {
				t.Fatalf("%d responses", len(resps))
			}
			members, benefits := resps[0].Members(), 0
			for _, m := range members {
				benefits += len(m.Benefits)
			}
			if len(members) != tt.members || benefits != tt.benefits {
				t.Errorf("%d members and %d benefits, want %d and %d", len(members), benefits, tt.members, tt.benefits)
			}
			if tt.check != nil {
				tt.check(t, resps)
			}
		})
	}
}

// TestWholeCorpus runs both decoders over every corpus file (835s,
// 837s, malformed files...): none may panic, and every problem is
// positioned inside its input.
func TestWholeCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*"))
	if len(files) == 0 {
		t.Skipf("corpus not found at %s", corpus)
	}
	for _, path := range files {
		data := readFile(t, path)
		_, err271 := Decode271(x12.NewReader(bytes.NewReader(data)))
		_, err270 := Decode270(x12.NewReader(bytes.NewReader(data)))
		for _, err := range []error{err271, err270} {
			var list x12.ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Errorf("%s: error %T", path, err)
			}
			for _, e := range list {
				if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
					t.Errorf("%s: position outside the input: %v", path, e)
				}
			}
		}
	}
}
