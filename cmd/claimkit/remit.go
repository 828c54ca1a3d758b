package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
)

// The JSON of claimkit remit follows the contract in DESIGN.md; "file",
// "problems" and the fields marked below are additions.

type remitFile struct {
	File        string           `json:"file"`
	Remittances []remitSet       `json:"remittances"`
	Problems    []inspectProblem `json:"problems"`
	Error       string           `json:"error,omitempty"`
}

type remitSet struct {
	ControlNumber       string            `json:"control_number"`
	Interchange         string            `json:"interchange_control_number"`
	Group               string            `json:"group_control_number"`
	Payment             remitPayment      `json:"payment"`
	Trace               remitTrace        `json:"trace"`
	Payer               remitPayer        `json:"payer"`
	Payee               remitPayee        `json:"payee"`
	Claims              []remitClaim      `json:"claims"`
	ProviderAdjustments []remitPLB        `json:"provider_adjustments"`
	Balanced            bool              `json:"balanced"`
	BalanceErrors       []remitBalanceErr `json:"balance_errors"`
}

type remitPayment struct {
	Amount      string  `json:"amount"`
	Method      string  `json:"method"`
	Date        *string `json:"date"`
	CreditDebit string  `json:"credit_debit"`
	Handling    string  `json:"handling"`
}

type remitTrace struct {
	Number     string `json:"number"`
	Originator string `json:"originator"`
}

type remitPayer struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

type remitPayee struct {
	Name string `json:"name"`
	NPI  string `json:"npi"`
}

type remitClaim struct {
	PatientControlNumber    string            `json:"patient_control_number"`
	Status                  string            `json:"status"`
	Charge                  string            `json:"charge"`
	Paid                    string            `json:"paid"`
	PatientResponsibility   string            `json:"patient_responsibility"`
	PayerClaimControlNumber string            `json:"payer_claim_control_number"`
	FilingIndicator         string            `json:"filing_indicator"`
	Adjustments             []remitAdjustment `json:"adjustments"`
	Remarks                 []string          `json:"remarks"`
	Services                []remitService    `json:"services"`
}

type remitAdjustment struct {
	Group    string  `json:"group"`
	Reason   string  `json:"reason"`
	Amount   string  `json:"amount"`
	Quantity *string `json:"quantity"`
}

type remitProcedure struct {
	Qualifier string   `json:"qualifier"`
	Code      string   `json:"code"`
	Modifiers []string `json:"modifiers"`
}

type remitService struct {
	Procedure         remitProcedure    `json:"procedure"`
	OriginalProcedure *remitProcedure   `json:"original_procedure,omitempty"`
	Charge            string            `json:"charge"`
	Paid              string            `json:"paid"`
	Units             string            `json:"units"`
	LineControlNumber string            `json:"line_control_number"`
	ServiceDate       *string           `json:"service_date"`
	ServiceEndDate    *string           `json:"service_end_date"`
	Adjustments       []remitAdjustment `json:"adjustments"`
	Remarks           []string          `json:"remarks"`
}

type remitPLB struct {
	ProviderID      string  `json:"provider_id"`
	FiscalPeriodEnd *string `json:"fiscal_period_end"`
	Reason          string  `json:"reason"`
	Reference       string  `json:"reference"`
	Amount          string  `json:"amount"`
}

type remitBalanceErr struct {
	Level                string `json:"level"`
	PatientControlNumber string `json:"patient_control_number"`
	Message              string `json:"message"`
}

func runRemit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "remit", "[--format json|csv] FILE...")
	format := formatFlag(fs, "json", "json", "csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := format()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("remit needs at least one FILE (- for standard input)")
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	var cw *csv.Writer
	if f == "csv" {
		cw = csv.NewWriter(e.stdout)
		if err := cw.Write(remitCSVHeader); err != nil {
			return err
		}
	}
	bad := false
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, rems, report, err := remitOne(e, name)
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
			for _, r := range rems {
				if err := writeRemitCSV(cw, name, r); err != nil {
					return err
				}
			}
		}
		for _, r := range report {
			fmt.Fprintln(e.stderr, r)
		}
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	if bad {
		return errInputReported
	}
	return nil
}

// remitOne decodes one file. An I/O failure is returned; problems, a
// syntax error and balance errors are recorded in the result and in the
// report for standard error.
func remitOne(e *env, name string) (remitFile, []*remit.Remittance, []string, error) {
	res := remitFile{File: name, Remittances: []remitSet{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, nil, err
	}
	defer in.Close()
	var ra io.ReaderAt
	if f, ok := in.(*os.File); ok {
		ra = f
	}
	d := remit.NewDecoder(in)
	d.File = name
	var report []string
	addProblem := func(p *x12.Error) {
		res.Problems = append(res.Problems, inspectProblem{Position: p.Pos, Code: p.Code, Message: p.Error()})
		report = append(report, x12.Render(p, ra, d.Delimiters()))
	}
	var rems []*remit.Remittance
	for {
		rem, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var xe *x12.Error
			if !errors.As(err, &xe) {
				return res, nil, nil, err
			}
			res.Error = xe.Error()
			report = append(report, x12.Render(xe, ra, d.Delimiters()))
			break
		}
		rems = append(rems, rem)
		res.Remittances = append(res.Remittances, remitView(rem))
		for _, p := range rem.Problems {
			addProblem(p)
		}
		for _, b := range rem.BalanceErrors {
			report = append(report, name+": "+b.Pos.String()+": unbalanced "+string(b.Level)+": "+b.Message)
		}
	}
	for _, p := range d.Problems() {
		addProblem(p)
	}
	if len(rems) == 0 && res.Error == "" {
		report = append(report, name+": no 835 transaction sets")
	}
	return res, rems, report, nil
}

func remitDate(d x12.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func remitAdjustments(list []remit.Adjustment) []remitAdjustment {
	out := make([]remitAdjustment, 0, len(list))
	for _, a := range list {
		v := remitAdjustment{Group: string(a.Group), Reason: a.Reason, Amount: remit.FormatAmount(a.Amount)}
		if a.Quantity.Valid {
			q := remit.FormatAmount(a.Quantity.Decimal)
			v.Quantity = &q
		}
		out = append(out, v)
	}
	return out
}

func remitRemarks(list []remit.Remark) []string {
	out := make([]string, 0, len(list))
	for _, r := range list {
		out = append(out, r.Code)
	}
	return out
}

func remitProc(p remit.Procedure) remitProcedure {
	mods := p.Modifiers
	if mods == nil {
		mods = []string{}
	}
	return remitProcedure{Qualifier: p.Qualifier, Code: p.Code, Modifiers: mods}
}

func remitView(r *remit.Remittance) remitSet {
	v := remitSet{
		ControlNumber: r.ControlNumber,
		Interchange:   r.Interchange,
		Group:         r.Group,
		Payment: remitPayment{
			Amount: remit.FormatAmount(r.Payment.Amount), Method: r.Payment.Method, Date: remitDate(r.Payment.Date),
			CreditDebit: r.Payment.CreditDebit, Handling: r.Payment.Handling,
		},
		Trace:               remitTrace{Number: r.Trace.Number, Originator: r.Trace.Originator},
		Payer:               remitPayer{Name: r.Payer.Name, ID: r.Payer.PayerID()},
		Payee:               remitPayee{Name: r.Payee.Name, NPI: r.Payee.NPI()},
		Claims:              make([]remitClaim, 0, len(r.Claims)),
		ProviderAdjustments: make([]remitPLB, 0, len(r.ProviderAdjustments)),
		Balanced:            r.Balanced,
		BalanceErrors:       make([]remitBalanceErr, 0, len(r.BalanceErrors)),
	}
	for i := range r.Claims {
		c := &r.Claims[i]
		cv := remitClaim{
			PatientControlNumber: c.PatientControlNumber, Status: string(c.Status),
			Charge: remit.FormatAmount(c.Charge), Paid: remit.FormatAmount(c.Paid),
			PatientResponsibility:   remit.FormatAmount(c.PatientResponsibility),
			PayerClaimControlNumber: c.PayerClaimControlNumber, FilingIndicator: c.FilingIndicator,
			Adjustments: remitAdjustments(c.Adjustments), Remarks: remitRemarks(c.Remarks),
			Services: make([]remitService, 0, len(c.Services)),
		}
		for j := range c.Services {
			s := &c.Services[j]
			sv := remitService{
				Procedure: remitProc(s.Procedure),
				Charge:    remit.FormatAmount(s.Charge), Paid: remit.FormatAmount(s.Paid), Units: remit.FormatAmount(s.Units),
				LineControlNumber: s.LineControlNumber,
				ServiceDate:       remitDate(s.ServiceFrom), ServiceEndDate: remitDate(s.ServiceTo),
				Adjustments: remitAdjustments(s.Adjustments), Remarks: remitRemarks(s.Remarks),
			}
			if s.OriginalProcedure != nil {
				p := remitProc(*s.OriginalProcedure)
				sv.OriginalProcedure = &p
			}
			cv.Services = append(cv.Services, sv)
		}
		v.Claims = append(v.Claims, cv)
	}
	for _, a := range r.ProviderAdjustments {
		v.ProviderAdjustments = append(v.ProviderAdjustments, remitPLB{
			ProviderID: a.ProviderID, FiscalPeriodEnd: remitDate(a.FiscalPeriodEnd),
			Reason: a.Reason, Reference: a.Reference, Amount: remit.FormatAmount(a.Amount),
		})
	}
	for _, b := range r.BalanceErrors {
		v.BalanceErrors = append(v.BalanceErrors, remitBalanceErr{Level: string(b.Level), PatientControlNumber: b.PatientControlNumber, Message: b.Message})
	}
	return v
}

// remitCSVHeader names the CSV columns: one row per service line; a
// claim without service lines has one row with the service columns empty.
var remitCSVHeader = []string{
	"file", "control_number", "trace_number", "payer_id", "payer_name", "payment_date",
	"patient_control_number", "claim_status", "payer_claim_control_number",
	"claim_charge", "claim_paid", "patient_responsibility",
	"line", "procedure", "modifiers", "charge", "paid", "units", "line_control_number", "service_date",
	"adjustments", "remarks",
}

// remitCSVAdjustments writes adjustments as "CO-45 7.30; PR-2 4".
func remitCSVAdjustments(lists ...[]remit.Adjustment) string {
	var parts []string
	for _, list := range lists {
		for _, a := range list {
			parts = append(parts, string(a.Group)+"-"+a.Reason+" "+remit.FormatAmount(a.Amount))
		}
	}
	return strings.Join(parts, "; ")
}

func writeRemitCSV(w *csv.Writer, name string, r *remit.Remittance) error {
	date := func(d x12.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	for i := range r.Claims {
		c := &r.Claims[i]
		claim := []string{
			name, r.ControlNumber, r.Trace.Number, r.Payer.PayerID(), r.Payer.Name, date(r.Payment.Date),
			c.PatientControlNumber, string(c.Status), c.PayerClaimControlNumber,
			remit.FormatAmount(c.Charge), remit.FormatAmount(c.Paid), remit.FormatAmount(c.PatientResponsibility),
		}
		if len(c.Services) == 0 {
			row := append(claim, "", "", "", "", "", "", "", "", remitCSVAdjustments(c.Adjustments), strings.Join(remitRemarks(c.Remarks), " "))
			if err := w.Write(row); err != nil {
				return err
			}
			continue
		}
		for j := range c.Services {
			s := &c.Services[j]
			adj := c.Adjustments
			if j > 0 {
				adj = nil // claim-level adjustments once, on the first line
			}
			row := append(append([]string(nil), claim...),
				strconv.Itoa(j+1), s.Procedure.Code, strings.Join(s.Procedure.Modifiers, ":"),
				remit.FormatAmount(s.Charge), remit.FormatAmount(s.Paid), remit.FormatAmount(s.Units),
				s.LineControlNumber, date(s.ServiceFrom),
				remitCSVAdjustments(adj, s.Adjustments),
				strings.Join(remitRemarks(s.Remarks), " "),
			)
			if err := w.Write(row); err != nil {
				return err
			}
		}
	}
	return nil
}
