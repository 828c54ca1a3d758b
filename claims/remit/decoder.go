package remit

import (
	"bytes"
	"io"
	"math"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// Decoder reads 835 transaction sets from an X12 input, one at a time.
// Memory is bounded by the typed result of one ST..SE: a file of any size
// can be decoded set by set.
//
// Set the exported fields before the first call to Next.
type Decoder struct {
	// File names the input in errors and problems; it may be empty.
	File string
	// Limits caps segment length, elements and segments per set (see
	// x12.Limits).
	Limits x12.Limits
	// ReuseRemittance lets Next reuse the memory of the Remittance it
	// returned before, as encoding/csv's ReuseRecord does: each
	// Remittance is then valid only until the next call to Next. Set it
	// when each set is processed and dropped, to decode faster with far
	// less garbage.
	ReuseRemittance bool

	r        *x12.Reader
	started  bool
	pending  *x12.Segment // an ST that ended the previous (unclosed) set
	err      error
	seen     int // reader problems already handed out
	problems x12.ErrorList
	strs     interner
	nums     numbers
	// claimsHint is the claim count of the last set: sets in one file
	// tend to be alike, so it sizes the next set's claim list.
	claimsHint int
	// prev and lists are the memory of the last set, for ReuseRemittance.
	prev  *Remittance
	lists lists
}

const maxClaimsHint = 10000

// NewDecoder returns a Decoder reading from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: x12.NewReader(r)}
}

// Delimiters returns the delimiters of the interchange being read, for
// rendering problems with x12.Render.
func (d *Decoder) Delimiters() x12.Delimiters { return d.r.Delimiters() }

// Problems returns the problems found outside any 835 transaction set so
// far: envelope problems between sets (a wrong IEA count, data after
// IEA) and the transaction sets skipped because they are not 835s.
// Problems inside a set are in its Remittance.Problems.
func (d *Decoder) Problems() x12.ErrorList { return d.problems }

// Next returns the next 835 transaction set, balanced (see
// CheckBalance), or io.EOF after the last one. Data problems do not stop
// decoding: they are in the Remittance's Problems. Next returns nil and
// an error only when the input cannot be read further (a syntax error
// such as a missing ISA, a limit exceeded, a read failure); the error is
// an *x12.Error and is returned again by every later call.
func (d *Decoder) Next() (*Remittance, error) {
	if d.err != nil {
		return nil, d.err
	}
	if !d.started {
		d.started = true
		d.r.File = d.File
		d.r.Limits = d.Limits
	}
	for {
		seg := d.pending
		d.pending = nil
		if seg == nil {
			var err error
			seg, err = d.r.Next()
			if err != nil {
				d.problems = append(d.problems, d.takeProblems(math.MaxInt64)...)
				d.err = err
				return nil, err
			}
		}
		if seg.ID != "ST" {
			// Envelope segments, segments outside sets, skipped sets.
			continue
		}
		// Problems before the ST are the envelope's; the ST's own are the set's.
		d.problems = append(d.problems, d.takeProblems(seg.Pos.Offset)...)
		if set := d.r.Set(); set.ID != "835" {
			d.problems.Add(&x12.Error{File: d.File, Pos: seg.PosAt(1), Err: ErrNotRemittance,
				Msg: "transaction set " + set.ID + " (control number " + set.ControlNumber + ") skipped"})
			continue
		}
		rem, err := d.decodeSet(seg)
		if err != nil {
			d.err = err
			return nil, err
		}
		return rem, nil
	}
}

// DecodeAll decodes every 835 transaction set of r. On a fatal error it
// returns the sets decoded before it and the error. Problems inside a set
// are in its Problems; the few outside any set (envelope trailers, sets
// that are not 835s) are only reported by Decoder.Problems, so use a
// Decoder when they matter.
func DecodeAll(r io.Reader) ([]*Remittance, error) {
	d := NewDecoder(r)
	var out []*Remittance
	for {
		rem, err := d.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rem)
	}
}

// takeProblems returns the reader's problems not handed out yet that lie
// before input offset before.
func (d *Decoder) takeProblems(before int64) x12.ErrorList {
	all := d.r.Problems()
	end := d.seen
	for end < len(all) && all[end].Pos.Offset < before {
		end++
	}
	p := all[d.seen:end]
	d.seen = end
	return p
}

// Loops of the 835, as far as the decoder needs to know where it is.
const (
	inHeader = iota
	inPayer
	inPayee
	inLX
	inClaim
	inService
	inTrailer
)

// setDecoder holds the state of one transaction set being decoded.
type setDecoder struct {
	d       *Decoder
	rem     *Remittance
	loop    int
	party   *Party
	claim   *ClaimPayment
	svc     *ServicePayment
	seenBPR bool
	seenTRN bool
	seenPR  bool
	seenPE  bool
	stPos   x12.Position

	bal balancing

	l *lists
}

func (d *Decoder) decodeSet(st *x12.Segment) (*Remittance, error) {
	set, gs := d.r.Set(), d.r.Group()
	rem := d.newRemittance()
	rem.Interchange = d.r.Interchange().ControlNumber
	rem.Group = gs.ControlNumber
	rem.ControlNumber = set.ControlNumber
	rem.Version = set.Version
	rem.Pos = st.Pos
	if rem.Version == "" {
		rem.Version = gs.Version
	}
	s := setDecoder{d: d, rem: rem, stPos: st.Pos, l: &d.lists}
loop:
	for {
		seg, err := d.r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch idKey(seg.ID) {
		case idSE:
			break loop
		case idST:
			// The set had no SE (the reader reports it); this ST starts
			// the next one.
			d.pending = seg
			break loop
		case idGE, idIEA, idGS, idISA:
			break loop
		}
		s.segment(seg)
	}
	s.finish()
	d.claimsHint = min(len(rem.Claims), maxClaimsHint)
	rem.Problems = append(rem.Problems, d.takeProblems(math.MaxInt64)...)
	rem.Problems.Sort()
	return rem, nil
}

// balancing holds the running totals of the balancing rules (see
// Remittance.CheckBalance), so that the Decoder balances a set as it
// reads it, from the figures it parsed.
type balancing struct {
	svcOpen          bool
	svcCharge        figure
	svcPaid          figure
	svcAdj           sum
	claimOpen        bool
	claimCharge      figure
	claimPaid        figure
	claimAdj         sum
	paid, adjustment sum
}

// closeService checks the open service line, if any.
func (s *setDecoder) closeService() {
	b := &s.bal
	if !b.svcOpen {
		return
	}
	b.svcOpen = false
	s.rem.checkService(s.claim, len(s.claim.Services)-1, b.svcCharge, b.svcPaid, &b.svcAdj)
	b.claimAdj.addSum(&b.svcAdj)
}

// closeClaim checks the open claim and its last service line, if any.
func (s *setDecoder) closeClaim() {
	s.closeService()
	b := &s.bal
	if !b.claimOpen {
		return
	}
	b.claimOpen = false
	s.rem.checkClaim(s.claim, b.claimCharge, b.claimPaid, &b.claimAdj)
	b.paid.add(b.claimPaid, false)
}

// newRemittance returns an empty Remittance: a new one, or with
// ReuseRemittance the last one, emptied, with its memory.
func (d *Decoder) newRemittance() *Remittance {
	if !d.ReuseRemittance || d.prev == nil {
		d.lists = newLists(d.ReuseRemittance)
		rem := &Remittance{Claims: make([]ClaimPayment, 0, d.claimsHint)}
		if d.ReuseRemittance {
			d.prev = rem
		}
		return rem
	}
	p := d.prev
	*p = Remittance{
		Claims:              p.Claims[:0],
		Headers:             p.Headers[:0],
		ProviderAdjustments: p.ProviderAdjustments[:0],
		BalanceErrors:       p.BalanceErrors[:0],
		Problems:            p.Problems[:0],
	}
	d.lists.reset()
	return p
}

// finish balances the set and reports the segments it requires but lacks.
func (s *setDecoder) finish() {
	s.closeClaim()
	s.rem.checkTransaction(&s.bal.paid, &s.bal.adjustment)
	missing := func(what string) {
		s.rem.Problems.Add(&x12.Error{File: s.d.File, Pos: s.stPos, Err: ErrMissingSegment,
			Msg: "transaction set " + s.rem.ControlNumber + " has no " + what})
	}
	if !s.seenBPR {
		missing("BPR")
	}
	if !s.seenTRN {
		missing("TRN")
	}
	if !s.seenPR {
		missing("payer (N1*PR)")
	}
	if !s.seenPE {
		missing("payee (N1*PE)")
	}
}

func (s *setDecoder) problem(seg *x12.Segment, el int, err error, msg string) {
	s.rem.Problems.Add(&x12.Error{File: s.d.File, Pos: seg.PosAt(el), Err: err, Msg: msg})
}

func elementName(id string, i int) string {
	if i < 10 {
		return id + "0" + strconv.Itoa(i)
	}
	return id + strconv.Itoa(i)
}

func (s *setDecoder) unexpected(seg *x12.Segment, where string) {
	s.problem(seg, 0, ErrUnexpectedSegment, seg.ID+" "+where)
}

// required reports a missing element and returns its bytes.
func (s *setDecoder) required(seg *x12.Segment, i int) []byte {
	b := seg.Element(i)
	if len(b) == 0 {
		s.problem(seg, i, ErrMissingElement, elementName(seg.ID, i)+" is required")
	}
	return b
}

// figure parses required R element i.
func (s *setDecoder) figure(seg *x12.Segment, i int) figure {
	b := s.required(seg, i)
	if len(b) == 0 {
		return figure{exact: true}
	}
	f, err := s.d.nums.parse(b)
	if err != nil {
		s.problem(seg, i, ErrBadValue, elementName(seg.ID, i)+" "+strconv.Quote(string(b))+" is not a decimal number")
		return figure{exact: true}
	}
	return f
}

// amount parses required R element i.
func (s *setDecoder) amount(seg *x12.Segment, i int) decimal.Decimal { return s.figure(seg, i).d }

// optAmount parses optional R element i.
func (s *setDecoder) optAmount(seg *x12.Segment, i int) (decimal.Decimal, bool) {
	b := seg.Element(i)
	if len(b) == 0 {
		return decimal.Decimal{}, false
	}
	f, err := s.d.nums.parse(b)
	if err != nil {
		s.problem(seg, i, ErrBadValue, elementName(seg.ID, i)+" "+strconv.Quote(string(b))+" is not a decimal number")
		return decimal.Decimal{}, false
	}
	return f.d, true
}

func (s *setDecoder) nullAmount(seg *x12.Segment, i int) decimal.NullDecimal {
	v, ok := s.optAmount(seg, i)
	return decimal.NullDecimal{Decimal: v, Valid: ok}
}

// date parses optional D8 element i.
func (s *setDecoder) date(seg *x12.Segment, i int) x12.Date {
	b := seg.Element(i)
	if len(b) == 0 {
		return x12.Date{}
	}
	v, err := x12.ParseD8(b)
	if err != nil {
		s.problem(seg, i, ErrBadValue, elementName(seg.ID, i)+" "+strconv.Quote(string(b))+" is not a CCYYMMDD date")
	}
	return v
}

// code returns element i as an interned string.
func (s *setDecoder) code(seg *x12.Segment, i int) string { return s.d.strs.get(seg.Element(i)) }

// Segment identifiers as idKey packs them, for switches that compile to
// integer comparisons.
const (
	idAMT = uint32('A')<<16 | uint32('M')<<8 | uint32('T')
	idBPR = uint32('B')<<16 | uint32('P')<<8 | uint32('R')
	idCAS = uint32('C')<<16 | uint32('A')<<8 | uint32('S')
	idCLP = uint32('C')<<16 | uint32('L')<<8 | uint32('P')
	idCUR = uint32('C')<<16 | uint32('U')<<8 | uint32('R')
	idDTM = uint32('D')<<16 | uint32('T')<<8 | uint32('M')
	idGE  = uint32('G')<<16 | uint32('E')<<8
	idGS  = uint32('G')<<16 | uint32('S')<<8
	idIEA = uint32('I')<<16 | uint32('E')<<8 | uint32('A')
	idISA = uint32('I')<<16 | uint32('S')<<8 | uint32('A')
	idLQ  = uint32('L')<<16 | uint32('Q')<<8
	idLX  = uint32('L')<<16 | uint32('X')<<8
	idMIA = uint32('M')<<16 | uint32('I')<<8 | uint32('A')
	idMOA = uint32('M')<<16 | uint32('O')<<8 | uint32('A')
	idN1  = uint32('N')<<16 | uint32('1')<<8
	idN3  = uint32('N')<<16 | uint32('3')<<8
	idN4  = uint32('N')<<16 | uint32('4')<<8
	idNM1 = uint32('N')<<16 | uint32('M')<<8 | uint32('1')
	idPER = uint32('P')<<16 | uint32('E')<<8 | uint32('R')
	idPLB = uint32('P')<<16 | uint32('L')<<8 | uint32('B')
	idQTY = uint32('Q')<<16 | uint32('T')<<8 | uint32('Y')
	idRDM = uint32('R')<<16 | uint32('D')<<8 | uint32('M')
	idREF = uint32('R')<<16 | uint32('E')<<8 | uint32('F')
	idSE  = uint32('S')<<16 | uint32('E')<<8
	idST  = uint32('S')<<16 | uint32('T')<<8
	idSVC = uint32('S')<<16 | uint32('V')<<8 | uint32('C')
	idTRN = uint32('T')<<16 | uint32('R')<<8 | uint32('N')
	idTS2 = uint32('T')<<16 | uint32('S')<<8 | uint32('2')
	idTS3 = uint32('T')<<16 | uint32('S')<<8 | uint32('3')
)

// idKey packs a segment identifier of two or three characters into an
// integer; longer identifiers give 0, which matches no constant.
func idKey(id string) uint32 {
	switch len(id) {
	case 2:
		return uint32(id[0])<<16 | uint32(id[1])<<8
	case 3:
		return uint32(id[0])<<16 | uint32(id[1])<<8 | uint32(id[2])
	}
	return 0
}

func (s *setDecoder) segment(seg *x12.Segment) {
	switch idKey(seg.ID) {
	case idBPR:
		s.bpr(seg)
	case idTRN:
		if s.loop != inHeader {
			s.unexpected(seg, "after the header")
		}
		s.seenTRN = true
		s.rem.Trace = Trace{
			Type:       s.code(seg, 1),
			Number:     string(s.required(seg, 2)),
			Originator: string(s.required(seg, 3)),
			Reference:  seg.Value(4),
		}
	case idCUR:
		s.rem.Currency = s.code(seg, 2)
	case idREF:
		s.ref(seg)
	case idDTM:
		s.dtm(seg)
	case idN1:
		s.n1(seg)
	case idN3, idN4, idRDM:
		s.address(seg)
	case idPER:
		s.per(seg)
	case idLX:
		s.lx(seg)
	case idTS3, idTS2:
		s.ts(seg)
	case idCLP:
		s.clp(seg)
	case idCAS:
		s.cas(seg)
	case idNM1:
		s.nm1(seg)
	case idMIA, idMOA:
		s.adjudication(seg)
	case idAMT, idQTY:
		s.amt(seg)
	case idSVC:
		s.service(seg)
	case idLQ:
		if s.loop != inService {
			s.unexpected(seg, "outside a service line")
			return
		}
		s.svc.Remarks = s.l.remarks.add(s.svc.Remarks, Remark{Qualifier: s.code(seg, 1), Code: s.code(seg, 2)})
	case idPLB:
		s.plb(seg)
	default:
		s.unexpected(seg, "is not part of an 835")
	}
}

func (s *setDecoder) bpr(seg *x12.Segment) {
	if s.seenBPR || s.loop != inHeader {
		s.unexpected(seg, "must come once, first in the set")
	}
	s.seenBPR = true
	s.required(seg, 1)
	s.required(seg, 3)
	s.required(seg, 4)
	s.rem.Payment = Payment{
		Handling:    s.code(seg, 1),
		Amount:      s.amount(seg, 2),
		CreditDebit: s.code(seg, 3),
		Method:      s.code(seg, 4),
		Format:      s.code(seg, 5),
		Date:        s.date(seg, 16),
	}
}

func (s *setDecoder) ref(seg *x12.Segment) {
	q := s.code(seg, 1)
	if q == "" {
		s.required(seg, 1)
	}
	r := Reference{Qualifier: q, Value: string(s.required(seg, 2))}
	switch s.loop {
	case inHeader:
		switch q {
		case "EV":
			s.rem.ReceiverID = r.Value
		case "F2":
			s.rem.VersionID = r.Value
		default:
			s.problem(seg, 1, ErrBadValue, "REF qualifier "+strconv.Quote(q)+" is not used in the 835 header")
		}
	case inPayer, inPayee:
		s.party.References = append(s.party.References, r)
	case inClaim:
		s.claim.References = s.l.refs.add(s.claim.References, r)
	case inService:
		if q == "6R" && s.svc.LineControlNumber == "" {
			s.svc.LineControlNumber = r.Value
			return
		}
		s.svc.References = s.l.refs.add(s.svc.References, r)
	default:
		s.unexpected(seg, "outside the header, a party, a claim or a service line")
	}
}

func (s *setDecoder) dtm(seg *x12.Segment) {
	q := seg.Element(1)
	d := s.date(seg, 2)
	switch s.loop {
	case inHeader:
		if string(q) == "405" {
			s.rem.ProductionDate = d
			return
		}
	case inClaim:
		switch string(q) {
		case "232":
			s.claim.StatementFrom = d
			return
		case "233":
			s.claim.StatementTo = d
			return
		case "036":
			s.claim.CoverageExpiration = d
			return
		case "050":
			s.claim.Received = d
			return
		}
	case inService:
		switch string(q) {
		case "472":
			s.svc.ServiceFrom, s.svc.ServiceTo = d, d
			return
		case "150":
			s.svc.ServiceFrom = d
			return
		case "151":
			s.svc.ServiceTo = d
			return
		}
	default:
		s.unexpected(seg, "outside the header, a claim or a service line")
		return
	}
	s.problem(seg, 1, ErrBadValue, "DTM qualifier "+strconv.Quote(string(q))+" is not used here")
}

func (s *setDecoder) n1(seg *x12.Segment) {
	switch string(seg.Element(1)) {
	case "PR":
		if s.seenPR || s.loop > inPayer {
			s.unexpected(seg, "payer loop must come once, after the header")
		}
		s.seenPR = true
		s.loop, s.party = inPayer, &s.rem.Payer
	case "PE":
		if s.seenPE || s.loop > inPayee {
			s.unexpected(seg, "payee loop must come once, after the payer")
		}
		s.seenPE = true
		s.loop, s.party = inPayee, &s.rem.Payee
	default:
		s.problem(seg, 1, ErrBadValue, "N101 "+strconv.Quote(seg.Value(1))+" is neither PR nor PE")
		return
	}
	s.party.Name = string(s.required(seg, 2))
	s.party.IDQualifier = s.code(seg, 3)
	s.party.ID = seg.Value(4)
}

func (s *setDecoder) address(seg *x12.Segment) {
	if s.loop != inPayer && s.loop != inPayee {
		s.unexpected(seg, "outside the payer and payee loops")
		return
	}
	a := &s.party.Address
	switch seg.ID {
	case "N3":
		a.Lines = append(a.Lines, string(s.required(seg, 1)))
		if seg.Has(2) {
			a.Lines = append(a.Lines, seg.Value(2))
		}
	case "N4":
		a.City = seg.Value(1)
		a.State = s.code(seg, 2)
		a.PostalCode = seg.Value(3)
		a.Country = s.code(seg, 4)
	}
	// RDM (remittance delivery method) carries nothing the model keeps.
}

func (s *setDecoder) per(seg *x12.Segment) {
	c := Contact{Function: s.code(seg, 1), Name: seg.Value(2)}
	for i := 3; i+1 <= seg.Len() && i <= 7; i += 2 {
		if seg.Has(i) || seg.Has(i+1) {
			c.Numbers = append(c.Numbers, Communication{Qualifier: s.code(seg, i), Number: seg.Value(i + 1)})
		}
	}
	switch s.loop {
	case inPayer, inPayee:
		s.party.Contacts = append(s.party.Contacts, c)
	case inClaim:
		s.claim.Contacts = append(s.claim.Contacts, c)
	default:
		s.unexpected(seg, "outside the payer loop or a claim")
	}
}

func (s *setDecoder) lx(seg *x12.Segment) {
	if s.loop == inTrailer {
		s.unexpected(seg, "after PLB")
	}
	n, err := x12.ParseN0(s.required(seg, 1))
	if err != nil && seg.Has(1) {
		s.problem(seg, 1, ErrBadValue, "LX01 "+strconv.Quote(seg.Value(1))+" is not a number")
	}
	s.closeClaim()
	s.rem.Headers = append(s.rem.Headers, Header{Number: int(n), Pos: seg.Pos})
	s.loop, s.claim, s.svc = inLX, nil, nil
}

func (s *setDecoder) ts(seg *x12.Segment) {
	if s.loop != inLX {
		s.unexpected(seg, "outside an LX header before its claims")
		return
	}
	h := &s.rem.Headers[len(s.rem.Headers)-1]
	first := 1
	if seg.ID == "TS3" {
		if h.Summary != nil {
			s.unexpected(seg, "repeated in one LX header")
		}
		sum := &ProviderSummary{
			ProviderID:      string(s.required(seg, 1)),
			FacilityCode:    s.code(seg, 2),
			FiscalPeriodEnd: s.date(seg, 3),
			TotalCharge:     s.amount(seg, 5),
		}
		if b := s.required(seg, 4); len(b) > 0 {
			n, err := x12.ParseN0(b)
			if err != nil {
				s.problem(seg, 4, ErrBadValue, "TS304 "+strconv.Quote(string(b))+" is not a count")
			}
			sum.ClaimCount = n
		}
		h.Summary = sum
		first = 6
	}
	var vals []ElementAmount
	for i := first; i <= seg.Len(); i++ {
		if v, ok := s.optAmount(seg, i); ok {
			vals = append(vals, ElementAmount{Element: i, Amount: v})
		}
	}
	if seg.ID == "TS3" {
		h.Summary.Amounts = vals
	} else {
		h.Supplemental = vals
	}
}

func (s *setDecoder) clp(seg *x12.Segment) {
	if s.loop == inTrailer || s.loop < inPayee {
		s.unexpected(seg, "outside the detail of the set")
	}
	s.closeClaim()
	header := len(s.rem.Headers) - 1
	charge, paid := s.figure(seg, 3), s.figure(seg, 4)
	s.bal.claimOpen, s.bal.claimCharge, s.bal.claimPaid, s.bal.claimAdj = true, charge, paid, sum{}
	// One string for the segment's text: the claim's identifiers and
	// codes share it.
	var v [12]string
	texts(seg, v[:])
	s.rem.Claims = append(s.rem.Claims, ClaimPayment{})
	c := &s.rem.Claims[len(s.rem.Claims)-1]
	c.PatientControlNumber = v[1]
	c.Status = ClaimStatus(v[2])
	c.Charge, c.Paid = charge.d, paid.d
	c.FilingIndicator, c.PayerClaimControlNumber, c.FacilityCode, c.Frequency = v[6], v[7], v[8], v[9]
	c.DRG = v[11]
	c.Header = header
	c.Pos = seg.Pos
	if c.PatientControlNumber == "" {
		s.required(seg, 1)
	}
	if !c.Status.Valid() {
		if s.required(seg, 2) != nil {
			s.problem(seg, 2, ErrBadValue, "CLP02 "+strconv.Quote(string(c.Status))+" is not a claim status code")
		}
	}
	c.PatientResponsibility, _ = s.optAmount(seg, 5)
	c.DRGWeight, _ = s.optAmount(seg, 12)
	s.loop, s.claim, s.svc = inClaim, c, nil
}

func (s *setDecoder) cas(seg *x12.Segment) {
	var list *[]Adjustment
	var total *sum
	switch s.loop {
	case inClaim:
		list, total = &s.claim.Adjustments, &s.bal.claimAdj
	case inService:
		list, total = &s.svc.Adjustments, &s.bal.svcAdj
	default:
		s.unexpected(seg, "outside a claim or a service line")
		return
	}
	g := GroupCode(s.code(seg, 1))
	if !g.Valid() && g != GroupCorrection {
		if s.required(seg, 1) != nil {
			s.problem(seg, 1, ErrBadValue, "CAS01 "+strconv.Quote(string(g))+" is not a group code")
		}
	}
	n := 0
	for k := 0; k < 6; k++ {
		base := 2 + 3*k
		if base > seg.Len() {
			break
		}
		reason, amount, qty := seg.Element(base), seg.Element(base+1), seg.Element(base+2)
		if len(reason) == 0 && len(amount) == 0 && len(qty) == 0 {
			continue
		}
		if len(reason) == 0 {
			s.required(seg, base)
		}
		var a *Adjustment
		*list, a = s.l.adjs.grow(*list)
		a.Group, a.Reason = g, s.d.strs.get(reason)
		f := s.figure(seg, base+1)
		total.add(f, false)
		a.Amount = f.d
		if len(qty) > 0 {
			a.Quantity = s.nullAmount(seg, base+2)
		}
		n++
	}
	if n == 0 {
		s.required(seg, 2)
	}
}

// texts sets dst[i] to element i of seg for i in 1..len(dst)-1, as
// substrings of one string made from the segment: one allocation for
// all of a segment's free-text values instead of one for each.
func texts(seg *x12.Segment, dst []string) {
	raw := string(seg.Bytes())
	off := len(seg.Element(0)) + 1
	for i := 1; i < len(dst) && i <= seg.Len(); i++ {
		n := len(seg.Element(i))
		dst[i] = raw[off : off+n]
		off += n + 1
	}
}

func (s *setDecoder) nm1(seg *x12.Segment) {
	if s.loop != inClaim {
		s.unexpected(seg, "outside a claim, before its service lines")
		return
	}
	var v [10]string
	texts(seg, v[:])
	var e *Entity
	s.claim.Entities, e = s.l.entities.grow(s.claim.Entities)
	*e = Entity{Role: v[1], Type: v[2], LastName: v[3], FirstName: v[4], MiddleName: v[5], Suffix: v[7], IDQualifier: v[8], ID: v[9]}
}

// miaRemarks are the MIA elements that hold remark codes.
var miaRemarks = [...]bool{5: true, 20: true, 21: true, 22: true, 23: true}

func (s *setDecoder) adjudication(seg *x12.Segment) {
	if s.loop != inClaim {
		s.unexpected(seg, "outside a claim, before its service lines")
		return
	}
	c := s.claim
	remark := func(i int) {
		if seg.Has(i) {
			c.Remarks = append(c.Remarks, Remark{Qualifier: "HE", Code: s.code(seg, i)})
		}
	}
	if seg.ID == "MOA" {
		c.Outpatient = &OutpatientAdjudication{
			ReimbursementRate:      s.nullAmount(seg, 1),
			PayableAmount:          s.nullAmount(seg, 2),
			ESRDPayment:            s.nullAmount(seg, 8),
			NonpayableProfessional: s.nullAmount(seg, 9),
		}
		for i := 3; i <= 7; i++ {
			remark(i)
		}
		return
	}
	mia := &InpatientAdjudication{}
	for i := 1; i <= seg.Len(); i++ {
		if i < len(miaRemarks) && miaRemarks[i] {
			remark(i)
			continue
		}
		if v, ok := s.optAmount(seg, i); ok {
			mia.Values = append(mia.Values, ElementAmount{Element: i, Amount: v})
		}
	}
	c.Inpatient = mia
}

func (s *setDecoder) amt(seg *x12.Segment) {
	q := s.code(seg, 1)
	if q == "" {
		s.required(seg, 1)
	}
	v := s.amount(seg, 2)
	var amts *[]Amount
	var qtys *[]Quantity
	switch s.loop {
	case inClaim:
		amts, qtys = &s.claim.Amounts, &s.claim.Quantities
	case inService:
		amts, qtys = &s.svc.Amounts, &s.svc.Quantities
	default:
		s.unexpected(seg, "outside a claim or a service line")
		return
	}
	if seg.ID == "AMT" {
		*amts = s.l.amounts.add(*amts, Amount{Qualifier: q, Amount: v})
	} else {
		*qtys = append(*qtys, Quantity{Qualifier: q, Quantity: v})
	}
}

// one is the default of SVC05. Decimal values are immutable, so it can be
// shared.
var one = decimal.NewFromInt(1)

func (s *setDecoder) service(seg *x12.Segment) {
	if s.claim == nil || s.loop == inTrailer {
		s.unexpected(seg, "outside a claim")
		return
	}
	s.closeService()
	c := s.claim
	charge, paid := s.figure(seg, 2), s.figure(seg, 3)
	s.bal.svcOpen, s.bal.svcCharge, s.bal.svcPaid, s.bal.svcAdj = true, charge, paid, sum{}
	var v *ServicePayment
	c.Services, v = s.l.services.grow(c.Services)
	v.Procedure = s.procedure(seg, 1)
	v.Charge, v.Paid = charge.d, paid.d
	v.RevenueCode = s.code(seg, 4)
	v.Units = one
	v.Pos = seg.Pos
	if u, ok := s.optAmount(seg, 5); ok {
		v.Units = u
	}
	if seg.Has(6) {
		p := s.procedure(seg, 6)
		v.OriginalProcedure = &p
	}
	v.OriginalUnits = s.nullAmount(seg, 7)
	s.loop, s.svc = inService, v
}

// procedure reads composite element i (qualifier:code:mod1..mod4:description).
func (s *setDecoder) procedure(seg *x12.Segment, i int) Procedure {
	var parts [7][]byte
	n := 0
	e := seg.Repetition(i, 1)
	sep := seg.Delimiters().Component
	for n < len(parts) {
		j := bytes.IndexByte(e, sep)
		if j < 0 {
			parts[n] = e
			n++
			break
		}
		parts[n], e = e[:j], e[j+1:]
		n++
	}
	p := Procedure{Qualifier: s.d.strs.get(parts[0]), Code: s.d.strs.get(parts[1])}
	if p.Qualifier == "" || p.Code == "" {
		s.problem(seg, i, ErrMissingElement, elementName(seg.ID, i)+" needs a qualifier and a code")
	}
	mods := 0
	for k := 2; k < 6 && k < n; k++ {
		if len(parts[k]) > 0 {
			mods = k - 1
		}
	}
	for k := range mods {
		p.Modifiers = s.l.mods.add(p.Modifiers, s.d.strs.get(parts[k+2]))
	}
	if n == 7 {
		p.Description = string(parts[6])
	}
	return p
}

func (s *setDecoder) plb(seg *x12.Segment) {
	if s.loop < inPayee {
		s.unexpected(seg, "before the detail of the set")
	}
	s.closeClaim()
	s.loop, s.claim, s.svc = inTrailer, nil, nil
	id := string(s.required(seg, 1))
	period := s.date(seg, 2)
	s.required(seg, 2)
	n := 0
	for k := 0; k < 6; k++ {
		base := 3 + 2*k
		if base > seg.Len() {
			break
		}
		if !seg.Has(base) && !seg.Has(base+1) {
			continue
		}
		s.required(seg, base)
		f := s.figure(seg, base+1)
		s.bal.adjustment.add(f, false)
		s.rem.ProviderAdjustments = append(s.rem.ProviderAdjustments, ProviderAdjustment{
			ProviderID:      id,
			FiscalPeriodEnd: period,
			Reason:          s.d.strs.get(seg.Component(base, 1)),
			Reference:       string(seg.Component(base, 2)),
			Amount:          f.d,
			Pos:             seg.PosAt(base),
		})
		n++
	}
	if n == 0 {
		s.required(seg, 3)
	}
}

// shortKey packs a value of at most 15 bytes and its length into two
// words: cheap to hash and to compare.
type shortKey struct{ lo, hi uint64 }

const maxShortKey = 15

// packKey packs b, which must not be longer than maxShortKey.
func packKey(b []byte) shortKey {
	var k shortKey
	for i, c := range b {
		if i < 8 {
			k.lo |= uint64(c) << (8 * i)
		} else {
			k.hi |= uint64(c) << (8 * (i - 8))
		}
	}
	k.hi |= uint64(len(b)) << 56
	return k
}

func (k shortKey) slot(bits uint) uint64 {
	return (k.lo*0x9E3779B97F4A7C15 ^ k.hi*0xC2B2AE3D27D4EB4F) >> (64 - bits)
}

// interner turns short, often repeated element values (codes, qualifiers,
// procedure codes) into shared strings, so that decoding does not
// allocate a string for each one. It is a direct-mapped cache: a value
// that collides with another is allocated again, never confused with it.
type interner struct {
	slots []internSlot
	// short holds the one- and two-character codes made of digits and
	// upper-case letters (most qualifiers and group codes), by value.
	short []string
}

type internSlot struct {
	key shortKey
	s   string
}

const (
	internBits = 11
	alnum      = 'Z' - '0' + 2 // '0'..'Z', and 0 for "no second character"
)

func shortIndex(b []byte) (int, bool) {
	c0 := int(b[0]) - '0'
	c1 := -1
	if len(b) == 2 {
		c1 = int(b[1]) - '0'
	}
	if c0 < 0 || c0 > 'Z'-'0' || c1 < -1 || c1 > 'Z'-'0' {
		return 0, false
	}
	return c0*alnum + c1 + 1, true
}

func (in *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) <= 2 {
		if i, ok := shortIndex(b); ok {
			if in.short == nil {
				in.short = make([]string, alnum*alnum)
			}
			if s := in.short[i]; s != "" {
				return s
			}
			in.short[i] = string(b)
			return in.short[i]
		}
	}
	if len(b) > maxShortKey {
		return string(b)
	}
	if in.slots == nil {
		in.slots = make([]internSlot, 1<<internBits)
	}
	k := packKey(b)
	e := &in.slots[k.slot(internBits)]
	if e.key == k {
		return e.s
	}
	e.key, e.s = k, string(b)
	return e.s
}

// numbers caches parsed amounts by their text. Remittances repeat the same
// amounts over and over (fee schedules, zero), and a decimal.Decimal
// costs two allocations to build. Decimal values are never changed in
// place, so one value can be shared. Like interner it is direct-mapped.
type numbers struct {
	slots []numberSlot
}

type numberSlot struct {
	key shortKey
	f   figure
}

const numberBits = 12

// parse returns the figure of the X12 decimal b (see x12.ParseDecimal).
func (n *numbers) parse(b []byte) (figure, error) {
	if len(b) > maxShortKey || len(b) == 0 {
		v, err := x12.ParseDecimal(b)
		return figureOf(v), err
	}
	if n.slots == nil {
		n.slots = make([]numberSlot, 1<<numberBits)
	}
	k := packKey(b)
	e := &n.slots[k.slot(numberBits)]
	if e.key == k {
		return e.f, nil
	}
	v, err := x12.ParseDecimal(b)
	if err != nil {
		return figure{}, err
	}
	e.key, e.f = k, figureOf(v)
	return e.f, nil
}

// slab hands out the short lists of a transaction set (adjustments,
// service lines, entities, ...) from shared chunks instead of growing
// each list on its own. Lists are built one after the other, so the list
// being built is almost always at the end of the current chunk and grows
// in place. Each list is capped at its length, so appending to it later
// copies it rather than touching its neighbours.
type slab[T any] struct {
	buf   []T
	chunk int
	// keep remembers the chunks, so that reset can hand them out again.
	keep   bool
	chunks [][]T
	next   int
}

// grow returns list with one more, zero, element and a pointer to it.
func (s *slab[T]) grow(list []T) ([]T, *T) {
	var zero T
	n := len(list)
	if n > 0 && n <= len(s.buf) && len(s.buf) < cap(s.buf) && &s.buf[len(s.buf)-1] == &list[n-1] {
		s.buf = append(s.buf, zero)
		end := len(s.buf)
		return s.buf[end-n-1 : end : end], &s.buf[end-1]
	}
	if cap(s.buf)-len(s.buf) < n+1 {
		s.newChunk(max(s.chunk, 2*(n+1)))
	}
	start := len(s.buf)
	s.buf = append(s.buf, list...)
	s.buf = append(s.buf, zero)
	end := len(s.buf)
	return s.buf[start:end:end], &s.buf[end-1]
}

// newChunk makes buf an empty chunk of at least size elements: a kept
// one when there is one, else a new one.
func (s *slab[T]) newChunk(size int) {
	if s.keep && s.next < len(s.chunks) && cap(s.chunks[s.next]) >= size {
		s.buf = s.chunks[s.next][:0]
		s.next++
		return
	}
	s.buf = make([]T, 0, size)
	if s.keep {
		if s.next < len(s.chunks) {
			s.chunks[s.next] = s.buf
		} else {
			s.chunks = append(s.chunks, s.buf)
		}
		s.next++
	}
}

// reset makes the kept chunks available again.
func (s *slab[T]) reset() { s.buf, s.next = nil, 0 }

// lists are the slabs of one transaction set.
type lists struct {
	adjs     slab[Adjustment]
	services slab[ServicePayment]
	entities slab[Entity]
	amounts  slab[Amount]
	refs     slab[Reference]
	remarks  slab[Remark]
	mods     slab[string]
}

func newLists(keep bool) lists {
	return lists{
		adjs: slab[Adjustment]{chunk: 256, keep: keep}, services: slab[ServicePayment]{chunk: 64, keep: keep},
		entities: slab[Entity]{chunk: 64, keep: keep}, amounts: slab[Amount]{chunk: 256, keep: keep},
		refs: slab[Reference]{chunk: 256, keep: keep}, remarks: slab[Remark]{chunk: 256, keep: keep},
		mods: slab[string]{chunk: 256, keep: keep},
	}
}

func (l *lists) reset() {
	l.adjs.reset()
	l.services.reset()
	l.entities.reset()
	l.amounts.reset()
	l.refs.reset()
	l.remarks.reset()
	l.mods.reset()
}

// add returns list with v appended.
func (s *slab[T]) add(list []T, v T) []T {
	list, p := s.grow(list)
	*p = v
	return list
}
