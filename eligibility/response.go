package eligibility

import (
	"log/slog"

	"github.com/claimkit/claimkit/x12"
	"github.com/shopspring/decimal"
)

// Response is one 271 transaction set (ST..SE): the payer's answer to
// one or more 270 inquiries, as a tree of information sources (payers),
// receivers (providers) and members (subscribers with their dependents).
type Response struct {
	// ControlNumber is ST02.
	ControlNumber string `json:"control_number"`
	// Version is ST03, or GS08 when ST03 is absent.
	Version string `json:"version"`
	// Purpose is BHT02: 11 response, 06 confirmation.
	Purpose string `json:"purpose,omitempty"`
	// Reference is BHT03, the submitter's reference echoed back.
	Reference string        `json:"reference,omitempty"`
	Date      x12.Date      `json:"date,omitzero"`
	Time      x12.TimeOfDay `json:"-"`
	// Sources are the 2000A loops.
	Sources []Source `json:"sources"`
	// Pos is the position of the ST segment.
	Pos x12.Position `json:"-"`
}

// Source is an information source (loop 2000A/2100A): the payer.
type Source struct {
	Entity
	Rejections []Rejection `json:"rejections,omitempty"`
	// Receivers are the 2000B loops under this source.
	Receivers []Receiver `json:"receivers,omitempty"`
}

// Receiver is an information receiver (loop 2000B/2100B): the provider
// that asked.
type Receiver struct {
	Entity
	Rejections []Rejection `json:"rejections,omitempty"`
	// Subscribers are the 2000C loops under this receiver.
	Subscribers []Member `json:"subscribers,omitempty"`
}

// Entity is an NM1 with the segments that describe it: REF, N3/N4, PER
// and PRV. It is a payer, a provider, a member or a benefit-related
// entity (loop 2120C/D: another payer, a primary care provider, ...).
type Entity struct {
	// EntityCode is NM101: PR payer, 1P provider, IL subscriber, 03
	// dependent, P3 primary care provider, PRP primary payer, ...
	EntityCode string `json:"entity_code,omitempty"`
	// EntityType is NM102: 1 person, 2 non-person.
	EntityType string `json:"entity_type,omitempty"`
	// Organization is NM103 for a non-person, LastName for a person.
	Organization string `json:"organization,omitempty"`
	LastName     string `json:"last_name,omitempty"`
	FirstName    string `json:"first_name,omitempty"`
	MiddleName   string `json:"middle_name,omitempty"`
	Prefix       string `json:"prefix,omitempty"`
	Suffix       string `json:"suffix,omitempty"`
	// IDQualifier is NM108 (PI payer ID, XX NPI, MI member ID, SV service
	// provider number, ...) and ID is NM109.
	IDQualifier string `json:"id_qualifier,omitempty"`
	ID          string `json:"id,omitempty"`
	// Relationship is NM110 in a benefit-related entity (2120C/D).
	Relationship string      `json:"relationship,omitempty"`
	References   []Reference `json:"references,omitempty"`
	Address      *Address    `json:"address,omitempty"`
	Contacts     []Contact   `json:"contacts,omitempty"`
	// Provider is the PRV segment, when present.
	Provider *ProviderInfo `json:"provider,omitempty"`
}

// LogValue redacts the entity: names and identifiers may be patient data.
func (e Entity) LogValue() slog.Value {
	return slog.GroupValue(slog.String("entity_code", e.EntityCode), slog.String("name", "[redacted]"))
}

// Reference is a REF segment: qualifier (REF01), value and description.
type Reference struct {
	Qualifier   string `json:"qualifier"`
	Value       string `json:"value,omitempty"`
	Description string `json:"description,omitempty"`
}

// Address is N3/N4. LocationQualifier and Location are N405/N406 (for
// example CY and a county code).
type Address struct {
	Line1             string `json:"line1,omitempty"`
	Line2             string `json:"line2,omitempty"`
	City              string `json:"city,omitempty"`
	State             string `json:"state,omitempty"`
	PostalCode        string `json:"postal_code,omitempty"`
	Country           string `json:"country,omitempty"`
	LocationQualifier string `json:"location_qualifier,omitempty"`
	Location          string `json:"location,omitempty"`
	// Subdivision is N407, the country subdivision outside the US.
	Subdivision string `json:"subdivision,omitempty"`
}

// Contact is a PER segment: a name and up to three numbers, each with
// its qualifier (TE telephone, FX fax, EM e-mail, UR web address, ...).
type Contact struct {
	Function string   `json:"function,omitempty"`
	Name     string   `json:"name,omitempty"`
	Numbers  []Number `json:"numbers,omitempty"`
}

// Number is one communication number of a PER segment.
type Number struct {
	Qualifier string `json:"qualifier"`
	Value     string `json:"value"`
}

// ProviderInfo is a PRV segment: provider code, reference qualifier and
// identifier (for example a taxonomy code under PXC).
type ProviderInfo struct {
	Code        string `json:"code,omitempty"`
	IDQualifier string `json:"id_qualifier,omitempty"`
	ID          string `json:"id,omitempty"`
}

// Level says whether a Member is the subscriber or a dependent.
type Level string

// Member levels (HL03 22 and 23).
const (
	SubscriberLevel Level = "subscriber"
	DependentLevel  Level = "dependent"
)

// Member is a subscriber (loop 2000C) or a dependent (2000D) with its
// name and identifiers, dates, validation rejections and benefits.
type Member struct {
	Level Level `json:"level"`
	Entity
	// Traces are the TRN segments: TRN01 2 echoes the submitter's trace,
	// 1 is the payer's own.
	Traces    []Trace  `json:"traces,omitempty"`
	BirthDate x12.Date `json:"birth_date,omitzero"`
	Gender    string   `json:"gender,omitempty"`
	// Insured is the INS segment (relationship to the subscriber).
	Insured *Insured `json:"insured,omitempty"`
	// Dates are the member-level DTP segments (plan begin 346, plan end
	// 347, eligibility 307, plan 291, ...).
	Dates      []DateInfo  `json:"dates,omitempty"`
	Rejections []Rejection `json:"rejections,omitempty"`
	// Benefits are the EB loops (2110C/D) in file order.
	Benefits []Benefit `json:"benefits,omitempty"`
	// Inquiries are the EQ loops of a 270; a 271 has none.
	Inquiries []Inquiry `json:"inquiries,omitempty"`
	// Dependents are the 2000D loops under a subscriber.
	Dependents []Member `json:"dependents,omitempty"`
	// Pos is the position of the member's HL segment.
	Pos x12.Position `json:"-"`
}

// Trace is a TRN segment.
type Trace struct {
	// Type is TRN01: 1 current transaction trace number, 2 referenced
	// (echoed) trace number.
	Type       string `json:"type"`
	Number     string `json:"number"`
	Originator string `json:"originator,omitempty"`
	// Supplemental is TRN04, the originator's department or division.
	Supplemental string `json:"supplemental,omitempty"`
}

// Insured is an INS segment in a 2100C/D loop.
type Insured struct {
	// Subscriber is INS01 = Y.
	Subscriber bool `json:"subscriber"`
	// Relationship is INS02: 18 self, 01 spouse, 19 child, ...
	Relationship string `json:"relationship,omitempty"`
	// Maintenance is INS03 and MaintenanceReason INS04 (a change in
	// identifying data the payer reports).
	Maintenance       string `json:"maintenance,omitempty"`
	MaintenanceReason string `json:"maintenance_reason,omitempty"`
	// BirthSequence is INS17, for multiple births.
	BirthSequence string `json:"birth_sequence,omitempty"`
}

// DateInfo is a DTP segment: the qualifier says what the date is (291
// plan, 346 plan begin, 347 plan end, 356/357 eligibility begin/end, 307
// eligibility, 292 benefit, 472 service, ...). A D8 date has From == To.
type DateInfo struct {
	Qualifier string `json:"qualifier"`
	// Format is D8 or RD8.
	Format string   `json:"format"`
	From   x12.Date `json:"from"`
	To     x12.Date `json:"to"`
}

// Rejection is an AAA segment: the payer could not process the request
// at this loop.
type Rejection struct {
	// Loop is where the AAA was: 2000A, 2100A, 2100B, 2100C, 2110C,
	// 2000D, 2100D or 2110D.
	Loop string `json:"loop"`
	// ValidRequest is AAA01: Y the request was valid but could not be
	// answered, N it was invalid.
	ValidRequest bool         `json:"valid_request"`
	Reason       RejectReason `json:"reason"`
	ReasonText   string       `json:"reason_text,omitempty"`
	FollowUp     FollowUp     `json:"follow_up,omitempty"`
	FollowUpText string       `json:"follow_up_text,omitempty"`
	Pos          x12.Position `json:"-"`
}

// Benefit is an EB loop (2110C/D): one piece of eligibility or benefit
// information with its dates, references, messages, place-of-service
// qualifiers and related entities.
type Benefit struct {
	// Code is EB01 and Meaning its name.
	Code    BenefitCode `json:"code"`
	Meaning string      `json:"meaning,omitempty"`
	// CoverageLevel is EB02: IND, FAM, EMP, ESP, ECH, CHD, DEP, SPC, SPO.
	CoverageLevel string `json:"coverage_level,omitempty"`
	// ServiceTypes is EB03 (repeated). Empty means the plan as a whole.
	ServiceTypes []ServiceType `json:"service_types,omitempty"`
	// InsuranceType is EB04: MA, MB, MC, HM, HN, PR, C1, QM, ...
	InsuranceType   string `json:"insurance_type,omitempty"`
	PlanDescription string `json:"plan_description,omitempty"`
	// TimePeriod is EB06: 23 calendar year, 27 visit, 29 remaining, ...
	TimePeriod string `json:"time_period,omitempty"`
	// Amount is EB07 (copay, deductible, out-of-pocket amount).
	Amount *decimal.Decimal `json:"amount,omitempty"`
	// Percent is EB08 as a fraction: 0.2 is 20 percent.
	Percent *decimal.Decimal `json:"percent,omitempty"`
	// QuantityQualifier is EB09 (VS visits, DY days, ...) and Quantity EB10.
	QuantityQualifier string           `json:"quantity_qualifier,omitempty"`
	Quantity          *decimal.Decimal `json:"quantity,omitempty"`
	// AuthorizationRequired is EB11: Y, N or U (unknown).
	AuthorizationRequired string `json:"authorization_required,omitempty"`
	// InNetwork is EB12: Y in network, N out of network, W not
	// applicable (both), U unknown.
	InNetwork string `json:"in_network,omitempty"`
	// Procedure is EB13.
	Procedure *Procedure `json:"procedure,omitempty"`
	// DiagnosisPointers is EB14.
	DiagnosisPointers []string `json:"diagnosis_pointers,omitempty"`
	// Delivery are the HSD segments (visit limits and frequencies).
	Delivery   []Delivery  `json:"delivery,omitempty"`
	References []Reference `json:"references,omitempty"`
	Dates      []DateInfo  `json:"dates,omitempty"`
	Rejections []Rejection `json:"rejections,omitempty"`
	// Messages are the MSG texts.
	Messages []string `json:"messages,omitempty"`
	// IndustryCodes are the III segments; III*ZZ*02 and III*ZZ*10 are the
	// CMS places of service for telehealth.
	IndustryCodes []IndustryCode `json:"industry_codes,omitempty"`
	// Entities are the benefit-related entities (2120C/D, between LS and LE).
	Entities []Entity `json:"related_entities,omitempty"`
	// Pos is the position of the EB segment.
	Pos x12.Position `json:"-"`
}

// Procedure is a medical procedure composite (EB13, EQ02): qualifier
// (HC for CPT/HCPCS), code and up to four modifiers.
type Procedure struct {
	Qualifier string   `json:"qualifier"`
	Code      string   `json:"code"`
	Modifiers []string `json:"modifiers,omitempty"`
}

// Delivery is an HSD segment. Quantity is HSD02; the other fields are
// the codes and counts as sent.
type Delivery struct {
	QuantityQualifier string           `json:"quantity_qualifier,omitempty"`
	Quantity          *decimal.Decimal `json:"quantity,omitempty"`
	Unit              string           `json:"unit,omitempty"`
	SampleModulus     string           `json:"sample_modulus,omitempty"`
	TimePeriod        string           `json:"time_period,omitempty"`
	Periods           string           `json:"periods,omitempty"`
	Frequency         string           `json:"frequency,omitempty"`
	PatternTime       string           `json:"pattern_time,omitempty"`
}

// IndustryCode is an III segment: code list qualifier (III01) and code.
// With qualifier ZZ the code is a CMS place of service.
type IndustryCode struct {
	Qualifier string `json:"qualifier"`
	Code      string `json:"code"`
}

// Inquiry is an EQ loop of a 270 (2110C/D): the service types or the
// procedure asked about, with the place of service (III) when given.
type Inquiry struct {
	ServiceTypes  []ServiceType  `json:"service_types,omitempty"`
	Procedure     *Procedure     `json:"procedure,omitempty"`
	IndustryCodes []IndustryCode `json:"industry_codes,omitempty"`
	Dates         []DateInfo     `json:"dates,omitempty"`
}

// Members returns every subscriber and dependent of r in file order, a
// subscriber before its dependents. The pointers point into r.
func (r *Response) Members() []*Member {
	var out []*Member
	for i := range r.Sources {
		for j := range r.Sources[i].Receivers {
			rc := &r.Sources[i].Receivers[j]
			for k := range rc.Subscribers {
				s := &rc.Subscribers[k]
				out = append(out, s)
				for d := range s.Dependents {
					out = append(out, &s.Dependents[d])
				}
			}
		}
	}
	return out
}

// Rejections returns every AAA of r, from every loop, in file order.
func (r *Response) Rejections() []Rejection {
	var out []Rejection
	for _, s := range r.Sources {
		out = append(out, s.Rejections...)
		for _, rc := range s.Receivers {
			out = append(out, rc.Rejections...)
			for _, sub := range rc.Subscribers {
				out = append(out, sub.allRejections()...)
				for _, dep := range sub.Dependents {
					out = append(out, dep.allRejections()...)
				}
			}
		}
	}
	return out
}

// allRejections returns m's own AAAs and those of its benefits.
func (m *Member) allRejections() []Rejection {
	out := append([]Rejection(nil), m.Rejections...)
	for _, b := range m.Benefits {
		out = append(out, b.Rejections...)
	}
	return out
}
