package x837p

import (
	"cmp"
	"errors"
	"io"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Version is the implementation guide the package reads and writes
// (GS08, ST03).
const Version = "005010X222A1"

// Options configures Encode. Partner, Date and ControlNumbers are
// required; the other fields have working zero values.
type Options struct {
	// Partner is the trading partner profile: submitter, receiver,
	// envelope IDs, usage indicator, telehealth policy. It must pass
	// Validate.
	Partner Partner
	// Date and Time stamp the ISA, GS and BHT: the encoder reads no clock.
	Date x12.Date
	Time x12.TimeOfDay
	// ControlNumbers hands out ISA13, GS06 and ST02 (a persistent ledger
	// in production, x12.NewSequence in tests).
	ControlNumbers x12.ControlNumbers
	// Reference is BHT03; empty means the ST02 of each set.
	Reference string
	// Purpose is BHT02: 00 original (the default) or 18 reissue.
	Purpose string
	// Delimiters are the separators to write; the zero value means
	// x12.DefaultDelimiters.
	Delimiters x12.Delimiters
	// Newline writes a line feed after each segment terminator.
	Newline bool
	// PreserveCase writes names and other text as given. By default
	// lower-case letters are written upper case, as most payers require.
	PreserveCase bool
}

// Result describes what Encode wrote: the control numbers and, for each
// transaction set, what every segment position holds, so that a 999 IK3
// (which gives a segment's position inside its set) can be mapped back to
// a claim and line.
type Result struct {
	InterchangeControlNumber string      `json:"interchange_control_number"`
	GroupControlNumber       string      `json:"group_control_number"`
	Sets                     []SetResult `json:"sets"`
}

// SetResult is one transaction set (ST..SE) that Encode wrote.
type SetResult struct {
	// ControlNumber is ST02.
	ControlNumber string `json:"control_number"`
	// ClaimIDs are the claims in the set, in the order written.
	ClaimIDs []string `json:"claim_ids"`

	refs  []segRef
	base  int // index of refs[0] in the encoder's map
	names *nameTable
}

// SegmentRef says what one segment of a written transaction set holds.
type SegmentRef struct {
	// Loop is the 837P loop ID ("2300", "2400"...); "" for ST, BHT and SE.
	Loop string `json:"loop,omitempty"`
	// Segment is the segment ID.
	Segment string `json:"segment"`
	// ClaimID is the claim the segment belongs to (Claim.ID, or the
	// patient control number when ID is empty); "" for the header and for
	// the billing provider, subscriber and patient loops, which several
	// claims share.
	ClaimID string `json:"claim_id,omitempty"`
	// Line is the 1-based service line number (LX01), 0 outside loop 2400.
	Line int `json:"line,omitempty"`
}

// Lookup finds the segment at position pos of the set with control
// number st02, as a 999 reports it (AK202, IK302).
func (r *Result) Lookup(st02 string, pos int) (SegmentRef, bool) {
	for i := range r.Sets {
		if r.Sets[i].ControlNumber == st02 {
			return r.Sets[i].Segment(pos)
		}
	}
	return SegmentRef{}, false
}

// Encode writes claims as one 837P interchange to w: one ISA/GS, and one
// ST..SE per billing provider (more when a provider has more claims than
// the partner's MaxClaimsPerSet). Inside a set, claims are grouped by
// subscriber (2000B) and, for dependents, by patient (2000C), in the order
// the claims first name them.
//
// Every claim is checked before anything is written; if one cannot be
// encoded the error lists each bad claim as a *ClaimError and w is left
// untouched. Amount and code-set checks are the rules package's job: the
// encoder writes CLM02 as the sum of the line charges.
func Encode(w io.Writer, cs []claims.Claim, o Options) (*Result, error) {
	items := make([]item, len(cs))
	for i := range cs {
		items[i] = item{c: &cs[i]}
	}
	return encode(w, items, &o)
}

// EncodeClaims is Encode for claims that carry 837P extras, such as the
// claims Decode returns: each Extra is written back in place (other payer
// loops, unmodelled segments, CLM and SV1 elements the model lacks).
func EncodeClaims(w io.Writer, cs []Claim, o Options) (*Result, error) {
	items := make([]item, len(cs))
	for i := range cs {
		items[i] = item{c: &cs[i].Claim}
		if !cs[i].Extra.IsZero() {
			items[i].x = &cs[i].Extra
		}
	}
	return encode(w, items, &o)
}

// maxClaimErrors is how many bad claims Encode lists before counting.
const maxClaimErrors = 10

type item struct {
	c *claims.Claim
	x *Extra
	k byte // byte classes of the claim's own values (checkClaimText)
}

func encode(out io.Writer, items []item, o *Options) (*Result, error) {
	if len(items) == 0 {
		return nil, ErrNoClaims
	}
	if err := o.Partner.Validate(); err != nil {
		return nil, err
	}
	if o.ControlNumbers == nil {
		return nil, errors.New("x837p: Options.ControlNumbers is required")
	}
	if !o.Date.Valid() {
		return nil, errors.New("x837p: Options.Date is required")
	}
	d := o.Delimiters
	if d == (x12.Delimiters{}) {
		d = x12.DefaultDelimiters
	}
	cls := classTable(d)
	var errs []error
	for i := range items {
		if m := items[i].c.MissingParty(); m != "" {
			errs = append(errs, &ClaimError{Index: i, ClaimID: items[i].c.PatientControlNumber, Err: ErrInvalidClaim, Msg: "no " + m})
		}
	}
	if len(errs) > 0 {
		return nil, joinClaimErrors(errs)
	}
	// Group first: claims of a billing provider or subscriber loop share
	// its values, which are then looked at once.
	order, ranks, groups := groupOrder(items)
	bills, subs := make([]textCheck, groups[0]), make([]textCheck, groups[1])
	lines := 0
	for i := range items {
		it := &items[i]
		b, s := &bills[ranks[i][0]], &subs[ranks[i][1]]
		if b.cls == nil {
			*b = checkBilling(cls, it.c)
		}
		if s.cls == nil {
			*s = checkSubscriber(cls, it.c)
		}
		t := checkClaimText(cls, it.c, it.x, *b, *s)
		it.k = t.k
		lines += len(it.c.Lines)
		if err := checkClaim(i, it.c, o.Partner.Telehealth); err != nil {
			errs = append(errs, err)
		} else if t.bad != "" {
			errs = append(errs, &ClaimError{Index: i, ClaimID: it.c.PatientControlNumber, Err: ErrInvalidClaim,
				Msg: "control character in the " + t.bad})
		}
	}
	if len(errs) > 0 {
		return nil, joinClaimErrors(errs)
	}
	e := &encoder{builder: newBuilder(x12.NewWriter(out, d), cls, !o.PreserveCase), o: o, buf: make([]byte, 0, 64), names: newNameTable()}
	e.w.Newline = o.Newline
	e.w.ControlNumbers = o.ControlNumbers
	e.ranks = ranks
	e.bills, e.subs = make([]byte, len(bills)), make([]byte, len(subs))
	for i := range bills {
		e.bills[i] = bills[i].k
	}
	for i := range subs {
		e.subs[i] = subs[i].k
	}
	p := &o.Partner
	hdr := textCheck{cls: cls}
	hdr.s("", p.Submitter.Name, p.Submitter.FirstName, p.Submitter.ID, p.Receiver.Name, p.Receiver.ID, o.Reference, o.Purpose, p.TransactionType)
	c := &p.Submitter.Contact
	hdr.s("", c.Name, c.Phone, c.Extension, c.Email, c.Fax)
	e.hdr = hdr.k
	e.bhtTime = o.Time.String()
	res := &Result{}
	ack := "0"
	if p.Envelope.AckRequested {
		ack = "1"
	}
	isa, err := e.w.BeginInterchange(x12.InterchangeHeader{
		SenderQualifier: p.Envelope.SenderQualifier, SenderID: p.Envelope.SenderID,
		ReceiverQualifier: p.Envelope.ReceiverQualifier, ReceiverID: p.Envelope.ReceiverID,
		Date: o.Date, Time: o.Time, Usage: p.Envelope.Usage, AckRequested: ack,
	})
	if err != nil {
		return nil, err
	}
	gs, err := e.w.BeginGroup(x12.GroupHeader{
		FunctionalID: "HC",
		SenderCode:   cmp.Or(p.Envelope.ApplicationSender, p.Envelope.SenderID),
		ReceiverCode: cmp.Or(p.Envelope.ApplicationReceiver, p.Envelope.ReceiverID),
		Date:         o.Date, Time: o.Time, Version: Version,
	})
	if err != nil {
		return nil, err
	}
	res.InterchangeControlNumber, res.GroupControlNumber = isa, gs

	// One run of sets per billing provider, in first-appearance order.
	// Each set is order[sets[k]:sets[k+1]].
	max := p.maxClaims()
	sets := []int{0}
	loops := 0 // subscriber and patient loops
	e.subUses = make([]int32, groups[1])
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && hi-lo < max && ranks[order[hi]][0] == ranks[order[lo]][0] {
			hi++
		}
		for k := lo; k < hi; k++ {
			sub := ranks[order[k]][1]
			if k == lo || sub != ranks[order[k-1]][1] {
				e.subUses[sub]++
				loops++
			} else if ranks[order[k]][2] != ranks[order[k-1]][2] {
				loops++
			}
		}
		sets = append(sets, hi)
		lo = hi
	}
	// Room to keep the header and every subscriber loop used more than
	// once, at a usual size.
	reused := 1
	for _, u := range e.subUses {
		if u > 1 {
			reused++
		}
	}
	e.kept, e.keptRefs = make([]byte, 0, 192*reused), make([]segRef, 0, 8*reused)
	// One segment map for the whole interchange, each set a window of it:
	// what most claims take (3 segments a line, 5 a claim, 8 a subscriber
	// or patient loop, 16 a set); more only grows it.
	e.refs = make([]segRef, 0, 3*lines+5*len(items)+8*loops+16*len(sets))
	res.Sets = make([]SetResult, 0, len(sets)-1)
	for k := 1; k < len(sets); k++ {
		set, err := e.writeSet(items, order[sets[k-1]:sets[k]])
		if err != nil {
			return nil, err
		}
		res.Sets = append(res.Sets, set)
	}
	e.flush()
	if err := e.w.Close(); err != nil {
		return nil, err
	}
	return res, nil
}

// sameProvider reports whether a and b are sent the same way: the batch
// ID and the qualification are not sent.
func sameProvider(a, b *claims.Provider) bool {
	if a == b {
		return true
	}
	return a.NPI == b.NPI && a.TaxID == b.TaxID && a.TaxIDQualifier == b.TaxIDQualifier &&
		a.Taxonomy == b.Taxonomy && a.Name == b.Name && a.Address == b.Address
}

// sameBilling reports whether two claims share a 2000A loop.
func sameBilling(a, b *claims.Claim) bool {
	if !sameProvider(a.BillingProvider, b.BillingProvider) || (a.PayTo == nil) != (b.PayTo == nil) {
		return false
	}
	return a.PayTo == nil || sameProvider(a.PayTo, b.PayTo)
}

// sameSubscriber reports whether two claims share a 2000B loop: the
// same coverage, and either both or neither for the subscriber as patient
// (SBR02 is 18 only in a loop of the subscriber's own claims).
func sameSubscriber(a, b *claims.Claim) bool {
	x, y := a.Coverage, b.Coverage
	if x == y {
		return true // PatientIsSubscriber depends on the coverage alone
	}
	return x.Priority == y.Priority && x.GroupNumber == y.GroupNumber && x.GroupName == y.GroupName &&
		x.InsuranceType == y.InsuranceType && x.Payer == y.Payer && x.Subscriber == y.Subscriber &&
		a.PatientIsSubscriber() == b.PatientIsSubscriber()
}

// samePatient reports whether two dependents' claims share a 2000C loop.
func samePatient(a, b *claims.Claim) bool {
	x, y := &a.Patient.Person, &b.Patient.Person
	return a.Coverage.Relationship == b.Coverage.Relationship && x.Name == y.Name && x.BirthDate == y.BirthDate &&
		x.Gender == y.Gender && x.Address == y.Address
}

// groupOrder returns the item indexes ordered by billing provider, then
// subscriber, then patient, each in first-appearance order; claims keep
// their input order inside a group. ranks[i] holds item i's billing,
// subscriber and patient ranks (patient 0 when the patient is the
// subscriber), and groups the number of each.
func groupOrder(items []item) (order []int32, ranks [][3]int32, groups [3]int) {
	n := len(items)
	ranks = make([][3]int32, n)
	bills := newRanker(0, sameBilling, func(c *claims.Claim) cheapKey {
		return cheapKey{c.BillingProvider.NPI, c.BillingProvider.TaxID}
	}, func(c *claims.Claim) [2]*claims.Provider { return [2]*claims.Provider{c.BillingProvider, c.PayTo} })
	subs := newRanker(n, sameSubscriber, func(c *claims.Claim) cheapKey {
		return cheapKey{c.Coverage.Payer.PayerID, c.Coverage.Subscriber.MemberID}
	}, func(c *claims.Claim) *claims.Coverage { return c.Coverage })
	pats := newRanker(0, samePatient, func(c *claims.Claim) cheapKey {
		return cheapKey{c.Patient.Name.Last, c.Patient.Name.First}
	}, func(c *claims.Claim) patientParty { return patientParty{c.Coverage, c.Patient} })
	for i := range items {
		c := items[i].c
		var pt int32
		if !c.PatientIsSubscriber() {
			pt = pats.rank(c) + 1
		}
		ranks[i] = [3]int32{bills.rank(c), subs.rank(c), pt}
	}
	return sortByRanks(ranks), ranks, [3]int{len(bills.reps), len(subs.reps), len(pats.reps)}
}

// patientParty is what a 2000C loop is written from.
type patientParty struct {
	cov *claims.Coverage
	pat *claims.Patient
}

// sortByRanks returns the indexes of ranks in the order of their billing,
// subscriber and patient ranks, keeping the input order among equals: a
// radix sort, one stable counting pass per rank (each rank is below
// len(ranks)+1).
func sortByRanks(ranks [][3]int32) []int32 {
	n := len(ranks)
	order, tmp := make([]int32, n), make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	count := make([]int32, n+2)
	for k := 2; k >= 0; k-- {
		clear(count)
		for _, i := range order {
			count[ranks[i][k]+1]++
		}
		if count[1] == int32(n) {
			continue // all 0: already in order
		}
		for r := 1; r < len(count); r++ {
			count[r] += count[r-1]
		}
		for _, i := range order {
			r := ranks[i][k]
			tmp[count[r]] = i
			count[r]++
		}
		order, tmp = tmp, order
	}
	return order
}

// cheapKey narrows the search for a claim's group; an equality function
// decides.
type cheapKey struct{ a, b string }

// ranker numbers groups of equal claims in first-appearance order.
//
// Claims that point at the same parties (P: the pointers a group is
// written from) are in the same group, which a map of pointers finds at
// once; claims with equal parties held apart are found through a cheap
// key and the equality function.
type ranker[P comparable] struct {
	same  func(a, b *claims.Claim) bool
	key   func(*claims.Claim) cheapKey
	ptrs  func(*claims.Claim) P
	byPtr map[P]int32        // the group of claims with these parties
	byKey map[cheapKey]int32 // first group with the key
	next  []int32            // next group with the same key, -1 at the end
	reps  []*claims.Claim    // the first claim of each group
	last  int32
	lastP P
}

func newRanker[P comparable](n int, same func(a, b *claims.Claim) bool, key func(*claims.Claim) cheapKey, ptrs func(*claims.Claim) P) *ranker[P] {
	return &ranker[P]{same: same, key: key, ptrs: ptrs, byPtr: make(map[P]int32, min(n, 1024)),
		byKey: make(map[cheapKey]int32, min(n, 1024)), last: -1}
}

func (r *ranker[P]) rank(c *claims.Claim) int32 {
	p := r.ptrs(c)
	if r.last >= 0 && p == r.lastP {
		return r.last
	}
	id, ok := r.byPtr[p]
	if !ok {
		id = r.byValue(c)
		r.byPtr[p] = id
	}
	r.last, r.lastP = id, p
	return id
}

// byValue finds or makes the group of c by comparing values.
func (r *ranker[P]) byValue(c *claims.Claim) int32 {
	if r.last >= 0 && r.same(r.reps[r.last], c) {
		return r.last
	}
	k := r.key(c)
	head, ok := r.byKey[k]
	if ok {
		for id := head; id >= 0; id = r.next[id] {
			if r.same(r.reps[id], c) {
				return id
			}
		}
	} else {
		head = -1
	}
	id := int32(len(r.reps))
	r.reps = append(r.reps, c)
	r.next = append(r.next, head)
	r.byKey[k] = id
	return id
}

type encoder struct {
	builder
	o     *Options
	buf   []byte
	refs  []segRef
	names *nameTable
	ranks [][3]int32 // billing, subscriber, patient rank of each item
	// byte classes of the values of each billing provider and subscriber
	// loop (by rank) and of the set header
	bills, subs []byte
	hdr         byte
	bhtTime     string // BHT05

	// the line charges of the claim being written, when chargesOK (every
	// one fits a fixedNum)
	charges   [claims.MaxLines]fixedNum
	chargesOK bool

	// context of the segments being written
	loop  uint16
	claim int32 // index of the claim in the set's ClaimIDs, -1 for shared loops
	line  int
	// raw segments that may be written back at the current place
	segs []RawSegment

	// Segments that several sets write the same, kept in kept and
	// keptRefs the first time and copied after: the submitter and
	// receiver loops (header), and the subscriber loops (SBR to the
	// payer's N4) of the subscriber ranks used more than once (subUses
	// counts the loops of each rank; subLoops by rank).
	header   keptLoop
	subUses  []int32
	subLoops []keptLoop
	kept     []byte
	keptRefs []segRef
}

// keptLoop locates a kept subscriber loop: kept[b0:b1], keptRefs[r0:r1].
type keptLoop struct {
	b0, b1, r0, r1 int32
}

// start begins a segment (id indexes knownNames) and records it in the
// set's segment map.
func (e *encoder) start(id uint16) {
	e.record(e.loop, id)
	e.begin(id)
}

// startHead is start with a head.
func (e *encoder) startHead(h head) {
	e.record(e.loop, heads[h].seg)
	e.beginHead(h)
}

// record adds segment seg of loop (name indexes) to the segment map, in
// the current claim and line.
func (e *encoder) record(loop, seg uint16) {
	var k uint8
	if loop < sST && seg < nKnown {
		k = e.names.kindOf[loop][seg]
	}
	if k == 0 {
		k = e.newKind(loop, seg)
	}
	e.refs = append(e.refs, segRef{claim: uint16(e.claim + 1), line: uint8(e.line), kind: k})
}

// newKind returns the kind of a segment kindOf has none for yet, keeping
// its names in wide when the kinds are full.
func (e *encoder) newKind(loop, seg uint16) uint8 {
	k := e.names.kind(loop, seg)
	if k == 0 {
		if e.names.wide == nil {
			e.names.wide = make(map[int][2]uint16)
		}
		e.names.wide[len(e.refs)] = [2]uint16{loop, seg}
	}
	return k
}

func appendUpper(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func (e *encoder) int(v int) {
	if v >= 0 && v < len(smallInts) {
		e.lit(smallInts[v])
		return
	}
	e.open()
	e.set(strconv.AppendInt(e.tail(20), int64(v), 10))
}

// amount adds an X12 R element.
func (e *encoder) amount(d decimal.Decimal) {
	e.open()
	at := e.n
	e.set(appendDecimal(e.tail(24), d))
	e.number(at)
}

// smallInts are the decimal forms of 0..99, to write HL and LX numbers
// and diagnosis pointers without allocating.
var smallInts = func() (t [100]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return
}()

// raw writes back the raw segments of loop that followed the modelled
// segment after.
func (e *encoder) raw(loop, after string) {
	if len(e.segs) > 0 {
		e.writeRaw(loop, after)
	}
}

// writeRaw writes raw segments through the Writer's element calls, which
// check their segment IDs too.
func (e *encoder) writeRaw(loop, after string) {
	for i := range e.segs {
		r := &e.segs[i]
		if r.Loop != loop || r.After != after {
			continue
		}
		e.record(e.names.intern(loop), e.names.intern(r.ID))
		e.flush()
		e.w.StartSegment(r.ID)
		for _, el := range r.Elements {
			if len(el) == 1 {
				if e.text&clsLower != 0 {
					e.buf = appendUpper(e.buf[:0], el[0])
					e.w.ElementBytes(e.buf)
				} else {
					e.w.Element(el[0])
				}
				continue
			}
			if e.text&clsLower != 0 {
				up := make([]string, len(el))
				for j, c := range el {
					up[j] = string(appendUpper(nil, c))
				}
				el = up
			}
			e.w.Components(el...)
		}
		e.w.EndSegment()
	}
}

// Loops the model does not hold, written back from raw segments after the
// modelled loops they follow.
var (
	loops2310DF = []string{"2310D", "2310E", "2310F"}
	loops2320   = []string{"2320", "2330A", "2330B", "2330C", "2330D", "2330E", "2330F", "2330G"}
	loops2420   = []string{"2420A", "2420B", "2420C", "2420D", "2420E", "2420F", "2420G", "2420H", "2430", "2440"}
)

// rawLoops writes back whole loops the model does not hold.
func (e *encoder) rawLoops(loops ...string) {
	if len(e.segs) == 0 {
		return
	}
	for _, l := range loops {
		e.writeRaw(l, "")
	}
}

func (e *encoder) writeSet(items []item, idx []int32) (SetResult, error) {
	o := e.o
	p := &o.Partner
	firstRef := len(e.refs)
	e.loop, e.claim, e.line, e.segs = nNone, -1, 0, nil
	e.record(nNone, sST)
	st, err := e.w.BeginSet("837", Version)
	if err != nil {
		return SetResult{}, err
	}
	set := SetResult{ControlNumber: st, ClaimIDs: make([]string, 0, len(idx)), names: e.names}
	e.clean = e.hdr&e.text == 0

	// BHT
	e.start(sBHT)
	e.lit("0019")
	e.code(cmp.Or(o.Purpose, "00"))
	e.el(cmp.Or(o.Reference, st))
	e.open()
	e.d8(o.Date)
	e.code(e.bhtTime)
	e.code(cmp.Or(p.TransactionType, "CH"))
	e.end()

	// 1000A submitter, 1000B receiver: the same in every set, so built
	// once and copied (unless a value holds a delimiter or a control
	// character, which go through the Writer's element calls)
	if e.header.r1 > e.header.r0 {
		e.copyLoop(e.header)
	} else {
		e.writeHeader(p)
	}

	// 2000A billing provider
	first := items[idx[0]]
	e.clean = e.bills[e.ranks[idx[0]][0]]&e.text == 0 && first.x == nil
	e.segs = nil
	if first.x != nil {
		e.segs = first.x.Segments
	}
	hl := 1
	e.loop = l2000A
	e.hl(1, 0, "20", true)
	e.raw("2000A", "HL")
	bp := first.c.BillingProvider
	if bp.Taxonomy != "" {
		e.start(sPRV)
		e.lit("BI")
		e.lit("PXC")
		e.el(bp.Taxonomy)
		e.end()
		e.raw("2000A", "PRV")
	}
	e.loop = l2010AA
	e.nm1("85", &bp.Name, "", "XX", bp.NPI)
	e.raw("2010AA", "NM1")
	e.address("2010AA", &bp.Address)
	if bp.TaxID != "" {
		q := cmp.Or(string(bp.TaxIDQualifier), string(claims.TaxIDEIN))
		e.start(sREF)
		e.code(q)
		e.el(bp.TaxID)
		e.end()
		if len(e.segs) > 0 {
			e.raw("2010AA", "REF*"+q)
		}
	}
	if pt := first.c.PayTo; pt != nil {
		e.loop = l2010AB
		e.start(sNM1)
		e.lit("87")
		switch {
		case first.x != nil && first.x.PayToEntity != "":
			e.code(first.x.PayToEntity)
		case pt.Name.IsOrganization() || (pt.Name == claims.Name{} && bp.Name.IsOrganization()):
			e.lit("2")
		default:
			e.lit("1")
		}
		e.end()
		e.raw("2010AB", "NM1")
		e.address("2010AB", &pt.Address)
	}
	e.rawLoops("2010AC")

	// 2000B subscribers, 2000C patients, 2300 claims
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && e.ranks[idx[hi]][1] == e.ranks[idx[lo]][1] {
			hi++
		}
		// A patient rank of 0 is a claim of the subscriber's own
		// (PatientIsSubscriber), which sort before dependents.
		hasChildren := e.ranks[idx[hi-1]][2] != 0
		hl++
		subHL := hl
		e.writeSubscriber(items[idx[lo]], e.ranks[idx[lo]][1], subHL, hasChildren)
		for k := lo; k < hi; {
			it := items[idx[k]]
			if e.ranks[idx[k]][2] == 0 {
				e.writeClaim(it, &set)
				k++
				continue
			}
			pk := e.ranks[idx[k]][2]
			hl++
			e.writePatient(it, hl, subHL)
			for ; k < hi && e.ranks[idx[k]][2] == pk; k++ {
				e.writeClaim(items[idx[k]], &set)
			}
		}
		lo = hi
	}
	e.loop, e.claim, e.line = nNone, -1, 0
	e.record(nNone, sSE)
	e.flush()
	if err := e.w.EndSet(); err != nil {
		return SetResult{}, err
	}
	set.refs, set.base = e.refs[firstRef:len(e.refs):len(e.refs)], firstRef
	return set, nil
}

// writeHeader writes loops 1000A and 1000B, and keeps them for the next
// sets.
func (e *encoder) writeHeader(p *Partner) {
	keep := e.hdr&clsBad == 0
	at, r0 := e.n, len(e.refs)
	e.hold = keep
	e.loop = l1000A
	e.start(sNM1)
	e.lit("41")
	if p.Submitter.Individual {
		e.lit("1")
	} else {
		e.lit("2")
	}
	e.el(p.Submitter.Name)
	e.el(p.Submitter.FirstName)
	e.skip()
	e.skip()
	e.skip()
	e.lit("46")
	e.el(p.Submitter.ID)
	e.end()
	e.per(&p.Submitter.Contact)
	e.loop = l1000B
	e.start(sNM1)
	e.lit("40")
	e.lit("2")
	e.el(p.Receiver.Name)
	e.skip()
	e.skip()
	e.skip()
	e.skip()
	e.lit("46")
	e.el(p.Receiver.ID)
	e.end()
	if keep {
		e.keep(&e.header, at, r0)
	}
}

func (e *encoder) hl(id, parent int, level string, children bool) {
	e.start(sHL)
	e.int(id)
	if parent > 0 {
		e.int(parent)
	} else {
		e.skip()
	}
	e.lit(level)
	if children {
		e.lit("1")
	} else {
		e.lit("0")
	}
	e.end()
}

// per writes a PER*IC contact.
func (e *encoder) per(c *Contact) {
	if c.IsZero() {
		return
	}
	var nums [8]string
	n := c.numbers(&nums)
	e.start(sPER)
	e.lit("IC")
	e.el(c.Name)
	for _, v := range nums[:n] {
		e.el(v)
	}
	e.end()
}

// nm1 writes NM1 for a person or organization with an optional ID.
func (e *encoder) nm1(entity string, n *claims.Name, forceType, idQual, id string) {
	e.start(sNM1)
	e.lit(entity)
	switch {
	case forceType != "":
		e.lit(forceType)
	case n.IsOrganization():
		e.lit("2")
	default:
		e.lit("1")
	}
	if n.IsOrganization() {
		e.el(n.Organization)
		e.skip()
		e.skip()
		e.skip()
		e.skip()
	} else {
		e.el(n.Last)
		e.el(n.First)
		e.el(n.Middle)
		e.skip()
		e.el(n.Suffix)
	}
	if id != "" {
		e.code(idQual)
		e.el(id)
	}
	e.end()
}

// address writes N3 and N4 when a is set.
func (e *encoder) address(loop string, a *claims.Address) {
	if a.Line1 != "" || a.Line2 != "" {
		e.start(sN3)
		e.el(a.Line1)
		e.el(a.Line2)
		e.end()
		e.raw(loop, "N3")
	}
	if a.City != "" || a.State != "" || a.PostalCode != "" || a.Country != "" {
		e.start(sN4)
		e.el(a.City)
		e.el(a.State)
		e.el(a.PostalCode)
		e.el(a.Country)
		e.end()
		e.raw(loop, "N4")
	}
}

func (e *encoder) dmg(p *claims.Person) {
	if p.BirthDate.IsZero() {
		return
	}
	e.startHead(hDMG)
	e.open()
	e.d8(p.BirthDate)
	e.code(cmp.Or(string(p.Gender), string(claims.GenderUnknown)))
	e.end()
}

// setClaimContext sets the raw segments of it and whether values of
// class k are written as they are.
func (e *encoder) setClaimContext(it item, k byte) {
	if it.x != nil {
		e.segs = it.x.Segments
	} else if e.segs != nil {
		e.segs = nil
	}
	e.clean = k&e.text == 0 && it.x == nil
}

func (e *encoder) writeSubscriber(it item, rank int32, id int, children bool) {
	c := it.c
	e.claim, e.line = -1, 0
	e.setClaimContext(it, e.subs[rank])
	e.loop = l2000B
	e.hl(id, 1, "22", children)
	e.raw("2000B", "HL")
	// The rest of the loop is the same in every set for claims without
	// raw segments, and kept when it holds no delimiter or control
	// character (which go through the Writer's element calls).
	plain := it.x == nil
	if plain && e.subLoops != nil {
		if l := e.subLoops[rank]; l.r1 > l.r0 {
			e.copyLoop(l)
			e.loop = l2010BB
			return
		}
	}
	keep := plain && e.subUses[rank] > 1 && e.subs[rank]&clsBad == 0
	at, r0 := e.n, len(e.refs)
	e.hold = keep
	cov := c.Coverage
	e.start(sSBR)
	e.code(cmp.Or(string(cov.Priority), string(claims.Primary)))
	if cov.Relationship.IsSelf() { // PatientIsSubscriber
		e.lit(string(claims.RelSelf))
	} else {
		e.skip()
	}
	e.el(cov.GroupNumber)
	e.el(cov.GroupName)
	e.code(cov.InsuranceType)
	e.skip()
	e.skip()
	e.skip()
	e.code(string(cov.Payer.ClaimFilingIndicator))
	e.end()
	e.raw("2000B", "SBR")
	e.loop = l2010BA
	sub := &cov.Subscriber
	e.nm1("IL", &sub.Name, "", "MI", sub.MemberID)
	e.raw("2010BA", "NM1")
	e.address("2010BA", &sub.Address)
	e.dmg(sub)
	e.raw("2010BA", "DMG")
	e.loop = l2010BB
	payerQual := "PI"
	if it.x != nil && it.x.PayerIDQualifier != "" {
		payerQual = it.x.PayerIDQualifier
	}
	e.nm1("PR", &claims.Name{Organization: cov.Payer.Name}, "2", payerQual, cov.Payer.PayerID)
	e.raw("2010BB", "NM1")
	e.address("2010BB", &cov.Payer.Address)
	if keep {
		if e.subLoops == nil {
			e.subLoops = make([]keptLoop, len(e.subUses))
		}
		e.keep(&e.subLoops[rank], at, r0)
	}
}

// keep keeps in l the segments built since buf[at] and refs[r0], and
// writes what is built if there is enough.
func (e *encoder) keep(l *keptLoop, at, r0 int) {
	e.hold = false
	if e.w.Err() != nil {
		return // a segment was refused, and nothing more will be written
	}
	*l = keptLoop{b0: int32(len(e.kept)), r0: int32(len(e.keptRefs))}
	e.kept = append(e.kept, e.builder.buf[at:e.n]...)
	e.keptRefs = append(e.keptRefs, e.refs[r0:]...)
	l.b1, l.r1 = int32(len(e.kept)), int32(len(e.keptRefs))
	if e.n >= batchSize {
		e.flush()
	}
}

// copyLoop writes kept segments again.
func (e *encoder) copyLoop(l keptLoop) {
	b := e.kept[l.b0:l.b1]
	e.room(len(b))
	e.n += copy(e.builder.buf[e.n:], b)
	e.builder.segs += int(l.r1 - l.r0)
	e.refs = append(e.refs, e.keptRefs[l.r0:l.r1]...)
	if e.n >= batchSize {
		e.flush()
	}
}

func (e *encoder) writePatient(it item, id, parent int) {
	c := it.c
	e.claim, e.line = -1, 0
	e.setClaimContext(it, it.k)
	e.loop = l2000C
	e.hl(id, parent, "23", false)
	e.raw("2000C", "HL")
	e.start(sPAT)
	e.code(string(c.Coverage.Relationship))
	e.end()
	e.raw("2000C", "PAT")
	e.loop = l2010CA
	e.nm1("QC", &c.Patient.Name, "1", "", "")
	e.raw("2010CA", "NM1")
	e.address("2010CA", &c.Patient.Address)
	e.dmg(&c.Patient.Person)
	e.raw("2010CA", "DMG")
}

// ref writes a REF with head h when v is set.
func (e *encoder) ref(loop string, h head, v string) {
	if v == "" {
		return
	}
	e.startHead(h)
	e.el(v)
	e.end()
	e.raw(loop, heads[h].text)
}

// note writes NTE*ADD when text is set.
func (e *encoder) note(loop, text string) {
	if text == "" {
		return
	}
	e.startHead(hNTE)
	e.el(text)
	e.end()
	e.raw(loop, "NTE")
}

func (e *encoder) writeClaim(it item, set *SetResult) {
	c, x := it.c, it.x
	e.setClaimContext(it, it.k)
	e.claim = int32(len(set.ClaimIDs))
	set.ClaimIDs = append(set.ClaimIDs, cmp.Or(c.ID, c.PatientControlNumber))
	e.line = 0
	e.loop = l2300
	e.start(sCLM)
	e.el(c.PatientControlNumber)
	e.open()
	at := e.n
	var ok bool
	var v int64
	var scale int32
	if len(c.Lines) <= len(e.charges) {
		v, scale, ok = totalFixed(c, e.charges[:len(c.Lines)])
	}
	e.chargesOK = ok
	if ok {
		e.set(appendFixed(e.tail(24), v, int(-scale)))
	} else {
		e.set(x12.AppendDecimal(e.tail(24), c.Total()))
	}
	e.number(at)
	e.skip()
	e.skip()
	e.comp(string(c.PlaceOfService), "B", c.Frequency.Code())
	e.code(claims.ClaimCode(c.ProviderSignature, "Y"))
	e.code(claims.ClaimCode(c.Assignment, "A"))
	e.code(claims.ClaimCode(c.BenefitsAssignment, "Y"))
	e.code(claims.ClaimCode(c.ReleaseOfInformation, "Y"))
	if x != nil {
		e.components(x.ClaimInfo)
	}
	e.end()
	e.raw("2300", "CLM")
	e.ref("2300", hREFG1, c.PriorAuthorization)
	e.ref("2300", hREFF8, c.OriginalReference)
	e.ref("2300", hREFEA, c.Patient.MRN)
	e.note("2300", c.Note)
	e.hi(c, x)
	e.raw("2300", "HI")
	if x != nil && x.Referring != nil {
		e.loop = l2310A
		e.nm1("DN", &x.Referring.Name, "", "XX", x.Referring.NPI)
		e.raw("2310A", "NM1")
	}
	e.rawLoops("2310A")
	if r := c.Rendering; r != nil && !sameProvider(r, c.BillingProvider) {
		e.loop = l2310B
		e.nm1("82", &r.Name, "", "XX", r.NPI)
		e.raw("2310B", "NM1")
		e.prv("2310B", r.Taxonomy)
	}
	if f := c.ServiceFacility; f != nil {
		e.loop = l2310C
		e.nm1("77", &claims.Name{Organization: f.Name}, "2", "XX", f.NPI)
		e.raw("2310C", "NM1")
		e.address("2310C", &f.Address)
	}
	e.rawLoops(loops2310DF...)
	if x != nil {
		for i := range x.OtherPayers {
			saved := e.segs
			e.segs = x.OtherPayers[i].Segments
			e.rawLoops(loops2320...)
			e.segs = saved
		}
	}
	for i := range c.Lines {
		var lx *LineExtra
		if x != nil && i < len(x.Lines) {
			lx = &x.Lines[i]
		}
		e.writeLine(c, i, lx)
	}
}

// components writes elements given as components (raw CLM/SV1 tails).
func (e *encoder) components(els [][]string) {
	for _, el := range els {
		if len(el) == 1 {
			e.el(el[0])
		} else {
			e.comp(el...)
		}
	}
}

func (e *encoder) prv(loop, taxonomy string) {
	if taxonomy == "" {
		return
	}
	e.startHead(hPRVPE)
	e.el(taxonomy)
	e.end()
	e.raw(loop, "PRV")
}

func (e *encoder) hi(c *claims.Claim, x *Extra) {
	principal, other := "ABK", "ABF"
	if x != nil && x.DiagnosisCodeList != "" {
		principal = x.DiagnosisCodeList
		other = cmp.Or(otherList[principal], principal)
	}
	e.start(sHI)
	for i, d := range c.Diagnoses {
		q := other
		if i == 0 {
			q = principal
		}
		e.open()
		e.put(q, clsBad, 1)
		e.char(e.d.Component)
		e.put(d, clsBad, 2)
	}
	e.end()
}

// otherList maps a principal diagnosis code list to the one of the other
// diagnoses.
var otherList = map[string]string{"ABK": "ABF", "BK": "BF"}

func (e *encoder) writeLine(c *claims.Claim, i int, lx *LineExtra) {
	l := &c.Lines[i]
	e.line = i + 1
	e.loop = l2400
	// The line's raw segments, if any, in place of the claim's: the
	// stores are skipped when both are nil (the garbage collector's write
	// barrier makes each cost).
	saved := e.segs
	var segs []RawSegment
	if lx != nil {
		segs = lx.Segments
	}
	swap := segs != nil || saved != nil
	if swap {
		e.segs = segs
	}
	e.start(sLX)
	e.int(i + 1)
	e.end()
	e.raw("2400", "LX")

	mods := &l.Procedure.Modifiers
	n := mods.Len()
	add := ""
	if n < claims.MaxModifiers {
		add = addedModifier(c, l, e.o.Partner.Telehealth)
	}
	if lx != nil && lx.Description != "" {
		// SV101-7 after empty modifier components.
		e.start(sSV1)
		var parts [1 + claims.MaxModifiers + 2]string
		parts[0], parts[1], parts[len(parts)-1] = "HC", l.Procedure.Code, lx.Description
		copy(parts[2:], mods[:n])
		if add != "" {
			parts[2+n] = add
		}
		e.comp(parts[:]...)
	} else {
		// checkClaim has made sure there is a procedure code.
		e.startHead(hSV1)
		e.char(e.d.Component)
		e.put(l.Procedure.Code, clsBad, 2)
		for k := range n {
			e.char(e.d.Component)
			e.put(mods[k], clsBad, 3+k)
		}
		if add != "" {
			e.char(e.d.Component)
			e.put(add, clsBad, 3+n)
		}
	}
	if e.chargesOK {
		// Read by totalFixed for CLM02.
		e.open()
		at := e.n
		e.set(appendFixed(e.tail(24), e.charges[i].v, int(-e.charges[i].exp)))
		e.number(at)
	} else {
		e.amount(l.Charge)
	}
	e.code(l.UnitType.Code())
	e.amount(l.Units)
	if l.PlaceOfService != "" && l.PlaceOfService != c.PlaceOfService {
		e.code(string(l.PlaceOfService))
	} else {
		e.skip()
	}
	e.skip()
	// checkClaim has made sure there are 1 to 4 pointers of 1 to 12.
	e.open()
	for k, p := range l.DiagnosisPointers {
		if k > 0 {
			e.char(e.d.Component)
		}
		e.str(smallInts[p])
	}
	if lx != nil {
		e.components(lx.ServiceInfo)
	}
	e.end()
	e.raw("2400", "SV1")

	if (l.Service.To.IsZero() || l.Service.To == l.Service.From) && (lx == nil || !lx.RangeDate) {
		e.startHead(hDTPD8)
		e.open()
		e.d8(l.Service.From)
	} else {
		e.startHead(hDTPRD8)
		e.open()
		at := e.n
		e.d8(l.Service.From)
		e.char('-')
		e.d8(cmp.Or(l.Service.To, l.Service.From))
		e.number(at)
	}
	e.end()
	e.raw("2400", "DTP")
	e.ref("2400", hREF6R, l.ControlNumber)
	e.note("2400", l.Note)
	e.rawLoops("2410")
	if r := l.Rendering; r != nil {
		e.loop = l2420A
		e.nm1("82", &r.Name, "", "XX", r.NPI)
		e.raw("2420A", "NM1")
		e.prv("2420A", r.Taxonomy)
	}
	e.rawLoops(loops2420...)
	if swap {
		e.segs = saved
	}
}

// addedModifier returns the telehealth modifier the partner's policy adds
// to the line's modifiers, or "". checkClaim has made sure there is room.
func addedModifier(c *claims.Claim, l *claims.ClaimLine, policy TelehealthPolicy) string {
	if l.Telecare == "" {
		return ""
	}
	want := telehealthModifier(l.Telecare)
	if want == "" || l.Procedure.Modifiers.Has(want) || !addsTelehealth(policy, cmp.Or(l.PlaceOfService, c.PlaceOfService)) {
		return ""
	}
	return want
}

// addsTelehealth reports whether the policy adds 95/93 on a line whose
// place of service is pos.
func addsTelehealth(policy TelehealthPolicy, pos claims.PlaceOfService) bool {
	switch policy {
	case TelehealthNever:
		return false
	case TelehealthAlways:
		return true
	}
	return pos.IsTelehealth()
}

func telehealthModifier(t claims.Telecare) string {
	switch t {
	case claims.TelecareVideo:
		return "95"
	case claims.TelecareAudio:
		return "93"
	}
	return ""
}

// checkClaim reports what makes a claim impossible to write as an 837P.
func checkClaim(i int, c *claims.Claim, policy TelehealthPolicy) error {
	fail := func(line int, err error, msg string) error {
		return &ClaimError{Index: i, ClaimID: c.PatientControlNumber, Line: line, Err: err, Msg: msg}
	}
	switch {
	case c.PatientControlNumber == "":
		return fail(0, ErrInvalidClaim, "no patient control number (CLM01)")
	case len(c.Lines) == 0:
		return fail(0, ErrInvalidClaim, "no service lines")
	case len(c.Lines) > claims.MaxLines:
		return fail(0, ErrInvalidClaim, "has "+itoa(len(c.Lines))+" service lines, at most 50")
	case len(c.Diagnoses) == 0:
		return fail(0, ErrInvalidClaim, "no diagnosis (HI)")
	case len(c.Diagnoses) > claims.MaxDiagnoses:
		return fail(0, ErrInvalidClaim, "has "+itoa(len(c.Diagnoses))+" diagnoses, at most 12")
	case c.PlaceOfService == "":
		return fail(0, ErrInvalidClaim, "no place of service (CLM05-1)")
	}
	switch c.Frequency.Code() {
	case string(claims.FrequencyReplacement), string(claims.FrequencyVoid):
		if c.OriginalReference == "" {
			return fail(0, ErrInvalidClaim, "frequency "+c.Frequency.Code()+" needs the original's payer claim control number (REF*F8)")
		}
	default:
		if c.OriginalReference != "" {
			return fail(0, ErrInvalidClaim, "an original claim (frequency "+c.Frequency.Code()+") carries no REF*F8")
		}
	}
	for _, d := range c.Diagnoses {
		if d == "" {
			return fail(0, ErrInvalidClaim, "empty diagnosis code")
		}
	}
	for j := range c.Lines {
		l := &c.Lines[j]
		if l.Procedure.Code == "" {
			return fail(j+1, ErrInvalidClaim, "no procedure code")
		}
		if l.Service.From.IsZero() {
			return fail(j+1, ErrInvalidClaim, "no date of service")
		}
		if !l.Service.To.IsZero() && l.Service.To.Before(l.Service.From) {
			return fail(j+1, ErrInvalidClaim, "service period ends before it starts")
		}
		if n := len(l.DiagnosisPointers); n == 0 || n > claims.MaxPointers {
			return fail(j+1, ErrInvalidClaim, "needs 1 to 4 diagnosis pointers")
		}
		for k, p := range l.DiagnosisPointers {
			if p < 1 || p > len(c.Diagnoses) {
				return fail(j+1, ErrInvalidClaim, "diagnosis pointer "+itoa(p)+" is not 1 to "+itoa(len(c.Diagnoses)))
			}
			if slices.Contains(l.DiagnosisPointers[:k], p) {
				return fail(j+1, ErrInvalidClaim, "diagnosis pointer "+itoa(p)+" is repeated")
			}
		}
		mods := l.Procedure.Modifiers
		switch l.Telecare {
		case claims.TelecareAsync:
			if mods.Has("95") || mods.Has("93") {
				return fail(j+1, ErrTelehealth, "an asynchronous service never carries 95 or 93")
			}
		case claims.TelecareVideo:
			if mods.Has("93") {
				return fail(j+1, ErrTelehealth, "a video service carries the audio-only modifier 93")
			}
		case claims.TelecareAudio:
			if mods.Has("95") {
				return fail(j+1, ErrTelehealth, "an audio-only service carries the video modifier 95")
			}
		}
		if want := telehealthModifier(l.Telecare); want != "" && !mods.Has(want) && mods.Len() == claims.MaxModifiers &&
			addsTelehealth(policy, cmp.Or(l.PlaceOfService, c.PlaceOfService)) {
			return fail(j+1, ErrTelehealth, "four modifiers already, no room for "+want)
		}
	}
	return nil
}

// joinClaimErrors joins the first maxClaimErrors errors and counts the rest.
func joinClaimErrors(errs []error) error {
	if len(errs) > maxClaimErrors {
		n := len(errs) - maxClaimErrors
		errs = append(errs[:maxClaimErrors], errors.New("x837p: and "+itoa(n)+" more claims that cannot be encoded"))
	}
	return errors.Join(errs...)
}

func itoa(v int) string { return strconv.Itoa(v) }
