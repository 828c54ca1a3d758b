package x837p

import (
	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Byte classes. Encode looks every value up in a table of these once,
// before writing anything: a control character refuses the claim, and a
// claim with no lower-case letter (or PreserveCase) and no delimiter in
// its values is then written without looking at its bytes again.
const (
	clsLower byte = 1 << iota // a-z: written upper case unless PreserveCase
	clsDelim                  // one of the delimiters: refused in data
	clsCtl                    // a control character: X12 data never holds one

	clsBad = clsDelim | clsCtl // refused in data
)

// classTable returns the byte classes with delimiters d.
func classTable(d x12.Delimiters) *[256]byte {
	var t [256]byte
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsLower
	}
	for c := range 0x20 {
		t[c] = clsCtl
	}
	t[0x7f] = clsCtl
	for _, c := range []byte{d.Element, d.Component, d.Segment, d.Repetition} {
		if c != 0 {
			t[c] |= clsDelim
		}
	}
	return &t
}

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

// textCheck looks values up in the class table: k accumulates their
// classes and bad names the first field holding a control character.
type textCheck struct {
	cls *[256]byte
	k   byte
	bad string
}

func (t *textCheck) s(field string, vals ...string) {
	var k byte
	for _, v := range vals {
		k |= classes(t.cls, v)
	}
	t.add(field, k)
}

// add notes classes k of the values of field.
func (t *textCheck) add(field string, k byte) {
	t.k |= k
	if k&clsCtl != 0 && t.bad == "" {
		t.bad = field
	}
}

// classes returns the classes of the bytes of v.
func classes(cls *[256]byte, v string) byte {
	var k byte
	for i := 0; i < len(v); i++ {
		k |= cls[v[i]]
	}
	return k
}

func (t *textCheck) name(field string, n *claims.Name) {
	cls := t.cls
	t.add(field, classes(cls, n.Organization)|classes(cls, n.Last)|classes(cls, n.First)|classes(cls, n.Middle)|classes(cls, n.Suffix))
}

func (t *textCheck) addr(field string, a *claims.Address) {
	cls := t.cls
	t.add(field, classes(cls, a.Line1)|classes(cls, a.Line2)|classes(cls, a.City)|classes(cls, a.State)|
		classes(cls, a.PostalCode)|classes(cls, a.Country))
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

// checkBilling looks at what a claim shares with the others of its
// billing provider loop (2000A): the billing and pay-to providers, which
// sameBilling compares.
func checkBilling(cls *[256]byte, c *claims.Claim) textCheck {
	t := textCheck{cls: cls}
	t.provider("billing provider", c.BillingProvider)
	t.provider("pay-to provider", c.PayTo)
	return t
}

// checkSubscriber looks at what a claim shares with the others of its
// subscriber loop (2000B): the coverage but its relationship, the payer
// and the subscriber, which sameSubscriber compares.
func checkSubscriber(cls *[256]byte, c *claims.Claim) textCheck {
	t := textCheck{cls: cls}
	cov := c.Coverage
	t.s("coverage", string(cov.Priority), cov.GroupNumber, cov.GroupName, cov.InsuranceType,
		cov.Payer.Name, cov.Payer.PayerID, string(cov.Payer.ClaimFilingIndicator))
	t.addr("payer", &cov.Payer.Address)
	t.person("subscriber", &cov.Subscriber)
	return t
}

// checkClaimText looks at the values of claim c and of its extras x
// (which may be nil), given the checks of its billing provider and
// subscriber loops. The result's k holds the classes of the claim's own
// values; bad names the first field of the whole claim, in the order
// below, that holds a control character.
func checkClaimText(cls *[256]byte, c *claims.Claim, x *Extra, billing, subscriber textCheck) textCheck {
	t := textCheck{cls: cls}
	t.add("claim", classes(cls, c.PatientControlNumber)|classes(cls, string(c.Frequency))|classes(cls, c.OriginalReference)|
		classes(cls, string(c.PlaceOfService))|classes(cls, c.ProviderSignature)|classes(cls, c.Assignment)|
		classes(cls, c.BenefitsAssignment)|classes(cls, c.ReleaseOfInformation)|classes(cls, c.PriorAuthorization)|
		classes(cls, c.Note))
	t.s("diagnoses", c.Diagnoses...)
	if t.bad == "" {
		t.bad = billing.bad
	}
	t.provider("rendering provider", c.Rendering)
	if f := c.ServiceFacility; f != nil {
		t.s("service facility", f.Name, f.NPI)
		t.addr("service facility", &f.Address)
	}
	t.s("coverage", string(c.Coverage.Relationship))
	if t.bad == "" {
		t.bad = subscriber.bad
	}
	// A patient who is the subscriber, with the same values, has been
	// looked at with the subscriber loop (and the patient's own values are
	// not written then).
	if !c.PatientIsSubscriber() || c.Patient.Person != c.Coverage.Subscriber {
		t.person("patient", &c.Patient.Person)
	}
	t.s("patient", c.Patient.MRN)
	for i := range c.Lines {
		// The values of every line, without building a list of them.
		l := &c.Lines[i]
		m := &l.Procedure.Modifiers
		t.add("line", classes(cls, l.Procedure.Code)|classes(cls, string(l.UnitType))|classes(cls, string(l.PlaceOfService))|
			classes(cls, l.ControlNumber)|classes(cls, l.Note)|
			classes(cls, m[0])|classes(cls, m[1])|classes(cls, m[2])|classes(cls, m[3]))
		if l.Rendering != nil {
			t.provider("line rendering provider", l.Rendering)
		}
	}
	if x == nil {
		return t
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
	return t
}
