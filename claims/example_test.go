package claims_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// monthJSON is a small batch: one Medicare patient with a month of RPM.
const monthJSON = `{
  "patients": [{"id": "P1", "mrn": "MRN-1", "name": {"last": "DOE", "first": "JANE"}, "birth_date": "1950-01-01", "gender": "F"}],
  "coverages": [{"id": "C1", "payer": {"name": "MEDICARE PART B", "payer_id": "00952", "claim_filing_indicator": "MB"},
                 "subscriber": {"member_id": "1EG4TE5MK73", "name": {"last": "DOE", "first": "JANE"}}}],
  "providers": [{"id": "ACME", "npi": "1245319599", "tax_id": "123456789", "name": {"organization": "ACME FAMILY MEDICINE"}},
                {"id": "DR1", "npi": "1234567893", "qualification": "MD", "name": {"last": "SMITH", "first": "JOHN"}}],
  "charge_items": [
    {"id": "CI-1", "name": "RPM device supply", "encounter_id": "E1", "patient_id": "P1", "coverage_id": "C1",
     "billing_provider_id": "ACME", "rendering_provider_id": "DR1", "practitioner_id": "DR1",
     "start": "2026-01-30T08:00:00-06:00", "end": "2026-01-30T08:00:00-06:00", "procedure": {"code": "99454"},
     "units": "1", "charge": "60.00", "place_of_service": "11", "diagnoses": ["I10"], "business_unit": "RPM", "status": "ready_to_bill"},
    {"id": "CI-2", "name": "RPM management, 20 more minutes", "encounter_id": "E2", "patient_id": "P1", "coverage_id": "C1",
     "billing_provider_id": "ACME", "rendering_provider_id": "DR1", "practitioner_id": "DR1",
     "start": "2026-01-31T10:00:00-06:00", "end": "2026-01-31T10:20:00-06:00", "procedure": {"code": "99458"},
     "units": "1", "charge": "45.00", "place_of_service": "11", "diagnoses": ["I10", "E1165"], "business_unit": "RPM", "status": "ready_to_bill"},
    {"id": "CI-3", "name": "RPM management, 20 more minutes", "encounter_id": "E3", "patient_id": "P1", "coverage_id": "C1",
     "billing_provider_id": "ACME", "rendering_provider_id": "DR1", "practitioner_id": "DR1",
     "start": "2026-01-31T15:00:00-06:00", "end": "2026-01-31T15:20:00-06:00", "procedure": {"code": "99458"},
     "units": "1", "charge": "45.00", "place_of_service": "11", "diagnoses": ["I10"], "business_unit": "RPM", "status": "new"}
  ]
}`

func ExampleGroup() {
	b, err := claims.ReadBatch(strings.NewReader(monthJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	// CI-3 is still New: approve it, then group what is ready to bill.
	claims.Approve(b, claims.ApproveOptions{})
	res, err := claims.Group(b, claims.GroupOptions{PCN: claims.HashPCN{Prefix: "RPM"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Claims {
		fmt.Printf("claim %s to %s, diagnoses %v, total %s\n", c.PatientControlNumber, c.Coverage.Payer.Name, c.Diagnoses, c.Total().StringFixed(2))
		for _, l := range c.Lines {
			fmt.Printf("  line %d: %s on %s, %s unit(s), %s, pointers %v, items %v\n",
				l.Number, l.Procedure, l.Service.From, l.Units, l.Charge.StringFixed(2), l.DiagnosisPointers, l.ChargeItemIDs)
		}
	}
	fmt.Println(b.Items[2].ID, b.Items[2].Status, "on line", b.Items[2].LineNumber)
	// Output:
	// claim RPM1YKQTXPXT88MS to MEDICARE PART B, diagnoses [I10 E1165], total 150.00
	//   line 1: 99454 on 2026-01-30, 1 unit(s), 60.00, pointers [1], items [CI-1]
	//   line 2: 99458 on 2026-01-31, 2 unit(s), 90.00, pointers [1 2], items [CI-2 CI-3]
	// CI-3 claim_line_created on line 2
}

func ExampleReadBatch() {
	bad := strings.Replace(monthJSON, `"charge": "45.00"`, `"charge": "45,00"`, 1)
	_, err := claims.ReadBatch(strings.NewReader(bad))
	var ie *claims.InputError
	if errors.As(err, &ie) {
		fmt.Println(ie.Section, ie.Index, ie.ID, ie.Field, ie.Line)
	}
	fmt.Println(errors.Is(err, claims.ErrBadInput))
	// Output:
	// charge_items 1 CI-2 charge 15
	// true
}

func ExampleClaim_Transition() {
	c := claims.Claim{PatientControlNumber: "RPM000123"}
	at := time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC)
	for _, step := range []struct {
		to  claims.ClaimStatus
		why string
	}{
		{claims.ReadyToSubmit, "passed the scrubber"},
		{claims.Submitted, "batch 17"},
		{claims.Rejected, "277CA A7:562"},
	} {
		if err := c.Transition(step.to, claims.Change{By: "daemon", At: at, Reason: step.why}); err != nil {
			fmt.Println(err)
		}
		at = at.Add(time.Hour)
	}
	err := c.Transition(claims.Paid, claims.Change{By: "daemon", At: at})
	fmt.Println(errors.Is(err, claims.ErrIllegalTransition), err)

	c.PayerClaimControlNumber = "PAYER-99"
	fix, err := c.Correct("RPM000124", claims.Change{By: "biller", At: at, Reason: "fixed the NPI"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range c.History {
		fmt.Printf("%s -> %s by %s at %s: %s\n", h.From, h.To, h.By, h.At.Format("15:04"), h.Reason)
	}
	fmt.Println(fix.PatientControlNumber, "frequency", fix.Frequency, "replaces", fix.OriginalReference, "status", fix.Status)
	// Output:
	// true claims: illegal status transition: claim RPM000123: rejected to paid
	// draft -> ready_to_submit by daemon at 09:00: passed the scrubber
	// ready_to_submit -> submitted by daemon at 10:00: batch 17
	// submitted -> rejected by daemon at 11:00: 277CA A7:562
	// rejected -> corrected by biller at 12:00: fixed the NPI
	// RPM000124 frequency 7 replaces PAYER-99 status draft
}

func ExampleApprove() {
	b, err := claims.ReadBatch(strings.NewReader(strings.Replace(monthJSON, `"procedure": {"code": "99454"}`, `"procedure": {"code": "99458"}`, 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Make CI-1 a second 99458 on the 31st: CI-3 duplicates the approved CI-2.
	b.Items[0].Start = b.Items[1].Start
	res := claims.Approve(b, claims.ApproveOptions{
		Range:          claims.Period{From: x12.NewDate(2026, 1, 1), To: x12.NewDate(2026, 1, 31)},
		BusinessUnits:  []string{"RPM"},
		SkipDuplicates: true,
	})
	fmt.Println("approved", len(res.Approved), "duplicates", len(res.Duplicates))
	fmt.Println(b.Items[2].ID, b.Items[2].Status, "duplicate of", b.Items[2].DuplicateOf)
	// Output:
	// approved 0 duplicates 1
	// CI-3 new duplicate of CI-1
}

func ExampleWriteBillingExport() {
	b, err := claims.ReadBatch(strings.NewReader(monthJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	exported, err := claims.WriteBillingExport(os.Stdout, b, claims.ExportOptions{
		Range:      claims.Period{From: x12.NewDate(2026, 1, 1), To: x12.NewDate(2026, 1, 31)},
		MarkBilled: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(exported), b.Items[0].Status)
	// Output:
	// Charge Item Name,Modifiers,Place of Service,Location Type,Telecare,Business Unit,Billable Units,Patient First and Last Name,Patient MRN,Practitioner First and Last Name,Practitioner Qualification,Start Date and Time,End Date and Time,Duration,Billing Unit Type,Procedure Code,Authorization #,Rendering Provider,Rendering Provider NPI
	// RPM device supply,,11,,None,RPM,1,JANE DOE,MRN-1,JOHN SMITH,MD,2026-01-30 08:00 -06:00,2026-01-30 08:00 -06:00,0,Units,99454,,JOHN SMITH,1234567893
	// "RPM management, 20 more minutes",,11,,None,RPM,1,JANE DOE,MRN-1,JOHN SMITH,MD,2026-01-31 10:00 -06:00,2026-01-31 10:20 -06:00,20,Units,99458,,JOHN SMITH,1234567893
	// 2 billed_externally
}

func ExampleDuplicates() {
	b, err := claims.ReadBatch(strings.NewReader(monthJSON))
	if err != nil {
		fmt.Println(err)
		return
	}
	dups := claims.Duplicates(b, claims.Period{}, claims.DuplicateOptions{})
	for _, d := range dups {
		fmt.Println(b.Items[d.Item].ID, "duplicates", b.Items[d.Of].ID)
	}
	// Output:
	// CI-3 duplicates CI-2
}
