package x837p

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
)

// TestDecodedStringsOwnTheirBytes: the strings a Decode makes share
// arena chunks, never the reader's buffer, which later segments
// overwrite (the file is several buffers long), nor the input; decoding
// another file leaves them as they were.
func TestDecodedStringsOwnTheirBytes(t *testing.T) {
	t.Parallel()
	const n = 1200
	var cs []claims.Claim
	for i := range n {
		c := baseClaim("PCN"+itoa(i), "M"+itoa(i))
		c.Lines[0].Procedure.Code = "9945" + itoa(i%10)
		c.Lines[0].ControlNumber = "LINE" + itoa(i)
		c.Note = "NOTE " + itoa(i)
		cs = append(cs, c)
	}
	var buf bytes.Buffer
	if _, err := Encode(&buf, cs, testOptions()); err != nil {
		t.Fatal(err)
	}
	in := buf.Bytes()
	if len(in) < 3*x12MaxBuffered {
		t.Fatalf("file of %d bytes, want several reader buffers", len(in))
	}
	again := bytes.Clone(in)
	doc, err := Decode(bytes.NewReader(in), DecodeOptions{})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatal(err, doc.Problems)
	}
	clear(in)
	if _, err := Decode(bytes.NewReader(again), DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	got := doc.Claims()
	if len(got) != n {
		t.Fatalf("decoded %d claims, want %d", len(got), n)
	}
	type values struct{ PCN, Note, Code, LineControl, Last, First, Member string }
	for i := range got {
		w, g := &cs[i], &got[i]
		want := values{w.PatientControlNumber, w.Note, w.Lines[0].Procedure.Code, w.Lines[0].ControlNumber,
			w.Patient.Name.Last, w.Patient.Name.First, w.Coverage.Subscriber.MemberID}
		have := values{g.PatientControlNumber, g.Note, g.Lines[0].Procedure.Code, g.Lines[0].ControlNumber,
			g.Patient.Name.Last, g.Patient.Name.First, g.Coverage.Subscriber.MemberID}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Fatalf("claim %d (-want +got):\n%s", i, diff)
		}
	}
}

// x12MaxBuffered is the x12.Reader's read buffer (it grows only for
// a segment longer than it).
const x12MaxBuffered = 64 << 10

// TestDecodePatientMRN: claims of one patient with and without REF*EA
// keep their own MRN; claims with the same one share a patient, and the
// MRN a claim's own copy takes in place reaches no other claim.
func TestDecodePatientMRN(t *testing.T) {
	t.Parallel()
	mrns := []string{"", "A1", "A1", "", "B2", ""}
	first := baseClaim("C0", "M1")
	var cs []claims.Claim
	for i, m := range mrns {
		c := baseClaim("C"+itoa(i), "M1")
		c.BillingProvider, c.Coverage = first.BillingProvider, first.Coverage
		c.Patient = &claims.Patient{Person: first.Patient.Person, MRN: m}
		cs = append(cs, c)
	}
	got := encodeDecode(t, cs)
	for i, c := range got {
		if c.Patient.MRN != mrns[i] || c.Patient.Person != first.Patient.Person {
			t.Errorf("claim %d: patient MRN %q, want %q", i, c.Patient.MRN, mrns[i])
		}
	}
	if got[1].Patient != got[2].Patient {
		t.Error("claims with the same MRN do not share their patient")
	}
	if got[0].Patient == got[1].Patient || got[3].Patient == got[4].Patient {
		t.Error("claims with different MRNs share a patient")
	}
}

// encodeDecode encodes cs and decodes them back, failing on any problem.
func encodeDecode(t *testing.T, cs []claims.Claim) []claims.Claim {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Encode(&buf, cs, testOptions()); err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatal(err, doc.Problems)
	}
	got := doc.Claims()
	if len(got) != len(cs) {
		t.Fatalf("decoded %d claims, want %d", len(got), len(cs))
	}
	return got
}
