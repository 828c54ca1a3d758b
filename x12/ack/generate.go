package ack

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/claimkit/claimkit/x12"
)

// Options tune For. The zero value works.
type Options struct {
	// Errors are problems the caller found in the same input beyond its
	// envelopes (for example implementation-guide checks), as *x12.Error
	// values positioned in that input, with a Code of kind "IK3" (IK304),
	// "IK4" (IK403), "IK5" (IK502), "AK9" (AK905) or "TA1" (TA105). An
	// error without a Code counts as IK3 code 8 when it names an element
	// and IK3 code 2 when it does not.
	Errors x12.ErrorList
	// AlwaysTA1 answers every interchange with a TA1, not only those
	// that ask for one (ISA14 = 1) or are rejected.
	AlwaysTA1 bool
}

// Response is what For builds: the TA1s and 999s that answer an input.
type Response struct {
	TA1s []TA1
	// Acknowledgments hold one 999 per functional group of the accepted
	// interchanges, in input order. Their ControlNumber is empty: ST02
	// is allocated when they are written.
	Acknowledgments []Acknowledgment
}

// For reads r to the end and builds the acknowledgments of what it
// read, from the envelope problems r found (each carries the TA1, AK9,
// IK5, IK3 or IK4 code it maps to, so nothing is parsed again) and from
// opts.Errors. Give it a lenient x12.Reader (the default).
//
// Each interchange with a TA1-kind problem is rejected: it gets a TA1
// with TA104 R and the first problem's note code, and no 999. Other
// interchanges get a TA1 with TA104 A and note 000 when ISA14 is 1 (or
// opts.AlwaysTA1), and one 999 per functional group: one AK2 loop per
// transaction set, an IK3 loop per segment in error (IK4 loops for
// element errors, CTX*CLM01 naming the claim an 837 segment belongs
// to), IK5 R when the set has any problem, else A, and AK9 A, P or R
// with the counts. A group with an AK9-kind problem is rejected as a
// whole. A problem that lies outside any set or group rejects its
// interchange with note 024. IK402 and IK404 are left empty: the errors
// carry no data element numbers, and a copy of bad data could hold
// patient data. A segment with no identifier cannot be named in IK301;
// its set gets IK5 code 5 alone.
//
// A fatal error from r after the first ISA rejects the interchange it
// happened in (note code from the error, or 024); the interchanges
// before it are answered as usual. When r cannot read an ISA at all,
// For returns an error wrapping ErrNoInterchange and the cause.
func For(r *x12.Reader, opts Options) (*Response, error) {
	t := &tracker{}
	var fatal *x12.Error
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(t.ics) == 0 {
				return nil, fmt.Errorf("%w: %w", ErrNoInterchange, err)
			}
			if !errors.As(err, &fatal) {
				fatal = &x12.Error{Pos: x12.Position{Offset: r.Offset()}, Err: err}
			}
			break
		}
		t.observe(r, seg)
	}
	if len(t.ics) == 0 {
		return nil, ErrNoInterchange
	}
	t.closeAll(r.Offset())
	for _, p := range r.Problems() {
		t.attribute(p)
	}
	for _, p := range opts.Errors {
		t.attribute(p)
	}
	if fatal != nil {
		ic := t.ics[len(t.ics)-1]
		ic.errs = append(ic.errs, fatal)
	}
	return t.build(opts), nil
}

// tracker records the envelopes of an input and, per envelope, the
// problems that belong to it.
type tracker struct {
	ics    []*icTrack
	groups []*groupTrack
	sets   []*setTrack
	// open units, mirroring the x12.Reader's envelope nesting
	ic    *icTrack
	group *groupTrack
	set   *setTrack
}

// span is the byte range of an envelope unit: header offset to trailer
// offset (or to where the unit was cut short).
type span struct{ start, end int64 }

type icTrack struct {
	span
	hdr  x12.InterchangeHeader
	errs []*x12.Error
}

type groupTrack struct {
	span
	hdr  x12.GroupHeader
	ic   *icTrack
	ge01 int // -1 when there is no usable GE01
	sets []*setTrack
	errs []*x12.Error
}

type setTrack struct {
	span
	hdr     x12.SetHeader
	group   *groupTrack
	segment int // ordinal of the ST in the input
	errs    []*x12.Error
	// claims marks CLM segments (id set) and HL segments (id empty) by
	// their position in the set, so an IK3 can name its claim.
	claims []claimMark
}

type claimMark struct {
	pos int
	id  string
}

const openEnd = int64(1<<63 - 1)

func (t *tracker) observe(r *x12.Reader, seg *x12.Segment) {
	off := seg.Pos.Offset
	switch seg.ID {
	case "ISA":
		t.closeAll(off)
		t.ic = &icTrack{span: span{off, openEnd}, hdr: r.Interchange()}
		t.ics = append(t.ics, t.ic)
	case "GS":
		if t.ic == nil {
			return
		}
		t.closeGroup(off)
		t.group = &groupTrack{span: span{off, openEnd}, hdr: r.Group(), ic: t.ic, ge01: -1}
		t.groups = append(t.groups, t.group)
	case "ST":
		if t.group == nil {
			return
		}
		t.closeSet(off)
		t.set = &setTrack{span: span{off, openEnd}, hdr: r.Set(), group: t.group, segment: seg.Pos.Segment}
		t.sets = append(t.sets, t.set)
		t.group.sets = append(t.group.sets, t.set)
	case "SE":
		t.closeSet(off)
	case "GE":
		if t.group != nil {
			if n, err := x12.ParseN0(seg.Element(1)); err == nil && n >= 0 {
				t.group.ge01 = int(min(n, 1<<31-1))
			}
		}
		t.closeGroup(off)
	case "IEA":
		t.closeAll(off)
	case "CLM", "HL":
		if t.set != nil && t.set.hdr.ID == "837" {
			m := claimMark{pos: seg.Pos.SetPosition}
			if seg.ID == "CLM" {
				m.id = seg.Value(1)
			}
			t.set.claims = append(t.set.claims, m)
		}
	}
}

func (t *tracker) closeSet(off int64) {
	if t.set != nil {
		t.set.end, t.set = off, nil
	}
}

func (t *tracker) closeGroup(off int64) {
	t.closeSet(off)
	if t.group != nil {
		t.group.end, t.group = off, nil
	}
}

func (t *tracker) closeAll(off int64) {
	t.closeGroup(off)
	if t.ic != nil {
		t.ic.end, t.ic = off, nil
	}
}

// find returns the last unit of units that contains offset o. A
// problem about a missing trailer is reported where the unit was cut
// short, which is where the next unit starts: then strict asks for a
// unit that started before o.
func find[T interface{ spanOf() span }](units []T, o int64, strict bool) (T, bool) {
	var zero T
	i, _ := slices.BinarySearchFunc(units, o, func(u T, o int64) int {
		s := u.spanOf().start
		if s < o || (!strict && s == o) {
			return -1
		}
		return 1
	})
	if i == 0 {
		return zero, false
	}
	u := units[i-1]
	if o > u.spanOf().end {
		return zero, false
	}
	return u, true
}

func (s span) spanOf() span { return s }

// attribute files problem p under the set, group or interchange it is
// about.
func (t *tracker) attribute(p *x12.Error) {
	o := p.Pos.Offset
	code := p.Code
	if code.IsZero() {
		code = x12.Code{Kind: "IK3", Value: string(SegmentUnexpected)}
		if p.Pos.Element > 0 {
			code.Value = string(SegmentHasElementErrors)
		}
	}
	switch code.Kind {
	case "IK3", "IK4", "IK5":
		strict := code.Kind == "IK5" && code.Value == string(SetTrailerMissing)
		if s, ok := find(t.sets, o, strict); ok {
			s.errs = append(s.errs, withCode(p, code))
			return
		}
	case "AK9":
		strict := code.Value == string(GroupTrailerMissing)
		if g, ok := find(t.groups, o, strict); ok {
			g.errs = append(g.errs, withCode(p, code))
			return
		}
	case "TA1":
		if ic, ok := find(t.ics, o, code.Value == string(NotePrematureEnd)); ok {
			ic.errs = append(ic.errs, p)
			return
		}
	}
	// Outside any set or group: the interchange content is invalid.
	ic, ok := find(t.ics, o, false)
	if !ok {
		ic = t.ics[0]
		if o > ic.start {
			ic = t.ics[len(t.ics)-1]
		}
	}
	ic.errs = append(ic.errs, withCode(p, x12.Code{Kind: "TA1", Value: string(NoteBadContent)}))
}

func withCode(p *x12.Error, c x12.Code) *x12.Error {
	if p.Code == c {
		return p
	}
	q := *p
	q.Code = c
	return &q
}

func (t *tracker) build(opts Options) *Response {
	resp := &Response{}
	for _, ic := range t.ics {
		ta1 := TA1{ControlNumber: ic.hdr.ControlNumber, Date: ic.hdr.Date, Time: ic.hdr.Time, Status: Accepted, Note: NoteNoError}
		ta1.Time.Precision = 4
		if len(ic.errs) > 0 {
			ta1.Status = Rejected
			ta1.Note = NoteBadContent
			if c := ic.errs[0].Code; c.Kind == "TA1" && c.Value != "" {
				ta1.Note = NoteCode(c.Value)
			}
			resp.TA1s = append(resp.TA1s, ta1)
			continue
		}
		if ic.hdr.AckRequested == "1" || opts.AlwaysTA1 {
			resp.TA1s = append(resp.TA1s, ta1)
		}
		for _, g := range t.groups {
			if g.ic == ic {
				resp.Acknowledgments = append(resp.Acknowledgments, Acknowledgment{Version: Version999, Group: buildGroup(g)})
			}
		}
	}
	return resp
}

func buildGroup(g *groupTrack) GroupResponse {
	out := GroupResponse{
		FunctionalID: g.hdr.FunctionalID, ControlNumber: g.hdr.ControlNumber, Version: g.hdr.Version,
		Included: g.ge01, Received: len(g.sets),
	}
	if out.Included < 0 {
		out.Included = len(g.sets)
	}
	for _, s := range g.sets {
		sr := buildSet(s)
		if sr.Status == Accepted {
			out.Accepted++
		}
		out.Sets = append(out.Sets, sr)
	}
	for _, e := range g.errs {
		if c := GroupErrorCode(e.Code.Value); !slices.Contains(out.Errors, c) && len(out.Errors) < 5 {
			out.Errors = append(out.Errors, c)
		}
	}
	switch {
	case len(g.errs) > 0 || out.Accepted == 0 && out.Received > 0:
		out.Status = Rejected
	case out.Accepted == out.Received:
		out.Status = Accepted
	default:
		out.Status = PartiallyAccepted
	}
	return out
}

func buildSet(s *setTrack) SetResponse {
	out := SetResponse{ID: s.hdr.ID, ControlNumber: s.hdr.ControlNumber, Version: s.hdr.Version, Status: Accepted}
	addCode := func(c SetErrorCode) {
		if !slices.Contains(out.Errors, c) && len(out.Errors) < 5 {
			out.Errors = append(out.Errors, c)
		}
	}
	for _, e := range s.errs {
		out.Status = Rejected
		if e.Code.Kind == "IK5" {
			addCode(SetErrorCode(e.Code.Value))
			continue
		}
		pos := e.Pos.SetPosition
		if pos == 0 {
			pos = e.Pos.Segment - s.segment + 1
		}
		if e.Pos.SegmentID == "" {
			// A segment with no identifier cannot be named in IK301:
			// the set is rejected with IK5 code 5 alone.
			addCode(SetSegmentsInError)
			continue
		}
		code := SegmentErrorCode(e.Code.Value)
		if e.Code.Kind == "IK4" {
			code = SegmentHasElementErrors
		}
		i := slices.IndexFunc(out.Segments, func(se SegmentError) bool { return se.Position == pos && se.Code == code })
		if i < 0 {
			se := SegmentError{SegmentID: e.Pos.SegmentID, Position: pos, Code: code}
			if id := s.claimAt(pos); id != "" {
				se.BusinessUnits = []BusinessUnit{{Name: "CLM01", Reference: id}}
			}
			out.Segments = append(out.Segments, se)
			i = len(out.Segments) - 1
		}
		if e.Code.Kind == "IK4" {
			el := ElementError{Position: e.Pos.Element, Component: e.Pos.Component, Repetition: e.Pos.Repetition, Code: ElementErrorCode(e.Code.Value)}
			if !slices.ContainsFunc(out.Segments[i].Elements, func(x ElementError) bool {
				return x.Position == el.Position && x.Component == el.Component && x.Code == el.Code
			}) {
				out.Segments[i].Elements = append(out.Segments[i].Elements, el)
			}
		}
	}
	slices.SortStableFunc(out.Segments, func(a, b SegmentError) int { return a.Position - b.Position })
	if len(out.Segments) > 0 {
		addCode(SetSegmentsInError)
	}
	return out
}

// claimAt returns CLM01 of the claim that segment position pos is in,
// or "" when pos is before the first claim or after a later HL.
func (s *setTrack) claimAt(pos int) string {
	id := ""
	for _, m := range s.claims {
		if m.pos > pos {
			break
		}
		id = m.id
	}
	return id
}

// Write writes resp as one interchange: the ISA from isa, the TA1s, one
// functional group (GS01 "FA" and GS08 Version999 unless gs says
// otherwise) holding the 999s, then the trailers. Control numbers come
// from the headers or from w's ControlNumbers; the ST02 given to each
// 999 is stored in resp.Acknowledgments[i].ControlNumber. With nothing
// to send it writes nothing.
func (resp *Response) Write(w *x12.Writer, isa x12.InterchangeHeader, gs x12.GroupHeader) error {
	if len(resp.TA1s) == 0 && len(resp.Acknowledgments) == 0 {
		return nil
	}
	if _, err := w.BeginInterchange(isa); err != nil {
		return err
	}
	for i := range resp.TA1s {
		if err := EncodeTA1(w, &resp.TA1s[i]); err != nil {
			return err
		}
	}
	if len(resp.Acknowledgments) > 0 {
		if gs.FunctionalID == "" {
			gs.FunctionalID = "FA"
		}
		if gs.Version == "" {
			gs.Version = Version999
		}
		if _, err := w.BeginGroup(gs); err != nil {
			return err
		}
		for i := range resp.Acknowledgments {
			st02, err := Encode(w, &resp.Acknowledgments[i])
			if err != nil {
				return err
			}
			resp.Acknowledgments[i].ControlNumber = st02
		}
		if err := w.EndGroup(); err != nil {
			return err
		}
	}
	return w.EndInterchange()
}
