package x12

import (
	"bytes"
	"io"
	"strconv"
)

// Limits cap what a Reader accepts from hostile input. A zero field takes
// its default.
type Limits struct {
	// MaxSegmentLength is the longest segment in bytes, terminator not
	// counted (default 1 MiB; at least 105, the length of an ISA).
	MaxSegmentLength int
	// MaxElements is the most elements in one segment, the ID not counted
	// (default 1024; at least 16, the elements of an ISA).
	MaxElements int
	// MaxSetSegments is the most segments in one transaction set
	// (default 10,000,000).
	MaxSetSegments int
}

func (l Limits) withDefaults() Limits {
	if l.MaxSegmentLength <= 0 {
		l.MaxSegmentLength = 1 << 20
	}
	l.MaxSegmentLength = max(l.MaxSegmentLength, isaLen-1)
	if l.MaxElements <= 0 {
		l.MaxElements = 1024
	}
	l.MaxElements = max(l.MaxElements, 16)
	if l.MaxSetSegments <= 0 {
		l.MaxSetSegments = 10_000_000
	}
	return l
}

const (
	// isaLen is the length of a fixed-width ISA including its terminator.
	isaLen = 106
	// isaScan is how far a non-fixed-width ISA is searched for its 16
	// element separators.
	isaScan = 1024
	// maxPreamble is the most text skipped before the first ISA.
	maxPreamble = 64 << 10
	// bufSize is the initial read buffer.
	bufSize = 64 << 10
)

// isaSeps are the offsets of the 16 element separators of a fixed-width ISA.
var isaSeps = [16]int{3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103}

// Reader reads segments from an X12 input, one at a time, and checks the
// envelopes (ISA/IEA, GS/GE, ST/SE) as it goes.
//
// Delimiters are taken from each ISA, so a file may hold interchanges
// with different delimiters. CR and LF after segment terminators, a UTF-8
// byte order mark and leading white space are skipped; a UTF-16 input is
// refused with ErrUTF16. Memory is bounded by the largest segment.
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

	r     io.Reader
	buf   []byte
	start int   // next unread byte in buf
	end   int   // end of valid data in buf
	base  int64 // input offset of buf[0]
	eof   bool  // r has no more data
	rerr  error // read error from r, reported once data is used up
	err   error // sticky error
	seg   Segment
	lim   Limits

	delims Delimiters
	began  bool
	// paddedISA: the ISA pads each element with spaces ("ISA *00 *").
	paddedISA bool
	// isaEnd is the length of the ISA segment at start when readISA
	// has just read one, else 0.
	isaEnd int

	line      int   // line of the byte at start
	lineStart int64 // input offset of the first byte of that line
	ordinal   int

	env      envelope
	problems ErrorList
	ids      idCache
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, line: 1}
}

// Delimiters returns the delimiters of the current interchange.
func (r *Reader) Delimiters() Delimiters { return r.delims }

// Problems returns the envelope problems found so far (lenient mode), in
// input order.
func (r *Reader) Problems() ErrorList { return r.problems }

// Offset returns the input offset of the next unread byte.
func (r *Reader) Offset() int64 { return r.base + int64(r.start) }

// Next returns the next segment, or io.EOF after the last one. The
// segment is valid until the next call. Errors are sticky: after a
// non-EOF error every later call returns the same error. Every error is
// an *Error.
func (r *Reader) Next() (*Segment, error) {
	if r.err != nil {
		return nil, r.err
	}
	seg, err := r.next()
	if err != nil {
		if err == io.EOF {
			if perr := r.env.finish(r); perr != nil {
				err = perr
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

// readFailed wraps a read error of the underlying reader.
func (r *Reader) readFailed() error {
	return r.fail(r.rerr, r.pos(r.start), "read failed")
}

// fill reads more input after buf[r.end], keeping buf[r.start:] and
// growing the buffer up to the segment limit. It returns false when no
// byte was added: at the end of input, after a read error, or when the
// buffer is at its largest and full.
func (r *Reader) fill() bool {
	if r.eof {
		return false
	}
	if r.buf == nil {
		r.buf = make([]byte, bufSize)
	}
	if r.start > 0 && (r.end == len(r.buf) || r.start == r.end) {
		n := copy(r.buf, r.buf[r.start:r.end])
		r.base += int64(r.start)
		r.end = n
		r.start = 0
	}
	if r.end == len(r.buf) {
		limit := max(r.lim.MaxSegmentLength+isaScan+8, maxPreamble+isaScan+8)
		if len(r.buf) >= limit {
			return false
		}
		nb := make([]byte, min(2*len(r.buf), limit))
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	for range 100 {
		n, err := r.r.Read(r.buf[r.end:])
		if n < 0 || n > len(r.buf)-r.end {
			n, err = 0, io.ErrShortBuffer
		}
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

// want fills until n bytes are buffered after start or no more can come.
func (r *Reader) want(n int) {
	for r.end-r.start < n && r.fill() {
	}
}

// pos returns the position of the byte at buf index i, on the current line.
func (r *Reader) pos(i int) Position {
	off := r.base + int64(i)
	return Position{Offset: off, Line: r.line, Column: int(off-r.lineStart) + 1, Segment: r.ordinal + 1}
}

// newline notes a line break at buf index i.
func (r *Reader) newline(i int) {
	r.line++
	r.lineStart = r.base + int64(i) + 1
}

func (r *Reader) next() (*Segment, error) {
	if !r.began {
		if err := r.begin(); err != nil {
			return nil, err
		}
	}
	// Skip CR, LF, spaces and tabs between segments.
	for {
		for r.start < r.end {
			switch r.buf[r.start] {
			case '\n':
				r.newline(r.start)
			case '\r', ' ', '\t':
			default:
				goto data
			}
			r.start++
		}
		if !r.fill() {
			if r.rerr != nil {
				return nil, r.readFailed()
			}
			return nil, io.EOF
		}
	}
data:
	r.isaEnd = 0
	if !r.env.seenISA || r.buf[r.start] == 'I' && r.startsISA() {
		if err := r.readISA(); err != nil {
			return nil, err
		}
	}
	term := r.delims.Segment
	var n int // segment length without terminator
	hasTerm := true
	if r.isaEnd > 0 {
		n = r.isaEnd
	} else if n = bytes.IndexByte(r.buf[r.start:r.end], term); n < 0 {
		var err error
		if n, hasTerm, err = r.findTerm(term); err != nil {
			return nil, err
		}
	}
	if n > r.lim.MaxSegmentLength {
		return nil, r.fail(ErrSegmentTooLong, r.pos(r.start), "")
	}
	raw := r.buf[r.start : r.start+n]
	if term == '\n' && r.isaEnd == 0 {
		for len(raw) > 0 && raw[len(raw)-1] == '\r' {
			raw = raw[:len(raw)-1] // CRLF ends the segment
		}
	}
	s := &r.seg
	s.raw = raw
	s.delims = r.delims
	ctrl := s.split()
	id := raw[:s.ends[0]]
	if r.paddedISA && len(id) > 3 && string(trimSpace(id)) == "ISA" {
		id = id[:3]
	}
	var valid, env, hit bool
	if len(id) == 2 || len(id) == 3 {
		// The ID cache, looked up here for speed; internSlow fills it.
		k := uint32(len(id))<<24 | uint32(id[0])<<16 | uint32(id[1])<<8
		if len(id) == 3 {
			k |= uint32(id[2])
		}
		if sl := &r.ids[idHash(k)]; sl.key == k {
			s.ID, valid, env, hit = sl.id, sl.valid, sl.env, true
		}
	}
	if !hit {
		s.ID, valid, env = r.internSlow(id)
	}
	off := r.base + int64(r.start)
	// Field by field: cheaper than a struct literal with a pointer.
	p := &s.Pos
	p.Offset, p.Line, p.Column, p.Segment = off, r.line, int(off-r.lineStart)+1, r.ordinal+1
	p.SetPosition, p.Element, p.Component, p.Repetition = 0, 0, 0, 0
	p.SegmentID = s.ID
	if s.Len() > r.lim.MaxElements {
		return nil, r.fail(ErrTooManyElements, s.Pos, strconv.Itoa(s.Len())+" elements")
	}
	r.ordinal++
	// Advance past the segment and its terminator, counting line breaks.
	if ctrl {
		for i, c := range raw {
			if c == '\n' {
				r.newline(r.start + i)
			}
		}
	}
	r.start += n
	if hasTerm {
		if term == '\n' {
			r.newline(r.start)
		}
		r.start++
	}
	if e := &r.env; e.inST && !env {
		// The common case: a segment inside a transaction set.
		e.setSegs++
		s.Pos.SetPosition = e.setSegs
		if e.setSegs > r.lim.MaxSetSegments {
			return nil, r.fail(ErrTooManySegments, s.Pos, "transaction set "+string(e.stNum))
		}
	} else if err := r.env.track(r, s); err != nil {
		return nil, err
	}
	if !hasTerm || !valid || ctrl {
		// After the envelope tracking, so these problems carry the
		// segment's position in its transaction set.
		if err := r.irregular(s, len(id), hasTerm, valid, ctrl); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// irregular reports what is wrong with segment s, whose ID is idLen
// bytes long: no terminator at the end of input, a malformed ID, control
// characters in data.
func (r *Reader) irregular(s *Segment, idLen int, hasTerm, valid, ctrl bool) error {
	if term := s.delims.Segment; !hasTerm && term != '\n' && term != '\r' {
		// A text file whose terminator is a line break often lacks the
		// final one; anything else is noted.
		if err := r.problem(&Error{Pos: s.Pos, Err: ErrUnexpectedEOF, Code: Code{"TA1", "023"}, Msg: "last segment has no terminator"}); err != nil {
			return err
		}
	}
	if !valid {
		msg := "segment id"
		if idLen <= 3 {
			msg = "segment id " + quoteID(s.ID)
		}
		if err := r.problem(&Error{Pos: s.Pos, Err: ErrBadSegmentID, Msg: msg, Code: Code{"IK3", "1"}}); err != nil {
			return err
		}
	}
	if ctrl {
		return r.checkControl(s)
	}
	return nil
}

// findTerm reads on until the segment at r.start has its terminator and
// returns its length, or the length of the rest of the input (hasTerm
// false) at the end.
func (r *Reader) findTerm(term byte) (n int, hasTerm bool, err error) {
	for {
		scanned := r.end - r.start
		if scanned > r.lim.MaxSegmentLength {
			return 0, false, r.fail(ErrSegmentTooLong, r.pos(r.start), "no segment terminator within the limit")
		}
		if !r.fill() {
			if r.end-r.start > r.lim.MaxSegmentLength {
				return 0, false, r.fail(ErrSegmentTooLong, r.pos(r.start), "no segment terminator within the limit")
			}
			if r.rerr != nil {
				return 0, false, r.readFailed()
			}
			// Last segment without a terminator: keep it (noted later).
			return r.end - r.start, false, nil
		}
		if j := bytes.IndexByte(r.buf[r.start+scanned:r.end], term); j >= 0 {
			return scanned + j, true, nil
		}
	}
}

// checkControl reports the first control character in the data of s
// (a line break inside an element, for example). Delimiters that are
// control characters are not data.
func (r *Reader) checkControl(s *Segment) error {
	d := s.delims
	for i, c := range s.raw {
		if c >= 0x20 || c == d.Element || c == d.Component || (c == d.Repetition && c != 0) {
			continue
		}
		el := 0
		for el < len(s.ends) && int(s.ends[el]) < i {
			el++
		}
		return r.problem(&Error{Pos: s.Pos.WithElement(el), Err: ErrBadCharacter, Code: Code{"IK4", "6"},
			Msg: quoteID(string(c))})
	}
	return nil
}

func quoteID(id string) string {
	b := []byte{'"'}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
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

// begin checks the start of input: BOM, UTF-16.
func (r *Reader) begin() error {
	r.began = true
	r.lim = r.Limits.withDefaults()
	r.want(4)
	b := r.buf[r.start:r.end]
	if len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) ||
		len(b) >= 4 && (b[1] == 0 && b[3] == 0 || b[0] == 0 && b[2] == 0) {
		return r.fail(ErrUTF16, r.pos(r.start), "convert the file to ASCII or UTF-8 first")
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		r.start += 3
		r.lineStart = 3
	}
	if r.rerr != nil && r.start == r.end {
		return r.readFailed()
	}
	return nil
}

// skipPreamble drops n bytes of text before the first ISA and notes it.
func (r *Reader) skipPreamble(n int) error {
	pos := r.pos(r.start)
	for i, c := range r.buf[r.start : r.start+n] {
		if c == '\n' {
			r.newline(r.start + i)
		}
	}
	r.start += n
	return r.problem(&Error{Pos: pos, Err: ErrNoISA, Code: Code{"TA1", "024"},
		Msg: "skipped " + string(appendInt(nil, int64(n))) + " bytes of text before the first ISA"})
}

// startsISA reports whether the unread data starts a new ISA segment:
// "ISA" followed by a byte that can be an element separator.
func (r *Reader) startsISA() bool {
	r.want(4)
	b := r.buf[r.start:r.end]
	return len(b) >= 4 && b[0] == 'I' && b[1] == 'S' && b[2] == 'A' && !isAlnum(b[3]) && b[3] != r.delims.Segment
}

// isISAAt reports whether b[i:] starts with "ISA" and a separator.
func isISAAt(b []byte, i int) bool {
	return i+3 < len(b) && b[i] == 'I' && b[i+1] == 'S' && b[i+2] == 'A' && !isAlnum(b[i+3])
}

// readISA takes the delimiters from the ISA at r.start and sets isaEnd.
func (r *Reader) readISA() error {
	r.want(isaScan + 2)
	b := r.buf[r.start:r.end]
	if !isISAAt(b, 0) && !(len(b) == 3 && string(b) == "ISA") {
		if r.env.seenISA {
			// Data after an IEA that is not a new interchange: reported
			// by the envelope tracker; keep the old delimiters.
			return nil
		}
		// Tolerate a text preamble before the first ISA (some files
		// carry a description): the ISA must start a line.
		r.want(maxPreamble + isaScan + 2)
		b = r.buf[r.start:r.end]
		for i := bytes.IndexByte(b, '\n'); i >= 0 && i < maxPreamble; {
			if isISAAt(b, i+1) {
				if err := r.skipPreamble(i + 1); err != nil {
					return err
				}
				return r.readISA()
			}
			j := bytes.IndexByte(b[i+1:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
		}
		return r.fail(ErrNoISA, r.pos(r.start), "")
	}
	pos := r.pos(r.start)
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
	fixed := len(b) >= isaLen && !r.paddedISA
	if fixed {
		for _, i := range isaSeps {
			if b[i] != es {
				fixed = false
				break
			}
		}
	}
	var comp, term, rep byte
	var ver []byte
	if fixed {
		comp, term = b[104], b[105]
		rep, ver = b[82], b[84:89]
		r.isaEnd = isaLen - 1
	} else {
		// Not fixed width: find the 16 separators, then ISA16 and the
		// terminator.
		var sepAt [16]int
		n, i := 0, 3
		for ; i < len(b) && i < isaScan && n < 16; i++ {
			if b[i] == es {
				sepAt[n] = i
				n++
			}
		}
		if n < 16 {
			return r.fail(ErrBadISA, pos, "ISA does not have 16 elements")
		}
		// ISA16 is one byte, possibly padded with spaces.
		for i < len(b) && b[i] == ' ' && r.paddedISA {
			i++
		}
		if i+1 >= len(b) {
			return r.fail(ErrBadISA, pos, "input ends inside ISA")
		}
		comp = b[i]
		j := i + 1
		for j < len(b)-1 && b[j] == ' ' && r.paddedISA {
			j++
		}
		term = b[j]
		r.isaEnd = j
		// The ISA must end at its own terminator: if the terminator
		// appears before it, the separators counted belong to later
		// segments.
		if bytes.IndexByte(b[:i], term) >= 0 {
			r.isaEnd = 0
			return r.fail(ErrBadISA, pos, "ISA does not have 16 elements")
		}
		if r11 := trimSpace(b[sepAt[10]+1 : sepAt[11]]); len(r11) == 1 {
			rep = r11[0]
		}
		ver = trimSpace(b[sepAt[11]+1 : sepAt[12]])
	}
	if string(ver) < "00402" || isAlnum(rep) || rep == ' ' {
		rep = 0
	}
	d := Delimiters{Element: es, Repetition: rep, Component: comp, Segment: term}
	if rep != 0 && (rep == es || rep == comp || rep == term) {
		// ISA11 clashes with another delimiter: read the interchange
		// without repetitions.
		d.Repetition = 0
		if err := r.problem(&Error{Pos: pos.WithElement(11), Err: ErrBadDelimiters, Code: Code{"TA1", "016"},
			Msg: "ISA11 repetition separator is also another delimiter; repetitions are not split"}); err != nil {
			r.isaEnd = 0
			return err
		}
	}
	if d.Validate() != nil {
		r.isaEnd = 0
		code, el := "026", 0
		switch {
		case isAlnum(term) || term == ' ' || term == 0 || term == es || term == comp:
			code = "004"
		case isAlnum(comp) || comp == ' ' || comp == 0 || comp == es:
			code, el = "027", 16
		}
		return &Error{File: r.File, Pos: pos.WithElement(el), Err: ErrBadDelimiters, Msg: "ISA declares unusable delimiters", Code: Code{"TA1", code}}
	}
	r.delims = d
	return nil
}
