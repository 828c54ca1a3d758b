package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/eligibility"
	"github.com/claimkit/claimkit/x12"
)

const eligibilityUsage = `[--format text|json] [--service-type 30] [--as-of YYYY-MM-DD] FILE...
       claimkit eligibility request --in REQUESTS.json --partner PARTNER.toml [--out FILE]
           [--date YYYY-MM-DD] [--time HHMM] [--control-number N] [--newline=false]`

// runEligibility decodes 271 responses and answers the coverage
// question, or with "request" writes a 270.
func runEligibility(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "request" {
		return runEligibilityRequest(e, args[1:])
	}
	fs := newFlags(e, "eligibility", eligibilityUsage)
	format := formatFlag(fs, "text", "text", "json")
	stc := fs.String("service-type", "30", "service type code the coverage answer is for (30 health plan, 98 office visit, ...)")
	asOfFlag := fs.String("as-of", "", "date of the coverage answer, YYYY-MM-DD (default today)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	f, err := format()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("eligibility needs at least one FILE (- for standard input), or the request subcommand")
	}
	asOf := x12.DateOf(time.Now())
	if *asOfFlag != "" {
		if asOf, err = x12.ParseDate(*asOfFlag); err != nil {
			return usagef("--as-of %q is not a YYYY-MM-DD date", *asOfFlag)
		}
	}
	st := eligibility.ServiceType(strings.ToUpper(*stc))
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	bad := false
	for _, name := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, report, err := eligibilityOne(e, name, st, asOf)
		if err != nil {
			return err
		}
		if len(report) > 0 {
			bad = true
		}
		if f == "json" {
			if err := enc.Encode(res); err != nil {
				return err
			}
		} else {
			writeEligibilityText(e.stdout, &res)
		}
		for _, r := range report {
			fmt.Fprintln(e.stderr, r)
		}
	}
	if bad {
		return errInputReported
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the file
// names ("eligibility FILE.271 --format json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			return append(files, rest...), nil // everything after -- is a file
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// eligibilityFile is the JSON of one input file.
type eligibilityFile struct {
	File        string                `json:"file"`
	ServiceType string                `json:"service_type"`
	AsOf        x12.Date              `json:"as_of"`
	Responses   []eligibilityResponse `json:"responses"`
	// Problems are every problem Decode271 reported, a syntax error that
	// stopped reading last.
	Problems []inspectProblem `json:"problems"`
}

// eligibilityResponse is one 271 with the coverage answer of each member.
type eligibilityResponse struct {
	eligibility.Response
	Coverage []eligibility.Coverage `json:"coverage"`
}

// eligibilityOne decodes one file. An I/O failure is returned; problems
// and a syntax error are recorded in the result and in the report for
// standard error.
func eligibilityOne(e *env, name string, st eligibility.ServiceType, asOf x12.Date) (eligibilityFile, []string, error) {
	res := eligibilityFile{File: name, ServiceType: string(st), AsOf: asOf, Responses: []eligibilityResponse{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, err
	}
	defer in.Close()
	r := x12.NewReader(in)
	r.File = name
	resps, err := eligibility.Decode271(r)
	for i := range resps {
		res.Responses = append(res.Responses, eligibilityResponse{Response: resps[i], Coverage: resps[i].Coverage(st, asOf)})
	}
	var list x12.ErrorList
	if err != nil && !errors.As(err, &list) {
		return res, nil, err
	}
	rep, err := reportFile(in, r.Delimiters(), list, nil)
	res.Problems = rep.Problems
	return res, rep.Rendered, err
}

// writeEligibilityText prints a summary of each response for people.
func writeEligibilityText(w io.Writer, f *eligibilityFile) {
	fmt.Fprintf(w, "%s: %d responses, service type %s as of %s\n", f.File, len(f.Responses), f.ServiceType, f.AsOf)
	for _, r := range f.Responses {
		fmt.Fprintf(w, "  271 %s (%s) reference %s, %s\n", r.ControlNumber, r.Version, nonEmpty(r.Reference, "-"), nonEmpty(r.Date.String(), "no date"))
		for _, s := range r.Sources {
			fmt.Fprintf(w, "    payer %s\n", entityLine(&s.Entity))
			for _, rc := range s.Receivers {
				fmt.Fprintf(w, "    provider %s\n", entityLine(&rc.Entity))
			}
		}
		for _, c := range r.Coverage {
			who := "no member"
			if c.Level != "" {
				who = string(c.Level)
				if c.MemberID != "" {
					who += " " + c.MemberID
				}
			}
			fmt.Fprintf(w, "    %s: %s: %s\n", who, strings.ToUpper(string(c.Status)), c.Reason)
			if c.Plan != "" || c.InsuranceType != "" {
				fmt.Fprintf(w, "      plan %s %s\n", nonEmpty(c.Plan, "-"), c.InsuranceType)
			}
			for _, g := range []struct {
				name   string
				shares []eligibility.CostShare
			}{{"copay", c.Copay}, {"coinsurance", c.Coinsurance}, {"deductible", c.Deductible}, {"out of pocket", c.OutOfPocket}} {
				for _, cs := range g.shares {
					fmt.Fprintf(w, "      %s %s%s\n", g.name, cs.Value.String(), shareNotes(cs))
				}
			}
			if c.NonCovered {
				fmt.Fprintln(w, "      the service type is listed as non-covered (EB*I)")
			}
			if c.AuthorizationRequired {
				fmt.Fprintln(w, "      authorization required")
			}
			tele := "not signalled"
			if c.Telehealth {
				tele = strings.Join(c.TelehealthEvidence, "; ")
			}
			fmt.Fprintf(w, "      telehealth: %s\n", tele)
		}
		for _, rj := range r.Rejections() {
			fmt.Fprintf(w, "    rejected in %s: %s %s; follow-up %s %s\n", rj.Loop, rj.Reason, rj.ReasonText, nonEmpty(string(rj.FollowUp), "-"), rj.FollowUpText)
		}
	}
	if len(f.Problems) > 0 {
		fmt.Fprintf(w, "  %d problems (on standard error)\n", len(f.Problems))
	}
}

func entityLine(e *eligibility.Entity) string {
	name := e.Organization
	if name == "" {
		name = strings.TrimSpace(e.LastName + ", " + e.FirstName)
		name = strings.TrimSuffix(name, ",")
	}
	if e.ID != "" {
		name += " (" + e.IDQualifier + " " + e.ID + ")"
	}
	return name
}

func shareNotes(cs eligibility.CostShare) string {
	var notes []string
	if cs.Remaining {
		notes = append(notes, "remaining")
	}
	if cs.TimePeriod != "" {
		notes = append(notes, "period "+cs.TimePeriod)
	}
	switch cs.InNetwork {
	case "Y":
		notes = append(notes, "in network")
	case "N":
		notes = append(notes, "out of network")
	}
	if cs.CoverageLevel != "" {
		notes = append(notes, cs.CoverageLevel)
	}
	if cs.ServiceType != "" {
		notes = append(notes, "service type "+string(cs.ServiceType))
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, ", ") + ")"
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// runEligibilityRequest writes a 270 for the requests in --in.
func runEligibilityRequest(e *env, args []string) error {
	fs := newFlags(e, "eligibility request", "--in REQUESTS.json --partner PARTNER.toml [--out FILE] [--date YYYY-MM-DD] [--time HHMM] [--control-number N]")
	inName := fs.String("in", "", "JSON file with one request or an array of requests (- for standard input)")
	partnerName := fs.String("partner", "", "partner profile (TOML, the [envelope] table of the 837P profile)")
	outName := fs.String("out", "", "write the 270 here instead of standard output")
	dateFlag := fs.String("date", "", "envelope and BHT date, YYYY-MM-DD (default today)")
	timeFlag := fs.String("time", "", "envelope and BHT time, HHMM (default now)")
	control := fs.Int64("control-number", 1, "first ISA13, GS06 and ST02")
	newline := fs.Bool("newline", true, "write a line feed after each segment")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("eligibility request takes no FILE arguments; use --in")
	}
	if *inName == "" || *partnerName == "" {
		return usagef("eligibility request needs --in and --partner")
	}
	if *control < 1 || *control > 999_999_999 {
		return usagef("--control-number must be 1 to 999999999")
	}
	now := time.Now()
	date, tm := x12.DateOf(now), x12.TimeOfDay{Hour: now.Hour(), Minute: now.Minute(), Precision: 4}
	var err error
	if *dateFlag != "" {
		if date, err = x12.ParseDate(*dateFlag); err != nil {
			return usagef("--date %q is not a YYYY-MM-DD date", *dateFlag)
		}
	}
	if *timeFlag != "" {
		if tm, err = x12.ParseTM([]byte(*timeFlag)); err != nil || len(*timeFlag) != 4 {
			return usagef("--time %q is not an HHMM time", *timeFlag)
		}
	}
	partner, err := eligibilityPartner(e, *partnerName)
	if err != nil {
		return err
	}
	reqs, err := eligibilityRequests(e, *inName)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = *newline
	w.ControlNumbers = x12.NewSequence(*control)
	ctl, err := eligibility.Encode270(w, eligibility.Batch{Partner: partner, Date: date, Time: tm, Requests: reqs})
	if err != nil {
		return reportInputErrors(e, *inName, err)
	}
	if *outName == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*outName, buf.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s: %d requests, ISA13 %s, GS06 %s, ST02 %s\n", *outName, len(reqs), ctl.Interchange, ctl.Group, strings.Join(ctl.Sets, " "))
	return nil
}

// reportInputErrors prints each of the (joined) errors on its own line.
func reportInputErrors(e *env, name string, err error) error {
	for _, line := range errorLines(err) {
		fmt.Fprintf(e.stderr, "%s: %s\n", name, line)
	}
	return errInputReported
}

// errorLines expands joined errors into one line each, keeping the
// prefix of an error that wraps a joined one ("request 1: ...").
func errorLines(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, errorLines(e)...)
		}
		return out
	}
	if w := errors.Unwrap(err); w != nil {
		if _, ok := w.(interface{ Unwrap() []error }); ok {
			prefix := strings.TrimSuffix(err.Error(), w.Error())
			var out []string
			for _, line := range errorLines(w) {
				out = append(out, prefix+line)
			}
			return out
		}
	}
	return []string{err.Error()}
}

// eligibilityPartner reads the partner profile: the TOML of the 837P
// partner (claims/x837p), whose [envelope] table addresses the 270.
// Unknown keys are rejected.
func eligibilityPartner(e *env, name string) (eligibility.Partner, error) {
	prof := x837p.DefaultPartner()
	if err := decodeTOML(e, name, &prof); err != nil {
		return eligibility.Partner{}, err
	}
	env := prof.Envelope
	p := eligibility.Partner{
		SenderQualifier: env.SenderQualifier, SenderID: env.SenderID, ReceiverQualifier: env.ReceiverQualifier,
		ReceiverID: env.ReceiverID, SenderCode: env.ApplicationSender, ReceiverCode: env.ApplicationReceiver,
		Usage: env.Usage, AckRequested: env.AckRequested,
	}
	if err := p.Validate(); err != nil {
		return p, reportInputErrors(e, name, err)
	}
	return p, nil
}

// eligibilityRequests reads one request or an array of requests.
// Unknown fields are rejected.
func eligibilityRequests(e *env, name string) ([]eligibility.Request, error) {
	var reqs []eligibility.Request
	err := decodeJSON(e, name, func(dec *json.Decoder, object bool) error {
		if !object {
			return dec.Decode(&reqs)
		}
		var one eligibility.Request
		err := dec.Decode(&one)
		reqs = append(reqs, one)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(reqs) == 0 {
		fmt.Fprintf(e.stderr, "%s: no requests\n", name)
		return nil, errInputReported
	}
	return reqs, nil
}
