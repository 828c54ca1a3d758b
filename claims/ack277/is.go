package ack277

import "strings"

// Version is the implementation guide this package reads.
const Version = "005010X214"

// Is reports whether a functional group (GS01 and GS08) or a transaction
// set (ST01 and ST03, with functionalID "277") carries 277CA claim
// acknowledgments: GS01 HN with a version naming X214, or ST01 277 with
// such a version. It lets a file sniffer route a file without decoding it.
func Is(functionalID, version string) bool {
	if functionalID != "HN" && functionalID != "277" {
		return false
	}
	return strings.Contains(version, "X214")
}
