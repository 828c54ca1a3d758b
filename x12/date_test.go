package x12_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/claimkit/claimkit/x12"
)

func TestParseD8(t *testing.T) {
	t.Parallel()
	valid := map[string]x12.Date{
		"20260115": x12.NewDate(2026, time.January, 15),
		"20240229": x12.NewDate(2024, time.February, 29), // leap year
		"20000229": x12.NewDate(2000, time.February, 29), // divisible by 400
		"19991231": x12.NewDate(1999, time.December, 31),
		"00010101": x12.NewDate(1, time.January, 1),
		"99991231": x12.NewDate(9999, time.December, 31),
	}
	for in, want := range valid {
		got, err := x12.ParseD8([]byte(in))
		if err != nil || got != want {
			t.Errorf("ParseD8(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.D8() != in {
			t.Errorf("D8() = %q, want %q", got.D8(), in)
		}
	}
	invalid := []string{
		"20250229", // not a leap year
		"19000229", // divisible by 100, not 400
		"20260230", "20260431", "20261301", "20260001", "20260100", "20260132",
		"00000000", "2026011", "202601150", "2026O115", "2026-01-", "-2026011", "", "20002316",
	}
	for _, in := range invalid {
		if d, err := x12.ParseD8([]byte(in)); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("ParseD8(%q) = %v, %v; want ErrBadDate", in, d, err)
		}
	}
}

func TestParseRD8(t *testing.T) {
	t.Parallel()
	valid := map[string]x12.DateRange{
		"20260101-20260131": {From: x12.NewDate(2026, 1, 1), To: x12.NewDate(2026, 1, 31)},
		"20260115-20260115": {From: x12.NewDate(2026, 1, 15), To: x12.NewDate(2026, 1, 15)},
		"20241231-20250101": {From: x12.NewDate(2024, 12, 31), To: x12.NewDate(2025, 1, 1)},
	}
	for in, want := range valid {
		got, err := x12.ParseRD8([]byte(in))
		if err != nil || got != want {
			t.Errorf("ParseRD8(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.RD8() != in {
			t.Errorf("RD8() = %q", got.RD8())
		}
	}
	for _, in := range []string{"20260131-20260101", "20260101*20260131", "20260101-2026013", "20260101", "20250229-20250301", "20260101-20260229", ""} {
		if _, err := x12.ParseRD8([]byte(in)); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("ParseRD8(%q): %v, want ErrBadDate", in, err)
		}
	}
}

// TestParseYYMMDD: ISA09 years 00-49 are 20YY, 50-99 are 19YY.
func TestParseYYMMDD(t *testing.T) {
	t.Parallel()
	valid := map[string]x12.Date{
		"260115": x12.NewDate(2026, 1, 15),
		"000101": x12.NewDate(2000, 1, 1),
		"491231": x12.NewDate(2049, 12, 31), // last year of the 2000s window
		"500101": x12.NewDate(1950, 1, 1),   // first year of the 1900s window
		"991231": x12.NewDate(1999, 12, 31),
		"000229": x12.NewDate(2000, 2, 29),
		"960229": x12.NewDate(1996, 2, 29),
	}
	for in, want := range valid {
		got, err := x12.ParseYYMMDD([]byte(in))
		if err != nil || got != want {
			t.Errorf("ParseYYMMDD(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.YYMMDD() != in {
			t.Errorf("YYMMDD() = %q, want %q", got.YYMMDD(), in)
		}
	}
	for _, in := range []string{"010229", "250229", "261315", "260132", "2601", "20260115", "ab0101", "26011a", ""} {
		if _, err := x12.ParseYYMMDD([]byte(in)); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("ParseYYMMDD(%q): %v, want ErrBadDate", in, err)
		}
	}
	if x12.PivotYY != 50 {
		t.Errorf("PivotYY = %d; the window above is tested for 50", x12.PivotYY)
	}
}

func TestParseTM(t *testing.T) {
	t.Parallel()
	valid := map[string]x12.TimeOfDay{
		"1253":     {Hour: 12, Minute: 53, Precision: 4},
		"0000":     {Precision: 4},
		"2359":     {Hour: 23, Minute: 59, Precision: 4},
		"235959":   {Hour: 23, Minute: 59, Second: 59, Precision: 6},
		"1253301":  {Hour: 12, Minute: 53, Second: 30, Hundredths: 10, Precision: 7},
		"12533012": {Hour: 12, Minute: 53, Second: 30, Hundredths: 12, Precision: 8},
	}
	for in, want := range valid {
		got, err := x12.ParseTM([]byte(in))
		if err != nil || got != want {
			t.Errorf("ParseTM(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("String() = %q, want %q", got.String(), in)
		}
	}
	for _, in := range []string{"2400", "1260", "125360", "125", "12530", "123456789", "12a3", "-125", ""} {
		if _, err := x12.ParseTM([]byte(in)); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("ParseTM(%q): %v, want ErrBadDate", in, err)
		}
	}
	if got := (x12.TimeOfDay{Hour: 9, Minute: 5}).String(); got != "0905" {
		t.Errorf("zero precision formats as %q, want 0905", got)
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	d := x12.NewDate(2026, time.January, 15)
	if d.String() != "2026-01-15" || (x12.Date{}).String() != "" || !(x12.Date{}).IsZero() || d.IsZero() {
		t.Errorf("String/IsZero: %q", d.String())
	}
	if got := d.AddDays(45); got != x12.NewDate(2026, time.March, 1) {
		t.Errorf("AddDays(45) = %v", got)
	}
	if got := x12.NewDate(2024, 2, 28).AddDays(1); got != x12.NewDate(2024, 2, 29) {
		t.Errorf("leap AddDays = %v", got)
	}
	if got := d.AddDays(-15); got != x12.NewDate(2025, 12, 31) {
		t.Errorf("AddDays(-15) = %v", got)
	}
	days := []struct {
		a, b x12.Date
		want int
	}{
		{d, d, 0},
		{d, x12.NewDate(2026, 2, 14), 30},
		{x12.NewDate(2026, 2, 14), d, -30},
		{x12.NewDate(2024, 1, 1), x12.NewDate(2025, 1, 1), 366},
		{x12.NewDate(1, 1, 1), x12.NewDate(9999, 12, 31), 3652058},
		{x12.NewDate(1970, 1, 1), x12.NewDate(2000, 3, 1), 11017},
	}
	for _, tt := range days {
		if got := tt.a.DaysUntil(tt.b); got != tt.want {
			t.Errorf("%v.DaysUntil(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.a.AddDays(tt.want); got != tt.b {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.a, tt.want, got, tt.b)
		}
	}
	later := x12.NewDate(2026, 2, 1)
	if d.Compare(later) != -1 || later.Compare(d) != 1 || d.Compare(d) != 0 || !d.Before(later) || !later.After(d) || d.After(d) {
		t.Errorf("Compare/Before/After")
	}
	if !x12.NewDate(2026, 12, 1).After(x12.NewDate(2026, 11, 30)) || !x12.NewDate(2025, 12, 31).Before(x12.NewDate(2026, 1, 1)) {
		t.Errorf("Compare across months and years")
	}
	if x12.NewDate(2025, 2, 29).Valid() || !x12.NewDate(2024, 2, 29).Valid() || x12.NewDate(0, 1, 1).Valid() {
		t.Errorf("Valid")
	}
	noon := time.Date(2026, 1, 15, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	if got := x12.DateOf(noon); got != d {
		t.Errorf("DateOf = %v, want the date in the time's own zone", got)
	}
}

func TestDateText(t *testing.T) {
	t.Parallel()
	type rec struct {
		Service x12.Date `json:"service"`
		None    x12.Date `json:"none"`
	}
	b, err := json.Marshal(rec{Service: x12.NewDate(2026, 1, 5)})
	if err != nil || string(b) != `{"service":"2026-01-05","none":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back rec
	if err := json.Unmarshal(b, &back); err != nil || back.Service != x12.NewDate(2026, 1, 5) || !back.None.IsZero() {
		t.Errorf("Unmarshal = %+v, %v", back, err)
	}
	for _, in := range []string{`{"service":"2026-02-30"}`, `{"service":"20260105"}`, `{"service":"2026/01/05"}`} {
		if err := json.Unmarshal([]byte(in), &back); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("Unmarshal(%s): %v, want ErrBadDate", in, err)
		}
	}
	if d, err := x12.ParseDate("2024-02-29"); err != nil || d != x12.NewDate(2024, 2, 29) {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, in := range []string{"", "2025-02-29", "2024-2-29"} {
		if _, err := x12.ParseDate(in); !errors.Is(err, x12.ErrBadDate) {
			t.Errorf("ParseDate(%q): %v", in, err)
		}
	}
}
