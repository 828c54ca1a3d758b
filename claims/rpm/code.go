package rpm

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimkit/claimkit/x12"
)

// Program is remote physiologic monitoring (RPM) or remote therapeutic
// monitoring (RTM).
type Program string

// Programs.
const (
	RPM Program = "rpm"
	RTM Program = "rtm"
)

// Valid reports whether p is RPM or RTM.
func (p Program) Valid() bool { return p == RPM || p == RTM }

// Category is the kind of data an RTM device collects; its device supply
// codes differ by category. RPM has no category (the empty value).
type Category string

// RTM categories.
const (
	Respiratory     Category = "respiratory"
	Musculoskeletal Category = "musculoskeletal"
	CBT             Category = "cbt" // cognitive behavioural therapy
)

// Valid reports whether c is a known RTM category.
func (c Category) Valid() bool { return c == Respiratory || c == Musculoskeletal || c == CBT }

// Kind is what a code pays for.
type Kind string

// Code kinds.
const (
	// Setup: initial set-up and patient education, once per episode.
	Setup Kind = "setup"
	// DeviceLong: device supply with data on 16-30 days of a 30-day period.
	DeviceLong Kind = "device_long"
	// DeviceShort: device supply with data on 2-15 days of a 30-day period.
	DeviceShort Kind = "device_short"
	// ManagementFirst: the first 20 minutes of treatment management in a
	// calendar month.
	ManagementFirst Kind = "management_first"
	// ManagementAdditional: each further full 20 minutes (an add-on).
	ManagementAdditional Kind = "management_additional"
	// ManagementShort: 10-19 minutes of treatment management in a month,
	// only when no first-20-minutes code is billed.
	ManagementShort Kind = "management_short"
	// Interpretation: collection and interpretation of data by a physician
	// or qualified professional, 30 minutes or more in 30 days.
	Interpretation Kind = "interpretation"
)

// Code is one RPM or RTM procedure code of a Catalogue. Thresholds are in
// data days (device kinds) or minutes (management and interpretation).
type Code struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Program  Program  `json:"program"`
	Category Category `json:"category,omitempty"`
	Kind     Kind     `json:"kind"`
	// MinDays and MaxDays bound the distinct data days of a device period
	// (16-30 or 2-15); SetupMinDays for set-up is set in Options.
	MinDays int `json:"min_days,omitempty"`
	MaxDays int `json:"max_days,omitempty"`
	// MinMinutes is the time a management or interpretation code needs
	// (for an add-on: the size of each block); MaxMinutes the most the
	// band allows (19 for the 10-minute codes), 0 for no limit.
	MinMinutes int `json:"min_minutes,omitempty"`
	MaxMinutes int `json:"max_minutes,omitempty"`
	// Interactive says the month needs at least one real-time interactive
	// communication with the patient or caregiver.
	Interactive bool `json:"interactive,omitempty"`
	// Parent is the primary code an add-on needs in the same month.
	Parent string `json:"parent,omitempty"`
	// Excludes are codes that may not be billed with this one in the same
	// period (short and long variants, 99091 with management).
	Excludes []string `json:"excludes,omitempty"`
	// ValidFrom is the first date of service the code exists for; ValidTo
	// the last (zero: still valid).
	ValidFrom x12.Date `json:"valid_from"`
	ValidTo   x12.Date `json:"valid_to,omitzero"`
}

// ValidOn reports whether the code exists on date of service d.
func (c *Code) ValidOn(d x12.Date) bool {
	return !d.Before(c.ValidFrom) && (c.ValidTo.IsZero() || !d.After(c.ValidTo))
}

// IsDevice reports whether c is a device supply code.
func (c *Code) IsDevice() bool { return c.Kind == DeviceLong || c.Kind == DeviceShort }

// IsManagement reports whether c is a treatment management code.
func (c *Code) IsManagement() bool {
	return c.Kind == ManagementFirst || c.Kind == ManagementAdditional || c.Kind == ManagementShort
}

// Catalogue is an immutable, dated list of RPM and RTM codes. The zero
// value is empty; DefaultCatalogue gives the 2026 Medicare code set.
type Catalogue struct {
	codes []Code
}

// NewCatalogue checks codes and returns them as a catalogue. Each code
// appears once, has a known program and kind, device and management
// codes have thresholds, an RTM device code has a category, add-on
// parents and exclusions name codes of the catalogue, and ValidFrom is
// a real date.
func NewCatalogue(codes []Code) (Catalogue, error) {
	c := Catalogue{codes: make([]Code, len(codes))}
	for i, v := range codes {
		v.Excludes = slices.Clone(v.Excludes)
		c.codes[i] = v
	}
	for i := range c.codes {
		v := &c.codes[i]
		fail := func(msg string) (Catalogue, error) {
			return Catalogue{}, fmt.Errorf("%w: code %q: %s", ErrCatalogue, v.Code, msg)
		}
		switch {
		case v.Code == "":
			return fail("empty code")
		case slices.ContainsFunc(c.codes[:i], func(o Code) bool { return o.Code == v.Code }):
			return fail("listed twice")
		case !v.Program.Valid():
			return fail("unknown program " + string(v.Program))
		case !v.ValidFrom.Valid():
			return fail("valid_from is not a date")
		case !v.ValidTo.IsZero() && v.ValidTo.Before(v.ValidFrom):
			return fail("valid_to is before valid_from")
		}
		switch v.Kind {
		case Setup:
		case DeviceLong, DeviceShort:
			if v.MinDays < 1 || v.MaxDays < v.MinDays || v.MaxDays > PeriodDays {
				return fail("device codes need 1 <= min_days <= max_days <= 30")
			}
			if v.Program == RTM && !v.Category.Valid() {
				return fail("an RTM device code needs a category")
			}
		case ManagementFirst, ManagementAdditional, ManagementShort, Interpretation:
			if v.MinMinutes < 1 || (v.MaxMinutes != 0 && v.MaxMinutes < v.MinMinutes) {
				return fail("time codes need 1 <= min_minutes <= max_minutes")
			}
		default:
			return fail("unknown kind " + string(v.Kind))
		}
		if v.Kind == ManagementAdditional {
			p, ok := c.Lookup(v.Parent)
			if !ok || p.Kind != ManagementFirst || p.Program != v.Program {
				return fail("an add-on needs a first-20-minutes parent of its program")
			}
		}
		for _, x := range v.Excludes {
			if _, ok := c.Lookup(x); !ok {
				return fail("excludes unknown code " + x)
			}
		}
	}
	return c, nil
}

// Lookup returns the code, or false when the catalogue does not have it.
func (c Catalogue) Lookup(code string) (Code, bool) {
	for _, v := range c.codes {
		if v.Code == code {
			return v, true
		}
	}
	return Code{}, false
}

// Codes returns a copy of the catalogue's codes in their order.
func (c Catalogue) Codes() []Code {
	out := make([]Code, len(c.codes))
	for i, v := range c.codes {
		v.Excludes = slices.Clone(v.Excludes)
		out[i] = v
	}
	return out
}

// Find returns the code of program p and kind k (and, for RTM device
// codes, category cat) valid on d, or false.
func (c Catalogue) Find(p Program, k Kind, cat Category, d x12.Date) (Code, bool) {
	for _, v := range c.codes {
		if v.Program != p || v.Kind != k || !v.ValidOn(d) {
			continue
		}
		if v.Program == RTM && v.IsDevice() && v.Category != cat {
			continue
		}
		return v, true
	}
	return Code{}, false
}

// Excluded reports whether a and b may not be billed in the same period:
// either lists the other in Excludes.
func (c Catalogue) Excluded(a, b string) bool {
	x, okx := c.Lookup(a)
	y, oky := c.Lookup(b)
	return (okx && slices.Contains(x.Excludes, b)) || (oky && slices.Contains(y.Excludes, a))
}

// Thresholds of the 2026 code set.
const (
	// PeriodDays is the length of a device supply period.
	PeriodDays = 30
	// LongMinDays is the data days a 16-30 day device code needs.
	LongMinDays = 16
	// ShortMinDays is the data days a 2-15 day device code needs.
	ShortMinDays = 2
	// BlockMinutes is the first management block and each additional one.
	BlockMinutes = 20
	// ShortMinutes is the time the 10-19 minute management codes need.
	ShortMinutes = 10
	// InterpretationMinutes is the time 99091 needs in 30 days.
	InterpretationMinutes = 30
)

func date(y int, m time.Month, d int) x12.Date { return x12.NewDate(y, m, d) }

// DefaultCatalogue returns the Medicare RPM and RTM code set in force in
// 2026, with the date each code became valid: 99091 (2018), 99453,
// 99454 and 99457 (2019), 99458 (2020), RTM 98975-98977, 98980 and
// 98981 (2022), 98978 (2023), and the 2026 codes 99445, 99470, 98979 and
// 98984-98986.
func DefaultCatalogue() Catalogue {
	y2026 := date(2026, time.January, 1)
	long := func(code, name string, p Program, cat Category, from x12.Date, short string) Code {
		return Code{Code: code, Name: name, Program: p, Category: cat, Kind: DeviceLong,
			MinDays: LongMinDays, MaxDays: PeriodDays, Excludes: []string{short}, ValidFrom: from}
	}
	short := func(code, name string, p Program, cat Category, long string) Code {
		return Code{Code: code, Name: name, Program: p, Category: cat, Kind: DeviceShort,
			MinDays: ShortMinDays, MaxDays: LongMinDays - 1, Excludes: []string{long}, ValidFrom: y2026}
	}
	first := func(code, name string, p Program, from x12.Date, short string) Code {
		return Code{Code: code, Name: name, Program: p, Kind: ManagementFirst, MinMinutes: BlockMinutes,
			Interactive: true, Excludes: []string{short}, ValidFrom: from}
	}
	add := func(code, name string, p Program, parent string, from x12.Date) Code {
		return Code{Code: code, Name: name, Program: p, Kind: ManagementAdditional, MinMinutes: BlockMinutes,
			Interactive: true, Parent: parent, ValidFrom: from}
	}
	tenMin := func(code, name string, p Program, first string) Code {
		return Code{Code: code, Name: name, Program: p, Kind: ManagementShort, MinMinutes: ShortMinutes,
			MaxMinutes: BlockMinutes - 1, Interactive: true, Excludes: []string{first}, ValidFrom: y2026}
	}
	c, err := NewCatalogue([]Code{
		{Code: "99453", Name: "RPM set-up and patient education", Program: RPM, Kind: Setup, ValidFrom: date(2019, time.January, 1)},
		long("99454", "RPM device supply, 16-30 days", RPM, "", date(2019, time.January, 1), "99445"),
		short("99445", "RPM device supply, 2-15 days", RPM, "", "99454"),
		first("99457", "RPM treatment management, first 20 minutes", RPM, date(2019, time.January, 1), "99470"),
		add("99458", "RPM treatment management, each additional 20 minutes", RPM, "99457", date(2020, time.January, 1)),
		tenMin("99470", "RPM treatment management, first 10 minutes", RPM, "99457"),
		{Code: "99091", Name: "RPM data collection and interpretation, 30 minutes", Program: RPM, Kind: Interpretation,
			MinMinutes: InterpretationMinutes, Excludes: []string{"99457", "99458", "99470"}, ValidFrom: date(2018, time.January, 1)},
		{Code: "98975", Name: "RTM set-up and patient education", Program: RTM, Kind: Setup, ValidFrom: date(2022, time.January, 1)},
		long("98976", "RTM device supply, respiratory, 16-30 days", RTM, Respiratory, date(2022, time.January, 1), "98984"),
		long("98977", "RTM device supply, musculoskeletal, 16-30 days", RTM, Musculoskeletal, date(2022, time.January, 1), "98985"),
		long("98978", "RTM device supply, CBT, 16-30 days", RTM, CBT, date(2023, time.January, 1), "98986"),
		short("98984", "RTM device supply, respiratory, 2-15 days", RTM, Respiratory, "98976"),
		short("98985", "RTM device supply, musculoskeletal, 2-15 days", RTM, Musculoskeletal, "98977"),
		short("98986", "RTM device supply, CBT, 2-15 days", RTM, CBT, "98978"),
		first("98980", "RTM treatment management, first 20 minutes", RTM, date(2022, time.January, 1), "98979"),
		add("98981", "RTM treatment management, each additional 20 minutes", RTM, "98980", date(2022, time.January, 1)),
		tenMin("98979", "RTM treatment management, first 10 minutes", RTM, "98980"),
	})
	if err != nil {
		panic(err) // the table above is fixed: a failure is a programming error
	}
	return c
}
