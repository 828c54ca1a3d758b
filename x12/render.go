package x12

import (
	"bytes"
	"io"
	"strings"
)

// Render returns a multi-line view of e for people: the one-line error,
// then the offending segment read from src at e.Pos.Offset, then a caret
// under the element, repetition and component the error names. d is the
// delimiter set of the interchange (Reader.Delimiters). Non-printable
// bytes are shown as '.'; segments longer than 200 bytes are cut. It
// never panics; a nil e renders as "".
func Render(e *Error, src io.ReaderAt, d Delimiters) string {
	if e == nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(e.Error())
	if src == nil || e.Pos.Offset < 0 {
		return sb.String()
	}
	buf := make([]byte, 200)
	n, _ := src.ReadAt(buf, e.Pos.Offset)
	buf = buf[:max(0, min(n, len(buf)))]
	if d.Segment != 0 {
		if i := bytes.IndexByte(buf, d.Segment); i >= 0 {
			buf = buf[:i]
		}
	}
	if i := bytes.IndexAny(buf, "\r\n"); i >= 0 {
		buf = buf[:i]
	}
	if len(buf) == 0 {
		return sb.String()
	}
	line := make([]byte, len(buf))
	for i, c := range buf {
		if c < 0x20 || c > 0x7e {
			c = '.'
		}
		line[i] = c
	}
	sb.WriteString("\n    ")
	sb.Write(line)
	col := caretColumn(buf, d, e.Pos.Element, e.Pos.Repetition, e.Pos.Component)
	sb.WriteString("\n    ")
	sb.WriteString(strings.Repeat(" ", col))
	sb.WriteString("^")
	return sb.String()
}

// caretColumn returns the byte index in seg where element el (and its
// repetition rep and component comp, 1-based, 0 for the first) starts;
// 0 for the segment ID; len(seg) when the element is beyond the end.
func caretColumn(seg []byte, d Delimiters, el, rep, comp int) int {
	if el <= 0 || d.Element == 0 {
		return 0
	}
	col, n := -1, 0
	for i, c := range seg {
		if c == d.Element {
			n++
			if n == el {
				col = i + 1
				break
			}
		}
	}
	if col < 0 {
		return len(seg)
	}
	end := col
	for end < len(seg) && seg[end] != d.Element {
		end++
	}
	if rep > 1 && d.Repetition != 0 {
		col = nthPart(seg, col, end, d.Repetition, rep)
	}
	if comp > 1 && d.Component != 0 {
		stop := col
		for stop < end && (d.Repetition == 0 || seg[stop] != d.Repetition) {
			stop++
		}
		col = nthPart(seg, col, stop, d.Component, comp)
	}
	return col
}

// nthPart returns the index where the n-th sep-separated part of
// seg[from:to] starts, or to when there are fewer parts.
func nthPart(seg []byte, from, to int, sep byte, n int) int {
	k := 1
	for i := from; i < to; i++ {
		if seg[i] == sep {
			k++
			if k == n {
				return i + 1
			}
		}
	}
	return to
}
