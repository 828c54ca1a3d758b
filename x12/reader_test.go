package x12_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/internal/x12test"
)

func TestStdISAIsFixedWidth(t *testing.T) {
	if len(stdISA) != 106 {
		t.Fatalf("test ISA is %d bytes, want 106", len(stdISA))
	}
}

func TestDelimiters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		isa     string
		want    x12.Delimiters
		problem []issue // lenient problems from the ISA
	}{
		{"default", stdISA, x12.DefaultDelimiters, nil},
		{"non-standard separators", isa('|', '!', '>', '\'', "00501", "000000001"),
			x12.Delimiters{Element: '|', Repetition: '!', Component: '>', Segment: '\''}, nil},
		{"control characters", isa(0x1c, 0x1f, 0x1e, 0x1d, "00501", "000000001"),
			x12.Delimiters{Element: 0x1c, Repetition: 0x1f, Component: 0x1e, Segment: 0x1d}, nil},
		{"newline terminator", isa('*', '^', ':', '\n', "00501", "000000001"),
			x12.Delimiters{Element: '*', Repetition: '^', Component: ':', Segment: '\n'}, nil},
		{"ISA11 U in 00501 is no separator", isa('*', 'U', ':', '~', "00501", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'}, nil},
		{"ISA11 digit is no separator", isa('*', '7', ':', '~', "00501", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'}, nil},
		{"ISA11 space is no separator", isa('*', ' ', ':', '~', "00501", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'}, nil},
		{"before 00402 ISA11 is not a separator", isa('*', '^', ':', '~', "00401", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'}, nil},
		{"00402 is the first version with repetitions", isa('*', '^', ':', '~', "00402", "000000001"),
			x12.DefaultDelimiters, nil},
		{"ISA11 same as ISA16", isa('*', ':', ':', '~', "00501", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'},
			[]issue{{x12.ErrBadDelimiters, "TA1 016", 1, "ISA", 11}}},
		{"ISA11 same as the terminator", isa('*', '~', ':', '~', "00501", "000000001"),
			x12.Delimiters{Element: '*', Component: ':', Segment: '~'},
			[]issue{{x12.ErrBadDelimiters, "TA1 016", 1, "ISA", 11}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(tt.isa))
			seg, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			if seg.ID != "ISA" || seg.Len() != 16 {
				t.Errorf("first segment %q has %d elements", seg.ID, seg.Len())
			}
			if got := r.Delimiters(); got != tt.want {
				t.Errorf("Delimiters() = %q, want %q", got, tt.want)
			}
			if got := seg.Delimiters(); got != tt.want {
				t.Errorf("segment Delimiters() = %q, want %q", got, tt.want)
			}
			if got := r.Interchange().Delimiters; got != tt.want {
				t.Errorf("Interchange().Delimiters = %q, want %q", got, tt.want)
			}
			sameIssues(t, "problem", issuesOf(t, r.Problems()), tt.problem)

			// Strict mode makes the problem fatal.
			r = x12.NewReader(strings.NewReader(tt.isa))
			r.Strict = true
			_, err = r.Next()
			if tt.problem == nil {
				if err != nil {
					t.Errorf("strict: %v", err)
				}
				return
			}
			sameIssues(t, "strict error", []issue{issueOf(t, err)}, tt.problem[:1])
		})
	}
}

func TestUnusableDelimiters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		isa  string
		want issue
	}{
		{"letter terminator", isa('*', '^', ':', 'X', "00501", "000000001"), issue{x12.ErrBadDelimiters, "TA1 004", 1, "ISA", 0}},
		{"terminator is the element separator", isa('*', '^', ':', '*', "00501", "000000001"), issue{x12.ErrBadDelimiters, "TA1 004", 1, "ISA", 0}},
		{"component is the element separator", isa('*', '^', '*', '~', "00501", "000000001"), issue{x12.ErrBadDelimiters, "TA1 027", 1, "ISA", 16}},
		{"component is a digit", isa('*', '^', '5', '~', "00501", "000000001"), issue{x12.ErrBadDelimiters, "TA1 027", 1, "ISA", 16}},
		{"ISA too short", stdISA[:60] + "~\n", issue{x12.ErrBadISA, "", 1, "ISA", 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(tt.isa))
			_, err := r.Next()
			sameIssues(t, "error", []issue{issueOf(t, err)}, []issue{tt.want})
		})
	}
}

// stdSegments are the segments of the standard interchange.
var stdSegments = func() []string {
	out := []string{strings.TrimSuffix(stdISA, "~")}
	for _, s := range stdBody {
		out = append(out, strings.TrimSuffix(s, "~"))
	}
	return out
}()

func TestLineBreaksAndTerminators(t *testing.T) {
	t.Parallel()
	withTerm := func(term byte, sep string) string {
		s := strings.ReplaceAll(std(sep), "~", string(term))
		return s
	}
	tests := []struct {
		name, in string
	}{
		{"no line breaks", std("")},
		{"LF", std("\n")},
		{"CRLF", std("\r\n")},
		{"CR", std("\r")},
		{"blank lines and indentation", strings.Join(append([]string{stdISA}, stdBody...), "\r\n\r\n    ")},
		{"newline terminator", withTerm('\n', "")},
		{"CRLF ends segments when the terminator is newline", stdISA[:105] + "\n" + strings.ReplaceAll(strings.Join(stdBody, ""), "~", "\r\n")},
		{"CR terminator with CRLF", withTerm('\r', "\n")},
		{"0x1D terminator", withTerm(0x1d, "")},
		{"0x1D terminator with CRLF", withTerm(0x1d, "\r\n")},
		{"leading white space", "\r\n \t\n" + std("\n")},
		{"UTF-8 byte order mark", "\xEF\xBB\xBF" + std("\r\n")},
		{"byte order mark and white space", "\xEF\xBB\xBF\r\n  " + std("\n")},
		{"text before the first ISA is skipped", "Sample file\nmade by hand\n" + std("\n")},
		{"last line without its line break", strings.TrimSuffix(withTerm('\n', ""), "\n")},
		{"last CR missing", strings.TrimSuffix(withTerm('\r', "\n"), "\r\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(tt.in))
			segs, err := readAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(stdSegments, texts(segs)); diff != "" {
				t.Errorf("segments (-want +got):\n%s", diff)
			}
			var want []issue
			if strings.HasPrefix(tt.in, "Sample") {
				want = []issue{{x12.ErrNoISA, "TA1 024", 1, "", 0}}
			}
			sameIssues(t, "problem", issuesOf(t, r.Problems()), want)
		})
	}
}

func TestMissingFinalTerminator(t *testing.T) {
	t.Parallel()
	in := strings.TrimSuffix(std("\n"), "~\n")
	r := x12.NewReader(strings.NewReader(in))
	segs, err := readAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stdSegments, texts(segs)); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	sameIssues(t, "problem", issuesOf(t, r.Problems()), []issue{{x12.ErrUnexpectedEOF, "TA1 023", 8, "IEA", 0}})
}

func TestUTF16(t *testing.T) {
	t.Parallel()
	encode := func(s string, big, bom bool) string {
		u := utf16.Encode([]rune(s))
		if bom {
			u = append([]uint16{0xFEFF}, u...)
		}
		var b []byte
		for _, c := range u {
			if big {
				b = append(b, byte(c>>8), byte(c))
			} else {
				b = append(b, byte(c), byte(c>>8))
			}
		}
		return string(b)
	}
	for _, tt := range []struct {
		name     string
		big, bom bool
	}{{"LE", false, false}, {"LE with BOM", false, true}, {"BE", true, false}, {"BE with BOM", true, true}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(encode(std("\r\n"), tt.big, tt.bom)))
			_, err := r.Next()
			if !errors.Is(err, x12.ErrUTF16) {
				t.Fatalf("err = %v, want ErrUTF16", err)
			}
			if !strings.Contains(err.Error(), "UTF-16") {
				t.Errorf("error %q does not say UTF-16", err)
			}
			var e *x12.Error
			if !errors.As(err, &e) || e.Pos.Offset != 0 {
				t.Errorf("error %v is not positioned at byte 0", err)
			}
		})
	}
}

// TestDataNeverSplitsAnInterchange: "ISA" and "IEA" inside data (a
// patient named LISA, an element holding IEA or ISA, ISA at the start of
// a component) are data.
func TestDataNeverSplitsAnInterchange(t *testing.T) {
	t.Parallel()
	body := []string{
		"GS*HC*SENDER*RECEIVER*20260115*1253*1*X*005010X222A1~",
		"ST*837*0001*005010X222A1~",
		"NM1*IL*1*LISA*ISAAC****MI*ISA~",
		"N3*IEA*ISA*00*~",
		"REF*ISA:IEA*IEA~",
		"NTE*ADD*ISA*00*          *00*          ~",
		"SE*6*0001~",
		"GE*1*1~",
		"IEA*1*000000001~",
	}
	in := stdISA + "\n" + strings.Join(body, "\n")
	r := x12.NewReader(strings.NewReader(in))
	segs, err := readAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 10 {
		t.Fatalf("read %d segments, want 10: %q", len(segs), texts(segs))
	}
	if p := r.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
	if got := segs[6].Value(2); segs[6].ID != "NTE" || got != "ISA" {
		t.Errorf("%s02 = %q", segs[6].ID, got)
	}
}

func TestInterchangesWithDifferentDelimiters(t *testing.T) {
	t.Parallel()
	second := isa('|', '!', '>', '\n', "00501", "000000002") +
		"GS|HC|SENDER|RECEIVER|20260115|1253|7|X|005010X222A1\n" +
		"ST|837|0001|005010X222A1\n" +
		"HI|BK>I10!BF>E119\n" +
		"SE|3|0001\n" +
		"GE|1|7\n" +
		"IEA|1|000000002\n"
	r := x12.NewReader(strings.NewReader(std("\r\n") + second))
	var ids []string
	var delims []x12.Delimiters
	var hi *x12.Segment
	forEach(t, r, func(seg *x12.Segment) {
		ids = append(ids, seg.ID)
		delims = append(delims, r.Delimiters())
		if seg.ID == "HI" {
			hi = seg.Clone()
		}
	})
	want := []string{"ISA", "GS", "ST", "BHT", "NM1", "SE", "GE", "IEA", "ISA", "GS", "ST", "HI", "SE", "GE", "IEA"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
	if delims[7] != x12.DefaultDelimiters {
		t.Errorf("first interchange delimiters %q", delims[7])
	}
	d2 := x12.Delimiters{Element: '|', Repetition: '!', Component: '>', Segment: '\n'}
	if delims[8] != d2 || delims[14] != d2 {
		t.Errorf("second interchange delimiters %q, %q", delims[8], delims[14])
	}
	if p := r.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
	if hi == nil || hi.Repetitions(1) != 2 || string(hi.Component(1, 2)) != "I10" ||
		string(hi.Repetition(1, 2)) != "BF>E119" {
		t.Errorf("HI not split with the second interchange's delimiters: %v", hi)
	}
}

func TestSegmentAccess(t *testing.T) {
	t.Parallel()
	seg := x12.NewSegment([]byte("EB*1**30^35^UC*MC:A1:B2^HC:99453**"), x12.DefaultDelimiters)
	if seg.ID != "EB" || seg.Len() != 6 {
		t.Fatalf("ID %q Len %d", seg.ID, seg.Len())
	}
	checks := []struct {
		name      string
		got, want string
	}{
		{"Element(0)", string(seg.Element(0)), "EB"},
		{"Element(1)", string(seg.Element(1)), "1"},
		{"Element(2) empty", string(seg.Element(2)), ""},
		{"Element(7) absent", string(seg.Element(7)), ""},
		{"Element(-1)", string(seg.Element(-1)), ""},
		{"Value(3)", seg.Value(3), "30^35^UC"},
		{"Repetition(3,2)", string(seg.Repetition(3, 2)), "35"},
		{"Repetition(3,3)", string(seg.Repetition(3, 3)), "UC"},
		{"Repetition(3,4)", string(seg.Repetition(3, 4)), ""},
		{"Component(4,2)", string(seg.Component(4, 2)), "A1"},
		{"Component(4,3) of first repetition", string(seg.Component(4, 3)), "B2"},
		{"Component(4,4)", string(seg.Component(4, 4)), ""},
		{"Part of second repetition", string(x12.Part(seg.Repetition(4, 2), ':', 2)), "99453"},
		{"String", seg.String(), "EB*1**30^35^UC*MC:A1:B2^HC:99453**"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if seg.Element(7) != nil {
		t.Errorf("absent element is not nil")
	}
	if !seg.Has(1) || seg.Has(2) || seg.Has(9) {
		t.Errorf("Has wrong")
	}
	if n := seg.Repetitions(3); n != 3 {
		t.Errorf("Repetitions(3) = %d", n)
	}
	if n := seg.Repetitions(2); n != 0 {
		t.Errorf("Repetitions(2) = %d", n)
	}
	if n := seg.Components(4); n != 3 {
		t.Errorf("Components(4) = %d", n)
	}
	if n := seg.Components(2); n != 0 {
		t.Errorf("Components(2) = %d", n)
	}
	// Without a repetition separator an element has one repetition.
	noRep := x12.NewSegment([]byte("EB*30^35"), x12.Delimiters{Element: '*', Component: ':', Segment: '~'})
	if noRep.Repetitions(1) != 1 || string(noRep.Repetition(1, 1)) != "30^35" || noRep.Repetition(1, 2) != nil {
		t.Errorf("no-repetition element split: %d", noRep.Repetitions(1))
	}
	// Appending to an element must not overwrite the next one.
	e := seg.Element(1)
	_ = append(e, 'X')
	if seg.Value(2) != "" || seg.String() != "EB*1**30^35^UC*MC:A1:B2^HC:99453**" {
		t.Errorf("append to an element changed the segment: %q", seg.String())
	}
	c := seg.Clone()
	if c.String() != seg.String() || c.ID != seg.ID || c.Len() != seg.Len() {
		t.Errorf("Clone differs")
	}
}

func TestSegmentIsReusedUntilNext(t *testing.T) {
	t.Parallel()
	r := x12.NewReader(strings.NewReader(std("\n")))
	first, _ := r.Next()
	kept := first.Clone()
	second, _ := r.Next()
	if first != second {
		t.Errorf("Next returned a new *Segment; the doc says it is reused")
	}
	if kept.ID != "ISA" || kept.Value(13) != "000000001" {
		t.Errorf("clone changed after Next: %q", kept.String())
	}
}

// markers turns an input with § before each segment into the input and
// the expected offset, line and column of each segment (encoding/csv's
// trick).
func markers(in string) (string, []x12.Position) {
	var out strings.Builder
	var pos []x12.Position
	line, lineStart := 1, 0
	for i := 0; i < len(in); {
		if strings.HasPrefix(in[i:], "§") {
			off := out.Len()
			pos = append(pos, x12.Position{Offset: int64(off), Line: line, Column: off - lineStart + 1, Segment: len(pos) + 1})
			i += len("§")
			continue
		}
		if in[i] == '\n' {
			line++
			lineStart = out.Len() + 1
		}
		out.WriteByte(in[i])
		i++
	}
	return out.String(), pos
}

func TestPositions(t *testing.T) {
	t.Parallel()
	in := "\r\n§" + stdISA + "\r\n" +
		"§GS*HC*SENDER*RECEIVER*20260115*1253*1*X*005010X222A1~§ST*837*0001*005010X222A1~\n" +
		"\n" +
		"  §BHT*0019*00*0001*20260115*1253*CH~\n" +
		"§NTE*ADD*TWO\nLINES~§NM1*IL*1*LISA~\n" +
		"\t§SE*5*0001~\n" +
		"§GE*1*1~§IEA*1*000000001~"
	data, want := markers(in)
	setPos := []int{0, 0, 1, 2, 3, 4, 5, 0, 0}
	ids := []string{"ISA", "GS", "ST", "BHT", "NTE", "NM1", "SE", "GE", "IEA"}
	for k := range want {
		want[k].SetPosition = setPos[k]
		want[k].SegmentID = ids[k]
	}
	r := x12.NewReader(strings.NewReader(data))
	var got []x12.Position
	var inSet []bool
	forEach(t, r, func(seg *x12.Segment) {
		got = append(got, seg.Pos)
		inSet = append(inSet, r.InSet())
	})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, false, true, true, true, true, true, false, false}, inSet); diff != "" {
		t.Errorf("InSet (-want +got):\n%s", diff)
	}
	// The line break inside NTE02 is reported where it is.
	p := r.Problems()
	if len(p) != 1 || !errors.Is(p[0], x12.ErrBadCharacter) || p[0].Pos.Segment != 5 || p[0].Pos.Element != 2 || p[0].Pos.Line != want[4].Line {
		t.Errorf("problems = %v, want one ErrBadCharacter in NTE02", p)
	}
	if r.Offset() != int64(len(data)) {
		t.Errorf("Offset() = %d at the end, want %d", r.Offset(), len(data))
	}
}

func TestPositionWithBOM(t *testing.T) {
	t.Parallel()
	r := x12.NewReader(strings.NewReader("\xEF\xBB\xBF" + std("\n")))
	seg, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	want := x12.Position{Offset: 3, Line: 1, Column: 1, Segment: 1, SegmentID: "ISA"}
	if seg.Pos != want {
		t.Errorf("ISA position %+v, want %+v", seg.Pos, want)
	}
	if p := seg.PosAt(13); p.Element != 13 || p.Offset != 3 {
		t.Errorf("PosAt(13) = %+v", p)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	long := "NTE*ADD*" + strings.Repeat("X", 300) + "~"
	many := "NTE*" + strings.Repeat("A*", 40) + "B~"
	withBody := func(body ...string) string {
		head := stdISA + stdBody[0] + stdBody[1]
		return head + strings.Join(body, "") + "SE*" + string(rune('2'+len(body))) + "*0001~GE*1*1~IEA*1*000000001~"
	}
	tests := []struct {
		name   string
		lim    x12.Limits
		in     string
		want   issue
		before int // segments read before the error
	}{
		{"segment length", x12.Limits{MaxSegmentLength: 200}, withBody(long), issue{x12.ErrSegmentTooLong, "", 4, "", 0}, 3},
		{"segment length without terminator", x12.Limits{MaxSegmentLength: 200}, stdISA + strings.TrimSuffix(long, "~"), issue{x12.ErrSegmentTooLong, "", 2, "", 0}, 1},
		{"longer than the buffer", x12.Limits{}, stdISA + "NTE*" + strings.Repeat("Y", 2<<20), issue{x12.ErrSegmentTooLong, "", 2, "", 0}, 1},
		{"elements", x12.Limits{MaxElements: 20}, withBody(many), issue{x12.ErrTooManyElements, "", 4, "NTE", 0}, 3},
		{"segments per set", x12.Limits{MaxSetSegments: 3}, withBody("NM1*IL~", "NM1*QC~", "NM1*PR~"), issue{x12.ErrTooManySegments, "", 6, "NM1", 0}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(tt.in))
			r.Limits = tt.lim
			segs, err := readAll(r)
			if err == nil {
				t.Fatalf("no error after %d segments", len(segs))
			}
			sameIssues(t, "error", []issue{issueOf(t, err)}, []issue{tt.want})
			if len(segs) != tt.before {
				t.Errorf("read %d segments before the error, want %d", len(segs), tt.before)
			}
			// The same input is fine with default limits, except where
			// the default is what is tested.
			if tt.lim != (x12.Limits{}) {
				if _, err := readAll(x12.NewReader(strings.NewReader(tt.in))); err != nil {
					t.Errorf("default limits: %v", err)
				}
			}
		})
	}
}

func TestStickyErrors(t *testing.T) {
	t.Parallel()
	r := x12.NewReader(strings.NewReader("GS*HC~" + std("")))
	_, err1 := r.Next()
	_, err2 := r.Next()
	if err1 == nil || err1 != err2 {
		t.Fatalf("errors %v, %v: want the same error twice", err1, err2)
	}
	if !errors.Is(err1, x12.ErrNoISA) {
		t.Errorf("err = %v, want ErrNoISA", err1)
	}
	// EOF is sticky too.
	r = x12.NewReader(strings.NewReader(std("")))
	if _, err := readAll(r); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := r.Next(); err != io.EOF {
			t.Errorf("after the end: %v, want io.EOF", err)
		}
	}
}

func TestEmptyInput(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "   \r\n", "\xEF\xBB\xBF"} {
		_, err := x12.NewReader(strings.NewReader(in)).Next()
		if !errors.Is(err, x12.ErrNoISA) {
			t.Errorf("%q: err = %v, want ErrNoISA", in, err)
		}
	}
}

// TestReaderChunking reads inputs through testing/iotest readers and
// checks that segments, positions, problems and errors are the same as
// with a plain reader.
func TestReaderChunking(t *testing.T) {
	t.Parallel()
	inputs := map[string]string{
		"standard":      std("\r\n"),
		"preamble":      "About this file\r\n" + strings.Repeat("x", 300) + "\n" + std("\n"),
		"bom":           "\xEF\xBB\xBF" + std("\n"),
		"no terminator": strings.TrimSuffix(std(""), "~"),
		"two interchanges": std("\n") + isa('|', '!', '>', '\n', "00501", "000000002") +
			"GS|HC|S|R|20260115|1253|7|X|005010X222A1\nGE|0|7\nIEA|1|000000002\n",
		"envelope problems": strings.Replace(std("\n"), "SE*4*", "SE*9*", 1),
		"fatal":             std("\n") + "ISA*00*short~",
	}
	wrappers := map[string]func(io.Reader) io.Reader{
		"OneByteReader": iotest.OneByteReader,
		"HalfReader":    iotest.HalfReader,
		"DataErrReader": iotest.DataErrReader,
	}
	for name, in := range inputs {
		want := readResult(x12.NewReader(strings.NewReader(in)))
		for wname, wrap := range wrappers {
			t.Run(name+"/"+wname, func(t *testing.T) {
				t.Parallel()
				got := readResult(x12.NewReader(wrap(strings.NewReader(in))))
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-plain +%s):\n%s", wname, diff)
				}
			})
		}
	}
}

// result is what a reader produced, for comparisons.
type result struct {
	Segments  []string
	Positions []x12.Position
	Problems  []string
	Err       string
}

func readResult(r *x12.Reader) result {
	var res result
	for {
		seg, err := r.Next()
		if err != nil {
			if err != io.EOF {
				res.Err = err.Error()
			}
			break
		}
		res.Segments = append(res.Segments, seg.String())
		res.Positions = append(res.Positions, seg.Pos)
	}
	for _, p := range r.Problems() {
		res.Problems = append(res.Problems, p.Error())
	}
	return res
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk on fire")
	in := std("\n")
	tests := []struct {
		name    string
		r       io.Reader
		wantErr error
		minSegs int
		offset  int64 // -1: anywhere inside the input
	}{
		{"ErrReader", iotest.ErrReader(boom), boom, 0, 0},
		{"TimeoutReader", iotest.TimeoutReader(strings.NewReader(in)), iotest.ErrTimeout, 8, int64(len(in))},
		{"TimeoutReader halfway", iotest.TimeoutReader(iotest.HalfReader(strings.NewReader(in))), iotest.ErrTimeout, 0, -1},
		{"error after data", io.MultiReader(strings.NewReader(in[:200]), iotest.ErrReader(boom)), boom, 1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(tt.r)
			r.File = "in.837"
			segs, err := readAll(r)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			var e *x12.Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T is not *x12.Error", err)
			}
			if e.File != "in.837" {
				t.Errorf("File = %q", e.File)
			}
			if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(in)) || tt.offset >= 0 && e.Pos.Offset != tt.offset {
				t.Errorf("offset %d, want %d", e.Pos.Offset, tt.offset)
			}
			if len(segs) < tt.minSegs {
				t.Errorf("read %d segments before the error, want at least %d", len(segs), tt.minSegs)
			}
			if _, again := r.Next(); again != err {
				t.Errorf("error not sticky: %v", again)
			}
		})
	}
}

func TestNoProgress(t *testing.T) {
	t.Parallel()
	_, err := x12.NewReader(zeroReader{}).Next()
	if !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("err = %v, want io.ErrNoProgress", err)
	}
}

// zeroReader returns no data and no error, forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestHeaders(t *testing.T) {
	t.Parallel()
	r := x12.NewReader(bytes.NewReader([]byte(std("\n"))))
	var set x12.SetHeader
	forEach(t, r, func(seg *x12.Segment) {
		if seg.ID == "BHT" {
			set = r.Set()
		}
	})
	h := r.Interchange()
	if h.SenderID != "SENDER" || h.ReceiverID != "RECEIVER" || h.ControlNumber != "000000001" || h.Version != "00501" ||
		h.Usage != "P" || h.AckRequested != "0" || h.Date != x12.NewDate(2026, 1, 15) || h.Time.String() != "1253" {
		t.Errorf("interchange header %+v", h)
	}
	g := r.Group()
	if g.FunctionalID != "HC" || g.ControlNumber != "1" || g.Version != "005010X222A1" || g.Date != x12.NewDate(2026, 1, 15) {
		t.Errorf("group header %+v", g)
	}
	if set.ID != "837" || set.ControlNumber != "0001" || set.Version != "005010X222A1" || set.Pos.Segment != 3 {
		t.Errorf("set header %+v", set)
	}
}

// TestReaderAllocations: reading allocates a constant amount (buffer,
// headers), not per segment: 1 MB costs what 256 KB costs.
func TestReaderAllocations(t *testing.T) {
	small := x12test.Interchange837(x12test.Options{Size: 256 << 10, Newline: true})
	large := x12test.Interchange837(x12test.Options{Size: 1 << 20, Newline: true})
	allocs := func(data []byte) float64 {
		return testing.AllocsPerRun(3, func() {
			r := x12.NewReader(bytes.NewReader(data))
			for {
				seg, err := r.Next()
				if err != nil {
					break
				}
				for i := 0; i <= seg.Len(); i++ {
					_ = seg.Element(i)
				}
			}
		})
	}
	a, b := allocs(small), allocs(large)
	if b > a+6 || b > 64 { // a little slack for the race detector
		t.Errorf("allocations: %v for 256 KB, %v for 1 MB; want a small constant", a, b)
	}
}
