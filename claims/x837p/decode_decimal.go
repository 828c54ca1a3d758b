package x837p

import (
	"math"
	"math/big"
	"math/bits"
	"reflect"
	"unsafe"

	"github.com/shopspring/decimal"
)

// decimals makes the amounts of one Decode without an allocation each:
// their coefficients are big.Int values in slabs of decimalSlab, over
// words in slabs too. A Decimal is never changed in place (its methods
// build new coefficients), so nothing writes to the slabs after an amount
// is made.
type decimals struct {
	ints  []big.Int
	words []big.Word
}

const decimalSlab = 256

// decimalLayout is the layout of decimal.Decimal: a coefficient and an
// exponent. decimalFits checks it against the decimal package's own
// type; when it does not match (another version of the package), amounts
// are made by decimal.New.
type decimalLayout struct {
	value *big.Int
	exp   int32
}

var decimalFits = func() bool {
	t, l := reflect.TypeFor[decimal.Decimal](), reflect.TypeFor[decimalLayout]()
	if t.Size() != l.Size() || t.NumField() != l.NumField() {
		return false
	}
	for i := range t.NumField() {
		if f, g := t.Field(i), l.Field(i); f.Type != g.Type || f.Offset != g.Offset {
			return false
		}
	}
	var s decimals
	v := s.make(-12345, -2)
	return v.Equal(decimal.New(-12345, -2)) && v.String() == "-123.45"
}()

// new returns v×10^exp, as decimal.New does.
func (s *decimals) new(v int64, exp int32) decimal.Decimal {
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	if !decimalFits || bits.UintSize < 64 && u>>32 != 0 {
		return decimal.New(v, exp)
	}
	return s.make(v, exp)
}

func (s *decimals) make(v int64, exp int32) decimal.Decimal {
	if len(s.ints) == cap(s.ints) {
		s.ints = make([]big.Int, 0, decimalSlab)
	}
	s.ints = s.ints[:len(s.ints)+1]
	z := &s.ints[len(s.ints)-1]
	if v != 0 {
		if len(s.words) == cap(s.words) {
			s.words = make([]big.Word, 0, decimalSlab)
		}
		u := uint64(v)
		if v < 0 {
			u = -u
		}
		s.words = append(s.words, big.Word(u))
		n := len(s.words)
		z.SetBits(s.words[n-1 : n : n])
		if v < 0 {
			z.Neg(z)
		}
	}
	l := decimalLayout{value: z, exp: exp}
	return *(*decimal.Decimal)(unsafe.Pointer(&l))
}

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
