package ack

import "errors"

// Sentinel errors. Problems found in an acknowledgment are *x12.Error
// values wrapping one of these, positioned at the segment (and element)
// they are about; use errors.Is and errors.As.
var (
	// ErrOutOfPlace: a segment is where the 999 structure does not allow
	// it (an IK5 before AK1, a second IK5 in one AK2 loop, an IK4 with
	// no IK3, a segment after AK9, ...). It is skipped.
	ErrOutOfPlace = errors.New("ack: segment out of place")
	// ErrMissingSegment: a required segment (AK1, IK5, AK9) is missing.
	ErrMissingSegment = errors.New("ack: required segment missing")
	// ErrMissingElement: a required element is empty or absent.
	ErrMissingElement = errors.New("ack: required element missing")
	// ErrExtraElements: a segment has more elements than its definition;
	// the extra ones are ignored.
	ErrExtraElements = errors.New("ack: too many elements")
	// ErrBadNumber: a position or count is not a non-negative integer.
	ErrBadNumber = errors.New("ack: not a number")
	// ErrBadCount: the AK9 counts disagree with each other, with the
	// AK9 status or with the AK2 loops.
	ErrBadCount = errors.New("ack: counts do not agree")
	// ErrUnknownCode: a code is not in its code list; the value is kept
	// as it is.
	ErrUnknownCode = errors.New("ack: unknown code value")
	// ErrBadDate: TA102 or TA103 is not a valid date or time.
	ErrBadDate = errors.New("ack: bad date or time")
	// ErrNotAck: a transaction set in the input is not a 999; it is
	// skipped.
	ErrNotAck = errors.New("ack: transaction set is not a 999")
	// ErrCannotEncode: a value cannot be written (for example a CTX01
	// with several repetitions that carry references).
	ErrCannotEncode = errors.New("ack: value cannot be encoded")
	// ErrNoInterchange: the input has no readable ISA, so no TA1 or 999
	// can answer it.
	ErrNoInterchange = errors.New("ack: no interchange to acknowledge")
)
