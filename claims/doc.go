// Package claims is the billing model of claimkit: parties and coverage,
// charge items, claim lines and claims, the status machines of charge items
// and claims, grouping of charge items into claims, duplicate detection,
// bulk approval and the billing export.
//
// # The main flow
//
//	b, err := claims.ReadBatch(f)              // charge items and the parties they refer to (JSON)
//	claims.Approve(b, claims.ApproveOptions{   // New → ReadyToBill, leaving duplicates New
//		Range: period, SkipDuplicates: true})
//	res, err := claims.Group(b, claims.GroupOptions{})
//	for _, c := range res.Claims {             // at most 50 lines and 12 diagnoses each
//		// validate (package rules), encode (package claims/x837p), submit
//	}
//
// A Batch holds charge items and the patients, coverages, providers and
// facilities they refer to by ID. Its JSON form is documented by the JSON
// Schemas testdata/claims/batch.schema.json and claims.schema.json at the
// repository root, with example batches for RPM, RTM and telehealth months.
// ReadBatch rejects unknown fields and names the section, element, ID,
// field, line and column of every problem.
//
// # Grouping
//
// Group follows the rules of the house (DESIGN.md): charge items with the
// same patient, start and end dates, procedure code and modifiers,
// authorization, place of service and rendering provider become one line,
// adding units and charges; lines with the same patient, coverage, billing
// provider, authorization, rendering provider, place of service and service
// facility go on one claim. A claim has at most 50 lines and 12 diagnoses
// (each line points at up to four); overflow starts a new claim in
// date-of-service order. The result does not depend on the order of the
// items. Patient control numbers are at most 17 characters: by default a
// hash of the claim's charge item IDs (HashPCN), or from a PCNGenerator.
// Claim.Total is computed from the lines, never stored.
//
// # Statuses
//
// Charge items: Scheduled → AwaitingSubmission → New → ReadyToBill →
// ClaimLineCreated ⇄ AwaitingResubmission; New ⇄ OnHold; New or
// ReadyToBill → BilledExternally (billing export). Claims: Draft ⇄
// ReadyToSubmit → Submitted → Accepted | Rejected → Paid | PartiallyPaid |
// Denied ⇄ Reversed; a rejected or denied claim is corrected (frequency 7)
// or voided (8). ChargeItem.Transition and Claim.Transition refuse every
// other move with ErrIllegalTransition; Claim.Transition records who, when
// and why in the history from values the caller passes: the package never
// reads the clock, logs, or touches files.
//
// # Duplicates and the billing export
//
// Duplicates finds charge items with the same patient, date of service,
// procedure code and (unless told otherwise) place of service as an item
// already billed or not yet submitted; WriteDuplicates writes them as CSV
// with both sessions. WriteBillingExport writes the billing export CSV
// (BillingExportHeader) and can mark the exported items BilledExternally.
//
// # Performance
//
// See the Performance section at the end of this comment for the grouping
// benchmark and the command that measured it.
package claims
