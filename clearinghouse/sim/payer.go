package sim

import (
	"maps"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
)

// Payer is a simulated health plan. It adjudicates claims
// deterministically: the same claims and dates always give the same
// responses. It keeps no state between files.
//
// A service line whose procedure code is in DenyCodes is denied (CAS*CO
// with that reason, nothing paid). Any other line is allowed its
// FeeSchedule amount times its units, or its charge when the code has no
// fee or the charge is lower (a payer pays the lesser of the two). Then:
//
//	contractual (CO-45)   = charge − allowed
//	coinsurance (PR-2)    = allowed × CoinsurancePercent / 100, rounded half up to cents
//	sequestration (CO-253) = (allowed − coinsurance) × SequestrationPercent / 100, rounded half up to cents
//	paid                  = allowed − coinsurance − sequestration
//
// so every line balances (SVC02 − ΣCAS = SVC03) with no remainder.
type Payer struct {
	// Name is the payer's name (835 N1*PR, 277CA NM1*PR).
	Name string
	// PayerID is the identifier claims are routed by (837 loop 2010BB
	// NM109). A claim for another payer ID is rejected (277CA A3:116:PR);
	// empty accepts any.
	PayerID string
	// TaxID is the payer's 9-digit EIN: TRN03 of the 835 is "1" + TaxID.
	TaxID string
	// Address is the payer's address (835 N3/N4).
	Address claims.Address
	// Phone is the technical contact number (835 PER*BL).
	Phone string
	// FeeSchedule is the allowed amount per unit of each procedure code.
	// A code that is missing is allowed its charge.
	FeeSchedule map[string]decimal.Decimal
	// CoinsurancePercent is the patient's share of the allowed amount
	// (20 for Medicare Part B).
	CoinsurancePercent decimal.Decimal
	// SequestrationPercent is taken off the payer's share (2 for
	// Medicare since 2013); zero for none.
	SequestrationPercent decimal.Decimal
	// DenyCodes maps a procedure code to the claim adjustment reason code
	// (CARC) the payer denies it with, for example "99091": "B7".
	DenyCodes map[string]string
	// ProviderAdjustments are written as PLB amounts on every check (a
	// standing recoupment, interest); the payer keeps no state, so a test
	// or a demo sets them for the file it wants them on.
	ProviderAdjustments []ProviderAdjustment
}

// ProviderAdjustment is one PLB reason and amount: positive takes money
// back from the check, negative adds to it.
type ProviderAdjustment struct {
	// Reason is PLB03-1 (WO overpayment recovery, L6 interest, ...).
	Reason string
	// Reference is PLB03-2, often the original claim's ICN.
	Reference string
	Amount    decimal.Decimal
}

// DefaultPayer returns a Medicare-like payer for RPM, RTM and telehealth
// codes: national non-facility amounts from the 2025/2026 physician fee
// schedule as summarised in DOMAIN.md §5.3, rounded (they are
// illustrative only: real payments use the PFS RVU and GPCI files), 20%
// coinsurance, 2% sequestration, and 99091 denied with CARC B7 (provider
// not eligible for the service) so that a demo shows a denial.
func DefaultPayer() Payer {
	fees := map[string]string{
		// RPM
		"99453": "19.73", "99454": "47.43", "99445": "47.43",
		"99457": "47.87", "99458": "38.49", "99470": "26.00", "99091": "37.00",
		// RTM
		"98975": "20.00", "98976": "47.43", "98977": "40.00", "98984": "47.43",
		"98985": "36.00", "98980": "54.00", "98981": "41.00", "98979": "26.00",
		// office or telehealth visits, established patient
		"99212": "57.00", "99213": "91.00", "99214": "129.00",
	}
	fs := make(map[string]decimal.Decimal, len(fees))
	for code, v := range fees {
		fs[code] = decimal.RequireFromString(v)
	}
	return Payer{
		Name:    "CLAIMKIT SIMULATED MEDICARE",
		PayerID: "SIMMCR",
		TaxID:   "990000001",
		Address: claims.Address{Line1: "100 SIMULATION WAY", City: "BALTIMORE", State: "MD", PostalCode: "212440001"},
		Phone:   "8005550100",

		FeeSchedule:          fs,
		CoinsurancePercent:   decimal.NewFromInt(20),
		SequestrationPercent: decimal.NewFromInt(2),
		DenyCodes:            map[string]string{"99091": "B7"},
	}
}

// Clone returns a copy of p whose maps and slices are its own.
func (p Payer) Clone() Payer {
	p.FeeSchedule = maps.Clone(p.FeeSchedule)
	p.DenyCodes = maps.Clone(p.DenyCodes)
	p.ProviderAdjustments = append([]ProviderAdjustment(nil), p.ProviderAdjustments...)
	return p
}

var hundred = decimal.NewFromInt(100)

// adjustment is one CAS reason triple.
type adjustment struct {
	group, reason string
	amount        decimal.Decimal
}

// lineResult is how one service line was adjudicated.
type lineResult struct {
	line    *claims.ClaimLine
	allowed decimal.Decimal
	paid    decimal.Decimal
	denied  bool
	adj     []adjustment // CO first, then PR, as the 835 writes them
}

// claimResult is how one claim was adjudicated.
type claimResult struct {
	claim *claims.Claim
	// icn is the payer claim control number (277CA REF*1K, 835 CLP07).
	icn     string
	lines   []lineResult
	paid    decimal.Decimal
	patient decimal.Decimal // Σ PR adjustments: CLP05
	denied  bool            // every line denied: CLP02 = 4
}

// adjudicate prices every line of c.
func (p *Payer) adjudicate(c *claims.Claim, icn string) claimResult {
	res := claimResult{claim: c, icn: icn, lines: make([]lineResult, len(c.Lines)), denied: len(c.Lines) > 0}
	for i := range c.Lines {
		lr := p.adjudicateLine(&c.Lines[i])
		res.lines[i] = lr
		res.paid = res.paid.Add(lr.paid)
		for _, a := range lr.adj {
			if a.group == "PR" {
				res.patient = res.patient.Add(a.amount)
			}
		}
		res.denied = res.denied && lr.denied
	}
	return res
}

func (p *Payer) adjudicateLine(l *claims.ClaimLine) lineResult {
	lr := lineResult{line: l}
	charge := l.Charge
	if carc, ok := p.DenyCodes[l.Procedure.Code]; ok {
		lr.denied = true
		if charge.Sign() != 0 {
			lr.adj = []adjustment{{"CO", carc, charge}}
		}
		return lr
	}
	allowed := charge
	if fee, ok := p.FeeSchedule[l.Procedure.Code]; ok {
		units := l.Units
		if units.Sign() <= 0 {
			units = decimal.NewFromInt(1)
		}
		if a := fee.Mul(units).Round(2); a.Cmp(charge) < 0 {
			allowed = a
		}
	}
	coins := allowed.Mul(p.CoinsurancePercent).DivRound(hundred, 2)
	seq := allowed.Sub(coins).Mul(p.SequestrationPercent).DivRound(hundred, 2)
	lr.allowed = allowed
	lr.paid = allowed.Sub(coins).Sub(seq)
	if v := charge.Sub(allowed); v.Sign() != 0 {
		lr.adj = append(lr.adj, adjustment{"CO", "45", v})
	}
	if seq.Sign() != 0 {
		lr.adj = append(lr.adj, adjustment{"CO", "253", seq})
	}
	if coins.Sign() != 0 {
		lr.adj = append(lr.adj, adjustment{"PR", "2", coins})
	}
	return lr
}
