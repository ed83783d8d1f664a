package stats

import "math"

// The model's matrices are k×k with k at most a few hundred: plain loops
// over row-major slices are fast enough and keep the package dependency-free.

func matMul(a, b []float64, k int) []float64 {
	out := make([]float64, k*k)
	for i := range k {
		for p := range k {
			v := a[i*k+p]
			if v == 0 {
				continue
			}
			row, brow := out[i*k:(i+1)*k], b[p*k:(p+1)*k]
			for j := range row {
				row[j] += v * brow[j]
			}
		}
	}
	return out
}

func matVec(a, v []float64, k int) []float64 {
	out := make([]float64, k)
	for i := range k {
		var s float64
		for j := range k {
			s += a[i*k+j] * v[j]
		}
		out[i] = s
	}
	return out
}

// congruence returns T C Tᵀ.
func congruence(t, c []float64, k int) []float64 {
	tc := matMul(t, c, k)
	out := make([]float64, k*k)
	for i := range k {
		for j := range k {
			var s float64
			for p := range k {
				s += tc[i*k+p] * t[j*k+p]
			}
			out[i*k+j] = s
		}
	}
	return out
}

func diagSqrt(c []float64, k int) []float64 {
	out := make([]float64, k)
	for i := range k {
		out[i] = math.Sqrt(c[i*k+i])
	}
	return out
}
