package clearinghouse_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
)

// A daemon over a clearinghouse whose drop folders are local
// directories: one cycle stages the claim, writes the 837P and sends it.
func ExampleDaemon_Cycle() {
	dir, _ := os.MkdirTemp("", "claimkit-example-")
	defer os.RemoveAll(dir)
	remote := filepath.Join(dir, "remote")
	os.MkdirAll(filepath.Join(remote, "inbound"), 0o700)
	os.MkdirAll(filepath.Join(remote, "outbound"), 0o700)

	ctx := context.Background()
	store, err := ledger.Open(ctx, filepath.Join(dir, "ledger.db"))
	if err != nil {
		log.Fatal(err)
	}
	p := x837p.DefaultPartner()
	p.Submitter = x837p.Submitter{Name: "ACME VIRTUAL CARE", ID: "CLAIMKIT01", Contact: x837p.Contact{Phone: "2175550100"}}
	p.Receiver = x837p.Receiver{Name: "EXAMPLE CLEARINGHOUSE", ID: "CLEARHOUSE"}
	p.Envelope.SenderID, p.Envelope.ReceiverID = "CLAIMKIT01", "CLEARHOUSE"
	d, err := clearinghouse.New(clearinghouse.Config{
		Store:   store,
		Connect: func(context.Context) (clearinghouse.Transport, error) { return dirdrop.Open(remote) },
		Inbound: "inbound", Outbound: "outbound",
		DataDir: filepath.Join(dir, "data"),
		Partner: p,
		Now:     func() time.Time { return time.Date(2026, 2, 16, 15, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close(ctx)

	cs, _ := exampleClaims()
	if err := d.Add(ctx, cs); err != nil {
		log.Fatal(err)
	}
	rep, err := d.Cycle(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range rep.Uploaded {
		fmt.Println(b.FileName, "ISA13", b.InterchangeControlNumber, "claims", len(b.ClaimIDs()), b.State)
	}
	for _, ch := range rep.Changes {
		fmt.Println(ch.From, "→", ch.To)
	}
	// Output:
	// claimkit-000000001.837 ISA13 000000001 claims 1 uploaded
	// ready_to_submit → submitted
}

// Connecting to a real clearinghouse: the server's host key must be in
// the known_hosts file, and the secrets come from the caller.
func ExampleConfig_sftp() {
	password, _ := os.ReadFile("/etc/claimkit/sftp-password")
	sc := sftp.Config{
		Addr: "sftp.clearinghouse.example:22", User: "acme", Password: string(password),
		KnownHostsFile: "/etc/claimkit/known_hosts",
	}
	_ = clearinghouse.Config{
		Connect: func(ctx context.Context) (clearinghouse.Transport, error) { return sftp.Dial(ctx, sc) },
		Inbound: "/inbound", Outbound: "/outbound",
	}
}

// exampleClaims groups one telehealth visit into a claim and makes it
// ready to submit.
func exampleClaims() ([]claims.Claim, error) {
	f, err := os.Open(filepath.Join("testdata", "charges.json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := claims.ReadBatch(f)
	if err != nil {
		return nil, err
	}
	b.Items = b.Items[3:4] // PAT-3's video visit
	res, err := claims.Group(b, claims.GroupOptions{})
	if err != nil {
		return nil, err
	}
	at := time.Date(2026, 2, 16, 15, 0, 0, 0, time.UTC)
	for i := range res.Claims {
		res.Claims[i].Transition(claims.ReadyToSubmit, claims.Change{By: "scrubber", At: at})
	}
	return res.Claims, nil
}
