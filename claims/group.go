package claims

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// ErrDuplicatePCN: two claims got the same patient control number, or a
// generator returned an empty or too long one.
var ErrDuplicatePCN = errors.New("claims: bad or duplicate patient control number")

// PCNGenerator makes the patient control number (CLM01) of a new claim.
// It is called once per claim, in the order of GroupResult.Claims, after
// the claim's lines are complete. It must return distinct numbers for
// distinct claims.
type PCNGenerator interface {
	PatientControlNumber(c *Claim) (string, error)
}

// HashPCN is the default PCNGenerator: Prefix followed by 13 characters
// (Crockford base 32) of a 64-bit FNV-1a hash of the claim's charge item
// IDs in line order. The same charge items always give the same number,
// whatever their order in the input; different claims collide with
// probability below 1e-7 for a million claims, and Group reports a
// collision as an error rather than sending it.
type HashPCN struct {
	Prefix string
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// PatientControlNumber implements PCNGenerator.
func (h HashPCN) PatientControlNumber(c *Claim) (string, error) {
	const offset, prime = 14695981039346656037, 1099511628211
	var x uint64 = offset
	for i := range c.Lines {
		for _, id := range c.Lines[i].ChargeItemIDs {
			for j := 0; j < len(id); j++ {
				x ^= uint64(id[j])
				x *= prime
			}
			x ^= 0xff // separator: "ab","c" differs from "a","bc"
			x *= prime
		}
	}
	b := make([]byte, len(h.Prefix)+13)
	copy(b, h.Prefix)
	for i := len(b) - 1; i >= len(h.Prefix); i-- {
		b[i] = crockford[x&31]
		x >>= 5
	}
	return string(b), nil
}

// GroupOptions configures Group. The zero value works: at most 50 lines
// and 12 diagnoses per claim, HashPCN numbers of at most 17 characters.
type GroupOptions struct {
	// MaxLines and MaxDiagnoses lower the per-claim limits; values outside
	// 1..50 and 1..12 mean the 837P limits.
	MaxLines     int
	MaxDiagnoses int
	// PCN makes patient control numbers; nil means HashPCN{}.
	PCN PCNGenerator
	// MaxPCNLength is the longest patient control number accepted from
	// PCN; 0 means 17.
	MaxPCNLength int
}

// GroupResult is what Group made.
type GroupResult struct {
	// Claims are ordered by patient, coverage, billing provider, rendering
	// provider, service facility, authorization and place of service IDs,
	// then by date of service.
	Claims []Claim
	// Grouped is the number of charge items now on claim lines; Skipped
	// the number left alone because they were not ReadyToBill.
	Grouped, Skipped int
}

// claimKey is what the lines of one claim share. References are batch
// indexes (-1 for none); the authorization number and place of service
// are those of item, the first charge item of the claim group, so that the
// key holds no pointers for the garbage collector to scan.
type claimKey struct {
	patient, coverage, billing, rendering, facility int32
	item                                            int32
}

// groupHash hashes part of the claim key: the patient, coverage and place
// of service. That is enough to spread the groups (a patient has few
// claims a month), and sameClaimRefs compares the whole key.
func (it *ChargeItem) groupHash() uint64 {
	h := maphash.String(idSeed, it.PatientID)
	h = mix64(h ^ maphash.String(idSeed, it.CoverageID))
	return mix64(h ^ maphash.String(idSeed, string(it.PlaceOfService)))
}

// sameClaimRefs reports whether a and c spell the same claim key.
func sameClaimRefs(a, c *ChargeItem) bool {
	return a.PatientID == c.PatientID && a.CoverageID == c.CoverageID && a.BillingProviderID == c.BillingProviderID &&
		a.RenderingProviderID == c.RenderingProviderID && a.ServiceFacilityID == c.ServiceFacilityID &&
		a.AuthorizationNumber == c.AuthorizationNumber && a.PlaceOfService == c.PlaceOfService
}

// lineKey is what the charge items of one line share, inside a claim
// group. proc indexes the interned procedures; minutes marks MJ units.
type lineKey struct {
	group      int32
	start, end int32 // packed dates
	proc       int32
	minutes    bool
}

type groupAcc struct {
	key   claimKey
	head  int32 // first line in the group's list
	lines int32
}

// lineAcc is a line being built. It holds no pointers, so that the
// garbage collector never scans the accumulators: a line of one item takes
// its charge and units from the item, and a line that merges items keeps
// the sums in Group's sums slice.
type lineAcc struct {
	key   lineKey
	head  int32 // first item in the line's list
	next  int32 // next line of the same group
	items int32
	sum   int32 // index in sums once a second item joins
}

type lineSum struct{ charge, units decimal.Decimal }

// lineDiagnoses returns the first four distinct diagnoses of the items:
// the only item's own list when that is enough, else a copy in buf.
func lineDiagnoses(b *Batch, items []int32, buf *[MaxPointers]string) []string {
	if len(items) == 1 {
		ds := b.Items[items[0]].Diagnoses
		if len(ds) > MaxPointers {
			ds = ds[:MaxPointers]
		}
		if distinct(ds) {
			return ds
		}
	}
	n := 0
	for _, i := range items {
		for _, d := range b.Items[i].Diagnoses {
			if n < MaxPointers && !slices.Contains(buf[:n], d) {
				buf[n] = d
				n++
			}
		}
	}
	return buf[:n:n]
}

func distinct(ds []string) bool {
	for i := 1; i < len(ds); i++ {
		if slices.Contains(ds[:i], ds[i]) {
			return false
		}
	}
	return true
}

// sortKey orders claim groups: prefix is idPrefix of the patient ID.
type sortKey struct {
	prefix uint64
	g      int32
}

// idPrefix returns the first eight bytes of id as a big-endian number,
// zero-padded: if a sorts before b, idPrefix(a) <= idPrefix(b).
func idPrefix(id string) uint64 {
	var p uint64
	for k := 0; k < 8; k++ {
		p <<= 8
		if k < len(id) {
			p |= uint64(id[k])
		}
	}
	return p
}

type chunk struct {
	group  int32
	lo, hi int32 // range of lineOrder
}

func packDate(d x12.Date) int32 { return int32(d.Year*10000 + int(d.Month)*100 + d.Day) }

func unpackDate(v int32) x12.Date {
	return x12.NewDate(int(v/10000), timeMonth(v/100%100), int(v%100))
}

// Group turns the batch's ReadyToBill charge items into claims, following
// the rules of the house:
//
//   - items with the same patient, start date, end date, procedure code and
//     modifiers, authorization number, place of service and rendering
//     provider (and the same claim, below) become one line: units and
//     charges add up;
//   - lines with the same patient, coverage (payer), billing provider,
//     authorization number, rendering provider, place of service and
//     service facility go on one claim;
//   - a claim holds at most 50 lines and 12 diagnoses: lines are taken in
//     date-of-service order and a new claim starts when the next line does
//     not fit;
//   - a line points at its first four distinct diagnoses, in the order of
//     its charge items (sorted by ID) and their diagnosis lists.
//
// The result does not depend on the order of the items. Grouped items
// become ClaimLineCreated with ClaimID and LineNumber set. The claims
// point at the batch's parties (Claim says so): they are not copied. If any
// ReadyToBill item is invalid or refers to an unknown party, Group returns
// an ItemErrors listing every such item and changes nothing.
func Group(b *Batch, opt GroupOptions) (*GroupResult, error) {
	maxLines := limit(opt.MaxLines, MaxLines)
	maxDiag := limit(opt.MaxDiagnoses, MaxDiagnoses)
	maxPCN := opt.MaxPCNLength
	if maxPCN <= 0 {
		maxPCN = DefaultPCNLength
	}
	gen := opt.PCN
	if gen == nil {
		gen = HashPCN{}
	}

	n := len(b.Items)
	res := &GroupResult{}
	var errs ItemErrors
	sc := getScratch()
	defer sc.put()
	r := &sc.refs
	r.fill(b)
	seen, groupOf, lineOf := sc.table(0, n), sc.table(1, n), sc.table(2, n)
	groups := reuse(sc.groups, n/2+16) // a practice has about one claim per three items
	lines := reuse(sc.lines, n)
	nextItem := reuse(sc.nextItem, n)[:n]
	procOf := sc.table(3, 64) // grows with procs
	procs, sums := sc.procs[:0], sc.sums[:0]
	// The orderings of the second pass, also from the scratch.
	gkeys, chunks := sc.gkeys, sc.chunks[:0]
	lineOrder, itemOrder, itemStart, lineNo := sc.lineOrder, sc.itemOrder, sc.itemStart, sc.lineNo
	diags, diagBufs := sc.diags[:0], sc.diagBufs[:0] // the lines of one group
	// Hand the grown slices back for the next call.
	defer func() {
		sc.groups, sc.lines, sc.nextItem, sc.procs, sc.sums = groups, lines, nextItem, procs, sums
		sc.gkeys, sc.chunks, sc.lineOrder, sc.itemOrder, sc.itemStart, sc.lineNo = gkeys, chunks, lineOrder, itemOrder, itemStart, lineNo
		sc.diags, sc.diagBufs = diags, diagBufs
	}()
	ptrBound := 0 // no line points at more diagnoses than its items have

	for i := range b.Items {
		it := &b.Items[i]
		if it.Status != ItemReadyToBill {
			res.Skipped++
			continue
		}
		if e := checkBillable(i, it); e != nil {
			errs = append(errs, e)
			continue
		}
		g, slot := groupOf.findSlot(it.groupHash(), int32(len(groups)), func(j int32) bool { return sameClaimRefs(&b.Items[groups[j].key.item], it) })
		if g < 0 {
			// A new combination: resolve its references once.
			ir, e := r.resolve(i, it)
			if e != nil {
				groupOf.undo(slot)
				errs = append(errs, e)
				continue
			}
			g = int32(len(groups))
			groups = append(groups, groupAcc{key: claimKey{ir.patient, ir.coverage, ir.billing, ir.rendering,
				ir.facility, int32(i)}, head: -1})
		}
		id := it.ID
		if j := seen.find(maphash.String(idSeed, id), int32(i), func(j int32) bool { return b.Items[j].ID == id }); j >= 0 {
			errs = append(errs, itemErr(i, it, "id", ErrDuplicateID, "also charge item %d", j))
			continue
		}
		if len(errs) > 0 {
			continue // keep validating, stop building
		}
		res.Grouped++
		ptrBound += min(len(it.Diagnoses), MaxPointers)
		p := procOf.find(it.Procedure.hash(), int32(len(procs)), func(j int32) bool { return procs[j] == it.Procedure })
		if p < 0 {
			p = int32(len(procs))
			procs = append(procs, it.Procedure)
			if len(procs) == len(procOf.slots)*3/4 {
				*procOf = rehash(procs, (*Procedure).hash)
			}
		}
		lk := lineKey{group: g, start: packDate(x12.DateOf(it.Start)), end: packDate(it.EndDate()),
			proc: p, minutes: it.UnitType == Minutes}
		l := lineOf.find(lk.hash(), int32(len(lines)), func(j int32) bool { return lines[j].key == lk })
		if l < 0 {
			l = int32(len(lines))
			lines = append(lines, lineAcc{key: lk, head: int32(i), next: groups[g].head, items: 1})
			groups[g].head = l
			groups[g].lines++
			nextItem[i] = -1
			continue
		}
		la := &lines[l]
		if la.items == 1 {
			first := &b.Items[la.head]
			la.sum = int32(len(sums))
			sums = append(sums, lineSum{first.Charge, first.Units})
		}
		sm := &sums[la.sum]
		sm.charge = sm.charge.Add(it.Charge)
		sm.units = sm.units.Add(it.Units)
		nextItem[i] = la.head
		la.head = int32(i)
		la.items++
	}
	if len(errs) > 0 {
		return nil, errs
	}

	// Claim groups in key order: by the first eight bytes of the patient
	// ID, which orders most pairs without reaching into the batch, then
	// by the whole key.
	gkeys = reuse(gkeys, len(groups))[:len(groups)]
	for i := range gkeys {
		gkeys[i] = sortKey{prefix: idPrefix(b.Patients[groups[i].key.patient].ID), g: int32(i)}
	}
	slices.SortFunc(gkeys, func(x, y sortKey) int {
		if x.prefix != y.prefix {
			return cmp.Compare(x.prefix, y.prefix)
		}
		return compareClaimKeys(b, &groups[x.g].key, &groups[y.g].key)
	})

	// One pass over the groups in key order: lines in date order, items
	// of each line by ID, the split into claims, and the claims themselves
	// over shared backing arrays. Splits are rare, so len(groups) is
	// nearly the number of claims.
	lineOrder = reuse(lineOrder, len(lines))
	itemOrder = reuse(itemOrder, res.Grouped)
	itemStart = reuse(itemStart, len(lines))[:len(lines)] // offset of a line's items in itemOrder
	res.Claims = make([]Claim, 0, len(groups))
	lineBack := make([]ClaimLine, len(lines))
	ptrBack := make([]int, 0, ptrBound)
	diagBack := make([]string, 0, ptrBound)
	idBack := make([]string, 0, res.Grouped)
	pcns := sc.table(4, len(groups)+len(groups)/8) // splits add a few claims
	li := 0
	for _, gk := range gkeys {
		g := gk.g
		lo := len(lineOrder)
		for l := groups[g].head; l >= 0; l = lines[l].next {
			lineOrder = append(lineOrder, l)
		}
		seg := lineOrder[lo:]
		slices.SortFunc(seg, func(x, y int32) int { return compareLines(procs, &lines[x].key, &lines[y].key) })
		diags = slices.Grow(diags[:0], len(seg))[:len(seg)]
		diagBufs = slices.Grow(diagBufs[:0], len(seg))[:len(seg)]
		for k, l := range seg {
			la := &lines[l]
			itemStart[l] = int32(len(itemOrder))
			is := len(itemOrder)
			for i := la.head; i >= 0; i = nextItem[i] {
				itemOrder = append(itemOrder, i)
			}
			if la.items > 1 {
				slices.SortFunc(itemOrder[is:], func(x, y int32) int { return cmp.Compare(b.Items[x].ID, b.Items[y].ID) })
			}
			for _, i := range itemOrder[is:] {
				idBack = append(idBack, b.Items[i].ID)
			}
			diags[k] = lineDiagnoses(b, itemOrder[is:], &diagBufs[k])
		}
		first := len(chunks)
		chunks = splitGroup(chunks, g, int32(lo), diags, maxLines, maxDiag)
		for ci := first; ci < len(chunks); ci++ {
			ch := chunks[ci]
			if len(res.Claims) < cap(res.Claims) {
				res.Claims = res.Claims[:ci+1] // already zero: make cleared it
			} else {
				res.Claims = append(res.Claims, Claim{})
			}
			c := &res.Claims[ci]
			fill(c, b, &groups[g].key, &b.Items[itemOrder[itemStart[lineOrder[ch.lo]]]])
			cl := lineBack[li : li+int(ch.hi-ch.lo) : li+int(ch.hi-ch.lo)]
			li += len(cl)
			ds := len(diagBack)
			for k, l := range lineOrder[ch.lo:ch.hi] {
				la := &lines[l]
				ld := diags[int(ch.lo)-lo+k]
				for _, d := range ld {
					if !slices.Contains(diagBack[ds:], d) {
						diagBack = append(diagBack, d)
					}
				}
				ps := len(ptrBack)
				for _, d := range ld {
					ptrBack = append(ptrBack, slices.Index(diagBack[ds:], d)+1)
				}
				is := itemStart[l]
				it := &b.Items[itemOrder[is]]
				charge, units := it.Charge, it.Units
				if la.items > 1 {
					charge, units = sums[la.sum].charge, sums[la.sum].units
				}
				// Field by field into the zeroed line, the modifiers
				// only as far as they are set: a large batch is grouped
				// while the garbage collector marks, and then every
				// pointer written costs a write barrier.
				ln := &cl[k]
				ln.Number = k + 1
				pr := &procs[la.key.proc]
				ln.Procedure.Code = pr.Code
				for m, v := range pr.Modifiers {
					if v == "" {
						break
					}
					ln.Procedure.Modifiers[m] = v
				}
				ln.Charge, ln.Units = charge, units
				ln.UnitType = it.UnitType
				ln.PlaceOfService = c.PlaceOfService
				ln.Service = x12.DateRange{From: unpackDate(la.key.start), To: unpackDate(la.key.end)}
				ln.DiagnosisPointers = ptrBack[ps:len(ptrBack):len(ptrBack)]
				if it.Telecare != "" {
					ln.Telecare = it.Telecare
				}
				ln.ChargeItemIDs = idBack[is : is+la.items : is+la.items]
			}
			c.Diagnoses = diagBack[ds:len(diagBack):len(diagBack)]
			c.Lines = cl
			pcn, err := gen.PatientControlNumber(c)
			if err != nil {
				return nil, fmt.Errorf("claims: patient control number for claim %d: %w", ci, err)
			}
			if pcn == "" || len(pcn) > maxPCN {
				return nil, fmt.Errorf("%w: %q has %d characters, want 1 to %d", ErrDuplicatePCN, pcn, len(pcn), maxPCN)
			}
			c.ID, c.PatientControlNumber = pcn, pcn
			if ci == len(pcns.slots)*3/4 {
				*pcns = rehash(res.Claims[:ci], func(c *Claim) uint64 { return maphash.String(idSeed, c.PatientControlNumber) })
			}
			if j := pcns.find(maphash.String(idSeed, pcn), int32(ci), func(j int32) bool { return res.Claims[j].PatientControlNumber == pcn }); j >= 0 {
				return nil, fmt.Errorf("%w: %q for claims %d and %d", ErrDuplicatePCN, pcn, j, ci)
			}
			setControlNumbers(cl, pcn)
		}
	}

	// Only now, with every claim made, move the items: note each item's
	// claim and line (nextItem is free again), then walk the items in
	// their own order, which a large batch reads far faster than in
	// claim order.
	claimOf := nextItem
	lineNo = reuse(lineNo, n)[:n]
	for i := range claimOf {
		claimOf[i] = -1
	}
	for ci, ch := range chunks {
		for k, l := range lineOrder[ch.lo:ch.hi] {
			is := itemStart[l]
			for _, i := range itemOrder[is : is+lines[l].items] {
				claimOf[i], lineNo[i] = int32(ci), uint8(k+1)
			}
		}
	}
	for i, ci := range claimOf {
		if ci >= 0 {
			it := &b.Items[i]
			it.Status = ItemClaimLineCreated
			it.ClaimID = res.Claims[ci].ID
			it.LineNumber = int(lineNo[i])
		}
	}
	return res, nil
}

// setControlNumbers gives each line the control number "PCN-n". The
// numbers share one string per claim: one allocation, not one per line.
func setControlNumbers(lines []ClaimLine, pcn string) {
	var sb strings.Builder
	sb.Grow(len(lines) * (len(pcn) + 3))
	var endsArr [MaxLines]int // a claim has at most MaxLines lines
	ends := endsArr[:len(lines)]
	var num [8]byte
	for k := range lines {
		sb.WriteString(pcn)
		sb.WriteByte('-')
		sb.Write(strconv.AppendInt(num[:0], int64(k+1), 10))
		ends[k] = sb.Len()
	}
	all := sb.String()
	start := 0
	for k := range lines {
		lines[k].ControlNumber = all[start:ends[k]]
		start = ends[k]
	}
}

func limit(v, max int) int {
	if v < 1 || v > max {
		return max
	}
	return v
}

// splitGroup cuts a group's sorted lines, whose diagnoses are seg and
// which start at lineOrder[lo], into claims of at most maxLines lines and
// maxDiag distinct diagnoses.
func splitGroup(chunks []chunk, g, lo int32, seg [][]string, maxLines, maxDiag int) []chunk {
	if len(seg) <= maxLines {
		// Most groups: few lines whose diagnoses cannot exceed the limit
		// even if none repeats.
		n := 0
		for _, ld := range seg {
			n += len(ld)
		}
		if n <= maxDiag {
			if len(seg) > 0 {
				chunks = append(chunks, chunk{group: g, lo: lo, hi: lo + int32(len(seg))})
			}
			return chunks
		}
	}
	var set [MaxDiagnoses]string
	nset := 0
	start := int32(0)
	for k, ld := range seg {
		add := 0
		for _, d := range ld {
			if !slices.Contains(set[:nset], d) {
				add++
			}
		}
		if int32(k)-start == int32(maxLines) || nset+add > maxDiag {
			chunks = append(chunks, chunk{group: g, lo: lo + start, hi: lo + int32(k)})
			start, nset = int32(k), 0
		}
		for _, d := range ld {
			if !slices.Contains(set[:nset], d) {
				set[nset] = d
				nset++
			}
		}
	}
	if len(seg) > 0 {
		chunks = append(chunks, chunk{group: g, lo: lo + start, hi: lo + int32(len(seg))})
	}
	return chunks
}

func compareClaimKeys(b *Batch, x, y *claimKey) int {
	if c := cmp.Compare(b.Patients[x.patient].ID, b.Patients[y.patient].ID); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Coverages[x.coverage].ID, b.Coverages[y.coverage].ID); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Providers[x.billing].ID, b.Providers[y.billing].ID); c != 0 {
		return c
	}
	if c := cmp.Compare(providerID(b, x.rendering), providerID(b, y.rendering)); c != 0 {
		return c
	}
	if c := cmp.Compare(facilityID(b, x.facility), facilityID(b, y.facility)); c != 0 {
		return c
	}
	xi, yi := &b.Items[x.item], &b.Items[y.item]
	if c := cmp.Compare(xi.AuthorizationNumber, yi.AuthorizationNumber); c != 0 {
		return c
	}
	return cmp.Compare(xi.PlaceOfService, yi.PlaceOfService)
}

func providerID(b *Batch, i int32) string {
	if i < 0 {
		return ""
	}
	return b.Providers[i].ID
}

func facilityID(b *Batch, i int32) string {
	if i < 0 {
		return ""
	}
	return b.Facilities[i].ID
}

func compareLines(procs []Procedure, x, y *lineKey) int {
	if c := cmp.Compare(x.start, y.start); c != 0 {
		return c
	}
	if c := cmp.Compare(x.end, y.end); c != 0 {
		return c
	}
	if x.proc != y.proc {
		px, py := &procs[x.proc], &procs[y.proc]
		if c := cmp.Compare(px.Code, py.Code); c != 0 {
			return c
		}
		for i := range px.Modifiers {
			if c := cmp.Compare(px.Modifiers[i], py.Modifiers[i]); c != 0 {
				return c
			}
		}
	}
	switch {
	case x.minutes == y.minutes:
		return 0
	case x.minutes:
		return 1
	}
	return -1
}

func hasRendering(b *Batch, k *claimKey) bool {
	return k.rendering >= 0 && b.Providers[k.rendering].ID != b.Providers[k.billing].ID
}

// fill points c at the claim group's parties in the batch and takes the
// authorization and place of service from it, one of the claim's items.
func fill(c *Claim, b *Batch, k *claimKey, it *ChargeItem) {
	c.Patient = &b.Patients[k.patient]
	c.Coverage = &b.Coverages[k.coverage]
	c.BillingProvider = &b.Providers[k.billing]
	if hasRendering(b, k) {
		c.Rendering = &b.Providers[k.rendering]
	}
	if k.facility >= 0 {
		c.ServiceFacility = &b.Facilities[k.facility]
	}
	c.PriorAuthorization = it.AuthorizationNumber
	c.PlaceOfService = it.PlaceOfService
	c.Status = Draft
}
