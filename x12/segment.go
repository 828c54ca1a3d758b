package x12

import "bytes"

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

func (s *Segment) split() {
	s.ends = s.ends[:0]
	es := s.delims.Element
	raw := s.raw
	for i, c := range raw {
		if c == es {
			s.ends = append(s.ends, int32(i))
		}
	}
	s.ends = append(s.ends, int32(len(raw)))
}

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

// knownIDs interns segment identifiers so the Reader does not allocate
// a string for each segment.
var knownIDs = func() map[string]string {
	ids := []string{"ISA", "IEA", "GS", "GE", "ST", "SE", "TA1", "BHT", "NM1", "N1", "N2", "N3", "N4",
		"REF", "PER", "HL", "PRV", "CUR", "SBR", "PAT", "DMG", "CLM", "DTP", "DTM", "PWK", "CN1",
		"AMT", "K3", "NTE", "CR1", "CR2", "CRC", "HI", "HCP", "LX", "SV1", "SV2", "SV5", "PS1", "LIN",
		"CTP", "SVD", "CAS", "OI", "MOA", "MIA", "LQ", "QTY", "MEA", "BPR", "TRN", "RDM", "TS3", "TS2",
		"CLP", "SVC", "PLB", "AK1", "AK2", "AK9", "IK3", "IK4", "IK5", "CTX", "AK3", "AK4", "AK5",
		"BGN", "EQ", "EB", "III", "MSG", "AAA", "HSD", "INS", "STC", "SVD", "PLA", "UM", "HCR",
		"CR3", "CR4", "CR5", "CR6", "CR7", "CR8", "LS", "LE", "FRM", "INV"}
	m := make(map[string]string, len(ids))
	for _, id := range ids {
		m[id] = id
	}
	return m
}()

func internID(b []byte) string {
	if s, ok := knownIDs[string(b)]; ok {
		return s
	}
	return string(b)
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
