package stats

import (
	"errors"
	"fmt"
)

// Term is one explanatory variable of a linear model: numeric (Values) or a
// factor (Levels and Codes), which enters by treatment coding: one 0/1
// column per level but the base. The base is the first level, in the order
// Levels gives, that occurs in the rows fitted; levels that do not occur
// there get no column, so a model fitted on a subset (one category of
// workers) stays estimable.
type Term struct {
	Name   string
	Values []float64 // numeric term
	Levels []string  // factor term
	Codes  []int32   // factor term: index into Levels, one per row
}

func (t *Term) factor() bool { return t.Levels != nil }

// Design is the model's right-hand side without the dense matrix: an
// intercept, then each term's columns in order. Kept as columns, a row has
// a handful of non-zero entries however many levels the factors have, so a
// million rows with 62 coefficients cost a few hundred megaflops, not the
// 4 GB of a dense matrix.
type Design struct {
	Terms []Term
	Rows  []int32 // the rows to fit, in order; nil means all
}

// layout is a design resolved against its rows: the column of every
// numeric term and of every occurring non-base level.
type layout struct {
	names   []string
	termOf  []int     // column → term index (−1 for the intercept)
	first   []int     // term → its first column (−1 if it has none)
	levelAt [][]int32 // factor term → level → column, −1 for the base and absent levels
	means   []float64 // numeric term → mean over the rows, subtracted (centring)
	n       int
}

func (d *Design) rowCount() (int, error) {
	n := -1
	for i := range d.Terms {
		t := &d.Terms[i]
		m := len(t.Values)
		if t.factor() {
			m = len(t.Codes)
			if t.Values != nil {
				return 0, fmt.Errorf("stats: term %q has both values and levels", t.Name)
			}
		}
		if n >= 0 && m != n {
			return 0, fmt.Errorf("stats: term %q has %d rows, the first term %d", t.Name, m, n)
		}
		n = m
	}
	if n < 0 {
		return 0, errors.New("stats: a design needs at least one term")
	}
	return n, nil
}

// resolve finds the columns. Means are taken in a first pass so that the
// normal equations are built on centred numeric columns: a salary in the
// hundreds of thousands next to an intercept would otherwise square the
// condition number into the range where Cholesky loses digits.
func (d *Design) resolve(rows int) (*layout, error) {
	l := &layout{names: []string{"Intercept"}, termOf: []int{-1}}
	l.n = rows
	if d.Rows != nil {
		l.n = len(d.Rows)
	}
	for i := range d.Terms {
		t := &d.Terms[i]
		l.first = append(l.first, len(l.names))
		if !t.factor() {
			l.names = append(l.names, t.Name)
			l.termOf = append(l.termOf, i)
			l.levelAt = append(l.levelAt, nil)
			l.means = append(l.means, d.mean(t.Values))
			continue
		}
		l.means = append(l.means, 0)
		seen := make([]bool, len(t.Levels))
		for r := range d.each(rows) {
			c := t.Codes[r]
			if c < 0 || int(c) >= len(t.Levels) {
				return nil, fmt.Errorf("stats: term %q row %d: level %d out of range", t.Name, r, c)
			}
			seen[c] = true
		}
		at := make([]int32, len(t.Levels))
		base := true
		for lv := range t.Levels {
			at[lv] = -1
			if !seen[lv] {
				continue
			}
			if base { // the first level present is the reference
				base = false
				continue
			}
			at[lv] = int32(len(l.names))
			l.names = append(l.names, t.Name+"["+t.Levels[lv]+"]")
			l.termOf = append(l.termOf, i)
		}
		if l.first[i] == len(l.names) {
			l.first[i] = -1
		}
		l.levelAt = append(l.levelAt, at)
	}
	return l, nil
}

// each yields the row indices of the design.
func (d *Design) each(rows int) func(func(int) bool) {
	return func(yield func(int) bool) {
		if d.Rows == nil {
			for r := 0; r < rows; r++ {
				if !yield(r) {
					return
				}
			}
			return
		}
		for _, r := range d.Rows {
			if !yield(int(r)) {
				return
			}
		}
	}
}

func (d *Design) mean(v []float64) float64 {
	var s, n float64
	for r := range d.each(len(v)) {
		s += v[r]
		n++
	}
	if n == 0 {
		return 0
	}
	m := s / n
	var c float64 // a second pass corrects the rounding of the first
	for r := range d.each(len(v)) {
		c += v[r] - m
	}
	return m + c/n
}

// row writes the non-zero entries of row r (centred) into idx and val and
// returns how many there are. The intercept is always entry 0.
func (l *layout) row(d *Design, r int, idx []int32, val []float64) int {
	idx[0], val[0] = 0, 1
	m := 1
	for i := range d.Terms {
		t := &d.Terms[i]
		if !t.factor() {
			idx[m], val[m] = int32(l.first[i]), t.Values[r]-l.means[i]
			m++
			continue
		}
		if c := l.levelAt[i][t.Codes[r]]; c >= 0 {
			idx[m], val[m] = c, 1
			m++
		}
	}
	return m
}

// rowWidth is the most entries a row can have.
func (d *Design) rowWidth() int { return 1 + len(d.Terms) }
