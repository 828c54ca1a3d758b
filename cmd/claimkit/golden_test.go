package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update rewrites the golden files of every subcommand test; review the
// diff before committing.
var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with the golden file at path (line endings
// normalised), or rewrites the file with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
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

// sharedCorpus is the shared corpus of public X12 samples, read at test
// time from beside the repository.
const sharedCorpus = "../../../shared/corpus/"

// cliCase is one run of the command line: its arguments, its standard
// input ("@path" reads the file at path) and the exit code it must give.
type cliCase struct {
	name     string
	args     []string
	stdin    string
	wantExit int
}

// runGolden runs each case in parallel and compares stdout and stderr
// with testdata/<dir>/<name>.out and .err. A case that reads the shared
// corpus is skipped when the corpus is not there.
func runGolden(t *testing.T, dir string, tests []cliCase) {
	t.Helper()
	_, statErr := os.Stat(sharedCorpus)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stdin := tc.stdin
			if statErr != nil && (strings.Contains(stdin, sharedCorpus) || strings.Contains(strings.Join(tc.args, " "), sharedCorpus)) {
				t.Skipf("corpus not available (%v); it lives in ../shared/corpus", statErr)
			}
			if name, ok := strings.CutPrefix(stdin, "@"); ok {
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				stdin = string(b)
			}
			var out, errb bytes.Buffer
			err := run(context.Background(), tc.args, strings.NewReader(stdin), &out, &errb)
			if got := exitCode(err); got != tc.wantExit {
				t.Errorf("exit %d (%v), want %d\nstderr: %s", got, err, tc.wantExit, errb.String())
			}
			base := filepath.Join("testdata", dir, strings.ReplaceAll(tc.name, " ", "_"))
			checkGolden(t, base+".out", out.Bytes())
			checkGolden(t, base+".err", errb.Bytes())
		})
	}
}
