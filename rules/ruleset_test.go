package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func readJSON(t testing.TB, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatal(err)
	}
}

// mixedSet is the default rule set with the profiles of testdata.
func mixedSet(t testing.TB) RuleSet {
	t.Helper()
	var profiles []PayerProfile
	readJSON(t, "profiles.json", &profiles)
	set := DefaultRuleSet()
	for _, p := range profiles {
		var err error
		if set, err = set.WithProfile(p); err != nil {
			t.Fatal(err)
		}
	}
	return set
}

var changeAt = time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)

func TestMixedBatchGolden(t *testing.T) {
	t.Parallel()
	var in struct {
		Claims []claims.Claim `json:"claims"`
	}
	readJSON(t, "mixed.json", &in)
	findings := Check(in.Claims, mixedSet(t), asOf)
	type claimOut struct {
		ClaimID  string                `json:"claim_id"`
		Status   claims.ClaimStatus    `json:"status"`
		History  []claims.StatusChange `json:"history"`
		Findings []Finding             `json:"findings"`
	}
	var out struct {
		Claims []claimOut `json:"claims"`
	}
	for i := range in.Claims {
		c := &in.Claims[i]
		mine, err := Apply(c, findings, claims.Change{By: "scrubber", At: changeAt})
		if err != nil {
			t.Fatal(err)
		}
		if mine == nil {
			mine = []Finding{}
		}
		out.Claims = append(out.Claims, claimOut{claimID(c), c.Status, c.History, mine})
	}
	got, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "mixed.findings.json", append(got, '\n'))
}

func TestNewRuleSetErrors(t *testing.T) {
	t.Parallel()
	check := func(*Batch, *Report) {}
	for _, tt := range []struct {
		name  string
		rules []Rule
		want  string
	}{
		{"no ID", []Rule{{Severity: Error, Check: check}}, "rules: rule 0 has no ID"},
		{"no check", []Rule{{ID: "A", Severity: Error}}, "rules: rule A has no check"},
		{"bad severity", []Rule{{ID: "A", Severity: "fatal", Check: check}}, `rules: rule A: severity "fatal" is not error or warning`},
		{"twice", []Rule{{ID: "A", Severity: Error, Check: check}, {ID: "A", Severity: Warning, Check: check}}, "rules: rule A is listed twice"},
	} {
		if _, err := NewRuleSet(tt.rules...); err == nil || err.Error() != tt.want {
			t.Errorf("%s: got %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestRuleSetIsImmutable(t *testing.T) {
	t.Parallel()
	base := DefaultRuleSet()
	n := len(base.Rules())
	warn, err := base.WithSeverity("NPI-CHECK-DIGIT", Warning)
	if err != nil {
		t.Fatal(err)
	}
	fewer := base.Without("NPI-CHECK-DIGIT", "MEMBER-ID")
	strict, err := base.WithProfile(PayerProfile{TelehealthModifiers: ModifiersNever})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := base.Rule("NPI-CHECK-DIGIT"); r.Severity != Error {
		t.Error("WithSeverity changed the original")
	}
	if r, _ := warn.Rule("NPI-CHECK-DIGIT"); r.Severity != Warning {
		t.Error("WithSeverity did not change the copy")
	}
	if len(base.Rules()) != n || len(fewer.Rules()) != n-2 {
		t.Errorf("Without: %d and %d rules, want %d and %d", len(base.Rules()), len(fewer.Rules()), n, n-2)
	}
	if base.Profile("X").TelehealthModifiers != ModifiersOnTelehealthPOS || strict.Profile("X").TelehealthModifiers != ModifiersNever {
		t.Error("WithProfile changed the original or not the copy")
	}
	rs := base.Rules()
	rs[0].ID = "CHANGED"
	if base.Rules()[0].ID == "CHANGED" {
		t.Error("Rules aliases the set")
	}
	if _, err := base.WithSeverity("NO-SUCH-RULE", Warning); err == nil {
		t.Error("WithSeverity of an unknown rule")
	}

	c := rpmClaim()
	c.Rendering.NPI = "1234567890"
	cs := []claims.Claim{c}
	if got := findingsOf(Check(cs, warn, asOf), "NPI-CHECK-DIGIT"); len(got) != 1 || !HasErrors(Check(cs, base, asOf)) || HasErrors(Check(cs, warn, asOf)) {
		t.Errorf("severity override: %v", got)
	}
	if got := findingsOf(Check(cs, fewer, asOf), "NPI-CHECK-DIGIT"); len(got) != 0 {
		t.Errorf("rule left out still runs: %v", got)
	}
}

func TestProfiles(t *testing.T) {
	t.Parallel()
	set := mixedSet(t)
	uhc := set.Profile("87726")
	if uhc.TelehealthModifiers != ModifiersAlways || uhc.TimelyFilingDays != 90 || uhc.TimelyFilingWarnDays != 30 ||
		len(uhc.TelehealthPOS) != 2 || len(uhc.RPMDiagnoses) != 6 {
		t.Errorf("87726 profile: %+v", uhc)
	}
	if def := set.Profile("00952"); def.TimelyFilingDays != 365 || def.TelehealthModifiers != ModifiersOnTelehealthPOS {
		t.Errorf("default profile: %+v", def)
	}
	for _, p := range []PayerProfile{
		{TelehealthModifiers: "sometimes"},
		{TelehealthPOS: []claims.PlaceOfService{"2"}},
		{TimelyFilingDays: -1},
	} {
		if _, err := set.WithProfile(p); !errors.Is(err, ErrProfile) {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func TestApply(t *testing.T) {
	t.Parallel()
	ch := claims.Change{By: "scrubber", At: changeAt}
	bad := func() claims.Claim { c := rpmClaim(); c.Coverage.Subscriber.MemberID = ""; return c }
	warnOnly := func() claims.Claim { c := rpmClaim(); c.Lines[0].Procedure.Modifiers = mods("TC"); return c }
	for _, tt := range []struct {
		name      string
		claim     func() claims.Claim
		status    claims.ClaimStatus
		want      claims.ClaimStatus
		history   []string
		wantError error
	}{
		{"clean draft", rpmClaim, claims.Draft, claims.ReadyToSubmit, []string{"draft>ready_to_submit: validation passed"}, nil},
		{"warnings only", warnOnly, "", claims.ReadyToSubmit, []string{"draft>ready_to_submit: validation passed"}, nil},
		{"failing draft", bad, claims.Draft, claims.Draft, []string{"draft>draft: validation failed: MEMBER-ID"}, nil},
		{"ready claim fails again", bad, claims.ReadyToSubmit, claims.Draft, []string{"ready_to_submit>draft: validation failed: MEMBER-ID"}, nil},
		{"ready claim passes again", rpmClaim, claims.ReadyToSubmit, claims.ReadyToSubmit, nil, nil},
		{"submitted", rpmClaim, claims.Submitted, claims.Submitted, nil, ErrNotCheckable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.claim()
			c.Status = tt.status
			fs := CheckClaim(&c, DefaultRuleSet(), asOf)
			other := Finding{Rule: "X", Severity: Error, ClaimID: "OTHER"}
			mine, err := Apply(&c, append(fs, other), ch)
			if !errors.Is(err, tt.wantError) {
				t.Fatalf("error %v, want %v", err, tt.wantError)
			}
			if len(mine) != len(fs) {
				t.Errorf("Apply returned %d findings, the claim has %d", len(mine), len(fs))
			}
			if c.Status != tt.want {
				t.Errorf("status %s, want %s", c.Status, tt.want)
			}
			var hist []string
			for _, h := range c.History {
				hist = append(hist, string(h.From)+">"+string(h.To)+": "+h.Reason)
				if h.By != "scrubber" || !h.At.Equal(changeAt) {
					t.Errorf("history entry %+v", h)
				}
			}
			if diff := cmp.Diff(tt.history, hist); diff != "" {
				t.Errorf("history (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindingString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		f    Finding
		want string
	}{
		{Finding{Rule: "A", Severity: Warning, ClaimID: "C1", Message: "m"}, "claim C1: warning A: m"},
		{Finding{Rule: "A", Severity: Error, ClaimID: "C1", Line: 3, Field: "lines[2].units", Message: "m", CARC: "16", RARC: "N362"},
			"claim C1 line 3 (lines[2].units): error A: m [CARC 16, RARC N362]"},
		{Finding{Rule: "A", Severity: Error, ClaimID: "C1", Field: "x", Message: "m", RARC: "N290"}, "claim C1 (x): error A: m [RARC N290]"},
	} {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	e, w := Count([]Finding{{Severity: Error}, {Severity: Warning}, {Severity: Warning}})
	if e != 1 || w != 2 {
		t.Errorf("Count = %d, %d", e, w)
	}
}

// TestCheckMissingParty: a claim without a billing provider, coverage or
// patient does not panic; the party rules report what is missing, and the
// caller's claims are left as they were.
func TestCheckMissingParty(t *testing.T) {
	t.Parallel()
	c := rpmClaim()
	c.BillingProvider, c.Coverage, c.Patient = nil, nil, nil
	cs := []claims.Claim{rpmClaim(), c}
	got := Check(cs, DefaultRuleSet(), asOf)
	if cs[1].BillingProvider != nil || cs[1].Coverage != nil || cs[1].Patient != nil {
		t.Error("Check filled in the caller's claim")
	}
	fields := map[string]bool{}
	for _, f := range got {
		fields[f.Field] = true
	}
	for _, want := range []string{"billing_provider.npi", "coverage.subscriber.member_id", "coverage.payer.payer_id", "patient.name.last"} {
		if !fields[want] {
			t.Errorf("no finding at %s; got %v", want, got)
		}
	}
}
