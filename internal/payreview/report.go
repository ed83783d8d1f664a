package payreview

// Report is a whole review. Its JSON form is what `commonground payreview
// --format json` prints; a nil pointer figure is withheld (see Withheld).
// Gap percentages are (men − women) / men × 100: positive when women are
// paid less.
type Report struct {
	Employees   int           `json:"employees"`
	Men         int           `json:"men"`
	Women       int           `json:"women"`
	Others      int           `json:"others"` // counted, left out of the two-group figures
	MinGroup    int           `json:"min_group"`
	PayBasis    string        `json:"pay_basis"` // how pay was read: hourly from pay and hours, or as given
	Pay         Gap           `json:"pay"`
	TotalPay    *Gap          `json:"total_pay,omitempty"` // basic + variable; nil without variable pay
	VariablePay *VariableGap  `json:"variable_pay,omitempty"`
	Quartiles   []Quartile    `json:"quartiles"`
	Categories  []CategoryGap `json:"categories,omitempty"`
	CategoryOf  string        `json:"category_column,omitempty"`

	Adjusted      *Adjusted      `json:"adjusted,omitempty"`
	Decomposition *Decomposition `json:"decomposition,omitempty"`
	Outliers      []Outlier      `json:"outliers"`
	Remediation   *Remediation   `json:"remediation,omitempty"`

	Withheld []Withheld `json:"withheld"`
	Method   Method     `json:"method"`
}

// Method records every choice behind the figures, so a report can be
// reproduced and its method checked (EU Art. 9(6) gives workers'
// representatives access to it).
type Method struct {
	Columns      map[string]string    `json:"columns"` // field → the column read
	Controls     []string             `json:"controls"`
	Categorical  []string             `json:"categorical"`
	Bands        map[string][]float64 `json:"bands,omitempty"`
	MinGroup     int                  `json:"min_group"`
	CapPct       float64              `json:"cap_pct"`
	Target       float64              `json:"target"`
	OutlierLimit float64              `json:"outlier_limit"`
}

// Gap is a mean and a median gap in percent; nil when withheld.
type Gap struct {
	MeanGapPct   *float64 `json:"mean_gap_pct"`
	MedianGapPct *float64 `json:"median_gap_pct"`
}

// VariableGap is the variable pay figures of EU Art. 9(1)(b), (d) and (e)
// and the UK bonus figures. The top-level gaps are over everyone (those
// without variable pay count as 0, the Directive's reading); Receivers is
// over those who received any (the UK regulations' reading).
type VariableGap struct {
	MeanGapPct        *float64 `json:"mean_gap_pct"`
	MedianGapPct      *float64 `json:"median_gap_pct"`
	Receivers         Gap      `json:"receivers"`
	ShareReceivingPct Shares   `json:"share_receiving_pct"`
}

// Shares is a percentage for each of the two groups.
type Shares struct {
	Men   *float64 `json:"men"`
	Women *float64 `json:"women"`
}

// Quartile is one of the four pay bands, lower first. Employees on the same
// pay who straddle a boundary are split between the bands in the same
// proportion of men and women (UK regulation 13(2)), so the counts may be
// fractional.
type Quartile struct {
	Band      string   `json:"band"` // lower, lower middle, upper middle, upper
	Employees int      `json:"employees"`
	Men       float64  `json:"men"`
	Women     float64  `json:"women"`
	WomenPct  *float64 `json:"women_pct"`
	MenPct    *float64 `json:"men_pct"`
}

// CategoryGap is the gap within one category of workers (EU Art. 9(1)(g))
// with the Art. 10 flag: mean total pay differs by 5% or more either way.
type CategoryGap struct {
	Category             string    `json:"category"`
	Men                  int       `json:"men"`
	Women                int       `json:"women"`
	MeanGapPct           *float64  `json:"mean_gap_pct"`
	MedianGapPct         *float64  `json:"median_gap_pct"`
	VariableMeanGapPct   *float64  `json:"variable_mean_gap_pct,omitempty"`
	VariableMedianGapPct *float64  `json:"variable_median_gap_pct,omitempty"`
	TotalMeanGapPct      *float64  `json:"total_mean_gap_pct"`
	Flag                 bool      `json:"flag"`
	Withheld             bool      `json:"withheld"`
	Adjusted             *Adjusted `json:"adjusted,omitempty"`
	AdjustedNote         string    `json:"adjusted_note,omitempty"` // why there is no adjusted gap
}

// Adjusted is the coefficient of women (men the base) in the OLS of log pay
// on gender and the controls, with its standard errors and test.
type Adjusted struct {
	Coefficient    float64  `json:"coefficient"`
	StdError       float64  `json:"std_error"`
	RobustStdError float64  `json:"robust_std_error"` // HC1
	T              *float64 `json:"t"`                // nil when the model fits exactly: nothing to test against
	PValue         *float64 `json:"p_value"`          // nil with T
	CILow          float64  `json:"ci_low"`           // 95%
	CIHigh         float64  `json:"ci_high"`
	GapPct         float64  `json:"gap_pct"`   // −(e^b − 1) × 100
	RSquared       *float64 `json:"r_squared"` // nil when log pay does not vary at all
	Note           string   `json:"note,omitempty"`
	N              int      `json:"n"`
	Coefficients   int      `json:"coefficients"`
	Controls       []string `json:"controls"`
}

// Decomposition is the two-fold Oaxaca–Blinder split of the difference in
// mean log pay (men − women) with the pooled model that includes the gender
// indicator (Jann 2008): explained by the controls, and unexplained.
type Decomposition struct {
	Total       float64            `json:"total"`
	Explained   float64            `json:"explained"`
	Unexplained float64            `json:"unexplained"`
	ByControl   []ControlExplained `json:"by_control"`
}

// ControlExplained is one control's share of the explained part.
type ControlExplained struct {
	Control   string  `json:"control"`
	Explained float64 `json:"explained"`
}

// Outlier is an employee whose externally studentised residual in the
// pooled model is above 2 in absolute value.
type Outlier struct {
	ID                  string  `json:"id"`
	Line                int     `json:"line"`
	Gender              string  `json:"gender"`
	StudentizedResidual float64 `json:"studentized_residual"`
}

// Remediation is the cheapest set of raises that brings the adjusted
// coefficient to the target, beside the same raise for everyone in the group.
type Remediation struct {
	Group               string   `json:"group"` // women, or men when men are the underpaid group
	Target              float64  `json:"target"`
	CapPct              float64  `json:"cap_pct"`
	Raises              int      `json:"raises"`
	Cost                *float64 `json:"cost"` // nil when the target is out of reach
	Plan                []Raise  `json:"plan"`
	UniformRaisePct     *float64 `json:"uniform_raise_pct"` // the same raise for all the group, even above the cap; nil when no raise moves towards the target
	UniformCost         *float64 `json:"uniform_cost"`
	GreedyRaises        int      `json:"greedy_raises"`
	GreedyCost          *float64 `json:"greedy_cost"` // nil with Cost
	Reachable           bool     `json:"reachable"`   // false when even every raise at the cap falls short
	AchievedCoefficient float64  `json:"achieved_coefficient"`
}

// Raise is one employee's raise in the plan.
type Raise struct {
	ID       string  `json:"id"`
	Line     int     `json:"line"`
	RaisePct float64 `json:"raise_pct"`
	Amount   float64 `json:"amount"`
}

// Withheld names a figure left out and why: fewer people than the minimum
// group size (primary), or so that a withheld figure cannot be worked out
// from a total and the other parts (secondary).
type Withheld struct {
	Figure string `json:"figure"`
	Reason string `json:"reason"`
	Kind   string `json:"kind"` // primary, secondary, or undefined (a gap over a men's figure of 0)
}
