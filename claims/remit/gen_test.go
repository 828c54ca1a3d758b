package remit_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/claimkit/claimkit/x12"
)

// genOptions shapes a generated 835.
type genOptions struct {
	// Size is the least number of bytes to generate.
	Size int
	// ClaimsPerSet is the number of CLP loops per ST..SE.
	ClaimsPerSet int
	// Seed makes the output deterministic.
	Seed uint64
}

// cents formats an amount in cents as an X12 decimal with two places.
func cents(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10) + "." + fmt.Sprintf("%02d", v%100)
	if neg {
		return "-" + s
	}
	return s
}

// telehealth procedure codes with their usual charge in cents.
var genCodes = []struct {
	code, mod string
	charge    int64
}{
	{"99453", "", 2200}, {"99454", "", 5000}, {"99457", "95", 5200}, {"99458", "", 4200},
	{"98975", "", 2100}, {"98976", "", 5000}, {"98980", "GP", 5000}, {"99213", "95", 12500},
	{"99214", "95", 18000}, {"G2012", "", 1500},
}

var genCARC = []string{"97", "16", "18", "50", "96", "119", "151", "197", "204"}

// gen835 writes a realistic professional 835: many transaction sets, each
// a balanced payment of ClaimsPerSet claims with two to four service
// lines, contractual and patient adjustments, denials, reversals and
// provider adjustments.
func gen835(o genOptions) []byte {
	if o.ClaimsPerSet == 0 {
		o.ClaimsPerSet = 500
	}
	rng := rand.New(rand.NewPCG(o.Seed, 835))
	var buf bytes.Buffer
	buf.Grow(o.Size + o.Size/8)
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = true
	w.ControlNumbers = x12.NewSequence(1)
	day := x12.NewDate(2026, time.January, 15)
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	_, err := w.BeginInterchange(x12.InterchangeHeader{SenderID: "PAYERSENDER", ReceiverID: "CLAIMKITRCV", Date: day})
	must(err)
	_, err = w.BeginGroup(x12.GroupHeader{FunctionalID: "HP", SenderCode: "PAYER", ReceiverCode: "CLAIMKIT", Date: day, Version: "005010X221A1"})
	must(err)
	pcn := 0
	for set := 0; buf.Len() < o.Size; set++ {
		_, err = w.BeginSet("835", "005010X221A1")
		must(err)
		type line struct {
			code, mod            string
			charge, co, pr, paid int64
			date                 x12.Date
			carc                 string
			remark               string
			units                int
		}
		type claim struct {
			pcn, status      string
			lines            []line
			charge, paid, pr int64
		}
		claims := make([]claim, o.ClaimsPerSet)
		var total int64
		for i := range claims {
			pcn++
			c := claim{pcn: "TH" + strconv.Itoa(100000+pcn), status: "1"}
			kind := rng.IntN(20)
			n := 2 + rng.IntN(3)
			for j := 0; j < n; j++ {
				g := genCodes[rng.IntN(len(genCodes))]
				l := line{code: g.code, mod: g.mod, charge: g.charge, date: day.AddDays(-rng.IntN(60)), units: 1}
				switch {
				case kind == 0: // denied
					l.co, l.carc = l.charge, genCARC[rng.IntN(len(genCARC))]
					l.remark = "N130"
				default:
					l.co = l.charge * int64(10+rng.IntN(30)) / 100
					l.pr = (l.charge - l.co) / 5
				}
				l.paid = l.charge - l.co - l.pr
				c.lines = append(c.lines, l)
				c.charge += l.charge
				c.paid += l.paid
				c.pr += l.pr
			}
			if kind == 0 {
				c.status = "4"
			}
			if kind == 1 { // reversal of an earlier payment
				c.status = "22"
				for j := range c.lines {
					l := &c.lines[j]
					l.charge, l.co, l.pr, l.paid = -l.charge, -l.co, -l.pr, -l.paid
				}
				c.charge, c.paid, c.pr = -c.charge, -c.paid, -c.pr
			}
			total += c.paid
			claims[i] = c
		}
		plbInterest, plbRecovery := int64(-150), int64(1000+rng.IntN(5000))
		total -= plbInterest + plbRecovery
		seg := func(id string, els ...string) { must(w.WriteSegment(id, els...)) }
		handling, cd := "I", "C"
		amt := total
		if total < 0 {
			cd, amt = "D", -total
		}
		seg("BPR", handling, cents(amt), cd, "ACH", "CCP", "01", "999999992", "DA", "123456", "1512345678", "", "01", "999988880", "DA", "98765", day.D8())
		seg("TRN", "1", "EFT"+strconv.Itoa(900000+set), "1512345678")
		seg("DTM", "405", day.AddDays(-1).D8())
		seg("N1", "PR", "MEDICARE PART B")
		seg("N3", "PO BOX 1000")
		seg("N4", "ANYTOWN", "PA", "19103")
		seg("REF", "2U", "12345")
		seg("PER", "BL", "EDI SUPPORT", "TE", "8005551212")
		seg("N1", "PE", "TELEHEALTH CLINIC", "XX", "1234567893")
		seg("REF", "TJ", "123456789")
		seg("LX", "1")
		for _, c := range claims {
			seg("CLP", c.pcn, c.status, cents(c.charge), cents(c.paid), cents(c.pr), "MB", "ICN"+c.pcn, "11", "1")
			seg("NM1", "QC", "1", "DOE", "JANE", "", "", "", "MI", "MBR"+c.pcn)
			seg("NM1", "82", "1", "SMITH", "JOHN", "", "", "", "XX", "1234567893")
			seg("DTM", "050", day.AddDays(-5).D8())
			for j, l := range c.lines {
				w.StartSegment("SVC")
				if l.mod != "" {
					w.Components("HC", l.code, l.mod)
				} else {
					w.Components("HC", l.code)
				}
				w.Element(cents(l.charge))
				w.Element(cents(l.paid))
				w.Element("")
				w.Element(strconv.Itoa(l.units))
				must(w.EndSegment())
				seg("DTM", "472", l.date.D8())
				if l.carc != "" {
					seg("CAS", "CO", l.carc, cents(l.co))
				} else {
					seg("CAS", "CO", "45", cents(l.co))
					if l.pr != 0 {
						seg("CAS", "PR", "2", cents(l.pr))
					}
				}
				seg("REF", "6R", c.pcn+"-"+strconv.Itoa(j+1))
				seg("AMT", "B6", cents(l.charge-l.co))
				if l.remark != "" {
					seg("LQ", "HE", l.remark)
				}
			}
		}
		w.StartSegment("PLB")
		w.Element("1234567893")
		w.Element("20261231")
		w.Components("L6", "INTEREST")
		w.Element(cents(plbInterest))
		w.Components("WO", "ICN"+strconv.Itoa(set))
		w.Element(cents(plbRecovery))
		must(w.EndSegment())
		must(w.EndSet())
	}
	must(w.Close())
	return buf.Bytes()
}
