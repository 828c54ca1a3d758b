package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// env carries the standard streams of one invocation, so every
// subcommand can be tested with buffers.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// Exit codes: 0 done, 1 the input has errors (reported), 2 usage or I/O failure.
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// errInputReported says the input had errors that were already written
// to stderr; the exit code is 1.
var errInputReported = errors.New("input has errors")

// usageError is a command-line mistake; the exit code is 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInputReported):
		return exitInput
	case errors.As(err, &ue), errors.Is(err, flag.ErrHelp):
		return exitUsage
	}
	return exitUsage
}

// run is the whole program: it dispatches to a subcommand and writes
// errors to stderr. It never panics on any input.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr, cmds)
		if len(args) == 0 {
			return usagef("no subcommand")
		}
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if err != nil && !errors.Is(err, errInputReported) && !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(stderr, "claimkit %s: %v\n", c.name, err)
			}
			return err
		}
	}
	printUsage(stderr, cmds)
	err := usagef("unknown subcommand %q", args[0])
	fmt.Fprintf(stderr, "claimkit: %v\n", err)
	return err
}

func printUsage(w io.Writer, cmds []command) {
	fmt.Fprintln(w, "usage: claimkit <subcommand> [flags] [files]")
	fmt.Fprintln(w, "subcommands:")
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
}

// newFlags returns a FlagSet for a subcommand that writes its usage to
// the invocation's stderr.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("claimkit "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: claimkit %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{msg: err.Error()}
	}
	return nil
}

// formatFlag adds the usual --format flag with the allowed values.
func formatFlag(fs *flag.FlagSet, def string, allowed ...string) func() (string, error) {
	v := fs.String("format", def, "output format: "+strings.Join(allowed, ", "))
	return func() (string, error) {
		for _, a := range allowed {
			if *v == a {
				return a, nil
			}
		}
		return "", usagef("--format must be one of %s", strings.Join(allowed, ", "))
	}
}

// openInput opens a named file, or stdin for "-".
func openInput(e *env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(e.stdin), nil
	}
	return os.Open(name)
}
