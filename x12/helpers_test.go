package x12_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// isa builds a fixed-width ISA (with its terminator) declaring the
// element separator es, ISA11 rep, ISA16 comp and terminator term.
func isa(es, rep, comp, term byte, version, control string) string {
	f := []string{"00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ", "RECEIVER       ",
		"260115", "1253", string(rep), version, control, "0", "P", string(comp)}
	var b strings.Builder
	b.WriteString("ISA")
	for _, v := range f {
		b.WriteByte(es)
		b.WriteString(v)
	}
	b.WriteByte(term)
	return b.String()
}

// stdISA is the ISA of the test interchanges: * ^ : ~, version 00501,
// control number 000000001.
var stdISA = isa('*', '^', ':', '~', "00501", "000000001")

// stdBody is a well-formed interchange after its ISA, one segment a line.
var stdBody = []string{
	"GS*HC*SENDER*RECEIVER*20260115*1253*1*X*005010X222A1~",
	"ST*837*0001*005010X222A1~",
	"BHT*0019*00*0001*20260115*1253*CH~",
	"NM1*IL*1*LISA*IEA****MI*ISA~",
	"SE*4*0001~",
	"GE*1*1~",
	"IEA*1*000000001~",
}

// std returns the standard interchange joined with sep after each segment.
func std(sep string) string {
	return strings.Join(append([]string{stdISA}, stdBody...), sep) + sep
}

// readAll reads r to the end and returns copies of its segments and the
// error that ended it (nil for io.EOF).
func readAll(r *x12.Reader) ([]*x12.Segment, error) {
	var segs []*x12.Segment
	for {
		s, err := r.Next()
		if err == io.EOF {
			return segs, nil
		}
		if err != nil {
			return segs, err
		}
		segs = append(segs, s.Clone())
	}
}

// forEach calls f with each segment r reads, failing the test on an
// error other than io.EOF.
func forEach(t testing.TB, r *x12.Reader, f func(*x12.Segment)) {
	t.Helper()
	for {
		seg, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		f(seg)
	}
}

// texts returns the bytes of each segment as strings.
func texts(segs []*x12.Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.String()
	}
	return out
}

// issue is what a test expects of one positioned error: its sentinel,
// its acknowledgment code ("IK5 4"), and where it is.
type issue struct {
	Err     error
	Code    string
	Segment int
	ID      string
	Element int
}

func (i issue) String() string {
	return fmt.Sprintf("{%v [%s] segment %d %s element %d}", i.Err, i.Code, i.Segment, i.ID, i.Element)
}

// sentinels are the errors an issue can name.
var sentinels = []error{
	x12.ErrNoISA, x12.ErrUTF16, x12.ErrBadISA, x12.ErrBadDelimiters, x12.ErrSegmentTooLong,
	x12.ErrTooManyElements, x12.ErrTooManySegments, x12.ErrBadSegmentID, x12.ErrBadCharacter,
	x12.ErrUnexpectedEOF, x12.ErrEnvelope, x12.ErrDelimiterInData, x12.ErrValueTooLong,
	x12.ErrWriterClosed, x12.ErrWriterState,
}

// issueOf summarises a positioned error.
func issueOf(t testing.TB, err error) issue {
	t.Helper()
	var e *x12.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *x12.Error", err, err)
	}
	i := issue{Err: e.Err, Segment: e.Pos.Segment, ID: e.Pos.SegmentID, Element: e.Pos.Element}
	for _, s := range sentinels {
		if errors.Is(e, s) {
			i.Err = s
			break
		}
	}
	if !e.Code.IsZero() {
		i.Code = e.Code.Kind + " " + e.Code.Value
	}
	return i
}

func issuesOf(t testing.TB, l x12.ErrorList) []issue {
	t.Helper()
	var out []issue
	for _, e := range l {
		out = append(out, issueOf(t, e))
	}
	return out
}

// sameIssues reports a difference between two lists of issues.
func sameIssues(t testing.TB, what string, got, want []issue) {
	t.Helper()
	n := max(len(got), len(want))
	for k := range n {
		var g, w issue
		if k < len(got) {
			g = got[k]
		}
		if k < len(want) {
			w = want[k]
		}
		if g != w {
			t.Errorf("%s #%d:\n got  %v\n want %v", what, k, g, w)
		}
	}
}
