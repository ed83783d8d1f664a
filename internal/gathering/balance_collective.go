package gathering

import (
	"context"
	"fmt"
	"sort"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// balanceOcc is one date in the balance's window, in whole numbers: a
// year holds tens of thousands of dates, and reading times back costs more
// than the rest of the row.
type balanceOcc struct {
	ID          int64 `db:"id"`
	GatheringID int64 `db:"gathering_id"`
	Week        int64 `db:"wk"`
	Minutes     int64 `db:"minutes"`
	Started     bool  `db:"started"`
	Going       int64 `db:"going"`
	Attended    int64 `db:"attended"`
	Recurring   bool  `db:"recurring"`
	Outcomes    int64 `db:"outcomes"`
}

// Balance is the collective's balance dashboard (every member sees it). A
// date already begun costs the people checked in, one to come the people
// going; each is counted in the week it starts.
func (s *Service) Balance(ctx context.Context, a *collective.Access, q BalanceQuery) (*CollectiveBalance, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	now := s.DB.Now().UTC()
	if q.To.IsZero() {
		q.To = now
	}
	if q.From.IsZero() {
		q.From = q.To.AddDate(-1, 0, 0)
	}
	q.From, q.To = q.From.UTC(), q.To.UTC()
	if !q.From.Before(q.To) {
		return nil, errs.Field("from", "Choose a start before the end.")
	}
	if q.To.Sub(q.From) > 3*366*24*time.Hour {
		return nil, errs.Field("from", "Choose a window of three years at most.")
	}
	var occs []balanceOcc
	// The outcomes are counted in one grouped pass joined by hash, not a
	// subquery a date: on PostgreSQL the subquery's cost estimate turns on
	// JIT compilation, which alone takes longer than the whole query.
	err := s.DB.Select(ctx, &occs, fmt.Sprintf(`SELECT o.id, o.gathering_id, %s AS wk, %s AS minutes, o.starts_at <= ? AS started,
			o.going, o.attended, g.rrule <> '' AS recurring,
			COALESCE(x.n, 0) AS outcomes
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		LEFT JOIN (SELECT occurrence_id, COUNT(*) AS n FROM gathering_outcomes WHERE collective_id = ? GROUP BY occurrence_id) x
			ON x.occurrence_id = o.id
		WHERE o.collective_id = ? AND o.starts_at >= ? AND o.starts_at < ? AND o.status = 'planned' AND g.status = 'planned'`,
		weekExpr[s.DB.Dialect], minutesExpr[s.DB.Dialect]), now, a.Collective.ID, a.Collective.ID, q.From, q.To)
	if err != nil {
		return nil, err
	}
	first := monday(q.From)
	b := &CollectiveBalance{From: q.From, To: q.To, Weeks: []CollectiveWeek{}, Series: []SeriesYield{}}
	for w := first; w.Before(q.To); w = w.Add(week) {
		b.Weeks = append(b.Weeks, CollectiveWeek{Start: w})
	}
	firstNo := weekNumber(first)
	weekOf := make(map[int64]int, len(occs))
	series := map[int64]*SeriesYield{}
	for _, o := range occs {
		h := float64(o.Minutes) / 60
		people := o.Going
		if o.Started {
			people = o.Attended
		}
		i := int(o.Week - firstNo)
		weekOf[o.ID] = i
		b.PersonHours += float64(people) * h
		b.Outcomes += o.Outcomes
		b.Weeks[i].PersonHours += float64(people) * h
		if o.Recurring && o.Started {
			y := series[o.GatheringID]
			if y == nil {
				y = &SeriesYield{GatheringID: o.GatheringID}
				series[o.GatheringID] = y
			}
			y.Held++
			y.PersonHours += float64(o.Attended) * h
			y.Outcomes += o.Outcomes
		}
	}
	b.PerPersonHour = perHour(b.Outcomes, b.PersonHours)
	if err := s.weeklyPeople(ctx, a, q, now, b, occs, weekOf); err != nil {
		return nil, err
	}
	if err := s.seriesTitles(ctx, series); err != nil {
		return nil, err
	}
	for _, y := range series {
		y.PerPersonHour = perHour(y.Outcomes, y.PersonHours)
		b.Series = append(b.Series, *y)
	}
	// Least yield first; among equals the costliest first, as the one most
	// worth changing.
	sort.Slice(b.Series, func(i, j int) bool {
		x, y := b.Series[i], b.Series[j]
		if x.PerPersonHour != y.PerPersonHour {
			return x.PerPersonHour < y.PerPersonHour
		}
		if x.PersonHours != y.PersonHours {
			return x.PersonHours > y.PersonHours
		}
		return x.GatheringID < y.GatheringID
	})
	return b, nil
}

// seriesTitles fills the titles of the recurring gatherings, read apart
// from the dates: a few hundred titles instead of one a date.
func (s *Service) seriesTitles(ctx context.Context, series map[int64]*SeriesYield) error {
	if len(series) == 0 {
		return nil
	}
	ids := make([]any, 0, len(series))
	for id := range series {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		var rows []struct {
			ID    int64  `db:"id"`
			Title string `db:"title"`
		}
		if err := s.DB.Select(ctx, &rows, "SELECT id, title FROM gatherings WHERE id IN (?"+repeatMarks(len(part)-1)+")", part...); err != nil {
			return err
		}
		for _, r := range rows {
			series[r.ID].Title = r.Title
		}
	}
	return nil
}

// repeatMarks is ", ?" n times.
func repeatMarks(n int) string {
	b := make([]byte, 0, 3*n)
	for range n {
		b = append(b, ", ?"...)
	}
	return string(b)
}

// weekEpoch is a Monday from which weeks are numbered in SQL.
var weekEpoch = time.Date(2000, 1, 3, 0, 0, 0, 0, time.UTC)

// weekNumber numbers t's week from weekEpoch, as weekExpr does.
func weekNumber(t time.Time) int64 { return int64(monday(t).Sub(weekEpoch) / week) }

// weekExpr numbers the ISO week of o.starts_at from weekEpoch. SQLite
// reads the stored text's first 19 characters ("2006-01-02 15:04:05"; the
// driver appends the zone, which SQLite's date functions do not read):
// the house stores every time in UTC. 2451546.5 is weekEpoch's Julian day.
var weekExpr = map[store.Dialect]string{
	store.SQLite:   "CAST((julianday(substr(o.starts_at, 1, 19)) - 2451546.5) / 7 AS INTEGER)",
	store.Postgres: "CAST(FLOOR(EXTRACT(EPOCH FROM o.starts_at - TIMESTAMPTZ '2000-01-03 00:00:00+00') / 604800) AS BIGINT)",
}

// minutesExpr is an occurrence's length in whole minutes.
var minutesExpr = map[store.Dialect]string{
	store.SQLite:   "CAST(ROUND((julianday(substr(o.ends_at, 1, 19)) - julianday(substr(o.starts_at, 1, 19))) * 1440) AS INTEGER)",
	store.Postgres: "CAST(ROUND(EXTRACT(EPOCH FROM o.ends_at - o.starts_at) / 60) AS BIGINT)",
}
