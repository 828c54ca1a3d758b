package x12

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// ErrBadNumber reports a numeric element that is not in its X12 form.
var ErrBadNumber = errors.New("x12: bad number")

// ParseDecimal parses an X12 R (decimal) element.
//
// It accepts what X12.6 allows: an optional leading minus, digits with an
// optional decimal point (a leading ".5" and a trailing "1." are accepted
// by receivers in practice), and an optional exponent "E" followed by an
// optional minus and digits. Leading zeros are accepted (receivers must
// accept them). A leading plus, spaces, thousands separators and anything
// else are rejected.
func ParseDecimal(b []byte) (decimal.Decimal, error) {
	if !validR(b) {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not an X12 decimal", ErrBadNumber, b)
	}
	if len(b) <= 18 && isPlainInt(b) {
		var v int64
		neg := b[0] == '-'
		for _, c := range b[boolInt(neg):] {
			v = v*10 + int64(c-'0')
		}
		if neg {
			v = -v
		}
		return decimal.NewFromInt(v), nil
	}
	if len(b) <= 19 {
		if v, exp, ok := smallFixed(b); ok {
			return decimal.New(v, exp), nil
		}
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not an X12 decimal", ErrBadNumber, b)
	}
	return d, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isPlainInt(b []byte) bool {
	for i, c := range b {
		if c == '-' && i == 0 {
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// smallFixed parses -ddd.ddd without an exponent into coefficient and
// exponent without allocating.
func smallFixed(b []byte) (int64, int32, bool) {
	neg := b[0] == '-'
	var v int64
	exp := int32(0)
	seenPoint := false
	for _, c := range b[boolInt(neg):] {
		switch {
		case c == '.':
			seenPoint = true
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			if seenPoint {
				exp--
			}
		default:
			return 0, 0, false
		}
	}
	if neg {
		v = -v
	}
	return v, exp, true
}

func validR(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	nd := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
		nd++
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			nd++
		}
	}
	if nd == 0 {
		return false
	}
	if i < len(b) && b[i] == 'E' {
		i++
		if i < len(b) && b[i] == '-' {
			i++
		}
		ne := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			ne++
		}
		if ne == 0 || ne > 4 {
			return false
		}
	}
	return i == len(b)
}

// FormatDecimal formats d as an X12 R element: no plus sign, a minus for
// negatives, no decimal point for whole numbers, no trailing zeros after
// the point, no exponent. 150.00 is "150", 12.50 is "12.5", -0.50 is "-0.5".
func FormatDecimal(d decimal.Decimal) string { return string(AppendDecimal(nil, d)) }

// AppendDecimal appends d formatted as FormatDecimal does.
func AppendDecimal(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	coef := d.CoefficientInt64()
	if exp >= -18 && exp <= 0 && d.Coefficient().IsInt64() {
		return appendFixed(b, coef, int(-exp))
	}
	s := d.String() // trims trailing zeros unless the global is changed
	return append(b, trimZeros(s)...)
}

func appendFixed(b []byte, coef int64, scale int) []byte {
	for scale > 0 && coef%10 == 0 {
		coef /= 10
		scale--
	}
	if coef < 0 {
		b = append(b, '-')
		coef = -coef
	}
	var tmp [24]byte
	i := len(tmp)
	for n := 0; n < scale || coef > 0 || n <= scale; n++ {
		if n == scale && scale > 0 {
			i--
			tmp[i] = '.'
		}
		i--
		tmp[i] = byte('0' + coef%10)
		coef /= 10
		if coef == 0 && n >= scale {
			break
		}
	}
	return append(b, tmp[i:]...)
}

func trimZeros(s string) string {
	dot := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			dot = i
		}
	}
	if dot < 0 {
		return s
	}
	end := len(s)
	for end > dot+1 && s[end-1] == '0' {
		end--
	}
	if end == dot+1 {
		end = dot
	}
	return s[:end]
}
