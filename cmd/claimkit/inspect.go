package main

import (
	"context"
	"fmt"
	"io"

	"github.com/claimkit/claimkit/x12"
)

type inspectSet struct {
	ID            string `json:"id"`
	ControlNumber string `json:"control_number"`
	Version       string `json:"version,omitempty"`
	Segments      int    `json:"segments"`
}

type inspectGroup struct {
	x12.GroupHeader
	Sets []inspectSet `json:"transaction_sets"`
}

type inspectInterchange struct {
	x12.InterchangeHeader
	Delimiters string         `json:"delimiters"`
	Groups     []inspectGroup `json:"groups"`
}

type inspectFile struct {
	File         string               `json:"file"`
	Segments     int                  `json:"segments"`
	Interchanges []inspectInterchange `json:"interchanges"`
	Problems     []inspectProblem     `json:"problems"`
	Error        string               `json:"error,omitempty"`
}

func runInspect(ctx context.Context, e *env, args []string) error {
	return fileCommand[inspectFile]{
		name: "inspect",
		one:  inspectOne,
		bad:  func(f *inspectFile) bool { return len(f.Problems) > 0 || f.Error != "" },
		text: writeInspectText,
	}.run(ctx, e, args)
}

// inspectOne reads one file; an I/O failure is returned, a syntax error
// is recorded in the result.
func inspectOne(e *env, name string) (inspectFile, []string, error) {
	res := inspectFile{File: name, Interchanges: []inspectInterchange{}, Problems: []inspectProblem{}}
	in, err := openInput(e, name)
	if err != nil {
		return res, nil, err
	}
	defer in.Close()
	r := x12.NewReader(in)
	r.File = name
	var fatal error
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fatal = err
			break
		}
		res.Segments++
		switch seg.ID {
		case "ISA":
			d := r.Delimiters()
			ds := string([]byte{d.Element, d.Component, d.Segment})
			if d.Repetition != 0 {
				ds += string([]byte{d.Repetition})
			}
			res.Interchanges = append(res.Interchanges, inspectInterchange{InterchangeHeader: r.Interchange(), Delimiters: ds, Groups: []inspectGroup{}})
		case "GS":
			if n := len(res.Interchanges); n > 0 {
				ic := &res.Interchanges[n-1]
				ic.Groups = append(ic.Groups, inspectGroup{GroupHeader: r.Group(), Sets: []inspectSet{}})
			}
		case "ST":
			if g := lastGroup(&res); g != nil {
				st := r.Set()
				g.Sets = append(g.Sets, inspectSet{ID: st.ID, ControlNumber: st.ControlNumber, Version: st.Version})
			}
		}
		if r.InSet() || seg.ID == "SE" {
			if g := lastGroup(&res); g != nil && len(g.Sets) > 0 {
				g.Sets[len(g.Sets)-1].Segments = seg.Pos.SetPosition
			}
		}
	}
	rep, err := reportFile(in, r.Delimiters(), r.Problems(), fatal)
	res.Problems, res.Error = rep.Problems, rep.Error
	return res, rep.Rendered, err
}

func lastGroup(res *inspectFile) *inspectGroup {
	if n := len(res.Interchanges); n > 0 {
		ic := &res.Interchanges[n-1]
		if m := len(ic.Groups); m > 0 {
			return &ic.Groups[m-1]
		}
	}
	return nil
}

func writeInspectText(w io.Writer, f *inspectFile) {
	fmt.Fprintf(w, "%s: %d segments, %d interchanges\n", f.File, f.Segments, len(f.Interchanges))
	for _, ic := range f.Interchanges {
		fmt.Fprintf(w, "  ISA %s  %s:%s -> %s:%s  %s  version %s  usage %s  delimiters %q\n",
			ic.ControlNumber, ic.SenderQualifier, ic.SenderID, ic.ReceiverQualifier, ic.ReceiverID,
			ic.Date, ic.Version, ic.Usage, ic.Delimiters)
		for _, g := range ic.Groups {
			fmt.Fprintf(w, "    GS %s  %s  %s  %d transaction sets\n", g.ControlNumber, g.FunctionalID, g.Version, len(g.Sets))
			for _, s := range g.Sets {
				fmt.Fprintf(w, "      ST %s %s  %d segments\n", s.ID, s.ControlNumber, s.Segments)
			}
		}
	}
	if len(f.Problems) == 0 && f.Error == "" {
		fmt.Fprintln(w, "  no envelope problems")
		return
	}
	fmt.Fprintf(w, "  %d envelope problems\n", len(f.Problems))
	if f.Error != "" {
		fmt.Fprintln(w, "  reading stopped at a syntax error (on stderr)")
	}
}
