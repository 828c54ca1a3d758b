// Package rpm turns remote physiologic monitoring (RPM) and remote
// therapeutic monitoring (RTM) data into billable charge items: device
// readings and clinician time become codes per billing period, with a
// billing status that says what each patient-period has met and what is
// still pending.
//
// The main flow:
//
//	in, err := rpm.ReadInput(r)                  // episodes, readings, time entries, fees
//	res, err := rpm.Bill(in, asOf, rpm.Options{}) // as of the last day with complete data
//	for _, it := range res.Charges { ... }         // claims.ChargeItem, status New
//	for _, st := range res.Statuses { ... }        // "9 of 16 data days for 99454"
//
// The code set is a Catalogue, a dated value: DefaultCatalogue has the
// 2026 Medicare codes (99453, 99454, 99445, 99457, 99458, 99470, 99091;
// 98975-98978, 98984-98986, 98980, 98981, 98979) with their kinds,
// thresholds, add-on parents, exclusions and the date each became valid.
// What Medicare has not settled is an option, not a constant: the
// date-of-service convention (Convention), the data days set-up needs
// (SetupMinDays) and the place of service.
//
// Periods: device supply counts distinct data days in 30-day periods from
// the episode start; treatment management counts minutes per calendar
// month and needs one real-time interactive communication in the month.
// A period whose threshold is not met makes no charge, only a status.
// The package never reads the clock: the as-of date is a parameter.
//
// # Performance
//
// On a shared 2-core virtual machine, 500 patients with 90-day episodes,
// two devices and four readings a day on most days (288,000 readings):
//
//	go test ./claims/rpm -run XXX -bench . -benchtime 5x -cpu=1 -count=3
//	BenchmarkBill         101 ms/op   2.8 million readings/s   44 MB/op   101k allocs/op
//	BenchmarkReadAndBill  811 ms/op   31 MB/s of JSON, 355,000 readings/s
//
// Reading the JSON costs about as much as encoding/json's Unmarshal of
// the same input; billing is a tenth of it.
package rpm
