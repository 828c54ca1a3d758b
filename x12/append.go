package x12

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
)

// AppendSegment writes one segment that the caller has built with w's
// delimiters: b is the segment ID and its elements, joined with w's
// element, component and repetition separators, without the terminator.
// It is the fast path for encoders that assemble segments themselves;
// the element calls are simpler to use.
//
// The separators in b are its structure, so the caller must make sure
// that no value it puts into b holds one of them (the element calls check
// this themselves). AppendSegment checks the rest: the ID must be 2-3
// upper-case letters or digits (ErrBadSegmentID); envelope segments (ISA,
// GS, ST, SE, GE, IEA) are written only by the Begin and End calls
// (ErrWriterState); and a control character or the segment terminator
// anywhere in b is refused with ErrDelimiterInData, positioned at its
// element, component and repetition. Trailing separators (empty trailing
// elements, components and repetitions) are dropped, as the element calls
// drop them; otherwise b is copied as it is. The segment counts towards
// SE01 like any other. A refused segment writes nothing, and the error is
// sticky. w does not keep b.
func (w *Writer) AppendSegment(b []byte) error {
	if err := w.readyBuilt("AppendSegment"); err != nil {
		return err
	}
	n, ok := w.builtID(b)
	if !ok {
		w.err = &Error{Pos: Position{Offset: w.offset(), Segment: w.ordinal + 1}, Err: ErrBadSegmentID, Msg: "segment id " + quoteID(string(b[:n]))}
		return w.err
	}
	if id := b[:n]; envelopeID(id) {
		return w.stateErr("AppendSegment given an envelope segment " + string(id))
	}
	for len(b) > n && w.sep[b[len(b)-1]] {
		b = b[:len(b)-1]
	}
	if i := w.copyBuilt(b); i >= 0 {
		return w.builtErr(b, n, i)
	}
	w.ordinal++
	if w.inST {
		w.setSegs++
	}
	return w.terminate()
}

// AppendCheckedSegments writes n segments that the caller has built with
// w's delimiters and has checked itself: b holds the n segments, each
// ended by w's terminator (with no line feeds: with Newline, w adds
// them).
//
// It is the fast path for an encoder that looks every value up in a table
// of byte classes before it builds its segments, as the 837P encoder
// does. Such a caller answers for what AppendSegment checks byte by byte:
// each segment starts with a valid ID that is not an envelope segment's
// and has no trailing separators, and no value in it holds a separator,
// the terminator or a control character. AppendCheckedSegments checks
// what it can without reading b a byte at a time: that b ends with a
// terminator and holds exactly n of them (a terminator in a value shows
// as one too many), else ErrDelimiterInData. It does not look for control
// characters or bad IDs: segments built from values nobody checked go
// through AppendSegment or the element calls.
//
// The segments count towards SE01. A refused call writes nothing, and the
// error is sticky.
func (w *Writer) AppendCheckedSegments(b []byte, n int) error {
	if err := w.readyBuilt("AppendCheckedSegments"); err != nil {
		return err
	}
	if n == 0 && len(b) == 0 {
		return nil
	}
	term := w.d.Segment
	if len(b) == 0 || b[len(b)-1] != term || bytes.Count(b, []byte{term}) != n {
		w.err = &Error{Pos: Position{Offset: w.offset(), Segment: w.ordinal + 1}, Err: ErrDelimiterInData,
			Msg: "checked segments do not hold " + strconv.Itoa(n) + " terminators, the last at the end"}
		return w.err
	}
	if w.Newline && term != '\n' {
		for len(b) > 0 {
			k := bytes.IndexByte(b, term) + 1
			w.buf = append(w.buf, b[:k]...)
			w.buf = append(w.buf, '\n')
			b = b[k:]
		}
	} else {
		w.buf = append(w.buf, b...)
	}
	w.ordinal += n
	if w.inST {
		w.setSegs += n
	}
	if len(w.buf) >= flushAt {
		w.flush()
	}
	return w.err
}

// readyBuilt checks that call, which writes built segments, may write:
// no sticky error, not closed, not inside a segment, and valid delimiters
// (checked the first time: they never change after NewWriter).
func (w *Writer) readyBuilt(call string) error {
	if err := w.ready(); err != nil {
		return err
	}
	if w.inSeg {
		return w.stateErr(call + " inside a segment")
	}
	if !w.delimsOK {
		if err := w.d.Validate(); err != nil {
			w.err = err
			return err
		}
		w.delimsOK = true
	}
	return nil
}

// envelopeID reports whether id is that of an envelope segment, which
// only the Begin and End calls write.
func envelopeID(id []byte) bool {
	if !isEnvelope[id[0]] {
		return false
	}
	switch string(id) {
	case "ISA", "GS", "ST", "SE", "GE", "IEA":
		return true
	}
	return false
}

// builtID returns the length of the segment ID that b starts with (up to
// the first element separator, looking at most four bytes far), and
// whether it is a valid ID (validID). When it is not, n covers what was
// looked at.
func (w *Writer) builtID(b []byte) (n int, ok bool) {
	head := b[:min(len(b), 4)]
	if n = bytes.IndexByte(head, w.d.Element); n < 0 {
		n = len(head)
	}
	return n, validID(b[:n])
}

// isEnvelope marks the first letters of the envelope segments' IDs.
var isEnvelope = [256]bool{'I': true, 'G': true, 'S': true}

// copyBuilt appends b to the pending output unless it holds a byte that
// AppendSegment refuses, whose index it then returns (and the output is
// unchanged); it returns -1 when b was appended.
//
// It copies eight bytes at a time, the last word overlapping the one
// before when the length is not a multiple of eight, and tests each word
// on the way (see wordScan); only when a word may hold a refused byte does
// it look at b byte by byte.
func (w *Writer) copyBuilt(b []byte) int {
	n := len(b)
	if !w.scan.ok || n < 8 {
		return w.appendChecked(b)
	}
	if cap(w.buf)-len(w.buf) < n {
		w.buf = slices.Grow(w.buf, n)
	}
	start := len(w.buf)
	dst := w.buf[start : start+n]
	high, term := w.scan.high, w.scan.term
	last := n - 8
	for i := 0; ; i += 8 {
		i = min(i, last)
		v := binary.LittleEndian.Uint64(b[i:])
		bad := (v-0x20*lsb)&^v | (v + high) | v
		if term != 0 {
			t := v ^ term
			bad |= (t - lsb) &^ t
		}
		if bad&msb != 0 {
			return w.appendChecked(b)
		}
		binary.LittleEndian.PutUint64(dst[i:], v)
		if i == last {
			break
		}
	}
	w.buf = w.buf[:start+n]
	return -1
}

// appendChecked is copyBuilt a byte at a time.
func (w *Writer) appendChecked(b []byte) int {
	for i, c := range b {
		if w.inBuilt[c] {
			return i
		}
	}
	w.buf = append(w.buf, b...)
	return -1
}

// wordScan holds what copyBuilt needs to test eight bytes at once for the
// bytes AppendSegment refuses, with the classic bit tricks on 64-bit
// words: (v - 0x20…) &^ v sets the high bit of some byte when a byte of v
// is below 0x20, (v + k…) | v when a byte is above 0x7f - k, and
// (t - 0x01…) &^ t when a byte of t is zero (t = v ^ term…).
// These find whether such a byte exists, not which: a word that passes
// holds none; one that fails is looked at byte by byte, so bytes above
// 0x7f (never delimiters here) only cost the slower path.
type wordScan struct {
	ok   bool   // the test applies: no separator is a control character or DEL
	high uint64 // k in each byte: bytes from 0x80 - k up are suspect
	term uint64 // the terminator in each byte, when high does not cover it; else 0
}

func newWordScan(d Delimiters) wordScan {
	for _, c := range []byte{d.Element, d.Component, d.Repetition} {
		if c != 0 && (c < 0x20 || c == 0x7f) {
			return wordScan{}
		}
	}
	s := wordScan{ok: true, high: 1 * lsb} // from DEL up
	switch t := d.Segment; {
	case t < 0x20 || t >= 0x7f: // a control character or a high byte
	case t == 0x7e: // the usual ~
		s.high = 2 * lsb
	default:
		s.term = uint64(t) * lsb
	}
	return s
}

// builtErr records the refused byte at b[i] of a built segment whose ID
// is b[:n], positioned at its element, component and repetition.
func (w *Writer) builtErr(b []byte, n, i int) error {
	pos := Position{Offset: w.offset(), Segment: w.ordinal + 1, SegmentID: string(b[:n])}
	if w.inST {
		pos.SetPosition = w.setSegs + 1
	}
	el, rep, comp := 0, 1, 1
	for _, c := range b[n:i] {
		switch {
		case c == w.d.Element:
			el, rep, comp = el+1, 1, 1
		case c == w.d.Repetition && c != 0:
			rep, comp = rep+1, 1
		case c == w.d.Component:
			comp++
		}
	}
	pos = pos.WithComponent(el, comp)
	pos.Repetition = rep
	w.err = &Error{Pos: pos, Err: ErrDelimiterInData, Msg: "data contains " + w.badWhat(b[i])}
	return w.err
}
