package sim

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// write835 writes one interchange with an 835 transaction set per check.
func (w *responder) write835(xw *x12.Writer, checks []*check) error {
	isa13, err := xw.BeginInterchange(w.isa())
	if err != nil {
		return err
	}
	if _, err := xw.BeginGroup(w.gs("HP", Version835)); err != nil {
		return err
	}
	for _, ck := range checks {
		if err := w.write835Set(xw, isa13, ck); err != nil {
			return err
		}
	}
	if err := xw.EndGroup(); err != nil {
		return err
	}
	return xw.EndInterchange()
}

// maxTriples is how many reason/amount pairs one CAS or PLB segment
// carries.
const maxTriples = 6

func (w *responder) write835Set(xw *x12.Writer, isa13 string, ck *check) error {
	st02, err := xw.BeginSet("835", "")
	if err != nil {
		return err
	}
	var paid, plb decimal.Decimal
	for _, c := range ck.claims {
		paid = paid.Add(c.paid)
	}
	for _, a := range w.p.ProviderAdjustments {
		plb = plb.Add(a.Amount)
	}
	net := paid.Sub(plb)

	// BPR: C (payment with remittance) by check; H (notification only,
	// no money moves) when nothing is paid; a negative balance is a
	// debit.
	handling, credit, method := "C", "C", "CHK"
	switch net.Sign() {
	case 0:
		handling, method = "H", "NON"
	case -1:
		handling, credit, method = "H", "D", "NON"
	}
	bpr := [16]string{handling, money(net.Abs()), credit, method}
	bpr[15] = w.env.PaymentDate.D8()
	xw.WriteSegment("BPR", bpr[:]...)
	xw.WriteSegment("TRN", "1", isa13+st02, "1"+clean(w.p.TaxID))
	xw.WriteSegment("DTM", "405", w.env.Date.D8())

	// 1000A payer, 1000B payee.
	xw.WriteSegment("N1", "PR", clean(w.p.Name))
	writeAddress(xw, w.p.Address)
	if w.p.PayerID != "" {
		xw.WriteSegment("REF", "2U", clean(w.p.PayerID))
	}
	if w.p.Phone != "" {
		xw.WriteSegment("PER", "BL", "TECHNICAL SUPPORT", "TE", clean(w.p.Phone))
	}
	payee := ck.payee
	q, id := "XX", payee.NPI
	if id == "" {
		q, id = "FI", payee.TaxID
	}
	xw.WriteSegment("N1", "PE", clean(orgOrLast(payee.Name)), q, clean(id))
	writeAddress(xw, payee.Address)
	if payee.TaxID != "" && q != "FI" {
		xw.WriteSegment("REF", "TJ", clean(payee.TaxID))
	}

	xw.WriteSegment("LX", "1")
	for _, c := range ck.claims {
		w.writeClaimPayment(xw, c)
	}
	w.writePLB(xw, id)
	return xw.EndSet()
}

// writeClaimPayment writes loop 2100 and its 2110 loops for one claim.
func (w *responder) writeClaimPayment(xw *x12.Writer, r *claimResult) {
	c := r.claim
	status := "1"
	switch {
	case r.denied:
		status = "4"
	case c.Coverage.Priority == claims.Secondary:
		status = "2"
	case c.Coverage.Priority == claims.Tertiary:
		status = "3"
	}
	filing := string(c.Coverage.Payer.ClaimFilingIndicator)
	if filing == "" {
		filing = string(claims.FilingMedicarePartB)
	}
	patient := ""
	if r.patient.Sign() != 0 {
		patient = money(r.patient)
	}
	xw.WriteSegment("CLP", clean(c.PatientControlNumber), status, money(c.Total()), money(r.paid), patient,
		clean(filing), r.icn, clean(string(c.PlaceOfService)), clean(c.Frequency.Code()))
	if c.PatientIsSubscriber() {
		writeName(xw, "QC", c.Patient.Name, "MI", c.Coverage.Subscriber.MemberID, "", "")
	} else {
		writeName(xw, "QC", c.Patient.Name, "", "", "", "")
		writeName(xw, "IL", c.Coverage.Subscriber.Name, "MI", c.Coverage.Subscriber.MemberID, "", "")
	}
	if c.Rendering != nil {
		writeName(xw, "82", c.Rendering.Name, "XX", c.Rendering.NPI, "", "")
	}
	xw.WriteSegment("DTM", "050", w.env.Date.D8())
	for i := range r.lines {
		writeServicePayment(xw, &r.lines[i])
	}
}

func writeServicePayment(xw *x12.Writer, lr *lineResult) {
	l := lr.line
	xw.StartSegment("SVC")
	proc := append([]string{"HC", clean(l.Procedure.Code)}, l.Procedure.Modifiers.Slice()...)
	for i := range proc {
		proc[i] = clean(proc[i])
	}
	xw.Components(proc...)
	xw.Element(money(l.Charge))
	xw.Element(money(lr.paid))
	xw.Element("")
	if u := l.Units; !u.IsZero() && !u.Equal(decimal.NewFromInt(1)) {
		xw.Element(x12.FormatDecimal(u))
	}
	xw.EndSegment()
	if s := l.Service; !s.From.IsZero() {
		if s.To.IsZero() || s.From == s.To {
			xw.WriteSegment("DTM", "472", s.From.D8())
		} else {
			xw.WriteSegment("DTM", "150", s.From.D8())
			xw.WriteSegment("DTM", "151", s.To.D8())
		}
	}
	writeCAS(xw, lr.adj)
	if l.ControlNumber != "" {
		xw.WriteSegment("REF", "6R", clean(l.ControlNumber))
	}
	if !lr.denied {
		xw.WriteSegment("AMT", "B6", money(lr.allowed))
	}
}

// writeCAS writes one CAS per group code, in the order the groups first
// appear, with up to six reason triples each.
func writeCAS(xw *x12.Writer, adj []adjustment) {
	for i, a := range adj {
		if slices.ContainsFunc(adj[:i], func(b adjustment) bool { return b.group == a.group }) {
			continue // written with the first of its group
		}
		n := 0
		for _, b := range adj[i:] {
			if b.group != a.group {
				continue
			}
			if n%maxTriples == 0 {
				if n > 0 {
					xw.EndSegment()
				}
				xw.StartSegment("CAS")
				xw.Element(a.group)
			} else {
				xw.Element("") // CASn quantity of the previous triple
			}
			xw.Element(b.reason)
			xw.Element(money(b.amount))
			n++
		}
		xw.EndSegment()
	}
}

// writePLB writes the payer's provider adjustments, six to a segment.
// The fiscal period is the year of the processing date.
func (w *responder) writePLB(xw *x12.Writer, provider string) {
	adj := w.p.ProviderAdjustments
	period := x12.NewDate(w.env.Date.Year, 12, 31).D8()
	for i := 0; i < len(adj); i += maxTriples {
		xw.StartSegment("PLB")
		xw.Element(clean(provider))
		xw.Element(period)
		for _, a := range adj[i:min(i+maxTriples, len(adj))] {
			xw.Components(clean(a.Reason), clean(a.Reference))
			xw.Element(money(a.Amount))
		}
		xw.EndSegment()
	}
}

// writeAddress writes N3 and N4 for the parts of a that are there: N301
// and N401 are required, so a segment without them is left out.
func writeAddress(xw *x12.Writer, a claims.Address) {
	line1, line2 := clean(a.Line1), clean(a.Line2)
	if line1 == "" {
		line1, line2 = line2, ""
	}
	if line1 != "" {
		xw.WriteSegment("N3", line1, line2)
	}
	if city := clean(a.City); city != "" {
		xw.WriteSegment("N4", city, clean(a.State), clean(a.PostalCode), clean(a.Country))
	}
}

func orgOrLast(n claims.Name) string {
	if n.IsOrganization() {
		return n.Organization
	}
	return n.Last
}
