package x837p

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadPartner reads testdata/partner.toml the way the CLI does: defaults,
// then the file (unknown keys rejected), then Validate.
func loadPartner(t testing.TB) Partner {
	t.Helper()
	p := DefaultPartner()
	md, err := toml.DecodeFile(filepath.Join("testdata", "partner.toml"), &p)
	if err != nil {
		t.Fatal(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		t.Fatalf("unknown partner keys %v", und)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// readInput reads a golden input: claims (*.claims.json, the output of
// "claimkit claims build") or charge items grouped by claims.Group
// (*.batch.json).
func readInput(t testing.TB, path string) []claims.Claim {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(path, ".batch.json") {
		b, err := claims.ReadBatch(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := claims.Group(b, claims.GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Claims
	}
	var in struct {
		Claims []claims.Claim `json:"claims"`
	}
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return in.Claims
}

func goldenOptions(t testing.TB) Options {
	return Options{
		Partner:        loadPartner(t),
		Date:           x12.NewDate(2026, time.February, 3),
		Time:           x12.TimeOfDay{Hour: 12, Minute: 0},
		ControlNumbers: x12.NewSequence(1),
		Newline:        true,
	}
}

// TestGolden encodes each claim set under testdata and compares the 837P
// with the .x12 file beside it, byte for byte.
func TestGolden(t *testing.T) {
	t.Parallel()
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.claims.json"))
	batches, _ := filepath.Glob(filepath.Join("testdata", "*.batch.json"))
	inputs = append(inputs, batches...)
	if len(inputs) < 8 {
		t.Fatalf("found %d golden inputs, want at least 8", len(inputs))
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(in), ".claims.json"), ".batch.json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cs := readInput(t, in)
			var buf bytes.Buffer
			if _, err := Encode(&buf, cs, goldenOptions(t)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".x12")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(buf.String(), "\n")); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", golden, diff)
			}
			doc, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{File: golden})
			if err != nil || len(doc.Problems) > 0 {
				t.Fatalf("decoding the golden file: %v %v", err, doc.Problems)
			}
			if got := len(doc.Claims()); got != len(cs) {
				t.Errorf("decoded %d claims, encoded %d", got, len(cs))
			}
		})
	}
}

// TestGoldenSplit checks that the 51 charge items of lines-51 became two
// claims of 50 and 1 lines, in date-of-service order.
func TestGoldenSplit(t *testing.T) {
	t.Parallel()
	cs := readInput(t, filepath.Join("testdata", "lines-51.batch.json"))
	if len(cs) != 2 || len(cs[0].Lines) != 50 || len(cs[1].Lines) != 1 {
		t.Fatalf("got %d claims, want 2 of 50 and 1 lines", len(cs))
	}
	if last, next := cs[0].Lines[49].Service.From, cs[1].Lines[0].Service.From; next.Before(last) {
		t.Errorf("second claim starts %s, before the first ends %s", next, last)
	}
}
