package clearinghouse_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/internal/transporttest"
)

const firstBatch = "claimkit-000000001.837"

// A crash at any point of sending leaves the clearinghouse with the
// batch exactly once under its final name, and the ledger with it
// uploaded after the next cycle: never twice, never lost.
func TestCrashRecovery(t *testing.T) {
	tests := []struct {
		name  string
		fault transporttest.Fault
		// state is the batch's state after the crashed cycle.
		state clearinghouse.BatchState
		// uploads and renames are the calls that reached the remote over
		// both cycles.
		uploads, renames int
	}{
		{
			name:  "crash during the upload",
			fault: transporttest.Fault{Op: "Upload", Name: firstBatch + ".part", After: true},
			state: clearinghouse.BatchStaged, uploads: 2, renames: 1,
		},
		{
			name:  "crash after the upload, before the rename",
			fault: transporttest.Fault{Op: "Rename", Name: firstBatch + ".part"},
			state: clearinghouse.BatchSending, uploads: 1, renames: 1,
		},
		{
			name:  "crash after the rename, before the ledger update",
			fault: transporttest.Fault{Op: "Rename", Name: firstBatch + ".part", After: true},
			state: clearinghouse.BatchSending, uploads: 1, renames: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newDrop(t)
			cs, _ := readyClaims(t)
			d, store := h.daemon(nil)
			if err := d.Add(t.Context(), cs); err != nil {
				t.Fatal(err)
			}
			h.tr.Inject(tt.fault)
			if _, err := d.Cycle(t.Context()); !errors.Is(err, transporttest.ErrInjected) {
				t.Fatalf("crashed cycle: %v, want the injected fault", err)
			}
			st := readState(t, store)
			if len(st.batches) != 1 || st.batches[0].State != tt.state {
				t.Fatalf("after the crash: batches %+v, want one %s", st.batches, tt.state)
			}
			for _, c := range st.claims {
				if c.Status != claims.ReadyToSubmit {
					t.Errorf("claim %s is %s before the clearinghouse has it", c.ID, c.Status)
				}
			}
			staged := *st.batches[0]
			store.Close() // the process dies: no flush

			d, store = h.daemon(nil)
			rep, err := d.Cycle(t.Context())
			if err != nil {
				t.Fatalf("cycle after the restart: %v", err)
			}
			if len(rep.Staged) != 0 || len(rep.Uploaded) != 1 {
				t.Errorf("after the restart: staged %d, uploaded %d; want 0, 1", len(rep.Staged), len(rep.Uploaded))
			}
			if got := h.inbound(); !cmp.Equal(got, []string{firstBatch}) {
				t.Errorf("inbound holds %v, want only %s", got, firstBatch)
			}
			if _, err := os.Stat(filepath.Join(h.base, "inbound", firstBatch+".part")); !os.IsNotExist(err) {
				t.Errorf("the temporary file is still there: %v", err)
			}
			if u, r := h.tr.Calls("Upload"), h.tr.Calls("Rename"); u != tt.uploads || r != tt.renames {
				t.Errorf("calls that reached the remote: %d uploads, %d renames; want %d, %d", u, r, tt.uploads, tt.renames)
			}
			if got, want := h.read("inbound", firstBatch), mustRead(t, filepath.Join(h.data, "outbox", firstBatch)); string(got) != string(want) {
				t.Errorf("the remote file differs from the staged one")
			}
			st = readState(t, store)
			b := st.batches[0]
			if b.State != clearinghouse.BatchUploaded || b.InterchangeControlNumber != staged.InterchangeControlNumber ||
				b.GroupControlNumber != staged.GroupControlNumber || b.SHA256 != staged.SHA256 {
				t.Errorf("batch after recovery %+v; staged as %+v", b, staged)
			}
			for _, c := range st.claims {
				if c.Status != claims.Submitted {
					t.Errorf("claim %s is %s, want submitted", c.ID, c.Status)
				}
			}
			// The clearinghouse answers the one file it has.
			h.respond()
			if _, err := d.Cycle(t.Context()); err != nil {
				t.Fatal(err)
			}
			if st := readState(t, store); len(st.postings) != 3 {
				t.Errorf("%d postings, want 3 (one per paid or denied claim)", len(st.postings))
			}
		})
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A batch staged before a crash keeps its control numbers and file: the
// restarted daemon sends it as it was, and claims added later get new
// numbers.
func TestStagedBatchKeepsNumbersAcrossRestart(t *testing.T) {
	t.Parallel()
	h := newDrop(t)
	cs, _ := readyClaims(t)
	down := errors.New("clearinghouse unreachable")
	d, store := h.daemon(func(c *clearinghouse.Config) {
		c.Connect = func(context.Context) (clearinghouse.Transport, error) { return nil, down }
	})
	if err := d.Add(t.Context(), cs[:2]); err != nil {
		t.Fatal(err)
	}
	rep, err := d.Cycle(t.Context())
	if !errors.Is(err, down) || len(rep.Staged) != 1 {
		t.Fatalf("cycle with the clearinghouse down: %v, staged %d", err, len(rep.Staged))
	}
	staged := *rep.Staged[0]
	outbox := mustRead(t, filepath.Join(h.data, "outbox", staged.FileName))
	store.Close()

	d, store = h.daemon(nil)
	if err := d.Add(t.Context(), cs[2:]); err != nil {
		t.Fatal(err)
	}
	rep, err = d.Cycle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Staged) != 1 || len(rep.Uploaded) != 2 {
		t.Fatalf("after the restart: staged %d, uploaded %d; want 1, 2", len(rep.Staged), len(rep.Uploaded))
	}
	if got := h.read("inbound", staged.FileName); string(got) != string(outbox) {
		t.Errorf("the batch sent after the restart differs from the one staged before it")
	}
	st := readState(t, store)
	var got [][3]string
	for _, b := range st.batches {
		got = append(got, [3]string{b.FileName, b.InterchangeControlNumber, b.Sets[0].ControlNumber})
	}
	want := [][3]string{{"claimkit-000000001.837", "000000001", "0001"}, {"claimkit-000000002.837", "000000002", "0002"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("batches (-want +got):\n%s", diff)
	}
}
