package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
)

var (
	testPartner = Partner{SenderQualifier: "ZZ", SenderID: "CLAIMKIT", ReceiverQualifier: "ZZ", ReceiverID: "CLEARINGHOUSE", Usage: "T"}
	testDate    = x12.NewDate(2026, time.January, 15)
	testTime    = x12.TimeOfDay{Hour: 12, Minute: 53, Precision: 4}
)

func subscriberRequest() Request {
	return Request{
		Reference: "ELIG0001",
		Payer:     Party{Organization: "ACME HEALTH PLAN", IDQualifier: "PI", ID: "12345"},
		Provider:  Party{EntityCode: "1P", Organization: "TELECARE CLINIC", IDQualifier: "XX", ID: "1234567893"},
		Subscriber: Person{MemberID: "W123456789", LastName: "DOE", FirstName: "JANE", MiddleName: "Q",
			BirthDate: x12.NewDate(1950, time.March, 4), Gender: "F"},
		TraceNumber: "TRACE-1", TraceOriginator: "1234567890",
		ServiceTypes:   []ServiceType{HealthBenefitPlanCoverage, ProfessionalVisitOffice},
		Procedures:     []Procedure{{Qualifier: "HC", Code: "99457"}, {Qualifier: "HC", Code: "99454", Modifiers: []string{"95"}}},
		Date:           x12.NewDate(2026, time.January, 20),
		PlaceOfService: "10",
	}
}

func dependentRequest() Request {
	return Request{
		Reference:  "ELIG0002",
		Payer:      Party{Organization: "ACME HEALTH PLAN", IDQualifier: "PI", ID: "12345"},
		Provider:   Party{EntityCode: "1P", LastName: "SMITH", FirstName: "ANNA", IDQualifier: "XX", ID: "1234567893"},
		Subscriber: Person{MemberID: "W123456789", LastName: "DOE", FirstName: "JOHN"},
		Dependent: &Person{LastName: "DOE", FirstName: "MIA", BirthDate: x12.NewDate(2015, time.June, 30), Gender: "F",
			Relationship: "19"},
		TraceNumber: "TRACE-2", TraceOriginator: "1234567890",
		ServiceTypes: []ServiceType{HealthBenefitPlanCoverage},
		Date:         x12.NewDate(2026, time.February, 1), EndDate: x12.NewDate(2026, time.February, 28),
	}
}

func encode(t *testing.T, reqs ...Request) ([]byte, Control) {
	t.Helper()
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1)
	ctl, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Time: testTime, Requests: reqs})
	if err != nil {
		t.Fatalf("Encode270: %v", err)
	}
	return buf.Bytes(), ctl
}

// TestEncode270Golden checks the exact bytes of a subscriber and a
// dependent inquiry.
func TestEncode270Golden(t *testing.T) {
	got, ctl := encode(t, subscriberRequest(), dependentRequest())
	golden(t, filepath.Join("golden", "270", "encoded.270"), got)
	want := Control{Interchange: "000000001", Group: "1", Sets: []string{"0001", "0002"}}
	if diff := cmp.Diff(want, ctl); diff != "" {
		t.Errorf("control numbers (-want +got):\n%s", diff)
	}
}

// normalized returns r as Decode270 gives it back after Encode270: the
// defaults filled in and ST02 set.
func normalized(r Request, st string) Request {
	r.ControlNumber = st
	r.Reference = or(r.Reference, st)
	r.Payer.IDQualifier = or(r.Payer.IDQualifier, "PI")
	r.Provider.EntityCode = or(r.Provider.EntityCode, "1P")
	r.Provider.IDQualifier = or(r.Provider.IDQualifier, "XX")
	if len(r.ServiceTypes) == 0 && len(r.Procedures) == 0 {
		r.ServiceTypes = []ServiceType{HealthBenefitPlanCoverage}
	}
	for i := range r.Procedures {
		r.Procedures[i].Qualifier = or(r.Procedures[i].Qualifier, "HC")
	}
	if r.EndDate == r.Date {
		r.EndDate = x12.Date{}
	}
	return r
}

// TestRoundTrip270 encodes requests and decodes them with Decode270.
func TestRoundTrip270(t *testing.T) {
	minimal := Request{
		Payer:      Party{Organization: "PAYER", ID: "P1"},
		Provider:   Party{Organization: "CLINIC", ID: "1234567893"},
		Subscriber: Person{MemberID: "M1"},
	}
	byName := Request{
		Payer:      Party{Organization: "PAYER", IDQualifier: "XV", ID: "P1"},
		Provider:   Party{EntityCode: "FA", Organization: "FACILITY", IDQualifier: "SV", ID: "ABC"},
		Subscriber: Person{LastName: "ROE", FirstName: "RICHARD", Suffix: "JR", BirthDate: x12.NewDate(1960, 1, 2), Gender: "M"},
		Procedures: []Procedure{{Code: "98980"}},
		Date:       x12.NewDate(2026, 3, 1), EndDate: x12.NewDate(2026, 3, 1),
	}
	tests := []struct {
		name string
		reqs []Request
	}{
		{"subscriber", []Request{subscriberRequest()}},
		{"dependent", []Request{dependentRequest()}},
		{"minimal with defaults", []Request{minimal}},
		{"search by name, procedure only", []Request{byName}},
		{"three in one interchange", []Request{subscriberRequest(), dependentRequest(), minimal}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw, ctl := encode(t, tt.reqs...)
			r := x12.NewReader(bytes.NewReader(raw))
			r.Strict = true
			got, err := Decode270(r)
			if err != nil {
				t.Fatalf("Decode270: %v\n%s", err, raw)
			}
			var want []Request
			for i, req := range tt.reqs {
				want = append(want, normalized(req, ctl.Sets[i]))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s\n%s", diff, raw)
			}
			isa := r.Interchange()
			gotP := Partner{SenderQualifier: isa.SenderQualifier, SenderID: isa.SenderID, ReceiverQualifier: isa.ReceiverQualifier,
				ReceiverID: isa.ReceiverID, Usage: isa.Usage}
			if diff := cmp.Diff(testPartner, gotP); diff != "" {
				t.Errorf("partner (-want +got):\n%s", diff)
			}
			if g := r.Group(); g.FunctionalID != "HS" || g.Version != Version || g.Date != testDate {
				t.Errorf("GS = %+v", g)
			}
		})
	}
}

// TestDecode270Corpus decodes every 270 of the corpus.
func TestDecode270Corpus(t *testing.T) {
	for _, path := range corpusFiles(t, "270") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw := readFile(t, path)
			r := x12.NewReader(bytes.NewReader(raw))
			r.File = name
			reqs, err := Decode270(r)
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1: %v", len(reqs), err)
			}
			got, jerr := json.MarshalIndent(map[string]any{"requests": reqs, "problems": problemViews(t, err)}, "", "  ")
			if jerr != nil {
				t.Fatal(jerr)
			}
			golden(t, filepath.Join("golden", "270", strings.TrimSuffix(name, filepath.Ext(name))+".json"), append(got, '\n'))
		})
	}
}

func TestValidate(t *testing.T) {
	ok := subscriberRequest()
	tests := []struct {
		name   string
		change func(r *Request)
		want   []string // fields named in the error
	}{
		{"valid", func(r *Request) {}, nil},
		{"no payer", func(r *Request) { r.Payer = Party{} }, []string{"payer.organization", "payer.id"}},
		{"bad npi", func(r *Request) { r.Provider.ID = "1234567890" }, []string{"provider.id is not a valid NPI"}},
		{"other provider id needs no npi", func(r *Request) { r.Provider.IDQualifier, r.Provider.ID = "SV", "X1" }, nil},
		{"no provider name", func(r *Request) { r.Provider.Organization = "" }, []string{"provider needs"}},
		{"no member id nor name", func(r *Request) { r.Subscriber = Person{LastName: "DOE"} }, []string{"subscriber needs"}},
		{"bad gender", func(r *Request) { r.Subscriber.Gender = "X" }, []string{"subscriber.gender"}},
		{"gender without birth date", func(r *Request) { r.Subscriber.BirthDate = x12.Date{} }, []string{"subscriber.gender needs"}},
		{"dependent without birth date", func(r *Request) { r.Dependent = &Person{LastName: "A", FirstName: "B"} }, []string{"dependent needs"}},
		{"bad service type", func(r *Request) { r.ServiceTypes = []ServiceType{"30", "x"} }, []string{"service_types[1]"}},
		{"procedure without code", func(r *Request) { r.Procedures = []Procedure{{Qualifier: "HC"}} }, []string{"procedures[0]"}},
		{"end before start", func(r *Request) { r.EndDate = r.Date.AddDays(-1) }, []string{"end_date is before"}},
		{"end without start", func(r *Request) { r.Date, r.EndDate = x12.Date{}, r.Date }, []string{"end_date needs"}},
		{"invalid date", func(r *Request) { r.Date = x12.NewDate(2026, 2, 30) }, []string{"date is not"}},
		{"bad place of service", func(r *Request) { r.PlaceOfService = "2" }, []string{"place_of_service"}},
		{"trace without originator", func(r *Request) { r.TraceOriginator = "" }, []string{"trace_originator"}},
		{"originator without trace", func(r *Request) { r.TraceNumber = "" }, []string{"trace_originator needs"}},
		{"long reference", func(r *Request) { r.Reference = strings.Repeat("R", 51) }, []string{"reference"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := ok
			r.Subscriber = ok.Subscriber
			tt.change(&r)
			err := r.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("Validate = %v, want ErrInvalidRequest", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "DOE") || strings.Contains(err.Error(), "W123456789") {
				t.Errorf("error leaks patient data: %q", err)
			}
		})
	}
}

func TestPartnerValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Partner
		want []string
	}{
		{"ok", testPartner, nil},
		{"defaults need IDs", DefaultPartner(), []string{"sender_id", "receiver_id", "sender_code", "receiver_code"}},
		{"bad usage", Partner{SenderID: "AB", ReceiverID: "CD", Usage: "X"}, []string{"usage"}},
		{"long id", Partner{SenderID: strings.Repeat("A", 16), ReceiverID: "CD", Usage: "P"}, []string{"sender_id", "sender_code"}},
		{"bad qualifier", Partner{SenderQualifier: "Z", SenderID: "AB", ReceiverID: "CD", Usage: "P"}, []string{"sender_qualifier"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if (err == nil) != (len(tt.want) == 0) {
				t.Fatalf("Validate = %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), "partner "+w+" ") {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

func TestEncode270Errors(t *testing.T) {
	t.Run("invalid request writes nothing", func(t *testing.T) {
		var buf bytes.Buffer
		w := x12.NewWriter(&buf, x12.DefaultDelimiters)
		w.ControlNumbers = x12.NewSequence(1)
		bad := subscriberRequest()
		bad.Payer.ID = ""
		_, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Requests: []Request{subscriberRequest(), bad}})
		if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), "request 1: ") {
			t.Fatalf("err = %v", err)
		}
		if w.Flush(); buf.Len() != 0 {
			t.Errorf("wrote %q", buf.String())
		}
	})
	t.Run("no requests", func(t *testing.T) {
		w := x12.NewWriter(&bytes.Buffer{}, x12.DefaultDelimiters)
		if _, err := Encode270(w, Batch{Partner: testPartner, Date: testDate}); !errors.Is(err, ErrInvalidRequest) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("delimiter in a name", func(t *testing.T) {
		w := x12.NewWriter(&bytes.Buffer{}, x12.DefaultDelimiters)
		w.ControlNumbers = x12.NewSequence(1)
		r := subscriberRequest()
		r.Subscriber.LastName = "O*BRIEN"
		_, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Requests: []Request{r}})
		var xe *x12.Error
		if !errors.Is(err, x12.ErrDelimiterInData) || !errors.As(err, &xe) || xe.Pos.SegmentID != "NM1" || xe.Pos.Element != 3 {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("no control number source", func(t *testing.T) {
		w := x12.NewWriter(&bytes.Buffer{}, x12.DefaultDelimiters)
		if _, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Requests: []Request{subscriberRequest()}}); !errors.Is(err, x12.ErrWriterState) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestValidNPI(t *testing.T) {
	tests := []struct {
		npi  string
		want bool
	}{
		{"1234567893", true},
		{"1508165317", true},
		{"1234567890", false},
		{"123456789", false},
		{"12345678931", false},
		{"123456789A", false},
		{"A234567893", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidNPI(tt.npi); got != tt.want {
			t.Errorf("ValidNPI(%q) = %v, want %v", tt.npi, got, tt.want)
		}
	}
}

func TestLogValueRedacts(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	r := dependentRequest()
	resps := decodeString(t, build271(nil, "EB*1**30"))
	log.Info("x", "request", r, "subscriber", r.Subscriber, "dependent", *r.Dependent, "member", *resps[0].Members()[0])
	for _, phi := range []string{"DOE", "MIA", "JANE", "W123456789", "M1", "2015"} {
		if strings.Contains(buf.String(), phi) {
			t.Errorf("log line leaks %q: %s", phi, buf.String())
		}
	}
	if !strings.Contains(buf.String(), "ELIG0002") {
		t.Errorf("log line lacks the reference: %s", buf.String())
	}
}
