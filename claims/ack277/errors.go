package ack277

import "errors"

// Sentinel errors. Problems found while decoding are *x12.Error values
// that wrap one of these and carry the position of the offending segment
// or element; match them with errors.Is.
var (
	// ErrNot277: a transaction set in the input is not a 277 (ST01); it
	// is skipped.
	ErrNot277 = errors.New("ack277: transaction set is not a 277")
	// ErrVersion: the set's implementation reference (ST03 or GS08) is
	// not 005010X214; the set is decoded anyway.
	ErrVersion = errors.New("ack277: not a 005010X214 claim acknowledgment")
	// ErrStructure: a segment is out of place in the HL hierarchy (an STC
	// before any HL, an HL whose parent is wrong, an unknown HL level).
	ErrStructure = errors.New("ack277: segment out of place")
	// ErrMissing: a value the 277CA requires is absent (the patient
	// control number TRN02, the category code STC01-1, ...).
	ErrMissing = errors.New("ack277: required value missing")
	// ErrBadValue: a date, amount or count is not in its X12 form.
	ErrBadValue = errors.New("ack277: bad value")
	// ErrNoClaims: the input holds no 277 transaction set at all.
	ErrNoClaims = errors.New("ack277: no 277 transaction set in the input")
)

// ErrAmbiguous: several claims given to Apply share the acknowledged
// patient control number and none can be told apart by status.
var ErrAmbiguous = errors.New("ack277: several claims have this patient control number")
