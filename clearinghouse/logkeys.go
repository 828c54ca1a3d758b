package clearinghouse

// Log attribute keys. Every record the package logs uses these keys and
// nothing else, so that logs can be searched by key. Values are file
// names, control numbers, claim IDs (patient control numbers), counts,
// states and durations: never patient data.
const (
	logKeyBatch       = "batch"       // outbox file name of a batch
	logKeyInterchange = "isa13"       // interchange control number
	logKeyGroup       = "gs06"        // group control number
	logKeySets        = "sets"        // transaction sets in a batch
	logKeyClaims      = "claims"      // number of claims
	logKeyClaim       = "claim_id"    // one claim
	logKeyFile        = "file"        // remote response file name
	logKeyKind        = "kind"        // response kind: 999, 277CA, 835
	logKeyOutcome     = "outcome"     // applied, duplicate, quarantined
	logKeyState       = "state"       // batch state
	logKeyFrom        = "from"        // claim status before
	logKeyTo          = "to"          // claim status after
	logKeyCount       = "count"       // a count
	logKeyErr         = "err"         // an error
	logKeyDuration    = "duration"    // how long something took
	logKeyRetry       = "retry_in"    // delay before the next attempt
	logKeyNext        = "next_in"     // delay before the next cycle
	logKeySuppressed  = "suppressed"  // repeated errors not logged
	logKeyComponent   = "component"   // the daemon's child loggers
	logKeyUnmatched   = "unmatched"   // responses naming nothing we sent
	logKeyReference   = "reference"   // what an unmatched response names
	logKeyBalanced    = "balanced"    // whether an 835 balances
	logKeyProblems    = "problems"    // lenient parse problems in a file
	logKeyQuarantined = "quarantined" // files sent to quarantine
	logKeyStaged      = "staged"      // batches staged in a cycle
	logKeyUploaded    = "uploaded"    // batches uploaded in a cycle
	logKeyResponses   = "responses"   // response files applied in a cycle
)
