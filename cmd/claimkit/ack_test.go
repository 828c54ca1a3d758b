package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ackCorpus is the shared corpus of public X12 samples, read at test time.
const ackCorpus = "../../../shared/corpus/"

func TestAck(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(ackCorpus); err != nil {
		t.Skipf("corpus not available (%v); it lives in ../shared/corpus", err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantExit int
	}{
		{"accepted", []string{"ack", ackCorpus + "999/pyx12__834_ls_le_ls_5010.999.txt"}, "", exitOK},
		{"partial", []string{"ack", ackCorpus + "999/stupidedi__response-to-functional-group-containing-3-837s.edi"}, "", exitInput},
		{"partial text", []string{"ack", "--format", "text", ackCorpus + "999/oopfactory__DHS_Wisconsin_Sample.txt", ackCorpus + "999/staedi__simple999.edi"}, "", exitInput},
		{"rejected", []string{"ack", ackCorpus + "999/pyx12__834_eol_in_element.expected999.edi"}, "", exitInput},
		{"several 999s", []string{"ack", "--format=text", ackCorpus + "999/pyx12__834_lui_id_5010.999.txt"}, "", exitOK},
		{"envelope problem", []string{"ack", ackCorpus + "999/imsweb__x12_999_accepted.txt"}, "", exitInput},
		{"malformed", []string{"ack", ackCorpus + "malformed/staedi__invalid999.edi"}, "", exitInput},
		{"ta1", []string{"ack", ackCorpus + "ta1/oopfactory__TechnicalAcknowledgment_SampleFromJeffN825.txt", ackCorpus + "ta1/oopfactory__TechnicalAcknowledgment_Sample1.txt"}, "", exitInput},
		{"ta1 text", []string{"ack", "--format", "text", ackCorpus + "ta1/staedi__x12_interchange_ack.txt"}, "", exitInput},
		{"277ca", []string{"ack", ackCorpus + "277ca/imsweb__x12_277CA_accepted.txt"}, "", exitInput},
		{"stdin", []string{"ack", "--format", "text", "-"}, "", exitOK},
		{"not x12", []string{"ack", "-"}, "this is not an X12 file", exitInput},
		{"group rejected", []string{"ack", "--format", "text", "-"}, "ISA*00*          *00*          *ZZ*CH             *ZZ*SUB            *260116*0800*^*00501*000000007*0*P*:~\n" +
			"GS*FA*CH*SUB*20260116*0800*7*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*501*005010X222A1~\n" +
			"AK2*837*0001*005010X222A1~\nIK5*A~\nAK9*R*2*1*1*5~\nSE*6*0001~\nGE*1*7~\nIEA*1*000000007~\n", exitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdin := tt.stdin
			if tt.name == "stdin" {
				b, err := os.ReadFile(ackCorpus + "999/pyx12__834_ls_le_ls_5010.999.txt")
				if err != nil {
					t.Fatal(err)
				}
				stdin = string(b)
			}
			var out, errb bytes.Buffer
			err := run(context.Background(), tt.args, strings.NewReader(stdin), &out, &errb)
			if got := exitCode(err); got != tt.wantExit {
				t.Errorf("exit %d (%v), want %d\nstderr: %s", got, err, tt.wantExit, errb.String())
			}
			golden := filepath.Join("testdata", "ack", strings.ReplaceAll(tt.name, " ", "_"))
			checkGolden(t, golden+".out", out.Bytes())
			checkGolden(t, golden+".err", errb.Bytes())
		})
	}
}

func TestAckUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantErr  string
		wantExit int
	}{
		{"no file", []string{"ack"}, "ack needs at least one FILE (- for standard input)", exitUsage},
		{"bad format", []string{"ack", "--format", "csv", "x"}, "--format must be one of json, text", exitUsage},
		{"unknown flag", []string{"ack", "--colour", "x"}, "flag provided but not defined: -colour", exitUsage},
		{"missing file", []string{"ack", "testdata/ack/no-such-file.edi"}, "open testdata/ack/no-such-file.edi: no such file or directory", exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			err := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if got := exitCode(err); got != tt.wantExit {
				t.Errorf("exit %d, want %d", got, tt.wantExit)
			}
		})
	}
}
