package payreview

import (
	"fmt"
	"math"
)

// flagPct is the Art. 10 threshold: a category whose mean total pay differs
// by this much or more between men and women, either way, is flagged.
const flagPct = 5

// categoryValues holds one category's men's and women's pay, variable pay
// and total pay (each nil when the dataset has no variable pay).
type categoryValues struct {
	pay, variable, total [2][]float64 // [Man], [Woman]
}

// categories is the gap within each category of workers (EU Art. 9(1)(g)),
// in d.Categories' (sorted) order: basic pay gaps on pay (hourly when hours
// are given), variable pay gaps over everyone in the category (0 for those
// without), and the mean gap in total pay (the same as in basic pay when
// there is no variable pay) with the Art. 10 flag.
//
// A category with fewer than the minimum of men or of women is withheld
// whole. The categories' headcounts add up to the workforce, whose figures
// are published, so when exactly one category is withheld another goes too
// (secondaryPart: the smallest by its smaller gender count, ties by name).
func categories(d *Dataset, pay, total []float64, s *suppressor) []CategoryGap {
	vals := make([]categoryValues, len(d.Categories))
	for i, c := range d.Category {
		g := d.Gender[i]
		if g != Man && g != Woman {
			continue
		}
		v := &vals[c]
		v.pay[g] = append(v.pay[g], pay[i])
		if d.Variable != nil {
			v.variable[g] = append(v.variable[g], d.Variable[i])
			v.total[g] = append(v.total[g], total[i])
		}
	}

	out := make([]CategoryGap, len(d.Categories))
	parts := make([]part, len(d.Categories))
	for c, name := range d.Categories {
		v := &vals[c]
		out[c] = CategoryGap{Category: name, Men: len(v.pay[Man]), Women: len(v.pay[Woman])}
		parts[c] = part{name: categoryName(d, name), key: name, smaller: float64(min(out[c].Men, out[c].Women))}
		if why := s.tooFew(out[c].Men, out[c].Women, "in the category"); why != "" {
			s.add(parts[c].name, why, KindPrimary)
			parts[c].withheld = true
		}
	}
	if k := secondaryPart(parts); k >= 0 {
		s.add(parts[k].name, secondaryReason(parts, "the whole workforce's figures"), KindSecondary)
		parts[k].withheld = true
	}

	for c := range out {
		if parts[c].withheld {
			out[c].Withheld = true
			continue
		}
		fillCategory(&out[c], &vals[c], parts[c].name, d.Variable != nil, s)
	}
	return out
}

// fillCategory computes the figures of a published category.
func fillCategory(out *CategoryGap, v *categoryValues, name string, variable bool, s *suppressor) {
	m, w := summarize(v.pay[Man]), summarize(v.pay[Woman])
	out.MeanGapPct = s.pct(name+": pay gap, mean", "mean", m.mean, w.mean)
	out.MedianGapPct = s.pct(name+": pay gap, median", "median", m.median, w.median)
	if out.MeanGapPct != nil {
		// Without variable pay, total pay is basic pay; a copy, so the two
		// figures never alias.
		t := *out.MeanGapPct
		out.TotalMeanGapPct = &t
	}
	if variable {
		m, w = summarize(v.variable[Man]), summarize(v.variable[Woman])
		out.VariableMeanGapPct = s.pct(name+": variable pay gap, mean", "mean", m.mean, w.mean)
		out.VariableMedianGapPct = s.pct(name+": variable pay gap, median", "median", m.median, w.median)
		tm, tw := summarize(v.total[Man]), summarize(v.total[Woman])
		out.TotalMeanGapPct = s.pct(name+": total pay gap, mean", "mean", tm.mean, tw.mean)
	}
	if t := out.TotalMeanGapPct; t != nil {
		out.Flag = math.Abs(*t) >= flagPct
	}
}

// categoryName names a category in Withheld entries, with its column.
func categoryName(d *Dataset, name string) string {
	if d.CategoryOf != "" {
		return fmt.Sprintf("category %q (%s)", name, d.CategoryOf)
	}
	return fmt.Sprintf("category %q", name)
}
