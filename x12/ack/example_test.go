package ack_test

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/ack"
)

const response999 = `ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*SUBMITTER      *260116*0800*^*00501*000000007*0*P*:~
GS*FA*CH*SUB*20260116*0800*7*X*005010X231A1~
ST*999*0001*005010X231A1~
AK1*HC*501*005010X222A1~
AK2*837*0001*005010X222A1~
IK5*A~
AK2*837*0002*005010X222A1~
IK3*CLM*8*2300*8~
CTX*CLM01:PCN-2~
IK4*5:1*1331*7*99~
IK5*R*5~
AK9*P*2*2*1~
SE*11*0001~
GE*1*7~
IEA*1*000000007~
`

// Read the 999s and TA1s of a response file and see what was rejected.
func ExampleReader() {
	r := ack.NewReader(x12.NewReader(strings.NewReader(response999)))
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		a, ok := m.(*ack.Acknowledgment)
		if !ok {
			continue
		}
		g := a.Group
		fmt.Printf("group %s: %s (%s), %d of %d sets accepted\n", g.ControlNumber, g.Status, g.Status.Description(), g.Accepted, g.Received)
		for _, s := range g.Sets {
			fmt.Printf("  set %s: %s\n", s.ControlNumber, s.Verdict())
			for _, se := range s.Segments {
				fmt.Printf("    %s at %d (claim %s): %s\n", se.SegmentID, se.Position, se.ClaimID(), se.Code.Description())
				for _, e := range se.Elements {
					fmt.Printf("      element %d-%d: %s\n", e.Position, e.Component, e.Code.Description())
				}
			}
		}
	}
	fmt.Println("problems:", len(r.Problems()))
	// Output:
	// group 501: P (partially accepted, at least one transaction set was rejected), 1 of 2 sets accepted
	//   set 0001: accepted
	//   set 0002: rejected
	//     CLM at 8 (claim PCN-2): segment has data element errors
	//       element 5-1: invalid code value
	// problems: 0
}

// Map a 999's rejections back to what was sent, by GS06 and ST02.
func ExampleAcknowledgment_Rejections() {
	f, err := ack.ReadAll(ack.NewReader(x12.NewReader(strings.NewReader(response999))))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range f.Acknowledgments {
		rej := a.Rejections()
		keys := slices.SortedFunc(func(yield func(ack.SetKey) bool) {
			for k := range rej {
				if !yield(k) {
					return
				}
			}
		}, func(a, b ack.SetKey) int { return strings.Compare(a.Group+"/"+a.Set, b.Group+"/"+b.Set) })
		for _, k := range keys {
			fmt.Printf("GS06 %s ST02 %s rejected, claims %v, IK5 codes %v\n", k.Group, k.Set, rej[k].ClaimIDs, rej[k].SetErrors)
		}
	}
	// Output:
	// GS06 501 ST02 0002 rejected, claims [PCN-2], IK5 codes [5]
}

const claims837 = `ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*CLEARINGHOUSE  *260115*1200*^*00501*000000101*1*P*:~
GS*HC*SUB*CH*20260115*1200*501*X*005010X222A1~
ST*837*0001*005010X222A1~
BHT*0019*00*B1*20260115*1200*CH~
SE*3*0001~
ST*837*0002*005010X222A1~
BHT*0019*00*B2*20260115*1200*CH~
SE*9*0002~
GE*2*501~
IEA*1*000000101~
`

// Answer a received 837 file with a TA1 and a 999, as a clearinghouse
// does. The envelope problems the x12.Reader finds carry their codes.
func ExampleFor() {
	resp, err := ack.For(x12.NewReader(strings.NewReader(claims837)), ack.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	w := x12.NewWriter(os.Stdout, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1)
	err = resp.Write(w,
		x12.InterchangeHeader{SenderID: "CLEARINGHOUSE", ReceiverID: "SUBMITTER", Date: x12.NewDate(2026, 1, 16), Time: x12.TimeOfDay{Hour: 8, Precision: 4}},
		x12.GroupHeader{SenderCode: "CH", ReceiverCode: "SUB", Date: x12.NewDate(2026, 1, 16), Time: x12.TimeOfDay{Hour: 8, Precision: 4}})
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*SUBMITTER      *260116*0800*^*00501*000000001*0*P*:~
	// TA1*000000101*260115*1200*A*000~
	// GS*FA*CH*SUB*20260116*0800*1*X*005010X231A1~
	// ST*999*0001*005010X231A1~
	// AK1*HC*501*005010X222A1~
	// AK2*837*0001*005010X222A1~
	// IK5*A~
	// AK2*837*0002*005010X222A1~
	// IK5*R*4~
	// AK9*P*2*2*1~
	// SE*8*0001~
	// GE*1*1~
	// IEA*1*000000001~
}

// Write a 999 from typed values.
func ExampleEncode() {
	a := &ack.Acknowledgment{Group: ack.GroupResponse{
		FunctionalID: "HC", ControlNumber: "501", Version: "005010X222A1",
		Sets: []ack.SetResponse{{
			ID: "837", ControlNumber: "0001", Status: ack.Rejected, Errors: []ack.SetErrorCode{ack.SetSegmentsInError},
			Segments: []ack.SegmentError{{
				SegmentID: "REF", Position: 57, Loop: "2300", Code: ack.SegmentRequiredMissing,
				BusinessUnits: []ack.BusinessUnit{{Name: "CLM01", Reference: "PCN-9"}},
			}},
		}},
		Status: ack.Rejected, Included: 1, Received: 1, Accepted: 0,
	}}
	w := x12.NewWriter(os.Stdout, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(12)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "CH", ReceiverID: "SUB", Date: x12.NewDate(2026, 1, 16)})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "FA", SenderCode: "CH", ReceiverCode: "SUB", Date: x12.NewDate(2026, 1, 16), Version: ack.Version999})
	if _, err := ack.Encode(w, a); err != nil {
		fmt.Println(err)
	}
	w.Close()
	// Output:
	// ISA*00*          *00*          *ZZ*CH             *ZZ*SUB            *260116*0000*^*00501*000000012*0*P*:~
	// GS*FA*CH*SUB*20260116*0000*12*X*005010X231A1~
	// ST*999*0012*005010X231A1~
	// AK1*HC*501*005010X222A1~
	// AK2*837*0001~
	// IK3*REF*57*2300*3~
	// CTX*CLM01:PCN-9~
	// IK5*R*5~
	// AK9*R*1*1*0~
	// SE*8*0012~
	// GE*1*12~
	// IEA*1*000000012~
}
