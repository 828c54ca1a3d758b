package x837p

import "github.com/claimkit/claimkit/x12"

// The encoder builds the segments of the model, terminators included, in
// its own buffer and hands them a few kilobytes at a time to
// x12.Writer.AppendCheckedSegments, which counts them (checking that the
// terminators are where the builder says) and buffers them, without
// checking their bytes one by one: the builder answers for what the
// Writer's element calls would check. Segment IDs and literal elements
// are constants, numbers and dates are formatted here, and every value
// has been looked up in the class table, either by Encode before writing
// anything (a claim holding a control character is refused, and the
// values of a claim, a billing provider or a subscriber loop holding no
// delimiter, control character or lower-case letter are then copied as
// they are) or by put as it copies them. A value holding a delimiter or a
// control character is never written: refused hands its segment to the
// Writer's element calls, which refuse it with its position. Writing
// element by element through the Writer looked at every byte again and
// cost a call per element.

// builder is the segment being built and the means to write it.
//
// The segments built and not yet written are buf[:n], the one being
// built buf[seg:n]; buf is reassigned only when a segment outgrows it.
// The encoder lives on the heap, and storing a slice into one of its
// fields for every value written made the garbage collector's write
// barrier a tenth of the time while it runs; an index does not.
type builder struct {
	w    *x12.Writer
	d    x12.Delimiters
	cls  *[256]byte
	text byte // classes el looks for: clsBad, and clsLower unless PreserveCase
	// clean is set while the values written hold none of the classes of
	// text (Encode has looked them up): they are then copied as they are.
	clean bool
	// numCheck is set when a delimiter can occur in a number or a date
	// range ('-' or '.'): the builder then checks them too.
	numCheck bool

	heads [nHeads][]byte // the heads with the delimiters

	buf   []byte
	n     int    // end of what is built
	seg   int    // start of the segment being built
	segID uint16 // index in knownNames
	segs  int    // whole segments in buf[:seg]
	hold  bool   // keep what is built in buf until hold is cleared
	nel   int    // elements added, empty ones included
	pend  int    // empty elements not written yet (trailing ones are dropped)
	bad   badData
}

// badData is the first element of a segment holding a delimiter.
type badData struct {
	el, comp int // 1-based; comp 0 for a simple element
	v        string
}

func newBuilder(w *x12.Writer, cls *[256]byte, upper bool) builder {
	b := builder{w: w, d: w.Delimiters(), cls: cls, text: clsBad, buf: make([]byte, batchSize+512)}
	if upper {
		b.text |= clsLower
	}
	b.numCheck = cls['-']&clsDelim != 0 || cls['.']&clsDelim != 0
	for h, hd := range heads {
		t := []byte(hd.text)
		for i, c := range t {
			switch c {
			case '*':
				t[i] = b.d.Element
			case ':':
				t[i] = b.d.Component
			}
		}
		b.heads[h] = t
	}
	return b
}

// A head is the start of a segment the encoder writes often: its ID and
// the constant elements after it, which the builder copies at once.
type head uint8

const (
	hLX head = iota
	hSV1
	hDTPD8
	hDTPRD8
	hREFG1
	hREFF8
	hREFEA
	hREF6R
	hNTE
	hPRVPE
	hDMG
	nHeads
)

// heads are the heads' segment IDs (indexes in knownNames), their text
// with '*' for the element separator, and the number of elements in it.
// A head's text is also the anchor of the raw segments written after the
// segment (RawSegment.After).
var heads = [nHeads]struct {
	seg  uint16
	text string
	nel  int
}{
	hLX:     {sLX, "LX", 0},
	hSV1:    {sSV1, "SV1*HC", 1},
	hDTPD8:  {sDTP, "DTP*472*D8", 2},
	hDTPRD8: {sDTP, "DTP*472*RD8", 2},
	hREFG1:  {sREF, "REF*G1", 1},
	hREFF8:  {sREF, "REF*F8", 1},
	hREFEA:  {sREF, "REF*EA", 1},
	hREF6R:  {sREF, "REF*6R", 1},
	hNTE:    {sNTE, "NTE*ADD", 1},
	hPRVPE:  {sPRV, "PRV*PE*PXC", 2},
	hDMG:    {sDMG, "DMG*D8", 1},
}

// batchSize is how many bytes of whole segments the builder collects
// before it writes them.
const batchSize = 4 << 10

// room makes room for k more bytes.
func (b *builder) room(k int) {
	if b.n+k > len(b.buf) {
		nb := make([]byte, 2*(b.n+k))
		copy(nb, b.buf[:b.n])
		b.buf = nb
	}
}

// str appends s.
func (b *builder) str(s string) {
	b.room(len(s))
	b.n += copy(b.buf[b.n:], s)
}

// char appends c.
func (b *builder) char(c byte) {
	b.room(1)
	b.buf[b.n] = c
	b.n++
}

// tail returns the segment with room for k more bytes, for an append
// function whose result set takes back.
func (b *builder) tail(k int) []byte {
	b.room(k)
	return b.buf[:b.n]
}

// set takes back the segment from an append function.
func (b *builder) set(seg []byte) {
	if &seg[:1][0] != &b.buf[:1][0] {
		// The function needed more room than tail gave it.
		b.buf = seg[:cap(seg)]
	}
	b.n = len(seg)
}

// begin starts segment id (an index in knownNames).
func (b *builder) begin(id uint16) {
	b.segID = id
	b.seg = b.n
	b.str(knownNames[id])
	b.nel, b.pend = 0, 0
}

// beginHead starts a segment with head h.
func (b *builder) beginHead(h head) {
	b.segID = heads[h].seg
	b.seg = b.n
	t := b.heads[h]
	b.room(len(t))
	b.n += copy(b.buf[b.n:], t)
	b.nel, b.pend = heads[h].nel, 0
}

// skip adds an empty element.
func (b *builder) skip() {
	b.nel++
	b.pend++
}

// open starts a non-empty element after the empty ones before it.
func (b *builder) open() {
	b.nel++
	b.room(b.pend + 1)
	for ; b.pend > 0; b.pend-- {
		b.buf[b.n] = b.d.Element
		b.n++
	}
	b.buf[b.n] = b.d.Element
	b.n++
}

// lit adds an element that is a constant of the implementation guide:
// letters and digits only, which are never delimiters.
func (b *builder) lit(s string) {
	b.open()
	b.str(s)
}

// code adds a code or identifier as given.
func (b *builder) code(s string) {
	if s == "" {
		b.skip()
		return
	}
	b.open()
	b.put(s, clsBad, 0)
}

// el adds a text element, upper-cased unless PreserveCase.
func (b *builder) el(s string) {
	if s == "" {
		b.skip()
		return
	}
	b.open()
	b.put(s, b.text, 0)
}

// comp adds one composite element of codes; trailing empty components
// are dropped and an all-empty composite is an empty element.
func (b *builder) comp(parts ...string) {
	last := len(parts) - 1
	for last >= 0 && parts[last] == "" {
		last--
	}
	if last < 0 {
		b.skip()
		return
	}
	b.open()
	for i, p := range parts[:last+1] {
		if i > 0 {
			b.char(b.d.Component)
		}
		b.put(p, clsBad, i+1)
	}
}

// put appends s, upper-casing it when mask has clsLower, and notes a
// delimiter or control character in it when mask has clsBad (component
// comp of the element, 0 for a simple element).
func (b *builder) put(s string, mask byte, comp int) {
	b.room(len(s))
	dst := b.buf[b.n : b.n+len(s)]
	b.n += len(s)
	if b.clean {
		copy(dst, s)
		return
	}
	cls := b.cls
	var k byte
	for i := range dst {
		c := s[i]
		k |= cls[c]
		dst[i] = c
	}
	if k&mask == 0 {
		return
	}
	if k&mask&clsBad != 0 {
		b.refuse(s, comp)
	}
	if mask&clsLower != 0 {
		for i, c := range dst {
			if cls[c]&clsLower != 0 {
				dst[i] = c - ('a' - 'A')
			}
		}
	}
}

// d8 appends date d as CCYYMMDD, as x12.Date.AppendD8 does (which it
// leaves the dates it was not written for: years past 9999, negative
// fields).
func (b *builder) d8(d x12.Date) {
	if uint(d.Year) > 9999 || uint(d.Month) > 99 || uint(d.Day) > 99 {
		b.set(d.AppendD8(b.tail(8)))
		return
	}
	b.room(8)
	p := b.buf[b.n : b.n+8]
	hi, lo := 2*(d.Year/100), 2*(d.Year%100)
	m, dd := 2*int(d.Month), 2*d.Day
	p[0], p[1], p[2], p[3] = digitPairs[hi], digitPairs[hi+1], digitPairs[lo], digitPairs[lo+1]
	p[4], p[5], p[6], p[7] = digitPairs[m], digitPairs[m+1], digitPairs[dd], digitPairs[dd+1]
	b.n += 8
}

// digitPairs holds 00 to 99, two bytes each.
const digitPairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// number checks an element the caller appended from start on (an amount,
// a date or a date range) when a delimiter can occur in it.
func (b *builder) number(start int) {
	if !b.numCheck {
		return
	}
	for _, c := range b.buf[start:b.n] {
		if b.cls[c]&clsDelim != 0 {
			b.refuse(string(b.buf[start:b.n]), 0)
			return
		}
	}
}

// refuse notes the first element holding a delimiter.
func (b *builder) refuse(v string, comp int) {
	if b.bad.el == 0 {
		b.bad = badData{el: b.nel, comp: comp, v: v}
	}
}

// end ends the segment, and writes what is built once there is enough.
func (b *builder) end() {
	if b.bad.el != 0 {
		b.refused()
		return
	}
	b.char(b.d.Segment)
	b.segs++
	if b.n >= batchSize && !b.hold {
		b.flush()
	}
}

// flush writes the segments built so far; the encoder calls it before
// every other Writer call.
func (b *builder) flush() {
	if b.n > 0 {
		b.w.AppendCheckedSegments(b.buf[:b.n], b.segs)
		b.n, b.segs = 0, 0
	}
}

// refused writes the segment up to its bad element through the Writer's
// element calls, so that the Writer refuses it with the position of the
// element (and component) as it does for any data: the error is sticky
// and Encode returns it.
func (b *builder) refused() {
	bad := b.bad
	b.bad = badData{}
	b.n = b.seg
	b.flush()
	b.w.StartSegment(knownNames[b.segID])
	for range bad.el - 1 {
		b.w.Element("")
	}
	if bad.comp == 0 {
		b.w.Element(bad.v)
	} else {
		parts := make([]string, bad.comp)
		parts[bad.comp-1] = bad.v
		b.w.Components(parts...)
	}
	b.w.EndSegment()
}
