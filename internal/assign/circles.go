package assign

import (
	"fmt"
	"math"
	"strconv"
)

// Circles is an instance of the maximally diverse grouping problem
// (MDGP): N items go into len(Lower) groups, group k holding between
// Lower[k] and Upper[k] items, so that the sum of the diversities D of
// the pairs placed in the same group is as large as it can be.
type Circles struct {
	N int
	// Lower and Upper bound each group's size; equal bounds make groups
	// of a fixed size.
	Lower, Upper []int
	// D is the n×n diversity matrix, row by row: D[i*N+j] == D[j*N+i],
	// and the diagonal is ignored.
	D []float64
	// Names are the items' names when they came from a people file (nil
	// for an MDGPLIB instance, whose items are numbered from 0).
	Names []string
}

// Grouping is a solution: Group[i] is item i's group, 0-based.
type Grouping struct {
	Group []int
	// Objective is the sum of the diversities within groups, summed afresh
	// by Circles.Objective rather than carried through the search, so it
	// does not depend on the path the search took.
	Objective float64
	// Iterations is how many rounds the search ran.
	Iterations int
}

// Members lists the items of each of the m groups, in increasing order.
func (g *Grouping) Members(m int) [][]int {
	out := make([][]int, m)
	for i, k := range g.Group {
		if k >= 0 && k < m {
			out[k] = append(out[k], i)
		}
	}
	return out
}

// CirclesError is a fault in a circles instance or a people file; Line is
// 1-based, 0 when the fault is the whole input's.
type CirclesError struct {
	Line int
	Msg  string
}

func (e *CirclesError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

// MaxCircleItems caps N: the diversity matrix takes 8·N² bytes, 800 MB at
// the cap, and a file's first line should not be able to ask for more.
const MaxCircleItems = 10000

// Groups is the number of groups.
func (c *Circles) Groups() int { return len(c.Lower) }

// Objective sums D over the pairs i < j with group[i] == group[j], in
// that order (row by row), so the figure is the same on every run. Items
// whose group is out of range count for nothing.
func (c *Circles) Objective(group []int) float64 {
	var f float64
	for i := 0; i < c.N && i < len(group); i++ {
		row := c.D[i*c.N : (i+1)*c.N]
		gi := group[i]
		if gi < 0 {
			continue
		}
		for j := i + 1; j < c.N && j < len(group); j++ {
			if group[j] == gi {
				f += row[j]
			}
		}
	}
	return f
}

// Check reports whether the instance is well formed: a square symmetric
// finite matrix and size bounds that some grouping can meet.
func (c *Circles) Check() error {
	if c == nil {
		return &CirclesError{Msg: "no instance"}
	}
	if c.N < 1 {
		return &CirclesError{Msg: "no items"}
	}
	if c.N > MaxCircleItems {
		return &CirclesError{Msg: fmt.Sprintf("%d items: at most %d", c.N, MaxCircleItems)}
	}
	if len(c.D) != c.N*c.N {
		return &CirclesError{Msg: fmt.Sprintf("diversity matrix has %d entries, want %d×%d", len(c.D), c.N, c.N)}
	}
	if c.Names != nil && len(c.Names) != c.N {
		return &CirclesError{Msg: fmt.Sprintf("%d names for %d items", len(c.Names), c.N)}
	}
	if err := circleBounds(c.N, c.Lower, c.Upper); err != nil {
		return &CirclesError{Msg: err.Error()}
	}
	for i := range c.N {
		for j := i + 1; j < c.N; j++ {
			a, b := c.D[i*c.N+j], c.D[j*c.N+i]
			if math.IsNaN(a) || math.IsInf(a, 0) {
				return &CirclesError{Msg: fmt.Sprintf("diversity of %d and %d is not finite", i, j)}
			}
			if a != b {
				return &CirclesError{Msg: fmt.Sprintf("diversity of %d and %d is %v one way and %v the other", i, j, a, b)}
			}
		}
	}
	return nil
}

// circleBounds says why no grouping of n items meets the bounds, if none
// does.
func circleBounds(n int, lower, upper []int) error {
	m := len(lower)
	if m < 1 {
		return fmt.Errorf("no groups")
	}
	if len(upper) != m {
		return fmt.Errorf("%d lower bounds and %d upper bounds", m, len(upper))
	}
	if m > n {
		return fmt.Errorf("%d groups for %d items", m, n)
	}
	lo, hi := 0, 0
	for k := range m {
		if lower[k] < 1 {
			return fmt.Errorf("group %d: lower size %d, want at least 1", k+1, lower[k])
		}
		if upper[k] > n {
			return fmt.Errorf("group %d: upper size %d above the %d items", k+1, upper[k], n)
		}
		if lower[k] > upper[k] {
			return fmt.Errorf("group %d: lower size %d above upper size %d", k+1, lower[k], upper[k])
		}
		lo += lower[k]
		hi += upper[k]
	}
	if lo > n {
		return fmt.Errorf("lower sizes add up to %d, more than the %d items", lo, n)
	}
	if hi < n {
		return fmt.Errorf("upper sizes add up to %d, fewer than the %d items", hi, n)
	}
	return nil
}
