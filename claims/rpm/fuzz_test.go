package rpm

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadInput: ReadInput never panics, every problem it reports has a
// position inside the input, and Bill over what it accepts never panics
// and fails only for a missing fee.
func FuzzReadInput(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{}`, `{"episodes": null}`, `[`, `{"fees": {"99454": "1e9999"}}`,
		`{"episodes": [{"id": "E", "patient_id": "P", "program": "rtm", "category": "cbt", "start": "0001-01-01",
		  "coverage_id": "C", "billing_provider_id": "B", "rendering_provider_id": "R", "diagnoses": ["F32"]}],
		  "time_entries": [{"patient_id": "P", "practitioner_id": "R", "program": "rtm", "day": "2026-01-01", "minutes": 1440, "interactive": true}]}`,
	} {
		f.Add([]byte(s))
	}
	asOf := d("2026-03-31")
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ReadInput(bytes.NewReader(data))
		if err != nil {
			var list InputErrors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error without a position: %v", err)
			}
			for _, e := range list {
				if e.Offset < 0 || e.Offset > int64(len(data)) || e.Line < 1 || e.Column < 1 {
					t.Fatalf("position %d (%d:%d) outside the input of %d bytes: %v", e.Offset, e.Line, e.Column, len(data), e)
				}
			}
			return
		}
		for _, opt := range []Options{{}, {Convention: ThresholdMet, SetupMinDays: 2}} {
			if _, err := Bill(in, asOf, opt); err != nil && !errors.Is(err, ErrNoFee) {
				t.Fatalf("Bill: %v", err)
			}
		}
	})
}
