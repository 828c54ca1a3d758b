package x837p

import "github.com/claimkit/claimkit/claims"

// hasControl reports whether s holds a control character (a byte below
// 0x20 or DEL): X12 data never does, and a reader reports one as an error.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// controlField returns the name of the first field of c (or of its
// extras x, which may be nil) that holds a control character, or "".
func controlField(c *claims.Claim, x *Extra) string {
	bad := ""
	check := func(field string, vals ...string) {
		if bad != "" {
			return
		}
		for _, v := range vals {
			if hasControl(v) {
				bad = field
				return
			}
		}
	}
	name := func(field string, n *claims.Name) {
		check(field+" name", n.Organization, n.Last, n.First, n.Middle, n.Suffix)
	}
	addr := func(field string, a *claims.Address) {
		check(field+" address", a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country)
	}
	prov := func(field string, p *claims.Provider) {
		if p == nil {
			return
		}
		check(field, p.NPI, p.TaxID, string(p.TaxIDQualifier), p.Taxonomy)
		name(field, &p.Name)
		addr(field, &p.Address)
	}
	person := func(field string, p *claims.Person) {
		check(field, p.MemberID, string(p.Gender))
		name(field, &p.Name)
		addr(field, &p.Address)
	}
	check("claim", c.PatientControlNumber, string(c.Frequency), c.OriginalReference, string(c.PlaceOfService),
		c.ProviderSignature, c.Assignment, c.BenefitsAssignment, c.ReleaseOfInformation, c.PriorAuthorization, c.Note)
	check("diagnoses", c.Diagnoses...)
	prov("billing provider", &c.BillingProvider)
	prov("pay-to provider", c.PayTo)
	prov("rendering provider", c.Rendering)
	if f := c.ServiceFacility; f != nil {
		check("service facility", f.Name, f.NPI)
		addr("service facility", &f.Address)
	}
	cov := &c.Coverage
	check("coverage", string(cov.Priority), cov.GroupNumber, cov.GroupName, cov.InsuranceType, string(cov.Relationship),
		cov.Payer.Name, cov.Payer.PayerID, string(cov.Payer.ClaimFilingIndicator))
	addr("payer", &cov.Payer.Address)
	person("subscriber", &cov.Subscriber)
	person("patient", &c.Patient.Person)
	check("patient", c.Patient.MRN)
	for i := range c.Lines {
		l := &c.Lines[i]
		check("line", l.Procedure.Code, string(l.UnitType), string(l.PlaceOfService), l.ControlNumber, l.Note)
		check("line", l.Procedure.Modifiers[:]...)
		prov("line rendering provider", l.Rendering)
	}
	if x == nil {
		return bad
	}
	check("extra", x.DiagnosisCodeList, x.PayerIDQualifier, x.PayToEntity)
	prov("referring provider", x.Referring)
	raw := func(segs []RawSegment) {
		for _, r := range segs {
			check("segment "+r.ID, r.ID)
			for _, el := range r.Elements {
				check("segment "+r.ID, el...)
			}
		}
	}
	for _, el := range x.ClaimInfo {
		check("CLM", el...)
	}
	raw(x.Segments)
	for _, op := range x.OtherPayers {
		raw(op.Segments)
	}
	for _, lx := range x.Lines {
		check("SV1", lx.Description)
		for _, el := range lx.ServiceInfo {
			check("SV1", el...)
		}
		raw(lx.Segments)
	}
	return bad
}
