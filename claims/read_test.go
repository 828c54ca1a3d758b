package claims

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestExamplesGroup(t *testing.T) {
	t.Parallel()
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := readExample(t, name)
			res, err := Group(b, GroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := json.MarshalIndent(res.Claims, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".claims.json", append(out, '\n'))
		})
	}
}

func TestReadBatchErrors(t *testing.T) {
	t.Parallel()
	item := `{"id":"CI-1","patient_id":"P","coverage_id":"C","billing_provider_id":"B","start":"2026-01-30T09:00:00Z","end":"2026-01-30T09:20:00Z","procedure":{"code":"99457"},"units":"1","charge":"60","place_of_service":"11","status":"new"}`
	withItem := func(edit func(string) string) string {
		return "{\n  \"charge_items\": [\n    " + item + ",\n    " + edit(item) + "\n  ]\n}"
	}
	tests := []struct {
		name  string
		input string
		want  string
		err   error
	}{
		{"not an object", `[1]`, `claims: line 1, column 1: bad batch input: a batch is a JSON object`, ErrBadInput},
		{"empty", ``, `claims: line 1, column 1: bad batch input: unexpected end of input`, ErrBadInput},
		{"unknown section", `{"items": []}`, `claims: line 1, column 2, field "items": bad batch input: unknown section`, ErrBadInput},
		{"section twice", `{"patients": [], "patients": []}`, `claims: line 1, column 18: patients: bad batch input: section "patients" appears twice`, ErrBadInput},
		{"section not a list", `{"patients": {}}`, `claims: line 1, column 14: patients: bad batch input: patients is not a list`, ErrBadInput},
		{"truncated", `{"charge_items": [{"id": "CI-1"`, `claims: line 1, column 32: charge_items[0]: bad batch input: unexpected end of input`, ErrBadInput},
		{"syntax error", withItem(func(s string) string { return strings.Replace(s, `"units":"1"`, `"units":1x`, 1) }),
			`claims: line 4, column 177: charge_items[1]: bad batch input: invalid character 'x' after object key:value pair`, ErrBadInput},
		{"unknown field", withItem(func(s string) string { return strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2","colour":"red"`, 1) }),
			`claims: line 4, column 18: charge_items[1] (id "CI-2"), field "colour": bad batch input: unknown field`, ErrBadInput},
		{"wrong type", withItem(func(s string) string {
			return strings.Replace(s, `"id":"CI-1","patient_id":"P"`, `"id":"CI-2","patient_id":7`, 1)
		}),
			`claims: line 4, column 18: charge_items[1] (id "CI-2"), field "patient_id": bad batch input: got a number, want a string`, ErrBadInput},
		{"nested wrong type", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `{"code":"99457"}`, `{"code":99457}`, 1)
		}), `claims: line 4, column 139: charge_items[1] (id "CI-2"), field "procedure.code": bad batch input: got a number, want a string`, ErrBadInput},
		{"bad decimal", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `"charge":"60"`, `"charge":"6O.00"`, 1)
		}),
			`claims: line 4, column 180: charge_items[1] (id "CI-2"), field "charge": bad batch input: error decoding string '"6O.00"': can't convert 6O.00 to decimal`, ErrBadInput},
		{"bad time", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `"2026-01-30T09:00:00Z"`, `"2026-13-01"`, 1)
		}),
			`claims: line 4, column 79: charge_items[1] (id "CI-2"), field "start": bad batch input: parsing time "2026-13-01": month out of range`, ErrBadInput},
		{"five modifiers", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `{"code":"99457"}`, `{"code":"99457","modifiers":["A1","A2","A3","A4","A5"]}`, 1)
		}), `claims: line 4, column 139: charge_items[1] (id "CI-2"), field "procedure": bad batch input: too many modifiers: 5 modifiers, at most 4`, ErrTooManyModifiers},
		{"empty modifier", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `{"code":"99457"}`, `{"code":"99457","modifiers":["","95"]}`, 1)
		}), `claims: line 4, column 139: charge_items[1] (id "CI-2"), field "procedure": bad batch input: bad modifier: modifier 1 is empty`, ErrBadModifier},
		{"huge exponent", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `"units":"1"`, `"units":1e9999`, 1)
		}), `claims: line 4, column 168: charge_items[1] (id "CI-2"), field "units": invalid charge item: more than 18 digits`, ErrInvalidItem},
		{"19 digits", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `"charge":"60"`, `"charge":"12345678901234567.89"`, 1)
		}), `claims: line 4, column 180: charge_items[1] (id "CI-2"), field "charge": invalid charge item: more than 18 digits`, ErrInvalidItem},
		{"unknown status", withItem(func(s string) string {
			return strings.Replace(strings.Replace(s, `"id":"CI-1"`, `"id":"CI-2"`, 1), `"status":"new"`, `"status":"approved"`, 1)
		}), `claims: line 4, column 218: charge_items[1] (id "CI-2"), field "status": invalid charge item: unknown status "approved"`, ErrInvalidItem},
		{"duplicate id", withItem(func(s string) string { return s }),
			`claims: line 4, column 6: charge_items[1] (id "CI-1"), field "id": bad batch input: id also used by element 0`, ErrBadInput},
		{"no id", withItem(func(s string) string { return strings.Replace(s, `"id":"CI-1",`, ``, 1) }),
			`claims: line 4, column 5: charge_items[1], field "id": bad batch input: no id`, ErrBadInput},
		{"bad gender", `{"patients": [{"id": "P1", "gender": "X"}]}`,
			`claims: line 1, column 28: patients[0] (id "P1"), field "gender": bad batch input: gender "X" is not F, M or U`, ErrBadInput},
		{"trailing data", `{} {}`, `claims: line 1, column 4: bad batch input: data after the batch object`, ErrBadInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := ReadBatch(strings.NewReader(tc.input))
			if tc.err == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if b != nil || !errors.Is(err, tc.err) {
				t.Fatalf("got %v, %v; want an error wrapping %v", b, err, tc.err)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%T is not an InputError", err)
			}
			if ie.Offset < 0 || ie.Offset > int64(len(tc.input)) {
				t.Errorf("offset %d outside the input", ie.Offset)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}
