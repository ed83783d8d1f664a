package payreview

import (
	"fmt"
	"slices"

	"commonground/internal/stats"
)

// Statutory computes the statutory figures of a review: the headcounts,
// the pay gap (EU Art. 9(1)(a) and (c), the UK hourly pay gap), the variable
// pay figures (Art. 9(1)(b), (d), (e), the UK bonus figures), the gap in
// total pay, the quartile bands (Art. 9(1)(f), UK regulation 13) and the
// figures per category of workers with the Art. 10 flag (Art. 9(1)(g)). It
// leaves the adjusted gap, the decomposition, the outliers and the
// remediation to the rest of the review, which fills them into the same
// Report and may append to Withheld.
//
// Pay is d.Pay: hourly when hours are given. Variable pay is compared as
// given, never per hour, as the UK regulations compare bonus pay. Total pay
// (basic + variable) is put on the same footing as pay, so that the total
// gap and the Art. 10 flag compare like with like: (basic + variable) ÷
// hours when hours are given, basic + variable otherwise. PayBasis says so
// in words.
//
// Minimum group size (the caller guarantees minGroup ≥ 3): a figure is
// withheld, as a nil pointer with a "primary" entry in Withheld, when it
// rests on fewer than minGroup men or fewer than minGroup women. A gap needs
// minGroup of each; the gaps among those who received variable pay need
// minGroup receivers of each; a share receiving needs that gender's
// headcount of minGroup; a quartile band's shares need minGroup people in
// the band; a category needs minGroup men and minGroup women, or is withheld
// whole. Secondary suppression: the categories and the quartile bands are
// parts of totals the report publishes, so where exactly one of them is
// withheld, the published one with the fewest of its smaller gender goes
// too (ties broken by name), with a "secondary" entry naming what it
// protects. A gap on a men's figure of 0 cannot be computed; it is nil with
// an "undefined" entry.
func Statutory(d *Dataset, minGroup int) *Report {
	n := d.Len()
	r := &Report{
		Employees: n,
		MinGroup:  minGroup,
		PayBasis:  payBasis(d),
		Withheld:  []Withheld{},
	}
	s := &suppressor{min: minGroup}

	pay := make([]float64, n)
	for i := range pay {
		pay[i] = d.Pay(i)
	}
	men, women := byGender(d.Gender, pay, nil)
	r.Men, r.Women, r.Others = len(men), len(women), n-len(men)-len(women)

	// Sorted, the same two lists give the medians and the quartile ranks.
	slices.Sort(men)
	slices.Sort(women)
	r.Pay = s.gap("pay gap", "", summarizeSorted(men), summarizeSorted(women))

	var total []float64
	if d.Variable != nil {
		total = totalPay(d)
		tm, tw := byGender(d.Gender, total, nil)
		g := s.gap("total pay gap (basic + variable)", "", summarize(tm), summarize(tw))
		r.TotalPay = &g
		r.VariablePay = variableGap(d, s)
	}

	r.Quartiles = quartiles(men, women, s)

	if d.Category != nil {
		r.CategoryOf = d.CategoryOf
		r.Categories = categories(d, pay, total, s)
	}
	r.Withheld = append(r.Withheld, s.withheld...)
	return r
}

// variableGap is the variable pay figures: the gaps over everyone (those
// without variable pay count as 0), the gaps over those who received any
// (more than 0), and the share of each gender receiving any.
func variableGap(d *Dataset, s *suppressor) *VariableGap {
	vm, vw := byGender(d.Gender, d.Variable, nil)
	v := &VariableGap{}
	g := s.gap("variable pay gap over everyone", "", summarize(vm), summarize(vw))
	v.MeanGapPct, v.MedianGapPct = g.MeanGapPct, g.MedianGapPct

	received := func(x float64) bool { return x > 0 }
	rm, rw := byGender(d.Gender, d.Variable, received)
	v.Receivers = s.gap("variable pay gap over those who received any", "received variable pay", summarize(rm), summarize(rw))
	v.ShareReceivingPct = Shares{
		Men:   s.share("share of men receiving variable pay", "men", len(rm), len(vm)),
		Women: s.share("share of women receiving variable pay", "women", len(rw), len(vw)),
	}
	// Everyone's mean is the receivers' mean times the share receiving, so
	// the mean gap over everyone and the two shares give the receivers'
	// mean gap back: when that one is withheld, the first goes too.
	if v.Receivers.MeanGapPct == nil && v.MeanGapPct != nil && v.ShareReceivingPct.Men != nil && v.ShareReceivingPct.Women != nil {
		v.MeanGapPct = nil
		s.add("variable pay gap over everyone, mean", "protects the variable pay gap over those who received any, "+
			"which the mean over everyone and the shares receiving would give back", KindSecondary)
	}
	return v
}

// totalPay is basic + variable for everyone, per hour when hours are given
// (see Statutory for why).
func totalPay(d *Dataset) []float64 {
	t := make([]float64, d.Len())
	for i := range t {
		t[i] = d.Base[i] + d.Variable[i]
		if d.Hours != nil {
			t[i] /= d.Hours[i]
		}
	}
	return t
}

// byGender splits values into the men's and the women's, in order, keeping
// only those keep accepts (all when keep is nil). People of another gender
// are left out: the gaps compare men and women.
func byGender(g []Gender, values []float64, keep func(float64) bool) (men, women []float64) {
	nm := 0
	for _, x := range g {
		if x == Man {
			nm++
		}
	}
	men = make([]float64, 0, nm)
	women = make([]float64, 0, len(g)-nm)
	for i, x := range g {
		v := values[i]
		if keep != nil && !keep(v) {
			continue
		}
		switch x {
		case Man:
			men = append(men, v)
		case Woman:
			women = append(women, v)
		}
	}
	return men, women
}

// summary is what a gap needs of one group.
type summary struct {
	n            int
	mean, median float64
}

func summarize(x []float64) summary {
	if len(x) == 0 {
		return summary{}
	}
	return summary{n: len(x), mean: stats.Mean(x), median: stats.Median(x)}
}

func summarizeSorted(x []float64) summary {
	if len(x) == 0 {
		return summary{}
	}
	return summary{n: len(x), mean: stats.Mean(x), median: stats.MedianSorted(x)}
}

// payBasis says in words how pay, variable pay and total pay were read,
// naming the columns.
func payBasis(d *Dataset) string {
	base, vari, hours := column(d, "base_pay"), column(d, "variable_pay"), column(d, "hours")
	var b string
	if d.Hours != nil {
		b = fmt.Sprintf("hourly pay: %s ÷ %s", base, hours)
		if d.Variable != nil {
			b += fmt.Sprintf("; variable pay: %s as given; total pay: (%s + %s) ÷ %s", vari, base, vari, hours)
		}
		return b
	}
	b = fmt.Sprintf("pay: %s as given (no hours column, so not hourly)", base)
	if d.Variable != nil {
		b += fmt.Sprintf("; variable pay: %s as given; total pay: %s + %s", vari, base, vari)
	}
	return b
}

// column is the column a field was read from, or the field's own name.
func column(d *Dataset, field string) string {
	if c := d.Columns[field]; c != "" {
		return c
	}
	return field
}
