package x837p

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/x12"
)

// pow10 are the powers of ten that fit an int64.
var pow10 = func() (t [19]int64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return
}()

// total returns c.Total() (CLM02) without the big-number arithmetic of
// Decimal.Add when every charge fits an int64 with at most 18 decimals,
// which is every real claim; otherwise it falls back to c.Total().
func total(c *claims.Claim) decimal.Decimal {
	if v, scale, ok := totalFixed(c, nil); ok {
		return decimal.New(v, scale)
	}
	return c.Total()
}

// fixedNum is an amount as an int64 coefficient and its exponent.
type fixedNum struct {
	v   int64
	exp int32
}

// totalFixed sums the line charges as an int64 coefficient with the
// smallest exponent of the charges; ok is false when they do not fit.
// The charges of the lines that keep has room for are stored there as
// they are read (all of them when ok).
func totalFixed(c *claims.Claim, keep []fixedNum) (sum int64, scale int32, ok bool) {
	for i := range c.Lines {
		v, e, ok := fixed(c.Lines[i].Charge)
		if !ok {
			return 0, 0, false
		}
		if i < len(keep) {
			keep[i] = fixedNum{v, e}
		}
		if e < scale {
			// Bring the sum so far to the finer scale.
			if sum, ok = mulPow10(sum, scale-e); !ok {
				return 0, 0, false
			}
			scale = e
		} else if v, ok = mulPow10(v, e-scale); !ok {
			return 0, 0, false
		}
		if (v > 0 && sum > math.MaxInt64-v) || (v < 0 && sum < math.MinInt64-v) {
			return 0, 0, false
		}
		sum += v
	}
	return sum, scale, true
}

// fixed returns d as an int64 coefficient and an exponent of -18 to 0,
// or false.
func fixed(d decimal.Decimal) (v int64, exp int32, ok bool) {
	exp = d.Exponent()
	if exp > 0 || exp < -18 || d.NumDigits() > 18 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), exp, true
}

// mulPow10 returns v × 10^n (n 0 to 18), or false when it overflows.
func mulPow10(v int64, n int32) (int64, bool) {
	if n == 0 || v == 0 {
		return v, true
	}
	m := pow10[n]
	if v > math.MaxInt64/m || v < math.MinInt64/m {
		return 0, false
	}
	return v * m, true
}

// appendDecimal appends d as an X12 R value, exactly as x12.AppendDecimal
// does. x12.AppendDecimal copies the coefficient (two allocations per
// amount); this fast path reads it in place when it fits an int64 and
// falls back to x12.AppendDecimal otherwise.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	v, e, ok := fixed(d)
	if !ok {
		return x12.AppendDecimal(b, d)
	}
	return appendFixed(b, v, int(-e))
}

// appendFixed appends coef × 10^-scale with no trailing fractional zeros
// and no decimal point for whole numbers.
func appendFixed(b []byte, coef int64, scale int) []byte {
	if scale == 0 && uint64(coef) < uint64(len(smallInts)) {
		return append(b, smallInts[coef]...)
	}
	for scale > 0 && coef%10 == 0 {
		coef /= 10
		scale--
	}
	if coef < 0 {
		b = append(b, '-')
	}
	u := uint64(coef)
	if coef < 0 {
		u = -u
	}
	var tmp [24]byte
	i := len(tmp)
	// The fraction, two digits at a time, then one if the scale is odd.
	for ; scale >= 2; scale -= 2 {
		i -= 2
		k := 2 * (u % 100)
		tmp[i], tmp[i+1] = digitPairs[k], digitPairs[k+1]
		u /= 100
	}
	if scale == 1 {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
	}
	if i < len(tmp) {
		i--
		tmp[i] = '.'
	}
	// The integer part: at least one digit.
	for u >= 100 {
		i -= 2
		k := 2 * (u % 100)
		tmp[i], tmp[i+1] = digitPairs[k], digitPairs[k+1]
		u /= 100
	}
	if u >= 10 {
		i -= 2
		tmp[i], tmp[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		tmp[i] = byte('0' + u)
	}
	return append(b, tmp[i:]...)
}
