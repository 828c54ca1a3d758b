package x12

import (
	"io"
	"strconv"
)

// ControlKind names which control number a ControlNumbers source is asked for.
type ControlKind int

// The three control numbers of an X12 envelope.
const (
	InterchangeControl ControlKind = iota + 1 // ISA13 / IEA02
	GroupControl                              // GS06 / GE02
	SetControl                                // ST02 / SE02
)

// ControlNumbers hands out control numbers. Implementations that persist
// them (a ledger) guarantee they are never reused.
type ControlNumbers interface {
	Next(kind ControlKind) (int64, error)
}

// Sequence is an in-memory ControlNumbers: each kind counts up from its
// start value. It is for tests, demos and one-off files; a daemon uses a
// persistent source.
type Sequence struct {
	next [4]int64
}

// NewSequence returns a Sequence whose first number of each kind is start.
func NewSequence(start int64) *Sequence {
	return &Sequence{next: [4]int64{start, start, start, start}}
}

// Next returns the next number of kind.
func (s *Sequence) Next(kind ControlKind) (int64, error) {
	if kind < InterchangeControl || kind > SetControl {
		return 0, ErrWriterState
	}
	v := s.next[kind]
	s.next[kind]++
	return v, nil
}

// Writer writes X12 segments with envelopes. It computes SE01, GE01 and
// IEA01 itself, pads the ISA, drops trailing empty elements and
// components, and refuses data that contains a delimiter.
//
// Set the exported fields before the first call. Errors are sticky: after
// one, every call returns it. Close ends whatever envelopes are open.
type Writer struct {
	// Newline writes a line feed after each segment terminator.
	Newline bool
	// ControlNumbers supplies ISA13, GS06 and ST02 when a header does not
	// carry one. Without it, a header must carry its own number.
	ControlNumbers ControlNumbers

	out     io.Writer
	buf     []byte // pending output
	flushed int64  // bytes written to out
	d       Delimiters
	bad     [256]bool // bytes refused in data: delimiters and control characters
	badByte byte      // the last byte checkData refused
	// inBuilt are the bytes AppendSegment refuses: control characters and
	// the segment terminator, but not the separators, which are the
	// structure of a built segment; scan looks for them a word at a time.
	inBuilt [256]bool
	scan    wordScan
	sep     [256]bool // the element, component and repetition separators
	// delimsOK: d passed Validate once (CopySegment checks it only then).
	delimsOK bool
	err      error
	closed   bool

	// current segment
	inSeg      bool
	segID      string
	elem       int // elements written (after ID) incl. pending empties
	pendEmpty  int // empty elements not yet written
	pos        Position
	ordinal    int
	setSegs    int
	groups     int
	sets       int
	isa, gs    string
	st         string
	inISA      bool
	inGS, inST bool
}

// flushAt is the pending output size at which a segment end flushes.
const flushAt = 64 << 10

// offset returns the output offset of the next byte.
func (w *Writer) offset() int64 { return w.flushed + int64(len(w.buf)) }

// NewWriter returns a Writer to w using delimiters d. It does not check
// d until the first write.
func NewWriter(w io.Writer, d Delimiters) *Writer {
	wr := &Writer{out: w, buf: make([]byte, 0, flushAt+4<<10), d: d}
	for _, c := range []byte{d.Element, d.Component, d.Segment, d.Repetition} {
		if c != 0 {
			wr.bad[c] = true
		}
	}
	// Control characters are never data (the Reader reports them as IK4 6).
	for c := 0; c < 0x20; c++ {
		wr.bad[c] = true
	}
	wr.bad[0x7f] = true
	wr.inBuilt = wr.bad
	for _, c := range []byte{d.Element, d.Component, d.Repetition} {
		if c != 0 {
			wr.inBuilt[c] = false
			wr.sep[c] = true
		}
	}
	wr.inBuilt[d.Segment] = true
	wr.scan = newWordScan(d)
	return wr
}

// Delimiters returns the writer's delimiters.
func (w *Writer) Delimiters() Delimiters { return w.d }

// SetPosition returns the position the next segment will have inside the
// current transaction set (ST = 1), or 0 outside a set.
func (w *Writer) SetPosition() int {
	if !w.inST {
		return 0
	}
	return w.setSegs + 1
}

// Err returns the sticky error, if any.
func (w *Writer) Err() error { return w.err }

func (w *Writer) ready() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		w.err = ErrWriterClosed
		return w.err
	}
	return nil
}

// stateErr records a call out of order, at the current segment or,
// between segments, where the next one would start.
func (w *Writer) stateErr(msg string) error {
	pos := w.pos
	if !w.inSeg {
		pos = Position{Offset: w.offset(), Segment: w.ordinal + 1}
	}
	w.err = &Error{Pos: pos, Err: ErrWriterState, Msg: msg}
	return w.err
}

func (w *Writer) control(kind ControlKind, given string, width int) (string, error) {
	if given != "" {
		return given, nil
	}
	if w.ControlNumbers == nil {
		return "", w.stateErr("no control number given and no ControlNumbers source")
	}
	n, err := w.ControlNumbers.Next(kind)
	if err != nil {
		w.err = err
		return "", err
	}
	if n < 0 {
		return "", w.stateErr("negative control number")
	}
	var tmp [32]byte
	i := len(tmp)
	for v := n; ; v /= 10 {
		i--
		tmp[i] = byte('0' + v%10)
		if v < 10 {
			break
		}
	}
	for len(tmp)-i < width {
		i--
		tmp[i] = '0'
	}
	return string(tmp[i:]), nil
}

// BeginInterchange writes the ISA. Empty fields take defaults: version
// 00501, usage P, ack requested 0, qualifiers ZZ, security and
// authorization qualifiers 00. It returns ISA13.
func (w *Writer) BeginInterchange(h InterchangeHeader) (string, error) {
	if err := w.ready(); err != nil {
		return "", err
	}
	if w.inISA {
		return "", w.stateErr("ISA inside an open interchange")
	}
	if err := w.d.Validate(); err != nil {
		w.err = err
		return "", err
	}
	ctl, err := w.control(InterchangeControl, h.ControlNumber, 9)
	if err != nil {
		return "", err
	}
	if len(ctl) != 9 {
		return "", w.stateErr("ISA13 must be 9 digits")
	}
	rep := "U"
	if w.d.Repetition != 0 {
		rep = string([]byte{w.d.Repetition}) // one byte, even above 0x7f
	}
	tm := h.Time
	tm.Precision = 4
	fields := [16]string{
		or(h.AuthQualifier, "00"), h.AuthInfo, or(h.SecurityQualifier, "00"), h.SecurityInfo,
		or(h.SenderQualifier, "ZZ"), h.SenderID, or(h.ReceiverQualifier, "ZZ"), h.ReceiverID,
		h.Date.YYMMDD(), tm.String(), rep, or(h.Version, "00501"), ctl,
		or(h.AckRequested, "0"), or(h.Usage, "P"), string([]byte{w.d.Component}),
	}
	w.startSeg("ISA")
	mark := len(w.buf)
	w.buf = append(w.buf, "ISA"...)
	for i, f := range fields {
		width := isaWidths[i].width
		if len(f) > width {
			w.buf = w.buf[:mark]
			w.err = &Error{Pos: w.pos.WithElement(i + 1), Err: ErrValueTooLong, Msg: "ISA" + pad2(i+1) + " is longer than " + strconv.Itoa(width) + " bytes"}
			return "", w.err
		}
		if i != 10 && i != 15 && !w.checkData(f) {
			w.buf = w.buf[:mark]
			return "", w.dataErr(i+1, "element contains "+w.badWhat(w.badByte))
		}
		w.buf = append(w.buf, w.d.Element)
		w.buf = append(w.buf, f...)
		for n := len(f); n < width; n++ {
			w.buf = append(w.buf, ' ')
		}
	}
	w.inISA, w.groups, w.isa = true, 0, ctl
	return ctl, w.endSeg()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// BeginGroup writes the GS. Agency defaults to X. It returns GS06.
func (w *Writer) BeginGroup(h GroupHeader) (string, error) {
	if err := w.ready(); err != nil {
		return "", err
	}
	if !w.inISA || w.inGS {
		return "", w.stateErr("GS outside an interchange or inside an open group")
	}
	ctl, err := w.control(GroupControl, h.ControlNumber, 1)
	if err != nil {
		return "", err
	}
	tm := h.Time
	if tm.Precision == 0 {
		tm.Precision = 4
	}
	err = w.WriteSegment("GS", h.FunctionalID, h.SenderCode, h.ReceiverCode, h.Date.D8(), tm.String(), ctl, or(h.Agency, "X"), h.Version)
	w.inGS, w.sets, w.gs = true, 0, ctl
	w.groups++
	return ctl, err
}

// BeginSet writes the ST with id (ST01) and version (ST03, may be
// empty). It returns ST02, zero-padded to at least four digits.
func (w *Writer) BeginSet(id, version string) (string, error) {
	if err := w.ready(); err != nil {
		return "", err
	}
	if !w.inGS || w.inST {
		return "", w.stateErr("ST outside a group or inside an open set")
	}
	ctl, err := w.control(SetControl, "", 4)
	if err != nil {
		return "", err
	}
	w.inST, w.setSegs, w.st = true, 0, ctl
	w.sets++
	return ctl, w.WriteSegment("ST", id, ctl, version)
}

// EndSet writes the SE with the segment count.
func (w *Writer) EndSet() error {
	if err := w.ready(); err != nil {
		return err
	}
	if !w.inST {
		return w.stateErr("SE without an open set")
	}
	err := w.trailer("SE", w.setSegs+1, w.st)
	w.inST = false
	return err
}

// trailer writes an SE, GE or IEA with its count and control number.
func (w *Writer) trailer(id string, count int, ctl string) error {
	var tmp [20]byte
	if err := w.StartSegment(id); err != nil {
		return err
	}
	w.ElementBytes(strconv.AppendInt(tmp[:0], int64(count), 10))
	w.Element(ctl)
	return w.EndSegment()
}

// EndGroup writes the GE with the transaction set count.
func (w *Writer) EndGroup() error {
	if err := w.ready(); err != nil {
		return err
	}
	if w.inST {
		if err := w.EndSet(); err != nil {
			return err
		}
	}
	if !w.inGS {
		return w.stateErr("GE without an open group")
	}
	err := w.trailer("GE", w.sets, w.gs)
	w.inGS = false
	return err
}

// EndInterchange writes the IEA with the group count.
func (w *Writer) EndInterchange() error {
	if err := w.ready(); err != nil {
		return err
	}
	if w.inGS {
		if err := w.EndGroup(); err != nil {
			return err
		}
	}
	if !w.inISA {
		return w.stateErr("IEA without an open interchange")
	}
	err := w.trailer("IEA", w.groups, w.isa)
	w.inISA = false
	return err
}

// Close ends the open set, group and interchange, and flushes. Calling
// it again returns nil; other calls after it return ErrWriterClosed.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	if w.err == nil && w.inSeg {
		w.stateErr("Close inside a segment")
	}
	if w.err == nil && w.inISA {
		w.EndInterchange()
	}
	err := w.Flush()
	w.closed = true
	return err
}

// Flush writes buffered data to the underlying writer. After Close it
// returns ErrWriterClosed.
func (w *Writer) Flush() error {
	if err := w.ready(); err != nil {
		return err
	}
	return w.flush()
}

// flush writes the pending output.
func (w *Writer) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	n, err := w.out.Write(w.buf)
	if err == nil && n < len(w.buf) {
		err = io.ErrShortWrite
	}
	w.flushed += int64(max(n, 0))
	w.buf = w.buf[:0]
	if err != nil {
		w.err = err
	}
	return err
}

// WriteSegment writes one segment of simple elements. Use StartSegment
// and Components for composites.
func (w *Writer) WriteSegment(id string, elements ...string) error {
	if err := w.StartSegment(id); err != nil {
		return err
	}
	for _, e := range elements {
		w.Element(e)
	}
	return w.EndSegment()
}

// StartSegment begins a segment. Follow it with Element, ElementBytes,
// Components or Repeats calls and EndSegment.
func (w *Writer) StartSegment(id string) error {
	if err := w.ready(); err != nil {
		return err
	}
	if w.inSeg {
		return w.stateErr("StartSegment inside a segment")
	}
	if !validID([]byte(id)) {
		w.err = &Error{Pos: Position{Offset: w.offset(), Segment: w.ordinal + 1}, Err: ErrBadSegmentID, Msg: "segment id " + quoteID(id)}
		return w.err
	}
	w.startSeg(id)
	w.buf = append(w.buf, id...)
	return nil
}

// startSeg notes the start of segment id; the caller writes the id.
func (w *Writer) startSeg(id string) {
	w.inSeg = true
	w.segID = id
	w.elem, w.pendEmpty = 0, 0
	w.ordinal++
	w.pos = Position{Offset: w.offset(), Segment: w.ordinal, SegmentID: id}
	if w.inST || id == "ST" {
		w.pos.SetPosition = w.setSegs + 1
	}
}

func (w *Writer) dataErr(el int, msg string) error {
	if w.err == nil {
		w.err = &Error{Pos: w.pos.WithElement(el), Err: ErrDelimiterInData, Msg: msg}
	}
	return w.err
}

func (w *Writer) checkData(s string) bool {
	for i := 0; i < len(s); i++ {
		if w.bad[s[i]] {
			w.badByte = s[i]
			return false
		}
	}
	return true
}

// badWhat names what the last refused byte was, for error messages.
func (w *Writer) badWhat(c byte) string {
	if c < 0x20 || c == 0x7f {
		return "a control character"
	}
	return "a delimiter"
}

// flushEmpty writes the separators of pending empty elements.
func (w *Writer) flushEmpty() {
	for ; w.pendEmpty > 0; w.pendEmpty-- {
		w.buf = append(w.buf, w.d.Element)
	}
}

func (w *Writer) writeElem(v string) {
	w.elem++
	if v == "" {
		w.pendEmpty++
		return
	}
	if !w.checkData(v) {
		w.dataErr(w.elem, "element contains "+w.badWhat(w.badByte))
		return
	}
	w.flushEmpty()
	w.buf = append(w.buf, w.d.Element)
	w.buf = append(w.buf, v...)
}

// Element adds a simple element; an empty string is an omitted element.
func (w *Writer) Element(v string) {
	if w.err != nil || !w.inSeg {
		w.notInSeg()
		return
	}
	w.writeElem(v)
}

func (w *Writer) notInSeg() {
	switch {
	case w.err != nil:
	case w.closed:
		w.err = ErrWriterClosed
	case !w.inSeg:
		w.stateErr("element outside a segment")
	}
}

// ElementBytes adds a simple element from bytes.
func (w *Writer) ElementBytes(v []byte) {
	if w.err != nil || !w.inSeg {
		w.notInSeg()
		return
	}
	w.elem++
	if len(v) == 0 {
		w.pendEmpty++
		return
	}
	for _, c := range v {
		if w.bad[c] {
			w.dataErr(w.elem, "element contains "+w.badWhat(c))
			return
		}
	}
	w.flushEmpty()
	w.buf = append(w.buf, w.d.Element)
	w.buf = append(w.buf, v...)
}

// Components adds one composite element; trailing empty components are
// dropped and an all-empty composite is an omitted element.
func (w *Writer) Components(parts ...string) {
	w.joined(w.d.Component, parts)
}

// Repeats adds one element holding repetitions; it needs a repetition
// separator.
func (w *Writer) Repeats(values ...string) {
	if w.d.Repetition == 0 && w.err == nil && w.inSeg {
		w.stateErr("no repetition separator")
		return
	}
	w.joined(w.d.Repetition, values)
}

func (w *Writer) joined(sep byte, parts []string) {
	if w.err != nil || !w.inSeg {
		w.notInSeg()
		return
	}
	w.elem++
	last := len(parts) - 1
	for last >= 0 && parts[last] == "" {
		last--
	}
	if last < 0 {
		w.pendEmpty++
		return
	}
	for i, p := range parts[:last+1] {
		if !w.checkData(p) {
			if w.err == nil {
				w.err = &Error{Pos: w.pos.WithComponent(w.elem, i+1), Err: ErrDelimiterInData, Msg: "component contains " + w.badWhat(w.badByte)}
			}
			return
		}
	}
	w.flushEmpty()
	w.buf = append(w.buf, w.d.Element)
	for i, p := range parts[:last+1] {
		if i > 0 {
			w.buf = append(w.buf, sep)
		}
		w.buf = append(w.buf, p...)
	}
}

// EndSegment writes the terminator. Trailing empty elements are dropped.
func (w *Writer) EndSegment() error {
	if err := w.ready(); err != nil {
		return err
	}
	if !w.inSeg {
		return w.stateErr("EndSegment outside a segment")
	}
	return w.endSeg()
}

func (w *Writer) endSeg() error {
	w.inSeg = false
	w.pendEmpty = 0
	if w.inST || w.segID == "ST" {
		w.setSegs++
	}
	return w.terminate()
}

// terminate writes the segment terminator (and a line feed when Newline)
// and flushes when enough output is pending.
func (w *Writer) terminate() error {
	w.buf = append(w.buf, w.d.Segment)
	if w.Newline && w.d.Segment != '\n' {
		w.buf = append(w.buf, '\n')
	}
	if len(w.buf) >= flushAt && w.err == nil {
		w.flush()
	}
	return w.err
}

// CopySegment writes s as it is, with w's delimiters: elements,
// repetitions and components are kept, empty ones included, and joined
// with w's separators, so with the delimiters s was read with the bytes
// come out unchanged. Data holding one of w's delimiters is refused with
// ErrDelimiterInData, positioned at the element. In an ISA, ISA11 (when w
// has a repetition separator) and ISA16 are replaced by w's separators.
//
// Envelope segments copied this way are data to w: they open and close
// nothing, and Close writes no trailers for them. A segment copied inside
// a set that w opened counts towards its SE01.
func (w *Writer) CopySegment(s *Segment) error {
	if err := w.ready(); err != nil {
		return err
	}
	if w.inSeg {
		return w.stateErr("CopySegment inside a segment")
	}
	if !w.delimsOK {
		if err := w.d.Validate(); err != nil {
			w.err = err
			return err
		}
		w.delimsOK = true // the delimiters never change after NewWriter
	}
	w.startSeg(s.ID)
	src := s.delims
	if src == w.d {
		// The segment was split with these delimiters: none can be data.
		w.buf = append(w.buf, s.raw...)
		return w.endSeg()
	}
	mark := len(w.buf)
	isa := s.ID == "ISA"
	for i := 0; i <= s.Len(); i++ {
		e := s.Element(i)
		if i > 0 {
			w.buf = append(w.buf, w.d.Element)
		}
		switch {
		case isa && i == 11 && w.d.Repetition != 0:
			e = []byte{w.d.Repetition}
		case isa && i == 11:
			// Keep ISA11 ("U" before 00402) unless it is now a delimiter.
			if len(e) == 1 && w.bad[e[0]] {
				e = []byte{'U'}
			}
		case isa && i == 16:
			e = []byte{w.d.Component}
		}
		rep, comp := 1, 1
		for _, c := range e {
			switch {
			case isa && (i == 11 || i == 16):
			case c == src.Component:
				c = w.d.Component
				comp++
			case c == src.Repetition && c != 0:
				if w.d.Repetition == 0 {
					pos := w.pos.WithElement(i)
					pos.Repetition = rep + 1
					w.buf = w.buf[:mark]
					w.err = &Error{Pos: pos, Err: ErrDelimiterInData, Msg: "element repeats but the writer has no repetition separator"}
					return w.err
				}
				c = w.d.Repetition
				rep, comp = rep+1, 1
			case w.bad[c]:
				pos := w.pos.WithComponent(i, comp)
				pos.Repetition = rep
				w.buf = w.buf[:mark]
				w.err = &Error{Pos: pos, Err: ErrDelimiterInData, Msg: "data contains " + w.badWhat(c)}
				return w.err
			}
			w.buf = append(w.buf, c)
		}
	}
	return w.endSeg()
}
