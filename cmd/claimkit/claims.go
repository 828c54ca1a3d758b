package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

const claimsUsage = `claims build      --in charges.json [--out claims.json] [--batch-out FILE] [--pcn-prefix P]
       claims duplicates --in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--ignore-pos] [--out FILE]
       claims approve    --in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--business-unit U,...] [--skip-duplicates] [--batch-out FILE]
       claims export     --in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--business-unit U,...] [--status S,...] [--mark-billed [--batch-out FILE]] [--out FILE]`

// runClaims dispatches the claims subcommands: build claims from charge
// items, report duplicates, approve items in bulk, and write the billing
// export.
func runClaims(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: claimkit "+claimsUsage)
		return usagef("claims needs a subcommand: build, duplicates, approve or export")
	}
	switch args[0] {
	case "build":
		return claimsBuild(ctx, e, args[1:])
	case "duplicates":
		return claimsDuplicates(ctx, e, args[1:])
	case "approve":
		return claimsApprove(ctx, e, args[1:])
	case "export":
		return claimsExport(ctx, e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprintln(e.stderr, "usage: claimkit "+claimsUsage)
		return flag.ErrHelp
	}
	fmt.Fprintln(e.stderr, "usage: claimkit "+claimsUsage)
	return usagef("unknown claims subcommand %q", args[0])
}

// claimsFlags are the flags every claims subcommand shares.
type claimsFlags struct {
	fs       *flag.FlagSet
	in, out  string
	batchOut string
	from, to string
	units    string
}

// newClaimsFlags makes the flags; batchOut, when not empty, describes the
// --batch-out flag.
func newClaimsFlags(e *env, name, usage string, period bool, batchOut string) *claimsFlags {
	cf := &claimsFlags{fs: newFlags(e, "claims "+name, usage)}
	cf.fs.StringVar(&cf.in, "in", "", "the batch of charge items (JSON; - for stdin)")
	cf.fs.StringVar(&cf.out, "out", "", "write the output to this file instead of stdout")
	if period {
		cf.fs.StringVar(&cf.from, "from", "", "first date of service, YYYY-MM-DD")
		cf.fs.StringVar(&cf.to, "to", "", "last date of service, YYYY-MM-DD")
	}
	if batchOut != "" {
		cf.fs.StringVar(&cf.batchOut, "batch-out", "", batchOut)
	}
	return cf
}

func (cf *claimsFlags) parse(args []string) error {
	if err := parseFlags(cf.fs, args); err != nil {
		return err
	}
	if cf.fs.NArg() > 0 {
		return usagef("unexpected argument %q", cf.fs.Arg(0))
	}
	if cf.in == "" {
		return usagef("--in is required")
	}
	return nil
}

// period returns the --from/--to range; both are required.
func (cf *claimsFlags) period() (claims.Period, error) {
	var p claims.Period
	if cf.from == "" || cf.to == "" {
		return p, usagef("--from and --to are required")
	}
	var err error
	if p.From, err = x12.ParseDate(cf.from); err != nil {
		return p, usagef("--from: %v", err)
	}
	if p.To, err = x12.ParseDate(cf.to); err != nil {
		return p, usagef("--to: %v", err)
	}
	if p.To.Before(p.From) {
		return p, usagef("--to %s is before --from %s", cf.to, cf.from)
	}
	return p, nil
}

func (cf *claimsFlags) businessUnits() []string { return splitList(cf.units) }

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// readBatch reads --in. Problems in the input are written to stderr, one
// per line with the file name, and give errInputReported.
func (cf *claimsFlags) readBatch(e *env) (*claims.Batch, error) {
	f, err := openInput(e, cf.in)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := claims.ReadBatch(f)
	var list claims.InputErrors
	if errors.As(err, &list) {
		for _, ie := range list {
			fmt.Fprintf(e.stderr, "%s: %s\n", cf.name(), strings.TrimPrefix(ie.Error(), "claims: "))
		}
		return nil, errInputReported
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cf.name(), err)
	}
	return b, nil
}

func (cf *claimsFlags) name() string {
	if cf.in == "-" {
		return "<stdin>"
	}
	return cf.in
}

// writeOutput runs write on --out, or on stdout, and closes the file.
func (cf *claimsFlags) writeOutput(e *env, write func(w io.Writer) error) error {
	if cf.out == "" || cf.out == "-" {
		return write(e.stdout)
	}
	f, err := os.Create(cf.out)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// saveBatch writes the batch to --batch-out, or back over --in, through a
// temporary file and a rename so that a failure leaves the old file whole.
func (cf *claimsFlags) saveBatch(b *claims.Batch) error {
	path := cf.batchOut
	if path == "" {
		if cf.in == "-" {
			return usagef("--batch-out is required when the batch comes from stdin")
		}
		path = cf.in
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	enc := json.NewEncoder(tmp)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

type buildOutput struct {
	Claims []claims.Claim `json:"claims"`
}

func claimsBuild(ctx context.Context, e *env, args []string) error {
	cf := newClaimsFlags(e, "build", "--in charges.json [--out claims.json] [--batch-out FILE] [--pcn-prefix P]", false,
		"also write the batch with the grouped items moved to claim_line_created here")
	prefix := cf.fs.String("pcn-prefix", "", "prefix of the patient control numbers (at most 4 characters)")
	if err := cf.parse(args); err != nil {
		return err
	}
	if len(*prefix) > 4 {
		return usagef("--pcn-prefix %q is longer than 4 characters", *prefix)
	}
	b, err := cf.readBatch(e)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	res, err := claims.Group(b, claims.GroupOptions{PCN: claims.HashPCN{Prefix: *prefix}})
	var list claims.ItemErrors
	if errors.As(err, &list) {
		for _, ie := range list {
			fmt.Fprintf(e.stderr, "%s: %s\n", cf.name(), strings.TrimPrefix(ie.Error(), "claims: "))
		}
		return errInputReported
	}
	if err != nil {
		return fmt.Errorf("%s: %w", cf.name(), err)
	}
	out := buildOutput{Claims: res.Claims}
	if out.Claims == nil {
		out.Claims = []claims.Claim{}
	}
	err = cf.writeOutput(e, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	})
	if err != nil {
		return err
	}
	lines := 0
	var total decimal.Decimal
	for i := range res.Claims {
		lines += len(res.Claims[i].Lines)
		total = total.Add(res.Claims[i].Total())
	}
	fmt.Fprintf(e.stderr, "claims build: charge items grouped %d, lines %d, claims %d, total charge %s, items not ready to bill %d\n",
		res.Grouped, lines, len(res.Claims), total.StringFixed(2), res.Skipped)
	if cf.batchOut != "" && res.Grouped > 0 {
		return cf.saveBatch(b)
	}
	return nil
}

func claimsDuplicates(ctx context.Context, e *env, args []string) error {
	cf := newClaimsFlags(e, "duplicates", "--in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--ignore-pos] [--out FILE]", true, "")
	ignorePOS := cf.fs.Bool("ignore-pos", false, "match items whatever their place of service")
	if err := cf.parse(args); err != nil {
		return err
	}
	p, err := cf.period()
	if err != nil {
		return err
	}
	b, err := cf.readBatch(e)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	dups := claims.Duplicates(b, p, claims.DuplicateOptions{IgnorePlaceOfService: *ignorePOS})
	if err := cf.writeOutput(e, func(w io.Writer) error { return claims.WriteDuplicates(w, b, dups) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "claims duplicates: %s to %s: duplicates %d\n", cf.from, cf.to, len(dups))
	return nil
}

func claimsApprove(ctx context.Context, e *env, args []string) error {
	cf := newClaimsFlags(e, "approve", "--in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--business-unit U,...] [--skip-duplicates] [--batch-out FILE]", true,
		"write the batch with the approvals here (default: rewrite --in)")
	cf.fs.StringVar(&cf.units, "business-unit", "", "approve only these business units (comma-separated)")
	skip := cf.fs.Bool("skip-duplicates", false, "don't approve duplicates: leave them new, linked to the item they duplicate")
	if err := cf.parse(args); err != nil {
		return err
	}
	p, err := cf.period()
	if err != nil {
		return err
	}
	b, err := cf.readBatch(e)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	res := claims.Approve(b, claims.ApproveOptions{Range: p, BusinessUnits: cf.businessUnits(), SkipDuplicates: *skip})
	for _, d := range res.Duplicates {
		fmt.Fprintf(e.stderr, "claims approve: %s left new: duplicate of %s\n", b.Items[d.Item].ID, b.Items[d.Of].ID)
	}
	for _, i := range res.OnHold {
		fmt.Fprintf(e.stderr, "claims approve: %s is on hold: move it back to new first\n", b.Items[i].ID)
	}
	fmt.Fprintf(e.stderr, "claims approve: approved %d, duplicates left new %d, on hold %d\n",
		len(res.Approved), len(res.Duplicates), len(res.OnHold))
	if len(res.Approved) == 0 && len(res.Duplicates) == 0 {
		return nil
	}
	return cf.saveBatch(b)
}

func claimsExport(ctx context.Context, e *env, args []string) error {
	cf := newClaimsFlags(e, "export", "--in charges.json --from YYYY-MM-DD --to YYYY-MM-DD [--business-unit U,...] [--status S,...] [--mark-billed [--batch-out FILE]] [--out FILE]", true,
		"with --mark-billed, write the batch here (default: rewrite --in)")
	cf.fs.StringVar(&cf.units, "business-unit", "", "export only these business units (comma-separated)")
	statuses := cf.fs.String("status", "ready_to_bill", "export items in these statuses (comma-separated)")
	mark := cf.fs.Bool("mark-billed", false, "move the exported items to billed_externally and save the batch")
	if err := cf.parse(args); err != nil {
		return err
	}
	p, err := cf.period()
	if err != nil {
		return err
	}
	opt := claims.ExportOptions{Range: p, BusinessUnits: cf.businessUnits(), MarkBilled: *mark}
	for _, s := range splitList(*statuses) {
		st := claims.ChargeItemStatus(s)
		if !st.Valid() {
			return usagef("--status: unknown status %q", s)
		}
		opt.Statuses = append(opt.Statuses, st)
	}
	if *mark && cf.in == "-" && cf.batchOut == "" {
		return usagef("--mark-billed with the batch on stdin needs --batch-out")
	}
	b, err := cf.readBatch(e)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var got []int
	err = cf.writeOutput(e, func(w io.Writer) error {
		var err error
		got, err = claims.WriteBillingExport(w, b, opt)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "claims export: %s to %s: charge items %d\n", cf.from, cf.to, len(got))
	if *mark && len(got) > 0 {
		if err := cf.saveBatch(b); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "claims export: marked billed_externally %d\n", len(got))
	}
	return nil
}
