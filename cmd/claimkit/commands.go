package main

// commands lists every subcommand. Each lives in its own file.
func commands() []command {
	return []command{
		{"inspect", "summarise envelopes and report envelope problems (--format text|json)", runInspect},
		{"fmt", "print one segment per line, optionally with positions", runFmt},
		{"claims", "build claims from charge items, report duplicates, approve, export for billing", runClaims},
		{"remit", "decode 835 remittances: payments, adjustments, balancing (--format json|csv)", runRemit},
		{"ack", "decode 999 and TA1 acknowledgments: accepted, rejected, why (--format json|text)", runAck},
		{"ack277", "decode 277CA claim acknowledgments: accepted, rejected, pending (--format text|json)", runAck277},
		{"encode", "write claims as an 837P for a trading partner (--in claims.json --partner partner.toml)", runEncode},
		{"decode", "decode 837P claim files into claims (--format text|json)", runDecode},
		{"validate", "check claims with the claim scrubber: findings, and each claim draft or ready to submit (--format json|text)", runValidate},
		{"rpm", "turn RPM/RTM readings and clinician time into billable charge items with a billing status per period", runRPM},
		{"demo", "run the whole claim loop offline against a simulated clearinghouse and payer, and summarise it", runDemo},
		{"eligibility", "decode 271 eligibility responses with a coverage answer (--format text|json); request writes a 270", runEligibility},
	}
}
