// Package x12test holds test helpers shared by the x12 packages and their
// users: a generator of large synthetic interchanges for benchmarks.
package x12test

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/claimkit/claimkit/x12"
)

// Options shape a generated 837P-like interchange.
type Options struct {
	// Size is the least number of bytes to generate.
	Size int
	// Newline writes a line feed after each segment terminator.
	Newline bool
	// SubscribersPerSet is the number of 2000B loops in each transaction
	// set (default 50).
	SubscribersPerSet int
	// Seed makes the data vary; the same seed gives the same bytes.
	Seed uint64
}

var (
	lastNames  = []string{"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "LISA", "IEA"}
	firstNames = []string{"JOHN", "MARY", "LISA", "JAMES", "PATRICIA", "ROBERT", "JENNIFER", "MICHAEL"}
	streets    = []string{"2345 NORTH RD", "1111 DRICE PLACE", "PO BOX 78765", "12 ELM STREET APT 4", "900 MARKET ST"}
	cities     = []string{"SPRINGFIELD*NY*11111", "SOUTH BEACH*FL*23466", "RALEIGH*NC*276076000", "AUSTIN*TX*78701"}
	payers     = []string{"BLUE CROSS", "AMERIGROUP MANAGED CARE", "ETNA", "MEDICARE PART B"}
	procedures = []string{"99453", "99454", "99457", "99458", "98975", "98977", "98980", "99091", "87086", "97530"}
	diagnoses  = []string{"I10", "E119", "J449", "I509", "E785", "M545"}
)

// Interchange837 returns a synthetic 837P-like interchange of at least
// opt.Size bytes: one ISA and GS, transaction sets of professional claims
// with subscriber, payer, provider, claim, diagnosis and service line
// segments, with the delimiters * ^ : ~. It is built with x12.Writer, so
// its envelopes and counts are right. Patient data is made up.
func Interchange837(opt Options) []byte {
	if opt.SubscribersPerSet <= 0 {
		opt.SubscribersPerSet = 50
	}
	var buf bytes.Buffer
	buf.Grow(opt.Size + 64<<10)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x837))
	w := x12.NewWriter(&buf, x12.DefaultDelimiters)
	w.Newline = opt.Newline
	w.ControlNumbers = x12.NewSequence(1)
	day := x12.NewDate(2026, time.January, 15)
	w.BeginInterchange(x12.InterchangeHeader{SenderID: "133052274", ReceiverID: "311279999", Date: day,
		Time: x12.TimeOfDay{Hour: 21, Minute: 25}, Usage: "P"})
	w.BeginGroup(x12.GroupHeader{FunctionalID: "HC", SenderCode: "133052274", ReceiverCode: "311279999",
		Date: day, Time: x12.TimeOfDay{Hour: 21, Minute: 25, Second: 49, Precision: 6}, Version: "005010X222A1"})
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	num := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		return string(b)
	}
	claim := 0
	for buf.Len() < opt.Size {
		st, _ := w.BeginSet("837", "005010X222A1")
		w.WriteSegment("BHT", "0019", "00", st, "20260115", "2125", "CH")
		w.WriteSegment("NM1", "41", "2", "CLAIMKIT BILLING", "", "", "", "", "46", "133052274")
		w.WriteSegment("PER", "IC", "CUSTOMER SOLUTIONS", "TE", "8008456592")
		w.WriteSegment("NM1", "40", "2", "RECEIVER", "", "", "", "", "46", "311279999")
		w.WriteSegment("HL", "1", "", "20", "1")
		w.WriteSegment("NM1", "85", "2", "REMOTE CARE CLINIC", "", "", "", "", "XX", "1215954003")
		w.WriteSegment("N3", "1540 SUNDAY DRIVE")
		w.WriteSegment("N4", "RALEIGH", "NC", "276076000")
		w.WriteSegment("REF", "EI", "569999999")
		for sub := range opt.SubscribersPerSet {
			claim++
			hl := strconv.Itoa(sub + 2)
			w.WriteSegment("HL", hl, "1", "22", "0")
			w.WriteSegment("SBR", "P", "18", "", "", "", "", "", "", "CI")
			w.WriteSegment("NM1", "IL", "1", pick(lastNames), pick(firstNames), "", "", "", "MI", num(9))
			w.WriteSegment("N3", pick(streets))
			city := pick(cities)
			w.WriteSegment("N4", city[:bytes.IndexByte([]byte(city), '*')], "NC", num(5))
			w.WriteSegment("DMG", "D8", "19"+strconv.Itoa(40+rng.IntN(50))+"0"+strconv.Itoa(1+rng.IntN(9))+"1"+strconv.Itoa(rng.IntN(9)), pick([]string{"F", "M"}))
			w.WriteSegment("NM1", "PR", "2", pick(payers), "", "", "", "", "PI", num(5))
			lines := 1 + rng.IntN(4)
			cents := make([]int, lines)
			total := 0
			for i := range cents {
				cents[i] = 1000 + rng.IntN(20000)
				total += cents[i]
			}
			w.StartSegment("CLM")
			w.Element("PCN" + strconv.Itoa(claim))
			w.Element(money(total))
			w.Element("")
			w.Element("")
			w.Components("11", "B", "1")
			w.Element("Y")
			w.Element("A")
			w.Element("Y")
			w.Element("Y")
			w.EndSegment()
			w.StartSegment("HI")
			w.Components("BK", pick(diagnoses))
			w.Components("BF", pick(diagnoses))
			w.EndSegment()
			w.WriteSegment("NM1", "82", "1", pick(lastNames), pick(firstNames), "", "", "", "XX", "1"+num(9))
			w.WriteSegment("REF", "G2", num(8))
			for i, c := range cents {
				w.WriteSegment("LX", strconv.Itoa(i+1))
				w.StartSegment("SV1")
				w.Components("HC", pick(procedures))
				w.Element(money(c))
				w.Element("UN")
				w.Element("1")
				w.Element("")
				w.Element("")
				w.Element("1")
				w.EndSegment()
				w.WriteSegment("DTP", "472", "D8", "202601"+strconv.Itoa(10+rng.IntN(18)))
			}
		}
		w.EndSet()
	}
	if err := w.Close(); err != nil {
		panic("x12test: generator: " + err.Error())
	}
	return buf.Bytes()
}

// money formats cents as an X12 R amount.
func money(cents int) string {
	s := strconv.Itoa(cents / 100)
	switch c := cents % 100; {
	case c == 0:
	case c%10 == 0:
		s += "." + strconv.Itoa(c/10)
	case c < 10:
		s += ".0" + strconv.Itoa(c)
	default:
		s += "." + strconv.Itoa(c)
	}
	return s
}
