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
// Measured on a 2-core virtual machine shared with other builds (load
// average 8 to 11 during the run, so wall-clock figures vary by 3x from
// run to run), best of three, with a generated file of 2,000 claims
// (1.5 MB, 3.5 lines per claim, in moov-io/x12's subset so that all four
// benchmarks read the same bytes):
//
//	go test ./claims/x837p -run '^$' -bench 'Encode$|Decode$|Reader$|MoovParse' -cpu=1 -count=3 -benchtime=3s
//
//	BenchmarkEncode      108 MB/s   116 cpu-MB/s   1.3 MB/op      2,169 allocs/op
//	BenchmarkDecode       84 MB/s    87 cpu-MB/s  12.6 MB/op    123,964 allocs/op
//	BenchmarkReader      522 MB/s   560 cpu-MB/s  (x12.Reader alone over the same file)
//	BenchmarkMoovParse   1.5 MB/s   1.5 cpu-MB/s  312 MB/op   6,824,299 allocs/op
//
// cpu-MB/s divides the bytes by the CPU time the process used (getrusage)
// rather than the wall clock. Decode is 56 times and Encode 72 times
// moov-io/x12's parse of the same file. Both are short of the 250 MB/s
// (encode) and 150 MB/s (decode) goals on this machine: the encoder's
// remaining time is about a quarter x12.Writer, the rest its own element
// writes, grouping and checks; the decoder's is mostly allocation and
// garbage collection of the claims model (a decoded claim is about 1.5 KB
// of structs and each line 300 bytes, against about 750 bytes of 837P).
package x837p
