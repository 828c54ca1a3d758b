package rpm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

// genInput makes a random practice: patients with one to three episodes
// of either program, readings and time entries scattered around them.
func genInput(rng *rand.Rand, patients int) *Input {
	in := &Input{Fees: allFees()}
	base := d("2025-11-01")
	cats := []Category{Respiratory, Musculoskeletal, CBT}
	for p := range patients {
		pid := fmt.Sprintf("P%d", p)
		for e := range 1 + rng.IntN(3) {
			ep := episode(fmt.Sprintf("EP-%d-%d", p, e), pid, RPM, "", base.AddDays(rng.IntN(150)).String())
			if rng.IntN(2) == 0 {
				ep.Program, ep.Category = RTM, cats[rng.IntN(3)]
			}
			if rng.IntN(3) == 0 {
				ep.RenderingProviderID = "DR-2"
			}
			if rng.IntN(3) == 0 {
				ep.End = ep.Start.AddDays(rng.IntN(90))
			}
			ep.SetupBilled = rng.IntN(5) == 0
			in.Episodes = append(in.Episodes, ep)
		}
		for range rng.IntN(200) {
			r := Reading{PatientID: pid, DeviceID: fmt.Sprintf("D%d", rng.IntN(3)), Program: RPM, Day: base.AddDays(rng.IntN(200) - 20)}
			if rng.IntN(2) == 0 {
				r.Program, r.Category = RTM, cats[rng.IntN(3)]
			}
			in.Readings = append(in.Readings, r)
		}
		for range rng.IntN(30) {
			t := TimeEntry{PatientID: pid, PractitionerID: fmt.Sprintf("RN-%d", rng.IntN(3)), Program: RPM,
				Day: base.AddDays(rng.IntN(200) - 20), Minutes: 1 + rng.IntN(30), Interactive: rng.IntN(3) == 0}
			switch rng.IntN(4) {
			case 0:
				t.Program = RTM
			case 1:
				t.Activity = ActivityInterpretation
			}
			in.TimeEntries = append(in.TimeEntries, t)
		}
	}
	return in
}

func overlaps(a, b x12.DateRange) bool { return !a.To.Before(b.From) && !b.To.Before(a.From) }

func TestBillProperties(t *testing.T) {
	t.Parallel()
	cat := DefaultCatalogue()
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		in := genInput(rng, 1+rng.IntN(4))
		asOf := d("2026-01-01").AddDays(rng.IntN(180))
		opt := Options{SetupMinDays: []int{0, 2}[rng.IntN(2)], Convention: []Convention{EndOfPeriod, ThresholdMet}[rng.IntN(2)]}
		res, err := Bill(in, asOf, opt)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("seed %d (as of %s, %+v): %s", seed, asOf, opt, fmt.Sprintf(format, args...))
		}

		charges := map[string]int{}
		for i, c := range res.Charges {
			if _, dup := charges[c.ID]; dup {
				fail("charge ID %s twice", c.ID)
			}
			charges[c.ID] = i
			if c.ServiceDate().After(asOf) {
				fail("charge %s dated %s after the as-of date", c.ID, c.ServiceDate())
			}
		}

		// Minutes and data days: each counted exactly once.
		inMinutes := 0
		for _, e := range in.TimeEntries {
			inMinutes += e.Minutes
		}
		distinct := map[dayKey]map[x12.Date]bool{}
		for _, r := range in.Readings {
			k := dayKey{r.PatientID, r.Program, r.Category}
			if distinct[k] == nil {
				distinct[k] = map[x12.Date]bool{}
			}
			distinct[k][r.Day] = true
		}
		inDays := 0
		for _, m := range distinct {
			inDays += len(m)
		}
		gotMinutes, gotDays := res.Unassigned.Minutes, res.Unassigned.DataDays
		setups := map[string]int{}
		for _, st := range res.Statuses {
			gotMinutes += st.Minutes
			gotDays += st.DataDays
			devices := 0
			var mins []Code
			for _, id := range st.ChargeItemIDs {
				c := res.Charges[charges[id]]
				code, ok := cat.Lookup(c.Procedure.Code)
				if !ok {
					fail("charge %s of unknown code", id)
					continue
				}
				if dos := c.ServiceDate(); dos.Before(st.Period.From) || dos.After(st.Period.To) {
					fail("charge %s dated %s outside its period %v", id, dos, st.Period)
				}
				switch {
				case code.IsDevice():
					devices++
				case code.Kind == Setup:
					setups[st.EpisodeID]++
				case code.IsManagement():
					mins = append(mins, code)
					u := int(c.Units.IntPart())
					switch code.Kind {
					case ManagementAdditional:
						if st.Minutes < 20+20*u || st.Minutes >= 20+20*(u+1) {
							fail("%s x%d for %d minutes", code.Code, u, st.Minutes)
						}
					case ManagementShort:
						if st.Minutes < 10 || st.Minutes > 19 {
							fail("%s for %d minutes", code.Code, st.Minutes)
						}
					case ManagementFirst:
						if st.Minutes < 20 {
							fail("%s for %d minutes", code.Code, st.Minutes)
						}
					}
					if !st.Interactive {
						fail("%s without an interactive communication", code.Code)
					}
				}
			}
			if devices > 1 {
				fail("%d device codes in one period %v", devices, st.Period)
			}
			for i := range mins {
				for j := range i {
					if cat.Excluded(mins[i].Code, mins[j].Code) {
						fail("%s with %s in one month", mins[i].Code, mins[j].Code)
					}
				}
			}
			if (st.State == Billed) != (len(st.Codes) > 0) {
				fail("state %s with codes %v", st.State, st.Codes)
			}
		}
		if gotMinutes != inMinutes {
			fail("minutes counted %d, logged %d", gotMinutes, inMinutes)
		}
		if gotDays != inDays {
			fail("data days counted %d, distinct in input %d", gotDays, inDays)
		}
		for _, e := range in.Episodes {
			if n := setups[e.ID]; n > 1 || (n == 1 && e.SetupBilled) {
				fail("episode %s: set-up billed %d times (billed before: %v)", e.ID, n, e.SetupBilled)
			}
		}

		// Billed periods of different episodes of a patient never overlap:
		// never RPM and RTM, never two practitioners, never two device codes.
		for i, a := range res.Statuses {
			for _, b := range res.Statuses[:i] {
				if a.State == Billed && b.State == Billed && a.PatientID == b.PatientID &&
					a.EpisodeID != b.EpisodeID && overlaps(a.Period, b.Period) {
					fail("episodes %s (%s %v) and %s (%s %v) both bill an overlapping period",
						a.EpisodeID, a.Kind, a.Period, b.EpisodeID, b.Kind, b.Period)
				}
			}
		}

		// The order of readings and time entries does not matter.
		shuffled := *in
		shuffled.Readings = append([]Reading(nil), in.Readings...)
		shuffled.TimeEntries = append([]TimeEntry(nil), in.TimeEntries...)
		rng.Shuffle(len(shuffled.Readings), func(i, j int) {
			shuffled.Readings[i], shuffled.Readings[j] = shuffled.Readings[j], shuffled.Readings[i]
		})
		rng.Shuffle(len(shuffled.TimeEntries), func(i, j int) {
			shuffled.TimeEntries[i], shuffled.TimeEntries[j] = shuffled.TimeEntries[j], shuffled.TimeEntries[i]
		})
		again, err := Bill(&shuffled, asOf, opt)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(res, again); diff != "" {
			fail("shuffled input gives another result (-first +shuffled):\n%s", diff)
		}
	}
}
