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
	GrainYear  = "year"  // one point per year, from the rollups
)

// MaxRawPoints is how many measurements a series reads raw; past it, the
// page reads the monthly rollups instead, so an indicator with a million
// measurements renders from a few hundred rows.
const MaxRawPoints = 2000

// MaxMonthPoints is how many monthly rollups a series reads; past it (50
// breakdowns over decades), it reads years, summed from the months by the
// database.
const MaxMonthPoints = 5000

// SeriesQuery asks for an indicator's series.
type SeriesQuery struct {
	From, To string // YYYY-MM-DD, inclusive; "" for open ends
	// Breakdown picks the breakdowns whose values include all of these
	// (area=North gives every age group in the North); empty for the total.
	Breakdown Breakdown
	All       bool   // the total and every breakdown, ignoring Breakdown
	Grain     string // "" to choose by size, or GrainDay, GrainMonth, GrainYear
}

// Point is one point of a series. At day grain it is one measurement
// (Count 1). At month or year grain Date is the period's first day and
// Value the value on the latest date of the period (LastDate), with the
// period's count, sum, minimum and maximum beside it.
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
	return s.series(ctx, a, ind, q)
}

// series is Series for an indicator already read.
func (s *Service) series(ctx context.Context, a *collective.Access, ind *Indicator, q SeriesQuery) (*SeriesResult, error) {
	var err error
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
	all, err := s.breakdowns(ctx, ind.ID)
	if err != nil {
		return nil, err
	}
	var picked, parts []bdRow
	wantTotal := q.All || len(q.Breakdown) == 0
	for i := range all {
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
		n, months, err := s.count(ctx, ind.ID, counted, q)
		if err != nil {
			return nil, err
		}
		switch {
		case n <= MaxRawPoints:
			res.Grain = GrainDay
		case months <= MaxMonthPoints:
			res.Grain = GrainMonth
		default:
			res.Grain = GrainYear
		}
	} else if res.Grain != GrainDay && res.Grain != GrainMonth && res.Grain != GrainYear {
		return nil, errs.Field("grain", "Choose day, month or year.")
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
// total over 50 breakdowns reads one row a period rather than fifty, and
// keeps the periods where every breakdown is there. At
// month grain a point's value is the sum of the breakdowns' latest values
// in the month; at year grain, that of the year's latest month.
func (s *Service) sums(ctx context.Context, ind int64, parts []bdRow, q SeriesQuery, grain string) ([]Point, error) {
	inner, args := pointsQuery(ind, parts, q, grain)
	rs, err := s.readPoints(ctx, `SELECT 0 AS breakdown_id, date, count(*) AS parts, sum(count) AS count, sum(sum) AS sum,
		min(min) AS min, max(max) AS max, max(last_date) AS last_date, sum(value) AS value FROM (`+inner+`) p GROUP BY date ORDER BY date`, args, grain)
	if err != nil {
		return nil, err
	}
	// A sum over some of the breakdowns is not the total: one area
	// reporting early would read as the whole collective falling. Only
	// periods where every breakdown has a value make a point.
	complete := rs[0][:0]
	for _, p := range rs[0] {
		if p.Parts >= len(parts) {
			complete = append(complete, p)
		}
	}
	return complete, nil
}

// count is how many measurements, and how many monthly rollups, the
// breakdowns have in the range (whole months, so it may overcount at the
// ends; it only chooses the grain).
func (s *Service) count(ctx context.Context, ind int64, bds []bdRow, q SeriesQuery) (n, months int64, err error) {
	if len(bds) == 0 {
		return 0, 0, nil
	}
	marks, args := idList(ind, bds)
	var c struct {
		N      int64 `db:"n"`
		Months int64 `db:"months"`
	}
	err = s.DB.Get(ctx, &c, `SELECT COALESCE(sum(count), 0) AS n, count(*) AS months FROM measure_rollups
		WHERE indicator_id = ? AND breakdown_id IN (`+marks+`) AND period BETWEEN ? AND ?`, append(args, period(q.From), period(q.To))...)
	return c.N, c.Months, err
}

// pointsQuery is the query of each breakdown's points by day or month
// (years are folded from months), with its arguments; both grains name the
// same columns.
func pointsQuery(ind int64, bds []bdRow, q SeriesQuery, grain string) (string, []any) {
	marks, args := idList(ind, bds)
	if grain == GrainDay {
		return `SELECT breakdown_id, on_date AS date, 1 AS count, value AS sum, value AS min, value AS max, on_date AS last_date, value
			FROM measure_measurements WHERE indicator_id = ? AND breakdown_id IN (` + marks + `) AND on_date BETWEEN ? AND ?`,
			append(args, q.From, q.To)
	}
	from, to := period(q.From), period(q.To)
	if grain == GrainYear { // whole years
		from, to = q.From[:4]+"-01", q.To[:4]+"-12"
	}
	return `SELECT breakdown_id, period AS date, count, sum, min, max, last_date, last_value AS value FROM measure_rollups
		WHERE indicator_id = ? AND breakdown_id IN (` + marks + `) AND period BETWEEN ? AND ?`, append(args, from, to)
}

// points reads the series of each breakdown at a grain.
func (s *Service) points(ctx context.Context, ind int64, bds []bdRow, q SeriesQuery, grain string) (map[int64][]Point, error) {
	if len(bds) == 0 {
		return map[int64][]Point{}, nil
	}
	query, args := pointsQuery(ind, bds, q, grain)
	return s.readPoints(ctx, `SELECT breakdown_id, date, 0 AS parts, count, sum, min, max, last_date, value FROM (`+query+`) p
		ORDER BY breakdown_id, date`, args, grain)
}

// readPoints runs a points query and files the points by breakdown, with
// each period's date as its first day. Years are folded from months here
// rather than grouped in SQL: SQLite spent ten times as long on the
// grouping and the join back for each year's latest value.
func (s *Service) readPoints(ctx context.Context, query string, args []any, grain string) (map[int64][]Point, error) {
	var rs []struct {
		BD       int64   `db:"breakdown_id"`
		Date     string  `db:"date"`
		Parts    int     `db:"parts"`
		Count    int64   `db:"count"`
		Sum      float64 `db:"sum"`
		Min      float64 `db:"min"`
		Max      float64 `db:"max"`
		LastDate string  `db:"last_date"`
		Value    float64 `db:"value"`
	}
	if err := s.DB.Select(ctx, &rs, query, args...); err != nil {
		return nil, err
	}
	out := map[int64][]Point{}
	for _, r := range rs {
		if grain != GrainDay {
			r.Date += "-01"
		}
		p := Point{Date: r.Date, Value: r.Value, LastDate: r.LastDate, Count: r.Count, Sum: r.Sum, Min: r.Min, Max: r.Max, Parts: r.Parts}
		pts := out[r.BD]
		if grain != GrainYear {
			out[r.BD] = append(pts, p)
			continue
		}
		p.Date = p.Date[:4] + "-01-01"
		if n := len(pts); n > 0 && pts[n-1].Date == p.Date {
			y := &pts[n-1] // months arrive in order, so this month is the year's latest so far
			y.Count, y.Sum, y.Min, y.Max = y.Count+p.Count, y.Sum+p.Sum, min(y.Min, p.Min), max(y.Max, p.Max)
			y.Value, y.LastDate, y.Parts = p.Value, p.LastDate, max(y.Parts, p.Parts)
			continue
		}
		out[r.BD] = append(pts, p)
	}
	return out, nil
}

// breakdowns lists an indicator's breakdowns with data, decoded, the
// total first and the rest by key. They are sorted here, not by SQL,
// because PostgreSQL's collation may order text differently from SQLite's.
func (s *Service) breakdowns(ctx context.Context, ind int64) ([]bdRow, error) {
	var out []bdRow
	if err := s.DB.Select(ctx, &out, "SELECT id, key FROM measure_breakdowns WHERE indicator_id = ?", ind); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(x, y bdRow) int { return strings.Compare(x.Key, y.Key) })
	for i := range out {
		b, err := decodeKey(out[i].Key)
		if err != nil {
			return nil, err
		}
		out[i].b = b
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
