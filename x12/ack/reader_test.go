package ack

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const testISA = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260115*1200*^*00501*000000001*0*P*:~"

// wrap999 puts segs (without terminators) in a 999 set, group and
// interchange with correct trailers. Segment ordinals: ISA 1, GS 2,
// ST 3, segs from 4.
func wrap999(segs ...string) string {
	var b strings.Builder
	b.WriteString(testISA + "\nGS*FA*SENDER*RECEIVER*20260115*1200*1*X*005010X231A1~\nST*999*0001*005010X231A1~\n")
	for _, s := range segs {
		b.WriteString(s + "~\n")
	}
	b.WriteString("SE*" + strconv.Itoa(len(segs)+2) + "*0001~\nGE*1*1~\nIEA*1*000000001~\n")
	return b.String()
}

func decode(t *testing.T, in string) *File {
	t.Helper()
	x := x12.NewReader(strings.NewReader(in))
	f, err := ReadAll(NewReader(x))
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	return f
}

// TestProblems checks each kind of malformed 999 gives its positioned
// problem and that decoding goes on.
func TestProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		segs []string
		want []problem
	}{
		{"valid", []string{"AK1*HC*1*005010X222A1", "AK2*837*0001", "IK5*A", "AK9*A*1*1*1"}, nil},
		{"missing AK9", []string{"AK1*HC*1", "AK2*837*0001", "IK5*A"}, []problem{{7, 0, ErrMissingSegment}}},
		{"missing IK5 before AK2", []string{"AK1*HC*1", "AK2*837*0001", "AK2*837*0002", "IK5*A", "AK9*A*2*2*2"},
			[]problem{{6, 0, ErrMissingSegment}, {8, 4, ErrBadCount}}},
		{"missing IK5 and AK9", []string{"AK1*HC*1", "AK2*837*0001"}, []problem{{6, 0, ErrMissingSegment}, {6, 0, ErrMissingSegment}}},
		{"missing AK1", []string{"AK2*837*0001", "IK5*A", "AK9*A*1*1*1"}, []problem{{4, 0, ErrMissingSegment}}},
		{"empty set", nil, []problem{{4, 0, ErrMissingSegment}}},
		{"IK4 without IK3", []string{"AK1*HC*1", "AK2*837*0001", "IK4*2**1", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{6, 0, ErrOutOfPlace}}},
		{"CTX without IK3", []string{"AK1*HC*1", "AK2*837*0001", "CTX*CLM01:A1", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{6, 0, ErrOutOfPlace}}},
		{"IK3 before AK2", []string{"AK1*HC*1", "IK3*CLM*5**8", "AK2*837*0001", "IK5*A", "AK9*A*1*1*1"}, []problem{{5, 0, ErrOutOfPlace}}},
		{"second AK1", []string{"AK1*HC*1", "AK1*HC*2", "AK2*837*0001", "IK5*A", "AK9*A*1*1*1"}, []problem{{5, 0, ErrOutOfPlace}}},
		{"segment after AK9", []string{"AK1*HC*1", "AK2*837*0001", "IK5*A", "AK9*A*1*1*1", "AK2*837*0002"}, []problem{{8, 0, ErrOutOfPlace}}},
		{"second AK9", []string{"AK1*HC*1", "AK9*A*0*0*0", "AK9*A*0*0*0"}, []problem{{6, 0, ErrOutOfPlace}}},
		{"not a 999 segment", []string{"AK1*HC*1", "AK2*837*0001", "NM1*41*2", "IK5*A", "AK9*A*1*1*1"}, []problem{{6, 0, ErrOutOfPlace}}},
		{"non-numeric IK302", []string{"AK1*HC*1", "AK2*837*0001", "IK3*CLM*X2**8", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{6, 2, ErrBadNumber}}},
		{"non-numeric IK401 component", []string{"AK1*HC*1", "AK2*837*0001", "IK3*CLM*22**8", "IK4*2:B*782*1", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{7, 1, ErrBadNumber}}},
		{"negative CTX03", []string{"AK1*HC*1", "AK2*837*0001", "IK3*REF*57**3", "CTX*SITUATIONAL TRIGGER*CLM*-4", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{7, 3, ErrBadNumber}}},
		{"missing IK304", []string{"AK1*HC*1", "AK2*837*0001", "IK3*CLM*22", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{6, 4, ErrMissingElement}}},
		{"non-numeric AK903", []string{"AK1*HC*1", "AK9*A*1*one*1"}, []problem{{5, 3, ErrBadNumber}}},
		{"accepted more than received", []string{"AK1*HC*1", "AK9*A*1*1*2"}, []problem{{5, 1, ErrBadCount}, {5, 4, ErrBadCount}}},
		{"more AK2 than received", []string{"AK1*HC*1", "AK2*837*0001", "IK5*A", "AK2*837*0002", "IK5*A", "AK9*A*2*1*1"}, []problem{{9, 3, ErrBadCount}}},
		{"AK904 disagrees with IK5s", []string{"AK1*HC*1", "AK2*837*0001", "IK5*R*5", "AK9*R*1*1*1"}, []problem{{7, 4, ErrBadCount}}},
		{"AK901 A with a rejected set", []string{"AK1*HC*1", "AK2*837*0001", "IK5*A", "AK2*837*0002", "IK5*R*5", "AK9*A*2*2*1"}, []problem{{9, 1, ErrBadCount}}},
		{"AK901 P with none accepted", []string{"AK1*HC*1", "AK2*837*0001", "IK5*R*5", "AK9*P*1*1*0"}, []problem{{7, 1, ErrBadCount}}},
		{"unknown codes kept", []string{"AK1*HC*1", "AK2*837*0001", "IK3*CLM*22**Z9", "IK4*2**Q7", "IK5*R*5*99", "AK9*R*1*1*0*77"},
			[]problem{{6, 4, ErrUnknownCode}, {7, 3, ErrUnknownCode}, {8, 3, ErrUnknownCode}, {9, 5, ErrUnknownCode}}},
		{"P is not an IK501 code", []string{"AK1*HC*1", "AK2*837*0001", "IK5*P", "AK9*R*1*1*0"}, []problem{{6, 1, ErrUnknownCode}}},
		{"extra elements", []string{"AK1*HC*1*005010X222A1*EXTRA", "AK9*A*0*0*0"}, []problem{{4, 4, ErrExtraElements}}},
		{"business unit without reference", []string{"AK1*HC*1", "AK2*837*0001", "IK3*CLM*22**8", "CTX*CLM01", "IK5*R*5", "AK9*R*1*1*0"}, []problem{{7, 1, ErrMissingElement}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := wrap999(tt.segs...)
			f := decode(t, in)
			if len(f.Acknowledgments) != 1 {
				t.Fatalf("got %d 999s, want 1", len(f.Acknowledgments))
			}
			if diff := cmp.Diff(tt.want, problemsOf(f.Problems), cmpProblems, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, f.Problems)
			}
			for _, p := range f.Problems {
				if p.Pos.Offset < 0 || p.Pos.Offset >= int64(len(in)) || p.Pos.Segment < 1 {
					t.Errorf("problem outside the input: %v", p)
				}
			}
		})
	}
}

// TestUnknownCodesKept checks the lenient reader keeps unknown values.
func TestUnknownCodesKept(t *testing.T) {
	t.Parallel()
	f := decode(t, wrap999("AK1*HC*1", "AK2*837*0001", "IK3*CLM*22**Z9", "IK4*2**Q7", "IK5*R*5*99", "AK9*R*1*1*0*77"))
	g := f.Acknowledgments[0].Group
	s := g.Sets[0]
	got := []string{string(s.Segments[0].Code), string(s.Segments[0].Elements[0].Code), string(s.Errors[1]), string(g.Errors[0])}
	if diff := cmp.Diff([]string{"Z9", "Q7", "99", "77"}, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if d := s.Segments[0].Code.Description(); d != `unknown code "Z9"` {
		t.Errorf("description %q", d)
	}
}

// TestStrict checks Strict returns the first problem, positioned, and
// keeps returning it.
func TestStrict(t *testing.T) {
	t.Parallel()
	in := wrap999("AK1*HC*1", "AK2*837*0001", "IK3*CLM*X**8", "IK5*R*5", "AK9*R*1*1*0")
	r := NewReader(x12.NewReader(strings.NewReader(in)))
	r.Strict = true
	_, err := r.Next()
	var xe *x12.Error
	if !errors.As(err, &xe) || !errors.Is(err, ErrBadNumber) {
		t.Fatalf("Next error %v, want an *x12.Error wrapping ErrBadNumber", err)
	}
	if xe.Pos.Segment != 6 || xe.Pos.Element != 2 || xe.Pos.SegmentID != "IK3" || xe.Pos.SetPosition != 4 {
		t.Errorf("position %+v, want segment 6 (IK3, set position 4), element 2", xe.Pos)
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("second Next error %v, want the same sticky error", err2)
	}
}

// testdata/multi.edi holds two interchanges with different delimiters:
// the first has a TA1 and a group of two 999s, the first of which has no
// SE; the second a 277 (skipped) and a 999.

func TestMultipleInterchanges(t *testing.T) {
	t.Parallel()
	multi := readBytes(t, "testdata/multi.edi")
	for name, rd := range map[string]func(io.Reader) io.Reader{
		"plain":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"data+EOF": iotest.DataErrReader,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := NewReader(x12.NewReader(rd(bytes.NewReader(multi))))
			var got []string
			for {
				m, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				switch m := m.(type) {
				case *TA1:
					got = append(got, "TA1 "+m.ControlNumber+" "+string(m.Status)+" "+string(m.Note)+" in "+m.InterchangeControlNumber)
				case *Acknowledgment:
					g := m.Group
					line := "999 " + m.ControlNumber + " in " + m.InterchangeControlNumber + "/" + m.GroupControlNumber + ": AK1 " + g.ControlNumber + " " + string(g.Status)
					for _, s := range g.Sets {
						line += " | " + s.ControlNumber + " " + string(s.Status)
						for _, se := range s.Segments {
							line += " " + se.SegmentID + "@" + strconv.Itoa(se.Position) + " loop " + se.Loop + " claim " + se.ClaimID()
							for _, e := range se.Elements {
								line += " el " + strconv.Itoa(e.Position) + ":" + strconv.Itoa(e.Component) + " " + string(e.Code) + " " + e.BadValue
							}
						}
					}
					got = append(got, line+" @"+strconv.Itoa(m.Pos.Segment))
				}
			}
			want := []string{
				"TA1 000000123 A 000 in 000000001",
				"999 0001 in 000000001/1: AK1 10 A | 0001 A @4",
				"999 0002 in 000000001/1: AK1 11 R | 0007 R CLM@9 loop 2300 claim PCN-7 el 2:0 1  @9",
				"999 0003 in 000000002/3: AK1 12 R | 0009 R SV1@14 loop 2400 claim  el 1:2 7 XX @27",
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			var skipped []string
			for _, h := range r.Skipped() {
				skipped = append(skipped, h.ID+" "+h.ControlNumber)
			}
			if diff := cmp.Diff([]string{"277 0001"}, skipped); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]problem{{22, 1, ErrNotAck}}, problemsOf(r.Problems()), cmpProblems); diff != "" {
				t.Errorf("ack problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescriptions(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Accepted.Description(), "accepted"},
		{PartiallyAccepted.Description(), "partially accepted, at least one transaction set was rejected"},
		{SegmentHasElementErrors.Description(), "segment has data element errors"},
		{SegmentErrorCode("I9").Description(), `implementation dependent "not used" segment present`},
		{ElementInvalidCode.Description(), "invalid code value"},
		{ElementErrorCode("I12").Description(), "implementation pattern match failure"},
		{ElementErrorCode("11").Description(), `unknown code "11"`},
		{SetSegmentCountWrong.Description(), "number of included segments does not match actual count"},
		{SetErrorCode("24").Description(), "S3E security end segment missing for S3S security start segment"},
		{GroupSetCountWrong.Description(), "number of included transaction sets does not match actual count"},
		{GroupErrorCode("19").Description(), "functional group control number not unique within interchange"},
		{NoteControlNumberMismatch.Description(), "the interchange control number in the header and trailer do not match; the value from the header is used in the acknowledgment"},
		{NoteCode("031").Description(), "invalid grade of service code"},
		{NoteCode("").Description(), "no code"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestVerdicts(t *testing.T) {
	t.Parallel()
	want := map[Status]Verdict{
		Accepted: VerdictAccepted, AcceptedWithErrors: VerdictAccepted, PartiallyAccepted: VerdictPartial,
		Rejected: VerdictRejected, RejectedMAC: VerdictRejected, RejectedAssurance: VerdictRejected, RejectedContent: VerdictRejected,
		"Q": VerdictUnknown, "": VerdictUnknown,
	}
	for s, v := range want {
		if got := s.Verdict(); got != v {
			t.Errorf("Status(%q).Verdict() = %s, want %s", s, got, v)
		}
	}
	// A TA1 knows only A, E and R.
	if got := (&TA1{Status: PartiallyAccepted}).Verdict(); got != VerdictUnknown {
		t.Errorf("TA1 P verdict %s, want unknown", got)
	}
}

// TestRejectedGroup checks a rejected group rejects the sets its IK5s
// accept, and a 999 without AK2 loops speaks for the whole group.
func TestRejectedGroup(t *testing.T) {
	t.Parallel()
	f := decode(t, wrap999("AK1*HC*55", "AK2*837*0001", "IK5*A", "AK9*R*2*1*1*5"))
	got := f.Acknowledgments[0].Rejections()
	want := map[SetKey]Result{{"55", "0001"}: {Key: SetKey{"55", "0001"}, SetID: "837", Verdict: VerdictRejected, Status: Accepted,
		GroupErrors: []GroupErrorCode{GroupSetCountWrong}}}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	f = decode(t, wrap999("AK1*HC*56", "AK9*R*1*0*0*3"))
	got = f.Acknowledgments[0].Rejections()
	want = map[SetKey]Result{{"56", ""}: {Key: SetKey{"56", ""}, Verdict: VerdictRejected, Status: Rejected,
		GroupErrors: []GroupErrorCode{GroupTrailerMissing}}}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("whole-group rejections (-want +got):\n%s", diff)
	}
}
