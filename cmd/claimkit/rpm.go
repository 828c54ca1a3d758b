package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/rpm"
	"github.com/claimkit/claimkit/x12"
)

const rpmUsage = "--in readings.json --as-of YYYY-MM-DD [--convention end_of_period|threshold_met] [--setup-min-days N] [--pos CODE] [--since YYYY-MM-DD] [--out FILE]"

// runRPM turns RPM/RTM episodes, device readings and clinician time into
// the charge items billable as of a date, with a billing status per
// patient-period, as JSON.
func runRPM(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "rpm", rpmUsage)
	in := fs.String("in", "", `episodes, readings, time entries and fees: JSON {"episodes", "readings", "time_entries", "fees"} (- for stdin)`)
	asOfFlag := fs.String("as-of", "", "the last day whose data is complete, YYYY-MM-DD (required)")
	convention := fs.String("convention", string(rpm.EndOfPeriod), "date of service: end_of_period or threshold_met")
	setupDays := fs.Int("setup-min-days", 0, "data days a period needs before set-up (99453, 98975) is billed (default 16)")
	pos := fs.String("pos", "", "place of service for episodes that name none (default 11)")
	sinceFlag := fs.String("since", "", "leave out periods that end before this date, YYYY-MM-DD")
	outFlag := fs.String("out", "", "write the JSON here instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *in == "" {
		return usagef("--in is required")
	}
	if *asOfFlag == "" {
		return usagef("--as-of is required")
	}
	asOf, err := x12.ParseDate(*asOfFlag)
	if err != nil {
		return usagef("--as-of: %v", err)
	}
	opt := rpm.Options{Convention: rpm.Convention(*convention), SetupMinDays: *setupDays, PlaceOfService: claims.PlaceOfService(*pos)}
	if !opt.Convention.Valid() {
		return usagef("--convention must be end_of_period or threshold_met")
	}
	if *setupDays < 0 || *setupDays > rpm.PeriodDays {
		return usagef("--setup-min-days must be 1 to %d", rpm.PeriodDays)
	}
	if *sinceFlag != "" {
		if opt.Since, err = x12.ParseDate(*sinceFlag); err != nil {
			return usagef("--since: %v", err)
		}
	}

	f, err := openInput(e, *in)
	if err != nil {
		return err
	}
	input, err := rpm.ReadInput(f)
	f.Close()
	name := jsonInputName(*in)
	if err != nil {
		return reportRPMInput(e, name, err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	res, err := rpm.Bill(input, asOf, opt)
	if err != nil {
		return reportRPMInput(e, name, err)
	}
	if *outFlag != "" {
		err = writeIndentedJSONFile(*outFlag, res)
	} else {
		err = writeIndentedJSON(e.stdout, res)
	}
	if err != nil {
		return err
	}
	count := map[rpm.State]int{}
	for _, st := range res.Statuses {
		count[st.State]++
	}
	fmt.Fprintf(e.stderr, "rpm: as of %s: charge items %d, periods %d (billed %d, pending %d, not billable %d, blocked %d), unassigned data days %d, time entries %d\n",
		asOf, len(res.Charges), len(res.Statuses), count[rpm.Billed], count[rpm.Pending], count[rpm.NotBillable], count[rpm.Blocked],
		res.Unassigned.DataDays, res.Unassigned.TimeEntries)
	return nil
}

// reportRPMInput writes the problems of the input to stderr, one a line
// with the file name, and returns errInputReported; other errors come
// back as they are.
func reportRPMInput(e *env, name string, err error) error {
	var list rpm.InputErrors
	switch {
	case errors.As(err, &list):
		for _, ie := range list {
			fmt.Fprintf(e.stderr, "%s: %s\n", name, strings.TrimPrefix(ie.Error(), "rpm: "))
		}
	case errors.Is(err, rpm.ErrNoFee):
		fmt.Fprintf(e.stderr, "%s: %s\n", name, strings.TrimPrefix(err.Error(), "rpm: "))
	default:
		return fmt.Errorf("%s: %w", name, err)
	}
	return errInputReported
}
