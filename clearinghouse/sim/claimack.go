package sim

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// write277 writes one interchange with a 277CA transaction set per
// reviewed 837 set. The information source is the payer (NM1*PR), so an
// accepted claim says A2:20 (accepted into adjudication).
func (w *responder) write277(xw *x12.Writer, batch []*reviewedSet) error {
	if _, err := xw.BeginInterchange(w.isa()); err != nil {
		return err
	}
	if _, err := xw.BeginGroup(w.gs("HN", Version277CA)); err != nil {
		return err
	}
	for _, rs := range batch {
		if err := w.write277Set(xw, rs); err != nil {
			return err
		}
	}
	if err := xw.EndGroup(); err != nil {
		return err
	}
	return xw.EndInterchange()
}

func (w *responder) write277Set(xw *x12.Writer, rs *reviewedSet) error {
	st02, err := xw.BeginSet("277", Version277CA)
	if err != nil {
		return err
	}
	date := w.env.Date.D8()
	tm := w.env.Time
	tm.Precision = 4
	xw.WriteSegment("BHT", "0085", "08", st02, date, tm.String(), "TH")

	// 2000A information source: the payer.
	xw.WriteSegment("HL", "1", "", "20", "1")
	xw.WriteSegment("NM1", "PR", "2", clean(w.p.Name), "", "", "", "", "PI", clean(w.p.PayerID))
	xw.WriteSegment("TRN", "1", clean(strings.TrimSpace(w.rx.ControlNumber)+rs.tx.Set.ControlNumber))
	xw.WriteSegment("DTP", "050", "D8", date)
	xw.WriteSegment("DTP", "009", "D8", date)

	// 2000B information receiver: the submitter, with the batch totals.
	var all []*reviewedClaim
	for _, rp := range rs.providers {
		all = append(all, rp.claims...)
	}
	xw.WriteSegment("HL", "2", "1", "21", "1")
	sub := rs.tx.Submitter
	subType, subLast, subFirst := "2", sub.Name, ""
	if sub.Individual {
		subType, subFirst = "1", sub.FirstName
	}
	xw.WriteSegment("NM1", "41", subType, clean(subLast), clean(subFirst), "", "", "", "46", clean(sub.ID))
	xw.WriteSegment("TRN", "2", or(clean(rs.tx.Header.Reference), rs.tx.Set.ControlNumber))
	nAcc, nRej, acc, rej := totals(all)
	writeSTCComposite(xw, "A1", "19", "PR", date, "WQ", money(acc.Add(rej)))
	writeTotals(xw, "90", "AA", nAcc, nRej, acc, rej)

	hl := 2
	for _, rp := range rs.providers {
		hl++
		parent := hl
		xw.WriteSegment("HL", strconv.Itoa(hl), "2", "19", "1")
		writeName(xw, "85", rp.provider.Name, "XX", rp.provider.NPI, "FI", rp.provider.TaxID)
		xw.WriteSegment("TRN", "1", "0")
		if rp.provider.TaxID != "" {
			xw.WriteSegment("REF", "TJ", clean(rp.provider.TaxID))
		}
		nAcc, nRej, acc, rej := totals(rp.claims)
		writeTotals(xw, "QA", "QC", nAcc, nRej, acc, rej)
		for _, rc := range rp.claims {
			hl++
			w.write277Claim(xw, hl, parent, rc)
		}
	}
	return xw.EndSet()
}

// write277Claim writes loop 2000D of one claim.
func (w *responder) write277Claim(xw *x12.Writer, hl, parent int, rc *reviewedClaim) {
	c := rc.claim
	date := w.env.Date.D8()
	xw.WriteSegment("HL", strconv.Itoa(hl), strconv.Itoa(parent), "PT")
	writeName(xw, "QC", c.Patient.Name, "MI", c.Coverage.Subscriber.MemberID, "", "")
	xw.WriteSegment("TRN", "2", clean(c.PatientControlNumber))
	charge := money(c.Total())
	if rc.accepted() {
		writeSTCComposite(xw, "A2", "20", "", date, "WQ", charge)
		xw.WriteSegment("REF", "1K", rc.result.icn)
	} else {
		// STC01, STC10 and STC11 carry up to three reasons; STC12 the
		// first one's message.
		xw.StartSegment("STC")
		xw.Components(rc.rejections[0].composite()...)
		xw.Element(date)
		xw.Element("U")
		xw.Element(charge)
		for range 5 {
			xw.Element("")
		}
		for i := 1; i < maxRejections; i++ {
			if i < len(rc.rejections) {
				xw.Components(rc.rejections[i].composite()...)
			} else {
				xw.Element("")
			}
		}
		xw.Element(rc.rejections[0].message)
		xw.EndSegment()
	}
	if s := c.ServicePeriod(); !s.From.IsZero() {
		if s.From == s.To {
			xw.WriteSegment("DTP", "472", "D8", s.From.D8())
		} else {
			xw.WriteSegment("DTP", "472", "RD8", s.From.D8()+"-"+s.To.D8())
		}
	}
}

// writeSTCComposite writes an STC whose STC01 is category:code[:entity].
func writeSTCComposite(xw *x12.Writer, category, code, entity, date, action, amount string) {
	xw.StartSegment("STC")
	xw.Components(category, code, entity)
	xw.Element(date)
	xw.Element(action)
	xw.Element(amount)
	xw.EndSegment()
}

// writeTotals writes the QTY and AMT counts of accepted and rejected
// claims, each only when its count is not zero.
func writeTotals(xw *x12.Writer, accQty, rejQty string, nAcc, nRej int, acc, rej decimal.Decimal) {
	if nAcc > 0 {
		xw.WriteSegment("QTY", accQty, strconv.Itoa(nAcc))
	}
	if nRej > 0 {
		xw.WriteSegment("QTY", rejQty, strconv.Itoa(nRej))
	}
	if nAcc > 0 {
		xw.WriteSegment("AMT", "YU", money(acc))
	}
	if nRej > 0 {
		xw.WriteSegment("AMT", "YY", money(rej))
	}
}

// writeName writes an NM1 for a person or an organization with the
// first identifier that is set (qualifier q1 with id1, else q2 with id2).
func writeName(xw *x12.Writer, entity string, n claims.Name, q1, id1, q2, id2 string) {
	q, id := q1, id1
	if id == "" {
		q, id = q2, id2
	}
	if id == "" {
		q = ""
	}
	if n.IsOrganization() {
		xw.WriteSegment("NM1", entity, "2", clean(n.Organization), "", "", "", "", q, clean(id))
		return
	}
	xw.WriteSegment("NM1", entity, "1", clean(n.Last), clean(n.First), clean(n.Middle), "", clean(n.Suffix), q, clean(id))
}

// money formats an amount as an X12 R value.
func money(d decimal.Decimal) string { return x12.FormatDecimal(d) }

// clean makes text from a received file safe to write with the default
// delimiters: a file read with other delimiters may hold *, ^, : or ~
// in its data, which become spaces, as do control characters.
func clean(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return ' '
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	switch r {
	case '*', '^', ':', '~':
		return true
	}
	return r < 0x20 || r == 0x7f
}
