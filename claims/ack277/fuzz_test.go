package ack277

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// FuzzDecode277CA decodes arbitrary input: no panic, every problem and
// every returned error carries a position inside the input, the renderer
// never panics, and summaries and Apply work on whatever was decoded.
func FuzzDecode277CA(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{filepath.Join("testdata", "*.edi"), filepath.Join(corpusDir, "*")} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		acks, problems, err := DecodeAll(bytes.NewReader(data), "fuzz")
		check := func(e *x12.Error) {
			if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
				t.Fatalf("position %d outside the input (%d bytes): %v", e.Pos.Offset, len(data), e)
			}
			_ = x12.Render(e, bytes.NewReader(data), x12.DefaultDelimiters)
		}
		for _, p := range problems {
			check(p)
		}
		if err != nil {
			var xe *x12.Error
			if !errors.As(err, &xe) {
				t.Fatalf("error without a position: %v", err)
			}
			check(xe)
		}
		var set []*claims.Claim
		for _, a := range acks {
			for _, s := range a.Summaries() {
				set = append(set, &claims.Claim{PatientControlNumber: s.PatientControlNumber, Status: claims.Submitted})
				for _, r := range s.Reasons {
					_ = r.String()
				}
			}
		}
		for _, a := range acks {
			Apply(a, set, claims.Change{})
		}
	})
}
