package sim_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"

	"github.com/pkg/sftp"
	"github.com/shopspring/decimal"
	"golang.org/x/crypto/ssh"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse/sim"
	"github.com/claimkit/claimkit/x12"
)

// rpmClaim is one month of remote patient monitoring for a Medicare
// patient, billed to the default payer.
func rpmClaim() claims.Claim {
	jan := func(d int) x12.DateRange {
		return x12.DateRange{From: x12.NewDate(2026, 1, d), To: x12.NewDate(2026, 1, d)}
	}
	patient := claims.Person{
		MemberID: "1EG4TE5MK73", Name: claims.Name{Last: "DOE", First: "JANE"},
		BirthDate: x12.NewDate(1950, 1, 1), Gender: claims.GenderFemale,
	}
	line := func(code, charge string, day int) claims.ClaimLine {
		return claims.ClaimLine{
			Procedure: claims.Procedure{Code: code}, Charge: decimal.RequireFromString(charge),
			Units: decimal.NewFromInt(1), Service: jan(day), DiagnosisPointers: []int{1},
		}
	}
	return claims.Claim{
		PatientControlNumber: "RPM-2601-0001",
		BillingProvider: &claims.Provider{
			NPI: "1245319599", TaxID: "123456789", Name: claims.Name{Organization: "ACME FAMILY MEDICINE"},
			Address: claims.Address{Line1: "100 MAIN ST", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"},
		},
		Coverage: &claims.Coverage{
			Payer:      claims.Payer{Name: "MEDICARE", PayerID: sim.DefaultPayer().PayerID, ClaimFilingIndicator: claims.FilingMedicarePartB},
			Subscriber: patient,
		},
		Patient:        &claims.Patient{Person: patient},
		PlaceOfService: claims.POSOffice,
		Diagnoses:      []string{"I10"},
		Lines:          []claims.ClaimLine{line("99454", "60", 30), line("99457", "60", 31)},
	}
}

func ExamplePayer_Respond() {
	partner := x837p.DefaultPartner()
	partner.Submitter = x837p.Submitter{Name: "ACME RPM BILLING", ID: "ACME01", Contact: x837p.Contact{Phone: "5555550100"}}
	partner.Receiver = x837p.Receiver{Name: "CLAIMKIT SIM", ID: "SIMCH"}
	partner.Envelope.SenderID, partner.Envelope.ReceiverID = "ACME01", "SIMCH"
	var batch bytes.Buffer
	_, err := x837p.Encode(&batch, []claims.Claim{rpmClaim()}, x837p.Options{
		Partner: partner, Date: x12.NewDate(2026, 2, 3), ControlNumbers: x12.NewSequence(1),
	})
	if err != nil {
		log.Fatal(err)
	}

	files, err := sim.DefaultPayer().Respond("batch-0001.837", batch.Bytes(), sim.Envelope{
		ControlNumbers: x12.NewSequence(100),
		Date:           x12.NewDate(2026, 2, 5),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		fmt.Println(f.Name)
		if f.Name != "batch-0001.835" {
			continue
		}
		rems, err := remit.DecodeAll(bytes.NewReader(f.Data))
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range rems {
			fmt.Printf("  check %s balanced=%v\n", r.Payment.Amount, r.Balanced)
			for _, c := range r.Claims {
				fmt.Printf("  %s charge %s paid %s patient %s\n", c.PatientControlNumber, c.Charge, c.Paid, c.PatientResponsibility)
				for _, s := range c.Services {
					fmt.Printf("    %s %s → %s", s.Procedure.Code, s.Charge, s.Paid)
					for _, a := range s.Adjustments {
						fmt.Printf(" %s-%s %s", a.Group, a.Reason, a.Amount)
					}
					fmt.Println()
				}
			}
		}
	}
	// Output:
	// batch-0001.999
	// batch-0001.277
	// batch-0001.835
	//   check 74.71 balanced=true
	//   RPM-2601-0001 charge 120 paid 74.71 patient 19.06
	//     99454 60 → 37.18 CO-45 12.57 CO-253 0.76 PR-2 9.49
	//     99457 60 → 37.53 CO-45 12.13 CO-253 0.77 PR-2 9.57
}

// A test starts the server, trusts its host key, and uploads a batch the
// way the daemon does: under a temporary name, then renamed.
func ExampleStart() {
	ctx := context.Background()
	srv, err := sim.Start(ctx, sim.Config{
		Payer: sim.DefaultPayer(),
		Users: map[string]sim.User{"acme": {Password: "secret"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	conn, err := ssh.Dial("tcp", srv.Addr(), &ssh.ClientConfig{
		User:            "acme",
		Auth:            []ssh.AuthMethod{ssh.Password("secret")},
		HostKeyCallback: ssh.FixedHostKey(srv.HostKey()), // or a known_hosts file with srv.KnownHostsLine()
	})
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	client, err := sftp.NewClient(conn)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	batch, err := os.ReadFile("batch-0001.837")
	if err != nil {
		log.Fatal(err)
	}
	f, err := client.Create("/inbound/batch-0001.837.tmp")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := f.Write(batch); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	if err := client.Rename("/inbound/batch-0001.837.tmp", "/inbound/batch-0001.837"); err != nil {
		log.Fatal(err)
	}
	responses, err := client.ReadDir("/outbound") // batch-0001.999, .277, .835
	if err != nil {
		log.Fatal(err)
	}
	for _, fi := range responses {
		fmt.Println(fi.Name())
	}
}
