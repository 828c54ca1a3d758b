package remit

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// BalanceError is one failed balancing rule. It is a finding, not a Go
// error: an unbalanced 835 is still read in full.
type BalanceError struct {
	Level BalanceLevel
	// PatientControlNumber is the claim's CLP01 (empty at transaction level).
	PatientControlNumber string
	// Service is the 1-based index of the service line in its claim
	// (service level only).
	Service int
	// Expected is what the rule computes, Actual what the payer reported
	// (SVC03, CLP04 or BPR02).
	Expected decimal.Decimal
	Actual   decimal.Decimal
	// Message names the level, claim and amounts on one line.
	Message string
	// Pos is the segment the rule checks (SVC, CLP or BPR).
	Pos x12.Position
}

// CheckBalance applies the 835 balancing rules and sets Balanced and
// BalanceErrors:
//
//   - service: SVC02 − Σ line CAS = SVC03;
//   - claim: CLP03 − Σ claim CAS − Σ line CAS = CLP04, where a difference
//     equal to the claim's interest (AMT*I) is accepted, as some payers
//     include interest in CLP04;
//   - transaction: Σ CLP04 − Σ PLB = BPR02 (negated when BPR03 is D).
//
// The Decoder applies the same rules while it reads; call CheckBalance
// after changing a Remittance.
func (r *Remittance) CheckBalance() {
	r.BalanceErrors = r.BalanceErrors[:0]
	var paid, plb sum
	for i := range r.Claims {
		c := &r.Claims[i]
		var adj sum
		adj.addAdjustments(c.Adjustments)
		for j := range c.Services {
			v := &c.Services[j]
			var lineAdj sum
			lineAdj.addAdjustments(v.Adjustments)
			r.checkService(c, j, figureOf(v.Charge), figureOf(v.Paid), &lineAdj)
			adj.addSum(&lineAdj)
		}
		r.checkClaim(c, figureOf(c.Charge), figureOf(c.Paid), &adj)
		paid.add(figureOf(c.Paid), false)
	}
	for _, a := range r.ProviderAdjustments {
		plb.add(figureOf(a.Amount), false)
	}
	r.checkTransaction(&paid, &plb)
}

// checkService applies the service rule to line j of claim c, whose
// adjustments add up to adj.
func (r *Remittance) checkService(c *ClaimPayment, j int, charge, paid figure, adj *sum) {
	var want sum
	want.add(charge, false)
	want.subSum(adj)
	if want.equal(paid) {
		return
	}
	v := &c.Services[j]
	r.BalanceErrors = append(r.BalanceErrors, BalanceError{
		Level: LevelService, PatientControlNumber: c.PatientControlNumber, Service: j + 1,
		Expected: want.value(), Actual: v.Paid, Pos: v.Pos,
		Message: "claim " + c.PatientControlNumber + " service " + strconv.Itoa(j+1) +
			" (" + v.Procedure.Code + "): SVC02 " + FormatAmount(v.Charge) + " - adjustments " + FormatAmount(adj.value()) +
			" = " + FormatAmount(want.value()) + ", but SVC03 is " + FormatAmount(v.Paid),
	})
}

// checkClaim applies the claim rule to c, whose claim and line
// adjustments add up to adj.
func (r *Remittance) checkClaim(c *ClaimPayment, charge, paid figure, adj *sum) {
	var want sum
	want.add(charge, false)
	want.subSum(adj)
	if want.equal(paid) {
		return
	}
	if interest, ok := c.Amount("I"); ok && want.value().Add(interest).Equal(c.Paid) {
		return
	}
	r.BalanceErrors = append(r.BalanceErrors, BalanceError{
		Level: LevelClaim, PatientControlNumber: c.PatientControlNumber,
		Expected: want.value(), Actual: c.Paid, Pos: c.Pos,
		Message: "claim " + c.PatientControlNumber + ": CLP03 " + FormatAmount(c.Charge) + " - adjustments " + FormatAmount(adj.value()) +
			" = " + FormatAmount(want.value()) + ", but CLP04 is " + FormatAmount(c.Paid),
	})
}

// checkTransaction applies the transaction rule, given the sums of CLP04
// and of the PLB amounts, and sets Balanced.
func (r *Remittance) checkTransaction(paid, plb *sum) {
	var want sum
	want.addSum(paid)
	want.subSum(plb)
	if got := r.Payment.Net(); !want.equal(figureOf(got)) {
		r.BalanceErrors = append(r.BalanceErrors, BalanceError{
			Level: LevelTransaction, Expected: want.value(), Actual: got, Pos: r.Pos,
			Message: "transaction " + r.ControlNumber + ": claims paid " + FormatAmount(paid.value()) + " - provider adjustments " +
				FormatAmount(plb.value()) + " = " + FormatAmount(want.value()) + ", but BPR02 is " + FormatAmount(got),
		})
	}
	if len(r.BalanceErrors) == 0 {
		r.BalanceErrors = nil
	}
	r.Balanced = len(r.BalanceErrors) == 0
}

// figure is an amount together with its value in millionths when that
// is exact, so that balancing can add amounts without touching the
// decimal's big.Int. The Decoder keeps the figure of each amount it
// parses.
type figure struct {
	d     decimal.Decimal
	micro int64
	scale int32 // decimal places of d
	exact bool  // micro holds d
}

// figureOf returns d's figure.
func figureOf(d decimal.Decimal) figure {
	m, ok := micros(d)
	return figure{d: d, micro: m, scale: -d.Exponent(), exact: ok}
}

// sum adds amounts exactly. It counts in int64 millionths while every
// amount and the total fit, which covers every realistic amount without
// allocating, and switches to decimal arithmetic when one does not.
type sum struct {
	micro int64
	scale int32 // most decimal places seen, for value
	slow  bool
	big   decimal.Decimal
}

const microExp = 6

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

// micros returns d in millionths when that is exact and leaves room to add.
func micros(d decimal.Decimal) (int64, bool) {
	exp := d.Exponent()
	if exp < -microExp || exp > 0 || d.NumDigits()+int(exp+microExp) > 17 {
		return 0, false
	}
	return d.CoefficientInt64() * pow10[exp+microExp], true
}

func (s *sum) add(f figure, negate bool) {
	if !s.slow && f.exact {
		m := f.micro
		if negate {
			m = -m
		}
		if r := s.micro + m; (m >= 0) == (r >= s.micro) {
			s.micro = r
			s.scale = max(s.scale, f.scale)
			return
		}
	}
	if !s.slow {
		s.slow, s.big = true, s.value()
	}
	if negate {
		s.big = s.big.Sub(f.d)
	} else {
		s.big = s.big.Add(f.d)
	}
}

func (s *sum) addAdjustments(list []Adjustment) {
	for i := range list {
		s.add(figureOf(list[i].Amount), false)
	}
}

func (s *sum) addSum(t *sum) { s.addValue(t, false) }

func (s *sum) subSum(t *sum) { s.addValue(t, true) }

func (s *sum) addValue(t *sum, negate bool) {
	if !t.slow && !s.slow {
		m := t.micro
		if negate {
			m = -m
		}
		if r := s.micro + m; (m >= 0) == (r >= s.micro) {
			s.micro = r
			s.scale = max(s.scale, t.scale)
			return
		}
	}
	s.add(figure{d: t.value()}, negate)
}

// value returns the total with the most decimal places of its amounts.
func (s *sum) value() decimal.Decimal {
	if s.slow {
		return s.big
	}
	return decimal.New(s.micro/pow10[microExp-s.scale], -s.scale)
}

func (s *sum) equal(f figure) bool {
	if !s.slow && f.exact {
		return f.micro == s.micro
	}
	return s.value().Equal(f.d)
}

// FormatAmount formats d with the number of decimal places it carries
// ("150.00" stays "150.00", "12.5" stays "12.5"), with a minus sign for
// negatives and no exponent. It does not depend on the decimal package's
// global settings.
func FormatAmount(d decimal.Decimal) string {
	if exp := d.Exponent(); exp < 0 {
		return d.StringFixed(-exp)
	}
	return d.StringFixed(0)
}
