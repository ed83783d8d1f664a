package measure

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/stats"
)

// Statuses of an indicator against its target.
const (
	OnTrack       = "on_track"        // the forecast at the target date meets the target
	AtRisk        = "at_risk"         // only the 80% prediction interval reaches it
	OffTrack      = "off_track"       // not even the interval reaches it
	NotEnoughData = "not_enough_data" // fewer than 3 points, or all on one date
	NoTarget      = "no_target"       // the indicator has no target to judge by
)

// ForecastLevel is the prediction interval's level.
const ForecastLevel = 0.80

// BandPoint is the forecast at one date with its prediction interval.
type BandPoint struct {
	Date string  `json:"date"`
	Fit  float64 `json:"fit"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
}

// Forecast is an indicator's analysis: where it stands, how far it has come
// from its baseline toward its target, and where its trend leads.
type Forecast struct {
	Status string `json:"status"`
	// Progress is the percent of the way from baseline to target the latest
	// value has come: 0 at the baseline, 100 at the target, negative when
	// it moved the wrong way, over 100 past the target. Because it divides
	// by (target − baseline), it reads the same whichever direction is
	// better. Nil without baseline and target, or when they are equal.
	Progress    *float64 `json:"progress"`
	Latest      *Point   `json:"latest"`
	Points      int      `json:"points"` // points the trend was fitted to
	Grain       string   `json:"grain"`
	SlopePerDay float64  `json:"slope_per_day"`
	Intercept   float64  `json:"intercept"` // the fitted value at Origin
	Origin      string   `json:"origin"`    // the date x = 0 stands for: the first point's
	Level       float64  `json:"level"`
	// AtTarget is the forecast at the target date; Band runs from the
	// latest point to the target date for the chart.
	AtTarget *BandPoint  `json:"at_target"`
	Band     []BandPoint `json:"band"`
}

// bandSteps is how many segments the chart's band has.
const bandSteps = 12

// Forecast analyses the indicator's total series: progress from the
// latest value, and a status from a least-squares line through the
// points (x in days since the first), judged at the target date with the
// 80% prediction interval for a new observation:
//
//   - on track when the fitted value there meets the target (≥ when higher
//     is better, ≤ when lower is),
//   - at risk when only the interval's better end reaches it,
//   - off track otherwise,
//
// and "not enough data" with fewer than 3 points. Once the latest value is
// on or after the target date, the status is the latest value against the
// target: on track when it meets it, off track otherwise. At month grain each month
// is one point, at its latest date and value.
func (s *Service) Forecast(ctx context.Context, a *collective.Access, indicatorID int64) (*Forecast, error) {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return nil, err
	}
	sr, err := s.defaultSeries(ctx, a, ind)
	if err != nil {
		return nil, err
	}
	var pts []Point
	if len(sr.Series) > 0 {
		pts = sr.Series[0].Points
	}
	return analyse(ind, pts, sr.Grain), nil
}

// Overview is what an indicator's page shows: the indicator, its total
// series and its forecast.
type Overview struct {
	Indicator *Indicator `json:"indicator"`
	Total     Series     `json:"total"`
	Grain     string     `json:"grain"`
	Forecast  *Forecast  `json:"forecast"`
}

// Overview reads an indicator's page in one pass: the forecast is fitted
// to the same total series the page draws, rather than read again.
func (s *Service) Overview(ctx context.Context, a *collective.Access, indicatorID int64) (*Overview, error) {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return nil, err
	}
	sr, err := s.defaultSeries(ctx, a, ind)
	if err != nil {
		return nil, err
	}
	o := &Overview{Indicator: ind, Grain: sr.Grain, Total: Series{Breakdown: Breakdown{}, Points: []Point{}}}
	if len(sr.Series) > 0 {
		o.Total = sr.Series[0]
	}
	o.Forecast = analyse(ind, o.Total.Points, sr.Grain)
	return o, nil
}

// analyse is Forecast on points already read.
func analyse(ind *Indicator, pts []Point, grain string) *Forecast {
	f := &Forecast{Status: NotEnoughData, Grain: grain, Level: ForecastLevel, Points: len(pts), Band: []BandPoint{}}
	if len(pts) == 0 {
		return f
	}
	last := pts[len(pts)-1]
	f.Latest = &last
	if ind.BaselineValue != nil && ind.TargetValue != nil && *ind.TargetValue != *ind.BaselineValue {
		p := (last.Value - *ind.BaselineValue) / (*ind.TargetValue - *ind.BaselineValue) * 100
		p += 0 // no "-0%" when a falling target has not moved yet: −0 + 0 is +0
		f.Progress = &p
	}
	x, y := make([]float64, len(pts)), make([]float64, len(pts))
	origin := dayOf(pts[0].LastDate)
	for i, p := range pts {
		x[i] = float64(dayOf(p.LastDate) - origin)
		y[i] = p.Value
	}
	f.Origin = pts[0].LastDate
	tr, err := stats.LinearTrend(x, y)
	if err != nil {
		return f // under 3 points, or all on one date
	}
	f.SlopePerDay, f.Intercept = tr.Slope, tr.Intercept
	if ind.TargetValue == nil || ind.TargetDate == nil {
		f.Status = NoTarget
		return f
	}
	at := func(day int) BandPoint {
		fit, lo, hi := tr.Predict(float64(day-origin), ForecastLevel)
		return BandPoint{Date: time.Unix(int64(day)*86400, 0).UTC().Format(dateLayout), Fit: fit, Lo: lo, Hi: hi}
	}
	target := dayOf(*ind.TargetDate)
	goal := *ind.TargetValue
	meets := func(v float64) bool {
		if ind.Direction == Lower {
			return v <= goal
		}
		return v >= goal
	}
	from := dayOf(last.LastDate)
	if target <= from {
		// The target date has come: judge what happened, not a line run
		// back over the data (at_target stays null).
		f.Status = OffTrack
		if meets(last.Value) {
			f.Status = OnTrack
		}
		return f
	}
	t := at(target)
	f.AtTarget = &t
	for i := 0; i <= bandSteps; i++ {
		f.Band = append(f.Band, at(from+(target-from)*i/bandSteps))
	}
	best := t.Hi
	if ind.Direction == Lower {
		best = t.Lo
	}
	switch {
	case meets(t.Fit):
		f.Status = OnTrack
	case meets(best):
		f.Status = AtRisk
	default:
		f.Status = OffTrack
	}
	return f
}

// dayOf is a YYYY-MM-DD date as days since 1970-01-01.
func dayOf(day string) int {
	t, err := time.Parse(dateLayout, day)
	if err != nil {
		return 0 // dates are checked on the way in
	}
	return int(t.Unix() / 86400)
}
