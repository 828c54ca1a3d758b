package claims

import (
	"log/slog"

	"github.com/claimkit/claimkit/x12"
)

// Name is a person's or an organization's name (NM103-NM107). An
// organization has Organization set and the person parts empty.
type Name struct {
	// Organization is the organization name (NM102 = 2).
	Organization string `json:"organization,omitempty"`
	// Last, First, Middle and Suffix are a person's name (NM102 = 1).
	Last   string `json:"last,omitempty"`
	First  string `json:"first,omitempty"`
	Middle string `json:"middle,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// IsOrganization reports whether n names an organization.
func (n Name) IsOrganization() bool { return n.Organization != "" }

// FirstLast returns "First Last" for a person, or the organization name.
func (n Name) FirstLast() string {
	if n.IsOrganization() {
		return n.Organization
	}
	switch {
	case n.First == "":
		return n.Last
	case n.Last == "":
		return n.First
	}
	return n.First + " " + n.Last
}

// LogValue redacts the name: names are patient data.
func (n Name) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// Address is a postal address (N3/N4). PostalCode holds digits only:
// 5 or 9 for US addresses (the billing provider and the service facility
// need all 9).
type Address struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	// Country is the ISO 3166 code, only for addresses outside the US.
	Country string `json:"country,omitempty"`
}

// IsZero reports whether a is empty.
func (a Address) IsZero() bool { return a == Address{} }

// LogValue redacts the address: addresses are patient data.
func (a Address) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// TaxIDQualifier says what kind of tax ID a provider has (REF01 in 2010AA).
type TaxIDQualifier string

// Tax ID qualifiers.
const (
	TaxIDEIN TaxIDQualifier = "EI" // employer identification number
	TaxIDSSN TaxIDQualifier = "SY" // social security number
)

// Provider is a billing, pay-to, rendering or other provider, or the
// practitioner who performed a session. Charge items refer to providers
// by ID.
type Provider struct {
	// ID identifies the provider inside a Batch; it is not sent on claims.
	ID string `json:"id,omitempty"`
	// NPI is the 10-digit National Provider Identifier.
	NPI string `json:"npi,omitempty"`
	// TaxID is the 9-digit EIN or SSN, without separators; TaxIDQualifier
	// says which (empty means EI).
	TaxID          string         `json:"tax_id,omitempty"`
	TaxIDQualifier TaxIDQualifier `json:"tax_id_qualifier,omitempty"`
	// Taxonomy is the 10-character NUCC provider taxonomy code (PRV03).
	Taxonomy string `json:"taxonomy,omitempty"`
	// Qualification is the practitioner's credential (MD, NP, RN, PT, ...).
	Qualification string  `json:"qualification,omitempty"`
	Name          Name    `json:"name"`
	Address       Address `json:"address,omitzero"`
}

// Facility is a service facility location (loop 2310C).
type Facility struct {
	// ID identifies the facility inside a Batch.
	ID      string  `json:"id,omitempty"`
	Name    string  `json:"name"`
	NPI     string  `json:"npi,omitempty"`
	Address Address `json:"address,omitzero"`
}

// ClaimFilingIndicator is SBR09, the kind of plan (MB Medicare Part B,
// MC Medicaid, CI commercial, BL Blue Cross Blue Shield, HM HMO, 16 HMO
// Medicare risk, ...).
type ClaimFilingIndicator string

// Common claim filing indicators.
const (
	FilingMedicarePartB ClaimFilingIndicator = "MB"
	FilingMedicaid      ClaimFilingIndicator = "MC"
	FilingCommercial    ClaimFilingIndicator = "CI"
	FilingBlueCross     ClaimFilingIndicator = "BL"
	FilingHMO           ClaimFilingIndicator = "HM"
	FilingMedicareHMO   ClaimFilingIndicator = "16"
)

// Payer is the health plan a claim is sent to (loop 2010BB).
type Payer struct {
	Name string `json:"name"`
	// PayerID is the payer identifier the clearinghouse routes by (NM109, PI).
	PayerID              string               `json:"payer_id"`
	ClaimFilingIndicator ClaimFilingIndicator `json:"claim_filing_indicator,omitempty"`
	Address              Address              `json:"address,omitzero"`
}

// Gender is DMG03: F, M or U. The zero value means unknown (U).
type Gender string

// Genders.
const (
	GenderFemale  Gender = "F"
	GenderMale    Gender = "M"
	GenderUnknown Gender = "U"
)

// Person is a subscriber or a patient: the member ID (empty for a patient
// who is not the subscriber), name, birth date, gender and address. All of
// it is patient data: it never appears in errors or logs.
type Person struct {
	MemberID  string   `json:"member_id,omitempty"`
	Name      Name     `json:"name"`
	BirthDate x12.Date `json:"birth_date,omitzero"`
	Gender    Gender   `json:"gender,omitempty"`
	Address   Address  `json:"address,omitzero"`
}

// LogValue redacts the person.
func (p Person) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// Patient is the person who received the services. ID identifies the
// patient inside a Batch; MRN is the practice's medical record number.
type Patient struct {
	ID  string `json:"id,omitempty"`
	MRN string `json:"mrn,omitempty"`
	Person
}

// LogValue redacts the patient but keeps the batch ID.
func (p Patient) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", p.ID), slog.String("person", "[redacted]"))
}

// Relationship is the patient's relationship to the subscriber (SBR02 /
// PAT01). The zero value means self.
type Relationship string

// Relationships (code list 1069).
const (
	RelSelf         Relationship = "18"
	RelSpouse       Relationship = "01"
	RelChild        Relationship = "19"
	RelEmployee     Relationship = "20"
	RelUnknown      Relationship = "21"
	RelOrganDonor   Relationship = "39"
	RelCadaverDonor Relationship = "40"
	RelLifePartner  Relationship = "53"
	RelOther        Relationship = "G8"
)

// IsSelf reports whether r means the patient is the subscriber.
func (r Relationship) IsSelf() bool { return r == "" || r == RelSelf }

// Priority is SBR01, the payer's order of responsibility. The zero value
// means primary.
type Priority string

// Payer priorities.
const (
	Primary   Priority = "P"
	Secondary Priority = "S"
	Tertiary  Priority = "T"
)

// Coverage is a patient's insurance with one payer: who the subscriber is,
// how the patient relates to them, and the plan's group.
type Coverage struct {
	// ID identifies the coverage inside a Batch.
	ID          string   `json:"id,omitempty"`
	Priority    Priority `json:"priority,omitempty"`
	GroupNumber string   `json:"group_number,omitempty"`
	GroupName   string   `json:"group_name,omitempty"`
	// InsuranceType is SBR05, needed when Medicare is secondary.
	InsuranceType string       `json:"insurance_type,omitempty"`
	Payer         Payer        `json:"payer"`
	Subscriber    Person       `json:"subscriber"`
	Relationship  Relationship `json:"relationship,omitempty"`
}
