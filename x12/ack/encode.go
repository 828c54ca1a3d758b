package ack

import (
	"fmt"
	"strconv"

	"github.com/claimkit/claimkit/x12"
)

// Version999 is the implementation convention reference of the 999
// (ST03 and GS08).
const Version999 = "005010X231A1"

// Encode writes a as one 999 transaction set (ST..SE) in the functional
// group open in w (GS01 "FA"), and returns ST02. ST02 comes from w's
// ControlNumbers; a.ControlNumber, a.InterchangeControlNumber,
// a.GroupControlNumber and the positions are outputs of decoding and
// are not written. ST03 is a.Version, or Version999 when empty.
//
// Zero counts are written (AK902-AK904 are required); other zero
// numbers (IK302, IK401, CTX03, CTX05) are written as absent. Values
// that contain one of w's delimiters are refused by w; a CTX01 with
// several repetitions that carry references cannot be written and
// gives ErrCannotEncode before anything is written.
func Encode(w *x12.Writer, a *Acknowledgment) (string, error) {
	if err := checkEncodable(a); err != nil {
		return "", err
	}
	version := a.Version
	if version == "" {
		version = Version999
	}
	st02, err := w.BeginSet("999", version)
	if err != nil {
		return "", err
	}
	g := &a.Group
	w.WriteSegment("AK1", g.FunctionalID, g.ControlNumber, g.Version)
	for i := range g.Sets {
		s := &g.Sets[i]
		w.WriteSegment("AK2", s.ID, s.ControlNumber, s.Version)
		for j := range s.Segments {
			writeIK3(w, &s.Segments[j])
		}
		w.StartSegment("IK5")
		w.Element(string(s.Status))
		for _, c := range s.Errors {
			w.Element(string(c))
		}
		w.EndSegment()
	}
	w.StartSegment("AK9")
	w.Element(string(g.Status))
	w.Element(strconv.Itoa(g.Included))
	w.Element(strconv.Itoa(g.Received))
	w.Element(strconv.Itoa(g.Accepted))
	for _, c := range g.Errors {
		w.Element(string(c))
	}
	w.EndSegment()
	return st02, w.EndSet()
}

func writeIK3(w *x12.Writer, s *SegmentError) {
	w.WriteSegment("IK3", s.SegmentID, optInt(s.Position), s.Loop, string(s.Code))
	for i := range s.Contexts {
		writeContext(w, &s.Contexts[i])
	}
	for _, b := range s.BusinessUnits {
		w.StartSegment("CTX")
		w.Components(b.Name, b.Reference)
		w.EndSegment()
	}
	for i := range s.Elements {
		e := &s.Elements[i]
		w.StartSegment("IK4")
		w.Components(optInt(e.Position), optInt(e.Component), optInt(e.Repetition))
		w.Element(e.Reference)
		w.Element(string(e.Code))
		w.Element(e.BadValue)
		w.EndSegment()
		for j := range e.Contexts {
			writeContext(w, &e.Contexts[j])
		}
	}
}

func writeContext(w *x12.Writer, c *Context) {
	w.StartSegment("CTX")
	switch {
	case len(c.IDs) == 1:
		w.Components(c.IDs[0].Name, c.IDs[0].Reference)
	case len(c.IDs) > 1:
		names := make([]string, len(c.IDs))
		for i, id := range c.IDs {
			names[i] = id.Name
		}
		w.Repeats(names...)
	default:
		w.Element("")
	}
	w.Element(c.SegmentID)
	// CTX03 is required in a segment context: written even when 0, so
	// the CTX reads back as a segment context, not a business unit.
	w.Element(strconv.Itoa(c.Position))
	w.Element(c.Loop)
	w.Components(optInt(c.Element), optInt(c.Component), optInt(c.Repetition))
	w.Components(c.Reference, c.ComponentReference)
	w.EndSegment()
}

// checkEncodable finds values Encode cannot write with the x12.Writer.
func checkEncodable(a *Acknowledgment) error {
	check := func(cs []Context) error {
		for _, c := range cs {
			if len(c.IDs) < 2 {
				continue
			}
			for _, id := range c.IDs {
				if id.Reference != "" {
					return fmt.Errorf("%w: 999 for group %s: CTX01 has %d repetitions with references", ErrCannotEncode, a.Group.ControlNumber, len(c.IDs))
				}
			}
		}
		return nil
	}
	for _, s := range a.Group.Sets {
		for _, se := range s.Segments {
			if err := check(se.Contexts); err != nil {
				return err
			}
			for _, e := range se.Elements {
				if err := check(e.Contexts); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// EncodeTA1 writes t as a TA1 segment. Call it after
// w.BeginInterchange and before the first group: a TA1 sits between ISA
// and GS. A zero t.Date is written as absent; t.Time as HHMM.
func EncodeTA1(w *x12.Writer, t *TA1) error {
	date := ""
	if !t.Date.IsZero() {
		date = t.Date.YYMMDD()
	}
	tm := t.Time
	tm.Precision = 4
	return w.WriteSegment("TA1", t.ControlNumber, date, tm.String(), string(t.Status), string(t.Note))
}
