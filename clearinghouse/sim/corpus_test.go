package sim

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus of public X12 files, read at test time.
const corpusDir = "../../../shared/corpus"

func corpusFiles(t testing.TB, dirs ...string) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found at %s: %v", corpusDir, err)
	}
	var out []string
	for _, d := range dirs {
		m, err := filepath.Glob(filepath.Join(corpusDir, d, "*"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

// TestCorpus answers every public 837P sample and every malformed file:
// whatever comes in, what goes out decodes without a problem and every
// 835 balances. Only a file with no interchange at all gets no answer.
// The payer takes claims for any payer ID, so that the samples' claims
// reach adjudication.
func TestCorpus(t *testing.T) {
	t.Parallel()
	payer := DefaultPayer()
	payer.PayerID = ""
	for _, p := range corpusFiles(t, "837p", "837i", "malformed") {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files, err := payer.Respond(filepath.Base(p), data, testEnvelope())
			if errors.Is(err, ErrNotInterchange) {
				t.Logf("no answer: %v", err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d := decodeResponses(t, files)
			if len(d.TA1s)+len(d.Sets) == 0 {
				t.Errorf("no TA1 and no 999 in %v", fileNames(files))
			}
			t.Logf("%d sets, %d claims acknowledged, %d checks", len(d.Sets), len(d.Claims), len(d.Checks))
			for _, ck := range d.Checks {
				if !ck.Balanced {
					t.Errorf("check %s does not balance", ck.Trace)
				}
			}
		})
	}
}
