package rpm

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// Convention is the date of service a payer wants on a period's charges.
// It varies by Medicare contractor and payer.
type Convention string

// Date-of-service conventions.
const (
	// EndOfPeriod dates every charge on the last day of its period (the
	// 30-day period or the month, cut to the episode end) and makes it
	// only once that day is reached. It is the default.
	EndOfPeriod Convention = "end_of_period"
	// ThresholdMet dates a charge on the day its threshold was met (the
	// 16th data day, the 20th minute with an interactive communication)
	// and makes it on that day. Charges that depend on the period's final
	// count (the 2-15 day and 10-minute codes, additional 20-minute
	// blocks) are still made only once the period is over.
	ThresholdMet Convention = "threshold_met"
)

// Valid reports whether c is a known convention (the zero value counts
// as EndOfPeriod).
func (c Convention) Valid() bool { return c == "" || c == EndOfPeriod || c == ThresholdMet }

// DefaultSetupMinDays is the data days the set-up code needs unless
// Options says otherwise: 16, as before 2026. Whether the 2026
// descriptor lowered it to 2 is not confirmed; set Options.SetupMinDays.
const DefaultSetupMinDays = LongMinDays

// Options tune Bill. The zero value works.
type Options struct {
	// Catalogue is the code set; the zero value means DefaultCatalogue().
	Catalogue Catalogue
	// Convention is the date-of-service convention; zero means EndOfPeriod.
	Convention Convention
	// SetupMinDays is the data days a device period needs before set-up
	// is billed; zero means DefaultSetupMinDays.
	SetupMinDays int
	// PlaceOfService is used for episodes that name none; zero means 11
	// (office). Some payers want 12 (home).
	PlaceOfService claims.PlaceOfService
	// Since leaves out periods that end before it: they are still
	// evaluated (set-up, exclusions, overlaps) but their charges and
	// statuses are not returned, as for periods billed by an earlier run.
	Since x12.Date
}

// Result is what Bill returns: the charge items to bill and one status
// per patient-period, both in episode order (episodes by start date and
// ID), then period order.
type Result struct {
	AsOf       x12.Date            `json:"as_of"`
	Charges    []claims.ChargeItem `json:"charge_items"`
	Statuses   []BillingStatus     `json:"billing_status"`
	Unassigned Unassigned          `json:"unassigned"`
}

// Bill turns episodes, readings and time entries into the charge items
// billable as of asOf, the last day whose data is complete, and a status
// for every period of every episode up to asOf.
//
// Device supply is billed per 30-day period from the episode start: the
// 16-30 day code when 16 distinct data days are reached, else, once the
// period is over, the 2-15 day code for 2-15 days. Set-up is billed once
// per episode, with the first device period that has SetupMinDays. Time
// counts per calendar month: the first-20-minutes code with at least one
// interactive communication, one unit of the add-on per further full 20
// minutes, or the 10-19 minute code when the month ends below 20. 99091
// is billed for 30 minutes of interpretation in a 30-day period in which
// no management code it excludes is billed.
//
// A patient is billed by one episode at a time: when episodes of one
// patient overlap (RPM and RTM, or two practitioners), the one that
// started first (then the lower ID) takes the data of the days they
// share, and a period of the other that overlaps a period the first bills
// or is still counting is Blocked.
//
// Bill returns the errors of Input.Validate, ErrAsOf, or ErrNoFee when a
// billable code has no fee.
func Bill(in *Input, asOf x12.Date, opt Options) (*Result, error) {
	if !asOf.Valid() {
		return nil, fmt.Errorf("%w: %q", ErrAsOf, asOf.String())
	}
	if !opt.Convention.Valid() {
		return nil, fmt.Errorf("%w: unknown date-of-service convention %q", ErrInvalidInput, opt.Convention)
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if len(opt.Catalogue.codes) == 0 {
		opt.Catalogue = DefaultCatalogue()
	}
	if opt.Convention == "" {
		opt.Convention = EndOfPeriod
	}
	if opt.SetupMinDays <= 0 {
		opt.SetupMinDays = DefaultSetupMinDays
	}
	if opt.PlaceOfService == "" {
		opt.PlaceOfService = claims.POSOffice
	}
	b := &biller{in: in, asOf: asOf, opt: opt, cat: opt.Catalogue, windows: map[string][]window{},
		res: &Result{AsOf: asOf, Charges: []claims.ChargeItem{}, Statuses: []BillingStatus{}}}
	if err := b.run(); err != nil {
		return nil, err
	}
	return b.res, nil
}

type biller struct {
	in      *Input
	asOf    x12.Date
	opt     Options
	cat     Catalogue
	res     *Result
	windows map[string][]window // by patient
}

// window is a period an episode bills or is still counting: it keeps
// other episodes of the patient out.
type window struct {
	episode   string
	program   Program
	rendering string
	r         x12.DateRange
}

// work is one episode with the data it took.
type work struct {
	e       *Episode
	days    []x12.Date // distinct, sorted
	mgmt    []int      // time entries, by day
	interp  []int
	setup   bool // set-up billed (before or in this run)
	billedM []billedPeriod
}

type billedPeriod struct {
	r     x12.DateRange
	codes []string
	open  bool // still counting minutes
}

type dayKey struct {
	patient  string
	program  Program
	category Category
}

type timeKey struct {
	patient string
	program Program
}

type dayList struct {
	days  []x12.Date
	taken []bool
}

func (b *biller) run() error {
	in := b.in
	order := make([]int, len(in.Episodes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		ex, ey := &in.Episodes[x], &in.Episodes[y]
		return cmp.Or(ex.Start.Compare(ey.Start), strings.Compare(ex.ID, ey.ID))
	})

	days := make(map[dayKey]*dayList)
	for i := range in.Readings {
		r := &in.Readings[i]
		k := dayKey{r.PatientID, r.Program, r.Category}
		l := days[k]
		if l == nil {
			l = &dayList{}
			days[k] = l
		}
		l.days = append(l.days, r.Day)
	}
	for _, l := range days {
		slices.SortFunc(l.days, x12.Date.Compare)
		l.days = slices.Compact(l.days)
		l.taken = make([]bool, len(l.days))
	}
	entries := make(map[timeKey][]int)
	for i := range in.TimeEntries {
		t := &in.TimeEntries[i]
		k := timeKey{t.PatientID, t.Program}
		entries[k] = append(entries[k], i)
	}
	for _, l := range entries {
		slices.SortStableFunc(l, func(x, y int) int { return in.TimeEntries[x].Day.Compare(in.TimeEntries[y].Day) })
	}
	taken := make([]bool, len(in.TimeEntries))

	for _, i := range order {
		e := &in.Episodes[i]
		last := b.asOf
		if !e.End.IsZero() && e.End.Before(last) {
			last = e.End
		}
		w := &work{e: e, setup: e.SetupBilled}
		if l := days[dayKey{e.PatientID, e.Program, e.Category}]; l != nil {
			lo, hi := dateSpan(len(l.days), func(j int) x12.Date { return l.days[j] }, e.Start, last)
			for j := lo; j < hi; j++ {
				if !l.taken[j] {
					l.taken[j] = true
					w.days = append(w.days, l.days[j])
				}
			}
		}
		if l := entries[timeKey{e.PatientID, e.Program}]; l != nil {
			lo, hi := dateSpan(len(l), func(j int) x12.Date { return in.TimeEntries[l[j]].Day }, e.Start, last)
			for _, j := range l[lo:hi] {
				if taken[j] {
					continue
				}
				taken[j] = true
				if in.TimeEntries[j].Activity.norm() == ActivityInterpretation {
					w.interp = append(w.interp, j)
				} else {
					w.mgmt = append(w.mgmt, j)
				}
			}
		}
		if err := b.episode(w); err != nil {
			return err
		}
	}

	for _, l := range days {
		for _, t := range l.taken {
			if !t {
				b.res.Unassigned.DataDays++
			}
		}
	}
	for i, t := range taken {
		if !t {
			b.res.Unassigned.TimeEntries++
			b.res.Unassigned.Minutes += in.TimeEntries[i].Minutes
		}
	}
	return nil
}

// dateSpan returns the index range [lo, hi) of the sorted dates at(0..n-1)
// that fall in [from, to].
func dateSpan(n int, at func(int) x12.Date, from, to x12.Date) (int, int) {
	lo := sort.Search(n, func(j int) bool { return !at(j).Before(from) })
	hi := sort.Search(n, func(j int) bool { return at(j).After(to) })
	return lo, max(lo, hi)
}

// periods calls fn for each period of an episode up to the as-of date:
// next returns the end of the period that starts on a given day.
func (b *biller) periods(e *Episode, first x12.Date, next func(start x12.Date) x12.Date, fn func(r x12.DateRange) error) error {
	for ps := first; !ps.After(b.asOf) && (e.End.IsZero() || !ps.After(e.End)); {
		pe := next(ps)
		if !e.End.IsZero() && e.End.Before(pe) {
			pe = e.End
		}
		from := ps
		if from.Before(e.Start) {
			from = e.Start
		}
		if from.After(b.asOf) {
			return nil
		}
		if err := fn(x12.DateRange{From: from, To: pe}); err != nil {
			return err
		}
		ps = next(ps).AddDays(1)
	}
	return nil
}

func monthStart(d x12.Date) x12.Date { return x12.NewDate(d.Year, d.Month, 1) }

func monthEnd(d x12.Date) x12.Date {
	return x12.DateOf(time.Date(d.Year, d.Month+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1))
}

func thirtyDays(d x12.Date) x12.Date { return d.AddDays(PeriodDays - 1) }

func (b *biller) episode(w *work) error {
	e := w.e
	if err := b.periods(e, e.Start, thirtyDays, func(r x12.DateRange) error { return b.device(w, r) }); err != nil {
		return err
	}
	if err := b.periods(e, monthStart(e.Start), monthEnd, func(r x12.DateRange) error { return b.management(w, r) }); err != nil {
		return err
	}
	if len(w.interp) == 0 {
		return nil
	}
	return b.periods(e, e.Start, thirtyDays, func(r x12.DateRange) error { return b.interpretation(w, r) })
}

// newStatus starts the status of one period.
func (b *biller) newStatus(e *Episode, kind PeriodKind, r x12.DateRange) *BillingStatus {
	return &BillingStatus{PatientID: e.PatientID, EpisodeID: e.ID, Program: e.Program, Kind: kind,
		Period: r, Closed: !b.asOf.Before(r.To), State: Pending}
}

// blocked returns the window of another episode of the patient that
// overlaps r, or nil.
func (b *biller) blocked(e *Episode, r x12.DateRange) *window {
	list := b.windows[e.PatientID]
	for i := range list {
		w := &list[i]
		if w.episode != e.ID && !w.r.To.Before(r.From) && !r.To.Before(w.r.From) {
			return w
		}
	}
	return nil
}

// finish records the period's window when it bills or still counts, and
// adds the status (and its charges) to the result unless the period ends
// before Options.Since.
func (b *biller) finish(e *Episode, st *BillingStatus, charges []claims.ChargeItem, counting bool) {
	if st.State == Billed || (st.State == Pending && counting) {
		b.windows[e.PatientID] = append(b.windows[e.PatientID], window{episode: e.ID, program: e.Program,
			rendering: e.RenderingProviderID, r: st.Period})
	}
	if st.Period.To.Before(b.opt.Since) {
		return
	}
	for _, c := range charges {
		st.Codes = append(st.Codes, c.Procedure.Code)
		st.ChargeItemIDs = append(st.ChargeItemIDs, c.ID)
	}
	b.res.Charges = append(b.res.Charges, charges...)
	b.res.Statuses = append(b.res.Statuses, *st)
}

// block marks st Blocked by w and reports whether it did.
func (b *biller) block(e *Episode, st *BillingStatus) bool {
	w := b.blocked(e, st.Period)
	if w == nil {
		return false
	}
	st.State = Blocked
	st.Problems = append(st.Problems, fmt.Sprintf("episode %s (%s, practitioner %s) bills this patient from %s to %s",
		w.episode, strings.ToUpper(string(w.program)), w.rendering, w.r.From, w.r.To))
	return true
}

func (b *biller) dos(r x12.DateRange, met x12.Date) x12.Date {
	if b.opt.Convention == ThresholdMet {
		return met
	}
	return r.To
}

// device handles one 30-day period: device supply and set-up.
func (b *biller) device(w *work, r x12.DateRange) error {
	e := w.e
	st := b.newStatus(e, DevicePeriod, r)
	lo, hi := dateSpan(len(w.days), func(j int) x12.Date { return w.days[j] }, r.From, r.To)
	days := w.days[lo:hi]
	n := len(days)
	st.DataDays = n
	if b.block(e, st) {
		b.finish(e, st, nil, false)
		return nil
	}
	long, okLong := b.cat.Find(e.Program, DeviceLong, e.Category, r.To)
	short, okShort := b.cat.Find(e.Program, DeviceShort, e.Category, r.To)
	var charges []claims.ChargeItem
	var billed *Code
	var dos x12.Date
	switch {
	case okLong && n >= long.MinDays:
		dos = b.dos(r, days[long.MinDays-1])
		if b.opt.Convention == EndOfPeriod && !st.Closed {
			st.Pending = append(st.Pending, fmt.Sprintf("%d of %d data days met: %s is billed at the end of the period on %s",
				n, long.MinDays, long.Code, r.To))
			break
		}
		if c, ok := b.cat.Find(e.Program, DeviceLong, e.Category, dos); ok {
			billed = &c
			st.Met = append(st.Met, fmt.Sprintf("%d data days (%d needed): %s on %s", n, c.MinDays, c.Code, dos))
		}
	case !st.Closed:
		left := b.asOf.DaysUntil(r.To)
		if okLong {
			msg := fmt.Sprintf("%d of %d data days for %s (%d days left in the period ending %s)", n, long.MinDays, long.Code, left, r.To)
			if n+left < long.MinDays {
				msg += "; no longer reachable"
			}
			st.Pending = append(st.Pending, msg)
		}
		if okShort {
			st.Pending = append(st.Pending, shortBand(n, short.Code, short.MinDays, short.MaxDays, "data days", "period"))
		}
		if !okLong && !okShort {
			st.Pending = append(st.Pending, fmt.Sprintf("%d data days; no device code valid on %s", n, r.To))
		}
	case okShort && n >= short.MinDays && n <= short.MaxDays:
		dos = b.dos(r, days[short.MinDays-1])
		if c, ok := b.cat.Find(e.Program, DeviceShort, e.Category, dos); ok {
			billed = &c
			st.Met = append(st.Met, fmt.Sprintf("%d data days (%d-%d): %s on %s", n, c.MinDays, c.MaxDays, c.Code, dos))
		}
	default:
		st.State = NotBillable
		switch {
		case okShort:
			st.Problems = append(st.Problems, fmt.Sprintf("%d of %d data days: no device code", n, short.MinDays))
		case okLong:
			st.Problems = append(st.Problems, fmt.Sprintf("%d of %d data days: no device code (no 2-15 day code is valid on %s)", n, long.MinDays, r.To))
		default:
			st.Problems = append(st.Problems, fmt.Sprintf("%d data days: no device code valid on %s", n, r.To))
		}
	}
	if billed != nil {
		c, err := b.charge(e, billed, r.From, dos, 1, "", claims.TelecareAsync)
		if err != nil {
			return err
		}
		charges = append(charges, c)
		st.State = Billed
	}
	if !w.setup {
		switch {
		case billed != nil && n >= b.opt.SetupMinDays:
			if c, ok := b.cat.Find(e.Program, Setup, "", dos); ok {
				ch, err := b.charge(e, &c, x12.Date{}, dos, 1, "", claims.TelecareNone)
				if err != nil {
					return err
				}
				charges = append(charges, ch)
				w.setup = true
				st.Met = append(st.Met, fmt.Sprintf("set-up %s on %s", c.Code, dos))
			}
		case st.State != NotBillable:
			if c, ok := b.cat.Find(e.Program, Setup, "", r.To); ok {
				st.Pending = append(st.Pending, fmt.Sprintf("%d of %d data days for set-up %s", n, b.opt.SetupMinDays, c.Code))
			}
		}
	}
	b.finish(e, st, charges, n > 0)
	return nil
}

// minuteLog is the time entries of one period in day order.
type minuteLog struct {
	in      *Input
	entries []int
}

// total returns the minutes and the first day with an interactive
// communication (zero if none).
func (m minuteLog) total() (int, x12.Date) {
	var total int
	var inter x12.Date
	for _, i := range m.entries {
		t := &m.in.TimeEntries[i]
		total += t.Minutes
		if t.Interactive && inter.IsZero() {
			inter = t.Day
		}
	}
	return total, inter
}

// reached returns the day the minutes reached need, no earlier than
// after (the interactive communication), or the zero Date.
func (m minuteLog) reached(need int, after x12.Date) x12.Date {
	sum := 0
	for _, i := range m.entries {
		t := &m.in.TimeEntries[i]
		sum += t.Minutes
		if sum >= need {
			if t.Day.Before(after) {
				return after
			}
			return t.Day
		}
	}
	return x12.Date{}
}

// practitioner returns who logged the most minutes (the lower ID on a tie).
func (m minuteLog) practitioner() string {
	by := map[string]int{}
	best := ""
	for _, i := range m.entries {
		t := &m.in.TimeEntries[i]
		by[t.PractitionerID] += t.Minutes
	}
	for id, v := range by {
		if best == "" || v > by[best] || (v == by[best] && id < best) {
			best = id
		}
	}
	return best
}

func (w *work) span(list []int, in *Input, r x12.DateRange) minuteLog {
	lo, hi := dateSpan(len(list), func(j int) x12.Date { return in.TimeEntries[list[j]].Day }, r.From, r.To)
	return minuteLog{in: in, entries: list[lo:hi]}
}

// management handles one calendar month of treatment management time.
func (b *biller) management(w *work, r x12.DateRange) error {
	e := w.e
	st := b.newStatus(e, ManagementPeriod, r)
	log := w.span(w.mgmt, b.in, r)
	minutes, inter := log.total()
	st.Minutes, st.Interactive = minutes, !inter.IsZero()
	if b.block(e, st) {
		b.finish(e, st, nil, false)
		return nil
	}
	first, okFirst := b.cat.Find(e.Program, ManagementFirst, "", r.To)
	short, okShort := b.cat.Find(e.Program, ManagementShort, "", r.To)
	var add Code
	okAdd := false
	if okFirst {
		for _, c := range b.cat.codes {
			if c.Kind == ManagementAdditional && c.Parent == first.Code && c.ValidOn(r.To) {
				add, okAdd = c, true
				break
			}
		}
	}
	noInteraction := func() {
		msg := "no interactive communication logged this month"
		if st.Closed {
			st.State = NotBillable
			st.Problems = append(st.Problems, msg)
		} else {
			st.Pending = append(st.Pending, msg)
		}
	}
	practitioner := log.practitioner()
	var charges []claims.ChargeItem
	bill := func(c Code, periodStart, dos x12.Date, units int) error {
		ch, err := b.charge(e, &c, periodStart, dos, units, practitioner, claims.TelecareNone)
		if err == nil {
			charges = append(charges, ch)
			st.State = Billed
		}
		return err
	}
	switch {
	case okFirst && minutes >= first.MinMinutes:
		if inter.IsZero() {
			st.Met = append(st.Met, fmt.Sprintf("%d of %d minutes for %s", minutes, first.MinMinutes, first.Code))
			noInteraction()
			break
		}
		met := log.reached(first.MinMinutes, inter)
		dos := b.dos(r, met)
		if b.opt.Convention == EndOfPeriod && !st.Closed {
			st.Pending = append(st.Pending, fmt.Sprintf("%d of %d minutes met: %s is billed at the end of the month on %s",
				minutes, first.MinMinutes, first.Code, r.To))
		} else if c, ok := b.cat.Find(e.Program, ManagementFirst, "", dos); ok {
			st.Met = append(st.Met, fmt.Sprintf("%d minutes (%d needed) with an interactive communication: %s on %s", minutes, c.MinMinutes, c.Code, dos))
			if err := bill(c, r.From, dos, 1); err != nil {
				return err
			}
		}
		if !okAdd {
			break
		}
		units := (minutes - first.MinMinutes) / add.MinMinutes
		rest := (minutes - first.MinMinutes) % add.MinMinutes
		if !st.Closed {
			st.Pending = append(st.Pending, fmt.Sprintf("%d of %d minutes toward the next %s (%s so far; billed at the end of the month)",
				rest, add.MinMinutes, add.Code, blocks(units, add.MinMinutes)))
			break
		}
		if units > 0 {
			dos := b.dos(r, log.reached(first.MinMinutes+units*add.MinMinutes, inter))
			st.Met = append(st.Met, fmt.Sprintf("%s more: %s x%d on %s", blocks(units, add.MinMinutes), add.Code, units, dos))
			if err := bill(add, r.From, dos, units); err != nil {
				return err
			}
		}
	case !st.Closed:
		if okFirst {
			st.Pending = append(st.Pending, fmt.Sprintf("%d of %d minutes for %s", minutes, first.MinMinutes, first.Code))
		}
		if okShort {
			st.Pending = append(st.Pending, shortBand(minutes, short.Code, short.MinMinutes, short.MaxMinutes, "minutes", "month"))
		}
		if !okFirst && !okShort {
			st.Pending = append(st.Pending, fmt.Sprintf("%d minutes; no management code valid on %s", minutes, r.To))
		}
		if inter.IsZero() {
			noInteraction()
		}
	case okShort && minutes >= short.MinMinutes && (short.MaxMinutes == 0 || minutes <= short.MaxMinutes):
		if inter.IsZero() {
			noInteraction()
			break
		}
		dos := b.dos(r, log.reached(short.MinMinutes, inter))
		if c, ok := b.cat.Find(e.Program, ManagementShort, "", dos); ok {
			st.Met = append(st.Met, fmt.Sprintf("%d minutes (%d-%d) with an interactive communication: %s on %s", minutes, c.MinMinutes, c.MaxMinutes, c.Code, dos))
			if err := bill(c, r.From, dos, 1); err != nil {
				return err
			}
		}
	default:
		st.State = NotBillable
		switch {
		case okShort:
			st.Problems = append(st.Problems, fmt.Sprintf("%d of %d minutes: no management code", minutes, short.MinMinutes))
		case okFirst:
			st.Problems = append(st.Problems, fmt.Sprintf("%d of %d minutes: no management code (no 10-minute code is valid on %s)", minutes, first.MinMinutes, r.To))
		default:
			st.Problems = append(st.Problems, fmt.Sprintf("%d minutes: no management code valid on %s", minutes, r.To))
		}
		if minutes > 0 && inter.IsZero() {
			st.Problems = append(st.Problems, "no interactive communication logged this month")
		}
	}
	bp := billedPeriod{r: r, open: !st.Closed && minutes > 0}
	for _, c := range charges {
		bp.codes = append(bp.codes, c.Procedure.Code)
	}
	w.billedM = append(w.billedM, bp)
	b.finish(e, st, charges, minutes > 0)
	return nil
}

// interpretation handles one 30-day period of 99091 time.
func (b *biller) interpretation(w *work, r x12.DateRange) error {
	e := w.e
	log := w.span(w.interp, b.in, r)
	minutes, _ := log.total()
	if minutes == 0 {
		return nil
	}
	st := b.newStatus(e, InterpretationPeriod, r)
	st.Minutes = minutes
	if b.block(e, st) {
		b.finish(e, st, nil, false)
		return nil
	}
	code, ok := b.cat.Find(e.Program, Interpretation, "", r.To)
	if !ok {
		st.State = NotBillable
		st.Problems = append(st.Problems, fmt.Sprintf("%d minutes: no interpretation code valid on %s", minutes, r.To))
		b.finish(e, st, nil, false)
		return nil
	}
	for _, m := range w.billedM {
		if m.r.To.Before(r.From) || r.To.Before(m.r.From) {
			continue
		}
		for _, c := range m.codes {
			if b.cat.Excluded(code.Code, c) {
				st.State = NotBillable
				st.Problems = append(st.Problems, fmt.Sprintf("%s is not billed with %s (month from %s)", code.Code, c, m.r.From))
			}
		}
		if m.open {
			st.Pending = append(st.Pending, fmt.Sprintf("%s waits for the management time of the month from %s", code.Code, m.r.From))
		}
	}
	if st.State == NotBillable {
		st.Pending = nil
		b.finish(e, st, nil, false)
		return nil
	}
	var charges []claims.ChargeItem
	switch {
	case minutes < code.MinMinutes && st.Closed:
		st.State = NotBillable
		st.Problems = append(st.Problems, fmt.Sprintf("%d of %d minutes: no %s", minutes, code.MinMinutes, code.Code))
	case minutes < code.MinMinutes:
		st.Pending = append(st.Pending, fmt.Sprintf("%d of %d minutes for %s", minutes, code.MinMinutes, code.Code))
	case len(st.Pending) > 0:
	case b.opt.Convention == EndOfPeriod && !st.Closed:
		st.Pending = append(st.Pending, fmt.Sprintf("%d of %d minutes met: %s is billed at the end of the period on %s",
			minutes, code.MinMinutes, code.Code, r.To))
	default:
		dos := b.dos(r, log.reached(code.MinMinutes, x12.Date{}))
		st.Met = append(st.Met, fmt.Sprintf("%d minutes (%d needed): %s on %s", minutes, code.MinMinutes, code.Code, dos))
		c, err := b.charge(e, &code, r.From, dos, 1, log.practitioner(), claims.TelecareNone)
		if err != nil {
			return err
		}
		charges = append(charges, c)
		st.State = Billed
	}
	b.finish(e, st, charges, true)
	return nil
}

// charge makes the charge item for units of code on dos. Its ID is the
// episode ID, the period start (none for set-up) and the code, so a later
// run makes the same ID for the same charge.
func (b *biller) charge(e *Episode, c *Code, periodStart, dos x12.Date, units int, practitioner string, tc claims.Telecare) (claims.ChargeItem, error) {
	fee, ok := b.in.Fees[c.Code]
	if !ok {
		return claims.ChargeItem{}, fmt.Errorf("%w: %s", ErrNoFee, c.Code)
	}
	id := e.ID + "-" + c.Code
	if !periodStart.IsZero() {
		id = e.ID + "-" + periodStart.D8() + "-" + c.Code
	}
	pos := e.PlaceOfService
	if pos == "" {
		pos = b.opt.PlaceOfService
	}
	u := decimal.NewFromInt(int64(units))
	return claims.ChargeItem{
		ID:                  id,
		Name:                c.Name,
		EncounterID:         e.ID,
		PatientID:           e.PatientID,
		CoverageID:          e.CoverageID,
		BillingProviderID:   e.BillingProviderID,
		RenderingProviderID: e.RenderingProviderID,
		PractitionerID:      practitioner,
		Start:               dos.Time(),
		End:                 dos.Time(),
		Procedure:           claims.Procedure{Code: c.Code},
		Units:               u,
		UnitType:            claims.Units,
		Charge:              fee.Mul(u),
		PlaceOfService:      pos,
		Telecare:            tc,
		Diagnoses:           slices.Clone(e.Diagnoses),
		BusinessUnit:        e.BusinessUnit,
		Status:              claims.ItemNew,
	}, nil
}

// blocks says "1 full 20-minute block" or "2 full 20-minute blocks".
func blocks(n, size int) string {
	if n == 1 {
		return fmt.Sprintf("1 full %d-minute block", size)
	}
	return fmt.Sprintf("%d full %d-minute blocks", n, size)
}

// shortBand says where an open period stands against a short-band code
// (2-15 data days, 10-19 minutes), which is decided only when the period
// ends.
func shortBand(n int, code string, lo, hi int, unit, period string) string {
	if n < lo {
		return fmt.Sprintf("%d of %d %s for %s", n, lo, unit, code)
	}
	return fmt.Sprintf("%d %s meet %s (%d-%d %s), billed at the end of the %s if it stays below %d", n, unit, code, lo, hi, unit, period, hi+1)
}
