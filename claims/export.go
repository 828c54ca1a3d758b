package claims

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// BillingExportHeader is the header row of the billing export.
var BillingExportHeader = []string{
	"Charge Item Name", "Modifiers", "Place of Service", "Location Type", "Telecare", "Business Unit",
	"Billable Units", "Patient First and Last Name", "Patient MRN", "Practitioner First and Last Name",
	"Practitioner Qualification", "Start Date and Time", "End Date and Time", "Duration",
	"Billing Unit Type", "Procedure Code", "Authorization #", "Rendering Provider", "Rendering Provider NPI",
}

// DuplicatesHeader is the header row of the duplicates report.
var DuplicatesHeader = []string{
	"Date of Service", "Patient First and Last Name", "Patient MRN", "Procedure Code", "Modifiers",
	"Place of Service", "Charge Item ID", "Charge Item Name", "Session", "Status",
	"Start Date and Time", "End Date and Time", "Practitioner First and Last Name",
	"Duplicate Of", "Duplicate Of Session", "Duplicate Of Status",
}

// csvTime is how the CSV files write a date and time: in the item's own
// location, with its UTC offset.
const csvTime = "2006-01-02 15:04 -07:00"

// ExportOptions selects the charge items of a billing export.
type ExportOptions struct {
	// Range limits the dates of service; zero bounds are open.
	Range Period
	// BusinessUnits limits the business units; empty means all.
	BusinessUnits []string
	// Statuses are the statuses exported; empty means ReadyToBill.
	Statuses []ChargeItemStatus
	// MarkBilled moves the exported items to BilledExternally once the
	// whole file was written without error.
	MarkBilled bool
}

// WriteBillingExport writes the billing export CSV: BillingExportHeader,
// then one row per selected charge item in start-time order (then by ID).
// It returns the indexes of the exported items. Durations are whole
// minutes; times are written as "2006-01-02 15:04 -07:00".
//
// With MarkBilled, items that cannot move to BilledExternally (only New
// and ReadyToBill can) are not exported at all, and the move happens only
// after the writer flushed without error.
func WriteBillingExport(w io.Writer, b *Batch, opt ExportOptions) ([]int, error) {
	statuses := opt.Statuses
	if len(statuses) == 0 {
		statuses = []ChargeItemStatus{ItemReadyToBill}
	}
	var sel []int
	for i := range b.Items {
		it := &b.Items[i]
		if !slices.Contains(statuses, it.Status.norm()) || !opt.Range.Contains(it.ServiceDate()) ||
			!inUnits(it.BusinessUnit, opt.BusinessUnits) {
			continue
		}
		if opt.MarkBilled && !it.Status.CanTransition(ItemBilledExternally) {
			continue
		}
		sel = append(sel, i)
	}
	slices.SortFunc(sel, func(x, y int) int {
		if v := b.Items[x].Start.Compare(b.Items[y].Start); v != 0 {
			return v
		}
		return cmp.Compare(b.Items[x].ID, b.Items[y].ID)
	})
	parties := newLookup(b)
	cw := csv.NewWriter(w)
	if err := cw.Write(BillingExportHeader); err != nil {
		return nil, err
	}
	row := make([]string, len(BillingExportHeader))
	for _, i := range sel {
		it := &b.Items[i]
		pat := parties.patient(it.PatientID)
		prac := parties.provider(it.PractitionerID)
		rend := parties.provider(it.RenderingProviderID)
		row = append(row[:0],
			text(it.Name),
			strings.Join(it.Procedure.Modifiers.Slice(), ","),
			string(it.PlaceOfService),
			text(it.LocationType),
			telecareText(it.Telecare),
			text(it.BusinessUnit),
			it.Units.String(),
			text(pat.Name.FirstLast()),
			text(pat.MRN),
			text(prac.Name.FirstLast()),
			text(prac.Qualification),
			csvTimeText(it.Start),
			csvTimeText(it.End),
			durationText(it.Duration()),
			unitTypeText(it.UnitType),
			text(it.Procedure.Code),
			text(it.AuthorizationNumber),
			text(rend.Name.FirstLast()),
			text(rend.NPI),
		)
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	if opt.MarkBilled {
		for _, i := range sel {
			b.Items[i].Status = ItemBilledExternally
		}
	}
	return sel, nil
}

// WriteDuplicates writes the duplicates report CSV: DuplicatesHeader, then
// one row per duplicate as Duplicates returns them, with the sessions of
// both items.
func WriteDuplicates(w io.Writer, b *Batch, dups []Duplicate) error {
	parties := newLookup(b)
	cw := csv.NewWriter(w)
	if err := cw.Write(DuplicatesHeader); err != nil {
		return err
	}
	row := make([]string, len(DuplicatesHeader))
	for _, d := range dups {
		it, of := &b.Items[d.Item], &b.Items[d.Of]
		pat := parties.patient(it.PatientID)
		row = append(row[:0],
			it.ServiceDate().String(),
			text(pat.Name.FirstLast()),
			text(pat.MRN),
			text(it.Procedure.Code),
			strings.Join(it.Procedure.Modifiers.Slice(), ","),
			string(it.PlaceOfService),
			text(it.ID),
			text(it.Name),
			text(it.EncounterID),
			string(it.Status.norm()),
			csvTimeText(it.Start),
			csvTimeText(it.End),
			text(parties.provider(it.PractitionerID).Name.FirstLast()),
			text(of.ID),
			text(of.EncounterID),
			string(of.Status.norm()),
		)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// lookup finds parties by ID for the reports; unknown IDs give zero values.
type lookup struct {
	patients  map[string]*Patient
	providers map[string]*Provider
}

func newLookup(b *Batch) *lookup {
	l := &lookup{patients: make(map[string]*Patient, len(b.Patients)), providers: make(map[string]*Provider, len(b.Providers))}
	for i := range b.Patients {
		l.patients[b.Patients[i].ID] = &b.Patients[i]
	}
	for i := range b.Providers {
		l.providers[b.Providers[i].ID] = &b.Providers[i]
	}
	return l
}

func (l *lookup) patient(id string) *Patient {
	if p := l.patients[id]; p != nil {
		return p
	}
	return &Patient{}
}

func (l *lookup) provider(id string) *Provider {
	if p := l.providers[id]; p != nil && id != "" {
		return p
	}
	return &Provider{}
}

// text defuses a free-text cell that a spreadsheet would run as a formula.
func text(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func csvTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(csvTime)
}

func durationText(d time.Duration) string { return strconv.FormatInt(int64(d/time.Minute), 10) }

func telecareText(t Telecare) string {
	switch t {
	case TelecareVideo:
		return "Video"
	case TelecareAudio:
		return "Audio only"
	case TelecareAsync:
		return "Asynchronous"
	}
	return "None"
}

func unitTypeText(u UnitType) string {
	if u == Minutes {
		return "Minutes"
	}
	return "Units"
}
