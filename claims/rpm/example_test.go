package rpm_test

import (
	"fmt"
	"strings"

	"github.com/claimkit/claimkit/claims/rpm"
	"github.com/claimkit/claimkit/x12"
)

// One RPM patient: a blood-pressure cuff sending data on 17 days of the
// first 30-day period, and 47 minutes of management time in January,
// one call of which was interactive.
const episodeJSON = `{
  "episodes": [{"id": "EP-1", "patient_id": "P1", "program": "rpm", "start": "2026-01-02",
                "coverage_id": "C1", "billing_provider_id": "ACME", "rendering_provider_id": "DR-1",
                "diagnoses": ["I10"]}],
  "readings": [
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-02"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-03"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-05"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-06"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-07"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-09"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-10"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-12"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-13"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-15"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-16"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-19"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-20"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-22"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-26"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-28"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-01-30"},
    {"patient_id": "P1", "device_id": "BP", "program": "rpm", "day": "2026-02-02"}
  ],
  "time_entries": [
    {"patient_id": "P1", "practitioner_id": "RN-1", "program": "rpm", "day": "2026-01-08", "minutes": 15, "interactive": true},
    {"patient_id": "P1", "practitioner_id": "RN-1", "program": "rpm", "day": "2026-01-20", "minutes": 32},
    {"patient_id": "P1", "practitioner_id": "RN-1", "program": "rpm", "day": "2026-02-03", "minutes": 12}
  ],
  "fees": {"99453": "22.00", "99454": "47.43", "99445": "47.43", "99457": "52.00", "99458": "41.00", "99470": "26.00"}
}`

func ExampleBill() {
	in, err := rpm.ReadInput(strings.NewReader(episodeJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := rpm.Bill(in, x12.NewDate(2026, 2, 5), rpm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Charges {
		fmt.Printf("%s %s x%s on %s: %s\n", c.ID, c.Procedure.Code, c.Units, c.ServiceDate(), c.Charge.StringFixed(2))
	}
	for _, st := range res.Statuses {
		fmt.Printf("%s %s..%s %s\n", st.Kind, st.Period.From, st.Period.To, st.State)
		for _, p := range st.Pending {
			fmt.Println("  pending:", p)
		}
	}
	// Output:
	// EP-1-20260102-99454 99454 x1 on 2026-01-31: 47.43
	// EP-1-99453 99453 x1 on 2026-01-31: 22.00
	// EP-1-20260102-99457 99457 x1 on 2026-01-31: 52.00
	// EP-1-20260102-99458 99458 x1 on 2026-01-31: 41.00
	// device 2026-01-02..2026-01-31 billed
	// device 2026-02-01..2026-03-02 pending
	//   pending: 1 of 16 data days for 99454 (25 days left in the period ending 2026-03-02)
	//   pending: 1 of 2 data days for 99445
	// management 2026-01-02..2026-01-31 billed
	// management 2026-02-01..2026-02-28 pending
	//   pending: 12 of 20 minutes for 99457
	//   pending: 12 minutes meet 99470 (10-19 minutes), billed at the end of the month if it stays below 20
	//   pending: no interactive communication logged this month
}

func ExampleDefaultCatalogue() {
	cat := rpm.DefaultCatalogue()
	for _, code := range []string{"99454", "99445", "98979"} {
		c, _ := cat.Lookup(code)
		fmt.Printf("%s %s: %s, from %s, excludes %v\n", c.Code, c.Kind, c.Name, c.ValidFrom, c.Excludes)
	}
	_, ok := cat.Find(rpm.RTM, rpm.DeviceShort, rpm.Musculoskeletal, x12.NewDate(2025, 12, 31))
	fmt.Println("2-15 day MSK code in 2025:", ok)
	// Output:
	// 99454 device_long: RPM device supply, 16-30 days, from 2019-01-01, excludes [99445]
	// 99445 device_short: RPM device supply, 2-15 days, from 2026-01-01, excludes [99454]
	// 98979 management_short: RTM treatment management, first 10 minutes, from 2026-01-01, excludes [98980]
	// 2-15 day MSK code in 2025: false
}
