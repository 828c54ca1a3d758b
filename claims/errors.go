package claims

import "errors"

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
