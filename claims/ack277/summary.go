package ack277

// Summary is what a biller needs to know about one acknowledged claim:
// the outcome and, for a rejection, the reasons to act on.
type Summary struct {
	PatientControlNumber string  `json:"patient_control_number"`
	Outcome              Outcome `json:"outcome"`
	// Reasons explain a rejection (or a pending status): one per status
	// composite of the STC segments that decided the outcome, claim level
	// first, then each rejected line.
	Reasons []Reason `json:"reasons"`
	// Lines are the outcomes of the service lines the 277CA reports.
	Lines []LineSummary `json:"lines,omitempty"`
}

// LineSummary is the outcome of one service line.
type LineSummary struct {
	// Line is the 1-based index of the SVC loop within the claim.
	Line                  int     `json:"line"`
	LineItemControlNumber string  `json:"line_item_control_number,omitempty"`
	Procedure             string  `json:"procedure"`
	Outcome               Outcome `json:"outcome"`
}

// Reason is one status composite, spelt out.
type Reason struct {
	// Line is 0 for the claim, or the 1-based index of the SVC loop.
	Line                  int    `json:"line,omitempty"`
	LineItemControlNumber string `json:"line_item_control_number,omitempty"`
	Category              string `json:"category"`
	CategoryDescription   string `json:"category_description,omitempty"`
	Code                  string `json:"code,omitempty"`
	CodeDescription       string `json:"code_description,omitempty"`
	Entity                string `json:"entity,omitempty"`
	EntityDescription     string `json:"entity_description,omitempty"`
	// Message is STC12, free text from the clearinghouse or the payer.
	Message string `json:"message,omitempty"`
}

// String formats r on one line: "A7:562:85 Acknowledgement/Rejected for
// Invalid Information...: Entity's National Provider Identifier (NPI)
// (Billing provider)".
func (r Reason) String() string {
	s := r.Category
	if r.Code != "" {
		s += ":" + r.Code
	}
	if r.Entity != "" {
		s += ":" + r.Entity
	}
	if r.CodeDescription != "" {
		s += " " + r.CodeDescription
	} else if r.CategoryDescription != "" {
		s += " " + r.CategoryDescription
	}
	if r.EntityDescription != "" {
		s += " (" + r.EntityDescription + ")"
	}
	if r.Message != "" {
		s += ": " + r.Message
	}
	return s
}

// Outcome returns what the STC segment says: Rejected when STC03 is U or
// any of its composites has a rejecting category, else Accepted when one
// has an accepting category, else Pending.
func (s *Status) Outcome() Outcome {
	out := Pending
	if s.Action == ActionReject {
		return Rejected
	}
	for _, c := range s.Codes {
		switch c.Category.Outcome() {
		case Rejected:
			return Rejected
		case Accepted:
			out = Accepted
		}
	}
	return out
}

// outcomeOf combines several statuses: any rejection rejects, else any
// acceptance accepts, else pending.
func outcomeOf(statuses []*Status) Outcome {
	out := Pending
	for _, s := range statuses {
		switch s.Outcome() {
		case Rejected:
			return Rejected
		case Accepted:
			out = Accepted
		}
	}
	return out
}

// Outcome returns the line's outcome from its STC segments; a line
// without its own status is Pending.
func (l *Line) Outcome() Outcome { return outcomeOf(l.Statuses) }

// Outcome returns the claim's outcome from its claim-level STC segments.
// A claim with no claim-level status takes it from its lines: Rejected
// when every line is rejected, Accepted when every line is accepted,
// else Pending.
func (c *Claim) Outcome() Outcome {
	if len(c.Statuses) > 0 {
		return outcomeOf(c.Statuses)
	}
	if len(c.Lines) == 0 {
		return Pending
	}
	first := c.Lines[0].Outcome()
	for _, l := range c.Lines[1:] {
		if l.Outcome() != first {
			return Pending
		}
	}
	return first
}

// Summary returns the claim's outcome with the reasons a biller can act
// on: the composites of the claim's STC segments that gave a rejected or
// pending outcome (none for an accepted claim), then those of every
// rejected line, whatever the claim's outcome.
func (c *Claim) Summary() Summary {
	s := Summary{PatientControlNumber: c.PatientControlNumber, Outcome: c.Outcome(), Reasons: []Reason{}}
	if s.Outcome != Accepted {
		s.Reasons = appendReasons(s.Reasons, c.Statuses, s.Outcome, 0, "")
	}
	for i, l := range c.Lines {
		lo := l.Outcome()
		s.Lines = append(s.Lines, LineSummary{
			Line: i + 1, LineItemControlNumber: l.LineItemControlNumber,
			Procedure: l.Service.Procedure.String(), Outcome: lo,
		})
		if lo == Rejected {
			s.Reasons = appendReasons(s.Reasons, l.Statuses, Rejected, i+1, l.LineItemControlNumber)
		}
	}
	return s
}

// appendReasons adds the composites of the statuses whose outcome is want.
func appendReasons(rs []Reason, statuses []*Status, want Outcome, line int, lineCtl string) []Reason {
	for _, st := range statuses {
		if st.Outcome() != want {
			continue
		}
		for _, c := range st.Codes {
			rs = append(rs, Reason{
				Line: line, LineItemControlNumber: lineCtl,
				Category: string(c.Category), CategoryDescription: c.Category.Description(),
				Code: c.Code, CodeDescription: codeDescription(c),
				Entity: c.Entity, EntityDescription: EntityDescription(c.Entity),
				Message: st.Message,
			})
		}
	}
	return rs
}

// codeDescription describes a status code unless it comes from another
// code list (NCPDP reject codes, CodeList RX).
func codeDescription(c StatusCode) string {
	if c.CodeList != "" {
		return ""
	}
	return StatusDescription(c.Code)
}

// Summaries returns the summary of every claim in the acknowledgment, in
// file order.
func (a *Acknowledgment) Summaries() []Summary {
	var out []Summary
	for _, c := range a.Claims() {
		out = append(out, c.Claim.Summary())
	}
	return out
}

// ClaimRef is a claim together with the source and provider it sits
// under.
type ClaimRef struct {
	Source   *Source
	Receiver *Receiver
	Provider *Provider
	Claim    *Claim
}

// Claims returns every claim of the acknowledgment with its ancestors, in
// file order.
func (a *Acknowledgment) Claims() []ClaimRef {
	var out []ClaimRef
	for _, s := range a.Sources {
		for _, r := range s.Receivers {
			for _, p := range r.Providers {
				for _, c := range p.Claims {
					out = append(out, ClaimRef{Source: s, Receiver: r, Provider: p, Claim: c})
				}
			}
		}
	}
	return out
}
