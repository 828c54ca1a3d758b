package rules

import (
	"slices"

	"github.com/claimkit/claimkit/claims"
)

// eachClaim makes a Check that looks at each claim alone.
func eachClaim(fn func(b *Batch, r *Report, i int, c *claims.Claim)) func(*Batch, *Report) {
	return func(b *Batch, r *Report) {
		for i := range b.Claims {
			fn(b, r, i, &b.Claims[i])
		}
	}
}

// eachLine makes a Check that looks at each service line alone.
func eachLine(fn func(b *Batch, r *Report, i, j int, c *claims.Claim, l *claims.ClaimLine)) func(*Batch, *Report) {
	return func(b *Batch, r *Report) {
		for i := range b.Claims {
			c := &b.Claims[i]
			for j := range c.Lines {
				fn(b, r, i, j, c, &c.Lines[j])
			}
		}
	}
}

// linePOS is the line's place of service: its own, or the claim's.
func linePOS(c *claims.Claim, l *claims.ClaimLine) claims.PlaceOfService {
	if l.PlaceOfService != "" {
		return l.PlaceOfService
	}
	return c.PlaceOfService
}

// lineRendering is who rendered the line: the line's rendering provider,
// the claim's, or the billing provider.
func lineRendering(c *claims.Claim, l *claims.ClaimLine) *claims.Provider {
	switch {
	case l.Rendering != nil:
		return l.Rendering
	case c.Rendering != nil:
		return c.Rendering
	}
	return c.BillingProvider
}

func (p *PayerProfile) isTelehealthPOS(pos claims.PlaceOfService) bool {
	return slices.Contains(p.TelehealthPOS, pos)
}

// telecareModifier is the modifier of a real-time modality: 95 for
// video, 93 for audio only.
func telecareModifier(t claims.Telecare) string {
	switch t {
	case claims.TelecareVideo:
		return "95"
	case claims.TelecareAudio:
		return "93"
	}
	return ""
}

// sentModifiers are the modifiers the line goes out with: its own, plus
// the telehealth modifier of its telecare that the 837P encoder adds
// under the payer's policy (at a telehealth POS, or always).
func sentModifiers(p *PayerProfile, c *claims.Claim, l *claims.ClaimLine) claims.Modifiers {
	mods := l.Procedure.Modifiers
	want := telecareModifier(l.Telecare)
	if want == "" || mods.Has(want) {
		return mods
	}
	switch p.TelehealthModifiers {
	case ModifiersNever:
		return mods
	case ModifiersOnTelehealthPOS:
		if !p.isTelehealthPOS(linePOS(c, l)) {
			return mods
		}
	}
	if n := mods.Len(); n < claims.MaxModifiers {
		mods[n] = want
	}
	return mods
}

// isUS reports whether a is a US address.
func isUS(a *claims.Address) bool { return a.Country == "" || a.Country == "US" }
