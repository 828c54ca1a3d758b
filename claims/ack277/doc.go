// Package ack277 reads 277CA health care claim acknowledgments
// (005010X214) and applies them to claims.
//
// A 999 says whether a file could be read; the 277CA says, claim by claim,
// whether the clearinghouse and then the payer accepted each claim into
// adjudication. The main flow:
//
//	d := ack277.NewDecoder(f)
//	d.File = "batch-0042.277"
//	for {
//		ack, err := d.Next()                 // one ST..SE at a time
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err                       // a syntax error, positioned
//		}
//		for _, s := range ack.Summaries() {  // accepted, rejected or pending, with reasons
//			...
//		}
//		res := ack277.Apply(ack, submitted, claims.Change{By: "daemon", At: now})
//		...                                  // res.Unmatched: claims we never sent
//	}
//	problems := d.Problems()                 // envelope and content problems, positioned
//
// The typed model follows the HL hierarchy of the transaction: an
// information source (payer or clearinghouse, loop 2000A), its receivers
// (the submitter, 2000B), their billing providers (2000C) and the claims
// (2000D), each claim with its STC statuses, payer claim control number
// (REF*1K), clearinghouse trace (REF*D9), service dates and, where the
// payer reports them, service lines (2220D).
//
// Category and status codes are explained from partial, dated code tables
// (see CodeListVersion). Each claim is summarised as accepted (A2, A5),
// rejected (A3, A4, A6-A8, or action code U), or pending (A0, A1, P, R),
// with the rejection reasons spelt out; Apply moves claims.Claim statuses
// and keeps every acknowledgment in the claim's history, so a claim
// accepted by the clearinghouse and then by the payer has both records.
// An acknowledged claim that names no known claim is reported in
// Result.Unmatched, never dropped.
//
// Is tells a file sniffer whether a group or set carries 277CA
// acknowledgments without decoding it.
//
// # Performance
//
// Decoding a generated 277CA of 5,000 claims (803 KB, every tenth claim
// rejected with a line-level status) on one core of the shared build
// machine, best of three:
//
//	go test ./claims/ack277 -run XXX -bench . -cpu=1 -count=3
//	BenchmarkDecode   6.59 ms/op   121.9 MB/s   4.40 MB/op   104,076 allocs/op
//	BenchmarkApply    6.84 ms/op                3.71 MB/op    32,533 allocs/op
//
// The machine is shared with other builds: repeated runs ranged up to
// four times slower; the best figure is the one with the least
// interference.
// About 21 allocations per claim: the strings of the typed model and its
// pointers. Apply builds a summary and a history reason per claim.
package ack277
