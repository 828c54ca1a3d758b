package eligibility

import (
	"slices"
	"strings"

	"github.com/claimkit/claimkit/x12"
	"github.com/shopspring/decimal"
)

// Status is the coverage answer: active, inactive or unknown.
type Status string

// Coverage statuses.
const (
	// Active: an EB with EB01 1-5 applies to the service type on the date.
	Active Status = "active"
	// Inactive: an EB with EB01 6-8 applies, or the member's plan or
	// eligibility begins after or ends before the date.
	Inactive Status = "inactive"
	// Unknown: the payer rejected the inquiry (AAA), the response speaks
	// about other dates, or no EB says either way.
	Unknown Status = "unknown"
)

// Coverage is the answer for one member, one service type and one date.
type Coverage struct {
	// Level and MemberID say whom the answer is about (NM109 of the
	// member; a dependent often has none).
	Level       Level       `json:"level,omitempty"`
	MemberID    string      `json:"member_id,omitempty"`
	ServiceType ServiceType `json:"service_type"`
	AsOf        x12.Date    `json:"as_of"`
	Status      Status      `json:"status"`
	// Reason says in one line why: the EB, AAA or date that decided.
	Reason string `json:"reason"`
	// InsuranceType and Plan are EB04 and EB05 of the EB that decided.
	InsuranceType string `json:"insurance_type,omitempty"`
	Plan          string `json:"plan,omitempty"`
	// NonCovered: an EB*I names the service type (coverage may still be
	// active for the plan).
	NonCovered bool `json:"non_covered,omitempty"`
	// AuthorizationRequired: an applicable EB has EB11 = Y.
	AuthorizationRequired bool `json:"authorization_required,omitempty"`
	// Copay (EB*B), Coinsurance (EB*A, as a fraction), Deductible (EB*C)
	// and OutOfPocket (EB*G) list every applicable amount, with the time
	// period and network they are for; Remaining marks what is left.
	Copay       []CostShare `json:"copay,omitempty"`
	Coinsurance []CostShare `json:"coinsurance,omitempty"`
	Deductible  []CostShare `json:"deductible,omitempty"`
	OutOfPocket []CostShare `json:"out_of_pocket,omitempty"`
	// Telehealth: an applicable EB carries III*ZZ*02 or III*ZZ*10 (the
	// telehealth places of service) or a MSG about telehealth.
	Telehealth         bool     `json:"telehealth"`
	TelehealthEvidence []string `json:"telehealth_evidence,omitempty"`
	// Rejections are the AAAs that made the answer unknown, or that the
	// applicable EBs carry.
	Rejections []Rejection `json:"rejections,omitempty"`
}

// CostShare is one copay, coinsurance, deductible or out-of-pocket value.
type CostShare struct {
	// Value is EB07 (an amount) or, for coinsurance, EB08 (a fraction).
	Value decimal.Decimal `json:"value"`
	// Remaining is true when EB06 is 29 (remaining) or 33 (lifetime remaining).
	Remaining     bool   `json:"remaining"`
	TimePeriod    string `json:"time_period,omitempty"`
	InNetwork     string `json:"in_network,omitempty"`
	CoverageLevel string `json:"coverage_level,omitempty"`
	InsuranceType string `json:"insurance_type,omitempty"`
	// ServiceType is the service type the EB named: the one asked for,
	// or 30 (or empty) when the EB is for the plan as a whole.
	ServiceType ServiceType `json:"service_type,omitempty"`
}

// Coverage answers for every member of r (subscribers and dependents, in
// file order) whether it is covered for service type st (30 when empty)
// on asOf. An AAA at the payer or receiver level makes every answer under
// it unknown; a response without members gives one unknown answer that
// carries the rejections, if any.
func (r *Response) Coverage(st ServiceType, asOf x12.Date) []Coverage {
	if st == "" {
		st = HealthBenefitPlanCoverage
	}
	var out []Coverage
	none := func(rejections []Rejection, why string) {
		c := Coverage{ServiceType: st, AsOf: asOf, Status: Unknown, Reason: why, Rejections: rejections}
		if len(rejections) > 0 {
			c.Reason = "the payer rejected the inquiry: " + rejections[0].describe()
		}
		out = append(out, c)
	}
	for _, s := range r.Sources {
		if len(s.Receivers) == 0 {
			none(s.Rejections, "the response names no information receiver")
		}
		for _, rc := range s.Receivers {
			up := slices.Concat(s.Rejections, rc.Rejections)
			if len(rc.Subscribers) == 0 {
				none(up, "the response names no subscriber")
			}
			for i := range rc.Subscribers {
				sub := &rc.Subscribers[i]
				for _, m := range append([]*Member{sub}, memberPtrs(sub.Dependents)...) {
					if len(up) > 0 {
						c := Coverage{Level: m.Level, MemberID: m.ID, ServiceType: st, AsOf: asOf, Status: Unknown,
							Reason: "the payer rejected the inquiry: " + up[0].describe(), Rejections: up}
						out = append(out, c)
						continue
					}
					out = append(out, m.Coverage(st, asOf))
				}
			}
		}
	}
	if len(out) == 0 {
		none(nil, "the response names no information source")
	}
	return out
}

func memberPtrs(ms []Member) []*Member {
	out := make([]*Member, len(ms))
	for i := range ms {
		out[i] = &ms[i]
	}
	return out
}

// describe renders a rejection in one line without patient data.
func (rj Rejection) describe() string {
	s := "AAA03 " + string(rj.Reason)
	if rj.ReasonText != "" {
		s += " (" + rj.ReasonText + ")"
	}
	s += " in " + rj.Loop
	if rj.FollowUp != "" {
		s += ", follow-up " + string(rj.FollowUp)
		if rj.FollowUpText != "" {
			s += " (" + rj.FollowUpText + ")"
		}
	}
	return s
}

// Coverage answers from m alone whether it is covered for service type
// st (30 when empty) on asOf.
//
// An AAA on the member makes the answer unknown. Member dates decide
// next: plan or eligibility begin (346, 356) after asOf or end (347, 357)
// before it make it inactive; a plan, benefit or eligibility range (291,
// 292, 307) that does not hold asOf makes it unknown. Then the EBs that
// are in effect on asOf (their own DTPs, read the same way) and name st
// decide: an active EB01 (1-5) wins over an inactive one (6-8); the begin
// and end dates of an inactive EB say when its coverage ended or begins
// and do not bound it, its date ranges do. EBs for
// the plan as a whole (EB03 30 or empty) count when no EB names st
// itself. Cost shares and telehealth signals are read from the same EBs.
func (m *Member) Coverage(st ServiceType, asOf x12.Date) Coverage {
	if st == "" {
		st = HealthBenefitPlanCoverage
	}
	c := Coverage{Level: m.Level, MemberID: m.ID, ServiceType: st, AsOf: asOf, Status: Unknown}
	if len(m.Rejections) > 0 {
		c.Rejections = m.Rejections
		c.Reason = "the payer rejected the inquiry: " + m.Rejections[0].describe()
		return c
	}
	if s, why := dateVerdict(m.Dates, asOf, false); s != "" {
		c.Status, c.Reason = s, why
		return c
	}
	var exact, generic []*Benefit
	for i := range m.Benefits {
		b := &m.Benefits[i]
		lvl := matchLevel(b, st)
		if lvl == 0 {
			continue
		}
		// The begin and end dates of an inactive EB tell when the
		// coverage ended or will begin; only its ranges bound it.
		if s, _ := dateVerdict(b.Dates, asOf, b.Code.IsInactive()); s != "" {
			continue
		}
		if lvl == 2 {
			exact = append(exact, b)
		} else {
			generic = append(generic, b)
		}
	}
	decided := statusFrom(exact)
	if decided == nil {
		decided = statusFrom(generic)
	}
	if decided == nil {
		c.Reason = "no EB with EB01 1-8 applies to service type " + string(st) + " on " + asOf.String()
	} else {
		c.Status = Active
		if decided.Code.IsInactive() {
			c.Status = Inactive
		}
		c.InsuranceType, c.Plan = decided.InsuranceType, decided.PlanDescription
		c.Reason = "EB01 " + string(decided.Code) + " (" + decided.Meaning + ")"
		if len(decided.ServiceTypes) == 0 {
			c.Reason += " for the plan as a whole"
		} else if slices.Contains(decided.ServiceTypes, st) {
			c.Reason += " for service type " + string(st)
		} else {
			c.Reason += " for service type 30 (plan coverage)"
		}
	}
	c.Copay = costShares(exact, generic, CoPayment, st)
	c.Coinsurance = costShares(exact, generic, CoInsurance, st)
	c.Deductible = costShares(exact, generic, Deductible, st)
	c.OutOfPocket = costShares(exact, generic, OutOfPocket, st)
	for _, b := range exact {
		if b.Code == NonCovered {
			c.NonCovered = true
		}
	}
	applicable := exact
	if len(applicable) == 0 {
		applicable = generic
	}
	for _, b := range applicable {
		if b.AuthorizationRequired == "Y" {
			c.AuthorizationRequired = true
		}
		c.Rejections = append(c.Rejections, b.Rejections...)
	}
	for _, b := range slices.Concat(exact, generic) {
		c.TelehealthEvidence = append(c.TelehealthEvidence, telehealthEvidence(b)...)
	}
	c.Telehealth = len(c.TelehealthEvidence) > 0
	return c
}

// matchLevel says how b applies to st: 2 it names st, 1 it is for the
// plan as a whole (EB03 empty or 30), 0 not at all.
func matchLevel(b *Benefit, st ServiceType) int {
	switch {
	case slices.Contains(b.ServiceTypes, st):
		return 2
	case len(b.ServiceTypes) == 0, slices.Contains(b.ServiceTypes, HealthBenefitPlanCoverage):
		return 1
	}
	return 0
}

// statusFrom returns the first active EB of bs, else the first inactive
// one, else nil.
func statusFrom(bs []*Benefit) *Benefit {
	var inactive *Benefit
	for _, b := range bs {
		if b.Code.IsActive() {
			return b
		}
		if b.Code.IsInactive() && inactive == nil {
			inactive = b
		}
	}
	return inactive
}

// dateVerdict says whether dates exclude asOf: Inactive when a begin date
// (346 plan, 356 eligibility) is after it or an end date (347, 357) is
// before it, Unknown when a plan, benefit or eligibility date (291, 292,
// 307) does not hold it, "" when nothing excludes it. Inactive wins.
// rangesOnly ignores the begin and end dates.
func dateVerdict(dates []DateInfo, asOf x12.Date, rangesOnly bool) (Status, string) {
	var verdict Status
	var why string
	for _, d := range dates {
		q := d.Qualifier
		if rangesOnly && (q == "346" || q == "347" || q == "356" || q == "357") {
			continue
		}
		switch q {
		case "346", "356":
			if asOf.Before(d.From) {
				return Inactive, "coverage begins " + d.From.String() + " (DTP " + d.Qualifier + ")"
			}
			if d.Format == "RD8" && asOf.After(d.To) {
				return Inactive, "coverage ended " + d.To.String() + " (DTP " + d.Qualifier + ")"
			}
		case "347", "357":
			if asOf.After(d.To) {
				return Inactive, "coverage ended " + d.To.String() + " (DTP " + d.Qualifier + ")"
			}
		case "291", "292", "307":
			if verdict != "" {
				continue
			}
			if asOf.Before(d.From) || d.Format == "RD8" && asOf.After(d.To) {
				verdict = Unknown
				why = "the response speaks of " + d.From.String()
				if d.Format == "RD8" {
					why += " to " + d.To.String()
				} else {
					why += " onwards"
				}
				why += " (DTP " + d.Qualifier + "), not " + asOf.String()
			}
		}
	}
	return verdict, why
}

// costShares returns the values of EBs with code from exact, or from
// generic when exact has none.
func costShares(exact, generic []*Benefit, code BenefitCode, st ServiceType) []CostShare {
	out := collectShares(exact, code, st)
	if len(out) == 0 {
		out = collectShares(generic, code, st)
	}
	return out
}

func collectShares(bs []*Benefit, code BenefitCode, st ServiceType) []CostShare {
	var out []CostShare
	for _, b := range bs {
		if b.Code != code {
			continue
		}
		v := b.Amount
		if code == CoInsurance {
			v = b.Percent
		}
		if v == nil {
			continue
		}
		cs := CostShare{Value: *v, Remaining: b.TimePeriod == "29" || b.TimePeriod == "33", TimePeriod: b.TimePeriod,
			InNetwork: b.InNetwork, CoverageLevel: b.CoverageLevel, InsuranceType: b.InsuranceType}
		switch {
		case slices.Contains(b.ServiceTypes, st):
			cs.ServiceType = st
		case len(b.ServiceTypes) > 0:
			cs.ServiceType = HealthBenefitPlanCoverage
		}
		out = append(out, cs)
	}
	return out
}

// telehealthWords are MSG texts that signal telehealth (X12 RFI 1957
// says to use MSG; RFI 2486 codifies III*ZZ*02).
var telehealthWords = []string{"TELEHEALTH", "TELE-HEALTH", "TELEMEDICINE", "TELE-MEDICINE", "VIRTUAL VISIT"}

// telehealthEvidence lists what in b signals telehealth.
func telehealthEvidence(b *Benefit) []string {
	var out []string
	what := "EB01 " + string(b.Code)
	if b.Code == NonCovered {
		what += " (non-covered)"
	}
	for _, ic := range b.IndustryCodes {
		if ic.Qualifier == "ZZ" && (ic.Code == "02" || ic.Code == "10") {
			out = append(out, "III*ZZ*"+ic.Code+" on "+what)
		}
	}
	for _, msg := range b.Messages {
		up := strings.ToUpper(msg)
		for _, w := range telehealthWords {
			if strings.Contains(up, w) {
				out = append(out, "MSG on "+what+": "+msg)
				break
			}
		}
	}
	return out
}
