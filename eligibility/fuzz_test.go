package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// addSeeds adds every corpus file of the folders, the X12 golden files
// of the same folders under testdata/golden and the given inputs to f,
// skipping large files.
func addSeeds(f *testing.F, folders []string, extra ...string) {
	for _, dir := range folders {
		files, _ := filepath.Glob(filepath.Join(corpus, dir, "*"))
		seeds, _ := filepath.Glob(filepath.Join("testdata", "golden", dir, "*."+dir))
		for _, path := range append(files, seeds...) {
			if b, err := os.ReadFile(path); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkErrors fails unless err is nil or a list of *x12.Error whose
// positions lie inside the input, and the renderer handles each.
func checkErrors(t *testing.T, data []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var list x12.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is %T, want a non-empty x12.ErrorList: %v", err, err)
	}
	for _, e := range list {
		if e.Pos.Offset < 0 || e.Pos.Offset > int64(len(data)) {
			t.Fatalf("error position %d outside the input (%d bytes): %v", e.Pos.Offset, len(data), e)
		}
		_ = x12.Render(e, bytes.NewReader(data), x12.DefaultDelimiters)
	}
}

func FuzzDecode271(f *testing.F) {
	addSeeds(f, []string{"271"},
		build271(nil, "EB*1**30", "III*ZZ*02", "EB*C**30**PLAN*29*100", "DTP*291*RD8*20260101-20261231"),
		build271([]string{"AAA*N**51*C"}, "HL*4*3*23*0", "NM1*03*1*DOE", "EB*1", "LS*2120", "NM1*P3*1*X", "LE*2120"),
		build271(nil, "HL*9*7*23*0", "EB*X", "HL*5*3*19*1", "EB*1**30*****1E999999"))
	f.Add(gen271(2))
	asOf := x12.NewDate(2026, 1, 15)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := x12.NewReader(bytes.NewReader(data))
		r.Limits = x12.Limits{MaxSegmentLength: 64 << 10}
		resps, err := Decode271(r)
		checkErrors(t, data, err)
		for i := range resps {
			for _, c := range resps[i].Coverage("", asOf) {
				if c.Status != Active && c.Status != Inactive && c.Status != Unknown {
					t.Fatalf("status %q", c.Status)
				}
			}
			if _, err := json.Marshal(&resps[i]); err != nil {
				t.Fatalf("marshal: %v", err)
			}
		}
	})
}

// FuzzDecode270 decodes any input; when a 270 decodes without problems
// and its requests are valid, it encodes them again and checks that
// Decode270 gives the same requests back.
func FuzzDecode270(f *testing.F) {
	addSeeds(f, []string{"270"})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := x12.NewReader(bytes.NewReader(data))
		r.Limits = x12.Limits{MaxSegmentLength: 64 << 10}
		reqs, err := Decode270(r)
		checkErrors(t, data, err)
		if err != nil || len(reqs) == 0 {
			return
		}
		for i := range reqs {
			if reqs[i].Validate() != nil {
				return
			}
		}
		var buf bytes.Buffer
		w := x12.NewWriter(&buf, x12.DefaultDelimiters)
		w.ControlNumbers = x12.NewSequence(1)
		ctl, err := Encode270(w, Batch{Partner: testPartner, Date: testDate, Time: testTime, Requests: reqs})
		if errors.Is(err, x12.ErrDelimiterInData) {
			return // the input used other delimiters
		}
		if err != nil {
			t.Fatalf("Encode270: %v", err)
		}
		again, err := Decode270(x12.NewReader(&buf))
		if err != nil {
			t.Fatalf("Decode270 of our own 270: %v\n%s", err, buf.Bytes())
		}
		if len(again) != len(reqs) {
			t.Fatalf("round trip gave %d requests, want %d", len(again), len(reqs))
		}
		for i := range reqs {
			want := normalized(reqs[i], ctl.Sets[i])
			want.Reference = reqs[i].Reference
			if want.Reference == "" {
				want.Reference = ctl.Sets[i]
			}
			if !equalJSON(t, want, again[i]) {
				t.Fatalf("round trip of request %d:\nwant %+v\ngot  %+v", i, want, again[i])
			}
		}
	})
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("marshal: %v %v", err1, err2)
	}
	return bytes.Equal(x, y)
}
