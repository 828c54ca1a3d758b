package rules

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
)

func checkDxFormat(_ *Batch, r *Report, i int, c *claims.Claim) {
	for k, d := range c.Diagnoses {
		if !validICD10(d) {
			r.Claim(i, "diagnoses["+strconv.Itoa(k)+"]", "%q is not an ICD-10-CM code without the dot (a letter, a digit, 3 to 7 characters)", d)
		}
	}
}

func checkDxCount(_ *Batch, r *Report, i int, c *claims.Claim) {
	switch n := len(c.Diagnoses); {
	case n == 0:
		r.Claim(i, "diagnoses", "no diagnosis code (HI)")
	case n > claims.MaxDiagnoses:
		r.Claim(i, "diagnoses", "%d diagnosis codes, at most %d", n, claims.MaxDiagnoses)
	}
}

func checkDxDuplicate(_ *Batch, r *Report, i int, c *claims.Claim) {
	for k, d := range c.Diagnoses {
		if prev := slices.Index(c.Diagnoses[:k], d); prev >= 0 {
			r.Claim(i, "diagnoses["+strconv.Itoa(k)+"]", "diagnosis %d repeats diagnosis %d", k+1, prev+1)
		}
	}
}

func checkDxPointers(_ *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	n := len(l.DiagnosisPointers)
	if n == 0 || n > claims.MaxPointers {
		r.Line(i, j, "diagnosis_pointers", "%d diagnosis pointers, 1 to %d needed", n, claims.MaxPointers)
	}
	for k, p := range l.DiagnosisPointers {
		field := "diagnosis_pointers[" + strconv.Itoa(k) + "]"
		switch {
		case p < 1 || p > len(c.Diagnoses):
			r.Line(i, j, field, "pointer %d is not 1 to %d, the number of diagnoses", p, len(c.Diagnoses))
		case slices.Contains(l.DiagnosisPointers[:k], p):
			r.Line(i, j, field, "pointer %d is repeated", p)
		}
	}
}

func checkProcedureCode(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	if !validProcedure(l.Procedure.Code) {
		r.Line(i, j, "procedure.code", "%q is not a CPT or HCPCS code", l.Procedure.Code)
	}
}

func checkProcedureDate(b *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	code, ok := b.Catalogue.Lookup(l.Procedure.Code)
	if !ok || l.Service.From.IsZero() || code.ValidOn(l.Service.From) {
		return
	}
	if l.Service.From.Before(code.ValidFrom) {
		r.Line(i, j, "procedure.code", "%s is valid from %s, after the date of service", code.Code, code.ValidFrom)
	} else {
		r.Line(i, j, "procedure.code", "%s was retired on %s, before the date of service", code.Code, code.ValidTo)
	}
}

func checkModifierFormat(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	mods := l.Procedure.Modifiers
	for k, m := range mods {
		field := "procedure.modifiers[" + strconv.Itoa(k) + "]"
		switch {
		case m == "":
			if slices.ContainsFunc(mods[k:], func(s string) bool { return s != "" }) {
				r.Line(i, j, field, "empty modifier before a set one")
			}
		case !validModifier(m):
			r.Line(i, j, field, "modifier %q is not two letters or digits", m)
		case slices.Contains(mods[:k], m):
			r.Line(i, j, field, "modifier %s is repeated", m)
		}
	}
}

// Telehealth.

func checkTelehealthConflict(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	mods := sentModifiers(b.Profile(i), c, l)
	switch {
	case mods.Has("95") && mods.Has("93"):
		r.Line(i, j, "procedure.modifiers", "95 (video) and 93 (audio-only) on one line")
	case l.Telecare == claims.TelecareAudio && mods.Has("95"):
		r.Line(i, j, "procedure.modifiers", "95 (video) on an audio-only service")
	case l.Telecare == claims.TelecareVideo && mods.Has("93"):
		r.Line(i, j, "procedure.modifiers", "93 (audio-only) on a video service")
	}
}

func checkGTGQ(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	for _, m := range []string{"GT", "GQ"} {
		if l.Procedure.Modifiers.Has(m) {
			r.Line(i, j, "procedure.modifiers", "%s is not used on professional claims: use POS 02 or 10 with 95 or 93", m)
		}
	}
}

func checkTelehealthModifier(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	p := b.Profile(i)
	if _, isRPM := b.Catalogue.Lookup(l.Procedure.Code); isRPM {
		return // RPM-TELEHEALTH-POS covers these
	}
	pos := linePOS(c, l)
	mods := sentModifiers(p, c, l)
	has := mods.Has("95") || mods.Has("93")
	switch p.TelehealthModifiers {
	case ModifiersNever:
		if has {
			r.Line(i, j, "procedure.modifiers", "payer %s wants no 95 or 93: the place of service says telehealth", c.Coverage.Payer.PayerID)
		}
	default:
		if p.isTelehealthPOS(pos) && !has {
			r.Line(i, j, "procedure.modifiers", "POS %s needs 95 (video) or 93 (audio-only); the line's telecare is %s", pos, telecareName(l.Telecare))
		}
	}
}

func telecareName(t claims.Telecare) string {
	if t == "" {
		return string(claims.TelecareNone)
	}
	return string(t)
}

func checkTelehealthAsync(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	if l.Telecare == claims.TelecareAsync && (l.Procedure.Modifiers.Has("95") || l.Procedure.Modifiers.Has("93")) {
		r.Line(i, j, "procedure.modifiers", "an asynchronous (store and forward) service never carries 95 or 93")
	}
}

func checkTelehealthCode(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	p := b.Profile(i)
	if pos := linePOS(c, l); p.TelehealthCodes != nil && p.isTelehealthPOS(pos) && !slices.Contains(p.TelehealthCodes, l.Procedure.Code) {
		r.Line(i, j, "procedure.code", "%s is not on payer %s's telehealth list, but the place of service is %s", l.Procedure.Code, c.Coverage.Payer.PayerID, pos)
	}
}

// Amounts, units and dates.

func checkClaimTotal(_ *Batch, r *Report, i int, c *claims.Claim) {
	if len(c.Lines) == 0 || c.Frequency == claims.FrequencyVoid {
		return
	}
	switch t := c.Total(); {
	case !fitsR(t, claims.MaxDigits):
		r.Claim(i, "lines", "the total charge (CLM02) has more than %d digits", claims.MaxDigits)
	case t.Sign() <= 0:
		r.Claim(i, "lines", "the total charge (CLM02) is %s: a chargeable claim needs more than 0", t.StringFixed(2))
	}
}

// fitsR reports whether d written out has at most n digits.
func fitsR(d decimal.Decimal, n int) bool {
	exp := int64(d.Exponent())
	if exp < -int64(n) || exp > int64(n) {
		return false
	}
	digits := int64(d.NumDigits())
	if exp > 0 {
		digits += exp
	}
	return digits <= int64(n)
}

func checkLineCharge(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	switch {
	case !fitsR(l.Charge, claims.MaxDigits):
		r.Line(i, j, "charge", "the charge (SV102) has more than %d digits", claims.MaxDigits)
	case l.Charge.Sign() < 0:
		r.Line(i, j, "charge", "the charge (SV102) is negative")
	case !l.Charge.Equal(l.Charge.Truncate(2)):
		r.Line(i, j, "charge", "the charge (SV102) has more than 2 decimals")
	}
}

func checkUnits(_ *Batch, r *Report, i, j int, _ *claims.Claim, l *claims.ClaimLine) {
	switch {
	case !fitsR(l.Units, 15):
		r.Line(i, j, "units", "the units (SV104) have more than 15 digits")
	case l.Units.Sign() <= 0:
		r.Line(i, j, "units", "the units (SV104) must be more than 0")
	}
	if u := l.UnitType; u != "" && u != claims.Units && u != claims.Minutes {
		r.Line(i, j, "unit_type", "unit type %q is not UN or MJ", u)
	}
}

func checkServiceDate(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	s := l.Service
	dob := c.Patient.BirthDate
	switch {
	case s.From.IsZero() || !s.From.Valid():
		r.Line(i, j, "service.from", "no date of service (DTP*472)")
	case !s.To.IsZero() && !s.To.Valid():
		r.Line(i, j, "service.to", "the end of the service period is not a date")
	case !s.To.IsZero() && s.To.Before(s.From):
		r.Line(i, j, "service.to", "the service period ends before it starts")
	case s.From.After(b.AsOf) || s.To.After(b.AsOf):
		r.Line(i, j, "service", "the date of service is in the future")
	case dob.Valid() && s.From.Before(dob):
		r.Line(i, j, "service.from", "the date of service is before the patient's birth date")
	}
}

// filingAge is how many days ago the line's service started, or -1.
func filingAge(b *Batch, l *claims.ClaimLine) int {
	if !l.Service.From.Valid() || l.Service.From.After(b.AsOf) {
		return -1
	}
	return l.Service.From.DaysUntil(b.AsOf)
}

func checkTimelyFiling(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	if age, limit := filingAge(b, l), b.Profile(i).TimelyFilingDays; age > limit {
		r.Line(i, j, "service.from", "filed %d days after the date of service; payer %s allows %d", age, c.Coverage.Payer.PayerID, limit)
	}
}

func checkTimelyFilingSoon(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine) {
	p := b.Profile(i)
	if age := filingAge(b, l); age <= p.TimelyFilingDays && age > p.TimelyFilingDays-p.TimelyFilingWarnDays {
		r.Line(i, j, "service.from", "%d of the %d days payer %s allows for filing have passed", age, p.TimelyFilingDays, c.Coverage.Payer.PayerID)
	}
}

func checkLineCount(_ *Batch, r *Report, i int, c *claims.Claim) {
	switch n := len(c.Lines); {
	case n == 0:
		r.Claim(i, "lines", "no service lines")
	case n > claims.MaxLines:
		r.Claim(i, "lines", "%d service lines, at most %d: split the claim", n, claims.MaxLines)
	}
}

// MaxClaimsPerSubscriber is how many claims one subscriber loop (HL 22)
// of an 837P may hold.
const MaxClaimsPerSubscriber = 100

func checkHLClaims(b *Batch, r *Report) {
	type key struct{ billing, payer, member string }
	count := map[key]int{}
	for i := range b.Claims {
		c := &b.Claims[i]
		k := key{c.BillingProvider.NPI, c.Coverage.Payer.PayerID, c.Coverage.Subscriber.MemberID}
		if count[k]++; count[k] == MaxClaimsPerSubscriber+1 {
			r.Claim(i, "", "more than %d claims for one subscriber of one billing provider and payer: the 837P must split them", MaxClaimsPerSubscriber)
		}
	}
}

func checkFrequency(_ *Batch, r *Report, i int, c *claims.Claim) {
	switch c.Frequency {
	case "", claims.FrequencyOriginal:
		if c.OriginalReference != "" {
			r.Claim(i, "original_reference", "an original claim (frequency 1) carries no payer claim control number (REF*F8)")
		}
	case claims.FrequencyReplacement, claims.FrequencyVoid:
		if c.OriginalReference == "" {
			r.Claim(i, "original_reference", "frequency %s needs the original claim's payer claim control number (REF*F8)", c.Frequency)
		}
	default:
		r.Claim(i, "frequency", "frequency %q is not 1, 7 or 8", c.Frequency)
	}
}

func checkPOS(_ *Batch, r *Report, i int, c *claims.Claim) {
	switch {
	case c.PlaceOfService == "":
		r.Claim(i, "place_of_service", "no place of service (CLM05-1)")
	case !validPOS(c.PlaceOfService):
		r.Claim(i, "place_of_service", "%q is not a CMS place of service code", c.PlaceOfService)
	}
	for j := range c.Lines {
		if p := c.Lines[j].PlaceOfService; p != "" && !validPOS(p) {
			r.Line(i, j, "place_of_service", "%q is not a CMS place of service code", p)
		}
	}
}
