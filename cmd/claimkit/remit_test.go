package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const (
	remitData   = "../../claims/remit/testdata/"
	remitCorpus = sharedCorpus + "835/"
)

func TestRemit(t *testing.T) {
	t.Parallel()
	tests := []cliCase{
		{"telehealth", []string{"remit", remitData + "telehealth.835"}, "", exitOK},
		{"telehealth csv", []string{"remit", "--format", "csv", remitData + "telehealth.835"}, "", exitOK},
		{"defects", []string{"remit", remitData + "defects.835"}, "", exitInput},
		{"unbalanced csv", []string{"remit", "--format=csv", remitData + "unbalanced-line.835"}, "", exitInput},
		{"stupidedi together", []string{"remit", remitCorpus + "stupidedi__dollars-and-data-sent-together.edi"}, "", exitOK},
		{"stupidedi multiple claims", []string{"remit", remitCorpus + "stupidedi__multiple-claims-single-check.edi"}, "", exitOK},
		{"lfh cob", []string{"remit", remitCorpus + "lfh-x12__cob-contractural-adjustment.835"}, "", exitInput},
		{"pyx12 and moov", []string{"remit", remitCorpus + "pyx12__835_mult_loops.txt", remitCorpus + "moov-x12__sample1.txt"}, "", exitInput},
		{"oopfactory example1", []string{"remit", remitCorpus + "oopfactory__Example1.txt"}, "", exitInput},
		{"stdin", []string{"remit", "-"}, "@" + remitData + "telehealth.835", exitOK},
		{"not an 835", []string{"remit", "-"}, "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260302*1015*^*00501*000000001*0*P*:~\n" +
			"GS*FA*A*B*20260302*1015*1*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n", exitInput},
		{"syntax error", []string{"remit", "-"}, "this is not an X12 file", exitInput},
	}
	runGolden(t, "remit", tests)
}

// TestRemitContract checks the keys DESIGN.md requires, at every level,
// on a file that has every part of the contract.
func TestRemitContract(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"remit", remitData + "telehealth.835"}, nil, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	need := func(where string, v any, keys ...string) map[string]any {
		t.Helper()
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want an object", where, v)
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s has no %q", where, k)
			}
		}
		return m
	}
	first := func(where string, v any) any {
		t.Helper()
		l, ok := v.([]any)
		if !ok || len(l) == 0 {
			t.Fatalf("%s is %v, want a non-empty list", where, v)
		}
		return l[0]
	}
	adjKeys := []string{"group", "reason", "amount", "quantity"}
	need("file", doc, "remittances")
	rem := need("remittance", first("remittances", doc["remittances"]),
		"control_number", "payment", "trace", "payer", "payee", "claims", "provider_adjustments", "balanced", "balance_errors")
	need("payment", rem["payment"], "amount", "method", "date", "credit_debit")
	need("trace", rem["trace"], "number", "originator")
	need("payer", rem["payer"], "name", "id")
	need("payee", rem["payee"], "name", "npi")
	claim := need("claim", first("claims", rem["claims"]), "patient_control_number", "status", "charge", "paid",
		"patient_responsibility", "payer_claim_control_number", "adjustments", "services")
	svc := need("service", first("services", claim["services"]), "procedure", "charge", "paid", "units",
		"line_control_number", "service_date", "adjustments")
	need("procedure", svc["procedure"], "qualifier", "code", "modifiers")
	need("service adjustment", first("service adjustments", svc["adjustments"]), adjKeys...)
	need("provider adjustment", first("provider_adjustments", rem["provider_adjustments"]), "reason", "reference", "amount")
	// Money is a string holding the exact decimal.
	if got := rem["payment"].(map[string]any)["amount"]; got != "137.74" {
		t.Errorf("payment amount = %#v, want \"137.74\"", got)
	}

	out.Reset()
	if err := run(context.Background(), []string{"remit", remitData + "unbalanced-line.835"}, nil, &out, &errb); exitCode(err) != exitInput {
		t.Fatalf("unbalanced file: %v", err)
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	rem = need("remittance", first("remittances", doc["remittances"]))
	need("balance error", first("balance_errors", rem["balance_errors"]), "level", "patient_control_number", "message")
}

func TestRemitUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"remit"}, {"remit", "--format", "xml", "x.835"}, {"remit", "--nope"}} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, nil, &out, &errb)
		if exitCode(err) != exitUsage {
			t.Errorf("%v: exit %d (%v), want %d", args, exitCode(err), err, exitUsage)
		}
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"remit", "testdata/remit/no-such-file.835"}, nil, &out, &errb)
	if exitCode(err) != exitUsage || !strings.Contains(errb.String(), "no-such-file.835") {
		t.Errorf("missing file: exit %d, stderr %q", exitCode(err), errb.String())
	}
}
