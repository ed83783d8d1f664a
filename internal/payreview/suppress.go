package payreview

import (
	"cmp"
	"fmt"
	"slices"
)

// Kinds of Withheld entries. Primary and secondary are the two kinds of
// suppression; undefined marks a gap that cannot be computed at all (the
// men's figure it is a percentage of is 0), listed so that a reader of the
// report learns why the figure is missing.
const (
	KindPrimary   = "primary"
	KindSecondary = "secondary"
	KindUndefined = "undefined"
)

// suppressor applies the minimum group size and records what it withholds.
//
// The rule: a figure about men and women is published only when each of
// the two groups it is computed over holds at least min people (a gap needs
// min men and min women; a gap among those who received variable pay needs
// min receivers of each gender; a share receiving needs a headcount of min
// in that gender; a quartile band's shares need min people in the band).
// Anything smaller is withheld: a nil figure and a primary entry.
type suppressor struct {
	min      int
	withheld []Withheld
}

func (s *suppressor) add(figure, reason, kind string) {
	s.withheld = append(s.withheld, Withheld{Figure: figure, Reason: reason, Kind: kind})
}

// tooFew says why a figure over men and women of the given counts must be
// withheld, or "" when both groups are large enough. who qualifies the
// people counted ("received variable pay", "in the band").
func (s *suppressor) tooFew(men, women int, who string) string {
	var r string
	switch {
	case men < s.min && women < s.min:
		r = fmt.Sprintf("fewer than %d men and fewer than %d women", s.min, s.min)
	case men < s.min:
		r = fmt.Sprintf("fewer than %d men", s.min)
	case women < s.min:
		r = fmt.Sprintf("fewer than %d women", s.min)
	default:
		return ""
	}
	if who != "" {
		r += " " + who
	}
	return r
}

// gap is the mean and median gap of men's and women's values, withheld
// (and recorded as such under figure) when either group is smaller than the
// minimum. who qualifies the people in the reason.
func (s *suppressor) gap(figure, who string, men, women summary) Gap {
	if why := s.tooFew(men.n, women.n, who); why != "" {
		s.add(figure, why, KindPrimary)
		return Gap{}
	}
	return Gap{
		MeanGapPct:   s.pct(figure+", mean", "mean", men.mean, women.mean),
		MedianGapPct: s.pct(figure+", median", "median", men.median, women.median),
	}
}

// pct is the gap (men − women) / men × 100, or nil with an undefined entry
// when the men's figure is 0 (as a median of variable pay over everyone is
// when fewer than half the men received any).
func (s *suppressor) pct(figure, what string, men, women float64) *float64 {
	if men == 0 {
		s.add(figure, fmt.Sprintf("the men's %s is 0, so a gap in %% of it is undefined", what), KindUndefined)
		return nil
	}
	g := (men - women) / men * 100
	return &g
}

// share is count out of total in percent, withheld when the group (total)
// is smaller than the minimum.
func (s *suppressor) share(figure, group string, count, total int) *float64 {
	if total < s.min {
		s.add(figure, fmt.Sprintf("fewer than %d %s", s.min, group), KindPrimary)
		return nil
	}
	v := float64(count) / float64(total) * 100
	return &v
}

// part is one of the parts of a published total, for secondary suppression:
// a category of workers (their headcounts add up to the whole workforce) or
// a quartile band (they add up to the men and women ranked).
type part struct {
	name     string  // as the report names it
	key      string  // the band's or category's own name, for ties
	smaller  float64 // the smaller of its men and women (fractional in bands)
	withheld bool    // already withheld
}

// secondaryPart picks the part to withhold so that a withheld part cannot
// be worked out from the total and the other parts: when exactly one part
// is withheld, the published part with the smallest smaller-gender count
// goes too, ties broken by name. (With two or more withheld, the published
// parts give only their sum.) It returns the index, or -1 when nothing more
// need be withheld or no published part is left.
func secondaryPart(parts []part) int {
	withheld := 0
	for _, p := range parts {
		if p.withheld {
			withheld++
		}
	}
	if withheld != 1 {
		return -1
	}
	best := -1
	for i, p := range parts {
		if p.withheld {
			continue
		}
		if best < 0 || cmp.Or(cmp.Compare(p.smaller, parts[best].smaller), cmp.Compare(p.key, parts[best].key)) < 0 {
			best = i
		}
	}
	return best
}

// secondaryReason says which withheld part a secondary suppression
// protects and from what it could otherwise be worked out.
func secondaryReason(parts []part, whole string) string {
	i := slices.IndexFunc(parts, func(p part) bool { return p.withheld })
	return fmt.Sprintf("protects %s, withheld alone, which could otherwise be worked out from %s and the other parts", parts[i].name, whole)
}
