package x837p

import (
	"bytes"
	"io"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// DecodeOptions configures Decode. The zero value works.
type DecodeOptions struct {
	// File names the input in errors.
	File string
	// Limits caps what the reader accepts (segment length, elements,
	// segments per set); zero fields take the x12 defaults.
	Limits x12.Limits
}

// Decode reads an 837P file: every interchange, group and 837 transaction
// set in it. Loops are told apart by their qualifiers (HL03, NM101, the
// place of an SBR), so a file may carry dependents, several claims per
// subscriber and several subscribers and billing providers per set.
//
// Problems that do not stop reading (envelope counts, a segment out of
// place, a bad amount or date, CLM02 different from the line charges, a
// transaction set that is not an 837) are collected in Document.Problems,
// each positioned; the value concerned is left out of the claim. A
// syntax error stops reading: Decode then returns the transaction sets
// completed before it and the error (an *x12.Error).
func Decode(r io.Reader, o DecodeOptions) (*Document, error) {
	d := &decoder{r: x12.NewReader(r), file: o.File, doc: &Document{}}
	d.r.File = o.File
	d.r.Limits = o.Limits
	err := d.run()
	d.doc.Transactions = d.transactions()
	d.doc.Problems = append(d.r.Problems(), d.probs...)
	d.doc.Problems.Sort()
	if err != nil {
		return d.doc, err
	}
	return d.doc, nil
}

type decoder struct {
	r     *x12.Reader
	file  string
	doc   *Document
	probs x12.ErrorList

	tx *Transaction
	// txs is the chunk of transaction sets being read, chunks the full
	// ones: a set is read in place, and the sets are copied once, into
	// Document.Transactions, rather than each time a slice grows.
	txs    []Transaction
	chunks [][]Transaction
	skip   bool // inside a transaction set that is not an 837

	loop  string // current loop ID
	after string // anchor of the last modelled segment of the loop

	// hierarchical levels: 20 billing provider, 22 subscriber, 23 patient
	level   int
	bill    claims.Provider
	payTo   *claims.Provider
	payToNT string
	billRaw []RawSegment
	cov     claims.Coverage
	subRaw  []RawSegment
	// payerQual is NM108 of the payer when it is not PI.
	payerQual string
	hasPat    bool
	patient   claims.Patient
	patRel    claims.Relationship
	patRaw    []RawSegment
	hdrRaw    []RawSegment

	// seg is the segment v and c read (load); text holds the strings
	// made from the input.
	seg  *x12.Segment
	text arena

	// slab holds the lines of the claims of the current set: each claim's
	// lines are a capped window of it, so that claims do not allocate
	// their lines one by one. ptrs and codes do the same for diagnosis
	// pointers and diagnosis codes.
	slab  []claims.ClaimLine
	ptrs  []int
	codes []string

	// strs shares the strings that repeat (codes, qualifiers), amts the
	// amounts (a practice's fee schedule gives each code one charge).
	strs [sharedSlots]string
	amts [sharedSlots]sharedAmount

	// current claim: cl points at the last claim of the claims slab while
	// a claim is open, and its lines are the end of the line slab; the
	// set's Claims and each claim's Lines are windows of the slabs, so
	// claims and lines are written in place, not copied. A slab that fills
	// up hands the open set's claims (or claim's lines) to a new one.
	claims    []Claim // slab of the claims of this and earlier sets
	setStart  int     // index in claims of the current set's first claim
	lineStart int     // index in slab of the current claim's first line
	cl        *Claim
	clRaw     []RawSegment
	clm       x12.Position
	clmTotal  decimal.Decimal
	hasTotal  bool
	// clmFixed is CLM02 and charges the sum of the claim's line charges
	// as fixed-point numbers; amount is the last amount read (decimal).
	clmFixed, charges, amount fixedSum
	line                      int // index+1 of the current line in cl.Lines, 0 before LX
	op                        *OtherPayer
	rend                      *claims.Provider // provider whose PRV may follow (2310B, 2420A)
	facility                  *claims.Facility

	// the parties the last claims were given (shared), and the slabs
	// they are copied into
	sharedBill, sharedPayTo *claims.Provider
	sharedCov               *claims.Coverage
	sharedPat, sharedMRN    *claims.Patient
	patOwn                  bool // the current claim's patient was copied for it
	providers               slab[claims.Provider]
	coverages               slab[claims.Coverage]
	patients                slab[claims.Patient]
	facilities              slab[claims.Facility]
}

// slab hands out zeroed values from chunks allocated partySlab at a time,
// rather than one allocation each.
type slab[T any] struct{ buf []T }

const partySlab = 64

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, partySlab)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// shared returns a copy of v for a claim to point at: the last one made
// while it still equals v, so that the claims of a loop share one copy,
// and a loop changed by a later segment gets a new one without touching
// the claims before it.
func shared[T comparable](s *slab[T], last **T, v *T) *T {
	if *last == nil || **last != *v {
		p := s.new()
		*p = *v
		*last = p
	}
	return *last
}

// transactions returns the sets read, in one slice.
func (d *decoder) transactions() []Transaction {
	if len(d.chunks) == 0 {
		if len(d.txs) == 0 {
			return nil
		}
		return d.txs
	}
	n := len(d.txs)
	for _, c := range d.chunks {
		n += len(c)
	}
	out := make([]Transaction, 0, n)
	for _, c := range d.chunks {
		out = append(out, c...)
	}
	return append(out, d.txs...)
}

func (d *decoder) problem(pos x12.Position, sentinel error, msg string) {
	d.probs = append(d.probs, &x12.Error{File: d.file, Pos: pos, Err: sentinel, Msg: msg})
}

func (d *decoder) run() error {
	for {
		seg, err := d.r.Next()
		if err == io.EOF {
			d.endSet(true)
			return nil
		}
		if err != nil {
			d.endSet(false)
			return err
		}
		switch seg.ID {
		case "ISA", "GS", "GE", "IEA", "TA1":
			continue
		case "ST":
			d.endSet(true)
			d.beginSet(seg)
			continue
		case "SE":
			d.endSet(true)
			continue
		}
		if d.skip {
			continue
		}
		if d.tx == nil {
			d.problem(seg.Pos, ErrStructure, "segment outside an 837 transaction set")
			continue
		}
		d.segment(seg)
	}
}

func (d *decoder) beginSet(seg *x12.Segment) {
	if string(seg.Element(1)) != "837" {
		d.skip = true
		d.problem(seg.PosAt(1), ErrNotAn837P, "transaction set "+seg.Value(2)+" is a "+seg.Value(1))
		return
	}
	d.skip = false
	// The set is read in place at the end of the current chunk; endSet
	// drops it if it is cut short.
	if len(d.txs) == cap(d.txs) {
		if d.txs != nil {
			d.chunks = append(d.chunks, d.txs)
		}
		d.txs = make([]Transaction, 0, min(4<<len(d.chunks), maxTxChunk))
	}
	d.txs = d.txs[:len(d.txs)+1]
	d.tx = &d.txs[len(d.txs)-1]
	d.tx.Interchange, d.tx.Group, d.tx.Set = d.r.Interchange(), d.r.Group(), d.r.Set()
	d.loop, d.after, d.level = "", "", 0
	d.bill, d.payTo, d.payToNT, d.billRaw = claims.Provider{}, nil, "", nil
	d.cov, d.subRaw = claims.Coverage{}, nil
	d.hasPat, d.patient, d.patRel, d.patRaw = false, claims.Patient{}, "", nil
	d.hdrRaw = nil
}

// endSet completes the current transaction set; an incomplete one (cut
// by a syntax error) is dropped. A missing SE is an envelope problem the
// reader reports.
func (d *decoder) endSet(complete bool) {
	if d.tx != nil && complete {
		d.endClaim()
		d.tx.Segments = d.hdrRaw
		if n := len(d.claims); n > d.setStart {
			d.tx.Claims = d.claims[d.setStart:n:n]
		}
	} else if d.tx != nil {
		n := len(d.txs) - 1
		d.txs[n] = Transaction{}
		d.txs = d.txs[:n]
	}
	d.setStart = len(d.claims)
	d.tx, d.skip, d.cl, d.op = nil, false, nil, nil
}

func (d *decoder) newLoop(loop string) { d.loop, d.after = loop, "" }

// model marks seg as read into the model: raw segments after it anchor on it.
func (d *decoder) model(seg *x12.Segment) {
	if seg.ID == "REF" {
		d.after = refAnchor(seg.Element(1))
		return
	}
	d.after = seg.ID
}

// refAnchor returns "REF*" and the qualifier, without allocating for the
// qualifiers the model reads.
func refAnchor(q []byte) string {
	switch string(q) {
	case "EI":
		return "REF*EI"
	case "SY":
		return "REF*SY"
	case "G1":
		return "REF*G1"
	case "F8":
		return "REF*F8"
	case "EA":
		return "REF*EA"
	case "6R":
		return "REF*6R"
	}
	return "REF*" + string(q)
}

// keep stores seg as a raw segment of the current loop.
func (d *decoder) keep(seg *x12.Segment) {
	rs := RawSegment{Loop: d.loop, After: d.after, ID: seg.ID, Elements: d.elements(seg, 1), Pos: seg.Pos}
	switch {
	case d.op != nil:
		d.op.Segments = append(d.op.Segments, rs)
	case d.cl != nil && d.line > 0 && isLineLoop(d.loop):
		lx := d.lineExtra()
		lx.Segments = append(lx.Segments, rs)
	case d.cl != nil:
		d.clRaw = append(d.clRaw, rs)
	case d.level == 23:
		d.patRaw = append(d.patRaw, rs)
	case d.level == 22:
		d.subRaw = append(d.subRaw, rs)
	case d.level == 20:
		d.billRaw = append(d.billRaw, rs)
	default:
		d.hdrRaw = append(d.hdrRaw, rs)
	}
}

func isLineLoop(loop string) bool {
	return len(loop) == 4 && loop[:2] == "24" || len(loop) == 5 && loop[:3] == "242"
}

func (d *decoder) segment(seg *x12.Segment) {
	switch seg.ID {
	case "BHT":
		if d.loop == "" && d.tx.Header == (Header{}) {
			d.load(seg)
			d.tx.Header = Header{Purpose: d.v(2), Reference: d.v(3), Time: d.v(5), Type: d.v(6)}
			if seg.Has(4) {
				d.tx.Header.Date = d.date(seg, 4, seg.Element(4))
			}
			return
		}
	case "HL":
		d.hl(seg)
		return
	case "NM1":
		if d.nm1(seg) {
			return
		}
	case "PER":
		if d.loop == "1000A" && d.tx.Submitter.Contact.IsZero() {
			d.tx.Submitter.Contact = d.contactOf(seg)
			d.model(seg)
			return
		}
	case "CLM":
		d.claim(seg)
		return
	case "SBR":
		if d.sbr(seg) {
			return
		}
	case "LX":
		if d.cl != nil {
			d.lx(seg)
			return
		}
	case "LIN":
		if d.line > 0 && d.op == nil {
			d.newLoop("2410")
		}
	case "SVD":
		if d.line > 0 && d.op == nil {
			d.newLoop("2430")
		}
	case "LQ":
		if d.line > 0 && d.op == nil {
			d.newLoop("2440")
		}
	case "AMT":
		if d.op != nil && d.loop == "2320" && string(seg.Element(1)) == "D" && d.op.Paid == nil {
			if v, ok := d.decimal(seg, 2); ok {
				d.op.Paid = &v
			}
		}
	default:
		if d.field(seg) {
			d.model(seg)
			return
		}
	}
	d.keep(seg)
}

func (d *decoder) date(seg *x12.Segment, el int, b []byte) x12.Date {
	v, err := x12.ParseD8(b)
	if err != nil {
		d.problem(seg.PosAt(el), ErrValue, "not a CCYYMMDD date")
	}
	return v
}

func (d *decoder) decimal(seg *x12.Segment, el int) (decimal.Decimal, bool) {
	b := seg.Element(el)
	if len(b) == 1 && b[0] >= '0' && b[0] <= '9' {
		d.amount = fixedSum{v: int64(b[0] - '0'), ok: true}
		return digits[b[0]-'0'], true
	}
	if v, exp, ok := plainDecimal(b); ok {
		d.amount = fixedSum{v: v, exp: exp, ok: true}
		// A Decimal is never changed in place, so claims can share one.
		slot := &d.amts[uint64(v*31+int64(exp))%sharedSlots]
		if !slot.set || slot.v != v || slot.exp != exp {
			*slot = sharedAmount{v: v, exp: exp, set: true, d: decimal.New(v, exp)}
		}
		return slot.d, true
	}
	// An exponent form, or not a number: the check of CLM02 against
	// the line charges then takes Decimal arithmetic.
	d.amount = fixedSum{}
	v, err := x12.ParseDecimal(b)
	if err != nil {
		d.problem(seg.PosAt(el), ErrValue, "not an X12 decimal number")
		return decimal.Decimal{}, false
	}
	return v, true
}

// sharedSlots is the size of the caches of strings and amounts that
// repeat: direct-mapped, a value replacing the one in its slot.
const sharedSlots = 512

// sharedAmount is an amount read in its usual form: its coefficient,
// exponent and value.
type sharedAmount struct {
	v   int64
	exp int32
	set bool
	d   decimal.Decimal
}

// sharedSlot hashes b (FNV-1a) to a slot of the cache.
func sharedSlot(b []byte) int {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return int(h % sharedSlots)
}

func (d *decoder) hl(seg *x12.Segment) {
	d.endClaim()
	switch string(seg.Element(3)) {
	case "20":
		d.level = 20
		d.newLoop("2000A")
		d.bill, d.payTo, d.payToNT, d.billRaw = claims.Provider{}, nil, "", nil
	case "22":
		if d.level == 0 {
			d.problem(seg.PosAt(3), ErrStructure, "subscriber level before any billing provider level")
		}
		d.level = 22
		d.newLoop("2000B")
		d.cov, d.subRaw, d.payerQual = claims.Coverage{}, nil, ""
		d.hasPat, d.patient, d.patRel, d.patRaw = false, claims.Patient{}, "", nil
	case "23":
		if d.level < 22 {
			d.problem(seg.PosAt(3), ErrStructure, "patient level before any subscriber level")
		}
		d.level = 23
		d.newLoop("2000C")
		d.hasPat, d.patient, d.patRel, d.patRaw = true, claims.Patient{}, "", nil
	default:
		d.problem(seg.PosAt(3), ErrValue, "HL03 "+seg.Value(3)+" is not 20, 22 or 23")
		d.level = 0
		d.newLoop("")
		d.keep(seg)
		return
	}
	d.model(seg)
}

// nm1 handles an NM1 by its entity code and place; it reports false when
// the segment starts a loop the model does not hold (kept raw).
func (d *decoder) nm1(seg *x12.Segment) bool {
	ent := string(seg.Element(1))
	if d.op != nil {
		if l, ok := otherPayerLoops[ent]; ok {
			d.newLoop(l)
			if l == "2330B" {
				d.load(seg)
				d.op.PayerName, d.op.PayerID = d.v(3), d.v(9)
			}
		}
		return false
	}
	if d.line > 0 {
		if l, ok := lineLoops[ent]; ok {
			d.newLoop(l)
			if l == "2420A" && d.cl.Lines[d.line-1].Rendering == nil {
				p := d.providers.new()
				*p = d.providerOf(seg)
				d.cl.Lines[d.line-1].Rendering, d.rend = p, p
				d.model(seg)
				return true
			}
		}
		return false
	}
	if d.cl != nil {
		l, ok := claimLoops[ent]
		if !ok {
			return false
		}
		d.newLoop(l)
		x := &d.cl.Extra
		switch {
		case l == "2310B" && d.cl.Rendering == nil:
			p := d.providers.new()
			*p = d.providerOf(seg)
			d.cl.Rendering, d.rend = p, p
		case l == "2310C" && d.cl.ServiceFacility == nil:
			p := d.providerOf(seg)
			d.facility = d.facilities.new()
			d.facility.Name, d.facility.NPI = p.Name.Organization, p.NPI
			if !p.Name.IsOrganization() {
				d.facility.Name = p.Name.Last
			}
			d.cl.ServiceFacility = d.facility
		case l == "2310A" && ent == "DN" && x.Referring == nil:
			p := d.providers.new()
			*p = d.providerOf(seg)
			x.Referring = p
		default:
			return false
		}
		d.model(seg)
		return true
	}
	switch {
	case ent == "41" && d.level == 0:
		d.newLoop("1000A")
		d.load(seg)
		d.tx.Submitter = Submitter{Name: d.v(3), FirstName: d.v(4), Individual: string(seg.Element(2)) == "1", ID: d.v(9)}
	case ent == "40" && d.level == 0:
		d.newLoop("1000B")
		d.load(seg)
		d.tx.Receiver = Receiver{Name: d.v(3), ID: d.v(9)}
	case ent == "85" && d.level == 20:
		d.newLoop("2010AA")
		p := d.providerOf(seg)
		d.bill.Name, d.bill.NPI = p.Name, p.NPI
	case ent == "87" && d.level == 20:
		d.newLoop("2010AB")
		d.payTo = &claims.Provider{}
		// Keep the entity type only when the encoder would not infer it
		// from the billing provider's.
		inferred := "1"
		if d.bill.Name.IsOrganization() {
			inferred = "2"
		}
		if v := string(seg.Element(2)); v != inferred {
			d.payToNT = v
		}
	case ent == "PE" && d.level == 20:
		d.newLoop("2010AC")
		return false
	case ent == "IL" && d.level == 22:
		d.newLoop("2010BA")
		p := d.providerOf(seg)
		d.cov.Subscriber.Name, d.cov.Subscriber.MemberID = p.Name, p.NPI
	case ent == "PR" && d.level == 22:
		d.newLoop("2010BB")
		d.load(seg)
		d.cov.Payer.Name, d.cov.Payer.PayerID = d.v(3), d.v(9)
		if q := seg.Element(8); string(q) != "PI" && len(q) > 0 {
			d.payerQual = d.str(q)
		}
	case ent == "QC" && d.level == 23:
		d.newLoop("2010CA")
		p := d.providerOf(seg)
		d.patient.Name = p.Name
	default:
		d.problem(seg.PosAt(1), ErrStructure, "NM1*"+ent+" is out of place")
		return false
	}
	d.model(seg)
	return true
}

// digits are the decimals 0 to 9, shared: a Decimal is never changed in
// place, and most units are one digit.
var digits = func() (t [10]decimal.Decimal) {
	for i := range t {
		t[i] = decimal.NewFromInt(int64(i))
	}
	return
}()

// gender returns DMG03 as a Gender without allocating for the usual codes.
func gender(b []byte) claims.Gender {
	switch string(b) {
	case "F":
		return claims.GenderFemale
	case "M":
		return claims.GenderMale
	case "U":
		return claims.GenderUnknown
	}
	return claims.Gender(b)
}

// maxTxChunk is the most transaction sets per chunk.
const maxTxChunk = 64

// lineSlab, claimSlab, ptrSlab and codeSlab are the number of lines,
// claims, diagnosis pointers and diagnosis codes per slab.
const (
	lineSlab  = 512
	claimSlab = 128
	ptrSlab   = 1024
	codeSlab  = 1024
)

// Loops told apart by NM101 inside a claim, a line and an other-payer loop.
var (
	claimLoops      = map[string]string{"DN": "2310A", "P3": "2310A", "82": "2310B", "77": "2310C", "DQ": "2310D", "PW": "2310E", "45": "2310F"}
	otherPayerLoops = map[string]string{"IL": "2330A", "PR": "2330B", "DN": "2330C", "P3": "2330C", "82": "2330D", "77": "2330E", "DQ": "2330F", "85": "2330G"}
	lineLoops       = map[string]string{"82": "2420A", "QB": "2420B", "77": "2420C", "DQ": "2420D", "DK": "2420E", "DN": "2420F", "P3": "2420F", "PW": "2420G", "45": "2420H"}
)

// providerOf reads a name and, with qualifier XX or any other, the ID of
// an NM1 (the ID lands in NPI; callers move it where it belongs).
func (d *decoder) providerOf(seg *x12.Segment) claims.Provider {
	d.load(seg)
	var p claims.Provider
	if string(seg.Element(2)) == "2" {
		p.Name.Organization = d.v(3)
	} else {
		p.Name = claims.Name{Last: d.v(3), First: d.v(4), Middle: d.v(5), Suffix: d.v(7)}
	}
	p.NPI = d.v(9)
	return p
}

func (d *decoder) contactOf(seg *x12.Segment) Contact {
	d.load(seg)
	c := Contact{Name: d.v(2)}
	for i := 3; i+1 <= seg.Len(); i += 2 {
		v := d.v(i + 1)
		switch string(seg.Element(i)) {
		case "TE":
			c.Phone = v
		case "EX":
			c.Extension = v
		case "EM":
			c.Email = v
		case "FX":
			c.Fax = v
		}
	}
	return c
}

func (d *decoder) sbr(seg *x12.Segment) bool {
	if d.cl != nil {
		// 2320: another payer of this claim.
		d.load(seg)
		d.cl.Extra.OtherPayers = append(d.cl.Extra.OtherPayers, OtherPayer{
			Priority: claims.Priority(d.code(1)), Relationship: claims.Relationship(d.code(2)),
		})
		d.op = &d.cl.Extra.OtherPayers[len(d.cl.Extra.OtherPayers)-1]
		d.line = 0
		d.newLoop("2320")
		return false
	}
	if d.level != 22 || d.loop != "2000B" {
		d.problem(seg.Pos, ErrStructure, "SBR outside a subscriber level")
		return false
	}
	d.load(seg)
	d.cov.Priority = claims.Priority(d.code(1))
	d.cov.Relationship = claims.Relationship(d.code(2))
	d.cov.GroupNumber, d.cov.GroupName = d.v(3), d.v(4)
	d.cov.InsuranceType = d.code(5)
	d.cov.Payer.ClaimFilingIndicator = claims.ClaimFilingIndicator(d.code(9))
	for i := 6; i <= 8; i++ {
		if seg.Has(i) {
			d.problem(seg.PosAt(i), ErrValue, "SBR0"+itoa(i)+" is not used in the 837P; its value is ignored")
		}
	}
	d.model(seg)
	return true
}

// field reads the other modelled segments by loop; it reports false for
// a segment to keep raw.
func (d *decoder) field(seg *x12.Segment) bool {
	q := seg.Element(1)
	switch seg.ID {
	case "N3", "N4":
		a := d.addressOf()
		if a == nil || (seg.ID == "N3" && a.Line1 != "") || (seg.ID == "N4" && a.City != "") {
			return false
		}
		d.load(seg)
		if seg.ID == "N3" {
			a.Line1, a.Line2 = d.v(1), d.v(2)
		} else {
			a.City, a.State, a.PostalCode, a.Country = d.v(1), d.v(2), d.v(3), d.v(4)
		}
		return true
	case "REF":
		v := seg.Element(2)
		switch {
		case d.loop == "2010AA" && (string(q) == "EI" || string(q) == "SY") && d.bill.TaxID == "":
			d.bill.TaxID, d.bill.TaxIDQualifier = d.str(v), claims.TaxIDQualifier(d.str(q))
		case d.loop == "2300" && string(q) == "G1" && d.cl.PriorAuthorization == "":
			d.cl.PriorAuthorization = d.text.string(v)
		case d.loop == "2300" && string(q) == "F8" && d.cl.OriginalReference == "":
			d.cl.OriginalReference = d.text.string(v)
		case d.loop == "2300" && string(q) == "EA" && d.cl.Patient.MRN == "":
			p := *d.cl.Patient
			p.MRN = d.str(v)
			if d.patOwn && (d.sharedMRN == nil || *d.sharedMRN != p) {
				// No other claim points at the claim's own copy: the
				// MRN goes in place rather than in a second copy.
				*d.cl.Patient = p
				d.sharedMRN = d.cl.Patient
			} else {
				d.cl.Patient = shared(&d.patients, &d.sharedMRN, &p)
			}
		case d.loop == "2400" && string(q) == "6R" && d.cl.Lines[d.line-1].ControlNumber == "":
			d.cl.Lines[d.line-1].ControlNumber = d.text.string(v)
		default:
			return false
		}
		return true
	case "PRV":
		switch {
		case d.loop == "2000A" && string(q) == "BI" && d.bill.Taxonomy == "" && d.after == "HL":
			d.bill.Taxonomy = d.str(seg.Element(3))
		case (d.loop == "2310B" || d.loop == "2420A") && string(q) == "PE" && d.rend != nil && d.rend.Taxonomy == "" && d.after == "NM1":
			d.rend.Taxonomy = d.str(seg.Element(3))
		default:
			return false
		}
		return true
	case "DMG":
		var p *claims.Person
		switch d.loop {
		case "2010BA":
			p = &d.cov.Subscriber
		case "2010CA":
			p = &d.patient.Person
		}
		if p == nil || !p.BirthDate.IsZero() || string(q) != "D8" {
			return false
		}
		p.BirthDate = d.date(seg, 2, seg.Element(2))
		p.Gender = gender(seg.Element(3))
		return true
	case "PAT":
		if d.loop != "2000C" || d.after != "HL" {
			return false
		}
		d.patRel = claims.Relationship(d.str(q))
		return true
	case "NTE":
		if string(q) != "ADD" {
			return false
		}
		switch {
		case d.loop == "2300" && d.cl.Note == "":
			d.cl.Note = d.text.string(seg.Element(2))
		case d.loop == "2400" && d.cl.Lines[d.line-1].Note == "":
			d.cl.Lines[d.line-1].Note = d.text.string(seg.Element(2))
		default:
			return false
		}
		return true
	case "HI":
		if d.loop != "2300" || len(d.cl.Diagnoses) > 0 {
			return false
		}
		return d.hi(seg)
	case "SV1":
		if d.loop != "2400" || d.after != "LX" {
			return false
		}
		d.sv1(seg)
		return true
	case "DTP":
		if d.loop != "2400" || string(q) != "472" || !d.cl.Lines[d.line-1].Service.From.IsZero() {
			return false
		}
		l := &d.cl.Lines[d.line-1]
		switch string(seg.Element(2)) {
		case "D8":
			day := d.date(seg, 3, seg.Element(3))
			l.Service = x12.DateRange{From: day, To: day}
		case "RD8":
			r, err := x12.ParseRD8(seg.Element(3))
			if err != nil {
				d.problem(seg.PosAt(3), ErrValue, "not a CCYYMMDD-CCYYMMDD range")
			}
			l.Service = r
			if r.From == r.To && err == nil {
				d.lineExtra().RangeDate = true
			}
		default:
			return false
		}
		return true
	}
	return false
}

// addressOf returns the address an N3/N4 in the current loop fills.
func (d *decoder) addressOf() *claims.Address {
	switch d.loop {
	case "2010AA":
		return &d.bill.Address
	case "2010AB":
		if d.payTo != nil {
			return &d.payTo.Address
		}
	case "2010BA":
		return &d.cov.Subscriber.Address
	case "2010BB":
		return &d.cov.Payer.Address
	case "2010CA":
		return &d.patient.Address
	case "2310C":
		if d.facility != nil {
			return &d.facility.Address
		}
	}
	return nil
}

func (d *decoder) claim(seg *x12.Segment) {
	d.endClaim()
	if d.level != 22 && d.level != 23 {
		d.problem(seg.Pos, ErrStructure, "CLM outside a subscriber or patient level")
	}
	d.newLoop("2300")
	if len(d.claims) == cap(d.claims) {
		// Move the set's claims so far to a new slab.
		n := len(d.claims) - d.setStart
		ns := make([]Claim, n, max(claimSlab, 2*n))
		copy(ns, d.claims[d.setStart:])
		d.claims, d.setStart = ns, 0
	}
	// The slab's spare room is zero and never used before: reslicing
	// avoids writing a zero Claim over it (with the garbage collector's
	// write barrier while it runs).
	d.claims = d.claims[:len(d.claims)+1]
	c := &d.claims[len(d.claims)-1]
	d.lineStart = len(d.slab)
	d.load(seg)
	c.PatientControlNumber = d.v(1)
	if c.PatientControlNumber == "" {
		d.problem(seg.PosAt(1), ErrValue, "CLM01 (patient control number) is empty")
	}
	c.ID = c.PatientControlNumber
	// Claims of one billing provider, subscriber or patient loop share
	// its parties: one copy per loop, not one per claim.
	c.BillingProvider = shared(&d.providers, &d.sharedBill, &d.bill)
	if d.payTo != nil {
		c.PayTo = shared(&d.providers, &d.sharedPayTo, d.payTo)
		c.Extra.PayToEntity = d.payToNT
	}
	cov := d.cov
	pat := claims.Patient{Person: d.cov.Subscriber}
	if d.hasPat {
		cov.Relationship = d.patRel
		pat.Person = d.patient.Person
	}
	c.Coverage = shared(&d.coverages, &d.sharedCov, &cov)
	last := d.sharedPat
	c.Patient = shared(&d.patients, &d.sharedPat, &pat)
	d.patOwn = c.Patient != last
	c.Extra.PayerIDQualifier = d.payerQual
	d.clm = seg.Pos
	d.clmTotal, d.hasTotal = d.decimal(seg, 2)
	d.clmFixed, d.charges = d.amount, fixedSum{ok: true}
	c.PlaceOfService = claims.PlaceOfService(d.c(5, 1))
	if f := d.c(5, 3); f != "" {
		c.Frequency = claims.Frequency(f)
	}
	c.ProviderSignature = d.code(6)
	c.Assignment = d.code(7)
	c.BenefitsAssignment = d.code(8)
	c.ReleaseOfInformation = d.code(9)
	c.Extra.ClaimInfo = d.elements(seg, 10)
	d.cl = c
	d.model(seg)
}

func (d *decoder) hi(seg *x12.Segment) bool {
	q := seg.Component(1, 1)
	if string(q) != "ABK" && string(q) != "BK" {
		return false
	}
	if string(q) != "ABK" {
		d.cl.Extra.DiagnosisCodeList = d.str(q)
	}
	n := seg.Len()
	if cap(d.codes)-len(d.codes) < n {
		d.codes = make([]string, 0, max(codeSlab, n))
	}
	start := len(d.codes)
	comp := seg.Delimiters().Component
	for i := 1; i <= n; i++ {
		if code := x12.Part(seg.Element(i), comp, 2); len(code) > 0 {
			d.codes = append(d.codes, d.str(code))
		} else if seg.Has(i) {
			d.problem(seg.PosAt(i), ErrValue, "HI"+pad2(i)+" is not a qualifier:code composite")
		}
	}
	end := len(d.codes)
	d.cl.Diagnoses = d.codes[start:end:end]
	return true
}

func (d *decoder) lx(seg *x12.Segment) {
	d.op = nil
	d.newLoop("2400")
	if len(d.slab) == cap(d.slab) {
		// Move the claim's lines so far to a new slab.
		n := len(d.slab) - d.lineStart
		ns := make([]claims.ClaimLine, n, max(lineSlab, 2*n))
		copy(ns, d.slab[d.lineStart:])
		d.slab, d.lineStart = ns, 0
	}
	d.slab = d.slab[:len(d.slab)+1] // zero, as for claims
	d.cl.Lines = d.slab[d.lineStart:len(d.slab):len(d.slab)]
	d.line = len(d.cl.Lines)
	l := &d.cl.Lines[d.line-1]
	n, err := x12.ParseN0(seg.Element(1))
	if err != nil {
		d.problem(seg.PosAt(1), ErrValue, "LX01 is not a number")
	}
	l.Number = int(n)
	d.model(seg)
}

func (d *decoder) sv1(seg *x12.Segment) {
	l := &d.cl.Lines[d.line-1]
	comp := seg.Delimiters().Component
	var parts [7][]byte
	proc := seg.Element(1)
	for n := range parts {
		j := bytes.IndexByte(proc, comp)
		if j < 0 {
			parts[n] = proc
			break
		}
		parts[n], proc = proc[:j], proc[j+1:]
	}
	if q := parts[0]; string(q) != "HC" {
		d.problem(seg.PosAt(1).WithComponent(1, 1), ErrValue, "SV101-1 "+string(q)+" is not HC")
	}
	l.Procedure.Code = d.str(parts[1])
	video, audio := false, false
	for i := range claims.MaxModifiers {
		m := parts[2+i]
		if len(m) == 0 {
			break
		}
		l.Procedure.Modifiers[i] = d.str(m)
		video = video || string(m) == "95"
		audio = audio || string(m) == "93"
	}
	switch {
	case video:
		l.Telecare = claims.TelecareVideo
	case audio:
		l.Telecare = claims.TelecareAudio
	}
	l.Charge, _ = d.decimal(seg, 2)
	d.charges.add(d.amount)
	l.UnitType = claims.UnitType(d.str(seg.Element(3)))
	l.Units, _ = d.decimal(seg, 4)
	l.PlaceOfService = claims.PlaceOfService(d.str(seg.Element(5)))
	ptrs := seg.Element(7)
	start := len(d.ptrs)
	for i := 1; i <= claims.MaxPointers && len(ptrs) > 0; i++ {
		// Component i: pointers are a digit or two, shorter to scan
		// here than through x12.Part from the start each time.
		k := 0
		for k < len(ptrs) && ptrs[k] != comp {
			k++
		}
		p := ptrs[:k]
		ptrs = ptrs[min(k+1, len(ptrs)):]
		if len(p) == 0 {
			break
		}
		v, ok := pointer(p)
		if !ok {
			d.problem(seg.PosAt(7).WithComponent(7, i), ErrValue, "diagnosis pointer is not a positive number")
			continue
		}
		if len(d.ptrs) == cap(d.ptrs) {
			d.ptrs = append(make([]int, 0, ptrSlab), d.ptrs[start:]...)
			start = 0
		}
		d.ptrs = append(d.ptrs, v)
	}
	if n := len(d.ptrs); n > start {
		l.DiagnosisPointers = d.ptrs[start:n:n]
	}
	if desc := parts[6]; len(desc) > 0 {
		d.lineExtra().Description = d.text.string(desc)
	}
	if info := d.elements(seg, 8); info != nil {
		d.lineExtra().ServiceInfo = info
	}
}

// pointer reads a diagnosis pointer (SV107), a positive number.
func pointer(b []byte) (int, bool) {
	if len(b) == 1 && b[0] >= '1' && b[0] <= '9' {
		return int(b[0] - '0'), true
	}
	v, err := strconv.Atoi(string(b))
	return v, err == nil && v >= 1
}

func pad2(i int) string {
	if i < 10 {
		return "0" + itoa(i)
	}
	return itoa(i)
}

// lineExtra returns the extras of the current line, growing Extra.Lines.
func (d *decoder) lineExtra() *LineExtra {
	x := &d.cl.Extra
	for len(x.Lines) < d.line {
		x.Lines = append(x.Lines, LineExtra{})
	}
	return &x.Lines[d.line-1]
}

// endClaim completes the current claim and adds it to the transaction.
func (d *decoder) endClaim() {
	c := d.cl
	if c == nil {
		return
	}
	d.cl, d.op, d.line, d.rend, d.facility = nil, nil, 0, nil, nil
	if n := len(d.billRaw) + len(d.subRaw) + len(d.patRaw) + len(d.clRaw); n > 0 {
		segs := make([]RawSegment, 0, n)
		segs = append(segs, d.billRaw...)
		segs = append(segs, d.subRaw...)
		segs = append(segs, d.patRaw...)
		c.Extra.Segments = append(segs, d.clRaw...)
	}
	d.clRaw = nil
	if x := &c.Extra; x.Lines != nil {
		for len(x.Lines) < len(c.Lines) {
			x.Lines = append(x.Lines, LineExtra{})
		}
	}
	if len(c.Lines) == 0 {
		d.problem(d.clm, ErrStructure, "claim "+c.PatientControlNumber+" has no service lines")
	}
	if d.hasTotal && !d.charges.equal(d.clmFixed) {
		if t := total(&c.Claim); !t.Equal(d.clmTotal) {
			d.problem(d.clm.WithElement(2), ErrTotalMismatch,
				"claim "+c.PatientControlNumber+": CLM02 is "+x12.FormatDecimal(d.clmTotal)+", the lines add up to "+x12.FormatDecimal(t))
		}
	}
	// Later claims under the same levels start from the same parties.
	d.loop = ""
}
