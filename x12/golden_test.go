package x12_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump describes everything a Reader makes of data: each segment with
// its position, then each problem and the fatal error, rendered.
func dump(data []byte) string {
	var b strings.Builder
	r := x12.NewReader(bytes.NewReader(data))
	var delims x12.Delimiters
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var e *x12.Error
			if errors.As(err, &e) {
				fmt.Fprintf(&b, "error:\n%s\n", x12.Render(e, bytes.NewReader(data), r.Delimiters()))
			} else {
				fmt.Fprintf(&b, "error: %v\n", err)
			}
			break
		}
		if d := r.Delimiters(); d != delims {
			delims = d
			fmt.Fprintf(&b, "delimiters: element %q repetition %q component %q segment %q\n", d.Element, d.Repetition, d.Component, d.Segment)
		}
		p := seg.Pos
		fmt.Fprintf(&b, "%d %s byte %d line %d col %d set %d: %q\n", p.Segment, p.SegmentID, p.Offset, p.Line, p.Column, p.SetPosition, seg.String())
	}
	for _, p := range r.Problems() {
		fmt.Fprintf(&b, "problem:\n%s\n", x12.Render(p, bytes.NewReader(data), delimsAt(data, p)))
	}
	return b.String()
}

// delimsAt returns the delimiters of the interchange holding p.
func delimsAt(data []byte, p *x12.Error) x12.Delimiters {
	r := x12.NewReader(bytes.NewReader(data))
	d := x12.Delimiters{}
	for {
		seg, err := r.Next()
		if err != nil || seg.Pos.Offset > p.Pos.Offset {
			return d
		}
		d = r.Delimiters()
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/*.x12")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(data)
			golden := strings.TrimSuffix(f, ".x12") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(strings.ReplaceAll(string(want), "\r\n", "\n"), got); diff != "" {
				t.Errorf("%s (-golden +got):\n%s", golden, diff)
			}
		})
	}
}
