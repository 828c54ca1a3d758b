package claims

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// genConfig shapes a generated batch.
type genConfig struct {
	patients  int
	items     int
	diagnoses int // size of the diagnosis pool
	days      int // spread of service dates
}

var genCodes = []struct {
	code   string
	mods   []string
	charge int64 // cents
	pos    PlaceOfService
	tele   Telecare
}{
	{"99453", nil, 2200, POSOffice, TelecareNone},
	{"99454", nil, 6000, POSOffice, TelecareNone},
	{"99457", nil, 6000, POSOffice, TelecareNone},
	{"99458", nil, 4500, POSOffice, TelecareNone},
	{"98977", nil, 5000, POSOffice, TelecareNone},
	{"98980", nil, 6000, POSOffice, TelecareNone},
	{"99213", []string{"95"}, 12000, POSTelehealthInHome, TelecareVideo},
	{"99212", []string{"93"}, 8000, POSTelehealthInHome, TelecareAudio},
	{"97110", []string{"GP", "95"}, 4000, POSTelehealth, TelecareVideo},
}

// genBatch makes a batch of ReadyToBill charge items from rng.
func genBatch(rng *rand.Rand, cfg genConfig) *Batch {
	b := &Batch{
		Providers: []Provider{
			{ID: "BILL1", NPI: "1245319599", TaxID: "123456789", Name: Name{Organization: "ACME FAMILY MEDICINE"}},
			{ID: "BILL2", NPI: "1234567893", TaxID: "987654321", Name: Name{Organization: "ACME THERAPY"}},
			{ID: "DR1", NPI: "1003000126", Qualification: "MD", Name: Name{Last: "SMITH", First: "JOHN"}},
			{ID: "DR2", NPI: "1003000134", Qualification: "NP", Name: Name{Last: "JONES", First: "ANN"}},
			{ID: "RN1", Qualification: "RN", Name: Name{Last: "BROWN", First: "KIM"}},
		},
		Facilities: []Facility{{ID: "FAC1", Name: "ACME CLINIC", NPI: "1003000142"}},
	}
	pool := make([]string, cfg.diagnoses)
	for i := range pool {
		pool[i] = "Z" + strconv.Itoa(100+i)
	}
	for p := range cfg.patients {
		id := "P" + strconv.Itoa(p)
		b.Patients = append(b.Patients, Patient{ID: id, MRN: "MRN" + strconv.Itoa(p),
			Person: Person{Name: Name{Last: "DOE" + strconv.Itoa(p), First: "JANE"}, Gender: GenderFemale}})
		b.Coverages = append(b.Coverages, Coverage{ID: "C" + strconv.Itoa(p), Priority: Primary,
			Payer:      Payer{Name: "MEDICARE PART B", PayerID: "00952", ClaimFilingIndicator: FilingMedicarePartB},
			Subscriber: Person{MemberID: "M" + strconv.Itoa(p)}})
	}
	base := time.Date(2026, time.January, 1, 9, 0, 0, 0, time.UTC)
	b.Items = make([]ChargeItem, cfg.items)
	for i := range b.Items {
		p := rng.IntN(cfg.patients)
		c := genCodes[rng.IntN(len(genCodes))]
		start := base.Add(time.Duration(rng.IntN(cfg.days))*24*time.Hour + time.Duration(rng.IntN(8))*time.Hour)
		mods, _ := NewModifiers(c.mods...)
		nd := 1 + rng.IntN(3)
		diags := make([]string, 0, nd)
		for range nd {
			diags = append(diags, pool[rng.IntN(len(pool))])
		}
		it := ChargeItem{
			ID:                  "CI" + strconv.Itoa(i),
			Name:                "charge " + c.code,
			EncounterID:         "E" + strconv.Itoa(i/2),
			PatientID:           "P" + strconv.Itoa(p),
			CoverageID:          "C" + strconv.Itoa(p),
			BillingProviderID:   "BILL" + strconv.Itoa(1+p%2),
			RenderingProviderID: "DR" + strconv.Itoa(1+p%3%2),
			PractitionerID:      "RN1",
			Start:               start,
			End:                 start.Add(20 * time.Minute),
			Procedure:           Procedure{Code: c.code, Modifiers: mods},
			Units:               decimal.NewFromInt(int64(1 + rng.IntN(2))),
			Charge:              decimal.New(c.charge+int64(rng.IntN(100)), -2),
			PlaceOfService:      c.pos,
			Telecare:            c.tele,
			Diagnoses:           diags,
			BusinessUnit:        "BU" + strconv.Itoa(rng.IntN(2)),
			Status:              ItemReadyToBill,
		}
		if p%10 == 0 {
			it.AuthorizationNumber = "AUTH" + strconv.Itoa(p)
		}
		if p%7 == 0 {
			it.ServiceFacilityID = "FAC1"
		}
		b.Items[i] = it
	}
	return b
}

// genPractice makes a realistic month of a telehealth, RPM and RTM
// practice: each patient is in RPM (70%) or RTM (30%), with one device
// supply item, one management item and add-on sessions on their own dates,
// a set-up item for one in ten, and a telehealth visit (video or audio
// only, POS 10) for one in five. About 3.6 items per patient.
func genPractice(rng *rand.Rand, patients int) *Batch {
	b := genBatch(rng, genConfig{patients: patients, items: 0, diagnoses: 1, days: 1})
	base := time.Date(2026, time.January, 1, 9, 0, 0, 0, time.UTC)
	dx := []string{"I10", "E1165", "I509", "J449", "M545", "M170", "E669", "F411"}
	b.Items = make([]ChargeItem, 0, patients*4)
	for p := range patients {
		pid := strconv.Itoa(p)
		diag := []string{dx[rng.IntN(len(dx))], dx[rng.IntN(len(dx))]}
		if diag[0] == diag[1] {
			diag = diag[:1]
		}
		add := func(code string, mods []string, cents int64, day int, units int64, pos PlaceOfService, tele Telecare) {
			m, _ := NewModifiers(mods...)
			start := base.Add(time.Duration(day)*24*time.Hour + time.Duration(rng.IntN(8))*time.Hour)
			b.Items = append(b.Items, ChargeItem{
				ID: "CI" + strconv.Itoa(len(b.Items)), Name: "charge " + code, EncounterID: "E" + pid + "-" + strconv.Itoa(day),
				PatientID: "P" + pid, CoverageID: "C" + pid, BillingProviderID: "BILL" + strconv.Itoa(1+p%2),
				RenderingProviderID: "DR" + strconv.Itoa(1+p%3%2), PractitionerID: "RN1",
				Start: start, End: start.Add(20 * time.Minute), Procedure: Procedure{Code: code, Modifiers: m},
				Units: decimal.NewFromInt(units), Charge: decimal.New(cents*units, -2), PlaceOfService: pos,
				Telecare: tele, Diagnoses: diag, BusinessUnit: "BU" + strconv.Itoa(p%3), Status: ItemReadyToBill,
			})
		}
		supply, mgmt, addon := "99454", "99457", "99458"
		if rng.IntN(10) < 3 {
			supply, mgmt, addon = "98977", "98980", "98981"
		}
		if rng.IntN(10) == 0 {
			add(map[string]string{"99454": "99453", "98977": "98975"}[supply], nil, 2200, 0, 1, POSOffice, TelecareNone)
		}
		add(supply, nil, 6000, 29, 1, POSOffice, TelecareNone)
		add(mgmt, nil, 6000, 10+rng.IntN(5), 1, POSOffice, TelecareNone)
		for k := range rng.IntN(3) {
			add(addon, nil, 4500, 16+k*5, 1, POSOffice, TelecareNone)
		}
		if rng.IntN(5) == 0 {
			if rng.IntN(2) == 0 {
				add("99213", []string{"95"}, 12000, rng.IntN(28), 1, POSTelehealthInHome, TelecareVideo)
			} else {
				add("99212", []string{"93"}, 8000, rng.IntN(28), 1, POSTelehealthInHome, TelecareAudio)
			}
		}
	}
	rng.Shuffle(len(b.Items), func(i, j int) { b.Items[i], b.Items[j] = b.Items[j], b.Items[i] })
	return b
}
