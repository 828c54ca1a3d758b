package claims

// Batch is a set of charge items with the parties they refer to by ID: the
// input of Group, Approve, Duplicates and the billing export. Its JSON form
// is documented by testdata/claims/batch.schema.json at the repository root.
type Batch struct {
	Patients   []Patient    `json:"patients"`
	Coverages  []Coverage   `json:"coverages"`
	Providers  []Provider   `json:"providers"`
	Facilities []Facility   `json:"facilities,omitempty"`
	Items      []ChargeItem `json:"charge_items"`
}
