package main

import (
	"errors"
	"io"
	"os"

	"github.com/claimkit/claimkit/x12"
)

// inspectProblem is the JSON form of a positioned problem, shared by
// every subcommand that reads X12.
type inspectProblem struct {
	Position x12.Position `json:"position"`
	Code     x12.Code     `json:"code"`
	Message  string       `json:"message"`
}

// fileReport is what a subcommand reports about one input file besides
// its decoded content: the problems (JSON form), the lines for stderr
// (each problem with its segment and a caret) and the fatal error.
type fileReport struct {
	Problems []inspectProblem
	Rendered []string
	Error    string
}

// reportFile renders the problems and the fatal error of one input
// file. in is the opened input: when it is a file, the renderer reads the
// offending segments back from it. A fatal error that is not positioned
// (an I/O failure) is returned as it is.
func reportFile(in io.Reader, d x12.Delimiters, problems x12.ErrorList, fatal error) (fileReport, error) {
	rep := fileReport{Problems: []inspectProblem{}}
	var ra io.ReaderAt
	if f, ok := in.(*os.File); ok {
		ra = f
	}
	for _, p := range problems {
		rep.Problems = append(rep.Problems, inspectProblem{Position: p.Pos, Code: p.Code, Message: p.Error()})
		rep.Rendered = append(rep.Rendered, x12.Render(p, ra, d))
	}
	if fatal != nil {
		var xe *x12.Error
		if !errors.As(fatal, &xe) {
			return rep, fatal
		}
		rep.Error = xe.Error()
		rep.Rendered = append(rep.Rendered, x12.Render(xe, ra, d))
	}
	return rep, nil
}
