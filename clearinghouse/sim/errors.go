package sim

import "errors"

// Sentinels of the package. Errors wrap them with %w; match them with
// errors.Is.
var (
	// ErrNotInterchange: a received file holds no readable ISA, so not
	// even a TA1 can answer it.
	ErrNotInterchange = errors.New("sim: received file is not an X12 interchange")
	// ErrEnvelope: Envelope lacks what Respond needs (control numbers,
	// a date).
	ErrEnvelope = errors.New("sim: incomplete response envelope")
	// ErrConfig: a Config that Start cannot use.
	ErrConfig = errors.New("sim: invalid config")
	// ErrInjected is the error of an injected fault (Faults).
	ErrInjected = errors.New("sim: injected fault")
	// ErrNoClaimID: a claim without a patient control number (CLM01),
	// reported in the 999.
	ErrNoClaimID = errors.New("sim: claim without a patient control number")
)
