package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// settleAfter is how long after a week's end its figures can still
// change: check-in stays open to the end of the (local) day a date ends,
// and a date may last up to MaxDuration.
const settleAfter = MaxDuration + 2*24*time.Hour

// weekStat is a stored week of gathering_week_stats.
type weekStat struct {
	WeekStart  time.Time `db:"week_start"`
	People     int64     `db:"people"`
	OverBudget int64     `db:"over_budget"`
}

// weeklyPeople fills each week's people and how many went past their
// budget. Settled weeks wholly inside the window come from
// gathering_week_stats; the others are counted from everyone's attendance
// (dates begun) and answers (dates to come), and the settled ones among
// them stored, so a year's dashboard reads the check-ins of a few weeks,
// not of the year.
func (s *Service) weeklyPeople(ctx context.Context, a *collective.Access, q BalanceQuery, now time.Time, b *CollectiveBalance,
	occs []balanceOcc, weekOf map[int64]int) error {
	var stored []weekStat
	if err := s.DB.Select(ctx, &stored, `SELECT week_start, people, over_budget FROM gathering_week_stats
		WHERE collective_id = ? AND week_start >= ? AND week_start < ?`, a.Collective.ID, q.From, q.To); err != nil {
		return err
	}
	have := make(map[int]bool, len(stored))
	first := b.Weeks[0].Start
	for _, st := range stored {
		i := int(st.WeekStart.UTC().Sub(first) / week)
		if i >= 0 && i < len(b.Weeks) && !b.Weeks[i].Start.Add(week).After(q.To) {
			b.Weeks[i].People, b.Weeks[i].OverBudget = st.People, st.OverBudget
			have[i] = true
		}
	}
	// Count the other weeks, one run of consecutive weeks at a time.
	var settled []weekStat
	for i := 0; i < len(b.Weeks); {
		if have[i] {
			i++
			continue
		}
		j := i
		for j < len(b.Weeks) && !have[j] {
			j++
		}
		from, to := b.Weeks[i].Start, b.Weeks[j-1].Start.Add(week)
		from, to = maxTime(from, q.From), minTime(to, q.To)
		if err := s.countPeople(ctx, a, from, to, now, b, occs, weekOf); err != nil {
			return err
		}
		for k := i; k < j; k++ {
			w := b.Weeks[k]
			whole := !w.Start.Before(q.From) && !w.Start.Add(week).After(q.To)
			if whole && !w.Start.Add(week+settleAfter).After(now) {
				settled = append(settled, weekStat{WeekStart: w.Start, People: w.People, OverBudget: w.OverBudget})
			}
		}
		i = j
	}
	if len(settled) == 0 {
		return nil
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		for _, st := range settled {
			if _, err := tx.Exec(ctx, `INSERT INTO gathering_week_stats (collective_id, week_start, people, over_budget, computed_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (collective_id, week_start) DO NOTHING`,
				a.Collective.ID, st.WeekStart, st.People, st.OverBudget, tx.Now); err != nil {
				return err
			}
		}
		return nil
	})
}

// countPeople counts people and those over budget per week among the
// dates starting in [from, to), from the rows themselves. It reads only
// ids; the weeks and lengths come from the dates read before.
func (s *Service) countPeople(ctx context.Context, a *collective.Access, from, to, now time.Time, b *CollectiveBalance,
	occs []balanceOcc, weekOf map[int64]int) error {
	var rows []struct {
		OccurrenceID int64 `db:"occurrence_id"`
		MemberID     int64 `db:"member_id"`
	}
	err := s.DB.Select(ctx, &rows, `SELECT a.occurrence_id, a.member_id FROM gathering_attendance a
			JOIN gathering_occurrences o ON o.id = a.occurrence_id
			WHERE o.collective_id = ? AND o.starts_at >= ? AND o.starts_at < ? AND o.starts_at <= ?
		UNION ALL
		SELECT r.occurrence_id, r.member_id FROM gathering_registrations r
			JOIN gathering_occurrences o ON o.id = r.occurrence_id
			WHERE o.collective_id = ? AND o.starts_at >= ? AND o.starts_at < ? AND o.starts_at > ? AND r.status = 'going'`,
		a.Collective.ID, from, to, now, a.Collective.ID, from, to, now)
	if err != nil || len(rows) == 0 {
		return err
	}
	minutes := make(map[int64]int64, len(occs))
	for _, o := range occs {
		minutes[o.ID] = o.Minutes
	}
	type personWeek struct {
		member int64
		week   int
	}
	spent := map[personWeek]int64{}
	for _, r := range rows {
		if i, ok := weekOf[r.OccurrenceID]; ok { // absent: cancelled
			spent[personWeek{r.MemberID, i}] += minutes[r.OccurrenceID]
		}
	}
	// The same rule as MyBalance: gatherings may take what the week leaves
	// once the person's focus time is kept.
	var budgets []struct {
		MemberID int64 `db:"member_id"`
		Minutes  int64 `db:"gathering_minutes"`
	}
	if err := s.DB.Select(ctx, &budgets, `SELECT member_id, week_minutes - focus_minutes AS gathering_minutes FROM focus_budgets
		WHERE collective_id = ?`, a.Collective.ID); err != nil {
		return err
	}
	budget := make(map[int64]int64, len(budgets))
	for _, x := range budgets {
		budget[x.MemberID] = x.Minutes
	}
	for k, m := range spent {
		w := &b.Weeks[k.week]
		w.People++
		limit, ok := budget[k.member]
		if !ok {
			limit = DefaultWeekMinutes - DefaultFocusMinutes
		}
		if m > limit {
			w.OverBudget++
		}
	}
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
