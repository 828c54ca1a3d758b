package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

const encodeUsage = "--in claims.json --partner partner.toml [--out FILE] [--map FILE] [--date YYYY-MM-DD] [--time HHMM] [--control-number N] [--reference REF] [--newline=false]"

// runEncode writes the claims of --in as one 837P interchange.
func runEncode(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "encode", encodeUsage)
	inName := fs.String("in", "", `claims JSON: {"claims": [...]} as "claims build" writes it, or an array (- for standard input)`)
	partnerName := fs.String("partner", "", "trading partner profile (TOML)")
	outName := fs.String("out", "", "write the 837P here instead of standard output")
	mapName := fs.String("map", "", "also write the segment map (JSON) here: what each segment position of each set holds, for 999 IK3")
	dateFlag := fs.String("date", "", "envelope and BHT date, YYYY-MM-DD (default today)")
	timeFlag := fs.String("time", "", "envelope and BHT time, HHMM (default now)")
	control := fs.Int64("control-number", 1, "first ISA13, GS06 and ST02")
	reference := fs.String("reference", "", "BHT03 batch reference (default the ST02 of each set)")
	newline := fs.Bool("newline", true, "write a line feed after each segment")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("encode takes no FILE arguments; use --in")
	}
	if *inName == "" || *partnerName == "" {
		return usagef("encode needs --in and --partner")
	}
	if *control < 1 || *control > 999_999_999 {
		return usagef("--control-number must be 1 to 999999999")
	}
	date, tm, err := envelopeStamp(*dateFlag, *timeFlag, time.Now())
	if err != nil {
		return err
	}
	partner, err := loadPartner(e, *partnerName)
	if err != nil {
		return err
	}
	cs, err := readClaims(e, *inName)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var buf bytes.Buffer
	res, err := x837p.Encode(&buf, cs, x837p.Options{
		Partner: partner, Date: date, Time: tm, ControlNumbers: x12.NewSequence(*control),
		Reference: *reference, Newline: *newline,
	})
	if err != nil {
		if errors.Is(err, x837p.ErrNoClaims) {
			fmt.Fprintf(e.stderr, "%s: no claims\n", *inName)
			return errInputReported
		}
		return reportInputErrors(e, *inName, err)
	}
	if *mapName != "" {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if err := writeFileAtomic(*mapName, append(b, '\n')); err != nil {
			return err
		}
	}
	if *outName == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*outName, buf.Bytes()); err != nil {
		return err
	}
	sets := make([]string, len(res.Sets))
	for i, s := range res.Sets {
		sets[i] = s.ControlNumber
	}
	fmt.Fprintf(e.stderr, "%s: %d claims in %d transaction sets, ISA13 %s, GS06 %s, ST02 %s\n", *outName, len(cs), len(res.Sets),
		res.InterchangeControlNumber, res.GroupControlNumber, strings.Join(sets, " "))
	return nil
}

// envelopeStamp returns the envelope date and time from --date
// (YYYY-MM-DD) and --time (HHMM), each defaulting to now.
func envelopeStamp(dateFlag, timeFlag string, now time.Time) (x12.Date, x12.TimeOfDay, error) {
	date, tm := x12.DateOf(now), x12.TimeOfDay{Hour: now.Hour(), Minute: now.Minute(), Precision: 4}
	var err error
	if dateFlag != "" {
		if date, err = x12.ParseDate(dateFlag); err != nil {
			return date, tm, usagef("--date %q is not a YYYY-MM-DD date", dateFlag)
		}
	}
	if timeFlag != "" {
		if tm, err = x12.ParseTM([]byte(timeFlag)); err != nil || len(timeFlag) != 4 {
			return date, tm, usagef("--time %q is not an HHMM time", timeFlag)
		}
	}
	return date, tm, nil
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory, readable by the owner only (claims hold patient data).
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// loadPartner reads a trading partner profile: x837p.DefaultPartner, then
// the TOML file (unknown keys rejected), then Validate. Problems are
// printed to stderr, one per line, and reported as input errors.
func loadPartner(e *env, name string) (x837p.Partner, error) {
	p := x837p.DefaultPartner()
	if err := decodeTOML(e, name, &p); err != nil {
		return p, err
	}
	if err := p.Validate(); err != nil {
		var pe *x837p.PartnerError
		if !errors.As(err, &pe) {
			return p, err
		}
		for _, f := range pe.Problems {
			fmt.Fprintf(e.stderr, "%s: %s: %s\n", name, f.Field, f.Problem)
		}
		return p, errInputReported
	}
	return p, nil
}

// readClaims reads {"claims": [...]} (the output of "claims build") or a
// bare array of claims. Unknown fields are rejected.
func readClaims(e *env, name string) ([]claims.Claim, error) {
	var cs []claims.Claim
	err := decodeJSON(e, name, func(dec *json.Decoder, object bool) error {
		if !object {
			return dec.Decode(&cs)
		}
		var wrap struct {
			Claims []claims.Claim `json:"claims"`
		}
		err := dec.Decode(&wrap)
		cs = wrap.Claims
		return err
	})
	return cs, err
}
