package claims

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error the package returns wraps one of these;
// match them with errors.Is.
var (
	// ErrIllegalTransition: a status change the status machine does not allow.
	ErrIllegalTransition = errors.New("claims: illegal status transition")
	// ErrTooManyModifiers: more than four procedure modifiers.
	ErrTooManyModifiers = errors.New("claims: too many modifiers")
	// ErrBadModifier: an empty or malformed procedure modifier.
	ErrBadModifier = errors.New("claims: bad modifier")
	// ErrNoOriginalReference: a replacement or void without the payer's
	// claim control number of the original claim.
	ErrNoOriginalReference = errors.New("claims: no payer claim control number for the original claim")
)

// listError is the Error method of the package's error lists: the first
// problem and how many more there are.
func listError[E error](l []E) string {
	switch len(l) {
	case 0:
		return "claims: no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// listUnwrap is the Unwrap method of the package's error lists.
func listUnwrap[E error](l []E) []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
