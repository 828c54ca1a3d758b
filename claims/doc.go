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
// Best of three on the 2-vCPU build VM (load average about 1; its speed
// moves by a quarter from minute to minute, and the same binary has given
// 7.1 to 10.3 ms per call for the smallest batch within one hour):
//
//	items      per call   items/s      allocated per call
//	9,170      8.6 ms     1,070,000      4.7 MB (510 B/item)
//	46,000     75 ms        610,000     23.8 MB (517 B/item)
//	230,000    0.65 s       350,000    138 MB   (600 B/item)
//	920,000    4.0 s        230,000    638 MB   (690 B/item)
//
// Memory is linear in items: the claims and their lines are most of it.
// Group's working memory (hash tables, accumulators, orderings, party
// indexes) comes from a pool and is reused by the next call, so a service
// grouping batch after batch allocates only the claims; the largest
// batches above run once per measurement and so allocate their working
// memory too. Claims point at the batch's parties instead of copying them.
// Time is one probe per item for the claim key, one for the item ID and
// one for the line key, a sort of the claim groups by a prefix of the
// patient ID, a sort of each group's few lines, and no fmt or reflection.
//
// The target of 1,000,000 items per second on one core holds for a
// practice month of about 10,000 items (2,800 patients), which fits the
// processor's caches. Larger batches are memory-bound: the items are
// shuffled, so each one costs several cache misses (its amounts, its ID
// and party strings, the hash-table slots, its claim group), and the
// garbage collector marks the batch itself (480 bytes and about 20
// pointers per item) while the claims are allocated. At 46,000 items the
// rate is 610,000 items/s and at 920,000 items 230,000.
package claims
