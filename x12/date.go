package x12

import (
	"errors"
	"fmt"
	"time"
)

// ErrBadDate reports a date or time element that is not in its X12 form.
var ErrBadDate = errors.New("x12: bad date or time")

// Date is a calendar date with no time zone: a service date is the same
// day everywhere. The zero Date is "no date" (see IsZero).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date for year, month and day. It does not normalise:
// use ParseD8 or Valid to check a date from input.
func NewDate(year int, month time.Month, day int) Date {
	return Date{Year: year, Month: month, Day: day}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real day of the Gregorian calendar
// between the years 1 and 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// Time returns midnight UTC at the start of d, for date arithmetic only.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of days from d to e (negative if e is
// before d). Both should be valid dates.
func (d Date) DaysUntil(e Date) int { return e.days() - d.days() }

// days returns the day number of d in the proleptic Gregorian calendar
// (1970-01-01 is 0).
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String formats d as YYYY-MM-DD, the form used in JSON; the zero Date is "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// D8 formats d as CCYYMMDD.
func (d Date) D8() string { return string(d.AppendD8(nil)) }

// AppendD8 appends d as CCYYMMDD to b.
func (d Date) AppendD8(b []byte) []byte {
	b = appendDigits(b, d.Year, 4)
	b = appendDigits(b, int(d.Month), 2)
	return appendDigits(b, d.Day, 2)
}

func appendDigits(b []byte, v, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v > 0 || width > 0 {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	return append(b, tmp[i:]...)
}

// MarshalText formats d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrBadDate, b)
	}
	v, err := ParseD8(append(append(append([]byte(nil), b[:4]...), b[5:7]...), b[8:]...))
	if err != nil {
		return fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrBadDate, b)
	}
	*d = v
	return nil
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	var d Date
	err := d.UnmarshalText([]byte(s))
	if err == nil && d.IsZero() {
		err = fmt.Errorf("%w: empty date", ErrBadDate)
	}
	return d, err
}

func digits(b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// ParseD8 parses a CCYYMMDD date (X12 DT of length 8, qualifier D8).
func ParseD8(b []byte) (Date, error) {
	if len(b) != 8 {
		return Date{}, fmt.Errorf("%w: %q is not CCYYMMDD", ErrBadDate, b)
	}
	y, ok1 := digits(b[:4])
	m, ok2 := digits(b[4:6])
	dd, ok3 := digits(b[6:])
	d := Date{Year: y, Month: time.Month(m), Day: dd}
	if !ok1 || !ok2 || !ok3 || !d.Valid() {
		return Date{}, fmt.Errorf("%w: %q is not CCYYMMDD", ErrBadDate, b)
	}
	return d, nil
}

// ISA09 two-digit years: 00 through PivotYY-1 are 20YY, PivotYY through 99
// are 19YY. The interchange date is the date the file was made, so a
// window anchored at 1950 covers every file this library will see.
const PivotYY = 50

// ParseYYMMDD parses the six-digit ISA09 date. Years below PivotYY are in
// the 2000s, the rest in the 1900s.
func ParseYYMMDD(b []byte) (Date, error) {
	if len(b) != 6 {
		return Date{}, fmt.Errorf("%w: %q is not YYMMDD", ErrBadDate, b)
	}
	yy, ok := digits(b[:2])
	if !ok {
		return Date{}, fmt.Errorf("%w: %q is not YYMMDD", ErrBadDate, b)
	}
	if yy < PivotYY {
		yy += 2000
	} else {
		yy += 1900
	}
	full := appendDigits(nil, yy, 4)
	d, err := ParseD8(append(full, b[2:]...))
	if err != nil {
		return Date{}, fmt.Errorf("%w: %q is not YYMMDD", ErrBadDate, b)
	}
	return d, nil
}

// YYMMDD formats d as the six-digit ISA09 date.
func (d Date) YYMMDD() string {
	b := appendDigits(nil, d.Year%100, 2)
	b = appendDigits(b, int(d.Month), 2)
	return string(appendDigits(b, d.Day, 2))
}

// DateRange is an inclusive range of dates (RD8). A single date has
// From == To.
type DateRange struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// ParseRD8 parses CCYYMMDD-CCYYMMDD. The end may not be before the start.
func ParseRD8(b []byte) (DateRange, error) {
	if len(b) != 17 || b[8] != '-' {
		return DateRange{}, fmt.Errorf("%w: %q is not CCYYMMDD-CCYYMMDD", ErrBadDate, b)
	}
	from, err1 := ParseD8(b[:8])
	to, err2 := ParseD8(b[9:])
	if err1 != nil || err2 != nil || to.Before(from) {
		return DateRange{}, fmt.Errorf("%w: %q is not CCYYMMDD-CCYYMMDD", ErrBadDate, b)
	}
	return DateRange{From: from, To: to}, nil
}

// RD8 formats r as CCYYMMDD-CCYYMMDD.
func (r DateRange) RD8() string {
	b := r.From.AppendD8(nil)
	b = append(b, '-')
	return string(r.To.AppendD8(b))
}

// TimeOfDay is an X12 TM value: HHMM with optional seconds and decimal
// seconds (hundredths). It has no date and no zone.
type TimeOfDay struct {
	Hour, Minute, Second int
	// Hundredths holds decimal seconds DD (0-99) when the source had them.
	Hundredths int
	// Precision is the number of digits in the source: 4, 6, 7 or 8.
	Precision int
}

// ParseTM parses HHMM, HHMMSS, HHMMSSD or HHMMSSDD.
func ParseTM(b []byte) (TimeOfDay, error) {
	bad := fmt.Errorf("%w: %q is not HHMM[SS[D[D]]]", ErrBadDate, b)
	switch len(b) {
	case 4, 6, 7, 8:
	default:
		return TimeOfDay{}, bad
	}
	if _, ok := digits(b); !ok {
		return TimeOfDay{}, bad
	}
	t := TimeOfDay{Precision: len(b)}
	t.Hour, _ = digits(b[:2])
	t.Minute, _ = digits(b[2:4])
	if len(b) >= 6 {
		t.Second, _ = digits(b[4:6])
	}
	if len(b) == 7 {
		v, _ := digits(b[6:7])
		t.Hundredths = v * 10
	} else if len(b) == 8 {
		t.Hundredths, _ = digits(b[6:8])
	}
	if t.Hour > 23 || t.Minute > 59 || t.Second > 59 {
		return TimeOfDay{}, bad
	}
	return t, nil
}

// String formats t with the precision it was parsed with (HHMM by default).
func (t TimeOfDay) String() string {
	b := appendDigits(nil, t.Hour, 2)
	b = appendDigits(b, t.Minute, 2)
	switch t.Precision {
	case 6:
		b = appendDigits(b, t.Second, 2)
	case 7:
		b = appendDigits(b, t.Second, 2)
		b = appendDigits(b, t.Hundredths/10, 1)
	case 8:
		b = appendDigits(b, t.Second, 2)
		b = appendDigits(b, t.Hundredths, 2)
	}
	return string(b)
}

// ParseN0 parses an X12 N0 (integer) element: an optional minus sign and
// digits. Leading zeros are accepted.
func ParseN0(b []byte) (int64, error) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, fmt.Errorf("%w: %q is not an integer", ErrBadNumber, b)
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w: %q is not an integer", ErrBadNumber, b)
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, nil
}
