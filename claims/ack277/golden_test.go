package ack277

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpusDir is the shared corpus of public 277CA samples.
const corpusDir = "../../../shared/corpus/277ca"

// goldenFile is what the golden JSON holds for one input file.
type goldenFile struct {
	Acknowledgments []*Acknowledgment `json:"acknowledgments"`
	Summaries       []Summary         `json:"summaries"`
	Problems        []string          `json:"problems"`
	Error           string            `json:"error,omitempty"`
}

func decodeForGolden(t *testing.T, path string) goldenFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	acks, problems, err := DecodeAll(f, filepath.Base(path))
	g := goldenFile{Acknowledgments: acks, Summaries: []Summary{}, Problems: []string{}}
	if g.Acknowledgments == nil {
		g.Acknowledgments = []*Acknowledgment{}
	}
	for _, a := range acks {
		g.Summaries = append(g.Summaries, a.Summaries()...)
	}
	for _, p := range problems {
		g.Problems = append(g.Problems, p.Error())
	}
	if err != nil {
		g.Error = err.Error()
	}
	return g
}

func checkGolden(t *testing.T, got goldenFile, golden string) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if diff := cmp.Diff(string(want), string(b)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
	}
}

// TestCorpusGolden decodes every 277CA of the shared corpus and compares
// the typed model, the summaries and the problems with golden JSON.
func TestCorpusGolden(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("shared corpus not found at " + corpusDir)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := decodeForGolden(t, path)
			if got.Error != "" {
				t.Errorf("decode failed: %s", got.Error)
			}
			if len(got.Acknowledgments) == 0 {
				t.Errorf("no acknowledgment decoded")
			}
			checkGolden(t, got, filepath.Join("testdata", "golden", "corpus", strings.TrimSuffix(name, filepath.Ext(name))+".json"))
		})
	}
}

// TestTestdataGolden does the same for the package's own cases.
func TestTestdataGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "*.edi"))
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata/*.edi files")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := decodeForGolden(t, path)
			checkGolden(t, got, filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".edi")+".json"))
		})
	}
}
