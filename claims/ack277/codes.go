package ack277

import (
	"cmp"
	"slices"
	"strconv"
)

// The code tables below are partial and abridged. They reflect the X12
// external code lists as published by Washington Publishing Company in
// their update of 1 November 2011 (the release current when 5010 became
// mandatory), extended with the later claim status codes up to 761 that
// clearinghouses commonly send:
//
//   - Claim Status Category Codes (external code list 507): every
//     category (A, D, E, F, P, R families) is listed.
//   - Claim Status Codes (external code list 508): about 120 of the
//     roughly 760 codes, those seen in 277CA rejections of professional
//     claims. Descriptions are shortened.
//   - Entity Identifier Codes (element 98): the entities STC01-3 names on
//     professional claims.
//
// X12 maintains these lists and revises them three times a year; a code
// missing here is still reported, with its value and no description.
const CodeListVersion = "WPC 2011-11-01, abridged, claim status codes to 761"

// Outcome is what an acknowledgment means for a claim or a line.
type Outcome string

// Outcomes.
const (
	// Accepted: taken into adjudication (A2, A5) or already finalized (F).
	Accepted Outcome = "accepted"
	// Rejected: returned to the submitter, to be corrected and sent again
	// (A3, A4, A6, A7, A8, E0, E3, E4, or action code U).
	Rejected Outcome = "rejected"
	// Pending: received or forwarded but not yet accepted (A0, A1), pended
	// (P), information requested (R), or a category this table does not
	// know: wait for the next acknowledgment.
	Pending Outcome = "pending"
)

// Category is a claim status category code (STC01-1): the family of the
// status.
type Category string

// The acknowledgment categories of the 277CA.
const (
	CategoryForwarded        Category = "A0"
	CategoryReceived         Category = "A1"
	CategoryAccepted         Category = "A2"
	CategoryUnprocessable    Category = "A3"
	CategoryNotFound         Category = "A4"
	CategorySplit            Category = "A5"
	CategoryMissingInfo      Category = "A6"
	CategoryInvalidInfo      Category = "A7"
	CategoryRelationalFields Category = "A8"
)

type categoryEntry struct {
	code    Category
	outcome Outcome
	text    string
}

// categories is sorted by code.
var categories = [...]categoryEntry{
	{"A0", Pending, "Acknowledgement/Forwarded: the claim/encounter has been forwarded to another entity"},
	{"A1", Pending, "Acknowledgement/Receipt: the claim/encounter has been received; this does not mean it has been accepted for adjudication"},
	{"A2", Accepted, "Acknowledgement/Acceptance into adjudication system: the claim/encounter has been accepted into the adjudication system"},
	{"A3", Rejected, "Acknowledgement/Returned as unprocessable claim: the claim/encounter has been rejected and has not been entered into the adjudication system"},
	{"A4", Rejected, "Acknowledgement/Not Found: the claim/encounter cannot be found in the adjudication system"},
	{"A5", Accepted, "Acknowledgement/Split Claim: the claim/encounter has been split upon acceptance into the adjudication system"},
	{"A6", Rejected, "Acknowledgement/Rejected for Missing Information: the claim/encounter is missing the information given in the status details"},
	{"A7", Rejected, "Acknowledgement/Rejected for Invalid Information: the claim/encounter has invalid information as given in the status details"},
	{"A8", Rejected, "Acknowledgement/Rejected for relational field in error"},
	{"D0", Pending, "Data Search Unsuccessful: the payer is unable to return status on the requested claim(s)"},
	{"E0", Rejected, "Response not possible: error on submitted request data"},
	{"E1", Pending, "Response not possible: system status"},
	{"E2", Pending, "Information holder is not responding; resubmit at a later time"},
	{"E3", Rejected, "Correction required: relational fields in error"},
	{"E4", Rejected, "Trading partner agreement specific requirement not met: data correction required"},
	{"F0", Accepted, "Finalized: the claim/encounter has completed the adjudication cycle and no more action will be taken"},
	{"F1", Accepted, "Finalized/Payment: the claim/line has been paid"},
	{"F2", Accepted, "Finalized/Denial: the claim/line has been denied"},
	{"F3", Accepted, "Finalized/Revised: adjudication information has been changed"},
	{"F3F", Accepted, "Finalized/Forwarded: processing is complete and the claim/encounter has been forwarded to a subsequent entity"},
	{"F3N", Accepted, "Finalized/Not Forwarded: processing is complete and the claim/encounter has not been forwarded to any subsequent entity"},
	{"F4", Accepted, "Finalized/Adjudication Complete: no payment forthcoming"},
	{"F5", Accepted, "Finalized/Cannot Process"},
	{"P0", Pending, "Pending: Adjudication/Details: the claim is pended"},
	{"P1", Pending, "Pending/In Process: the claim or encounter is in the adjudication system"},
	{"P2", Pending, "Pending/Payer Review: the claim/encounter is suspended pending review"},
	{"P3", Pending, "Pending/Provider Requested Information: waiting for information already requested from the provider"},
	{"P4", Pending, "Pending/Patient Requested Information: waiting for information already requested from the patient"},
	{"P5", Pending, "Pending/Payer Administrative/System hold"},
	{"R0", Pending, "Requests for additional information/General requests"},
	{"R1", Pending, "Requests for additional information/Entity requests"},
	{"R10", Pending, "Requests for additional information: support a filed grievance or appeal"},
	{"R11", Pending, "Requests for additional information: pre-payment review of claims"},
	{"R12", Pending, "Requests for additional information: clarification or justification of use for specified procedure code"},
	{"R13", Pending, "Requests for additional information: original documents submitted are not readable"},
	{"R14", Pending, "Requests for additional information: original documents received are not what was requested"},
	{"R15", Pending, "Requests for additional information: workers compensation coverage determination"},
	{"R16", Pending, "Requests for additional information: eligibility determination"},
	{"R3", Pending, "Requests for additional information/Claim/Line: information that could normally be submitted on a claim"},
	{"R4", Pending, "Requests for additional information/Documentation: additional supporting documentation"},
	{"R5", Pending, "Requests for additional information/More specific detail"},
	{"R6", Pending, "Requests for additional information: regulatory requirements"},
	{"R7", Pending, "Requests for additional information: confirm care is consistent with health plan policy coverage"},
	{"R8", Pending, "Requests for additional information: confirm care is consistent with health plan coverage exceptions"},
	{"R9", Pending, "Requests for additional information: determination of medical necessity"},
	{"RQ", Pending, "General questions (yes/no responses)"},
}

func lookupCategory(c Category) (categoryEntry, bool) {
	i, ok := slices.BinarySearchFunc(categories[:], c, func(e categoryEntry, c Category) int { return cmp.Compare(e.code, c) })
	if !ok {
		return categoryEntry{}, false
	}
	return categories[i], true
}

// Known reports whether c is in the category table.
func (c Category) Known() bool {
	_, ok := lookupCategory(c)
	return ok
}

// Description returns the category's meaning, or "" for an unknown code.
func (c Category) Description() string {
	e, _ := lookupCategory(c)
	return e.text
}

// Outcome returns what the category means for the claim: Accepted,
// Rejected or Pending (Pending for an unknown code).
func (c Category) Outcome() Outcome {
	if e, ok := lookupCategory(c); ok {
		return e.outcome
	}
	return Pending
}

type statusEntry struct {
	code uint16
	text string
}

// statusCodes is sorted by code. "Entity" means the party STC01-3 names.
var statusCodes = [...]statusEntry{
	{0, "Cannot provide further status electronically"},
	{1, "For more detailed information, see remittance advice"},
	{2, "More detailed information in letter"},
	{3, "Claim has been adjudicated and is awaiting payment cycle"},
	{6, "Balance due from the subscriber"},
	{12, "One or more originally submitted procedure codes have been combined"},
	{15, "One or more originally submitted procedure codes have been modified"},
	{16, "Claim/encounter has been forwarded to entity"},
	{17, "Claim/encounter has been forwarded by third party entity to entity"},
	{18, "Entity received claim/encounter, but returned invalid status"},
	{19, "Entity acknowledges receipt of claim/encounter"},
	{20, "Accepted for processing"},
	{21, "Missing or invalid information"},
	{23, "Returned to entity"},
	{24, "Entity not approved as an electronic submitter"},
	{25, "Entity not approved"},
	{26, "Entity not found"},
	{27, "Policy canceled"},
	{29, "Subscriber and policy number/contract number mismatched"},
	{30, "Subscriber and subscriber ID mismatched"},
	{31, "Subscriber and policyholder name mismatched"},
	{32, "Subscriber and policy number/contract number not found"},
	{33, "Subscriber and subscriber ID not found"},
	{34, "Subscriber and policyholder name not found"},
	{35, "Claim/encounter not found"},
	{41, "Special handling required at payer site"},
	{54, "Duplicate of a previously processed claim/line"},
	{78, "Duplicate of an existing claim/line, awaiting processing"},
	{85, "Entity not primary"},
	{88, "Entity not eligible for benefits for submitted dates of service"},
	{96, "No agreement with entity"},
	{97, "Patient eligibility not found with entity"},
	{106, "This amount is not entity's responsibility"},
	{109, "Entity not eligible"},
	{116, "Claim submitted to incorrect payer"},
	{121, "Service line number greater than maximum allowable for payer"},
	{122, "Missing/invalid data prevents payer from processing claim"},
	{123, "Additional information requested from entity"},
	{125, "Entity's name"},
	{126, "Entity's address"},
	{127, "Entity's communication number"},
	{128, "Entity's tax ID"},
	{135, "Entity's commercial provider ID"},
	{145, "Entity's specialty/taxonomy code"},
	{153, "Entity's ID number"},
	{155, "Entity's relationship to patient"},
	{156, "Patient relationship to subscriber"},
	{157, "Entity's gender"},
	{158, "Entity's date of birth"},
	{163, "Entity's policy number"},
	{164, "Entity's contract/member number"},
	{171, "Other insurance coverage information"},
	{178, "Submitted charges"},
	{187, "Date(s) of service"},
	{188, "Statement from-through dates"},
	{228, "Type of bill for UB claim"},
	{247, "Line information"},
	{249, "Place of service"},
	{250, "Type of service"},
	{252, "Entity's authorization/certification number"},
	{254, "Principal diagnosis code"},
	{255, "Diagnosis code"},
	{258, "Days/units for procedure/revenue code"},
	{263, "Length of time for services rendered"},
	{286, "Other payer's explanation of benefits/payment information"},
	{287, "Medical necessity for service"},
	{294, "Supporting documentation"},
	{400, "Claim is out of balance"},
	{401, "Source of payment is not valid"},
	{402, "Amount must be greater than zero"},
	{448, "Invalid billing combination; see STC12 for details"},
	{453, "Procedure code modifier(s) for service(s) rendered"},
	{454, "Procedure code for services rendered"},
	{455, "Revenue code for services rendered"},
	{464, "Payer assigned claim control number"},
	{465, "Principal procedure code for service(s) rendered"},
	{473, "Missing or invalid lab indicator"},
	{474, "Procedure code and patient gender mismatch"},
	{475, "Procedure code not valid for patient age"},
	{476, "Missing or invalid units of service"},
	{477, "Diagnosis code pointer is missing or invalid"},
	{478, "Claim submitter's identifier"},
	{479, "Other carrier payer ID is missing or invalid"},
	{480, "Entity's claim filing indicator"},
	{481, "Claim/submission format is invalid"},
	{484, "Business application currently not available"},
	{487, "Claim not found; claim should have been submitted to/through entity"},
	{488, "Diagnosis code(s) for the services rendered"},
	{496, "Submitter not approved for electronic claim submissions on behalf of this entity"},
	{500, "Entity's postal/ZIP code"},
	{501, "Entity's state/province"},
	{502, "Entity's city"},
	{503, "Entity's street address"},
	{504, "Entity's last name"},
	{505, "Entity's first name"},
	{506, "Entity is changing processor/clearinghouse; submit the claim to the new one"},
	{507, "HCPCS"},
	{510, "Future date"},
	{511, "Invalid character"},
	{512, "Length invalid for receiver's application system"},
	{514, "Entity's middle name"},
	{516, "Other entity's adjudication or payment/remittance date"},
	{535, "Claim frequency code"},
	{538, "Claim or encounter identifier"},
	{541, "Claim submission reason code"},
	{543, "Clearinghouse or value added network trace"},
	{555, "Delay reason code"},
	{560, "Entity's additional/secondary identifier"},
	{562, "Entity's National Provider Identifier (NPI)"},
	{583, "Line item charge amount"},
	{584, "Line item control number"},
	{588, "Medical record number"},
	{589, "Provider accept assignment code"},
	{672, "Other payer's payment information is out of balance"},
	{673, "Patient reason for visit"},
	{684, "Rejected: syntax error noted for this claim/service; see the 999 acknowledgment"},
	{697, "Invalid decimal precision"},
	{700, "ICD-10 code"},
	{718, "Claim/service not submitted within the required timeframe (timely filing)"},
	{732, "Information submitted inconsistent with billing guidelines"},
	{733, "Prefix for entity's contract/member number"},
	{741, "Entity must be a person"},
	{743, "Entity's credential/enrollment information"},
	{745, "Identifier qualifier"},
	{746, "Duplicate submission"},
	{748, "Corrected data"},
	{754, "Entity's name suffix"},
	{755, "Entity's primary identifier"},
}

// StatusDescription returns the meaning of a claim status code (STC01-2),
// or "" when the code is not in this package's partial table.
func StatusDescription(code string) string {
	n, err := strconv.ParseUint(code, 10, 16)
	if err != nil || len(code) > 4 {
		return ""
	}
	i, ok := slices.BinarySearchFunc(statusCodes[:], uint16(n), func(e statusEntry, c uint16) int { return cmp.Compare(e.code, c) })
	if !ok {
		return ""
	}
	return statusCodes[i].text
}

type entityEntry struct {
	code string
	text string
}

// entities is sorted by code.
var entities = [...]entityEntry{
	{"03", "Dependent"},
	{"1P", "Provider"},
	{"2B", "Third-party administrator"},
	{"36", "Employer"},
	{"40", "Receiver"},
	{"41", "Submitter"},
	{"71", "Attending physician"},
	{"72", "Operating physician"},
	{"73", "Other physician"},
	{"77", "Service location"},
	{"82", "Rendering provider"},
	{"85", "Billing provider"},
	{"87", "Pay-to provider"},
	{"AY", "Clearinghouse"},
	{"DK", "Ordering physician"},
	{"DN", "Referring provider"},
	{"DQ", "Supervising physician"},
	{"FA", "Facility"},
	{"GB", "Other insured"},
	{"HK", "Subscriber"},
	{"IL", "Insured or subscriber"},
	{"P3", "Primary care provider"},
	{"PR", "Payer"},
	{"PRP", "Primary payer"},
	{"QC", "Patient"},
	{"QD", "Responsible party"},
	{"SEP", "Secondary payer"},
	{"TTP", "Tertiary payer"},
	{"TU", "Third-party repricing organization"},
}

// EntityDescription returns the name of an entity identifier code
// (STC01-3, NM101), or "" when the code is not in the table.
func EntityDescription(code string) string {
	i, ok := slices.BinarySearchFunc(entities[:], code, func(e entityEntry, c string) int { return cmp.Compare(e.code, c) })
	if !ok {
		return ""
	}
	return entities[i].text
}
