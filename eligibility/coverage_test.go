package eligibility

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimkit/claimkit/x12"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// build271 wraps segments in a 271 with one payer, one provider and
// one subscriber (member ID M1); the segments follow the subscriber's
// NM1 and may open a dependent loop. receiver are segments for the
// 2100B loop.
func build271(receiver []string, member ...string) string {
	segs := []string{
		"ST*271*0001*005010X279A1", "BHT*0022*11*REF1*20260115*1200",
		"HL*1**20*1", "NM1*PR*2*ACME*****PI*12345",
		"HL*2*1*21*1", "NM1*1P*2*CLINIC*****XX*1234567893",
	}
	segs = append(segs, receiver...)
	segs = append(segs, "HL*3*2*22*0", "NM1*IL*1*DOE*JANE****MI*M1")
	segs = append(segs, member...)
	segs = append(segs, "SE*"+strconv.Itoa(len(segs)+1)+"*0001")
	return "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLAIMKIT       *260115*1200*^*00501*000000001*0*T*:~\n" +
		"GS*HB*PAYER*CLAIMKIT*20260115*1200*1*X*005010X279A1~\n" +
		strings.Join(segs, "~\n") + "~\nGE*1*1~\nIEA*1*000000001~\n"
}

func decodeString(t *testing.T, s string) []Response {
	t.Helper()
	r := x12.NewReader(strings.NewReader(s))
	r.Strict = true
	resps, err := Decode271(r)
	if err != nil {
		t.Fatalf("Decode271: %v\n%s", err, s)
	}
	return resps
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var covOpts = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmpopts.IgnoreFields(Rejection{}, "Pos"),
	cmpopts.EquateEmpty(),
}

func TestCoverage(t *testing.T) {
	asOf := x12.NewDate(2026, time.January, 15)
	subscriber := Coverage{Level: SubscriberLevel, MemberID: "M1", AsOf: asOf}
	with := func(c Coverage, st ServiceType, s Status, reason string) Coverage {
		c.ServiceType, c.Status, c.Reason = st, s, reason
		return c
	}
	tests := []struct {
		name     string
		receiver []string
		member   []string
		st       ServiceType
		want     []Coverage
	}{
		{
			name: "active plan coverage with cost shares",
			member: []string{"DTP*346*D8*20250101", "EB*1*IND*30*PR*GOLD PPO", "EB*B*IND*98*PR**27*25*****Y", "EB*B*IND*98*PR**27*60*****N",
				"EB*A*IND*30*PR**27**.2****Y", "EB*C*IND*30*PR**23*1500*****Y", "EB*C*IND*30*PR**29*420.50*****Y",
				"EB*G*IND*30*PR**23*6000*****Y", "EB*G*IND*30*PR**29*5100*****Y"},
			st: "30",
			want: []Coverage{func() Coverage {
				c := with(subscriber, "30", Active, "EB01 1 (Active Coverage) for service type 30")
				c.InsuranceType, c.Plan = "PR", "GOLD PPO"
				c.Coinsurance = []CostShare{{Value: dec("0.2"), TimePeriod: "27", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"}}
				c.Deductible = []CostShare{
					{Value: dec("1500"), TimePeriod: "23", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"},
					{Value: dec("420.50"), Remaining: true, TimePeriod: "29", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"},
				}
				c.OutOfPocket = []CostShare{
					{Value: dec("6000"), TimePeriod: "23", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"},
					{Value: dec("5100"), Remaining: true, TimePeriod: "29", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"},
				}
				return c
			}()},
		},
		{
			name:   "office visit: copays by network, plan-level deductible",
			member: []string{"EB*1*IND*30*PR*GOLD PPO", "EB*B*IND*98*PR**27*25*****Y", "EB*B*IND*98*PR**27*60*****N", "EB*C*IND*30*PR**29*100"},
			st:     "98",
			want: []Coverage{func() Coverage {
				c := with(subscriber, "98", Active, "EB01 1 (Active Coverage) for service type 30 (plan coverage)")
				c.InsuranceType, c.Plan = "PR", "GOLD PPO"
				c.Copay = []CostShare{
					{Value: dec("25"), TimePeriod: "27", InNetwork: "Y", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "98"},
					{Value: dec("60"), TimePeriod: "27", InNetwork: "N", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "98"},
				}
				c.Deductible = []CostShare{{Value: dec("100"), Remaining: true, TimePeriod: "29", CoverageLevel: "IND", InsuranceType: "PR", ServiceType: "30"}}
				return c
			}()},
		},
		{
			name:   "telehealth by III and MSG, authorization required",
			member: []string{"EB*1**30", "EB*1**98********Y", "III*ZZ*02", "EB*1**98", "MSG*Telehealth visits covered at office rate", "EB*1**98", "III*ZZ*11"},
			st:     "98",
			want: []Coverage{func() Coverage {
				c := with(subscriber, "98", Active, "EB01 1 (Active Coverage) for service type 98")
				c.AuthorizationRequired = true
				c.Telehealth = true
				c.TelehealthEvidence = []string{"III*ZZ*02 on EB01 1", "MSG on EB01 1: Telehealth visits covered at office rate"}
				return c
			}()},
		},
		{
			name:   "telehealth in the home not covered",
			member: []string{"EB*1**30", "EB*I**98", "III*ZZ*10"},
			st:     "98",
			want: []Coverage{func() Coverage {
				c := with(subscriber, "98", Active, "EB01 1 (Active Coverage) for service type 30 (plan coverage)")
				c.NonCovered, c.Telehealth = true, true
				c.TelehealthEvidence = []string{"III*ZZ*10 on EB01 I (non-covered)"}
				return c
			}()},
		},
		{
			name:   "service type inactive beats plan active",
			member: []string{"EB*1**30", "EB*6**PT"},
			st:     "PT",
			want:   []Coverage{with(subscriber, "PT", Inactive, "EB01 6 (Inactive) for service type PT")},
		},
		{
			name:   "active wins over inactive at the same level",
			member: []string{"EB*6**30*MA", "EB*1**30*MB"},
			want: []Coverage{func() Coverage {
				c := with(subscriber, "30", Active, "EB01 1 (Active Coverage) for service type 30")
				c.InsuranceType = "MB"
				return c
			}()},
		},
		{
			name:   "benefit dates: inactive period over, active since",
			member: []string{"EB*6", "DTP*307*RD8*20250901-20250930", "EB*1**30", "DTP*307*D8*20200101"},
			want:   []Coverage{with(subscriber, "30", Active, "EB01 1 (Active Coverage) for service type 30")},
		},
		{
			name:   "benefit dates: inactive period now",
			member: []string{"EB*6", "DTP*307*RD8*20260101-20260131", "EB*1**30", "DTP*292*D8*20270101"},
			want:   []Coverage{with(subscriber, "30", Inactive, "EB01 6 (Inactive) for the plan as a whole")},
		},
		{
			name:   "inactive since its end date",
			member: []string{"EB*6**30", "DTP*357*D8*20251231"},
			want:   []Coverage{with(subscriber, "30", Inactive, "EB01 6 (Inactive) for service type 30")},
		},
		{
			name:   "plan ended",
			member: []string{"DTP*346*D8*20200101", "DTP*347*D8*20251231", "EB*1**30"},
			want:   []Coverage{with(subscriber, "30", Inactive, "coverage ended 2025-12-31 (DTP 347)")},
		},
		{
			name:   "eligibility begins later",
			member: []string{"DTP*356*D8*20260201", "EB*1**30"},
			want:   []Coverage{with(subscriber, "30", Inactive, "coverage begins 2026-02-01 (DTP 356)")},
		},
		{
			name:   "response about other dates",
			member: []string{"DTP*307*RD8*20191230-20191230", "EB*1**30"},
			want:   []Coverage{with(subscriber, "30", Unknown, "the response speaks of 2019-12-30 to 2019-12-30 (DTP 307), not 2026-01-15")},
		},
		{
			name:   "no status EB",
			member: []string{"EB*B**30**PLAN*27*20", "EB*1**PT"},
			want: []Coverage{func() Coverage {
				c := with(subscriber, "30", Unknown, "no EB with EB01 1-8 applies to service type 30 on 2026-01-15")
				c.Copay = []CostShare{{Value: dec("20"), TimePeriod: "27", ServiceType: "30"}}
				return c
			}()},
		},
		{
			name:   "subscriber not found",
			member: []string{"AAA*Y**75*C"},
			want: []Coverage{func() Coverage {
				c := with(subscriber, "30", Unknown, "the payer rejected the inquiry: AAA03 75 (Subscriber/Insured Not Found) in 2100C, follow-up C (Please Correct and Resubmit)")
				c.Rejections = []Rejection{{Loop: "2100C", ValidRequest: true, Reason: "75", ReasonText: "Subscriber/Insured Not Found", FollowUp: "C", FollowUpText: "Please Correct and Resubmit"}}
				return c
			}()},
		},
		{
			name:     "provider rejected: every member unknown",
			receiver: []string{"AAA*N**51*C"},
			member:   []string{"EB*1**30", "HL*4*3*23*0", "NM1*03*1*DOE*MIA", "EB*1**30"},
			want: func() []Coverage {
				rj := []Rejection{{Loop: "2100B", Reason: "51", ReasonText: "Provider Not on File", FollowUp: "C", FollowUpText: "Please Correct and Resubmit"}}
				why := "the payer rejected the inquiry: AAA03 51 (Provider Not on File) in 2100B, follow-up C (Please Correct and Resubmit)"
				a := with(subscriber, "30", Unknown, why)
				a.Rejections = rj
				b := Coverage{Level: DependentLevel, ServiceType: "30", AsOf: asOf, Status: Unknown, Reason: why, Rejections: rj}
				return []Coverage{a, b}
			}(),
		},
		{
			name:   "dependent with its own benefits",
			member: []string{"HL*4*3*23*0", "NM1*03*1*DOE*MIA", "EB*1**30**CHILD PLAN"},
			want: []Coverage{
				with(subscriber, "30", Unknown, "no EB with EB01 1-8 applies to service type 30 on 2026-01-15"),
				{Level: DependentLevel, ServiceType: "30", AsOf: asOf, Status: Active, Reason: "EB01 1 (Active Coverage) for service type 30", Plan: "CHILD PLAN"},
			},
		},
		{
			name:   "benefit-level rejection is carried",
			member: []string{"EB*1**30", "EB*1**98", "AAA*N**AG*C"},
			st:     "98",
			want: []Coverage{func() Coverage {
				c := with(subscriber, "98", Active, "EB01 1 (Active Coverage) for service type 98")
				c.Rejections = []Rejection{{Loop: "2110C", Reason: "AG", ReasonText: "Invalid/Missing Procedure Code(s)", FollowUp: "C", FollowUpText: "Please Correct and Resubmit"}}
				return c
			}()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resps := decodeString(t, build271(tt.receiver, tt.member...))
			got := resps[0].Coverage(tt.st, asOf)
			if diff := cmp.Diff(tt.want, got, covOpts...); diff != "" {
				t.Errorf("Coverage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCoverageWithoutMembers(t *testing.T) {
	asOf := x12.NewDate(2026, 1, 15)
	tests := []struct {
		name string
		resp Response
		want string
	}{
		{"empty", Response{}, "the response names no information source"},
		{"payer only", Response{Sources: []Source{{}}}, "the response names no information receiver"},
		{"no subscriber", Response{Sources: []Source{{Receivers: []Receiver{{}}}}}, "the response names no subscriber"},
		{"payer rejected", Response{Sources: []Source{{Rejections: []Rejection{{Loop: "2000A", Reason: "42"}}}}},
			"the payer rejected the inquiry: AAA03 42 in 2000A"},
	}
	for _, tt := range tests {
		got := tt.resp.Coverage("", asOf)
		if len(got) != 1 || got[0].Status != Unknown || got[0].Reason != tt.want || got[0].ServiceType != "30" {
			t.Errorf("%s: Coverage = %+v, want one unknown answer %q", tt.name, got, tt.want)
		}
	}
}

func TestCodeMeanings(t *testing.T) {
	tests := []struct{ got, want string }{
		{BenefitCode("1").Meaning(), "Active Coverage"},
		{BenefitCode("ZZ").Meaning(), ""},
		{ServiceType("A0").Meaning(), "Professional (Physician) Visit - Outpatient"},
		{ServiceType("A6").Meaning(), "Psychotherapy"},
		{RejectReason("71").Meaning(), "Patient Birth Date Does Not Match That for the Patient on the Database"},
		{FollowUp("R").Meaning(), "Resubmission Allowed"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if !RejectReason("42").Retryable() || RejectReason("75").Retryable() {
		t.Error("Retryable: 42 is, 75 is not")
	}
	for _, c := range []BenefitCode{"1", "5"} {
		if !c.IsActive() || c.IsInactive() {
			t.Errorf("%s should be active", c)
		}
	}
	for _, c := range []BenefitCode{"6", "8"} {
		if c.IsActive() || !c.IsInactive() {
			t.Errorf("%s should be inactive", c)
		}
	}
	for _, c := range []BenefitCode{"A", "CB", "", "10"} {
		if c.IsActive() || c.IsInactive() {
			t.Errorf("%q is neither active nor inactive", c)
		}
	}
}
