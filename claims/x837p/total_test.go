package x837p

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

func TestAppendDecimalMatchesX12(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "0.00", "150", "150.00", "12.50", "-0.50", "-12", "1E3", "0.000000000000000001",
		"123456789012345678", "1234567890123456789", "99999999999999999999.99", "-9223372036854775808", "100", "1.10", "0.1"} {
		d := decimal.RequireFromString(s)
		if got, want := string(appendDecimal(nil, d)), x12.FormatDecimal(d); got != want {
			t.Errorf("appendDecimal(%s) = %q, x12 writes %q", s, got, want)
		}
	}
}

func FuzzAppendDecimal(f *testing.F) {
	for _, s := range []string{"0", "12.50", "-0.5", "1E-18", "123456789012345678901"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decimal.NewFromString(s)
		if err != nil || d.Exponent() < -40 || d.Exponent() > 40 {
			return
		}
		if got, want := string(appendDecimal(nil, d)), x12.FormatDecimal(d); got != want {
			t.Fatalf("appendDecimal(%s) = %q, x12 writes %q", s, got, want)
		}
	})
}

func TestTotalMatchesClaimTotal(t *testing.T) {
	t.Parallel()
	for _, charges := range [][]string{
		{"60.00", "60.00"}, {"1.5", "2.25", "3"}, {"0"}, {"9223372036854775807", "1"}, {"-5.5", "5.5"},
		{"0.000000000000000001", "100"}, {"1E20", "1"},
	} {
		c := claims.Claim{}
		for _, s := range charges {
			c.Lines = append(c.Lines, claims.ClaimLine{Charge: decimal.RequireFromString(s)})
		}
		if got, want := total(&c), c.Total(); !got.Equal(want) {
			t.Errorf("total(%v) = %s, want %s", charges, got, want)
		}
	}
}

// TestD8MatchesX12: the builder writes dates as x12.Date.AppendD8 does,
// including the ones outside its fast path.
func TestD8MatchesX12(t *testing.T) {
	t.Parallel()
	for _, d := range []x12.Date{
		x12.NewDate(2026, 1, 5), x12.NewDate(1999, 12, 31), x12.NewDate(0, 0, 0), x12.NewDate(9999, 99, 99),
		x12.NewDate(10000, 1, 1), x12.NewDate(7, 100, 3), x12.NewDate(2026, 1, 123), x12.NewDate(-1, 1, 1),
	} {
		var b builder
		b.buf = make([]byte, 2)
		b.d8(d)
		if got, want := string(b.buf[:b.n]), string(d.AppendD8(nil)); got != want {
			t.Errorf("d8(%+v) = %q, AppendD8 writes %q", d, got, want)
		}
	}
}
