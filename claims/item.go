package claims

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// ChargeItem is one billable service from a session: the raw material of
// claim lines. It refers to the patient, coverage, providers and facility
// by their IDs in a Batch.
type ChargeItem struct {
	ID string `json:"id"`
	// Name is the human name of the charge ("RPM device supply, 16-30 days").
	Name string `json:"name,omitempty"`
	// EncounterID is the session or encounter the item came from.
	EncounterID string `json:"encounter_id,omitempty"`
	PatientID   string `json:"patient_id"`
	CoverageID  string `json:"coverage_id"`
	// BillingProviderID, RenderingProviderID and PractitionerID refer to
	// Batch.Providers. The practitioner is who performed the session (for
	// example clinical staff); the rendering provider is who is billed as
	// having rendered it.
	BillingProviderID   string `json:"billing_provider_id"`
	RenderingProviderID string `json:"rendering_provider_id,omitempty"`
	PractitionerID      string `json:"practitioner_id,omitempty"`
	// ServiceFacilityID refers to Batch.Facilities; empty when the service
	// was at the billing provider's address.
	ServiceFacilityID string `json:"service_facility_id,omitempty"`
	// Start and End bound the session; the date of service is the calendar
	// date of Start in its own location.
	Start     time.Time       `json:"start"`
	End       time.Time       `json:"end"`
	Procedure Procedure       `json:"procedure"`
	Units     decimal.Decimal `json:"units"`
	UnitType  UnitType        `json:"unit_type,omitempty"`
	Charge    decimal.Decimal `json:"charge"`
	// PlaceOfService is the CMS code; LocationType is the practice's own
	// description of where the patient was ("home", "clinic").
	PlaceOfService PlaceOfService `json:"place_of_service"`
	LocationType   string         `json:"location_type,omitempty"`
	Telecare       Telecare       `json:"telecare,omitempty"`
	// Diagnoses are ICD-10-CM codes without the dot, primary first.
	Diagnoses []string `json:"diagnoses,omitempty"`
	// AuthorizationNumber is the payer's prior authorization (REF*G1).
	AuthorizationNumber string           `json:"authorization_number,omitempty"`
	BusinessUnit        string           `json:"business_unit,omitempty"`
	Status              ChargeItemStatus `json:"status"`
	// DuplicateOf is the ID of the item this one duplicates, set when an
	// approval left it New for that reason.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// ClaimID and LineNumber say which claim line the item is on, once it
	// is ClaimLineCreated.
	ClaimID    string `json:"claim_id,omitempty"`
	LineNumber int    `json:"line_number,omitempty"`
}

// ServiceDate returns the date of service: the calendar date of Start.
func (it *ChargeItem) ServiceDate() x12.Date { return x12.DateOf(it.Start) }

// EndDate returns the calendar date of End, or of Start when End is zero.
func (it *ChargeItem) EndDate() x12.Date {
	if it.End.IsZero() {
		return x12.DateOf(it.Start)
	}
	return x12.DateOf(it.End)
}

// Duration returns End - Start, or zero when End is not set.
func (it *ChargeItem) Duration() time.Duration {
	if it.End.IsZero() {
		return 0
	}
	return it.End.Sub(it.Start)
}

// ChargeItemStatus is where a charge item is in its life. The zero value
// is Scheduled.
type ChargeItemStatus string

// Charge item statuses.
const (
	// ItemScheduled: the session is planned.
	ItemScheduled ChargeItemStatus = "scheduled"
	// ItemAwaitingSubmission: the session has started.
	ItemAwaitingSubmission ChargeItemStatus = "awaiting_submission"
	// ItemNew: the session was submitted; the item waits for approval.
	ItemNew ChargeItemStatus = "new"
	// ItemReadyToBill: approved for billing.
	ItemReadyToBill ChargeItemStatus = "ready_to_bill"
	// ItemClaimLineCreated: the item is on a claim line.
	ItemClaimLineCreated ChargeItemStatus = "claim_line_created"
	// ItemAwaitingResubmission: the session was reopened after the claim
	// line was created; the line must be sent again.
	ItemAwaitingResubmission ChargeItemStatus = "awaiting_resubmission"
	// ItemOnHold: held back from approval; only from and back to New.
	ItemOnHold ChargeItemStatus = "on_hold"
	// ItemBilledExternally: exported for billing outside claimkit.
	ItemBilledExternally ChargeItemStatus = "billed_externally"
)

// ItemStatuses lists every charge item status in lifecycle order.
var ItemStatuses = []ChargeItemStatus{
	ItemScheduled, ItemAwaitingSubmission, ItemNew, ItemOnHold, ItemReadyToBill,
	ItemClaimLineCreated, ItemAwaitingResubmission, ItemBilledExternally,
}

// norm maps the zero value to Scheduled.
func (s ChargeItemStatus) norm() ChargeItemStatus {
	if s == "" {
		return ItemScheduled
	}
	return s
}

// Valid reports whether s is a known status (the zero value counts as
// Scheduled).
func (s ChargeItemStatus) Valid() bool {
	switch s.norm() {
	case ItemScheduled, ItemAwaitingSubmission, ItemNew, ItemReadyToBill, ItemClaimLineCreated,
		ItemAwaitingResubmission, ItemOnHold, ItemBilledExternally:
		return true
	}
	return false
}

// CanTransition reports whether the charge item status machine allows s → to:
//
//	Scheduled → AwaitingSubmission → New → ReadyToBill → ClaimLineCreated
//	ClaimLineCreated → AwaitingResubmission → ClaimLineCreated
//	New → OnHold → New
//	New | ReadyToBill → BilledExternally
func (s ChargeItemStatus) CanTransition(to ChargeItemStatus) bool {
	to = to.norm()
	switch s.norm() {
	case ItemScheduled:
		return to == ItemAwaitingSubmission
	case ItemAwaitingSubmission:
		return to == ItemNew
	case ItemNew:
		return to == ItemReadyToBill || to == ItemOnHold || to == ItemBilledExternally
	case ItemOnHold:
		return to == ItemNew
	case ItemReadyToBill:
		return to == ItemClaimLineCreated || to == ItemBilledExternally
	case ItemClaimLineCreated:
		return to == ItemAwaitingResubmission
	case ItemAwaitingResubmission:
		return to == ItemClaimLineCreated
	}
	return false
}

// Transition moves the item to status to, or returns an error wrapping
// ErrIllegalTransition and leaves it unchanged.
func (it *ChargeItem) Transition(to ChargeItemStatus) error {
	if !it.Status.CanTransition(to) {
		return fmt.Errorf("%w: charge item %s: %s to %s", ErrIllegalTransition, it.ID, it.Status.norm(), to.norm())
	}
	it.Status = to
	return nil
}
