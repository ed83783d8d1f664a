package stats

import (
	"math"
	"math/bits"
	"slices"
)

// Mean is the arithmetic mean of x, NaN when x is empty.
//
// A plain running sum loses digits once the total dwarfs each term (a
// million salaries), so the sum is compensated (Neumaier): its error is
// about one rounding of the total, plus a part that grows with n·ε² and
// stays negligible at any n this project sees. (A second pass adding the
// mean residual would not help: where terms cancel, the residuals round as
// badly as the terms.)
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return compensatedSum(x) / float64(len(x))
}

// compensatedSum adds x keeping the low-order bits each addition drops
// (Neumaier's variant of Kahan summation, which also holds when a term is
// larger than the running total).
func compensatedSum(x []float64) float64 {
	var s, c float64
	for _, v := range x {
		t := s + v
		if math.Abs(s) >= math.Abs(v) {
			c += (s - t) + v
		} else {
			c += (v - t) + s
		}
		s = t
	}
	return s + c
}

// Median is the middle value of x, the average of the two middle values
// when len(x) is even; NaN when x is empty or holds a NaN. x is left as it
// was: Median works on a copy.
//
// It selects rather than sorts (expected linear time), so a median of a
// million values costs a few milliseconds, not a full sort.
func Median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	a := make([]float64, len(x))
	for i, v := range x {
		if v != v {
			return math.NaN()
		}
		a[i] = v
	}
	k := len(a) / 2
	selectKth(a, k)
	if len(a)%2 == 1 {
		return a[k]
	}
	// After selection everything left of k is no larger than a[k], so the
	// lower middle value is the largest of them.
	return midpoint(slices.Max(a[:k]), a[k])
}

// MedianSorted is Median for x already sorted ascending; it reads only the
// middle of x.
func MedianSorted(sorted []float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return sorted[n/2]
	}
	return midpoint(sorted[n/2-1], sorted[n/2])
}

// midpoint is (a+b)/2 without overflowing for values near the largest
// float64; halving is exact, so the usual case matches (a+b)/2 bit for bit.
func midpoint(a, b float64) float64 {
	m := (a + b) / 2
	if math.IsInf(m, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
		return a/2 + b/2
	}
	return m
}

// Quantile is the p-quantile of sorted (ascending) by linear interpolation
// between order statistics: R's type 7, numpy's "linear", the default of
// both. The position is h = (n−1)p counted from 0, and the result lies
// between sorted[⌊h⌋] and sorted[⌊h⌋+1]. NaN when sorted is empty or p is
// outside [0, 1].
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	a, b := sorted[lo], sorted[lo+1]
	if a == b {
		// Also keeps equal infinities from giving ∞ − ∞.
		return a
	}
	f := h - float64(lo)
	// Interpolating from the nearer end keeps the result monotone in p and
	// exact at both ends.
	if f < 0.5 {
		return a + (b-a)*f
	}
	return b - (b-a)*(1-f)
}

// selectKth rearranges a so that a[k] holds the value it would hold if a
// were sorted, with nothing larger before it and nothing smaller after it.
// a must hold no NaN.
//
// It is quickselect with a median-of-three pivot and Hoare's partition,
// which splits runs of equal values evenly (pay data is full of ties: every
// zero bonus). Should the pivots keep going badly, it sorts what is left
// rather than risk quadratic time.
func selectKth(a []float64, k int) {
	lo, hi := 0, len(a)-1
	budget := 2 * bits.Len(uint(len(a)))
	for hi-lo > 16 {
		if budget == 0 {
			slices.Sort(a[lo : hi+1])
			return
		}
		budget--
		mid := lo + (hi-lo)/2
		// Order a[lo], a[mid], a[hi] and move the median to a[lo]: with the
		// pivot first, Hoare's scheme always leaves both sides non-empty.
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
			if a[mid] < a[lo] {
				a[mid], a[lo] = a[lo], a[mid]
			}
		}
		a[lo], a[mid] = a[mid], a[lo]
		p := a[lo]
		i, j := lo-1, hi+1
		for {
			for i++; a[i] < p; i++ {
			}
			for j--; a[j] > p; j-- {
			}
			if i >= j {
				break
			}
			a[i], a[j] = a[j], a[i]
		}
		// a[lo..j] ≤ p ≤ a[j+1..hi].
		if k <= j {
			hi = j
		} else {
			lo = j + 1
		}
	}
	// Insertion sort finishes a short range.
	for i := lo + 1; i <= hi; i++ {
		v := a[i]
		j := i
		for j > lo && a[j-1] > v {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
}
