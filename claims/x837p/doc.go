// Package x837p writes and reads the 837P professional claim, ASC X12
// 005010X222A1.
//
// Encode turns claims of the claims model into one interchange, with a
// transaction set per billing provider, subscriber (2000B) and patient
// (2000C) levels, and the trading partner's settings taken from a Partner
// value:
//
//	p := x837p.DefaultPartner()        // then fill it, for example from TOML
//	if err := p.Validate(); err != nil { ... }
//	res, err := x837p.Encode(w, cs, x837p.Options{
//		Partner: p, Date: today, Time: now,  // no clock is read
//		ControlNumbers: ledger,              // ISA13, GS06, ST02
//	})
//	ref, ok := res.Lookup(st02, ik302)      // map a 999 IK3 back to a claim and line
//
// Decode reads an 837P file back into claims, keeping what the model does
// not hold (other payer loops, unmodelled segments) in each Claim's Extra,
// which EncodeClaims writes back in place:
//
//	doc, err := x837p.Decode(r, x837p.DecodeOptions{File: name})
//	for _, p := range doc.Problems { ... }  // positioned, never patient data
//	cs := doc.Claims()
//
// # Telehealth
//
// Lines carry their Telecare; the partner's TelehealthPolicy says when
// the encoder adds 95 (video) or 93 (audio-only): on POS 02/10 lines (the
// default), on every synchronous line, or never. An asynchronous service
// never carries 95 or 93: Encode refuses such a claim.
//
// # Round trips
//
// Decode(Encode(claims)) gives the claims back (the test suite checks it
// with go-cmp on randomized claims), in the canonical form: explicit codes
// (frequency 1, CLM06-09, UN), Claim.ID set to the patient control
// number, and for lines with 95 or 93 among their modifiers the matching
// Telecare. What the 837P does not carry is not decoded: batch IDs,
// statuses, charge item IDs, an asynchronous Telecare, the
// qualification of a provider.
//
// # Performance
//
// Measured on the 2-core virtual machine shared with other builds, in a
// quiet moment (load average 0.3 to 1.1 during the run; wall-clock and
// CPU-time figures agree within 1%), best of three, with a generated file
// of 2,000 claims (1.5 MB, 519 sets, 5.7 lines per claim, in moov-io/x12's
// subset so that all four benchmarks read the same bytes):
//
//	go test ./claims/x837p -run '^$' -bench 'Encode$|Decode$|Reader$|MoovParse' -cpu=1 -count=3 -benchtime=3s
//
//	BenchmarkEncode      146 MB/s   145 cpu-MB/s   1.2 MB/op      2,592 allocs/op
//	BenchmarkDecode      103 MB/s   102 cpu-MB/s  10.3 MB/op     55,863 allocs/op
//	BenchmarkReader      661 MB/s   658 cpu-MB/s  (x12.Reader alone over the same file)
//	BenchmarkMoovParse   1.6 MB/s   1.6 cpu-MB/s  312 MB/op   6,824,305 allocs/op
//
// cpu-MB/s divides the bytes by the CPU time the process used (getrusage)
// rather than the wall clock. Decode is 63 times and Encode 89 times
// moov-io/x12's parse of the same file. The code before this round, run
// the same way just after, gave 112 MB/s (encode) and 84 MB/s (decode).
//
// Both are short of the goals of 250 MB/s (encode, by 104 MB/s) and
// 150 MB/s (decode, by 47 MB/s) on this machine:
//
//   - The encoder builds each segment in its own buffer and hands it
//     whole to x12.Writer.CopySegment; it looks every value up once in a
//     table of byte classes before writing (control characters refuse the
//     claim, and values with no delimiter or lower-case letter are then
//     copied without looking at them again). What remains is spread
//     thin: about 13% is that check pass, which must read every value of
//     every claim before the first byte is written; 11% CopySegment (a
//     quarter of it Delimiters.Validate, run for every segment); 11% the
//     decimals (each amount is a big.Int behind two pointers, read for
//     CLM02 and for SV102); 6% grouping by billing provider and
//     subscriber; the rest the per-segment and per-element work over
//     64,000 segments and 330,000 elements, and reading a claims model
//     spread over some hundred heap objects per claim.
//   - The decoder builds about 3.3 KB of pointer-holding structs per claim
//     (a Claim is 1,464 bytes with its own copies of the billing
//     provider, coverage and patient, and a line 304 bytes), so about
//     35% of its time is allocation, zeroing and the garbage collector
//     (mark assists, write barriers while it marks); x12.Reader is 22%.
//     Claims and lines come from slabs, transaction sets are read in
//     place, and repeated codes and amounts are shared through small
//     caches, which halved the allocations.
package x837p
