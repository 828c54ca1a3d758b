package x837p

import "math"

// plainDecimal reads the usual form of an amount, an optional minus and
// at most 18 digits with at most one decimal point, as a coefficient and
// an exponent, giving what x12.ParseDecimal gives; ok is false for any
// other input, which is left to x12.ParseDecimal.
func plainDecimal(b []byte) (v int64, exp int32, ok bool) {
	i := 0
	if len(b) > 0 && b[0] == '-' {
		i = 1
	}
	nd, point := 0, false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			nd++
			if point {
				exp--
			}
		case c == '.' && !point:
			point = true
		default:
			return 0, 0, false
		}
	}
	if nd == 0 || nd > 18 {
		return 0, 0, false
	}
	if b[0] == '-' {
		v = -v
	}
	return v, exp, true
}

// fixedSum adds amounts read as coefficients and exponents (the line
// charges of a claim), so that CLM02 is checked without big-number
// arithmetic; ok turns false for an amount that is not one (an exponent
// form) or a sum that overflows, and the check then falls back to
// Decimal arithmetic.
type fixedSum struct {
	v   int64
	exp int32
	ok  bool
}

// add adds n to s.
func (s *fixedSum) add(n fixedSum) {
	if !s.ok || !n.ok {
		s.ok = false
		return
	}
	v := n.v
	var ok bool
	if n.exp < s.exp {
		s.v, ok = mulPow10(s.v, s.exp-n.exp)
		s.exp = n.exp
	} else {
		v, ok = mulPow10(v, n.exp-s.exp)
	}
	if !ok || (v > 0 && s.v > math.MaxInt64-v) || (v < 0 && s.v < math.MinInt64-v) {
		s.ok = false
		return
	}
	s.v += v
}

// equal reports whether s and n are both known and the same amount.
func (s fixedSum) equal(n fixedSum) bool {
	if !s.ok || !n.ok || s.exp < -18 || n.exp < -18 {
		return false
	}
	a, b := s.v, n.v
	var ok bool
	if s.exp < n.exp {
		b, ok = mulPow10(b, n.exp-s.exp)
	} else {
		a, ok = mulPow10(a, s.exp-n.exp)
	}
	return ok && a == b
}
