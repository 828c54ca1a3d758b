package ack

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// encodeOne writes a in a fresh interchange and group whose ST02 comes
// from a Sequence starting at st02.
func encodeOne(t *testing.T, a *Acknowledgment, st02 int64, d x12.Delimiters) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, d)
	w.ControlNumbers = x12.NewSequence(st02)
	if _, err := w.BeginInterchange(x12.InterchangeHeader{SenderID: "CH", ReceiverID: "SUB", Date: x12.NewDate(2026, 1, 15), ControlNumber: "000000042"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.BeginGroup(x12.GroupHeader{FunctionalID: "FA", SenderCode: "CH", ReceiverCode: "SUB", Date: x12.NewDate(2026, 1, 15), Version: Version999, ControlNumber: "42"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Encode(w, a); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// full uses every part of the model.
var full = &Acknowledgment{
	ControlNumber: "0007", Version: Version999, InterchangeControlNumber: "000000042", GroupControlNumber: "42",
	Group: GroupResponse{
		FunctionalID: "HC", ControlNumber: "1201", Version: "005010X222A1",
		Status: PartiallyAccepted, Included: 3, Received: 3, Accepted: 1, Errors: nil,
		Sets: []SetResponse{
			{ID: "837", ControlNumber: "0001", Version: "005010X222A1", Status: Accepted},
			{ID: "837", ControlNumber: "0002", Version: "005010X222A1", Status: Rejected, Errors: []SetErrorCode{SetSegmentsInError, SetSegmentCountWrong},
				Segments: []SegmentError{
					{SegmentID: "CLM", Position: 22, Loop: "2300", Code: SegmentHasElementErrors,
						BusinessUnits: []BusinessUnit{{Name: "CLM01", Reference: "PCN-1"}},
						Elements: []ElementError{
							{Position: 5, Component: 3, Reference: "1325", Code: ElementInvalidCode, BadValue: "9"},
							{Position: 2, Reference: "782", Code: ElementRequiredMissing,
								Contexts: []Context{{IDs: []ContextID{{Name: "SITUATIONAL TRIGGER"}}, SegmentID: "CLM", Position: 22, Loop: "2300", Element: 5, Component: 1, Repetition: 2}}},
						}},
					{SegmentID: "REF", Position: 57, Loop: "2300", Code: SegmentRequiredMissing,
						Contexts: []Context{
							{IDs: []ContextID{{Name: "SITUATIONAL TRIGGER"}}, SegmentID: "CLM", Position: 43, Element: 5, Component: 3, Reference: "C023", ComponentReference: "1325"},
							{IDs: []ContextID{{Name: "SITUATIONAL TRIGGER"}, {Name: "OTHER TRIGGER"}}, SegmentID: "NM1", Position: 12},
						},
						BusinessUnits: []BusinessUnit{{Name: "CLM01", Reference: "PCN-2"}}},
				}},
			{ID: "837", ControlNumber: "0003", Status: RejectedAssurance, Errors: []SetErrorCode{SetImplementationErrors}},
		},
	},
}

func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, d := range []x12.Delimiters{x12.DefaultDelimiters, {Element: '|', Repetition: '!', Component: '>', Segment: '\n'}} {
		out := encodeOne(t, full, 7, d)
		f := decode(t, string(out))
		if len(f.Problems) != 0 {
			t.Errorf("delimiters %q: problems decoding what Encode wrote: %v\n%s", d, f.Problems, out)
		}
		if diff := cmp.Diff([]*Acknowledgment{full}, f.Acknowledgments, ignorePos, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("delimiters %q: decode(encode(v)) != v (-want +got):\n%s\n%s", d, diff, out)
		}
	}
}

// segmentsOf returns the segments of a set (ST..SE) in data, one string
// each, with the file's delimiters.
func segmentsOf(t *testing.T, data []byte, st02 string) []string {
	t.Helper()
	x := x12.NewReader(bytes.NewReader(data))
	var out []string
	in := false
	for {
		s, err := x.Next()
		if err != nil {
			break
		}
		if s.ID == "ST" && s.Value(2) == st02 {
			in = true
		}
		if in {
			out = append(out, s.String())
		}
		if s.ID == "SE" && in {
			break
		}
	}
	return out
}

// TestEncodeCorpus decodes each corpus 999 and encodes it again with the
// file's delimiters and ST02: the set must come out segment for segment
// as it went in.
func TestEncodeCorpus(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"999/stupidedi__response-to-functional-group-containing-3-837s.edi",
		"999/oopfactory__DHS_Wisconsin_Sample.txt",
		"999/pyx12__834_eol_in_element.expected999.edi",
		"999/imsweb__x12_999_rejected.txt",
		"999/imsweb__x12_999_accepted.txt",
		"999/pyx12__834_ls_le_ls_5010.999.txt",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := corpusFile(t, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := readFile(t, path)
			a := f.Acknowledgments[0]
			x := x12.NewReader(bytes.NewReader(data))
			x.Next()
			d := x.Delimiters()
			var st02 int64
			for _, c := range a.ControlNumber {
				st02 = st02*10 + int64(c-'0')
			}
			out := encodeOne(t, a, st02, d)
			want := segmentsOf(t, data, a.ControlNumber)
			if len(want) < 6 {
				t.Fatalf("found %d segments of set %s in the file", len(want), a.ControlNumber)
			}
			if diff := cmp.Diff(want, segmentsOf(t, out, a.ControlNumber)); diff != "" {
				t.Errorf("re-encoded set differs (-file +encoded):\n%s", diff)
			}
		})
	}
}

func TestEncodeRefusesRepeatedReferences(t *testing.T) {
	t.Parallel()
	f := readFile(t, corpusFile(t, "999/staedi__simple999.edi"))
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.ControlNumbers = x12.NewSequence(1)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "A", ReceiverID: "B"})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "FA", SenderCode: "A", ReceiverCode: "B", Version: Version999})
	if _, err := Encode(w, f.Acknowledgments[0]); !errors.Is(err, ErrCannotEncode) {
		t.Fatalf("Encode error %v, want ErrCannotEncode", err)
	}
	w.Close()
	if strings.Contains(buf.String(), "ST*999") {
		t.Errorf("Encode wrote a partial set:\n%s", buf.String())
	}
}

func TestEncodeTA1RoundTrip(t *testing.T) {
	t.Parallel()
	want := []*TA1{
		{ControlNumber: "000000905", Date: x12.NewDate(2003, 1, 1), Time: x12.TimeOfDay{Hour: 12, Minute: 53, Precision: 4}, Status: Rejected, Note: NoteControlNumberMismatch, InterchangeControlNumber: "000000042"},
		{ControlNumber: "000000906", Date: x12.NewDate(2026, 2, 28), Time: x12.TimeOfDay{Precision: 4}, Status: Accepted, Note: NoteNoError, InterchangeControlNumber: "000000042"},
	}
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "CH", ReceiverID: "SUB", ControlNumber: "000000042", Date: x12.NewDate(2026, 3, 1)})
	for _, ta1 := range want {
		if err := EncodeTA1(w, ta1); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f := decode(t, buf.String())
	if len(f.Problems) != 0 {
		t.Errorf("problems: %v", f.Problems)
	}
	if diff := cmp.Diff(want, f.TA1s, ignorePos); diff != "" {
		t.Errorf("TA1 round trip (-want +got):\n%s\n%s", diff, buf.String())
	}
	if got, wantLine := segmentLine(buf.String(), 1), "TA1*000000905*030101*1253*R*001"; got != wantLine {
		t.Errorf("TA1 written as %q, want %q", got, wantLine)
	}
}

// segmentLine returns segment i (0 = ISA) of s written with '~'.
func segmentLine(s string, i int) string {
	parts := strings.Split(s, "~")
	if i >= len(parts) {
		return ""
	}
	return strings.TrimSpace(parts[i])
}
