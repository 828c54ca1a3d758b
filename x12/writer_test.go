package x12_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

var (
	day  = x12.NewDate(2026, time.January, 15)
	noon = x12.TimeOfDay{Hour: 12, Minute: 53}
	ih   = x12.InterchangeHeader{SenderID: "SENDER", ReceiverID: "RECEIVER", Date: day, Time: noon}
	gh   = x12.GroupHeader{FunctionalID: "HC", SenderCode: "SENDER", ReceiverCode: "RECEIVER", Date: day, Time: noon, Version: "005010X222A1"}
)

// openSet returns a Writer to buf that has begun an interchange, a group
// and an 837 set with version (ST03, may be empty).
func openSet(buf *bytes.Buffer, version string) *x12.Writer {
	return openSetWith(buf, x12.DefaultDelimiters, false, version)
}

// openSetWith is openSet with delimiters d and Newline.
func openSetWith(buf *bytes.Buffer, d x12.Delimiters, newline bool, version string) *x12.Writer {
	w := x12.NewWriter(buf, d)
	w.Newline = newline
	w.ControlNumbers = x12.NewSequence(1)
	w.BeginInterchange(ih)
	w.BeginGroup(gh)
	w.BeginSet("837", version)
	return w
}

func TestWriterEnvelopes(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(7)
	isa13, err := w.BeginInterchange(ih)
	if err != nil || isa13 != "000000007" {
		t.Fatalf("BeginInterchange = %q, %v", isa13, err)
	}
	gs06, err := w.BeginGroup(gh)
	if err != nil || gs06 != "7" {
		t.Fatalf("BeginGroup = %q, %v", gs06, err)
	}
	var setPos []int
	for _, n := range []int{2, 0} {
		st02, err := w.BeginSet("837", "005010X222A1")
		if err != nil {
			t.Fatal(err)
		}
		setPos = append(setPos, w.SetPosition())
		w.WriteSegment("BHT", "0019", "00", st02, "20260115", "1253", "CH")
		for range n {
			w.WriteSegment("NM1", "87", "2", "", "", "", "", "", "")
		}
		setPos = append(setPos, w.SetPosition())
		if err := w.EndSet(); err != nil {
			t.Fatal(err)
		}
	}
	if w.SetPosition() != 0 {
		t.Errorf("SetPosition outside a set = %d", w.SetPosition())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := isa('*', '^', ':', '~', "00501", "000000007") + "\n" +
		"GS*HC*SENDER*RECEIVER*20260115*1253*7*X*005010X222A1~\n" +
		"ST*837*0007*005010X222A1~\n" +
		"BHT*0019*00*0007*20260115*1253*CH~\n" +
		"NM1*87*2~\n" +
		"NM1*87*2~\n" +
		"SE*5*0007~\n" +
		"ST*837*0008*005010X222A1~\n" +
		"BHT*0019*00*0008*20260115*1253*CH~\n" +
		"SE*3*0008~\n" +
		"GE*2*7~\n" +
		"IEA*1*000000007~\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 5, 2, 3}, setPos); diff != "" {
		t.Errorf("SetPosition (-want +got):\n%s", diff)
	}
	// What the Writer writes reads back without problems.
	r := x12.NewReader(&buf)
	if _, err := readAll(r); err != nil || len(r.Problems()) != 0 {
		t.Errorf("reading back: %v %v", err, r.Problems())
	}
}

func TestWriterISAIsPadded(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.Delimiters{Element: '|', Component: '>', Segment: '\n'})
	h := ih
	h.ControlNumber = "123456789"
	h.SenderQualifier, h.SenderID = "30", "1"
	h.Usage, h.AckRequested = "T", "1"
	if _, err := w.BeginInterchange(h); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	got := buf.String()
	want := "ISA|00|          |00|          |30|1              |ZZ|RECEIVER       |260115|1253|U|00501|123456789|1|T|>\n"
	if got != want {
		t.Errorf("ISA\n got %q\nwant %q", got, want)
	}
	if len(got) != 106 {
		t.Errorf("ISA is %d bytes", len(got))
	}
}

func TestWriterTrailingEmpties(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		write func(w *x12.Writer)
		want  string
	}{
		{"trailing empty elements", func(w *x12.Writer) { w.WriteSegment("NM1", "87", "2", "", "", "") }, "NM1*87*2~"},
		{"inner empty elements kept", func(w *x12.Writer) { w.WriteSegment("SBR", "P", "18", "", "", "", "", "", "", "CI") }, "SBR*P*18*******CI~"},
		{"no elements", func(w *x12.Writer) { w.WriteSegment("LE") }, "LE~"},
		{"all empty", func(w *x12.Writer) { w.WriteSegment("LE", "", "") }, "LE~"},
		{"trailing empty components", func(w *x12.Writer) {
			w.StartSegment("SV1")
			w.Components("HC", "99453", "", "")
			w.Element("19.73")
			w.EndSegment()
		}, "SV1*HC:99453*19.73~"},
		{"inner empty components kept", func(w *x12.Writer) {
			w.StartSegment("SV1")
			w.Components("HC", "99457", "", "95")
			w.EndSegment()
		}, "SV1*HC:99457::95~"},
		{"empty composite is an empty element", func(w *x12.Writer) {
			w.StartSegment("CLM")
			w.Element("A1")
			w.Components("", "")
			w.Element("")
			w.Components("11", "B", "1")
			w.Components("")
			w.EndSegment()
		}, "CLM*A1***11:B:1~"},
		{"repetitions", func(w *x12.Writer) {
			w.StartSegment("EB")
			w.Element("1")
			w.Element("")
			w.Repeats("30", "35", "")
			w.EndSegment()
		}, "EB*1**30^35~"},
		{"bytes", func(w *x12.Writer) {
			w.StartSegment("REF")
			w.ElementBytes([]byte("EI"))
			w.ElementBytes(nil)
			w.ElementBytes([]byte("X"))
			w.ElementBytes([]byte{})
			w.EndSegment()
		}, "REF*EI**X~"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w := x12.NewWriter(&buf, x12.DefaultDelimiters)
			tt.write(w)
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriterRefusesDelimitersInData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		write func(w *x12.Writer) error
		want  x12.Position
	}{
		{"element separator", func(w *x12.Writer) error { return w.WriteSegment("NM1", "IL", "1", "SMITH*JOHN") },
			x12.Position{Offset: 0, Segment: 1, SegmentID: "NM1", Element: 3}},
		{"terminator", func(w *x12.Writer) error { return w.WriteSegment("N3", "A~B") },
			x12.Position{Offset: 0, Segment: 1, SegmentID: "N3", Element: 1}},
		{"component separator in a simple element", func(w *x12.Writer) error { return w.WriteSegment("REF", "EI", "", "1:2") },
			x12.Position{Offset: 0, Segment: 1, SegmentID: "REF", Element: 3}},
		{"repetition separator", func(w *x12.Writer) error { return w.WriteSegment("NTE", "ADD", "2^3") },
			x12.Position{Offset: 0, Segment: 1, SegmentID: "NTE", Element: 2}},
		{"in a component", func(w *x12.Writer) error {
			w.StartSegment("SV1")
			w.Components("HC", "99453", "2*5")
			return w.EndSegment()
		}, x12.Position{Offset: 0, Segment: 1, SegmentID: "SV1", Element: 1, Component: 3}},
		{"in bytes", func(w *x12.Writer) error {
			w.StartSegment("REF")
			w.ElementBytes([]byte("E~I"))
			return w.EndSegment()
		}, x12.Position{Offset: 0, Segment: 1, SegmentID: "REF", Element: 1}},
		{"line feed", func(w *x12.Writer) error { return w.WriteSegment("N3", "12 OAK\nAVE") },
			x12.Position{Offset: 0, Segment: 1, SegmentID: "N3", Element: 1}},
		{"control character in a component", func(w *x12.Writer) error {
			w.StartSegment("SV1")
			w.Components("HC", "9945\x003")
			return w.EndSegment()
		}, x12.Position{Offset: 0, Segment: 1, SegmentID: "SV1", Element: 1, Component: 2}},
		{"delete in bytes", func(w *x12.Writer) error {
			w.StartSegment("REF")
			w.ElementBytes([]byte("E\x7fI"))
			return w.EndSegment()
		}, x12.Position{Offset: 0, Segment: 1, SegmentID: "REF", Element: 1}},
		{"in the ISA", func(w *x12.Writer) error {
			h := ih
			h.SenderID = "SEND*ER"
			h.ControlNumber = "000000001"
			_, err := w.BeginInterchange(h)
			return err
		}, x12.Position{Offset: 0, Segment: 1, SegmentID: "ISA", Element: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
			err := tt.write(w)
			if !errors.Is(err, x12.ErrDelimiterInData) {
				t.Fatalf("err = %v, want ErrDelimiterInData", err)
			}
			var e *x12.Error
			if !errors.As(err, &e) || e.Pos != tt.want {
				t.Errorf("position %+v, want %+v", e.Pos, tt.want)
			}
			if strings.Contains(err.Error(), "SMITH") {
				t.Errorf("error shows the data: %v", err)
			}
			// Sticky.
			if again := w.WriteSegment("LX", "1"); again != err {
				t.Errorf("next write: %v, want the same error", again)
			}
			if again := w.Close(); again != err {
				t.Errorf("Close: %v, want the same error", again)
			}
		})
	}
	// The position names the segment inside a set.
	w := openSet(new(bytes.Buffer), "")
	w.WriteSegment("BHT", "0019")
	err := w.WriteSegment("NM1", "IL", "1", "A~B")
	var e *x12.Error
	if !errors.As(err, &e) || e.Pos.Segment != 5 || e.Pos.SetPosition != 3 || e.Pos.Element != 3 || e.Pos.Offset != int64(106+len(stdBody[0])+len("ST*837*0001~BHT*0019~")) {
		t.Errorf("error %v at %+v", err, e.Pos)
	}
}

func TestWriterClose(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := openSet(&buf, "005010X222A1")
	w.WriteSegment("BHT", "0019")
	// Close ends the set, the group and the interchange.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	wantTail := "BHT*0019~SE*3*0001~GE*1*1~IEA*1*000000001~"
	if !strings.HasSuffix(buf.String(), wantTail) {
		t.Errorf("output ends %q, want %q", buf.String()[max(0, buf.Len()-50):], wantTail)
	}
	n := buf.Len()
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if buf.Len() != n {
		t.Errorf("second Close wrote %d bytes", buf.Len()-n)
	}
	writes := map[string]func() error{
		"WriteSegment":          func() error { return w.WriteSegment("LX", "1") },
		"StartSegment":          func() error { return w.StartSegment("LX") },
		"Element":               func() error { w.Element("1"); return w.EndSegment() },
		"BeginSet":              func() error { _, err := w.BeginSet("837", ""); return err },
		"BeginGroup":            func() error { _, err := w.BeginGroup(gh); return err },
		"BeginISA":              func() error { _, err := w.BeginInterchange(ih); return err },
		"EndSet":                func() error { return w.EndSet() },
		"CopySegment":           func() error { return w.CopySegment(x12.NewSegment([]byte("LX*1"), x12.DefaultDelimiters)) },
		"AppendSegment":         func() error { return w.AppendSegment([]byte("LX*1")) },
		"AppendCheckedSegments": func() error { return w.AppendCheckedSegments([]byte("LX*1~"), 1) },
		"Flush":                 func() error { return w.Flush() },
	}
	for name, f := range writes {
		if err := f(); !errors.Is(err, x12.ErrWriterClosed) {
			t.Errorf("%s after Close: %v, want ErrWriterClosed", name, err)
		}
	}
	if buf.Len() != n {
		t.Errorf("writes after Close wrote %d bytes", buf.Len()-n)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close after failed writes: %v", err)
	}
}

func TestWriterCloseInsideSegment(t *testing.T) {
	t.Parallel()
	w := x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	w.StartSegment("LX")
	if err := w.Close(); !errors.Is(err, x12.ErrWriterState) {
		t.Errorf("Close inside a segment: %v, want ErrWriterState", err)
	}
}

// numbers is a ControlNumbers that hands out fixed values per kind.
type numbers map[x12.ControlKind][]int64

func (n numbers) Next(k x12.ControlKind) (int64, error) {
	if len(n[k]) == 0 {
		return 0, errors.New("ledger: out of numbers")
	}
	v := n[k][0]
	n[k] = n[k][1:]
	return v, nil
}

func TestWriterControlNumbers(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.ControlNumbers = numbers{
		x12.InterchangeControl: {905},
		x12.GroupControl:       {41},
		x12.SetControl:         {123456789, 12},
	}
	isa13, _ := w.BeginInterchange(ih)
	gs06, _ := w.BeginGroup(gh)
	st1, _ := w.BeginSet("837", "")
	w.EndSet()
	st2, _ := w.BeginSet("837", "")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if isa13 != "000000905" || gs06 != "41" || st1 != "123456789" || st2 != "0012" {
		t.Errorf("control numbers %q %q %q %q", isa13, gs06, st1, st2)
	}
	for _, want := range []string{"*000000905*0*P*:~", "*41*X*", "ST*837*123456789~SE*2*123456789~", "ST*837*0012~SE*2*0012~GE*2*41~IEA*1*000000905~"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}
	// A header's own number wins over the source.
	w = x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	w.ControlNumbers = numbers{}
	h := ih
	h.ControlNumber = "000000042"
	if got, err := w.BeginInterchange(h); got != "000000042" || err != nil {
		t.Errorf("given ISA13: %q %v", got, err)
	}
	// The source's error is returned and sticks.
	if _, err := w.BeginGroup(gh); err == nil || !strings.Contains(err.Error(), "out of numbers") {
		t.Errorf("source error: %v", err)
	}
	// No source and no number.
	w = x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	if _, err := w.BeginInterchange(ih); !errors.Is(err, x12.ErrWriterState) {
		t.Errorf("no source: %v", err)
	}
	// ISA13 has nine digits.
	w = x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	w.ControlNumbers = numbers{x12.InterchangeControl: {1_000_000_000}}
	if _, err := w.BeginInterchange(ih); !errors.Is(err, x12.ErrWriterState) {
		t.Errorf("ten-digit ISA13: %v", err)
	}
}

func TestWriterState(t *testing.T) {
	t.Parallel()
	tests := map[string]func(w *x12.Writer) error{
		"ST outside a group":      func(w *x12.Writer) error { _, err := w.BeginSet("837", ""); return err },
		"GS outside interchange":  func(w *x12.Writer) error { _, err := w.BeginGroup(gh); return err },
		"SE without a set":        func(w *x12.Writer) error { return w.EndSet() },
		"GE without a group":      func(w *x12.Writer) error { return w.EndGroup() },
		"IEA without interchange": func(w *x12.Writer) error { return w.EndInterchange() },
		"element outside segment": func(w *x12.Writer) error { w.Element("x"); return w.Flush() },
		"EndSegment outside":      func(w *x12.Writer) error { return w.EndSegment() },
		"nested segment":          func(w *x12.Writer) error { w.StartSegment("LX"); return w.StartSegment("LX") },
		"ISA inside interchange": func(w *x12.Writer) error {
			w.BeginInterchange(ih)
			_, err := w.BeginInterchange(ih)
			return err
		},
		"repeats without a separator": func(w *x12.Writer) error {
			w2 := x12.NewWriter(new(bytes.Buffer), x12.Delimiters{Element: '*', Component: ':', Segment: '~'})
			w2.StartSegment("EB")
			w2.Repeats("1", "2")
			return w2.EndSegment()
		},
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
			w.ControlNumbers = x12.NewSequence(1)
			if err := f(w); !errors.Is(err, x12.ErrWriterState) {
				t.Errorf("err = %v, want ErrWriterState", err)
			}
		})
	}
	w := x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	if err := w.StartSegment("lx"); !errors.Is(err, x12.ErrBadSegmentID) {
		t.Errorf("bad ID: %v", err)
	}
	w = x12.NewWriter(new(bytes.Buffer), x12.Delimiters{Element: '*', Component: '*', Segment: '~'})
	if _, err := w.BeginInterchange(ih); !errors.Is(err, x12.ErrBadDelimiters) {
		t.Errorf("clashing delimiters: %v", err)
	}
	w = x12.NewWriter(new(bytes.Buffer), x12.DefaultDelimiters)
	h := ih
	h.SenderID = "A SENDER LONGER THAN 15"
	h.ControlNumber = "000000001"
	if _, err := w.BeginInterchange(h); !errors.Is(err, x12.ErrValueTooLong) {
		t.Errorf("long ISA06: %v", err)
	}
}

// failWriter fails every write after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriterWriteError(t *testing.T) {
	t.Parallel()
	w := x12.NewWriter(&failWriter{n: 50}, x12.DefaultDelimiters)
	w.WriteSegment("LX", "1")
	err := w.Flush()
	if err != nil {
		t.Fatalf("first flush: %v", err)
	}
	w.WriteSegment("NTE", strings.Repeat("A", 100))
	err = w.Flush()
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Flush = %v, want disk full", err)
	}
	if again := w.WriteSegment("LX", "2"); again != err {
		t.Errorf("after a write error: %v", again)
	}
	if again := w.Close(); again != err {
		t.Errorf("Close after a write error: %v", again)
	}
	if w.Err() != err {
		t.Errorf("Err() = %v", w.Err())
	}
}

func TestCopySegment(t *testing.T) {
	t.Parallel()
	src := x12.DefaultDelimiters
	dst := x12.Delimiters{Element: '|', Repetition: '!', Component: '>', Segment: '\n'}
	tests := []struct {
		name    string
		seg     string
		srcD    x12.Delimiters
		want    string
		wantErr *x12.Position
	}{
		{"same delimiters keep empties", "NM1*87*2***", src, "NM1*87*2***~", nil},
		{"re-delimited", "EB*1**30^35*HC:99453::95^HC:99454", src, "EB|1||30!35|HC>99453>>95!HC>99454\n", nil},
		{"ISA separators replaced", strings.TrimSuffix(stdISA, "~"), src,
			strings.TrimSuffix(isa('|', '!', '>', '\n', "00501", "000000001"), "\n") + "\n", nil},
		{"data holding a new delimiter", "NM1*IL*1*A|B", src, "", &x12.Position{Segment: 1, SegmentID: "NM1", Element: 3, Component: 1, Repetition: 1}},
		{"component holding a new delimiter", "SV1*HC:9!9", src, "", &x12.Position{Segment: 1, SegmentID: "SV1", Element: 1, Component: 2, Repetition: 1}},
		{"repetition without a separator in the source", "EB*30^35", x12.Delimiters{Element: '*', Component: ':', Segment: '~'}, "EB|30^35\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := dst
			if tt.name == "same delimiters keep empties" {
				d = src
			}
			var buf bytes.Buffer
			w := x12.NewWriter(&buf, d)
			err := w.CopySegment(x12.NewSegment([]byte(tt.seg), tt.srcD))
			if tt.wantErr != nil {
				var e *x12.Error
				if !errors.As(err, &e) || !errors.Is(err, x12.ErrDelimiterInData) || e.Pos != *tt.wantErr {
					t.Fatalf("err = %v, want ErrDelimiterInData at %+v", err, *tt.wantErr)
				}
				return
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	// Into a writer without a repetition separator, a repeated element
	// cannot be written.
	w := x12.NewWriter(new(bytes.Buffer), x12.Delimiters{Element: '|', Component: '>', Segment: '\n'})
	err := w.CopySegment(x12.NewSegment([]byte("EB*30^35"), src))
	if !errors.Is(err, x12.ErrDelimiterInData) {
		t.Errorf("repetition into a writer without a separator: %v", err)
	}
}

// TestCopySegmentCounts: a segment copied inside a set the writer opened
// counts towards SE01.
func TestCopySegmentCounts(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	w := openSet(&buf, "")
	forEach(t, x12.NewReader(strings.NewReader(std("\n"))), func(seg *x12.Segment) {
		if seg.ID == "BHT" || seg.ID == "NM1" {
			if err := w.CopySegment(seg); err != nil {
				t.Fatal(err)
			}
		}
	})
	w.Close()
	if !strings.Contains(buf.String(), "NM1*IL*1*LISA*IEA****MI*ISA~SE*4*0001~") {
		t.Errorf("output %q", buf.String())
	}
}
