package rules

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

var asOf = x12.NewDate(2026, 2, 10)

func day(s string) x12.Date {
	d, err := x12.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func line(n int, code, dos, charge string) claims.ClaimLine {
	return claims.ClaimLine{Number: n, Procedure: claims.Procedure{Code: code}, Charge: dec(charge), Units: dec("1"),
		Service: x12.DateRange{From: day(dos), To: day(dos)}, DiagnosisPointers: []int{1, 2}}
}

// rpmClaim is a clean Medicare RPM claim (DOMAIN.md 1.4): it passes
// every default rule as of 2026-02-10.
func rpmClaim() claims.Claim {
	return claims.Claim{
		ID: "RPM-1", PatientControlNumber: "RPM-1",
		BillingProvider: &claims.Provider{NPI: "1245319599", TaxID: "123456789", TaxIDQualifier: claims.TaxIDEIN,
			Name:    claims.Name{Organization: "ACME FAMILY MEDICINE"},
			Address: claims.Address{Line1: "100 MAIN ST", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"}},
		Rendering: &claims.Provider{NPI: "1234567893", Qualification: "MD", Name: claims.Name{Last: "SMITH", First: "JOHN"}},
		Coverage: &claims.Coverage{
			Payer: claims.Payer{Name: "MEDICARE PART B", PayerID: "00952", ClaimFilingIndicator: claims.FilingMedicarePartB},
			Subscriber: claims.Person{MemberID: "1EG4TE5MK73", Name: claims.Name{Last: "DOE", First: "JANE"},
				BirthDate: day("1950-01-01"), Gender: claims.GenderFemale,
				Address: claims.Address{Line1: "12 OAK AVE", City: "SPRINGFIELD", State: "IL", PostalCode: "62704"}},
			Relationship: claims.RelSelf,
		},
		Patient: &claims.Patient{ID: "PAT-1", Person: claims.Person{Name: claims.Name{Last: "DOE", First: "JANE"},
			BirthDate: day("1950-01-01"), Gender: claims.GenderFemale,
			Address: claims.Address{Line1: "12 OAK AVE", City: "SPRINGFIELD", State: "IL", PostalCode: "62704"}}},
		PlaceOfService: claims.POSOffice,
		Diagnoses:      []string{"I10", "E1165"},
		Lines:          []claims.ClaimLine{line(1, "99454", "2026-01-30", "60.00"), line(2, "99457", "2026-01-31", "60.00")},
	}
}

// visitClaim is a clean video visit at the patient's home.
func visitClaim() claims.Claim {
	c := rpmClaim()
	c.ID, c.PatientControlNumber = "TH-1", "TH-1"
	c.PlaceOfService = claims.POSTelehealthInHome
	c.Lines = []claims.ClaimLine{line(1, "99213", "2026-02-02", "110.00")}
	c.Lines[0].Telecare = claims.TelecareVideo
	return c
}

func TestBaseClaimsPass(t *testing.T) {
	t.Parallel()
	if got := Check([]claims.Claim{rpmClaim(), visitClaim()}, DefaultRuleSet(), asOf); len(got) != 0 {
		t.Errorf("clean claims have findings:\n%v", got)
	}
}

type ruleCase struct {
	rule string
	// pass and fail change a batch of one rpmClaim (or return another
	// batch); pass may be nil.
	pass, fail func(cs []claims.Claim) []claims.Claim
	set        func(RuleSet) RuleSet
	want       []string
}

// edit applies fn to the first claim.
func edit(fn func(c *claims.Claim)) func([]claims.Claim) []claims.Claim {
	return func(cs []claims.Claim) []claims.Claim { fn(&cs[0]); return cs }
}

// visit replaces the batch with visitClaim changed by fn.
func visit(fn func(c *claims.Claim)) func([]claims.Claim) []claims.Claim {
	return func([]claims.Claim) []claims.Claim { c := visitClaim(); fn(&c); return []claims.Claim{c} }
}

// plus adds a second claim for the same patient with the given lines.
func plus(lines ...claims.ClaimLine) func([]claims.Claim) []claims.Claim {
	return func(cs []claims.Claim) []claims.Claim {
		c := rpmClaim()
		c.ID, c.PatientControlNumber = "RPM-2", "RPM-2"
		c.Lines = lines
		return append(cs, c)
	}
}

func mods(m ...string) claims.Modifiers {
	v, err := claims.NewModifiers(m...)
	if err != nil {
		panic(err)
	}
	return v
}

func profile(p PayerProfile) func(RuleSet) RuleSet {
	return func(s RuleSet) RuleSet {
		s, err := s.WithProfile(p)
		if err != nil {
			panic(err)
		}
		return s
	}
}

func ruleCases() []ruleCase {
	return []ruleCase{
		{rule: "NPI-MISSING",
			pass: edit(func(c *claims.Claim) { c.ServiceFacility = &claims.Facility{Name: "CLINIC"} }),
			fail: edit(func(c *claims.Claim) {
				c.BillingProvider.NPI = ""
				c.Lines[1].Rendering = &claims.Provider{Name: claims.Name{Last: "X"}}
			}),
			want: []string{
				"claim RPM-1 (billing_provider.npi): error NPI-MISSING: the billing provider has no NPI [CARC 206]",
				"claim RPM-1 line 2 (lines[1].rendering_provider.npi): error NPI-MISSING: the line rendering provider has no NPI [CARC 206]",
			}},
		{rule: "NPI-FORMAT",
			fail: edit(func(c *claims.Claim) {
				c.Rendering.NPI = "323456789"
				c.ServiceFacility = &claims.Facility{Name: "C", NPI: "3245319599"}
			}),
			want: []string{
				"claim RPM-1 (rendering_provider.npi): error NPI-FORMAT: the rendering provider NPI is not 10 digits starting with 1 or 2 [CARC 207]",
				"claim RPM-1 (service_facility.npi): error NPI-FORMAT: the service facility NPI is not 10 digits starting with 1 or 2 [CARC 207]",
			}},
		{rule: "NPI-CHECK-DIGIT",
			pass: edit(func(c *claims.Claim) { c.Rendering.NPI = "1245319599" }),
			fail: edit(func(c *claims.Claim) { c.Rendering.NPI = "1234567890" }),
			want: []string{"claim RPM-1 (rendering_provider.npi): error NPI-CHECK-DIGIT: the rendering provider NPI 1234567890 fails the check digit [CARC 207]"}},
		{rule: "BILLING-TIN",
			pass: edit(func(c *claims.Claim) { c.BillingProvider.TaxIDQualifier = claims.TaxIDSSN }),
			fail: edit(func(c *claims.Claim) { c.BillingProvider.TaxID = "12-3456789"; c.BillingProvider.TaxIDQualifier = "XX" }),
			want: []string{
				"claim RPM-1 (billing_provider.tax_id): error BILLING-TIN: the billing provider tax ID is not 9 digits without separators [CARC 16]",
				`claim RPM-1 (billing_provider.tax_id_qualifier): error BILLING-TIN: tax ID qualifier "XX" is not EI or SY [CARC 16]`,
			}},
		{rule: "BILLING-ADDRESS-PO-BOX",
			pass: edit(func(c *claims.Claim) { c.BillingProvider.Address.Line1 = "100 BOXWOOD RD" }),
			fail: edit(func(c *claims.Claim) { c.BillingProvider.Address.Line2 = "P.O. Box 12" }),
			want: []string{"claim RPM-1 (billing_provider.address.line2): error BILLING-ADDRESS-PO-BOX: the billing provider address is a PO box, lock box or private mailbox: send a street address and put the box in the pay-to address [CARC 16]"}},
		{rule: "ADDRESS-REQUIRED",
			pass: edit(func(c *claims.Claim) { c.Coverage.Payer.Address = claims.Address{} }),
			fail: edit(func(c *claims.Claim) {
				c.BillingProvider.Address.City = ""
				c.Coverage.Relationship = claims.RelChild
				c.Patient.Address = claims.Address{Line1: "1 A ST", City: "X", Country: "CA", PostalCode: "K1A0B1"}
				c.Coverage.Subscriber.Address.State = ""
			}),
			want: []string{"claim RPM-1 (billing_provider.address.city): error ADDRESS-REQUIRED: the billing provider address has no city (N401) [CARC 16]"}},
		{rule: "ZIP-PLUS-4",
			pass: edit(func(c *claims.Claim) { c.Patient.Address.PostalCode = "62704" }),
			fail: edit(func(c *claims.Claim) {
				c.BillingProvider.Address.PostalCode = "62701"
				c.ServiceFacility = &claims.Facility{Name: "C", Address: claims.Address{Line1: "1 A", City: "B", State: "IL", PostalCode: "62701-1234"}}
			}),
			want: []string{
				"claim RPM-1 (billing_provider.address.postal_code): error ZIP-PLUS-4: the billing provider postal code must be the 9-digit ZIP+4 [CARC 16]",
				"claim RPM-1 (service_facility.address.postal_code): error ZIP-PLUS-4: the service facility postal code must be the 9-digit ZIP+4 [CARC 16]",
			}},
		{rule: "POSTAL-CODE",
			pass: edit(func(c *claims.Claim) { c.Patient.Address.PostalCode = "627041234" }),
			fail: edit(func(c *claims.Claim) { c.Patient.Address.PostalCode = "6270" }),
			want: []string{"claim RPM-1 (patient.address.postal_code): error POSTAL-CODE: the patient postal code is not 5 or 9 digits [CARC 16]"}},
		{rule: "STATE-CODE",
			pass: edit(func(c *claims.Claim) { c.Patient.Address.State = "PR" }),
			fail: edit(func(c *claims.Claim) { c.Coverage.Subscriber.Address.State = "IX" }),
			want: []string{"claim RPM-1 (coverage.subscriber.address.state): error STATE-CODE: the subscriber state is not a US state or territory code [CARC 16]"}},
		{rule: "RENDERING-PROVIDER",
			pass: edit(func(c *claims.Claim) {
				r := c.Rendering
				c.Rendering = nil
				c.Lines[0].Rendering, c.Lines[1].Rendering = r, r
			}),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Rendering = c.Rendering; c.Rendering = nil }),
			want: []string{"claim RPM-1 line 2 (lines[1].rendering_provider): error RENDERING-PROVIDER: the billing provider is an organization: the line needs a person as rendering provider (2310B or 2420A) [CARC 16, RARC N290]"}},
		{rule: "MEMBER-ID",
			fail: edit(func(c *claims.Claim) { c.Coverage.Subscriber.MemberID = "" }),
			want: []string{"claim RPM-1 (coverage.subscriber.member_id): error MEMBER-ID: the subscriber has no member ID [CARC 16]"}},
		{rule: "NAME-REQUIRED",
			pass: edit(func(c *claims.Claim) { c.Patient.Name.First = "" }),
			fail: edit(func(c *claims.Claim) { c.Patient.Name = claims.Name{Organization: "X"}; c.Rendering.Name.Last = "" }),
			want: []string{
				"claim RPM-1 (rendering_provider.name.last): error NAME-REQUIRED: the rendering provider has no last name [CARC 16]",
				"claim RPM-1 (patient.name.last): error NAME-REQUIRED: the patient has no last name [CARC 16]",
				"claim RPM-1 (patient.name.organization): error NAME-REQUIRED: the patient must be a person [CARC 16]",
			}},
		{rule: "BIRTH-DATE",
			fail: edit(func(c *claims.Claim) {
				c.Patient.BirthDate = day("2026-01-31")
				c.Coverage.Subscriber.BirthDate = day("2026-01-31")
			}),
			want: []string{"claim RPM-1 (patient.birth_date): error BIRTH-DATE: the patient birth date is after the first date of service [CARC 16]"}},
		{rule: "GENDER",
			pass: edit(func(c *claims.Claim) { c.Patient.Gender = ""; c.Coverage.Subscriber.Gender = claims.GenderUnknown }),
			fail: edit(func(c *claims.Claim) { c.Patient.Gender = "X" }),
			want: []string{`claim RPM-1 (patient.gender): error GENDER: gender "X" is not F, M or U [CARC 16]`}},
		{rule: "RELATIONSHIP",
			pass: edit(func(c *claims.Claim) {
				c.Coverage.Relationship = claims.RelChild
				c.Patient.Name.First = "JIM"
			}),
			fail: edit(func(c *claims.Claim) { c.Patient.Name.First = "JIM" }),
			want: []string{"claim RPM-1 (coverage.relationship): error RELATIONSHIP: relationship 18 (self), but the patient's name or birth date differs from the subscriber's [CARC 16]"}},
		{rule: "PAYER-ID",
			fail: edit(func(c *claims.Claim) { c.Coverage.Payer.PayerID = "" }),
			want: []string{"claim RPM-1 (coverage.payer.payer_id): error PAYER-ID: the payer has no payer ID [CARC 16]"}},
		{rule: "CLAIM-FILING-INDICATOR",
			pass: edit(func(c *claims.Claim) { c.Coverage.Payer.ClaimFilingIndicator = claims.FilingMedicareHMO }),
			fail: edit(func(c *claims.Claim) { c.Coverage.Payer.ClaimFilingIndicator = "XX" }),
			want: []string{`claim RPM-1 (coverage.payer.claim_filing_indicator): error CLAIM-FILING-INDICATOR: claim filing indicator "XX" is not an SBR09 code [CARC 16]`}},
		{rule: "DX-FORMAT",
			pass: edit(func(c *claims.Claim) { c.Diagnoses = []string{"S72001A", "Z7901"} }),
			fail: edit(func(c *claims.Claim) { c.Diagnoses = []string{"I10.0", "e1165"} }),
			want: []string{
				`claim RPM-1 (diagnoses[0]): error DX-FORMAT: "I10.0" is not an ICD-10-CM code without the dot (a letter, a digit, 3 to 7 characters) [CARC 146]`,
				`claim RPM-1 (diagnoses[1]): error DX-FORMAT: "e1165" is not an ICD-10-CM code without the dot (a letter, a digit, 3 to 7 characters) [CARC 146]`,
			}},
		{rule: "DX-COUNT",
			pass: edit(func(c *claims.Claim) {
				c.Diagnoses = []string{"I10", "E1165", "I501", "I509", "E119", "E785", "N183", "J449", "M545", "F329", "G4733", "R0602"}
			}),
			fail: edit(func(c *claims.Claim) {
				c.Diagnoses = []string{"I10", "E1165", "I501", "I509", "E119", "E785", "N183", "J449", "M545", "F329", "G4733", "R0602", "Z7901"}
			}),
			want: []string{"claim RPM-1 (diagnoses): error DX-COUNT: 13 diagnosis codes, at most 12 [CARC 16]"}},
		{rule: "DX-DUPLICATE",
			fail: edit(func(c *claims.Claim) { c.Diagnoses = []string{"I10", "E1165", "I10"} }),
			want: []string{"claim RPM-1 (diagnoses[2]): error DX-DUPLICATE: diagnosis 3 repeats diagnosis 1 [CARC 16]"}},
		{rule: "DX-POINTER",
			pass: edit(func(c *claims.Claim) { c.Lines[0].DiagnosisPointers = []int{2} }),
			fail: edit(func(c *claims.Claim) {
				c.Lines[0].DiagnosisPointers = []int{1, 3, 1}
				c.Lines[1].DiagnosisPointers = nil
			}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].diagnosis_pointers[1]): error DX-POINTER: pointer 3 is not 1 to 2, the number of diagnoses [CARC 16]",
				"claim RPM-1 line 1 (lines[0].diagnosis_pointers[2]): error DX-POINTER: pointer 1 is repeated [CARC 16]",
				"claim RPM-1 line 2 (lines[1].diagnosis_pointers): error DX-POINTER: 0 diagnosis pointers, 1 to 4 needed [CARC 16]",
			}},
		{rule: "PROCEDURE-CODE",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Code = "G0511"; c.Lines[1].Procedure.Code = "1111F" }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Code = "9945" }),
			want: []string{`claim RPM-1 line 1 (lines[0].procedure.code): error PROCEDURE-CODE: "9945" is not a CPT or HCPCS code [CARC 181]`}},
		{rule: "PROCEDURE-DATE",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Code = "99445" }),
			fail: edit(func(c *claims.Claim) {
				c.Lines[0].Procedure.Code = "99445"
				c.Lines[0].Service = x12.DateRange{From: day("2025-12-31")}
			}),
			want: []string{"claim RPM-1 line 1 (lines[0].procedure.code): error PROCEDURE-DATE: 99445 is valid from 2026-01-01, after the date of service [CARC 181]"}},
		{rule: "MODIFIER-FORMAT",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = mods("KX", "59") }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = claims.Modifiers{"KX", "kx", "KX", ""} }),
			want: []string{
				`claim RPM-1 line 1 (lines[0].procedure.modifiers[1]): error MODIFIER-FORMAT: modifier "kx" is not two letters or digits [CARC 4]`,
				"claim RPM-1 line 1 (lines[0].procedure.modifiers[2]): error MODIFIER-FORMAT: modifier KX is repeated [CARC 4]",
			}},
		{rule: "TELEHEALTH-MODIFIER-CONFLICT",
			pass: visit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = mods("95") }),
			fail: visit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = mods("93") }),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.modifiers): error TELEHEALTH-MODIFIER-CONFLICT: 95 (video) and 93 (audio-only) on one line [CARC 4]"}},
		{rule: "TELEHEALTH-GT-GQ",
			fail: visit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = mods("GT") }),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.modifiers): error TELEHEALTH-GT-GQ: GT is not used on professional claims: use POS 02 or 10 with 95 or 93 [CARC 4]"}},
		{rule: "TELEHEALTH-POS-MODIFIER",
			pass: visit(func(c *claims.Claim) { c.Lines[0].Telecare = ""; c.Lines[0].Procedure.Modifiers = mods("93") }),
			fail: visit(func(c *claims.Claim) { c.Lines[0].Telecare = claims.TelecareNone }),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.modifiers): error TELEHEALTH-POS-MODIFIER: POS 10 needs 95 (video) or 93 (audio-only); the line's telecare is none [CARC 4]"}},
		{rule: "TELEHEALTH-POS-MODIFIER",
			pass: visit(func(c *claims.Claim) { c.Lines[0].Telecare = claims.TelecareNone }),
			fail: visit(func(c *claims.Claim) {
				c.Lines[0].Telecare = claims.TelecareNone
				c.Lines[0].Procedure.Modifiers = mods("95")
			}),
			set:  profile(PayerProfile{TelehealthModifiers: ModifiersNever}),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.modifiers): error TELEHEALTH-POS-MODIFIER: payer 00952 wants no 95 or 93: the place of service says telehealth [CARC 4]"}},
		{rule: "TELEHEALTH-ASYNC",
			pass: visit(func(c *claims.Claim) { c.PlaceOfService = claims.POSOffice; c.Lines[0].Telecare = claims.TelecareAsync }),
			fail: visit(func(c *claims.Claim) {
				c.Lines[0].Telecare = claims.TelecareAsync
				c.Lines[0].Procedure.Modifiers = mods("95")
			}),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.modifiers): error TELEHEALTH-ASYNC: an asynchronous (store and forward) service never carries 95 or 93 [CARC 4]"}},
		{rule: "TELEHEALTH-POS-CODE",
			pass: visit(func(c *claims.Claim) {}),
			fail: visit(func(c *claims.Claim) { c.Lines[0].Procedure.Code = "99215" }),
			set:  profile(PayerProfile{TelehealthCodes: []string{"99213", "99214"}}),
			want: []string{"claim TH-1 line 1 (lines[0].procedure.code): error TELEHEALTH-POS-CODE: 99215 is not on payer 00952's telehealth list, but the place of service is 10 [CARC 5]"}},
		{rule: "CLAIM-TOTAL",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Charge = dec("0") }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Charge = dec("0"); c.Lines[1].Charge = dec("0.00") }),
			want: []string{"claim RPM-1 (lines): error CLAIM-TOTAL: the total charge (CLM02) is 0.00: a chargeable claim needs more than 0 [CARC 16]"}},
		{rule: "LINE-CHARGE",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Charge = dec("60.500") }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Charge = dec("60.505"); c.Lines[1].Charge = dec("-1") }),
			want: []string{
				"claim RPM-1 line 1 (lines[0].charge): error LINE-CHARGE: the charge (SV102) has more than 2 decimals [CARC 16]",
				"claim RPM-1 line 2 (lines[1].charge): error LINE-CHARGE: the charge (SV102) is negative [CARC 16]",
			}},
		{rule: "UNITS",
			fail: edit(func(c *claims.Claim) { c.Lines[0].Units = dec("0"); c.Lines[1].UnitType = "DA" }),
			want: []string{
				"claim RPM-1 line 1 (lines[0].units): error UNITS: the units (SV104) must be more than 0 [CARC 16]",
				`claim RPM-1 line 2 (lines[1].unit_type): error UNITS: unit type "DA" is not UN or MJ [CARC 16]`,
			}},
		{rule: "SERVICE-DATE",
			pass: edit(func(c *claims.Claim) {
				c.Lines[0].Service = x12.DateRange{From: day("2026-01-01"), To: day("2026-01-30")}
			}),
			fail: edit(func(c *claims.Claim) {
				c.Lines[0].Service = x12.DateRange{From: day("2026-01-30"), To: day("2026-01-01")}
				c.Lines[1].Service = x12.DateRange{From: day("2026-02-11")}
			}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].service.to): error SERVICE-DATE: the service period ends before it starts [CARC 16]",
				"claim RPM-1 line 2 (lines[1].service): error SERVICE-DATE: the date of service is in the future [CARC 16]",
			}},
		{rule: "TIMELY-FILING",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-02-10")} }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-02-09")} }),
			want: []string{"claim RPM-1 line 1 (lines[0].service.from): error TIMELY-FILING: filed 366 days after the date of service; payer 00952 allows 365 [CARC 29]"}},
		{rule: "TIMELY-FILING",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-11-12")} }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-11-11")} }),
			set:  profile(PayerProfile{PayerID: "00952", TimelyFilingDays: 90}),
			want: []string{"claim RPM-1 line 1 (lines[0].service.from): error TIMELY-FILING: filed 91 days after the date of service; payer 00952 allows 90 [CARC 29]"}},
		{rule: "TIMELY-FILING-SOON",
			pass: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-03-12")} }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: day("2025-03-11")} }),
			want: []string{"claim RPM-1 line 1 (lines[0].service.from): warning TIMELY-FILING-SOON: 336 of the 365 days payer 00952 allows for filing have passed [CARC 29]"}},
		{rule: "LINE-COUNT",
			pass: edit(func(c *claims.Claim) {
				for len(c.Lines) < 50 {
					c.Lines = append(c.Lines, line(len(c.Lines)+1, "99213", "2026-02-02", "10"))
				}
			}),
			fail: edit(func(c *claims.Claim) { c.Lines = nil }),
			want: []string{"claim RPM-1 (lines): error LINE-COUNT: no service lines [CARC 16]"}},
		{rule: "HL-CLAIM-COUNT",
			pass: func(cs []claims.Claim) []claims.Claim {
				for len(cs) < 100 {
					cs = append(cs, visitClaim())
				}
				return cs
			},
			fail: func(cs []claims.Claim) []claims.Claim {
				for len(cs) < 101 {
					c := visitClaim()
					c.ID = "TH-" + itoa(len(cs))
					cs = append(cs, c)
				}
				return cs
			},
			want: []string{"claim TH-100: warning HL-CLAIM-COUNT: more than 100 claims for one subscriber of one billing provider and payer: the 837P must split them"}},
		{rule: "FREQUENCY",
			pass: edit(func(c *claims.Claim) { c.Frequency = claims.FrequencyReplacement; c.OriginalReference = "PCN-9" }),
			fail: edit(func(c *claims.Claim) { c.Frequency = claims.FrequencyVoid }),
			want: []string{"claim RPM-1 (original_reference): error FREQUENCY: frequency 8 needs the original claim's payer claim control number (REF*F8) [CARC 16]"}},
		{rule: "POS-VALID",
			pass: edit(func(c *claims.Claim) { c.Lines[0].PlaceOfService = claims.POSHome }),
			fail: edit(func(c *claims.Claim) { c.PlaceOfService = "00"; c.Lines[1].PlaceOfService = "1" }),
			want: []string{
				`claim RPM-1 (place_of_service): error POS-VALID: "00" is not a CMS place of service code [CARC 5, RARC M77]`,
				`claim RPM-1 line 2 (lines[1].place_of_service): error POS-VALID: "1" is not a CMS place of service code [CARC 5, RARC M77]`,
			}},
		{rule: "RPM-DEVICE-PERIOD",
			pass: plus(line(1, "99454", "2026-03-01", "60")),
			fail: plus(line(1, "99445", "2026-02-08", "60")),
			want: []string{"claim RPM-2 line 1 (lines[0].procedure.code): error RPM-DEVICE-PERIOD: 99445 within 30 days of 99454 on claim RPM-1 line 1: one device supply code per 30-day period [CARC 119, RARC M86]"}},
		{rule: "RPM-MANAGEMENT-MONTH",
			pass: plus(line(1, "99470", "2026-02-01", "30")),
			fail: plus(line(1, "99470", "2026-01-15", "30"), line(2, "99457", "2026-01-20", "60")),
			want: []string{
				"claim RPM-1 line 2 (lines[1].procedure.code): error RPM-MANAGEMENT-MONTH: 99457 with 99470 (claim RPM-2 line 1) in one calendar month [CARC 97]",
				"claim RPM-2 line 2 (lines[1].procedure.code): error RPM-MANAGEMENT-MONTH: 99457 with 99470 (claim RPM-2 line 1) in one calendar month [CARC 97]",
			}},
		{rule: "RPM-MANAGEMENT-MONTH",
			pass: plus(line(1, "98980", "2026-01-20", "60")),
			fail: plus(line(1, "99457", "2026-01-05", "60")),
			want: []string{
				"claim RPM-1 line 2 (lines[1].procedure.code): error RPM-MANAGEMENT-MONTH: 99457 again in the month of claim RPM-2 line 1: once per calendar month [CARC 97]",
			}},
		{rule: "RPM-ADDON-PARENT",
			pass: edit(func(c *claims.Claim) { c.Lines = append(c.Lines, line(3, "99458", "2026-01-31", "45")) }),
			fail: plus(line(1, "99458", "2026-02-02", "45")),
			want: []string{"claim RPM-2 line 1 (lines[0].procedure.code): error RPM-ADDON-PARENT: add-on 99458 needs 99457 for the patient in the same calendar month [CARC B15]"}},
		{rule: "RPM-INTERPRETATION",
			pass: plus(line(1, "99091", "2026-03-05", "37")),
			fail: plus(line(1, "99091", "2026-02-05", "37")),
			want: []string{"claim RPM-2 line 1 (lines[0].procedure.code): error RPM-INTERPRETATION: 99091 within 30 days of 99457 (claim RPM-1 line 2) [CARC 97]"}},
		{rule: "RPM-SETUP-ONCE",
			pass: plus(line(1, "99453", "2026-01-30", "22")),
			fail: plus(line(1, "99453", "2026-01-02", "22"), line(2, "99453", "2026-02-02", "22")),
			want: []string{"claim RPM-2 line 2 (lines[1].procedure.code): warning RPM-SETUP-ONCE: set-up 99453 again (claim RPM-2 line 1): once per episode of care [CARC 151]"}},
		{rule: "RPM-RTM-SAME-PERIOD",
			pass: plus(line(1, "98977", "2026-03-02", "40")),
			fail: plus(line(1, "98977", "2026-02-05", "40")),
			want: []string{"claim RPM-2 line 1 (lines[0].procedure.code): error RPM-RTM-SAME-PERIOD: 98977 (RTM) within 30 days of 99454 (RPM, claim RPM-1 line 1): RPM and RTM are not billed for one patient in one period [CARC 97]"}},
		{rule: "RPM-ONE-PRACTITIONER",
			pass: func(cs []claims.Claim) []claims.Claim {
				cs[0].Lines[1].Rendering = &claims.Provider{NPI: "1234567893", Name: claims.Name{Last: "SMITH"}}
				return cs
			},
			fail: func(cs []claims.Claim) []claims.Claim {
				cs = plus(line(1, "99454", "2026-03-01", "60"))(cs)
				cs[1].Rendering = &claims.Provider{NPI: "1245319599", Name: claims.Name{Last: "JONES"}}
				return cs
			},
			want: []string{"claim RPM-2 line 1 (lines[0].rendering_provider.npi): error RPM-ONE-PRACTITIONER: rendered by NPI 1245319599, but claim RPM-1 line 2 is by NPI 1234567893 within 30 days: one practitioner bills RPM/RTM for a patient per period [CARC 97]"}},
		{rule: "RPM-UNITS",
			pass: edit(func(c *claims.Claim) {
				c.Lines = append(c.Lines, line(3, "99458", "2026-01-31", "90"))
				c.Lines[2].Units = dec("2")
			}),
			fail: edit(func(c *claims.Claim) {
				c.Lines[0].Units = dec("2")
				c.Lines = append(c.Lines, line(3, "99458", "2026-01-31", "90"))
				c.Lines[2].Units = dec("1.5")
			}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].units): error RPM-UNITS: 99454 is billed with 1 unit, not 2 [CARC 151, RARC N362]",
				"claim RPM-1 line 3 (lines[2].units): error RPM-UNITS: 99458 units are whole additional 20-minute blocks [CARC 151, RARC N362]",
			}},
		{rule: "RPM-TELEHEALTH-MODIFIER",
			pass: edit(func(c *claims.Claim) {
				c.Lines = append(c.Lines, line(3, "99213", "2026-01-30", "90"))
				c.Lines[2].Telecare = claims.TelecareAudio
			}),
			fail: edit(func(c *claims.Claim) {
				c.Lines[0].Procedure.Modifiers = mods("95")
				c.Lines[1].Telecare = claims.TelecareAudio
			}),
			set: profile(PayerProfile{PayerID: "00952", TelehealthModifiers: ModifiersAlways}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].procedure.modifiers): error RPM-TELEHEALTH-MODIFIER: 95 on 99454: RPM and RTM are not telehealth services [CARC 4]",
				"claim RPM-1 line 2 (lines[1].telecare): error RPM-TELEHEALTH-MODIFIER: the line's audio telecare would add 93 to 99457: RPM and RTM are not telehealth services [CARC 4]",
			}},
		{rule: "RPM-TELEHEALTH-POS",
			pass: edit(func(c *claims.Claim) { c.Lines[0].PlaceOfService = claims.POSHome }),
			fail: edit(func(c *claims.Claim) { c.Lines[0].PlaceOfService = claims.POSTelehealthInHome }),
			want: []string{"claim RPM-1 line 1 (lines[0].place_of_service): error RPM-TELEHEALTH-POS: 99454 at POS 10: RPM and RTM are billed at the practice's place of service, not as telehealth [CARC 5]"}},
		{rule: "RPM-PLACE-OF-SERVICE",
			pass: edit(func(c *claims.Claim) { c.PlaceOfService = claims.POSHome }),
			fail: edit(func(c *claims.Claim) {}),
			set:  profile(PayerProfile{PayerID: "00952", RPMPlaceOfService: []claims.PlaceOfService{"12"}}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].place_of_service): warning RPM-PLACE-OF-SERVICE: payer 00952 wants RPM and RTM at POS 12, not 11 [CARC 5]",
				"claim RPM-1 line 2 (lines[1].place_of_service): warning RPM-PLACE-OF-SERVICE: payer 00952 wants RPM and RTM at POS 12, not 11 [CARC 5]",
			}},
		{rule: "RPM-DIAGNOSIS",
			pass: edit(func(c *claims.Claim) { c.Diagnoses = []string{"E1165", "I509"} }),
			fail: edit(func(c *claims.Claim) { c.Lines[1].DiagnosisPointers = []int{2} }),
			set:  profile(PayerProfile{PayerID: "00952", RPMDiagnoses: []string{"I50", "O10"}}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].diagnosis_pointers): error RPM-DIAGNOSIS: payer 00952 covers 99454 only for I50, O10; the line points at none of them [CARC 11]",
				"claim RPM-1 line 2 (lines[1].diagnosis_pointers): error RPM-DIAGNOSIS: payer 00952 covers 99457 only for I50, O10; the line points at none of them [CARC 11]",
			}},
		{rule: "RTM-THERAPY-MODIFIER",
			pass: edit(func(c *claims.Claim) {
				c.Rendering.Qualification = "PT"
				c.Lines = []claims.ClaimLine{line(1, "98977", "2026-01-30", "40")}
				c.Lines[0].Procedure.Modifiers = mods("GP")
			}),
			fail: edit(func(c *claims.Claim) {
				c.Rendering.Qualification = "PTA"
				c.Lines = []claims.ClaimLine{line(1, "98977", "2026-01-30", "40")}
			}),
			want: []string{
				"claim RPM-1 line 1 (lines[0].procedure.modifiers): warning RTM-THERAPY-MODIFIER: 98977 by a PTA under a therapy plan of care needs GP [CARC 4]",
				"claim RPM-1 line 1 (lines[0].procedure.modifiers): warning RTM-THERAPY-MODIFIER: 98977 by a PTA needs CQ [CARC 4]",
			}},
		{rule: "RPM-PC-TC",
			pass: edit(func(c *claims.Claim) {
				c.Lines = append(c.Lines, line(3, "93000", "2026-01-30", "20"))
				c.Lines[2].Procedure.Modifiers = mods("26")
			}),
			fail: edit(func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers = mods("TC") }),
			want: []string{"claim RPM-1 line 1 (lines[0].procedure.modifiers): warning RPM-PC-TC: TC on 99454: RPM and RTM codes have no professional or technical component [CARC 4]"}},
	}
}

func findingsOf(fs []Finding, rule string) []string {
	out := []string{}
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.String())
		}
	}
	return out
}

func TestRules(t *testing.T) {
	t.Parallel()
	for _, tt := range ruleCases() {
		t.Run(tt.rule, func(t *testing.T) {
			t.Parallel()
			set := DefaultRuleSet()
			if tt.set != nil {
				set = tt.set(set)
			}
			base := func() []claims.Claim { return []claims.Claim{rpmClaim()} }
			if tt.pass != nil {
				if got := findingsOf(Check(tt.pass(base()), set, asOf), tt.rule); len(got) != 0 {
					t.Errorf("passing batch has findings:\n%v", got)
				}
			}
			got := findingsOf(Check(tt.fail(base()), set, asOf), tt.rule)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("failing batch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEveryRuleHasACase(t *testing.T) {
	t.Parallel()
	var covered []string
	for _, tt := range ruleCases() {
		covered = append(covered, tt.rule)
	}
	for _, r := range DefaultRuleSet().Rules() {
		if !slices.Contains(covered, r.ID) {
			t.Errorf("rule %s has no table case", r.ID)
		}
		if r.Summary == "" {
			t.Errorf("rule %s has no summary", r.ID)
		}
	}
}
