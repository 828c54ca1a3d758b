package claims

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// examplesDir holds the shared example batches (testdata/claims at the
// repository root).
const examplesDir = "../testdata/claims"

var examples = []string{"rpm-month", "rtm-month", "telehealth-visits"}

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
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func readExample(t *testing.T, name string) *Batch {
	t.Helper()
	f, err := os.Open(filepath.Join(examplesDir, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := ReadBatch(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b
}
