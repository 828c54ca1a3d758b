package x12_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/x12"
)

const exampleInput = `ISA*00*          *00*          *ZZ*CLINIC         *ZZ*CLEARINGHOUSE  *260115*1253*^*00501*000000905*0*P*:~
GS*HC*CLINIC*CLEARINGHOUSE*20260115*1253*905*X*005010X222A1~
ST*837*0001*005010X222A1~
CLM*RPM-0042*103.85***11:B:1*Y*A*Y*Y~
SV1*HC:99454*45.12*UN*1***1~
SV1*HC:99457:95*58.73*UN*1***1~
SE*4*0001~
GE*1*905~
IEA*1*000000905~
`

func ExampleReader() {
	r := x12.NewReader(strings.NewReader(exampleInput))
	r.File = "batch.837"
	for {
		seg, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		switch seg.ID {
		case "CLM":
			amount, _ := x12.ParseDecimal(seg.Element(2))
			fmt.Printf("claim %s for %s, place of service %s\n", seg.Element(1), x12.FormatDecimal(amount), seg.Component(5, 1))
		case "SV1":
			fmt.Printf("  line %d: %s %s\n", seg.Pos.SetPosition, seg.Component(1, 2), seg.Element(2))
		}
	}
	for _, p := range r.Problems() {
		fmt.Println(p)
	}
	// Output:
	// claim RPM-0042 for 103.85, place of service 11
	//   line 3: 99454 45.12
	//   line 4: 99457 58.73
	// x12: batch.837: segment 7 (SE, byte 293, line 7), element 1: envelope error: SE01 is "4", the set has 5 segments [IK5 4]
}

func ExampleWriter() {
	w := x12.NewWriter(os.Stdout, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(905)
	day := x12.NewDate(2026, 1, 15)
	at := x12.TimeOfDay{Hour: 12, Minute: 53}
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "CLINIC", ReceiverID: "CLEARINGHOUSE", Date: day, Time: at})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "HC", SenderCode: "CLINIC", ReceiverCode: "CLEARINGHOUSE",
		Date: day, Time: at, Version: "005010X222A1"})
	w.BeginSet("837", "005010X222A1")

	w.StartSegment("CLM")
	w.Element("RPM-0042")
	w.Element(x12.FormatDecimal(decimal.RequireFromString("103.850")))
	w.Element("")
	w.Element("")
	w.Components("11", "B", "1")
	w.EndSegment()
	w.WriteSegment("NM1", "87", "2", "", "", "", "", "", "") // trailing empties are dropped

	if err := w.Close(); err != nil { // writes SE, GE and IEA
		fmt.Println(err)
	}
	// Output:
	// ISA*00*          *00*          *ZZ*CLINIC         *ZZ*CLEARINGHOUSE  *260115*1253*^*00501*000000905*0*P*:~
	// GS*HC*CLINIC*CLEARINGHOUSE*20260115*1253*905*X*005010X222A1~
	// ST*837*0905*005010X222A1~
	// CLM*RPM-0042*103.85***11:B:1~
	// NM1*87*2~
	// SE*4*0905~
	// GE*1*905~
	// IEA*1*000000905~
}

func ExampleWriter_delimiterInData() {
	w := x12.NewWriter(io.Discard, x12.DefaultDelimiters)
	err := w.WriteSegment("NM1", "IL", "1", "O*BRIEN")
	fmt.Println(err)
	// Output:
	// x12: segment 1 (NM1, byte 0), element 3: delimiter in data: element contains a delimiter
}

// An encoder that assembles segments itself hands them over whole.
func ExampleWriter_AppendSegment() {
	// Outside an envelope here, to show the segments alone; inside a set
	// they count towards SE01.
	w := x12.NewWriter(os.Stdout, x12.DefaultDelimiters)
	w.Newline = true

	d := w.Delimiters()
	seg := []byte("LX")
	seg = append(seg, d.Element, '1')
	w.AppendSegment(seg)
	seg = append(seg[:0], "SV1*HC:99457*52*UN*1***1:2***"...) // trailing separators are dropped
	w.AppendSegment(seg)
	// A caller that has checked every value it put into its segments
	// hands them over many at a time, terminators included.
	w.AppendCheckedSegments([]byte("DTP*472*D8*20260115~REF*6R*RPM-0042-1~"), 2)

	if err := w.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// LX*1~
	// SV1*HC:99457*52*UN*1***1:2~
	// DTP*472*D8*20260115~
	// REF*6R*RPM-0042-1~
}

// AppendSegment refuses a control character or the terminator where it
// is, and the error is sticky.
func ExampleWriter_AppendSegment_refused() {
	w := x12.NewWriter(io.Discard, x12.DefaultDelimiters)
	fmt.Println(w.AppendSegment([]byte("NTE*ADD*FIRST\nSECOND")))
	fmt.Println(w.AppendSegment([]byte("LX*1")) != nil)
	// Output:
	// x12: segment 1 (NTE, byte 0), element 2-1: delimiter in data: data contains a control character
	// true
}

func ExampleParseDecimal() {
	for _, s := range []string{"150.00", "007.5", ".5", "1E3", "+1.5", "1,000"} {
		d, err := x12.ParseDecimal([]byte(s))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s -> %s\n", s, d.String())
	}
	// Output:
	// 150.00 -> 150
	// 007.5 -> 7.5
	// .5 -> 0.5
	// 1E3 -> 1000
	// x12: bad number: "+1.5" is not an X12 decimal
	// x12: bad number: "1,000" is not an X12 decimal
}

func ExampleFormatDecimal() {
	for _, s := range []string{"150.00", "12.50", "-0.50", "0.00", "1E3"} {
		fmt.Println(x12.FormatDecimal(decimal.RequireFromString(s)))
	}
	// Output:
	// 150
	// 12.5
	// -0.5
	// 0
	// 1000
}

func ExampleRender() {
	data := strings.Replace(exampleInput, "SV1*HC:99457:95*", "SV1*HC:99457:95\n*", 1)
	r := x12.NewReader(strings.NewReader(data))
	for {
		if _, err := r.Next(); err != nil {
			break
		}
	}
	for _, p := range r.Problems() {
		fmt.Println(x12.Render(p, bytes.NewReader([]byte(data)), r.Delimiters()))
	}
	// Output:
	// x12: segment 6 (SV1, byte 261, line 6), element 1: control character in data: "\x0a" [IK4 6]
	//     SV1*HC:99457:95
	//         ^
	// x12: segment 7 (SE, byte 294, line 8), element 1: envelope error: SE01 is "4", the set has 5 segments [IK5 4]
	//     SE*4*0001
	//        ^
}

func ExampleParseRD8() {
	r, err := x12.ParseRD8([]byte("20260101-20260131"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.From, r.To, r.From.DaysUntil(r.To)+1, "days")
	_, err = x12.ParseD8([]byte("20250229"))
	fmt.Println(err)
	// Output:
	// 2026-01-01 2026-01-31 31 days
	// x12: bad date or time: "20250229" is not CCYYMMDD
}
