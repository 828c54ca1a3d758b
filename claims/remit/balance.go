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
// Decoder.Next calls it; call it again after changing a Remittance.
func (r *Remittance) CheckBalance() {
	r.BalanceErrors = r.BalanceErrors[:0]
	var paid sum
	for i := range r.Claims {
		c := &r.Claims[i]
		paid.add(c.Paid, false)
		var adj sum
		adj.addAdjustments(c.Adjustments)
		for j := range c.Services {
			v := &c.Services[j]
			var lineAdj, want sum
			lineAdj.addAdjustments(v.Adjustments)
			adj.addSum(&lineAdj)
			want.add(v.Charge, false)
			want.subSum(&lineAdj)
			if !want.equal(v.Paid) {
				r.BalanceErrors = append(r.BalanceErrors, BalanceError{
					Level: LevelService, PatientControlNumber: c.PatientControlNumber, Service: j + 1,
					Expected: want.value(), Actual: v.Paid, Pos: v.Pos,
					Message: "claim " + c.PatientControlNumber + " service " + strconv.Itoa(j+1) +
						" (" + v.Procedure.Code + "): SVC02 " + FormatAmount(v.Charge) + " - adjustments " + FormatAmount(lineAdj.value()) +
						" = " + FormatAmount(want.value()) + ", but SVC03 is " + FormatAmount(v.Paid),
				})
			}
		}
		var want sum
		want.add(c.Charge, false)
		want.subSum(&adj)
		if want.equal(c.Paid) {
			continue
		}
		if interest, ok := c.Amount("I"); ok && want.value().Add(interest).Equal(c.Paid) {
			continue
		}
		r.BalanceErrors = append(r.BalanceErrors, BalanceError{
			Level: LevelClaim, PatientControlNumber: c.PatientControlNumber,
			Expected: want.value(), Actual: c.Paid, Pos: c.Pos,
			Message: "claim " + c.PatientControlNumber + ": CLP03 " + FormatAmount(c.Charge) + " - adjustments " + FormatAmount(adj.value()) +
				" = " + FormatAmount(want.value()) + ", but CLP04 is " + FormatAmount(c.Paid),
		})
	}
	var plb, want sum
	for _, a := range r.ProviderAdjustments {
		plb.add(a.Amount, false)
	}
	want.addSum(&paid)
	want.subSum(&plb)
	if got := r.Payment.Net(); !want.equal(got) {
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

func (s *sum) add(d decimal.Decimal, negate bool) {
	if !s.slow {
		if m, ok := micros(d); ok {
			if negate {
				m = -m
			}
			if r := s.micro + m; (m >= 0) == (r >= s.micro) {
				s.micro = r
				s.scale = max(s.scale, -d.Exponent())
				return
			}
		}
		s.slow, s.big = true, s.value()
	}
	if negate {
		s.big = s.big.Sub(d)
	} else {
		s.big = s.big.Add(d)
	}
}

func (s *sum) addAdjustments(list []Adjustment) {
	for i := range list {
		s.add(list[i].Amount, false)
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
	s.add(t.value(), negate)
}

// value returns the total with the most decimal places of its amounts.
func (s *sum) value() decimal.Decimal {
	if s.slow {
		return s.big
	}
	return decimal.New(s.micro/pow10[microExp-s.scale], -s.scale)
}

func (s *sum) equal(d decimal.Decimal) bool {
	if !s.slow {
		if m, ok := micros(d); ok {
			return m == s.micro
		}
	}
	return s.value().Equal(d)
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
