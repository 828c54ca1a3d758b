package eligibility

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/claimkit/claimkit/x12"
)

// Partner holds the envelope settings for one trading partner (the
// clearinghouse or payer the 270 goes to): ISA sender and receiver, GS
// application codes, usage indicator.
type Partner struct {
	// SenderQualifier and SenderID are ISA05/ISA06; ReceiverQualifier
	// and ReceiverID are ISA07/ISA08. Qualifiers default to ZZ.
	SenderQualifier   string
	SenderID          string
	ReceiverQualifier string
	ReceiverID        string
	// SenderCode and ReceiverCode are GS02/GS03; they default to the ISA IDs.
	SenderCode   string
	ReceiverCode string
	// Usage is ISA15: T test or P production.
	Usage string
	// AckRequested asks for a TA1 (ISA14 = 1).
	AckRequested bool
}

// DefaultPartner returns the defaults: ZZ qualifiers and test usage.
// Set the IDs, then call Validate.
func DefaultPartner() Partner {
	return Partner{SenderQualifier: "ZZ", ReceiverQualifier: "ZZ", Usage: "T"}
}

// Validate reports every field that cannot go into an ISA or GS, joined.
func (p Partner) Validate() error {
	var errs []error
	bad := func(field, msg string) {
		errs = append(errs, fmt.Errorf("%w: partner %s %s", ErrInvalidRequest, field, msg))
	}
	check := func(field, v string, min, max int) {
		if len(v) < min || len(v) > max {
			bad(field, "must be "+strconv.Itoa(min)+" to "+strconv.Itoa(max)+" characters")
		}
	}
	check("sender_qualifier", or(p.SenderQualifier, "ZZ"), 2, 2)
	check("receiver_qualifier", or(p.ReceiverQualifier, "ZZ"), 2, 2)
	check("sender_id", p.SenderID, 1, 15)
	check("receiver_id", p.ReceiverID, 1, 15)
	check("sender_code", or(p.SenderCode, p.SenderID), 2, 15)
	check("receiver_code", or(p.ReceiverCode, p.ReceiverID), 2, 15)
	if p.Usage != "T" && p.Usage != "P" {
		bad("usage", "must be T or P")
	}
	return errors.Join(errs...)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Request is one eligibility inquiry: a subscriber, or a dependent of a
// subscriber, asked about at one payer by one provider. Encode270 writes
// each Request as one 270 transaction set; Decode270 gives them back.
type Request struct {
	// ControlNumber is ST02. Decode270 sets it; Encode270 ignores it and
	// takes the number from the writer's control number source.
	ControlNumber string `json:"control_number,omitempty"`
	// Reference is BHT03, the submitter's reference for the inquiry; the
	// 271 echoes it. Empty means the ST02 control number.
	Reference string `json:"reference,omitempty"`
	// Payer is the information source (2100A); its IDQualifier defaults
	// to PI (payer ID).
	Payer Party `json:"payer"`
	// Provider is the information receiver (2100B); its EntityCode
	// defaults to 1P and its IDQualifier to XX, with an NPI as ID.
	Provider Party `json:"provider"`
	// Subscriber is 2100C; it needs a member ID, or a name and birth date.
	Subscriber Person `json:"subscriber"`
	// Dependent is 2100D, when the patient is not the subscriber; it
	// needs a name and birth date.
	Dependent *Person `json:"dependent,omitempty"`
	// TraceNumber is TRN02 and TraceOriginator TRN03 (1 followed by the
	// submitter's nine-digit EIN, ten characters). The 271 echoes them.
	TraceNumber     string `json:"trace_number,omitempty"`
	TraceOriginator string `json:"trace_originator,omitempty"`
	// ServiceTypes are the service types asked about, one EQ each;
	// empty means 30 (health benefit plan coverage) unless Procedures
	// are given.
	ServiceTypes []ServiceType `json:"service_types,omitempty"`
	// Procedures are procedure-level inquiries (EQ02), for example
	// HC 99457 for remote physiologic monitoring treatment management.
	Procedures []Procedure `json:"procedures,omitempty"`
	// Date is the date of service asked about (DTP*291); with EndDate it
	// is a range. Empty means the payer's today.
	Date    x12.Date `json:"date,omitzero"`
	EndDate x12.Date `json:"end_date,omitzero"`
	// PlaceOfService, when set, is sent as III*ZZ after each EQ: 02
	// telehealth, 10 telehealth in the patient's home.
	PlaceOfService string `json:"place_of_service,omitempty"`
}

// Party is a payer or a provider in a Request.
type Party struct {
	// EntityCode is NM101 for a provider (1P, FA facility, 80 hospital,
	// ...); a payer is always PR.
	EntityCode string `json:"entity_code,omitempty"`
	// Organization is the name of a non-person; LastName and FirstName
	// name a person (a provider that is an individual).
	Organization string `json:"organization,omitempty"`
	LastName     string `json:"last_name,omitempty"`
	FirstName    string `json:"first_name,omitempty"`
	IDQualifier  string `json:"id_qualifier,omitempty"`
	ID           string `json:"id"`
}

// Person is a subscriber or a dependent in a Request.
type Person struct {
	// MemberID is the payer's member ID (NM109 with MI); a dependent
	// usually has none of its own.
	MemberID   string   `json:"member_id,omitempty"`
	LastName   string   `json:"last_name,omitempty"`
	FirstName  string   `json:"first_name,omitempty"`
	MiddleName string   `json:"middle_name,omitempty"`
	Suffix     string   `json:"suffix,omitempty"`
	BirthDate  x12.Date `json:"birth_date,omitzero"`
	// Gender is DMG03: M, F or U.
	Gender string `json:"gender,omitempty"`
	// Relationship is INS02 for a dependent (01 spouse, 19 child, ...).
	Relationship string `json:"relationship,omitempty"`
}

// LogValue redacts the person: names, IDs and birth dates are patient data.
func (p Person) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// LogValue keeps only what identifies the request without patient data.
func (r Request) LogValue() slog.Value {
	return slog.GroupValue(slog.String("control_number", r.ControlNumber), slog.String("reference", r.Reference),
		slog.String("payer_id", r.Payer.ID))
}

// Batch is what Encode270 writes: one interchange with one HS group
// holding one 270 per request. Date and Time stamp the ISA, GS and BHT.
type Batch struct {
	Partner  Partner
	Date     x12.Date
	Time     x12.TimeOfDay
	Requests []Request
}

// Control holds the control numbers Encode270 used: ISA13, GS06, and
// ST02 of each request in order.
type Control struct {
	Interchange string   `json:"interchange"`
	Group       string   `json:"group"`
	Sets        []string `json:"sets"`
}

// Validate reports every field of r that cannot be encoded, joined.
// Messages name fields, never their values.
func (r *Request) Validate() error {
	var errs []error
	bad := func(field, msg string) { errs = append(errs, fmt.Errorf("%w: %s %s", ErrInvalidRequest, field, msg)) }
	if r.Payer.Organization == "" {
		bad("payer.organization", "is required")
	}
	if r.Payer.ID == "" {
		bad("payer.id", "is required")
	}
	if r.Provider.Organization == "" && r.Provider.LastName == "" {
		bad("provider", "needs an organization or a last name")
	}
	if r.Provider.ID == "" {
		bad("provider.id", "is required")
	} else if or(r.Provider.IDQualifier, "XX") == "XX" && !ValidNPI(r.Provider.ID) {
		bad("provider.id", "is not a valid NPI (10 digits with a check digit)")
	}
	sub := r.Subscriber
	if sub.MemberID == "" && (sub.LastName == "" || sub.FirstName == "" || sub.BirthDate.IsZero()) {
		bad("subscriber", "needs a member_id, or last_name, first_name and birth_date")
	}
	checkPerson := func(field string, p *Person) {
		if !p.BirthDate.IsZero() && !p.BirthDate.Valid() {
			bad(field+".birth_date", "is not a valid date")
		}
		if p.Gender != "" && p.Gender != "M" && p.Gender != "F" && p.Gender != "U" {
			bad(field+".gender", "must be M, F or U")
		}
		if p.Gender != "" && p.BirthDate.IsZero() {
			bad(field+".gender", "needs a birth_date (DMG)")
		}
	}
	checkPerson("subscriber", &r.Subscriber)
	if dep := r.Dependent; dep != nil {
		if dep.LastName == "" || dep.FirstName == "" || dep.BirthDate.IsZero() {
			bad("dependent", "needs last_name, first_name and birth_date")
		}
		checkPerson("dependent", dep)
	}
	for i, st := range r.ServiceTypes {
		if !codeLike(string(st), 1, 3) {
			bad("service_types["+strconv.Itoa(i)+"]", "is not a service type code")
		}
	}
	for i, p := range r.Procedures {
		if p.Code == "" || len(p.Modifiers) > 4 {
			bad("procedures["+strconv.Itoa(i)+"]", "needs a code and at most 4 modifiers")
		}
	}
	switch {
	case !r.Date.IsZero() && !r.Date.Valid(), !r.EndDate.IsZero() && !r.EndDate.Valid():
		bad("date", "is not a valid date")
	case r.Date.IsZero() && !r.EndDate.IsZero():
		bad("end_date", "needs a date")
	case !r.EndDate.IsZero() && r.EndDate.Before(r.Date):
		bad("end_date", "is before date")
	}
	if r.PlaceOfService != "" && !codeLike(r.PlaceOfService, 2, 2) {
		bad("place_of_service", "must be a two-character place of service code")
	}
	if len(r.Reference) > 50 {
		bad("reference", "is longer than 50 characters")
	}
	switch {
	case r.TraceNumber != "" && len(r.TraceOriginator) != 10:
		bad("trace_originator", "must be 10 characters when a trace_number is given")
	case r.TraceNumber == "" && r.TraceOriginator != "":
		bad("trace_originator", "needs a trace_number (TRN02)")
	}
	if len(r.TraceNumber) > 50 {
		bad("trace_number", "is longer than 50 characters")
	}
	return errors.Join(errs...)
}

// codeLike reports whether s is min to max upper-case letters or digits.
func codeLike(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// ValidNPI reports whether npi is ten digits whose last is the Luhn
// check digit computed with the 80840 prefix, as CMS specifies.
func ValidNPI(npi string) bool {
	if len(npi) != 10 {
		return false
	}
	sum := 24 // the contribution of the prefix 80840
	for i := 0; i < 9; i++ {
		c := npi[8-i]
		if c < '0' || c > '9' {
			return false
		}
		v := int(c - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	check := npi[9]
	return check >= '0' && check <= '9' && int(check-'0') == (10-sum%10)%10
}

// Encode270 writes b as one interchange through w: ISA, one GS (HS,
// 005010X279A1), one ST..SE per request, GE and IEA. Control numbers come
// from w.ControlNumbers. Every request and the partner are validated
// first; when any is invalid nothing is written and the error joins every
// problem. w is flushed, not closed.
func Encode270(w *x12.Writer, b Batch) (Control, error) {
	var ctl Control
	errs := []error{b.Partner.Validate()}
	if len(b.Requests) == 0 {
		errs = append(errs, fmt.Errorf("%w: the batch has no requests", ErrInvalidRequest))
	}
	if !b.Date.Valid() {
		errs = append(errs, fmt.Errorf("%w: the batch date is not a valid date", ErrInvalidRequest))
	}
	for i := range b.Requests {
		if err := b.Requests[i].Validate(); err != nil {
			errs = append(errs, fmt.Errorf("request %d: %w", i, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return ctl, err
	}
	p := b.Partner
	ack := "0"
	if p.AckRequested {
		ack = "1"
	}
	var err error
	ctl.Interchange, err = w.BeginInterchange(x12.InterchangeHeader{
		SenderQualifier: or(p.SenderQualifier, "ZZ"), SenderID: p.SenderID,
		ReceiverQualifier: or(p.ReceiverQualifier, "ZZ"), ReceiverID: p.ReceiverID,
		Date: b.Date, Time: b.Time, Usage: p.Usage, AckRequested: ack,
	})
	if err != nil {
		return ctl, err
	}
	ctl.Group, err = w.BeginGroup(x12.GroupHeader{
		FunctionalID: "HS", SenderCode: or(p.SenderCode, p.SenderID), ReceiverCode: or(p.ReceiverCode, p.ReceiverID),
		Date: b.Date, Time: b.Time, Version: Version,
	})
	if err != nil {
		return ctl, err
	}
	for i := range b.Requests {
		st, err := w.BeginSet("270", Version)
		if err != nil {
			return ctl, err
		}
		ctl.Sets = append(ctl.Sets, st)
		if err := writeRequest(w, &b.Requests[i], st, b); err != nil {
			return ctl, err
		}
		if err := w.EndSet(); err != nil {
			return ctl, err
		}
	}
	if err := w.EndInterchange(); err != nil {
		return ctl, err
	}
	return ctl, w.Flush()
}

// writeRequest writes the body of one 270, BHT through the last EQ loop.
func writeRequest(w *x12.Writer, r *Request, st string, b Batch) error {
	tm := b.Time
	if tm.Precision == 0 {
		tm.Precision = 4
	}
	w.WriteSegment("BHT", "0022", "13", or(r.Reference, st), b.Date.D8(), tm.String())
	w.WriteSegment("HL", "1", "", "20", "1")
	w.WriteSegment("NM1", "PR", "2", r.Payer.Organization, "", "", "", "", or(r.Payer.IDQualifier, "PI"), r.Payer.ID)
	w.WriteSegment("HL", "2", "1", "21", "1")
	writeParty(w, or(r.Provider.EntityCode, "1P"), r.Provider, or(r.Provider.IDQualifier, "XX"))
	child := "0"
	if r.Dependent != nil {
		child = "1"
	}
	w.WriteSegment("HL", "3", "2", "22", child)
	if r.Dependent == nil {
		writeTrace(w, r)
	}
	s := r.Subscriber
	idq := ""
	if s.MemberID != "" {
		idq = "MI"
	}
	w.WriteSegment("NM1", "IL", "1", s.LastName, s.FirstName, s.MiddleName, "", s.Suffix, idq, s.MemberID)
	writeDMG(w, &s)
	if r.Dependent == nil {
		return writeInquiries(w, r)
	}
	dep := r.Dependent
	w.WriteSegment("HL", "4", "3", "23", "0")
	writeTrace(w, r)
	w.WriteSegment("NM1", "03", "1", dep.LastName, dep.FirstName, dep.MiddleName, "", dep.Suffix)
	writeDMG(w, dep)
	if dep.Relationship != "" {
		w.WriteSegment("INS", "N", dep.Relationship)
	}
	return writeInquiries(w, r)
}

func writeParty(w *x12.Writer, code string, p Party, idq string) {
	if p.Organization != "" {
		w.WriteSegment("NM1", code, "2", p.Organization, "", "", "", "", idq, p.ID)
		return
	}
	w.WriteSegment("NM1", code, "1", p.LastName, p.FirstName, "", "", "", idq, p.ID)
}

func writeTrace(w *x12.Writer, r *Request) {
	if r.TraceNumber != "" {
		w.WriteSegment("TRN", "1", r.TraceNumber, r.TraceOriginator)
	}
}

func writeDMG(w *x12.Writer, p *Person) {
	if !p.BirthDate.IsZero() {
		w.WriteSegment("DMG", "D8", p.BirthDate.D8(), p.Gender)
	}
}

// writeInquiries writes the patient's DTP and one EQ loop per service
// type and procedure.
func writeInquiries(w *x12.Writer, r *Request) error {
	switch {
	case !r.EndDate.IsZero() && r.EndDate != r.Date:
		w.WriteSegment("DTP", "291", "RD8", x12.DateRange{From: r.Date, To: r.EndDate}.RD8())
	case !r.Date.IsZero():
		w.WriteSegment("DTP", "291", "D8", r.Date.D8())
	}
	sts := r.ServiceTypes
	if len(sts) == 0 && len(r.Procedures) == 0 {
		sts = []ServiceType{HealthBenefitPlanCoverage}
	}
	for _, st := range sts {
		w.WriteSegment("EQ", string(st))
		writePOS(w, r)
	}
	for _, p := range r.Procedures {
		w.StartSegment("EQ")
		w.Element("")
		parts := []string{or(p.Qualifier, "HC"), p.Code}
		w.Components(append(parts, p.Modifiers...)...)
		w.EndSegment()
		writePOS(w, r)
	}
	return w.Err()
}

func writePOS(w *x12.Writer, r *Request) {
	if r.PlaceOfService != "" {
		w.WriteSegment("III", "ZZ", r.PlaceOfService)
	}
}
