package x837p

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// TestPlainDecimal compares the amounts the decoder reads in their usual
// form with x12.ParseDecimal's, and checks that every other form is left to
// x12.ParseDecimal.
func TestPlainDecimal(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"0", "-0", "7", "47", "150.00", "12.5", "-0.5", "0.01", "1.", ".5", "-.5", "007",
		"123456789012345678", "-1234567890.12345678", "0.00000000000000001",
	} {
		want, err := x12.ParseDecimal([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		v, exp, ok := plainDecimal([]byte(in))
		if !ok {
			t.Errorf("%q: not read as a plain amount", in)
			continue
		}
		got := decimal.New(v, exp)
		if !got.Equal(want) || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Errorf("%q = %s (exponent %d), want %s (exponent %d)", in, got, got.Exponent(), want, want.Exponent())
		}
	}
	for _, in := range []string{"", "-", ".", "-.", "1E2", "1.5E-1", "1.2.3", "+1", " 1", "1,000", "1234567890123456789", "0.000000000000000001", "0x10", "NaN"} {
		if _, _, ok := plainDecimal([]byte(in)); ok {
			t.Errorf("%q read as a plain amount", in)
		}
	}
}

// FuzzPlainDecimal: whatever plainDecimal reads, x12.ParseDecimal reads
// as the same coefficient and exponent.
func FuzzPlainDecimal(f *testing.F) {
	for _, s := range []string{"47", "-12.50", ".5", "1.", "1E3", "123456789012345678", "0.000000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		v, exp, ok := plainDecimal([]byte(in))
		if !ok {
			return
		}
		want, err := x12.ParseDecimal([]byte(in))
		if err != nil {
			t.Fatalf("%q: plain amount %d×10^%d, x12.ParseDecimal: %v", in, v, exp, err)
		}
		if got := decimal.New(v, exp); !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("%q = %s (exponent %d), want %s (exponent %d)", in, got, got.Exponent(), want, want.Exponent())
		}
	})
}

// TestDecodedAmountsAreValues: amounts (and the digits that are shared
// outright) decode to their exact values, and arithmetic
// on one claim's amounts changes nothing in another's.
func TestDecodedAmountsAreValues(t *testing.T) {
	t.Parallel()
	charges := []string{"47", "47", "10.5", "0.25", "-3.75", "1234567.89"}
	var cs []claims.Claim
	for i, ch := range charges {
		c := baseClaim("C"+itoa(i), "M1")
		c.Lines[0].Charge = decimal.RequireFromString(ch)
		c.Lines[0].Units = decimal.RequireFromString([]string{"1", "2.5"}[i%2])
		cs = append(cs, c)
	}
	got := encodeDecode(t, cs)
	for i, c := range got {
		if l := c.Lines[0]; l.Charge.String() != charges[i] || !l.Units.Equal(cs[i].Lines[0].Units) {
			t.Errorf("claim %d: charge %s units %s, want %s and %s", i, l.Charge, l.Units, charges[i], cs[i].Lines[0].Units)
		}
	}
	// The caller changes the first claim's amounts.
	a, b := &got[0].Lines[0], &got[1].Lines[0]
	a.Charge = a.Charge.Add(decimal.NewFromInt(1))
	a.Units = a.Units.Mul(decimal.NewFromInt(3))
	_ = got[2].Lines[0].Charge.Neg().Sub(decimal.New(1, -2)).Round(1).Abs()
	if a.Charge.String() != "48" || a.Units.String() != "3" {
		t.Errorf("changed amounts = %s, %s; want 48, 3", a.Charge, a.Units)
	}
	if b.Charge.String() != "47" || b.Units.String() != "2.5" || got[2].Lines[0].Charge.String() != "10.5" {
		t.Errorf("other claims' amounts changed: %s, %s, %s", b.Charge, b.Units, got[2].Lines[0].Charge)
	}
	if d := digits[1]; d.String() != "1" {
		t.Errorf("shared digit 1 is now %s", d)
	}
}

// TestDecodeClaimTotal checks CLM02 against line charges of different
// scales, which the decoder adds in fixed point, and against a charge in
// exponent form, which takes Decimal arithmetic.
func TestDecodeClaimTotal(t *testing.T) {
	t.Parallel()
	c := baseClaim("P1", "M1")
	c.Lines = append(c.Lines, c.Lines[0], c.Lines[0])
	c.Lines[0].Charge = decimal.RequireFromString("10.5")
	c.Lines[1].Charge = decimal.RequireFromString("0.25")
	c.Lines[2].Charge = decimal.RequireFromString("7")
	var buf bytes.Buffer
	o := testOptions()
	o.Newline = true
	if _, err := Encode(&buf, []claims.Claim{c}, o); err != nil {
		t.Fatal(err)
	}
	valid := buf.String()
	tests := []struct {
		name, old, new string
		mismatch       bool
	}{
		{"as written", "", "", false},
		{"trailing zeros", "CLM*P1*17.75*", "CLM*P1*17.7500*", false},
		{"one cent off", "CLM*P1*17.75*", "CLM*P1*17.76*", true},
		{"exponent form charge", "SV1*HC:99454*7*", "SV1*HC:99454*0.7E1*", false},
		{"exponent form charge, off", "SV1*HC:99454*7*", "SV1*HC:99454*0.8E1*", true},
		{"exponent form total", "CLM*P1*17.75*", "CLM*P1*1775E-2*", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("%q not in the file", tt.old)
			}
			doc, err := Decode(strings.NewReader(strings.Replace(valid, tt.old, tt.new, 1)), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, p := range doc.Problems {
				if !errors.Is(p, ErrTotalMismatch) {
					t.Errorf("unexpected problem %v", p)
				}
				got = true
			}
			if got != tt.mismatch {
				t.Errorf("total mismatch reported: %v, want %v (%v)", got, tt.mismatch, doc.Problems)
			}
		})
	}
}
