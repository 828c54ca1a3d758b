package claims

import (
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// Limits of one 837P claim.
const (
	// MaxLines is the number of service lines (loop 2400) a claim can have.
	MaxLines = 50
	// MaxDiagnoses is the number of diagnosis codes (HI01-HI12) a claim can have.
	MaxDiagnoses = 12
	// MaxPointers is the number of diagnosis pointers (SV107) a line can have.
	MaxPointers = 4
	// DefaultPCNLength is the default longest patient control number.
	DefaultPCNLength = 17
)

// ClaimLine is one service line (loop 2400).
type ClaimLine struct {
	// Number is LX01: 1, 2, 3... within the claim.
	Number    int             `json:"number"`
	Procedure Procedure       `json:"procedure"`
	Charge    decimal.Decimal `json:"charge"`
	Units     decimal.Decimal `json:"units"`
	UnitType  UnitType        `json:"unit_type,omitempty"`
	// PlaceOfService is sent in SV105 only when it differs from the claim's.
	PlaceOfService PlaceOfService `json:"place_of_service,omitempty"`
	// Service is the date of service, or the from-to range (DTP*472).
	Service x12.DateRange `json:"service"`
	// DiagnosisPointers are 1-based indexes into Claim.Diagnoses, the
	// line's primary first, at most four, no repeats (SV107).
	DiagnosisPointers []int `json:"diagnosis_pointers"`
	// ControlNumber is the line item control number (REF*6R), echoed by the
	// payer in 835 REF*6R and 277CA REF*FJ.
	ControlNumber string `json:"line_item_control_number,omitempty"`
	// Rendering overrides the claim's rendering provider for this line
	// (loop 2420A); nil when it is the same.
	Rendering *Provider `json:"rendering_provider,omitempty"`
	// Telecare is how the line's service was delivered.
	Telecare Telecare `json:"telecare,omitempty"`
	// Note is line NTE text.
	Note string `json:"note,omitempty"`
	// ChargeItemIDs are the charge items merged into this line, sorted.
	ChargeItemIDs []string `json:"charge_item_ids,omitempty"`
}

// Frequency is the claim frequency code (CLM05-3). The zero value means
// original (1).
type Frequency string

// Claim frequency codes.
const (
	FrequencyOriginal    Frequency = "1"
	FrequencyReplacement Frequency = "7"
	FrequencyVoid        Frequency = "8"
)

// Code returns the CLM05-3 code, 1 for the zero value.
func (f Frequency) Code() string {
	if f == "" {
		return string(FrequencyOriginal)
	}
	return string(f)
}

// Claim is one professional claim (loop 2300 with its parties).
//
// The parties are pointers and are shared: the claims Group makes from a
// batch point at the batch's own providers, coverages and patients, and
// the claims of one subscriber decoded from an 837P share one Coverage.
// Treat them as read-only; copy a party before changing it for one claim.
// A claim needs its billing provider, coverage and patient (MissingParty
// says which is absent); the other parties are optional.
type Claim struct {
	// ID identifies the claim inside claimkit; by default it is the
	// patient control number.
	ID string `json:"id"`
	// PatientControlNumber is CLM01, unique per claim, echoed as CLP01 in
	// the 835 and TRN02 in the 277CA.
	PatientControlNumber string    `json:"patient_control_number"`
	Frequency            Frequency `json:"frequency,omitempty"`
	// OriginalReference is the payer claim control number of the claim a
	// replacement (7) or void (8) refers to (REF*F8); empty on originals.
	OriginalReference string `json:"original_reference,omitempty"`
	// PayerClaimControlNumber is the payer's number for this claim, learnt
	// from a 277CA (REF*1K) or an 835 (CLP07).
	PayerClaimControlNumber string `json:"payer_claim_control_number,omitempty"`

	BillingProvider *Provider `json:"billing_provider"`
	// PayTo is the pay-to provider (loop 2010AB) when payments go to
	// another address; nil otherwise.
	PayTo *Provider `json:"pay_to,omitempty"`
	// Rendering is the rendering provider (loop 2310B); nil when it is
	// the billing provider.
	Rendering *Provider `json:"rendering_provider,omitempty"`
	// ServiceFacility is the service location (loop 2310C); nil when the
	// services were at the billing provider's address.
	ServiceFacility *Facility `json:"service_facility,omitempty"`

	// Coverage holds the payer, the subscriber and the patient's
	// relationship to the subscriber.
	Coverage *Coverage `json:"coverage"`
	Patient  *Patient  `json:"patient"`

	PlaceOfService PlaceOfService `json:"place_of_service"`
	// ProviderSignature is CLM06 (Y/N); empty means Y.
	ProviderSignature string `json:"provider_signature,omitempty"`
	// Assignment is CLM07 (A assigned, B lab only, C not assigned); empty means A.
	Assignment string `json:"assignment,omitempty"`
	// BenefitsAssignment is CLM08 (Y, N, W not applicable); empty means Y.
	BenefitsAssignment string `json:"benefits_assignment,omitempty"`
	// ReleaseOfInformation is CLM09 (Y, I informed consent); empty means Y.
	ReleaseOfInformation string `json:"release_of_information,omitempty"`
	// PriorAuthorization is REF*G1.
	PriorAuthorization string `json:"prior_authorization,omitempty"`
	// Note is claim NTE text.
	Note string `json:"note,omitempty"`

	// Diagnoses are ICD-10-CM codes without the dot: the principal (ABK)
	// first, at most 12.
	Diagnoses []string    `json:"diagnoses"`
	Lines     []ClaimLine `json:"lines"`

	Status  ClaimStatus    `json:"status"`
	History []StatusChange `json:"history,omitempty"`
}

// Total returns the sum of the line charges: the value of CLM02. It is
// computed, never stored.
func (c *Claim) Total() decimal.Decimal {
	var t decimal.Decimal
	for i := range c.Lines {
		t = t.Add(c.Lines[i].Charge)
	}
	return t
}

// ServicePeriod returns the earliest and latest service dates of the lines.
func (c *Claim) ServicePeriod() x12.DateRange {
	var r x12.DateRange
	for i, l := range c.Lines {
		if i == 0 || l.Service.From.Before(r.From) {
			r.From = l.Service.From
		}
		if i == 0 || l.Service.To.After(r.To) {
			r.To = l.Service.To
		}
	}
	return r
}

// PatientIsSubscriber reports whether the patient is the subscriber, so
// that no patient loop (2000C) is needed. A claim without coverage counts
// as the patient's own.
func (c *Claim) PatientIsSubscriber() bool {
	return c.Coverage == nil || c.Coverage.Relationship.IsSelf()
}

// MissingParty returns the JSON name of the first required party the
// claim lacks ("billing_provider", "coverage" or "patient"), or "" when it
// has all three. Encoders and rules refuse such a claim with an error
// rather than guess.
func (c *Claim) MissingParty() string {
	switch {
	case c.BillingProvider == nil:
		return "billing_provider"
	case c.Coverage == nil:
		return "coverage"
	case c.Patient == nil:
		return "patient"
	}
	return ""
}

// ClaimCode returns v, or def when v is empty: the CLM06-CLM09 defaults.
func ClaimCode(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
