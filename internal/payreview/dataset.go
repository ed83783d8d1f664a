// Package payreview computes a pay equity review from a table of
// employees: the statutory figures (EU Directive 2023/970 Art. 9 and 10, the
// UK gender pay gap regulations 2017), the adjusted gap by regression, its
// Oaxaca–Blinder decomposition, outliers, and the cheapest remediation.
//
// The package is pure: it reads from an io.Reader and imports nothing of the
// project but internal/stats, so the CLI and the later pay feature share it.
package payreview

// Gender is the group an employee is counted in. Gaps compare men and
// women; people of another gender are counted in the headcount and left out
// of the two-group figures, as the regulations do.
type Gender int8

const (
	Man Gender = iota
	Woman
	Other
)

// Dataset is a checked input: one entry per employee in every slice, in the
// file's order. Slices for optional fields are nil when the field is absent.
type Dataset struct {
	IDs      []string
	Lines    []int // the line of the source file each employee came from
	Gender   []Gender
	Base     []float64 // basic pay for the period, as given
	Variable []float64 // variable pay (bonus); nil without a variable_pay column
	Hours    []float64 // hours paid; nil without an hours column

	// Category indexes Categories (sorted); nil without a category column.
	Category   []int32
	Categories []string
	CategoryOf string // the column the categories came from

	Controls []Control
	Columns  map[string]string // field (id, gender, …) → the column it was read from
}

// Control is one explanatory column of the adjusted gap: numeric, or
// categorical with levels in sorted order (the first is the base level).
type Control struct {
	Name    string
	Numeric []float64 // set for a numeric control
	Levels  []string  // set for a categorical control, sorted
	Codes   []int32   // index into Levels, one per employee
	Banded  []float64 // the cut points when the column was cut into bands
}

// Categorical says whether the control is coded by levels.
func (c Control) Categorical() bool { return c.Levels != nil }

// Len is the number of employees.
func (d *Dataset) Len() int { return len(d.Gender) }

// Pay is the pay the gaps and the regression use: hourly when hours are
// given (pay ÷ hours), otherwise basic pay as given.
func (d *Dataset) Pay(i int) float64 {
	if d.Hours != nil {
		return d.Base[i] / d.Hours[i]
	}
	return d.Base[i]
}
