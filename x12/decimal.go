package x12

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// ErrBadNumber reports a numeric element that is not in its X12 form.
var ErrBadNumber = errors.New("x12: bad number")

// ParseDecimal parses an X12 R (decimal) element.
//
// It accepts what X12.6 allows and what receivers meet in practice: an
// optional leading minus, digits with an optional decimal point (".5" and
// "1." are accepted), and an optional exponent "E" followed by an
// optional minus and one to four digits. Leading zeros are accepted
// (receivers must accept them). A leading plus, spaces, thousands
// separators, "NaN", hexadecimal and anything else are rejected.
func ParseDecimal(b []byte) (decimal.Decimal, error) {
	digits, ok := validR(b)
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is not an X12 decimal", ErrBadNumber, b)
	}
	if digits <= 18 {
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

// smallFixed parses -ddd.ddd (at most 18 digits, no exponent) into a
// coefficient and exponent without allocating.
func smallFixed(b []byte) (int64, int32, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var v int64
	exp := int32(0)
	seenPoint := false
	for _, c := range b {
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

// validR checks the X12 R form and returns the number of mantissa digits.
func validR(b []byte) (int, bool) {
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
		return 0, false
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
			return 0, false
		}
	}
	return nd, i == len(b)
}

// FormatDecimal formats d as an X12 R element: no plus sign, a minus for
// negatives, no decimal point for whole numbers, no trailing zeros after
// the point, no exponent. 150.00 is "150", 12.50 is "12.5", -0.50 is
// "-0.5", 1E3 is "1000". It does not depend on the decimal package's
// global settings.
func FormatDecimal(d decimal.Decimal) string { return string(AppendDecimal(nil, d)) }

// AppendDecimal appends d formatted as FormatDecimal does.
func AppendDecimal(b []byte, d decimal.Decimal) []byte {
	exp := int(d.Exponent())
	var tmp [24]byte
	var digits []byte
	neg := d.Sign() < 0
	if d.NumDigits() <= 18 {
		// Fits an int64: no copy of the big.Int coefficient.
		v := d.CoefficientInt64()
		u := uint64(v)
		if v < 0 {
			u = -u
		}
		digits = strconv.AppendUint(tmp[:0], u, 10)
	} else {
		digits = d.Coefficient().Append(tmp[:0], 10)
		if neg {
			digits = digits[1:]
		}
	}
	if len(digits) == 1 && digits[0] == '0' {
		return append(b, '0')
	}
	// Drop trailing zeros of the coefficient into the exponent.
	for len(digits) > 1 && digits[len(digits)-1] == '0' && exp < 0 {
		digits = digits[:len(digits)-1]
		exp++
	}
	if neg {
		b = append(b, '-')
	}
	switch {
	case exp >= 0:
		b = append(b, digits...)
		for range exp {
			b = append(b, '0')
		}
	case -exp < len(digits):
		p := len(digits) + exp
		b = append(b, digits[:p]...)
		b = append(b, '.')
		b = append(b, digits[p:]...)
	default:
		b = append(b, '0', '.')
		for range -exp - len(digits) {
			b = append(b, '0')
		}
		b = append(b, digits...)
	}
	return b
}
