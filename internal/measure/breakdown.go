package measure

import (
	"encoding/json"
	"fmt"
	"slices"

	"commonground/internal/errs"
)

// Breakdown names a value for each dimension of an indicator, or is empty
// for the total. A measurement is either a total or names every dimension:
// a partial breakdown (area but not age) would be neither a total nor a
// cell of the table, and sums over it would silently double-count.
type Breakdown map[string]string

// Key is the canonical form a breakdown is stored by: "" for the total,
// otherwise JSON with the dimensions in name order (encoding/json sorts
// map keys), so the same breakdown always has the same key.
func (b Breakdown) Key() string {
	if len(b) == 0 {
		return ""
	}
	out, _ := json.Marshal(map[string]string(b)) // a map of strings always encodes
	return string(out)
}

// Total reports whether b is the total.
func (b Breakdown) Total() bool { return len(b) == 0 }

// decodeKey reads a key back into a breakdown.
func decodeKey(key string) (Breakdown, error) {
	if key == "" {
		return Breakdown{}, nil
	}
	var b Breakdown
	if err := json.Unmarshal([]byte(key), &b); err != nil {
		return nil, fmt.Errorf("measure: breakdown key %q: %w", key, err)
	}
	return b, nil
}

// fits checks a breakdown against an indicator's dimensions: none, or every
// dimension with one of its declared values.
func fits(b Breakdown, dims []Dimension) error {
	if len(b) == 0 {
		return nil
	}
	if len(dims) == 0 {
		return errs.New(errs.Invalid, "this indicator has no breakdowns; report the total only.")
	}
	for name := range b {
		if !slices.ContainsFunc(dims, func(d Dimension) bool { return d.Name == name }) {
			return errs.New(errs.Invalid, "this indicator has no breakdown by %q.", name)
		}
	}
	for _, d := range dims {
		v, ok := b[d.Name]
		if !ok {
			return errs.New(errs.Invalid, "give a value for %q too (a breakdown names every dimension, or none for the total).", d.Name)
		}
		if !slices.Contains(d.Values, v) {
			return errs.New(errs.Invalid, "%q is not a declared value of %q.", v, d.Name)
		}
	}
	return nil
}

// matches reports whether b has every dimension value the filter asks for;
// an empty filter matches only the total.
func (b Breakdown) matches(filter Breakdown) bool {
	if len(filter) == 0 {
		return len(b) == 0
	}
	if len(b) == 0 {
		return false
	}
	for k, v := range filter {
		if b[k] != v {
			return false
		}
	}
	return true
}
