package remit

import "errors"

// Sentinel errors. Problems found while decoding are *x12.Error values
// whose Err is one of these; use errors.Is.
var (
	// ErrNotRemittance: a transaction set in the input is not an 835; the
	// Decoder skips it.
	ErrNotRemittance = errors.New("remit: transaction set is not an 835")
	// ErrMissingSegment: a segment the 835 requires is absent (BPR, TRN,
	// N1*PR, N1*PE).
	ErrMissingSegment = errors.New("remit: missing segment")
	// ErrMissingElement: a required element is empty.
	ErrMissingElement = errors.New("remit: missing element")
	// ErrBadValue: an element is not a valid amount, count, date or code.
	ErrBadValue = errors.New("remit: bad value")
	// ErrUnexpectedSegment: a segment is out of place or not part of the 835.
	ErrUnexpectedSegment = errors.New("remit: unexpected segment")
)
