package gathering

import (
	"context"
	"strconv"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Personal balance window: weeks back and ahead of the current one.
const (
	BalanceWeeksBack  = 8
	BalanceWeeksAhead = 4
	maxFocusMinutes   = 7 * 24 * 60
	week              = 7 * 24 * time.Hour
)

// monday is the start of t's ISO week, Monday 00:00 UTC. Weeks are cut in
// UTC because a collective has no time zone of its own (its members each
// have theirs); the page and docs say so.
func monday(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// MyBalance is my hours in gatherings for the last weeks and the coming
// ones against what my week leaves for them once my focus time is kept: a
// date already begun counts if I was checked in, one to come if I am going.
func (s *Service) MyBalance(ctx context.Context, a *collective.Access) (*PersonalBalance, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	b := &PersonalBalance{WeekMinutes: DefaultWeekMinutes, FocusMinutes: DefaultFocusMinutes}
	var f struct {
		Week  int64 `db:"week_minutes"`
		Focus int64 `db:"focus_minutes"`
	}
	err := s.DB.Get(ctx, &f, "SELECT week_minutes, focus_minutes FROM focus_budgets WHERE member_id = ?", a.MemberID)
	switch {
	case err == nil:
		b.WeekMinutes, b.FocusMinutes, b.BudgetSet = f.Week, f.Focus, true
	case !store.NotFound(err):
		return nil, err
	}
	b.GatheringMinutes = b.WeekMinutes - b.FocusMinutes
	now := s.DB.Now().UTC()
	this := monday(now)
	from, to := this.Add(-BalanceWeeksBack*week), this.Add((BalanceWeeksAhead+1)*week)
	budget := float64(b.GatheringMinutes) / 60
	for w := from; w.Before(to); w = w.Add(week) {
		b.Weeks = append(b.Weeks, Week{Start: w, Budget: budget})
	}
	var rows []struct {
		StartsAt time.Time `db:"starts_at"`
		EndsAt   time.Time `db:"ends_at"`
		Attended bool      `db:"attended"`
	}
	err = s.DB.Select(ctx, &rows, `SELECT o.starts_at, o.ends_at, TRUE AS attended FROM gathering_attendance a
			JOIN gathering_occurrences o ON o.id = a.occurrence_id
			WHERE a.member_id = ? AND o.status = 'planned' AND o.starts_at >= ? AND o.starts_at < ? AND o.starts_at <= ?
		UNION ALL
		SELECT o.starts_at, o.ends_at, FALSE FROM gathering_registrations r
			JOIN gathering_occurrences o ON o.id = r.occurrence_id JOIN gatherings g ON g.id = o.gathering_id
			WHERE r.member_id = ? AND r.status = 'going' AND o.status = 'planned' AND g.status = 'planned'
			AND o.starts_at > ? AND o.starts_at < ?`,
		a.MemberID, from, to, now, a.MemberID, now, to)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		i := int(monday(r.StartsAt).Sub(from) / week)
		h := r.EndsAt.Sub(r.StartsAt).Hours()
		if r.Attended {
			b.Weeks[i].Attended += h
		} else {
			b.Weeks[i].Planned += h
		}
	}
	for i := range b.Weeks {
		w := &b.Weeks[i]
		w.Over = w.Planned+w.Attended > w.Budget
	}
	cur, next := b.Weeks[BalanceWeeksBack], b.Weeks[BalanceWeeksBack+1]
	switch {
	case cur.Over:
		b.Warning = "This week's " + overWords(b, cur) + " Could you skip one, or send a note instead?"
	case next.Over:
		b.Warning = "Next week's " + overWords(b, next) + " There is still time to decline one."
	}
	return b, nil
}

// overWords says a week past its budget in the person's own terms: "gatherings
// take 14 h; you keep 30 of your 40 hours for your own work, which leaves 10."
func overWords(b *PersonalBalance, w Week) string {
	left := "which leaves " + hoursText(w.Budget) + "."
	if b.GatheringMinutes == 0 {
		left = "which leaves none."
	}
	return "gatherings take " + hoursText(w.Planned+w.Attended) + " h; you keep " + hoursText(float64(b.FocusMinutes)/60) +
		" of your " + hoursText(float64(b.WeekMinutes)/60) + " hours for your own work, " + left
}

// hoursWord is "1 hour", "9.5 hours", "1.33 hours".
func hoursWord(h float64) string {
	s := hoursText(h)
	if s == "1" {
		return "1 hour"
	}
	return s + " hours"
}

// SetFocus sets my week: how long it is and how much of it I keep for my
// own work (my focus budget); gatherings may take the rest.
func (s *Service) SetFocus(ctx context.Context, a *collective.Access, f Focus) error {
	if err := requireWriter(a); err != nil {
		return err
	}
	if f.WeekMinutes <= 0 || f.WeekMinutes > maxFocusMinutes {
		return errs.Field("week_minutes", "Give your working week, from 1 minute to %d (a whole week).", maxFocusMinutes)
	}
	if f.FocusMinutes <= 0 || f.FocusMinutes > f.WeekMinutes {
		return errs.Field("focus_minutes", "Give the time you keep for your own work, from 1 minute to your whole week (%d minutes).",
			f.WeekMinutes)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO focus_budgets (member_id, collective_id, week_minutes, focus_minutes, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET week_minutes = excluded.week_minutes,
			focus_minutes = excluded.focus_minutes, updated_at = excluded.updated_at`,
			a.MemberID, a.Collective.ID, f.WeekMinutes, f.FocusMinutes, tx.Now)
		if err != nil {
			return err
		}
		// Only the person sees it: a budget is theirs, and the dashboard
		// shows how many are over, never who.
		return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: a.User.ID, Verb: "gathering.focus",
			Subject: "member:" + strconv.FormatInt(a.MemberID, 10), Audience: activity.ActorOnly, Link: Base(a) + "/balance",
			Summary: a.User.Name + " keeps " + hoursText(float64(f.FocusMinutes)/60) + " of " + hoursWord(float64(f.WeekMinutes)/60) +
				" a week for their own work."})
	})
}
