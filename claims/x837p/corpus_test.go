package x837p

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

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

// reencode writes one decoded transaction set back with the partner,
// delimiters, dates and control numbers it was read with.
func reencode(t testing.TB, tx *Transaction, d x12.Delimiters) []byte {
	t.Helper()
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
	if err != nil {
		t.Errorf("re-encode set %s: %v", tx.Set.ControlNumber, err)
	}
	return buf.Bytes()
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

func TestCorpusExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	for _, f := range corpusFiles(t) {
		b, _ := os.ReadFile(f)
		doc, err := Decode(bytes.NewReader(b), DecodeOptions{File: filepath.Base(f)})
		t.Logf("== %s: err=%v problems=%d sets=%d", filepath.Base(f), err, len(doc.Problems), len(doc.Transactions))
		for i, p := range doc.Problems {
			if i < 3 {
				t.Logf("   problem: %v", p)
			}
		}
		orig := setSegments(t, b)
		r := x12.NewReader(bytes.NewReader(b))
		r.Next()
		d := r.Delimiters()
		for i := range doc.Transactions {
			got := setSegments(t, reencode(t, &doc.Transactions[i], d))
			if len(got) != 1 {
				t.Logf("   set %d re-encoded into %d sets", i, len(got))
			}
			var all []string
			for _, g := range got {
				all = append(all, g...)
			}
			diff := lineDiff(orig[i], all)
			for k, l := range diff {
				if k < 30 {
					t.Logf("   %s", l)
				}
			}
			if i > 2 {
				break
			}
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
