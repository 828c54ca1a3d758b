package ack

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fuzzSeeds are the package's testdata files and the corpus 999 and TA1
// files (and the malformed 999), each under 64 KiB.
func fuzzSeeds(f *testing.F) {
	var paths []string
	for _, pat := range []string{"testdata/*.edi", corpusDir + "/999/*", corpusDir + "/ta1/*", corpusDir + "/malformed/staedi__invalid999.edi"} {
		m, _ := filepath.Glob(pat)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(wrap999("AK1*HC*1", "AK2*837*0001", "IK3*CLM*X**8", "CTX*SITUATIONAL TRIGGER*CLM*4**5:1:2*C023:1325", "IK4*2:1:1*782*I12*BAD", "IK5*R*5", "AK9*R*1*1*0")))
	f.Add([]byte(wrap999("IK5*A", "AK9*P*1*1*1", "AK1*HC*1")))
}

// FuzzAck decodes arbitrary input: no panic, every problem and error is
// positioned inside the input and renders, and every 999 that can be
// encoded decodes back to the same value.
func FuzzAck(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		x := x12.NewReader(bytes.NewReader(data))
		x.Limits = x12.Limits{MaxSegmentLength: 4096, MaxElements: 64, MaxSetSegments: 4096}
		r := NewReader(x)
		file, err := ReadAll(r)
		check := func(e *x12.Error) {
			if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) || e.Pos.Segment < 0 || e.Pos.Element < 0 || e.Pos.Component < 0 {
				t.Fatalf("error positioned outside the input (%d bytes): %+v", len(data), e.Pos)
			}
			_ = x12.Render(e, bytes.NewReader(data), x.Delimiters())
		}
		if err != nil {
			var xe *x12.Error
			if !errors.As(err, &xe) {
				t.Fatalf("error without a position: %v", err)
			}
			check(xe)
		}
		for _, p := range file.Problems {
			check(p)
		}
		for _, a := range file.Acknowledgments {
			roundTrip(t, a, x.Delimiters())
		}
	})
}

// roundTrip checks decode(encode(a)) == a when a can be encoded with d.
func roundTrip(t *testing.T, a *Acknowledgment, d x12.Delimiters) {
	if d.Validate() != nil || d.Repetition == 0 {
		return
	}
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, d)
	w.ControlNumbers = x12.NewSequence(1)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "A", ReceiverID: "B"})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "FA", SenderCode: "A", ReceiverCode: "B", Version: Version999})
	st02, err := Encode(w, a)
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		if errors.Is(err, x12.ErrDelimiterInData) || errors.Is(err, ErrCannotEncode) || errors.Is(err, x12.ErrBadSegmentID) {
			return
		}
		t.Fatalf("Encode: %v", err)
	}
	back, err := ReadAll(NewReader(x12.NewReader(&buf)))
	if err != nil || len(back.Acknowledgments) != 1 {
		t.Fatalf("reading what Encode wrote: %v, %d 999s\n%s", err, len(back.Acknowledgments), buf.String())
	}
	want := *a
	want.ControlNumber, want.InterchangeControlNumber, want.GroupControlNumber = st02, "", ""
	if want.Version == "" {
		want.Version = Version999
	}
	got := back.Acknowledgments[0]
	got.InterchangeControlNumber, got.GroupControlNumber = "", ""
	if diff := cmp.Diff(&want, got, ignorePos, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("decode(encode(v)) != v (-v +got):\n%s\n%s", diff, buf.String())
	}
}
