package x12_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

func TestFormatDecimal(t *testing.T) {
	t.Parallel()
	str := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	tests := []struct {
		in   decimal.Decimal
		want string
	}{
		{str("150.00"), "150"},
		{str("150"), "150"},
		{str("12.50"), "12.5"},
		{str("12.05"), "12.05"},
		{str("-0.50"), "-0.5"},
		{str("-12"), "-12"},
		{str("0"), "0"},
		{str("0.00"), "0"},
		{str("-0.00"), "0"},
		{decimal.Decimal{}, "0"},
		{str("0.000001"), "0.000001"},
		{str("1E3"), "1000"},
		{str("1.5E-2"), "0.015"},
		{str("-2.50E1"), "-25"},
		{decimal.New(100, 2), "10000"},
		{decimal.New(120, -1), "12"},
		{decimal.New(5, -20), "0.00000000000000000005"},
		{decimal.New(-9223372036854775808, 0), "-9223372036854775808"},
		{decimal.New(-9223372036854775808, -2), "-92233720368547758.08"},
		{str("123456789012345678901234567890.10"), "123456789012345678901234567890.1"},
		{str("-123456789012345678901234567890"), "-123456789012345678901234567890"},
		{str("-0.000000000000000000000000000001"), "-0.000000000000000000000000000001"},
		{str("99999999999999999999.990"), "99999999999999999999.99"},
	}
	for _, tt := range tests {
		if got := x12.FormatDecimal(tt.in); got != tt.want {
			t.Errorf("FormatDecimal(%s) = %q, want %q", tt.in.String(), got, tt.want)
		}
		if got := string(x12.AppendDecimal([]byte("AMT*"), tt.in)); got != "AMT*"+tt.want {
			t.Errorf("AppendDecimal(%s) = %q", tt.in.String(), got)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	valid := []struct {
		in   string
		want string // as FormatDecimal writes the value
	}{
		{"150", "150"},
		{"12.5", "12.5"},
		{"12.50", "12.5"},
		{"-0.5", "-0.5"},
		{"0", "0"},
		{"-0", "0"},
		{"1.", "1"},     // trailing point: accepted
		{".5", "0.5"},   // leading point: accepted
		{"-.5", "-0.5"}, // and negative
		{"007.50", "7.5"},
		{"0000", "0"},
		{"1E3", "1000"},
		{"1.5E-2", "0.015"},
		{"-2E1", "-20"},
		{"1E0000", "1"},
		{"999999999999999999", "999999999999999999"},
		{"9999999999999999999", "9999999999999999999"},
		{"-9999999999999999.999", "-9999999999999999.999"},
		{"12345678901234567890.12345", "12345678901234567890.12345"},
	}
	for _, tt := range valid {
		d, err := x12.ParseDecimal([]byte(tt.in))
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		if got := x12.FormatDecimal(d); got != tt.want {
			t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if !d.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("ParseDecimal(%q) = %s, not equal to %s", tt.in, d.String(), tt.want)
		}
	}
	invalid := []string{
		"", "-", ".", "-.", "+1.5", "+1", "1,000", " 1", "1 ", "1_000", "NaN", "Inf", "0x10",
		"1e3", "1E", "1E-", "1E12345", "1.2.3", "--1", "1-", "1E3.5", "E3", "\x001", "١",
	}
	for _, in := range invalid {
		d, err := x12.ParseDecimal([]byte(in))
		if !errors.Is(err, x12.ErrBadNumber) {
			t.Errorf("ParseDecimal(%q) = %s, %v; want ErrBadNumber", in, d.String(), err)
		}
	}
}

func TestParseN0(t *testing.T) {
	t.Parallel()
	valid := map[string]int64{"0": 0, "7": 7, "-5": -5, "007": 7, "999999999": 999999999, "123456789012345678": 123456789012345678}
	for in, want := range valid {
		if got, err := x12.ParseN0([]byte(in)); err != nil || got != want {
			t.Errorf("ParseN0(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-", "+1", "1.0", "1E2", " 1", "1234567890123456789", "--1"} {
		if _, err := x12.ParseN0([]byte(in)); !errors.Is(err, x12.ErrBadNumber) {
			t.Errorf("ParseN0(%q): %v, want ErrBadNumber", in, err)
		}
	}
}
