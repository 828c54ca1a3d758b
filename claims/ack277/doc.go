// Package ack277 reads 277CA health care claim acknowledgments
// (005010X214) and applies them to claims.
//
// A 999 says whether a file could be read; the 277CA says, claim by claim,
// whether the clearinghouse and then the payer accepted each claim into
// adjudication. The main flow:
//
//	d := ack277.NewDecoder(f)
//	d.File = "batch-0042.277"
//	for {
//		ack, err := d.Next()                 // one ST..SE at a time
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err                       // a syntax error, positioned
//		}
//		for _, s := range ack.Summaries() {  // accepted, rejected or pending, with reasons
//			...
//		}
//		res := ack277.Apply(ack, submitted, claims.Change{By: "daemon", At: now})
//		...                                  // res.Unmatched: claims we never sent
//	}
//	problems := d.Problems()                 // envelope and content problems, positioned
//
// The typed model follows the HL hierarchy of the transaction: an
// information source (payer or clearinghouse, loop 2000A), its receivers
// (the submitter, 2000B), their billing providers (2000C) and the claims
// (2000D), each claim with its STC statuses, payer claim control number
// (REF*1K), clearinghouse trace (REF*D9), service dates and, where the
// payer reports them, service lines (2220D).
//
// Category and status codes are explained from partial, dated code tables
// (see CodeListVersion).
package ack277
