package claims

import (
	"encoding/json"
	"fmt"
	"time"
)

// MaxModifiers is the number of procedure modifiers SV101 can carry.
const MaxModifiers = 4

// Modifiers holds up to four two-character procedure modifiers, filled
// from the start (an empty entry ends the list). It is an array so that a
// Procedure can be compared with == and used as a map key. In JSON it is a
// list of the modifiers that are set.
type Modifiers [MaxModifiers]string

// Len returns the number of modifiers set.
func (m Modifiers) Len() int {
	n := 0
	for n < MaxModifiers && m[n] != "" {
		n++
	}
	return n
}

// Slice returns the modifiers that are set.
func (m Modifiers) Slice() []string { return m[:m.Len()] }

// Has reports whether mod is one of the modifiers.
func (m Modifiers) Has(mod string) bool {
	for _, v := range m {
		if v == mod && v != "" {
			return true
		}
	}
	return false
}

// NewModifiers returns the modifiers in mods; it fails if there are more
// than four or one is empty.
func NewModifiers(mods ...string) (Modifiers, error) {
	var m Modifiers
	if len(mods) > MaxModifiers {
		return m, fmt.Errorf("%w: %d modifiers, at most %d", ErrTooManyModifiers, len(mods), MaxModifiers)
	}
	for i, v := range mods {
		if v == "" {
			return m, fmt.Errorf("%w: modifier %d is empty", ErrBadModifier, i+1)
		}
		m[i] = v
	}
	return m, nil
}

// MarshalJSON writes the modifiers that are set as a list.
func (m Modifiers) MarshalJSON() ([]byte, error) { return json.Marshal(m.Slice()) }

// UnmarshalJSON reads a list of at most four non-empty modifiers.
func (m *Modifiers) UnmarshalJSON(b []byte) error {
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	v, err := NewModifiers(list...)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Procedure is a CPT or HCPCS code with its modifiers (SV101, qualifier HC).
type Procedure struct {
	Code      string    `json:"code"`
	Modifiers Modifiers `json:"modifiers,omitzero"`
}

// String returns the code and its modifiers joined by ':' as in SV101
// ("99457", "99213:95"). It holds no patient data.
func (p Procedure) String() string {
	s := p.Code
	for _, m := range p.Modifiers.Slice() {
		s += ":" + m
	}
	return s
}

// PlaceOfService is a CMS place-of-service code (CLM05-1, SV105).
type PlaceOfService string

// Places of service used for telehealth, RPM and RTM.
const (
	POSTelehealth       PlaceOfService = "02" // telehealth other than in the patient's home
	POSTelehealthInHome PlaceOfService = "10" // telehealth in the patient's home
	POSOffice           PlaceOfService = "11"
	POSHome             PlaceOfService = "12"
	POSAssistedLiving   PlaceOfService = "13"
	POSNursingFacility  PlaceOfService = "32"
	POSFQHC             PlaceOfService = "50"
	POSRHC              PlaceOfService = "72"
)

// IsTelehealth reports whether pos is 02 or 10.
func (pos PlaceOfService) IsTelehealth() bool {
	return pos == POSTelehealth || pos == POSTelehealthInHome
}

// UnitType is SV103: units or minutes. The zero value means units (UN).
type UnitType string

// Unit types.
const (
	Units   UnitType = "UN"
	Minutes UnitType = "MJ" // anesthesia only
)

// Code returns the SV103 code, UN for the zero value.
func (u UnitType) Code() string {
	if u == "" {
		return string(Units)
	}
	return string(u)
}

// Telecare is how a service was delivered at a distance. The zero value
// means in person (none).
type Telecare string

// Telecare modalities.
const (
	TelecareNone  Telecare = "none"
	TelecareVideo Telecare = "video" // synchronous audio and video (modifier 95)
	TelecareAudio Telecare = "audio" // synchronous audio only (modifier 93)
	TelecareAsync Telecare = "async" // asynchronous, store and forward
)

// IsRemote reports whether t is video, audio-only or asynchronous.
func (t Telecare) IsRemote() bool {
	return t == TelecareVideo || t == TelecareAudio || t == TelecareAsync
}

// IsSynchronous reports whether t is real-time (video or audio-only).
func (t Telecare) IsSynchronous() bool { return t == TelecareVideo || t == TelecareAudio }

func timeMonth(m int32) time.Month { return time.Month(m) }
