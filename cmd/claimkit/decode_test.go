package main

import (
	"testing"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	runGolden(t, "x837p", []cliCase{
		{"decode dependent", []string{"decode", x837pData + "dependent.x12"}, "", exitOK},
		{"decode telehealth json", []string{"decode", "--format", "json", x837pData + "telehealth-video.x12"}, "", exitOK},
		{"decode cob json", []string{"decode", "--format=json", x837pCorpus + "stupidedi__COB-claim-from-payer-a-to-payer-b-in-payer-to-payer.edi"}, "", exitOK},
		{"decode imsweb problems", []string{"decode", x837pCorpus + "imsweb__x12_multiple_st.txt"}, "", exitInput},
		{"decode two files", []string{"decode", x837pData + "rpm-month.x12", x837pCorpus + "stupidedi__commercial-health-insurance.edi"}, "", exitOK},
		{"decode syntax error", []string{"decode", "-"}, "this is not an X12 file", exitInput},
		{"decode not an 837", []string{"decode", "-"}, "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260302*1015*^*00501*000000001*0*P*:~\n" +
			"GS*FA*A*B*20260302*1015*1*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n", exitInput},
		{"decode no file", []string{"decode"}, "", exitUsage},
		{"decode bad format", []string{"decode", "--format", "xml", x837pData + "dependent.x12"}, "", exitUsage},
		{"decode missing file", []string{"decode", x837pCmdData + "no-such-file.837"}, "", exitUsage},
	})
}
