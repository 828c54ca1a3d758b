package x837p

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// baseClaim is a minimal valid claim of a patient who is the subscriber.
func baseClaim(pcn, member string) claims.Claim {
	p := claims.Person{MemberID: member, Name: claims.Name{Last: "DOE", First: member}, BirthDate: x12.NewDate(1950, 1, 1), Gender: "F"}
	day := x12.NewDate(2026, time.January, 31)
	return claims.Claim{
		ID: pcn, PatientControlNumber: pcn,
		BillingProvider: &claims.Provider{NPI: "1245319599", TaxID: "123456789", Name: claims.Name{Organization: "ACME"},
			Address: claims.Address{Line1: "1 MAIN ST", City: "SPRINGFIELD", State: "IL", PostalCode: "627011234"}},
		Coverage:       &claims.Coverage{Payer: claims.Payer{Name: "MEDICARE", PayerID: "00952"}, Subscriber: p, Relationship: claims.RelSelf},
		Patient:        &claims.Patient{Person: p},
		PlaceOfService: claims.POSOffice,
		Diagnoses:      []string{"I10"},
		Lines: []claims.ClaimLine{{Procedure: claims.Procedure{Code: "99454"}, Charge: decimal.NewFromInt(47),
			Units: decimal.NewFromInt(1), Service: x12.DateRange{From: day, To: day}, DiagnosisPointers: []int{1}}},
	}
}

func encodeLines(t *testing.T, cs []claims.Claim, o Options) ([]string, *Result) {
	t.Helper()
	o.Newline = true
	var buf bytes.Buffer
	res, err := Encode(&buf, cs, o)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(buf.String()), "\n"), res
}

// TestSubscriberInSeveralSets: a subscriber loop that several sets write
// is built once and copied; every copy must read as the first, in the
// bytes and in the segment map.
func TestSubscriberInSeveralSets(t *testing.T) {
	t.Parallel()
	var cs []claims.Claim
	for i := range 4 {
		c := baseClaim("C"+itoa(i), "M1")
		c.Coverage.Subscriber.Address = claims.Address{Line1: "9 ELM ST", City: "PEORIA", State: "IL", PostalCode: "61602"}
		if i > 0 {
			c.Coverage = cs[0].Coverage // one subscriber loop for all
		}
		cs = append(cs, c, baseClaim("D"+itoa(i), "M"+itoa(2+i)))
	}
	o := testOptions()
	o.Partner.MaxClaimsPerSet = 1 // a set for each claim
	lines, res := encodeLines(t, cs, o)
	// Each subscriber loop, from its SBR to the segment before the next
	// HL or CLM, with what the segment map says of each segment.
	type seg struct{ Text, Loop, ID string }
	var loops [][]seg
	set, pos := -1, 0
	in := false
	for _, l := range lines {
		id := l[:strings.IndexAny(l, "*~")]
		switch id {
		case "ST":
			set, pos = set+1, 0
		case "HL", "CLM":
			in = false
		case "SBR":
			in = true
			loops = append(loops, nil)
		}
		pos++
		if !in {
			continue
		}
		ref, ok := res.Sets[set].Segment(pos)
		if !ok || ref.Segment != id || ref.ClaimID != "" || ref.Line != 0 {
			t.Fatalf("set %d segment %d (%s) is mapped to %+v", set, pos, l, ref)
		}
		loops[len(loops)-1] = append(loops[len(loops)-1], seg{l, ref.Loop, id})
	}
	// The claims of M1 come first, a set each.
	if len(loops) != 8 {
		t.Fatalf("%d subscriber loops, want 8", len(loops))
	}
	for i := 1; i < 4; i++ {
		if diff := cmp.Diff(loops[0], loops[i]); diff != "" {
			t.Errorf("loop %d differs from the first (-first +again):\n%s", i, diff)
		}
	}
	if l := loops[0]; len(l) != 6 || l[1].Text != "NM1*IL*1*DOE*M1****MI*M1~" || l[0].Loop != "2000B" || l[5].Loop != "2010BB" {
		t.Errorf("subscriber loop %v", l)
	}
}

// TestHierarchy checks HL numbering and parent links, the order of
// subscribers and patients, one set per billing provider, and the
// segment map against the written segments.
func TestHierarchy(t *testing.T) {
	t.Parallel()
	a1, a2 := baseClaim("A1", "M1"), baseClaim("A2", "M1") // same subscriber, self
	kid := baseClaim("K1", "M1")                           // dependent of M1
	kid.Coverage.Relationship = claims.RelChild
	kid.Patient.Person = claims.Person{Name: claims.Name{Last: "DOE", First: "KID"}, BirthDate: x12.NewDate(2015, 5, 5), Gender: "M"}
	b1 := baseClaim("B1", "M2")
	other := baseClaim("O1", "M3") // another billing provider
	other.BillingProvider.NPI, other.BillingProvider.Name.Organization = "1234567893", "OTHER CLINIC"
	lines, res := encodeLines(t, []claims.Claim{a1, kid, other, b1, a2}, testOptions())
	keep := map[string]int{"ST": 1, "HL": 4, "SBR": 2, "PAT": 1, "CLM": 1}
	var hl []string
	for _, l := range strings.Split(strings.Join(lines, ""), "~") {
		f := strings.Split(l, "*")
		if n, ok := keep[f[0]]; ok {
			hl = append(hl, strings.Join(f[:min(n+1, len(f))], "*"))
		}
	}
	want := []string{
		"ST*837", "HL*1**20*1", "HL*2*1*22*0", "SBR*P*18", "CLM*A1", "CLM*A2", "HL*3*1*22*1", "SBR*P", "HL*4*3*23*0", "PAT*19", "CLM*K1",
		"HL*5*1*22*0", "SBR*P*18", "CLM*B1",
		"ST*837", "HL*1**20*1", "HL*2*1*22*0", "SBR*P*18", "CLM*O1",
	}
	if diff := cmp.Diff(want, hl); diff != "" {
		t.Errorf("hierarchy (-want +got):\n%s", diff)
	}
	if len(res.Sets) != 2 || !cmp.Equal(res.Sets[0].ClaimIDs, []string{"A1", "A2", "K1", "B1"}) || !cmp.Equal(res.Sets[1].ClaimIDs, []string{"O1"}) {
		t.Fatalf("sets %+v", res.Sets)
	}
	// The map of set 1 against its segments (ST at position 1).
	set := lines[2:]
	for pos := 1; pos <= res.Sets[0].Len(); pos++ {
		ref, _ := res.Sets[0].Segment(pos)
		if !strings.HasPrefix(set[pos-1], ref.Segment+"*") {
			t.Fatalf("position %d: map %+v, segment %s", pos, ref, set[pos-1])
		}
		if ref.Segment == "CLM" && !strings.HasPrefix(set[pos-1], "CLM*"+ref.ClaimID+"*") {
			t.Errorf("position %d: CLM of %s mapped to %s", pos, set[pos-1], ref.ClaimID)
		}
		if ref.Segment == "SV1" && (ref.Loop != "2400" || ref.Line != 1) {
			t.Errorf("position %d: SV1 mapped to %+v", pos, ref)
		}
	}
	if _, ok := res.Lookup(res.Sets[1].ControlNumber, res.Sets[1].Len()+1); ok {
		t.Error("Lookup past SE found a segment")
	}
	if ref, ok := res.Lookup(res.Sets[1].ControlNumber, res.Sets[1].Len()); !ok || ref.Segment != "SE" {
		t.Errorf("last position is %+v, want SE", ref)
	}
}

// TestMaxClaimsPerSet splits a billing provider's claims into sets.
func TestMaxClaimsPerSet(t *testing.T) {
	t.Parallel()
	var cs []claims.Claim
	for i := range 5 {
		cs = append(cs, baseClaim("C"+itoa(i), "M"+itoa(i)))
	}
	o := testOptions()
	o.Partner.MaxClaimsPerSet = 2
	_, res := encodeLines(t, cs, o)
	var got [][]string
	for _, s := range res.Sets {
		got = append(got, s.ClaimIDs)
	}
	if diff := cmp.Diff([][]string{{"C0", "C1"}, {"C2", "C3"}, {"C4"}}, got); diff != "" {
		t.Errorf("sets (-want +got):\n%s", diff)
	}
}

// TestTelehealthPolicy: 95/93 are added as the partner says, never on an
// asynchronous service.
func TestTelehealthPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		policy   TelehealthPolicy
		pos      claims.PlaceOfService
		telecare claims.Telecare
		want     string
	}{
		{TelehealthOnPOS, claims.POSTelehealthInHome, claims.TelecareVideo, "SV1*HC:99454:95*"},
		{TelehealthOnPOS, claims.POSTelehealth, claims.TelecareAudio, "SV1*HC:99454:93*"},
		{TelehealthOnPOS, claims.POSOffice, claims.TelecareVideo, "SV1*HC:99454*"},
		{TelehealthAlways, claims.POSOffice, claims.TelecareVideo, "SV1*HC:99454:95*"},
		{TelehealthNever, claims.POSTelehealthInHome, claims.TelecareVideo, "SV1*HC:99454*"},
		{TelehealthAlways, claims.POSTelehealthInHome, claims.TelecareAsync, "SV1*HC:99454*"},
		{TelehealthOnPOS, claims.POSTelehealthInHome, claims.TelecareNone, "SV1*HC:99454*"},
	}
	for _, tt := range tests {
		c := baseClaim("T1", "M1")
		c.PlaceOfService = tt.pos
		c.Lines[0].Telecare = tt.telecare
		o := testOptions()
		o.Partner.Telehealth = tt.policy
		lines, _ := encodeLines(t, []claims.Claim{c}, o)
		sv1 := ""
		for _, l := range lines {
			if strings.HasPrefix(l, "SV1*") {
				sv1 = l
			}
		}
		if !strings.HasPrefix(sv1, tt.want) {
			t.Errorf("%s, POS %s, %s: %q, want %s...", tt.policy, tt.pos, tt.telecare, sv1, tt.want)
		}
	}
}

// TestEncodeRefuses lists the claims the encoder will not write.
func TestEncodeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(*claims.Claim)
		line int
		want error
	}{
		{"no lines", func(c *claims.Claim) { c.Lines = nil }, 0, ErrInvalidClaim},
		{"51 lines", func(c *claims.Claim) {
			for len(c.Lines) < 51 {
				c.Lines = append(c.Lines, c.Lines[0])
			}
		}, 0, ErrInvalidClaim},
		{"13 diagnoses", func(c *claims.Claim) { c.Diagnoses = strings.Split("A B C D E F G H I J K L M", " ") }, 0, ErrInvalidClaim},
		{"no diagnosis", func(c *claims.Claim) { c.Diagnoses = nil }, 0, ErrInvalidClaim},
		{"pointer past diagnoses", func(c *claims.Claim) { c.Lines[0].DiagnosisPointers = []int{2} }, 1, ErrInvalidClaim},
		{"repeated pointer", func(c *claims.Claim) {
			c.Diagnoses = []string{"I10", "E1165"}
			c.Lines[0].DiagnosisPointers = []int{1, 1}
		}, 1, ErrInvalidClaim},
		{"replacement without F8", func(c *claims.Claim) { c.Frequency = claims.FrequencyReplacement }, 0, ErrInvalidClaim},
		{"original with F8", func(c *claims.Claim) { c.OriginalReference = "123" }, 0, ErrInvalidClaim},
		{"95 on async", func(c *claims.Claim) {
			c.Lines[0].Telecare = claims.TelecareAsync
			c.Lines[0].Procedure.Modifiers[0] = "95"
		}, 1, ErrTelehealth},
		{"93 on video", func(c *claims.Claim) {
			c.Lines[0].Telecare = claims.TelecareVideo
			c.Lines[0].Procedure.Modifiers[0] = "93"
		}, 1, ErrTelehealth},
		{"no room for 95", func(c *claims.Claim) {
			c.PlaceOfService = claims.POSTelehealthInHome
			c.Lines[0].Telecare = claims.TelecareVideo
			c.Lines[0].Procedure.Modifiers = claims.Modifiers{"25", "59", "GT", "KX"}
		}, 1, ErrTelehealth},
		{"control character", func(c *claims.Claim) { c.Note = "LINE\nBREAK" }, 0, ErrInvalidClaim},
		{"no service date", func(c *claims.Claim) { c.Lines[0].Service = x12.DateRange{} }, 1, ErrInvalidClaim},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := baseClaim("BAD-1", "M1")
			tt.edit(&c)
			var buf bytes.Buffer
			_, err := Encode(&buf, []claims.Claim{baseClaim("OK-1", "M2"), c}, testOptions())
			var ce *ClaimError
			if !errors.Is(err, tt.want) || !errors.As(err, &ce) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if ce.Index != 1 || ce.ClaimID != "BAD-1" || ce.Line != tt.line {
				t.Errorf("error names claim %d %q line %d, want 1 BAD-1 line %d", ce.Index, ce.ClaimID, ce.Line, tt.line)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before refusing", buf.Len())
			}
		})
	}
}

// TestEncodeDelimiterInData: a value holding a delimiter is refused with
// the position of the element (and component).
func TestEncodeDelimiterInData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*claims.Claim)
		delims x12.Delimiters
		seg    string
		el     int
		comp   int
	}{
		{"note", func(c *claims.Claim) { c.Note = "50% OFF*NOW" }, x12.Delimiters{}, "NTE", 2, 0},
		{"lower-case note", func(c *claims.Claim) { c.Note = "half off~now" }, x12.Delimiters{}, "NTE", 2, 0},
		{"procedure code", func(c *claims.Claim) { c.Lines[0].Procedure.Code = "99:454" }, x12.Delimiters{}, "SV1", 1, 2},
		{"modifier", func(c *claims.Claim) { c.Lines[0].Procedure.Modifiers[0] = "2^5" }, x12.Delimiters{}, "SV1", 1, 3},
		{"diagnosis", func(c *claims.Claim) { c.Diagnoses = []string{"I10", "E11:65"} }, x12.Delimiters{}, "HI", 2, 2},
		{"payer name", func(c *claims.Claim) { c.Coverage.Payer.Name = "A*B" }, x12.Delimiters{}, "NM1", 3, 0},
		{"amount with '.' as component separator", func(c *claims.Claim) { c.Lines[0].Charge = decimal.RequireFromString("47.5") },
			x12.Delimiters{Element: '*', Repetition: '^', Component: '.', Segment: '~'}, "CLM", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := baseClaim("D1", "M1")
			tt.edit(&c)
			o := testOptions()
			o.Delimiters = tt.delims
			_, err := Encode(&bytes.Buffer{}, []claims.Claim{baseClaim("OK", "M0"), c}, o)
			var xe *x12.Error
			if !errors.Is(err, x12.ErrDelimiterInData) || !errors.As(err, &xe) {
				t.Fatalf("err = %v", err)
			}
			if xe.Pos.SegmentID != tt.seg || xe.Pos.Element != tt.el || xe.Pos.Component != tt.comp {
				t.Errorf("error at %s element %d component %d, want %s %d %d: %v",
					xe.Pos.SegmentID, xe.Pos.Element, xe.Pos.Component, tt.seg, tt.el, tt.comp, err)
			}
		})
	}
}

// TestEncodeControlInPartner: the partner profile's values are not part
// of any claim, so Encode's check of the claims does not see them; a
// control character in one is refused where it would be written, and
// nothing reaches w.
func TestEncodeControlInPartner(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(*Options)
		seg  string
		el   int
	}{
		{"submitter name", func(o *Options) { o.Partner.Submitter.Name = "ACME\tBILLING" }, "NM1", 3},
		{"lower-case submitter name", func(o *Options) { o.Partner.Submitter.Name = "acme\x7fbilling" }, "NM1", 3},
		{"contact", func(o *Options) { o.Partner.Submitter.Contact.Name = "JANE\nDOE" }, "PER", 2},
		{"receiver id", func(o *Options) { o.Partner.Receiver.ID = "RCV\x00" }, "NM1", 9},
		{"reference", func(o *Options) { o.Reference = "REF\r1" }, "BHT", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := testOptions()
			tt.edit(&o)
			var buf bytes.Buffer
			_, err := Encode(&buf, []claims.Claim{baseClaim("OK", "M0")}, o)
			var xe *x12.Error
			if !errors.Is(err, x12.ErrDelimiterInData) || !errors.As(err, &xe) {
				t.Fatalf("err = %v", err)
			}
			if xe.Pos.SegmentID != tt.seg || xe.Pos.Element != tt.el {
				t.Errorf("error at %s element %d, want %s %d: %v", xe.Pos.SegmentID, xe.Pos.Element, tt.seg, tt.el, err)
			}
			if buf.Len() > 0 {
				t.Errorf("wrote %d bytes", buf.Len())
			}
		})
	}
}

// TestEncodeLongSegment writes segments longer than the encoder's
// segment buffer, then more segments, and reads them back.
func TestEncodeLongSegment(t *testing.T) {
	t.Parallel()
	a, b := baseClaim("L1", "M1"), baseClaim("L2", "M2")
	a.Note = strings.Repeat("LONG NOTE ", 70)
	a.Lines[0].Note = strings.Repeat("X", 1500)
	var buf bytes.Buffer
	if _, err := Encode(&buf, []claims.Claim{a, b}, testOptions()); err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
	if err != nil || len(doc.Problems) > 0 {
		t.Fatalf("Decode: %v %v", err, doc.Problems)
	}
	got := doc.Claims()
	if len(got) != 2 {
		t.Fatalf("decoded %d claims, want 2", len(got))
	}
	if got[0].Note != a.Note || got[0].Lines[0].Note != a.Lines[0].Note {
		t.Errorf("notes are %d and %d bytes, want %d and %d", len(got[0].Note), len(got[0].Lines[0].Note), len(a.Note), len(a.Lines[0].Note))
	}
	if got[1].PatientControlNumber != "L2" || got[1].Coverage.Subscriber.MemberID != "M2" || !got[1].Lines[0].Charge.Equal(b.Lines[0].Charge) {
		t.Errorf("second claim %s is not read back", got[1].PatientControlNumber)
	}
}

func TestPartnerValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*Partner)
		fields []string
	}{
		{"valid", func(*Partner) {}, nil},
		{"usage", func(p *Partner) { p.Envelope.Usage = "I" }, []string{"envelope.usage"}},
		{"long sender", func(p *Partner) { p.Envelope.SenderID = strings.Repeat("X", 16) }, []string{"envelope.sender_id"}},
		{"policy", func(p *Partner) { p.Telehealth = "maybe" }, []string{"telehealth_modifiers"}},
		{"max claims", func(p *Partner) { p.MaxClaimsPerSet = 5001 }, []string{"max_claims_per_set"}},
		{"four numbers", func(p *Partner) {
			p.Submitter.Contact = Contact{Phone: "1", Extension: "2", Email: "3", Fax: "4"}
		}, []string{"submitter.contact"}},
		{"encounter", func(p *Partner) { p.TransactionType = "RP" }, nil},
		{"bad type", func(p *Partner) { p.TransactionType = "XX" }, []string{"transaction_type"}},
	}
	for _, tt := range tests {
		p := testPartner()
		tt.edit(&p)
		err := p.Validate()
		var got []string
		var pe *PartnerError
		if errors.As(err, &pe) {
			for _, f := range pe.Problems {
				got = append(got, f.Field)
			}
		}
		if diff := cmp.Diff(tt.fields, got); diff != "" || (err == nil) != (tt.fields == nil) || (err != nil && !errors.Is(err, ErrInvalidPartner)) {
			t.Errorf("%s: %v (-want +got):\n%s", tt.name, err, diff)
		}
	}
}
