package remit

// ClaimStatus is CLP02, the claim status code of the 5010 835.
type ClaimStatus string

// Claim status codes (CLP02).
const (
	StatusPrimary            ClaimStatus = "1"
	StatusSecondary          ClaimStatus = "2"
	StatusTertiary           ClaimStatus = "3"
	StatusDenied             ClaimStatus = "4"
	StatusPrimaryForwarded   ClaimStatus = "19"
	StatusSecondaryForwarded ClaimStatus = "20"
	StatusTertiaryForwarded  ClaimStatus = "21"
	StatusReversal           ClaimStatus = "22"
	StatusNotOurClaim        ClaimStatus = "23"
	StatusPredetermination   ClaimStatus = "25"
)

var statusText = map[ClaimStatus]string{
	StatusPrimary:            "processed as primary",
	StatusSecondary:          "processed as secondary",
	StatusTertiary:           "processed as tertiary",
	StatusDenied:             "denied",
	StatusPrimaryForwarded:   "processed as primary, forwarded to additional payer(s)",
	StatusSecondaryForwarded: "processed as secondary, forwarded to additional payer(s)",
	StatusTertiaryForwarded:  "processed as tertiary, forwarded to additional payer(s)",
	StatusReversal:           "reversal of previous payment",
	StatusNotOurClaim:        "not our claim, forwarded to additional payer(s)",
	StatusPredetermination:   "predetermination pricing only, no payment",
}

// Valid reports whether s is a 5010 CLP02 code.
func (s ClaimStatus) Valid() bool { _, ok := statusText[s]; return ok }

// Description returns the code's meaning, or "" for an unknown code.
func (s ClaimStatus) Description() string { return statusText[s] }

// GroupCode is CAS01, the claim adjustment group code.
type GroupCode string

// Claim adjustment group codes (CAS01). GroupCorrection (CR) is not valid
// in a 5010 835 but is read leniently.
const (
	GroupContractual    GroupCode = "CO"
	GroupPatient        GroupCode = "PR"
	GroupOther          GroupCode = "OA"
	GroupPayerInitiated GroupCode = "PI"
	GroupCorrection     GroupCode = "CR"
)

// Valid reports whether g is a group code of the 5010 835 (CO, PR, OA, PI).
func (g GroupCode) Valid() bool {
	switch g {
	case GroupContractual, GroupPatient, GroupOther, GroupPayerInitiated:
		return true
	}
	return false
}

// BalanceLevel names where a balancing rule failed.
type BalanceLevel string

// Balance levels.
const (
	LevelService     BalanceLevel = "service"
	LevelClaim       BalanceLevel = "claim"
	LevelTransaction BalanceLevel = "transaction"
)
