package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path"
	"strings"
	"testing"
)

const module = "github.com/claimkit/claimkit"

// importRules is the direction of imports from DESIGN.md: each package
// (relative to the module; "/..." matches subpackages) may import only
// the module packages listed. A new package must be added here.
var importRules = []struct {
	pkg string
	may []string
}{
	{"x12", nil},
	{"x12/ack", []string{"x12"}},
	{"x12/internal/...", []string{"x12", "x12/internal/..."}},
	{"claims", []string{"x12"}},
	{"claims/internal/...", []string{"claims", "x12", "claims/internal/..."}},
	{"claims/rpm", []string{"claims", "x12"}},
	{"claims/x837p", []string{"claims", "x12"}},
	{"claims/remit", []string{"claims", "x12"}},
	{"claims/ack277", []string{"claims", "x12"}},
	{"claims/report", []string{"claims", "claims/remit", "claims/rpm", "x12"}},
	{"claims/statement", []string{"claims", "claims/remit", "x12"}},
	{"eligibility", []string{"x12"}},
	{"rules", []string{"claims", "claims/rpm", "eligibility", "x12"}},
	{"clearinghouse/sim", []string{"claims", "claims/...", "x12", "x12/..."}},
	{"clearinghouse", []string{"claims", "claims/...", "rules", "eligibility", "x12", "x12/...", "clearinghouse/..."}},
	{"clearinghouse/...", []string{"claims", "claims/...", "rules", "eligibility", "x12", "x12/...", "clearinghouse", "clearinghouse/..."}},
	{"cmd/...", []string{"..."}},
}

// runtimeBanned may appear only in tests, never on the runtime path.
var runtimeBanned = []string{"github.com/moov-io/x12"}

// externalAllowed lists, per package, the non-standard-library modules
// it may import directly; packages not listed may import any chosen dependency.
var externalAllowed = map[string][]string{
	"x12":         {"github.com/shopspring/decimal"},
	"x12/ack":     {"github.com/shopspring/decimal"},
	"claims":      {"github.com/shopspring/decimal"},
	"eligibility": {"github.com/shopspring/decimal"},
}

func match(pattern, rel string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return strings.HasPrefix(rel, base+"/")
	}
	return pattern == rel
}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

func listPackages(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps=false", "-json", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestImportDirection fails when a package imports against the
// direction DESIGN.md sets, or when a test-only dependency reaches the
// runtime path.
func TestImportDirection(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		var may []string
		found := false
		for _, r := range importRules {
			if match(r.pkg, rel) {
				may, found = r.may, true
				break
			}
		}
		if !found {
			t.Errorf("%s: package is not in importRules; add it with the imports DESIGN.md allows", rel)
			continue
		}
		for _, imp := range p.Imports {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				target := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
				ok := false
				for _, m := range may {
					if match(m, target) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s imports %s: not allowed by the direction in DESIGN.md", rel, target)
				}
				continue
			}
			if !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				continue // standard library
			}
			if allowed, ok := externalAllowed[rel]; ok {
				okExt := false
				for _, a := range allowed {
					if imp == a || strings.HasPrefix(imp, a+"/") {
						okExt = true
					}
				}
				if !okExt {
					t.Errorf("%s imports %s: this package may use only %v", rel, imp, allowed)
				}
			}
		}
		for _, dep := range append(append([]string(nil), p.Imports...), p.Deps...) {
			for _, banned := range runtimeBanned {
				if dep == banned || strings.HasPrefix(dep, banned+"/") {
					t.Errorf("%s depends on %s outside tests", rel, path.Clean(dep))
				}
			}
		}
	}
}

func TestImportRuleMatch(t *testing.T) {
	tests := []struct {
		pattern, rel string
		want         bool
	}{
		{"x12", "x12", true},
		{"x12", "x12/ack", false},
		{"claims/...", "claims/remit", true},
		{"claims/...", "claims", false},
		{"claims/...", "claimsx/a", false},
		{"...", "anything", true},
	}
	for _, tt := range tests {
		if got := match(tt.pattern, tt.rel); got != tt.want {
			t.Errorf("match(%q, %q) = %v, want %v", tt.pattern, tt.rel, got, tt.want)
		}
	}
}
