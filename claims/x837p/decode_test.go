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
	type problem struct {
		err error
		seg string
		el  int
	}
	tests := []struct {
		name, old, new string
		want           []problem // in file order
	}{
		{"empty CLM01", "CLM*P1*", "CLM**", []problem{{ErrValue, "CLM", 1}}},
		{"empty CLM01 of the second claim", "CLM*P2*", "CLM**", []problem{{ErrValue, "CLM", 1}}},
		{"bad amount", "CLM*P1*47*", "CLM*P1*4X7*", []problem{{ErrValue, "CLM", 2}}},
		{"total mismatch", "CLM*P1*47*", "CLM*P1*48*", []problem{{ErrTotalMismatch, "CLM", 2}}},
		{"empty charge", "SV1*HC:99454*47*", "SV1*HC:99454**", []problem{{ErrTotalMismatch, "CLM", 2}, {ErrValue, "SV1", 2}}},
		{"bad date", "DMG*D8*19500101", "DMG*D8*19501301", []problem{{ErrValue, "DMG", 2}}},
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
			if len(doc.Problems) != len(tt.want) {
				t.Fatalf("problems = %v, want %d", doc.Problems, len(tt.want))
			}
			for i, w := range tt.want {
				p := doc.Problems[i]
				if !errors.Is(p, w.err) || p.Pos.SegmentID != w.seg || p.Pos.Element != w.el || p.File != "edited.837" {
					t.Errorf("problem %d = %v (%s element %d), want %v at %s element %d", i, p, p.Pos.SegmentID, p.Pos.Element, w.err, w.seg, w.el)
				}
			}
			// The edited segment is the last problem's.
			if p, want := doc.Problems[len(tt.want)-1], strings.Index(in, tt.new); p.Pos.Offset != int64(want) {
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
