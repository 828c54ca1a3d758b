package x12

import (
	"cmp"
	"errors"
	"slices"
	"strings"
)

// Sentinel errors. Every error the package returns wraps one of these, and
// positioned errors are *Error values; use errors.Is and errors.As.
var (
	// ErrNoISA: the input does not start with an ISA segment.
	ErrNoISA = errors.New("x12: input does not start with ISA")
	// ErrUTF16: the input is UTF-16 encoded; X12 is a single-byte format.
	ErrUTF16 = errors.New("x12: input is UTF-16, not an 8-bit X12 file")
	// ErrBadISA: the ISA segment is not the fixed-width 106-byte header.
	ErrBadISA = errors.New("x12: malformed ISA segment")
	// ErrBadDelimiters: the ISA declares delimiters that clash or are not usable.
	ErrBadDelimiters = errors.New("x12: bad delimiters")
	// ErrSegmentTooLong: a segment exceeds Limits.MaxSegmentLength.
	ErrSegmentTooLong = errors.New("x12: segment too long")
	// ErrTooManyElements: a segment exceeds Limits.MaxElements.
	ErrTooManyElements = errors.New("x12: too many elements in segment")
	// ErrTooManySegments: a transaction set exceeds Limits.MaxSetSegments.
	ErrTooManySegments = errors.New("x12: too many segments in transaction set")
	// ErrBadSegmentID: a segment identifier is not 2-3 upper-case letters or digits.
	ErrBadSegmentID = errors.New("x12: bad segment identifier")
	// ErrBadCharacter: a segment holds a control character (a line break
	// inside an element, for example) that is not one of its delimiters.
	ErrBadCharacter = errors.New("x12: control character in data")
	// ErrUnexpectedEOF: the input ends inside a segment or an envelope.
	ErrUnexpectedEOF = errors.New("x12: unexpected end of input")
	// ErrEnvelope: an envelope rule is broken (control numbers, counts,
	// nesting); the *Error's Code says which acknowledgment code it maps to.
	ErrEnvelope = errors.New("x12: envelope error")
	// ErrDelimiterInData: a value given to the Writer contains a delimiter.
	ErrDelimiterInData = errors.New("x12: delimiter in data")
	// ErrValueTooLong: a value given to the Writer does not fit its
	// fixed-width ISA element.
	ErrValueTooLong = errors.New("x12: value too long")
	// ErrWriterClosed: the Writer was used after Close.
	ErrWriterClosed = errors.New("x12: writer closed")
	// ErrWriterState: a Writer call out of envelope order (ST outside GS, ...).
	ErrWriterState = errors.New("x12: writer call out of order")
)

// Code names the acknowledgment code an error maps to, so a 999 or TA1
// can be built without parsing again: Kind is "TA1" (TA105), "AK9"
// (AK905), "IK5" (IK502), "IK3" (IK304) or "IK4" (IK403).
type Code struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// IsZero reports whether c is empty.
func (c Code) IsZero() bool { return c == Code{} }

// Error is a positioned error. File is set by callers that know the
// input's name. Msg never holds patient data: only identifiers such as
// control numbers, segment IDs and counts.
type Error struct {
	File string
	Pos  Position
	// Code is the acknowledgment code this error maps to, if any.
	Code Code
	// Err is the sentinel (or wrapped cause) this error is about.
	Err error
	// Msg is extra detail; it may be empty.
	Msg string
}

// Error returns one line: "x12: f.835: segment 41 (CLP, byte 2210), element 3: message".
func (e *Error) Error() string {
	var b []byte
	b = append(b, "x12: "...)
	if e.File != "" {
		b = append(b, e.File...)
		b = append(b, ": "...)
	}
	b = e.Pos.appendTo(b)
	b = append(b, ": "...)
	cause := ""
	if e.Err != nil {
		cause = strings.TrimPrefix(e.Err.Error(), "x12: ")
	}
	b = append(b, cause...)
	if e.Msg != "" {
		if cause != "" {
			b = append(b, ": "...)
		}
		b = append(b, e.Msg...)
	}
	if !e.Code.IsZero() {
		b = append(b, " ["...)
		b = append(b, e.Code.Kind...)
		b = append(b, ' ')
		b = append(b, e.Code.Value...)
		b = append(b, ']')
	}
	return strings.ReplaceAll(string(b), "\n", " ")
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is a list of positioned errors. Its Err method returns nil
// when the list is empty, so it never yields a typed nil.
type ErrorList []*Error

// Add appends e.
func (l *ErrorList) Add(e *Error) { *l = append(*l, e) }

// Sort orders the list by byte offset, then element, component.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Offset, b.Pos.Offset),
			cmp.Compare(a.Pos.Element, b.Pos.Element),
			cmp.Compare(a.Pos.Component, b.Pos.Component),
		)
	})
}

// Error returns the first error and the count of the rest, on one line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "x12: no errors"
	case 1:
		return l[0].Error()
	}
	return l[0].Error() + " (and " + string(appendInt(nil, int64(len(l)-1))) + " more errors)"
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the items, so errors.Is and errors.As see each one.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
