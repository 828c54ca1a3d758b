package ack277

import (
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Decoder reads 277CA transaction sets from an X12 input, one at a time.
//
// It reads leniently: envelope problems (counts, control numbers, a
// missing trailer) and content problems (a segment out of place, a bad
// date or amount, a missing patient control number) do not stop it; they
// are collected in Problems, each positioned, and decoding goes on. Only
// a syntax error the x12 Reader cannot read past is returned by Next.
//
// Set the exported fields before the first call to Next.
type Decoder struct {
	// File names the input in errors; it may be empty.
	File string
	// Limits caps what the underlying x12 Reader accepts.
	Limits x12.Limits

	r        *x12.Reader
	started  bool
	sets     int
	held     *x12.Segment // an ST read while closing a set that had no SE
	problems x12.ErrorList
}

// NewDecoder returns a Decoder reading from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: x12.NewReader(r)}
}

// Next returns the next 277 transaction set, or io.EOF after the last
// one. Sets of other types are skipped and reported as ErrNot277
// problems; when the input has no 277 set at all, Next returns an
// *x12.Error wrapping ErrNoClaims instead of io.EOF. A set cut short (no
// SE before the end of input or the next envelope segment) is returned
// with what it holds. Any other error is a syntax error from the x12
// Reader (an *x12.Error); it is sticky and no partial set is returned
// with it.
func (d *Decoder) Next() (*Acknowledgment, error) {
	if !d.started {
		d.started = true
		d.r.File = d.File
		d.r.Limits = d.Limits
	}
	for {
		seg := d.held
		d.held = nil
		if seg == nil {
			var err error
			seg, err = d.r.Next()
			if err == io.EOF && d.sets == 0 {
				return nil, &x12.Error{File: d.File, Pos: x12.Position{Offset: d.r.Offset()}, Err: ErrNoClaims}
			}
			if err != nil {
				return nil, err
			}
		}
		if seg.ID != "ST" {
			continue
		}
		if seg.Value(1) != "277" {
			d.problem(seg.PosAt(1), ErrNot277, "ST01 is "+printable(seg.Element(1))+"; the set is skipped")
			continue
		}
		d.sets++
		return d.readSet(seg)
	}
}

// Problems returns the envelope and content problems found so far, sorted
// by position.
func (d *Decoder) Problems() x12.ErrorList {
	all := append(append(x12.ErrorList(nil), d.r.Problems()...), d.problems...)
	all.Sort()
	return all
}

// DecodeAll reads every 277 set of r. It returns the sets and the
// problems found; err is a syntax error the Reader could not read past, or
// ErrNoClaims, in which case the sets read before it are still returned.
func DecodeAll(r io.Reader, file string) ([]*Acknowledgment, x12.ErrorList, error) {
	d := NewDecoder(r)
	d.File = file
	var out []*Acknowledgment
	for {
		ack, err := d.Next()
		if err == io.EOF {
			return out, d.Problems(), nil
		}
		if err != nil {
			return out, d.Problems(), err
		}
		out = append(out, ack)
	}
}

func (d *Decoder) problem(pos x12.Position, sentinel error, msg string) {
	d.problems = append(d.problems, &x12.Error{File: d.File, Pos: pos, Err: sentinel, Msg: msg})
}

// HL levels of the 277CA, in nesting order.
const (
	levelHeader = iota
	levelSource
	levelReceiver
	levelProvider
	levelClaim
	levelLine
)

var levelCodes = [...]string{levelSource: "20", levelReceiver: "21", levelProvider: "19", levelClaim: "PT"}

var levelLoops = [...]string{levelSource: "2000A", levelReceiver: "2000B", levelProvider: "2000C", levelClaim: "2000D", levelLine: "2220D"}

// builder assembles one set.
type builder struct {
	d     *Decoder
	ack   *Acknowledgment
	level int
	// hlID holds the HL01 of the current node at each level.
	hlID [levelLine]string
	src  *Source
	rcv  *Receiver
	prv  *Provider
	clm  *Claim
	line *Line
}

func (d *Decoder) readSet(st *x12.Segment) (*Acknowledgment, error) {
	gs, isa := d.r.Group(), d.r.Interchange()
	ack := &Acknowledgment{
		InterchangeControlNumber: isa.ControlNumber,
		GroupControlNumber:       gs.ControlNumber,
		ControlNumber:            st.Value(2),
		Version:                  st.Value(3),
		Sources:                  []*Source{},
		Pos:                      st.Pos,
	}
	if ack.Version == "" {
		ack.Version = gs.Version
	}
	if !strings.Contains(ack.Version, "X214") {
		pos := st.PosAt(3)
		if st.Value(3) == "" {
			pos = gs.Pos.WithElement(8)
		}
		d.problem(pos, ErrVersion, "version is "+printable([]byte(ack.Version)))
	}
	b := &builder{d: d, ack: ack}
	for {
		seg, err := d.r.Next()
		if err == io.EOF {
			b.finish()
			return ack, nil
		}
		if err != nil {
			return nil, err
		}
		switch seg.ID {
		case "SE":
			b.finish()
			return ack, nil
		case "ST":
			d.held = seg.Clone()
			b.finish()
			return ack, nil
		case "GS", "GE", "ISA", "IEA":
			// The set had no SE; the Reader reports it.
			b.finish()
			return ack, nil
		}
		b.segment(seg)
	}
}

func (b *builder) problem(pos x12.Position, sentinel error, msg string) {
	b.d.problem(pos, sentinel, msg)
}

func (b *builder) segment(seg *x12.Segment) {
	switch seg.ID {
	case "BHT":
		b.ack.Reference = seg.Value(3)
		b.ack.Date = b.date(seg, 4)
	case "HL":
		b.hl(seg)
	case "NM1":
		b.nm1(seg)
	case "TRN":
		b.trn(seg)
	case "STC":
		b.stc(seg)
	case "DTP":
		b.dtp(seg)
	case "REF":
		b.ref(seg)
	case "QTY":
		b.qty(seg)
	case "AMT":
		b.amt(seg)
	case "SVC":
		b.svc(seg)
	}
}

// hl opens a new node. A node whose parent level is missing gets an
// empty parent, so that no claim is lost; the problem is reported.
func (b *builder) hl(seg *x12.Segment) {
	code := seg.Value(3)
	level := 0
	for l, c := range levelCodes {
		if c != "" && c == code {
			level = l
		}
	}
	if level == 0 {
		b.problem(seg.PosAt(3), ErrStructure, "HL03 level code "+printable(seg.Element(3))+" is not 20, 21, 19 or PT")
		return
	}
	if level > levelSource {
		parent := b.hlID[level-1]
		if b.level < level-1 || parent == "" {
			b.problem(seg.PosAt(3), ErrStructure, "HL level "+code+" ("+levelLoops[level]+") has no enclosing "+levelLoops[level-1])
		} else if got := seg.Value(2); got != parent {
			b.problem(seg.PosAt(2), ErrStructure, "HL02 is "+printable(seg.Element(2))+", want the enclosing "+levelLoops[level-1]+" HL01 "+parent)
		}
	}
	b.open(level, seg.Pos)
	b.hlID[level] = seg.Value(1)
	for l := level + 1; l < len(b.hlID); l++ {
		b.hlID[l] = ""
	}
}

// open starts a node at level, creating the missing parents.
func (b *builder) open(level int, pos x12.Position) {
	if level > levelSource && b.src == nil {
		b.open(levelSource, pos)
	}
	if level > levelReceiver && b.rcv == nil {
		b.open(levelReceiver, pos)
	}
	if level > levelProvider && b.prv == nil {
		b.open(levelProvider, pos)
	}
	b.line = nil
	switch level {
	case levelSource:
		b.src = &Source{Stage: StageUnknown, Receivers: []*Receiver{}, Pos: pos}
		b.ack.Sources = append(b.ack.Sources, b.src)
		b.rcv, b.prv, b.clm = nil, nil, nil
	case levelReceiver:
		b.rcv = &Receiver{Statuses: []*Status{}, Providers: []*Provider{}, Pos: pos}
		b.src.Receivers = append(b.src.Receivers, b.rcv)
		b.prv, b.clm = nil, nil
	case levelProvider:
		b.prv = &Provider{Statuses: []*Status{}, Claims: []*Claim{}, Pos: pos}
		b.rcv.Providers = append(b.rcv.Providers, b.prv)
		b.clm = nil
	case levelClaim:
		b.finishClaim()
		b.clm = &Claim{Statuses: []*Status{}, Pos: pos}
		b.prv.Claims = append(b.prv.Claims, b.clm)
	}
	b.level = level
}

func (b *builder) finish() {
	b.finishClaim()
}

// finishClaim checks the claim that is being closed.
func (b *builder) finishClaim() {
	c := b.clm
	if c == nil {
		return
	}
	if c.PatientControlNumber == "" {
		b.problem(c.Pos, ErrMissing, "claim (2000D) has no patient control number (TRN*2)")
	}
	if len(c.Statuses) == 0 {
		b.problem(c.Pos, ErrMissing, "claim "+c.PatientControlNumber+" has no STC status")
	}
	b.clm = nil
}

func (b *builder) misplaced(seg *x12.Segment) {
	where := "before the first HL"
	if b.level > levelHeader {
		where = "in loop " + levelLoops[b.level]
	}
	b.problem(seg.Pos, ErrStructure, seg.ID+" is not expected "+where)
}

func (b *builder) nm1(seg *x12.Segment) {
	p := Party{
		EntityCode:  seg.Value(1),
		IDQualifier: seg.Value(8),
		ID:          seg.Value(9),
	}
	if seg.Value(2) == "1" {
		p.Name = claims.Name{Last: seg.Value(3), First: seg.Value(4), Middle: seg.Value(5), Suffix: seg.Value(7)}
	} else {
		p.Name = claims.Name{Organization: seg.Value(3)}
	}
	switch b.level {
	case levelSource:
		b.src.Party = p
		switch p.EntityCode {
		case "PR":
			b.src.Stage = StagePayer
		case "AY":
			b.src.Stage = StageClearinghouse
		}
	case levelReceiver:
		b.rcv.Party = p
	case levelProvider:
		b.prv.Party = p
	case levelClaim:
		b.clm.Patient = p
	default:
		b.misplaced(seg)
	}
}

func (b *builder) trn(seg *x12.Segment) {
	v := seg.Value(2)
	switch b.level {
	case levelSource:
		b.src.TraceNumber = v
	case levelReceiver:
		b.rcv.TraceNumber = v
	case levelProvider:
		b.prv.TraceNumber = v
	case levelClaim:
		if v == "" {
			b.problem(seg.PosAt(2), ErrMissing, "TRN02 patient control number is empty")
		}
		b.clm.PatientControlNumber = v
	default:
		b.misplaced(seg)
	}
}

func (b *builder) stc(seg *x12.Segment) {
	s := &Status{
		Date:    b.date(seg, 2),
		Action:  Action(seg.Value(3)),
		Amount:  b.amount(seg, 4),
		Message: seg.Value(12),
		Codes:   []StatusCode{},
		Pos:     seg.Pos,
	}
	for _, e := range [...]int{1, 10, 11} {
		if !seg.Has(e) {
			if e == 1 {
				b.problem(seg.PosAt(1), ErrMissing, "STC01 status composite is empty")
			}
			continue
		}
		sc := StatusCode{
			Category: Category(seg.Component(e, 1)),
			Code:     string(seg.Component(e, 2)),
			Entity:   string(seg.Component(e, 3)),
			CodeList: string(seg.Component(e, 4)),
		}
		if sc.Category == "" {
			b.problem(seg.Pos.WithComponent(e, 1), ErrMissing, "status category code is empty")
		}
		s.Codes = append(s.Codes, sc)
	}
	switch b.level {
	case levelReceiver:
		b.rcv.Statuses = append(b.rcv.Statuses, s)
	case levelProvider:
		b.prv.Statuses = append(b.prv.Statuses, s)
	case levelClaim:
		b.clm.Statuses = append(b.clm.Statuses, s)
	case levelLine:
		b.line.Statuses = append(b.line.Statuses, s)
	default:
		b.misplaced(seg)
	}
}

func (b *builder) dtp(seg *x12.Segment) {
	q := seg.Value(1)
	switch {
	case b.level == levelSource && (q == "050" || q == "009"):
		d := b.date(seg, 3)
		if q == "050" {
			b.src.Received = d
		} else {
			b.src.Processed = d
		}
	case b.level == levelClaim && q == "472":
		b.clm.Service = b.dateRange(seg)
	case b.level == levelLine && q == "472":
		b.line.ServiceDates = b.dateRange(seg)
	}
}

func (b *builder) ref(seg *x12.Segment) {
	q, v := seg.Value(1), seg.Value(2)
	switch b.level {
	case levelProvider:
		b.prv.References = append(b.prv.References, Reference{Qualifier: q, Value: v})
	case levelClaim:
		switch q {
		case "1K":
			b.clm.PayerClaimControlNumber = v
		case "D9":
			b.clm.ClearinghouseTrace = v
		case "BLT":
			b.clm.BillType = v
		case "EA":
			b.clm.MedicalRecordNumber = v
		}
	case levelLine:
		if q == "FJ" {
			b.line.LineItemControlNumber = v
		}
	}
}

func (b *builder) totals(seg *x12.Segment) *Totals {
	switch b.level {
	case levelReceiver:
		return &b.rcv.Totals
	case levelProvider:
		return &b.prv.Totals
	}
	b.misplaced(seg)
	return nil
}

func (b *builder) qty(seg *x12.Segment) {
	t := b.totals(seg)
	if t == nil {
		return
	}
	n, err := x12.ParseN0(seg.Element(2))
	if err != nil {
		b.problem(seg.PosAt(2), ErrBadValue, "QTY02 is not a whole number")
		return
	}
	switch seg.Value(1) {
	case "90", "QA":
		t.AcceptedCount = &n
	case "AA", "QC":
		t.RejectedCount = &n
	}
}

func (b *builder) amt(seg *x12.Segment) {
	t := b.totals(seg)
	if t == nil {
		return
	}
	a := b.amount(seg, 2)
	switch seg.Value(1) {
	case "YU":
		t.AcceptedAmount = a
	case "YY":
		t.RejectedAmount = a
	}
}

func (b *builder) svc(seg *x12.Segment) {
	l := &Line{
		Service: ServiceID{
			Qualifier: string(seg.Component(1, 1)),
			Procedure: claims.Procedure{Code: string(seg.Component(1, 2))},
		},
		RevenueCode: seg.Value(4),
		Units:       b.amount(seg, 7),
		Statuses:    []*Status{},
		Pos:         seg.Pos,
	}
	var mods []string
	for c := 3; c <= 6; c++ {
		if m := seg.Component(1, c); len(m) > 0 {
			mods = append(mods, string(m))
		}
	}
	if m, err := claims.NewModifiers(mods...); err == nil {
		l.Service.Procedure.Modifiers = m
	} else {
		b.problem(seg.Pos.WithComponent(1, 3), ErrBadValue, "SVC01 modifiers: "+err.Error())
	}
	if c := b.amount(seg, 2); c != nil {
		l.Charge = *c
	}
	if b.clm == nil {
		b.misplaced(seg)
	} else {
		b.clm.Lines = append(b.clm.Lines, l)
	}
	b.line = l
	b.level = levelLine
}

// date parses element i as a D8 date; an absent element is the zero Date.
func (b *builder) date(seg *x12.Segment, i int) x12.Date {
	v := seg.Element(i)
	if len(v) == 0 {
		return x12.Date{}
	}
	d, err := x12.ParseD8(v)
	if err != nil {
		b.problem(seg.PosAt(i), ErrBadValue, seg.ID+pad2(i)+" is not a CCYYMMDD date")
	}
	return d
}

// dateRange parses DTP02/DTP03 as D8 or RD8.
func (b *builder) dateRange(seg *x12.Segment) x12.DateRange {
	v := seg.Element(3)
	var r x12.DateRange
	var err error
	switch seg.Value(2) {
	case "D8":
		r.From, err = x12.ParseD8(v)
		r.To = r.From
	case "RD8":
		r, err = x12.ParseRD8(v)
	default:
		b.problem(seg.PosAt(2), ErrBadValue, "DTP02 date format must be D8 or RD8")
		return r
	}
	if err != nil {
		b.problem(seg.PosAt(3), ErrBadValue, "DTP03 is not a "+seg.Value(2)+" date")
	}
	return r
}

// amount parses element i as an X12 decimal; nil when absent or bad.
func (b *builder) amount(seg *x12.Segment, i int) *decimal.Decimal {
	v := seg.Element(i)
	if len(v) == 0 {
		return nil
	}
	a, err := x12.ParseDecimal(v)
	if err != nil {
		b.problem(seg.PosAt(i), ErrBadValue, seg.ID+pad2(i)+" is not a decimal number")
		return nil
	}
	return &a
}

func pad2(i int) string {
	return string([]byte{byte('0' + i/10%10), byte('0' + i%10)})
}

// printable quotes up to 12 bytes of b for a message, replacing
// non-printable bytes. Only codes and control numbers are passed in.
func printable(b []byte) string {
	if len(b) > 12 {
		b = b[:12]
	}
	out := make([]byte, 0, len(b)+2)
	out = append(out, '"')
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out = append(out, c)
	}
	return string(append(out, '"'))
}
