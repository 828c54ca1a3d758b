package x12

import (
	"bytes"
	"slices"
	"strconv"
)

// InterchangeHeader holds the ISA of an interchange.
type InterchangeHeader struct {
	AuthQualifier     string    `json:"auth_qualifier"`
	AuthInfo          string    `json:"-"`
	SecurityQualifier string    `json:"security_qualifier"`
	SecurityInfo      string    `json:"-"`
	SenderQualifier   string    `json:"sender_qualifier"`
	SenderID          string    `json:"sender_id"`
	ReceiverQualifier string    `json:"receiver_qualifier"`
	ReceiverID        string    `json:"receiver_id"`
	Date              Date      `json:"date"`
	Time              TimeOfDay `json:"-"`
	// Version is ISA12, for example "00501".
	Version string `json:"version"`
	// ControlNumber is ISA13 as written (nine digits).
	ControlNumber string `json:"control_number"`
	// AckRequested is ISA14: "1" asks for a TA1.
	AckRequested string `json:"ack_requested"`
	// Usage is ISA15: "P" production, "T" test, "I" information.
	Usage      string     `json:"usage"`
	Delimiters Delimiters `json:"-"`
	Pos        Position   `json:"-"`
}

// GroupHeader holds the GS of a functional group.
type GroupHeader struct {
	// FunctionalID is GS01: HC (837), HP (835), FA (999), HB (271), HN (277) ...
	FunctionalID  string    `json:"functional_id"`
	SenderCode    string    `json:"sender_code"`
	ReceiverCode  string    `json:"receiver_code"`
	Date          Date      `json:"date"`
	Time          TimeOfDay `json:"-"`
	ControlNumber string    `json:"control_number"`
	Agency        string    `json:"agency"`
	// Version is GS08, for example "005010X222A1".
	Version string   `json:"version"`
	Pos     Position `json:"-"`
}

// SetHeader holds the ST of a transaction set.
type SetHeader struct {
	// ID is ST01: 837, 835, 999, 270, 271, 277.
	ID            string   `json:"id"`
	ControlNumber string   `json:"control_number"`
	Version       string   `json:"version,omitempty"`
	Pos           Position `json:"-"`
}

// isaWidths are the fixed widths of ISA01..ISA16 and the TA105 note code
// for a bad value in each.
var isaWidths = [16]struct {
	width int
	code  string
}{
	{2, "010"}, {10, "011"}, {2, "012"}, {10, "013"}, {2, "005"}, {15, "006"}, {2, "007"}, {15, "008"},
	{6, "014"}, {4, "015"}, {1, "016"}, {5, "017"}, {9, "018"}, {1, "019"}, {1, "020"}, {1, "027"},
}

// envelope tracks ISA/GS/ST nesting, control numbers and counts.
type envelope struct {
	seenISA           bool
	inISA, inGS, inST bool
	isa               InterchangeHeader
	gs                GroupHeader
	st                SetHeader // ControlNumber is kept in stNum
	stNum             []byte    // ST02 of the current set
	groups, sets      int
	setSegs           int
	isaCtl            ctlSet // ISA13 in the input
	gsCtl             ctlSet // GS06 in the interchange
	stCtl             ctlSet // ST02 in the group
}

// Interchange returns the header of the current (or last) interchange.
func (r *Reader) Interchange() InterchangeHeader { return r.env.isa }

// Group returns the header of the current (or last) functional group.
func (r *Reader) Group() GroupHeader { return r.env.gs }

// Set returns the header of the current (or last) transaction set.
func (r *Reader) Set() SetHeader {
	h := r.env.st
	h.ControlNumber = string(r.env.stNum)
	return h
}

// InSet reports whether the last segment returned is inside a transaction
// set, ST and SE included.
func (r *Reader) InSet() bool { return r.seg.Pos.SetPosition > 0 }

// sameNumber reports whether two control numbers are equal, as numbers
// when both are digits (000000905 = 905), else as text.
func sameNumber(a, b []byte) bool {
	a, b = trimSpace(a), trimSpace(b)
	if bytes.Equal(a, b) {
		return true
	}
	x, ok1 := digits64(a)
	y, ok2 := digits64(b)
	return ok1 && ok2 && x == y
}

// digits64 parses 1 to 18 ASCII digits.
func digits64(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// ctlSet remembers control numbers to find duplicates. Numbers made of
// up to 15 digits are kept as runs of consecutive values, so the usual
// increasing sequence costs no memory; others go to maps.
type ctlSet struct {
	runs  []ctlRun            // increasing, disjoint
	more  map[uint64]struct{} // numeric keys below the last run
	other map[string]struct{} // keys that are not short digit strings
}

type ctlRun struct{ lo, hi uint64 }

func (c *ctlSet) reset() {
	c.runs = c.runs[:0]
	c.more, c.other = nil, nil
}

// ctlKey packs a digit string and its length (so "01" and "1" differ).
func ctlKey(b []byte) (uint64, bool) {
	if len(b) > 15 {
		return 0, false
	}
	v, ok := digits64(b)
	return uint64(len(b))<<50 | v, ok
}

// add records v and reports whether it was recorded before.
func (c *ctlSet) add(v []byte) (dup bool) {
	k, ok := ctlKey(v)
	if !ok {
		if c.other == nil {
			c.other = map[string]struct{}{}
		}
		if _, dup = c.other[string(v)]; !dup {
			c.other[string(v)] = struct{}{}
		}
		return dup
	}
	n := len(c.runs)
	if n == 0 || k > c.runs[n-1].hi {
		if n > 0 && k == c.runs[n-1].hi+1 {
			c.runs[n-1].hi = k
		} else {
			c.runs = append(c.runs, ctlRun{k, k})
		}
		return false
	}
	i, _ := slices.BinarySearchFunc(c.runs, k, func(r ctlRun, k uint64) int {
		switch {
		case r.hi < k:
			return -1
		case r.lo > k:
			return 1
		}
		return 0
	})
	if i < n && c.runs[i].lo <= k && k <= c.runs[i].hi {
		return true
	}
	if c.more == nil {
		c.more = map[uint64]struct{}{}
	}
	if _, dup = c.more[k]; !dup {
		c.more[k] = struct{}{}
	}
	return dup
}

func (r *Reader) report(pos Position, element int, kind, code, msg string) error {
	return r.problem(&Error{Pos: pos.WithElement(element), Err: ErrEnvelope, Code: Code{kind, code}, Msg: msg})
}

// closeOpen reports the trailers missing before pos, down to level
// (3 = close ST only, 2 = ST and GS, 1 = everything).
func (e *envelope) closeOpen(r *Reader, pos Position, level int) error {
	if e.inST {
		e.inST = false
		if err := r.report(pos, 0, "IK5", "2", "transaction set "+string(e.stNum)+" has no SE"); err != nil {
			return err
		}
	}
	if level <= 2 && e.inGS {
		e.inGS = false
		if err := r.report(pos, 0, "AK9", "3", "functional group "+e.gs.ControlNumber+" has no GE"); err != nil {
			return err
		}
	}
	if level <= 1 && e.inISA {
		e.inISA = false
		if err := r.report(pos, 0, "TA1", "023", "interchange "+e.isa.ControlNumber+" has no IEA"); err != nil {
			return err
		}
	}
	return nil
}

// finish checks the envelopes at the end of input.
func (e *envelope) finish(r *Reader) error {
	if !e.seenISA {
		return r.fail(ErrNoISA, r.pos(r.start), "input is empty")
	}
	return e.closeOpen(r, r.pos(r.start), 1)
}

// track follows the envelopes through segment s and sets its position
// inside the transaction set.
// Segments inside a set that are not envelope segments are counted by
// Reader.next, which does not call track for them.
func (e *envelope) track(r *Reader, s *Segment) error {
	switch s.ID {
	case "ISA":
		if err := e.closeOpen(r, s.Pos, 1); err != nil {
			return err
		}
		return e.openISA(r, s)
	case "GS":
		if !e.inISA {
			return r.report(s.Pos, 0, "TA1", "024", "GS outside an interchange")
		}
		if err := e.closeOpen(r, s.Pos, 2); err != nil {
			return err
		}
		return e.openGS(r, s)
	case "ST":
		if !e.inGS {
			// Set() names this set, not the previous one.
			e.st = SetHeader{ID: s.Value(1), Version: s.Value(3), Pos: s.Pos}
			e.stNum = append(e.stNum[:0], s.Element(2)...)
			return r.report(s.Pos, 0, "IK5", "18", "ST outside a functional group")
		}
		if err := e.closeOpen(r, s.Pos, 3); err != nil {
			return err
		}
		return e.openST(r, s)
	case "SE":
		if !e.inST {
			return r.report(s.Pos, 0, "IK3", "2", "SE without ST")
		}
		e.setSegs++
		s.Pos.SetPosition = e.setSegs
		e.inST = false
		return r.checkTrailer(s, trailer{"IK5", "4", "3", e.setSegs, "the set has", "segments", "ST02", e.stNum, true})
	case "GE":
		if !e.inGS {
			return r.report(s.Pos, 0, "TA1", "024", "GE without GS")
		}
		if err := e.closeOpen(r, s.Pos, 3); err != nil {
			return err
		}
		e.inGS = false
		return r.checkTrailer(s, trailer{"AK9", "5", "4", e.sets, "the group has", "transaction sets", "GS06", []byte(e.gs.ControlNumber), false})
	case "IEA":
		if !e.inISA {
			return r.report(s.Pos, 0, "TA1", "024", "IEA without ISA")
		}
		if err := e.closeOpen(r, s.Pos, 2); err != nil {
			return err
		}
		e.inISA = false
		return r.checkTrailer(s, trailer{"TA1", "021", "001", e.groups, "the interchange has", "groups", "ISA13", []byte(e.isa.ControlNumber), false})
	case "TA1":
		if e.inISA && !e.inGS {
			return nil // interchange acknowledgment, between ISA and GS
		}
	}
	if !e.inISA {
		return r.report(s.Pos, 0, "TA1", "024", "segment outside an interchange")
	}
	return r.report(s.Pos, 0, "IK3", "6", "segment outside a transaction set")
}

// trailer describes what an SE, GE or IEA must match: its count
// (element 1) and the control number of its header (element 2), with the
// acknowledgment codes for each.
type trailer struct {
	kind, countCode, ctlCode string
	count                    int
	counted, unit            string // "the group has", "transaction sets"
	header                   string // "GS06"
	ctl                      []byte // its value
	exact                    bool   // compare as text (ST02 is AN), not as numbers
}

// checkTrailer checks trailer s against t.
func (r *Reader) checkTrailer(s *Segment, t trailer) error {
	if n, err := ParseN0(s.Element(1)); err != nil || n != int64(t.count) {
		msg := s.ID + "01 is " + quoteID(s.Value(1)) + ", " + t.counted + " " + strconv.Itoa(t.count) + " " + t.unit
		if err := r.report(s.Pos, 1, t.kind, t.countCode, msg); err != nil {
			return err
		}
	}
	same := bytes.Equal(s.Element(2), t.ctl)
	if !t.exact {
		same = sameNumber(s.Element(2), t.ctl)
	}
	if !same {
		return r.report(s.Pos, 2, t.kind, t.ctlCode, s.ID+"02 "+quoteID(s.Value(2))+" does not match "+t.header+" "+quoteID(string(t.ctl)))
	}
	return nil
}

func (e *envelope) openISA(r *Reader, s *Segment) error {
	e.seenISA, e.inISA = true, true
	e.groups = 0
	e.gsCtl.reset()
	h := InterchangeHeader{Delimiters: r.delims, Pos: s.Pos}
	if s.Len() != 16 {
		if err := r.report(s.Pos, 0, "TA1", "022", "ISA has "+strconv.Itoa(s.Len())+" elements, want 16"); err != nil {
			return err
		}
	}
	if r.paddedISA {
		if err := r.report(s.Pos, 0, "TA1", "022", "ISA elements are padded with spaces; values are read trimmed"); err != nil {
			return err
		}
	}
	for i, w := range isaWidths {
		v := s.Element(i + 1)
		if len(v) != w.width && !r.paddedISA && i < s.Len() {
			if err := r.report(s.Pos, i+1, "TA1", w.code, "ISA"+pad2(i+1)+" is "+strconv.Itoa(len(v))+" bytes, want "+strconv.Itoa(w.width)); err != nil {
				return err
			}
		}
	}
	trim := func(i int) string { return string(trimSpace(s.Element(i))) }
	h.AuthQualifier, h.AuthInfo = trim(1), trim(2)
	h.SecurityQualifier, h.SecurityInfo = trim(3), trim(4)
	h.SenderQualifier, h.SenderID = trim(5), trim(6)
	h.ReceiverQualifier, h.ReceiverID = trim(7), trim(8)
	h.Version, h.ControlNumber = trim(12), trim(13)
	h.AckRequested, h.Usage = trim(14), trim(15)
	var err error
	if h.Date, err = ParseYYMMDD(trimSpace(s.Element(9))); err != nil {
		if err := r.report(s.Pos, 9, "TA1", "014", "ISA09 is not a YYMMDD date"); err != nil {
			return err
		}
	}
	if h.Time, err = ParseTM(trimSpace(s.Element(10))); err != nil || len(trimSpace(s.Element(10))) != 4 {
		if err := r.report(s.Pos, 10, "TA1", "015", "ISA10 is not an HHMM time"); err != nil {
			return err
		}
	}
	if n, err := ParseN0(trimSpace(s.Element(13))); err != nil || n < 0 {
		if err := r.report(s.Pos, 13, "TA1", "018", "ISA13 is not a control number"); err != nil {
			return err
		}
	}
	if h.AckRequested != "0" && h.AckRequested != "1" {
		if err := r.report(s.Pos, 14, "TA1", "019", "ISA14 must be 0 or 1"); err != nil {
			return err
		}
	}
	if h.Usage != "P" && h.Usage != "T" && h.Usage != "I" {
		if err := r.report(s.Pos, 15, "TA1", "020", "ISA15 must be P, T or I"); err != nil {
			return err
		}
	}
	e.isa = h
	if e.isaCtl.add([]byte(h.ControlNumber)) {
		if err := r.report(s.Pos, 13, "TA1", "025", "ISA13 "+quoteID(h.ControlNumber)+" is used twice in this input"); err != nil {
			return err
		}
	}
	return nil
}

func (e *envelope) openGS(r *Reader, s *Segment) error {
	e.inGS = true
	e.groups++
	e.sets = 0
	e.stCtl.reset()
	g := GroupHeader{
		FunctionalID: s.Value(1), SenderCode: s.Value(2), ReceiverCode: s.Value(3),
		ControlNumber: s.Value(6), Agency: s.Value(7), Version: s.Value(8), Pos: s.Pos,
	}
	g.Date, _ = ParseD8(s.Element(4))
	g.Time, _ = ParseTM(s.Element(5))
	e.gs = g
	if n, err := ParseN0(s.Element(6)); err != nil || n <= 0 || len(s.Element(6)) > 9 {
		if err := r.report(s.Pos, 6, "AK9", "6", "GS06 is not a control number"); err != nil {
			return err
		}
	}
	if e.gsCtl.add(s.Element(6)) {
		if err := r.report(s.Pos, 6, "AK9", "19", "GS06 "+quoteID(g.ControlNumber)+" is used twice in the interchange"); err != nil {
			return err
		}
	}
	return nil
}

// reuse returns b as a string, reusing old when it has the same bytes.
func reuse(old string, b []byte) string {
	if old == string(b) {
		return old
	}
	return string(b)
}

func (e *envelope) openST(r *Reader, s *Segment) error {
	e.inST = true
	e.sets++
	e.setSegs = 1
	s.Pos.SetPosition = 1
	e.st = SetHeader{ID: reuse(e.st.ID, s.Element(1)), Version: reuse(e.st.Version, s.Element(3)), Pos: s.Pos}
	e.stNum = append(e.stNum[:0], s.Element(2)...)
	if len(s.Element(1)) != 3 {
		if err := r.report(s.Pos, 1, "IK5", "6", "ST01 is not a transaction set identifier"); err != nil {
			return err
		}
	}
	if n := len(e.stNum); n < 4 || n > 9 {
		if err := r.report(s.Pos, 2, "IK5", "7", "ST02 must be 4 to 9 characters"); err != nil {
			return err
		}
	}
	if e.stCtl.add(e.stNum) {
		if err := r.report(s.Pos, 2, "IK5", "23", "ST02 "+quoteID(string(e.stNum))+" is used twice in the group"); err != nil {
			return err
		}
	}
	if e.st.Version != "" && e.st.Version != e.gs.Version {
		return r.report(s.Pos, 3, "IK5", "19", "ST03 "+quoteID(e.st.Version)+" does not match GS08 "+quoteID(e.gs.Version))
	}
	return nil
}

func pad2(i int) string {
	if i < 10 {
		return "0" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	return b
}
