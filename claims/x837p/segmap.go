package x837p

import "encoding/json"

// segRef is the compact form of a SegmentRef that the encoder records for
// every segment: indexes instead of strings, so that the map of a large
// set is small (4 bytes a segment) and holds no pointers for the garbage
// collector to scan.
type segRef struct {
	claim uint16 // 1 + index into SetResult.ClaimIDs (at most 5,000), 0 for shared loops
	line  uint8  // LX01 (at most 50), 0 outside loop 2400
	kind  uint8  // index into the name table's kinds: the loop and the segment ID
}

// nameTable interns the loop and segment names of a Result's segment maps,
// and the pairs of them (kinds) that its segments have.
type nameTable struct {
	list  []string
	index map[string]uint16

	// kinds are the loop and segment name indexes of each kind; kind 0
	// stands for a pair that came after the table was full, which wide
	// holds by the segment's index in the encoder's map. kindOf finds the
	// kinds of the encoder's own loops and segments at once (0 when not
	// given yet), rawKinds those of other names.
	kinds    [][2]uint16
	kindOf   [sST][nKnown]uint8
	rawKinds map[[2]uint16]uint8
	wide     map[int][2]uint16
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
	t := &nameTable{list: knownNames[:], index: make(map[string]uint16, len(knownNames)), kinds: make([][2]uint16, 1, 64)}
	for i, n := range knownNames {
		t.index[n] = uint16(i)
	}
	return t
}

// kind returns the kind of a segment seg in loop (name indexes), 0 when
// the table is full and the pair goes to wide.
func (t *nameTable) kind(loop, seg uint16) uint8 {
	if loop < sST && seg < nKnown {
		if k := t.kindOf[loop][seg]; k != 0 {
			return k
		}
	}
	return t.newKind(loop, seg)
}

// newKind is kind for a pair kindOf does not have.
func (t *nameTable) newKind(loop, seg uint16) uint8 {
	known := loop < sST && seg < nKnown
	pair := [2]uint16{loop, seg}
	if !known {
		if k, ok := t.rawKinds[pair]; ok {
			return k
		}
	}
	if len(t.kinds) > 255 {
		return 0
	}
	k := uint8(len(t.kinds))
	t.kinds = append(t.kinds, pair)
	if known {
		t.kindOf[loop][seg] = k
	} else {
		if t.rawKinds == nil {
			t.rawKinds = make(map[[2]uint16]uint8)
		}
		t.rawKinds[pair] = k
	}
	return k
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

// ref expands segRef i of the set.
func (s *SetResult) ref(i int) SegmentRef {
	r := s.refs[i]
	pair := s.names.kinds[r.kind]
	if r.kind == 0 {
		pair = s.names.wide[s.base+i]
	}
	out := SegmentRef{Loop: s.names.list[pair[0]], Segment: s.names.list[pair[1]], Line: int(r.line)}
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
	return s.ref(pos - 1), true
}

// Segments returns the whole map: Segments()[p-1] describes the segment
// at position p.
func (s *SetResult) Segments() []SegmentRef {
	out := make([]SegmentRef, len(s.refs))
	for i := range s.refs {
		out[i] = s.ref(i)
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
