package stats

import "slices"

// Gini is the Gini coefficient of values: the mean absolute difference
// between every ordered pair, divided by twice the mean,
//
//	G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄),
//
// 0 when everyone holds the same and (n−1)/n when one holds everything. It
// is 0 for no values and when the total is 0 (nobody holds anything, which
// is equal too). The values are counts of what people did, so they are
// meant to be non-negative; a negative total also gives 0 rather than a
// figure nobody could read.
//
// The pairwise sum is O(n²); sorted, the same sum is Σ (2i − n − 1)·x₍ᵢ₎
// over the ascending order (i from 1), so this is O(n log n) and the power
// page stays cheap for a collective of thousands.
func Gini(values []float64) float64 {
	n := len(values)
	if n == 0 {
		return 0
	}
	x := slices.Clone(values)
	slices.Sort(x)
	var total, weighted float64
	for i, v := range x {
		total += v
		weighted += float64(2*(i+1)-n-1) * v
	}
	if total <= 0 {
		return 0
	}
	g := weighted / (float64(n) * total)
	if g < 0 { // rounding on equal values
		return 0
	}
	return g
}
