package claims

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadBatch reads arbitrary JSON as a batch. It must not panic; every
// error is an InputError positioned inside the input; a batch that reads
// writes back to JSON that reads to the same batch; and Group on it either
// works or reports item errors.
func FuzzReadBatch(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	more, _ := filepath.Glob("../cmd/claimkit/testdata/claims/*.json")
	for _, p := range append(seeds, more...) {
		if filepath.Base(p) == "batch.schema.json" || filepath.Base(p) == "claims.schema.json" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<16 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"patients":[{"id":"P","name":{"last":"D"}}],"coverages":[{"id":"C","payer":{"name":"M","payer_id":"1"},"subscriber":{"name":{}}}],` +
		`"providers":[{"id":"B","name":{"organization":"A"}}],"charge_items":[{"id":"A","patient_id":"P","coverage_id":"C","billing_provider_id":"B",` +
		`"start":"2026-01-30T09:00:00Z","procedure":{"code":"99457"},"units":"1","charge":"60","place_of_service":"11","diagnoses":["I10"],"status":"ready_to_bill"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"charge_items": null}`))
	f.Add([]byte(`{"charge_items": [{"id": "A", "procedure": {"code": "99457", "modifiers": ["95"]}, "units": 1.5e3}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBatch(bytes.NewReader(data))
		if err != nil {
			var list InputErrors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T is not InputErrors: %v", err, err)
			}
			for _, ie := range list {
				if ie.Offset < 0 || ie.Offset > int64(len(data)) || ie.Line < 1 || ie.Column < 1 {
					t.Fatalf("error outside the input (%d bytes): %+v", len(data), ie)
				}
				if !errors.Is(ie, ErrBadInput) && !errors.Is(ie, ErrInvalidItem) {
					t.Fatalf("error wraps neither ErrBadInput nor ErrInvalidItem: %v", ie)
				}
			}
			return
		}
		first, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := ReadBatch(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("a written batch does not read back: %v\n%s", err, first)
		}
		second, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("round trip changed the batch:\n%s\n%s", first, second)
		}
		if _, err := Group(again, GroupOptions{}); err != nil {
			var list ItemErrors
			if !errors.As(err, &list) {
				t.Fatalf("Group error %T is not ItemErrors: %v", err, err)
			}
		}
	})
}
