package x12_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/x12"
)

// TestEnvelopeChecks breaks one envelope rule at a time in the standard
// interchange (ISA 1, GS 2, ST 3, BHT 4, NM1 5, SE 6, GE 7, IEA 8) and
// checks the problem, its acknowledgment code and where it is, in
// lenient and in strict mode.
func TestEnvelopeChecks(t *testing.T) {
	t.Parallel()
	base := std("\n")
	mod := func(pairs ...string) string {
		s := base
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				panic("test input lacks " + pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	set2 := "ST*837*0001*005010X222A1~\nBHT*0019*00*0002*20260115*1253*CH~\nSE*3*0001~\n"
	group2 := "GS*HC*SENDER*RECEIVER*20260115*1253*1*X*005010X222A1~\nST*837*0001*005010X222A1~\nSE*2*0001~\nGE*1*1~\n"
	env := x12.ErrEnvelope
	tests := []struct {
		name string
		in   string
		want []issue
	}{
		{"valid", base, nil},
		{"ISA02 width", mod("*00*          *00*", "*00*         *00*"), []issue{{env, "TA1 011", 1, "ISA", 2}}},
		{"ISA06 width", mod("SENDER         *", "SENDER        *"), []issue{{env, "TA1 006", 1, "ISA", 6}}},
		{"ISA08 width", mod("RECEIVER       *", "RECEIVER        *"), []issue{{env, "TA1 008", 1, "ISA", 8}}},
		{"ISA09 date", mod("*260115*", "*261315*"), []issue{{env, "TA1 014", 1, "ISA", 9}}},
		{"ISA10 time", mod("*1253*^", "*2561*^"), []issue{{env, "TA1 015", 1, "ISA", 10}}},
		{"ISA13 not a number", mod("*000000001*", "*00000000A*", "IEA*1*000000001", "IEA*1*00000000A"), []issue{{env, "TA1 018", 1, "ISA", 13}}},
		{"ISA14", mod("*0*P*", "*2*P*"), []issue{{env, "TA1 019", 1, "ISA", 14}}},
		{"ISA15", mod("*0*P*", "*0*X*"), []issue{{env, "TA1 020", 1, "ISA", 15}}},
		{"ISA13 = IEA02", mod("IEA*1*000000001", "IEA*1*000000002"), []issue{{env, "TA1 001", 8, "IEA", 2}}},
		{"IEA02 without leading zeros", mod("IEA*1*000000001", "IEA*1*1"), nil},
		{"IEA01", mod("IEA*1*", "IEA*2*"), []issue{{env, "TA1 021", 8, "IEA", 1}}},
		{"IEA01 not a number", mod("IEA*1*", "IEA**"), []issue{{env, "TA1 021", 8, "IEA", 1}}},
		{"GS06 = GE02", mod("GE*1*1", "GE*1*2"), []issue{{env, "AK9 4", 7, "GE", 2}}},
		{"GE02 with leading zeros", mod("GE*1*1", "GE*1*0001"), nil},
		{"GE01", mod("GE*1*1", "GE*3*1"), []issue{{env, "AK9 5", 7, "GE", 1}}},
		{"GS06 syntax", mod("*1253*1*X*", "*1253*A*X*", "GE*1*1", "GE*1*A"), []issue{{env, "AK9 6", 2, "GS", 6}}},
		{"ST02 = SE02", mod("SE*4*0001", "SE*4*0002"), []issue{{env, "IK5 3", 6, "SE", 2}}},
		{"SE01", mod("SE*4*", "SE*5*"), []issue{{env, "IK5 4", 6, "SE", 1}}},
		{"SE01 not a number", mod("SE*4*", "SE*X*"), []issue{{env, "IK5 4", 6, "SE", 1}}},
		{"ST03 = GS08", mod("ST*837*0001*005010X222A1", "ST*837*0001*005010X223A2"), []issue{{env, "IK5 19", 3, "ST", 3}}},
		{"ST03 absent", mod("ST*837*0001*005010X222A1", "ST*837*0001"), nil},
		{"ST02 length", mod("ST*837*0001*", "ST*837*001*", "SE*4*0001", "SE*4*001"), []issue{{env, "IK5 7", 3, "ST", 2}}},
		{"ST01", mod("ST*837*", "ST*83*"), []issue{{env, "IK5 6", 3, "ST", 1}}},
		{"ST02 used twice in a group", mod("GE*1*1", strings.TrimSuffix(set2, "\n")+"GE*2*1"), []issue{{env, "IK5 23", 7, "ST", 2}}},
		{"ST02 may repeat in another group", mod("IEA*1*", strings.NewReplacer("*1*X*", "*2*X*", "GE*1*1", "GE*1*2").Replace(group2)+"IEA*2*"), nil},
		{"GS06 used twice in an interchange", mod("IEA*1*", group2+"IEA*2*"), []issue{{env, "AK9 19", 8, "GS", 6}}},
		{"ISA13 used twice in the input", base + base, []issue{{env, "TA1 025", 9, "ISA", 13}}},
		{"SE missing", mod("SE*4*0001~\n", ""), []issue{{env, "IK5 2", 6, "GE", 0}}},
		{"GE missing", mod("GE*1*1~\n", ""), []issue{{env, "AK9 3", 7, "IEA", 0}}},
		{"IEA missing", mod("IEA*1*000000001~\n", ""), []issue{{env, "TA1 023", 8, "", 0}}},
		{"truncated inside a set", base[:strings.Index(base, "SE*")], []issue{
			{env, "IK5 2", 6, "", 0}, {env, "AK9 3", 6, "", 0}, {env, "TA1 023", 6, "", 0}}},
		{"GS after the interchange", base + strings.SplitAfter(group2, "\n")[0], []issue{{env, "TA1 024", 9, "GS", 0}}},
		{"segment after the interchange", base + "NTE*ADD*X~", []issue{{env, "TA1 024", 9, "NTE", 0}}},
		{"segment outside a set", mod("ST*837", "NTE*ADD*X~\nST*837"), []issue{{env, "IK3 6", 3, "NTE", 0}}},
		{"no GS", mod("GS*HC*SENDER*RECEIVER*20260115*1253*1*X*005010X222A1~\n", ""), []issue{
			{env, "IK5 18", 2, "ST", 0}, {env, "IK3 6", 3, "BHT", 0}, {env, "IK3 6", 4, "NM1", 0},
			{env, "IK3 2", 5, "SE", 0}, {env, "TA1 024", 6, "GE", 0}, {env, "TA1 021", 7, "IEA", 1}}},
		{"TA1 between ISA and GS", mod("GS*", "TA1*000000001*260115*1253*A*000~\nGS*"), nil},
		{"bad segment ID", mod("BHT*", "Bht*"), []issue{{x12.ErrBadSegmentID, "IK3 1", 4, "Bht", 0}}},
		{"empty segment", mod("BHT*0019*00*0001*20260115*1253*CH~", "BHT*0019*00*0001*20260115*1253*CH~~"),
			[]issue{{x12.ErrBadSegmentID, "IK3 1", 5, "", 0}, {env, "IK5 4", 7, "SE", 1}}},
		{"control character in data", mod("*LISA*", "*LI\x01SA*"), []issue{{x12.ErrBadCharacter, "IK4 6", 5, "NM1", 3}}},
		{"line break in data", mod("*LISA*", "*LI\nSA*"), []issue{{x12.ErrBadCharacter, "IK4 6", 5, "NM1", 3}}},
		{"several problems in order", mod("SE*4*0001", "SE*5*0002", "GE*1*1", "GE*2*9"), []issue{
			{env, "IK5 4", 6, "SE", 1}, {env, "IK5 3", 6, "SE", 2}, {env, "AK9 5", 7, "GE", 1}, {env, "AK9 4", 7, "GE", 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(tt.in))
			r.File = "t.x12"
			segs, err := readAll(r)
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			sameIssues(t, "lenient", issuesOf(t, r.Problems()), tt.want)
			for _, p := range r.Problems() {
				if p.File != "t.x12" {
					t.Errorf("problem without file name: %v", p)
				}
				if strings.Contains(p.Error(), "LISA") {
					t.Errorf("problem shows patient data: %v", p)
				}
			}

			// Strict: the first problem stops reading, after the
			// segments before it.
			r = x12.NewReader(strings.NewReader(tt.in))
			r.Strict = true
			strictSegs, err := readAll(r)
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("strict: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("strict: no error")
			}
			sameIssues(t, "strict", []issue{issueOf(t, err)}, tt.want[:1])
			if want := min(tt.want[0].Segment-1, len(segs)); len(strictSegs) != want {
				t.Errorf("strict: %d segments before the error, want %d", len(strictSegs), want)
			}
			if len(r.Problems()) != 0 {
				t.Errorf("strict: problems collected: %v", r.Problems())
			}
		})
	}
}

// TestDuplicateControlNumbers: duplicates are found whatever the order
// of the numbers, and for numbers that are not digits.
func TestDuplicateControlNumbers(t *testing.T) {
	t.Parallel()
	sets := func(ids ...string) string {
		var b strings.Builder
		b.WriteString(stdISA + stdBody[0])
		for _, id := range ids {
			b.WriteString("ST*837*" + id + "~SE*2*" + id + "~")
		}
		b.WriteString("GE*" + strconv.Itoa(len(ids)) + "*1~IEA*1*000000001~")
		return b.String()
	}
	dup := func(seg int) issue { return issue{env, "IK5 23", seg, "ST", 2} }
	tests := []struct {
		name string
		ids  []string
		want []issue
	}{
		{"increasing", []string{"0001", "0002", "0003", "0005", "0009"}, nil},
		{"same number, other width", []string{"0001", "00001", "1001"}, nil},
		{"repeat of the last", []string{"0001", "0002", "0002"}, []issue{dup(7)}},
		{"repeat out of order", []string{"0007", "0003", "0005", "0003", "0007", "0004"}, []issue{dup(9), dup(11)}},
		{"repeat inside a run", []string{"0001", "0002", "0003", "0004", "0002"}, []issue{dup(11)}},
		{"not digits", []string{"ABCD", "0001", "ABCD"}, []issue{dup(7)}},
		{"long", []string{"1234567890123456", "1234567890123456"}, []issue{{env, "IK5 7", 3, "ST", 2}, {env, "IK5 7", 5, "ST", 2}, dup(5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := x12.NewReader(strings.NewReader(sets(tt.ids...)))
			if _, err := readAll(r); err != nil {
				t.Fatal(err)
			}
			sameIssues(t, "problem", issuesOf(t, r.Problems()), tt.want)
		})
	}
}

func TestErrorListSortAndErr(t *testing.T) {
	t.Parallel()
	var l x12.ErrorList
	if l.Err() != nil {
		t.Fatalf("empty list Err() = %v, want nil", l.Err())
	}
	a := &x12.Error{Pos: x12.Position{Offset: 50, Element: 2}, Err: x12.ErrEnvelope}
	b := &x12.Error{Pos: x12.Position{Offset: 50, Element: 1}, Err: x12.ErrBadCharacter}
	c := &x12.Error{Pos: x12.Position{Offset: 10}, Err: x12.ErrBadSegmentID}
	l.Add(a)
	l.Add(b)
	l.Add(c)
	l.Sort()
	if l[0] != c || l[1] != b || l[2] != a {
		t.Errorf("sorted %v", l)
	}
	err := l.Err()
	for _, s := range []error{x12.ErrEnvelope, x12.ErrBadCharacter, x12.ErrBadSegmentID} {
		if !errors.Is(err, s) {
			t.Errorf("errors.Is(list, %v) = false", s)
		}
	}
	if got := l.Error(); !strings.HasSuffix(got, "(and 2 more errors)") || strings.Contains(got, "\n") {
		t.Errorf("Error() = %q", got)
	}
	if got := l[:1].Error(); got != c.Error() {
		t.Errorf("one-item Error() = %q", got)
	}
	if got := (x12.ErrorList{}).Error(); got != "x12: no errors" {
		t.Errorf("empty Error() = %q", got)
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  *x12.Error
		want string
	}{
		{&x12.Error{File: "f.835", Pos: x12.Position{Offset: 2210, Line: 41, Segment: 41, SegmentID: "CLP", Element: 3}, Err: x12.ErrEnvelope, Msg: "bad\nthing", Code: x12.Code{Kind: "IK5", Value: "4"}},
			"x12: f.835: segment 41 (CLP, byte 2210, line 41), element 3: envelope error: bad thing [IK5 4]"},
		{&x12.Error{Pos: x12.Position{Segment: 2, Element: 4, Component: 2, Repetition: 3}, Err: x12.ErrDelimiterInData},
			"x12: segment 2 (byte 0), element 4-2 repetition 3: delimiter in data"},
		{&x12.Error{Pos: x12.Position{Segment: 1}, Msg: "only a message"}, "x12: segment 1 (byte 0): only a message"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() =\n %q\nwant\n %q", got, tt.want)
		}
	}
	p := x12.Position{Offset: 2210, Line: 41, Segment: 41, SegmentID: "CLP", Element: 3, Component: 2}
	if got := p.String(); got != "segment 41 (CLP, byte 2210, line 41), element 3-2" {
		t.Errorf("Position.String() = %q", got)
	}
}
