package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/claimkit/claimkit/x12"
)

func runFmt(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "fmt", "[--positions] FILE")
	positions := fs.Bool("positions", false, "prefix each segment with its ordinal, byte offset and position in its transaction set")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("fmt needs exactly one FILE")
	}
	in, err := openInput(e, fs.Arg(0))
	if err != nil {
		return err
	}
	defer in.Close()
	r := x12.NewReader(in)
	r.File = fs.Arg(0)
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			w.Flush()
			fmt.Fprintln(e.stderr, err)
			return errInputReported
		}
		if *positions {
			fmt.Fprintf(w, "%6d %8d %5d  ", seg.Pos.Segment, seg.Pos.Offset, seg.Pos.SetPosition)
		}
		w.Write(seg.Bytes())
		w.WriteByte(r.Delimiters().Segment)
		w.WriteByte('\n')
	}
	for _, p := range r.Problems() {
		w.Flush()
		fmt.Fprintln(e.stderr, p)
	}
	if len(r.Problems()) > 0 {
		return errInputReported
	}
	return nil
}
