package rules

import (
	"cmp"
	"slices"
	"strings"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/rpm"
	"github.com/claimkit/claimkit/x12"
)

// rpmLine is a service line with an RPM or RTM code.
type rpmLine struct {
	patient   string // an internal key, never shown
	code      rpm.Code
	dos       x12.Date
	rendering string // NPI
	claim     int
	line      int
}

// patientKey identifies a patient across the claims of a batch: the
// batch patient ID, else the payer, member ID and the patient's name and
// birth date. It is used only to compare, never shown.
func patientKey(c *claims.Claim) string {
	if c.Patient.ID != "" {
		return "id\x00" + c.Patient.ID
	}
	p := c.Patient
	return strings.Join([]string{c.Coverage.Payer.PayerID, c.Coverage.Subscriber.MemberID, string(c.Coverage.Relationship),
		p.Name.Last, p.Name.First, p.BirthDate.String()}, "\x00")
}

// rpmLines returns the RPM and RTM lines with a valid date of service,
// by patient and date of service.
func rpmLines(b *Batch) []rpmLine {
	var out []rpmLine
	for i := range b.Claims {
		c := &b.Claims[i]
		key := ""
		for j := range c.Lines {
			l := &c.Lines[j]
			code, ok := b.Catalogue.Lookup(l.Procedure.Code)
			if !ok || !l.Service.From.Valid() {
				continue
			}
			if key == "" {
				key = patientKey(c)
			}
			out = append(out, rpmLine{patient: key, code: code, dos: l.Service.From,
				rendering: lineRendering(c, l).NPI, claim: i, line: j})
		}
	}
	slices.SortStableFunc(out, func(x, y rpmLine) int {
		return cmp.Or(strings.Compare(x.patient, y.patient), x.dos.Compare(y.dos),
			cmp.Compare(x.claim, y.claim), cmp.Compare(x.line, y.line))
	})
	return out
}

// samePatient calls fn with each patient's RPM and RTM lines. The lines
// are found once per batch.
func samePatient(b *Batch, fn func(lines []rpmLine)) {
	if b.rpm == nil {
		b.rpm = rpmLines(b)
		if b.rpm == nil {
			b.rpm = []rpmLine{}
		}
	}
	all := b.rpm
	for len(all) > 0 {
		n := 1
		for n < len(all) && all[n].patient == all[0].patient {
			n++
		}
		fn(all[:n])
		all = all[n:]
	}
}

func within30(a, b x12.Date) bool {
	d := a.DaysUntil(b)
	return d > -rpm.PeriodDays && d < rpm.PeriodDays
}

func sameMonth(a, b x12.Date) bool { return a.Year == b.Year && a.Month == b.Month }

// where names a line for a message: "claim C1 line 2".
func (b *Batch) where(l rpmLine) string {
	c := &b.Claims[l.claim]
	n := l.line + 1
	if c.Lines[l.line].Number > 0 {
		n = c.Lines[l.line].Number
	}
	return "claim " + claimID(c) + " line " + itoa(n)
}

func (r *Report) rpmLine(l rpmLine, field, format string, args ...any) {
	r.Line(l.claim, l.line, field, format, args...)
}

func checkRPMDevicePeriod(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		var last *rpmLine
		for k := range lines {
			l := &lines[k]
			if !l.code.IsDevice() {
				continue
			}
			if last != nil && within30(last.dos, l.dos) {
				r.rpmLine(*l, "procedure.code", "%s within 30 days of %s on %s: one device supply code per 30-day period",
					l.code.Code, last.code.Code, b.where(*last))
				continue
			}
			last = l
		}
	})
}

func checkRPMManagementMonth(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for k, l := range lines {
			if l.code.Kind != rpm.ManagementFirst && l.code.Kind != rpm.ManagementShort {
				continue
			}
			for _, o := range lines[:k] {
				if (o.code.Kind != rpm.ManagementFirst && o.code.Kind != rpm.ManagementShort) ||
					o.code.Program != l.code.Program || !sameMonth(o.dos, l.dos) {
					continue
				}
				if o.code.Code == l.code.Code {
					r.rpmLine(l, "procedure.code", "%s again in the month of %s: once per calendar month", l.code.Code, b.where(o))
				} else {
					r.rpmLine(l, "procedure.code", "%s with %s (%s) in one calendar month", l.code.Code, o.code.Code, b.where(o))
				}
				break
			}
		}
	})
}

func checkRPMAddOn(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for _, l := range lines {
			if l.code.Kind != rpm.ManagementAdditional {
				continue
			}
			if !slices.ContainsFunc(lines, func(o rpmLine) bool { return o.code.Code == l.code.Parent && sameMonth(o.dos, l.dos) }) {
				r.rpmLine(l, "procedure.code", "add-on %s needs %s for the patient in the same calendar month", l.code.Code, l.code.Parent)
			}
		}
	})
}

func checkRPMInterpretation(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for k, l := range lines {
			for _, o := range lines[:k] {
				if !within30(o.dos, l.dos) {
					continue
				}
				interp := l.code.Kind == rpm.Interpretation || o.code.Kind == rpm.Interpretation
				if interp && (o.code.Code == l.code.Code || b.Catalogue.Excluded(o.code.Code, l.code.Code)) {
					r.rpmLine(l, "procedure.code", "%s within 30 days of %s (%s)", l.code.Code, o.code.Code, b.where(o))
					break
				}
			}
		}
	})
}

func checkRPMSetup(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for k, l := range lines {
			if l.code.Kind != rpm.Setup {
				continue
			}
			if i := slices.IndexFunc(lines[:k], func(o rpmLine) bool { return o.code.Code == l.code.Code }); i >= 0 {
				r.rpmLine(l, "procedure.code", "set-up %s again (%s): once per episode of care", l.code.Code, b.where(lines[i]))
			}
		}
	})
}

func checkRPMAndRTM(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for k, l := range lines {
			if i := slices.IndexFunc(lines[:k], func(o rpmLine) bool {
				return o.code.Program != l.code.Program && within30(o.dos, l.dos)
			}); i >= 0 {
				o := lines[i]
				r.rpmLine(l, "procedure.code", "%s (%s) within 30 days of %s (%s, %s): RPM and RTM are not billed for one patient in one period",
					l.code.Code, strings.ToUpper(string(l.code.Program)), o.code.Code, strings.ToUpper(string(o.code.Program)), b.where(o))
			}
		}
	})
}

func checkRPMPractitioner(b *Batch, r *Report) {
	samePatient(b, func(lines []rpmLine) {
		for k, l := range lines {
			if i := slices.IndexFunc(lines[:k], func(o rpmLine) bool {
				return o.rendering != l.rendering && within30(o.dos, l.dos)
			}); i >= 0 {
				r.rpmLine(l, "rendering_provider.npi", "rendered by NPI %s, but %s is by NPI %s within 30 days: one practitioner bills RPM/RTM for a patient per period",
					l.rendering, b.where(lines[i]), lines[i].rendering)
			}
		}
	})
}

func checkRPMUnits(b *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	code, ok := b.Catalogue.Lookup(l.Procedure.Code)
	if !ok || l.Units.Sign() <= 0 {
		return
	}
	if code.Kind == rpm.ManagementAdditional {
		if !l.Units.IsInteger() {
			r.Line(i, j, "units", "%s units are whole additional 20-minute blocks", code.Code)
		}
		return
	}
	if !l.Units.Equal(one) {
		r.Line(i, j, "units", "%s is billed with 1 unit, not %s", code.Code, l.Units)
	}
}

func checkRPMTelehealthModifier(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	if _, ok := b.Catalogue.Lookup(l.Procedure.Code); !ok {
		return
	}
	mods := sentModifiers(b.Profile(i), c, l)
	for _, m := range []string{"95", "93"} {
		if mods.Has(m) {
			if l.Procedure.Modifiers.Has(m) {
				r.Line(i, j, "procedure.modifiers", "%s on %s: RPM and RTM are not telehealth services", m, l.Procedure.Code)
			} else {
				r.Line(i, j, "telecare", "the line's %s telecare would add %s to %s: RPM and RTM are not telehealth services", telecareName(l.Telecare), m, l.Procedure.Code)
			}
		}
	}
}

func checkRPMTelehealthPOS(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	if _, ok := b.Catalogue.Lookup(l.Procedure.Code); !ok {
		return
	}
	if pos := linePOS(c, l); b.Profile(i).isTelehealthPOS(pos) {
		r.Line(i, j, "place_of_service", "%s at POS %s: RPM and RTM are billed at the practice's place of service, not as telehealth", l.Procedure.Code, pos)
	}
}

func checkRPMPlaceOfService(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	p := b.Profile(i)
	if _, ok := b.Catalogue.Lookup(l.Procedure.Code); !ok || len(p.RPMPlaceOfService) == 0 {
		return
	}
	if pos := linePOS(c, l); !slices.Contains(p.RPMPlaceOfService, pos) && !p.isTelehealthPOS(pos) {
		r.Line(i, j, "place_of_service", "payer %s wants RPM and RTM at POS %s, not %s", c.Coverage.Payer.PayerID, joinPOS(p.RPMPlaceOfService), pos)
	}
}

func joinPOS(list []claims.PlaceOfService) string {
	s := make([]string, len(list))
	for i, p := range list {
		s[i] = string(p)
	}
	return strings.Join(s, " or ")
}

func checkRPMDiagnosis(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	p := b.Profile(i)
	code, ok := b.Catalogue.Lookup(l.Procedure.Code)
	if !ok || code.Program != rpm.RPM || len(p.RPMDiagnoses) == 0 {
		return
	}
	for _, ptr := range l.DiagnosisPointers {
		if ptr < 1 || ptr > len(c.Diagnoses) {
			continue
		}
		for _, allowed := range p.RPMDiagnoses {
			if strings.HasPrefix(c.Diagnoses[ptr-1], allowed) {
				return
			}
		}
	}
	r.Line(i, j, "diagnosis_pointers", "payer %s covers %s only for %s; the line points at none of them",
		c.Coverage.Payer.PayerID, code.Code, strings.Join(p.RPMDiagnoses, ", "))
}

// therapists are the qualifications that bill RTM under a therapy plan
// of care; assistants need CQ (PTA) or CO (OTA) as well.
var therapists = map[string]string{"PT": "GP", "PTA": "GP", "OT": "GO", "OTA": "GO", "SLP": "GN"}

func checkRTMTherapyModifier(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	code, ok := b.Catalogue.Lookup(l.Procedure.Code)
	if !ok || code.Program != rpm.RTM {
		return
	}
	q := strings.ToUpper(lineRendering(c, l).Qualification)
	want, ok := therapists[q]
	if !ok {
		return
	}
	mods := l.Procedure.Modifiers
	if !mods.Has(want) {
		r.Line(i, j, "procedure.modifiers", "%s by a %s under a therapy plan of care needs %s", code.Code, q, want)
	}
	assistant := map[string]string{"PTA": "CQ", "OTA": "CO"}[q]
	if assistant != "" && !mods.Has(assistant) {
		r.Line(i, j, "procedure.modifiers", "%s by a %s needs %s", code.Code, q, assistant)
	}
}

func checkRPMProfessionalComponent(b *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	if _, ok := b.Catalogue.Lookup(l.Procedure.Code); !ok {
		return
	}
	for _, m := range []string{"26", "TC"} {
		if l.Procedure.Modifiers.Has(m) {
			r.Line(i, j, "procedure.modifiers", "%s on %s: RPM and RTM codes have no professional or technical component", m, l.Procedure.Code)
		}
	}
}
