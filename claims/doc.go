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
// BenchmarkGroup groups a generated month of a telehealth, RPM and RTM
// practice (about 3.6 charge items, 3.2 lines and 1.2 claims per patient,
// shuffled) and reports wall-clock items per second (the MB/s column: one
// "byte" is one charge item), items per CPU second and allocations:
//
//	go test -run '^$' -bench 'Group/practice' -cpu=1 -count=3 ./claims
//
// Memory is linear in items: about 660 bytes allocated per charge item at
// 10,000, 250,000 and 1,000,000 items (6.5 MB, 169 MB and 677 MB per
// call), most of it the claim lines and the claims themselves. Claims
// point at the batch's parties instead of copying them, which took 40% off
// the allocation (1.15 KB per item before). Time is one hash-table probe
// per item for the claim key, one for the item ID and one for the line
// key, a sort of each claim group's few lines, and no fmt or reflection.
//
// Measured on the 2-vCPU shared build VM, best of three runs of the
// command above (load average about 1; figures vary by 20% from hour to
// hour on this machine). The "10000" batch has 9,200 items: 12.1 ms per
// call, about 760,000 items per second of wall time and of CPU time. The
// 250,000 batch: 0.70 s, about 320,000 items/s; 1,000,000: 4.1 s, about
// 210,000 items/s. Large batches are memory-bound: the items are
// shuffled, so each one costs a few cache misses (hash-table slots, its
// claim group, the group's first item), and the garbage collector marks
// the batch itself (480 bytes and about 20 pointers per item) while the
// output is allocated. The target of 1,000,000 items/s on one core is not
// reached, even for the small batch.
package claims
