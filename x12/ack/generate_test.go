package ack

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
)

const claims837 = `ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*CLEARINGHOUSE  *260115*1200*^*00501*000000101*1*P*:~
GS*HC*SUB*CH*20260115*1200*501*X*005010X222A1~
ST*837*0001*005010X222A1~
BHT*0019*00*B1*20260115*1200*CH~
HL*1**20*1~
HL*2*1*22*0~
CLM*PCN-1*150***11:B:1*Y*A*Y*Y~
SV1*HC:99457*150*UN*1***1~
HL*3*1*22*0~
CLM*PCN-2*75***11:B:1*Y*A*Y*Y~
DTP*472*D8*20260110~
SE*10*0001~
ST*837*0002*005010X222A1~
BHT*0019*00*B2*20260115*1200*CH~
SE*5*0002~
GE*2*501~
IEA*1*000000101~
`

// respond runs For over in and writes the response with fixed headers.
func respond(t *testing.T, in string, opts Options) (*Response, string) {
	t.Helper()
	resp, err := For(x12.NewReader(strings.NewReader(in)), opts)
	if err != nil {
		t.Fatalf("For: %v", err)
	}
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1)
	err = resp.Write(w,
		x12.InterchangeHeader{SenderID: "CLEARINGHOUSE", ReceiverID: "SUBMITTER", Date: x12.NewDate(2026, 1, 16), Time: x12.TimeOfDay{Hour: 8, Precision: 4}},
		x12.GroupHeader{SenderCode: "CH", ReceiverCode: "SUB", Date: x12.NewDate(2026, 1, 16), Time: x12.TimeOfDay{Hour: 8, Precision: 4}})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return resp, buf.String()
}

// positionOf returns the position of the first segment of in with id
// whose first element is e1, narrowed to element el.
func positionOf(t *testing.T, in, id, e1 string, el int) x12.Position {
	t.Helper()
	x := x12.NewReader(strings.NewReader(in))
	for {
		s, err := x.Next()
		if err != nil {
			t.Fatalf("no %s*%s in input", id, e1)
		}
		if s.ID == id && s.Value(1) == e1 {
			return s.PosAt(el)
		}
	}
}

func TestFor(t *testing.T) {
	t.Parallel()
	clm := positionOf(t, claims837, "CLM", "PCN-2", 5).WithComponent(5, 1)
	dtp := positionOf(t, claims837, "DTP", "472", 0)
	opts := Options{Errors: x12.ErrorList{
		{Pos: clm, Code: x12.Code{Kind: "IK4", Value: "7"}, Msg: "place of service 11 not allowed"},
		{Pos: dtp, Code: x12.Code{Kind: "IK3", Value: "I4"}},
	}}
	_, got := respond(t, claims837, opts)
	want := `ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*SUBMITTER      *260116*0800*^*00501*000000001*0*P*:~
TA1*000000101*260115*1200*A*000~
GS*FA*CH*SUB*20260116*0800*1*X*005010X231A1~
ST*999*0001*005010X231A1~
AK1*HC*501*005010X222A1~
AK2*837*0001*005010X222A1~
IK3*CLM*8**8~
CTX*CLM01:PCN-2~
IK4*5:1**7~
IK3*DTP*9**I4~
CTX*CLM01:PCN-2~
IK5*R*5~
AK2*837*0002*005010X222A1~
IK5*R*4~
AK9*R*2*2*0~
SE*13*0001~
GE*1*1~
IEA*1*000000001~
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
}

func TestForEnvelopeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{
			name: "IEA02 differs: TA1 R 001, no 999",
			in:   strings.Replace(claims837, "IEA*1*000000101", "IEA*1*000000102", 1),
			want: "TA1*000000101*260115*1200*R*001~\n",
		},
		{
			name: "no IEA: TA1 R 023",
			in:   strings.Replace(claims837, "IEA*1*000000101~\n", "", 1),
			want: "TA1*000000101*260115*1200*R*023~\n",
		},
		{
			name: "GE01 wrong: the group is rejected",
			in:   strings.Replace(strings.Replace(claims837, "GE*2*501", "GE*3*501", 1), "SE*5*0002", "SE*3*0002", 1),
			want: "TA1*000000101*260115*1200*A*000~\nGS*FA*CH*SUB*20260116*0800*1*X*005010X231A1~\nST*999*0001*005010X231A1~\n" +
				"AK1*HC*501*005010X222A1~\nAK2*837*0001*005010X222A1~\nIK5*A~\nAK2*837*0002*005010X222A1~\nIK5*A~\n" +
				"AK9*R*3*2*2*5~\nSE*8*0001~\nGE*1*1~\n",
		},
		{
			name: "no ack requested, all accepted: a 999 and no TA1",
			in:   strings.Replace(strings.Replace(claims837, "*000000101*1*P", "*000000101*0*P", 1), "SE*5*0002", "SE*3*0002", 1),
			want: "GS*FA*CH*SUB*20260116*0800*1*X*005010X231A1~\nST*999*0001*005010X231A1~\n" +
				"AK1*HC*501*005010X222A1~\nAK2*837*0001*005010X222A1~\nIK5*A~\nAK2*837*0002*005010X222A1~\nIK5*A~\n" +
				"AK9*A*2*2*2~\nSE*8*0001~\nGE*1*1~\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, got := respond(t, tt.in, Options{})
			// Drop the ISA and IEA of the response.
			lines := strings.SplitAfter(got, "\n")
			got = strings.Join(lines[1:len(lines)-2], "")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
		})
	}
}

func TestForNoInterchange(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "GS*HC*A*B*20260101*1200*1*X*005010X222A1~", "\xff\xfeI\x00S\x00A\x00"} {
		if _, err := For(x12.NewReader(strings.NewReader(in)), Options{}); !errors.Is(err, ErrNoInterchange) {
			t.Errorf("For(%q) error %v, want ErrNoInterchange", in, err)
		}
	}
}

// TestForCorpus answers every corpus file For can answer and checks the
// response reads back with no problem at all, with one 999 per group of
// each accepted interchange.
func TestForCorpus(t *testing.T) {
	t.Parallel()
	if _, err := filepath.Glob(corpusDir); err != nil {
		t.Skip(err)
	}
	n := 0
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) == ".md" {
			return err
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			data := readBytes(t, path)
			resp, err := For(x12.NewReader(bytes.NewReader(data)), Options{})
			if errors.Is(err, ErrNoInterchange) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, out := respond(t, string(data), Options{})
			if len(resp.TA1s) == 0 && len(resp.Acknowledgments) == 0 {
				if out != "" {
					t.Errorf("nothing to send, but Write wrote %q", out)
				}
				return
			}
			f := decode(t, out)
			if len(f.Problems) != 0 {
				t.Errorf("response has problems: %v\n%s", f.Problems, out)
			}
			if len(f.Acknowledgments) != len(resp.Acknowledgments) || len(f.TA1s) != len(resp.TA1s) {
				t.Errorf("read back %d 999s and %d TA1s, built %d and %d", len(f.Acknowledgments), len(f.TA1s), len(resp.Acknowledgments), len(resp.TA1s))
			}
			for i, a := range f.Acknowledgments {
				resp.Acknowledgments[i].ControlNumber = a.ControlNumber
				a.InterchangeControlNumber, a.GroupControlNumber = "", ""
				if diff := cmp.Diff(&resp.Acknowledgments[i], a, ignorePos); diff != "" {
					t.Errorf("999 %d read back differs (-built +read):\n%s", i, diff)
				}
			}
		})
		return nil
	})
	if err != nil || n == 0 {
		t.Skipf("corpus not available: %v", err)
	}
}
