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
// Measured on the 2-core virtual machine (load average 0.8 during the
// run, but the machine's speed moves by a quarter from minute to minute:
// the three encode runs below gave 253, 190 and 192 MB/s), best of three,
// with a generated file of 2,000 claims (1.5 MB, 519 sets, 5.7 lines per
// claim, in moov-io/x12's subset so that all benchmarks read the same
// bytes):
//
//	go test ./claims/x837p -run '^$' -bench 'Encode$|Decode$|MoovParse' -cpu=1 -count=3 -benchtime=2s
//
//	BenchmarkEncode      254 MB/s   252 cpu-MB/s   1.1 MB/op      1,183 allocs/op
//	BenchmarkDecode      108 MB/s   107 cpu-MB/s   9.6 MB/op     29,906 allocs/op
//	BenchmarkMoovParse   1.5 MB/s   1.5 cpu-MB/s  312 MB/op   6,824,300 allocs/op
//
// cpu-MB/s divides the bytes by the CPU time the process used (getrusage)
// rather than the wall clock. Encode is 173 times and Decode 74 times
// moov-io/x12's parse of the same file (1.47 MB/s at best in this run).
// Decoding before this round and after it, run alternately from two test
// binaries, gave at best 95 and 112 MB/s (the same command earlier the
// same day: 97 MB/s before).
//
// The encoder alone, with moov-io/x12 in the same run, best of five:
//
//	go test ./claims/x837p -run '^$' -bench 'Encode$|MoovParse' -cpu=1 -count=5 -benchtime=2s
//
//	BenchmarkEncode      267 MB/s   266 cpu-MB/s   1.1 MB/op      1,183 allocs/op
//	BenchmarkMoovParse   1.7 MB/s   1.7 cpu-MB/s  312 MB/op   6,824,300 allocs/op
//
// That is 158 times moov-io/x12's parse, and the 250 MB/s goal, in a
// moment when the other core was nearly idle (load average 1.2 to 1.4);
// the five runs gave 239 to 266 cpu-MB/s. With builds on the other core
// the same command gives 210 to 230 (memory and cache are shared). The
// code before this round, run the same way within three minutes, gave at
// best 178 cpu-MB/s.
//
// The encoder checks every value's byte classes in one pass before
// writing (a claim with a control character is refused, and values with
// no delimiter, control character or lower-case letter are then copied as
// they are), builds whole segments from prebuilt heads (SV1, DTP, REF,
// NTE, PRV, DMG), writes dates and amounts two digits at a time, builds
// the loops several sets share (submitter, receiver, a subscriber in
// several sets) once, records its segment map at 4 bytes a segment, and
// hands the built segments a few kilobytes at a time to
// x12.Writer.AppendCheckedSegments, which counts their terminators instead
// of reading them byte by byte. What remains is spread thin; the largest
// parts are reading the claims twice (the check, then the writing, each
// taking the cache misses of a claims model spread over the heap: a
// 2,000-claim batch does not fit the cache, and the same benchmark with
// 200 claims ran about a fifth faster), copying values, and the garbage
// collector marking the claims while the encoder allocates.
//
// The decoder is short of its 150 MB/s goal. This round it stopped
// allocating per string: the strings it keeps are cut from 32 KB arena
// chunks that are never written again, CLM02 is checked against the line
// charges in fixed point, amounts in their usual form (up to 18 digits,
// no exponent) are read without x12.ParseDecimal's general path, and
// rendering providers, facilities and a claim's MRN take no allocation of
// their own: from 55,751 to 29,906 allocations per file, nearly all of
// them the two that decimal.New makes for each amount (27,883 with the
// cache of repeated amounts: the benchmark draws its charges at random,
// 9,447 distinct among 11,345 lines, where a practice's fee schedule
// repeats a few). Building the
// amounts' coefficients in slabs and handing them to decimal.Decimal
// through its unexported layout would save another 8%; the decoder does
// not do it, because it would tie the money type to another package's
// internals. The model itself is 6.4 bytes per byte of input (11,345
// claim lines of 304 bytes are 3.5 MB), and building it while the
// garbage collector runs costs about 40% of the time (mark assists, write
// barriers on every string and amount stored in a claim, zeroing the
// slabs), x12.Reader about a quarter (some of it write barriers on its
// Segment) and the decoder's own work about 30%. Going further means a
// smaller model with fewer pointers (claim lines without their own string
// headers per code, compact dates), which changes the claims package's
// public types, or a reader that stores no pointer per segment.
package x837p
