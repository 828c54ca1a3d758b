package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ack277Data = "../../claims/ack277/testdata/"

func TestAck277(t *testing.T) {
	t.Parallel()
	tests := []cliCase{
		{"text", []string{"ack277", ack277Data + "mixed.edi", ack277Data + "line_rejected.edi"}, "", exitOK},
		{"json", []string{"ack277", "--format", "json", ack277Data + "rejected.edi", ack277Data + "line_rejected.edi"}, "", exitOK},
		{"problems", []string{"ack277", ack277Data + "problems.edi"}, "", exitInput},
		{"problems json", []string{"ack277", "--format=json", ack277Data + "problems.edi"}, "", exitInput},
		{"stdin", []string{"ack277", "-"}, "@" + ack277Data + "accepted.edi", exitOK},
		{"not a 277", []string{"ack277", "-"}, "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260302*1015*^*00501*000000001*0*P*:~\n" +
			"GS*FA*A*B*20260302*1015*1*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n", exitInput},
		{"syntax error", []string{"ack277", "--format", "json", "-"}, "this is not an X12 file", exitInput},
	}
	runGolden(t, "ack277", tests)
}

func TestAck277Usage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no file", []string{"ack277"}, "ack277 needs at least one FILE (- for standard input)"},
		{"bad format", []string{"ack277", "--format", "csv", "x"}, "--format must be one of text, json"},
		{"unknown flag", []string{"ack277", "--colour", "x"}, "flag provided but not defined: -colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			err := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if exitCode(err) != exitUsage || err == nil || err.Error() != tt.wantErr {
				t.Errorf("err %v (exit %d), want usage error %q", err, exitCode(err), tt.wantErr)
			}
		})
	}
}

func TestAck277MissingFile(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"ack277", filepath.Join(t.TempDir(), "nope.277")}, strings.NewReader(""), &out, &errb)
	if !errors.Is(err, os.ErrNotExist) || exitCode(err) != exitUsage {
		t.Errorf("err %v (exit %d), want a not-exist I/O error with exit 2", err, exitCode(err))
	}
	if !strings.Contains(errb.String(), "claimkit ack277: open ") {
		t.Errorf("stderr %q does not name the failure", errb.String())
	}
}

// TestAck277Corpus runs the command over every 277CA of the shared corpus:
// each decodes into at least one acknowledgment.
func TestAck277Corpus(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../../shared/corpus/277ca/*")
	if len(files) == 0 {
		t.Skip("shared corpus not found")
	}
	for _, f := range files {
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"ack277", f}, strings.NewReader(""), &out, &errb)
		if err != nil && !errors.Is(err, errInputReported) {
			t.Errorf("%s: %v", f, err)
		}
		if !strings.Contains(out.String(), ": 277CA ST ") {
			t.Errorf("%s: no acknowledgment in output:\n%s", f, out.String())
		}
	}
}
