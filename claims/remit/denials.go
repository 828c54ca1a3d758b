package remit

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// CodesAsOf is the date of the CARC and RARC descriptions this package
// carries. They are abridged from the X12 claim adjustment reason code
// list (code source 139) and the remittance advice remark code list as
// published then; both lists change three times a year, so a description
// may lag the current list. Codes not listed have an empty description.
var CodesAsOf = x12.NewDate(2026, time.January, 1)

// carcText holds abridged CARC descriptions: the patient share, the
// contractual reductions and the denials an RPM, RTM or telehealth
// practice meets.
var carcText = map[string]string{
	"1":   "deductible amount",
	"2":   "coinsurance amount",
	"3":   "co-payment amount",
	"4":   "procedure code inconsistent with the modifier, or a required modifier is missing",
	"5":   "procedure code or bill type inconsistent with the place of service",
	"11":  "diagnosis inconsistent with the procedure",
	"16":  "claim or service lacks information or has submission or billing errors",
	"18":  "exact duplicate claim or service",
	"22":  "care may be covered by another payer per coordination of benefits",
	"23":  "impact of prior payer adjudication including payments and adjustments",
	"26":  "expenses incurred prior to coverage",
	"27":  "expenses incurred after coverage terminated",
	"29":  "time limit for filing has expired",
	"42":  "charges exceed maximum allowable fee",
	"45":  "charge exceeds fee schedule or maximum allowable amount",
	"50":  "non-covered service: not deemed a medical necessity by the payer",
	"59":  "processed based on multiple or concurrent procedure rules",
	"94":  "processed in excess of charges",
	"96":  "non-covered charge(s)",
	"97":  "benefit included in the payment for another service already adjudicated",
	"107": "the related or qualifying claim or service was not identified on this claim",
	"109": "claim or service not covered by this payer or contractor",
	"119": "benefit maximum for this time period or occurrence has been reached",
	"131": "claim specific negotiated discount",
	"144": "incentive adjustment",
	"151": "payment adjusted: the information does not support this many or this frequency of services",
	"170": "payment denied when performed or billed by this type of provider",
	"181": "procedure code was invalid on the date of service",
	"182": "procedure modifier was invalid on the date of service",
	"185": "the rendering provider is not eligible to perform the service billed",
	"197": "precertification, authorization or notification absent",
	"204": "service not covered under the patient's current benefit plan",
	"206": "national provider identifier missing",
	"207": "national provider identifier invalid format",
	"208": "national provider identifier not matched",
	"234": "this procedure is not paid separately",
	"236": "procedure or modifier combination not compatible with another procedure on the same day (NCCI)",
	"253": "sequestration: reduction in federal payment",
	"272": "coverage or program guidelines were not met",
	"273": "coverage or program guidelines were exceeded",
	"B7":  "provider was not certified or eligible to be paid for this service on this date",
	"B15": "service requires a qualifying service that was not received or adjudicated",
}

// rarcText holds abridged RARC descriptions.
var rarcText = map[string]string{
	"M86":   "service denied: payment already made for the same or a similar procedure within a set time frame",
	"M77":   "missing, incomplete or invalid place of service",
	"MA01":  "if you do not agree with this determination, you may appeal",
	"MA130": "claim has invalid or incomplete information: resubmit as a new claim, no appeal rights",
	"N14":   "payment based on a contractual amount or agreement, fee schedule or maximum allowable amount",
	"N20":   "service not payable with other service rendered on the same date",
	"N130":  "consult plan benefit documents or guidelines for restrictions on this service",
	"N290":  "missing, incomplete or invalid rendering provider primary identifier",
	"N362":  "the number of days or units of service exceeds the acceptable maximum",
	"N522":  "duplicate of a claim processed, or to be processed, as a crossover claim",
}

// CARCDescription returns the abridged description of claim adjustment
// reason code code as of CodesAsOf, or "" when the package does not carry it.
func CARCDescription(code string) string { return carcText[code] }

// RARCDescription returns the abridged description of remittance advice
// remark code code as of CodesAsOf, or "".
func RARCDescription(code string) string { return rarcText[code] }

// DenialReport summarises denied service lines over remittances.
//
// The unit is the service line (a claim without SVC loops counts as one
// line with the claim's amounts). A line is denied when its claim is
// denied (CLP02 = 4, or nothing paid and nothing owed by the patient) or
// when it was charged and neither the payer nor the patient owes anything
// for it. Reversals (CLP02 = 22) and informational claims (23, 25) are
// left out: a reversal cancels a decision counted where it was made.
type DenialReport struct {
	CodesAsOf x12.Date
	// Lines counts the adjudicated lines, Denied the denied ones; Rate is
	// Denied / Lines rounded half up to four places (0 with no lines).
	Lines  int
	Denied int
	Rate   decimal.Decimal
	// Charged is the charge of every line, DeniedCharge of the denied ones.
	Charged      decimal.Decimal
	DeniedCharge decimal.Decimal
	// Reasons are the CARCs (with their group code) and RARCs on denied
	// lines, most frequent first.
	Reasons []DenialReason
	// ByPayer, ByProcedure and ByMonth break the lines down by payer ID,
	// procedure code and month of service (YYYY-MM; the payment date when
	// the line has no date), in key order.
	ByPayer     []DenialGroup
	ByProcedure []DenialGroup
	ByMonth     []DenialGroup
}

// DenialReason is one CARC or RARC on denied lines.
type DenialReason struct {
	// Kind is "CARC" or "RARC".
	Kind string
	// Group is the CAS group code of a CARC (CO, OA, PI); empty for a RARC.
	Group       GroupCode
	Code        string
	Description string
	// Lines counts the denied lines that carry the code; Amount is the sum
	// of the CARC's adjustment amounts, or of the lines' charges for a RARC.
	Lines  int
	Amount decimal.Decimal
}

// DenialGroup is one row of a breakdown.
type DenialGroup struct {
	Key string
	// Name is the payer's name in ByPayer, else empty.
	Name         string
	Lines        int
	Denied       int
	Rate         decimal.Decimal
	Charged      decimal.Decimal
	DeniedCharge decimal.Decimal
}

// reasonKey identifies a DenialReason.
type reasonKey struct {
	kind  string
	group GroupCode
	code  string
}

type denialTally struct {
	report  DenialReport
	reasons map[reasonKey]*DenialReason
	groups  [3]map[string]*DenialGroup
}

// AnalyzeDenials builds a DenialReport over rems.
func AnalyzeDenials(rems []*Remittance) DenialReport {
	t := denialTally{report: DenialReport{CodesAsOf: CodesAsOf}, reasons: map[reasonKey]*DenialReason{}}
	for i := range t.groups {
		t.groups[i] = map[string]*DenialGroup{}
	}
	for _, r := range rems {
		for i := range r.Claims {
			t.claim(r, &r.Claims[i])
		}
	}
	rep := &t.report
	rep.Rate = rate(rep.Denied, rep.Lines)
	for _, v := range t.reasons {
		rep.Reasons = append(rep.Reasons, *v)
	}
	slices.SortFunc(rep.Reasons, func(a, b DenialReason) int {
		return cmp.Or(-cmp.Compare(a.Lines, b.Lines), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Group, b.Group), cmp.Compare(a.Code, b.Code))
	})
	for i, dst := range []*[]DenialGroup{&rep.ByPayer, &rep.ByProcedure, &rep.ByMonth} {
		for _, g := range t.groups[i] {
			g.Rate = rate(g.Denied, g.Lines)
			*dst = append(*dst, *g)
		}
		slices.SortFunc(*dst, func(a, b DenialGroup) int { return cmp.Compare(a.Key, b.Key) })
	}
	return *rep
}

func rate(n, of int) decimal.Decimal {
	if of == 0 {
		return decimal.Decimal{}
	}
	return decimal.NewFromInt(int64(n)).DivRound(decimal.NewFromInt(int64(of)), 4)
}

func (t *denialTally) claim(r *Remittance, c *ClaimPayment) {
	outcome, _ := Adjudicate(c)
	if outcome == OutcomeReversed || outcome == OutcomeInformational {
		return
	}
	claimDenied := outcome == OutcomeDenied
	// Claim-level amounts count once per claim, however many of its
	// lines are denied.
	claimAmounts := map[reasonKey]bool{}
	if len(c.Services) == 0 {
		t.line(r, c, claimAmounts, "", c.StatementFrom, c.Charge, claimDenied, nil, nil)
		return
	}
	for i := range c.Services {
		s := &c.Services[i]
		t.line(r, c, claimAmounts, s.SubmittedProcedure().Code, s.ServiceFrom, s.Charge, claimDenied || lineDenied(s), s.Adjustments, s.Remarks)
	}
}

// line counts one line. The claim-level adjustments and remarks count on
// every denied line of the claim; their amounts once per claim.
func (t *denialTally) line(r *Remittance, c *ClaimPayment, claimAmounts map[reasonKey]bool, proc string, day x12.Date,
	charge decimal.Decimal, denied bool, adjs []Adjustment, remarks []Remark) {
	rep := &t.report
	rep.Lines++
	rep.Charged = rep.Charged.Add(charge)
	if day.IsZero() {
		day = r.Payment.Date
	}
	month := ""
	if !day.IsZero() {
		month = day.String()[:7]
	}
	keys := [3]string{r.Payer.PayerID(), proc, month}
	if keys[0] == "" {
		keys[0] = r.Payer.Name
	}
	for i, k := range keys {
		g := t.groups[i][k]
		if g == nil {
			g = &DenialGroup{Key: k}
			if i == 0 {
				g.Name = r.Payer.Name
			}
			t.groups[i][k] = g
		}
		g.Lines++
		g.Charged = g.Charged.Add(charge)
		if denied {
			g.Denied++
			g.DeniedCharge = g.DeniedCharge.Add(charge)
		}
	}
	if !denied {
		return
	}
	rep.Denied++
	rep.DeniedCharge = rep.DeniedCharge.Add(charge)
	onLine := map[reasonKey]bool{}
	// count records code k on this line; amount is added when add is true.
	count := func(k reasonKey, amount decimal.Decimal, add bool) {
		v := t.reasons[k]
		if v == nil {
			desc := rarcText[k.code]
			if k.kind == "CARC" {
				desc = carcText[k.code]
			}
			v = &DenialReason{Kind: k.kind, Group: k.group, Code: k.code, Description: desc}
			t.reasons[k] = v
		}
		if !onLine[k] {
			onLine[k] = true
			v.Lines++
		}
		if add {
			v.Amount = v.Amount.Add(amount)
		}
	}
	for level, list := range [][]Adjustment{c.Adjustments, adjs} {
		for _, a := range list {
			if a.Group == GroupPatient || a.Reason == "" {
				continue
			}
			k := reasonKey{"CARC", a.Group, a.Reason}
			count(k, a.Amount, level == 1 || !claimAmounts[k])
		}
		if level == 0 {
			for _, a := range list {
				claimAmounts[reasonKey{"CARC", a.Group, a.Reason}] = true
			}
		}
	}
	for _, list := range [][]Remark{c.Remarks, remarks} {
		for _, m := range list {
			if m.Code == "" || m.Qualifier == "RX" {
				continue
			}
			k := reasonKey{"RARC", "", m.Code}
			count(k, charge, !onLine[k])
		}
	}
}
