package x12

// Position locates a segment, and optionally one element, component or
// repetition inside it, in an X12 file. Counters are 1-based; 0 means
// "not known" or "not applicable" (for example Element 0 is the whole
// segment, SetPosition 0 is a segment outside any transaction set).
type Position struct {
	// Offset is the byte offset of the start of the segment in the input.
	Offset int64 `json:"offset"`
	// Line and Column locate Offset (1-based; line breaks are LF). A file
	// without line breaks is all on line 1. Both are 0 when not known.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Segment is the ordinal of the segment in the input, the first ISA
	// being 1.
	Segment int `json:"segment"`
	// SetPosition is the position inside the transaction set, ST = 1,
	// as 999 IK302 counts it.
	SetPosition int `json:"set_position,omitempty"`
	// SegmentID is the segment's identifier, for example "CLM".
	SegmentID string `json:"segment_id,omitempty"`
	// Element, Component and Repetition narrow the position to one value
	// inside the segment (ISA01 is element 1).
	Element    int `json:"element,omitempty"`
	Component  int `json:"component,omitempty"`
	Repetition int `json:"repetition,omitempty"`
}

// WithElement returns p narrowed to element e.
func (p Position) WithElement(e int) Position {
	p.Element, p.Component, p.Repetition = e, 0, 0
	return p
}

// WithComponent returns p narrowed to component c of element e.
func (p Position) WithComponent(e, c int) Position {
	p.Element, p.Component = e, c
	return p
}

// appendTo writes the one-line form: segment 41 (CLP, byte 2210, line 41), element 3.
func (p Position) appendTo(b []byte) []byte {
	b = append(b, "segment "...)
	b = appendInt(b, int64(p.Segment))
	b = append(b, " ("...)
	if p.SegmentID != "" {
		b = append(b, p.SegmentID...)
		b = append(b, ", "...)
	}
	b = append(b, "byte "...)
	b = appendInt(b, p.Offset)
	if p.Line > 0 {
		b = append(b, ", line "...)
		b = appendInt(b, int64(p.Line))
	}
	b = append(b, ')')
	if p.Element > 0 {
		b = append(b, ", element "...)
		b = appendInt(b, int64(p.Element))
		if p.Component > 0 {
			b = append(b, '-')
			b = appendInt(b, int64(p.Component))
		}
		if p.Repetition > 1 {
			b = append(b, " repetition "...)
			b = appendInt(b, int64(p.Repetition))
		}
	}
	return b
}

// String formats p as "segment 41 (CLP, byte 2210), element 3".
func (p Position) String() string { return string(p.appendTo(nil)) }

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}
