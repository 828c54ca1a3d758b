package eligibility

import "github.com/claimkit/claimkit/x12"

// Decode270 reads every 270 transaction set from r and returns one
// Request per patient, in file order: a subscriber without dependents,
// or each dependent of a subscriber. It reads what Encode270 writes and
// the usual 270 layout; problems are returned as Decode271 returns them,
// and a segment a Request has no field for (N3/N4, REF, PRV, ...) is
// reported as skipped.
func Decode270(r *x12.Reader) ([]Request, error) {
	d := newDecoder(r, "270")
	d.run()
	var out []Request
	for i := range d.out {
		out = append(out, requests(&d.out[i])...)
	}
	return out, d.err()
}

// requestSegments are the segments a Request keeps, by tree level.
var requestSegments = [5]map[string]bool{
	1: {"NM1": true},
	2: {"NM1": true},
	3: {"NM1": true, "TRN": true, "DMG": true, "DTP": true, "EQ": true},
	4: {"NM1": true, "TRN": true, "DMG": true, "DTP": true, "EQ": true, "INS": true},
}

// requests flattens the HL tree of one 270 into Requests.
func requests(resp *Response) []Request {
	var out []Request
	for _, s := range resp.Sources {
		for _, rc := range s.Receivers {
			for i := range rc.Subscribers {
				sub := &rc.Subscribers[i]
				base := Request{
					ControlNumber: resp.ControlNumber, Reference: resp.Reference,
					Payer: party(&s.Entity), Provider: party(&rc.Entity), Subscriber: person(sub),
				}
				base.Payer.EntityCode = ""
				if len(sub.Dependents) == 0 {
					out = append(out, patient(base, sub))
					continue
				}
				for j := range sub.Dependents {
					dep := &sub.Dependents[j]
					req := patient(base, dep)
					p := person(dep)
					req.Dependent = &p
					if req.Date.IsZero() {
						req.Date, req.EndDate = inquiryDate(sub)
					}
					out = append(out, req)
				}
			}
		}
	}
	return out
}

// patient fills the fields of req that come from the patient's loop.
func patient(req Request, m *Member) Request {
	for _, t := range m.Traces {
		if t.Type == "1" {
			req.TraceNumber, req.TraceOriginator = t.Number, t.Originator
			break
		}
	}
	for _, q := range m.Inquiries {
		req.ServiceTypes = append(req.ServiceTypes, q.ServiceTypes...)
		if q.Procedure != nil {
			req.Procedures = append(req.Procedures, *q.Procedure)
		}
		for _, ic := range q.IndustryCodes {
			if ic.Qualifier == "ZZ" && req.PlaceOfService == "" {
				req.PlaceOfService = ic.Code
			}
		}
	}
	req.Date, req.EndDate = inquiryDate(m)
	return req
}

// inquiryDate returns the first plan date (DTP*291) of m or of its inquiries.
func inquiryDate(m *Member) (x12.Date, x12.Date) {
	dates := m.Dates
	for _, q := range m.Inquiries {
		dates = append(dates[:len(dates):len(dates)], q.Dates...)
	}
	for _, d := range dates {
		if d.Qualifier == "291" {
			if d.Format == "RD8" && d.To != d.From {
				return d.From, d.To
			}
			return d.From, x12.Date{}
		}
	}
	return x12.Date{}, x12.Date{}
}

func party(e *Entity) Party {
	return Party{EntityCode: e.EntityCode, Organization: e.Organization, LastName: e.LastName, FirstName: e.FirstName,
		IDQualifier: e.IDQualifier, ID: e.ID}
}

func person(m *Member) Person {
	p := Person{LastName: m.LastName, FirstName: m.FirstName, MiddleName: m.MiddleName, Suffix: m.Suffix,
		BirthDate: m.BirthDate, Gender: m.Gender}
	if m.IDQualifier == "MI" {
		p.MemberID = m.ID
	}
	if m.Insured != nil {
		p.Relationship = m.Insured.Relationship
	}
	return p
}
