package rpm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shopspring/decimal"
)

// MaxInputBytes is the largest JSON document ReadInput accepts.
const MaxInputBytes = 256 << 20

// ReadInput reads an Input from JSON:
//
//	{"episodes": [...], "readings": [...], "time_entries": [...], "fees": {"99454": "47.43"}}
//
// and validates it. Unknown keys are errors; of a repeated key the last
// wins, as with encoding/json. Problems come back as
// InputErrors, each with the byte offset, line and column of the element
// (or value) at fault; an I/O failure comes back as itself.
func ReadInput(r io.Reader) (*Input, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("rpm: read input: %w", err)
	}
	if len(data) > MaxInputBytes {
		return nil, InputErrors{posError(data, MaxInputBytes, "", -1, "", "", fmt.Errorf("%w: larger than %d bytes", ErrBadJSON, MaxInputBytes))}
	}
	ir := inputReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	in := &Input{}
	if off := skipSpace(data, 0); off >= int64(len(data)) || data[off] != '{' || decodeWhole(data, in) != nil {
		// Walk the input to say where each problem is.
		if in = ir.read(); len(ir.errs) > 0 {
			return nil, ir.errs
		}
	}
	if err := in.Validate(); err != nil {
		if ir.raws == nil {
			ir.read()
		}
		list, _ := asInputErrors(err)
		for _, e := range list {
			off := ir.elementOffset(e.Section, e.Index)
			e.Offset = off
			e.Line, e.Column = lineCol(data, off)
		}
		list.sort()
		return nil, list
	}
	return in, nil
}

// decodeWhole decodes data, which must hold one JSON value and nothing
// else, into v, rejecting unknown fields.
func decodeWhole(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if skipSpace(data, dec.InputOffset()) < int64(len(data)) {
		return errors.New("data after the value")
	}
	return nil
}

// inputReader walks the top-level object so that every element's offset
// is known.
type inputReader struct {
	data    []byte
	dec     *json.Decoder
	errs    InputErrors
	raws    map[string]rawSection
	offsets map[string][]int64
}

func posError(data []byte, off int64, section string, index int, id, field string, err error) *InputError {
	off = min(max(off, 0), int64(len(data)))
	line, col := lineCol(data, off)
	return &InputError{Offset: off, Line: line, Column: col, Section: section, Index: index, ID: id, Field: field, Err: err}
}

func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	return line, int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// next returns the offset of the next value: past spaces, commas and colons.
func (ir *inputReader) next() int64 { return skipSpace(ir.data, ir.dec.InputOffset()) }

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// syntax records a syntax error; the walk stops.
func (ir *inputReader) syntax(err error, section string, index int) {
	off := ir.next()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// A Decoder's offsets are not from the start of the input: find
		// the error again over the whole input.
		if errors.As(json.Unmarshal(ir.data, new(json.RawMessage)), &se) {
			off = max(se.Offset-1, 0)
		}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(ir.data))
		err = errors.New("unexpected end of input")
	}
	ir.errs = append(ir.errs, posError(ir.data, off, section, index, "", "", fmt.Errorf("%w: %v", ErrBadJSON, err)))
}

func (ir *inputReader) fail(off int64, section string, index int, field, format string, args ...any) {
	ir.errs = append(ir.errs, posError(ir.data, off, section, index, "", field, fmt.Errorf("%w: "+format, append([]any{ErrBadJSON}, args...)...)))
}

func (ir *inputReader) read() *Input {
	in := &Input{}
	ir.offsets = map[string][]int64{}
	ir.raws = map[string]rawSection{}
	start := ir.next()
	tok, err := ir.dec.Token()
	if err != nil {
		ir.syntax(err, "", -1)
		return nil
	}
	if tok != json.Delim('{') {
		ir.fail(start, "", -1, "", "the input must be a JSON object")
		return nil
	}
	for ir.dec.More() {
		keyOff := ir.next()
		tok, err := ir.dec.Token()
		if err != nil {
			ir.syntax(err, "", -1)
			return nil
		}
		key, _ := tok.(string)
		var ok bool
		switch key {
		case SectionEpisodes:
			in.Episodes, ok = readList[Episode](ir, key)
		case SectionReadings:
			in.Readings, ok = readList[Reading](ir, key)
		case SectionTimeEntries:
			in.TimeEntries, ok = readList[TimeEntry](ir, key)
		case SectionFees:
			off := ir.next()
			var raw json.RawMessage
			if err := ir.dec.Decode(&raw); err != nil {
				ir.syntax(err, key, -1)
				return nil
			}
			ir.raws[key] = rawSection{off: off, raw: raw}
			var fees map[string]decimal.Decimal
			if err := decodeStrict(raw, &fees); err != nil {
				ir.fail(off, key, -1, "", "%v", plainJSONError(err))
			}
			in.Fees, ok = fees, true
		default:
			ir.fail(keyOff, "", -1, "", "unknown key %q", key)
			var skip json.RawMessage
			ok = ir.dec.Decode(&skip) == nil
		}
		if !ok {
			return nil
		}
	}
	if _, err := ir.dec.Token(); err != nil {
		ir.syntax(err, "", -1)
		return nil
	}
	if off := ir.next(); off < int64(len(ir.data)) {
		ir.fail(off, "", -1, "", "data after the top-level object")
	}
	return in
}

// readList reads one array section. The whole list is decoded at once;
// only when that fails is it walked element by element to say which
// element is wrong. It returns false when the walk must stop.
func readList[T any](ir *inputReader, section string) ([]T, bool) {
	off := ir.next()
	var raw json.RawMessage
	if err := ir.dec.Decode(&raw); err != nil {
		ir.syntax(err, section, -1)
		return nil, false
	}
	ir.raws[section] = rawSection{off: off, raw: raw}
	if string(raw) == "null" {
		return nil, true
	}
	if raw[0] != '[' {
		ir.fail(off, section, -1, "", "%s must be a list", section)
		return nil, false
	}
	var out []T
	if err := decodeStrict(raw, &out); err == nil {
		return out, true
	}
	for i, el := range elements(raw) {
		var v T
		if err := decodeStrict(el.raw, &v); err != nil {
			var te *json.UnmarshalTypeError
			field := ""
			if errors.As(err, &te) {
				field = te.Field
			}
			ir.fail(off+el.off, section, i, field, "%v", plainJSONError(err))
		}
	}
	return nil, true
}

// rawSection is a section's JSON and where it starts in the input.
type rawSection struct {
	off int64
	raw []byte
}

type element struct {
	off int64 // from the start of the list
	raw []byte
}

// elements splits a JSON list that decoded as JSON into its elements.
func elements(list []byte) []element {
	dec := json.NewDecoder(bytes.NewReader(list))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var out []element
	for dec.More() {
		off := skipSpace(list, dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			break
		}
		out = append(out, element{off: off, raw: raw})
	}
	return out
}

// elementOffset returns the input offset of element i of a section, or of
// the section when it has no such element.
func (ir *inputReader) elementOffset(section string, i int) int64 {
	rs, ok := ir.raws[section]
	if !ok {
		return 0
	}
	if i >= 0 {
		if ir.offsets[section] == nil {
			for _, el := range elements(rs.raw) {
				ir.offsets[section] = append(ir.offsets[section], rs.off+el.off)
			}
		}
		if offs := ir.offsets[section]; i < len(offs) {
			return offs[i]
		}
	}
	return rs.off
}

func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// plainJSONError drops the "json: " prefix and the Go type names of
// encoding/json's messages.
func plainJSONError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Sprintf("field %q: a JSON %s is not allowed here", te.Field, te.Value)
		}
		return fmt.Sprintf("a JSON %s is not allowed here", te.Value)
	}
	msg := err.Error()
	if len(msg) > 6 && msg[:6] == "json: " {
		msg = msg[6:]
	}
	return msg
}
