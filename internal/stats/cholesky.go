package stats

import (
	"fmt"
	"math"
	"strings"
)

// collinearTol is the smallest pivot accepted in the Cholesky factor of the
// scaled cross-product matrix. A pivot is 1 − R² of a column regressed on
// the columns before it, so 1e-10 refuses a column that the others explain
// to within one part in ten billion: no estimate from it would mean
// anything.
const collinearTol = 1e-10

// CollinearError says that a column of the model is a linear combination of
// earlier ones, and which: the caller can name the controls to drop.
type CollinearError struct {
	Column string   // the column that adds nothing new
	With   []string // the earlier columns it is a combination of
}

func (e *CollinearError) Error() string {
	quoted := make([]string, len(e.With))
	for i, w := range e.With {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return fmt.Sprintf("stats: %q is collinear with %s", e.Column, strings.Join(quoted, ", "))
}

// cholesky is the factor of an equilibrated symmetric positive definite
// matrix: A = S⁻¹ L Lᵀ S⁻¹ with S the diagonal that scales A to a unit
// diagonal. The scaling makes the pivot test above mean the same for a
// salary column and a 0/1 dummy.
type cholesky struct {
	k     int
	scale []float64 // S
	l     []float64 // lower triangle, row-major k×k
}

// factor factors the k×k symmetric matrix a (only the upper triangle is
// read), naming a collinear column if there is one.
func factor(a []float64, k int, names []string) (*cholesky, error) {
	c := &cholesky{k: k, scale: make([]float64, k), l: make([]float64, k*k)}
	for j := range k {
		d := a[j*k+j]
		if !(d > 0) {
			return nil, &CollinearError{Column: names[j], With: []string{names[0]}}
		}
		c.scale[j] = 1 / math.Sqrt(d)
	}
	b := func(i, j int) float64 { // the scaled matrix, from the upper triangle
		if i > j {
			i, j = j, i
		}
		return a[i*k+j] * c.scale[i] * c.scale[j]
	}
	for j := range k {
		s := b(j, j)
		for p := range j {
			s -= c.l[j*k+p] * c.l[j*k+p]
		}
		if s < collinearTol {
			return nil, c.collinear(j, b, names)
		}
		d := math.Sqrt(s)
		c.l[j*k+j] = d
		for i := j + 1; i < k; i++ {
			s := b(i, j)
			for p := range j {
				s -= c.l[i*k+p] * c.l[j*k+p]
			}
			c.l[i*k+j] = s / d
		}
	}
	return c, nil
}

// collinear names the earlier columns that column j is a combination of:
// the least-squares coefficients of j on them, from the factor so far.
func (c *cholesky) collinear(j int, b func(i, j int) float64, names []string) error {
	rhs := make([]float64, j)
	for i := range j {
		rhs[i] = b(i, j)
	}
	coef := c.solvePrefix(j, rhs)
	e := &CollinearError{Column: names[j]}
	for i, v := range coef {
		if math.Abs(v) > 1e-6 {
			e.With = append(e.With, names[i])
		}
	}
	if len(e.With) == 0 {
		e.With = []string{names[0]}
	}
	return e
}

// solvePrefix solves L Lᵀ x = rhs on the leading m×m block of the factor.
func (c *cholesky) solvePrefix(m int, rhs []float64) []float64 {
	k := c.k
	x := append([]float64(nil), rhs...)
	for i := range m {
		s := x[i]
		for p := range i {
			s -= c.l[i*k+p] * x[p]
		}
		x[i] = s / c.l[i*k+i]
	}
	for i := m - 1; i >= 0; i-- {
		s := x[i]
		for p := i + 1; p < m; p++ {
			s -= c.l[p*k+i] * x[p]
		}
		x[i] = s / c.l[i*k+i]
	}
	return x
}

// solve returns A⁻¹ v.
func (c *cholesky) solve(v []float64) []float64 {
	w := make([]float64, c.k)
	for i := range w {
		w[i] = v[i] * c.scale[i]
	}
	x := c.solvePrefix(c.k, w)
	for i := range x {
		x[i] *= c.scale[i]
	}
	return x
}

// inverse returns A⁻¹, full, row-major.
func (c *cholesky) inverse() []float64 {
	k := c.k
	inv := make([]float64, k*k)
	e := make([]float64, k)
	for j := range k {
		clear(e)
		e[j] = 1
		col := c.solve(e)
		for i := range k {
			inv[i*k+j] = col[i]
		}
	}
	for i := range k { // symmetric by construction; make it exactly so
		for j := i + 1; j < k; j++ {
			m := (inv[i*k+j] + inv[j*k+i]) / 2
			inv[i*k+j], inv[j*k+i] = m, m
		}
	}
	return inv
}
