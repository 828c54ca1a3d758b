package main

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
	"github.com/claimkit/claimkit/clearinghouse/sim"
	"github.com/claimkit/claimkit/rules"
	"github.com/claimkit/claimkit/x12"
)

// demoCharges are the demo's charge items: two RPM months, an RTM month
// (for a commercial plan, sent to the simulated Medicare payer by
// mistake), telehealth video and audio-only visits, a data review the
// payer denies and a visit keyed with the wrong telehealth modifier. All
// of it is synthetic.
//
//go:embed demo/charges.json
var demoCharges []byte

const demoUsage = "[--data DIR] [--now RFC3339] [--format text|json]"

// demoTimeout bounds the whole demo.
const demoTimeout = 2 * time.Minute

// runDemo runs the whole claim loop offline: charge items → claims →
// validation → 837P → upload over SFTP to a simulated clearinghouse on
// 127.0.0.1 (its host key checked against a known_hosts file) → 999,
// 277CA and 835 back → reconciliation → a summary.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", demoUsage)
	dataDir := fs.String("data", "", "keep the ledger and files in this new or empty directory (default: a temporary one, removed)")
	nowText := fs.String("now", "", "the clock of the daemon and the clearinghouse, RFC 3339 (default: the current time)")
	format := formatFlag(fs, "text", "text", "json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	f, err := format()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	fixed := *nowText != ""
	if fixed {
		if now, err = time.Parse(time.RFC3339, *nowText); err != nil {
			return usagef("--now: %v", err)
		}
		now = now.UTC()
	}
	dir := *dataDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "claimkit-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := emptyDir(dir); err != nil {
		return usagef("--data: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, demoTimeout)
	defer cancel()
	start := time.Now()
	sum, err := demo(ctx, dir, now)
	if err != nil {
		return err
	}
	if *dataDir != "" {
		sum.DataDir = *dataDir
	}
	if f == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	sum.write(e.stdout)
	if !fixed {
		fmt.Fprintf(e.stdout, "\ndone in %v\n", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// emptyDir makes dir if it does not exist and fails if it holds files.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(es) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

// demoPartner is the trading partner profile of the demo practice.
func demoPartner() x837p.Partner {
	p := x837p.DefaultPartner()
	p.Submitter = x837p.Submitter{Name: "ACME VIRTUAL CARE", ID: "CLAIMKIT01", Contact: x837p.Contact{Name: "BILLING OFFICE", Phone: "2175550100"}}
	p.Receiver = x837p.Receiver{Name: "CLAIMKIT SIMULATED CLEARINGHOUSE", ID: "CLAIMKITSIM"}
	p.Envelope.SenderID, p.Envelope.ReceiverID = "CLAIMKIT01", "CLAIMKITSIM"
	return p
}

// demoPayer is the simulated Medicare payer, which denies 99091 (CO-B7),
// and which has already paid the RPM set-up code 99453 for this episode,
// so it denies it again (CO-119, benefit maximum reached).
func demoPayer() sim.Payer {
	p := sim.DefaultPayer()
	p.DenyCodes["99453"] = "119"
	return p
}

// demoSummary is what the demo prints.
type demoSummary struct {
	ChargeItems int `json:"charge_items"`
	ReadyToBill int `json:"ready_to_bill"`
	Skipped     int `json:"skipped"`
	// Claims built; Drafts are those validation left in draft.
	ClaimsBuilt int                         `json:"claims_built"`
	Drafts      []demoDraft                 `json:"drafts"`
	Batches     []demoBatch                 `json:"batches"`
	Responses   []demoResponse              `json:"responses"`
	Claims      []demoClaim                 `json:"claims"`
	Counts      map[string]int              `json:"counts"`
	Totals      demoTotals                  `json:"totals"`
	Unmatched   []clearinghouse.Unmatched   `json:"unmatched"`
	Quarantined []clearinghouse.Quarantined `json:"quarantined"`
	DataDir     string                      `json:"data_dir,omitempty"`
}

type demoDraft struct {
	ClaimID string `json:"claim_id"`
	Reason  string `json:"reason"`
}

type demoBatch struct {
	FileName    string   `json:"file_name"`
	Interchange string   `json:"interchange_control_number"`
	Group       string   `json:"group_control_number"`
	Sets        []string `json:"set_control_numbers"`
	Claims      int      `json:"claims"`
	Bytes       int64    `json:"bytes"`
	SHA256      string   `json:"sha256"`
	State       string   `json:"state"`
}

type demoResponse struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Outcome string `json:"outcome"`
}

type demoClaim struct {
	ClaimID   string `json:"claim_id"`
	PatientID string `json:"patient_id"`
	Payer     string `json:"payer_id"`
	Lines     int    `json:"lines"`
	Status    string `json:"status"`
	Charge    string `json:"charge"`
	Paid      string `json:"paid"`
	Patient   string `json:"patient_responsibility"`
	// Why says why a claim was rejected or lines denied.
	Why string `json:"why,omitempty"`
}

type demoTotals struct {
	Charged string `json:"charged"`
	Paid    string `json:"paid"`
	Patient string `json:"patient_responsibility"`
}

// demo runs the loop in dir with the clock stopped at now.
func demo(ctx context.Context, dir string, now time.Time) (*demoSummary, error) {
	sum := &demoSummary{}
	batch, err := claims.ReadBatch(bytes.NewReader(demoCharges))
	if err != nil {
		return nil, fmt.Errorf("demo charge items: %w", err)
	}
	sum.ChargeItems = len(batch.Items)
	res, err := claims.Group(batch, claims.GroupOptions{})
	if err != nil {
		return nil, fmt.Errorf("grouping: %w", err)
	}
	sum.ReadyToBill, sum.Skipped, sum.ClaimsBuilt = res.Grouped, res.Skipped, len(res.Claims)
	partner := demoPartner()
	// Validation: the claim scrubber's default rules as of today; a claim
	// with an error finding stays Draft.
	findings := rules.Check(res.Claims, rules.DefaultRuleSet(), x12.DateOf(now))
	for i := range res.Claims {
		c := &res.Claims[i]
		mine, err := rules.Apply(c, findings, claims.Change{By: "claimkit demo", At: now})
		if err != nil {
			return nil, err
		}
		if c.Status != claims.Draft {
			continue
		}
		var why []string
		for _, f := range mine {
			if f.Severity == rules.Error {
				why = append(why, f.Rule+": "+f.Message)
			}
		}
		sum.Drafts = append(sum.Drafts, demoDraft{ClaimID: c.ID, Reason: strings.Join(why, "; ")})
	}

	// The simulated clearinghouse: SFTP on 127.0.0.1, a fresh host key
	// written to known_hosts, a password that lives only in memory.
	var pw [16]byte
	rand.Read(pw[:])
	password := hex.EncodeToString(pw[:])
	clock := func() time.Time { return now }
	srv, err := sim.Start(ctx, sim.Config{Payer: demoPayer(), Users: map[string]sim.User{"acme": {Password: password}},
		Listen: "127.0.0.1:0", Clock: clock})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	knownHosts := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(knownHosts, []byte(srv.KnownHostsLine()+"\n"), 0o600); err != nil {
		return nil, err
	}
	store, err := ledger.Open(ctx, filepath.Join(dir, "ledger.db"))
	if err != nil {
		return nil, err
	}
	d, err := clearinghouse.New(clearinghouse.Config{
		Store: store,
		Connect: func(ctx context.Context) (clearinghouse.Transport, error) {
			return sftp.Dial(ctx, sftp.Config{Addr: srv.Addr(), User: "acme", Password: password, KnownHostsFile: knownHosts})
		},
		Inbound: sim.InboundDir, Outbound: sim.OutboundDir,
		DataDir: dir, Partner: partner, Now: clock,
	})
	if err != nil {
		store.Close()
		return nil, err
	}
	defer d.Close(context.WithoutCancel(ctx))
	if err := d.Add(ctx, res.Claims); err != nil {
		return nil, err
	}
	// The simulated clearinghouse answers as soon as a file arrives, so
	// one cycle sends and applies everything; a second one finds nothing.
	for range 2 {
		if _, err := d.Cycle(ctx); err != nil {
			return nil, err
		}
	}
	err = store.View(ctx, func(tx clearinghouse.Tx) error { return sum.fill(tx) })
	return sum, err
}

// fill reads the outcome from the ledger.
func (s *demoSummary) fill(tx clearinghouse.Tx) error {
	bs, err := tx.Batches(clearinghouse.BatchQuery{})
	if err != nil {
		return err
	}
	for _, b := range bs {
		db := demoBatch{FileName: b.FileName, Interchange: b.InterchangeControlNumber, Group: b.GroupControlNumber,
			Claims: len(b.ClaimIDs()), Bytes: b.Size, SHA256: b.SHA256, State: string(b.State)}
		for _, set := range b.Sets {
			db.Sets = append(db.Sets, set.ControlNumber)
		}
		s.Batches = append(s.Batches, db)
	}
	rs, err := tx.Responses()
	if err != nil {
		return err
	}
	for _, r := range rs {
		s.Responses = append(s.Responses, demoResponse{Name: r.Name, Kind: string(r.Kind), Outcome: string(r.Outcome)})
	}
	cs, err := tx.Claims(clearinghouse.ClaimQuery{})
	if err != nil {
		return err
	}
	postings, err := tx.Postings(nil)
	if err != nil {
		return err
	}
	s.Counts = map[string]int{}
	var charged, paid, patient decimal.Decimal
	for _, c := range cs {
		dc := demoClaim{ClaimID: c.ID, PatientID: c.Patient.ID, Payer: c.Coverage.Payer.PayerID, Lines: len(c.Lines),
			Status: string(c.Status), Charge: c.Total().StringFixed(2)}
		var p, pr decimal.Decimal
		var why []string
		for _, po := range postings {
			if po.ClaimID != c.ID {
				continue
			}
			p, pr = p.Add(po.Paid), pr.Add(po.PatientResponsibility)
			why = append(why, denials(&po)...)
		}
		dc.Paid, dc.Patient = p.StringFixed(2), pr.StringFixed(2)
		if c.Status == claims.Rejected && len(c.History) > 0 {
			why = append(why, c.History[len(c.History)-1].Reason)
		}
		dc.Why = strings.Join(why, "; ")
		s.Claims = append(s.Claims, dc)
		for _, h := range c.History {
			switch h.To {
			case claims.Submitted, claims.Accepted:
				if h.From != h.To {
					s.Counts[string(h.To)]++
				}
			}
		}
		switch c.Status {
		case claims.Paid, claims.PartiallyPaid, claims.Denied, claims.Rejected, claims.Draft:
			s.Counts[string(c.Status)]++
		}
		if c.Status != claims.Draft {
			charged = charged.Add(c.Total())
		}
		paid, patient = paid.Add(p), patient.Add(pr)
	}
	s.Totals = demoTotals{Charged: charged.StringFixed(2), Paid: paid.StringFixed(2), Patient: patient.StringFixed(2)}
	if s.Unmatched, err = tx.Unmatched(); err != nil {
		return err
	}
	s.Quarantined, err = tx.Quarantine()
	return err
}

// denials lists the denied lines of a posting with their adjustment
// reasons ("99091 denied: CO-B7").
func denials(p *remit.Posting) []string {
	var out []string
	for _, l := range p.Lines {
		if !l.Denied {
			continue
		}
		var rs []string
		for _, a := range l.Adjustments {
			rs = append(rs, string(a.Group)+"-"+a.Reason)
		}
		out = append(out, l.Procedure.Code+" denied: "+strings.Join(rs, ", "))
	}
	return out
}

// write prints the summary as text.
func (s *demoSummary) write(w io.Writer) {
	fmt.Fprintln(w, "claimkit demo: charge items → claims → 837P → SFTP → 999, 277CA, 835 → reconciliation")
	fmt.Fprintln(w, "(a simulated clearinghouse and payer on 127.0.0.1; its host key is checked against known_hosts)")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "charge items   %d read: %d ready to bill, %d not\n", s.ChargeItems, s.ReadyToBill, s.Skipped)
	fmt.Fprintf(w, "claims         %d built, %d valid, %d left in draft\n", s.ClaimsBuilt, s.ClaimsBuilt-len(s.Drafts), len(s.Drafts))
	for _, d := range s.Drafts {
		fmt.Fprintf(w, "               draft %s: %s\n", d.ClaimID, d.Reason)
	}
	for _, b := range s.Batches {
		fmt.Fprintf(w, "batch          %s: ISA13 %s, GS06 %s, ST02 %s; %d claims, %d bytes, %s\n",
			b.FileName, b.Interchange, b.Group, strings.Join(b.Sets, " "), b.Claims, b.Bytes, b.State)
	}
	for _, r := range s.Responses {
		fmt.Fprintf(w, "response       %-26s %-6s %s\n", r.Name, r.Kind, r.Outcome)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "claim\tpatient\tpayer\tlines\tstatus\tcharged\tpaid\tpatient owes\t")
	for _, c := range s.Claims {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", c.ClaimID, c.PatientID, c.Payer, c.Lines, c.Status, c.Charge, c.Paid, c.Patient)
	}
	fmt.Fprintf(tw, "total sent\t\t\t\t\t%s\t%s\t%s\t\n", s.Totals.Charged, s.Totals.Paid, s.Totals.Patient)
	tw.Flush()
	fmt.Fprintln(w)
	order := []string{"submitted", "accepted", "rejected", "paid", "partially_paid", "denied", "draft"}
	var counts []string
	for _, k := range order {
		counts = append(counts, fmt.Sprintf("%s %d", strings.ReplaceAll(k, "_", " "), s.Counts[k]))
	}
	fmt.Fprintf(w, "claims: %s\n", strings.Join(counts, ", "))
	var whys []string
	for _, c := range s.Claims {
		if c.Why != "" {
			whys = append(whys, "  "+c.ClaimID+": "+c.Why)
		}
	}
	if len(whys) > 0 {
		fmt.Fprintln(w, "why:")
		fmt.Fprintln(w, strings.Join(whys, "\n"))
	}
	fmt.Fprintf(w, "unmatched remittances %d, quarantined files %d\n", len(s.Unmatched), len(s.Quarantined))
	for _, u := range s.Unmatched {
		fmt.Fprintf(w, "  unmatched %s %s: %s\n", u.Kind, u.Reference, u.Reason)
	}
	if s.DataDir != "" {
		fmt.Fprintf(w, "ledger and files kept in %s\n", s.DataDir)
	}
}
