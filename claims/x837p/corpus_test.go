package x837p

import (
	"bytes"
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

const corpusDir = "../../../shared/corpus/837p"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*"))
	if err != nil || len(files) == 0 {
		t.Skip("corpus not found at " + corpusDir)
	}
	return files
}

// fixedNumbers hands out the control numbers a decoded set was sent with.
type fixedNumbers struct{ isa, gs, st int64 }

func (f *fixedNumbers) Next(k x12.ControlKind) (int64, error) {
	switch k {
	case x12.InterchangeControl:
		return f.isa, nil
	case x12.GroupControl:
		return f.gs, nil
	}
	return f.st, nil
}

// reencodeSet writes one decoded transaction set back with the partner,
// delimiters, dates and control numbers it was read with.
func reencodeSet(tx *Transaction, d x12.Delimiters) ([]byte, error) {
	p := DefaultPartner()
	p.Submitter = tx.Submitter
	p.Receiver = tx.Receiver
	ih := tx.Interchange
	p.Envelope = Envelope{
		SenderQualifier: ih.SenderQualifier, SenderID: ih.SenderID,
		ReceiverQualifier: ih.ReceiverQualifier, ReceiverID: ih.ReceiverID,
		ApplicationSender: tx.Group.SenderCode, ApplicationReceiver: tx.Group.ReceiverCode,
		Usage: ih.Usage, AckRequested: ih.AckRequested == "1",
	}
	p.TransactionType = tx.Header.Type
	tm, _ := x12.ParseTM([]byte(tx.Header.Time))
	num := func(s string) int64 { v, _ := strconv.ParseInt(s, 10, 64); return v }
	var buf bytes.Buffer
	_, err := EncodeClaims(&buf, tx.Claims, Options{
		Partner: p, Date: tx.Header.Date, Time: tm,
		ControlNumbers: &fixedNumbers{num(ih.ControlNumber), num(tx.Group.ControlNumber), num(tx.Set.ControlNumber)},
		Reference:      tx.Header.Reference, Purpose: tx.Header.Purpose,
		Delimiters: d, PreserveCase: true,
	})
	return buf.Bytes(), err
}

// setSegments returns the segments strictly between each ST and its SE,
// as text, one slice per set.
func setSegments(t testing.TB, b []byte) [][]string {
	t.Helper()
	r := x12.NewReader(bytes.NewReader(b))
	var out [][]string
	in := false
	for {
		s, err := r.Next()
		if err != nil {
			break
		}
		switch s.ID {
		case "ST":
			out = append(out, nil)
			in = true
			continue
		case "SE":
			in = false
		}
		if in {
			out[len(out)-1] = append(out[len(out)-1], string(s.Bytes()))
		}
	}
	return out
}

// refusal is why the encoder refuses to write a corpus file back: the
// file itself breaks an 837P rule. The test checks the rule on the
// decoded claim, independently of the encoder's error.
type refusal int

const (
	// pointerPastDiagnoses: a line points (SV107) at a diagnosis the claim
	// does not have.
	pointerPastDiagnoses refusal = iota + 1
	// noDiagnosis: a claim has no HI with ABK/BK codes.
	noDiagnosis
)

// corpusCase says how a corpus file re-encodes when it does not give the
// same segments back.
type corpusCase struct {
	why string
	// refused: the encoder refuses the first claim with this defect.
	refused refusal
	// diff: the segments of the file's sets that change ("-" read,
	// "+" written), in order.
	diff []string
	// sets: how many sets the file's sets become, when not one each.
	sets int
}

var imswebWhy = "synthetic file: HI*BK*8901*BF*87200*BF:5559 puts qualifier and code in separate elements, " +
	"so only one diagnosis is read and SV107 pointer 2 points past it (SE01 and CLM02 are wrong too, reported as problems)"

// corpusCases lists every corpus file that does not re-encode to the same
// segments, with the precise reason. Files not listed must.
var corpusCases = map[string]corpusCase{
	"imsweb__x12_many_claims.txt":                {why: imswebWhy, refused: pointerPastDiagnoses},
	"imsweb__x12_multiple_gs.txt":                {why: imswebWhy, refused: pointerPastDiagnoses},
	"imsweb__x12_multiple_isa.txt":               {why: imswebWhy, refused: pointerPastDiagnoses},
	"imsweb__x12_multiple_st.txt":                {why: imswebWhy, refused: pointerPastDiagnoses},
	"imsweb__x12_multiple_transactions.txt":      {why: imswebWhy, refused: pointerPastDiagnoses},
	"imsweb__x12_valid_different_separators.txt": {why: imswebWhy, refused: pointerPastDiagnoses},
	"moov-x12__sample.txt": {
		why:     "claim 2 (and 3 to 8) have one diagnosis (HI*BK<5990) but lines point at two (SV107 1<2)",
		refused: pointerPastDiagnoses,
	},
	"oopfactory__MedicaidExample.txt": {
		why:     "masked file: the claims have no HI segment (and SV101-1 is XX), so there is no diagnosis to point at",
		refused: noDiagnosis,
	},
	"lfh-x12__demo.autoaccident.837": {
		why: "amounts and units are written with trailing zeros (185.00, 1.00); the encoder writes the minimal X12 R form",
		diff: []string{
			"+CLM*900000032*185***11:B:1*Y*A*Y*Y**AA:::CA", "-CLM*900000032*185.00***11:B:1*Y*A*Y*Y**AA:::CA",
			"+SV1*HC:99201*150*UN*1***1**Y", "-SV1*HC:99201*150.00*UN*1.00***1**Y",
			"+SV1*HC:26010*35*UN*1***1**Y", "-SV1*HC:26010*35.00*UN*1.00***1**Y",
		},
	},
	"stupidedi__ambulance.edi": {
		why: "amounts are written with trailing zeros (766.50, 8.20, 12.30); the encoder writes the minimal X12 R form",
		diff: []string{
			"+CLM*051068*766.5***41:B:1*Y*A*Y*Y*P*OA", "-CLM*051068*766.50***41:B:1*Y*A*Y*Y*P*OA",
			"+SV1*HC:A0425:RH*8.2*UN*21***1:2:3:4**Y", "-SV1*HC:A0425:RH*8.20*UN*21***1:2:3:4**Y",
			"+SV1*HC:A0382:RH*12.3*UN*1***1:2:3:4**Y", "-SV1*HC:A0382:RH*12.30*UN*1***1:2:3:4**Y",
		},
	},
	"oopfactory__ST1309-XX.txt": {
		why: "SV105 repeats the claim's place of service (11); the encoder writes SV105 only when the line's differs",
		diff: []string{
			"+SV1*HC:99204*250*UN*1***1", "-SV1*HC:99204*250*UN*1*11**1",
			"+SV1*HC:73610*110*UN*1***1", "-SV1*HC:73610*110*UN*1*11**1",
		},
	},
	"stupidedi__drug-administered-in-the-physician-office.edi": {
		why: "SV105 repeats the claim's place of service (11); the encoder writes SV105 only when the line's differs",
		diff: []string{
			"+SV1*HC:90782*50*UN*1***1", "-SV1*HC:90782*50*UN*1*11**1",
			"+SV1*HC:J1550*53.37*UN*1***1", "-SV1*HC:J1550*53.37*UN*1*11**1",
		},
	},
	"stupidedi__home-infusion-therapy-pharmacy-_adjudicated-with-HCPCS-in-loop-2400-or-NDC-in-loop-2410_.edi": {
		why: "SV105 repeats the claim's place of service (12), and amounts have trailing zeros (1400.00, 682.50, 10.50)",
		diff: []string{
			"+SV1*HC:S9500*1400*UN*7***1", "-SV1*HC:S9500*1400.00*UN*7*12**1",
			"+SV1*HC:J0696*682.5*UN*56***1", "-SV1*HC:J0696*682.50*UN*56*12**1",
			"+SV1*HC:J7051*15.12*UN*28***1", "-SV1*HC:J7051*15.12*UN*28*12**1",
			"+SV1*HC:J3490:::::Sod Chl 0.9%see NDC#*67.69*UN*7***1", "-SV1*HC:J3490:::::Sod Chl 0.9%see NDC#*67.69*UN*7*12**1",
			"+SV1*HC:J3490:::::Sod Chl 0.9% see NDC#*57.12*UN*14***1", "-SV1*HC:J3490:::::Sod Chl 0.9% see NDC#*57.12*UN*14*12**1",
			"+SV1*HC:J3490:::::Hep Lock see NDC#*10.5*UN*7***1", "-SV1*HC:J3490:::::Hep Lock see NDC#*10.50*UN*7*12**1",
		},
	},
	"staedi__sample837-original.edi": {
		why:  "the submitter PER lists the email before the phone; Contact writes phone, extension, email, fax in that order",
		diff: []string{"+PER*IC*EDI DEPT*TE*3305551212*EM*FEEDBACK@example.com", "-PER*IC*EDI DEPT*EM*FEEDBACK@example.com*TE*3305551212"},
	},
	"oopfactory__Example1_2_And_3_Combined.txt": {
		why: "the first set holds two billing providers (HL 1 and HL 4); the encoder writes one set per billing provider " +
			"and numbers HL from 1 in each; HL 5's SBR puts CI in SBR08 (not used), reported as a problem and not kept",
		sets: 3,
		diff: []string{
			"+BHT*0019*00*244579*20061015*1023*CH", "+NM1*41*2*PREMIER BILLING SERVICE*****46*TGJ23",
			"+PER*IC*JERRY*TE*3055552222*EX*231", "+NM1*40*2*KEY INSURANCE COMPANY*****46*66783JJT",
			"+HL*1**20*1", "-HL*4**20*1", "+HL*2*1*22*1", "+SBR*P", "-HL*5*4*22*1", "-SBR*P*******CI",
			"+HL*3*2*23*0", "-HL*6*5*23*0",
		},
	},
}

// TestCorpus decodes every 837P of the shared corpus (problems are
// reported with positions inside the file, never a panic or a lost set)
// and writes each set back with the partner, delimiters, dates and control
// numbers it was read with: the segments between ST and SE must be the
// same, or differ exactly as corpusCases says and why.
func TestCorpus(t *testing.T) {
	t.Parallel()
	files := corpusFiles(t)
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Decode(bytes.NewReader(b), DecodeOptions{File: name})
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			for _, p := range doc.Problems {
				if p.Pos.Offset < 0 || p.Pos.Offset > int64(len(b)) || p.File != name {
					t.Errorf("problem outside the file: %v", p)
				}
			}
			orig := setSegments(t, b)
			if len(orig) != len(doc.Transactions) {
				t.Fatalf("decoded %d sets, the file has %d", len(doc.Transactions), len(orig))
			}
			r := x12.NewReader(bytes.NewReader(b))
			if _, err := r.Next(); err != nil {
				t.Fatal(err)
			}
			cc := corpusCases[name]
			var diff []string
			sets := 0
			for i := range doc.Transactions {
				tx := &doc.Transactions[i]
				out, err := reencodeSet(tx, r.Delimiters())
				if cc.refused != 0 {
					checkRefusal(t, tx, err, cc.refused)
					return
				}
				if err != nil {
					t.Fatalf("set %s: %v", tx.Set.ControlNumber, err)
				}
				got := setSegments(t, out)
				sets += len(got)
				diff = append(diff, lineDiff(orig[i], slices.Concat(got...))...)
			}
			if cc.refused != 0 {
				t.Fatal("no set to refuse")
			}
			if want := cmp.Or(cc.sets, len(doc.Transactions)); sets != want {
				t.Errorf("re-encoded into %d sets, want %d", sets, want)
			}
			if d := gocmp.Diff(cc.diff, diff); d != "" {
				t.Errorf("re-encoded segments differ from the expected (%s) (-want +got):\n%s", cmp.Or(cc.why, "none"), d)
			}
		})
	}
	for name := range corpusCases {
		if !seen[name] {
			t.Errorf("corpusCases lists %s, which is not in the corpus", name)
		}
	}
}

// checkRefusal checks that the encoder refused the set because of the
// defect, and that the decoded claim it names has it.
func checkRefusal(t *testing.T, tx *Transaction, err error, why refusal) {
	t.Helper()
	var ce *ClaimError
	if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidClaim) {
		t.Fatalf("set %s: want a ClaimError, got %v", tx.Set.ControlNumber, err)
	}
	c := tx.Claims[ce.Index]
	switch why {
	case pointerPastDiagnoses:
		if ce.Line < 1 || ce.Line > len(c.Lines) {
			t.Fatalf("claim %s: refused line %d of %d", c.PatientControlNumber, ce.Line, len(c.Lines))
		}
		if slices.Max(c.Lines[ce.Line-1].DiagnosisPointers) <= len(c.Diagnoses) {
			t.Errorf("claim %s line %d: pointers %v within %d diagnoses", c.PatientControlNumber, ce.Line, c.Lines[ce.Line-1].DiagnosisPointers, len(c.Diagnoses))
		}
	case noDiagnosis:
		if len(c.Diagnoses) != 0 {
			t.Errorf("claim %s has diagnoses %v", c.PatientControlNumber, c.Diagnoses)
		}
	}
}

// lineDiff returns the lines removed (-) and added (+) from a to b, by a
// longest common subsequence.
func lineDiff(a, b []string) []string {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+"+b[j])
			j++
		default:
			out = append(out, "-"+a[i])
			i++
		}
	}
	return out
}
