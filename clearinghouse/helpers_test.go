package clearinghouse_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
	"github.com/claimkit/claimkit/clearinghouse/internal/transporttest"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/clearinghouse/sim"
	"github.com/claimkit/claimkit/x12"
)

// now is the clock of the daemon and of the simulated clearinghouse.
var now = time.Date(2026, 2, 16, 15, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func testPartner() x837p.Partner {
	p := x837p.DefaultPartner()
	p.Submitter = x837p.Submitter{Name: "ACME VIRTUAL CARE", ID: "CLAIMKIT01", Contact: x837p.Contact{Name: "BILLING OFFICE", Phone: "2175550100"}}
	p.Receiver = x837p.Receiver{Name: "CLAIMKIT SIM", ID: "CLAIMKITSIM"}
	p.Envelope.SenderID, p.Envelope.ReceiverID = "CLAIMKIT01", "CLAIMKITSIM"
	return p
}

// readyClaims groups testdata/charges.json into claims and makes them
// ReadyToSubmit. The claims are keyed by the ID of their first charge
// item, which names the patient (CI-<patient>-<n>).
func readyClaims(t testing.TB) ([]claims.Claim, map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "charges.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := claims.ReadBatch(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := claims.Group(b, claims.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byItem := map[string]string{}
	for i := range res.Claims {
		c := &res.Claims[i]
		if err := c.Transition(claims.ReadyToSubmit, claims.Change{By: "test", At: now, Reason: "checked"}); err != nil {
			t.Fatal(err)
		}
		first := c.Lines[0].ChargeItemIDs[0]
		byItem[first[:strings.LastIndexByte(first, '-')]] = c.ID
	}
	return res.Claims, byItem
}

func openLedger(t *testing.T, path string) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// state is what the ledger holds, read in one View.
type state struct {
	claims    map[string]*claims.Claim
	batches   []*clearinghouse.Batch
	responses []*clearinghouse.Response
	postings  []remit.Posting
	quar      []clearinghouse.Quarantined
	unmatched []clearinghouse.Unmatched
}

func readState(t *testing.T, s clearinghouse.Store) *state {
	t.Helper()
	st := &state{claims: map[string]*claims.Claim{}}
	err := s.View(context.Background(), func(tx clearinghouse.Tx) error {
		cs, err := tx.Claims(clearinghouse.ClaimQuery{})
		if err != nil {
			return err
		}
		for _, c := range cs {
			st.claims[c.ID] = c
		}
		if st.batches, err = tx.Batches(clearinghouse.BatchQuery{}); err != nil {
			return err
		}
		if st.responses, err = tx.Responses(); err != nil {
			return err
		}
		if st.postings, err = tx.Postings(nil); err != nil {
			return err
		}
		if st.quar, err = tx.Quarantine(); err != nil {
			return err
		}
		st.unmatched, err = tx.Unmatched()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// paid returns the sum paid and the patient responsibility of a claim's
// postings.
func (st *state) paid(pcn string) (paid, patient decimal.Decimal) {
	for _, p := range st.postings {
		if p.PatientControlNumber == pcn {
			paid, patient = paid.Add(p.Paid), patient.Add(p.PatientResponsibility)
		}
	}
	return paid, patient
}

// drop is a clearinghouse made of two local folders: the daemon uploads
// through a fault-injecting dirdrop transport, and respond plays the
// clearinghouse with the simulated payer.
type drop struct {
	t        *testing.T
	base     string
	data     string
	ledger   string
	tr       *transporttest.Faulty
	answered map[string]bool
	ctl      x12.ControlNumbers
}

func newDrop(t *testing.T) *drop {
	t.Helper()
	dir := t.TempDir()
	h := &drop{t: t, base: filepath.Join(dir, "remote"), data: filepath.Join(dir, "data"),
		ledger: filepath.Join(dir, "ledger.db"), answered: map[string]bool{}, ctl: x12.NewSequence(500)}
	for _, d := range []string{"inbound", "outbound"} {
		if err := os.MkdirAll(filepath.Join(h.base, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	dt, err := dirdrop.Open(h.base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dt.Close() })
	h.tr = transporttest.NewFaulty(dt)
	return h
}

// daemon starts a daemon over a newly opened ledger handle, as a
// process (re)starting would.
func (h *drop) daemon(mod func(*clearinghouse.Config)) (*clearinghouse.Daemon, *ledger.Ledger) {
	h.t.Helper()
	l := openLedger(h.t, h.ledger)
	cfg := clearinghouse.Config{
		Store:    l,
		Connect:  func(context.Context) (clearinghouse.Transport, error) { return h.tr, nil },
		Inbound:  "inbound",
		Outbound: "outbound",
		DataDir:  h.data,
		Partner:  testPartner(),
		Now:      clock,
	}
	if mod != nil {
		mod(&cfg)
	}
	d, err := clearinghouse.New(cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { d.Close(context.Background()) })
	return d, l
}

// inbound lists the final (not temporary) names in the inbound folder.
func (h *drop) inbound() []string {
	h.t.Helper()
	es, err := os.ReadDir(filepath.Join(h.base, "inbound"))
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if !strings.HasSuffix(e.Name(), ".part") {
			out = append(out, e.Name())
		}
	}
	return out
}

// respond answers every 837P file in inbound not answered yet, writing
// the simulated payer's responses to outbound, and returns their names.
func (h *drop) respond() []string {
	h.t.Helper()
	var out []string
	for _, name := range h.inbound() {
		if h.answered[name] {
			continue
		}
		h.answered[name] = true
		data, err := os.ReadFile(filepath.Join(h.base, "inbound", name))
		if err != nil {
			h.t.Fatal(err)
		}
		files, err := sim.DefaultPayer().Respond(name, data, sim.Envelope{ControlNumbers: h.ctl, Date: x12.DateOf(now)})
		if err != nil {
			h.t.Fatal(err)
		}
		for _, f := range files {
			h.put(f.Name, f.Data)
			out = append(out, f.Name)
		}
	}
	return out
}

func (h *drop) put(name string, data []byte) {
	h.t.Helper()
	if err := os.WriteFile(filepath.Join(h.base, "outbound", name), data, 0o600); err != nil {
		h.t.Fatal(err)
	}
}

func (h *drop) read(dir, name string) []byte {
	h.t.Helper()
	b, err := os.ReadFile(filepath.Join(h.base, dir, name))
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

func replace(b []byte, old, new string) []byte {
	return bytes.ReplaceAll(b, []byte(old), []byte(new))
}
