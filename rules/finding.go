package rules

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// Severity says whether a finding stops a claim from being sent.
type Severity string

// Severities.
const (
	// Error: the claim would be rejected or denied; it stays Draft.
	Error Severity = "error"
	// Warning: worth a look; the claim can still be sent.
	Warning Severity = "warning"
)

// Finding is one problem a rule found. Message holds codes, counts and
// field names, never patient data.
type Finding struct {
	// Rule is the stable ID of the rule ("NPI-CHECK-DIGIT").
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// ClaimID is the claim's ID (its patient control number when the ID
	// is empty).
	ClaimID string `json:"claim_id"`
	// Line is the service line number (LX01, 1-based), 0 for the claim.
	Line int `json:"line,omitempty"`
	// Field is the path of the value at fault in the claim's JSON form,
	// with 0-based list indexes: "lines[2].procedure.modifiers".
	Field   string `json:"field"`
	Message string `json:"message"`
	// CARC and RARC are the claim adjustment reason and remark codes a
	// payer would likely answer with, where known.
	CARC string `json:"carc,omitempty"`
	RARC string `json:"rarc,omitempty"`
}

// String formats f on one line: "claim C1 line 2 (lines[1].units): error
// RPM-UNITS: ... [CARC 151]".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString("claim ")
	b.WriteString(f.ClaimID)
	if f.Line > 0 {
		b.WriteString(" line ")
		b.WriteString(strconv.Itoa(f.Line))
	}
	if f.Field != "" {
		b.WriteString(" (" + f.Field + ")")
	}
	fmt.Fprintf(&b, ": %s %s: %s", f.Severity, f.Rule, f.Message)
	if f.CARC != "" || f.RARC != "" {
		b.WriteString(" [")
		if f.CARC != "" {
			b.WriteString("CARC " + f.CARC)
		}
		if f.RARC != "" {
			if f.CARC != "" {
				b.WriteString(", ")
			}
			b.WriteString("RARC " + f.RARC)
		}
		b.WriteString("]")
	}
	return b.String()
}

// HasErrors reports whether any finding has Error severity.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// found is a finding with what orders it: claim, line, rule.
type found struct {
	claim, line, rule, seq int
	Finding
}

func compareFound(a, b found) int {
	return cmp.Or(cmp.Compare(a.claim, b.claim), cmp.Compare(a.line, b.line),
		cmp.Compare(a.rule, b.rule), cmp.Compare(a.seq, b.seq))
}
