package x837p

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// TestDecodeProblems edits one segment of a valid 837P and checks the
// positioned problem Decode reports for it, and that reading goes on.
func TestDecodeProblems(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	o := testOptions()
	o.Newline = true
	if _, err := Encode(&buf, []claims.Claim{baseClaim("P1", "M1"), baseClaim("P2", "M2")}, o); err != nil {
		t.Fatal(err)
	}
	valid := buf.String()
	tests := []struct {
		name, old, new string
		want           error
		seg            string
		el             int
	}{
		{"empty CLM01", "CLM*P1*", "CLM**", ErrValue, "CLM", 1},
		{"empty CLM01 of the second claim", "CLM*P2*", "CLM**", ErrValue, "CLM", 1},
		{"bad amount", "CLM*P1*47*", "CLM*P1*4X7*", ErrValue, "CLM", 2},
		{"total mismatch", "CLM*P1*47*", "CLM*P1*48*", ErrTotalMismatch, "CLM", 2},
		{"bad date", "DMG*D8*19500101", "DMG*D8*19501301", ErrValue, "DMG", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("%q not in the valid file", tt.old)
			}
			in := strings.Replace(valid, tt.old, tt.new, 1)
			doc, err := Decode(strings.NewReader(in), DecodeOptions{File: "edited.837"})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Problems) != 1 {
				t.Fatalf("problems = %v, want one", doc.Problems)
			}
			p := doc.Problems[0]
			if !errors.Is(p, tt.want) || p.Pos.SegmentID != tt.seg || p.Pos.Element != tt.el || p.File != "edited.837" {
				t.Errorf("problem = %v (%s element %d), want %v at %s element %d", p, p.Pos.SegmentID, p.Pos.Element, tt.want, tt.seg, tt.el)
			}
			if want := strings.Index(in, tt.new); p.Pos.Offset != int64(want) {
				t.Errorf("problem at byte %d, want %d", p.Pos.Offset, want)
			}
			if got := len(doc.Claims()); got != 2 {
				t.Errorf("decoded %d claims, want 2", got)
			}
			var xe *x12.Error
			if !errors.As(doc.Problems.Err(), &xe) {
				t.Errorf("problems are not *x12.Error")
			}
		})
	}
}
