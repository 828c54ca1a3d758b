package sim

import (
	"strings"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// rejection is one reason a claim is not accepted into adjudication: a
// 277CA status composite (category:code:entity) and the STC12 message.
type rejection struct {
	category, code, entity string
	message                string
}

func (r rejection) composite() []string {
	return []string{r.category, r.code, r.entity}
}

// maxRejections is how many status composites one STC carries (STC01,
// STC10, STC11).
const maxRejections = 3

// frontEndEdits runs the payer's acceptance edits on c, as of the date
// the file is processed, and returns the reasons it is rejected (none
// when it is accepted). The messages name no patient data.
func (p *Payer) frontEndEdits(c *claims.Claim, asOf x12.Date) []rejection {
	var out []rejection
	add := func(r rejection) {
		if len(out) < maxRejections {
			out = append(out, r)
		}
	}
	if !validNPI(c.BillingProvider.NPI) {
		add(rejection{"A7", "562", "85", "BILLING PROVIDER NPI MISSING OR INVALID"})
	}
	if strings.TrimSpace(orgOrLast(c.BillingProvider.Name)) == "" {
		add(rejection{"A7", "125", "85", "BILLING PROVIDER NAME MISSING"})
	}
	if strings.TrimSpace(orgOrLast(c.Patient.Name)) == "" {
		add(rejection{"A7", "504", "QC", "PATIENT LAST NAME MISSING"})
	}
	if strings.TrimSpace(orgOrLast(c.Coverage.Subscriber.Name)) == "" {
		add(rejection{"A7", "504", "IL", "SUBSCRIBER LAST NAME MISSING"})
	}
	if c.Rendering != nil && !validNPI(c.Rendering.NPI) {
		add(rejection{"A7", "562", "82", "RENDERING PROVIDER NPI MISSING OR INVALID"})
	}
	if p.PayerID != "" && c.Coverage.Payer.PayerID != p.PayerID {
		add(rejection{"A3", "116", "PR", "CLAIM SUBMITTED TO INCORRECT PAYER"})
	}
	if c.Coverage.Subscriber.MemberID == "" {
		add(rejection{"A7", "164", "IL", "SUBSCRIBER MEMBER ID MISSING"})
	}
	if len(c.Diagnoses) == 0 {
		add(rejection{"A7", "254", "", "PRINCIPAL DIAGNOSIS MISSING"})
	}
	if c.Total().Sign() <= 0 {
		add(rejection{"A7", "178", "", "TOTAL CHARGE MUST BE GREATER THAN ZERO"})
	}
	var noCode, negative, badDate bool
	for i := range c.Lines {
		l := &c.Lines[i]
		noCode = noCode || strings.TrimSpace(l.Procedure.Code) == ""
		negative = negative || l.Charge.Sign() < 0
		badDate = badDate || l.Service.From.IsZero() || l.Service.To.After(asOf)
	}
	if noCode {
		add(rejection{"A7", "454", "", "PROCEDURE CODE MISSING"})
	}
	if negative {
		add(rejection{"A7", "178", "", "LINE CHARGE IS NEGATIVE"})
	}
	if badDate {
		add(rejection{"A7", "187", "", "DATE OF SERVICE MISSING OR IN THE FUTURE"})
	}
	return out
}

// validNPI reports whether npi is ten digits whose last one is the Luhn
// check digit of the other nine prefixed with 80840 (the NPI standard).
func validNPI(npi string) bool {
	if len(npi) != 10 {
		return false
	}
	sum := 24 // the digits of the 80840 prefix, doubled as Luhn asks
	for i := 0; i < 10; i++ {
		c := npi[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 0 && i < 9 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
