package rules

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/claims"
)

// FuzzCheck: claims decoded from any JSON never make Check or Apply
// panic, and every finding names a claim of the batch, a line inside it
// and a field.
func FuzzCheck(f *testing.F) {
	if data, err := os.ReadFile("testdata/mixed.json"); err == nil {
		f.Add(data)
		var in struct {
			Claims []json.RawMessage `json:"claims"`
		}
		if json.Unmarshal(data, &in) == nil {
			for _, c := range in.Claims {
				f.Add([]byte(`{"claims": [` + string(c) + `]}`))
			}
		}
	}
	f.Add([]byte(`{"claims": [{}]}`))
	f.Add([]byte(`{"claims": [{"lines": [{"procedure": {"code": "99458"}, "units": "1e9000", "charge": "-0.001",
		"service": {"from": "0001-01-01", "to": "9999-12-31"}, "diagnosis_pointers": [0, -1, 99]}]}]}`))
	set := mixedSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var in struct {
			Claims []claims.Claim `json:"claims"`
		}
		if json.NewDecoder(bytes.NewReader(data)).Decode(&in) != nil {
			return
		}
		findings := Check(in.Claims, set, asOf)
		ids := map[string]int{}
		for i := range in.Claims {
			ids[claimID(&in.Claims[i])] = i
		}
		for _, fd := range findings {
			if _, ok := ids[fd.ClaimID]; !ok {
				t.Fatalf("finding for an unknown claim: %v", fd)
			}
			if onLine := strings.HasPrefix(fd.Field, "lines["); fd.Line < 0 || (fd.Line > 0) != onLine {
				t.Fatalf("line %d does not match field %q: %v", fd.Line, fd.Field, fd)
			}
			if fd.Severity != Error && fd.Severity != Warning {
				t.Fatalf("severity %q", fd.Severity)
			}
		}
		for i := range in.Claims {
			_, _ = Apply(&in.Claims[i], findings, claims.Change{By: "fuzz"})
		}
	})
}
