package x837p

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

// addSeeds adds the golden files and the corpus (files up to 16 KiB:
// larger seeds make minimising new inputs slow).
func addSeeds(f *testing.F) {
	golden, _ := filepath.Glob(filepath.Join("testdata", "*.x12"))
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	for _, p := range slices.Concat(golden, corpus) {
		b, err := os.ReadFile(p)
		if err == nil && len(b) <= 16<<10 {
			f.Add(b)
		}
	}
}

// FuzzDecode837P: Decode never panics, every error and problem carries a
// position inside the input, the renderer copes with each, and writing
// the decoded claims back never panics.
func FuzzDecode837P(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(bytes.NewReader(data), DecodeOptions{File: "fuzz.837"})
		if doc == nil {
			t.Fatal("nil document")
		}
		check := func(e *x12.Error) {
			if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
				t.Fatalf("position %d outside the %d-byte input: %v", e.Pos.Offset, len(data), e)
			}
			_ = x12.Render(e, bytes.NewReader(data), x12.DefaultDelimiters)
		}
		if err != nil {
			var xe *x12.Error
			if !errors.As(err, &xe) {
				t.Fatalf("error without a position: %v", err)
			}
			check(xe)
		}
		for _, p := range doc.Problems {
			check(p)
		}
		for i := range doc.Transactions {
			tx := &doc.Transactions[i]
			if len(tx.Claims) == 0 {
				continue
			}
			o := testOptions()
			o.PreserveCase = true
			if _, err := EncodeClaims(io.Discard, tx.Claims, o); err != nil {
				var ce *ClaimError
				if !errors.As(err, &ce) && !errors.Is(err, x12.ErrDelimiterInData) && !errors.Is(err, x12.ErrBadSegmentID) {
					t.Fatalf("re-encode: unexpected error %v", err)
				}
			}
		}
	})
}

// FuzzEncodeDecode: randomized claims, with fuzzed text in a note, a
// name and a payer name, either encode and decode back to the same claims
// or are refused: a control character before anything is written, a
// delimiter with its position; never a panic.
func FuzzEncodeDecode(f *testing.F) {
	f.Add(uint64(1), uint8(3), "PATIENT DECLINED VIDEO")
	f.Add(uint64(2), uint8(1), "")
	f.Add(uint64(3), uint8(20), "a*b")
	f.Add(uint64(4), uint8(7), "x~y:z^")
	f.Add(uint64(5), uint8(2), "lower case é")
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, text string) {
		r := rand.New(rand.NewPCG(seed, 4))
		cs := randomClaims(r, 1+int(n)%40, genOptions{})
		c := &cs[r.IntN(len(cs))]
		c.Note = text
		c.Coverage.Payer.Name = text
		c.Coverage.Subscriber.Name.First = text
		if c.Coverage.Relationship.IsSelf() {
			c.Patient.Person = c.Coverage.Subscriber
		}
		// Every claim with that coverage carries the same payer and subscriber.
		for i := range cs {
			if cs[i].Coverage.Subscriber.MemberID == c.Coverage.Subscriber.MemberID {
				cs[i].Coverage = c.Coverage
				if cs[i].Coverage.Relationship.IsSelf() {
					cs[i].Patient.Person = c.Coverage.Subscriber
				}
			}
		}
		o := testOptions()
		o.PreserveCase = true
		var buf bytes.Buffer
		if _, err := Encode(&buf, cs, o); err != nil {
			var xe *x12.Error
			var ce *ClaimError
			switch {
			case hasControl(text) && errors.As(err, &ce) && errors.Is(err, ErrInvalidClaim):
			case errors.Is(err, x12.ErrDelimiterInData) && errors.As(err, &xe) && xe.Pos.Element > 0:
			default:
				t.Fatalf("Encode: %v", err)
			}
			return
		}
		doc, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
		if err != nil || len(doc.Problems) > 0 {
			t.Fatalf("Decode: %v %v", err, doc.Problems)
		}
		got, want := doc.Claims(), slices.Clone(cs)
		sortByPCN(got)
		sortByPCN(want)
		if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
			t.Fatalf("decode(encode(claims)) differs (-want +got):\n%s", diff)
		}
	})
}
