// Package rules is the claim scrubber: it checks claims before they are
// written as an 837P and says what a clearinghouse or payer would reject
// or deny, with the rule, the field, a message without patient data and
// the adjustment reason code the payer would likely answer with.
//
// The main flow:
//
//	set := rules.DefaultRuleSet()                    // or NewRuleSet(...), then With...
//	set, err := set.WithProfile(rules.PayerProfile{PayerID: "87726", RPMDiagnoses: []string{"I50", "O10"}})
//	findings := rules.Check(cs, set, asOf)            // ordered by claim, line, rule
//	for i := range cs {
//		mine, err := rules.Apply(&cs[i], findings, claims.Change{By: "scrubber", At: now})
//		// errors: the claim is Draft; none: ReadyToSubmit
//	}
//
// A RuleSet is an ordinary immutable value: the caller builds it, nothing
// registers itself. Rules see the whole batch, so the RPM/RTM edits can
// compare the claims of one patient (one device code per 30 days, RPM
// and RTM never together, one practitioner per period). What varies by
// payer (the 95/93 policy, the telehealth places of service and codes,
// an RPM diagnosis allow-list, the filing limit) is a PayerProfile. The
// package never reads the clock: "today" is the asOf argument.
//
// Validation problems are findings, not Go errors; an error means a check
// could not run.
//
// # Performance
//
// On a shared 2-core virtual machine, a batch of 2,000 claims (RPM
// claims of 4 lines and video visits, a tenth with an NPI error) through
// the 53 default rules:
//
//	go test ./rules -run XXX -bench . -benchtime 5x -cpu=1 -count=3
//	BenchmarkCheck  30 ms/op  66,000 claims/s  88 MB/s of claim JSON  8.5 MB/op  42k allocs/op
//
// Runs on the shared machine varied between 30 and 92 ms/op; the figure
// is the best of three.
package rules
