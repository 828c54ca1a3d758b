package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// fileCommand is a subcommand that reads X12 files one by one and
// reports each as text or JSON: inspect, decode, ack277.
type fileCommand[T any] struct {
	name string
	// one reads a file: its result, its problems rendered for stderr,
	// and an I/O failure (which stops the command).
	one func(e *env, file string) (T, []string, error)
	// bad reports whether the file had problems (exit code 1).
	bad func(*T) bool
	// text writes the result for people.
	text func(io.Writer, *T)
	// eachJSON writes one JSON object per file instead of one
	// {"files": [...]} object for all of them.
	eachJSON bool
}

// run parses the flags (--format text|json, then FILE...), reads every
// file in order, writes the results and the rendered problems, and
// returns errInputReported when any file had problems.
func (c fileCommand[T]) run(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, c.name, "[--format text|json] FILE...")
	format := formatFlag(fs, "text", "text", "json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := format()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("%s needs at least one FILE (- for standard input)", c.name)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	all := []T{}
	bad := false
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, rendered, err := c.one(e, name)
		if err != nil {
			return err
		}
		bad = bad || c.bad(&res)
		switch {
		case f == "text":
			c.text(e.stdout, &res)
		case c.eachJSON:
			if err := enc.Encode(res); err != nil {
				return err
			}
		default:
			all = append(all, res)
		}
		for _, r := range rendered {
			fmt.Fprintln(e.stderr, r)
		}
	}
	if f == "json" && !c.eachJSON {
		if err := enc.Encode(map[string]any{"files": all}); err != nil {
			return err
		}
	}
	if bad {
		return errInputReported
	}
	return nil
}
