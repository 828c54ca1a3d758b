package ack277

import (
	"cmp"
	"slices"
	"testing"
)

func TestCodeTablesSortedAndUnique(t *testing.T) {
	t.Parallel()
	if !slices.IsSortedFunc(categories[:], func(a, b categoryEntry) int { return cmp.Compare(a.code, b.code) }) {
		t.Error("categories not sorted")
	}
	if !slices.IsSortedFunc(statusCodes[:], func(a, b statusEntry) int { return cmp.Compare(a.code, b.code) }) {
		t.Error("status codes not sorted")
	}
	if !slices.IsSortedFunc(entities[:], func(a, b entityEntry) int { return cmp.Compare(a.code, b.code) }) {
		t.Error("entities not sorted")
	}
	for i := 1; i < len(categories); i++ {
		if categories[i].code == categories[i-1].code {
			t.Errorf("duplicate category %s", categories[i].code)
		}
	}
	for i := 1; i < len(statusCodes); i++ {
		if statusCodes[i].code == statusCodes[i-1].code {
			t.Errorf("duplicate status code %d", statusCodes[i].code)
		}
	}
	for i := 1; i < len(entities); i++ {
		if entities[i].code == entities[i-1].code {
			t.Errorf("duplicate entity %s", entities[i].code)
		}
	}
}

func TestCategoryOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		c     Category
		want  Outcome
		known bool
	}{
		{"A0", Pending, true}, {"A1", Pending, true}, {"A2", Accepted, true}, {"A3", Rejected, true},
		{"A4", Rejected, true}, {"A5", Accepted, true}, {"A6", Rejected, true}, {"A7", Rejected, true},
		{"A8", Rejected, true}, {"E0", Rejected, true}, {"E1", Pending, true}, {"E2", Pending, true},
		{"E3", Rejected, true}, {"E4", Rejected, true}, {"P1", Pending, true}, {"R4", Pending, true},
		{"R16", Pending, true}, {"F3N", Accepted, true}, {"D0", Pending, true},
		{"X9", Pending, false}, {"", Pending, false}, {"a2", Pending, false},
	}
	for _, tt := range tests {
		if got := tt.c.Outcome(); got != tt.want {
			t.Errorf("%q.Outcome() = %s, want %s", tt.c, got, tt.want)
		}
		if got := tt.c.Known(); got != tt.known {
			t.Errorf("%q.Known() = %v", tt.c, got)
		}
		if (tt.c.Description() != "") != tt.known {
			t.Errorf("%q.Description() = %q", tt.c, tt.c.Description())
		}
	}
}

func TestDescriptions(t *testing.T) {
	t.Parallel()
	status := map[string]string{
		"0":     "Cannot provide further status electronically",
		"21":    "Missing or invalid information",
		"562":   "Entity's National Provider Identifier (NPI)",
		"755":   "Entity's primary identifier",
		"36":    "",
		"":      "",
		"abc":   "",
		"-1":    "",
		"99999": "",
		"70000": "",
	}
	for code, want := range status {
		if got := StatusDescription(code); got != want {
			t.Errorf("StatusDescription(%q) = %q, want %q", code, got, want)
		}
	}
	entity := map[string]string{"85": "Billing provider", "IL": "Insured or subscriber", "QC": "Patient", "XX": "", "": ""}
	for code, want := range entity {
		if got := EntityDescription(code); got != want {
			t.Errorf("EntityDescription(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestStatusOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    Status
		want Outcome
	}{
		{"A2 accepted", Status{Codes: []StatusCode{{Category: "A2", Code: "20"}}, Action: ActionAccept}, Accepted},
		{"A7 with WQ is still a rejection", Status{Codes: []StatusCode{{Category: "A7", Code: "562"}}, Action: ActionAccept}, Rejected},
		{"unknown category with U", Status{Codes: []StatusCode{{Category: "X9"}}, Action: ActionReject}, Rejected},
		{"unknown category with WQ", Status{Codes: []StatusCode{{Category: "X9"}}, Action: ActionAccept}, Pending},
		{"A1 receipt", Status{Codes: []StatusCode{{Category: "A1", Code: "19"}}}, Pending},
		{"rejection in STC10", Status{Codes: []StatusCode{{Category: "A2"}, {Category: "A6", Code: "164"}}}, Rejected},
		{"no codes", Status{}, Pending},
	}
	for _, tt := range tests {
		if got := tt.s.Outcome(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestClaimOutcomeFromLines(t *testing.T) {
	t.Parallel()
	acc := &Line{Statuses: []*Status{{Codes: []StatusCode{{Category: "A2"}}}}}
	rej := &Line{Statuses: []*Status{{Codes: []StatusCode{{Category: "A7"}}}}}
	tests := []struct {
		name  string
		lines []*Line
		want  Outcome
	}{
		{"no lines", nil, Pending},
		{"all accepted", []*Line{acc, acc}, Accepted},
		{"all rejected", []*Line{rej}, Rejected},
		{"mixed", []*Line{acc, rej}, Pending},
	}
	for _, tt := range tests {
		c := &Claim{Lines: tt.lines}
		if got := c.Outcome(); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
