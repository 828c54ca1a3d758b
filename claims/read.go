package claims

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ErrBadInput: a batch's JSON is malformed or holds a value of the wrong
// form.
var ErrBadInput = errors.New("claims: bad batch input")

// InputError is a problem in a batch's JSON. It names where: the byte
// offset and line:column of the value, the section ("charge_items",
// "patients", ...), the element index and ID, and the field. Error() shows
// codes and IDs, never patient data.
type InputError struct {
	// Offset is the 0-based byte offset; Line and Column are 1-based.
	Offset       int64
	Line, Column int
	// Section is the top-level key; Index the element in its list (-1 for
	// none); ID the element's "id" when it could be read.
	Section string
	Index   int
	ID      string
	// Field is the JSON field inside the element, dotted for nested ones.
	Field string
	Err   error
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("claims: line ")
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteString(", column ")
	b.WriteString(strconv.Itoa(e.Column))
	if e.Section != "" {
		b.WriteString(": ")
		b.WriteString(e.Section)
		if e.Index >= 0 {
			b.WriteString("[")
			b.WriteString(strconv.Itoa(e.Index))
			b.WriteString("]")
		}
	}
	id := e.ID
	if e.Section == "" {
		id = ""
	}
	writeWhere(&b, id, e.Field, e.Err)
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// InputErrors lists the problems of one batch in input order.
type InputErrors []*InputError

// Error returns the first problem and how many more there are.
func (l InputErrors) Error() string { return listError(l) }

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (l InputErrors) Unwrap() []error { return listUnwrap(l) }

// maxInputErrors caps how many element problems ReadBatch collects.
const maxInputErrors = 100

// ReadBatch decodes a Batch from JSON (the form of
// testdata/claims/batch.schema.json). Unknown fields are errors. Every
// element of every section is checked, so the result lists up to 100
// problems as InputErrors; a syntax error ends the reading. Each problem
// wraps ErrBadInput or ErrInvalidItem and names its section, element,
// ID, field and position. On error the Batch is nil.
func ReadBatch(r io.Reader) (*Batch, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	br := &batchReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	b := br.read()
	if len(br.errs) > 0 {
		return nil, br.errs
	}
	return b, nil
}

type batchReader struct {
	data []byte
	dec  *json.Decoder
	errs InputErrors
}

// fail records a problem at offset off and reports whether reading may go on.
func (br *batchReader) fail(off int64, section string, index int, id, field string, err error) bool {
	off = min(max(off, 0), int64(len(br.data)))
	line, col := 1, 1
	for _, c := range br.data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	if !errors.Is(err, ErrBadInput) && !errors.Is(err, ErrInvalidItem) {
		err = fmt.Errorf("%w: %s", ErrBadInput, strings.TrimPrefix(err.Error(), "json: "))
	}
	br.errs = append(br.errs, &InputError{Offset: off, Line: line, Column: col, Section: section, Index: index, ID: id, Field: field, Err: err})
	return len(br.errs) < maxInputErrors
}

// syntax records a decoder error that ends the reading. The Decoder's
// offsets are not absolute, so the position comes from checking the whole
// document, which fails at the same first bad byte.
func (br *batchReader) syntax(err error, section string, index int) {
	off := br.dec.InputOffset()
	var se *json.SyntaxError
	var v any
	if uerr := json.Unmarshal(br.data, &v); errors.As(uerr, &se) {
		off, err = se.Offset-1, se
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || (se != nil && strings.HasSuffix(se.Error(), "end of JSON input")) {
		off = int64(len(br.data))
		err = fmt.Errorf("%w: unexpected end of input", ErrBadInput)
	}
	br.fail(off, section, index, "", "", err)
}

// skipSpace returns the offset of the next byte at or after off that is
// not white space or a comma.
func (br *batchReader) skipSpace(off int64) int64 {
	for off < int64(len(br.data)) && strings.IndexByte(" \t\r\n,:", br.data[off]) >= 0 {
		off++
	}
	return off
}

func (br *batchReader) read() *Batch {
	var b Batch
	tok, err := br.dec.Token()
	if err != nil {
		br.syntax(err, "", -1)
		return nil
	}
	if tok != json.Delim('{') {
		br.fail(0, "", -1, "", "", fmt.Errorf("%w: a batch is a JSON object", ErrBadInput))
		return nil
	}
	seen := map[string]bool{}
	for br.dec.More() {
		keyOff := br.skipSpace(br.dec.InputOffset())
		tok, err := br.dec.Token()
		if err != nil {
			br.syntax(err, "", -1)
			return nil
		}
		key, _ := tok.(string)
		if seen[key] {
			br.fail(keyOff, key, -1, "", "", fmt.Errorf("%w: section %q appears twice", ErrBadInput, key))
			return nil
		}
		seen[key] = true
		var ok bool
		switch key {
		case "patients":
			b.Patients, ok = readList(br, key, checkPatient)
		case "coverages":
			b.Coverages, ok = readList(br, key, checkCoverage)
		case "providers":
			b.Providers, ok = readList(br, key, func(*Provider) (string, error) { return "", nil })
		case "facilities":
			b.Facilities, ok = readList(br, key, func(*Facility) (string, error) { return "", nil })
		case "charge_items":
			b.Items, ok = readList(br, key, checkItemValues)
		default:
			br.fail(keyOff, "", -1, "", key, fmt.Errorf("%w: unknown section", ErrBadInput))
			return nil
		}
		if !ok {
			return nil
		}
	}
	if _, err := br.dec.Token(); err != nil {
		br.syntax(err, "", -1)
		return nil
	}
	if off := br.skipSpace(br.dec.InputOffset()); off < int64(len(br.data)) {
		br.fail(off, "", -1, "", "", fmt.Errorf("%w: data after the batch object", ErrBadInput))
		return nil
	}
	return &b
}

// readList reads one section: null or a list of objects, each decoded
// strictly into T, checked by check, and with a unique "id".
func readList[T any](br *batchReader, section string, check func(*T) (string, error)) ([]T, bool) {
	tok, err := br.dec.Token()
	if err != nil {
		br.syntax(err, section, -1)
		return nil, false
	}
	if tok == nil {
		return nil, true
	}
	if tok != json.Delim('[') {
		br.fail(br.dec.InputOffset()-1, section, -1, "", "", fmt.Errorf("%w: %s is not a list", ErrBadInput, section))
		return nil, false
	}
	var out []T
	ids := map[string]int{}
	for i := 0; br.dec.More(); i++ {
		var raw json.RawMessage
		if err := br.dec.Decode(&raw); err != nil {
			br.syntax(err, section, i)
			return nil, false
		}
		start := br.dec.InputOffset() - int64(len(raw))
		var v T
		id := rawID(raw)
		if off, field, err := decodeStrict(raw, &v); err != nil {
			if !br.fail(start+off, section, i, id, field, err) {
				return nil, false
			}
			continue
		}
		if field, err := check(&v); err != nil {
			if !br.fail(start+fieldOffset(raw, field), section, i, id, field, err) {
				return nil, false
			}
			continue
		}
		if id == "" {
			if !br.fail(start, section, i, "", "id", fmt.Errorf("%w: no id", ErrBadInput)) {
				return nil, false
			}
			continue
		}
		if j, dup := ids[id]; dup {
			if !br.fail(start+fieldOffset(raw, "id"), section, i, id, "id", fmt.Errorf("%w: id also used by element %d", ErrBadInput, j)) {
				return nil, false
			}
			continue
		}
		ids[id] = i
		out = append(out, v)
	}
	if _, err := br.dec.Token(); err != nil {
		br.syntax(err, section, -1)
		return nil, false
	}
	return out, true
}

// decodeStrict decodes raw into v rejecting unknown fields. On error it
// returns the offset inside raw and the field to blame.
func decodeStrict(raw []byte, v any) (int64, string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return 0, "", nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		return fieldOffset(raw, topField(field)), field, fmt.Errorf("%w: got %s, want %s", ErrBadInput, jsonKind(te.Value), wantKind(te.Type))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return fieldOffset(raw, name), name, fmt.Errorf("%w: unknown field", ErrBadInput)
	}
	// An error from a field's own decoder (a decimal, a date, a time,
	// modifiers) does not say which field: find it by decoding the fields
	// one at a time.
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			one, _ := json.Marshal(map[string]json.RawMessage{k: fields[k]})
			probe := newLike(v)
			if perr := json.Unmarshal(one, probe); perr != nil {
				return fieldOffset(raw, k), k, &causeError{ErrBadInput, perr}
			}
		}
	}
	return 0, "", err
}

// causeError is a sentinel with the cause that a field's decoder gave,
// so that errors.Is sees both.
type causeError struct {
	sentinel, cause error
}

func (e *causeError) Error() string {
	msg := strings.TrimPrefix(strings.TrimPrefix(e.cause.Error(), "json: "), "claims: ")
	return e.sentinel.Error() + ": " + msg
}

func (e *causeError) Unwrap() []error { return []error{e.sentinel, e.cause} }

func topField(f string) string {
	if i := strings.IndexByte(f, '.'); i >= 0 {
		return f[:i]
	}
	return f
}

func jsonKind(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "string", "number", "bool":
		return "a " + v
	}
	if strings.HasPrefix(v, "number") {
		return "a number"
	}
	return v
}

// wantKind names the JSON a Go type is read from.
func wantKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another type"
}

// newLike returns a pointer to a new zero value of v's element type.
func newLike(v any) any {
	switch v.(type) {
	case *ChargeItem:
		return new(ChargeItem)
	case *Patient:
		return new(Patient)
	case *Coverage:
		return new(Coverage)
	case *Provider:
		return new(Provider)
	case *Facility:
		return new(Facility)
	}
	return new(map[string]any)
}

// rawID returns the element's "id" string, or "".
func rawID(raw []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(v.ID, &s) != nil {
		return ""
	}
	return s
}

// fieldOffset returns the offset of the key "field" at the top level of
// the object raw, or 0 when it is not there.
func fieldOffset(raw []byte, field string) int64 {
	if field == "" {
		return 0
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0
	}
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return 0
		}
		if k, _ := tok.(string); k == field {
			// Skip the comma and spaces before the key.
			for off < int64(len(raw)) && raw[off] != '"' {
				off++
			}
			return off
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return 0
		}
	}
	return 0
}

func checkItemValues(it *ChargeItem) (string, error) {
	switch {
	case !plainDigits(it.Units):
		return "units", fmt.Errorf("%w: more than %d digits", ErrInvalidItem, MaxDigits)
	case !plainDigits(it.Charge):
		return "charge", fmt.Errorf("%w: more than %d digits", ErrInvalidItem, MaxDigits)
	case !it.Status.Valid():
		return "status", fmt.Errorf("%w: unknown status %q", ErrInvalidItem, it.Status)
	case it.Telecare != "" && it.Telecare != TelecareNone && !it.Telecare.IsRemote():
		return "telecare", fmt.Errorf("%w: telecare %q is not none, video, audio or async", ErrInvalidItem, it.Telecare)
	case it.UnitType != "" && it.UnitType != Units && it.UnitType != Minutes:
		return "unit_type", fmt.Errorf("%w: unit type %q is not UN or MJ", ErrInvalidItem, it.UnitType)
	}
	return "", nil
}

func checkPatient(p *Patient) (string, error) {
	switch p.Gender {
	case "", GenderFemale, GenderMale, GenderUnknown:
		return "", nil
	}
	return "gender", fmt.Errorf("%w: gender %q is not F, M or U", ErrBadInput, p.Gender)
}

func checkCoverage(c *Coverage) (string, error) {
	switch c.Priority {
	case "", Primary, Secondary, Tertiary:
		return "", nil
	}
	return "priority", fmt.Errorf("%w: priority %q is not P, S or T", ErrBadInput, c.Priority)
}
