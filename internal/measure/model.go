// Package measure is shared measurement: goals (results, in the words of
// Results-Based Accountability) under a collective, indicators under goals
// with their breakdowns and contributing organisations, dated measurements
// reported by members for their organisations (by hand, through the API or
// from CSV), corrections kept in history, monthly rollups kept current on
// every write, and the analysis of an indicator: progress toward its target
// and a status from a linear trend forecast, and its versioned "turn the
// curve" notes.
package measure

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/errs"
)

// Goal is a result the collective works toward.
type Goal struct {
	ID          int64     `db:"id" json:"id"`
	Title       string    `db:"title" json:"title"`
	Description string    `db:"description" json:"description"`
	Position    int       `db:"position" json:"position"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
	UpdatedAt   time.Time `db:"updated_at" json:"updated_at"`
}

// GoalInput is what a steward sets on a goal.
type GoalInput struct {
	Title, Description string
	Position           int
}

// Directions of an indicator.
const (
	Higher = "higher" // higher is better
	Lower  = "lower"  // lower is better
)

// Kinds of indicator: a population indicator, or one of the three kinds of
// performance measure of a program.
const (
	Population = "population"
	HowMuch    = "how_much"
	HowWell    = "how_well"
	BetterOff  = "better_off"
)

// Frequencies is what an indicator may be reported at.
var Frequencies = []string{"daily", "weekly", "monthly", "quarterly", "yearly"}

// Indicator measures progress toward a goal.
type Indicator struct {
	ID            int64       `db:"id" json:"id"`
	GoalID        int64       `db:"goal_id" json:"goal_id"`
	Name          string      `db:"name" json:"name"`
	Unit          string      `db:"unit" json:"unit"`
	Direction     string      `db:"direction" json:"direction"`
	Kind          string      `db:"kind" json:"kind"`
	BaselineValue *float64    `db:"baseline_value" json:"baseline_value"`
	BaselineText  string      `db:"baseline_text" json:"-"`
	BaselineDate  *string     `db:"baseline_date" json:"baseline_date"`
	TargetValue   *float64    `db:"target_value" json:"target_value"`
	TargetText    string      `db:"target_text" json:"-"`
	TargetDate    *string     `db:"target_date" json:"target_date"`
	Frequency     string      `db:"frequency" json:"frequency"`
	Definition    string      `db:"definition" json:"definition"`
	DataSource    string      `db:"data_source" json:"data_source"`
	Additive      bool        `db:"additive" json:"additive"`
	Position      int         `db:"position" json:"position"`
	CreatedAt     time.Time   `db:"created_at" json:"created_at"`
	UpdatedAt     time.Time   `db:"updated_at" json:"updated_at"`
	DataVersion   int64       `db:"data_version" json:"-"` // moves on with every write of its measurements
	Dimensions    []Dimension `db:"-" json:"dimensions"`
	Contributors  []int64     `db:"-" json:"contributors"` // organisation ids
}

// Dimension is a way an indicator is broken down (area, age group), with
// the values it may take.
type Dimension struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// IndicatorInput is what a steward sets on an indicator. Baseline and
// target are text as typed ("" for none) so they round-trip exactly.
type IndicatorInput struct {
	GoalID                 int64
	Name, Unit             string
	Direction, Kind        string
	Baseline, BaselineDate string
	Target, TargetDate     string
	Frequency              string
	Definition, DataSource string
	Additive               bool
	Position               int
	Dimensions             []Dimension
	Contributors           []int64 // organisation ids
	baselineVal, targetVal *float64
	baselineDay, targetDay *string
}

// Limits on what people type.
const (
	MaxTitle       = 200
	MaxText        = 4000
	MaxUnit        = 40
	MaxDimensions  = 5
	MaxDimValues   = 200
	MaxValueText   = 40
	maxDimNameRune = 60
)

func checkText(field, s string, max int, required bool) error {
	if required && s == "" {
		return errs.Field(field, "Enter a %s.", strings.ReplaceAll(field, "_", " "))
	}
	if utf8.RuneCountInString(s) > max {
		return errs.Field(field, "Keep it to %d characters or fewer.", max)
	}
	return nil
}

func (in *GoalInput) validate() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	if err := checkText("title", in.Title, MaxTitle, true); err != nil {
		return err
	}
	return checkText("description", in.Description, MaxText, false)
}

func (in *IndicatorInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	in.Unit = strings.TrimSpace(in.Unit)
	in.Definition = strings.TrimSpace(in.Definition)
	in.DataSource = strings.TrimSpace(in.DataSource)
	if in.Kind == "" {
		in.Kind = Population
	}
	if in.Frequency == "" {
		in.Frequency = "monthly"
	}
	if err := checkText("name", in.Name, MaxTitle, true); err != nil {
		return err
	}
	// A name is how a CSV line finds its indicator, so it cannot hold the
	// separator or stray spaces that would make it impossible to type.
	if strings.ContainsAny(in.Name, ",\n\r\"") {
		return errs.Field("name", "An indicator's name cannot contain commas, quotes or line breaks (CSV files name it).")
	}
	if err := checkText("unit", in.Unit, MaxUnit, false); err != nil {
		return err
	}
	if err := checkText("definition", in.Definition, MaxText, false); err != nil {
		return err
	}
	if err := checkText("data_source", in.DataSource, MaxText, false); err != nil {
		return err
	}
	if in.Direction != Higher && in.Direction != Lower {
		return errs.Field("direction", "Choose whether higher or lower is better.")
	}
	switch in.Kind {
	case Population, HowMuch, HowWell, BetterOff:
	default:
		return errs.Field("kind", "Choose population, how_much, how_well or better_off.")
	}
	if !slices.Contains(Frequencies, in.Frequency) {
		return errs.Field("frequency", "Choose one of %s.", strings.Join(Frequencies, ", "))
	}
	var err error
	if in.baselineVal, in.baselineDay, err = valueAndDate("baseline", in.Baseline, in.BaselineDate); err != nil {
		return err
	}
	if in.targetVal, in.targetDay, err = valueAndDate("target", in.Target, in.TargetDate); err != nil {
		return err
	}
	if in.baselineDay != nil && in.targetDay != nil && *in.targetDay <= *in.baselineDay {
		return errs.Field("target_date", "The target date must come after the baseline date.")
	}
	return in.validateDimensions()
}

func (in *IndicatorInput) validateDimensions() error {
	if len(in.Dimensions) > MaxDimensions {
		return errs.Field("dimensions", "An indicator has at most %d breakdown dimensions.", MaxDimensions)
	}
	var names []string
	for i := range in.Dimensions {
		d := &in.Dimensions[i]
		d.Name = strings.TrimSpace(d.Name)
		if d.Name == "" || utf8.RuneCountInString(d.Name) > maxDimNameRune || strings.ContainsAny(d.Name, ",\n\r\"") {
			return errs.Field("dimensions", "Name each dimension in 1 to %d characters, without commas or quotes.", maxDimNameRune)
		}
		if reservedColumn(d.Name) || slices.Contains(names, strings.ToLower(d.Name)) {
			return errs.Field("dimensions", "The dimension %q clashes with another column; choose another name.", d.Name)
		}
		names = append(names, strings.ToLower(d.Name))
		if len(d.Values) == 0 || len(d.Values) > MaxDimValues {
			return errs.Field("dimensions", "Give the dimension %q between 1 and %d values.", d.Name, MaxDimValues)
		}
		var seen []string
		for j, v := range d.Values {
			v = strings.TrimSpace(v)
			if v == "" || utf8.RuneCountInString(v) > MaxTitle || slices.Contains(seen, v) {
				return errs.Field("dimensions", "The values of %q must be distinct and not empty.", d.Name)
			}
			d.Values[j] = v
			seen = append(seen, v)
		}
	}
	return nil
}

// reservedColumn reports whether a dimension name would clash with the
// fixed columns of an import file.
func reservedColumn(name string) bool {
	switch strings.ToLower(name) {
	case "indicator", "date", "value":
		return true
	}
	return false
}

// valueAndDate checks a baseline or target: both value and date, or neither.
func valueAndDate(field, value, date string) (*float64, *string, error) {
	value, date = strings.TrimSpace(value), strings.TrimSpace(date)
	if value == "" && date == "" {
		return nil, nil, nil
	}
	if value == "" || date == "" {
		return nil, nil, errs.Field(field, "Give the %s both a value and a date, or neither.", field)
	}
	v, err := parseValue(value)
	if err != nil {
		return nil, nil, errs.Field(field, "%s", err.Error())
	}
	d, err := parseDate(date)
	if err != nil {
		return nil, nil, errs.Field(field+"_date", "%s", err.Error())
	}
	return &v, &d, nil
}

// parseValue reads a measured value. Values are float64: indicators are
// measurements (rates, counts, scores) whose precision is far below a
// double's 15 digits, and the analysis is floating-point anyway; the text
// as entered is kept beside it for an exact round trip.
func parseValue(s string) (float64, error) {
	if s == "" {
		return 0, errs.New(errs.Invalid, "The value is empty.")
	}
	if len(s) > MaxValueText {
		return 0, errs.New(errs.Invalid, "The value %.20q… is too long to be a number.", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || strings.ContainsAny(s, "xXpP_") {
		return 0, errs.New(errs.Invalid, "%q is not a number (write it like 1234.5, with a point and no thousands separator).", s)
	}
	return v, nil
}

// dateLayout is how dates are written and stored.
const dateLayout = "2006-01-02"

// parseDate reads a YYYY-MM-DD date.
func parseDate(s string) (string, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return "", errs.New(errs.Invalid, "%q is not a date written as YYYY-MM-DD.", s)
	}
	return t.Format(dateLayout), nil
}
