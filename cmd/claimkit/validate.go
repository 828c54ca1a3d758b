package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/rules"
	"github.com/claimkit/claimkit/x12"
)

const validateUsage = "--in claims.json [--as-of YYYY-MM-DD] [--format json|text] [--profiles profiles.json] [--out FILE]"

// validateClaim is one claim's verdict in the JSON output.
type validateClaim struct {
	ClaimID              string             `json:"claim_id"`
	PatientControlNumber string             `json:"patient_control_number"`
	Status               claims.ClaimStatus `json:"status"`
	Errors               int                `json:"errors"`
	Warnings             int                `json:"warnings"`
	Findings             []rules.Finding    `json:"findings"`
}

type validateSummary struct {
	Claims        int `json:"claims"`
	ReadyToSubmit int `json:"ready_to_submit"`
	Draft         int `json:"draft"`
	Errors        int `json:"errors"`
	Warnings      int `json:"warnings"`
}

type validateOutput struct {
	AsOf    x12.Date        `json:"as_of"`
	Claims  []validateClaim `json:"claims"`
	Summary validateSummary `json:"summary"`
}

// runValidate checks claims (the output of claims build) with the
// default rule set and the payer profiles given, sets each claim Draft
// or ReadyToSubmit, and prints the findings. The exit code is 1 when a
// finding is an error.
func runValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate", validateUsage)
	in := fs.String("in", "", "the claims to check: JSON {\"claims\": [...]} as claims build writes (- for stdin)")
	asOfFlag := fs.String("as-of", "", "the date to check against (future dates, timely filing), YYYY-MM-DD; default today")
	profilesFlag := fs.String("profiles", "", "payer profiles: a JSON list of {payer_id, telehealth_modifiers, telehealth_pos, telehealth_codes, rpm_diagnoses, rpm_place_of_service, timely_filing_days}")
	outFlag := fs.String("out", "", "also write the claims with their new statuses here")
	format := formatFlag(fs, "json", "json", "text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := format()
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *in == "" {
		return usagef("--in is required")
	}
	asOf := x12.DateOf(time.Now().UTC())
	if *asOfFlag != "" {
		if asOf, err = x12.ParseDate(*asOfFlag); err != nil {
			return usagef("--as-of: %v", err)
		}
	}
	set := rules.DefaultRuleSet()
	if *profilesFlag != "" {
		var profiles []rules.PayerProfile
		if err := readStrictJSON(e, *profilesFlag, &profiles); err != nil {
			return err
		}
		for _, p := range profiles {
			if set, err = set.WithProfile(p); err != nil {
				fmt.Fprintf(e.stderr, "%s: %s\n", *profilesFlag, strings.TrimPrefix(err.Error(), "rules: "))
				return errInputReported
			}
		}
	}
	var batch struct {
		Claims []claims.Claim `json:"claims"`
	}
	if err := readStrictJSON(e, *in, &batch); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}

	findings := rules.Check(batch.Claims, set, asOf)
	out := validateOutput{AsOf: asOf, Claims: []validateClaim{}}
	change := claims.Change{By: "claimkit validate", At: asOf.Time()}
	for i := range batch.Claims {
		c := &batch.Claims[i]
		mine, err := rules.Apply(c, findings, change)
		if errors.Is(err, rules.ErrNotCheckable) {
			fmt.Fprintf(e.stderr, "%s: claim %s is %s: status left as it is\n", jsonInputName(*in), c.PatientControlNumber, c.Status)
		} else if err != nil {
			return err
		}
		errs, warns := rules.Count(mine)
		if mine == nil {
			mine = []rules.Finding{}
		}
		out.Claims = append(out.Claims, validateClaim{ClaimID: claimRef(c), PatientControlNumber: c.PatientControlNumber,
			Status: c.Status, Errors: errs, Warnings: warns, Findings: mine})
		out.Summary.Errors += errs
		out.Summary.Warnings += warns
		switch c.Status {
		case claims.ReadyToSubmit:
			out.Summary.ReadyToSubmit++
		case claims.Draft:
			out.Summary.Draft++
		}
	}
	out.Summary.Claims = len(batch.Claims)

	if f == "text" {
		for _, fd := range findings {
			fmt.Fprintf(e.stdout, "%s: %s\n", jsonInputName(*in), fd)
		}
	} else if err := writeIndentedJSON(e.stdout, out); err != nil {
		return err
	}
	if *outFlag != "" {
		if err := writeIndentedJSONFile(*outFlag, batch); err != nil {
			return err
		}
	}
	s := out.Summary
	fmt.Fprintf(e.stderr, "validate: as of %s: claims %d, ready to submit %d, draft %d, errors %d, warnings %d\n",
		asOf, s.Claims, s.ReadyToSubmit, s.Draft, s.Errors, s.Warnings)
	if s.Errors > 0 {
		return errInputReported
	}
	return nil
}

func claimRef(c *claims.Claim) string {
	if c.ID != "" {
		return c.ID
	}
	return c.PatientControlNumber
}

func jsonInputName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// readStrictJSON decodes a whole JSON file (or stdin for "-") into v,
// rejecting unknown fields. A problem in the JSON is written to stderr
// with the file, line and column, and gives errInputReported.
func readStrictJSON(e *env, name string, v any) error {
	f, err := openInput(e, name)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", jsonInputName(name), err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("data after the JSON value")
	}
	if err == nil {
		return nil
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = max(se.Offset-1, 0)
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off, err = int64(len(data)), errors.New("unexpected end of input")
	}
	line, col := jsonLineColumn(data, off)
	fmt.Fprintf(e.stderr, "%s: line %d, column %d: %s\n", jsonInputName(name), line, col, strings.TrimPrefix(err.Error(), "json: "))
	return errInputReported
}

// jsonLineColumn returns the 1-based line and column of byte offset off.
func jsonLineColumn(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	return bytes.Count(before, []byte{'\n'}) + 1, int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeIndentedJSONFile writes v as indented JSON through a temporary file and a
// rename, so a failure leaves any old file whole.
func writeIndentedJSONFile(path string, v any) error {
	var buf bytes.Buffer
	if err := writeIndentedJSON(&buf, v); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
