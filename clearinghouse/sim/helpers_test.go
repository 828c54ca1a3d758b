package sim

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/pkg/sftp"
	"github.com/shopspring/decimal"
	"golang.org/x/crypto/ssh"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

// The dates of the tests: claims for January 2026, sent on 3 February,
// answered on 5 February.
var (
	sentOn     = x12.NewDate(2026, 2, 3)
	answeredOn = time.Date(2026, 2, 5, 9, 30, 0, 0, time.UTC)
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(d int) x12.DateRange {
	return x12.DateRange{From: x12.NewDate(2026, 1, d), To: x12.NewDate(2026, 1, d)}
}

// testClaim returns a claim of ACME FAMILY MEDICINE for a Medicare
// patient of the default payer, with the lines given.
func testClaim(pcn string, pos claims.PlaceOfService, lines ...claims.ClaimLine) claims.Claim {
	for i := range lines {
		lines[i].Number = i + 1
		lines[i].DiagnosisPointers = []int{1}
		lines[i].ControlNumber = pcn + "-" + strconv.Itoa(i+1)
	}
	subscriber := claims.Person{
		MemberID:  "1EG4TE5MK73",
		Name:      claims.Name{Last: "DOE", First: "JANE"},
		BirthDate: x12.NewDate(1950, 1, 1),
		Gender:    claims.GenderFemale,
		Address:   claims.Address{Line1: "12 OAK AVE", City: "SPRINGFIELD", State: "IL", PostalCode: "62704"},
	}
	return claims.Claim{
		ID:                   pcn,
		PatientControlNumber: pcn,
		BillingProvider: &claims.Provider{
			NPI: "1245319599", TaxID: "123456789", TaxIDQualifier: claims.TaxIDEIN, Taxonomy: "207Q00000X",
			Name:    claims.Name{Organization: "ACME FAMILY MEDICINE"},
			Address: claims.Address{Line1: "100 MAIN ST", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"},
		},
		Rendering: &claims.Provider{NPI: "1234567893", Name: claims.Name{Last: "SMITH", First: "JOHN"}},
		Coverage: &claims.Coverage{
			Priority:     claims.Primary,
			Payer:        claims.Payer{Name: "CLAIMKIT SIMULATED MEDICARE", PayerID: "SIMMCR", ClaimFilingIndicator: claims.FilingMedicarePartB},
			Subscriber:   subscriber,
			Relationship: claims.RelSelf,
		},
		Patient:        &claims.Patient{Person: subscriber},
		PlaceOfService: pos,
		Diagnoses:      []string{"I10"},
		Lines:          lines,
	}
}

func line(code, charge string, service x12.DateRange) claims.ClaimLine {
	return claims.ClaimLine{Procedure: claims.Procedure{Code: code}, Charge: dec(charge), Units: decimal.NewFromInt(1), Service: service}
}

// testClaims are the claims of the end-to-end tests: an RPM month, a
// telehealth video visit with a line the payer denies, a claim the payer
// denies outright, and one without a billing NPI, which the payer
// rejects.
func testClaims() []claims.Claim {
	rpm := testClaim("RPM-2601-0001", claims.POSOffice,
		line("99453", "25.00", day(5)),
		line("99454", "60.00", day(30)),
		line("99457", "60.00", day(31)),
		line("99458", "50.00", day(31)),
	)
	video := line("99214", "165.00", day(20))
	video.Telecare = claims.TelecareVideo
	th := testClaim("TH-2601-0042", claims.POSTelehealthInHome, video, line("99091", "57.80", day(20)))
	denied := testClaim("RPM-2601-0002", claims.POSOffice, line("99091", "57.80", day(31)))
	noNPI := testClaim("RPM-2601-0003", claims.POSOffice, line("99454", "60.00", day(30)))
	noNPI.BillingProvider.NPI = ""
	return []claims.Claim{rpm, th, denied, noNPI}
}

func testPartner(ack bool) x837p.Partner {
	p := x837p.DefaultPartner()
	p.Submitter = x837p.Submitter{Name: "ACME RPM BILLING", ID: "ACME01", Contact: x837p.Contact{Name: "BILLING DESK", Phone: "5555550100"}}
	p.Receiver = x837p.Receiver{Name: "CLAIMKIT SIM", ID: "SIMCH"}
	p.Envelope.SenderID = "ACME01"
	p.Envelope.ReceiverID = "SIMCH"
	p.Envelope.AckRequested = ack
	return p
}

// encode837 writes cs as an 837P interchange with ISA13 ctl.
func encode837(t testing.TB, cs []claims.Claim, ctl int64, ack bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := x837p.Encode(&buf, cs, x837p.Options{
		Partner: testPartner(ack), Date: sentOn, Time: x12.TimeOfDay{Hour: 12, Precision: 4},
		ControlNumbers: x12.NewSequence(ctl), Newline: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testEnvelope is the envelope of the Respond tests.
func testEnvelope() Envelope {
	return Envelope{
		ControlNumbers: x12.NewSequence(900),
		Date:           x12.DateOf(answeredOn),
		Time:           x12.TimeOfDay{Hour: 9, Minute: 30, Precision: 4},
	}
}

const (
	testUser     = "acme"
	testPassword = "correct horse battery staple"
)

// startServer starts a server for the test with the default payer, the
// test user and a fixed clock, and closes it when the test ends.
func startServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Payer.Name == "" {
		cfg.Payer = DefaultPayer()
	}
	if cfg.Users == nil {
		cfg.Users = map[string]User{testUser: {Password: testPassword}}
	}
	if cfg.Clock == nil {
		cfg.Clock = func() time.Time { return answeredOn }
	}
	if cfg.Envelope.ControlNumbers == nil {
		cfg.Envelope.ControlNumbers = x12.NewSequence(900)
	}
	s, err := Start(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// dialSSH connects to s with auth, checking the host key against
// hostKey.
func dialSSH(s *Server, hostKey ssh.PublicKey, auth ...ssh.AuthMethod) (*ssh.Client, error) {
	return dialWith(s, ssh.FixedHostKey(hostKey), auth...)
}

// dialWith connects to s with auth, checking the host key with check.
func dialWith(s *Server, check ssh.HostKeyCallback, auth ...ssh.AuthMethod) (*ssh.Client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", s.Addr())
	if err != nil {
		return nil, err
	}
	nc.SetDeadline(time.Now().Add(5 * time.Second))
	conn, chans, reqs, err := ssh.NewClientConn(nc, s.Addr(), &ssh.ClientConfig{
		User: testUser, Auth: auth, HostKeyCallback: check, Timeout: 5 * time.Second,
	})
	if err != nil {
		nc.Close()
		return nil, err
	}
	nc.SetDeadline(time.Time{})
	return ssh.NewClient(conn, chans, reqs), nil
}

// dial opens an SFTP client to s as the test user, closed when the test
// ends.
func dial(t testing.TB, s *Server) *sftp.Client {
	t.Helper()
	conn, err := dialSSH(s, s.HostKey(), ssh.Password(testPassword))
	if err != nil {
		t.Fatal(err)
	}
	c, err := sftp.NewClient(conn)
	if err != nil {
		conn.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Close()
		conn.Close()
	})
	return c
}

// upload delivers data as /inbound/name the way clients do: written
// under name.tmp, then renamed.
func upload(t testing.TB, c *sftp.Client, name string, data []byte) {
	t.Helper()
	if err := tryUpload(c, name, data); err != nil {
		t.Fatal(err)
	}
}

func tryUpload(c *sftp.Client, name string, data []byte) error {
	tmp := InboundDir + "/" + name + ".tmp"
	f, err := c.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return c.Rename(tmp, InboundDir+"/"+name)
}
