package eligibility

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/claimkit/claimkit/x12"
	"github.com/shopspring/decimal"
)

// Version is the implementation guide of the 270 and 271 this package
// writes and reads: GS08 and ST03.
const Version = "005010X279A1"

// Decode271 reads every 271 transaction set from r and returns one
// Response per set, in file order.
//
// Decoding is lenient: a segment that has no place where it appears, a
// value that is not in its X12 form, a broken HL hierarchy, a 4010
// (004010X092A1) set decoded with the 5010 layout, a transaction set of
// another kind and every envelope problem r reports are collected, the
// rest of the input is still decoded, and the error returned is an
// x12.ErrorList of *x12.Error values sorted by position, each wrapping
// one of this package's sentinels or x12's. A syntax error that stops r
// (a malformed ISA, a segment over the limits) ends decoding; it is the
// last item of the list and the responses read until then are returned.
// The error is nil when the input had no problem at all.
func Decode271(r *x12.Reader) ([]Response, error) {
	d := newDecoder(r, "271")
	d.run()
	return d.out, d.err()
}

// decoder walks the transaction sets of one kind (270 or 271) and builds
// the HL tree of each. The 270 and 271 share the tree; a 270's members
// carry inquiries instead of benefits.
type decoder struct {
	r      *x12.Reader
	setID  string
	errs   x12.ErrorList
	fatal  *x12.Error // the error that stopped the Reader
	out    []Response
	sets   int
	others int

	// compRepeats: the interchange's ISA11 equals ISA16, so repeated
	// simple elements (EB03, EQ01) are split at the component separator.
	compRepeats  bool
	groupChecked int64

	// the set being decoded
	resp *Response
	at   cursor
	hl   map[string]path
	// bens collects the EB loops of the current member; they move to the
	// member, in a slice of the right size, when its loop ends.
	bens []Benefit
	// intern shares the strings of short codes.
	intern map[string]string
}

// path locates an HL loop in the tree by indexes, which stay valid while
// slices grow.
type path struct {
	level    int // 1 source, 2 receiver, 3 subscriber, 4 dependent
	src, rcv int
	sub, dep int
}

// cursor is where the decoder is inside the current set.
type cursor struct {
	path
	inHL    bool // inside an HL loop that is being decoded
	skip    bool // inside an HL loop that is skipped
	named   bool // the loop's NM1 was seen (2100 has begun)
	ben     int  // index of the current EB loop + 1, 0 outside 2110
	inq     int  // index of the current EQ loop + 1
	inLS    bool // between LS and LE (2120)
	lsPos   x12.Position
	related int // index of the current 2120 entity + 1
}

func newDecoder(r *x12.Reader, setID string) *decoder {
	return &decoder{r: r, setID: setID, groupChecked: -1, intern: map[string]string{}}
}

// err returns the collected problems sorted by position, with the error
// that stopped the Reader last, or nil.
func (d *decoder) err() error {
	all := append(x12.ErrorList(nil), d.r.Problems()...)
	all = append(all, d.errs...)
	if d.sets == 0 && d.fatal == nil {
		all = append(all, &x12.Error{File: d.r.File, Pos: x12.Position{Offset: d.r.Offset()}, Err: ErrNoTransaction,
			Msg: "no " + d.setID + " transaction set in the input"})
	}
	all.Sort()
	if d.fatal != nil {
		all = append(all, d.fatal)
	}
	return all.Err()
}

// problem records a problem at element el of seg (0 for the segment).
func (d *decoder) problem(seg *x12.Segment, el int, sentinel error, msg string) {
	d.errs = append(d.errs, &x12.Error{File: d.r.File, Pos: seg.PosAt(el), Err: sentinel, Msg: msg})
}

func (d *decoder) run() {
	for {
		seg, err := d.r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			d.stop(err)
			break
		}
		d.segment(seg)
	}
	if d.resp != nil {
		d.endSet(nil)
	}
}

// stop records the error that ended reading.
func (d *decoder) stop(err error) {
	var xe *x12.Error
	if !errors.As(err, &xe) {
		xe = &x12.Error{File: d.r.File, Pos: x12.Position{Offset: d.r.Offset()}, Err: err}
	}
	d.fatal = xe
}

func (d *decoder) segment(seg *x12.Segment) {
	switch seg.ID {
	case "ISA":
		d.compRepeats = false
		delims := d.r.Delimiters()
		if isa11 := bytes.TrimSpace(seg.Element(11)); len(isa11) == 1 && delims.Repetition == 0 &&
			isa11[0] == delims.Component && d.r.Interchange().Version >= "00402" {
			d.compRepeats = true
			d.problem(seg, 11, ErrBadValue, "ISA11 equals ISA16; repeated elements (EB03, EQ01) are split at the component separator")
		}
		return
	case "GS", "GE", "IEA":
		return
	case "ST":
		if d.resp != nil {
			d.endSet(nil)
		}
		d.beginSet(seg)
		return
	case "SE":
		if d.resp != nil {
			d.endSet(seg)
		}
		return
	}
	if d.resp == nil {
		// Segments of skipped sets, or outside any set (the Reader
		// reports the latter).
		return
	}
	d.body(seg)
}

func (d *decoder) beginSet(seg *x12.Segment) {
	st := d.r.Set()
	if st.ID != d.setID {
		d.others++
		d.problem(seg, 1, ErrOtherTransaction, "transaction set "+st.ID+" "+st.ControlNumber+" is not a "+d.setID+"; skipped")
		return
	}
	d.sets++
	g := d.r.Group()
	version := strings.TrimSpace(st.Version)
	if version == "" {
		version = strings.TrimSpace(g.Version)
	}
	want := "HB"
	if d.setID == "270" {
		want = "HS"
	}
	if g.FunctionalID != want && g.Pos.Offset != d.groupChecked {
		d.groupChecked = g.Pos.Offset
		d.errs = append(d.errs, &x12.Error{File: d.r.File, Pos: g.Pos.WithElement(1), Err: ErrBadValue,
			Msg: "GS01 is " + g.FunctionalID + ", a " + d.setID + " belongs in an " + want + " group"})
	}
	if !strings.HasPrefix(version, "005010X279") {
		el := 3
		if st.Version == "" {
			el = 0
		}
		d.problem(seg, el, ErrVersion, "version "+version+" is decoded with the "+Version+" layout")
	}
	d.out = append(d.out, Response{ControlNumber: strings.TrimSpace(st.ControlNumber), Version: version, Sources: []Source{}, Pos: seg.Pos})
	d.resp = &d.out[len(d.out)-1]
	d.at = cursor{}
	d.hl = map[string]path{}
}

// endSet closes the current set; se is nil when the set has no SE.
func (d *decoder) endSet(se *x12.Segment) {
	d.flushBenefits()
	if d.at.inLS {
		d.errs = append(d.errs, &x12.Error{File: d.r.File, Pos: d.at.lsPos, Err: ErrMissing, Msg: "LS has no matching LE"})
	}
	d.resp = nil
}

// body handles a segment between ST and SE.
func (d *decoder) body(seg *x12.Segment) {
	switch seg.ID {
	case "BHT":
		if d.at.level != 0 || d.resp.Purpose != "" {
			d.problem(seg, 0, ErrUnexpectedSegment, "BHT after the header; skipped")
			return
		}
		d.resp.Purpose = d.val(seg, 2)
		d.resp.Reference = d.val(seg, 3)
		d.resp.Date = d.date(seg, 4)
		if v := trim(seg.Element(5)); len(v) > 0 {
			t, err := x12.ParseTM(v)
			if err != nil {
				d.problem(seg, 5, ErrBadValue, "BHT05 is not an HHMM[SS[DD]] time")
			}
			d.resp.Time = t
		}
		return
	case "HL":
		d.hlSegment(seg)
		return
	}
	if d.at.skip {
		return // reported once at the HL
	}
	if !d.at.inHL {
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" before the first HL; skipped")
		return
	}
	switch {
	case d.at.inLS:
		d.relatedSegment(seg)
	case d.at.ben > 0 || d.at.inq > 0:
		d.loop2110(seg)
	default:
		d.loop2100(seg)
	}
}

// levels maps HL03 to the tree level.
var levels = map[string]int{"20": 1, "21": 2, "22": 3, "23": 4}

var levelNames = [5]string{"", "information source", "information receiver", "subscriber", "dependent"}

func (d *decoder) hlSegment(seg *x12.Segment) {
	if d.at.inLS {
		d.errs = append(d.errs, &x12.Error{File: d.r.File, Pos: d.at.lsPos, Err: ErrMissing, Msg: "LS has no matching LE"})
	}
	d.flushBenefits()
	id, parent, code := d.val(seg, 1), d.val(seg, 2), d.val(seg, 3)
	d.at = cursor{}
	lvl, ok := levels[code]
	if !ok {
		d.at.skip = true
		d.problem(seg, 3, ErrHierarchy, "HL03 "+quote(code)+" is not a 270/271 level (20, 21, 22, 23); the loop is skipped")
		return
	}
	if id == "" {
		d.problem(seg, 1, ErrMissing, "HL01 is empty")
	} else if _, dup := d.hl[id]; dup {
		d.problem(seg, 1, ErrHierarchy, "HL01 "+quote(id)+" is used twice")
	}
	var p path
	if lvl > 1 {
		pp, found := d.hl[parent]
		if !found || pp.level != lvl-1 {
			last, have := d.lastAt(lvl - 1)
			if !have {
				d.at.skip = true
				d.problem(seg, 2, ErrHierarchy, "the "+levelNames[lvl]+" loop has no "+levelNames[lvl-1]+" to belong to; the loop is skipped")
				return
			}
			d.problem(seg, 2, ErrHierarchy, "HL02 "+quote(parent)+" names no "+levelNames[lvl-1]+" loop; attached to the preceding one")
			pp = last
		}
		p = pp
	}
	p.level = lvl
	pos := seg.Pos
	switch lvl {
	case 1:
		d.resp.Sources = append(d.resp.Sources, Source{})
		p.src = len(d.resp.Sources) - 1
	case 2:
		s := &d.resp.Sources[p.src]
		s.Receivers = append(s.Receivers, Receiver{})
		p.rcv = len(s.Receivers) - 1
	case 3:
		rc := &d.resp.Sources[p.src].Receivers[p.rcv]
		rc.Subscribers = append(rc.Subscribers, Member{Level: SubscriberLevel, Pos: pos})
		p.sub = len(rc.Subscribers) - 1
	case 4:
		sub := &d.resp.Sources[p.src].Receivers[p.rcv].Subscribers[p.sub]
		if d.setID == "270" && len(sub.Inquiries) > 0 && len(sub.Dependents) == 0 {
			d.problem(seg, 0, ErrUnexpectedSegment, "the subscriber's EQ loops are not kept in a Request when the patient is a dependent; skipped")
		}
		sub.Dependents = append(sub.Dependents, Member{Level: DependentLevel, Pos: pos})
		p.dep = len(sub.Dependents) - 1
	}
	if id != "" {
		d.hl[id] = p
	}
	d.at.path = p
	d.at.inHL = true
}

// flushBenefits moves the collected EB loops to the current member.
func (d *decoder) flushBenefits() {
	if len(d.bens) > 0 && d.at.inHL && d.at.level >= 3 {
		m := d.member()
		m.Benefits = append(m.Benefits[:len(m.Benefits):len(m.Benefits)], d.bens...)
	}
	clear(d.bens)
	d.bens = d.bens[:0]
}

// lastAt returns the path of the most recent loop at level lvl.
func (d *decoder) lastAt(lvl int) (path, bool) {
	var p path
	n := len(d.resp.Sources)
	if n == 0 {
		return p, false
	}
	p.src, p.level = n-1, 1
	if lvl == 1 {
		return p, true
	}
	s := &d.resp.Sources[p.src]
	if len(s.Receivers) == 0 {
		return p, false
	}
	p.rcv, p.level = len(s.Receivers)-1, 2
	if lvl == 2 {
		return p, true
	}
	rc := &s.Receivers[p.rcv]
	if len(rc.Subscribers) == 0 {
		return p, false
	}
	p.sub, p.level = len(rc.Subscribers)-1, 3
	return p, true
}

// node returns the NM1 entity and the AAA list of the current loop.
func (d *decoder) node() (*Entity, *[]Rejection) {
	switch d.at.level {
	case 1:
		s := &d.resp.Sources[d.at.src]
		return &s.Entity, &s.Rejections
	case 2:
		rc := &d.resp.Sources[d.at.src].Receivers[d.at.rcv]
		return &rc.Entity, &rc.Rejections
	}
	m := d.member()
	return &m.Entity, &m.Rejections
}

// entity returns the NM1 entity of the current loop.
func (d *decoder) entity() *Entity {
	e, _ := d.node()
	return e
}

// member returns the current subscriber or dependent.
func (d *decoder) member() *Member {
	sub := &d.resp.Sources[d.at.src].Receivers[d.at.rcv].Subscribers[d.at.sub]
	if d.at.level == 4 {
		return &sub.Dependents[d.at.dep]
	}
	return sub
}

// loopName names the current loop as the TR3 does.
func (d *decoder) loopName() string {
	suffix := string("ABCD"[d.at.level-1])
	switch {
	case d.at.ben > 0 || d.at.inq > 0:
		return "2110" + suffix
	case d.at.named:
		return "2100" + suffix
	}
	return "2000" + suffix
}

// loop2100 handles the segments of the 2000/2100 loops.
func (d *decoder) loop2100(seg *x12.Segment) {
	lvl := d.at.level
	if d.setID == "270" && !requestSegments[lvl][seg.ID] {
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" in the "+levelNames[lvl]+" loop is not kept in a Request; skipped")
		return
	}
	switch seg.ID {
	case "NM1":
		if d.at.named {
			d.problem(seg, 0, ErrUnexpectedSegment, "second NM1 in the "+levelNames[lvl]+" loop; skipped")
			return
		}
		d.at.named = true
		d.nm1(seg, d.entity())
		return
	case "AAA":
		_, list := d.node()
		d.aaa(seg, list)
		return
	case "REF":
		e := d.entity()
		e.References = append(e.References, d.ref(seg))
		return
	case "N3", "N4":
		d.address(seg, d.entity())
		return
	case "PER":
		e := d.entity()
		e.Contacts = append(e.Contacts, d.per(seg))
		return
	case "PRV":
		d.entity().Provider = d.prv(seg)
		return
	}
	if lvl < 3 {
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" has no place in the "+levelNames[lvl]+" loop; skipped")
		return
	}
	m := d.member()
	switch seg.ID {
	case "TRN":
		m.Traces = append(m.Traces, Trace{Type: d.val(seg, 1), Number: d.val(seg, 2), Originator: d.val(seg, 3), Supplemental: d.val(seg, 4)})
	case "DMG":
		if f := d.val(seg, 1); f != "" && f != "D8" {
			d.problem(seg, 1, ErrBadValue, "DMG01 is "+quote(f)+", want D8")
		}
		m.BirthDate = d.date(seg, 2)
		m.Gender = d.val(seg, 3)
	case "INS":
		m.Insured = &Insured{Subscriber: d.val(seg, 1) == "Y", Relationship: d.val(seg, 2), Maintenance: d.val(seg, 3),
			MaintenanceReason: d.val(seg, 4), BirthSequence: d.val(seg, 17)}
	case "DTP":
		if di, ok := d.dtp(seg); ok {
			if d.setID == "270" && di.Qualifier != "291" {
				d.problem(seg, 1, ErrUnexpectedSegment, "DTP "+quote(di.Qualifier)+" is not kept in a Request (only 291); skipped")
				return
			}
			m.Dates = append(m.Dates, di)
		}
	case "EB":
		if d.setID != "271" {
			d.problem(seg, 0, ErrUnexpectedSegment, "EB in a "+d.setID+"; skipped")
			return
		}
		d.eb(seg, m)
	case "EQ":
		if d.setID != "270" {
			d.problem(seg, 0, ErrUnexpectedSegment, "EQ in a "+d.setID+"; skipped")
			return
		}
		d.eq(seg, m)
	case "HI", "MPI":
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" (diagnosis or military data) is not modelled; skipped")
	default:
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" has no place in the "+levelNames[lvl]+" loop; skipped")
	}
}

// loop2110 handles the segments of an EB (271) or EQ (270) loop.
func (d *decoder) loop2110(seg *x12.Segment) {
	m := d.member()
	if d.at.inq > 0 {
		q := &m.Inquiries[d.at.inq-1]
		switch seg.ID {
		case "EQ":
			d.eq(seg, m)
		case "III":
			q.IndustryCodes = append(q.IndustryCodes, IndustryCode{Qualifier: d.val(seg, 1), Code: d.val(seg, 2)})
		case "DTP":
			if di, ok := d.dtp(seg); ok {
				if di.Qualifier != "291" {
					d.problem(seg, 1, ErrUnexpectedSegment, "DTP "+quote(di.Qualifier)+" is not kept in a Request (only 291); skipped")
					return
				}
				q.Dates = append(q.Dates, di)
			}
		default:
			d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" has no place in the EQ loop (2110"+string("CD"[d.at.level-3])+"); skipped")
		}
		return
	}
	b := &d.bens[d.at.ben-1]
	switch seg.ID {
	case "EB":
		d.eb(seg, m)
	case "HSD":
		b.Delivery = append(b.Delivery, Delivery{
			QuantityQualifier: d.val(seg, 1), Quantity: d.decimal(seg, 2), Unit: d.val(seg, 3), SampleModulus: d.val(seg, 4),
			TimePeriod: d.val(seg, 5), Periods: d.val(seg, 6), Frequency: d.val(seg, 7), PatternTime: d.val(seg, 8),
		})
	case "REF":
		b.References = append(b.References, d.ref(seg))
	case "DTP":
		if di, ok := d.dtp(seg); ok {
			b.Dates = append(b.Dates, di)
		}
	case "AAA":
		d.aaa(seg, &b.Rejections)
	case "MSG":
		b.Messages = append(b.Messages, d.val(seg, 1))
	case "III":
		b.IndustryCodes = append(b.IndustryCodes, IndustryCode{Qualifier: d.val(seg, 1), Code: d.val(seg, 2)})
	case "LS":
		d.at.inLS, d.at.lsPos, d.at.related = true, seg.Pos, 0
	case "LE":
		d.problem(seg, 0, ErrUnexpectedSegment, "LE without LS; skipped")
	default:
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" has no place in the EB loop ("+d.loopName()+"); skipped")
	}
}

// relatedSegment handles the segments between LS and LE (2120C/D).
func (d *decoder) relatedSegment(seg *x12.Segment) {
	b := &d.bens[d.at.ben-1]
	if seg.ID == "LE" {
		d.at.inLS, d.at.related = false, 0
		return
	}
	if seg.ID == "NM1" {
		b.Entities = append(b.Entities, Entity{})
		d.at.related = len(b.Entities)
		d.nm1(seg, &b.Entities[d.at.related-1])
		return
	}
	if d.at.related == 0 {
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" before the NM1 of a benefit-related entity; skipped")
		return
	}
	e := &b.Entities[d.at.related-1]
	switch seg.ID {
	case "N3", "N4":
		d.address(seg, e)
	case "PER":
		e.Contacts = append(e.Contacts, d.per(seg))
	case "PRV":
		e.Provider = d.prv(seg)
	case "REF":
		e.References = append(e.References, d.ref(seg))
	default:
		d.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" has no place in a benefit-related entity (2120); skipped")
	}
}

func (d *decoder) nm1(seg *x12.Segment, e *Entity) {
	e.EntityCode, e.EntityType = d.val(seg, 1), d.val(seg, 2)
	if e.EntityCode == "" {
		d.problem(seg, 1, ErrMissing, "NM101 entity identifier code is empty")
	}
	if e.EntityType == "2" {
		e.Organization = d.val(seg, 3)
	} else {
		e.LastName = d.val(seg, 3)
	}
	e.FirstName, e.MiddleName, e.Prefix, e.Suffix = d.val(seg, 4), d.val(seg, 5), d.val(seg, 6), d.val(seg, 7)
	e.IDQualifier, e.ID, e.Relationship = d.val(seg, 8), d.val(seg, 9), d.val(seg, 10)
}

func (d *decoder) aaa(seg *x12.Segment, list *[]Rejection) {
	rj := Rejection{Loop: d.loopName(), ValidRequest: d.val(seg, 1) == "Y", Reason: RejectReason(d.val(seg, 3)),
		FollowUp: FollowUp(d.val(seg, 4)), Pos: seg.Pos}
	rj.ReasonText, rj.FollowUpText = rj.Reason.Meaning(), rj.FollowUp.Meaning()
	if rj.Reason == "" {
		d.problem(seg, 3, ErrMissing, "AAA03 reject reason is empty")
	}
	*list = append(*list, rj)
}

func (d *decoder) ref(seg *x12.Segment) Reference {
	return Reference{Qualifier: d.val(seg, 1), Value: d.val(seg, 2), Description: d.val(seg, 3)}
}

func (d *decoder) address(seg *x12.Segment, e *Entity) {
	if e.Address == nil {
		e.Address = &Address{}
	}
	if seg.ID == "N3" {
		e.Address.Line1, e.Address.Line2 = d.val(seg, 1), d.val(seg, 2)
		return
	}
	a := e.Address
	a.City, a.State, a.PostalCode, a.Country = d.val(seg, 1), d.val(seg, 2), d.val(seg, 3), d.val(seg, 4)
	a.LocationQualifier, a.Location, a.Subdivision = d.val(seg, 5), d.val(seg, 6), d.val(seg, 7)
}

func (d *decoder) per(seg *x12.Segment) Contact {
	c := Contact{Function: d.val(seg, 1), Name: d.val(seg, 2)}
	for i := 3; i+1 <= 8; i += 2 {
		if q, v := d.val(seg, i), d.val(seg, i+1); q != "" || v != "" {
			c.Numbers = append(c.Numbers, Number{Qualifier: q, Value: v})
		}
	}
	return c
}

func (d *decoder) prv(seg *x12.Segment) *ProviderInfo {
	return &ProviderInfo{Code: d.val(seg, 1), IDQualifier: d.val(seg, 2), ID: d.val(seg, 3)}
}

func (d *decoder) dtp(seg *x12.Segment) (DateInfo, bool) {
	di := DateInfo{Qualifier: d.val(seg, 1), Format: d.val(seg, 2)}
	v := trim(seg.Element(3))
	switch di.Format {
	case "D8":
		t, err := x12.ParseD8(v)
		if err != nil {
			d.problem(seg, 3, ErrBadValue, "DTP03 is not a CCYYMMDD date; the DTP is skipped")
			return di, false
		}
		di.From, di.To = t, t
	case "RD8":
		rg, err := x12.ParseRD8(v)
		if err != nil {
			d.problem(seg, 3, ErrBadValue, "DTP03 is not a CCYYMMDD-CCYYMMDD range; the DTP is skipped")
			return di, false
		}
		di.From, di.To = rg.From, rg.To
	default:
		d.problem(seg, 2, ErrBadValue, "DTP02 is "+quote(di.Format)+", want D8 or RD8; the DTP is skipped")
		return di, false
	}
	return di, true
}

func (d *decoder) eb(seg *x12.Segment, m *Member) {
	b := Benefit{
		Code: BenefitCode(d.val(seg, 1)), CoverageLevel: d.val(seg, 2), InsuranceType: d.val(seg, 4),
		PlanDescription: d.val(seg, 5), TimePeriod: d.val(seg, 6), Amount: d.decimal(seg, 7), Percent: d.decimal(seg, 8),
		QuantityQualifier: d.val(seg, 9), Quantity: d.decimal(seg, 10), AuthorizationRequired: d.val(seg, 11),
		InNetwork: d.val(seg, 12), Procedure: d.procedure(seg, 13), DiagnosisPointers: d.components(seg, 14), Pos: seg.Pos,
	}
	b.Meaning = b.Code.Meaning()
	if b.Code == "" {
		d.problem(seg, 1, ErrMissing, "EB01 eligibility or benefit code is empty")
	}
	b.ServiceTypes = d.serviceTypes(seg, 3)
	d.bens = append(d.bens, b)
	d.at.ben = len(d.bens)
}

func (d *decoder) eq(seg *x12.Segment, m *Member) {
	q := Inquiry{Procedure: d.procedure(seg, 2), ServiceTypes: d.serviceTypes(seg, 1)}
	if len(q.ServiceTypes) == 0 && q.Procedure == nil {
		d.problem(seg, 1, ErrMissing, "EQ has neither a service type nor a procedure")
	}
	m.Inquiries = append(m.Inquiries, q)
	d.at.inq = len(m.Inquiries)
}

// val returns element i without surrounding spaces (4010 files pad values).
func (d *decoder) val(seg *x12.Segment, i int) string { return d.str(trim(seg.Element(i))) }

// str returns b as a string, sharing the strings of short codes.
func (d *decoder) str(b []byte) string {
	if len(b) > 3 {
		return string(b)
	}
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.intern) < 4096 {
		d.intern[s] = s
	}
	return s
}

func trim(b []byte) []byte { return bytes.Trim(b, " ") }

// serviceTypes returns the repetitions of a repeated service type
// element (EB03, EQ01). When ISA11 equals ISA16 they are split at the
// component separator.
func (d *decoder) serviceTypes(seg *x12.Segment, i int) []ServiceType {
	n, part := seg.Repetitions(i), seg.Repetition
	if d.compRepeats {
		n, part = seg.Components(i), seg.Component
	}
	if n == 0 {
		return nil
	}
	out := make([]ServiceType, 0, n)
	for k := 1; k <= n; k++ {
		if v := trim(part(i, k)); len(v) > 0 {
			out = append(out, ServiceType(d.str(v)))
		}
	}
	return out
}

// components returns the non-empty components of element i.
func (d *decoder) components(seg *x12.Segment, i int) []string {
	var out []string
	for c := 1; c <= seg.Components(i); c++ {
		if v := trim(seg.Component(i, c)); len(v) > 0 {
			out = append(out, string(v))
		}
	}
	return out
}

// procedure reads a medical procedure composite (EB13, EQ02).
func (d *decoder) procedure(seg *x12.Segment, i int) *Procedure {
	if !seg.Has(i) {
		return nil
	}
	p := &Procedure{Qualifier: string(trim(seg.Component(i, 1))), Code: string(trim(seg.Component(i, 2)))}
	for c := 3; c <= 6; c++ {
		if v := trim(seg.Component(i, c)); len(v) > 0 {
			p.Modifiers = append(p.Modifiers, string(v))
		}
	}
	if p.Qualifier == "" || p.Code == "" {
		d.problem(seg, i, ErrMissing, "procedure composite needs a qualifier and a code")
	}
	return p
}

// date reads a D8 element; a bad one is reported without its value (it
// may be a birth date) and left zero.
func (d *decoder) date(seg *x12.Segment, i int) x12.Date {
	v := trim(seg.Element(i))
	if len(v) == 0 {
		return x12.Date{}
	}
	t, err := x12.ParseD8(v)
	if err != nil {
		d.problem(seg, i, ErrBadValue, seg.ID+pad2(i)+" is not a CCYYMMDD date")
	}
	return t
}

// decimal reads an R element; nil when absent or bad. Exponents are
// limited so a hostile value cannot expand into an enormous number.
func (d *decoder) decimal(seg *x12.Segment, i int) *decimal.Decimal {
	v := trim(seg.Element(i))
	if len(v) == 0 {
		return nil
	}
	if len(v) > 32 {
		d.problem(seg, i, ErrBadValue, seg.ID+pad2(i)+" is longer than 32 bytes")
		return nil
	}
	n, err := x12.ParseDecimal(v)
	if err != nil || n.Exponent() < -18 || n.Exponent() > 18 {
		d.problem(seg, i, ErrBadValue, seg.ID+pad2(i)+" is not an X12 decimal in range")
		return nil
	}
	return &n
}

func pad2(i int) string {
	if i < 10 {
		return "0" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

// quote quotes a code for a message, replacing bytes that are not
// printable ASCII.
func quote(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s) && i < 20; i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		b = append(b, c)
	}
	if len(s) > 20 {
		b = append(b, "..."...)
	}
	return string(append(b, '"'))
}
