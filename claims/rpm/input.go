package rpm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Reading is one day with data from a monitoring device. Several readings
// on the same day count as one data day.
type Reading struct {
	PatientID string  `json:"patient_id"`
	DeviceID  string  `json:"device_id,omitempty"`
	Program   Program `json:"program"`
	// Category is the RTM category of the device; empty for RPM.
	Category Category `json:"category,omitempty"`
	Day      x12.Date `json:"day"`
}

// Activity is what a clinician's time was spent on.
type Activity string

// Activities. The zero value means management.
const (
	// ActivityManagement is treatment management time of clinical staff,
	// physicians or qualified professionals (99457/99458/99470,
	// 98980/98981/98979).
	ActivityManagement Activity = "management"
	// ActivityInterpretation is data collection and interpretation time of a
	// physician or qualified professional (99091).
	ActivityInterpretation Activity = "interpretation"
)

func (a Activity) norm() Activity {
	if a == "" {
		return ActivityManagement
	}
	return a
}

// TimeEntry is time a practitioner spent on one patient's monitoring on
// one day.
type TimeEntry struct {
	ID             string   `json:"id,omitempty"`
	PatientID      string   `json:"patient_id"`
	PractitionerID string   `json:"practitioner_id"`
	Program        Program  `json:"program"`
	Activity       Activity `json:"activity,omitempty"`
	Day            x12.Date `json:"day"`
	Minutes        int      `json:"minutes"`
	// Interactive says the entry includes a real-time interactive
	// communication (two-way audio, with or without video) with the
	// patient or caregiver.
	Interactive bool `json:"interactive,omitempty"`
}

// MaxMinutesPerEntry is the most minutes one time entry may have: a day.
const MaxMinutesPerEntry = 24 * 60

// Episode is one patient's enrolment in RPM or RTM, from the start of
// monitoring until the treatment goals are met (End), with what the
// charge items need: coverage, billing and rendering provider (the one
// practitioner who bills the patient), place of service and diagnoses.
type Episode struct {
	ID        string   `json:"id"`
	PatientID string   `json:"patient_id"`
	Program   Program  `json:"program"`
	Category  Category `json:"category,omitempty"`
	// Start is the first day of monitoring: device periods are the 30-day
	// periods from it. End is the last day, zero while the episode goes on.
	Start x12.Date `json:"start"`
	End   x12.Date `json:"end,omitzero"`
	// SetupBilled says the set-up code was billed already (by an earlier
	// run or another system), so it is not billed again.
	SetupBilled         bool   `json:"setup_billed,omitempty"`
	CoverageID          string `json:"coverage_id"`
	BillingProviderID   string `json:"billing_provider_id"`
	RenderingProviderID string `json:"rendering_provider_id"`
	// PlaceOfService defaults to Options.PlaceOfService.
	PlaceOfService claims.PlaceOfService `json:"place_of_service,omitempty"`
	// Diagnoses are ICD-10-CM codes without the dot, primary first.
	Diagnoses    []string `json:"diagnoses"`
	BusinessUnit string   `json:"business_unit,omitempty"`
}

// Input is what Bill works from: episodes, device readings, clinician
// time and the practice's fee for each code (the charge of one unit).
type Input struct {
	Episodes    []Episode                  `json:"episodes"`
	Readings    []Reading                  `json:"readings"`
	TimeEntries []TimeEntry                `json:"time_entries"`
	Fees        map[string]decimal.Decimal `json:"fees"`
}

// Sections of an Input, as named in errors.
const (
	SectionEpisodes    = "episodes"
	SectionReadings    = "readings"
	SectionTimeEntries = "time_entries"
	SectionFees        = "fees"
)

// Validate checks every episode, reading and time entry and returns
// InputErrors (without byte positions) listing each problem, or nil.
func (in *Input) Validate() error {
	var errs InputErrors
	add := func(section string, i int, id, field, format string, args ...any) {
		errs = append(errs, &InputError{Offset: -1, Section: section, Index: i, ID: id, Field: field,
			Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, args...)...)})
	}
	ids := make(map[string]bool, len(in.Episodes))
	for i := range in.Episodes {
		if field, msg := checkEpisode(&in.Episodes[i], ids); msg != "" {
			add(SectionEpisodes, i, in.Episodes[i].ID, field, "%s", msg)
		}
	}
	for i := range in.Readings {
		if field, msg := checkReading(&in.Readings[i]); msg != "" {
			add(SectionReadings, i, "", field, "%s", msg)
		}
	}
	for i := range in.TimeEntries {
		if field, msg := checkTimeEntry(&in.TimeEntries[i]); msg != "" {
			add(SectionTimeEntries, i, in.TimeEntries[i].ID, field, "%s", msg)
		}
	}
	for code, fee := range in.Fees {
		if fee.Sign() < 0 || !plainDigits(fee) {
			add(SectionFees, -1, code, code, "the fee must be 0 or more with at most %d digits", claims.MaxDigits)
		}
	}
	errs.sort()
	return errs.Err()
}

// checkEpisode returns the field and message of the first problem of e,
// or "" when e is fine; ids collects the episode IDs seen.
func checkEpisode(e *Episode, ids map[string]bool) (string, string) {
	switch {
	case e.ID == "":
		return "id", "empty"
	case ids[e.ID]:
		return "id", "another episode has this id"
	case e.PatientID == "":
		return "patient_id", "empty"
	case !e.Program.Valid():
		return "program", fmt.Sprintf("%q is not rpm or rtm", e.Program)
	case e.Program == RTM && !e.Category.Valid():
		return "category", fmt.Sprintf("%q is not respiratory, musculoskeletal or cbt", e.Category)
	case e.Program == RPM && e.Category != "":
		return "category", "RPM has no category"
	case !e.Start.Valid():
		return "start", "not a date"
	case !e.End.IsZero() && (!e.End.Valid() || e.End.Before(e.Start)):
		return "end", "not a date on or after start"
	case e.CoverageID == "":
		return "coverage_id", "empty"
	case e.BillingProviderID == "":
		return "billing_provider_id", "empty"
	case e.RenderingProviderID == "":
		return "rendering_provider_id", "empty: one practitioner bills the patient"
	case len(e.Diagnoses) == 0:
		return "diagnoses", "no diagnosis code"
	}
	for _, d := range e.Diagnoses {
		if d == "" || strings.IndexByte(d, '.') >= 0 {
			return "diagnoses", fmt.Sprintf("%q is not an ICD-10 code without the dot", d)
		}
	}
	ids[e.ID] = true
	return "", ""
}

func checkReading(r *Reading) (string, string) {
	switch {
	case r.PatientID == "":
		return "patient_id", "empty"
	case !r.Program.Valid():
		return "program", fmt.Sprintf("%q is not rpm or rtm", r.Program)
	case r.Program == RTM && !r.Category.Valid():
		return "category", fmt.Sprintf("%q is not respiratory, musculoskeletal or cbt", r.Category)
	case r.Program == RPM && r.Category != "":
		return "category", "RPM has no category"
	case !r.Day.Valid():
		return "day", "not a date"
	}
	return "", ""
}

func checkTimeEntry(t *TimeEntry) (string, string) {
	switch {
	case t.PatientID == "":
		return "patient_id", "empty"
	case t.PractitionerID == "":
		return "practitioner_id", "empty"
	case !t.Program.Valid():
		return "program", fmt.Sprintf("%q is not rpm or rtm", t.Program)
	case t.Activity.norm() != ActivityManagement && t.Activity.norm() != ActivityInterpretation:
		return "activity", fmt.Sprintf("%q is not management or interpretation", t.Activity)
	case t.Activity.norm() == ActivityInterpretation && t.Program != RPM:
		return "activity", "interpretation time is RPM only"
	case !t.Day.Valid():
		return "day", "not a date"
	case t.Minutes < 1 || t.Minutes > MaxMinutesPerEntry:
		return "minutes", fmt.Sprintf("%d is not 1 to %d", t.Minutes, MaxMinutesPerEntry)
	}
	return "", ""
}

// plainDigits reports whether d written without an exponent has at most
// claims.MaxDigits digits, so hostile exponents stay out of arithmetic.
func plainDigits(d decimal.Decimal) bool {
	exp := int64(d.Exponent())
	if exp < -claims.MaxDigits || exp > claims.MaxDigits {
		return false
	}
	n := int64(d.NumDigits())
	if exp > 0 {
		n += exp
	}
	return n <= claims.MaxDigits
}

// asInputErrors is errors.As for the InputErrors of Validate.
func asInputErrors(err error) (InputErrors, bool) {
	var l InputErrors
	ok := errors.As(err, &l)
	return l, ok
}
