package rpm

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

func d(s string) x12.Date {
	v, err := x12.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func episode(id, patient string, p Program, cat Category, start string) Episode {
	return Episode{ID: id, PatientID: patient, Program: p, Category: cat, Start: d(start),
		CoverageID: "COV-1", BillingProviderID: "ACME", RenderingProviderID: "DR-1", Diagnoses: []string{"I10"}}
}

// dataDays returns one reading a day on n days from first.
func dataDays(patient string, p Program, cat Category, first string, n int) []Reading {
	out := make([]Reading, n)
	for i := range out {
		out[i] = Reading{PatientID: patient, DeviceID: "DEV-1", Program: p, Category: cat, Day: d(first).AddDays(i)}
	}
	return out
}

func entry(patient string, p Program, day string, minutes int, interactive bool) TimeEntry {
	return TimeEntry{PatientID: patient, PractitionerID: "RN-1", Program: p, Day: d(day), Minutes: minutes, Interactive: interactive}
}

// allFees charges 10 a unit for every code of the default catalogue.
func allFees() map[string]decimal.Decimal {
	fees := map[string]decimal.Decimal{}
	for _, c := range DefaultCatalogue().Codes() {
		fees[c.Code] = decimal.NewFromInt(10)
	}
	return fees
}

// billed is a charge in short: "99458 x2 on 2026-01-31".
func billed(res *Result) []string {
	out := []string{}
	for _, c := range res.Charges {
		out = append(out, fmt.Sprintf("%s %s x%s on %s", c.PatientID, c.Procedure.Code, c.Units, c.ServiceDate()))
	}
	return out
}

// statusOf returns the first status of the kind.
func statusOf(t *testing.T, res *Result, kind PeriodKind) BillingStatus {
	t.Helper()
	for _, st := range res.Statuses {
		if st.Kind == kind {
			return st
		}
	}
	t.Fatalf("no %s status in %+v", kind, res.Statuses)
	return BillingStatus{}
}

// brief is the part of a status the table tests compare.
type brief struct {
	State    State
	Codes    []string
	Met      []string
	Pending  []string
	Problems []string
}

func briefOf(st BillingStatus) brief {
	return brief{st.State, st.Codes, st.Met, st.Pending, st.Problems}
}

func mustBill(t *testing.T, in *Input, asOf string, opt Options) *Result {
	t.Helper()
	if in.Fees == nil {
		in.Fees = allFees()
	}
	res, err := Bill(in, d(asOf), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestDeviceThresholds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start string // episode start and first data day
		days  int
		asOf  string
		opt   Options
		want  brief
	}{
		{"1 day", "2026-01-01", 1, "2026-02-15", Options{}, brief{State: NotBillable,
			Problems: []string{"1 of 2 data days: no device code"}}},
		{"2 days", "2026-01-01", 2, "2026-02-15", Options{}, brief{State: Billed, Codes: []string{"99445"},
			Met: []string{"2 data days (2-15): 99445 on 2026-01-30"}, Pending: []string{"2 of 16 data days for set-up 99453"}}},
		{"15 days", "2026-01-01", 15, "2026-02-15", Options{}, brief{State: Billed, Codes: []string{"99445"},
			Met: []string{"15 data days (2-15): 99445 on 2026-01-30"}, Pending: []string{"15 of 16 data days for set-up 99453"}}},
		{"16 days", "2026-01-01", 16, "2026-02-15", Options{}, brief{State: Billed, Codes: []string{"99454", "99453"},
			Met: []string{"16 data days (16 needed): 99454 on 2026-01-30", "set-up 99453 on 2026-01-30"}}},
		{"30 days", "2026-01-01", 30, "2026-02-15", Options{}, brief{State: Billed, Codes: []string{"99454", "99453"},
			Met: []string{"30 data days (16 needed): 99454 on 2026-01-30", "set-up 99453 on 2026-01-30"}}},
		{"16 days, threshold-met date", "2026-01-01", 16, "2026-01-16", Options{Convention: ThresholdMet},
			brief{State: Billed, Codes: []string{"99454", "99453"},
				Met: []string{"16 data days (16 needed): 99454 on 2026-01-16", "set-up 99453 on 2026-01-16"}}},
		{"16 days, end of period not reached", "2026-01-01", 16, "2026-01-16", Options{},
			brief{State: Pending, Pending: []string{
				"16 of 16 data days met: 99454 is billed at the end of the period on 2026-01-30",
				"16 of 16 data days for set-up 99453"}}},
		{"9 days, open period", "2026-01-01", 9, "2026-01-20", Options{}, brief{State: Pending, Pending: []string{
			"9 of 16 data days for 99454 (10 days left in the period ending 2026-01-30)",
			"9 data days meet 99445 (2-15 data days), billed at the end of the period if it stays below 16",
			"9 of 16 data days for set-up 99453"}}},
		{"1 day, open period, 16 out of reach", "2026-01-01", 1, "2026-01-20", Options{}, brief{State: Pending, Pending: []string{
			"1 of 16 data days for 99454 (10 days left in the period ending 2026-01-30); no longer reachable",
			"1 of 2 data days for 99445",
			"1 of 16 data days for set-up 99453"}}},
		{"15 days, short threshold-met date", "2026-01-01", 15, "2026-02-15", Options{Convention: ThresholdMet},
			brief{State: Billed, Codes: []string{"99445"}, Met: []string{"15 data days (2-15): 99445 on 2026-01-02"},
				Pending: []string{"15 of 16 data days for set-up 99453"}}},
		{"set-up at 2 days", "2026-01-01", 5, "2026-02-15", Options{SetupMinDays: 2},
			brief{State: Billed, Codes: []string{"99445", "99453"},
				Met: []string{"5 data days (2-15): 99445 on 2026-01-30", "set-up 99453 on 2026-01-30"}}},
		{"2025: 10 days, no short code yet", "2025-01-01", 10, "2025-02-15", Options{}, brief{State: NotBillable,
			Problems: []string{"10 of 16 data days: no device code (no 2-15 day code is valid on 2025-01-30)"}}},
		{"2025: 16 days", "2025-01-01", 16, "2025-02-15", Options{}, brief{State: Billed, Codes: []string{"99454", "99453"},
			Met: []string{"16 data days (16 needed): 99454 on 2025-01-30", "set-up 99453 on 2025-01-30"}}},
		{"2025-12: short code valid on the period end", "2025-12-10", 5, "2026-02-15", Options{}, brief{State: Billed,
			Codes: []string{"99445"}, Met: []string{"5 data days (2-15): 99445 on 2026-01-08"},
			Pending: []string{"5 of 16 data days for set-up 99453"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := &Input{
				Episodes: []Episode{episode("EP-1", "P1", RPM, "", tt.start)},
				Readings: dataDays("P1", RPM, "", tt.start, tt.days),
			}
			res := mustBill(t, in, tt.asOf, tt.opt)
			got := briefOf(statusOf(t, res, DevicePeriod))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRTMDeviceCodesByCategory(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		cat         Category
		days        int
		wantDevice  string
		wantPending []string
	}{
		{Respiratory, 16, "98976", nil},
		{Musculoskeletal, 16, "98977", nil},
		{CBT, 16, "98978", nil},
		{Respiratory, 3, "98984", []string{"3 of 16 data days for set-up 98975"}},
		{Musculoskeletal, 3, "98985", []string{"3 of 16 data days for set-up 98975"}},
		{CBT, 3, "98986", []string{"3 of 16 data days for set-up 98975"}},
	} {
		t.Run(fmt.Sprintf("%s/%d", tt.cat, tt.days), func(t *testing.T) {
			t.Parallel()
			in := &Input{
				Episodes: []Episode{episode("EP-1", "P1", RTM, tt.cat, "2026-03-01")},
				Readings: dataDays("P1", RTM, tt.cat, "2026-03-01", tt.days),
			}
			// Readings of another category belong to no episode.
			other := Musculoskeletal
			if tt.cat == Musculoskeletal {
				other = CBT
			}
			in.Readings = append(in.Readings, dataDays("P1", RTM, other, "2026-03-01", 20)...)
			res := mustBill(t, in, "2026-04-30", Options{})
			st := statusOf(t, res, DevicePeriod)
			if st.Codes[0] != tt.wantDevice || st.DataDays != tt.days {
				t.Errorf("codes %v, data days %d; want %s first, %d days", st.Codes, st.DataDays, tt.wantDevice, tt.days)
			}
			if diff := cmp.Diff(tt.wantPending, st.Pending); diff != "" {
				t.Errorf("pending (-want +got):\n%s", diff)
			}
			if res.Unassigned.DataDays != 20 {
				t.Errorf("unassigned data days %d, want 20", res.Unassigned.DataDays)
			}
		})
	}
}

func TestManagementThresholds(t *testing.T) {
	t.Parallel()
	interactive := func(p Program, day string, minutes ...int) []TimeEntry {
		var out []TimeEntry
		for i, m := range minutes {
			out = append(out, entry("P1", p, day, m, i == 0))
		}
		return out
	}
	tests := []struct {
		name    string
		program Program
		start   string
		entries []TimeEntry
		asOf    string
		opt     Options
		want    brief
		charges []string
	}{
		{"9 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 9), "2026-02-05", Options{},
			brief{State: NotBillable, Problems: []string{"9 of 10 minutes: no management code"}}, []string{}},
		{"10 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 10), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99470"}, Met: []string{"10 minutes (10-19) with an interactive communication: 99470 on 2026-01-31"}},
			[]string{"P1 99470 x1 on 2026-01-31"}},
		{"19 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 12, 7), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99470"}, Met: []string{"19 minutes (10-19) with an interactive communication: 99470 on 2026-01-31"}},
			[]string{"P1 99470 x1 on 2026-01-31"}},
		{"20 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 20), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99457"}, Met: []string{"20 minutes (20 needed) with an interactive communication: 99457 on 2026-01-31"}},
			[]string{"P1 99457 x1 on 2026-01-31"}},
		{"39 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 20, 19), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99457"}, Met: []string{"39 minutes (20 needed) with an interactive communication: 99457 on 2026-01-31"}},
			[]string{"P1 99457 x1 on 2026-01-31"}},
		{"40 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 25, 15), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99457", "99458"}, Met: []string{
				"40 minutes (20 needed) with an interactive communication: 99457 on 2026-01-31",
				"1 full 20-minute block more: 99458 x1 on 2026-01-31"}},
			[]string{"P1 99457 x1 on 2026-01-31", "P1 99458 x1 on 2026-01-31"}},
		{"60 minutes", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 30, 30), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"99457", "99458"}, Met: []string{
				"60 minutes (20 needed) with an interactive communication: 99457 on 2026-01-31",
				"2 full 20-minute blocks more: 99458 x2 on 2026-01-31"}},
			[]string{"P1 99457 x1 on 2026-01-31", "P1 99458 x2 on 2026-01-31"}},
		{"40 minutes, no interactive communication", RPM, "2026-01-01",
			[]TimeEntry{entry("P1", RPM, "2026-01-10", 40, false)}, "2026-02-05", Options{},
			brief{State: NotBillable, Met: []string{"40 of 20 minutes for 99457"},
				Problems: []string{"no interactive communication logged this month"}}, []string{}},
		{"12 minutes, open month", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 12), "2026-01-20", Options{},
			brief{State: Pending, Pending: []string{
				"12 of 20 minutes for 99457",
				"12 minutes meet 99470 (10-19 minutes), billed at the end of the month if it stays below 20"}}, []string{}},
		{"12 minutes, open month, no interactive communication", RPM, "2026-01-01",
			[]TimeEntry{entry("P1", RPM, "2026-01-10", 12, false)}, "2026-01-20", Options{},
			brief{State: Pending, Pending: []string{
				"12 of 20 minutes for 99457",
				"12 minutes meet 99470 (10-19 minutes), billed at the end of the month if it stays below 20",
				"no interactive communication logged this month"}}, []string{}},
		{"45 minutes, open month", RPM, "2026-01-01", interactive(RPM, "2026-01-10", 45), "2026-01-20", Options{},
			brief{State: Pending, Pending: []string{
				"45 of 20 minutes met: 99457 is billed at the end of the month on 2026-01-31",
				"5 of 20 minutes toward the next 99458 (1 full 20-minute block so far; billed at the end of the month)"}}, []string{}},
		{"45 minutes, open month, threshold-met date", RPM, "2026-01-01",
			[]TimeEntry{entry("P1", RPM, "2026-01-05", 15, false), entry("P1", RPM, "2026-01-08", 10, false),
				entry("P1", RPM, "2026-01-12", 20, true)}, "2026-01-20", Options{Convention: ThresholdMet},
			brief{State: Billed, Codes: []string{"99457"}, Met: []string{
				"45 minutes (20 needed) with an interactive communication: 99457 on 2026-01-12"},
				Pending: []string{"5 of 20 minutes toward the next 99458 (1 full 20-minute block so far; billed at the end of the month)"}},
			[]string{"P1 99457 x1 on 2026-01-12"}},
		{"60 minutes, threshold-met dates", RPM, "2026-01-01",
			[]TimeEntry{entry("P1", RPM, "2026-01-05", 15, true), entry("P1", RPM, "2026-01-08", 10, false),
				entry("P1", RPM, "2026-01-12", 20, false), entry("P1", RPM, "2026-01-25", 15, false)}, "2026-02-01",
			Options{Convention: ThresholdMet},
			brief{State: Billed, Codes: []string{"99457", "99458"}, Met: []string{
				"60 minutes (20 needed) with an interactive communication: 99457 on 2026-01-08",
				"2 full 20-minute blocks more: 99458 x2 on 2026-01-25"}},
			[]string{"P1 99457 x1 on 2026-01-08", "P1 99458 x2 on 2026-01-25"}},
		{"2025: 15 minutes, no 10-minute code yet", RPM, "2025-01-01", interactive(RPM, "2025-01-10", 15), "2025-02-05", Options{},
			brief{State: NotBillable, Problems: []string{"15 of 20 minutes: no management code (no 10-minute code is valid on 2025-01-31)"}},
			[]string{}},
		{"RTM 40 minutes", RTM, "2026-01-01", interactive(RTM, "2026-01-10", 40), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"98980", "98981"}, Met: []string{
				"40 minutes (20 needed) with an interactive communication: 98980 on 2026-01-31",
				"1 full 20-minute block more: 98981 x1 on 2026-01-31"}},
			[]string{"P1 98980 x1 on 2026-01-31", "P1 98981 x1 on 2026-01-31"}},
		{"RTM 12 minutes", RTM, "2026-01-01", interactive(RTM, "2026-01-10", 12), "2026-02-05", Options{},
			brief{State: Billed, Codes: []string{"98979"}, Met: []string{"12 minutes (10-19) with an interactive communication: 98979 on 2026-01-31"}},
			[]string{"P1 98979 x1 on 2026-01-31"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cat := Category("")
			if tt.program == RTM {
				cat = Musculoskeletal
			}
			in := &Input{Episodes: []Episode{episode("EP-1", "P1", tt.program, cat, tt.start)}, TimeEntries: tt.entries}
			res := mustBill(t, in, tt.asOf, tt.opt)
			if diff := cmp.Diff(tt.want, briefOf(statusOf(t, res, ManagementPeriod))); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.charges, billed(res)); diff != "" {
				t.Errorf("charges (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPeriodBoundaries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		start, end  string
		asOf        string
		device      []string
		management  []string
		closedFirst bool
	}{
		{"leap year February", "2024-02-15", "", "2024-04-20",
			[]string{"2024-02-15..2024-03-15", "2024-03-16..2024-04-14", "2024-04-15..2024-05-14"},
			[]string{"2024-02-15..2024-02-29", "2024-03-01..2024-03-31", "2024-04-01..2024-04-30"}, true},
		{"common year February", "2025-02-15", "", "2025-04-20",
			[]string{"2025-02-15..2025-03-16", "2025-03-17..2025-04-15", "2025-04-16..2025-05-15"},
			[]string{"2025-02-15..2025-02-28", "2025-03-01..2025-03-31", "2025-04-01..2025-04-30"}, true},
		{"century leap rule: 2100 is not a leap year", "2100-02-01", "", "2100-03-05",
			[]string{"2100-02-01..2100-03-02", "2100-03-03..2100-04-01"},
			[]string{"2100-02-01..2100-02-28", "2100-03-01..2100-03-31"}, true},
		{"year end", "2025-12-20", "", "2026-01-20",
			[]string{"2025-12-20..2026-01-18", "2026-01-19..2026-02-17"},
			[]string{"2025-12-20..2025-12-31", "2026-01-01..2026-01-31"}, true},
		{"episode ends inside a period", "2026-01-01", "2026-01-20", "2026-03-01",
			[]string{"2026-01-01..2026-01-20"},
			[]string{"2026-01-01..2026-01-20"}, true},
		{"as-of inside the first period", "2026-01-01", "", "2026-01-01",
			[]string{"2026-01-01..2026-01-30"},
			[]string{"2026-01-01..2026-01-31"}, false},
		{"episode starts after the as-of date", "2026-02-01", "", "2026-01-15", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := episode("EP-1", "P1", RPM, "", tt.start)
			if tt.end != "" {
				e.End = d(tt.end)
			}
			res := mustBill(t, &Input{Episodes: []Episode{e}}, tt.asOf, Options{})
			var device, management []string
			for _, st := range res.Statuses {
				r := st.Period.From.String() + ".." + st.Period.To.String()
				switch st.Kind {
				case DevicePeriod:
					device = append(device, r)
				case ManagementPeriod:
					management = append(management, r)
				}
			}
			if diff := cmp.Diff(tt.device, device); diff != "" {
				t.Errorf("device periods (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.management, management); diff != "" {
				t.Errorf("management periods (-want +got):\n%s", diff)
			}
			if len(res.Statuses) > 0 && res.Statuses[0].Closed != tt.closedFirst {
				t.Errorf("first period closed = %v, want %v", res.Statuses[0].Closed, tt.closedFirst)
			}
		})
	}
}

func TestReadingsAtPeriodEdges(t *testing.T) {
	t.Parallel()
	// 15 days at the end of the first period and 1 on the first day of
	// the second: neither period reaches 16.
	in := &Input{
		Episodes: []Episode{episode("EP-1", "P1", RPM, "", "2024-02-15")},
		Readings: append(dataDays("P1", RPM, "", "2024-03-01", 15), dataDays("P1", RPM, "", "2024-03-16", 1)...),
	}
	res := mustBill(t, in, "2024-04-30", Options{})
	var got []string
	for _, st := range res.Statuses {
		if st.Kind == DevicePeriod {
			got = append(got, fmt.Sprintf("%s %d %s", st.Period.From, st.DataDays, st.State))
		}
	}
	want := []string{"2024-02-15 15 not_billable", "2024-03-16 1 not_billable", "2024-04-15 0 pending"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExclusions(t *testing.T) {
	t.Parallel()
	rtm := func(id, start string) Episode { return episode(id, "P1", RTM, Respiratory, start) }
	other := func(e Episode, rendering string) Episode { e.RenderingProviderID = rendering; return e }
	ended := func(e Episode, end string) Episode { e.End = d(end); return e }
	interp := func(day string, minutes int) TimeEntry {
		t := entry("P1", RPM, day, minutes, false)
		t.Activity = ActivityInterpretation
		t.PractitionerID = "DR-1"
		return t
	}
	tests := []struct {
		name    string
		in      Input
		asOf    string
		charges []string
		states  []string
	}{
		{"RPM and RTM overlap: the later episode is blocked",
			Input{
				Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01"), rtm("EP-2", "2026-01-10")},
				Readings:    append(dataDays("P1", RPM, "", "2026-01-01", 20), dataDays("P1", RTM, Respiratory, "2026-01-10", 20)...),
				TimeEntries: []TimeEntry{entry("P1", RPM, "2026-01-05", 25, true), entry("P1", RTM, "2026-01-12", 25, true)},
			}, "2026-01-31",
			[]string{"P1 99454 x1 on 2026-01-30", "P1 99453 x1 on 2026-01-30", "P1 99457 x1 on 2026-01-31"},
			[]string{"EP-1 device billed", "EP-1 device pending", "EP-1 management billed", "EP-2 device blocked", "EP-2 management blocked"}},
		{"RPM then RTM in turn: both bill",
			Input{
				Episodes: []Episode{ended(episode("EP-1", "P1", RPM, "", "2026-01-01"), "2026-01-30"), rtm("EP-2", "2026-02-01")},
				Readings: append(dataDays("P1", RPM, "", "2026-01-01", 20), dataDays("P1", RTM, Respiratory, "2026-02-01", 20)...),
			}, "2026-03-02",
			[]string{"P1 99454 x1 on 2026-01-30", "P1 99453 x1 on 2026-01-30", "P1 98976 x1 on 2026-03-02", "P1 98975 x1 on 2026-03-02"},
			[]string{"EP-1 device billed", "EP-1 management not_billable", "EP-2 device billed", "EP-2 management not_billable",
				"EP-2 management pending"}},
		{"two practitioners: the one who started first bills",
			Input{
				Episodes: []Episode{other(episode("EP-B", "P1", RPM, "", "2026-01-05"), "DR-2"), episode("EP-A", "P1", RPM, "", "2026-01-01")},
				Readings: dataDays("P1", RPM, "", "2026-01-01", 25),
			}, "2026-01-30",
			[]string{"P1 99454 x1 on 2026-01-30", "P1 99453 x1 on 2026-01-30"},
			[]string{"EP-A device billed", "EP-A management pending", "EP-B device blocked", "EP-B management blocked"}},
		{"an RTM episode with no data does not block",
			Input{
				Episodes: []Episode{rtm("EP-1", "2026-01-01"), episode("EP-2", "P1", RPM, "", "2026-01-02")},
				Readings: dataDays("P1", RPM, "", "2026-01-02", 16),
			}, "2026-01-31",
			[]string{"P1 99454 x1 on 2026-01-31", "P1 99453 x1 on 2026-01-31"},
			[]string{"EP-1 device not_billable", "EP-1 device pending", "EP-1 management not_billable", "EP-2 device billed",
				"EP-2 management not_billable"}},
		{"99091 with 99457 in the same month is not billed",
			Input{
				Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
				TimeEntries: []TimeEntry{entry("P1", RPM, "2026-01-05", 25, true), interp("2026-01-06", 30)},
			}, "2026-01-31",
			[]string{"P1 99457 x1 on 2026-01-31"},
			[]string{"EP-1 device not_billable", "EP-1 device pending", "EP-1 management billed", "EP-1 interpretation not_billable"}},
		{"99091 alone, 30 minutes",
			Input{
				Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
				TimeEntries: []TimeEntry{interp("2026-01-06", 20), interp("2026-01-20", 10)},
			}, "2026-01-31",
			[]string{"P1 99091 x1 on 2026-01-30"},
			[]string{"EP-1 device not_billable", "EP-1 device pending", "EP-1 management not_billable", "EP-1 interpretation billed"}},
		{"99091 alone, 29 minutes",
			Input{
				Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
				TimeEntries: []TimeEntry{interp("2026-01-06", 29)},
			}, "2026-01-31",
			[]string{},
			[]string{"EP-1 device not_billable", "EP-1 device pending", "EP-1 management not_billable",
				"EP-1 interpretation not_billable"}},
		{"99091 waits for an open month with management time",
			Input{
				Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-10")},
				TimeEntries: []TimeEntry{entry("P1", RPM, "2026-02-03", 5, true), interp("2026-01-20", 40)},
			}, "2026-02-09",
			[]string{},
			[]string{"EP-1 device not_billable", "EP-1 device pending", "EP-1 management not_billable", "EP-1 management pending",
				"EP-1 interpretation pending"}},
		{"set-up once per episode",
			Input{
				Episodes: []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
				Readings: dataDays("P1", RPM, "", "2026-01-01", 60),
			}, "2026-03-01",
			[]string{"P1 99454 x1 on 2026-01-30", "P1 99453 x1 on 2026-01-30", "P1 99454 x1 on 2026-03-01"},
			[]string{"EP-1 device billed", "EP-1 device billed", "EP-1 management not_billable", "EP-1 management not_billable",
				"EP-1 management pending"}},
		{"set-up billed before",
			Input{
				Episodes: []Episode{func() Episode { e := episode("EP-1", "P1", RPM, "", "2026-01-01"); e.SetupBilled = true; return e }()},
				Readings: dataDays("P1", RPM, "", "2026-01-01", 16),
			}, "2026-01-30",
			[]string{"P1 99454 x1 on 2026-01-30"},
			[]string{"EP-1 device billed", "EP-1 management pending"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := mustBill(t, &tt.in, tt.asOf, Options{})
			if diff := cmp.Diff(tt.charges, billed(res)); diff != "" {
				t.Errorf("charges (-want +got):\n%s", diff)
			}
			var states []string
			for _, st := range res.Statuses {
				states = append(states, fmt.Sprintf("%s %s %s", st.EpisodeID, st.Kind, st.State))
			}
			if diff := cmp.Diff(tt.states, states); diff != "" {
				t.Errorf("states (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBlockedMessage(t *testing.T) {
	t.Parallel()
	e2 := episode("EP-2", "P1", RTM, CBT, "2026-01-10")
	e2.RenderingProviderID = "PT-9"
	in := &Input{
		Episodes: []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01"), e2},
		Readings: append(dataDays("P1", RPM, "", "2026-01-01", 3), dataDays("P1", RTM, CBT, "2026-01-10", 3)...),
	}
	res := mustBill(t, in, "2026-01-15", Options{})
	var got []string
	for _, st := range res.Statuses {
		if st.State == Blocked {
			got = append(got, st.Problems...)
		}
	}
	want := []string{
		"episode EP-1 (RPM, practitioner DR-1) bills this patient from 2026-01-01 to 2026-01-30",
		"episode EP-1 (RPM, practitioner DR-1) bills this patient from 2026-01-01 to 2026-01-30",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSince(t *testing.T) {
	t.Parallel()
	in := &Input{
		Episodes:    []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
		Readings:    dataDays("P1", RPM, "", "2026-01-01", 60),
		TimeEntries: []TimeEntry{entry("P1", RPM, "2026-01-05", 25, true), entry("P1", RPM, "2026-02-05", 25, true)},
	}
	res := mustBill(t, in, "2026-03-01", Options{Since: d("2026-02-01")})
	want := []string{"P1 99454 x1 on 2026-03-01", "P1 99457 x1 on 2026-02-28"}
	if diff := cmp.Diff(want, billed(res)); diff != "" {
		t.Errorf("charges (-want +got):\n%s", diff)
	}
	for _, st := range res.Statuses {
		if st.Period.To.Before(d("2026-02-01")) {
			t.Errorf("status of %v returned", st.Period)
		}
	}
}

func TestChargeItem(t *testing.T) {
	t.Parallel()
	e := episode("EP-7", "P1", RPM, "", "2026-01-01")
	e.PlaceOfService = "12"
	e.BusinessUnit = "RPM"
	e.Diagnoses = []string{"I10", "E1165"}
	in := &Input{Episodes: []Episode{e}, TimeEntries: []TimeEntry{
		entry("P1", RPM, "2026-01-05", 30, true),
		{PatientID: "P1", PractitionerID: "DR-1", Program: RPM, Day: d("2026-01-06"), Minutes: 40},
	}, Fees: map[string]decimal.Decimal{"99457": decimal.RequireFromString("52.10"), "99458": decimal.RequireFromString("41.25")}}
	res := mustBill(t, in, "2026-02-01", Options{})
	if len(res.Charges) != 2 {
		t.Fatalf("charges %v", billed(res))
	}
	c := res.Charges[1]
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%v|%s|%s|%s", c.ID, c.Name, c.EncounterID, c.CoverageID, c.BillingProviderID,
		c.RenderingProviderID, c.PractitionerID, c.Procedure, c.Units, c.Charge.StringFixed(2), c.PlaceOfService, c.Diagnoses,
		c.BusinessUnit, c.Status, c.Start.Format("2006-01-02T15:04Z07:00"))
	want := "EP-7-20260101-99458|RPM treatment management, each additional 20 minutes|EP-7|COV-1|ACME|DR-1|DR-1|99458|2|82.50|12|[I10 E1165]|RPM|new|2026-01-31T00:00Z"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// The charge items do not share the episode's diagnoses slice.
	res.Charges[0].Diagnoses[0] = "X"
	if in.Episodes[0].Diagnoses[0] != "I10" {
		t.Error("charge item aliases the episode's diagnoses")
	}
}

func TestBillErrors(t *testing.T) {
	t.Parallel()
	in := &Input{
		Episodes: []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")},
		Readings: dataDays("P1", RPM, "", "2026-01-01", 16),
		Fees:     map[string]decimal.Decimal{"99454": decimal.NewFromInt(1)},
	}
	if _, err := Bill(in, d("2026-02-01"), Options{}); !errors.Is(err, ErrNoFee) || err.Error() != "rpm: no fee for a billable code: 99453" {
		t.Errorf("no fee: %v", err)
	}
	if _, err := Bill(in, x12.Date{}, Options{}); !errors.Is(err, ErrAsOf) {
		t.Errorf("zero as-of: %v", err)
	}
	if _, err := Bill(in, d("2026-02-01"), Options{Convention: "whenever"}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("bad convention: %v", err)
	}
	bad := &Input{Episodes: []Episode{{ID: "EP-1"}}}
	var list InputErrors
	if _, err := Bill(bad, d("2026-02-01"), Options{}); !errors.As(err, &list) || len(list) != 1 || list[0].Field != "patient_id" {
		t.Errorf("invalid input: %v", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	ok := func() *Input {
		return &Input{
			Episodes:    []Episode{episode("EP-1", "P1", RTM, CBT, "2026-01-01")},
			Readings:    dataDays("P1", RTM, CBT, "2026-01-01", 1),
			TimeEntries: []TimeEntry{entry("P1", RTM, "2026-01-02", 10, true)},
			Fees:        map[string]decimal.Decimal{"98978": decimal.NewFromInt(40)},
		}
	}
	tests := []struct {
		name   string
		change func(*Input)
		want   string // the error, "" for none
	}{
		{"valid", func(*Input) {}, ""},
		{"no episode id", func(in *Input) { in.Episodes[0].ID = "" }, `rpm: episodes[0], field "id": invalid input: empty`},
		{"repeated episode id", func(in *Input) { in.Episodes = append(in.Episodes, in.Episodes[0]) },
			`rpm: episodes[1] (id "EP-1"), field "id": invalid input: another episode has this id`},
		{"bad program", func(in *Input) { in.Episodes[0].Program = "ccm" },
			`rpm: episodes[0] (id "EP-1"), field "program": invalid input: "ccm" is not rpm or rtm`},
		{"RTM without category", func(in *Input) { in.Episodes[0].Category = "" },
			`rpm: episodes[0] (id "EP-1"), field "category": invalid input: "" is not respiratory, musculoskeletal or cbt`},
		{"RPM with category", func(in *Input) { in.Episodes[0].Program = RPM },
			`rpm: episodes[0] (id "EP-1"), field "category": invalid input: RPM has no category`},
		{"end before start", func(in *Input) { in.Episodes[0].End = d("2025-12-31") },
			`rpm: episodes[0] (id "EP-1"), field "end": invalid input: not a date on or after start`},
		{"no rendering provider", func(in *Input) { in.Episodes[0].RenderingProviderID = "" },
			`rpm: episodes[0] (id "EP-1"), field "rendering_provider_id": invalid input: empty: one practitioner bills the patient`},
		{"dotted diagnosis", func(in *Input) { in.Episodes[0].Diagnoses = []string{"I10.0"} },
			`rpm: episodes[0] (id "EP-1"), field "diagnoses": invalid input: "I10.0" is not an ICD-10 code without the dot`},
		{"reading without a date", func(in *Input) { in.Readings[0].Day = x12.Date{} },
			`rpm: readings[0], field "day": invalid input: not a date`},
		{"reading of an impossible date", func(in *Input) { in.Readings[0].Day = x12.NewDate(2025, 2, 29) },
			`rpm: readings[0], field "day": invalid input: not a date`},
		{"zero minutes", func(in *Input) { in.TimeEntries[0].Minutes = 0 },
			`rpm: time_entries[0], field "minutes": invalid input: 0 is not 1 to 1440`},
		{"interpretation for RTM", func(in *Input) { in.TimeEntries[0].Activity = ActivityInterpretation },
			`rpm: time_entries[0], field "activity": invalid input: interpretation time is RPM only`},
		{"negative fee", func(in *Input) { in.Fees["98978"] = decimal.NewFromInt(-1) },
			`rpm: fees (id "98978"), field "98978": invalid input: the fee must be 0 or more with at most 18 digits`},
		{"two problems", func(in *Input) { in.Readings[0].PatientID = ""; in.TimeEntries[0].PractitionerID = "" },
			`rpm: readings[0], field "patient_id": invalid input: empty (and 1 more)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := ok()
			tt.change(in)
			err := in.Validate()
			got := ""
			if err != nil {
				got = err.Error()
				if !errors.Is(err, ErrInvalidInput) {
					t.Errorf("%v does not wrap ErrInvalidInput", err)
				}
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCatalogue(t *testing.T) {
	t.Parallel()
	c := DefaultCatalogue()
	var got []string
	for _, v := range c.Codes() {
		got = append(got, v.Code+" "+string(v.Kind)+" "+v.ValidFrom.String())
	}
	want := []string{
		"99453 setup 2019-01-01", "99454 device_long 2019-01-01", "99445 device_short 2026-01-01",
		"99457 management_first 2019-01-01", "99458 management_additional 2020-01-01", "99470 management_short 2026-01-01",
		"99091 interpretation 2018-01-01", "98975 setup 2022-01-01", "98976 device_long 2022-01-01",
		"98977 device_long 2022-01-01", "98978 device_long 2023-01-01", "98984 device_short 2026-01-01",
		"98985 device_short 2026-01-01", "98986 device_short 2026-01-01", "98980 management_first 2022-01-01",
		"98981 management_additional 2022-01-01", "98979 management_short 2026-01-01",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	for _, pair := range [][2]string{{"99454", "99445"}, {"99445", "99454"}, {"99457", "99470"}, {"98976", "98984"},
		{"98977", "98985"}, {"98978", "98986"}, {"98980", "98979"}, {"99091", "99457"}, {"99458", "99091"}} {
		if !c.Excluded(pair[0], pair[1]) {
			t.Errorf("%s and %s should exclude each other", pair[0], pair[1])
		}
	}
	if c.Excluded("99454", "99457") || c.Excluded("99457", "99458") {
		t.Error("device and management codes, or a primary and its add-on, do not exclude each other")
	}
	if v, _ := c.Lookup("99458"); v.Parent != "99457" {
		t.Errorf("99458 parent %q", v.Parent)
	}
	if _, ok := c.Find(RPM, DeviceShort, "", d("2025-12-31")); ok {
		t.Error("99445 found before 2026")
	}
	if v, ok := c.Find(RTM, DeviceShort, CBT, d("2026-01-01")); !ok || v.Code != "98986" {
		t.Errorf("CBT short code %v %v", v.Code, ok)
	}
	// Codes returns a copy.
	c.Codes()[1].Excludes[0] = "X"
	if v, _ := c.Lookup("99454"); v.Excludes[0] != "99445" {
		t.Error("Codes aliases the catalogue")
	}
}

func TestNewCatalogueErrors(t *testing.T) {
	t.Parallel()
	base := func() []Code { return DefaultCatalogue().Codes() }
	tests := []struct {
		name   string
		change func([]Code) []Code
		want   string
	}{
		{"twice", func(c []Code) []Code { return append(c, c[0]) }, `rpm: bad code catalogue: code "99453": listed twice`},
		{"bad program", func(c []Code) []Code { c[0].Program = "x"; return c }, `rpm: bad code catalogue: code "99453": unknown program x`},
		{"bad kind", func(c []Code) []Code { c[0].Kind = "x"; return c }, `rpm: bad code catalogue: code "99453": unknown kind x`},
		{"no date", func(c []Code) []Code { c[0].ValidFrom = x12.Date{}; return c }, `rpm: bad code catalogue: code "99453": valid_from is not a date`},
		{"device threshold", func(c []Code) []Code { c[1].MaxDays = 31; return c },
			`rpm: bad code catalogue: code "99454": device codes need 1 <= min_days <= max_days <= 30`},
		{"RTM device without category", func(c []Code) []Code { c[8].Category = ""; return c },
			`rpm: bad code catalogue: code "98976": an RTM device code needs a category`},
		{"add-on without parent", func(c []Code) []Code { c[4].Parent = "99454"; return c },
			`rpm: bad code catalogue: code "99458": an add-on needs a first-20-minutes parent of its program`},
		{"unknown exclusion", func(c []Code) []Code { c[1].Excludes = []string{"12345"}; return c },
			`rpm: bad code catalogue: code "99454": excludes unknown code 12345`},
		{"time codes", func(c []Code) []Code { c[5].MaxMinutes = 5; return c },
			`rpm: bad code catalogue: code "99470": time codes need 1 <= min_minutes <= max_minutes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewCatalogue(tt.change(base()))
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrCatalogue) {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
	// A custom catalogue is used: without 99445 a 10-day period bills nothing.
	var codes []Code
	for _, c := range base() {
		if c.Code != "99445" {
			c.Excludes = nil
			codes = append(codes, c)
		}
	}
	cat, err := NewCatalogue(codes)
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{Episodes: []Episode{episode("EP-1", "P1", RPM, "", "2026-01-01")}, Readings: dataDays("P1", RPM, "", "2026-01-01", 10)}
	res := mustBill(t, in, "2026-02-01", Options{Catalogue: cat})
	if st := statusOf(t, res, DevicePeriod); st.State != NotBillable {
		t.Errorf("custom catalogue: %+v", st)
	}
}
