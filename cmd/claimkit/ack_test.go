package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestAck(t *testing.T) {
	t.Parallel()
	tests := []cliCase{
		{"accepted", []string{"ack", sharedCorpus + "999/pyx12__834_ls_le_ls_5010.999.txt"}, "", exitOK},
		{"partial", []string{"ack", sharedCorpus + "999/stupidedi__response-to-functional-group-containing-3-837s.edi"}, "", exitInput},
		{"partial text", []string{"ack", "--format", "text", sharedCorpus + "999/oopfactory__DHS_Wisconsin_Sample.txt", sharedCorpus + "999/staedi__simple999.edi"}, "", exitInput},
		{"rejected", []string{"ack", sharedCorpus + "999/pyx12__834_eol_in_element.expected999.edi"}, "", exitInput},
		{"several 999s", []string{"ack", "--format=text", sharedCorpus + "999/pyx12__834_lui_id_5010.999.txt"}, "", exitOK},
		{"envelope problem", []string{"ack", sharedCorpus + "999/imsweb__x12_999_accepted.txt"}, "", exitInput},
		{"malformed", []string{"ack", sharedCorpus + "malformed/staedi__invalid999.edi"}, "", exitInput},
		{"ta1", []string{"ack", sharedCorpus + "ta1/oopfactory__TechnicalAcknowledgment_SampleFromJeffN825.txt", sharedCorpus + "ta1/oopfactory__TechnicalAcknowledgment_Sample1.txt"}, "", exitInput},
		{"ta1 text", []string{"ack", "--format", "text", sharedCorpus + "ta1/staedi__x12_interchange_ack.txt"}, "", exitInput},
		{"277ca", []string{"ack", sharedCorpus + "277ca/imsweb__x12_277CA_accepted.txt"}, "", exitInput},
		{"stdin", []string{"ack", "--format", "text", "-"}, "@" + sharedCorpus + "999/pyx12__834_ls_le_ls_5010.999.txt", exitOK},
		{"not x12", []string{"ack", "-"}, "this is not an X12 file", exitInput},
		{"group rejected", []string{"ack", "--format", "text", "-"}, "ISA*00*          *00*          *ZZ*CH             *ZZ*SUB            *260116*0800*^*00501*000000007*0*P*:~\n" +
			"GS*FA*CH*SUB*20260116*0800*7*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*501*005010X222A1~\n" +
			"AK2*837*0001*005010X222A1~\nIK5*A~\nAK9*R*2*1*1*5~\nSE*6*0001~\nGE*1*7~\nIEA*1*000000007~\n", exitInput},
	}
	runGolden(t, "ack", tests)
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
