package rules

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/rpm"
	"github.com/claimkit/claimkit/x12"
)

// Rule is one edit: a stable ID, the severity and the payer's likely
// answer (CARC, RARC) of what it finds, and the check. Check looks at
// the whole batch, so that a rule can compare claims of one patient; it
// reports each problem through the Report and must not change the claims.
type Rule struct {
	ID       string
	Severity Severity
	CARC     string
	RARC     string
	// Summary says in one line what the rule checks.
	Summary string
	Check   func(b *Batch, r *Report)
}

// TelehealthModifiers is a payer's policy on modifiers 95 (video) and 93
// (audio-only). Its values are those of the 837P encoder's policy, so one
// setting can drive both.
type TelehealthModifiers string

// Telehealth modifier policies.
const (
	// ModifiersOnTelehealthPOS: lines at POS 02 or 10 carry 95 or 93 (CMS
	// Transmittal 12671). The default.
	ModifiersOnTelehealthPOS TelehealthModifiers = "pos"
	// ModifiersAlways: every real-time telecare line carries 95 or 93,
	// whatever its place of service (payers that want POS 11 + 95).
	ModifiersAlways TelehealthModifiers = "always"
	// ModifiersNever: the place of service alone says telehealth; lines
	// carry neither 95 nor 93.
	ModifiersNever TelehealthModifiers = "never"
)

// DefaultTimelyFilingDays is Medicare's limit: 12 months from the date
// of service.
const DefaultTimelyFilingDays = 365

// DefaultTimelyFilingWarnDays is how long before the limit a warning starts.
const DefaultTimelyFilingWarnDays = 30

// PayerProfile is what differs between payers. The zero value means the
// defaults: modifiers with telehealth POS, POS 02 and 10 for telehealth,
// any code and any diagnosis, 365 days to file.
type PayerProfile struct {
	// PayerID selects the claims (Coverage.Payer.PayerID) the profile is
	// for; empty in the default profile.
	PayerID string `json:"payer_id,omitempty"`
	Name    string `json:"name,omitempty"`
	// TelehealthModifiers is the 95/93 policy; empty means
	// ModifiersOnTelehealthPOS.
	TelehealthModifiers TelehealthModifiers `json:"telehealth_modifiers,omitempty"`
	// TelehealthPOS are the places of service that mean telehealth; empty
	// means 02 and 10.
	TelehealthPOS []claims.PlaceOfService `json:"telehealth_pos,omitempty"`
	// TelehealthCodes, when set, are the only codes payable at a
	// telehealth place of service.
	TelehealthCodes []string `json:"telehealth_codes,omitempty"`
	// RPMDiagnoses, when set, are the ICD-10-CM codes or code prefixes
	// ("I10", "I50") of which a line with an RPM code must point at one.
	RPMDiagnoses []string `json:"rpm_diagnoses,omitempty"`
	// RPMPlaceOfService, when set, are the places of service RPM and RTM
	// lines may have (11, or 12 for some payers).
	RPMPlaceOfService []claims.PlaceOfService `json:"rpm_place_of_service,omitempty"`
	// TimelyFilingDays is the filing limit from the date of service; zero
	// means DefaultTimelyFilingDays. TimelyFilingWarnDays is how long
	// before it a warning starts; zero means DefaultTimelyFilingWarnDays.
	TimelyFilingDays     int `json:"timely_filing_days,omitempty"`
	TimelyFilingWarnDays int `json:"timely_filing_warn_days,omitempty"`
}

func (p PayerProfile) withDefaults() PayerProfile {
	if p.TelehealthModifiers == "" {
		p.TelehealthModifiers = ModifiersOnTelehealthPOS
	}
	if len(p.TelehealthPOS) == 0 {
		p.TelehealthPOS = []claims.PlaceOfService{claims.POSTelehealth, claims.POSTelehealthInHome}
	}
	if p.TimelyFilingDays <= 0 {
		p.TimelyFilingDays = DefaultTimelyFilingDays
	}
	if p.TimelyFilingWarnDays <= 0 {
		p.TimelyFilingWarnDays = DefaultTimelyFilingWarnDays
	}
	return p
}

// ErrProfile: a payer profile that cannot be used.
var ErrProfile = errors.New("rules: bad payer profile")

// Validate checks the profile's policy and lists.
func (p PayerProfile) Validate() error {
	switch p.TelehealthModifiers {
	case "", ModifiersOnTelehealthPOS, ModifiersAlways, ModifiersNever:
	default:
		return fmt.Errorf("%w: payer %q: telehealth_modifiers %q is not pos, always or never", ErrProfile, p.PayerID, p.TelehealthModifiers)
	}
	for _, pos := range append(slices.Clone(p.TelehealthPOS), p.RPMPlaceOfService...) {
		if !validPOS(pos) {
			return fmt.Errorf("%w: payer %q: %q is not a place of service code", ErrProfile, p.PayerID, pos)
		}
	}
	if p.TimelyFilingDays < 0 || p.TimelyFilingWarnDays < 0 {
		return fmt.Errorf("%w: payer %q: negative timely filing days", ErrProfile, p.PayerID)
	}
	return nil
}

// RuleSet is an immutable list of rules with the payer profiles and the
// RPM/RTM code catalogue they use. Build one with NewRuleSet or
// DefaultRuleSet and derive others with the With methods, which return
// copies.
type RuleSet struct {
	rules     []Rule
	def       PayerProfile
	profiles  []PayerProfile
	catalogue rpm.Catalogue
}

// NewRuleSet returns a rule set of rules, the default profile and the
// default RPM/RTM catalogue. Rule IDs must be unique and every rule needs
// a Check and a severity.
func NewRuleSet(rules ...Rule) (RuleSet, error) {
	for i, r := range rules {
		switch {
		case r.ID == "":
			return RuleSet{}, fmt.Errorf("rules: rule %d has no ID", i)
		case r.Check == nil:
			return RuleSet{}, fmt.Errorf("rules: rule %s has no check", r.ID)
		case r.Severity != Error && r.Severity != Warning:
			return RuleSet{}, fmt.Errorf("rules: rule %s: severity %q is not error or warning", r.ID, r.Severity)
		}
		for _, o := range rules[:i] {
			if o.ID == r.ID {
				return RuleSet{}, fmt.Errorf("rules: rule %s is listed twice", r.ID)
			}
		}
	}
	return RuleSet{rules: slices.Clone(rules), catalogue: rpm.DefaultCatalogue()}, nil
}

// Rules returns a copy of the rules in order.
func (s RuleSet) Rules() []Rule { return slices.Clone(s.rules) }

// Rule returns the rule with the ID, or false.
func (s RuleSet) Rule(id string) (Rule, bool) {
	for _, r := range s.rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Without returns a copy of s without the rules of the given IDs.
func (s RuleSet) Without(ids ...string) RuleSet {
	s.rules = slices.DeleteFunc(slices.Clone(s.rules), func(r Rule) bool { return slices.Contains(ids, r.ID) })
	return s
}

// With returns a copy of s with r added, or replacing the rule of its ID.
func (s RuleSet) With(r Rule) (RuleSet, error) {
	rules := slices.Clone(s.rules)
	if i := slices.IndexFunc(rules, func(o Rule) bool { return o.ID == r.ID }); i >= 0 {
		rules[i] = r
	} else {
		rules = append(rules, r)
	}
	n, err := NewRuleSet(rules...)
	if err != nil {
		return s, err
	}
	n.def, n.profiles, n.catalogue = s.def, s.profiles, s.catalogue
	return n, nil
}

// WithSeverity returns a copy of s in which rule id has severity sev.
func (s RuleSet) WithSeverity(id string, sev Severity) (RuleSet, error) {
	r, ok := s.Rule(id)
	if !ok {
		return s, fmt.Errorf("rules: no rule %s", id)
	}
	r.Severity = sev
	return s.With(r)
}

// WithProfile returns a copy of s with a profile for p.PayerID (the
// default profile when it is empty), replacing any before.
func (s RuleSet) WithProfile(p PayerProfile) (RuleSet, error) {
	if err := p.Validate(); err != nil {
		return s, err
	}
	p.TelehealthPOS = slices.Clone(p.TelehealthPOS)
	p.TelehealthCodes = slices.Clone(p.TelehealthCodes)
	p.RPMDiagnoses = slices.Clone(p.RPMDiagnoses)
	p.RPMPlaceOfService = slices.Clone(p.RPMPlaceOfService)
	if p.PayerID == "" {
		s.def = p
		return s, nil
	}
	s.profiles = slices.DeleteFunc(slices.Clone(s.profiles), func(o PayerProfile) bool { return o.PayerID == p.PayerID })
	s.profiles = append(s.profiles, p)
	return s, nil
}

// WithCatalogue returns a copy of s that knows RPM and RTM codes from c.
func (s RuleSet) WithCatalogue(c rpm.Catalogue) RuleSet {
	s.catalogue = c
	return s
}

// Profile returns the profile for a payer ID, with defaults filled in:
// the payer's own, or the default profile.
func (s RuleSet) Profile(payerID string) PayerProfile {
	for _, p := range s.profiles {
		if p.PayerID == payerID {
			return p.withDefaults()
		}
	}
	return s.def.withDefaults()
}

// Batch is what a rule checks: the claims, the as-of date, and the
// profile and catalogue lookups of the rule set.
type Batch struct {
	// Claims are the claims being checked; rules must not change them.
	Claims []claims.Claim
	// AsOf is "today" for future-date and timely-filing checks.
	AsOf      x12.Date
	Catalogue rpm.Catalogue
	profiles  []PayerProfile // by claim index
	rpm       []rpmLine      // RPM and RTM lines by patient, once found
}

// Profile returns the payer profile of claim i.
func (b *Batch) Profile(i int) *PayerProfile { return &b.profiles[i] }

// Report collects the problems one rule finds.
type Report struct {
	batch *Batch
	rule  int
	r     *Rule
	out   *[]found
}

// Claim reports a problem of claim i at a claim-level field.
func (r *Report) Claim(i int, field, format string, args ...any) {
	r.add(i, -1, field, format, args...)
}

// Line reports a problem of line j of claim i; field is relative to the
// line ("units", "procedure.modifiers").
func (r *Report) Line(i, j int, field, format string, args ...any) {
	path := "lines[" + strconv.Itoa(j) + "]"
	if field != "" {
		path += "." + field
	}
	r.add(i, j, path, format, args...)
}

func (r *Report) add(i, j int, field, format string, args ...any) {
	c := &r.batch.Claims[i]
	line := 0
	if j >= 0 {
		line = j + 1
		if n := c.Lines[j].Number; n > 0 {
			line = n
		}
	}
	*r.out = append(*r.out, found{claim: i, line: j, rule: r.rule, seq: len(*r.out), Finding: Finding{
		Rule: r.r.ID, Severity: r.r.Severity, ClaimID: claimID(c), Line: line, Field: field,
		Message: fmt.Sprintf(format, args...), CARC: r.r.CARC, RARC: r.r.RARC,
	}})
}

func claimID(c *claims.Claim) string {
	if c.ID != "" {
		return c.ID
	}
	return c.PatientControlNumber
}

// Check runs every rule of set over the claims as of asOf and returns the
// findings ordered by claim, line (claim-level first) and rule. A rule
// that panics is a programming error and is not recovered.
func Check(cs []claims.Claim, set RuleSet, asOf x12.Date) []Finding {
	cs = withParties(cs)
	b := &Batch{Claims: cs, AsOf: asOf, Catalogue: set.catalogue, profiles: make([]PayerProfile, len(cs))}
	for i := range cs {
		b.profiles[i] = set.Profile(cs[i].Coverage.Payer.PayerID)
	}
	var out []found
	for i := range set.rules {
		set.rules[i].Check(b, &Report{batch: b, rule: i, r: &set.rules[i], out: &out})
	}
	slices.SortFunc(out, compareFound)
	fs := make([]Finding, len(out))
	for i, f := range out {
		fs[i] = f.Finding
	}
	return fs
}

// withParties returns cs, or a shallow copy of it in which each claim
// that lacks a required party points at an empty one: rules read
// c.Patient.Name without a nil check, and the party rules then report
// what is missing (no NPI, no member ID, no name).
func withParties(cs []claims.Claim) []claims.Claim {
	var out []claims.Claim
	for i := range cs {
		if cs[i].MissingParty() == "" {
			continue
		}
		if out == nil {
			out = slices.Clone(cs)
		}
		c := &out[i]
		if c.BillingProvider == nil {
			c.BillingProvider = &claims.Provider{}
		}
		if c.Coverage == nil {
			c.Coverage = &claims.Coverage{}
		}
		if c.Patient == nil {
			c.Patient = &claims.Patient{}
		}
	}
	if out == nil {
		return cs
	}
	return out
}

// CheckClaim runs set over one claim alone.
func CheckClaim(c *claims.Claim, set RuleSet, asOf x12.Date) []Finding {
	return Check([]claims.Claim{*c}, set, asOf)
}

// ErrNotCheckable: Apply was given a claim that was already sent.
var ErrNotCheckable = errors.New("rules: only draft and ready-to-submit claims are validated")

// Apply sets a claim's status from the findings of its validation (those
// whose ClaimID is the claim's): with any error the claim is Draft,
// otherwise ReadyToSubmit. A change goes through Claim.Transition, so
// the history records ch; a Draft claim that fails again gets a Draft to
// Draft entry naming the rules, as claims itself records for a new draft.
// The reason names the failed rules, never patient data. It returns the
// claim's findings.
func Apply(c *claims.Claim, findings []Finding, ch claims.Change) ([]Finding, error) {
	id := claimID(c)
	var mine []Finding
	for _, f := range findings {
		if f.ClaimID == id {
			mine = append(mine, f)
		}
	}
	from := c.Status
	if from == "" {
		from = claims.Draft
	}
	if from != claims.Draft && from != claims.ReadyToSubmit {
		return mine, fmt.Errorf("%w: claim %s is %s", ErrNotCheckable, id, from)
	}
	if !HasErrors(mine) {
		if ch.Reason == "" {
			ch.Reason = "validation passed"
		}
		if from == claims.ReadyToSubmit {
			return mine, nil
		}
		return mine, c.Transition(claims.ReadyToSubmit, ch)
	}
	if ch.Reason == "" {
		ch.Reason = "validation failed: " + failedRules(mine)
	}
	if from == claims.ReadyToSubmit {
		return mine, c.Transition(claims.Draft, ch)
	}
	c.Status = claims.Draft
	c.Record(ch)
	return mine, nil
}

// failedRules lists the IDs of the rules with errors, each once.
func failedRules(fs []Finding) string {
	var ids []string
	for _, f := range fs {
		if f.Severity == Error && !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return s
}
