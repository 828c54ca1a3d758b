package claims

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// The JSON Schemas in testdata/claims describe the batch (input) and the
// claims (output of claims build). These tests keep them true: every Go
// struct's JSON fields are the schema's properties, and the examples and
// golden outputs validate against them.

// schemaSet validates documents against the subset of JSON Schema 2020-12
// the schemas use: type, enum, pattern, minLength, maxLength, properties,
// additionalProperties false, required, items, minItems, maxItems,
// minimum, maximum and $ref (to #/$defs/X in the same or a sibling file).
type schemaSet struct {
	dir   string
	files map[string]map[string]any
}

func (s *schemaSet) load(t *testing.T, file string) map[string]any {
	t.Helper()
	if doc, ok := s.files[file]; ok {
		return doc
	}
	raw, err := os.ReadFile(filepath.Join(s.dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	s.files[file] = doc
	return doc
}

func (s *schemaSet) resolve(t *testing.T, file, ref string) (string, map[string]any) {
	target, frag, _ := strings.Cut(ref, "#")
	if target != "" {
		file = target
	}
	node := s.load(t, file)
	for _, part := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if part == "" {
			continue
		}
		next, ok := node[part].(map[string]any)
		if !ok {
			t.Fatalf("%s: $ref %q does not resolve", file, ref)
		}
		node = next
	}
	return file, node
}

// validate returns the problems of v against schema (from file) at path.
func (s *schemaSet) validate(t *testing.T, file string, schema map[string]any, v any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		f, sub := s.resolve(t, file, ref)
		return s.validate(t, f, sub, v, path)
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		fail("%v is not one of %v", v, enum)
	}
	if typ, ok := schema["type"]; ok {
		var types []string
		switch tv := typ.(type) {
		case string:
			types = []string{tv}
		case []any:
			for _, x := range tv {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
			fail("%s is not %v", jsonType(v), types)
			return errs
		}
	}
	switch x := v.(type) {
	case string:
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			fail("%q does not match %s", x, p)
		}
		if n, ok := schema["minLength"].(float64); ok && len(x) < int(n) {
			fail("%q is shorter than %v", x, n)
		}
		if n, ok := schema["maxLength"].(float64); ok && len(x) > int(n) {
			fail("%q is longer than %v", x, n)
		}
	case float64:
		if n, ok := schema["minimum"].(float64); ok && x < n {
			fail("%v is below %v", x, n)
		}
		if n, ok := schema["maximum"].(float64); ok && x > n {
			fail("%v is above %v", x, n)
		}
	case []any:
		if n, ok := schema["minItems"].(float64); ok && len(x) < int(n) {
			fail("%d items, at least %v", len(x), n)
		}
		if n, ok := schema["maxItems"].(float64); ok && len(x) > int(n) {
			fail("%d items, at most %v", len(x), n)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, s.validate(t, file, items, e, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for k, e := range x {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if schema["additionalProperties"] == false {
					fail("unexpected property %q", k)
				}
				continue
			}
			errs = append(errs, s.validate(t, file, sub, e, path+"."+k)...)
		}
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					fail("missing %q", r)
				}
			}
		}
	}
	return errs
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func newSchemaSet() *schemaSet {
	return &schemaSet{dir: examplesDir, files: map[string]map[string]any{}}
}

func validateFile(t *testing.T, s *schemaSet, schemaFile string, doc []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return s.validate(t, schemaFile, s.load(t, schemaFile), v, "$")
}

func TestExamplesMatchSchema(t *testing.T) {
	t.Parallel()
	s := newSchemaSet()
	for _, name := range examples {
		raw, err := os.ReadFile(filepath.Join(examplesDir, name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range validateFile(t, s, "batch.schema.json", raw) {
			t.Errorf("%s: %s", name, e)
		}
		claimsJSON, err := os.ReadFile(filepath.Join("testdata", name+".claims.json"))
		if err != nil {
			t.Fatal(err)
		}
		wrapped := append(append([]byte(`{"claims": `), claimsJSON...), '}')
		for _, e := range validateFile(t, s, "claims.schema.json", wrapped) {
			t.Errorf("%s claims: %s", name, e)
		}
	}
}

// TestSchemaRejects makes sure the validator can fail.
func TestSchemaRejects(t *testing.T) {
	t.Parallel()
	s := newSchemaSet()
	raw, err := os.ReadFile(filepath.Join(examplesDir, "rpm-month.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ from, to, want string }{
		{`"status": "new"`, `"status": "approved"`, `$.charge_items[7].status: approved is not one of`},
		{`"units": "1"`, `"units": "1,0"`, `$.charge_items[0].units: "1,0" does not match`},
		{`"business_unit": "RPM",`, `"business_unit": "RPM", "colour": "red",`, `$.charge_items[0]: unexpected property "colour"`},
		{`"diagnoses": ["I10", "E1165"]`, `"diagnoses": ["I10", "E11.65"]`, `$.charge_items[0].diagnoses[1]: "E11.65" does not match`},
		{`"procedure": {"code": "99453"}`, `"procedure": {"code": "99453", "modifiers": ["95", "GT", "GP", "25", "59"]}`, `$.charge_items[0].procedure.modifiers: 5 items, at most 4`},
	} {
		doc := strings.Replace(string(raw), tc.from, tc.to, 1)
		errs := validateFile(t, s, "batch.schema.json", []byte(doc))
		if len(errs) == 0 || !strings.HasPrefix(errs[0], tc.want) {
			t.Errorf("%s: got %v, want %q", tc.to, errs, tc.want)
		}
	}
}

// TestSchemaMatchesTypes checks that each schema definition lists exactly
// the JSON fields of its Go type.
func TestSchemaMatchesTypes(t *testing.T) {
	t.Parallel()
	s := newSchemaSet()
	for _, tc := range []struct {
		file, def string
		typ       reflect.Type
	}{
		{"batch.schema.json", "", reflect.TypeFor[Batch]()},
		{"batch.schema.json", "Name", reflect.TypeFor[Name]()},
		{"batch.schema.json", "Address", reflect.TypeFor[Address]()},
		{"batch.schema.json", "Provider", reflect.TypeFor[Provider]()},
		{"batch.schema.json", "Facility", reflect.TypeFor[Facility]()},
		{"batch.schema.json", "Payer", reflect.TypeFor[Payer]()},
		{"batch.schema.json", "Person", reflect.TypeFor[Person]()},
		{"batch.schema.json", "Patient", reflect.TypeFor[Patient]()},
		{"batch.schema.json", "Coverage", reflect.TypeFor[Coverage]()},
		{"batch.schema.json", "Procedure", reflect.TypeFor[Procedure]()},
		{"batch.schema.json", "ChargeItem", reflect.TypeFor[ChargeItem]()},
		{"claims.schema.json", "Claim", reflect.TypeFor[Claim]()},
		{"claims.schema.json", "ClaimLine", reflect.TypeFor[ClaimLine]()},
		{"claims.schema.json", "StatusChange", reflect.TypeFor[StatusChange]()},
		{"claims.schema.json", "DateRange", reflect.TypeFor[x12.DateRange]()},
	} {
		node := s.load(t, tc.file)
		if tc.def != "" {
			_, node = s.resolve(t, tc.file, "#/$defs/"+tc.def)
		}
		props, _ := node["properties"].(map[string]any)
		var inSchema []string
		for k := range props {
			inSchema = append(inSchema, k)
		}
		slices.Sort(inSchema)
		inGo := jsonFields(tc.typ)
		slices.Sort(inGo)
		if !slices.Equal(inSchema, inGo) {
			t.Errorf("%s %s: schema has %v, Go type %s has %v", tc.file, tc.def, inSchema, tc.typ, inGo)
		}
	}
}

// jsonFields lists the JSON names of a struct's fields, with embedded
// structs flattened as encoding/json does.
func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}
