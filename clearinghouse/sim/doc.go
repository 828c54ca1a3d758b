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
// # Adjudication
//
// See Payer for the arithmetic. DefaultPayer is Medicare-like: fee
// schedule amounts for RPM, RTM and telehealth codes (illustrative),
// 20% coinsurance (PR-2), 2% sequestration (CO-253), the rest of the
// charge written off as contractual (CO-45), and 99091 denied (CO-B7).
package sim
