package x12_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// TestAppendSegment: a built segment comes out as the element calls would
// write it, and what no data may hold is refused at its position.
func TestAppendSegment(t *testing.T) {
	t.Parallel()
	std := x12.DefaultDelimiters
	ctlSeps := x12.Delimiters{Element: 0x1d, Repetition: 0x1f, Component: 0x1c, Segment: 0x1e}
	tests := []struct {
		name    string
		d       x12.Delimiters
		seg     string
		want    string // output after ST (without SE) when accepted
		wantErr error
		wantPos x12.Position // Segment, SegmentID, Element, Component, Repetition
	}{
		{name: "short", d: std, seg: "LX*1", want: "LX*1~"},
		{name: "id only", d: std, seg: "LX", want: "LX~"},
		{name: "composites and repeats", d: std, seg: "SV1*HC:99457:95*52.5*UN*1***1:2^3", want: "SV1*HC:99457:95*52.5*UN*1***1:2^3~"},
		{name: "trailing separators dropped", d: std, seg: "NM1*87*2*****:^*", want: "NM1*87*2~"},
		{name: "high bytes are data", d: std, seg: "NM1*IL*1*MÜLLER*JOSÉ", want: "NM1*IL*1*MÜLLER*JOSÉ~"},
		{name: "control separators", d: ctlSeps, seg: "NM1\x1dIL\x1d1\x1dDOE\x1cJR\x1fX", want: "NM1\x1dIL\x1d1\x1dDOE\x1cJR\x1fX\x1e"},
		{name: "printable terminator", d: x12.Delimiters{Element: '|', Component: '>', Segment: '\''}, seg: "NM1|IL|1|DOE|JOHN", want: "NM1|IL|1|DOE|JOHN'"},
		{name: "control character", d: std, seg: "NM1*IL*1*DO\tE", wantErr: x12.ErrDelimiterInData,
			wantPos: x12.Position{Segment: 4, SegmentID: "NM1", Element: 3, Component: 1, Repetition: 1}},
		{name: "terminator in a long segment's last word", d: std, seg: "NM1*IL*1*DOE*JOHN*A~B", wantErr: x12.ErrDelimiterInData,
			wantPos: x12.Position{Segment: 4, SegmentID: "NM1", Element: 5, Component: 1, Repetition: 1}},
		{name: "DEL in a component of a repetition", d: std, seg: "HI*ABK:I10^ABF:E1\x7f165", wantErr: x12.ErrDelimiterInData,
			wantPos: x12.Position{Segment: 4, SegmentID: "HI", Element: 1, Component: 2, Repetition: 2}},
		{name: "printable terminator in data", d: x12.Delimiters{Element: '|', Component: '>', Segment: '\''}, seg: "NM1|IL|1|O'BRIEN|JOHN",
			wantErr: x12.ErrDelimiterInData, wantPos: x12.Position{Segment: 4, SegmentID: "NM1", Element: 3, Component: 1, Repetition: 1}},
		{name: "control character with control separators", d: ctlSeps, seg: "NM1\x1dIL\x1d1\x1dDO\nE", wantErr: x12.ErrDelimiterInData,
			wantPos: x12.Position{Segment: 4, SegmentID: "NM1", Element: 3, Component: 1, Repetition: 1}},
		{name: "empty", d: std, seg: "", wantErr: x12.ErrBadSegmentID},
		{name: "one letter", d: std, seg: "N*1", wantErr: x12.ErrBadSegmentID},
		{name: "lower case", d: std, seg: "nm1*IL", wantErr: x12.ErrBadSegmentID},
		{name: "digit first", d: std, seg: "1NM*IL", wantErr: x12.ErrBadSegmentID},
		{name: "four letters", d: std, seg: "NMXY*IL", wantErr: x12.ErrBadSegmentID},
		{name: "control character in the id", d: std, seg: "N\n1*IL", wantErr: x12.ErrBadSegmentID},
		{name: "envelope", d: std, seg: "SE*4*0001", wantErr: x12.ErrWriterState},
		{name: "interchange header", d: std, seg: "ISA*00", wantErr: x12.ErrWriterState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w := openSetWith(&buf, tt.d, false, "")
			w.Flush()
			before := buf.Len()
			err := w.AppendSegment([]byte(tt.seg))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				var e *x12.Error
				if tt.wantPos != (x12.Position{}) {
					if !errors.As(err, &e) {
						t.Fatalf("err = %v, want an *x12.Error", err)
					}
					got := e.Pos
					got.Offset, got.SetPosition = 0, 0
					if got != tt.wantPos {
						t.Errorf("position %+v, want %+v", got, tt.wantPos)
					}
					if e.Pos.SetPosition != 2 {
						t.Errorf("set position %d, want 2", e.Pos.SetPosition)
					}
				}
				if err2 := w.AppendSegment([]byte("LX*1")); err2 != err {
					t.Errorf("error not sticky: %v", err2)
				}
				w.Close()
				if got := buf.Len(); got != before {
					t.Errorf("wrote %d bytes after a refused segment", got-before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			// The segment sits between ST and SE, and SE counts it.
			out := buf.String()
			st := "ST" + string(tt.d.Element) + "837" + string(tt.d.Element) + "0001" + string(tt.d.Segment)
			se := "SE" + string(tt.d.Element) + "3" + string(tt.d.Element) + "0001" + string(tt.d.Segment)
			if !strings.Contains(out, st+tt.want+se) {
				t.Errorf("output %q\nwant %q inside", out, st+tt.want+se)
			}
		})
	}
}

// TestAppendSegmentSameAsElements: with Newline, long segments and
// segments across the flush size, AppendSegment writes the bytes that the
// element calls write.
func TestAppendSegmentSameAsElements(t *testing.T) {
	t.Parallel()
	write := func(build bool) string {
		var buf bytes.Buffer
		w := x12.NewWriter(&buf, x12.DefaultDelimiters)
		w.Newline = true
		w.ControlNumbers = x12.NewSequence(1)
		w.BeginInterchange(ih)
		w.BeginGroup(gh)
		w.BeginSet("837", "005010X222A1")
		for i := range 5000 {
			name := strings.Repeat("AB", i%40)
			if build {
				w.AppendSegment([]byte("NM1*IL*1*" + name + "*JOHN****MI*" + name))
				w.AppendSegment([]byte("LX*" + itoa(i)))
			} else {
				w.WriteSegment("NM1", "IL", "1", name, "JOHN", "", "", "", "MI", name)
				w.WriteSegment("LX", itoa(i))
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if got, want := write(true), write(false); got != want {
		t.Errorf("AppendSegment and WriteSegment differ (%d and %d bytes)", len(got), len(want))
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// FuzzAppendSegment checks the word-at-a-time test of AppendSegment
// against a byte-at-a-time reading of what it must refuse.
func FuzzAppendSegment(f *testing.F) {
	for _, s := range []string{"NM1*IL*1*DOE*JOHN", "LX*1", "HI*ABK:I10^ABF:E1165", "NM1*IL*1*DO\x7fE*JOHN", "DTP*472*D8*20260115~", "N3*123 MAIN ST\x00"} {
		f.Add([]byte(s), byte('~'))
	}
	f.Add([]byte("NM1*IL*1*O'BRIEN"), byte('\''))
	f.Add([]byte("NM1*IL*1*DOE\nJOHN"), byte('\n'))
	f.Fuzz(func(t *testing.T, seg []byte, term byte) {
		d := x12.Delimiters{Element: '*', Component: ':', Repetition: '^', Segment: term}
		if d.Validate() != nil {
			return
		}
		var buf bytes.Buffer
		w := x12.NewWriter(&buf, d)
		err := w.AppendSegment(seg)
		refused := -1
		for i, c := range seg {
			if c < 0x20 || c == 0x7f || c == term {
				refused = i
				break
			}
		}
		if errors.Is(err, x12.ErrBadSegmentID) || errors.Is(err, x12.ErrWriterState) {
			return // the ID is checked first
		}
		if (err != nil) != (refused >= 0) {
			t.Fatalf("AppendSegment(%q) = %v; first refused byte at %d", seg, err, refused)
		}
		if err == nil {
			w.Close()
			trimmed := bytes.TrimRight(seg, "*:^")
			if got := buf.String(); got != string(trimmed)+string([]byte{term}) {
				t.Fatalf("wrote %q for %q", got, seg)
			}
		}
	})
}

// TestAppendCheckedSegments: checked segments are copied and counted, with
// line feeds when Newline; a terminator count that does not match (a
// terminator in a value) is refused and writes nothing.
func TestAppendCheckedSegments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		newline bool
		segs    string
		n       int
		want    string // between ST and SE, when accepted
	}{
		{name: "three", segs: "LX*1~SV1*HC:99457*52*UN*1***1~DTP*472*D8*20260115~", n: 3,
			want: "LX*1~SV1*HC:99457*52*UN*1***1~DTP*472*D8*20260115~SE*5*0001~"},
		{name: "newline", newline: true, segs: "LX*1~LX*2~", n: 2, want: "LX*1~\nLX*2~\nSE*4*0001~\n"},
		{name: "none", segs: "", n: 0, want: "SE*2*0001~"},
		{name: "terminator in a value", segs: "NM1*IL*1*A~B~LX*1~", n: 2},
		{name: "fewer than said", segs: "LX*1~", n: 2},
		{name: "no final terminator", segs: "LX*1~LX*2", n: 1},
		{name: "nothing but a count", segs: "", n: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w := openSetWith(&buf, x12.DefaultDelimiters, tt.newline, "")
			w.Flush()
			before := buf.Len()
			err := w.AppendCheckedSegments([]byte(tt.segs), tt.n)
			if tt.want == "" {
				var e *x12.Error
				if !errors.Is(err, x12.ErrDelimiterInData) || !errors.As(err, &e) || e.Pos.Segment != 4 {
					t.Fatalf("err = %v, want ErrDelimiterInData at segment 4", err)
				}
				if w.WriteSegment("LX", "1") != err {
					t.Error("error not sticky")
				}
				w.Close()
				if buf.Len() != before {
					t.Errorf("wrote %d bytes after a refused call", buf.Len()-before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := buf.String()[before:]
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q then GE and IEA", got, tt.want)
			}
		})
	}
	w := x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	w.StartSegment("LX")
	if err := w.AppendCheckedSegments([]byte("LX*1~"), 1); !errors.Is(err, x12.ErrWriterState) {
		t.Errorf("inside a segment: %v, want ErrWriterState", err)
	}
}
