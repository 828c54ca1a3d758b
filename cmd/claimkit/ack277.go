package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/claimkit/claimkit/claims/ack277"
	"github.com/claimkit/claimkit/x12"
)

// ack277Set is one 277CA transaction set with its claim summaries.
type ack277Set struct {
	*ack277.Acknowledgment
	Summaries []ack277.Summary `json:"summaries"`
}

// ack277File is the JSON object written for one input file. Problems
// have the form inspect gives them.
type ack277File struct {
	File            string           `json:"file"`
	Acknowledgments []ack277Set      `json:"acknowledgments"`
	Problems        []inspectProblem `json:"problems"`
	Error           string           `json:"error,omitempty"`
}

func runAck277(ctx context.Context, e *env, args []string) error {
	return fileCommand[ack277File]{
		name:     "ack277",
		one:      ack277One,
		bad:      func(f *ack277File) bool { return len(f.Problems) > 0 || f.Error != "" },
		text:     writeAck277Text,
		eachJSON: true,
	}.run(ctx, e, args)
}

// ack277One decodes one file. An I/O failure is returned; a syntax error
// or a file without 277 sets is recorded in the result and rendered.
func ack277One(e *env, name string) (ack277File, []string, error) {
	res := ack277File{File: name, Acknowledgments: []ack277Set{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, err
	}
	defer in.Close()
	d := ack277.NewDecoder(in)
	d.File = name
	var fatal error
	for {
		ack, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fatal = err
			break
		}
		sums := ack.Summaries()
		if sums == nil {
			sums = []ack277.Summary{}
		}
		res.Acknowledgments = append(res.Acknowledgments, ack277Set{Acknowledgment: ack, Summaries: sums})
	}
	// The delimiters of the file's first interchange, for the renderer.
	delims := x12.DefaultDelimiters
	if f, ok := in.(*os.File); ok && len(res.Acknowledgments) > 0 {
		delims = ack277Delimiters(f, delims)
	}
	rep, err := reportFile(in, delims, d.Problems(), fatal)
	res.Problems, res.Error = rep.Problems, rep.Error
	return res, rep.Rendered, err
}

// ack277Delimiters reads the delimiters from the ISA at the start of ra,
// or returns def.
func ack277Delimiters(ra io.ReaderAt, def x12.Delimiters) x12.Delimiters {
	if ra == nil {
		return def
	}
	r := x12.NewReader(io.NewSectionReader(ra, 0, 1<<12))
	if seg, err := r.Next(); err == nil && seg.ID == "ISA" {
		return r.Delimiters()
	}
	return def
}

func writeAck277Text(w io.Writer, f *ack277File) {
	if len(f.Acknowledgments) == 0 {
		fmt.Fprintf(w, "%s: no 277CA claim acknowledgments\n", f.File)
	}
	for _, a := range f.Acknowledgments {
		var acc, rej, pen int
		for _, s := range a.Summaries {
			switch s.Outcome {
			case ack277.Accepted:
				acc++
			case ack277.Rejected:
				rej++
			default:
				pen++
			}
		}
		fmt.Fprintf(w, "%s: 277CA ST %s (ISA %s, GS %s) %s: %s, %d accepted, %d rejected, %d pending\n",
			f.File, a.ControlNumber, a.InterchangeControlNumber, a.GroupControlNumber, ack277From(a.Acknowledgment),
			ack277Plural(len(a.Summaries), "claim"), acc, rej, pen)
		i := 0
		for _, ref := range a.Claims() {
			s := a.Summaries[i]
			i++
			pcn := s.PatientControlNumber
			if pcn == "" {
				pcn = "(no TRN02)"
			}
			line := fmt.Sprintf("  %-20s %-8s", pcn, s.Outcome)
			if n := ref.Claim.PayerClaimControlNumber; n != "" {
				line += "  payer claim " + n
			}
			if n := ref.Claim.ClearinghouseTrace; n != "" {
				line += "  trace " + n
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			for _, r := range s.Reasons {
				if r.Line > 0 {
					fmt.Fprintf(w, "      line %d", r.Line)
					if r.LineItemControlNumber != "" {
						fmt.Fprintf(w, " (%s)", r.LineItemControlNumber)
					}
					fmt.Fprintf(w, ": %s\n", r)
					continue
				}
				fmt.Fprintf(w, "      %s\n", r)
			}
		}
	}
	if len(f.Problems) > 0 || f.Error != "" {
		n := len(f.Problems)
		if f.Error != "" {
			n++
		}
		fmt.Fprintf(w, "  %s (see standard error)\n", ack277Plural(n, "problem"))
	}
}

// ack277From names the information sources of a set: "from payer PAYER
// ONE" or "from clearinghouse X".
func ack277From(a *ack277.Acknowledgment) string {
	s := "from"
	for i, src := range a.Sources {
		if i > 0 {
			s += " and"
		}
		s += " " + string(src.Stage)
		if n := src.Party.Name.FirstLast(); n != "" {
			s += " " + n
		}
	}
	if len(a.Sources) == 0 {
		s += " no information source"
	}
	return s
}

// ack277Plural formats "1 claim", "2 claims".
func ack277Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
