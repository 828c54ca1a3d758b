package x837p

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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

// TestSegmentMapKinds: a segment map holds up to 255 kinds of segment
// (loop and ID pairs) in its compact form, and any number past them.
func TestSegmentMapKinds(t *testing.T) {
	t.Parallel()
	names := newNameTable()
	var refs []segRef
	wide := map[int][2]uint16{}
	var want []SegmentRef
	add := func(loop, seg string, claim, line int) {
		l, s := names.intern(loop), names.intern(seg)
		k := names.kind(l, s)
		if k == 0 {
			wide[len(refs)] = [2]uint16{l, s}
		}
		refs = append(refs, segRef{claim: uint16(claim), line: uint8(line), kind: k})
		w := SegmentRef{Loop: loop, Segment: seg, Line: line}
		if claim > 0 {
			w.ClaimID = "C" + itoa(claim)
		}
		want = append(want, w)
	}
	add("", "ST", 0, 0)
	for i := range 300 {
		add("2400", "LX", 1, 1+i%50)
		add("2320", "Z"+itoa(i), 2, 0) // a new kind each time
	}
	add("", "SE", 0, 0)
	names.wide = wide
	set := SetResult{ClaimIDs: []string{"C1", "C2"}, refs: refs, names: names}
	if len(names.kinds) != 256 || len(wide) == 0 {
		t.Fatalf("%d kinds, %d wide segments", len(names.kinds), len(wide))
	}
	if diff := cmp.Diff(want, set.Segments()); diff != "" {
		t.Errorf("segment map (-want +got):\n%s", diff)
	}
}
