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

// textCheck finds the first field holding a control character.
type textCheck struct{ bad string }

func (t *textCheck) s(field string, vals ...string) {
	if t.bad != "" {
		return
	}
	for _, v := range vals {
		if hasControl(v) {
			t.bad = field
			return
		}
	}
}

func (t *textCheck) name(field string, n *claims.Name) {
	t.s(field, n.Organization, n.Last, n.First, n.Middle, n.Suffix)
}

func (t *textCheck) addr(field string, a *claims.Address) {
	t.s(field, a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country)
}

func (t *textCheck) provider(field string, p *claims.Provider) {
	if p == nil {
		return
	}
	t.s(field, p.NPI, p.TaxID, string(p.TaxIDQualifier), p.Taxonomy)
	t.name(field, &p.Name)
	t.addr(field, &p.Address)
}

func (t *textCheck) person(field string, p *claims.Person) {
	t.s(field, p.MemberID, string(p.Gender))
	t.name(field, &p.Name)
	t.addr(field, &p.Address)
}

func (t *textCheck) raw(segs []RawSegment) {
	for i := range segs {
		t.s("segment", segs[i].ID)
		for _, el := range segs[i].Elements {
			t.s("segment "+segs[i].ID, el...)
		}
	}
}

// controlField returns the name of the first field of c (or of its
// extras x, which may be nil) that holds a control character, or "".
func controlField(c *claims.Claim, x *Extra) string {
	var t textCheck
	t.s("claim", c.PatientControlNumber, string(c.Frequency), c.OriginalReference, string(c.PlaceOfService),
		c.ProviderSignature, c.Assignment, c.BenefitsAssignment, c.ReleaseOfInformation, c.PriorAuthorization, c.Note)
	t.s("diagnoses", c.Diagnoses...)
	t.provider("billing provider", &c.BillingProvider)
	t.provider("pay-to provider", c.PayTo)
	t.provider("rendering provider", c.Rendering)
	if f := c.ServiceFacility; f != nil {
		t.s("service facility", f.Name, f.NPI)
		t.addr("service facility", &f.Address)
	}
	cov := &c.Coverage
	t.s("coverage", string(cov.Priority), cov.GroupNumber, cov.GroupName, cov.InsuranceType, string(cov.Relationship),
		cov.Payer.Name, cov.Payer.PayerID, string(cov.Payer.ClaimFilingIndicator))
	t.addr("payer", &cov.Payer.Address)
	t.person("subscriber", &cov.Subscriber)
	t.person("patient", &c.Patient.Person)
	t.s("patient", c.Patient.MRN)
	for i := range c.Lines {
		l := &c.Lines[i]
		t.s("line", l.Procedure.Code, string(l.UnitType), string(l.PlaceOfService), l.ControlNumber, l.Note)
		t.s("line", l.Procedure.Modifiers[:]...)
		t.provider("line rendering provider", l.Rendering)
	}
	if x == nil {
		return t.bad
	}
	t.s("extra", x.DiagnosisCodeList, x.PayerIDQualifier, x.PayToEntity)
	t.provider("referring provider", x.Referring)
	for _, el := range x.ClaimInfo {
		t.s("CLM", el...)
	}
	t.raw(x.Segments)
	for i := range x.OtherPayers {
		t.raw(x.OtherPayers[i].Segments)
	}
	for i := range x.Lines {
		lx := &x.Lines[i]
		t.s("SV1", lx.Description)
		for _, el := range lx.ServiceInfo {
			t.s("SV1", el...)
		}
		t.raw(lx.Segments)
	}
	return t.bad
}
