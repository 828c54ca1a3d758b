// Package ack reads and writes the acknowledgments of X12 5010 health
// care interchanges: the 999 Implementation Acknowledgment
// (005010X231A1) and the TA1 Interchange Acknowledgment.
//
// # Reading acknowledgments
//
// A Reader decodes the messages of an input one at a time, over an
// x12.Reader: a *TA1 for each TA1 segment (between ISA and GS) and an
// *Acknowledgment for each 999 transaction set. An input may hold
// several interchanges, groups and 999s.
//
//	x := x12.NewReader(file)
//	x.File = "response.999"
//	r := ack.NewReader(x)
//	for {
//		m, err := r.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // not X12, a limit, or (Strict) the first problem
//		}
//		switch m := m.(type) {
//		case *ack.TA1:          // m.Status, m.Note.Description()
//		case *ack.Acknowledgment:
//			for key, res := range m.Rejections() {
//				// key.Group is the GS06 and key.Set the ST02 we sent;
//				// res.ClaimIDs the CLM01s of the segments in error.
//			}
//		}
//	}
//	problems := r.Problems() // envelope and acknowledgment problems
//
// ReadAll does the same loop and returns a File.
//
// An Acknowledgment holds the AK1..AK9 group response; each AK2 loop is a
// SetResponse with its IK3 loops (SegmentError), their CTX segments
// (Context for the segment context, BusinessUnit for CTX*CLM01:<id>) and
// IK4 loops (ElementError), and the IK5 status. Codes are named string
// types with constants (Status, SegmentErrorCode, ElementErrorCode,
// SetErrorCode, GroupErrorCode, NoteCode); each has a Description.
// Status.Verdict maps A and E to accepted, R, M, W and X to rejected and
// P to partially accepted; Acknowledgment.Results applies the group's
// verdict to every set, keyed by (GS06, ST02) of the original file.
//
// # Lenient by default
//
// Problems in an acknowledgment are *x12.Error values, positioned at the
// segment and element they are about, wrapping this package's sentinels
// (ErrOutOfPlace, ErrMissingSegment, ErrMissingElement, ErrExtraElements,
// ErrBadNumber, ErrBadCount, ErrUnknownCode, ErrBadDate, ErrNotAck). The
// lenient Reader records them and goes on:
//
//   - a code that is not in its list is kept as it is (its Description
//     says "unknown code"), and P in IK501 counts as unknown;
//   - a segment out of place (an IK5 before AK1, a second IK5 in one AK2
//     loop, an IK4 or CTX with no IK3, anything after AK9, a segment that
//     is not part of a 999) is skipped;
//   - a missing AK1, IK5 or AK9 is reported where it should have been;
//     the values it would have given stay zero;
//   - a non-numeric position or count reads as 0; when an AK9 count is
//     unreadable the counts are not compared;
//   - the AK9 counts are compared with each other, with AK901 and with
//     the AK2 loops: a disagreement is reported and the values are kept;
//   - elements past a segment's definition are ignored;
//   - a TA102 written as CCYYMMDD is read as such;
//   - a transaction set that is not a 999 is skipped and listed in
//     Skipped (a 277CA has its own reader).
//
// With Reader.Strict set, the first of these stops the Reader instead.
// Envelope problems are the x12.Reader's, in its Problems.
//
// # Writing acknowledgments
//
// Encode writes an Acknowledgment as a 999 set and EncodeTA1 a TA1
// segment through an x12.Writer; decoding what they write gives the same
// values back. For builds the answer to a received input: it reads an
// x12.Reader to the end and turns its envelope problems, which carry the
// TA1, AK9, IK5, IK3 or IK4 code they map to, into TA1s and 999s, adding
// the caller's own findings (Options.Errors) and naming the claim of each
// 837 segment in error with CTX*CLM01. Response.Write puts the result in
// one interchange:
//
//	resp, err := ack.For(x12.NewReader(received), ack.Options{Errors: findings})
//	w := x12.NewWriter(out, x12.DefaultDelimiters)
//	w.ControlNumbers = ledger
//	err = resp.Write(w, isaHeader, gsHeader)
//	err = w.Close()
//
// # Performance
//
// BenchmarkReadAll decodes 20,000 999s (18 segments each: five AK2
// loops, one with IK3, CTX and IK4) in one 6.2 MB interchange:
//
//	go test -run '^$' -bench BenchmarkReadAll -cpu=1 -count=3 ./x12/ack
//
// Figures on the shared 2-core machine while other builds ran (load
// average 12): best of three 272 ms/op, 22.8 MB/s wall clock, 2.6 KB and
// 34 allocations per 999 (about two per segment: the strings of the
// typed values). Measured as CPU time with /usr/bin/time over 20
// iterations, one decode takes about 0.10 s of CPU, about 60 MB/s.
// Acknowledgments are small files; the Reader is not on a hot path.
package ack
