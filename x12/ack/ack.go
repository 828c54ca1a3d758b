package ack

import "github.com/claimkit/claimkit/x12"

// Message is one acknowledgment read from an input: an *Acknowledgment
// (one 999 transaction set) or a *TA1 (one interchange acknowledgment).
type Message interface {
	// Position returns where the message starts in its input.
	Position() x12.Position
	isMessage()
}

// Acknowledgment is one 999 Implementation Acknowledgment transaction
// set (ST..SE). A 999 answers one functional group of the original
// file: AK1 names it, one AK2 loop per transaction set says what
// happened to the set, and AK9 gives the group's verdict and counts.
type Acknowledgment struct {
	// ControlNumber is ST02 of the 999 itself.
	ControlNumber string
	// Version is ST03 (or GS08 when ST03 is absent), e.g. "005010X231A1".
	Version string
	// InterchangeControlNumber and GroupControlNumber are ISA13 and GS06
	// of the envelope that carried the 999 (not of the original file).
	InterchangeControlNumber string
	GroupControlNumber       string
	// Group is the AK1..AK9 response to the original functional group.
	Group GroupResponse
	// Pos is the position of the ST segment.
	Pos x12.Position
}

// Position returns the position of the ST segment.
func (a *Acknowledgment) Position() x12.Position { return a.Pos }
func (a *Acknowledgment) isMessage()             {}

// GroupResponse is the AK1 .. AK9 part of a 999: the response to one
// functional group of the original file.
type GroupResponse struct {
	// FunctionalID is AK101: GS01 of the original group ("HC" for 837).
	FunctionalID string
	// ControlNumber is AK102: GS06 of the original group.
	ControlNumber string
	// Version is AK103: GS08 of the original group ("005010X222A1").
	Version string
	// Sets are the AK2 loops, one per transaction set acknowledged.
	Sets []SetResponse
	// Status is AK901.
	Status Status
	// Included, Received and Accepted are AK902 (the original GE01),
	// AK903 (transaction sets received) and AK904 (sets accepted).
	Included, Received, Accepted int
	// Errors are AK905-AK909.
	Errors []GroupErrorCode
	// Pos is the position of AK1; StatusPos the position of AK9.
	Pos, StatusPos x12.Position
}

// Verdict returns the group's verdict from AK901.
func (g *GroupResponse) Verdict() Verdict { return g.Status.Verdict() }

// SetResponse is one AK2 loop: what happened to one transaction set of
// the original group.
type SetResponse struct {
	// ID is AK201: ST01 of the original set ("837").
	ID string
	// ControlNumber is AK202: ST02 of the original set.
	ControlNumber string
	// Version is AK203: ST03 of the original set; it may be empty.
	Version string
	// Segments are the IK3 loops: the segments in error.
	Segments []SegmentError
	// Status is IK501.
	Status Status
	// Errors are IK502-IK506.
	Errors []SetErrorCode
	// Pos is the position of AK2; StatusPos the position of IK5.
	Pos, StatusPos x12.Position
}

// Verdict returns the set's verdict from IK501 alone; see
// Acknowledgment.Results for the verdict that takes the group into
// account.
func (s *SetResponse) Verdict() Verdict { return s.Status.Verdict() }

// ClaimIDs returns the CLM01 values (patient control numbers) named by
// the business-unit CTX segments of the set's IK3 loops, in order and
// without repeats.
func (s *SetResponse) ClaimIDs() []string {
	var ids []string
	seen := map[string]bool{}
	for _, se := range s.Segments {
		if id := se.ClaimID(); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// SegmentError is one IK3 loop: a segment of the original set in error.
type SegmentError struct {
	// SegmentID is IK301, e.g. "CLM".
	SegmentID string
	// Position is IK302: the segment's position in its set, ST = 1.
	Position int
	// Loop is IK303, the loop identifier (e.g. "2300"); it may be empty.
	Loop string
	// Code is IK304.
	Code SegmentErrorCode
	// Contexts are the segment-context CTX segments
	// ("CTX*SITUATIONAL TRIGGER*CLM*43**5:3").
	Contexts []Context
	// BusinessUnits are the business-unit CTX segments ("CTX*CLM01:123"):
	// they name the claim (or member, trace) the segment belongs to.
	BusinessUnits []BusinessUnit
	// Elements are the IK4 loops.
	Elements []ElementError
	// Pos is the position of the IK3 segment.
	Pos x12.Position
}

// ClaimID returns the reference of the first CLM01 business unit, or "".
func (s *SegmentError) ClaimID() string {
	for _, b := range s.BusinessUnits {
		if b.Name == "CLM01" {
			return b.Reference
		}
	}
	return ""
}

// ElementError is one IK4 loop: an element of the segment in error.
type ElementError struct {
	// Position, Component and Repetition are IK401-1..3: the element's
	// position in its segment and, when given, the component and the
	// repetition (0 when absent).
	Position, Component, Repetition int
	// Reference is IK402, the data element reference number ("782").
	Reference string
	// Code is IK403.
	Code ElementErrorCode
	// BadValue is IK404, a copy of the bad data; it may be empty.
	BadValue string
	// Contexts are the element-context CTX segments of the IK4 loop.
	Contexts []Context
	// Pos is the position of the IK4 segment.
	Pos x12.Position
}

// ContextID is one repetition of CTX01: a context name and, where
// given, a reference ("SITUATIONAL TRIGGER", or "CLM01" and a claim ID).
type ContextID struct {
	Name      string
	Reference string
}

// Context is a segment-context CTX: the trigger segment that made the
// element or segment required or not used.
type Context struct {
	// IDs are the repetitions of CTX01.
	IDs []ContextID
	// SegmentID, Position and Loop are CTX02, CTX03 and CTX04: the
	// trigger segment, its position in the set and its loop.
	SegmentID string
	Position  int
	Loop      string
	// Element, Component and Repetition are CTX05-1..3 (0 when absent).
	Element, Component, Repetition int
	// Reference and ComponentReference are CTX06-1 and CTX06-2: the data
	// element (or composite) reference number and, for a composite, the
	// reference number of the component.
	Reference          string
	ComponentReference string
}

// BusinessUnit is a business-unit CTX ("CTX*CLM01:123456789"): Name is
// one of CLM01, TRN02, NM109, ENT01, "SUBSCRIBER NUMBER REF02", ... and
// Reference its value.
type BusinessUnit struct {
	Name      string
	Reference string
}

// TA1 is an interchange acknowledgment: the TA1 segment that answers one
// interchange.
type TA1 struct {
	// ControlNumber is TA101: ISA13 of the original interchange.
	ControlNumber string
	// Date and Time are TA102 and TA103: ISA09 and ISA10 of the original.
	Date x12.Date
	Time x12.TimeOfDay
	// Status is TA104: A, E or R.
	Status Status
	// Note is TA105.
	Note NoteCode
	// InterchangeControlNumber is ISA13 of the interchange that carried
	// the TA1.
	InterchangeControlNumber string
	// Pos is the position of the TA1 segment.
	Pos x12.Position
}

// Position returns the position of the TA1 segment.
func (t *TA1) Position() x12.Position { return t.Pos }
func (t *TA1) isMessage()             {}

// Verdict returns the interchange's verdict from TA104.
func (t *TA1) Verdict() Verdict {
	switch t.Status {
	case Accepted, AcceptedWithErrors, Rejected:
		return t.Status.Verdict()
	}
	return VerdictUnknown
}
