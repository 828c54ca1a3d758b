package clearinghouse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/x12"
)

// sent runs a cycle that stages and uploads the test claims, and returns
// the daemon, its store and the claims by patient.
func sent(t *testing.T, h *drop) (*clearinghouse.Daemon, clearinghouse.Store, map[string]string) {
	t.Helper()
	cs, byPatient := readyClaims(t)
	d, store := h.daemon(nil)
	if err := d.Add(t.Context(), cs); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Cycle(t.Context()); err != nil {
		t.Fatal(err)
	}
	return d, store, byPatient
}

// The same content is applied once, whatever its name and however often
// it is listed; the second copy is recorded as a duplicate.
func TestResponseAppliedOnce(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	d, store, _ := sent(t, h)
	names := h.respond()
	if _, err := d.Cycle(t.Context()); err != nil {
		t.Fatal(err)
	}
	before := readState(t, store)
	if len(before.postings) != 3 {
		t.Fatalf("%d postings, want 3", len(before.postings))
	}
	var era string
	for _, n := range names {
		if strings.HasSuffix(n, ".835") {
			era = n
		}
	}
	h.put("copy-of-"+era, h.read("outbound", era))
	h.put("copy-of-"+strings.TrimSuffix(era, ".835")+".999", h.read("outbound", strings.TrimSuffix(era, ".835")+".999"))
	rep, err := d.Cycle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Responses) != 2 || len(rep.Changes) != 0 {
		t.Fatalf("second cycle: %d responses, %d changes; want 2, 0", len(rep.Responses), len(rep.Changes))
	}
	for _, r := range rep.Responses {
		if r.Outcome != clearinghouse.OutcomeDuplicate {
			t.Errorf("%s: %s, want duplicate", r.Name, r.Outcome)
		}
	}
	after := readState(t, store)
	if diff := cmp.Diff(len(before.postings), len(after.postings)); diff != "" {
		t.Errorf("postings changed: %s", diff)
	}
	for id, c := range after.claims {
		if len(c.History) != len(before.claims[id].History) {
			t.Errorf("claim %s got more history from a duplicate", id)
		}
	}
	// A third cycle lists the same files and downloads nothing.
	downloads := h.tr.Calls("Download")
	if rep, err := d.Cycle(t.Context()); err != nil || len(rep.Responses) != 0 {
		t.Fatalf("third cycle: %d responses, %v", len(rep.Responses), err)
	}
	if n := h.tr.Calls("Download"); n != downloads {
		t.Errorf("the third cycle downloaded %d files seen before", n-downloads)
	}
}

// A file that does not parse goes to quarantine with its error; the
// cycle goes on with the others. A name that is not a plain file name
// is never downloaded.
func TestQuarantine(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	d, store, byPatient := sent(t, h)
	names := h.respond()
	var era []byte
	for _, n := range names {
		if strings.HasSuffix(n, ".835") {
			era = h.read("outbound", n)
			os.Remove(filepath.Join(h.base, "outbound", n))
		}
	}
	h.put("aaa-garbage.999", []byte("this is not an X12 interchange\n"))
	h.put("aab-cut.835", era[:len(era)/2])
	h.put("aac-not-a-response.999", h.read("inbound", firstBatch))
	h.put(`evil\..\name.999`, []byte("x"))
	rep, err := d.Cycle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(rep.Skipped, []string{`evil\..\name.999`}) {
		t.Errorf("skipped %q", rep.Skipped)
	}
	st := readState(t, store)
	var quarantined []string
	for _, q := range st.quar {
		quarantined = append(quarantined, q.Name)
		if q.Error == "" {
			t.Errorf("%s quarantined without an error", q.Name)
		}
		if _, err := os.Stat(filepath.Join(h.data, "quarantine", q.Name)); err != nil {
			t.Errorf("%s is not in the quarantine folder: %v", q.Name, err)
		}
	}
	slices.Sort(quarantined)
	if want := []string{"aaa-garbage.999", "aab-cut.835", "aac-not-a-response.999"}; !cmp.Equal(quarantined, want) {
		t.Errorf("quarantined %v, want %v", quarantined, want)
	}
	// The 999 and 277CA were applied despite the bad files.
	if c := st.claims[byPatient["CI-1"]]; c.Status != claims.Accepted {
		t.Errorf("claim of PAT-1 is %s, want accepted", c.Status)
	}
	if c := st.claims[byPatient["CI-3"]]; c.Status != claims.Rejected {
		t.Errorf("claim of PAT-3 is %s, want rejected", c.Status)
	}
	// Quarantined files are not tried again.
	if rep, err := d.Cycle(t.Context()); err != nil || len(rep.Responses) != 0 {
		t.Errorf("next cycle: %d responses, %v", len(rep.Responses), err)
	}
}

// A remittance line for a claim never sent is recorded as unmatched with
// its amount; the other claims of the file are paid.
func TestUnmatchedRemittance(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	d, store, byPatient := sent(t, h)
	names := h.respond()
	paid := readStateClaim(t, store, byPatient["CI-1"]).PatientControlNumber
	for _, n := range names {
		if strings.HasSuffix(n, ".835") {
			h.put(n, replace(h.read("outbound", n), "CLP*"+paid+"*", "CLP*NOSUCHCLAIM01*"))
		}
	}
	if _, err := d.Cycle(t.Context()); err != nil {
		t.Fatal(err)
	}
	st := readState(t, store)
	if len(st.unmatched) != 1 {
		t.Fatalf("unmatched: %+v", st.unmatched)
	}
	u := st.unmatched[0]
	if u.Reference != "NOSUCHCLAIM01" || u.Kind != clearinghouse.Kind835 || !u.Amount.Valid || u.Amount.Decimal.StringFixed(2) != "116.03" {
		t.Errorf("unmatched %+v", u)
	}
	if c := st.claims[byPatient["CI-1"]]; c.Status != claims.Accepted {
		t.Errorf("the claim whose CLP was renamed is %s, want still accepted", c.Status)
	}
	if c := st.claims[byPatient["CI-4"]]; c.Status != claims.PartiallyPaid {
		t.Errorf("claim of PAT-4 is %s, want partially paid", c.Status)
	}
}

func readStateClaim(t *testing.T, s clearinghouse.Store, id string) *claims.Claim {
	t.Helper()
	return readState(t, s).claims[id]
}

// write999 writes a 999 that rejects set st02 of group gs06 with one
// IK3 loop at segment position pos, naming claim pcn.
func write999(t *testing.T, gs06, st02 string, pos int, segID, pcn string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.ControlNumbers = x12.NewSequence(900)
	d := x12.DateOf(now)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "CLAIMKITSIM", ReceiverID: "CLAIMKIT01", Date: d, Usage: "T"})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "FA", SenderCode: "CLAIMKITSIM", ReceiverCode: "CLAIMKIT01", Date: d, Version: "005010X231A1"})
	w.BeginSet("999", "005010X231A1")
	w.WriteSegment("AK1", "HC", gs06, "005010X222A1")
	w.WriteSegment("AK2", "837", st02, "005010X222A1")
	w.WriteSegment("IK3", segID, strconv.Itoa(pos), "2300", "8")
	w.StartSegment("CTX")
	w.Components("CLM01", pcn)
	w.EndSegment()
	w.WriteSegment("IK4", "2", "782", "1")
	w.WriteSegment("IK5", "R", "5")
	w.WriteSegment("AK9", "R", "1", "1", "0")
	w.EndSet()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A 999 rejecting a set rejects every claim of the set; the claim its
// IK3 position falls in (through the segment map recorded at staging)
// gets the segment in its reason.
func TestRejected999MapsSegments(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	d, store, byPatient := sent(t, h)
	st := readState(t, store)
	b := st.batches[0]
	set := b.Sets[0]
	target := st.claims[byPatient["CI-4"]]
	pos := 0
	for i, ref := range set.Segments {
		if ref.Segment == "CLM" && ref.ClaimID == target.ID {
			pos = i + 1
		}
	}
	if pos == 0 {
		t.Fatalf("no CLM of %s in the segment map", target.ID)
	}
	h.put("reject.999", write999(t, b.GroupControlNumber, set.ControlNumber, pos, "CLM", target.PatientControlNumber))
	rep, err := d.Cycle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changes) != len(set.ClaimIDs) {
		t.Errorf("%d changes, want one per claim of the set (%d)", len(rep.Changes), len(set.ClaimIDs))
	}
	st = readState(t, store)
	for _, id := range set.ClaimIDs {
		c := st.claims[id]
		if c.Status != claims.Rejected {
			t.Errorf("claim %s is %s, want rejected", id, c.Status)
			continue
		}
		reason := c.History[len(c.History)-1].Reason
		named := strings.Contains(reason, "CLM at position "+strconv.Itoa(pos))
		if named != (id == target.ID) {
			t.Errorf("claim %s: reason %q", id, reason)
		}
		if !strings.HasPrefix(reason, "999 0900: transaction set "+set.ControlNumber+" rejected (IK5 R 5 ") {
			t.Errorf("claim %s: reason %q", id, reason)
		}
	}
	if st.batches[0].State != clearinghouse.BatchAcknowledged {
		t.Errorf("batch is %s", st.batches[0].State)
	}
	// A 999 for a group never sent is reported, not dropped.
	h.put("stranger.999", write999(t, "424242", "0001", 3, "CLM", "X"))
	if _, err := d.Cycle(t.Context()); err != nil {
		t.Fatal(err)
	}
	if u := readState(t, store).unmatched; len(u) != 1 || u[0].Reference != "GS06 424242 ST02 0001" {
		t.Errorf("unmatched %+v", u)
	}
}

// A TA1 rejecting the interchange rejects every claim of the batch.
func TestRejectedTA1(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	d, store, _ := sent(t, h)
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.ControlNumbers = x12.NewSequence(700)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "CLAIMKITSIM", ReceiverID: "CLAIMKIT01", Date: x12.DateOf(now), Usage: "T"})
	w.WriteSegment("TA1", "000000001", "260216", "1500", "R", "006")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	h.put("claimkit-000000001.ta1", buf.Bytes())
	if _, err := d.Cycle(t.Context()); err != nil {
		t.Fatal(err)
	}
	st := readState(t, store)
	for id, c := range st.claims {
		if c.Status != claims.Rejected || !strings.Contains(c.History[len(c.History)-1].Reason, "TA1: interchange 000000001 rejected, note 006") {
			t.Errorf("claim %s: %s, %q", id, c.Status, c.History[len(c.History)-1].Reason)
		}
	}
}

// A claim the encoder refuses goes back to Draft with the reason; the
// others are sent.
func TestStagingRefusesBadClaim(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	cs, _ := readyClaims(t)
	bad := cs[0]
	bad.ID, bad.PatientControlNumber, bad.Lines = "NOLINES1", "NOLINES1", nil
	d, store := h.daemon(nil)
	if err := d.Add(t.Context(), append(cs, bad)); err != nil {
		t.Fatal(err)
	}
	rep, err := d.Cycle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Staged) != 1 || len(rep.Staged[0].ClaimIDs()) != len(cs) {
		t.Fatalf("staged %+v", rep.Staged)
	}
	c := readStateClaim(t, store, "NOLINES1")
	if c.Status != claims.Draft || !strings.Contains(c.History[len(c.History)-1].Reason, "x837p: claim") {
		t.Errorf("refused claim: %s, %+v", c.Status, c.History)
	}
	// Adding a claim twice, or one already submitted, is refused.
	if err := d.Add(t.Context(), cs[:1]); err == nil {
		t.Errorf("adding a claim twice succeeded")
	}
	done := cs[1]
	done.ID, done.Status = "OTHER", claims.Paid
	if err := d.Add(t.Context(), []claims.Claim{done}); err == nil {
		t.Errorf("adding a paid claim succeeded")
	}
}
