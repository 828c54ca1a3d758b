package clearinghouse

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/ack277"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/ack"
)

// Who moved a claim, in its status history, for each kind of response.
const (
	by999   = "999"
	byTA1   = "TA1"
	by277CA = "277CA"
	by835   = "835"
)

// parsed is a response file read into its typed model.
type parsed struct {
	kind     ResponseKind
	acks     *ack.File
	acks277  []*ack277.Acknowledgment
	rems     []*remit.Remittance
	problems int // lenient problems that did not stop reading
}

// parseResponse tells what data is and reads it. An error means the file
// does not parse: it goes to quarantine.
func parseResponse(name string, data []byte) (*parsed, error) {
	p := &parsed{kind: KindUnknown}
	kind, err := sniff(name, data)
	if err != nil {
		return p, err
	}
	p.kind = kind
	switch kind {
	case KindAck:
		xr := x12.NewReader(bytes.NewReader(data))
		xr.File = name
		f, err := ack.ReadAll(ack.NewReader(xr))
		if err != nil {
			return p, err
		}
		if len(f.Acknowledgments) == 0 && len(f.TA1s) == 0 {
			return p, fmt.Errorf("%w: %s holds no 999 and no TA1", ErrUnknownResponse, name)
		}
		p.acks, p.problems = f, len(f.Problems)
		return p, brokenEnvelope(f.Problems)
	case Kind277CA:
		acks, problems, err := ack277.DecodeAll(bytes.NewReader(data), name)
		if err != nil {
			return p, err
		}
		p.acks277, p.problems = acks, len(problems)
		return p, brokenEnvelope(problems)
	case Kind835:
		dec := remit.NewDecoder(bytes.NewReader(data))
		dec.File = name
		for {
			rem, err := dec.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return p, err
			}
			p.rems = append(p.rems, rem)
			p.problems += len(rem.Problems)
			if err := brokenEnvelope(rem.Problems); err != nil {
				return p, err
			}
		}
		if len(p.rems) == 0 {
			return p, fmt.Errorf("%w: %s holds no 835 transaction set", ErrUnknownResponse, name)
		}
		p.problems += len(dec.Problems())
		return p, brokenEnvelope(dec.Problems())
	}
	return p, nil
}

// brokenEnvelope returns the first problem that shows the file is cut
// short or its interchange unusable: one a receiver answers with a
// rejecting TA1, or a transaction set or group without its trailer. Such
// a file is not applied, even in part: it goes to quarantine. Other
// problems (a wrong count, an unknown code) are logged and the file is
// applied.
func brokenEnvelope(problems x12.ErrorList) error {
	for _, p := range problems {
		switch c := p.Code; {
		case c.Kind == "TA1", c == x12.Code{Kind: "IK5", Value: "2"}, c == x12.Code{Kind: "AK9", Value: "3"}:
			return p
		}
	}
	return nil
}

// sniff tells a response kind from the first TA1 or GS of data.
func sniff(name string, data []byte) (ResponseKind, error) {
	r := x12.NewReader(bytes.NewReader(data))
	r.File = name
	for {
		seg, err := r.Next()
		if err == io.EOF {
			return KindUnknown, fmt.Errorf("%w: %s has no functional group", ErrUnknownResponse, name)
		}
		if err != nil {
			return KindUnknown, err
		}
		switch seg.ID {
		case "TA1":
			return KindAck, nil
		case "GS":
			fid, version := seg.Value(1), seg.Value(8)
			switch {
			case fid == "FA":
				return KindAck, nil
			case ack277.Is(fid, version):
				return Kind277CA, nil
			case fid == "HP":
				return Kind835, nil
			}
			return KindUnknown, fmt.Errorf("%w: %s: functional group %s version %s", ErrUnknownResponse, name, fid, version)
		}
	}
}

// applier applies one parsed response inside a ledger transaction. It
// loads each claim once, and at the end saves them, saves the batches
// it changed, and records the status changes and unmatched items.
type applier struct {
	d    *Daemon
	tx   Tx
	resp *Response
	now  time.Time
	rep  *Report

	loaded  map[string]*claims.Claim
	order   []*claims.Claim
	before  map[string]claims.ClaimStatus
	batches map[string]*Batch // by GS06
	dirty   []*Batch
}

func (d *Daemon) applyParsed(tx Tx, resp *Response, p *parsed, now time.Time, rep *Report) error {
	a := &applier{d: d, tx: tx, resp: resp, now: now, rep: rep,
		loaded: map[string]*claims.Claim{}, before: map[string]claims.ClaimStatus{}, batches: map[string]*Batch{}}
	var err error
	switch p.kind {
	case KindAck:
		err = a.applyAcks(p.acks)
	case Kind277CA:
		err = a.apply277(p.acks277)
	case Kind835:
		err = a.apply835(p.rems)
	}
	if err != nil {
		return err
	}
	return a.finish()
}

// claims returns the claims q selects, each loaded once per response.
func (a *applier) claims(q ClaimQuery) ([]*claims.Claim, error) {
	cs, err := a.tx.Claims(q)
	if err != nil {
		return nil, err
	}
	for i, c := range cs {
		if have, ok := a.loaded[c.ID]; ok {
			cs[i] = have
			continue
		}
		a.loaded[c.ID] = c
		a.order = append(a.order, c)
		a.before[c.ID] = cmp.Or(c.Status, claims.Draft)
	}
	return cs, nil
}

// unmatched records something the response names that nothing matches.
func (a *applier) unmatched(ref, reason string, amount *decimal.Decimal) {
	u := Unmatched{ResponseID: a.resp.ID, Kind: a.resp.Kind, Reference: ref, Reason: reason, At: a.now}
	if amount != nil {
		u.Amount = decimal.NewNullDecimal(*amount)
	}
	a.rep.Unmatched = append(a.rep.Unmatched, u)
}

// finish saves what the response changed.
func (a *applier) finish() error {
	if err := a.tx.SaveClaims(a.order); err != nil {
		return err
	}
	for _, b := range a.dirty {
		if err := a.tx.SaveBatch(b); err != nil {
			return err
		}
	}
	for _, c := range a.order {
		if to := cmp.Or(c.Status, claims.Draft); to != a.before[c.ID] {
			a.rep.Changes = append(a.rep.Changes, ClaimChange{ClaimID: c.ID, From: a.before[c.ID], To: to, Source: a.resp.Name})
		}
	}
	return a.tx.AddUnmatched(a.rep.Unmatched)
}

// batch returns the batch sent with group control number gs06, or nil.
func (a *applier) batch(q BatchQuery) (*Batch, error) {
	if q.Group != "" {
		if b, ok := a.batches[q.Group]; ok {
			return b, nil
		}
	}
	bs, err := a.tx.Batches(q)
	if err != nil || len(bs) == 0 {
		return nil, err
	}
	b := bs[0]
	if have, ok := a.batches[b.GroupControlNumber]; ok {
		return have, nil
	}
	a.batches[b.GroupControlNumber] = b
	return b, nil
}

// acknowledged records that a 999 or TA1 answered b. An answer to a
// batch the ledger still has as staged or sending proves the
// clearinghouse got it: its claims are Submitted first.
func (a *applier) acknowledged(b *Batch) error {
	if err := a.d.uploaded(a.tx, b, a.now, a.rep); err != nil {
		return err
	}
	if b.State != BatchAcknowledged {
		b.State, b.AcknowledgedAt = BatchAcknowledged, a.now
		if !slices.Contains(a.dirty, b) {
			a.dirty = append(a.dirty, b)
		}
	}
	return nil
}

// applyAcks applies the TA1s and 999s of a file.
func (a *applier) applyAcks(f *ack.File) error {
	for _, ta1 := range f.TA1s {
		if err := a.applyTA1(ta1); err != nil {
			return err
		}
	}
	for _, ak := range f.Acknowledgments {
		results := ak.Results()
		keys := make([]ack.SetKey, 0, len(results))
		for k := range results {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(x, y ack.SetKey) int {
			return cmp.Or(strings.Compare(x.Group, y.Group), strings.Compare(x.Set, y.Set))
		})
		for _, k := range keys {
			if err := a.apply999(ak, results[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyTA1 applies one interchange acknowledgment: a rejected
// interchange rejects every claim of its batch.
func (a *applier) applyTA1(ta1 *ack.TA1) error {
	b, err := a.batch(BatchQuery{Interchange: ta1.ControlNumber})
	if err != nil {
		return err
	}
	if b == nil {
		a.unmatched("ISA13 "+ta1.ControlNumber, "TA1 for an interchange never sent", nil)
		return nil
	}
	if err := a.acknowledged(b); err != nil {
		return err
	}
	if ta1.Verdict() != ack.VerdictRejected {
		return nil
	}
	cs, err := a.claims(ClaimQuery{BatchID: b.ID})
	if err != nil {
		return err
	}
	reason := fmt.Sprintf("TA1: interchange %s rejected, note %s %s", ta1.ControlNumber, ta1.Note, ta1.Note.Description())
	for _, c := range cs {
		a.reject(c, byTA1, reason)
	}
	return nil
}

// apply999 applies what a 999 says about one set (or, with an empty
// Key.Set, every set) of a batch.
func (a *applier) apply999(ak *ack.Acknowledgment, res ack.Result) error {
	ref := "GS06 " + res.Key.Group
	if res.Key.Set != "" {
		ref += " ST02 " + res.Key.Set
	}
	b, err := a.batch(BatchQuery{Group: res.Key.Group})
	if err != nil {
		return err
	}
	if b == nil {
		a.unmatched(ref, "999 "+ak.ControlNumber+" answers a group never sent", nil)
		return nil
	}
	var sets []*SetRecord
	for i := range b.Sets {
		if res.Key.Set == "" || b.Sets[i].ControlNumber == res.Key.Set {
			sets = append(sets, &b.Sets[i])
		}
	}
	if len(sets) == 0 {
		a.unmatched(ref, "999 "+ak.ControlNumber+" answers a transaction set not in batch "+b.FileName, nil)
		return nil
	}
	if err := a.acknowledged(b); err != nil {
		return err
	}
	for _, set := range sets {
		cs, err := a.claims(ClaimQuery{IDs: set.ClaimIDs})
		if err != nil {
			return err
		}
		for _, c := range cs {
			switch res.Verdict {
			case ack.VerdictAccepted:
				a.accept(c, by999, "999 "+ak.ControlNumber+": transaction set "+set.ControlNumber+" accepted")
			case ack.VerdictRejected:
				a.reject(c, by999, rejection999(ak, &res, set, c.ID))
			default:
				a.unmatched(ref, fmt.Sprintf("999 %s: verdict %q for claim %s is neither accepted nor rejected", ak.ControlNumber, res.Verdict, c.ID), nil)
			}
		}
	}
	return nil
}

// rejection999 says why a 999 rejected a claim: the set's codes, then
// each segment in error that the set's segment map (or CTX*CLM01) puts
// in this claim.
func rejection999(ak *ack.Acknowledgment, res *ack.Result, set *SetRecord, claimID string) string {
	var b strings.Builder
	b.WriteString("999 " + ak.ControlNumber + ": transaction set " + set.ControlNumber + " rejected (")
	if res.Key.Set == "" {
		b.WriteString("AK9 " + string(res.Status))
	} else {
		b.WriteString("IK5 " + string(res.Status))
	}
	for _, e := range res.SetErrors {
		b.WriteString(" " + string(e) + " " + e.Description())
	}
	for _, e := range res.GroupErrors {
		b.WriteString(" " + string(e) + " " + e.Description())
	}
	b.WriteString(")")
	for i := range res.Segments {
		se := &res.Segments[i]
		ref, ok := set.Segment(se.Position)
		id := ref.ClaimID
		if !ok || id == "" {
			id = se.ClaimID()
		}
		if id != claimID {
			continue
		}
		b.WriteString("; " + se.SegmentID + " at position " + strconv.Itoa(se.Position))
		if ref.Line > 0 {
			b.WriteString(" (line " + strconv.Itoa(ref.Line) + ")")
		}
		b.WriteString(": " + se.Code.Description())
		for _, el := range se.Elements {
			b.WriteString(", element " + strconv.Itoa(el.Position) + ": " + el.Code.Description())
		}
	}
	return b.String()
}

// accept moves a Submitted claim to Accepted; a claim already further
// along is left as it is.
func (a *applier) accept(c *claims.Claim, by, reason string) {
	switch c.Status {
	case claims.Submitted:
		if err := c.Transition(claims.Accepted, claims.Change{By: by, At: a.now, Reason: reason}); err != nil {
			a.unmatched(c.PatientControlNumber, err.Error(), nil)
		}
	case claims.Rejected:
		a.unmatched(c.PatientControlNumber, reason+", but claim "+c.ID+" is rejected", nil)
	}
}

// reject moves a Submitted or Accepted claim to Rejected; a rejection
// the claim's status forbids is recorded as unmatched.
func (a *applier) reject(c *claims.Claim, by, reason string) {
	switch c.Status {
	case claims.Rejected:
		return
	case claims.Submitted, claims.Accepted:
		if err := c.Transition(claims.Rejected, claims.Change{By: by, At: a.now, Reason: reason}); err == nil {
			return
		}
	}
	a.unmatched(c.PatientControlNumber, reason+", but claim "+c.ID+" is "+string(cmp.Or(c.Status, claims.Draft)), nil)
}

// apply277 applies 277CA acknowledgments through ack277.Apply.
func (a *applier) apply277(acks []*ack277.Acknowledgment) error {
	for _, ak := range acks {
		refs := ak.Claims()
		pcns := make([]string, 0, len(refs))
		for _, r := range refs {
			pcns = append(pcns, r.Claim.PatientControlNumber)
		}
		cs, err := a.claims(ClaimQuery{PCNs: pcns})
		if err != nil {
			return err
		}
		res := ack277.Apply(ak, cs, claims.Change{By: by277CA, At: a.now})
		for _, ap := range res.Claims {
			if ap.Err != nil {
				a.unmatched(ap.PatientControlNumber, "277CA "+ak.ControlNumber+": "+ap.Err.Error(), nil)
			}
		}
		for _, u := range res.Unmatched {
			a.unmatched(u.PatientControlNumber, "277CA "+ak.ControlNumber+": no claim was sent with this patient control number", nil)
		}
	}
	return nil
}

// apply835 reconciles remittances with the claims sent, through a
// remit.Book that knows the postings made before, so a CLP is posted
// once however often it arrives.
func (a *applier) apply835(rems []*remit.Remittance) error {
	var pcns []string
	for _, rem := range rems {
		for i := range rem.Claims {
			pcns = append(pcns, rem.Claims[i].PatientControlNumber)
		}
	}
	slices.Sort(pcns)
	pcns = slices.Compact(pcns)
	cs, err := a.claims(ClaimQuery{PCNs: pcns})
	if err != nil {
		return err
	}
	history, err := a.tx.Postings(pcns)
	if err != nil {
		return err
	}
	book := remit.NewBook(cs, history)
	for _, rem := range rems {
		res := book.Apply(rem, claims.Change{By: by835, At: a.now})
		if err := a.tx.AddPostings(a.resp.ID, res.Postings); err != nil {
			return err
		}
		for _, u := range res.Unapplied {
			paid := u.Paid
			a.unmatched(u.PatientControlNumber, "835 "+rem.ControlNumber+": "+u.Reason, &paid)
		}
		if !rem.Balanced {
			a.d.log.Warn("remittance does not balance", logKeyFile, a.resp.Name, logKeyBalanced, false,
				logKeyProblems, len(rem.BalanceErrors))
		}
	}
	return nil
}
