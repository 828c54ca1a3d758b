package clearinghouse

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// corpus is the shared folder of public X12 samples, relative to this
// package.
const corpus = "../../shared/corpus"

// FuzzParseResponse: telling a response file's kind and reading it never
// panics; every error is ErrUnknownResponse or an *x12.Error positioned
// inside the input.
func FuzzParseResponse(f *testing.F) {
	var seeds []string
	for _, dir := range []string{filepath.Join("sim", "testdata", "golden")} {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			seeds = append(seeds, filepath.Join(dir, e.Name()))
		}
	}
	if _, err := os.Stat(corpus); err == nil {
		for _, sub := range []string{"999", "ta1", "277ca", "835", "malformed"} {
			es, _ := os.ReadDir(filepath.Join(corpus, sub))
			for _, e := range es {
				seeds = append(seeds, filepath.Join(corpus, sub, e.Name()))
			}
		}
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil || len(b) > 64<<10 {
			continue
		}
		f.Add(b)
	}
	f.Add([]byte("not x12"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseResponse("fuzz", data)
		if p == nil {
			t.Fatal("no parsed value")
		}
		if err == nil || errors.Is(err, ErrUnknownResponse) {
			return
		}
		var xe *x12.Error
		if !errors.As(err, &xe) {
			t.Fatalf("error without a position: %v", err)
		}
		if xe.Pos.Offset < 0 || xe.Pos.Offset > int64(len(data)) {
			t.Fatalf("error at byte %d of %d: %v", xe.Pos.Offset, len(data), err)
		}
	})
}
