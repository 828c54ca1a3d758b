package claims

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// testBatch returns a batch with two patients, two coverages, providers
// and a facility, and no items.
func testBatch() *Batch {
	return &Batch{
		Patients: []Patient{
			{ID: "P1", MRN: "MRN1", Person: Person{Name: Name{Last: "DOE", First: "JANE"}, Gender: GenderFemale,
				BirthDate: x12.NewDate(1950, 1, 1)}},
			{ID: "P2", MRN: "MRN2", Person: Person{Name: Name{Last: "ROE", First: "RICHARD"}, Gender: GenderMale}},
		},
		Coverages: []Coverage{
			{ID: "C1", Priority: Primary, Payer: Payer{Name: "MEDICARE PART B", PayerID: "00952", ClaimFilingIndicator: FilingMedicarePartB},
				Subscriber: Person{MemberID: "1EG4TE5MK73", Name: Name{Last: "DOE", First: "JANE"}}, Relationship: RelSelf},
			{ID: "C2", Priority: Secondary, Payer: Payer{Name: "ACME HEALTH", PayerID: "ACME1", ClaimFilingIndicator: FilingCommercial},
				Subscriber: Person{MemberID: "XYZ123", Name: Name{Last: "DOE", First: "JOHN"}}, Relationship: RelSpouse},
		},
		Providers: []Provider{
			{ID: "B1", NPI: "1245319599", TaxID: "123456789", Name: Name{Organization: "ACME FAMILY MEDICINE"}},
			{ID: "B2", NPI: "1234567893", TaxID: "987654321", Name: Name{Organization: "ACME THERAPY"}},
			{ID: "R1", NPI: "1003000126", Qualification: "MD", Name: Name{Last: "SMITH", First: "JOHN"}},
			{ID: "R2", NPI: "1003000134", Qualification: "NP", Name: Name{Last: "JONES", First: "ANN"}},
		},
		Facilities: []Facility{{ID: "F1", Name: "ACME CLINIC", NPI: "1003000142"}},
	}
}

var day1 = time.Date(2026, time.January, 30, 9, 0, 0, 0, time.UTC)

// testItem is a ReadyToBill 99457 for P1 on C1, billed by B1, rendered by R1.
func testItem(id string) ChargeItem {
	return ChargeItem{
		ID: id, Name: "RPM management", EncounterID: "E-" + id, PatientID: "P1", CoverageID: "C1",
		BillingProviderID: "B1", RenderingProviderID: "R1", PractitionerID: "R2",
		Start: day1, End: day1.Add(20 * time.Minute), Procedure: Procedure{Code: "99457"},
		Units: decimal.NewFromInt(1), Charge: decimal.RequireFromString("60.00"), PlaceOfService: POSOffice,
		Diagnoses: []string{"I10"}, BusinessUnit: "RPM", Status: ItemReadyToBill,
	}
}

func mods(m ...string) Modifiers {
	v, err := NewModifiers(m...)
	if err != nil {
		panic(err)
	}
	return v
}

// shape is a claim reduced to what grouping decides.
type shape struct {
	Patient, Coverage, Billing, Rendering, Facility, Auth string
	POS                                                   PlaceOfService
	Diagnoses                                             []string
	Lines                                                 []lineShape
}

type lineShape struct {
	Proc          string
	From, To      string
	Units, Charge string
	Pointers      []int
	Items         []string
}

func shapes(cs []Claim) []shape {
	var out []shape
	for _, c := range cs {
		s := shape{Patient: c.Patient.ID, Coverage: c.Coverage.ID, Billing: c.BillingProvider.ID,
			Auth: c.PriorAuthorization, POS: c.PlaceOfService, Diagnoses: c.Diagnoses}
		if c.Rendering != nil {
			s.Rendering = c.Rendering.ID
		}
		if c.ServiceFacility != nil {
			s.Facility = c.ServiceFacility.ID
		}
		for _, l := range c.Lines {
			s.Lines = append(s.Lines, lineShape{Proc: l.Procedure.String(), From: l.Service.From.String(), To: l.Service.To.String(),
				Units: l.Units.String(), Charge: l.Charge.StringFixed(2), Pointers: l.DiagnosisPointers, Items: l.ChargeItemIDs})
		}
		out = append(out, s)
	}
	return out
}

// with returns s changed by edit.
func with(s shape, edit func(*shape)) shape {
	edit(&s)
	return s
}

func TestGroupKeys(t *testing.T) {
	t.Parallel()
	base := func(pos PlaceOfService, lines ...lineShape) shape {
		return shape{Patient: "P1", Coverage: "C1", Billing: "B1", Rendering: "R1", POS: pos, Diagnoses: []string{"I10"}, Lines: lines}
	}
	line := func(proc, from, units, charge string, items ...string) lineShape {
		return lineShape{Proc: proc, From: from, To: from, Units: units, Charge: charge, Pointers: []int{1}, Items: items}
	}
	tests := []struct {
		name   string
		second func(it *ChargeItem) // changes the second of two otherwise equal items
		want   []shape
	}{
		{"same line key: units and charges add up", func(it *ChargeItem) {},
			[]shape{base(POSOffice, line("99457", "2026-01-30", "2", "120.00", "A", "B"))}},
		{"same date, other time of day: one line", func(it *ChargeItem) { it.Start = it.Start.Add(3 * time.Hour); it.End = it.Start },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "2", "120.00", "A", "B"))}},
		{"start date: two lines", func(it *ChargeItem) { it.Start = it.Start.AddDate(0, 0, -1); it.End = it.Start },
			[]shape{base(POSOffice, line("99457", "2026-01-29", "1", "60.00", "B"), line("99457", "2026-01-30", "1", "60.00", "A"))}},
		{"end date: two lines", func(it *ChargeItem) { it.End = it.End.AddDate(0, 0, 1) },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A"),
				lineShape{Proc: "99457", From: "2026-01-30", To: "2026-01-31", Units: "1", Charge: "60.00", Pointers: []int{1}, Items: []string{"B"}})}},
		{"procedure code: two lines", func(it *ChargeItem) { it.Procedure.Code = "99458" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A"), line("99458", "2026-01-30", "1", "60.00", "B"))}},
		{"modifiers: two lines", func(it *ChargeItem) { it.Procedure.Modifiers = mods("GP") },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A"), line("99457:GP", "2026-01-30", "1", "60.00", "B"))}},
		{"authorization: two claims", func(it *ChargeItem) { it.AuthorizationNumber = "AUTH9" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Auth = "AUTH9" })}},
		{"place of service: two claims", func(it *ChargeItem) { it.PlaceOfService = POSTelehealthInHome },
			[]shape{base(POSTelehealthInHome, line("99457", "2026-01-30", "1", "60.00", "B")), base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A"))}},
		{"rendering provider: two claims", func(it *ChargeItem) { it.RenderingProviderID = "R2" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Rendering = "R2" })}},
		{"rendering provider is the billing provider: none on the claim", func(it *ChargeItem) { it.RenderingProviderID = "B1" },
			[]shape{with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Rendering = "" }),
				base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A"))}},
		{"patient: two claims", func(it *ChargeItem) { it.PatientID = "P2" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Patient = "P2" })}},
		{"coverage (payer): two claims", func(it *ChargeItem) { it.CoverageID = "C2" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Coverage = "C2" })}},
		{"billing provider: two claims", func(it *ChargeItem) { it.BillingProviderID = "B2" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Billing = "B2" })}},
		{"service facility: two claims", func(it *ChargeItem) { it.ServiceFacilityID = "F1" },
			[]shape{base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "A")),
				with(base(POSOffice, line("99457", "2026-01-30", "1", "60.00", "B")), func(s *shape) { s.Facility = "F1" })}},
		{"diagnoses: same line, pointers to both", func(it *ChargeItem) { it.Diagnoses = []string{"E1165", "I10"} },
			[]shape{func() shape {
				s := base(POSOffice, lineShape{Proc: "99457", From: "2026-01-30", To: "2026-01-30", Units: "2", Charge: "120.00",
					Pointers: []int{1, 2}, Items: []string{"A", "B"}})
				s.Diagnoses = []string{"I10", "E1165"}
				return s
			}()}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := testBatch()
			a, c := testItem("A"), testItem("B")
			tc.second(&c)
			b.Items = []ChargeItem{c, a}
			res, err := Group(b, GroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, shapes(res.Claims)); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
			if res.Grouped != 2 || res.Skipped != 0 {
				t.Errorf("grouped %d skipped %d, want 2 and 0", res.Grouped, res.Skipped)
			}
			for _, it := range b.Items {
				if it.Status != ItemClaimLineCreated || it.ClaimID == "" || it.LineNumber == 0 {
					t.Errorf("item %s: status %s claim %q line %d", it.ID, it.Status, it.ClaimID, it.LineNumber)
				}
			}
		})
	}
}

func TestGroupSplitsAt50Lines(t *testing.T) {
	t.Parallel()
	b := testBatch()
	for i := range 51 {
		it := testItem("I" + strconv.Itoa(100+i))
		// Dates run backwards so that input order is not date order.
		it.Start = day1.AddDate(0, 0, -i)
		it.End = it.Start
		b.Items = append(b.Items, it)
	}
	res, err := Group(b, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Claims) != 2 || len(res.Claims[0].Lines) != 50 || len(res.Claims[1].Lines) != 1 {
		t.Fatalf("got %d claims, want 50 lines then 1", len(res.Claims))
	}
	first, last := res.Claims[0].ServicePeriod(), res.Claims[1].ServicePeriod()
	if first.From.String() != "2025-12-11" || first.To.String() != "2026-01-29" || last.From.String() != "2026-01-30" {
		t.Errorf("periods %v and %v, want the earliest 50 dates first", first, last)
	}
	for i, l := range res.Claims[0].Lines {
		if l.Number != i+1 || l.ControlNumber != res.Claims[0].PatientControlNumber+"-"+strconv.Itoa(i+1) {
			t.Errorf("line %d: number %d control %q", i, l.Number, l.ControlNumber)
		}
	}
	if !res.Claims[0].Total().Equal(decimal.NewFromInt(3000)) || !res.Claims[1].Total().Equal(decimal.NewFromInt(60)) {
		t.Errorf("totals %s and %s", res.Claims[0].Total(), res.Claims[1].Total())
	}
}

func TestGroupSplitsAt12Diagnoses(t *testing.T) {
	t.Parallel()
	b := testBatch()
	// 7 lines of two new diagnoses each: 14 diagnoses, so lines 1-6 (12
	// diagnoses) then line 7.
	for i := range 7 {
		it := testItem("D" + strconv.Itoa(i))
		it.Start = day1.AddDate(0, 0, i)
		it.End = it.Start
		it.Diagnoses = []string{"A" + strconv.Itoa(10+2*i), "A" + strconv.Itoa(11+2*i)}
		b.Items = append(b.Items, it)
	}
	res, err := Group(b, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Claims) != 2 || len(res.Claims[0].Lines) != 6 || len(res.Claims[1].Lines) != 1 {
		t.Fatalf("got %d claims, want 6 lines then 1", len(res.Claims))
	}
	if got := res.Claims[0].Diagnoses; len(got) != 12 || got[0] != "A10" || got[11] != "A21" {
		t.Errorf("first claim diagnoses %v", got)
	}
	if got := res.Claims[1].Diagnoses; !slices.Equal(got, []string{"A22", "A23"}) {
		t.Errorf("second claim diagnoses %v", got)
	}
	if got := res.Claims[0].Lines[5].DiagnosisPointers; !slices.Equal(got, []int{11, 12}) {
		t.Errorf("line 6 pointers %v", got)
	}
}

func TestGroupLineKeepsFourPointers(t *testing.T) {
	t.Parallel()
	b := testBatch()
	a, c := testItem("A"), testItem("B")
	a.Diagnoses = []string{"Z1", "Z2", "Z3"}
	c.Diagnoses = []string{"Z3", "Z4", "Z5"}
	b.Items = []ChargeItem{c, a}
	res, err := Group(b, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Claims[0].Diagnoses; !slices.Equal(got, []string{"Z1", "Z2", "Z3", "Z4"}) {
		t.Errorf("diagnoses %v, want the first four in item ID order", got)
	}
	if got := res.Claims[0].Lines[0].DiagnosisPointers; !slices.Equal(got, []int{1, 2, 3, 4}) {
		t.Errorf("pointers %v", got)
	}
}

func TestGroupSkipsAndRejects(t *testing.T) {
	t.Parallel()
	b := testBatch()
	held := testItem("H")
	held.Status = ItemNew
	b.Items = []ChargeItem{testItem("A"), held}
	res, err := Group(b, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Grouped != 1 || res.Skipped != 1 || b.Items[1].Status != ItemNew {
		t.Errorf("grouped %d skipped %d, held item %s", res.Grouped, res.Skipped, b.Items[1].Status)
	}

	tests := []struct {
		name  string
		edit  func(it *ChargeItem)
		field string
		err   error
	}{
		{"unknown patient", func(it *ChargeItem) { it.PatientID = "P9" }, "patient_id", ErrUnknownReference},
		{"unknown coverage", func(it *ChargeItem) { it.CoverageID = "" }, "coverage_id", ErrUnknownReference},
		{"unknown billing provider", func(it *ChargeItem) { it.BillingProviderID = "X" }, "billing_provider_id", ErrUnknownReference},
		{"unknown rendering provider", func(it *ChargeItem) { it.RenderingProviderID = "X" }, "rendering_provider_id", ErrUnknownReference},
		{"unknown facility", func(it *ChargeItem) { it.ServiceFacilityID = "X" }, "service_facility_id", ErrUnknownReference},
		{"no procedure", func(it *ChargeItem) { it.Procedure.Code = "" }, "procedure", ErrInvalidItem},
		{"gap in modifiers", func(it *ChargeItem) { it.Procedure.Modifiers[1] = "95" }, "procedure", ErrBadModifier},
		{"zero units", func(it *ChargeItem) { it.Units = decimal.Zero }, "units", ErrInvalidItem},
		{"negative charge", func(it *ChargeItem) { it.Charge = decimal.NewFromInt(-1) }, "charge", ErrInvalidItem},
		{"no start", func(it *ChargeItem) { it.Start = time.Time{} }, "start", ErrInvalidItem},
		{"ends before start", func(it *ChargeItem) { it.End = it.Start.Add(-time.Minute) }, "end", ErrInvalidItem},
		{"bad unit type", func(it *ChargeItem) { it.UnitType = "XX" }, "unit_type", ErrInvalidItem},
		{"no place of service", func(it *ChargeItem) { it.PlaceOfService = "" }, "place_of_service", ErrInvalidItem},
		{"no diagnosis", func(it *ChargeItem) { it.Diagnoses = nil }, "diagnoses", ErrInvalidItem},
		{"diagnosis with a dot", func(it *ChargeItem) { it.Diagnoses = []string{"E11.65"} }, "diagnoses", ErrInvalidItem},
		{"duplicate ID", func(it *ChargeItem) { it.ID = "A" }, "id", ErrDuplicateID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := testBatch()
			bad := testItem("B")
			tc.edit(&bad)
			b.Items = []ChargeItem{testItem("A"), bad}
			before := slices.Clone(b.Items)
			res, err := Group(b, GroupOptions{})
			var ie *ItemError
			if res != nil || !errors.Is(err, tc.err) || !errors.As(err, &ie) {
				t.Fatalf("got %v, %v; want an ItemError wrapping %v", res, err, tc.err)
			}
			if ie.Index != 1 || ie.Field != tc.field || ie.ItemID != bad.ID {
				t.Errorf("error names item %d %q field %q, want 1 %q %q", ie.Index, ie.ItemID, ie.Field, bad.ID, tc.field)
			}
			if !cmp.Equal(before, b.Items, cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })) {
				t.Errorf("items changed after an error")
			}
		})
	}
}

func TestGroupPCN(t *testing.T) {
	t.Parallel()
	b := testBatch()
	b.Items = []ChargeItem{testItem("A"), testItem("B")}
	res, err := Group(b, GroupOptions{PCN: HashPCN{Prefix: "RPM"}})
	if err != nil {
		t.Fatal(err)
	}
	pcn := res.Claims[0].PatientControlNumber
	if len(pcn) != 16 || pcn[:3] != "RPM" || res.Claims[0].ID != pcn {
		t.Errorf("pcn %q", pcn)
	}
	_, err = Group(&Batch{Patients: b.Patients, Coverages: b.Coverages, Providers: b.Providers,
		Items: []ChargeItem{testItem("A")}}, GroupOptions{PCN: HashPCN{Prefix: "TOO-LONG-PREFIX"}})
	if !errors.Is(err, ErrDuplicatePCN) {
		t.Errorf("a 28-character PCN gave %v", err)
	}
	b2 := testBatch()
	p2 := testItem("B")
	p2.PatientID = "P2"
	b2.Items = []ChargeItem{testItem("A"), p2}
	_, err = Group(b2, GroupOptions{PCN: constPCN("SAME")})
	if !errors.Is(err, ErrDuplicatePCN) {
		t.Errorf("two claims with one PCN gave %v", err)
	}
}

type constPCN string

func (c constPCN) PatientControlNumber(*Claim) (string, error) { return string(c), nil }

func TestGroupRejectsHugeNumbers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ field, units, charge string }{
		{"units", "1e9999", "60"},
		{"units", "1e19", "60"},
		{"charge", "1", "1e-40"},
		{"charge", "1", "1e-19"},
	} {
		b := testBatch()
		it := testItem("A")
		it.Units, it.Charge = decimal.RequireFromString(tc.units), decimal.RequireFromString(tc.charge)
		b.Items = []ChargeItem{it}
		var ie *ItemError
		if _, err := Group(b, GroupOptions{}); !errors.As(err, &ie) || ie.Field != tc.field || !errors.Is(err, ErrInvalidItem) {
			t.Errorf("units %s charge %s: %v", tc.units, tc.charge, err)
		}
	}
	b := testBatch()
	it := testItem("A")
	it.Charge = decimal.New(1, 999999999)
	b.Items = []ChargeItem{it}
	if _, err := Group(b, GroupOptions{}); !errors.Is(err, ErrInvalidItem) {
		t.Errorf("charge 1e999999999: %v", err)
	}
}

// TestGroupBadReferenceThenSameKey makes sure an item whose references do
// not resolve leaves no trace in the claim-key table.
func TestGroupBadReferenceThenSameKey(t *testing.T) {
	t.Parallel()
	b := testBatch()
	bad, bad2 := testItem("A"), testItem("B")
	bad.PatientID, bad2.PatientID = "P9", "P9"
	b.Items = []ChargeItem{bad, bad2}
	var list ItemErrors
	if _, err := Group(b, GroupOptions{}); !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v, want two item errors", err)
	}
}
