package claims

import (
	"bytes"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

// allExamples merges the example batches into one.
func allExamples(t *testing.T) *Batch {
	t.Helper()
	var all Batch
	for _, name := range examples {
		b := readExample(t, name)
		all.Patients = append(all.Patients, b.Patients...)
		all.Coverages = append(all.Coverages, b.Coverages...)
		all.Providers = append(all.Providers, b.Providers...)
		all.Facilities = append(all.Facilities, b.Facilities...)
		all.Items = append(all.Items, b.Items...)
	}
	return &all
}

var january = Period{From: x12.NewDate(2026, 1, 1), To: x12.NewDate(2026, 1, 31)}

func ids(b *Batch, idx []int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, b.Items[i].ID)
	}
	return out
}

func dupIDs(b *Batch, ds []Duplicate) [][2]string {
	var out [][2]string
	for _, d := range ds {
		out = append(out, [2]string{b.Items[d.Item].ID, b.Items[d.Of].ID})
	}
	return out
}

func TestDuplicates(t *testing.T) {
	t.Parallel()
	b := allExamples(t)
	tests := []struct {
		name string
		r    Period
		opt  DuplicateOptions
		want [][2]string
	}{
		{"january", january, DuplicateOptions{}, [][2]string{
			{"CI-3001-4", "CI-3001-1"}, // New after ReadyToBill, same day 99213 POS 10
			{"CI-1002-3", "CI-1002-2"}, // New after ReadyToBill
			{"CI-1001-5", "CI-1001-4"}, // both ReadyToBill: the later session
		}},
		{"one day", Period{From: x12.NewDate(2026, 1, 12), To: x12.NewDate(2026, 1, 12)}, DuplicateOptions{},
			[][2]string{{"CI-3001-4", "CI-3001-1"}}},
		{"open range", Period{}, DuplicateOptions{}, [][2]string{
			{"CI-3001-4", "CI-3001-1"}, {"CI-1002-3", "CI-1002-2"}, {"CI-1001-5", "CI-1001-4"},
		}},
		{"february", Period{From: x12.NewDate(2026, 2, 1)}, DuplicateOptions{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, dupIDs(b, Duplicates(b, tc.r, tc.opt))); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDuplicatesRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(a, c *ChargeItem)
		opt  DuplicateOptions
		want [][2]string
	}{
		{"same patient, date, code and POS", func(a, c *ChargeItem) {}, DuplicateOptions{}, [][2]string{{"B", "A"}}},
		{"billed item is the original", func(a, c *ChargeItem) { a.Status, c.Status = ItemNew, ItemClaimLineCreated },
			DuplicateOptions{}, [][2]string{{"A", "B"}}},
		{"billed externally is the original", func(a, c *ChargeItem) { a.Status, c.Status = ItemReadyToBill, ItemBilledExternally },
			DuplicateOptions{}, [][2]string{{"A", "B"}}},
		{"earlier start wins between equals", func(a, c *ChargeItem) { c.Start = a.Start.Add(-1) }, DuplicateOptions{}, [][2]string{{"A", "B"}}},
		{"other modifiers still duplicate", func(a, c *ChargeItem) { c.Procedure.Modifiers = mods("95") }, DuplicateOptions{}, [][2]string{{"B", "A"}}},
		{"other patient", func(a, c *ChargeItem) { c.PatientID = "P2" }, DuplicateOptions{}, nil},
		{"other code", func(a, c *ChargeItem) { c.Procedure.Code = "99458" }, DuplicateOptions{}, nil},
		{"other day", func(a, c *ChargeItem) { c.Start = c.Start.AddDate(0, 0, 1) }, DuplicateOptions{}, nil},
		{"other POS", func(a, c *ChargeItem) { c.PlaceOfService = POSTelehealthInHome }, DuplicateOptions{}, nil},
		{"other POS, POS ignored", func(a, c *ChargeItem) { c.PlaceOfService = POSTelehealthInHome },
			DuplicateOptions{IgnorePlaceOfService: true}, [][2]string{{"B", "A"}}},
		{"scheduled sessions do not count", func(a, c *ChargeItem) { c.Status = ItemScheduled }, DuplicateOptions{}, nil},
		{"sessions in progress do not count", func(a, c *ChargeItem) { a.Status = ItemAwaitingSubmission }, DuplicateOptions{}, nil},
		{"on hold counts", func(a, c *ChargeItem) { c.Status = ItemOnHold }, DuplicateOptions{}, [][2]string{{"B", "A"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := testBatch()
			a, c := testItem("A"), testItem("B")
			a.Status, c.Status = ItemNew, ItemNew
			c.Start = c.Start.Add(1)
			tc.edit(&a, &c)
			b.Items = []ChargeItem{c, a}
			if diff := cmp.Diff(tc.want, dupIDs(b, Duplicates(b, Period{}, tc.opt))); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDuplicatesCSV(t *testing.T) {
	t.Parallel()
	b := allExamples(t)
	var buf bytes.Buffer
	if err := WriteDuplicates(&buf, b, Duplicates(b, january, DuplicateOptions{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "duplicates-january.csv", buf.Bytes())
}

func TestApprove(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opt       ApproveOptions
		approved  []string
		dups      [][2]string
		onHold    []string
		linkedNew map[string]string // items left New and what they link to
	}{
		{"everything in january", ApproveOptions{Range: january},
			[]string{"CI-1002-3", "CI-3001-4"}, nil, []string{"CI-2001-5"}, nil},
		{"don't approve duplicates", ApproveOptions{Range: january, SkipDuplicates: true},
			nil, [][2]string{{"CI-1002-3", "CI-1002-2"}, {"CI-3001-4", "CI-3001-1"}}, []string{"CI-2001-5"},
			map[string]string{"CI-1002-3": "CI-1002-2", "CI-3001-4": "CI-3001-1"}},
		{"one business unit", ApproveOptions{Range: january, BusinessUnits: []string{"TELEHEALTH"}},
			[]string{"CI-3001-4"}, nil, nil, nil},
		{"february", ApproveOptions{Range: Period{From: x12.NewDate(2026, 2, 1)}}, nil, nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := allExamples(t)
			res := Approve(b, tc.opt)
			if diff := cmp.Diff(tc.approved, ids(b, res.Approved)); diff != "" {
				t.Errorf("approved (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.dups, dupIDs(b, res.Duplicates)); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.onHold, ids(b, res.OnHold)); diff != "" {
				t.Errorf("on hold (-want +got):\n%s", diff)
			}
			for _, it := range b.Items {
				switch {
				case slices.Contains(tc.approved, it.ID):
					if it.Status != ItemReadyToBill || it.DuplicateOf != "" {
						t.Errorf("%s: %s, duplicate of %q", it.ID, it.Status, it.DuplicateOf)
					}
				case tc.linkedNew[it.ID] != "":
					if it.Status != ItemNew || it.DuplicateOf != tc.linkedNew[it.ID] {
						t.Errorf("%s: %s, duplicate of %q", it.ID, it.Status, it.DuplicateOf)
					}
				case it.ID == "CI-2001-5":
					if it.Status != ItemOnHold {
						t.Errorf("the item on hold moved to %s", it.Status)
					}
				}
			}
		})
	}
}

func TestApproveTwoNewDuplicates(t *testing.T) {
	t.Parallel()
	b := testBatch()
	a, c := testItem("A"), testItem("B")
	a.Status, c.Status = ItemNew, ItemNew
	c.Start = c.Start.Add(-1) // B started first: it is the original
	b.Items = []ChargeItem{a, c}
	res := Approve(b, ApproveOptions{SkipDuplicates: true})
	if got := ids(b, res.Approved); !slices.Equal(got, []string{"B"}) {
		t.Errorf("approved %v, want [B]", got)
	}
	if b.Items[0].Status != ItemNew || b.Items[0].DuplicateOf != "B" {
		t.Errorf("A: %s, duplicate of %q", b.Items[0].Status, b.Items[0].DuplicateOf)
	}
	// Back from hold, then approved once the duplicate was dealt with.
	b.Items[1].Status = ItemClaimLineCreated
	b.Items[0].PatientID = "P2"
	res = Approve(b, ApproveOptions{SkipDuplicates: true})
	if got := ids(b, res.Approved); !slices.Equal(got, []string{"A"}) || b.Items[0].DuplicateOf != "" {
		t.Errorf("approved %v, duplicate of %q", got, b.Items[0].DuplicateOf)
	}
}

func TestReopenSession(t *testing.T) {
	t.Parallel()
	b := readExample(t, "rpm-month")
	if _, err := Group(b, GroupOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := ids(b, ReopenSession(b, "ENC-1001-C")); !slices.Equal(got, []string{"CI-1001-3", "CI-1001-4"}) {
		t.Errorf("reopened %v", got)
	}
	if got := ReopenSession(b, "ENC-1002-C"); got != nil { // still New: nothing to resubmit
		t.Errorf("reopened %v", ids(b, got))
	}
	it := &b.Items[2]
	if it.Status != ItemAwaitingResubmission {
		t.Fatalf("status %s", it.Status)
	}

	// The claim is corrected; its items go back on the replacement.
	res, err := Group(readExample(t, "rpm-month"), GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	orig := res.Claims[0]
	orig.Status, orig.PayerClaimControlNumber = Denied, "PAYER-1"
	fix, err := orig.Correct("FIXED1", Change{By: "biller", At: day1})
	if err != nil {
		t.Fatal(err)
	}
	got := MarkResubmitted(b, fix)
	if ids := ids(b, got); !slices.Equal(ids, []string{"CI-1001-3", "CI-1001-4"}) {
		t.Errorf("resubmitted %v", ids)
	}
	if it.Status != ItemClaimLineCreated || it.ClaimID != "FIXED1" || it.LineNumber != 3 {
		t.Errorf("item after resubmission: %s %s line %d", it.Status, it.ClaimID, it.LineNumber)
	}
	if b.Items[0].ClaimID == "FIXED1" {
		t.Errorf("an item that was not reopened moved to the replacement")
	}
}

func TestBillingExport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		opt    ExportOptions
		golden string
		want   []string
	}{
		{"ready to bill in january", ExportOptions{Range: january}, "billing-export-january.csv",
			[]string{"CI-1001-1", "CI-2001-1", "CI-3001-1", "CI-3001-3", "CI-3001-2", "CI-2001-3", "CI-2001-4", "CI-1002-2", "CI-1001-2", "CI-1002-1", "CI-1001-3", "CI-1001-4", "CI-1001-5"}},
		{"new and ready, one unit", ExportOptions{Range: january, BusinessUnits: []string{"TELEHEALTH"},
			Statuses: []ChargeItemStatus{ItemNew, ItemReadyToBill}}, "billing-export-telehealth.csv",
			[]string{"CI-3001-1", "CI-3001-4", "CI-3001-3", "CI-3001-2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := allExamples(t)
			var buf bytes.Buffer
			got, err := WriteBillingExport(&buf, b, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(b, got)); diff != "" {
				t.Errorf("exported (-want +got):\n%s", diff)
			}
			golden(t, tc.golden, buf.Bytes())
		})
	}
}

func TestBillingExportMarksBilled(t *testing.T) {
	t.Parallel()
	b := allExamples(t)
	opt := ExportOptions{Range: january, BusinessUnits: []string{"RTM"}, MarkBilled: true}
	got, err := WriteBillingExport(&bytes.Buffer{}, b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CI-2001-1", "CI-2001-3", "CI-2001-4"}; !slices.Equal(ids(b, got), want) {
		t.Fatalf("exported %v, want %v", ids(b, got), want)
	}
	for _, i := range got {
		if b.Items[i].Status != ItemBilledExternally {
			t.Errorf("%s: %s", b.Items[i].ID, b.Items[i].Status)
		}
	}
	// A second export finds nothing left to bill.
	again, err := WriteBillingExport(&bytes.Buffer{}, b, opt)
	if err != nil || len(again) != 0 {
		t.Errorf("second export: %v, %v", ids(b, again), err)
	}
	// A failed write marks nothing.
	b = allExamples(t)
	if _, err := WriteBillingExport(failWriter{}, b, opt); err == nil {
		t.Fatal("no error from a failing writer")
	}
	for _, it := range b.Items {
		if it.Status == ItemBilledExternally {
			t.Errorf("%s marked billed after a failed export", it.ID)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

var errFail = bytes.ErrTooLarge

func TestCSVText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "SMITH": "SMITH", "=cmd()": "'=cmd()", "+1": "'+1", "-x": "'-x", "@sum": "'@sum"} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
}
