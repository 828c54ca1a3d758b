package x12_test

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/claimkit/claimkit/x12"
)

// corpusDir is the shared sample corpus (see its SOURCES.md), read at
// test time and never copied into the repository.
const corpusDir = "../../shared/corpus"

// corpusFiles returns the corpus files by path relative to corpusDir, or
// skips the test when the corpus is absent.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found at %s: %v", corpusDir, err)
	}
	var files []string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "SOURCES.md" {
			return err
		}
		rel, err := filepath.Rel(corpusDir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("corpus at %s is empty", corpusDir)
	}
	return files
}

func readCorpus(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// expectation is what reading one corpus file in lenient mode gives.
type expectation struct {
	fatal    *issue  // the error that stops reading, if any
	problems []issue // envelope problems, in input order
}

var env = x12.ErrEnvelope

// se01 is the imsweb files' wrong SE01 (always "25") at segment n.
func se01(n int) issue { return issue{env, "IK5 4", n, "SE", 1} }

// corpusExpectations lists every corpus file that does not read cleanly,
// and every file under malformed/. Each entry was checked against the
// file's bytes; the comment says what is in the file.
var corpusExpectations = map[string]expectation{
	// valid/ folders: files with real defects.

	// ST*271*4321 (line 3) but SE*8*4323 (line 10).
	"271/lfh-x12__subscriber-health-benefit-check-error.271": {problems: []issue{{env, "IK5 3", 10, "SE", 2}}},
	// Truncated: ends with SE*38*000000001~ (segment 40), no GE, no IEA.
	"271/node-x12__271.edi": {problems: []issue{{env, "AK9 3", 41, "", 0}, {env, "TA1 023", 41, "", 0}}},
	// ISA11 and ISA16 are both "^" (SOURCES.md: conflicting separators).
	"271/oopfactory__Example_3_1_2.txt": {problems: []issue{{x12.ErrBadDelimiters, "TA1 016", 1, "ISA", 11}}},
	// Truncated after HL*2*1*21*1~ (segment 10): no SE, GE or IEA.
	"277ca/oopfactory__FromBogeyone.txt": {problems: []issue{
		{env, "IK5 2", 11, "", 0}, {env, "AK9 3", 11, "", 0}, {env, "TA1 023", 11, "", 0}}},
	// De-identified with 9s: ISA10 "9999", ST02 "999999999N" (10 chars)
	// in all six sets, the last SE02 "999999999" and IEA02 "9999999996"
	// do not match ST02 "9999999996" and ISA13 "999999999".
	"835/oopfactory__835_DeIdent_02.dat": {problems: []issue{
		{env, "TA1 015", 1, "ISA", 10},
		{env, "IK5 7", 3, "ST", 2}, {env, "IK5 7", 32, "ST", 2}, {env, "IK5 7", 5053, "ST", 2},
		{env, "IK5 7", 5095, "ST", 2}, {env, "IK5 7", 5185, "ST", 2}, {env, "IK5 7", 12772, "ST", 2},
		{env, "IK5 3", 13000, "SE", 2}, {env, "TA1 001", 13002, "IEA", 2}}},
	// 254 bytes of prose ("Business Scenario 2 ...") before the ISA.
	"835/stupidedi__2.edi": {problems: []issue{{x12.ErrNoISA, "TA1 024", 1, "", 0}}},
	// "ISA *00 *..." pads every element with a space (SOURCES.md).
	"835/tmc-x12__005010x221-example-8a-claim-submitted-incorrect-subscriber-patient-and-incorrect-id.edi": {
		problems: []issue{{env, "TA1 022", 1, "ISA", 0}}},
	// imsweb: SE*25 in every set (SOURCES.md), and their envelopes.
	"837p/imsweb__x12_many_claims.txt": {problems: []issue{se01(11488)}},
	// Three groups all with GS06 "1"; IEA*1 for 3 groups.
	"837p/imsweb__x12_multiple_gs.txt": {problems: []issue{
		se01(36), {env, "AK9 19", 38, "GS", 6}, se01(72), {env, "AK9 19", 74, "GS", 6}, se01(108), {env, "TA1 021", 110, "IEA", 1}}},
	"837p/imsweb__x12_multiple_isa.txt": {problems: []issue{se01(36), se01(74)}},
	// Two sets with ST02 987654 in one group; GE*1 for 2 sets.
	"837p/imsweb__x12_multiple_st.txt": {problems: []issue{
		se01(36), {env, "IK5 23", 37, "ST", 2}, se01(70), {env, "AK9 5", 71, "GE", 1}}},
	"837p/imsweb__x12_multiple_transactions.txt":      {problems: multipleTransactions()},
	"837p/imsweb__x12_valid_different_separators.txt": {problems: []issue{se01(36)}},
	// IEA*1*000000001 closes ISA13 000000286.
	"999/imsweb__x12_999_accepted.txt": {problems: []issue{{env, "TA1 001", 10, "IEA", 2}}},
	// A TA1-only interchange with IEA*1 (no GS, so 0 groups).
	"ta1/staedi__x12_interchange_ack.txt": {problems: []issue{{env, "TA1 021", 3, "IEA", 1}}},

	// malformed/: every file, including those whose defects are beyond
	// syntax (loops, codes, missing required elements).

	// ISA02 is 9 bytes, so the ISA is 105 bytes; delimiters still found.
	"malformed/imsweb__x12_bad_first_line.txt": {problems: []issue{{env, "TA1 011", 1, "ISA", 2}, se01(36)}},
	// "*IC*..." has no segment ID, "Nd4" is lower case, "NM31" too long.
	"malformed/imsweb__x12_bad_segment_identifier.txt": {problems: []issue{
		{x12.ErrBadSegmentID, "IK3 1", 6, "", 0}, {x12.ErrBadSegmentID, "IK3 1", 11, "Nd4", 0},
		{x12.ErrBadSegmentID, "IK3 1", 20, "NM31", 0}, se01(36)}},
	// NM101 "117" is a bad code: a content error, not syntax.
	"malformed/imsweb__x12_bad_valid_code.txt": {problems: []issue{se01(36)}},
	// Loop repeats and missing loops: content errors.
	"malformed/imsweb__x12_loop_errors1_exceeds_max_1_parent.txt": {problems: []issue{se01(33)}},
	"malformed/imsweb__x12_loop_errors3_missing_loops.txt":        {problems: []issue{se01(21)}},
	// NM102 missing: a content error.
	"malformed/imsweb__x12_missing_elements.txt": {problems: []issue{se01(36)}},
	// Starts with GS: there is no ISA to take delimiters from.
	"malformed/imsweb__x12_no_isa_line.txt": {fatal: &issue{x12.ErrNoISA, "", 1, "", 0}},
	// N3/N4 swapped: a content error.
	"malformed/imsweb__x12_segments_out_of_order.txt": {problems: []issue{se01(36)}},
	// NM1 without its entity code: a content error; envelopes are right.
	"malformed/oopfactory__MissingEntityCode.txt": {},
	// UTF-16LE.
	"malformed/oopfactory__UnicodeExample.txt": {fatal: &issue{x12.ErrUTF16, "", 1, "", 0}},
	// N301 holds a raw line feed (the pyx12 999 says IK4 code 6).
	"malformed/pyx12__834_eol_in_element.source.edi": {problems: []issue{{x12.ErrBadCharacter, "IK4 6", 14, "N3", 1}}},
	// SE*0 for a 2-segment set, GE present, no IEA.
	"malformed/pyx12__fail_no_IEA.source.edi": {problems: []issue{{env, "IK5 4", 4, "SE", 1}, {env, "TA1 023", 6, "", 0}}},
	// Two 4010 interchanges, 8 groups, 12 sets: every count and control
	// number matches (pyx12 rejects the sets for implementation reasons).
	"malformed/pyx12__mult_isa.source.edi": {},
	// SE*60 for 59 segments; GE*2*333 for GS06 1; IEA*5*333 for one
	// group and ISA13 000484950.
	"malformed/pyx12__trailer_errors.source.edi": {problems: []issue{
		{env, "IK5 4", 61, "SE", 1}, {env, "AK9 4", 121, "GE", 2}, {env, "TA1 021", 122, "IEA", 1}, {env, "TA1 001", 122, "IEA", 2}}},
	// An 837 with only header segments: content error.
	"malformed/staedi__837-header-ref-only.edi": {},
	// SE*16 for 18 segments.
	"malformed/staedi__invalid999.edi": {problems: []issue{{env, "IK5 4", 20, "SE", 1}}},
	// Space-padded ISA, read leniently.
	"malformed/tmc-x12__005010x221-example-5a.edi": {problems: []issue{{env, "TA1 022", 1, "ISA", 0}}},
	// A bare ST..SE without ISA/GS.
	"malformed/tmc-x12__005010x222-example-3a-claim-billing-provider-payer.edi": {fatal: &issue{x12.ErrNoISA, "", 1, "", 0}},
}

// multipleTransactions: 312 identical interchanges of 38 segments, each
// with SE*25 for 34 segments, all with ISA13 000000905.
func multipleTransactions() []issue {
	var out []issue
	for k := range 312 {
		if k > 0 {
			out = append(out, issue{env, "TA1 025", 1 + 38*k, "ISA", 13})
		}
		out = append(out, se01(36+38*k))
	}
	return out
}

func TestCorpus(t *testing.T) {
	t.Parallel()
	files := corpusFiles(t)
	seen := map[string]bool{}
	for _, rel := range files {
		seen[rel] = true
		if strings.HasPrefix(rel, "malformed/") {
			if _, ok := corpusExpectations[rel]; !ok {
				t.Errorf("%s: malformed file without an expectation", rel)
			}
		}
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			data := readCorpus(t, rel)
			want := corpusExpectations[rel]
			r := x12.NewReader(bytes.NewReader(data))
			r.File = rel
			segs, err := readAll(r)
			if want.fatal == nil && err != nil {
				t.Fatalf("read: %v", err)
			}
			if want.fatal != nil {
				if err == nil {
					t.Fatalf("read %d segments and no error, want %v", len(segs), *want.fatal)
				}
				sameIssues(t, "fatal", []issue{issueOf(t, err)}, []issue{*want.fatal})
			}
			sameIssues(t, "problem", issuesOf(t, r.Problems()), want.problems)
			for _, p := range r.Problems() {
				if p.Pos.Offset < 0 || p.Pos.Offset > int64(len(data)) {
					t.Errorf("problem outside the input: %v", p)
				}
			}
		})
	}
	for rel := range corpusExpectations {
		if !seen[rel] {
			t.Errorf("expectation for %s, which is not in the corpus", rel)
		}
	}
}

// TestCorpusReaderChunking: one byte at a time, half reads and data
// with EOF give the same segments, positions, problems and errors as a
// plain reader, for every corpus file.
func TestCorpusReaderChunking(t *testing.T) {
	t.Parallel()
	wrappers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"OneByteReader", iotest.OneByteReader},
		{"HalfReader", iotest.HalfReader},
		{"DataErrReader", iotest.DataErrReader},
	}
	for _, rel := range corpusFiles(t) {
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			data := readCorpus(t, rel)
			want := readResult(x12.NewReader(bytes.NewReader(data)))
			for _, w := range wrappers {
				got := readResult(x12.NewReader(w.wrap(bytes.NewReader(data))))
				if reflect.DeepEqual(want, got) {
					continue
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (-plain +wrapped):\n%s", w.name, diff)
				}
			}
		})
	}
}

// TestCorpusRoundTrip: read, write every segment with the delimiters it
// was read with, read again: the segments are the same bytes.
func TestCorpusRoundTrip(t *testing.T) {
	t.Parallel()
	for _, rel := range corpusFiles(t) {
		if f := corpusExpectations[rel].fatal; f != nil {
			continue // does not read
		}
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			data := readCorpus(t, rel)
			first, out, err := roundTrip(data)
			if err != nil {
				t.Fatal(err)
			}
			second, err := readAll(x12.NewReader(bytes.NewReader(out)))
			if err != nil {
				t.Fatalf("reading the copy: %v", err)
			}
			if a, b := texts(first), texts(second); !slices.Equal(a, b) {
				t.Errorf("segments (-read +copy):\n%s", cmp.Diff(a, b))
			}
			for i := range min(len(first), len(second)) {
				if first[i].ID != second[i].ID || first[i].Delimiters() != second[i].Delimiters() {
					t.Errorf("segment %d: %q %q / %q %q", i+1, first[i].ID, first[i].Delimiters(), second[i].ID, second[i].Delimiters())
				}
			}
		})
	}
}

// roundTrip reads data and copies every segment to a Writer with the
// delimiters of its interchange, starting a new Writer where an ISA
// declares new ones. It returns the segments read and the bytes written.
func roundTrip(data []byte) ([]*x12.Segment, []byte, error) {
	r := x12.NewReader(bytes.NewReader(data))
	var out bytes.Buffer
	var w *x12.Writer
	var segs []*x12.Segment
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return segs, nil, err
		}
		segs = append(segs, seg.Clone())
		if w == nil || w.Delimiters() != r.Delimiters() {
			if w != nil {
				if err := w.Close(); err != nil {
					return segs, nil, err
				}
			}
			w = x12.NewWriter(&out, r.Delimiters())
			w.Newline = true
		}
		if err := w.CopySegment(seg); err != nil {
			return segs, nil, err
		}
	}
	if w != nil {
		if err := w.Close(); err != nil {
			return segs, nil, err
		}
	}
	return segs, out.Bytes(), nil
}
