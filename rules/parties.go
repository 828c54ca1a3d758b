package rules

import (
	"regexp"
	"slices"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/eligibility"
)

// npiRef is one NPI of a claim and where it is.
type npiRef struct {
	line     int // -1 for the claim
	field    string
	who      string
	npi      string
	required bool
}

func claimNPIs(c *claims.Claim) []npiRef {
	refs := []npiRef{{line: -1, field: "billing_provider.npi", who: "billing provider", npi: c.BillingProvider.NPI, required: true}}
	if c.Rendering != nil {
		refs = append(refs, npiRef{line: -1, field: "rendering_provider.npi", who: "rendering provider", npi: c.Rendering.NPI, required: true})
	}
	if c.ServiceFacility != nil {
		refs = append(refs, npiRef{line: -1, field: "service_facility.npi", who: "service facility", npi: c.ServiceFacility.NPI})
	}
	for j := range c.Lines {
		if r := c.Lines[j].Rendering; r != nil {
			refs = append(refs, npiRef{line: j, field: "rendering_provider.npi", who: "line rendering provider", npi: r.NPI, required: true})
		}
	}
	return refs
}

func (r *Report) at(i int, ref npiRef, format string, args ...any) {
	if ref.line < 0 {
		r.Claim(i, ref.field, format, args...)
	} else {
		r.Line(i, ref.line, ref.field, format, args...)
	}
}

// npiForm reports whether npi is 10 digits starting with 1 or 2.
func npiForm(npi string) bool {
	return len(npi) == 10 && allDigits(npi) && (npi[0] == '1' || npi[0] == '2')
}

func checkNPIMissing(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimNPIs(c) {
		if ref.required && ref.npi == "" {
			r.at(i, ref, "the %s has no NPI", ref.who)
		}
	}
}

func checkNPIFormat(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimNPIs(c) {
		if ref.npi != "" && !npiForm(ref.npi) {
			r.at(i, ref, "the %s NPI is not 10 digits starting with 1 or 2", ref.who)
		}
	}
}

func checkNPICheckDigit(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimNPIs(c) {
		if npiForm(ref.npi) && !eligibility.ValidNPI(ref.npi) {
			r.at(i, ref, "the %s NPI %s fails the check digit", ref.who, ref.npi)
		}
	}
}

func checkBillingTIN(_ *Batch, r *Report, i int, c *claims.Claim) {
	p := c.BillingProvider
	switch {
	case p.TaxID == "":
		r.Claim(i, "billing_provider.tax_id", "the billing provider has no tax ID (REF*EI or REF*SY)")
	case len(p.TaxID) != 9 || !allDigits(p.TaxID):
		r.Claim(i, "billing_provider.tax_id", "the billing provider tax ID is not 9 digits without separators")
	}
	if q := p.TaxIDQualifier; q != "" && q != claims.TaxIDEIN && q != claims.TaxIDSSN {
		r.Claim(i, "billing_provider.tax_id_qualifier", "tax ID qualifier %q is not EI or SY", q)
	}
}

var poBox = regexp.MustCompile(`(?i)\bP\.?\s*O\.?\s*BOX\b|\bPOST\s+OFFICE\s+BOX\b|\bLOCK\s*BOX\b|\bPMB\b|#\s*BOX\b`)

func checkPOBox(_ *Batch, r *Report, i int, c *claims.Claim) {
	a := &c.BillingProvider.Address
	for _, f := range []struct{ field, v string }{{"line1", a.Line1}, {"line2", a.Line2}} {
		if poBox.MatchString(f.v) {
			r.Claim(i, "billing_provider.address."+f.field,
				"the billing provider address is a PO box, lock box or private mailbox: send a street address and put the box in the pay-to address")
		}
	}
}

// addressRef is one address of a claim.
type addressRef struct {
	field, who string
	a          *claims.Address
	required   bool // N3/N4 must be sent
	zip9       bool // ZIP+4 required
}

func claimAddresses(c *claims.Claim) []addressRef {
	self := c.PatientIsSubscriber()
	refs := []addressRef{
		{"billing_provider.address", "billing provider", &c.BillingProvider.Address, true, true},
	}
	if c.PayTo != nil {
		refs = append(refs, addressRef{"pay_to.address", "pay-to provider", &c.PayTo.Address, true, false})
	}
	if c.ServiceFacility != nil {
		refs = append(refs, addressRef{"service_facility.address", "service facility", &c.ServiceFacility.Address, true, true})
	}
	refs = append(refs,
		addressRef{"coverage.subscriber.address", "subscriber", &c.Coverage.Subscriber.Address, self, false},
		addressRef{"patient.address", "patient", &c.Patient.Address, !self, false},
		addressRef{"coverage.payer.address", "payer", &c.Coverage.Payer.Address, false, false},
	)
	return refs
}

func checkAddressRequired(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimAddresses(c) {
		if !ref.required {
			continue
		}
		a := ref.a
		for _, f := range []struct{ name, v, what string }{
			{"line1", a.Line1, "street (N301)"}, {"city", a.City, "city (N401)"},
			{"state", a.State, "state (N402)"}, {"postal_code", a.PostalCode, "postal code (N403)"},
		} {
			if f.v == "" && (f.name != "state" || isUS(a)) {
				r.Claim(i, ref.field+"."+f.name, "the %s address has no %s", ref.who, f.what)
			}
		}
	}
}

func checkZIP4(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimAddresses(c) {
		if ref.zip9 && isUS(ref.a) && ref.a.PostalCode != "" && (len(ref.a.PostalCode) != 9 || !allDigits(ref.a.PostalCode)) {
			r.Claim(i, ref.field+".postal_code", "the %s postal code must be the 9-digit ZIP+4", ref.who)
		}
	}
}

func checkPostalCode(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimAddresses(c) {
		z := ref.a.PostalCode
		if !ref.zip9 && isUS(ref.a) && z != "" && ((len(z) != 5 && len(z) != 9) || !allDigits(z)) {
			r.Claim(i, ref.field+".postal_code", "the %s postal code is not 5 or 9 digits", ref.who)
		}
	}
}

func checkStateCode(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, ref := range claimAddresses(c) {
		if s := ref.a.State; s != "" && isUS(ref.a) && !slices.Contains(usStates, s) {
			r.Claim(i, ref.field+".state", "the %s state is not a US state or territory code", ref.who)
		}
	}
}

func checkRenderingProvider(_ *Batch, r *Report, i int, c *claims.Claim) {
	if c.Rendering != nil && c.Rendering.Name.IsOrganization() {
		r.Claim(i, "rendering_provider.name", "the rendering provider must be a person")
	}
	for j := range c.Lines {
		if l := c.Lines[j].Rendering; l != nil && l.Name.IsOrganization() {
			r.Line(i, j, "rendering_provider.name", "the line rendering provider must be a person")
		}
	}
	if !c.BillingProvider.Name.IsOrganization() || c.Rendering != nil {
		return
	}
	for j := range c.Lines {
		if c.Lines[j].Rendering == nil {
			r.Line(i, j, "rendering_provider", "the billing provider is an organization: the line needs a person as rendering provider (2310B or 2420A)")
		}
	}
}

func checkMemberID(_ *Batch, r *Report, i int, c *claims.Claim) {
	if c.Coverage.Subscriber.MemberID == "" {
		r.Claim(i, "coverage.subscriber.member_id", "the subscriber has no member ID")
	}
}

func checkNames(_ *Batch, r *Report, i int, c *claims.Claim) {
	named := func(n *claims.Name) bool { return n.Organization != "" || n.Last != "" }
	if !named(&c.BillingProvider.Name) {
		r.Claim(i, "billing_provider.name", "the billing provider has no name")
	}
	if c.Rendering != nil && c.Rendering.Name.Last == "" {
		r.Claim(i, "rendering_provider.name.last", "the rendering provider has no last name")
	}
	if c.ServiceFacility != nil && c.ServiceFacility.Name == "" {
		r.Claim(i, "service_facility.name", "the service facility has no name")
	}
	if !named(&c.Coverage.Subscriber.Name) {
		r.Claim(i, "coverage.subscriber.name.last", "the subscriber has no last name")
	}
	if c.Patient.Name.Last == "" {
		r.Claim(i, "patient.name.last", "the patient has no last name")
	}
	if c.Patient.Name.IsOrganization() {
		r.Claim(i, "patient.name.organization", "the patient must be a person")
	}
}

func checkBirthDate(b *Batch, r *Report, i int, c *claims.Claim) {
	dob := c.Patient.BirthDate
	switch {
	case dob.IsZero():
		r.Claim(i, "patient.birth_date", "the patient has no birth date (DMG)")
	case !dob.Valid():
		r.Claim(i, "patient.birth_date", "the patient birth date is not a date")
	case dob.After(b.AsOf):
		r.Claim(i, "patient.birth_date", "the patient birth date is in the future")
	case len(c.Lines) > 0 && dob.After(c.ServicePeriod().From):
		r.Claim(i, "patient.birth_date", "the patient birth date is after the first date of service")
	}
}

func checkGender(_ *Batch, r *Report, i int, c *claims.Claim) {
	for _, g := range []struct {
		field string
		v     claims.Gender
	}{{"patient.gender", c.Patient.Gender}, {"coverage.subscriber.gender", c.Coverage.Subscriber.Gender}} {
		switch g.v {
		case "", claims.GenderFemale, claims.GenderMale, claims.GenderUnknown:
		default:
			r.Claim(i, g.field, "gender %q is not F, M or U", g.v)
		}
	}
}

func checkRelationship(_ *Batch, r *Report, i int, c *claims.Claim) {
	rel := c.Coverage.Relationship
	if rel != "" && !slices.Contains(relationships, rel) {
		r.Claim(i, "coverage.relationship", "relationship %q is not a patient relationship code", rel)
		return
	}
	if !rel.IsSelf() {
		return
	}
	s, p := &c.Coverage.Subscriber, &c.Patient.Person
	if (p.Name.Last != "" && s.Name.Last != "" && (p.Name.Last != s.Name.Last || p.Name.First != s.Name.First)) ||
		(!p.BirthDate.IsZero() && !s.BirthDate.IsZero() && p.BirthDate != s.BirthDate) {
		r.Claim(i, "coverage.relationship", "relationship 18 (self), but the patient's name or birth date differs from the subscriber's")
	}
}

func checkPayer(_ *Batch, r *Report, i int, c *claims.Claim) {
	if c.Coverage.Payer.PayerID == "" {
		r.Claim(i, "coverage.payer.payer_id", "the payer has no payer ID")
	}
	if c.Coverage.Payer.Name == "" {
		r.Claim(i, "coverage.payer.name", "the payer has no name")
	}
}

func checkFilingIndicator(_ *Batch, r *Report, i int, c *claims.Claim) {
	switch f := c.Coverage.Payer.ClaimFilingIndicator; {
	case f == "":
		r.Claim(i, "coverage.payer.claim_filing_indicator", "no claim filing indicator (SBR09)")
	case !slices.Contains(filingIndicators, f):
		r.Claim(i, "coverage.payer.claim_filing_indicator", "claim filing indicator %q is not an SBR09 code", f)
	}
}
