package main

import (
	"context"
	"fmt"
	"io"

	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

// decodeFile is one file of claimkit decode --format json.
type decodeFile struct {
	File         string              `json:"file"`
	Transactions []x837p.Transaction `json:"transactions"`
	Problems     []inspectProblem    `json:"problems"`
	Error        string              `json:"error,omitempty"`
}

// runDecode reads 837P files into claims.
func runDecode(ctx context.Context, e *env, args []string) error {
	return fileCommand[decodeFile]{
		name: "decode",
		one:  decodeOne,
		bad:  func(f *decodeFile) bool { return len(f.Problems) > 0 || f.Error != "" },
		text: writeDecodeText,
	}.run(ctx, e, args)
}

// decodeOne decodes one file; an I/O failure is returned, problems and a
// syntax error are recorded in the result and rendered for stderr.
func decodeOne(e *env, name string) (decodeFile, []string, error) {
	res := decodeFile{File: name, Transactions: []x837p.Transaction{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, err
	}
	defer in.Close()
	doc, fatal := x837p.Decode(in, x837p.DecodeOptions{File: name})
	if doc != nil {
		res.Transactions = append(res.Transactions, doc.Transactions...)
	}
	delims := x12.DefaultDelimiters
	if len(res.Transactions) > 0 {
		delims = res.Transactions[0].Interchange.Delimiters
	}
	var problems x12.ErrorList
	if doc != nil {
		problems = doc.Problems
	}
	rep, err := reportFile(in, delims, problems, fatal)
	res.Problems, res.Error = rep.Problems, rep.Error
	return res, rep.Rendered, err
}

func writeDecodeText(w io.Writer, f *decodeFile) {
	n := 0
	for i := range f.Transactions {
		n += len(f.Transactions[i].Claims)
	}
	fmt.Fprintf(w, "%s: %d transaction sets, %d claims\n", f.File, len(f.Transactions), n)
	for i := range f.Transactions {
		tx := &f.Transactions[i]
		fmt.Fprintf(w, "  ST %s  ISA %s  GS %s  BHT %s %s  submitter %s  receiver %s\n", tx.Set.ControlNumber,
			tx.Interchange.ControlNumber, tx.Group.ControlNumber, tx.Header.Reference, tx.Header.Date, tx.Submitter.ID, tx.Receiver.ID)
		for j := range tx.Claims {
			c := &tx.Claims[j]
			fmt.Fprintf(w, "    claim %s  total %s  %d lines  POS %s  frequency %s  billing NPI %s  payer %s\n",
				c.PatientControlNumber, x12.FormatDecimal(c.Total()), len(c.Lines), c.PlaceOfService, c.Frequency.Code(),
				c.BillingProvider.NPI, c.Coverage.Payer.PayerID)
			for k := range c.Lines {
				l := &c.Lines[k]
				fmt.Fprintf(w, "      %d  %s  %s x %s  %s", l.Number, l.Procedure, x12.FormatDecimal(l.Charge), x12.FormatDecimal(l.Units), l.Service.From)
				if l.Service.To != l.Service.From && !l.Service.To.IsZero() {
					fmt.Fprintf(w, " to %s", l.Service.To)
				}
				if l.Telecare != "" {
					fmt.Fprintf(w, "  %s", l.Telecare)
				}
				fmt.Fprintln(w)
			}
			if op := len(c.Extra.OtherPayers); op > 0 {
				fmt.Fprintf(w, "      %d other payers\n", op)
			}
		}
	}
	if len(f.Problems) == 0 && f.Error == "" {
		fmt.Fprintln(w, "  no problems")
		return
	}
	fmt.Fprintf(w, "  %d problems\n", len(f.Problems))
}
