package rules

import (
	"slices"

	"github.com/claimkit/claimkit/claims"
)

// placesOfService is the CMS place-of-service code set.
var placesOfService = []claims.PlaceOfService{
	"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
	"20", "21", "22", "23", "24", "25", "26", "27", "31", "32", "33", "34", "41", "42", "49", "50", "51", "52", "53",
	"54", "55", "56", "57", "58", "60", "61", "62", "65", "66", "71", "72", "81", "99",
}

func validPOS(p claims.PlaceOfService) bool { return slices.Contains(placesOfService, p) }

// usStates are the US state, territory and military codes N402 takes.
var usStates = []string{
	"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
	"ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
	"PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
	"AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
}

// filingIndicators is the SBR09 code list.
var filingIndicators = []claims.ClaimFilingIndicator{
	"11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF",
	"TV", "VA", "WC", "ZZ",
}

// relationships is the PAT01 code list (18, self, only in SBR02).
var relationships = []claims.Relationship{
	claims.RelSelf, claims.RelSpouse, claims.RelChild, claims.RelEmployee, claims.RelUnknown, claims.RelOrganDonor,
	claims.RelCadaverDonor, claims.RelLifePartner, claims.RelOther,
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// validICD10 reports whether s has the form of an ICD-10-CM code without
// the dot: 3 to 7 characters, a letter, a digit, then letters or digits.
// Whether the code exists and is billable on the date of service needs
// the CMS code table.
func validICD10(s string) bool {
	if len(s) < 3 || len(s) > 7 || !isUpper(s[0]) || !isDigit(s[1]) {
		return false
	}
	for i := 2; i < len(s); i++ {
		if !isDigit(s[i]) && !isUpper(s[i]) {
			return false
		}
	}
	return true
}

// validProcedure reports whether s has the form of a CPT code (five
// digits; four digits and F, T or U for category II, III and PLA codes)
// or a HCPCS level II code (a letter and four digits).
func validProcedure(s string) bool {
	if len(s) != 5 {
		return false
	}
	switch {
	case allDigits(s):
		return true
	case allDigits(s[:4]) && (s[4] == 'F' || s[4] == 'T' || s[4] == 'U'):
		return true
	case isUpper(s[0]) && allDigits(s[1:]):
		return true
	}
	return false
}

// validModifier reports whether m is two upper-case letters or digits.
func validModifier(m string) bool {
	return len(m) == 2 && (isDigit(m[0]) || isUpper(m[0])) && (isDigit(m[1]) || isUpper(m[1]))
}
