package ack

import "strconv"

// Status is an acknowledgment code: IK501 for a transaction set, AK901
// for a functional group and TA104 for an interchange (A, E and R only).
type Status string

// Acknowledgment codes (X12 element 717; TA104 uses A, E and R).
const (
	Accepted           Status = "A"
	AcceptedWithErrors Status = "E"
	Rejected           Status = "R"
	RejectedMAC        Status = "M"
	PartiallyAccepted  Status = "P" // AK901 only
	RejectedAssurance  Status = "W"
	RejectedContent    Status = "X"
)

var statusText = codeList{
	"A": "accepted",
	"E": "accepted, but errors were noted",
	"R": "rejected",
	"M": "rejected, message authentication code (MAC) failed",
	"P": "partially accepted, at least one transaction set was rejected",
	"W": "rejected, assurance failed validity tests",
	"X": "rejected, content after decryption could not be analyzed",
}

// Description returns the meaning of s.
func (s Status) Description() string { return statusText.describe(string(s)) }

// Known reports whether s is a code of the list.
func (s Status) Known() bool { return statusText.has(string(s)) }

// Verdict is the outcome of an acknowledgment code: accepted (A, E),
// rejected (R, M, W, X), partially accepted (P) or unknown.
type Verdict string

// Verdicts.
const (
	VerdictAccepted Verdict = "accepted"
	VerdictRejected Verdict = "rejected"
	VerdictPartial  Verdict = "partially_accepted"
	VerdictUnknown  Verdict = "unknown"
)

// Verdict returns what s means for the sender.
func (s Status) Verdict() Verdict {
	switch s {
	case Accepted, AcceptedWithErrors:
		return VerdictAccepted
	case Rejected, RejectedMAC, RejectedAssurance, RejectedContent:
		return VerdictRejected
	case PartiallyAccepted:
		return VerdictPartial
	}
	return VerdictUnknown
}

// SegmentErrorCode is IK304, the implementation segment syntax error code.
type SegmentErrorCode string

// IK304 codes (X12 element 620).
const (
	SegmentUnrecognized          SegmentErrorCode = "1"
	SegmentUnexpected            SegmentErrorCode = "2"
	SegmentRequiredMissing       SegmentErrorCode = "3"
	SegmentLoopOverMaximum       SegmentErrorCode = "4"
	SegmentOverMaximumUse        SegmentErrorCode = "5"
	SegmentNotInSet              SegmentErrorCode = "6"
	SegmentOutOfSequence         SegmentErrorCode = "7"
	SegmentHasElementErrors      SegmentErrorCode = "8"
	SegmentNotUsedPresent        SegmentErrorCode = "I4"
	SegmentDependentMissing      SegmentErrorCode = "I6"
	SegmentLoopUnderMinimum      SegmentErrorCode = "I7"
	SegmentUnderMinimumUse       SegmentErrorCode = "I8"
	SegmentDependentNotUsedFound SegmentErrorCode = "I9"
)

var segmentErrorText = codeList{
	"1":  "unrecognized segment ID",
	"2":  "unexpected segment",
	"3":  "required segment missing",
	"4":  "loop occurs over maximum times",
	"5":  "segment exceeds maximum use",
	"6":  "segment not in defined transaction set",
	"7":  "segment not in proper sequence",
	"8":  "segment has data element errors",
	"I4": "implementation \"not used\" segment present",
	"I6": "implementation dependent segment missing",
	"I7": "implementation loop occurs under minimum times",
	"I8": "implementation segment below minimum use",
	"I9": "implementation dependent \"not used\" segment present",
}

// Description returns the meaning of c.
func (c SegmentErrorCode) Description() string { return segmentErrorText.describe(string(c)) }

// Known reports whether c is a code of the list.
func (c SegmentErrorCode) Known() bool { return segmentErrorText.has(string(c)) }

// ElementErrorCode is IK403, the implementation data element syntax error code.
type ElementErrorCode string

// IK403 codes (X12 element 621).
const (
	ElementRequiredMissing       ElementErrorCode = "1"
	ElementConditionalMissing    ElementErrorCode = "2"
	ElementTooMany               ElementErrorCode = "3"
	ElementTooShort              ElementErrorCode = "4"
	ElementTooLong               ElementErrorCode = "5"
	ElementInvalidCharacter      ElementErrorCode = "6"
	ElementInvalidCode           ElementErrorCode = "7"
	ElementInvalidDate           ElementErrorCode = "8"
	ElementInvalidTime           ElementErrorCode = "9"
	ElementExclusionViolated     ElementErrorCode = "10"
	ElementTooManyRepetitions    ElementErrorCode = "12"
	ElementTooManyComponents     ElementErrorCode = "13"
	ElementCodeNotUsed           ElementErrorCode = "I6"
	ElementDependentMissing      ElementErrorCode = "I9"
	ElementNotUsedPresent        ElementErrorCode = "I10"
	ElementTooFewRepetitions     ElementErrorCode = "I11"
	ElementPatternMismatch       ElementErrorCode = "I12"
	ElementDependentNotUsedFound ElementErrorCode = "I13"
)

var elementErrorText = codeList{
	"1":   "required data element missing",
	"2":   "conditional required data element missing",
	"3":   "too many data elements",
	"4":   "data element too short",
	"5":   "data element too long",
	"6":   "invalid character in data element",
	"7":   "invalid code value",
	"8":   "invalid date",
	"9":   "invalid time",
	"10":  "exclusion condition violated",
	"12":  "too many repetitions",
	"13":  "too many components",
	"I6":  "code value not used in implementation",
	"I9":  "implementation dependent data element missing",
	"I10": "implementation \"not used\" data element present",
	"I11": "implementation too few repetitions",
	"I12": "implementation pattern match failure",
	"I13": "implementation dependent \"not used\" data element present",
}

// Description returns the meaning of c.
func (c ElementErrorCode) Description() string { return elementErrorText.describe(string(c)) }

// Known reports whether c is a code of the list.
func (c ElementErrorCode) Known() bool { return elementErrorText.has(string(c)) }

// SetErrorCode is IK502-IK506, the transaction set syntax error code.
type SetErrorCode string

// IK502-IK506 codes (X12 element 618). Codes 8 to 17 and 24 to 27 are
// about security segments and encryption; they have descriptions but no
// constants.
const (
	SetNotSupported           SetErrorCode = "1"
	SetTrailerMissing         SetErrorCode = "2"
	SetControlNumberMismatch  SetErrorCode = "3"
	SetSegmentCountWrong      SetErrorCode = "4"
	SetSegmentsInError        SetErrorCode = "5"
	SetBadIdentifier          SetErrorCode = "6"
	SetBadControlNumber       SetErrorCode = "7"
	SetNotInGroup             SetErrorCode = "18"
	SetBadConventionReference SetErrorCode = "19"
	SetControlNumberNotUnique SetErrorCode = "23"
	SetImplementationErrors   SetErrorCode = "I5"
	SetConventionNotSupported SetErrorCode = "I6"
)

var setErrorText = codeList{
	"1":  "transaction set not supported",
	"2":  "transaction set trailer missing",
	"3":  "transaction set control number in header and trailer do not match",
	"4":  "number of included segments does not match actual count",
	"5":  "one or more segments in error",
	"6":  "missing or invalid transaction set identifier",
	"7":  "missing or invalid transaction set control number",
	"8":  "authentication key name unknown",
	"9":  "encryption key name unknown",
	"10": "requested service (authentication or encryption) not available",
	"11": "unknown security recipient",
	"12": "incorrect message length (encryption only)",
	"13": "message authentication code failed",
	"15": "unknown security originator",
	"16": "syntax error in decrypted text",
	"17": "security not supported",
	"18": "transaction set not in functional group",
	"19": "invalid transaction set implementation convention reference",
	"23": "transaction set control number not unique within the functional group",
	"24": "S3E security end segment missing for S3S security start segment",
	"25": "S3S security start segment missing for S3E security end segment",
	"26": "S4E security end segment missing for S4S security start segment",
	"27": "S4S security start segment missing for S4E security end segment",
	"I5": "implementation one or more segments in error",
	"I6": "implementation convention not supported",
}

// Description returns the meaning of c.
func (c SetErrorCode) Description() string { return setErrorText.describe(string(c)) }

// Known reports whether c is a code of the list.
func (c SetErrorCode) Known() bool { return setErrorText.has(string(c)) }

// GroupErrorCode is AK905-AK909, the functional group syntax error code.
type GroupErrorCode string

// AK905-AK909 codes (X12 element 716). Codes 10 to 18 and 23 to 26 are
// about security segments and encryption; they have descriptions but no
// constants.
const (
	GroupNotSupported           GroupErrorCode = "1"
	GroupVersionNotSupported    GroupErrorCode = "2"
	GroupTrailerMissing         GroupErrorCode = "3"
	GroupControlNumberMismatch  GroupErrorCode = "4"
	GroupSetCountWrong          GroupErrorCode = "5"
	GroupBadControlNumber       GroupErrorCode = "6"
	GroupControlNumberNotUnique GroupErrorCode = "19"
)

var groupErrorText = codeList{
	"1":  "functional group not supported",
	"2":  "functional group version not supported",
	"3":  "functional group trailer missing",
	"4":  "group control number in the functional group header and trailer do not agree",
	"5":  "number of included transaction sets does not match actual count",
	"6":  "group control number violates syntax",
	"10": "authentication key name unknown",
	"11": "encryption key name unknown",
	"12": "requested service (authentication or encryption) not available",
	"13": "unknown security recipient",
	"14": "unknown security originator",
	"15": "syntax error in decrypted text",
	"16": "security not supported",
	"17": "incorrect message length (encryption only)",
	"18": "message authentication code failed",
	"19": "functional group control number not unique within interchange",
	"23": "S3E security end segment missing for S3S security start segment",
	"24": "S3S security start segment missing for S3E end segment",
	"25": "S4E security end segment missing for S4S security start segment",
	"26": "S4S security start segment missing for S4E security end segment",
}

// Description returns the meaning of c.
func (c GroupErrorCode) Description() string { return groupErrorText.describe(string(c)) }

// Known reports whether c is a code of the list.
func (c GroupErrorCode) Known() bool { return groupErrorText.has(string(c)) }

// NoteCode is TA105, the interchange note code.
type NoteCode string

// TA105 codes (X12 element I18). Codes 028 to 031 concern deferred
// delivery; they have descriptions but no constants.
const (
	NoteNoError                NoteCode = "000"
	NoteControlNumberMismatch  NoteCode = "001"
	NoteStandardNotSupported   NoteCode = "002"
	NoteVersionNotSupported    NoteCode = "003"
	NoteBadSegmentTerminator   NoteCode = "004"
	NoteBadSenderQualifier     NoteCode = "005"
	NoteBadSenderID            NoteCode = "006"
	NoteBadReceiverQualifier   NoteCode = "007"
	NoteBadReceiverID          NoteCode = "008"
	NoteUnknownReceiverID      NoteCode = "009"
	NoteBadAuthQualifier       NoteCode = "010"
	NoteBadAuthValue           NoteCode = "011"
	NoteBadSecurityQualifier   NoteCode = "012"
	NoteBadSecurityValue       NoteCode = "013"
	NoteBadDate                NoteCode = "014"
	NoteBadTime                NoteCode = "015"
	NoteBadStandardsID         NoteCode = "016"
	NoteBadVersionID           NoteCode = "017"
	NoteBadControlNumber       NoteCode = "018"
	NoteBadAckRequested        NoteCode = "019"
	NoteBadTestIndicator       NoteCode = "020"
	NoteBadGroupCount          NoteCode = "021"
	NoteBadControlStructure    NoteCode = "022"
	NotePrematureEnd           NoteCode = "023"
	NoteBadContent             NoteCode = "024"
	NoteDuplicateControlNumber NoteCode = "025"
	NoteBadElementSeparator    NoteCode = "026"
	NoteBadComponentSeparator  NoteCode = "027"
)

var noteText = codeList{
	"000": "no error",
	"001": "the interchange control number in the header and trailer do not match; the value from the header is used in the acknowledgment",
	"002": "this standard as noted in the control standards identifier is not supported",
	"003": "this version of the controls is not supported",
	"004": "the segment terminator is invalid",
	"005": "invalid interchange ID qualifier for sender",
	"006": "invalid interchange sender ID",
	"007": "invalid interchange ID qualifier for receiver",
	"008": "invalid interchange receiver ID",
	"009": "unknown interchange receiver ID",
	"010": "invalid authorization information qualifier value",
	"011": "invalid authorization information value",
	"012": "invalid security information qualifier value",
	"013": "invalid security information value",
	"014": "invalid interchange date value",
	"015": "invalid interchange time value",
	"016": "invalid interchange standards identifier value",
	"017": "invalid interchange version ID value",
	"018": "invalid interchange control number value",
	"019": "invalid acknowledgment requested value",
	"020": "invalid test indicator value",
	"021": "invalid number of included groups value",
	"022": "invalid control structure",
	"023": "improper (premature) end-of-file (transmission)",
	"024": "invalid interchange content (for example an invalid GS segment)",
	"025": "duplicate interchange control number",
	"026": "invalid data element separator",
	"027": "invalid component element separator",
	"028": "invalid delivery date in deferred delivery request",
	"029": "invalid delivery time in deferred delivery request",
	"030": "invalid delivery time code in deferred delivery request",
	"031": "invalid grade of service code",
}

// Description returns the meaning of c.
func (c NoteCode) Description() string { return noteText.describe(string(c)) }

// Known reports whether c is a code of the list.
func (c NoteCode) Known() bool { return noteText.has(string(c)) }

// codeList maps a code to its meaning. The lists are package-level
// tables that are only read.
type codeList map[string]string

func (l codeList) has(c string) bool {
	_, ok := l[c]
	return ok
}

func (l codeList) describe(c string) string {
	if d, ok := l[c]; ok {
		return d
	}
	if c == "" {
		return "no code"
	}
	return "unknown code " + strconv.Quote(c)
}
