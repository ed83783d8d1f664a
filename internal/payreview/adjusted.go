package payreview

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"commonground/internal/stats"
)

// womenColumn names the gender indicator in the model. It cannot clash
// with a control: a column name is never both quoted and spaced like this.
const womenColumn = "gender: women"

// OutlierLimit is the |rstudent| above which an employee is listed.
const OutlierLimit = 2

// model is the pooled regression of log pay on gender and the controls,
// over men and women (people of another gender are not in a two-group
// comparison).
type model struct {
	fit   *stats.Fit
	y     []float64 // log pay, every employee (others too, unused)
	rows  []int32   // the employees fitted
	women int       // the column of the indicator
}

// design builds the regression's terms: the indicator first, then the
// controls in the order given.
func design(d *Dataset, rows []int32) *stats.Design {
	ind := make([]float64, d.Len())
	for i, g := range d.Gender {
		if g == Woman {
			ind[i] = 1
		}
	}
	terms := []stats.Term{{Name: womenColumn, Values: ind}}
	for _, c := range d.Controls {
		if c.Categorical() {
			terms = append(terms, stats.Term{Name: c.Name, Levels: c.Levels, Codes: c.Codes})
		} else {
			terms = append(terms, stats.Term{Name: c.Name, Values: c.Numeric})
		}
	}
	return &stats.Design{Terms: terms, Rows: rows}
}

// logPay is the regression's left-hand side.
func logPay(d *Dataset) []float64 {
	y := make([]float64, d.Len())
	for i := range y {
		y[i] = math.Log(d.Pay(i))
	}
	return y
}

// fitModel fits the model on the given employees.
func fitModel(d *Dataset, y []float64, rows []int32) (*model, error) {
	fit, err := stats.OLS(design(d, rows), y)
	if err != nil {
		return nil, explainFitError(d, err)
	}
	return &model{fit: fit, y: y, rows: rows, women: fit.Index(womenColumn)}, nil
}

// explainFitError turns the engine's words into the controls' names.
func explainFitError(d *Dataset, err error) error {
	var col *stats.CollinearError
	if !errors.As(err, &col) {
		return errors.New(strings.TrimPrefix(err.Error(), "stats: "))
	}
	name := func(c string) string {
		switch c {
		case womenColumn:
			return "gender"
		case "Intercept":
			return "the constant"
		}
		return fmt.Sprintf("%q", c)
	}
	with := make([]string, len(col.With))
	for i, w := range col.With {
		with[i] = name(w)
	}
	return fmt.Errorf("the controls are collinear: %s is a combination of %s; drop one of them from --controls",
		name(col.Column), strings.Join(with, ", "))
}

// exactFit is how small the residual sum of squares may be, relative to the
// total, before the fit counts as exact: below it the standard error is
// rounding noise and a t statistic built on it would mean nothing.
const exactFit = 1e-20

// adjusted reads the indicator's figures off a fit.
func (m *model) adjusted(controls []string) *Adjusted {
	f, j := m.fit, m.women
	a := &Adjusted{
		Coefficient: f.Coef[j], StdError: f.SE[j], RobustStdError: f.RobustSE[j],
		CILow: f.CILow[j], CIHigh: f.CIHigh[j],
		GapPct: -(math.Expm1(f.Coef[j])) * 100,
		N:      f.N, Coefficients: f.K, Controls: controls,
	}
	if f.TSS > 0 {
		r2 := f.R2
		a.RSquared = &r2
	}
	if f.RSS <= exactFit*f.TSS || f.TSS == 0 {
		a.Note = "gender and the controls fit log pay exactly, so there is no residual variation to test the gap against"
		return a
	}
	t, p := f.T[j], f.P[j]
	a.T, a.PValue = &t, &p
	return a
}

// decomposition splits the difference in mean log pay by control.
func (m *model) decomposition(d *Dataset) (*Decomposition, error) {
	tf, err := m.fit.TwoFold(m.y, womenColumn)
	if err != nil {
		return nil, err
	}
	out := &Decomposition{Total: tf.Total, Explained: tf.Explained, Unexplained: tf.Unexplained}
	parts := make([]float64, len(d.Controls))
	for j, v := range tf.Parts {
		if t := m.fit.Term(j); t > 0 { // term 0 is the indicator
			parts[t-1] += v
		}
	}
	for i, c := range d.Controls {
		out.ByControl = append(out.ByControl, ControlExplained{Control: c.Name, Explained: parts[i]})
	}
	return out, nil
}

// outliers lists the employees whose externally studentised residual is
// above OutlierLimit in absolute value, largest first.
func (m *model) outliers(d *Dataset) []Outlier {
	out := []Outlier{}
	for p, r := range m.fit.Studentized {
		if math.Abs(r) > OutlierLimit {
			i := m.rows[p]
			out = append(out, Outlier{ID: d.IDs[i], Line: d.Lines[i], Gender: genderWord(d.Gender[i]), StudentizedResidual: r})
		}
	}
	slices.SortFunc(out, func(a, b Outlier) int { // largest first; ties in file order
		return cmp.Or(cmp.Compare(math.Abs(b.StudentizedResidual), math.Abs(a.StudentizedResidual)), cmp.Compare(a.Line, b.Line))
	})
	return out
}

func genderWord(g Gender) string {
	switch g {
	case Man:
		return "man"
	case Woman:
		return "woman"
	}
	return "other"
}

// twoGroupRows are the men and women among the given employees (all when
// in is nil).
func twoGroupRows(d *Dataset, in func(i int) bool) []int32 {
	var rows []int32
	for i, g := range d.Gender {
		if g != Other && (in == nil || in(i)) {
			rows = append(rows, int32(i))
		}
	}
	return rows
}
