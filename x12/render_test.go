package x12_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

func TestRenderProblem(t *testing.T) {
	t.Parallel()
	data := strings.Replace(std("\n"), "SE*4*", "SE*5*", 1)
	r := x12.NewReader(strings.NewReader(data))
	r.File = "t.837"
	if _, err := readAll(r); err != nil {
		t.Fatal(err)
	}
	p := r.Problems()
	if len(p) != 1 {
		t.Fatalf("problems %v", p)
	}
	got := x12.Render(p[0], strings.NewReader(data), r.Delimiters())
	want := `x12: t.837: segment 6 (SE, byte 251, line 6), element 1: envelope error: SE01 is "5", the set has 4 segments [IK5 4]
    SE*5*0001
       ^`
	if got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	src := "ISA*00~SV1*HC:99453:95*19.73~EB*1**30^35^UC*MC:A1^HC:99453:XX~N3*A\x01B\xffC~" + strings.Repeat("X", 300)
	at := func(seg string) int64 { return int64(strings.Index(src, seg)) }
	pos := func(seg string, el, rep, comp int) x12.Position {
		return x12.Position{Offset: at(seg), Segment: 2, SegmentID: seg[:2], Element: el, Repetition: rep, Component: comp}
	}
	tests := []struct {
		name string
		pos  x12.Position
		want string // the two lines after the error line
	}{
		{"segment", pos("SV1", 0, 0, 0), "SV1*HC:99453:95*19.73\n^"},
		{"element", pos("SV1", 2, 0, 0), "SV1*HC:99453:95*19.73\n                ^"},
		{"component", pos("SV1", 1, 0, 2), "SV1*HC:99453:95*19.73\n       ^"},
		{"third component", pos("SV1", 1, 0, 3), "SV1*HC:99453:95*19.73\n             ^"},
		{"missing component", pos("SV1", 1, 0, 5), "SV1*HC:99453:95*19.73\n               ^"},
		{"repetition", pos("EB*", 3, 2, 0), "EB*1**30^35^UC*MC:A1^HC:99453:XX\n         ^"},
		{"component of a repetition", pos("EB*", 4, 2, 2), "EB*1**30^35^UC*MC:A1^HC:99453:XX\n                        ^"},
		{"element past the end", pos("SV1", 7, 0, 0), "SV1*HC:99453:95*19.73\n                     ^"},
		{"non-printable bytes", pos("N3*", 1, 0, 0), "N3*A.B.C\n   ^"},
		{"long segment is cut", x12.Position{Offset: at("XXX"), Element: 1}, strings.Repeat("X", 200) + "\n" + strings.Repeat(" ", 200) + "^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := &x12.Error{Pos: tt.pos, Err: x12.ErrEnvelope}
			got := x12.Render(e, strings.NewReader(src), x12.DefaultDelimiters)
			want := e.Error() + "\n    " + strings.ReplaceAll(tt.want, "\n", "\n    ")
			if got != want {
				t.Errorf("Render:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// errReaderAt fails every read.
type errReaderAt struct{}

func (errReaderAt) ReadAt([]byte, int64) (int, error) { return 0, errors.New("gone") }

func TestRenderDegrades(t *testing.T) {
	t.Parallel()
	e := &x12.Error{Pos: x12.Position{Offset: 5, Segment: 1, Element: 2}, Err: x12.ErrEnvelope}
	line := e.Error()
	tests := []struct {
		name string
		e    *x12.Error
		src  io.ReaderAt
		d    x12.Delimiters
		want string
	}{
		{"nil error", nil, strings.NewReader("ISA"), x12.DefaultDelimiters, ""},
		{"no source", e, nil, x12.DefaultDelimiters, line},
		{"failing source", e, errReaderAt{}, x12.DefaultDelimiters, line},
		{"offset past the end", e, strings.NewReader("ISA"), x12.DefaultDelimiters, line},
		{"negative offset", &x12.Error{Pos: x12.Position{Offset: -1}}, strings.NewReader("ISA"), x12.DefaultDelimiters, (&x12.Error{Pos: x12.Position{Offset: -1}}).Error()},
		{"no delimiters", e, strings.NewReader("01234AB*CD~"), x12.Delimiters{}, line + "\n    AB*CD~\n    ^"},
	}
	for _, tt := range tests {
		if got := x12.Render(tt.e, tt.src, tt.d); got != tt.want {
			t.Errorf("%s: Render =\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
