package x12

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Delimiters are the four separators an interchange declares in its ISA.
// Repetition is 0 when the interchange has no repetition separator
// (versions before 00402, or an alphanumeric ISA11).
type Delimiters struct {
	Element    byte
	Repetition byte
	Component  byte
	Segment    byte
}

// DefaultDelimiters are the common choice: * ^ : ~.
var DefaultDelimiters = Delimiters{Element: '*', Repetition: '^', Component: ':', Segment: '~'}

// Validate reports whether the delimiters are distinct and none is a
// letter, digit or space.
func (d Delimiters) Validate() error {
	set := [4]byte{d.Element, d.Component, d.Segment, d.Repetition}
	for i, c := range set {
		if c == 0 && i == 3 {
			continue
		}
		if isAlnum(c) || c == ' ' || c == 0 {
			return ErrBadDelimiters
		}
		for j := i + 1; j < len(set); j++ {
			if set[j] == c {
				return ErrBadDelimiters
			}
		}
	}
	return nil
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// Segment is one segment of an interchange. The Reader reuses the value
// and its bytes: a Segment returned by Reader.Next is valid until the next
// call; use Clone to keep one.
//
// Elements are numbered as in the standard: Element(1) is the first
// element after the segment ID (CLM01), Element(0) is the ID itself.
type Segment struct {
	// ID is the segment identifier ("ISA", "CLM", ...).
	ID string
	// Pos locates the segment in its input.
	Pos Position

	raw    []byte
	ends   []int32 // ends[i] is the end offset in raw of element i
	delims Delimiters
}

// NewSegment builds a segment from its raw bytes (without terminator),
// for callers that construct or transform segments. The bytes are not
// copied.
func NewSegment(raw []byte, d Delimiters) *Segment {
	s := &Segment{raw: raw, delims: d}
	s.split()
	s.ID = internID(s.Element(0))
	return s
}

// split finds the element separators of s.raw and records where each
// element ends. It reports whether raw holds a control character (a byte
// below 0x20), which the Reader then looks at more closely.
//
// It works on eight bytes at a time. When raw is a window into a larger
// buffer (as it is for the Reader) the last word is read past the end of
// raw and the extra bytes are masked off.
func (s *Segment) split() (ctrl bool) {
	raw := s.raw
	n := len(raw)
	if cap(s.ends) < n+1 {
		s.ends = make([]int32, 0, max(n+1, 64))
	}
	ends := s.ends[:n+1]
	k := 0
	pat := uint64(s.delims.Element) * lsb
	var cc uint64
	i := 0
	for ; i+8 <= n; i += 8 {
		w := binary.LittleEndian.Uint64(raw[i:])
		cc |= ^(((w & low7) + 0x6060606060606060) | w) & msb
		x := w ^ pat
		for m := ^(((x & low7) + low7) | x | low7); m != 0; m &= m - 1 {
			ends[k] = int32(i + bits.TrailingZeros64(m)>>3)
			k++
		}
	}
	if i < n {
		keep := uint64(1)<<(uint(n-i)*8) - 1
		var w uint64
		if cap(raw)-i >= 8 {
			w = binary.LittleEndian.Uint64(raw[i:i+8:i+8]) & keep
		} else {
			for j := n - 1; j >= i; j-- {
				w = w<<8 | uint64(raw[j])
			}
		}
		cc |= ^(((w & low7) + 0x6060606060606060) | w) & msb & keep
		x := w ^ pat
		for m := ^(((x & low7) + low7) | x | low7) & msb & keep; m != 0; m &= m - 1 {
			ends[k] = int32(i + bits.TrailingZeros64(m)>>3)
			k++
		}
	}
	ends[k] = int32(n)
	s.ends = ends[:k+1]
	return cc != 0
}

// Masks for split: each byte 0x01, 0x7f, 0x80.
const (
	lsb  = 0x0101010101010101
	low7 = 0x7f7f7f7f7f7f7f7f
	msb  = 0x8080808080808080
)

// Bytes returns the segment's bytes without the terminator.
func (s *Segment) Bytes() []byte { return s.raw }

// Delimiters returns the delimiters of the segment's interchange.
func (s *Segment) Delimiters() Delimiters { return s.delims }

// Len returns the number of elements after the ID, counting empty ones
// up to the last present element (CLM*A**B has Len 3).
func (s *Segment) Len() int { return len(s.ends) - 1 }

// Element returns the bytes of element i (0 is the ID), or nil when the
// segment has fewer elements. The bytes alias the segment.
func (s *Segment) Element(i int) []byte {
	if i < 0 || i >= len(s.ends) {
		return nil
	}
	start := 0
	if i > 0 {
		start = int(s.ends[i-1]) + 1
	}
	return s.raw[start:s.ends[i]:s.ends[i]]
}

// Value returns element i as a string ("" when absent). It allocates.
func (s *Segment) Value(i int) string { return string(s.Element(i)) }

// Has reports whether element i is present and not empty.
func (s *Segment) Has(i int) bool { return len(s.Element(i)) > 0 }

// Component returns component c (1-based) of the first repetition of
// element i, or nil when absent.
func (s *Segment) Component(i, c int) []byte {
	e := s.Element(i)
	if s.delims.Repetition != 0 {
		if j := bytes.IndexByte(e, s.delims.Repetition); j >= 0 {
			e = e[:j]
		}
	}
	return Part(e, s.delims.Component, c)
}

// Components returns the number of components in the first repetition
// of element i (0 when the element is empty).
func (s *Segment) Components(i int) int {
	e := s.Element(i)
	if s.delims.Repetition != 0 {
		if j := bytes.IndexByte(e, s.delims.Repetition); j >= 0 {
			e = e[:j]
		}
	}
	if len(e) == 0 {
		return 0
	}
	return bytes.Count(e, []byte{s.delims.Component}) + 1
}

// Repetition returns repetition r (1-based) of element i, or nil.
// Without a repetition separator the element has one repetition.
func (s *Segment) Repetition(i, r int) []byte {
	e := s.Element(i)
	if s.delims.Repetition == 0 {
		if r == 1 {
			return e
		}
		return nil
	}
	return Part(e, s.delims.Repetition, r)
}

// Repetitions returns the number of repetitions of element i (0 when empty).
func (s *Segment) Repetitions(i int) int {
	e := s.Element(i)
	if len(e) == 0 {
		return 0
	}
	if s.delims.Repetition == 0 {
		return 1
	}
	return bytes.Count(e, []byte{s.delims.Repetition}) + 1
}

// Part returns the n-th (1-based) sep-separated part of b, or nil. It is
// the building block for components and repetitions.
func Part(b []byte, sep byte, n int) []byte {
	for k := 1; ; k++ {
		j := bytes.IndexByte(b, sep)
		if k == n {
			if j < 0 {
				return b
			}
			return b[:j:j]
		}
		if j < 0 {
			return nil
		}
		b = b[j+1:]
	}
}

// PosAt returns the segment's position narrowed to element e.
func (s *Segment) PosAt(e int) Position { return s.Pos.WithElement(e) }

// Clone returns a copy of s that does not alias the Reader's buffer.
func (s *Segment) Clone() *Segment {
	c := &Segment{ID: s.ID, Pos: s.Pos, delims: s.delims}
	c.raw = append([]byte(nil), s.raw...)
	c.ends = append([]int32(nil), s.ends...)
	return c
}

// String returns the segment as it appears in the file, without the
// terminator.
func (s *Segment) String() string { return string(s.raw) }

// knownIDs are the segment identifiers interned without allocation by
// every Reader. Others are interned per Reader (idCache).
var knownIDs = newIDTable([]string{"ISA", "IEA", "GS", "GE", "ST", "SE", "TA1", "BHT", "NM1", "N1", "N2", "N3", "N4",
	"REF", "PER", "HL", "PRV", "CUR", "SBR", "PAT", "DMG", "CLM", "DTP", "DTM", "PWK", "CN1",
	"AMT", "K3", "NTE", "CR1", "CR2", "CRC", "HI", "HCP", "LX", "SV1", "SV2", "SV5", "PS1", "LIN",
	"CTP", "SVD", "CAS", "OI", "MOA", "MIA", "LQ", "QTY", "MEA", "BPR", "TRN", "RDM", "TS3", "TS2",
	"CLP", "SVC", "PLB", "AK1", "AK2", "AK9", "IK3", "IK4", "IK5", "CTX", "AK3", "AK4", "AK5",
	"BGN", "EQ", "EB", "III", "MSG", "AAA", "HSD", "INS", "STC", "PLA", "UM", "HCR",
	"CR3", "CR4", "CR5", "CR6", "CR7", "CR8", "LS", "LE", "FRM", "INV", "SV3", "SV4", "SV6", "SV7",
	"TOO", "DN1", "DN2", "MPI", "HLH", "PDR", "PDP", "HD", "IDC", "COB", "LUI", "ENT"})

// idSlots is the size of an ID table (a power of two).
const idSlots = 512

type idSlot struct {
	key uint32
	id  string
}

// idTable is an open-addressing table of 2- and 3-byte identifiers.
type idTable [idSlots]idSlot

func newIDTable(ids []string) *idTable {
	t := new(idTable)
	for _, id := range ids {
		k, _ := idKey([]byte(id))
		for h := idHash(k); ; h = (h + 1) % idSlots {
			if t[h].key == 0 || t[h].key == k {
				t[h] = idSlot{k, id}
				break
			}
		}
	}
	return t
}

func (t *idTable) lookup(k uint32) (string, bool) {
	for h := idHash(k); t[h].key != 0; h = (h + 1) % idSlots {
		if t[h].key == k {
			return t[h].id, true
		}
	}
	return "", false
}

// idKey packs a 2- or 3-byte identifier into a non-zero key.
func idKey(b []byte) (uint32, bool) {
	switch len(b) {
	case 2:
		return 2<<24 | uint32(b[0])<<16 | uint32(b[1])<<8, true
	case 3:
		return 3<<24 | uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]), true
	}
	return 0, false
}

func idHash(k uint32) uint32 { return (k * 2654435761) >> (32 - 9) }

// idCache interns the identifiers a Reader meets, one per slot, so it
// allocates once per new identifier, not once per segment. It also
// remembers whether each is a well-formed identifier.
type idCache [idSlots]struct {
	key   uint32
	valid bool
	env   bool // ISA, GS, ST, SE, GE or IEA
	id    string
}

// internID returns b as a string, without allocating for the known
// identifiers.
func internID(b []byte) string {
	if k, ok := idKey(b); ok {
		if s, ok := knownIDs.lookup(k); ok {
			return s
		}
	}
	return string(b)
}

// internSlow interns b when the Reader's cache (looked up in next)
// misses: it returns b as a string, allocating once per new identifier,
// whether it is a well-formed segment identifier, and whether it is an
// envelope segment.
func (r *Reader) internSlow(b []byte) (id string, valid, env bool) {
	k, ok := idKey(b)
	if !ok {
		return string(b), false, false
	}
	sl := &r.ids[idHash(k)]
	sl.key, sl.valid = k, validID(b)
	var known bool
	if sl.id, known = knownIDs.lookup(k); !known {
		sl.id = string(b)
	}
	switch sl.id {
	case "ISA", "GS", "ST", "SE", "GE", "IEA":
		sl.env = true
	default:
		sl.env = false
	}
	return sl.id, sl.valid, sl.env
}

// validID reports whether b is a well-formed segment identifier: two or
// three upper-case letters or digits, starting with a letter.
func validID(b []byte) bool {
	if len(b) < 2 || len(b) > 3 || b[0] < 'A' || b[0] > 'Z' {
		return false
	}
	for _, c := range b[1:] {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
