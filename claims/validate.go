package claims

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// More sentinel errors, for charge items that cannot be billed.
var (
	// ErrInvalidItem: a charge item field is missing or out of range.
	ErrInvalidItem = errors.New("claims: invalid charge item")
	// ErrUnknownReference: a charge item refers to a patient, coverage,
	// provider or facility ID that is not in the batch.
	ErrUnknownReference = errors.New("claims: unknown reference")
	// ErrDuplicateID: two charge items share an ID.
	ErrDuplicateID = errors.New("claims: duplicate charge item ID")
)

// ItemError is a problem with one charge item. Field is the item's JSON
// field name. Error() names the item by index and ID, never by patient
// data.
type ItemError struct {
	Index  int
	ItemID string
	Field  string
	Err    error
}

func (e *ItemError) Error() string {
	var b strings.Builder
	b.WriteString("claims: charge item ")
	b.WriteString(strconv.Itoa(e.Index))
	writeWhere(&b, e.ItemID, e.Field, e.Err)
	return b.String()
}

// writeWhere ends an error message: ` (id "X")`, `, field "F"`, ": " and
// err without the package prefix.
func writeWhere(b *strings.Builder, id, field string, err error) {
	if id != "" {
		b.WriteString(" (id ")
		b.WriteString(strconv.Quote(id))
		b.WriteString(")")
	}
	if field != "" {
		b.WriteString(", field ")
		b.WriteString(strconv.Quote(field))
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(err.Error(), "claims: "))
}

func (e *ItemError) Unwrap() error { return e.Err }

// ItemErrors is a list of charge item problems in item order.
type ItemErrors []*ItemError

// Error returns the first problem and how many more there are.
func (l ItemErrors) Error() string { return listError(l) }

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (l ItemErrors) Unwrap() []error { return listUnwrap(l) }

// Err returns l as an error, or nil when l is empty.
func (l ItemErrors) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func itemErr(i int, it *ChargeItem, field string, err error, format string, args ...any) *ItemError {
	if format != "" {
		err = fmt.Errorf("%w: "+format, append([]any{err}, args...)...)
	}
	return &ItemError{Index: i, ItemID: it.ID, Field: field, Err: err}
}

// refs resolves the IDs a batch's charge items use.
type refs struct {
	patients, coverages, providers, facilities map[string]int32
}

// fill indexes the batch's parties by ID, reusing r's maps.
func (r *refs) fill(b *Batch) {
	r.patients = index(r.patients, b.Patients, func(p *Patient) string { return p.ID })
	r.coverages = index(r.coverages, b.Coverages, func(c *Coverage) string { return c.ID })
	r.providers = index(r.providers, b.Providers, func(p *Provider) string { return p.ID })
	r.facilities = index(r.facilities, b.Facilities, func(f *Facility) string { return f.ID })
}

// index maps id(&vs[i]) to i in m, emptied first (made if nil).
func index[T any](m map[string]int32, vs []T, id func(*T) string) map[string]int32 {
	if m == nil {
		m = make(map[string]int32, len(vs))
	} else {
		clear(m)
	}
	for i := range vs {
		m[id(&vs[i])] = int32(i)
	}
	return m
}

// itemRefs are the batch indexes an item refers to; -1 means none.
type itemRefs struct {
	patient, coverage, billing, rendering, facility int32
}

// resolve checks the item's references and returns their indexes.
func (r *refs) resolve(i int, it *ChargeItem) (itemRefs, *ItemError) {
	var out itemRefs
	var ok bool
	if out.patient, ok = r.patients[it.PatientID]; !ok || it.PatientID == "" {
		return out, itemErr(i, it, "patient_id", ErrUnknownReference, "no such patient in the batch")
	}
	if out.coverage, ok = r.coverages[it.CoverageID]; !ok || it.CoverageID == "" {
		return out, itemErr(i, it, "coverage_id", ErrUnknownReference, "no coverage %q in the batch", it.CoverageID)
	}
	if out.billing, ok = r.providers[it.BillingProviderID]; !ok || it.BillingProviderID == "" {
		return out, itemErr(i, it, "billing_provider_id", ErrUnknownReference, "no provider %q in the batch", it.BillingProviderID)
	}
	out.rendering, out.facility = -1, -1
	if it.RenderingProviderID != "" {
		if out.rendering, ok = r.providers[it.RenderingProviderID]; !ok {
			return out, itemErr(i, it, "rendering_provider_id", ErrUnknownReference, "no provider %q in the batch", it.RenderingProviderID)
		}
	}
	if it.ServiceFacilityID != "" {
		if out.facility, ok = r.facilities[it.ServiceFacilityID]; !ok {
			return out, itemErr(i, it, "service_facility_id", ErrUnknownReference, "no facility %q in the batch", it.ServiceFacilityID)
		}
	}
	return out, nil
}

// checkBillable checks what a claim line needs from an item.
func checkBillable(i int, it *ChargeItem) *ItemError {
	switch {
	case it.ID == "":
		return itemErr(i, it, "id", ErrInvalidItem, "empty")
	case it.Procedure.Code == "":
		return itemErr(i, it, "procedure", ErrInvalidItem, "no procedure code")
	case !modifiersPacked(it.Procedure.Modifiers):
		return itemErr(i, it, "procedure", ErrBadModifier, "empty modifier before a set one")
	case it.Start.IsZero():
		return itemErr(i, it, "start", ErrInvalidItem, "no start time")
	case !it.End.IsZero() && it.End.Before(it.Start):
		return itemErr(i, it, "end", ErrInvalidItem, "ends before it starts")
	case !saneExponent(it.Units):
		return itemErr(i, it, "units", ErrInvalidItem, "exponent %d out of range", it.Units.Exponent())
	case !saneExponent(it.Charge):
		return itemErr(i, it, "charge", ErrInvalidItem, "exponent %d out of range", it.Charge.Exponent())
	case it.Units.Sign() <= 0:
		return itemErr(i, it, "units", ErrInvalidItem, "units must be more than 0")
	case it.Charge.Sign() < 0:
		return itemErr(i, it, "charge", ErrInvalidItem, "negative charge")
	case it.UnitType != "" && it.UnitType != Units && it.UnitType != Minutes:
		return itemErr(i, it, "unit_type", ErrInvalidItem, "%q is not UN or MJ", it.UnitType)
	case it.PlaceOfService == "":
		return itemErr(i, it, "place_of_service", ErrInvalidItem, "empty")
	case len(it.Diagnoses) == 0:
		return itemErr(i, it, "diagnoses", ErrInvalidItem, "no diagnosis code")
	}
	for _, d := range it.Diagnoses {
		if d == "" || strings.IndexByte(d, '.') >= 0 {
			return itemErr(i, it, "diagnoses", ErrInvalidItem, "%q is not an ICD-10 code without the dot", d)
		}
	}
	return nil
}

// MaxDigits is the most digits a charge or a number of units may have
// when written out: X12 R elements (CLM02, SV102, SV104) hold at most 18.
const MaxDigits = 18

// plainDigits reports whether d written without an exponent has at most
// MaxDigits digits. It keeps hostile exponents (1e999999999) out of the
// arithmetic.
func plainDigits(d decimal.Decimal) bool {
	exp := int64(d.Exponent())
	if exp < -MaxDigits || exp > MaxDigits {
		return false
	}
	n := int64(d.NumDigits())
	if exp > 0 {
		n += exp
	}
	return n <= MaxDigits
}

// saneExponent reports whether d's exponent is within ±MaxDigits, so that
// adding it to another such value stays cheap (1e999999999 + 1 would need
// a billion digits). ReadBatch checks the digits themselves.
func saneExponent(d decimal.Decimal) bool {
	exp := d.Exponent()
	return exp >= -MaxDigits && exp <= MaxDigits
}

func modifiersPacked(m Modifiers) bool {
	for i := 1; i < MaxModifiers; i++ {
		if m[i] != "" && m[i-1] == "" {
			return false
		}
	}
	return true
}
