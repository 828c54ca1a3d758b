// Package remit reads 835 health care claim payment/advice transactions
// (ASC X12 005010X221A1), checks that they balance, reconciles them with
// the claims that were sent and analyses denials.
//
// Decoding streams one transaction set at a time, so a file of any size
// needs memory for one set only:
//
//	d := remit.NewDecoder(f)
//	d.File = "era.835"
//	for {
//		rem, err := d.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // the input cannot be read further
//		}
//		for _, b := range rem.BalanceErrors {
//			fmt.Println(b.Message) // service, claim or transaction level
//		}
//		res := book.Apply(rem, claims.Change{By: "poller", At: now})
//		for _, u := range res.Unapplied {
//			fmt.Println(u.PatientControlNumber, u.Reason) // reported, never dropped
//		}
//	}
//
// DecodeAll reads every set at once. Data problems (a bad amount, a
// segment out of place) do not stop decoding: they are positioned
// *x12.Error values in Remittance.Problems. Balancing is reported, never
// fatal: Remittance.Balanced and BalanceErrors (see CheckBalance).
//
// A Book holds the sent claims (claims.Claim) by patient control number
// (CLP01 = CLM01). Book.Apply matches each CLP to its claim, and each
// service line to a claim line by REF*6R or by procedure and date, moves
// the claim to paid, partially paid, denied or reversed (and back after
// a correction), learns the payer claim control number and records a
// Posting with the amounts, adjustments and remark codes. The same 835
// applied twice changes nothing the second time; NewBook takes the
// postings a ledger kept, so this holds across restarts.
//
// AnalyzeDenials summarises denied lines by CARC and RARC (with the
// descriptions of the code lists as of CodesAsOf), payer, procedure code
// and month, with denial rates.
//
// # Performance
//
// Decoding into the typed model, balanced, on a generated 835 of 54.5 MB
// (224 transaction sets of 500 claims with two to four service lines,
// built by the benchmark), on the shared two-core development machine
// (AMD EPYC, other engineers' builds and fuzzers running), best of three
// with
//
//	go test ./claims/remit -run '^$' -bench . -benchtime 2x -count 3 -cpu 1
//
//	BenchmarkDecode        161.3 MB/s  165.7 MB/cpu-s  361 MB/op  1.36 M allocs/op
//	BenchmarkDecodeReuse   140.7 MB/s  210.4 MB/cpu-s   39 MB/op  1.35 M allocs/op
//	BenchmarkMoovSegments    5.5 MB/s    6.0 MB/cpu-s  683 MB/op  33.3 M allocs/op
//
// MB/cpu-s divides the input by the process's CPU time (user and system,
// GC included): it moves less than MB/s with the load of the machine.
// DecodeReuse sets ReuseRemittance.
//
// BenchmarkMoovSegments is moov-io/x12 v0.1.0 on the same input in the
// same run. That version has no 835 segment types, so it parses only the
// segments it knows (54% of the bytes: NM1, REF, CAS, AMT, N3, N4, PER,
// LX and the envelope) and its MB/s counts the whole input. Measured that
// way the decoder is 29.5 times faster in wall time (27 in CPU time, 35
// with ReuseRemittance); at moov's own speed per byte it parses, reading
// the whole input would take it 1.84 times longer, about 50 times the
// decoder's time.
package remit
