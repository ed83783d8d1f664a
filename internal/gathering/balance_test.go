package gathering

import (
	"context"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// attendedBy writes check-ins straight to the database, keeping the counter.
func (f *fixture) attendedBy(t *testing.T, occ int64, who ...*collective.Access) {
	t.Helper()
	for _, a := range who {
		f.exec(t, "INSERT INTO gathering_attendance (occurrence_id, member_id, checked_in_at) VALUES (?, ?, ?)", occ, a.MemberID, testStart)
		f.exec(t, "UPDATE gathering_occurrences SET attended = attended + 1 WHERE id = ?", occ)
	}
}

// goingBy writes "going" answers straight to the database.
func (f *fixture) goingBy(t *testing.T, occ int64, who ...*collective.Access) {
	t.Helper()
	for _, a := range who {
		f.exec(t, "INSERT INTO gathering_registrations (occurrence_id, member_id, status, updated_at) VALUES (?, ?, 'going', ?)",
			occ, a.MemberID, testStart)
		f.exec(t, "UPDATE gathering_occurrences SET going = going + 1 WHERE id = ?", occ)
	}
}

// outcomesAt writes n outcomes straight to the database.
func (f *fixture) outcomesAt(t *testing.T, occ int64, n int) {
	t.Helper()
	for range n {
		f.exec(t, `INSERT INTO gathering_outcomes (occurrence_id, collective_id, kind, text, author_name, created_at)
			VALUES (?, ?, 'request', 'x', 'Ana Adler', ?)`, occ, f.Coll.ID, testStart)
	}
}

func day(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }

func TestMyBalance(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			ok(t, f.S.SetFocus(ctxOf(f.A), f.A, Focus{WeekMinutes: 40 * 60, FocusMinutes: 38 * 60}))
			_, past := f.seed(t, seedG{Title: "Past", Starts: []time.Time{day(11, 17, 9), day(11, 23, 8)}})
			f.attendedBy(t, past[0], f.A)
			f.attendedBy(t, past[1], f.A)
			_, coming := f.seed(t, seedG{Title: "Coming", Starts: []time.Time{day(11, 25, 9), day(12, 1, 9), day(12, 2, 9)}})
			f.goingBy(t, coming[0], f.A)
			f.goingBy(t, coming[1], f.A)
			f.goingBy(t, coming[2], f.A)
			f.exec(t, "UPDATE gathering_occurrences SET status = 'cancelled' WHERE id = ?", coming[2])
			_, other := f.seed(t, seedG{Title: "Ben's", Starts: []time.Time{day(11, 24, 9)}})
			f.goingBy(t, other[0], f.B)

			b, err := f.S.MyBalance(ctxOf(f.A), f.A)
			ok(t, err)
			same(t, "budget", []any{b.WeekMinutes, b.FocusMinutes, b.GatheringMinutes, b.BudgetSet, len(b.Weeks)},
				[]any{int64(2400), int64(2280), int64(120), true, 13})
			same(t, "first week", b.Weeks[0], Week{Start: day(9, 28, 0), Budget: 2})
			same(t, "last week", b.Weeks[7], Week{Start: day(11, 16, 0), Attended: 1.5, Budget: 2})
			same(t, "this week", b.Weeks[8], Week{Start: day(11, 23, 0), Attended: 1.5, Planned: 1.5, Budget: 2, Over: true})
			same(t, "next week", b.Weeks[9], Week{Start: day(11, 30, 0), Planned: 1.5, Budget: 2})
			same(t, "last", b.Weeks[12].Start, day(12, 21, 0))
			same(t, "warning", b.Warning, "This week's gatherings take 3 h; you keep 38 of your 40 hours for your own work, which leaves 2. "+
				"Could you skip one, or send a note instead?")
		})
		t.Run("Default", func(t *testing.T) {
			_, long := f.seed(t, seedG{Title: "Retreat", Length: 9 * time.Hour, Starts: []time.Time{day(12, 3, 8)}})
			f.goingBy(t, long[0], f.C)
			b, err := f.S.MyBalance(ctxOf(f.C), f.C)
			ok(t, err)
			same(t, "budget", []any{b.WeekMinutes, b.FocusMinutes, b.GatheringMinutes, b.BudgetSet, b.Weeks[9].Budget, b.Weeks[9].Planned, b.Weeks[9].Over},
				[]any{int64(2400), int64(1920), int64(480), false, 8.0, 9.0, true})
			same(t, "warning", b.Warning, "Next week's gatherings take 9 h; you keep 32 of your 40 hours for your own work, which leaves 8. "+
				"There is still time to decline one.")
		})
		t.Run("OwnWeek", func(t *testing.T) {
			// A 40-hour week, 30 of them kept: gatherings may take 10.
			ok(t, f.S.SetFocus(ctxOf(f.D4), f.D4, Focus{WeekMinutes: 40 * 60, FocusMinutes: 30 * 60}))
			_, two := f.seed(t, seedG{Title: "Two days", Length: 7 * time.Hour, Starts: []time.Time{day(11, 26, 8), day(11, 27, 8)}})
			f.goingBy(t, two[0], f.D4)
			b, err := f.S.MyBalance(ctxOf(f.D4), f.D4)
			ok(t, err)
			same(t, "within", []any{b.Weeks[8].Planned, b.Weeks[8].Budget, b.Weeks[8].Over, b.Warning}, []any{7.0, 10.0, false, ""})
			f.goingBy(t, two[1], f.D4)
			b, err = f.S.MyBalance(ctxOf(f.D4), f.D4)
			ok(t, err)
			same(t, "over", []any{b.Weeks[8].Planned, b.Weeks[8].Over}, []any{14.0, true})
			same(t, "warning", b.Warning, "This week's gatherings take 14 h; you keep 30 of your 40 hours for your own work, which leaves 10. "+
				"Could you skip one, or send a note instead?")
			// All of a 20-hour week kept: any gathering is too much.
			ok(t, f.S.SetFocus(ctxOf(f.D4), f.D4, Focus{WeekMinutes: 20 * 60, FocusMinutes: 20 * 60}))
			b, err = f.S.MyBalance(ctxOf(f.D4), f.D4)
			ok(t, err)
			same(t, "warning", b.Warning, "This week's gatherings take 14 h; you keep 20 of your 20 hours for your own work, which leaves none. "+
				"Could you skip one, or send a note instead?")
		})
		t.Run("ErrFocus", func(t *testing.T) {
			for _, m := range []int64{0, -5, 7*24*60 + 1} {
				err := f.S.SetFocus(ctxOf(f.B), f.B, Focus{WeekMinutes: m, FocusMinutes: 60})
				wantErr(t, err, errs.Invalid, "week_minutes", "Give your working week, from 1 minute to 10080 (a whole week).")
			}
			for _, m := range []int64{0, -5, 2401} {
				err := f.S.SetFocus(ctxOf(f.B), f.B, Focus{WeekMinutes: 2400, FocusMinutes: m})
				wantErr(t, err, errs.Invalid, "focus_minutes", "Give the time you keep for your own work, from 1 minute to your whole week (2400 minutes).")
			}
			err := f.S.SetFocus(ctxOf(f.Observer), f.Observer, Focus{WeekMinutes: 2400, FocusMinutes: 60})
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			err = f.S.SetFocus(context.Background(), f.Anon, Focus{WeekMinutes: 2400, FocusMinutes: 60})
			wantErr(t, err, errs.Unauthorized, "", "Sign in to take part in the gatherings of River.")
			_, err = f.S.MyBalance(ctxOf(f.Outsider), f.Outsider)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			same(t, "budgets", f.count(t, "SELECT COUNT(*) FROM focus_budgets"), 2)                     // Ana's and Dev's
			ok(t, f.S.SetFocus(ctxOf(f.A), f.A, Focus{WeekMinutes: 37*60 + 30, FocusMinutes: 30 * 60})) // changed, not added
			same(t, "budgets after", f.count(t, "SELECT COUNT(*) FROM focus_budgets"), 2)
			same(t, "week", f.count(t, "SELECT week_minutes FROM focus_budgets WHERE member_id = ?", f.A.MemberID), 2250)
			same(t, "focus", f.count(t, "SELECT focus_minutes FROM focus_budgets WHERE member_id = ?", f.A.MemberID), 1800)
			same(t, "log", f.count(t, "SELECT COUNT(*) FROM activity WHERE verb = 'gathering.focus' AND audience = 'actor'"), 4)
			var summary string
			ok(t, f.DB.Get(ctxOf(f.A), &summary, "SELECT summary FROM activity WHERE verb = 'gathering.focus' ORDER BY id DESC LIMIT 1"))
			same(t, "summary", summary, "Ana Adler keeps 30 of 37.5 hours a week for their own work.")
		})
	})
}

func TestBalance(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ok(t, f.S.SetFocus(ctxOf(f.A), f.A, Focus{WeekMinutes: 40 * 60, FocusMinutes: 38 * 60})) // 2 h for gatherings
		ok(t, f.S.SetFocus(ctxOf(f.C), f.C, Focus{WeekMinutes: 40 * 60, FocusMinutes: 30 * 60})) // 10 h
		weeklyID, weekly := f.seed(t, seedG{Title: "Weekly", Length: time.Hour, RRule: "FREQ=WEEKLY",
			Starts: []time.Time{day(11, 10, 9), day(11, 17, 9), day(11, 24, 9), day(12, 1, 9)}})
		f.attendedBy(t, weekly[0], f.A, f.B, f.C)
		f.outcomesAt(t, weekly[0], 1)
		f.attendedBy(t, weekly[1], f.A, f.B)
		f.goingBy(t, weekly[2], f.A, f.B, f.C, f.D4, f.E) // cancelled below: not counted
		f.exec(t, "UPDATE gathering_occurrences SET status = 'cancelled' WHERE id = ?", weekly[2])
		f.goingBy(t, weekly[3], f.A, f.D4)
		_, workshop := f.seed(t, seedG{Title: "Workshop", Length: 9 * time.Hour, Starts: []time.Time{day(11, 18, 8)}})
		f.attendedBy(t, workshop[0], f.A, f.C, f.D4, f.E)
		f.outcomesAt(t, workshop[0], 3)
		monthlyID, monthly := f.seed(t, seedG{Title: "Monthly", Length: 2 * time.Hour, RRule: "FREQ=MONTHLY;BYDAY=2TH",
			Starts: []time.Time{day(11, 12, 9), day(12, 10, 9)}})
		f.attendedBy(t, monthly[0], f.A)
		f.outcomesAt(t, monthly[0], 2)
		_, outside := f.seed(t, seedG{Title: "Before the window", Starts: []time.Time{day(10, 27, 9)}})
		f.attendedBy(t, outside[0], f.A, f.B)

		t.Run("OK", func(t *testing.T) {
			b, err := f.S.Balance(ctxOf(f.Observer), f.Observer, BalanceQuery{From: day(11, 2, 0), To: day(12, 7, 0)})
			ok(t, err)
			// Weekly 3×1 + 2×1 + 2 going×1, Workshop 4×9, Monthly 1×2 = 45
			// person-hours; 1 + 3 + 2 = 6 outcomes.
			same(t, "totals", []any{b.PersonHours, b.Outcomes, b.PerPersonHour}, []any{45.0, int64(6), 6 / 45.0})
			same(t, "weeks", b.Weeks, []CollectiveWeek{
				{Start: day(11, 2, 0)},
				{Start: day(11, 9, 0), PersonHours: 5, People: 3, OverBudget: 1},   // Ana 3 h > 2
				{Start: day(11, 16, 0), PersonHours: 38, People: 5, OverBudget: 3}, // Ana 10 > 2, Dev and Eve 9 > 8; Cleo 9 ≤ 10
				{Start: day(11, 23, 0)},
				{Start: day(11, 30, 0), PersonHours: 2, People: 2},
			})
			same(t, "series", b.Series, []SeriesYield{
				{GatheringID: weeklyID, Title: "Weekly", Held: 2, PersonHours: 5, Outcomes: 1, PerPersonHour: 0.2},
				{GatheringID: monthlyID, Title: "Monthly", Held: 1, PersonHours: 2, Outcomes: 2, PerPersonHour: 1},
			})
		})
		t.Run("DefaultWindow", func(t *testing.T) {
			b, err := f.S.Balance(ctxOf(f.A), f.A, BalanceQuery{})
			ok(t, err)
			// The last 12 months to now: the coming Weekly date is out.
			same(t, "window", []any{b.From, b.To, len(b.Weeks), b.Weeks[0].Start}, []any{testStart.AddDate(-1, 0, 0), testStart, 54, day(11, 17, 0).AddDate(-1, 0, 0)})
			same(t, "totals", []any{b.PersonHours, b.Outcomes}, []any{45.0 - 2 + 1.5*2, int64(6)})
		})
		t.Run("Settled", func(t *testing.T) {
			// Weeks over long enough are counted once and kept: a check-in
			// written behind the service's back no longer changes their
			// people, while the person-hours still follow the dates.
			f.at(day(12, 20, 0))
			defer f.at(testStart)
			q := BalanceQuery{From: day(11, 2, 0), To: day(12, 7, 0)}
			b, err := f.S.Balance(ctxOf(f.A), f.A, q)
			ok(t, err)
			same(t, "Dec 1 now past, nobody checked in", b.Weeks[4], CollectiveWeek{Start: day(11, 30, 0)})
			same(t, "stored", f.count(t, "SELECT COUNT(*) FROM gathering_week_stats WHERE collective_id = ? AND week_start >= ?", f.Coll.ID, day(11, 2, 0)), 5)
			f.attendedBy(t, weekly[1], f.F)
			b, err = f.S.Balance(ctxOf(f.A), f.A, q)
			ok(t, err)
			same(t, "week of Nov 16", b.Weeks[2], CollectiveWeek{Start: day(11, 16, 0), PersonHours: 39, People: 5, OverBudget: 3})
		})
		t.Run("ErrRefused", func(t *testing.T) {
			_, err := f.S.Balance(ctxOf(f.A), f.A, BalanceQuery{From: day(12, 7, 0), To: day(11, 2, 0)})
			wantErr(t, err, errs.Invalid, "from", "Choose a start before the end.")
			_, err = f.S.Balance(ctxOf(f.Outsider), f.Outsider, BalanceQuery{})
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			_, err = f.S.Balance(context.Background(), f.Anon, BalanceQuery{})
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
		})
	})
}
