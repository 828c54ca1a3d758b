package claims

import (
	"cmp"
	"slices"

	"github.com/claimkit/claimkit/x12"
)

// DuplicateOptions says what makes two charge items duplicates. The zero
// value matches on patient, date of service, procedure code and place of
// service.
type DuplicateOptions struct {
	// IgnorePlaceOfService matches items whatever their place of service.
	IgnorePlaceOfService bool
}

// Duplicate links a charge item to the item it duplicates. Both are
// indexes into Batch.Items.
type Duplicate struct {
	Item, Of int
}

// Period selects charge items by date of service. A zero From or To
// leaves that side open.
type Period struct {
	From, To x12.Date
}

// Contains reports whether d is inside r.
func (r Period) Contains(d x12.Date) bool {
	return (r.From.IsZero() || !d.Before(r.From)) && (r.To.IsZero() || !d.After(r.To))
}

type dupKey struct {
	patient string
	date    int32
	code    string
	pos     PlaceOfService
}

// dupRank orders the items of a duplicate group: the lowest rank is the
// original. Items already billed come first, then approved ones, then
// the ones waiting for approval; -1 means the item does not count.
func dupRank(s ChargeItemStatus) int {
	switch s.norm() {
	case ItemClaimLineCreated, ItemAwaitingResubmission, ItemBilledExternally:
		return 0
	case ItemReadyToBill:
		return 1
	case ItemNew, ItemOnHold:
		return 2
	}
	return -1
}

// Duplicates finds the charge items with a date of service in r that have
// the same patient, date of service, procedure code (and place of service,
// unless opt says otherwise) as another item that is already billed or
// not yet submitted (New, OnHold, ReadyToBill, ClaimLineCreated,
// AwaitingResubmission or BilledExternally; scheduled sessions and
// sessions in progress do not count).
//
// In each set of such items the original is the one furthest along
// (billed, then approved, then waiting), then the earliest to start, then
// the lowest ID; every other item is reported as a duplicate of it. The
// result is in date-of-service order, then by patient, procedure and item.
func Duplicates(b *Batch, r Period, opt DuplicateOptions) []Duplicate {
	groups := make(map[dupKey][]int32)
	for i := range b.Items {
		it := &b.Items[i]
		if dupRank(it.Status) < 0 {
			continue
		}
		d := it.ServiceDate()
		if !r.Contains(d) {
			continue
		}
		k := dupKey{patient: it.PatientID, date: packDate(d), code: it.Procedure.Code}
		if !opt.IgnorePlaceOfService {
			k.pos = it.PlaceOfService
		}
		groups[k] = append(groups[k], int32(i))
	}
	var out []Duplicate
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(x, y int32) int { return compareOriginal(&b.Items[x], &b.Items[y]) })
		for _, i := range g[1:] {
			out = append(out, Duplicate{Item: int(i), Of: int(g[0])})
		}
	}
	slices.SortFunc(out, func(x, y Duplicate) int {
		a, c := &b.Items[x.Item], &b.Items[y.Item]
		if v := cmp.Compare(packDate(a.ServiceDate()), packDate(c.ServiceDate())); v != 0 {
			return v
		}
		if v := cmp.Compare(a.PatientID, c.PatientID); v != 0 {
			return v
		}
		if v := cmp.Compare(a.Procedure.Code, c.Procedure.Code); v != 0 {
			return v
		}
		return compareOriginal(a, c)
	})
	return out
}

func compareOriginal(a, c *ChargeItem) int {
	if v := cmp.Compare(dupRank(a.Status), dupRank(c.Status)); v != 0 {
		return v
	}
	if v := a.Start.Compare(c.Start); v != 0 {
		return v
	}
	return cmp.Compare(a.ID, c.ID)
}

// ApproveOptions selects the charge items Approve moves to ReadyToBill.
type ApproveOptions struct {
	// Range limits the dates of service; zero bounds are open.
	Range Period
	// BusinessUnits limits the business units; empty means all.
	BusinessUnits []string
	// SkipDuplicates is "don't approve duplicates": an item that
	// duplicates another (see Duplicates) stays New and gets DuplicateOf.
	SkipDuplicates bool
	Duplicates     DuplicateOptions
}

// ApproveResult says what Approve did; the slices hold Batch.Items indexes.
type ApproveResult struct {
	Approved []int
	// Duplicates were left New, linked to the item they duplicate.
	Duplicates []Duplicate
	// OnHold lists selected items that are OnHold: they must go back to
	// New before they can be approved.
	OnHold []int
}

// Approve moves the New charge items in the selected dates and business
// units to ReadyToBill (bulk approval). With SkipDuplicates, duplicates
// stay New with DuplicateOf set; the original of a set is approved when
// it is itself New and selected. Approved items have DuplicateOf cleared.
func Approve(b *Batch, opt ApproveOptions) ApproveResult {
	var res ApproveResult
	dupOf := map[int]int{}
	if opt.SkipDuplicates {
		for _, d := range Duplicates(b, opt.Range, opt.Duplicates) {
			dupOf[d.Item] = d.Of
		}
	}
	for i := range b.Items {
		it := &b.Items[i]
		if !opt.Range.Contains(it.ServiceDate()) || !inUnits(it.BusinessUnit, opt.BusinessUnits) {
			continue
		}
		switch it.Status {
		case ItemOnHold:
			res.OnHold = append(res.OnHold, i)
			continue
		case ItemNew:
		default:
			continue
		}
		if of, dup := dupOf[i]; dup {
			it.DuplicateOf = b.Items[of].ID
			res.Duplicates = append(res.Duplicates, Duplicate{Item: i, Of: of})
			continue
		}
		it.Status = ItemReadyToBill
		it.DuplicateOf = ""
		res.Approved = append(res.Approved, i)
	}
	return res
}

func inUnits(u string, units []string) bool {
	return len(units) == 0 || slices.Contains(units, u)
}

// ReopenSession moves the charge items of the encounter that are on claim
// lines (ClaimLineCreated) to AwaitingResubmission, because the session
// was reopened, and returns their indexes. Other items are left alone.
func ReopenSession(b *Batch, encounterID string) []int {
	var out []int
	for i := range b.Items {
		it := &b.Items[i]
		if it.EncounterID == encounterID && encounterID != "" && it.Status == ItemClaimLineCreated {
			it.Status = ItemAwaitingResubmission
			out = append(out, i)
		}
	}
	return out
}

// MarkResubmitted moves the batch's AwaitingResubmission charge items that
// are on a line of c (typically the replacement made by Claim.Correct)
// back to ClaimLineCreated, pointing at c, and returns their indexes.
func MarkResubmitted(b *Batch, c *Claim) []int {
	line := make(map[string]int)
	for _, l := range c.Lines {
		for _, id := range l.ChargeItemIDs {
			line[id] = l.Number
		}
	}
	var out []int
	for i := range b.Items {
		it := &b.Items[i]
		if n, ok := line[it.ID]; ok && it.Status == ItemAwaitingResubmission {
			it.Status, it.ClaimID, it.LineNumber = ItemClaimLineCreated, c.ID, n
			out = append(out, i)
		}
	}
	return out
}
