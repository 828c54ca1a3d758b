package ack

import (
	"io"
	"slices"
	"strconv"

	"github.com/claimkit/claimkit/x12"
)

// Reader decodes 999 and TA1 acknowledgments from an x12.Reader, one
// message at a time. An input may hold several interchanges, each with
// TA1 segments (between ISA and GS) and groups of 999 transaction sets.
// Transaction sets that are not 999s are skipped and reported.
//
// Problems in an acknowledgment (a segment out of place, a missing AK9,
// counts that disagree, a non-numeric position, an unknown code) are
// positioned *x12.Error values wrapping this package's sentinels. By
// default the Reader is lenient: it records them in Problems, keeps
// unknown code values as they are, skips segments it cannot place, and
// goes on. With Strict set, Next returns the first one instead.
//
// Set Strict before the first call to Next. Envelope checks belong to
// the x12.Reader: set its Strict field for strict envelopes.
type Reader struct {
	// Strict makes the first problem found in an acknowledgment a fatal
	// error returned by Next.
	Strict bool

	x        *x12.Reader
	held     *x12.Segment // a segment read but not yet handled
	problems x12.ErrorList
	skipped  []x12.SetHeader
	err      error
	// sets collects the AK2 loops of the 999 being read; they are
	// copied to an exactly sized slice at its end.
	sets []SetResponse
}

// NewReader returns a Reader decoding the segments of x.
func NewReader(x *x12.Reader) *Reader { return &Reader{x: x} }

// Problems returns the problems found so far: the x12.Reader's envelope
// problems and the acknowledgment problems, sorted by position.
func (r *Reader) Problems() x12.ErrorList {
	l := append(x12.ErrorList(nil), r.x.Problems()...)
	l = append(l, r.problems...)
	l.Sort()
	return l
}

// Skipped returns the headers of the transaction sets that were not
// 999s (for example a 277CA given to the wrong reader).
func (r *Reader) Skipped() []x12.SetHeader { return r.skipped }

// Next returns the next acknowledgment, an *Acknowledgment or a *TA1,
// or io.EOF after the last one. Errors are sticky. A non-EOF error is
// an *x12.Error from the x12.Reader (the input is not X12, a limit was
// hit, a strict envelope check failed) or, with Strict, the first
// acknowledgment problem.
func (r *Reader) Next() (Message, error) {
	if r.err != nil {
		return nil, r.err
	}
	before := len(r.problems)
	m, err := r.read()
	if err == nil && r.Strict && len(r.problems) > before {
		err = r.problems[before]
	}
	if err != nil {
		r.err = err
		return nil, err
	}
	return m, nil
}

func (r *Reader) next() (*x12.Segment, error) {
	if s := r.held; s != nil {
		r.held = nil
		return s, nil
	}
	return r.x.Next()
}

func (r *Reader) read() (Message, error) {
	for {
		seg, err := r.next()
		if err != nil {
			return nil, err
		}
		switch {
		case seg.ID == "ST" && seg.Value(1) == "999":
			return r.readSet(seg)
		case seg.ID == "ST":
			h := r.x.Set()
			if !r.x.InSet() {
				h = x12.SetHeader{ID: seg.Value(1), ControlNumber: seg.Value(2), Version: seg.Value(3), Pos: seg.Pos}
			}
			r.skipped = append(r.skipped, h)
			msg := "transaction set " + h.ID + " (ST02 " + h.ControlNumber + ") is not a 999; skipped"
			if h.ID == "277" {
				msg = "transaction set 277 (ST02 " + h.ControlNumber + ") is a 277CA claim acknowledgment, not a 999; skipped"
			}
			r.add(seg.PosAt(1), ErrNotAck, msg)
		case seg.ID == "TA1" && !r.x.InSet():
			return r.readTA1(seg), nil
		}
	}
}

// add records a problem at pos.
func (r *Reader) add(pos x12.Position, sentinel error, msg string) {
	r.problems = append(r.problems, &x12.Error{File: r.x.File, Pos: pos, Err: sentinel, Msg: msg})
}

// maxElements is the number of elements each acknowledgment segment has.
var maxElements = map[string]int{"AK1": 3, "AK2": 3, "IK3": 4, "CTX": 6, "IK4": 4, "IK5": 6, "AK9": 9, "TA1": 5}

// checkLen reports elements past the segment's definition.
func (r *Reader) checkLen(s *x12.Segment) {
	if max := maxElements[s.ID]; s.Len() > max {
		r.add(s.PosAt(max+1), ErrExtraElements, s.ID+" has "+strconv.Itoa(s.Len())+" elements, want at most "+strconv.Itoa(max)+"; the rest are ignored")
	}
}

// str returns element i, reporting it when required and empty.
func (r *Reader) str(s *x12.Segment, i int, required bool) string {
	if required && !s.Has(i) {
		r.add(s.PosAt(i), ErrMissingElement, s.ID+elemNum(i)+" is required")
	}
	return s.Value(i)
}

// num parses component c of element i (c = 0: the whole element) as a
// non-negative integer; empty gives 0.
func (r *Reader) num(s *x12.Segment, i, c int, required bool) int {
	b, pos := s.Element(i), s.PosAt(i)
	if c > 0 {
		b, pos = s.Component(i, c), pos.WithComponent(i, c)
	}
	if len(b) == 0 {
		if required {
			r.add(pos, ErrMissingElement, s.ID+elemNum(i)+" is required")
		}
		return 0
	}
	n, err := x12.ParseN0(b)
	if err != nil || n < 0 || n > 1<<31-1 {
		r.add(pos, ErrBadNumber, s.ID+elemNum(i)+" is not a non-negative integer")
		return 0
	}
	return int(n)
}

// code returns element i as a code, reporting it when required and
// empty or when it is not in list. The value is kept.
func (r *Reader) code(s *x12.Segment, i int, required bool, list codeList) string {
	v := r.str(s, i, required)
	if v != "" && !list.has(v) {
		r.add(s.PosAt(i), ErrUnknownCode, s.ID+elemNum(i)+" "+strconv.Quote(v)+" is not in its code list; kept as is")
	}
	return v
}

func elemNum(i int) string {
	if i < 10 {
		return "0" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

// setStatusText and ta1StatusText are the subsets of statusText valid
// in IK501 (no P) and TA104 (A, E, R).
var (
	setStatusText = codeList{"A": statusText["A"], "E": statusText["E"], "R": statusText["R"],
		"M": statusText["M"], "W": statusText["W"], "X": statusText["X"]}
	ta1StatusText = codeList{"A": statusText["A"], "E": statusText["E"], "R": statusText["R"]}
)

// readTA1 decodes a TA1 segment.
func (r *Reader) readTA1(s *x12.Segment) *TA1 {
	r.checkLen(s)
	t := &TA1{Pos: s.Pos, InterchangeControlNumber: r.x.Interchange().ControlNumber}
	t.ControlNumber = r.str(s, 1, true)
	if v := s.Element(1); len(v) > 0 {
		if _, err := x12.ParseN0(v); err != nil || len(v) != 9 {
			r.add(s.PosAt(1), ErrBadNumber, "TA101 "+strconv.Quote(t.ControlNumber)+" is not a nine-digit control number")
		}
	}
	if v := s.Element(2); len(v) > 0 {
		var err error
		if t.Date, err = x12.ParseYYMMDD(v); err != nil {
			if d, err8 := x12.ParseD8(v); err8 == nil {
				t.Date = d
				r.add(s.PosAt(2), ErrBadDate, "TA102 is CCYYMMDD, want YYMMDD; read as CCYYMMDD")
			} else {
				r.add(s.PosAt(2), ErrBadDate, "TA102 is not a YYMMDD date")
			}
		}
	} else {
		r.str(s, 2, true)
	}
	if v := s.Element(3); len(v) > 0 {
		var err error
		if t.Time, err = x12.ParseTM(v); err != nil || len(v) != 4 {
			r.add(s.PosAt(3), ErrBadDate, "TA103 is not an HHMM time")
		}
	} else {
		r.str(s, 3, true)
	}
	t.Status = Status(r.code(s, 4, true, ta1StatusText))
	t.Note = NoteCode(r.code(s, 5, true, noteText))
	return t
}

// set decoding states.
const (
	stStart = iota // after ST: AK1 expected
	stGroup        // after AK1 or an IK5: AK2 or AK9 expected
	stSet          // inside an AK2 loop
	stDone         // after AK9: SE expected
)

// setDecoder builds one Acknowledgment from the segments of a 999.
type setDecoder struct {
	r      *Reader
	a      *Acknowledgment
	state  int
	inIK4  bool // the last IK3 loop has reached its IK4 loops
	last   x12.Position
	hadAK1 bool
}

// readSet decodes the 999 transaction set that st starts.
func (r *Reader) readSet(st *x12.Segment) (Message, error) {
	a := &Acknowledgment{
		ControlNumber: st.Value(2), Version: st.Value(3), Pos: st.Pos,
		InterchangeControlNumber: r.x.Interchange().ControlNumber,
		GroupControlNumber:       r.x.Group().ControlNumber,
	}
	if a.Version == "" && r.x.InSet() {
		a.Version = r.x.Group().Version
	}
	r.sets = r.sets[:0]
	d := &setDecoder{r: r, a: a, last: st.Pos}
	for {
		s, err := r.x.Next()
		if err == io.EOF {
			d.end(d.last)
			return a, nil
		}
		if err != nil {
			return nil, err
		}
		switch s.ID {
		case "SE":
			d.end(s.Pos)
			return a, nil
		case "ST", "GE", "GS", "ISA", "IEA":
			// The set has no SE (the x12.Reader reports it); the
			// segment belongs to what comes next.
			d.end(s.Pos)
			r.held = s
			return a, nil
		}
		d.last = s.Pos
		d.segment(s)
	}
}

func (d *setDecoder) outOfPlace(s *x12.Segment, why string) {
	d.r.add(s.PosAt(0), ErrOutOfPlace, s.ID+" "+why+"; skipped")
}

func (d *setDecoder) missing(pos x12.Position, msg string) {
	pos = pos.WithElement(0)
	d.r.add(pos, ErrMissingSegment, msg)
}

// curSet returns the open AK2 loop.
func (d *setDecoder) curSet() *SetResponse { return &d.r.sets[len(d.r.sets)-1] }

// curSeg returns the last IK3 loop of the open AK2 loop, or nil.
func (d *setDecoder) curSeg() *SegmentError {
	if d.state != stSet {
		return nil
	}
	set := d.curSet()
	if len(set.Segments) == 0 {
		return nil
	}
	return &set.Segments[len(set.Segments)-1]
}

func (d *setDecoder) segment(s *x12.Segment) {
	r := d.r
	switch s.ID {
	case "AK1":
		if d.hadAK1 || d.state != stStart {
			d.outOfPlace(s, "after the start of the 999 (AK1 comes once, right after ST)")
			return
		}
		r.checkLen(s)
		d.hadAK1 = true
		g := &d.a.Group
		g.Pos = s.Pos
		g.FunctionalID = r.str(s, 1, true)
		g.ControlNumber = r.str(s, 2, true)
		g.Version = r.str(s, 3, false)
		d.state = stGroup
	case "AK2":
		if !d.atGroupLevel(s) {
			return
		}
		r.checkLen(s)
		d.r.sets = append(d.r.sets, SetResponse{
			Pos: s.Pos, ID: r.str(s, 1, true), ControlNumber: r.str(s, 2, true), Version: r.str(s, 3, false),
		})
		d.state = stSet
		d.inIK4 = false
	case "IK3":
		if d.state != stSet {
			d.outOfPlace(s, "outside an AK2 loop")
			return
		}
		r.checkLen(s)
		set := d.curSet()
		set.Segments = append(set.Segments, SegmentError{
			Pos:       s.Pos,
			SegmentID: r.str(s, 1, true),
			Position:  r.num(s, 2, 0, true),
			Loop:      r.str(s, 3, false),
			Code:      SegmentErrorCode(r.code(s, 4, true, segmentErrorText)),
		})
		d.inIK4 = false
	case "IK4":
		se := d.curSeg()
		if se == nil {
			d.outOfPlace(s, "without an IK3 before it in its AK2 loop")
			return
		}
		r.checkLen(s)
		e := ElementError{Pos: s.Pos}
		if !s.Has(1) {
			r.str(s, 1, true)
		} else {
			e.Position = r.num(s, 1, 1, true)
			e.Component = r.num(s, 1, 2, false)
			e.Repetition = r.num(s, 1, 3, false)
		}
		e.Reference = r.str(s, 2, false)
		e.Code = ElementErrorCode(r.code(s, 3, true, elementErrorText))
		e.BadValue = r.str(s, 4, false)
		se.Elements = append(se.Elements, e)
		d.inIK4 = true
	case "CTX":
		se := d.curSeg()
		if se == nil {
			d.outOfPlace(s, "without an IK3 before it in its AK2 loop")
			return
		}
		r.checkLen(s)
		c, units := d.context(s)
		switch {
		case units != nil:
			se.BusinessUnits = append(se.BusinessUnits, units...)
		case d.inIK4:
			el := &se.Elements[len(se.Elements)-1]
			el.Contexts = append(el.Contexts, c)
		default:
			se.Contexts = append(se.Contexts, c)
		}
	case "IK5":
		if d.state != stSet {
			d.outOfPlace(s, "outside an AK2 loop (IK5 ends an AK2 loop and comes once in it)")
			return
		}
		r.checkLen(s)
		set := d.curSet()
		set.StatusPos = s.Pos
		set.Status = Status(r.code(s, 1, true, setStatusText))
		for i := 2; i <= 6; i++ {
			if s.Has(i) {
				set.Errors = append(set.Errors, SetErrorCode(r.code(s, i, false, setErrorText)))
			}
		}
		d.state = stGroup
	case "AK9":
		if !d.atGroupLevel(s) {
			return
		}
		r.checkLen(s)
		g := &d.a.Group
		g.StatusPos = s.Pos
		g.Status = Status(r.code(s, 1, true, statusText))
		before := len(r.problems)
		g.Included = r.num(s, 2, 0, true)
		g.Received = r.num(s, 3, 0, true)
		g.Accepted = r.num(s, 4, 0, true)
		countsRead := len(r.problems) == before
		for i := 5; i <= 9; i++ {
			if s.Has(i) {
				g.Errors = append(g.Errors, GroupErrorCode(r.code(s, i, false, groupErrorText)))
			}
		}
		if countsRead {
			d.checkCounts(s)
		}
		d.state = stDone
	default:
		if d.state == stDone {
			d.outOfPlace(s, "after AK9")
			return
		}
		d.outOfPlace(s, "is not a 999 segment")
	}
}

// atGroupLevel starts an AK2 or AK9: it reports the AK1 or IK5 that
// should have come before s, and returns false (s is skipped) after AK9.
func (d *setDecoder) atGroupLevel(s *x12.Segment) bool {
	switch d.state {
	case stStart:
		d.missing(s.Pos, "AK1 is missing before "+s.ID)
	case stSet:
		d.missing(s.Pos, "IK5 is missing at the end of the AK2 loop for set "+d.curSet().ControlNumber)
	case stDone:
		d.outOfPlace(s, "after AK9")
		return false
	}
	return true
}

// context decodes a CTX segment: a business-unit CTX gives units (one
// per CTX01 repetition), a segment-context CTX gives c.
func (d *setDecoder) context(s *x12.Segment) (c Context, units []BusinessUnit) {
	r := d.r
	comp := s.Delimiters().Component
	for i := 1; i <= s.Repetitions(1); i++ {
		rep := s.Repetition(1, i)
		id := ContextID{Name: string(x12.Part(rep, comp, 1)), Reference: string(x12.Part(rep, comp, 2))}
		if id != (ContextID{}) {
			c.IDs = append(c.IDs, id)
		}
	}
	if len(c.IDs) == 0 || c.IDs[0].Name == "" {
		r.str(s, 1, true)
	}
	segmentContext := false
	for i := 2; i <= s.Len(); i++ {
		segmentContext = segmentContext || s.Has(i)
	}
	for _, id := range c.IDs {
		segmentContext = segmentContext || id.Name == "SITUATIONAL TRIGGER"
	}
	if !segmentContext && len(c.IDs) > 0 {
		units = make([]BusinessUnit, 0, len(c.IDs))
		for _, id := range c.IDs {
			if id.Reference == "" {
				r.add(s.PosAt(1).WithComponent(1, 2), ErrMissingElement, "CTX01-2 is required in a business-unit CTX")
			}
			units = append(units, BusinessUnit(id))
		}
		return Context{}, units
	}
	c.SegmentID = r.str(s, 2, true)
	c.Position = r.num(s, 3, 0, true)
	c.Loop = r.str(s, 4, false)
	c.Element = r.num(s, 5, 1, false)
	c.Component = r.num(s, 5, 2, false)
	c.Repetition = r.num(s, 5, 3, false)
	c.Reference = string(s.Component(6, 1))
	c.ComponentReference = string(s.Component(6, 2))
	return c, nil
}

// end closes the set at pos (the SE, or whatever ended it).
func (d *setDecoder) end(pos x12.Position) {
	defer func() {
		if len(d.r.sets) > 0 {
			d.a.Group.Sets = slices.Clone(d.r.sets)
		}
		clear(d.r.sets)
		d.r.sets = d.r.sets[:0]
	}()
	switch d.state {
	case stStart:
		d.missing(pos, "999 "+d.a.ControlNumber+" has no AK1 and no AK9")
	case stSet:
		d.missing(pos, "IK5 is missing at the end of the AK2 loop for set "+d.curSet().ControlNumber)
		fallthrough
	case stGroup:
		d.missing(pos, "999 "+d.a.ControlNumber+" has no AK9")
	}
}

// checkCounts compares the AK9 counts with each other, with AK901 and
// with the AK2 loops.
func (d *setDecoder) checkCounts(s *x12.Segment) {
	g, r := &d.a.Group, d.r
	n := func(v int) string { return strconv.Itoa(v) }
	if g.Accepted > g.Received {
		r.add(s.PosAt(4), ErrBadCount, "AK904 "+n(g.Accepted)+" sets accepted is more than AK903 "+n(g.Received)+" received")
	}
	sets := r.sets
	if len(sets) > g.Received {
		r.add(s.PosAt(3), ErrBadCount, "AK903 says "+n(g.Received)+" sets received, the 999 has "+n(len(sets))+" AK2 loops")
	} else if len(sets) == g.Received {
		acc := 0
		for _, set := range sets {
			if set.Verdict() == VerdictAccepted {
				acc++
			}
		}
		if acc != g.Accepted {
			r.add(s.PosAt(4), ErrBadCount, "AK904 says "+n(g.Accepted)+" sets accepted, the AK2 loops accept "+n(acc))
		}
	}
	switch g.Status.Verdict() {
	case VerdictAccepted:
		if g.Accepted != g.Received {
			r.add(s.PosAt(1), ErrBadCount, "AK901 "+string(g.Status)+" but AK904 accepts "+n(g.Accepted)+" of AK903 "+n(g.Received)+" sets")
		}
	case VerdictPartial:
		if g.Accepted == 0 || g.Accepted >= g.Received {
			r.add(s.PosAt(1), ErrBadCount, "AK901 P but AK904 accepts "+n(g.Accepted)+" of AK903 "+n(g.Received)+" sets")
		}
	}
}

// File is everything ReadAll found in an input.
type File struct {
	Acknowledgments []*Acknowledgment
	TA1s            []*TA1
	// Skipped are the transaction sets that are not 999s.
	Skipped []x12.SetHeader
	// Problems are the envelope and acknowledgment problems, sorted.
	Problems x12.ErrorList
}

// ReadAll reads r to the end. It returns a nil error at io.EOF; any
// other error from Next is returned together with the File holding what
// was read before it.
func ReadAll(r *Reader) (*File, error) {
	f := &File{}
	var err error
	for {
		var m Message
		m, err = r.Next()
		if err != nil {
			break
		}
		switch m := m.(type) {
		case *Acknowledgment:
			f.Acknowledgments = append(f.Acknowledgments, m)
		case *TA1:
			f.TA1s = append(f.TA1s, m)
		}
	}
	f.Skipped = r.Skipped()
	f.Problems = r.Problems()
	if err == io.EOF {
		err = nil
	}
	return f, err
}
