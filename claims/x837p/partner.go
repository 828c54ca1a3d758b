package x837p

import (
	"errors"
	"fmt"
	"strings"
)

// TelehealthPolicy says when the encoder adds the telehealth modifier of
// a line's Telecare (95 for video, 93 for audio-only) to SV101.
type TelehealthPolicy string

// Telehealth modifier policies.
const (
	// TelehealthOnPOS adds 95 or 93 on lines whose place of service is 02
	// or 10 (CMS: "pair POS 02/10 with 95 or 93"). It is the default.
	TelehealthOnPOS TelehealthPolicy = "pos"
	// TelehealthAlways adds 95 or 93 on every synchronous telecare line,
	// whatever its place of service (payers that want POS 11 + 95).
	TelehealthAlways TelehealthPolicy = "always"
	// TelehealthNever adds no modifier: the place of service alone says
	// it was telehealth. Modifiers already on the line are sent as given.
	TelehealthNever TelehealthPolicy = "never"
)

// DefaultMaxClaimsPerSet is the most claims the encoder puts in one
// transaction set (ST..SE) unless the partner says otherwise.
const DefaultMaxClaimsPerSet = 5000

// Contact is an EDI contact (PER): a name and up to three numbers, sent
// in the order phone, extension, email, fax.
type Contact struct {
	Name      string `toml:"name" json:"name,omitempty"`
	Phone     string `toml:"phone" json:"phone,omitempty"`
	Extension string `toml:"extension" json:"extension,omitempty"`
	Email     string `toml:"email" json:"email,omitempty"`
	Fax       string `toml:"fax" json:"fax,omitempty"`
}

// IsZero reports whether c is empty.
func (c Contact) IsZero() bool { return c == Contact{} }

// numbers returns the PER03-PER08 qualifier/number pairs that are set.
func (c Contact) numbers(out *[8]string) int {
	n := 0
	for _, p := range [...][2]string{{"TE", c.Phone}, {"EX", c.Extension}, {"EM", c.Email}, {"FX", c.Fax}} {
		if p[1] != "" && n < len(out) {
			out[n], out[n+1] = p[0], p[1]
			n += 2
		}
	}
	return n
}

// Submitter is loop 1000A: who sends the claims.
type Submitter struct {
	// Name is NM103: the organization, or the person's last name.
	Name string `toml:"name" json:"name"`
	// FirstName is NM104 for a person.
	FirstName string `toml:"first_name" json:"first_name,omitempty"`
	// Individual makes NM102 1 (person); the default is 2 (organization).
	Individual bool `toml:"individual" json:"individual,omitempty"`
	// ID is the submitter's ETIN given by the receiver (NM109, qualifier 46).
	ID      string  `toml:"id" json:"id"`
	Contact Contact `toml:"contact" json:"contact"`
}

// Receiver is loop 1000B: the clearinghouse or payer that receives the
// claims.
type Receiver struct {
	Name string `toml:"name" json:"name"`
	// ID is NM109 (qualifier 46).
	ID string `toml:"id" json:"id"`
}

// Envelope holds the interchange and group addressing of a partner.
type Envelope struct {
	// SenderQualifier and SenderID are ISA05/ISA06; ReceiverQualifier and
	// ReceiverID are ISA07/ISA08. Qualifiers default to ZZ.
	SenderQualifier   string `toml:"sender_qualifier" json:"sender_qualifier"`
	SenderID          string `toml:"sender_id" json:"sender_id"`
	ReceiverQualifier string `toml:"receiver_qualifier" json:"receiver_qualifier"`
	ReceiverID        string `toml:"receiver_id" json:"receiver_id"`
	// ApplicationSender and ApplicationReceiver are GS02/GS03; empty
	// means the ISA sender and receiver IDs.
	ApplicationSender   string `toml:"application_sender" json:"application_sender,omitempty"`
	ApplicationReceiver string `toml:"application_receiver" json:"application_receiver,omitempty"`
	// Usage is ISA15: T test or P production.
	Usage string `toml:"usage" json:"usage"`
	// AckRequested sets ISA14 to 1: the receiver sends a TA1.
	AckRequested bool `toml:"ack_requested" json:"ack_requested,omitempty"`
}

// Partner is the trading partner profile the encoder follows: who
// submits, who receives, the envelope IDs, the usage indicator and the
// payer's telehealth modifier policy. It is a plain value: build it with
// DefaultPartner, fill it (for example from a TOML file), then Validate.
type Partner struct {
	Submitter Submitter `toml:"submitter" json:"submitter"`
	Receiver  Receiver  `toml:"receiver" json:"receiver"`
	Envelope  Envelope  `toml:"envelope" json:"envelope"`
	// Telehealth is when 95/93 are added; empty means TelehealthOnPOS.
	Telehealth TelehealthPolicy `toml:"telehealth_modifiers" json:"telehealth_modifiers"`
	// MaxClaimsPerSet caps the claims in one ST..SE; 0 means
	// DefaultMaxClaimsPerSet.
	MaxClaimsPerSet int `toml:"max_claims_per_set" json:"max_claims_per_set"`
	// TransactionType is BHT06: CH chargeable (default) or RP reporting
	// (encounters).
	TransactionType string `toml:"transaction_type" json:"transaction_type"`
}

// DefaultPartner returns a Partner with the defaults filled in: ZZ
// qualifiers, test usage, telehealth modifiers on POS 02/10, 5000 claims
// per transaction set, chargeable claims. The names and IDs are empty and
// must be set.
func DefaultPartner() Partner {
	return Partner{
		Envelope:        Envelope{SenderQualifier: "ZZ", ReceiverQualifier: "ZZ", Usage: "T"},
		Telehealth:      TelehealthOnPOS,
		MaxClaimsPerSet: DefaultMaxClaimsPerSet,
		TransactionType: "CH",
	}
}

// PartnerError lists what is wrong with a Partner, one entry per field.
type PartnerError struct {
	// Problems are in field order.
	Problems []FieldProblem
}

// FieldProblem is one invalid Partner field.
type FieldProblem struct {
	// Field is the TOML path of the field, for example "submitter.id".
	Field   string
	Problem string
}

// Error returns the problems on one line.
func (e *PartnerError) Error() string {
	var b strings.Builder
	b.WriteString("x837p: invalid partner: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Field)
		b.WriteString(": ")
		b.WriteString(p.Problem)
	}
	return b.String()
}

// Unwrap returns ErrInvalidPartner.
func (e *PartnerError) Unwrap() error { return ErrInvalidPartner }

// ErrInvalidPartner is wrapped by the *PartnerError Validate returns.
var ErrInvalidPartner = errors.New("x837p: invalid partner")

// Validate checks the partner and returns a *PartnerError naming every
// bad field, or nil.
func (p Partner) Validate() error {
	var probs []FieldProblem
	add := func(field, format string, args ...any) {
		probs = append(probs, FieldProblem{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	need := func(field, v string, min, max int) {
		switch {
		case v == "":
			add(field, "required")
		case len(v) < min || len(v) > max:
			add(field, "must be %d to %d characters", min, max)
		}
	}
	need("submitter.name", p.Submitter.Name, 1, 60)
	need("submitter.id", p.Submitter.ID, 2, 80)
	if p.Submitter.Contact.Name == "" && p.Submitter.Contact.Phone == "" && p.Submitter.Contact.Email == "" && p.Submitter.Contact.Fax == "" {
		add("submitter.contact", "a name or a phone, email or fax is required (PER)")
	}
	var nums [8]string
	if p.Submitter.Contact.numbers(&nums) == 8 {
		add("submitter.contact", "at most three of phone, extension, email and fax")
	}
	need("receiver.name", p.Receiver.Name, 1, 60)
	need("receiver.id", p.Receiver.ID, 2, 80)
	need("envelope.sender_id", p.Envelope.SenderID, 1, 15)
	need("envelope.receiver_id", p.Envelope.ReceiverID, 1, 15)
	need("envelope.sender_qualifier", p.Envelope.SenderQualifier, 2, 2)
	need("envelope.receiver_qualifier", p.Envelope.ReceiverQualifier, 2, 2)
	if v := p.Envelope.ApplicationSender; v != "" && (len(v) < 2 || len(v) > 15) {
		add("envelope.application_sender", "must be 2 to 15 characters")
	}
	if v := p.Envelope.ApplicationReceiver; v != "" && (len(v) < 2 || len(v) > 15) {
		add("envelope.application_receiver", "must be 2 to 15 characters")
	}
	if p.Envelope.Usage != "T" && p.Envelope.Usage != "P" {
		add("envelope.usage", "must be T (test) or P (production), not %q", p.Envelope.Usage)
	}
	switch p.Telehealth {
	case "", TelehealthOnPOS, TelehealthAlways, TelehealthNever:
	default:
		add("telehealth_modifiers", "must be pos, always or never, not %q", p.Telehealth)
	}
	if p.MaxClaimsPerSet < 0 || p.MaxClaimsPerSet > DefaultMaxClaimsPerSet {
		add("max_claims_per_set", "must be 1 to %d (0 means %d)", DefaultMaxClaimsPerSet, DefaultMaxClaimsPerSet)
	}
	switch p.TransactionType {
	case "", "CH", "RP":
	default:
		add("transaction_type", "must be CH or RP, not %q", p.TransactionType)
	}
	if len(probs) == 0 {
		return nil
	}
	return &PartnerError{Problems: probs}
}

func (p Partner) maxClaims() int {
	if p.MaxClaimsPerSet <= 0 {
		return DefaultMaxClaimsPerSet
	}
	return p.MaxClaimsPerSet
}
