package sim

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/ack"
)

// Envelope addresses the responses and stamps them: who sends them
// (the clearinghouse), who receives them (the submitter), where the
// control numbers come from, and the date and time they are made.
type Envelope struct {
	// SenderQualifier and SenderID are ISA05/ISA06 of the responses;
	// empty means the receiver of the received interchange (its
	// ISA07/ISA08). ReceiverQualifier and ReceiverID are ISA07/ISA08;
	// empty means the received sender. GS02/GS03 are the same IDs.
	SenderQualifier, SenderID     string
	ReceiverQualifier, ReceiverID string
	// Usage is ISA15; empty means the received interchange's.
	Usage string
	// ControlNumbers hands out ISA13, GS06 and ST02 of the responses,
	// in the order the files are returned. Required.
	ControlNumbers x12.ControlNumbers
	// Date and Time are when the file is processed: they stamp the
	// envelopes, the 277CA statuses and the 835 production date. Date
	// is also the as-of date of the edits (a service date after it is
	// rejected). Date is required.
	Date x12.Date
	Time x12.TimeOfDay
	// PaymentDate is the check date (BPR16); zero means Date.
	PaymentDate x12.Date
}

// File is one response file: its name (a plain local file name, no
// directory) and its content.
type File struct {
	Name string
	Data []byte
}

// Version numbers of the responses.
const (
	Version277CA = "005010X214"
	Version835   = "005010X221A1"
)

// Respond answers one received file, an 837P interchange named name,
// with the files a clearinghouse and payer send back, in this order:
//
//   - <base>.999: a 999 per functional group of each accepted
//     interchange (IK3/IK4 loops for envelope and 837P structure
//     problems, CTX*CLM01 naming the claim), and a TA1 when ISA14 is 1;
//     when the envelope itself is bad the interchange is rejected with a
//     TA1 alone and the file is named <base>.ta1;
//   - <base>.277: a 277CA transaction set per 837 transaction set the
//     999 accepted, every claim accepted (STC A2:20) or rejected by the
//     payer's edits (A7:562:85 missing or invalid billing NPI, A3:116:PR
//     wrong payer, A7:164:IL no member ID, A7:254 no diagnosis, A7:178
//     zero charge, A7:187 service date missing or after env.Date);
//   - <base>.835: one 835 transaction set (one check) per billing
//     provider with accepted claims, each claim adjudicated as Payer
//     says, balanced at service, claim and check level.
//
// <base> is name without its directory and last extension. A file with
// no accepted claims gets no 835; a rejected interchange gets neither a
// 277CA nor an 835. Respond returns an error wrapping ErrNotInterchange
// when data holds no ISA at all, and ErrEnvelope when env lacks its
// control numbers or date.
func (p Payer) Respond(name string, data []byte, env Envelope) ([]File, error) {
	if env.ControlNumbers == nil || env.Date.IsZero() {
		return nil, fmt.Errorf("%w: control numbers and date are required", ErrEnvelope)
	}
	if env.PaymentDate.IsZero() {
		env.PaymentDate = env.Date
	}
	base := baseName(name)
	doc, docErr := x837p.Decode(bytes.NewReader(data), x837p.DecodeOptions{File: name})
	rx, missing := scan(data)
	resp, err := ack.For(x12.NewReader(bytes.NewReader(data)), ack.Options{Errors: append(structureProblems(doc), missing...)})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNotInterchange, base, err)
	}
	if err := answerable(resp, rx); err != nil {
		err.File = name
		return nil, err
	}
	cleanResponse(resp)
	w := newResponder(&p, &env, rx)

	var files []File
	ackName := base + ".999"
	if len(resp.Acknowledgments) == 0 {
		ackName = base + ".ta1"
	}
	out, err := w.write(func(xw *x12.Writer) error {
		return resp.Write(xw, w.isa(), w.gs("FA", ack.Version999))
	})
	if err != nil {
		return nil, fmt.Errorf("sim: %s: writing the acknowledgment: %w", base, err)
	}
	files = append(files, File{Name: ackName, Data: out})

	if docErr != nil && len(doc.Transactions) == 0 {
		return files, nil
	}
	accepted := acceptedSets(resp)
	var sets []*x837p.Transaction
	for i := range doc.Transactions {
		tx := &doc.Transactions[i]
		if accepted[ack.SetKey{Group: tx.Group.ControlNumber, Set: tx.Set.ControlNumber}] {
			sets = append(sets, tx)
		}
	}
	if len(sets) == 0 {
		return files, nil
	}
	batch := w.review(sets)
	out, err = w.write(func(xw *x12.Writer) error { return w.write277(xw, batch) })
	if err != nil {
		return nil, fmt.Errorf("sim: %s: writing the 277CA: %w", base, err)
	}
	files = append(files, File{Name: base + ".277", Data: out})

	checks := w.checks(batch)
	if len(checks) == 0 {
		return files, nil
	}
	out, err = w.write(func(xw *x12.Writer) error { return w.write835(xw, checks) })
	if err != nil {
		return nil, fmt.Errorf("sim: %s: writing the 835: %w", base, err)
	}
	files = append(files, File{Name: base + ".835", Data: out})
	return files, nil
}

// answerable drops from resp what cannot name what it answers: a TA1
// whose interchange has no usable ISA13 or ISA09, a 999 whose group has
// no usable GS01, GS06 or GS08 or a set no ST01 or ST02. When a 999 is dropped the interchange is
// rejected instead, with a TA1 (note 024, invalid interchange content).
// When nothing is left it returns an error wrapping ErrNotInterchange.
func answerable(resp *ack.Response, rx x12.InterchangeHeader) *x12.Error {
	resp.TA1s = slices.DeleteFunc(resp.TA1s, func(t ack.TA1) bool { return !isControlNumber(t.ControlNumber, 9) || t.Date.IsZero() })
	n := len(resp.Acknowledgments)
	resp.Acknowledgments = slices.DeleteFunc(resp.Acknowledgments, func(a ack.Acknowledgment) bool {
		g := &a.Group
		unnamed := func(s ack.SetResponse) bool { return s.ID == "" || s.ControlNumber == "" }
		return g.FunctionalID == "" || g.Version == "" || !isControlNumber(g.ControlNumber, 0) || slices.ContainsFunc(g.Sets, unnamed)
	})
	if len(resp.Acknowledgments) < n && isControlNumber(rx.ControlNumber, 9) && !rx.Date.IsZero() {
		resp.Acknowledgments = nil
		tm := rx.Time
		tm.Precision = 4
		resp.TA1s = []ack.TA1{{ControlNumber: rx.ControlNumber, Date: rx.Date, Time: tm, Status: ack.Rejected, Note: ack.NoteBadContent}}
	}
	if len(resp.TA1s) == 0 && len(resp.Acknowledgments) == 0 {
		return &x12.Error{Pos: rx.Pos, Err: ErrNotInterchange, Msg: "the envelope names no interchange or group that can be answered"}
	}
	return nil
}

// cleanResponse makes the values the acknowledgments echo from the
// received file safe to write with the default delimiters (a file with
// other delimiters may hold ours in its data), and drops element errors
// with no position.
func cleanResponse(resp *ack.Response) {
	for i := range resp.Acknowledgments {
		g := &resp.Acknowledgments[i].Group
		g.FunctionalID, g.ControlNumber, g.Version = clean(g.FunctionalID), clean(g.ControlNumber), clean(g.Version)
		for j := range g.Sets {
			set := &g.Sets[j]
			set.ID, set.ControlNumber, set.Version = clean(set.ID), clean(set.ControlNumber), clean(set.Version)
			for k := range set.Segments {
				se := &set.Segments[k]
				se.SegmentID, se.Loop = clean(se.SegmentID), clean(se.Loop)
				// An element error at position 0 cannot be written (IK401
				// is required): the IK3 alone says the segment is wrong.
				se.Elements = slices.DeleteFunc(se.Elements, func(e ack.ElementError) bool { return e.Position <= 0 })
				for m := range se.BusinessUnits {
					bu := &se.BusinessUnits[m]
					bu.Name, bu.Reference = clean(bu.Name), clean(bu.Reference)
				}
			}
		}
	}
}

// isControlNumber reports whether s is 1 to 9 digits, exactly width
// digits when width is not zero.
func isControlNumber(s string, width int) bool {
	if s == "" || len(s) > 9 || width > 0 && len(s) != width {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// baseName returns name without directories and last extension, made
// safe as a local file name.
func baseName(name string) string {
	b := path.Base(strings.ReplaceAll(name, `\`, "/"))
	if ext := path.Ext(b); ext != "" && ext != b {
		b = strings.TrimSuffix(b, ext)
	}
	b = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, b)
	b = strings.TrimLeft(b, ".")
	if b == "" {
		b = "response"
	}
	return b
}

// structureProblems returns the 837P problems Decode found beyond the
// envelope ones (which ack.For finds itself and which carry their
// acknowledgment code): they go in the 999 as IK3 loops.
func structureProblems(doc *x837p.Document) x12.ErrorList {
	if doc == nil {
		return nil
	}
	var out x12.ErrorList
	for _, p := range doc.Problems {
		if p.Code.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// acceptedSets returns the (GS06, ST02) of the 837 sets the 999s
// accept.
func acceptedSets(resp *ack.Response) map[ack.SetKey]bool {
	out := map[ack.SetKey]bool{}
	for i := range resp.Acknowledgments {
		for k, r := range resp.Acknowledgments[i].Results() {
			if r.Verdict != ack.VerdictRejected && r.SetID == "837" {
				out[k] = true
			}
		}
	}
	return out
}

// scan reads data for what Decode does not report: the ISA the
// responses answer (zero when the input does not start with one) and
// the CLM segments without a patient control number (CLM01), which the
// payer could name in no response: they are IK4 errors (code 1,
// required element missing) for the 999.
func scan(data []byte) (x12.InterchangeHeader, x12.ErrorList) {
	r := x12.NewReader(bytes.NewReader(data))
	var isa x12.InterchangeHeader
	var problems x12.ErrorList
	seen := false
	for {
		seg, err := r.Next()
		if err != nil {
			return isa, problems
		}
		switch {
		case seg.ID == "ISA" && !seen:
			isa, seen = r.Interchange(), true
		case seg.ID == "CLM" && len(bytes.TrimSpace(seg.Element(1))) == 0:
			problems = append(problems, &x12.Error{
				Pos: seg.PosAt(1), Err: ErrNoClaimID, Msg: "CLM01 (patient control number) is required",
				Code: x12.Code{Kind: "IK4", Value: "1"},
			})
		}
	}
}

// responder writes the response files of one received file.
type responder struct {
	p   *Payer
	env *Envelope
	rx  x12.InterchangeHeader
}

func newResponder(p *Payer, env *Envelope, rx x12.InterchangeHeader) *responder {
	return &responder{p: p, env: env, rx: rx}
}

func (w *responder) isa() x12.InterchangeHeader {
	return x12.InterchangeHeader{
		SenderQualifier:   fit(or(w.env.SenderQualifier, w.rx.ReceiverQualifier), 2, "ZZ"),
		SenderID:          fit(or(w.env.SenderID, w.rx.ReceiverID), 15, "CLAIMKITSIM"),
		ReceiverQualifier: fit(or(w.env.ReceiverQualifier, w.rx.SenderQualifier), 2, "ZZ"),
		ReceiverID:        fit(or(w.env.ReceiverID, w.rx.SenderID), 15, "UNKNOWN"),
		Date:              w.env.Date, Time: w.env.Time,
		Usage: usage(or(w.env.Usage, w.rx.Usage)),
	}
}

// usage returns ISA15: u when it is P, T or I, else T.
func usage(u string) string {
	switch u {
	case "P", "T", "I":
		return u
	}
	return "T"
}

// fit returns s when it has 1 to max characters (exactly 2 for a
// qualifier) and none of our delimiters, else def: the received
// envelope may hold anything.
func fit(s string, max int, def string) string {
	if s == "" || len(s) > max || max == 2 && len(s) != 2 || s != clean(s) {
		return def
	}
	return s
}

func (w *responder) gs(functionalID, version string) x12.GroupHeader {
	h := w.isa()
	return x12.GroupHeader{
		FunctionalID: functionalID, SenderCode: h.SenderID, ReceiverCode: h.ReceiverID,
		Date: w.env.Date, Time: w.env.Time, Version: version,
	}
}

// write runs body on a Writer with the envelope's control numbers and
// returns what it wrote.
func (w *responder) write(body func(*x12.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	xw := x12.NewWriter(&buf, x12.DefaultDelimiters)
	xw.Newline = true
	xw.ControlNumbers = w.env.ControlNumbers
	if err := body(xw); err != nil {
		return nil, err
	}
	if err := xw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}
