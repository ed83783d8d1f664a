package payreview

import (
	"errors"
	"fmt"
	"math"
)

// Options are a review's choices; each is printed with the report.
type Options struct {
	MinGroup int     // fewest people of a gender behind a figure; 5 by default, never below 3
	Cap      float64 // the largest raise per person in the remediation, as a fraction (0.10)
	Target   float64 // the adjusted coefficient the remediation aims for (0)
}

// DefaultOptions are the defaults of the CLI.
func DefaultOptions() Options { return Options{MinGroup: 5, Cap: 0.10} }

// Review computes the whole review: the statutory figures, then the pooled
// adjusted gap with its decomposition, outliers and remediation, then the
// adjusted gap in each category that is not withheld. An error means no
// report: the controls cannot be estimated together, or the options are
// out of range.
func Review(d *Dataset, o Options) (*Report, error) {
	switch {
	case o.MinGroup < 3:
		return nil, fmt.Errorf("the minimum group size is %d; it may not be below 3", o.MinGroup)
	case !(o.Cap > 0) || o.Cap > 10:
		return nil, fmt.Errorf("the cap on a raise is %g%%; give a percentage above 0 and at most 1000", o.Cap*100)
	case math.IsNaN(o.Target) || math.IsInf(o.Target, 0):
		return nil, errors.New("the target coefficient must be a number")
	}
	rep := Statutory(d, o.MinGroup)
	rep.Method = method(d, o)
	rep.Outliers = []Outlier{} // a list in JSON even when no model is fitted
	if rep.Men < o.MinGroup || rep.Women < o.MinGroup {
		rep.Withheld = append(rep.Withheld, Withheld{Figure: "adjusted gap, decomposition, outliers and remediation",
			Reason: fmt.Sprintf("fewer than %d men or women (%d men, %d women)", o.MinGroup, rep.Men, rep.Women), Kind: "primary"})
		return rep, nil
	}
	y := logPay(d)
	for i, v := range y {
		if math.IsInf(v, 0) || math.IsNaN(v) { // pay over hours near 0 overflows
			return nil, fmt.Errorf("line %d: pay per hour is not a finite number; check the hours", d.Lines[i])
		}
	}
	m, err := fitModel(d, y, twoGroupRows(d, nil))
	if err != nil {
		return nil, err
	}
	controls := controlNames(d)
	rep.Adjusted = m.adjusted(controls)
	if rep.Decomposition, err = m.decomposition(d); err != nil {
		return nil, err
	}
	rep.Outliers = m.outliers(d)
	if rep.Remediation, err = m.remediate(d, o.Target, o.Cap); err != nil {
		return nil, err
	}
	if err := m.check(d, rep.Remediation); err != nil {
		return nil, err
	}
	categoryModels(d, y, rep, controls)
	return rep, nil
}

// controlNames are the controls as the report names them.
func controlNames(d *Dataset) []string {
	names := make([]string, len(d.Controls))
	for i, c := range d.Controls {
		names[i] = c.Name
		if c.Banded != nil {
			names[i] += " (in bands)"
		}
	}
	return names
}

// check refits the model with the planned raises applied and records the
// coefficient it gives: the plan is judged by the regression itself, not
// by the linear prediction it was made with.
func (m *model) check(d *Dataset, rem *Remediation) error {
	if len(rem.Plan) == 0 {
		rem.AchievedCoefficient = m.fit.Coef[m.women]
		return nil
	}
	raised := make(map[int]float64, len(rem.Plan))
	for _, r := range rem.Plan {
		raised[r.Line] = math.Log1p(r.RaisePct / 100)
	}
	y := make([]float64, len(m.y))
	for i, v := range m.y {
		y[i] = v + raised[d.Lines[i]]
	}
	again, err := fitModel(d, y, m.rows)
	if err != nil {
		return err
	}
	rem.AchievedCoefficient = again.fit.Coef[again.women]
	return nil
}

// categoryModels fits the adjusted gap within each published category.
// Within a category its own column is constant and drops out; a control
// that cannot be estimated there is said in the category's note rather
// than failing the review.
func categoryModels(d *Dataset, y []float64, rep *Report, controls []string) {
	if d.Category == nil {
		return
	}
	index := make(map[string]int32, len(d.Categories))
	for i, c := range d.Categories {
		index[c] = int32(i)
	}
	for i := range rep.Categories {
		cg := &rep.Categories[i]
		if cg.Withheld {
			continue
		}
		code := index[cg.Category]
		rows := twoGroupRows(d, func(r int) bool { return d.Category[r] == code })
		m, err := fitModel(d, y, rows)
		if err != nil {
			cg.AdjustedNote = "not estimable here: " + err.Error()
			continue
		}
		cg.Adjusted = m.adjusted(controls)
	}
}

// method records the choices behind a report.
func method(d *Dataset, o Options) Method {
	m := Method{Columns: d.Columns, Controls: controlNames(d), Categorical: []string{}, MinGroup: o.MinGroup,
		CapPct: o.Cap * 100, Target: o.Target, OutlierLimit: OutlierLimit}
	for _, c := range d.Controls {
		if c.Banded != nil {
			if m.Bands == nil {
				m.Bands = map[string][]float64{}
			}
			m.Bands[c.Name] = c.Banded
		} else if c.Categorical() {
			m.Categorical = append(m.Categorical, c.Name)
		}
	}
	return m
}
