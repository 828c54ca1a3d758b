package x12_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

// maxSeed is the largest corpus file used as a fuzz seed.
const maxSeed = 64 << 10

// addSeeds adds every file under testdata (fuzz crashers excluded: the
// fuzzer adds those itself) and every corpus file under 64 KiB.
func addSeeds(f *testing.F) {
	f.Helper()
	_ = filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.Name() == "fuzz" {
				return filepath.SkipDir
			}
			return err
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
		return nil
	})
	if _, err := os.Stat(corpusDir); err == nil {
		_ = filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == "SOURCES.md" {
				return err
			}
			if info, err := d.Info(); err == nil && info.Size() < maxSeed {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	for _, s := range []string{std("\n"), std(""), "\xEF\xBB\xBF" + std("\r\n"), stdISA, "ISA", "ISA*", ""} {
		f.Add([]byte(s))
	}
}

// checkError fails unless err is an *x12.Error positioned inside data
// whose rendering does not panic.
func checkError(t *testing.T, data []byte, err error, d x12.Delimiters) {
	t.Helper()
	var e *x12.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *x12.Error", err, err)
	}
	if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
		t.Fatalf("error %v: offset %d outside the input (%d bytes)", e, e.Pos.Offset, len(data))
	}
	if strings.Contains(e.Error(), "\n") {
		t.Fatalf("Error() has a line break: %q", e.Error())
	}
	_ = x12.Render(e, bytes.NewReader(data), d)
}

// FuzzReader: no panic; every error and problem is an *x12.Error inside
// the input; every segment is inside the input; Render never panics.
func FuzzReader(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, strict := range []bool{false, true} {
			r := x12.NewReader(bytes.NewReader(data))
			r.Strict = strict
			for {
				seg, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					checkError(t, data, err, r.Delimiters())
					if _, again := r.Next(); again != err {
						t.Fatalf("error not sticky: %v then %v", err, again)
					}
					break
				}
				p := seg.Pos
				if p.Offset < 0 || p.Offset+int64(len(seg.Bytes())) > int64(len(data)) {
					t.Fatalf("segment %q at %d outside the input", seg.Bytes(), p.Offset)
				}
				if !bytes.Equal(seg.Bytes(), data[p.Offset:p.Offset+int64(len(seg.Bytes()))]) {
					t.Fatalf("segment %q is not the input at %d", seg.Bytes(), p.Offset)
				}
				for i := 0; i <= seg.Len()+1; i++ {
					_ = seg.Element(i)
					for k := 0; k <= seg.Repetitions(i)+1; k++ {
						_ = x12.Part(seg.Repetition(i, k), seg.Delimiters().Component, 2)
					}
					_ = seg.Component(i, seg.Components(i))
				}
				_ = x12.Render(&x12.Error{Pos: seg.PosAt(seg.Len())}, bytes.NewReader(data), r.Delimiters())
			}
			for _, p := range r.Problems() {
				checkError(t, data, p, r.Delimiters())
			}
		}
	})
}

// FuzzRoundTrip: read, copy every segment to a Writer with the same
// delimiters, read again: the same segments come back.
func FuzzRoundTrip(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		first, out, err := roundTrip(data)
		if len(first) == 0 {
			return // nothing read, nothing to copy
		}
		if err != nil {
			var e *x12.Error
			if !errors.As(err, &e) || errors.Is(err, x12.ErrDelimiterInData) || errors.Is(err, x12.ErrWriterState) {
				t.Fatalf("copy failed: %v", err)
			}
			// The input did not read to its end: the copy holds the
			// segments before the error.
			_, out, _ = roundTripUpTo(data, len(first))
		}
		second, err := readAll(x12.NewReader(bytes.NewReader(out)))
		if err != nil {
			t.Fatalf("reading the copy: %v\ncopy: %q", err, out)
		}
		a, b := texts(first), texts(second)
		if len(a) != len(b) {
			t.Fatalf("%d segments read, %d in the copy\nread: %q\ncopy: %q", len(a), len(b), a, b)
		}
		for i := range a {
			if a[i] != b[i] || first[i].ID != second[i].ID || first[i].Delimiters() != second[i].Delimiters() || first[i].Len() != second[i].Len() {
				t.Fatalf("segment %d: %q (%q) became %q (%q)", i+1, a[i], first[i].Delimiters(), b[i], second[i].Delimiters())
			}
		}
	})
}

// roundTripUpTo copies the first n segments of data.
func roundTripUpTo(data []byte, n int) ([]*x12.Segment, []byte, error) {
	r := x12.NewReader(bytes.NewReader(data))
	var out bytes.Buffer
	var w *x12.Writer
	for range n {
		seg, err := r.Next()
		if err != nil {
			return nil, nil, err
		}
		if w == nil || w.Delimiters() != r.Delimiters() {
			if w != nil {
				w.Close()
			}
			w = x12.NewWriter(&out, r.Delimiters())
			w.Newline = true
		}
		if err := w.CopySegment(seg); err != nil {
			return nil, nil, err
		}
	}
	if w != nil {
		w.Close()
	}
	return nil, out.Bytes(), nil
}

// FuzzDecimal: ParseDecimal never panics; what it accepts the decimal
// package reads as the same number; FormatDecimal writes the strict form,
// which parses back to the same value.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"150", "12.50", "-0.5", "1.", ".5", "007.50", "1E3", "1.5E-2", "+1", "1,000", " 1", "NaN",
		"9999999999999999999", "12345678901234567890.12345", "-", "E", "0.000001", "-9223372036854775808"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := x12.ParseDecimal(b)
		if err != nil {
			if !errors.Is(err, x12.ErrBadNumber) {
				t.Fatalf("ParseDecimal(%q): %v is not ErrBadNumber", b, err)
			}
			return
		}
		if b[0] == '+' || bytes.ContainsAny(b, " ,_xXeN") {
			t.Fatalf("ParseDecimal accepted %q", b)
		}
		if ref, err := decimal.NewFromString(string(b)); err != nil || !ref.Equal(d) {
			t.Fatalf("ParseDecimal(%q) = %s, decimal says %s, %v", b, d.String(), ref.String(), err)
		}
		s := x12.FormatDecimal(d)
		if strings.ContainsAny(s, "+eE") || strings.HasSuffix(s, ".") || strings.Contains(s, ".") && strings.HasSuffix(s, "0") ||
			strings.HasPrefix(s, "-0") && !strings.HasPrefix(s, "-0.") || s == "-0" {
			t.Fatalf("FormatDecimal(%q) = %q is not the strict R form", b, s)
		}
		back, err := x12.ParseDecimal([]byte(s))
		if err != nil || !back.Equal(d) {
			t.Fatalf("FormatDecimal(%q) = %q reads back as %s, %v", b, s, back.String(), err)
		}
		if again := x12.FormatDecimal(back); again != s {
			t.Fatalf("format not stable: %q then %q", s, again)
		}
	})
}

// FuzzDate: the date and time parsers never panic, and what they accept
// formats back to the same text.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"20260115", "20240229", "20250229", "20260101-20260131", "260115", "491231", "500101",
		"1253", "235959", "12533012", "2400", "2026-01-15", "2026-02-30", "0000"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := x12.ParseD8(b); err == nil {
			if !d.Valid() || d.D8() != string(b) {
				t.Fatalf("ParseD8(%q) = %v formats as %q", b, d, d.D8())
			}
		} else if !errors.Is(err, x12.ErrBadDate) {
			t.Fatalf("ParseD8: %v", err)
		}
		if r, err := x12.ParseRD8(b); err == nil {
			if r.RD8() != string(b) || r.To.Before(r.From) || !r.From.Valid() || !r.To.Valid() {
				t.Fatalf("ParseRD8(%q) = %v", b, r)
			}
		} else if !errors.Is(err, x12.ErrBadDate) {
			t.Fatalf("ParseRD8: %v", err)
		}
		if d, err := x12.ParseYYMMDD(b); err == nil {
			if !d.Valid() || d.YYMMDD() != string(b) || d.Year < 1900+x12.PivotYY || d.Year >= 2000+x12.PivotYY {
				t.Fatalf("ParseYYMMDD(%q) = %v", b, d)
			}
		} else if !errors.Is(err, x12.ErrBadDate) {
			t.Fatalf("ParseYYMMDD: %v", err)
		}
		if tm, err := x12.ParseTM(b); err == nil {
			if tm.String() != string(b) {
				t.Fatalf("ParseTM(%q) = %+v formats as %q", b, tm, tm.String())
			}
		} else if !errors.Is(err, x12.ErrBadDate) {
			t.Fatalf("ParseTM: %v", err)
		}
		if d, err := x12.ParseDate(string(b)); err == nil {
			if d.String() != string(b) || !d.Valid() {
				t.Fatalf("ParseDate(%q) = %v", b, d)
			}
			if back, err := x12.ParseD8([]byte(d.D8())); err != nil || back != d {
				t.Fatalf("ParseDate(%q) D8 round trip: %v %v", b, back, err)
			}
		}
	})
}
