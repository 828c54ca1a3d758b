package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/ack"
)

// The JSON written by "claimkit ack" for one file: the contract in
// DESIGN.md, plus verdicts, descriptions and the problems found.
type (
	ackFile struct {
		File            string       `json:"file"`
		Acknowledgments []ack999JSON `json:"acknowledgments"`
		TA1s            []ackTA1JSON `json:"interchange_acknowledgments"`
		// Skipped are the transaction sets that are not 999s.
		Skipped  []ackSkipped     `json:"skipped"`
		Problems []inspectProblem `json:"problems"`
		Error    string           `json:"error,omitempty"`
	}
	ack999JSON struct {
		ControlNumber            string         `json:"control_number"`
		Version                  string         `json:"version"`
		InterchangeControlNumber string         `json:"interchange_control_number"`
		Groups                   []ackGroupJSON `json:"groups"`
		Position                 x12.Position   `json:"position"`
	}
	ackGroupJSON struct {
		FunctionalID         string       `json:"functional_id"`
		GroupControlNumber   string       `json:"group_control_number"`
		Version              string       `json:"version"`
		Status               ack.Status   `json:"status"`
		StatusDescription    string       `json:"status_description"`
		Verdict              ack.Verdict  `json:"verdict"`
		Codes                []string     `json:"codes"`
		Descriptions         []string     `json:"code_descriptions"`
		TransactionsIncluded int          `json:"transactions_included"`
		TransactionsReceived int          `json:"transactions_received"`
		TransactionsAccepted int          `json:"transactions_accepted"`
		Transactions         []ackSetJSON `json:"transactions"`
	}
	ackSetJSON struct {
		ID                string     `json:"id"`
		ControlNumber     string     `json:"control_number"`
		Version           string     `json:"version"`
		Status            ack.Status `json:"status"`
		StatusDescription string     `json:"status_description"`
		// Verdict takes the group into account: a rejected group rejects
		// every set.
		Verdict       ack.Verdict      `json:"verdict"`
		Codes         []string         `json:"codes"`
		Descriptions  []string         `json:"code_descriptions"`
		ClaimIDs      []string         `json:"claim_ids"`
		SegmentErrors []ackSegmentJSON `json:"segment_errors"`
	}
	ackSegmentJSON struct {
		SegmentID     string           `json:"segment_id"`
		Position      int              `json:"position"`
		Loop          string           `json:"loop"`
		Code          string           `json:"code"`
		Description   string           `json:"description"`
		Contexts      []ackContextJSON `json:"contexts"`
		BusinessUnits []ackUnitJSON    `json:"business_units"`
		ElementErrors []ackElementJSON `json:"element_errors"`
	}
	ackContextJSON struct {
		Names              []ackUnitJSON `json:"names"`
		SegmentID          string        `json:"segment_id"`
		Position           int           `json:"position"`
		Loop               string        `json:"loop"`
		Element            int           `json:"element"`
		Component          int           `json:"component"`
		Repetition         int           `json:"repetition"`
		Reference          string        `json:"reference"`
		ComponentReference string        `json:"component_reference"`
	}
	ackUnitJSON struct {
		Name      string `json:"name"`
		Reference string `json:"reference"`
	}
	ackElementJSON struct {
		Position    int    `json:"position"`
		Component   int    `json:"component"`
		Repetition  int    `json:"repetition"`
		Reference   string `json:"reference"`
		Code        string `json:"code"`
		Description string `json:"description"`
		BadValue    string `json:"bad_value"`
	}
	ackTA1JSON struct {
		ControlNumber            string       `json:"control_number"`
		Date                     string       `json:"date"`
		Time                     string       `json:"time"`
		Status                   ack.Status   `json:"status"`
		StatusDescription        string       `json:"status_description"`
		Verdict                  ack.Verdict  `json:"verdict"`
		NoteCode                 ack.NoteCode `json:"note_code"`
		Note                     string       `json:"note"`
		InterchangeControlNumber string       `json:"interchange_control_number"`
		Position                 x12.Position `json:"position"`
	}
	ackSkipped struct {
		ID            string       `json:"id"`
		ControlNumber string       `json:"control_number"`
		Position      x12.Position `json:"position"`
	}
)

func runAck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ack", "[--format json|text] FILE...")
	format := formatFlag(fs, "json", "json", "text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := format()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ack needs at least one FILE (- for standard input)")
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	bad := false
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, rendered, notAll, err := ackOne(e, name)
		if err != nil {
			return err
		}
		bad = bad || notAll || len(res.Problems) > 0 || res.Error != ""
		if f == "json" {
			if err := enc.Encode(res); err != nil {
				return err
			}
		} else {
			writeAckText(e.stdout, res)
		}
		for _, r := range rendered {
			fmt.Fprintln(e.stderr, r)
		}
	}
	if bad {
		return errInputReported
	}
	return nil
}

// ackOne decodes one file. An I/O failure is returned; a syntax error is
// recorded in the result. rendered holds the lines for standard error:
// problems with a caret under the element, and each rejection with its
// position. notAll says something was not accepted.
func ackOne(e *env, name string) (res ackFile, rendered []string, notAll bool, err error) {
	res = ackFile{File: name, Acknowledgments: []ack999JSON{}, TA1s: []ackTA1JSON{}, Skipped: []ackSkipped{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, false, err
	}
	defer in.Close()
	x := x12.NewReader(in)
	x.File = name
	file, fatal := ack.ReadAll(ack.NewReader(x))
	var ra io.ReaderAt
	if f, ok := in.(*os.File); ok {
		ra = f
	}
	where := func(pos x12.Position) string { return name + ": " + pos.WithElement(0).String() }
	for _, t := range file.TA1s {
		res.TA1s = append(res.TA1s, ta1JSON(t))
		if t.Verdict() != ack.VerdictAccepted {
			notAll = true
			rendered = append(rendered, fmt.Sprintf("%s: interchange %s not accepted: TA104 %s, TA105 %s (%s)",
				where(t.Pos), t.ControlNumber, t.Status, t.Note, t.Note.Description()))
		}
	}
	for _, a := range file.Acknowledgments {
		res.Acknowledgments = append(res.Acknowledgments, ackJSON(a))
		g := &a.Group
		if g.Verdict() != ack.VerdictAccepted {
			notAll = true
			var sets []string
			results := a.Results()
			for _, s := range g.Sets {
				if results[ack.SetKey{Group: g.ControlNumber, Set: s.ControlNumber}].Verdict != ack.VerdictAccepted {
					sets = append(sets, s.ControlNumber)
				}
			}
			msg := fmt.Sprintf("%s: group %s not accepted: AK901 %s (%s)", where(g.StatusPos), g.ControlNumber, g.Status, g.Status.Description())
			if len(sets) > 0 {
				msg += "; transaction sets not accepted: " + strings.Join(sets, ", ")
			}
			rendered = append(rendered, msg)
		}
	}
	for _, s := range file.Skipped {
		res.Skipped = append(res.Skipped, ackSkipped{ID: s.ID, ControlNumber: s.ControlNumber, Position: s.Pos})
	}
	for _, p := range file.Problems {
		res.Problems = append(res.Problems, inspectProblem{Position: p.Pos, Code: p.Code, Message: p.Error()})
		line := x12.Render(p, ra, x.Delimiters())
		if errors.Is(p, ack.ErrNotAck) && strings.Contains(p.Msg, "277CA") {
			line += "\n    a 277CA is read with: claimkit ack277 " + name
		}
		rendered = append(rendered, line)
	}
	if fatal != nil {
		var xe *x12.Error
		if !errors.As(fatal, &xe) {
			return res, nil, false, fatal
		}
		res.Error = xe.Error()
		rendered = append(rendered, x12.Render(xe, ra, x.Delimiters()))
	} else if len(file.Acknowledgments) == 0 && len(file.TA1s) == 0 {
		res.Error = name + ": no 999 or TA1 in the input"
		rendered = append(rendered, res.Error)
	}
	return res, rendered, notAll, nil
}

func ta1JSON(t *ack.TA1) ackTA1JSON {
	out := ackTA1JSON{
		ControlNumber: t.ControlNumber, Status: t.Status, StatusDescription: t.Status.Description(), Verdict: t.Verdict(),
		NoteCode: t.Note, Note: t.Note.Description(), InterchangeControlNumber: t.InterchangeControlNumber, Position: t.Pos,
	}
	if !t.Date.IsZero() {
		out.Date = t.Date.String()
	}
	if t.Time.Precision > 0 {
		out.Time = t.Time.String()
	}
	return out
}

func ackJSON(a *ack.Acknowledgment) ack999JSON {
	g := &a.Group
	gj := ackGroupJSON{
		FunctionalID: g.FunctionalID, GroupControlNumber: g.ControlNumber, Version: g.Version,
		Status: g.Status, StatusDescription: g.Status.Description(), Verdict: g.Verdict(), Codes: []string{}, Descriptions: []string{},
		TransactionsIncluded: g.Included, TransactionsReceived: g.Received, TransactionsAccepted: g.Accepted,
		Transactions: []ackSetJSON{},
	}
	for _, c := range g.Errors {
		gj.Codes = append(gj.Codes, string(c))
		gj.Descriptions = append(gj.Descriptions, c.Description())
	}
	results := a.Results()
	for i := range g.Sets {
		s := &g.Sets[i]
		sj := ackSetJSON{
			ID: s.ID, ControlNumber: s.ControlNumber, Version: s.Version,
			Status: s.Status, StatusDescription: s.Status.Description(),
			Verdict: results[ack.SetKey{Group: g.ControlNumber, Set: s.ControlNumber}].Verdict,
			Codes:   []string{}, Descriptions: []string{}, ClaimIDs: []string{}, SegmentErrors: []ackSegmentJSON{},
		}
		for _, c := range s.Errors {
			sj.Codes = append(sj.Codes, string(c))
			sj.Descriptions = append(sj.Descriptions, c.Description())
		}
		sj.ClaimIDs = append(sj.ClaimIDs, s.ClaimIDs()...)
		for _, se := range s.Segments {
			sj.SegmentErrors = append(sj.SegmentErrors, segmentJSON(se))
		}
		gj.Transactions = append(gj.Transactions, sj)
	}
	return ack999JSON{
		ControlNumber: a.ControlNumber, Version: a.Version, InterchangeControlNumber: a.InterchangeControlNumber,
		Groups: []ackGroupJSON{gj}, Position: a.Pos,
	}
}

func segmentJSON(se ack.SegmentError) ackSegmentJSON {
	out := ackSegmentJSON{
		SegmentID: se.SegmentID, Position: se.Position, Loop: se.Loop, Code: string(se.Code), Description: se.Code.Description(),
		Contexts: []ackContextJSON{}, BusinessUnits: []ackUnitJSON{}, ElementErrors: []ackElementJSON{},
	}
	for _, c := range se.Contexts {
		cj := ackContextJSON{
			Names: []ackUnitJSON{}, SegmentID: c.SegmentID, Position: c.Position, Loop: c.Loop,
			Element: c.Element, Component: c.Component, Repetition: c.Repetition,
			Reference: c.Reference, ComponentReference: c.ComponentReference,
		}
		for _, id := range c.IDs {
			cj.Names = append(cj.Names, ackUnitJSON(id))
		}
		out.Contexts = append(out.Contexts, cj)
	}
	for _, b := range se.BusinessUnits {
		out.BusinessUnits = append(out.BusinessUnits, ackUnitJSON(b))
	}
	for _, e := range se.Elements {
		out.ElementErrors = append(out.ElementErrors, ackElementJSON{
			Position: e.Position, Component: e.Component, Repetition: e.Repetition, Reference: e.Reference,
			Code: string(e.Code), Description: e.Code.Description(), BadValue: e.BadValue,
		})
	}
	return out
}

func writeAckText(w io.Writer, f ackFile) {
	fmt.Fprintf(w, "%s:\n", f.File)
	for _, t := range f.TA1s {
		fmt.Fprintf(w, "  TA1 for interchange %s (%s %s): %s %s; note %s %s\n",
			t.ControlNumber, t.Date, t.Time, t.Status, t.StatusDescription, t.NoteCode, t.Note)
	}
	for _, a := range f.Acknowledgments {
		for _, g := range a.Groups {
			fmt.Fprintf(w, "  999 %s for group %s %s (%s): %s %s; %d of %d sets accepted, %d included\n",
				a.ControlNumber, g.FunctionalID, g.GroupControlNumber, g.Version, g.Status, g.StatusDescription,
				g.TransactionsAccepted, g.TransactionsReceived, g.TransactionsIncluded)
			for i, c := range g.Codes {
				fmt.Fprintf(w, "    group error %s: %s\n", c, g.Descriptions[i])
			}
			for _, s := range g.Transactions {
				fmt.Fprintf(w, "    set %s %s: %s %s", s.ID, s.ControlNumber, s.Status, s.StatusDescription)
				if s.Verdict != s.Status.Verdict() {
					fmt.Fprintf(w, " (%s with its group)", s.Verdict)
				}
				fmt.Fprintln(w)
				for i, c := range s.Codes {
					fmt.Fprintf(w, "      set error %s: %s\n", c, s.Descriptions[i])
				}
				for _, se := range s.SegmentErrors {
					fmt.Fprintf(w, "      %s at position %d", se.SegmentID, se.Position)
					if se.Loop != "" {
						fmt.Fprintf(w, " in loop %s", se.Loop)
					}
					for _, b := range se.BusinessUnits {
						fmt.Fprintf(w, " (%s %s)", b.Name, b.Reference)
					}
					fmt.Fprintf(w, ": %s %s\n", se.Code, se.Description)
					for _, c := range se.Contexts {
						fmt.Fprintf(w, "        context: %s at position %d\n", c.SegmentID, c.Position)
					}
					for _, e := range se.ElementErrors {
						fmt.Fprintf(w, "        element %d", e.Position)
						if e.Component > 0 {
							fmt.Fprintf(w, "-%d", e.Component)
						}
						if e.Reference != "" {
							fmt.Fprintf(w, " (%s)", e.Reference)
						}
						fmt.Fprintf(w, ": %s %s\n", e.Code, e.Description)
					}
				}
			}
		}
	}
	for _, s := range f.Skipped {
		fmt.Fprintf(w, "  skipped transaction set %s %s (not a 999)\n", s.ID, s.ControlNumber)
	}
	if n := len(f.Problems); n > 0 || f.Error != "" {
		if f.Error != "" {
			n++
		}
		fmt.Fprintf(w, "  %d problems (see standard error)\n", n)
	}
}
