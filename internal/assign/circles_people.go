package assign

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// DiversityFromPeople makes a circles instance from a table of people:
// header names the columns, the first column identifies a person (a name
// or an id, unique) and every other column is a categorical attribute
// such as department, organisation, level or background; rows hold one
// person each, in the order of the lines after the header (errors name
// the line, the header being line 1).
//
// The diversity of two people is the sum, over the attributes, of the
// attribute's weight when their values differ: Σ w(a)·[x_a ≠ y_a]. Values
// are compared trimmed and regardless of case; a blank value adds nothing
// (unknown is not different). weights maps attribute names (matched
// regardless of case) to weights ≥ 0; an attribute not named there weighs
// 1, and a weight of 0 leaves the attribute out.
//
// The people go into round(n/size) groups (at least one, and at most
// n/2 so that nobody is alone), each of ⌊n/groups⌋ or ⌈n/groups⌉ people,
// so that the groups are as equal as n allows.
func DiversityFromPeople(header []string, rows [][]string, weights map[string]float64, size int) (*Circles, error) {
	if len(header) == 0 {
		return nil, &CirclesError{Line: 1, Msg: "no header: want an id column and attribute columns"}
	}
	cols := make([]string, len(header))
	for c, h := range header {
		h = strings.TrimSpace(h)
		if c == 0 {
			// spreadsheets save "CSV UTF-8" with a byte-order mark
			h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		}
		if h == "" {
			return nil, &CirclesError{Line: 1, Msg: fmt.Sprintf("column %d has no name", c+1)}
		}
		for e := range c {
			if strings.EqualFold(cols[e], h) {
				return nil, &CirclesError{Line: 1, Msg: fmt.Sprintf("column %q appears twice", mdgpClip(h))}
			}
		}
		cols[c] = h
	}
	if len(cols) < 2 {
		return nil, &CirclesError{Line: 1, Msg: "no attribute columns after the id column"}
	}
	w, err := peopleWeights(cols, weights)
	if err != nil {
		return nil, err
	}
	n := len(rows)
	switch {
	case size < 2:
		return nil, &CirclesError{Msg: fmt.Sprintf("group size %d: want at least 2", size)}
	case n > MaxCircleItems:
		return nil, &CirclesError{Msg: fmt.Sprintf("%d people: at most %d", n, MaxCircleItems)}
	case size > n:
		return nil, &CirclesError{Msg: fmt.Sprintf("group size %d is more than the %d people", size, n)}
	}
	names, codes, err := peopleCodes(cols, rows)
	if err != nil {
		return nil, err
	}
	c := &Circles{N: n, D: make([]float64, n*n), Names: names}
	attrs := len(cols) - 1
	for i := range n {
		ci := codes[i*attrs : (i+1)*attrs]
		for j := i + 1; j < n; j++ {
			cj := codes[j*attrs : (j+1)*attrs]
			var d float64
			for a, x := range ci {
				if x >= 0 && cj[a] >= 0 && x != cj[a] {
					d += w[a]
				}
			}
			c.D[i*n+j], c.D[j*n+i] = d, d
		}
	}
	// round(n/size) without floating point, ⌊(2n+size)/(2·size)⌋, but
	// never so many groups that one would hold a single person
	m := max(1, min((2*n+size)/(2*size), n/2))
	c.Lower, c.Upper = make([]int, m), make([]int, m)
	for k := range m {
		c.Lower[k], c.Upper[k] = n/m, (n+m-1)/m
	}
	return c, nil
}

// peopleWeights gives each attribute column (all but the first) its
// weight.
func peopleWeights(cols []string, weights map[string]float64) ([]float64, error) {
	w := make([]float64, len(cols)-1)
	for a := range w {
		w[a] = 1
	}
	// sorted so that, of several faults, the same one is reported each time
	keys := make([]string, 0, len(weights))
	for k := range weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := weights[k]
		a := -1
		for c := 1; c < len(cols); c++ {
			if strings.EqualFold(cols[c], strings.TrimSpace(k)) {
				a = c - 1
			}
		}
		switch {
		case a < 0:
			return nil, &CirclesError{Msg: fmt.Sprintf("weight for %q, which is not an attribute column (those are %s)", mdgpClip(k), strings.Join(cols[1:], ", "))}
		case math.IsNaN(v) || math.IsInf(v, 0):
			return nil, &CirclesError{Msg: fmt.Sprintf("weight of %s is not finite", cols[a+1])}
		case v < 0:
			return nil, &CirclesError{Msg: fmt.Sprintf("weight of %s is %v: want 0 or more", cols[a+1], v)}
		}
		w[a] = v + 0
	}
	if !slices.ContainsFunc(w, func(x float64) bool { return x > 0 }) {
		return nil, &CirclesError{Msg: "every attribute weighs 0: nothing to make groups diverse by"}
	}
	return w, nil
}

// peopleCodes checks the rows and numbers each attribute's values per
// column (-1 for a blank), so that comparing two people compares ints.
func peopleCodes(cols []string, rows [][]string) ([]string, []int32, error) {
	attrs := len(cols) - 1
	names := make([]string, len(rows))
	codes := make([]int32, len(rows)*attrs)
	seen := make(map[string]int, len(rows))
	values := make([]map[string]int32, attrs)
	for a := range values {
		values[a] = map[string]int32{}
	}
	for r, row := range rows {
		line := r + 2
		if len(row) != len(cols) {
			return nil, nil, &CirclesError{Line: line, Msg: fmt.Sprintf("want %d fields (%s), got %d", len(cols), strings.Join(cols, ","), len(row))}
		}
		id := strings.TrimSpace(row[0])
		if id == "" {
			return nil, nil, &CirclesError{Line: line, Msg: "missing " + cols[0]}
		}
		if first, ok := seen[id]; ok {
			return nil, nil, &CirclesError{Line: line, Msg: fmt.Sprintf("%s %q already on line %d", cols[0], mdgpClip(id), first)}
		}
		seen[id] = line
		names[r] = id
		for a := range attrs {
			v := strings.ToLower(strings.TrimSpace(row[a+1]))
			code := int32(-1)
			if v != "" {
				var ok bool
				if code, ok = values[a][v]; !ok {
					code = int32(len(values[a]))
					values[a][v] = code
				}
			}
			codes[r*attrs+a] = code
		}
	}
	return names, codes, nil
}
