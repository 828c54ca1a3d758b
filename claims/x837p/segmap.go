package x837p

import "encoding/json"

// segRef is the compact form of a SegmentRef that the encoder records for
// every segment: indexes instead of strings, so that the map of a large
// set is small (8 bytes a segment) and holds no pointers for the garbage
// collector to scan.
type segRef struct {
	claim uint16 // 1 + index into SetResult.ClaimIDs (at most 5,000), 0 for shared loops
	line  uint16 // LX01, 0 outside loop 2400
	loop  uint16 // index into the name table
	seg   uint16 // index into the name table
}

// nameTable interns the loop and segment names of a Result's segment maps.
type nameTable struct {
	list  []string
	index map[string]uint16
}

// Names the encoder writes, by index: loops first, then segment IDs.
const (
	nNone uint16 = iota
	l1000A
	l1000B
	l2000A
	l2010AA
	l2010AB
	l2000B
	l2010BA
	l2010BB
	l2000C
	l2010CA
	l2300
	l2310A
	l2310B
	l2310C
	l2400
	l2420A
	sST
	sSE
	sBHT
	sNM1
	sPER
	sHL
	sPRV
	sN3
	sN4
	sREF
	sSBR
	sDMG
	sPAT
	sCLM
	sNTE
	sHI
	sLX
	sSV1
	sDTP
	nKnown
)

var knownNames = [nKnown]string{
	"", "1000A", "1000B", "2000A", "2010AA", "2010AB", "2000B", "2010BA", "2010BB", "2000C", "2010CA",
	"2300", "2310A", "2310B", "2310C", "2400", "2420A",
	"ST", "SE", "BHT", "NM1", "PER", "HL", "PRV", "N3", "N4", "REF", "SBR", "DMG", "PAT", "CLM", "NTE", "HI", "LX", "SV1", "DTP",
}

func newNameTable() *nameTable {
	t := &nameTable{list: knownNames[:], index: make(map[string]uint16, len(knownNames))}
	for i, n := range knownNames {
		t.index[n] = uint16(i)
	}
	return t
}

// intern returns the index of name, adding it when it is new.
func (t *nameTable) intern(name string) uint16 {
	if i, ok := t.index[name]; ok {
		return i
	}
	i := uint16(len(t.list))
	t.list = append(t.list, name)
	t.index[name] = i
	return i
}

// ref expands a compact segRef.
func (s *SetResult) ref(r segRef) SegmentRef {
	out := SegmentRef{Loop: s.names.list[r.loop], Segment: s.names.list[r.seg], Line: int(r.line)}
	if r.claim > 0 {
		out.ClaimID = s.ClaimIDs[r.claim-1]
	}
	return out
}

// Len returns the number of segments in the set, ST and SE included.
func (s *SetResult) Len() int { return len(s.refs) }

// Segment returns what the segment at position pos (ST = 1) of the set
// holds, and false when pos is outside the set.
func (s *SetResult) Segment(pos int) (SegmentRef, bool) {
	if pos < 1 || pos > len(s.refs) {
		return SegmentRef{}, false
	}
	return s.ref(s.refs[pos-1]), true
}

// Segments returns the whole map: Segments()[p-1] describes the segment
// at position p.
func (s *SetResult) Segments() []SegmentRef {
	out := make([]SegmentRef, len(s.refs))
	for i, r := range s.refs {
		out[i] = s.ref(r)
	}
	return out
}

// MarshalJSON writes the set with its segment map expanded.
func (s SetResult) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ControlNumber string       `json:"control_number"`
		ClaimIDs      []string     `json:"claim_ids"`
		Segments      []SegmentRef `json:"segments"`
	}{s.ControlNumber, s.ClaimIDs, s.Segments()})
}
