package x837p

import (
	"bytes"
	"unsafe"

	"github.com/claimkit/claimkit/x12"
)

// arena holds the strings one Decode makes: values are appended to
// chunks of arenaChunk bytes and the strings point into them, so that
// many short strings cost one allocation. Bytes once appended are never
// written again (a full chunk is left as it is and a new one started),
// which keeps the strings immutable.
type arena struct{ buf []byte }

// arenaChunk is the size of an arena chunk; values longer than a quarter
// of it get their own allocation.
const arenaChunk = 32 << 10

// string returns b as a string held by the arena.
func (a *arena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.buf)-len(a.buf) {
		if len(b) > arenaChunk/4 {
			return string(b)
		}
		a.buf = make([]byte, 0, arenaChunk)
	}
	// Reslicing a.buf in place stores only its length: no write barrier.
	n := len(a.buf)
	a.buf = a.buf[:n+len(b)]
	copy(a.buf[n:], b)
	return unsafe.String(&a.buf[n], len(b))
}

// load makes seg the segment v and c read. The reader hands out the same
// Segment each time: the pointer is stored only when it changes, sparing
// a write barrier per segment while the garbage collector runs.
func (d *decoder) load(seg *x12.Segment) {
	if d.seg != seg {
		d.seg = seg
	}
}

// v returns element i of the loaded segment ("" when absent).
func (d *decoder) v(i int) string { return d.text.string(d.seg.Element(i)) }

// c returns component k (1-based) of element i of the loaded segment, a
// code: shared with earlier equal values (see str).
func (d *decoder) c(i, k int) string {
	return d.str(x12.Part(d.seg.Element(i), d.seg.Delimiters().Component, k))
}

// str returns b as a string, shared with an earlier value equal to it
// when that one is still in its cache slot: codes and qualifiers repeat
// from claim to claim.
func (d *decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &d.strs[sharedSlot(b)]
	if *slot == string(b) {
		return *slot
	}
	s := d.text.string(b)
	*slot = s
	return s
}

// elements returns elements from..Len() of seg split into components, or
// nil when they are all empty.
func (d *decoder) elements(seg *x12.Segment, from int) [][]string {
	n := seg.Len()
	for n >= from && len(seg.Element(n)) == 0 {
		n--
	}
	if n < from {
		return nil
	}
	comp := seg.Delimiters().Component
	out := make([][]string, 0, n-from+1)
	for i := from; i <= n; i++ {
		e := seg.Element(i)
		parts := make([]string, bytes.Count(e, []byte{comp})+1)
		for j := range parts {
			parts[j] = d.str(x12.Part(e, comp, j+1))
		}
		out = append(out, parts)
	}
	return out
}

// code returns element i of the loaded segment, a code: shared with
// earlier equal values (see str).
func (d *decoder) code(i int) string { return d.str(d.seg.Element(i)) }
