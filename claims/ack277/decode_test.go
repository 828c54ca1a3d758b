package ack277

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

// interchange wraps sets (segments separated by "~\n") in ISA/GS/GE/IEA.
func interchange(groups ...string) string {
	isa := "ISA*00*          *00*          *ZZ*CLEARHOUSE01   *ZZ*CLAIMKIT01     *260301*1200*^*00501*000000900*0*P*:~\n"
	return isa + strings.Join(groups, "") + "IEA*" + string(rune('0'+len(groups))) + "*000000900~\n"
}

func group(ctl, fid, version string, sets ...string) string {
	return "GS*" + fid + "*CH*CK*20260302*1015*" + ctl + "*X*" + version + "~\n" + strings.Join(sets, "") +
		"GE*" + string(rune('0'+len(sets))) + "*" + ctl + "~\n"
}

// set277 is a minimal 277CA set with one claim.
func set277(ctl, pcn, stc string) string {
	segs := []string{
		"ST*277*" + ctl + "*005010X214", "BHT*0085*08*" + ctl + "*20260302*1015*TH",
		"HL*1**20*1", "NM1*PR*2*PAYER*****PI*P1", "TRN*1*T1",
		"HL*2*1*21*1", "NM1*41*2*SUBMITTER*****46*S1", "TRN*2*B1", "STC*A1:19:PR*20260302*WQ*10",
		"HL*3*2*19*1", "NM1*85*2*CLINIC*****XX*1234567893", "TRN*1*0",
		"HL*4*3*PT", "NM1*QC*1*DOE*JANE****MI*M1", "TRN*2*" + pcn, stc,
	}
	segs = append(segs, "SE*"+itoa(len(segs)+1)+"*"+ctl)
	return strings.Join(segs, "~\n") + "~\n"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func pcns(acks []*Acknowledgment) []string {
	var out []string
	for _, a := range acks {
		for _, c := range a.Claims() {
			out = append(out, a.ControlNumber+"/"+c.Claim.PatientControlNumber+"/"+string(c.Claim.Outcome()))
		}
	}
	return out
}

func TestDecodeSetsAndSkips(t *testing.T) {
	t.Parallel()
	ack999 := "ST*999*0003*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0003~\n"
	in := interchange(
		group("1", "HN", "005010X214", set277("0001", "PCN-1", "STC*A2:20*20260302*WQ*10"), set277("0002", "PCN-2", "STC*A7:21*20260302*U*10")),
		group("2", "FA", "005010X231A1", ack999),
	)
	acks, problems, err := DecodeAll(strings.NewReader(in), "mixed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0001/PCN-1/accepted", "0002/PCN-2/rejected"}, pcns(acks)); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	if len(problems) != 1 || !errors.Is(problems[0], ErrNot277) {
		t.Fatalf("problems %v, want one ErrNot277", problems)
	}
	p := problems[0].Pos
	if p.SegmentID != "ST" || p.Element != 1 || in[p.Offset:p.Offset+6] != "ST*999" {
		t.Errorf("ErrNot277 at %+v, want ST01 of the 999 set", p)
	}
	if acks[1].GroupControlNumber != "1" || acks[1].InterchangeControlNumber != "000000900" || acks[1].Version != Version {
		t.Errorf("envelope fields %q %q %q", acks[1].GroupControlNumber, acks[1].InterchangeControlNumber, acks[1].Version)
	}
}

// A set without SE is returned when the next ST starts, and that ST is
// not lost.
func TestDecodeMissingSE(t *testing.T) {
	t.Parallel()
	first := strings.Replace(set277("0001", "PCN-1", "STC*A2:20*20260302*WQ*10"), "SE*17*0001~\n", "", 1)
	in := interchange(group("1", "HN", "005010X214", first, set277("0002", "PCN-2", "STC*A2:20*20260302*WQ*10")))
	acks, problems, err := DecodeAll(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0001/PCN-1/accepted", "0002/PCN-2/accepted"}, pcns(acks)); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	var codes []string
	for _, p := range problems {
		codes = append(codes, p.Code.Kind+" "+p.Code.Value)
	}
	if diff := cmp.Diff([]string{"IK5 2"}, codes); diff != "" {
		t.Errorf("envelope problems (-want +got):\n%s\n%v", diff, problems)
	}
}

func TestDecodeNo277(t *testing.T) {
	t.Parallel()
	in := interchange(group("2", "FA", "005010X231A1", "ST*999*0003*005010X231A1~\nAK9*A*1*1*1~\nSE*3*0003~\n"))
	d := NewDecoder(strings.NewReader(in))
	d.File = "ack.999"
	_, err := d.Next()
	var xe *x12.Error
	if !errors.Is(err, ErrNoClaims) || !errors.As(err, &xe) {
		t.Fatalf("err %v, want an *x12.Error wrapping ErrNoClaims", err)
	}
	if xe.File != "ack.999" || xe.Pos.Offset != int64(len(in)) {
		t.Errorf("error at %q %+v, want the end of ack.999", xe.File, xe.Pos)
	}
	if len(d.Problems()) != 1 || !errors.Is(d.Problems()[0], ErrNot277) {
		t.Errorf("problems %v", d.Problems())
	}
}

func TestDecodeSyntaxError(t *testing.T) {
	t.Parallel()
	_, _, err := DecodeAll(strings.NewReader("hello, this is not X12"), "notes.txt")
	var xe *x12.Error
	if !errors.Is(err, x12.ErrNoISA) || !errors.As(err, &xe) || xe.File != "notes.txt" {
		t.Fatalf("err %v, want a positioned x12.ErrNoISA", err)
	}
	// Sticky: the next call returns the same error.
	d := NewDecoder(strings.NewReader("junk"))
	_, err1 := d.Next()
	_, err2 := d.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("errors not sticky: %v then %v", err1, err2)
	}
}

// TestDecodeReaders feeds a file through readers that return little data
// at a time or fail, and expects the same result or the read error.
func TestDecodeReaders(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "line_rejected.edi"))
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := DecodeAll(bytes.NewReader(data), "f")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]io.Reader{
		"one byte": iotest.OneByteReader(bytes.NewReader(data)),
		"half":     iotest.HalfReader(bytes.NewReader(data)),
		"data err": iotest.DataErrReader(bytes.NewReader(data)),
	} {
		got, problems, err := DecodeAll(r, "f")
		if err != nil || len(problems) != 0 {
			t.Errorf("%s: err %v, problems %v", name, err, problems)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	boom := errors.New("disk on fire")
	_, _, err = DecodeAll(io.MultiReader(bytes.NewReader(data[:300]), iotest.ErrReader(boom)), "f")
	if !errors.Is(err, boom) {
		t.Errorf("err %v, want the read error", err)
	}
}

// TestDecodeModel checks the typed model of one claim field by field.
func TestDecodeModel(t *testing.T) {
	t.Parallel()
	ack := readAck(t, "rejected.edi")
	src := ack.Sources[0]
	if src.Stage != StageClearinghouse || src.Party.ID != "CH0001" || src.TraceNumber != "CHTRACE102" || src.Received.String() != "2026-03-02" {
		t.Errorf("source %+v", src)
	}
	rcv := src.Receivers[0]
	if rcv.TraceNumber != "BATCH0042" || *rcv.RejectedCount != 1 || rcv.RejectedAmount.String() != "150" || rcv.AcceptedCount != nil {
		t.Errorf("receiver totals %+v", rcv.Totals)
	}
	prv := rcv.Providers[0]
	if prv.Party.ID != "1234567893" || prv.Party.IDQualifier != "XX" || len(prv.References) != 1 || prv.References[0] != (Reference{"TJ", "123456789"}) {
		t.Errorf("provider %+v", prv)
	}
	c := prv.Claims[0]
	st := c.Statuses[0]
	wantCodes := []StatusCode{{Category: "A7", Code: "562", Entity: "85"}, {Category: "A7", Code: "128", Entity: "85"}}
	if diff := cmp.Diff(wantCodes, st.Codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if st.Action != ActionReject || st.Amount.String() != "150" || st.Message != "BILLING PROVIDER NPI AND TAX ID DO NOT MATCH" || st.Date.String() != "2026-03-02" {
		t.Errorf("status %+v", st)
	}
	if c.PatientControlNumber != "RPM-1003" || c.ClearinghouseTrace != "CH778900" || c.Service.From.String() != "2026-02-01" || c.Service.To.String() != "2026-02-28" {
		t.Errorf("claim %+v", c)
	}
	if c.Patient.EntityCode != "QC" || c.Patient.Name.Last != "DOE" || c.Patient.IDQualifier != "MI" {
		t.Errorf("patient %+v", c.Patient)
	}
	if st.Pos.SegmentID != "STC" || st.Pos.SetPosition != 23 {
		t.Errorf("status position %+v", st.Pos)
	}
}

func TestProblemsAreTyped(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "problems.edi"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, problems, err := DecodeAll(f, "problems.edi")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		var kind string
		for _, s := range []error{ErrStructure, ErrMissing, ErrBadValue} {
			if errors.Is(p, s) {
				kind = s.Error()
			}
		}
		got = append(got, p.Pos.SegmentID+pad2(p.Pos.Element)+" "+kind)
	}
	want := []string{
		"STC00 ack277: segment out of place",
		"STC02 ack277: bad value",
		"STC04 ack277: bad value",
		"QTY02 ack277: bad value",
		"HL02 ack277: segment out of place",
		"STC01 ack277: required value missing",
		"HL00 ack277: required value missing",
		"DTP03 ack277: bad value",
		"HL03 ack277: segment out of place",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if err := problems.Err(); !errors.Is(err, ErrBadValue) {
		t.Errorf("ErrorList does not unwrap to its items: %v", err)
	}
}

func TestIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fid, version string
		want         bool
	}{
		{"HN", "005010X214", true},
		{"277", "005010X214", true},
		{"HN", "005010X212", false},
		{"FA", "005010X231A1", false},
		{"HC", "005010X214", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := Is(tt.fid, tt.version); got != tt.want {
			t.Errorf("Is(%q, %q) = %v, want %v", tt.fid, tt.version, got, tt.want)
		}
	}
}

// A claim whose provider level is missing is kept under an empty
// provider, and the gap is reported at the claim's HL.
func TestDecodeMissingLevelKeepsClaim(t *testing.T) {
	t.Parallel()
	set := set277("0001", "PCN-9", "STC*A2:20*20260302*WQ*10")
	set = strings.Replace(set, "HL*3*2*19*1~\nNM1*85*2*CLINIC*****XX*1234567893~\nTRN*1*0~\nHL*4*3*PT~", "HL*4*2*PT~", 1)
	set = strings.Replace(set, "SE*17*", "SE*14*", 1)
	in := interchange(group("1", "HN", "005010X214", set))
	acks, problems, err := DecodeAll(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0001/PCN-9/accepted"}, pcns(acks)); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	if len(problems) != 1 || !errors.Is(problems[0], ErrStructure) || problems[0].Pos.SegmentID != "HL" ||
		!strings.Contains(problems[0].Msg, "no enclosing 2000C") {
		t.Errorf("problems %v", problems)
	}
	if p := acks[0].Sources[0].Receivers[0].Providers[0]; p.Party.EntityCode != "" {
		t.Errorf("placeholder provider has data: %+v", p.Party)
	}
}
