package x12

import (
	"bytes"
	"io"
)

// Limits cap what a Reader accepts from hostile input. A zero field takes
// its default.
type Limits struct {
	// MaxSegmentLength is the longest segment in bytes (default 1 MiB).
	MaxSegmentLength int
	// MaxElements is the most elements in one segment (default 1024).
	MaxElements int
	// MaxSetSegments is the most segments in one transaction set
	// (default 10,000,000).
	MaxSetSegments int
}

func (l Limits) withDefaults() Limits {
	if l.MaxSegmentLength <= 0 {
		l.MaxSegmentLength = 1 << 20
	}
	if l.MaxElements <= 0 {
		l.MaxElements = 1024
	}
	if l.MaxSetSegments <= 0 {
		l.MaxSetSegments = 10_000_000
	}
	return l
}

// isaLen is the length of a fixed-width ISA including its terminator.
const isaLen = 106

// isaSeps are the offsets of the 16 element separators of a fixed-width ISA.
var isaSeps = [16]int{3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103}

// Reader reads segments from an X12 input, one at a time, and checks the
// envelopes (ISA/IEA, GS/GE, ST/SE) as it goes.
//
// Delimiters are taken from each ISA, so a file may hold interchanges
// with different delimiters. CR and LF after segment terminators, a UTF-8
// byte order mark and leading white space are skipped. Memory is bounded
// by the largest segment.
//
// Set the exported fields before the first call to Next.
type Reader struct {
	// File names the input in errors; it may be empty.
	File string
	// Strict makes the first envelope problem a fatal error returned by
	// Next. By default (lenient) problems are collected in Problems and
	// reading goes on.
	Strict bool
	// Limits caps segment length, elements and segments per set.
	Limits Limits

	r      io.Reader
	buf    []byte
	start  int   // next unread byte in buf
	end    int   // end of valid data in buf
	base   int64 // input offset of buf[0]
	eof    bool
	rerr   error // read error from r, reported once data is used up
	err    error // sticky error
	seg    Segment
	delims Delimiters
	began  bool
	// paddedISA: the ISA pads each element with spaces ("ISA *00 *").
	paddedISA bool

	line      int   // line of the byte at start
	lineStart int64 // input offset of the first byte of that line
	ordinal   int

	env      envelope
	problems ErrorList
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, line: 1}
}

// Delimiters returns the delimiters of the current interchange.
func (r *Reader) Delimiters() Delimiters { return r.delims }

// Problems returns the envelope problems found so far (lenient mode).
func (r *Reader) Problems() ErrorList { return r.problems }

// Offset returns the input offset of the next unread byte.
func (r *Reader) Offset() int64 { return r.base + int64(r.start) }

// Next returns the next segment, or io.EOF after the last one. The
// segment is valid until the next call. Errors are sticky: after a
// non-EOF error every later call returns the same error.
func (r *Reader) Next() (*Segment, error) {
	if r.err != nil {
		return nil, r.err
	}
	seg, err := r.next()
	if err != nil {
		if err == io.EOF {
			if perr := r.env.finish(r); perr != nil {
				r.err = perr
				return nil, perr
			}
		}
		r.err = err
		return nil, err
	}
	return seg, nil
}

func (r *Reader) fail(sentinel error, pos Position, msg string) *Error {
	return &Error{File: r.File, Pos: pos, Err: sentinel, Msg: msg}
}

// fill reads more input, keeping buf[r.start:] and growing the buffer
// up to the segment limit. It returns false when no more data can come.
func (r *Reader) fill() bool {
	if r.eof {
		return false
	}
	if r.buf == nil {
		r.buf = make([]byte, 64<<10)
	}
	if r.start > 0 {
		n := copy(r.buf, r.buf[r.start:r.end])
		r.base += int64(r.start)
		r.end = n
		r.start = 0
	}
	if r.end == len(r.buf) {
		max := r.Limits.withDefaults().MaxSegmentLength + isaLen + 8
		if len(r.buf) >= max {
			return false
		}
		nb := make([]byte, min(2*len(r.buf), max))
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := r.r.Read(r.buf[r.end:])
		r.end += n
		if err != nil {
			r.eof = true
			if err != io.EOF {
				r.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	r.eof = true
	r.rerr = io.ErrNoProgress
	return false
}

// pos returns the position of the byte at buf index i.
func (r *Reader) pos(i int) Position {
	off := r.base + int64(i)
	return Position{Offset: off, Line: r.line, Column: int(off-r.lineStart) + 1, Segment: r.ordinal + 1}
}

func (r *Reader) next() (*Segment, error) {
	if !r.began {
		if err := r.begin(); err != nil {
			return nil, err
		}
	}
	// Skip CR/LF (and other white space) between segments.
	for {
		for r.start < r.end {
			c := r.buf[r.start]
			if c == '\n' {
				r.line++
				r.lineStart = r.base + int64(r.start) + 1
			} else if c != '\r' && c != ' ' && c != '\t' {
				goto data
			}
			r.start++
		}
		if !r.fill() {
			if r.rerr != nil {
				return nil, r.fail(r.rerr, r.pos(r.start), "read failed")
			}
			return nil, io.EOF
		}
	}
data:
	if r.env.needISA() || r.startsISA() {
		if err := r.readISA(); err != nil {
			return nil, err
		}
	}
	lim := r.Limits.withDefaults()
	var term int
	hasTerm := true
	for {
		term = bytes.IndexByte(r.buf[r.start:r.end], r.delims.Segment)
		if term >= 0 {
			break
		}
		if r.end-r.start > lim.MaxSegmentLength {
			return nil, r.fail(ErrSegmentTooLong, r.pos(r.start), "")
		}
		if !r.fill() {
			if r.rerr != nil {
				return nil, r.fail(r.rerr, r.pos(r.start), "read failed")
			}
			if r.end-r.start > lim.MaxSegmentLength {
				return nil, r.fail(ErrSegmentTooLong, r.pos(r.start), "")
			}
			// Last segment without a terminator: keep it, note it.
			term = r.end - r.start
			hasTerm = false
			if err := r.problem(&Error{Pos: r.pos(r.start), Err: ErrUnexpectedEOF, Msg: "last segment has no terminator", Code: Code{"TA1", "023"}}); err != nil {
				return nil, err
			}
			break
		}
	}
	if term > lim.MaxSegmentLength {
		return nil, r.fail(ErrSegmentTooLong, r.pos(r.start), "")
	}
	raw := r.buf[r.start : r.start+term]
	pos := r.pos(r.start)
	s := &r.seg
	s.raw = raw
	s.delims = r.delims
	s.split()
	if len(s.ends)-1 > lim.MaxElements {
		return nil, r.fail(ErrTooManyElements, pos, "")
	}
	id := s.Element(0)
	if r.paddedISA && len(id) > 3 && string(trimSpace(id)) == "ISA" {
		id = id[:3]
	}
	s.ID = internID(id)
	pos.SegmentID = s.ID
	r.ordinal++
	// Advance past the segment and its terminator, counting newlines.
	if bytes.IndexByte(raw, '\n') >= 0 {
		r.line += bytes.Count(raw, []byte{'\n'})
		r.lineStart = r.base + int64(r.start+bytes.LastIndexByte(raw, '\n')) + 1
	}
	r.start += term
	if hasTerm {
		if r.delims.Segment == '\n' {
			r.line++
			r.lineStart = r.base + int64(r.start) + 1
		}
		r.start++
	}
	s.Pos = pos
	if !validID(id) {
		id := "segment id"
		if len(s.ID) <= 3 {
			id = "segment id " + quoteID(s.ID)
		}
		if err := r.problem(&Error{Pos: pos, Err: ErrBadSegmentID, Msg: id, Code: Code{"IK3", "1"}}); err != nil {
			return nil, err
		}
	}
	if err := r.env.track(r, s); err != nil {
		return nil, err
	}
	return s, nil
}

func quoteID(id string) string {
	b := []byte{'"'}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < 0x20 || c > 0x7e {
			b = append(b, '\\', 'x', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			continue
		}
		b = append(b, c)
	}
	return string(append(b, '"'))
}

// problem records an envelope problem; in strict mode it returns it as
// the fatal error.
func (r *Reader) problem(e *Error) error {
	e.File = r.File
	if r.Strict {
		return e
	}
	r.problems = append(r.problems, e)
	return nil
}

// begin checks the start of input: BOM, UTF-16, leading white space.
func (r *Reader) begin() error {
	r.began = true
	for r.end-r.start < 4 && r.fill() {
	}
	b := r.buf[r.start:r.end]
	if len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) ||
		len(b) >= 4 && (b[1] == 0 && b[3] == 0 || b[0] == 0 && b[2] == 0) {
		return r.fail(ErrUTF16, r.pos(r.start), "convert the file to ASCII or UTF-8 first")
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		r.start += 3
		r.lineStart = 3
	}
	if r.rerr != nil {
		return r.fail(r.rerr, r.pos(r.start), "read failed")
	}
	return nil
}

// skipPreamble drops n bytes of text before the first ISA and notes it.
func (r *Reader) skipPreamble(n int) bool {
	pos := r.pos(r.start)
	for _, c := range r.buf[r.start : r.start+n] {
		if c == '\n' {
			r.line++
		}
	}
	r.start += n
	r.lineStart = r.base + int64(r.start)
	return r.problem(&Error{Pos: pos, Err: ErrNoISA, Code: Code{"TA1", "024"},
		Msg: "skipped " + string(appendInt(nil, int64(n))) + " bytes of text before the first ISA"}) == nil
}

// startsISA reports whether the unread data starts a new ISA segment in
// the current delimiters.
func (r *Reader) startsISA() bool {
	for r.end-r.start < 4 && r.fill() {
	}
	b := r.buf[r.start:r.end]
	return len(b) >= 4 && b[0] == 'I' && b[1] == 'S' && b[2] == 'A' && !isAlnum(b[3]) && b[3] != ' ' && b[3] != r.delims.Segment
}

// readISA takes the delimiters from the ISA at r.start.
func (r *Reader) readISA() error {
	for r.end-r.start < isaLen+2 && r.fill() {
	}
	b := r.buf[r.start:r.end]
	pos := r.pos(r.start)
	if len(b) < 3 || string(b[:3]) != "ISA" {
		if !r.env.seenISA {
			// Tolerate a text preamble before the first ISA (some files
			// carry a description): the ISA must start a line.
			i := bytes.Index(b, []byte("\nISA"))
			if i < 0 || !r.skipPreamble(i+1) {
				return r.fail(ErrNoISA, pos, "")
			}
			return r.readISA()
		}
		// Data after an IEA that is not a new interchange: reported by
		// the envelope tracker; keep the old delimiters.
		return nil
	}
	pos.SegmentID = "ISA"
	if len(b) < 4 {
		return r.fail(ErrBadISA, pos, "input ends inside ISA")
	}
	es := b[3]
	r.paddedISA = es == ' '
	if es == ' ' {
		// "ISA *00 *..." pads every element: the separator is the first
		// byte that is not a space.
		for i := 3; i < len(b) && i < 16; i++ {
			if b[i] != ' ' {
				es = b[i]
				break
			}
		}
	}
	fixed := len(b) >= isaLen
	if fixed {
		for _, i := range isaSeps {
			if b[i] != es {
				fixed = false
				break
			}
		}
	}
	var comp, term byte
	var rep byte
	if fixed {
		comp, term = b[104], b[105]
		rep = b[82]
		ver := b[84:89]
		if string(ver) < "00402" || isAlnum(rep) {
			rep = 0
		}
	} else {
		// Not fixed width: find the 16 separators, then ISA16 and the terminator.
		n, i := 0, 3
		var sepAt [16]int
		for ; i < len(b) && n < 16; i++ {
			if b[i] == es {
				sepAt[n] = i
				n++
			}
			if i > 1024 {
				break
			}
		}
		if n < 16 || i+1 >= len(b) {
			return r.fail(ErrBadISA, pos, "ISA does not have 16 elements")
		}
		comp, term = b[i], b[i+1]
		if r11 := trimSpace(b[sepAt[10]+1 : sepAt[11]]); len(r11) == 1 {
			rep = r11[0]
			ver := trimSpace(b[sepAt[11]+1 : sepAt[12]])
			if string(ver) < "00402" || isAlnum(rep) {
				rep = 0
			}
		}
	}
	d := Delimiters{Element: es, Repetition: rep, Component: comp, Segment: term}
	if rep != 0 && (rep == es || rep == comp || rep == term) {
		// ISA11 clashes with another delimiter: read the interchange
		// without repetitions.
		d.Repetition = 0
		if err := r.problem(&Error{Pos: pos.WithElement(11), Err: ErrBadDelimiters, Code: Code{"TA1", "016"},
			Msg: "ISA11 repetition separator is also another delimiter; repetitions are not split"}); err != nil {
			return err
		}
	}
	if d.Validate() != nil {
		code := "026"
		switch {
		case isAlnum(term) || term == ' ' || term == es || term == comp:
			code = "004"
		case isAlnum(comp) || comp == ' ' || comp == es:
			code = "027"
		}
		return &Error{File: r.File, Pos: pos, Err: ErrBadDelimiters, Msg: "ISA declares unusable delimiters", Code: Code{"TA1", code}}
	}
	r.delims = d
	return nil
}
