package ack

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// corpusDir is the shared corpus of public X12 samples, read at test time.
const corpusDir = "../../../shared/corpus"

func corpusFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(corpusDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s not available (%v); the corpus lives in ../shared/corpus", rel, err)
	}
	return p
}

// readFile decodes one file leniently.
func readFile(t testing.TB, path string) *File {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	x := x12.NewReader(fh)
	x.File = filepath.Base(path)
	f, err := ReadAll(NewReader(x))
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	return f
}

// problem is the part of a problem a table asserts: where and which sentinel.
type problem struct {
	Segment, Element int
	Err              error
}

// ackSentinels are this package's sentinels. Tables assert only these
// problems: the envelope problems are the x12 package's to test.
var ackSentinels = []error{ErrOutOfPlace, ErrMissingSegment, ErrMissingElement, ErrExtraElements,
	ErrBadNumber, ErrBadCount, ErrUnknownCode, ErrBadDate, ErrNotAck}

func problemsOf(l x12.ErrorList) []problem {
	var out []problem
	for _, e := range l {
		for _, s := range ackSentinels {
			if errors.Is(e, s) {
				out = append(out, problem{e.Pos.Segment, e.Pos.Element, e.Err})
				break
			}
		}
	}
	return out
}

var cmpProblems = cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })

// ignorePos leaves positions out of value comparisons; positions are
// checked separately.
var ignorePos = cmpopts.IgnoreTypes(x12.Position{})

func set(id, ctl, version string, st Status, codes []SetErrorCode, segs ...SegmentError) SetResponse {
	return SetResponse{ID: id, ControlNumber: ctl, Version: version, Status: st, Errors: codes, Segments: segs}
}

func clm01(id string) []BusinessUnit { return []BusinessUnit{{Name: "CLM01", Reference: id}} }

// The TR3 example 999 (three 837s: one accepted, two rejected) appears
// in several copies in the corpus; these are its common AK2 loops.
func tr3Sets(trigger Context) []SetResponse {
	return []SetResponse{
		set("837", "0001", "", Accepted, nil),
		set("837", "0002", "", Rejected, []SetErrorCode{SetSegmentsInError}, SegmentError{
			SegmentID: "CLM", Position: 22, Code: SegmentHasElementErrors, BusinessUnits: clm01("123456789"),
			Elements: []ElementError{{Position: 2, Reference: "782", Code: ElementRequiredMissing}},
		}),
		set("837", "0003", "", Rejected, []SetErrorCode{SetSegmentsInError}, SegmentError{
			SegmentID: "REF", Position: 57, Code: SegmentRequiredMissing, BusinessUnits: clm01("987654321"),
			Contexts: []Context{trigger},
		}),
	}
}

var trigger = ContextID{Name: "SITUATIONAL TRIGGER"}

// TestCorpus decodes every 999 and TA1 of the shared corpus and checks
// the result against values read off the file bytes by hand.
func TestCorpus(t *testing.T) {
	t.Parallel()
	dhsSets := tr3Sets(Context{IDs: []ContextID{trigger}, SegmentID: "CLM", Position: 43, Element: 5, Component: 3, Reference: "C023", ComponentReference: "1325"})
	dhsSets[1].ControlNumber = "002" // the Wisconsin copy has a short AK202
	staediCtx := Context{
		IDs:       []ContextID{trigger, {Name: "SITUATIONAL TRIGGER", Reference: "2"}, {Name: "SITUATIONAL TRIGGER", Reference: "3"}},
		SegmentID: "CLM", Position: 43, Element: 5, Component: 3, Reference: "1325",
	}
	invalidSets := tr3Sets(Context{IDs: staediCtx.IDs, SegmentID: "CLM", Position: 43, Element: 5, Component: 3, Reference: "C023", ComponentReference: "1325"})
	invalidSets[0].Version = "X" // AK2*837*0001*X*Y*Z
	invalidSets[0].Status = "Q"  // IK5*Q, an unknown code kept as is
	acceptedBE := func(st02, gs06 string) *Acknowledgment {
		return &Acknowledgment{ControlNumber: st02, Version: "005010X231", InterchangeControlNumber: "308082146", GroupControlNumber: gs06,
			Group: GroupResponse{FunctionalID: "BE", ControlNumber: "13360001", Version: "005010X220A1", Status: Accepted, Included: 1, Received: 1, Accepted: 1,
				Sets: []SetResponse{set("834", "0001", "005010X220A1", Accepted, nil)}}}
	}
	tests := []struct {
		file     string
		acks     []*Acknowledgment
		ta1s     []*TA1
		problems []problem
	}{
		{
			file: "999/imsweb__x12_999_accepted.txt",
			acks: []*Acknowledgment{{ControlNumber: "0001", Version: "005010X231A1", InterchangeControlNumber: "000000286", GroupControlNumber: "1",
				Group: GroupResponse{FunctionalID: "HC", ControlNumber: "17456", Version: "005010X223A2", Status: Accepted, Included: 1, Received: 1, Accepted: 1,
					Sets: []SetResponse{set("837", "0001", "005010X223A2", Accepted, nil)}}}},
		},
		{
			file: "999/imsweb__x12_999_rejected.txt",
			acks: []*Acknowledgment{{ControlNumber: "95832987", Version: "005010X231A1", InterchangeControlNumber: "095832987", GroupControlNumber: "95832987",
				Group: GroupResponse{FunctionalID: "HC", ControlNumber: "28", Version: "005010X223A2", Status: Rejected, Included: 1, Received: 1, Accepted: 0,
					Sets: []SetResponse{set("837", "0028", "", Rejected, []SetErrorCode{SetSegmentsInError},
						SegmentError{SegmentID: "NM", Position: 17, Code: SegmentUnrecognized})}}}},
		},
		{
			file: "999/oopfactory__DHS_Wisconsin_Sample.txt",
			acks: []*Acknowledgment{{ControlNumber: "2870001", Version: "005010X231", InterchangeControlNumber: "000000286", GroupControlNumber: "287",
				Group: GroupResponse{FunctionalID: "HC", ControlNumber: "17456", Version: "004010X098A1", Status: PartiallyAccepted, Included: 3, Received: 3, Accepted: 1,
					Sets: dhsSets}}},
		},
		{
			file: "999/pyx12__834_eol_in_element.expected999.edi",
			acks: []*Acknowledgment{{ControlNumber: "0001", Version: "005010X231", InterchangeControlNumber: "311071503", GroupControlNumber: "608852007",
				Group: GroupResponse{FunctionalID: "BE", ControlNumber: "13360001", Version: "005010X220A1", Status: Rejected, Included: 1, Received: 1, Accepted: 0,
					Sets: []SetResponse{set("834", "0001", "005010X220A1", Rejected, []SetErrorCode{SetSegmentsInError}, SegmentError{
						SegmentID: "N3", Position: 12, Code: SegmentHasElementErrors,
						Elements: []ElementError{{Position: 1, Reference: "166", Code: ElementInvalidCharacter, BadValue: "<LF>"}},
					})}}}},
		},
		{
			file: "999/pyx12__834_ls_le_ls_5010.999.txt",
			acks: []*Acknowledgment{{ControlNumber: "0001", Version: "005010X231", InterchangeControlNumber: "000000238", GroupControlNumber: "146",
				Group: GroupResponse{FunctionalID: "BE", ControlNumber: "146", Version: "005010X220A1", Status: Accepted, Included: 1, Received: 1, Accepted: 1,
					Sets: []SetResponse{set("834", "146001", "005010X220A1", Accepted, nil)}}}},
		},
		{
			file: "999/pyx12__834_lui_id_5010.999.txt",
			acks: []*Acknowledgment{acceptedBE("0001", "344666205"), acceptedBE("0002", "344666205"), acceptedBE("0003", "102"), acceptedBE("0004", "102")},
		},
		{
			file: "999/staedi__simple999.edi",
			acks: []*Acknowledgment{{ControlNumber: "2870001", Version: "005010X231", InterchangeControlNumber: "000000286", GroupControlNumber: "287",
				Group: GroupResponse{FunctionalID: "HC", ControlNumber: "17456", Version: "005010X222", Status: PartiallyAccepted, Included: 3, Received: 3, Accepted: 1,
					Sets: tr3Sets(staediCtx)}}},
		},
		{
			file: "999/stupidedi__response-to-functional-group-containing-3-837s.edi",
			acks: []*Acknowledgment{{ControlNumber: "2870001", Version: "005010X231A1", InterchangeControlNumber: "000010216", GroupControlNumber: "20213",
				Group: GroupResponse{FunctionalID: "HC", ControlNumber: "17456", Version: "005010X222A2", Status: PartiallyAccepted, Included: 3, Received: 3, Accepted: 1,
					Sets: tr3Sets(Context{IDs: []ContextID{trigger}, SegmentID: "CLM", Position: 43, Element: 5, Component: 3})}}},
		},
		{
			file: "malformed/staedi__invalid999.edi",
			acks: []*Acknowledgment{{ControlNumber: "2870001", Version: "005010X231", InterchangeControlNumber: "000000286", GroupControlNumber: "287",
				Group: GroupResponse{FunctionalID: "HC   ", ControlNumber: "17456", Version: "005010X222", Status: PartiallyAccepted, Included: 3, Received: 3, Accepted: 1,
					Sets: invalidSets}}},
			problems: []problem{
				{4, 0, ErrOutOfPlace},    // IK5*A before AK1
				{6, 4, ErrExtraElements}, // AK2*837*0001*X*Y*Z
				{7, 1, ErrUnknownCode},   // IK5*Q
				{8, 0, ErrOutOfPlace},    // a second IK5 in the AK2 loop
				{19, 4, ErrBadCount},     // AK904 1, but no AK2 loop is accepted
			},
		},
		{
			file: "ta1/staedi__x12_interchange_ack.txt",
			ta1s: []*TA1{{ControlNumber: "000000050", Date: x12.NewDate(2020, 2, 29), Time: x12.TimeOfDay{Hour: 12, Precision: 4},
				Status: Accepted, Note: NoteNoError, InterchangeControlNumber: "000000001"}},
		},
		{
			file: "ta1/oopfactory__TechnicalAcknowledgment_SampleFromJeffN825.txt",
			ta1s: []*TA1{{ControlNumber: "900000001", Date: x12.NewDate(2010, 6, 24), Time: x12.TimeOfDay{Hour: 14, Minute: 30, Precision: 4},
				Status: Rejected, Note: NoteBadSenderID, InterchangeControlNumber: "000000001"}},
			problems: []problem{{2, 6, ErrExtraElements}}, // TA1>...>006>+ has a sixth element
		},
		{
			file: "ta1/oopfactory__TechnicalAcknowledgment_Sample1.txt",
			ta1s: []*TA1{
				{ControlNumber: "0659", Date: x12.NewDate(2011, 9, 22), Time: x12.TimeOfDay{Hour: 5, Minute: 12, Precision: 4}, Status: Accepted, InterchangeControlNumber: "000000001"},
				{ControlNumber: "0660", Date: x12.NewDate(2011, 9, 22), Time: x12.TimeOfDay{Hour: 5, Minute: 12, Precision: 4}, Status: Accepted, InterchangeControlNumber: "000000001"},
			},
			// 4010 TA1s: a four-digit TA101, a CCYYMMDD TA102, no TA105.
			problems: []problem{
				{2, 1, ErrBadNumber}, {2, 2, ErrBadDate}, {2, 5, ErrMissingElement},
				{3, 1, ErrBadNumber}, {3, 2, ErrBadDate}, {3, 5, ErrMissingElement},
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			t.Parallel()
			f := readFile(t, corpusFile(t, tt.file))
			if diff := cmp.Diff(tt.acks, f.Acknowledgments, ignorePos, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("999s (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ta1s, f.TA1s, ignorePos, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("TA1s (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.problems, problemsOf(f.Problems), cmpProblems, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("problems (-want +got):\n%s\n%v", diff, f.Problems)
			}
			if len(f.Skipped) != 0 {
				t.Errorf("skipped sets %v, want none", f.Skipped)
			}
		})
	}
}

// TestCorpusVerdicts checks the accepted/rejected view of the TR3
// example: set 0001 accepted, 0002 and 0003 rejected with their claims.
func TestCorpusVerdicts(t *testing.T) {
	t.Parallel()
	f := readFile(t, corpusFile(t, "999/stupidedi__response-to-functional-group-containing-3-837s.edi"))
	a := f.Acknowledgments[0]
	if got := a.Group.Verdict(); got != VerdictPartial {
		t.Errorf("group verdict %s, want %s", got, VerdictPartial)
	}
	got := map[SetKey][]string{}
	for k, r := range a.Rejections() {
		got[k] = r.ClaimIDs
	}
	want := map[SetKey][]string{
		{Group: "17456", Set: "0002"}: {"123456789"},
		{Group: "17456", Set: "0003"}: {"987654321"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if r := a.Results()[SetKey{"17456", "0001"}]; r.Verdict != VerdictAccepted {
		t.Errorf("set 0001 verdict %s, want accepted", r.Verdict)
	}
}

func readBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCorpusPositions checks where decoded values say they come from,
// against byte offsets counted in the file (it has a BOM and no line
// breaks: offsets count the BOM).
func TestCorpusPositions(t *testing.T) {
	t.Parallel()
	a := readFile(t, corpusFile(t, "999/stupidedi__response-to-functional-group-containing-3-837s.edi")).Acknowledgments[0]
	type at struct {
		Offset         int64
		Segment, InSet int
		SegmentID      string
	}
	pos := func(p x12.Position) at { return at{p.Offset, p.Segment, p.SetPosition, p.SegmentID} }
	got := []at{pos(a.Pos), pos(a.Group.Sets[1].Segments[0].Elements[0].Pos), pos(a.Group.Sets[2].Segments[0].Pos), pos(a.Group.StatusPos)}
	want := []at{{172, 3, 1, "ST"}, {292, 10, 8, "IK4"}, {325, 13, 11, "IK3"}, {403, 17, 15, "AK9"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}
