package x837p

import (
	"errors"
	"strings"
)

// Sentinel errors. Every error the package returns wraps one of these (or
// an x12 sentinel); match them with errors.Is.
var (
	// ErrInvalidClaim: a claim cannot be written as an 837P (no lines,
	// more than 50 lines or 12 diagnoses, a bad diagnosis pointer, a
	// replacement without the original's reference...).
	ErrInvalidClaim = errors.New("x837p: claim cannot be encoded")
	// ErrTelehealth: a line's telecare and modifiers contradict each other
	// (95 on an asynchronous service, 93 on a video visit), or there is no
	// room left for the telehealth modifier.
	ErrTelehealth = errors.New("x837p: telehealth modifier")
	// ErrNoClaims: Encode was given no claims.
	ErrNoClaims = errors.New("x837p: no claims to encode")
	// ErrStructure: a segment of an 837P is out of place or a loop is
	// incomplete (a CLM before any subscriber, an SV1 outside a line...).
	ErrStructure = errors.New("x837p: 837P structure")
	// ErrValue: an element of an 837P does not hold a valid value (a bad
	// amount, date, pointer or code).
	ErrValue = errors.New("x837p: bad value")
	// ErrTotalMismatch: CLM02 is not the sum of the claim's SV102 charges.
	// The decoded claim keeps the lines; its Total is their sum.
	ErrTotalMismatch = errors.New("x837p: claim total does not equal the sum of the line charges")
	// ErrNotAn837P: a transaction set is not an 837 (ST01) and is skipped.
	ErrNotAn837P = errors.New("x837p: transaction set is not an 837")
)

// ClaimError is a claim that cannot be encoded. It names the claim by
// its patient control number and, when it is about one line, the line's
// number; never by patient data.
type ClaimError struct {
	// Index is the claim's index in the input.
	Index int
	// ClaimID is the patient control number.
	ClaimID string
	// Line is the 1-based index of the line, 0 for the whole claim.
	Line int
	Err  error
	Msg  string
}

// Error returns one line: "x837p: claim 3 (RPM-1): line 2: ...".
func (e *ClaimError) Error() string {
	var b strings.Builder
	b.WriteString("x837p: claim ")
	b.WriteString(itoa(e.Index))
	if e.ClaimID != "" {
		b.WriteString(" (")
		b.WriteString(e.ClaimID)
		b.WriteString(")")
	}
	if e.Line > 0 {
		b.WriteString(": line ")
		b.WriteString(itoa(e.Line))
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "x837p: "))
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// Unwrap returns the sentinel.
func (e *ClaimError) Unwrap() error { return e.Err }
