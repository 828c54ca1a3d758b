package sim

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

func lineDigest(lr lineResult) string {
	s := "allowed " + money(lr.allowed) + " paid " + money(lr.paid)
	for _, a := range lr.adj {
		s += " " + a.group + "-" + a.reason + " " + money(a.amount)
	}
	return s
}

func TestAdjudicateLine(t *testing.T) {
	t.Parallel()
	custom := DefaultPayer()
	custom.FeeSchedule = map[string]decimal.Decimal{"99999": dec("0.31")}
	noCoins := DefaultPayer()
	noCoins.CoinsurancePercent = decimal.Zero
	noCoins.SequestrationPercent = decimal.Zero
	for _, tc := range []struct {
		name  string
		payer Payer
		line  claims.ClaimLine
		want  string
	}{
		// 47.43: coins 9.486 → 9.49, seq 2% of 37.94 = 0.7588 → 0.76
		{"fee below charge", DefaultPayer(), line("99454", "60", day(30)), "allowed 47.43 paid 37.18 CO-45 12.57 CO-253 0.76 PR-2 9.49"},
		// the lesser of charge and fee: 40; coins 8; seq 2% of 32 = 0.64
		{"charge below fee", DefaultPayer(), line("99454", "40", day(30)), "allowed 40 paid 31.36 CO-253 0.64 PR-2 8"},
		// no fee: allowed the charge, 70; coins 14; seq 2% of 56 = 1.12
		{"no fee", DefaultPayer(), line("G0511", "70", day(30)), "allowed 70 paid 54.88 CO-253 1.12 PR-2 14"},
		// 2 × 38.49 = 76.98; coins 15.396 → 15.40; seq 2% of 61.58 = 1.2316 → 1.23
		{"two units", DefaultPayer(), withUnits(line("99458", "100", day(31)), "2"), "allowed 76.98 paid 60.35 CO-45 23.02 CO-253 1.23 PR-2 15.4"},
		// zero units count as one
		{"zero units", DefaultPayer(), withUnits(line("99454", "60", day(30)), "0"), "allowed 47.43 paid 37.18 CO-45 12.57 CO-253 0.76 PR-2 9.49"},
		// coins 0.062 → 0.06; seq 2% of 0.25 = 0.005 → 0.01 (half up)
		{"half a cent rounds up", custom, line("99999", "1", day(1)), "allowed 0.31 paid 0.24 CO-45 0.69 CO-253 0.01 PR-2 0.06"},
		{"no patient share", noCoins, line("99454", "60", day(30)), "allowed 47.43 paid 47.43 CO-45 12.57"},
		{"denied", DefaultPayer(), line("99091", "57.8", day(31)), "allowed 0 paid 0 CO-B7 57.8"},
		{"denied, nothing charged", DefaultPayer(), line("99091", "0", day(31)), "allowed 0 paid 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := tc.line
			got := tc.payer.adjudicateLine(&l)
			if s := lineDigest(got); s != tc.want {
				t.Errorf("got  %s\nwant %s", s, tc.want)
			}
			// SVC02 − ΣCAS = SVC03
			sum := got.paid
			for _, a := range got.adj {
				sum = sum.Add(a.amount)
			}
			if !sum.Equal(l.Charge) {
				t.Errorf("paid + adjustments = %s, charge %s", sum, l.Charge)
			}
		})
	}
}

func withUnits(l claims.ClaimLine, units string) claims.ClaimLine {
	l.Units = dec(units)
	return l
}

func TestFrontEndEdits(t *testing.T) {
	t.Parallel()
	asOf := x12.NewDate(2026, 2, 5)
	for _, tc := range []struct {
		name   string
		change func(*claims.Claim)
		want   []string
	}{
		{"accepted", func(*claims.Claim) {}, nil},
		{"no billing NPI", func(c *claims.Claim) { c.BillingProvider.NPI = "" }, []string{"A7:562:85"}},
		{"bad billing NPI check digit", func(c *claims.Claim) { c.BillingProvider.NPI = "1245319598" }, []string{"A7:562:85"}},
		{"bad rendering NPI", func(c *claims.Claim) { c.Rendering.NPI = "123" }, []string{"A7:562:82"}},
		{"no rendering provider", func(c *claims.Claim) { c.Rendering = nil }, nil},
		{"another payer", func(c *claims.Claim) { c.Coverage.Payer.PayerID = "00952" }, []string{"A3:116:PR"}},
		{"no member ID", func(c *claims.Claim) { c.Coverage.Subscriber.MemberID = "" }, []string{"A7:164:IL"}},
		{"no diagnosis", func(c *claims.Claim) { c.Diagnoses = nil }, []string{"A7:254:"}},
		{"nothing charged", func(c *claims.Claim) { c.Lines[0].Charge = decimal.Zero }, []string{"A7:178:"}},
		{"service after the processing date", func(c *claims.Claim) {
			c.Lines[0].Service = x12.DateRange{From: asOf, To: asOf.AddDays(1)}
		}, []string{"A7:187:"}},
		{"no billing provider name", func(c *claims.Claim) { c.BillingProvider.Name = claims.Name{} }, []string{"A7:125:85"}},
		{"no patient name", func(c *claims.Claim) { c.Patient.Name = claims.Name{First: "JANE"} }, []string{"A7:504:QC"}},
		{"no subscriber name", func(c *claims.Claim) { c.Coverage.Subscriber.Name = claims.Name{} }, []string{"A7:504:IL"}},
		{"no procedure code", func(c *claims.Claim) { c.Lines[0].Procedure.Code = "" }, []string{"A7:454:"}},
		{"negative line charge", func(c *claims.Claim) {
			c.Lines = append(c.Lines, line("99457", "-10", day(31)))
		}, []string{"A7:178:"}},
		{"service on the processing date", func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{From: asOf, To: asOf} }, nil},
		{"at most three reasons", func(c *claims.Claim) {
			c.BillingProvider.NPI = ""
			c.Coverage.Payer.PayerID = "X"
			c.Coverage.Subscriber.MemberID = ""
			c.Diagnoses = nil
		}, []string{"A7:562:85", "A3:116:PR", "A7:164:IL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := testClaim("C1", claims.POSOffice, line("99454", "60", day(30)))
			tc.change(&c)
			p := DefaultPayer()
			var got []string
			for _, r := range p.frontEndEdits(&c, asOf) {
				got = append(got, strings.Join(r.composite(), ":"))
				if r.message == "" {
					t.Errorf("%v has no message", r)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidNPI(t *testing.T) {
	t.Parallel()
	for npi, want := range map[string]bool{
		"1245319599":  true,
		"1234567893":  true,
		"1234567890":  false,
		"123456789":   false,
		"12345678931": false,
		"12345678a3":  false,
		"":            false,
	} {
		if got := validNPI(npi); got != want {
			t.Errorf("validNPI(%q) = %v, want %v", npi, got, want)
		}
	}
}

func TestDefaultPayer(t *testing.T) {
	t.Parallel()
	p := DefaultPayer()
	for code, want := range map[string]string{"99453": "19.73", "99454": "47.43", "99457": "47.87", "99458": "38.49", "98980": "54"} {
		if got := p.FeeSchedule[code]; !got.Equal(dec(want)) {
			t.Errorf("fee of %s = %s, want %s", code, got, want)
		}
	}
	// Clone gives maps of its own: changing one payer leaves the other.
	q := p.Clone()
	q.FeeSchedule["99454"] = dec("1")
	q.DenyCodes["99454"] = "50"
	if !p.FeeSchedule["99454"].Equal(dec("47.43")) || p.DenyCodes["99454"] != "" {
		t.Error("Clone shares its maps")
	}
}
