package eligibility

import "errors"

// Sentinel errors. Decoding problems are *x12.Error values that wrap one
// of these and carry the position of the segment (and element) concerned;
// use errors.Is and errors.As.
var (
	// ErrUnexpectedSegment: a segment that has no place in the loop where
	// it appears, or that this package does not model; it is skipped.
	ErrUnexpectedSegment = errors.New("eligibility: segment skipped")
	// ErrBadValue: an element is not in its X12 form (date, number,
	// code); the value is left out of the model.
	ErrBadValue = errors.New("eligibility: bad value")
	// ErrMissing: a required element or segment is absent.
	ErrMissing = errors.New("eligibility: missing value")
	// ErrHierarchy: an HL segment does not fit the 270/271 hierarchy
	// (information source, receiver, subscriber, dependent); its loop is
	// skipped.
	ErrHierarchy = errors.New("eligibility: bad HL hierarchy")
	// ErrVersion: the transaction set is not 005010X279(A1); it was
	// decoded with the 5010 layout as far as that layout fits.
	ErrVersion = errors.New("eligibility: not a 005010X279 transaction set")
	// ErrOtherTransaction: a transaction set of another kind (an 835 in a
	// 271 file, ...) was skipped.
	ErrOtherTransaction = errors.New("eligibility: other transaction set skipped")
	// ErrNoTransaction: the input holds no transaction set of the kind asked for.
	ErrNoTransaction = errors.New("eligibility: no transaction set found")
	// ErrInvalidRequest: a Request or Partner cannot be encoded as a 270.
	ErrInvalidRequest = errors.New("eligibility: invalid request")
)
