package sim

import (
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/sftp"
)

// download lists /outbound through the client and reads every file.
func download(t testing.TB, c *sftp.Client) []File {
	t.Helper()
	fis, err := c.ReadDir(OutboundDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []File
	for _, fi := range fis {
		f, err := c.Open(OutboundDir + "/" + fi.Name())
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(b)) != fi.Size() {
			t.Errorf("%s: listed %d bytes, read %d", fi.Name(), fi.Size(), len(b))
		}
		out = append(out, File{Name: fi.Name(), Data: b})
	}
	return out
}

// wantTestClaims is what the payer answers to testClaims, worked out by
// hand from DefaultPayer: allowed = the lesser of the fee and the charge,
// coinsurance = 20% of allowed rounded to cents, sequestration = 2% of
// (allowed − coinsurance) rounded to cents, paid = the rest.
//
//	99453 fee 19.73: coins 3.946 → 3.95; seq 2% of 15.78 = 0.3156 → 0.32; paid 15.46; CO-45 25 − 19.73 = 5.27
//	99454 fee 47.43: coins 9.486 → 9.49; seq 2% of 37.94 = 0.7588 → 0.76; paid 37.18; CO-45 12.57
//	99457 fee 47.87: coins 9.574 → 9.57; seq 2% of 38.30 = 0.766 → 0.77; paid 37.53; CO-45 12.13
//	99458 fee 38.49: coins 7.698 → 7.70; seq 2% of 30.79 = 0.6158 → 0.62; paid 30.17; CO-45 11.51
//	  claim RPM-2601-0001: charge 195, paid 120.34, patient 3.95+9.49+9.57+7.70 = 30.71
//	99214 fee 129: coins 25.80; seq 2% of 103.20 = 2.064 → 2.06; paid 101.14; CO-45 36
//	99091 denied B7: CO-B7 57.80, paid 0
//	  claim TH-2601-0042: charge 222.80, paid 101.14, patient 25.80
//	  claim RPM-2601-0002: 99091 alone, denied (CLP02 4), paid 0
//	check: 120.34 + 101.14 + 0 = 221.48
//
// RPM-2601-0003 has no billing NPI: the payer rejects it (277CA
// A7:562:85); the encoder put it in its own transaction set, as its
// billing provider differs.
func wantTestClaims(isa13 string) digest {
	return digest{
		Sets: []string{"1/0001 accepted", "1/0002 accepted"},
		Claims: []string{
			"RPM-2601-0001 accepted 260205" + isa13 + "0001",
			"TH-2601-0042 accepted 260205" + isa13 + "0002",
			"RPM-2601-0002 accepted 260205" + isa13 + "0003",
			"RPM-2601-0003 rejected A7:562:85",
		},
		Checks: []checkDigest{{
			Payee: "1245319599", Amount: "221.48", Balanced: true, Trace: "0000009020903",
			Claims: []claimDigest{
				{PCN: "RPM-2601-0001", Status: "1", Charge: "195", Paid: "120.34", Patient: "30.71", ICN: "260205" + isa13 + "0001", Lines: []string{
					"99453 25 15.46 CO-45 5.27 CO-253 0.32 PR-2 3.95 allowed 19.73 RPM-2601-0001-1",
					"99454 60 37.18 CO-45 12.57 CO-253 0.76 PR-2 9.49 allowed 47.43 RPM-2601-0001-2",
					"99457 60 37.53 CO-45 12.13 CO-253 0.77 PR-2 9.57 allowed 47.87 RPM-2601-0001-3",
					"99458 50 30.17 CO-45 11.51 CO-253 0.62 PR-2 7.7 allowed 38.49 RPM-2601-0001-4",
				}},
				{PCN: "TH-2601-0042", Status: "1", Charge: "222.8", Paid: "101.14", Patient: "25.8", ICN: "260205" + isa13 + "0002", Lines: []string{
					"99214:95 165 101.14 CO-45 36 CO-253 2.06 PR-2 25.8 allowed 129 TH-2601-0042-1",
					"99091 57.8 0 CO-B7 57.8 TH-2601-0042-2",
				}},
				{PCN: "RPM-2601-0002", Status: "4", Charge: "57.8", Paid: "0", Patient: "0", ICN: "260205" + isa13 + "0003", Lines: []string{
					"99091 57.8 0 CO-B7 57.8 RPM-2601-0002-1",
				}},
			},
		}},
	}
}

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	c := dial(t, s)
	upload(t, c, "batch.837", encode837(t, testClaims(), 1, false))

	if diff := cmp.Diff([]string{"batch.837"}, s.Received()); diff != "" {
		t.Errorf("received (-want +got):\n%s", diff)
	}
	files := download(t, c)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"batch.277", "batch.835", "batch.999"}, names); diff != "" {
		t.Fatalf("outbound (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantTestClaims("000000001"), decodeResponses(t, files)); diff != "" {
		t.Errorf("responses (-want +got):\n%s", diff)
	}
	// The server's clock and control numbers are those of testEnvelope:
	// what went through SFTP is byte for byte what Respond gives.
	checkGolden(t, files)
	if errs := s.Errors(); len(errs) > 0 {
		t.Errorf("server errors: %v", errs)
	}
}

// TestBadEnvelope sends, over SFTP, a file whose first transaction set
// has a wrong segment count and which asks for a TA1: the interchange
// is acknowledged (TA1 A), the 999 rejects the set (IK5 R, code 4), and
// only the claim of the other set reaches the 277CA.
func TestBadEnvelope(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	c := dial(t, s)
	upload(t, c, "bad.837", edit(t, encode837(t, testClaims(), 1, true), "SE*56*0001~", "SE*55*0001~"))
	files := download(t, c)
	if diff := cmp.Diff([]string{"bad.277", "bad.999"}, fileNames(files)); diff != "" {
		t.Fatalf("outbound (-want +got):\n%s", diff)
	}
	want := digest{
		TA1s:   []string{"000000001 A 000"},
		Sets:   []string{"1/0001 rejected IK5:4", "1/0002 accepted"},
		Claims: []string{"RPM-2601-0003 rejected A7:562:85"},
	}
	if diff := cmp.Diff(want, decodeResponses(t, files)); diff != "" {
		t.Errorf("responses (-want +got):\n%s", diff)
	}
}
