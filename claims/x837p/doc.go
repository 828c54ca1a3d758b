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
package x837p
