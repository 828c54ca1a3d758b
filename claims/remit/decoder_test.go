package remit_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
)

// corpusDir is the shared corpus of public X12 samples, read at test time.
const corpusDir = "../../../shared/corpus"

func corpusFiles(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("corpus not found at %s", corpusDir)
	}
	return files
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func date(y int, m time.Month, d int) x12.Date { return x12.NewDate(y, m, d) }

// sameDecimal compares value and scale: "150.00" is not "150" here,
// because the decoder keeps the scale the payer wrote.
var sameDecimal = cmp.Comparer(func(a, b decimal.Decimal) bool {
	return a.Equal(b) && a.Exponent() == b.Exponent()
})

// problemText compares problem lists by their one-line texts, which hold
// the file, position, sentinel and message.
var problemText = cmp.Transformer("text", func(l x12.ErrorList) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
})

// emptyNotProblems equates nil and empty slices, except problem lists,
// which problemText compares.
var emptyNotProblems = cmp.FilterPath(func(p cmp.Path) bool {
	return p.Last().Type() != reflect.TypeFor[x12.ErrorList]()
}, cmpopts.EquateEmpty())

var cmpModel = cmp.Options{sameDecimal, cmpopts.IgnoreTypes(x12.Position{}), cmpopts.EquateEmpty()}

func decodeFile(t *testing.T, name string) []*remit.Remittance {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := remit.NewDecoder(f)
	d.File = filepath.Base(name)
	var out []*remit.Remittance
	for {
		rem, err := d.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, rem)
	}
}

func TestDecodeTelehealth(t *testing.T) {
	t.Parallel()
	rems := decodeFile(t, "testdata/telehealth.835")
	if len(rems) != 2 {
		t.Fatalf("got %d remittances, want 2", len(rems))
	}
	r := rems[0]
	for _, p := range r.Problems {
		t.Errorf("problem: %v", p)
	}
	header := remit.Remittance{
		Interchange:    "000000731",
		Group:          "731",
		ControlNumber:  "0001",
		Version:        "005010X221A1",
		Payment:        remit.Payment{Handling: "I", Amount: dec("137.74"), CreditDebit: "C", Method: "ACH", Format: "CCP", Date: date(2026, 2, 20)},
		Trace:          remit.Trace{Type: "1", Number: "EFT0000731", Originator: "1512345678"},
		Currency:       "USD",
		ReceiverID:     "CLAIMKIT",
		ProductionDate: date(2026, 2, 19),
		Payer: remit.Party{
			Name: "ACME HEALTH PLAN", IDQualifier: "XV", ID: "ACME01",
			Address:    remit.Address{Lines: []string{"PO BOX 1000", "SUITE 200"}, City: "ANYTOWN", State: "PA", PostalCode: "19103"},
			References: []remit.Reference{{Qualifier: "2U", Value: "77001"}},
			Contacts: []remit.Contact{
				{Function: "CX", Name: "CLAIMS DEPT", Numbers: []remit.Communication{{Qualifier: "TE", Number: "8005551212"}, {Qualifier: "EX", Number: "12"}}},
				{Function: "BL", Name: "EDI SUPPORT", Numbers: []remit.Communication{{Qualifier: "EM", Number: "EDI@ACME.EXAMPLE"}}},
			},
		},
		Payee: remit.Party{
			Name: "TELEHEALTH CLINIC", IDQualifier: "XX", ID: "1234567893",
			Address:    remit.Address{Lines: []string{"1 CARE WAY"}, City: "SPRINGFIELD", State: "IL", PostalCode: "62701"},
			References: []remit.Reference{{Qualifier: "TJ", Value: "123456789"}},
		},
		Headers:  []remit.Header{{Number: 1}, {Number: 2}},
		Balanced: true,
	}
	got := *r
	got.Claims, got.ProviderAdjustments = nil, nil
	if diff := cmp.Diff(header, got, cmpModel); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}

	first := remit.ClaimPayment{
		PatientControlNumber: "RPM-1001", Status: remit.StatusPrimary,
		Charge: dec("150"), Paid: dec("90.4"), PatientResponsibility: dec("12.5"),
		FilingIndicator: "MB", PayerClaimControlNumber: "ICN9001", FacilityCode: "10", Frequency: "1",
		Header: 0,
		Entities: []remit.Entity{
			{Role: "QC", Type: "1", LastName: "DOE", FirstName: "JANE", IDQualifier: "MI", ID: "MBR0001"},
			{Role: "82", Type: "1", LastName: "SMITH", FirstName: "JOHN", IDQualifier: "XX", ID: "1234567893"},
		},
		Outpatient:    &remit.OutpatientAdjudication{},
		Remarks:       []remit.Remark{{Qualifier: "HE", Code: "MA01"}, {Qualifier: "HE", Code: "N130"}},
		References:    []remit.Reference{{Qualifier: "EA", Value: "MR123"}},
		StatementFrom: date(2026, 1, 1), StatementTo: date(2026, 1, 31), Received: date(2026, 2, 5),
		Amounts: []remit.Amount{{Qualifier: "AU", Amount: dec("150")}},
		Services: []remit.ServicePayment{
			{
				Procedure: remit.Procedure{Qualifier: "HC", Code: "99454"},
				Charge:    dec("50"), Paid: dec("38.2"), Units: dec("1"),
				ServiceFrom: date(2026, 1, 31), ServiceTo: date(2026, 1, 31),
				Adjustments: []remit.Adjustment{
					{Group: remit.GroupContractual, Reason: "45", Amount: dec("7.3")},
					{Group: remit.GroupContractual, Reason: "253", Amount: dec("0.5")},
					{Group: remit.GroupPatient, Reason: "2", Amount: dec("4")},
				},
				LineControlNumber: "RPM-1001-1",
				Amounts:           []remit.Amount{{Qualifier: "B6", Amount: dec("42.7")}},
			},
			{
				Procedure:         remit.Procedure{Qualifier: "HC", Code: "99457", Modifiers: []string{"95"}},
				OriginalProcedure: &remit.Procedure{Qualifier: "HC", Code: "99457"},
				Charge:            dec("100"), Paid: dec("52.2"), Units: dec("1"),
				ServiceFrom: date(2026, 1, 1), ServiceTo: date(2026, 1, 31),
				Adjustments: []remit.Adjustment{
					{Group: remit.GroupContractual, Reason: "45", Amount: dec("39.3")},
					{Group: remit.GroupPatient, Reason: "2", Amount: dec("8.5")},
				},
				LineControlNumber: "RPM-1001-2",
				Amounts:           []remit.Amount{{Qualifier: "B6", Amount: dec("60.7")}},
				Remarks:           []remit.Remark{{Qualifier: "HE", Code: "N130"}},
			},
		},
	}
	if diff := cmp.Diff(first, r.Claims[0], cmpModel); diff != "" {
		t.Errorf("claim RPM-1001 (-want +got):\n%s", diff)
	}

	// The other claims: status, money and shape.
	type brief struct {
		PCN, Status           string
		Charge, Paid, PR      decimal.Decimal
		Header, Services, Adj int
		Remarks               []string
	}
	var briefs []brief
	for _, c := range r.Claims[1:] {
		b := brief{PCN: c.PatientControlNumber, Status: string(c.Status), Charge: c.Charge, Paid: c.Paid, PR: c.PatientResponsibility,
			Header: c.Header, Services: len(c.Services), Adj: len(c.Adjustments)}
		for _, s := range c.Services {
			for _, m := range s.Remarks {
				b.Remarks = append(b.Remarks, m.Code)
			}
		}
		briefs = append(briefs, b)
	}
	wantBriefs := []brief{
		{"RPM-1002", "4", dec("52"), dec("0"), dec("0"), 0, 1, 0, []string{"M86", "N20"}},
		{"RPM-0901", "22", dec("-120"), dec("-100"), dec("-20"), 1, 0, 1, nil},
		{"RPM-0901", "1", dec("120"), dec("110"), dec("10"), 1, 0, 1, nil},
		{"RTM-2001", "2", dec("80"), dec("37.84"), dec("0"), 1, 0, 2, nil},
	}
	if diff := cmp.Diff(wantBriefs, briefs, cmpModel); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	if q := r.Claims[4].Quantities; len(q) != 1 || q[0].Qualifier != "CA" || !q[0].Quantity.Equal(dec("1")) {
		t.Errorf("RTM-2001 quantities = %+v", q)
	}

	wantPLB := []remit.ProviderAdjustment{
		{ProviderID: "1234567893", FiscalPeriodEnd: date(2026, 12, 31), Reason: "L6", Reference: "INTEREST", Amount: dec("-1.5")},
		{ProviderID: "1234567893", FiscalPeriodEnd: date(2026, 12, 31), Reason: "WO", Reference: "ICN5001 RPM-0801", Amount: dec("1.5")},
		{ProviderID: "1234567893", FiscalPeriodEnd: date(2026, 12, 31), Reason: "CS", Reference: "ADJ", Amount: dec("0.5")},
	}
	if diff := cmp.Diff(wantPLB, r.ProviderAdjustments, cmpModel); diff != "" {
		t.Errorf("provider adjustments (-want +got):\n%s", diff)
	}

	// Positions point at the segments in the file.
	if p := r.Claims[1].Pos; p.SegmentID != "CLP" || p.Line != 43 || p.SetPosition != 41 {
		t.Errorf("RPM-1002 position = %+v, want CLP on line 43, set position 41", p)
	}

	n := rems[1]
	if n.Payment.Handling != "H" || !n.Payment.Amount.IsZero() || len(n.Claims) != 1 || !n.Balanced || len(n.Problems) != 0 {
		t.Errorf("notice set: %+v", n)
	}
}

func TestDecodeDefects(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/defects.835")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := remit.NewDecoder(f)
	d.File = "defects.835"
	type problem struct {
		Segment, Element int
		Err              error
		Msg              string
	}
	var got [][]problem
	var rems []*remit.Remittance
	for {
		rem, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rems = append(rems, rem)
		var ps []problem
		for _, p := range rem.Problems {
			var sentinel error
			for _, s := range []error{remit.ErrMissingSegment, remit.ErrMissingElement, remit.ErrBadValue, remit.ErrUnexpectedSegment, x12.ErrEnvelope} {
				if errors.Is(p, s) {
					sentinel = s
				}
			}
			if p.File != "defects.835" {
				t.Errorf("problem without the file name: %v", p)
			}
			ps = append(ps, problem{p.Pos.Segment, p.Pos.Element, sentinel, p.Msg})
		}
		got = append(got, ps)
	}
	want := [][]problem{
		{
			{3, 0, remit.ErrMissingSegment, "transaction set 0001 has no TRN"},
			{3, 0, remit.ErrMissingSegment, "transaction set 0001 has no payee (N1*PE)"},
			{4, 2, remit.ErrBadValue, `BPR02 "1OO.00" is not a decimal number`},
			{4, 16, remit.ErrBadValue, `BPR16 "20260231" is not a CCYYMMDD date`},
			{7, 2, remit.ErrBadValue, `CLP02 "9" is not a claim status code`},
			{8, 1, remit.ErrBadValue, `CAS01 "XX" is not a group code`},
			{9, 1, remit.ErrMissingElement, "SVC01 needs a qualifier and a code"},
			{10, 1, remit.ErrBadValue, `DTM qualifier "999" is not used here`},
			{11, 2, remit.ErrMissingElement, "CAS02 is required"},
			{12, 0, remit.ErrUnexpectedSegment, "FOO is not part of an 835"},
			{13, 1, remit.ErrMissingElement, "CLP01 is required"},
			{13, 3, remit.ErrBadValue, `CLP03 "abc" is not a decimal number`},
		},
		{
			{21, 0, x12.ErrEnvelope, "transaction set 0002 has no SE"},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// Decoding went on past every problem: both sets and all claims are there.
	if len(rems) != 2 || len(rems[0].Claims) != 2 || len(rems[1].Claims) != 1 {
		t.Fatalf("decoded %d sets", len(rems))
	}
	if rems[0].Claims[0].Status != "9" || len(rems[0].Claims[0].Services) != 1 {
		t.Errorf("first claim: %+v", rems[0].Claims[0])
	}
}

func TestReaders(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"testdata/telehealth.835", "testdata/defects.835"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := remit.DecodeAll(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			r    io.Reader
		}{
			{"OneByteReader", iotest.OneByteReader(bytes.NewReader(data))},
			{"HalfReader", iotest.HalfReader(bytes.NewReader(data))},
			{"DataErrReader", iotest.DataErrReader(bytes.NewReader(data))},
		} {
			got, err := remit.DecodeAll(tc.r)
			if err != nil {
				t.Fatalf("%s %s: %v", name, tc.name, err)
			}
			if diff := cmp.Diff(want, got, sameDecimal, problemText); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", name, tc.name, diff)
			}
		}
	}
}

func TestReadError(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/telehealth.835")
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk gone")
	r := io.MultiReader(bytes.NewReader(data[:1000]), iotest.ErrReader(boom))
	d := remit.NewDecoder(r)
	_, err = d.Next()
	var xe *x12.Error
	if !errors.Is(err, boom) || !errors.As(err, &xe) || xe.Pos.Offset <= 0 || xe.Pos.Offset > 1000 {
		t.Fatalf("Next() error = %v, want the read error with a position inside the data", err)
	}
	if _, again := d.Next(); again != err {
		t.Errorf("second Next() = %v, want the same sticky error", again)
	}
}

const (
	testISA = "ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*CLAIMKITRCV    *260220*0930*^*00501*000000900*0*P*:~\n"
	testGS  = "GS*HP*PAYER*CLAIMKIT*20260220*0930*900*X*005010X221A1~\n"
	testSet = "BPR*I*10*C*CHK************20260220~\nTRN*1*CHK1*1512345678~\nN1*PR*ACME~\nN1*PE*CLINIC*XX*1234567893~\nLX*1~\nCLP*PCN1*1*10*10*0*MB~\n"
)

func TestSetWithoutSE(t *testing.T) {
	t.Parallel()
	in := testISA + testGS + "ST*835*0001~\n" + testSet + "ST*835*0002~\n" + testSet + "SE*8*0002~\nGE*2*900~\nIEA*1*000000900~\n"
	d := remit.NewDecoder(strings.NewReader(in))
	var got []string
	for {
		rem, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var probs []string
		for _, p := range rem.Problems {
			probs = append(probs, p.Msg)
		}
		got = append(got, rem.ControlNumber+" claims="+string(rune('0'+len(rem.Claims)))+" "+strings.Join(probs, "; "))
	}
	want := []string{
		"0001 claims=1 transaction set 0001 has no SE",
		"0002 claims=1 ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSkipsOtherSets(t *testing.T) {
	t.Parallel()
	in := testISA + "GS*HC*A*B*20260220*0930*901*X*005010X222A1~\nST*837*0001~\nBHT*0019*00*1*20260220*0930*CH~\nSE*3*0001~\nGE*1*901~\n" +
		testGS + "ST*835*0001~\n" + testSet + "SE*8*0001~\nGE*1*900~\nIEA*2*000000900~\n"
	d := remit.NewDecoder(strings.NewReader(in))
	d.File = "mixed.x12"
	rem, err := d.Next()
	if err != nil {
		t.Fatal(err)
	}
	if rem.ControlNumber != "0001" || rem.Group != "900" || len(rem.Problems) != 0 || !rem.Balanced {
		t.Errorf("remittance: %+v", rem)
	}
	if _, err := d.Next(); err != io.EOF {
		t.Fatalf("Next() = %v, want io.EOF", err)
	}
	probs := d.Problems()
	if len(probs) != 1 || !errors.Is(probs[0], remit.ErrNotRemittance) || probs[0].Pos.Segment != 3 {
		t.Fatalf("decoder problems = %v, want the skipped 837 at segment 3", probs)
	}
	if got, want := probs[0].Error(), "x12: mixed.x12: segment 3 (ST, byte 151, line 3), element 1: remit: transaction set is not an 835: transaction set 837 (control number 0001) skipped"; got != want {
		t.Errorf("problem text\n got %s\nwant %s", got, want)
	}
}

// TestReuseRemittance: with ReuseRemittance each set is the same as
// without it, while it is valid (until the next call).
func TestReuseRemittance(t *testing.T) {
	t.Parallel()
	inputs := map[string][]byte{"generated": gen835(genOptions{Size: 256 << 10, ClaimsPerSet: 40, Seed: 3})}
	for _, name := range append([]string{"testdata/telehealth.835", "testdata/defects.835"}, corpusFiles(t, "835/oopfactory__835_WithMultipleInterchanges.txt")...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = data
	}
	for name, data := range inputs {
		want, err := remit.DecodeAll(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		d := remit.NewDecoder(bytes.NewReader(data))
		d.ReuseRemittance = true
		var first *remit.Remittance
		for i := 0; ; i++ {
			rem, err := d.Next()
			if err == io.EOF {
				if i != len(want) {
					t.Errorf("%s: %d sets, want %d", name, i, len(want))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = rem
			} else if rem != first {
				t.Errorf("%s: set %d is a new Remittance, want the first one reused", name, i)
			}
			if diff := cmp.Diff(want[i], rem, sameDecimal, problemText, emptyNotProblems); diff != "" {
				t.Errorf("%s set %d (-fresh +reused):\n%s", name, i, diff)
			}
		}
	}
}
