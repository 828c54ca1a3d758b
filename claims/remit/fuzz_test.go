package remit_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
)

// FuzzDecode835 decodes arbitrary input: it must never panic, every
// problem and error must carry a position inside the input (and render),
// and the balance verdict must agree with the balance errors.
func FuzzDecode835(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.835")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "835", "*"))
	for _, name := range append(seeds, corpus...) {
		data, err := os.ReadFile(name)
		if err != nil || len(data) > 64<<10 {
			continue
		}
		f.Add(data)
	}
	f.Add(gen835(genOptions{Size: 4 << 10, ClaimsPerSet: 3, Seed: 7}))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := remit.NewDecoder(bytes.NewReader(data))
		d.File = "fuzz.835"
		d.Limits = x12.Limits{MaxSegmentLength: 4 << 10, MaxSetSegments: 20000}
		check := func(e *x12.Error) {
			if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
				t.Fatalf("position %d outside the input of %d bytes: %v", e.Pos.Offset, len(data), e)
			}
			if e.File != "fuzz.835" {
				t.Fatalf("error without the file name: %v", e)
			}
			_ = x12.Render(e, bytes.NewReader(data), x12.DefaultDelimiters)
		}
		for sets := 0; ; sets++ {
			rem, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var xe *x12.Error
				if !errors.As(err, &xe) {
					t.Fatalf("error is not positioned: %v", err)
				}
				check(xe)
				if _, again := d.Next(); again != err {
					t.Fatalf("error not sticky: %v then %v", err, again)
				}
				break
			}
			for _, p := range rem.Problems {
				check(p)
			}
			if rem.Balanced != (len(rem.BalanceErrors) == 0) {
				t.Fatalf("Balanced %v with %d balance errors", rem.Balanced, len(rem.BalanceErrors))
			}
			for _, b := range rem.BalanceErrors {
				if b.Message == "" || b.Pos.Offset < 0 || b.Pos.Offset > int64(len(data)) {
					t.Fatalf("balance error %+v", b)
				}
			}
			if sets > len(data) {
				t.Fatal("more sets than bytes")
			}
		}
		for _, p := range d.Problems() {
			check(p)
		}
	})
}
