package measure

import (
	"context"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// Grains of a series.
const (
	GrainDay   = "day"   // every measurement
	GrainMonth = "month" // one point per month, from the rollups
)

// MaxRawPoints is how many measurements a series reads raw; past it, the
// page reads the monthly rollups instead, so an indicator with a million
// measurements renders from a few hundred rows.
const MaxRawPoints = 2000

// SeriesQuery asks for an indicator's series.
type SeriesQuery struct {
	From, To string // YYYY-MM-DD, inclusive; "" for open ends
	// Breakdown picks the breakdowns whose values include all of these
	// (area=North gives every age group in the North); empty for the total.
	Breakdown Breakdown
	All       bool   // the total and every breakdown, ignoring Breakdown
	Grain     string // "" to choose by size, GrainDay or GrainMonth
}

// Point is one point of a series. At day grain it is one measurement
// (Count 1). At month grain Date is the month's first day and Value the
// value on the latest date of the month (LastDate), with the month's
// count, sum, minimum and maximum beside it.
type Point struct {
	Date     string  `json:"date"`
	Value    float64 `json:"value"`
	LastDate string  `json:"last_date"`
	Count    int64   `json:"count"`
	Sum      float64 `json:"sum"`
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	// Parts is, for a total summed from breakdowns, how many breakdowns
	// had a value there; 0 for a point that was reported.
	Parts int `json:"parts,omitempty"`
}

// Series is the curve of one breakdown, or of the total.
type Series struct {
	Breakdown Breakdown `json:"breakdown"`
	// Summed says the total holds sums of breakdowns where no total was
	// reported; only additive indicators are summed.
	Summed bool    `json:"summed"`
	Points []Point `json:"points"`
}

// SeriesResult is what Series returns.
type SeriesResult struct {
	Grain  string   `json:"grain"`
	Series []Series `json:"series"`
}

type bdRow struct {
	ID  int64  `db:"id"`
	Key string `db:"key"`
	b   Breakdown
}

// Series returns an indicator's curve(s) over a date range. At month grain
// the range widens to whole months. The total of an additive indicator
// takes, where no total was reported, the sum of the breakdowns' values;
// any other indicator's total is only what was reported as the total.
func (s *Service) Series(ctx context.Context, a *collective.Access, indicatorID int64, q SeriesQuery) (*SeriesResult, error) {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return nil, err
	}
	if q.From == "" {
		q.From = "0000-01-01"
	} else if q.From, err = parseDate(q.From); err != nil {
		return nil, errs.Field("from", "%s", errs.Message(err))
	}
	if q.To == "" {
		q.To = "9999-12-31"
	} else if q.To, err = parseDate(q.To); err != nil {
		return nil, errs.Field("to", "%s", errs.Message(err))
	}
	var all []bdRow
	if err := s.DB.Select(ctx, &all, "SELECT id, key FROM measure_breakdowns WHERE indicator_id = ? ORDER BY key", ind.ID); err != nil {
		return nil, err
	}
	var picked, parts []bdRow
	wantTotal := q.All || len(q.Breakdown) == 0
	for i := range all {
		if all[i].b, err = decodeKey(all[i].Key); err != nil {
			return nil, err
		}
		b := all[i].b
		if !b.Total() {
			parts = append(parts, all[i])
		}
		if q.All || b.matches(q.Breakdown) {
			picked = append(picked, all[i])
		}
	}
	sumTotal := wantTotal && ind.Additive && len(parts) > 0
	counted := picked
	if sumTotal && !q.All {
		counted = append(append([]bdRow{}, picked...), parts...)
	}
	res := &SeriesResult{Grain: q.Grain, Series: []Series{}}
	if res.Grain == "" {
		n, err := s.count(ctx, ind.ID, counted, q)
		if err != nil {
			return nil, err
		}
		res.Grain = GrainDay
		if n > MaxRawPoints {
			res.Grain = GrainMonth
		}
	} else if res.Grain != GrainDay && res.Grain != GrainMonth {
		return nil, errs.Field("grain", "Choose day or month.")
	}
	points, err := s.points(ctx, ind.ID, picked, q, res.Grain)
	if err != nil {
		return nil, err
	}
	var sums []Point
	if sumTotal {
		if sums, err = s.sums(ctx, ind.ID, parts, q, res.Grain); err != nil {
			return nil, err
		}
	}
	for _, p := range picked {
		sr := Series{Breakdown: p.b, Points: points[p.ID]}
		if sr.Points == nil {
			sr.Points = []Point{}
		}
		if p.b.Total() && sumTotal {
			sr.Points, sr.Summed = withSums(sr.Points, sums)
		}
		res.Series = append(res.Series, sr)
	}
	if sumTotal && !slices.ContainsFunc(picked, func(r bdRow) bool { return r.b.Total() }) {
		pts, _ := withSums([]Point{}, sums)
		res.Series = append([]Series{{Breakdown: Breakdown{}, Summed: true, Points: pts}}, res.Series...)
	}
	return res, nil
}

// withSums fills the total's gaps with the sums of the breakdowns at the
// same date (or month); a reported total always wins.
func withSums(total, sums []Point) ([]Point, bool) {
	have := map[string]bool{}
	for _, p := range total {
		have[p.Date] = true
	}
	out := append([]Point{}, total...)
	for _, p := range sums {
		if !have[p.Date] {
			out = append(out, p)
		}
	}
	if len(out) == len(total) {
		return total, false
	}
	slices.SortFunc(out, func(x, y Point) int { return strings.Compare(x.Date, y.Date) })
	return out, true
}

// sums adds up the breakdowns per date (or month) in the database, so a
// total over 50 breakdowns reads one row a month rather than fifty. At
// month grain a point's value is the sum of the breakdowns' latest values.
func (s *Service) sums(ctx context.Context, ind int64, parts []bdRow, q SeriesQuery, grain string) ([]Point, error) {
	marks, args := idList(ind, parts)
	var rs []struct {
		Date     string  `db:"date"`
		Parts    int     `db:"parts"`
		Count    int64   `db:"count"`
		Sum      float64 `db:"sum"`
		Min      float64 `db:"min"`
		Max      float64 `db:"max"`
		LastDate string  `db:"last_date"`
		Value    float64 `db:"value"`
	}
	query := `SELECT on_date AS date, count(*) AS parts, count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max,
		on_date AS last_date, sum(value) AS value FROM measure_measurements
		WHERE indicator_id = ? AND breakdown_id IN (` + marks + `) AND on_date BETWEEN ? AND ? GROUP BY on_date ORDER BY on_date`
	from, to := q.From, q.To
	if grain == GrainMonth {
		query = `SELECT period AS date, count(*) AS parts, sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max,
			max(last_date) AS last_date, sum(last_value) AS value FROM measure_rollups
			WHERE indicator_id = ? AND breakdown_id IN (` + marks + `) AND period BETWEEN ? AND ? GROUP BY period ORDER BY period`
		from, to = period(from), period(to)
	}
	if err := s.DB.Select(ctx, &rs, query, append(args, from, to)...); err != nil {
		return nil, err
	}
	out := make([]Point, len(rs))
	for i, r := range rs {
		if grain == GrainMonth {
			r.Date += "-01"
		}
		out[i] = Point{Date: r.Date, Value: r.Value, LastDate: r.LastDate, Count: r.Count, Sum: r.Sum, Min: r.Min, Max: r.Max, Parts: r.Parts}
	}
	return out, nil
}

// count is how many measurements the breakdowns have in the range, from the
// rollups (whole months, so it may overcount at the ends; it only chooses
// the grain).
func (s *Service) count(ctx context.Context, ind int64, bds []bdRow, q SeriesQuery) (int64, error) {
	if len(bds) == 0 {
		return 0, nil
	}
	marks, args := idList(ind, bds)
	var n int64
	err := s.DB.Get(ctx, &n, `SELECT COALESCE(sum(count), 0) FROM measure_rollups WHERE indicator_id = ? AND breakdown_id IN (`+marks+`)
		AND period BETWEEN ? AND ?`, append(args, period(q.From), period(q.To))...)
	return n, err
}

// points reads the series of each breakdown, raw or from rollups.
func (s *Service) points(ctx context.Context, ind int64, bds []bdRow, q SeriesQuery, grain string) (map[int64][]Point, error) {
	out := map[int64][]Point{}
	if len(bds) == 0 {
		return out, nil
	}
	marks, args := idList(ind, bds)
	if grain == GrainDay {
		var rs []struct {
			BD    int64   `db:"breakdown_id"`
			Day   string  `db:"on_date"`
			Value float64 `db:"value"`
		}
		if err := s.DB.Select(ctx, &rs, `SELECT breakdown_id, on_date, value FROM measure_measurements
			WHERE indicator_id = ? AND breakdown_id IN (`+marks+`) AND on_date BETWEEN ? AND ? ORDER BY breakdown_id, on_date`,
			append(args, q.From, q.To)...); err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.BD] = append(out[r.BD], Point{Date: r.Day, Value: r.Value, LastDate: r.Day, Count: 1, Sum: r.Value, Min: r.Value, Max: r.Value})
		}
		return out, nil
	}
	var rs []struct {
		BD        int64   `db:"breakdown_id"`
		Period    string  `db:"period"`
		Count     int64   `db:"count"`
		Sum       float64 `db:"sum"`
		Min       float64 `db:"min"`
		Max       float64 `db:"max"`
		LastDate  string  `db:"last_date"`
		LastValue float64 `db:"last_value"`
	}
	if err := s.DB.Select(ctx, &rs, `SELECT breakdown_id, period, count, sum, min, max, last_date, last_value FROM measure_rollups
		WHERE indicator_id = ? AND breakdown_id IN (`+marks+`) AND period BETWEEN ? AND ? ORDER BY breakdown_id, period`,
		append(args, period(q.From), period(q.To))...); err != nil {
		return nil, err
	}
	for _, r := range rs {
		out[r.BD] = append(out[r.BD], Point{Date: r.Period + "-01", Value: r.LastValue, LastDate: r.LastDate, Count: r.Count,
			Sum: r.Sum, Min: r.Min, Max: r.Max})
	}
	return out, nil
}

// idList is the indicator and breakdown ids as arguments and the marks of
// their IN list.
func idList(ind int64, bds []bdRow) (string, []any) {
	args := make([]any, 0, len(bds)+1)
	args = append(args, ind)
	for _, b := range bds {
		args = append(args, b.ID)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(bds)), ", "), args
}
