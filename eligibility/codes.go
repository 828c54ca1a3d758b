package eligibility

// BenefitCode is EB01, the kind of eligibility or benefit information an
// EB segment carries (code list 1390).
type BenefitCode string

// The EB01 codes the coverage answer reads. Every other code is decoded
// too; Meaning knows them all.
const (
	ActiveCoverage               BenefitCode = "1"
	ActiveFullRiskCapitation     BenefitCode = "2"
	ActiveServicesCapitated      BenefitCode = "3"
	ActiveCapitatedToPCP         BenefitCode = "4"
	ActivePendingInvestigation   BenefitCode = "5"
	InactiveCoverage             BenefitCode = "6"
	InactivePendingUpdate        BenefitCode = "7"
	InactivePendingInvestigation BenefitCode = "8"
	CoInsurance                  BenefitCode = "A"
	CoPayment                    BenefitCode = "B"
	Deductible                   BenefitCode = "C"
	OutOfPocket                  BenefitCode = "G"
	NonCovered                   BenefitCode = "I"
)

var benefitMeanings = map[BenefitCode]string{
	"1": "Active Coverage", "2": "Active - Full Risk Capitation", "3": "Active - Services Capitated",
	"4": "Active - Services Capitated to Primary Care Physician", "5": "Active - Pending Investigation",
	"6": "Inactive", "7": "Inactive - Pending Eligibility Update", "8": "Inactive - Pending Investigation",
	"A": "Co-Insurance", "B": "Co-Payment", "C": "Deductible", "CB": "Coverage Basis",
	"D": "Benefit Description", "E": "Exclusions", "F": "Limitations", "G": "Out of Pocket (Stop Loss)",
	"H": "Unlimited", "I": "Non-Covered", "J": "Cost Containment", "K": "Reserve",
	"L": "Primary Care Provider", "M": "Pre-existing Condition", "MC": "Managed Care Coordinator",
	"N": "Services Restricted to Following Provider", "O": "Not Deemed a Medical Necessity",
	"P": "Benefit Disclaimer", "Q": "Second Surgical Opinion Required", "R": "Other or Additional Payor",
	"S": "Prior Year(s) History", "T": "Card(s) Reported Lost/Stolen",
	"U": "Contact Following Entity for Eligibility or Benefit Information", "V": "Cannot Process",
	"W": "Other Source of Data", "X": "Health Care Facility", "Y": "Spend Down",
}

// Meaning returns the code's name, or "" for a code outside the list.
func (c BenefitCode) Meaning() string { return benefitMeanings[c] }

// IsActive reports whether c says coverage is active (EB01 1-5).
func (c BenefitCode) IsActive() bool { return c >= "1" && c <= "5" && len(c) == 1 }

// IsInactive reports whether c says coverage is inactive (EB01 6-8).
func (c BenefitCode) IsInactive() bool { return c >= "6" && c <= "8" && len(c) == 1 }

// ServiceType is a service type code (EQ01, EB03; code list 1365).
type ServiceType string

// Service types that matter for telehealth, RPM and RTM practices.
// 005010X279 has no telehealth service type: ask for 30 (and 98, DM, PT
// or AE for remote therapeutic monitoring) and read III and MSG.
const (
	HealthBenefitPlanCoverage ServiceType = "30"
	MedicalCare               ServiceType = "1"
	Consultation              ServiceType = "3"
	ProfessionalVisitOffice   ServiceType = "98"
	Professional              ServiceType = "96"
	DurableMedicalEquipment   ServiceType = "DM"
	HomeHealthCare            ServiceType = "42"
	PhysicalMedicine          ServiceType = "AE"
	PhysicalTherapy           ServiceType = "PT"
	OccupationalTherapy       ServiceType = "AD"
	MentalHealth              ServiceType = "MH"
	Psychotherapy             ServiceType = "A6"
	UrgentCare                ServiceType = "UC"
)

var serviceTypeMeanings = map[ServiceType]string{
	"1": "Medical Care", "2": "Surgical", "3": "Consultation", "4": "Diagnostic X-Ray", "5": "Diagnostic Lab",
	"6": "Radiation Therapy", "7": "Anesthesia", "8": "Surgical Assistance", "9": "Other Medical",
	"10": "Blood Charges", "11": "Used Durable Medical Equipment", "12": "Durable Medical Equipment Purchase",
	"13": "Ambulatory Service Center Facility", "14": "Renal Supplies in the Home",
	"15": "Alternate Method Dialysis", "16": "Chronic Renal Disease (CRD) Equipment",
	"17": "Pre-Admission Testing", "18": "Durable Medical Equipment Rental", "19": "Pneumonia Vaccine",
	"20": "Second Surgical Opinion", "21": "Third Surgical Opinion", "22": "Social Work",
	"23": "Diagnostic Dental", "24": "Periodontics", "25": "Restorative", "26": "Endodontics",
	"27": "Maxillofacial Prosthetics", "28": "Adjunctive Dental Services",
	"30": "Health Benefit Plan Coverage", "32": "Plan Waiting Period", "33": "Chiropractic",
	"34": "Chiropractic Office Visits", "35": "Dental Care", "36": "Dental Crowns", "37": "Dental Accident",
	"38": "Orthodontics", "39": "Prosthodontics", "40": "Oral Surgery", "41": "Routine (Preventive) Dental",
	"42": "Home Health Care", "43": "Home Health Prescriptions", "44": "Home Health Visits", "45": "Hospice",
	"46": "Respite Care", "47": "Hospital", "48": "Hospital - Inpatient", "49": "Hospital - Room and Board",
	"50": "Hospital - Outpatient", "51": "Hospital - Emergency Accident", "52": "Hospital - Emergency Medical",
	"53": "Hospital - Ambulatory Surgical", "54": "Long Term Care", "55": "Major Medical",
	"56": "Medically Related Transportation", "57": "Air Transportation", "58": "Cabulance",
	"59": "Licensed Ambulance", "60": "General Benefits", "61": "In-vitro Fertilization",
	"62": "MRI/CAT Scan", "63": "Donor Procedures", "64": "Acupuncture", "65": "Newborn Care",
	"66": "Pathology", "67": "Smoking Cessation", "68": "Well Baby Care", "69": "Maternity",
	"70": "Transplants", "71": "Audiology Exam", "72": "Inhalation Therapy", "73": "Diagnostic Medical",
	"74": "Private Duty Nursing", "75": "Prosthetic Device", "76": "Dialysis", "77": "Otological Exam",
	"78": "Chemotherapy", "79": "Allergy Testing", "80": "Immunizations", "81": "Routine Physical",
	"82": "Family Planning", "83": "Infertility", "84": "Abortion", "85": "AIDS", "86": "Emergency Services",
	"87": "Cancer", "88": "Pharmacy", "89": "Free Standing Prescription Drug",
	"90": "Mail Order Prescription Drug", "91": "Brand Name Prescription Drug",
	"92": "Generic Prescription Drug", "93": "Podiatry", "94": "Podiatry - Office Visits",
	"95": "Podiatry - Nursing Home Visits", "96": "Professional (Physician)", "97": "Anesthesiologist",
	"98": "Professional (Physician) Visit - Office", "99": "Professional (Physician) Visit - Inpatient",
	"A0": "Professional (Physician) Visit - Outpatient", "A1": "Professional (Physician) Visit - Nursing Home",
	"A2": "Professional (Physician) Visit - Skilled Nursing Facility", "A3": "Professional (Physician) Visit - Home",
	"A4": "Psychiatric", "A5": "Psychiatric - Room and Board", "A6": "Psychotherapy",
	"A7": "Psychiatric - Inpatient", "A8": "Psychiatric - Outpatient", "A9": "Rehabilitation",
	"AA": "Rehabilitation - Room and Board", "AB": "Rehabilitation - Inpatient", "AC": "Rehabilitation - Outpatient",
	"AD": "Occupational Therapy", "AE": "Physical Medicine", "AF": "Speech Therapy", "AG": "Skilled Nursing Care",
	"AH": "Skilled Nursing Care - Room and Board", "AI": "Substance Abuse", "AJ": "Alcoholism",
	"AK": "Drug Addiction", "AL": "Vision (Optometry)", "AM": "Frames", "AN": "Routine Exam", "AO": "Lenses",
	"AQ": "Nonmedically Necessary Physical", "AR": "Experimental Drug Therapy", "B1": "Burn Care",
	"B2": "Brand Name Prescription Drug - Formulary", "B3": "Brand Name Prescription Drug - Non-Formulary",
	"BA": "Independent Medical Evaluation", "BB": "Partial Hospitalization (Psychiatric)",
	"BC": "Day Care (Psychiatric)", "BD": "Cognitive Therapy", "BE": "Massage Therapy",
	"BF": "Pulmonary Rehabilitation", "BG": "Cardiac Rehabilitation", "BH": "Pediatric", "BI": "Nursery",
	"BJ": "Skin", "BK": "Orthopedic", "BL": "Cardiac", "BM": "Lymphatic", "BN": "Gastrointestinal",
	"BP": "Endocrine", "BQ": "Neurology", "BR": "Eye", "BS": "Invasive Procedures", "BT": "Gynecological",
	"BU": "Obstetrical", "BV": "Obstetrical/Gynecological", "BW": "Mail Order Prescription Drug: Brand Name",
	"BX": "Mail Order Prescription Drug: Generic", "BY": "Physician Visit - Office: Sick",
	"BZ": "Physician Visit - Office: Well", "C1": "Coronary Care", "CA": "Private Duty Nursing - Inpatient",
	"CB": "Private Duty Nursing - Home", "CC": "Surgical Benefits - Professional (Physician)",
	"CD": "Surgical Benefits - Facility", "CE": "Mental Health Provider - Inpatient",
	"CF": "Mental Health Provider - Outpatient", "CG": "Mental Health Facility - Inpatient",
	"CH": "Mental Health Facility - Outpatient", "CI": "Substance Abuse Facility - Inpatient",
	"CJ": "Substance Abuse Facility - Outpatient", "CK": "Screening X-ray", "CL": "Screening laboratory",
	"CM": "Mammogram, High Risk Patient", "CN": "Mammogram, Low Risk Patient", "CO": "Flu Vaccination",
	"CP": "Eyewear and Eyewear Accessories", "CQ": "Case Management", "DG": "Dermatology",
	"DM": "Durable Medical Equipment", "DS": "Diabetic Supplies", "GF": "Generic Prescription Drug - Formulary",
	"GN": "Generic Prescription Drug - Non-Formulary", "GY": "Allergy", "IC": "Intensive Care",
	"MH": "Mental Health", "NI": "Neonatal Intensive Care", "ON": "Oncology", "PT": "Physical Therapy",
	"PU": "Pulmonary", "RN": "Renal", "RT": "Residential Psychiatric Treatment", "TC": "Transitional Care",
	"TN": "Transitional Nursery Care", "UC": "Urgent Care",
}

// Meaning returns the code's name, or "" for a code outside the list.
func (s ServiceType) Meaning() string { return serviceTypeMeanings[s] }

// Valid reports whether s is in code list 1365 as this package knows it.
func (s ServiceType) Valid() bool { _, ok := serviceTypeMeanings[s]; return ok }

// RejectReason is AAA03, why the payer could not answer (code list 901).
type RejectReason string

var rejectMeanings = map[RejectReason]string{
	"04": "Authorized Quantity Exceeded", "15": "Required Application Data Missing", "33": "Input Errors",
	"35": "Out of Network", "41": "Authorization/Access Restrictions", "42": "Unable to Respond at Current Time",
	"43": "Invalid/Missing Provider Identification", "44": "Invalid/Missing Provider Name",
	"45": "Invalid/Missing Provider Specialty", "46": "Invalid/Missing Provider Phone Number",
	"47": "Invalid/Missing Provider State", "48": "Invalid/Missing Referring Provider Identification Number",
	"49": "Provider is Not Primary Care Physician", "50": "Provider Ineligible for Inquiries",
	"51": "Provider Not on File", "52": "Service Dates Not Within Provider Plan Enrollment",
	"53": "Inquired Benefit Inconsistent with Provider Type", "54": "Inappropriate Product/Service ID Qualifier",
	"55": "Inappropriate Product/Service ID", "56": "Inappropriate Date", "57": "Invalid/Missing Date(s) of Service",
	"58": "Invalid/Missing Date-of-Birth", "60": "Date of Birth Follows Date(s) of Service",
	"61": "Date of Death Precedes Date(s) of Service", "62": "Date of Service Not Within Allowable Inquiry Period",
	"63": "Date of Service in Future", "64": "Invalid/Missing Patient ID", "65": "Invalid/Missing Patient Name",
	"66": "Invalid/Missing Patient Gender Code", "67": "Patient Not Found", "68": "Duplicate Patient ID Number",
	"69": "Inconsistent with Patient's Age", "70": "Inconsistent with Patient's Gender",
	"71": "Patient Birth Date Does Not Match That for the Patient on the Database",
	"72": "Invalid/Missing Subscriber/Insured ID", "73": "Invalid/Missing Subscriber/Insured Name",
	"74": "Invalid/Missing Subscriber/Insured Gender Code", "75": "Subscriber/Insured Not Found",
	"76": "Duplicate Subscriber/Insured ID Number", "77": "Subscriber Found, Patient Not Found",
	"78": "Subscriber/Insured Not in Group/Plan Identified", "79": "Invalid Participant Identification",
	"80": "No Response received - Transaction Terminated", "97": "Invalid or Missing Provider Address",
	"98": "Experimental Service or Procedure", "AA": "Authorization Number Not Found",
	"AE": "Requires Primary Care Physician Authorization", "AF": "Invalid/Missing Diagnosis Code(s)",
	"AG": "Invalid/Missing Procedure Code(s)", "AO": "Additional Patient Condition Information Required",
	"CI": "Certification Information Does Not Match Patient", "E8": "Requires Medical Review",
	"IA": "Invalid Authorization Number Format", "MA": "Missing Authorization",
	"T4": "Payer Name or Identifier Missing",
}

// Meaning returns the reason's text, or "" for a code outside the list.
func (r RejectReason) Meaning() string { return rejectMeanings[r] }

// Retryable reports whether the same inquiry may succeed later without
// changes (42 unable to respond now, 80 no response received).
func (r RejectReason) Retryable() bool { return r == "42" || r == "80" }

// FollowUp is AAA04, what the submitter should do next (code list 889).
type FollowUp string

var followUpMeanings = map[FollowUp]string{
	"C": "Please Correct and Resubmit", "N": "Resubmission Not Allowed",
	"P": "Please Resubmit Original Transaction", "R": "Resubmission Allowed",
	"S": "Do Not Resubmit; Inquiry Initiated to a Third Party", "W": "Please Wait 30 Days and Resubmit",
	"X": "Please Wait 10 Days and Resubmit", "Y": "Do Not Resubmit; We Will Hold Your Request and Respond Again Shortly",
}

// Meaning returns the follow-up action's text, or "" for a code outside the list.
func (f FollowUp) Meaning() string { return followUpMeanings[f] }
