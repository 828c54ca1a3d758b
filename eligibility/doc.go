// Package eligibility builds 270 eligibility inquiries and reads 271
// responses (ASC X12 005010X279A1), and answers the question a practice
// asks before a first telehealth or remote-monitoring visit: is this
// member covered for this service on this date, with what copay,
// coinsurance, deductible and out-of-pocket left, and does the payer
// signal telehealth.
//
// The main flow:
//
//	w := x12.NewWriter(out, x12.DefaultDelimiters)
//	w.ControlNumbers = ledger                       // ISA13, GS06, ST02
//	ctl, err := eligibility.Encode270(w, eligibility.Batch{
//		Partner: partner, Date: today, Time: now,   // no clock inside
//		Requests: []eligibility.Request{req},      // one ST..SE each
//	})
//
//	r := x12.NewReader(in)                          // the 271 that comes back
//	resps, err := eligibility.Decode271(r)          // err: problems, positioned
//	for _, c := range resps[0].Coverage(eligibility.ProfessionalVisitOffice, asOf) {
//		// c.Status is active, inactive or unknown; c.Reason says why
//	}
//
// # The 271 model
//
// A Response is the HL tree of one transaction set: information sources
// (payers), receivers (providers), subscribers and their dependents. A
// Member holds names and IDs, dates (plan begin and end, eligibility),
// every AAA rejection with its reason, follow-up action and loop, and
// every EB loop as a Benefit: EB01 and its meaning, coverage level,
// service types, insurance type, plan, time period, amount, percent,
// quantity, authorization and network indicators, procedure, HSD, REF,
// DTP, MSG, III (place of service: III*ZZ*02 and III*ZZ*10 are
// telehealth) and the related entities of 2120 (other payers, the
// primary care provider).
//
// # Leniency
//
// Decode271 never stops at a structural problem. A segment without a
// place in its loop, a bad value, a broken HL hierarchy and every
// envelope problem of the x12 Reader are returned, positioned, in an
// x12.ErrorList next to everything that could be decoded. 4010 responses
// (004010X092A1) are decoded with the 5010 layout and flagged with
// ErrVersion; values padded with spaces are trimmed; when ISA11 repeats
// the ISA16 separator, EB03 and EQ01 are split at it.
//
// # Coverage answers
//
// Response.Coverage and Member.Coverage take the service type and the
// as-of date as arguments. An AAA makes the answer unknown; member dates
// outside the as-of date make it inactive (plan or eligibility begin and
// end) or unknown (a response about other dates); otherwise the EBs in
// effect that name the service type decide, then those for the plan as a
// whole (EB03 30 or empty), active before inactive.
//
// # Performance
//
// Measured with
//
//	go test -run XXX -bench . -cpu=1 -count=3 ./eligibility
//
// on the 2-core development machine while other builds ran on it (load
// average 8 to 11): the best of the runs, which varied up to fivefold.
//
//	BenchmarkDecode271   53 MB/s     9.2 MB/op, 63 allocs per 271 (29 segments, 1.1 KB)
//	BenchmarkCoverage    1.9 µs/op   16 allocs
//	BenchmarkEncode270   190 MB/s    7 allocs per 270 (20 segments)
//
// Decoding allocates the model itself: a string per value (short codes
// are shared), a slice per repeated item; EB loops are collected in a
// reused slice and copied once per member.
package eligibility
