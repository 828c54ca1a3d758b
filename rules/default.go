package rules

import (
	"strconv"

	"github.com/shopspring/decimal"
)

var one = decimal.NewFromInt(1)

func itoa(n int) string { return strconv.Itoa(n) }

// DefaultRuleSet returns the edits of a typical clearinghouse edit
// library that can be checked from the claims themselves, the telehealth
// edits and the RPM/RTM business edits, with the default payer profile
// and the 2026 RPM/RTM code catalogue. Edits that need outside data
// (eligibility, code tables by date, an established-patient history) are
// not in it.
func DefaultRuleSet() RuleSet {
	s, err := NewRuleSet(defaultRules()...)
	if err != nil {
		panic(err) // the list below is fixed: a failure is a programming error
	}
	return s
}

func defaultRules() []Rule {
	E, W := Error, Warning
	return []Rule{
		// Providers and identifiers.
		{ID: "NPI-MISSING", Severity: E, CARC: "206", Summary: "billing and rendering providers have an NPI", Check: eachClaim(checkNPIMissing)},
		{ID: "NPI-FORMAT", Severity: E, CARC: "207", Summary: "NPIs are 10 digits starting with 1 or 2", Check: eachClaim(checkNPIFormat)},
		{ID: "NPI-CHECK-DIGIT", Severity: E, CARC: "207", Summary: "NPIs pass the Luhn check digit with the 80840 prefix", Check: eachClaim(checkNPICheckDigit)},
		{ID: "BILLING-TIN", Severity: E, CARC: "16", Summary: "the billing provider has a 9-digit EIN or SSN", Check: eachClaim(checkBillingTIN)},
		{ID: "BILLING-ADDRESS-PO-BOX", Severity: E, CARC: "16", Summary: "the billing provider address is a street address, not a PO box, lock box or PMB", Check: eachClaim(checkPOBox)},
		{ID: "ADDRESS-REQUIRED", Severity: E, CARC: "16", Summary: "addresses the 837P requires have street, city, state and postal code", Check: eachClaim(checkAddressRequired)},
		{ID: "ZIP-PLUS-4", Severity: E, CARC: "16", Summary: "billing provider and service facility have a 9-digit ZIP+4", Check: eachClaim(checkZIP4)},
		{ID: "POSTAL-CODE", Severity: E, CARC: "16", Summary: "other US postal codes are 5 or 9 digits", Check: eachClaim(checkPostalCode)},
		{ID: "STATE-CODE", Severity: E, CARC: "16", Summary: "US addresses have a valid state code", Check: eachClaim(checkStateCode)},
		{ID: "RENDERING-PROVIDER", Severity: E, CARC: "16", RARC: "N290", Summary: "an organization billing provider names a person as rendering provider", Check: eachClaim(checkRenderingProvider)},
		// Patient and coverage.
		{ID: "MEMBER-ID", Severity: E, CARC: "16", Summary: "the subscriber has a member ID", Check: eachClaim(checkMemberID)},
		{ID: "NAME-REQUIRED", Severity: E, CARC: "16", Summary: "providers, subscriber and patient have names", Check: eachClaim(checkNames)},
		{ID: "BIRTH-DATE", Severity: E, CARC: "16", Summary: "the patient birth date is valid, not in the future, not after the date of service", Check: eachClaim(checkBirthDate)},
		{ID: "GENDER", Severity: E, CARC: "16", Summary: "genders are F, M or U", Check: eachClaim(checkGender)},
		{ID: "RELATIONSHIP", Severity: E, CARC: "16", Summary: "the relationship code is valid and self means the patient is the subscriber", Check: eachClaim(checkRelationship)},
		{ID: "PAYER-ID", Severity: E, CARC: "16", Summary: "the payer has an ID and a name", Check: eachClaim(checkPayer)},
		{ID: "CLAIM-FILING-INDICATOR", Severity: E, CARC: "16", Summary: "the claim filing indicator (SBR09) is set and valid", Check: eachClaim(checkFilingIndicator)},
		// Diagnoses and procedures.
		{ID: "DX-FORMAT", Severity: E, CARC: "146", Summary: "diagnoses have the ICD-10-CM form, without the dot", Check: eachClaim(checkDxFormat)},
		{ID: "DX-COUNT", Severity: E, CARC: "16", Summary: "1 to 12 diagnoses", Check: eachClaim(checkDxCount)},
		{ID: "DX-DUPLICATE", Severity: E, CARC: "16", Summary: "no diagnosis twice", Check: eachClaim(checkDxDuplicate)},
		{ID: "DX-POINTER", Severity: E, CARC: "16", Summary: "each line has 1 to 4 distinct pointers to the claim's diagnoses", Check: eachLine(checkDxPointers)},
		{ID: "PROCEDURE-CODE", Severity: E, CARC: "181", Summary: "procedure codes have the CPT or HCPCS form", Check: eachLine(checkProcedureCode)},
		{ID: "PROCEDURE-DATE", Severity: E, CARC: "181", Summary: "RPM and RTM codes are valid on the date of service", Check: eachLine(checkProcedureDate)},
		{ID: "MODIFIER-FORMAT", Severity: E, CARC: "4", Summary: "modifiers are two letters or digits, packed, none twice", Check: eachLine(checkModifierFormat)},
		// Telehealth.
		{ID: "TELEHEALTH-MODIFIER-CONFLICT", Severity: E, CARC: "4", Summary: "never 95 with 93; 95 only on video, 93 only on audio-only services", Check: eachLine(checkTelehealthConflict)},
		{ID: "TELEHEALTH-GT-GQ", Severity: E, CARC: "4", Summary: "no GT or GQ on professional claims", Check: eachLine(checkGTGQ)},
		{ID: "TELEHEALTH-POS-MODIFIER", Severity: E, CARC: "4", Summary: "telehealth POS lines carry 95 or 93 as the payer profile says", Check: eachLine(checkTelehealthModifier)},
		{ID: "TELEHEALTH-ASYNC", Severity: E, CARC: "4", Summary: "never 95 or 93 on asynchronous services", Check: eachLine(checkTelehealthAsync)},
		{ID: "TELEHEALTH-POS-CODE", Severity: E, CARC: "5", Summary: "telehealth POS only with codes on the payer's telehealth list", Check: eachLine(checkTelehealthCode)},
		// Amounts, units, dates, claim shape.
		{ID: "CLAIM-TOTAL", Severity: E, CARC: "16", Summary: "the total charge (CLM02, the sum of the lines) is more than 0 and fits 18 digits", Check: eachClaim(checkClaimTotal)},
		{ID: "LINE-CHARGE", Severity: E, CARC: "16", Summary: "line charges are 0 or more with at most 2 decimals", Check: eachLine(checkLineCharge)},
		{ID: "UNITS", Severity: E, CARC: "16", Summary: "units are more than 0; unit type UN or MJ", Check: eachLine(checkUnits)},
		{ID: "SERVICE-DATE", Severity: E, CARC: "16", Summary: "dates of service are present, ordered, not in the future, not before birth", Check: eachLine(checkServiceDate)},
		{ID: "TIMELY-FILING", Severity: E, CARC: "29", Summary: "filed within the payer's limit from the date of service", Check: eachLine(checkTimelyFiling)},
		{ID: "TIMELY-FILING-SOON", Severity: W, CARC: "29", Summary: "the filing limit is near", Check: eachLine(checkTimelyFilingSoon)},
		{ID: "LINE-COUNT", Severity: E, CARC: "16", Summary: "1 to 50 service lines", Check: eachClaim(checkLineCount)},
		{ID: "HL-CLAIM-COUNT", Severity: W, Summary: "at most 100 claims per subscriber loop", Check: checkHLClaims},
		{ID: "FREQUENCY", Severity: E, CARC: "16", Summary: "frequency 7 or 8 has the original's payer claim control number; 1 has none", Check: eachClaim(checkFrequency)},
		{ID: "POS-VALID", Severity: E, CARC: "5", RARC: "M77", Summary: "places of service are CMS codes", Check: eachClaim(checkPOS)},
		// RPM and RTM.
		{ID: "RPM-DEVICE-PERIOD", Severity: E, CARC: "119", RARC: "M86", Summary: "one device supply code per patient per 30 days", Check: checkRPMDevicePeriod},
		{ID: "RPM-MANAGEMENT-MONTH", Severity: E, CARC: "97", Summary: "one first-20 or 10-minute management code per patient per program per month", Check: checkRPMManagementMonth},
		{ID: "RPM-ADDON-PARENT", Severity: E, CARC: "B15", Summary: "99458 and 98981 come with 99457 and 98980 in the same month", Check: checkRPMAddOn},
		{ID: "RPM-INTERPRETATION", Severity: E, CARC: "97", Summary: "99091 once per 30 days and not with 99457, 99458 or 99470", Check: checkRPMInterpretation},
		{ID: "RPM-SETUP-ONCE", Severity: W, CARC: "151", Summary: "set-up (99453, 98975) once per episode", Check: checkRPMSetup},
		{ID: "RPM-RTM-SAME-PERIOD", Severity: E, CARC: "97", Summary: "never RPM and RTM for one patient in one period", Check: checkRPMAndRTM},
		{ID: "RPM-ONE-PRACTITIONER", Severity: E, CARC: "97", Summary: "one practitioner bills RPM/RTM for a patient per period", Check: checkRPMPractitioner},
		{ID: "RPM-UNITS", Severity: E, CARC: "151", RARC: "N362", Summary: "1 unit of each RPM/RTM code, whole blocks of the add-ons", Check: eachLine(checkRPMUnits)},
		{ID: "RPM-TELEHEALTH-MODIFIER", Severity: E, CARC: "4", Summary: "no 95 or 93 on RPM and RTM codes", Check: eachLine(checkRPMTelehealthModifier)},
		{ID: "RPM-TELEHEALTH-POS", Severity: E, CARC: "5", Summary: "RPM and RTM are not billed at a telehealth POS", Check: eachLine(checkRPMTelehealthPOS)},
		{ID: "RPM-PLACE-OF-SERVICE", Severity: W, CARC: "5", Summary: "RPM and RTM at the place of service the payer wants", Check: eachLine(checkRPMPlaceOfService)},
		{ID: "RPM-DIAGNOSIS", Severity: E, CARC: "11", Summary: "RPM lines point at a diagnosis the payer covers RPM for", Check: eachLine(checkRPMDiagnosis)},
		{ID: "RTM-THERAPY-MODIFIER", Severity: W, CARC: "4", Summary: "RTM by therapists carries GP, GO or GN (and CQ or CO for assistants)", Check: eachLine(checkRTMTherapyModifier)},
		{ID: "RPM-PC-TC", Severity: W, CARC: "4", Summary: "no 26 or TC on RPM and RTM codes", Check: eachLine(checkRPMProfessionalComponent)},
	}
}
