package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestInspectAndFmt(t *testing.T) {
	t.Parallel()
	truncated := "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260115*1253*^*00501*000000001*0*P*:~\n" +
		"GS*HC*S*R*20260115*1253*1*X*005010X222A1~\nST*837*0001*005010X222A1~\nBHT*0019*00*1*20260115*1253*CH~\n"
	runGolden(t, "inspect", []cliCase{
		{"inspect valid", []string{"inspect", sharedCorpus + "835/stupidedi__era-sample.edi"}, "", exitOK},
		{"inspect valid json", []string{"inspect", "--format", "json", sharedCorpus + "837p/stupidedi__commercial-health-insurance.edi"}, "", exitOK},
		{"inspect multiple interchanges", []string{"inspect", sharedCorpus + "837p/imsweb__x12_multiple_isa.txt"}, "", exitInput},
		{"inspect trailer errors", []string{"inspect", sharedCorpus + "malformed/pyx12__trailer_errors.source.edi"}, "", exitInput},
		{"inspect trailer errors json", []string{"inspect", "--format=json", sharedCorpus + "malformed/pyx12__trailer_errors.source.edi"}, "", exitInput},
		{"inspect bad segment id", []string{"inspect", sharedCorpus + "malformed/imsweb__x12_bad_segment_identifier.txt"}, "", exitInput},
		{"inspect no isa", []string{"inspect", sharedCorpus + "malformed/imsweb__x12_no_isa_line.txt"}, "", exitInput},
		{"inspect utf16", []string{"inspect", sharedCorpus + "malformed/oopfactory__UnicodeExample.txt"}, "", exitInput},
		{"inspect different delimiters", []string{"inspect", sharedCorpus + "ta1/oopfactory__TechnicalAcknowledgment_SampleFromJeffN825.txt"}, "", exitOK},
		{"inspect truncated stdin", []string{"inspect", "-"}, truncated, exitInput},
		{"inspect empty stdin", []string{"inspect", "-"}, "", exitInput},
		{"fmt", []string{"fmt", sharedCorpus + "999/staedi__simple999.edi"}, "", exitOK},
		{"fmt positions", []string{"fmt", "--positions", sharedCorpus + "271/stupidedi__error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi"}, "", exitOK},
		{"fmt problems", []string{"fmt", sharedCorpus + "malformed/pyx12__fail_no_IEA.source.edi"}, "", exitInput},
		{"fmt not x12", []string{"fmt", "-"}, "hello", exitInput},
	})
}

func TestRunUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantErr  string
		wantExit int
	}{
		{"no subcommand", nil, "usage: claimkit <subcommand>", exitUsage},
		{"help", []string{"help"}, "subcommands:", exitOK},
		{"unknown subcommand", []string{"frobnicate"}, `unknown subcommand "frobnicate"`, exitUsage},
		{"inspect without file", []string{"inspect"}, "inspect needs at least one FILE", exitUsage},
		{"inspect bad format", []string{"inspect", "--format", "xml", "x"}, "--format must be one of text, json", exitUsage},
		{"inspect missing file", []string{"inspect", "testdata/inspect/no-such-file.x12"}, "no such file or directory", exitUsage},
		{"fmt two files", []string{"fmt", "a", "b"}, "fmt needs exactly one FILE", exitUsage},
		{"fmt unknown flag", []string{"fmt", "--colour", "x"}, "flag provided but not defined: -colour", exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			err := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if got := exitCode(err); got != tt.wantExit {
				t.Errorf("exit %d (%v), want %d", got, err, tt.wantExit)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tt.wantErr)
			}
		})
	}
}
