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
