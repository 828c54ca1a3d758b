// Package remit reads 835 health care claim payment/advice transactions
// (ASC X12 005010X221A1), checks that they balance, and reconciles them
// with the claims that were sent.
//
// Decoding streams one transaction set at a time:
//
//	d := remit.NewDecoder(f)
//	d.File = "era.835"
//	for {
//		rem, err := d.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // the input cannot be read further
//		}
//		if !rem.Balanced {
//			for _, b := range rem.BalanceErrors {
//				fmt.Println(b.Message)
//			}
//		}
//		for _, c := range rem.Claims {
//			fmt.Println(c.PatientControlNumber, c.Status, c.Paid)
//		}
//	}
//
// Data problems (a bad amount, a segment out of place) do not stop
// decoding: they are positioned *x12.Error values in
// Remittance.Problems. Balancing is reported, never fatal: see
// Remittance.CheckBalance.
package remit
