// Package claims is the billing model: parties and coverage, charge items,
// claim lines and claims, the status machines of charge items and claims,
// grouping of charge items into claims, duplicate detection and the
// billing export.
//
// The main flow:
//
//	batch, err := claims.ReadBatch(r)          // charge items and the parties they refer to
//	res, err := claims.Group(batch, claims.GroupOptions{})
//	for _, c := range res.Claims { ... }       // at most 50 lines and 12 diagnoses each
//
// Charge items move through their statuses with ChargeItem.Transition and
// claims with Claim.Transition, which records who, when and why; the
// library never reads the clock.
package claims
