// Package sim is an in-process clearinghouse and payer, for the demo and
// for tests of the daemon: an SFTP server on the loopback interface that
// answers the 837P files it receives with the files a real clearinghouse
// and payer send back.
//
// # The flow
//
//	client                              sim.Server (127.0.0.1, in memory)
//	  put /inbound/batch-42.837.tmp ──▶ hidden from listings while written
//	  rename → /inbound/batch-42.837 ──▶ received: Payer.Respond runs
//	                                       (now, after Config.Delay, or on Process)
//	  ls /outbound ◀── batch-42.999   999 (and TA1 when ISA14 = 1; <base>.ta1 alone
//	                                   when the interchange envelope is rejected)
//	               ◀── batch-42.277   277CA: each claim accepted (A2:20) or rejected
//	                                   by the payer's edits (A7:562:85 billing NPI, ...)
//	               ◀── batch-42.835   835: one check per billing provider, claims
//	                                   adjudicated from the fee schedule, balanced
//
// Payer.Respond is the pure part: bytes in, files out, with the dates and
// the control number source passed in an Envelope. The same input and
// Envelope always give byte-identical files:
//
//	files, err := sim.DefaultPayer().Respond("batch-42.837", data, sim.Envelope{
//		ControlNumbers: x12.NewSequence(1),
//		Date:           x12.NewDate(2026, 2, 5),
//	})
//
// Start runs the server, which reads the clock (Config.Clock) to date
// the responses:
//
//	srv, err := sim.Start(ctx, sim.Config{
//		Payer: sim.DefaultPayer(),
//		Users: map[string]sim.User{"acme": {Password: pw}},
//	})
//	defer srv.Close()
//	known := srv.KnownHostsLine() // for the client's known_hosts file
//
// Clients authenticate with a password or a public key and check the
// host key (HostKey, KnownHostsLine). Tests inject faults (a failed
// write, a dropped connection mid-upload, refused renames, slow
// listings, no responses) through Config.Faults and SetFaults.
//
// # The folders
//
// Uploads go to /inbound only. A file is hidden from listings while any
// client has it open for writing; an upload whose connection fails while
// it is open is discarded. A file is received when it is renamed into
// /inbound under a final name (not IsTempName), or closed after being
// written under one; from then on it can be read but not changed,
// renamed or removed. Responses are named after the received file
// (batch-42.837 → batch-42.999); a name already used in /outbound gets
// -2, -3, ... before its extension. Clients may remove what they
// downloaded.
//
// # Adjudication
//
// See Payer for the arithmetic. DefaultPayer is Medicare-like: fee
// schedule amounts for RPM, RTM and telehealth codes (illustrative),
// 20% coinsurance (PR-2), 2% sequestration (CO-253), the rest of the
// charge written off as contractual (CO-45), and 99091 denied (CO-B7).
// Before adjudication each claim passes the payer's edits; the 277CA
// names the reasons of a rejection (see Payer.Respond). Every response
// decodes with x12/ack, claims/ack277 and claims/remit without a
// problem, and every 835 balances: FuzzRespond checks it for any input.
//
// # Performance
//
// The simulator is not on a hot path. BenchmarkRespond answers a
// 1,000-claim 837P (246 KB: 999, 277CA with 1,000 claims, 835 with 900);
// BenchmarkUpload delivers a 100-claim file over SFTP on one connection
// and downloads its three responses:
//
//	go test -run '^$' -bench . -cpu=1 -count=3 ./clearinghouse/sim
//
// On the shared 2-core machine, under load from other builds, the best
// of three runs was 43 ms per file (5.8 MB/s, 175 allocations per
// claim: decimal arithmetic and three passes over the input: 837P
// decode, acknowledgment, envelope scan) and 7.3 ms per SFTP round trip
// (3.5 MB/s).
package sim
