package sim

import (
	"bytes"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/claimkit/claimkit/claims/ack277"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/x12"
	"github.com/claimkit/claimkit/x12/ack"
)

// digest is what a client learns from the response files, in a form a
// test can compare: every value comes from the package decoders.
type digest struct {
	// TA1s are "ISA13 status note".
	TA1s []string
	// Sets are "GS06/ST02 verdict codes" from the 999s.
	Sets []string
	// Claims are the 277CA outcomes: "PCN accepted ICN" or
	// "PCN rejected A7:562:85 ...".
	Claims []string
	Checks []checkDigest
}

type checkDigest struct {
	Payee    string // N1*PE N104
	Amount   string // BPR02, signed (negative for a debit)
	Trace    string
	Claims   []claimDigest
	PLB      []string // "reason:reference amount"
	Balanced bool
}

type claimDigest struct {
	PCN, Status, Charge, Paid, Patient, ICN string
	// Lines are "code[:mods] charge paid [group-reason amount ...] 6R".
	Lines []string
}

func amt(d interface{ String() string }) string { return d.String() }

// decodeResponses decodes response files with x12/ack, claims/ack277 and
// claims/remit, failing the test on any problem the decoders report.
func decodeResponses(t testing.TB, files []File) digest {
	t.Helper()
	var d digest
	for _, f := range files {
		switch path.Ext(f.Name) {
		case ".999", ".ta1":
			x := x12.NewReader(bytes.NewReader(f.Data))
			x.File = f.Name
			af, err := ack.ReadAll(ack.NewReader(x))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, p := range af.Problems {
				t.Errorf("%s: %v", f.Name, p)
			}
			for _, ta1 := range af.TA1s {
				d.TA1s = append(d.TA1s, ta1.ControlNumber+" "+string(ta1.Status)+" "+string(ta1.Note))
			}
			for _, a := range af.Acknowledgments {
				res := a.Results()
				keys := make([]ack.SetKey, 0, len(res))
				for k := range res {
					keys = append(keys, k)
				}
				slices.SortFunc(keys, func(a, b ack.SetKey) int { return strings.Compare(a.Group+"/"+a.Set, b.Group+"/"+b.Set) })
				for _, k := range keys {
					r := res[k]
					s := k.Group + "/" + k.Set + " " + string(r.Verdict)
					for _, c := range r.SetErrors {
						s += " IK5:" + string(c)
					}
					for _, se := range r.Segments {
						s += " IK3:" + se.SegmentID + "@" + strconv.Itoa(se.Position) + ":" + string(se.Code)
					}
					for _, c := range r.GroupErrors {
						s += " AK9:" + string(c)
					}
					d.Sets = append(d.Sets, s)
				}
			}
		case ".277":
			acks, problems, err := ack277.DecodeAll(bytes.NewReader(f.Data), f.Name)
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, p := range problems {
				t.Errorf("%s: %v", f.Name, p)
			}
			for _, a := range acks {
				for _, c := range a.Claims() {
					s := c.Claim.Summary()
					line := s.PatientControlNumber + " " + string(s.Outcome)
					if c.Claim.PayerClaimControlNumber != "" {
						line += " " + c.Claim.PayerClaimControlNumber
					}
					for _, r := range s.Reasons {
						line += " " + r.Category + ":" + r.Code + ":" + r.Entity
					}
					d.Claims = append(d.Claims, line)
				}
			}
		case ".835":
			rems, err := remit.DecodeAll(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			for _, r := range rems {
				for _, p := range r.Problems {
					t.Errorf("%s: %v", f.Name, p)
				}
				for _, b := range r.BalanceErrors {
					t.Errorf("%s: %s", f.Name, b.Message)
				}
				ck := checkDigest{Payee: r.Payee.ID, Amount: amt(r.Payment.Net()), Trace: r.Trace.Number, Balanced: r.Balanced}
				for _, a := range r.ProviderAdjustments {
					ck.PLB = append(ck.PLB, a.Reason+":"+a.Reference+" "+amt(a.Amount))
				}
				for _, c := range r.Claims {
					cd := claimDigest{
						PCN: c.PatientControlNumber, Status: string(c.Status), Charge: amt(c.Charge), Paid: amt(c.Paid),
						Patient: amt(c.PatientResponsibility), ICN: c.PayerClaimControlNumber,
					}
					for _, s := range c.Services {
						l := strings.Join(append([]string{s.Procedure.Code}, s.Procedure.Modifiers...), ":") + " " + amt(s.Charge) + " " + amt(s.Paid)
						for _, a := range s.Adjustments {
							l += " " + string(a.Group) + "-" + a.Reason + " " + amt(a.Amount)
						}
						if v, ok := s.Amount("B6"); ok {
							l += " allowed " + amt(v)
						}
						l += " " + s.LineControlNumber
						cd.Lines = append(cd.Lines, l)
					}
					ck.Claims = append(ck.Claims, cd)
				}
				d.Checks = append(d.Checks, ck)
			}
		default:
			t.Errorf("unexpected response file %s", f.Name)
		}
	}
	return d
}
