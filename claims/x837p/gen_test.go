package x837p

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// genOptions narrows what randomClaims makes.
type genOptions struct {
	// moov keeps the claims inside moov-io/x12's 837P rule set: the
	// patient is the subscriber, at most 8 diagnoses, no REF*6R, no line
	// rendering provider, no range dates.
	moov bool
}

type gen struct {
	r *rand.Rand
	o genOptions
}

func (g *gen) word(min, max int) string {
	n := min + g.r.IntN(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[g.r.IntN(26)]
	}
	return string(b)
}

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func (g *gen) maybe(p float64, s string) string {
	if g.r.Float64() < p {
		return s
	}
	return ""
}

func (g *gen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g *gen) address(zip9 bool) claims.Address {
	a := claims.Address{
		Line1: g.digits(3) + " " + g.word(4, 10) + " ST", Line2: g.maybe(0.2, "STE "+g.digits(2)),
		City: g.word(4, 12), State: g.pick("IL", "NY", "CA", "TX", "FL"), PostalCode: g.digits(5),
	}
	if zip9 || g.r.IntN(2) == 0 {
		a.PostalCode = g.digits(9)
	}
	return a
}

func (g *gen) personName() claims.Name {
	return claims.Name{Last: g.word(3, 12), First: g.word(3, 9), Middle: g.maybe(0.3, g.word(1, 1)), Suffix: g.maybe(0.1, "JR")}
}

func (g *gen) provider(org bool) claims.Provider {
	p := claims.Provider{NPI: "1" + g.digits(9)}
	if org {
		p.Name.Organization = g.word(4, 10) + " " + g.pick("CLINIC", "HEALTH", "MEDICAL GROUP", "RPM SERVICES")
	} else {
		p.Name = g.personName()
	}
	return p
}

func (g *gen) person(member bool) claims.Person {
	p := claims.Person{
		Name:      g.personName(),
		BirthDate: x12.NewDate(1930+g.r.IntN(80), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28)),
		Gender:    claims.Gender(g.pick("F", "M", "U")),
	}
	if member {
		p.MemberID = g.digits(1) + g.word(2, 2) + g.digits(8)
	}
	if g.r.IntN(4) > 0 {
		p.Address = g.address(false)
	}
	return p
}

func (g *gen) money(maxDollars int) decimal.Decimal {
	return decimal.New(int64(g.r.IntN(maxDollars*100)+1), -2)
}

var procedures = []string{"99453", "99454", "99457", "99458", "98975", "98976", "98977", "98980", "98981", "99213", "99214", "99091"}

// billing makes a pool of billing providers, so that claims share them.
func (g *gen) billing(n int) []claims.Provider {
	out := make([]claims.Provider, n)
	for i := range out {
		p := g.provider(g.r.IntN(3) > 0)
		p.TaxID = g.digits(9)
		p.TaxIDQualifier = claims.TaxIDQualifier(g.pick("EI", "SY"))
		p.Taxonomy = g.maybe(0.6, "207Q00000X")
		p.Address = g.address(true)
		out[i] = p
	}
	return out
}

// coverages makes a pool of coverages (subscribers with their payer).
func (g *gen) coverages(n int) []claims.Coverage {
	out := make([]claims.Coverage, n)
	for i := range out {
		c := claims.Coverage{
			Priority:    claims.Priority(g.pick("P", "P", "S")),
			GroupNumber: g.maybe(0.4, g.digits(6)),
			GroupName:   g.maybe(0.3, g.word(4, 12)),
			Payer: claims.Payer{
				Name: g.pick("MEDICARE PART B", "BLUE CROSS", "ACME HEALTH PLAN"), PayerID: g.digits(5),
				ClaimFilingIndicator: claims.ClaimFilingIndicator(g.pick("MB", "CI", "BL", "MC")),
			},
			Subscriber:   g.person(true),
			Relationship: claims.RelSelf,
		}
		if c.Priority == claims.Secondary {
			c.InsuranceType = "12"
		}
		if g.r.IntN(3) == 0 {
			c.Payer.Address = g.address(false)
		}
		if !g.o.moov && g.r.IntN(3) == 0 {
			c.Relationship = claims.Relationship(g.pick("01", "19", "G8"))
		}
		out[i] = c
	}
	return out
}

// randomClaims makes n valid claims in canonical form: what Decode
// returns for the 837P that Encode writes for them.
func randomClaims(r *rand.Rand, n int, o genOptions) []claims.Claim {
	g := &gen{r: r, o: o}
	bills := g.billing(1 + n/20)
	covs := g.coverages(1 + n/2)
	dependents := make([]claims.Person, len(covs))
	for i := range dependents {
		dependents[i] = g.person(false)
	}
	out := make([]claims.Claim, n)
	for i := range out {
		out[i] = g.claim(i, bills, covs, dependents)
	}
	return out
}

func (g *gen) claim(i int, bills []claims.Provider, covs []claims.Coverage, dependents []claims.Person) claims.Claim {
	k := g.r.IntN(len(covs))
	c := claims.Claim{
		PatientControlNumber: "C" + strconv.Itoa(i) + g.word(2, 6),
		Frequency:            claims.FrequencyOriginal,
		BillingProvider:      &bills[g.r.IntN(len(bills))],
		Coverage:             &covs[k],
		PlaceOfService:       claims.PlaceOfService(g.pick("11", "11", "10", "02", "12")),
		ProviderSignature:    "Y", Assignment: g.pick("A", "C"), BenefitsAssignment: g.pick("Y", "N"),
		ReleaseOfInformation: g.pick("Y", "I"),
		PriorAuthorization:   g.maybe(0.2, g.word(3, 3)+g.digits(6)),
		Note:                 g.maybe(0.1, "RPM "+g.word(3, 10)),
	}
	c.ID = c.PatientControlNumber
	c.Patient = &claims.Patient{Person: dependents[k], MRN: g.maybe(0.5, "MRN"+g.digits(7))}
	if c.Coverage.Relationship.IsSelf() {
		c.Patient.Person = c.Coverage.Subscriber
	}
	if g.r.IntN(8) == 0 {
		c.Frequency = claims.Frequency(g.pick("7", "8"))
		c.OriginalReference = g.digits(14)
	}
	if g.r.IntN(5) == 0 {
		c.PayTo = &claims.Provider{Address: g.address(true)}
	}
	if g.r.IntN(2) == 0 {
		rp := g.provider(false)
		rp.Taxonomy = g.maybe(0.5, "363LF0000X")
		c.Rendering = &rp
	}
	if g.r.IntN(5) == 0 {
		c.ServiceFacility = &claims.Facility{Name: g.word(5, 10) + " CLINIC", NPI: g.maybe(0.7, "1"+g.digits(9)), Address: g.address(true)}
	}
	maxDx := claims.MaxDiagnoses
	if g.o.moov {
		maxDx = 8
	}
	nd := 1 + g.r.IntN(maxDx)
	for range nd {
		c.Diagnoses = append(c.Diagnoses, g.pick("I10", "E1165", "I509", "J449", "E669", "M545")+g.digits(g.r.IntN(2)))
	}
	nl := 1 + g.r.IntN(6)
	if g.r.IntN(20) == 0 {
		nl = claims.MaxLines
	}
	for j := range nl {
		c.Lines = append(c.Lines, g.line(j, &c))
	}
	return c
}

func (g *gen) line(j int, c *claims.Claim) claims.ClaimLine {
	day := x12.NewDate(2026, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
	l := claims.ClaimLine{
		Number:    j + 1,
		Procedure: claims.Procedure{Code: procedures[g.r.IntN(len(procedures))]},
		Charge:    g.money(300),
		Units:     decimal.NewFromInt(int64(1 + g.r.IntN(3))),
		UnitType:  claims.Units,
		Service:   x12.DateRange{From: day, To: day},
	}
	if !g.o.moov && g.r.IntN(4) == 0 {
		l.Service.To = day.AddDays(1 + g.r.IntN(29))
	}
	if g.r.IntN(10) == 0 {
		l.Units = decimal.New(int64(1+g.r.IntN(40)), -1)
	}
	nm := g.r.IntN(3)
	for m := range nm {
		l.Procedure.Modifiers[m] = g.pick("25", "GT", "KX", "GP", "59")
	}
	switch g.r.IntN(6) {
	case 0:
		l.Procedure.Modifiers[nm] = "95"
		l.Telecare = claims.TelecareVideo
	case 1:
		l.Procedure.Modifiers[nm] = "93"
		l.Telecare = claims.TelecareAudio
	}
	if g.r.IntN(6) == 0 {
		l.PlaceOfService = claims.PlaceOfService(g.pick("02", "10", "12"))
		if l.PlaceOfService == c.PlaceOfService {
			l.PlaceOfService = ""
		}
	}
	np := 1 + g.r.IntN(min(claims.MaxPointers, len(c.Diagnoses)))
	for _, p := range g.r.Perm(len(c.Diagnoses))[:np] {
		l.DiagnosisPointers = append(l.DiagnosisPointers, p+1)
	}
	if !g.o.moov {
		l.ControlNumber = g.maybe(0.7, c.PatientControlNumber+"-"+strconv.Itoa(j+1))
		l.Note = g.maybe(0.05, "READINGS "+g.digits(2)+" DAYS")
		if g.r.IntN(10) == 0 {
			rp := g.provider(false)
			rp.Taxonomy = g.maybe(0.5, "363LF0000X")
			l.Rendering = &rp
		}
	}
	return l
}
