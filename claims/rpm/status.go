package rpm

import "github.com/claimkit/claimkit/x12"

// PeriodKind says which billing period a status is about.
type PeriodKind string

// Period kinds.
const (
	// DevicePeriod is a 30-day period from the episode start: device
	// supply and set-up.
	DevicePeriod PeriodKind = "device"
	// ManagementPeriod is a calendar month (within the episode): treatment
	// management time.
	ManagementPeriod PeriodKind = "management"
	// InterpretationPeriod is a 30-day period of physician interpretation
	// time (99091); listed only when such time was logged.
	InterpretationPeriod PeriodKind = "interpretation"
)

// State is where a patient-period stands.
type State string

// States.
const (
	// Billed: the period produced charge items.
	Billed State = "billed"
	// Pending: nothing billable yet; Pending says what is missing.
	Pending State = "pending"
	// NotBillable: the period is over and met no threshold; Problems says why.
	NotBillable State = "not_billable"
	// Blocked: another episode bills the patient in an overlapping period
	// (RPM and RTM, or two practitioners, never both).
	Blocked State = "blocked"
)

// BillingStatus is what one patient-period has met and what is still
// pending as of the as-of date. Messages hold counts, codes and dates,
// never patient data.
type BillingStatus struct {
	PatientID string     `json:"patient_id"`
	EpisodeID string     `json:"episode_id"`
	Program   Program    `json:"program"`
	Kind      PeriodKind `json:"kind"`
	// Period is the 30-day period or the calendar month, cut to the
	// episode's start and end.
	Period x12.DateRange `json:"period"`
	// Closed says the period is over on the as-of date.
	Closed bool  `json:"closed"`
	State  State `json:"state"`
	// DataDays counts the distinct days with readings (device periods);
	// Minutes the time logged (management and interpretation periods).
	DataDays    int  `json:"data_days"`
	Minutes     int  `json:"minutes"`
	Interactive bool `json:"interactive"`
	// Codes are the codes billed for the period; ChargeItemIDs the charge
	// items made for them.
	Codes         []string `json:"codes,omitempty"`
	ChargeItemIDs []string `json:"charge_item_ids,omitempty"`
	// Met, Pending and Problems explain the state in words: "16 of 16 data
	// days: 99454 on 2026-01-17", "12 of 20 minutes for 99457", "no
	// interactive communication logged this month".
	Met      []string `json:"met,omitempty"`
	Pending  []string `json:"pending,omitempty"`
	Problems []string `json:"problems,omitempty"`
}

// Unassigned counts the data no episode took: data days and time entries
// outside every episode of their patient and program (or category), and
// those after the as-of date.
type Unassigned struct {
	DataDays    int `json:"data_days"`
	TimeEntries int `json:"time_entries"`
	Minutes     int `json:"minutes"`
}
