package clearinghouse

import "errors"

// Sentinel errors. Errors the package returns wrap one of these (or the
// error of a Store or Transport); match them with errors.Is.
var (
	// ErrUnsafeName: a remote file name is not a plain local name (it is
	// empty, absolute, has a directory part or climbs out with "..").
	ErrUnsafeName = errors.New("clearinghouse: unsafe file name")
	// ErrConfig: a Config that New cannot use.
	ErrConfig = errors.New("clearinghouse: invalid config")
	// ErrClaimExists: Add was given a claim whose ID is already in the
	// ledger.
	ErrClaimExists = errors.New("clearinghouse: claim already in the ledger")
	// ErrClaimStatus: Add was given a claim that is neither Draft nor
	// ReadyToSubmit.
	ErrClaimStatus = errors.New("clearinghouse: claim status cannot be added")
	// ErrControlNumbers: the ledger has handed out the last control
	// number of a kind (999999999); numbers are never reused.
	ErrControlNumbers = errors.New("clearinghouse: control numbers exhausted")
	// ErrOutboxChanged: a staged batch's file in the outbox no longer has
	// the SHA-256 recorded when it was staged; it is not sent.
	ErrOutboxChanged = errors.New("clearinghouse: outbox file changed since it was staged")
	// ErrRemoteConflict: the clearinghouse already holds a different file
	// under a batch's final name.
	ErrRemoteConflict = errors.New("clearinghouse: a different file has the batch's name on the remote")
	// ErrUnknownResponse: a response file is not a 999, TA1, 277CA or
	// 835 interchange. It goes to quarantine.
	ErrUnknownResponse = errors.New("clearinghouse: response file is not a 999, TA1, 277CA or 835")
	// ErrClosed: the Daemon is closed.
	ErrClosed = errors.New("clearinghouse: daemon closed")
)
