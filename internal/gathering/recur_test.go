package gathering

import (
	"context"
	"testing"
	"time"
)

func TestRecurrence(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OKWeeklyAcrossDaylightSaving", func(t *testing.T) {
			// Berlin moves to summer time on Sunday 28 March 2027: the Monday
			// 10:00 stays 10:00 local, 09:00Z before and 08:00Z after.
			in := meeting()
			in.Start, in.End = "2027-03-15T10:00", "2027-03-15T11:00"
			in.Repeat = RepeatInput{Every: Weekly, Count: 4}
			g := f.planAs(t, f.A, in)
			same(t, "rrule", g.RRule, "FREQ=WEEKLY;BYDAY=MO;COUNT=4")
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2027-03-15 09:00Z–10:00Z planned", "2027-03-22 09:00Z–10:00Z planned",
				"2027-03-29 08:00Z–09:00Z planned", "2027-04-05 08:00Z–09:00Z planned"})
		})
		t.Run("OKMonthlySecondTuesday", func(t *testing.T) {
			in := meeting()
			in.Start, in.End = "2026-12-08T18:00", "2026-12-08T19:00"
			in.Repeat = RepeatInput{Every: MonthlyWeekday, Count: 4}
			g := f.planAs(t, f.A, in)
			same(t, "rrule", g.RRule, "FREQ=MONTHLY;BYDAY=2TU;COUNT=4")
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-08 17:00Z–18:00Z planned", "2027-01-12 17:00Z–18:00Z planned",
				"2027-02-09 17:00Z–18:00Z planned", "2027-03-09 17:00Z–18:00Z planned"})
		})
		t.Run("OKMonthlyFifthIsLast", func(t *testing.T) {
			in := meeting()
			in.Start, in.End = "2026-12-29T18:00", "2026-12-29T19:00"
			in.Repeat = RepeatInput{Every: MonthlyWeekday, Until: "2027-02-28"}
			g := f.planAs(t, f.A, in)
			same(t, "rrule", g.RRule, "FREQ=MONTHLY;BYDAY=-1TU;UNTIL=20270228T225959Z")
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-29 17:00Z–18:00Z planned", "2027-01-26 17:00Z–18:00Z planned", "2027-02-23 17:00Z–18:00Z planned"})
		})
		t.Run("OKMonthlyDate", func(t *testing.T) {
			in := meeting()
			in.Start, in.End = "2027-01-31T09:00", "2027-01-31T10:00"
			in.Repeat = RepeatInput{Every: MonthlyDate, Count: 3}
			g := f.planAs(t, f.A, in)
			same(t, "rrule", g.RRule, "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3")
			// February has no 31st: RFC 5545 skips it.
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2027-01-31 08:00Z–09:00Z planned", "2027-03-31 07:00Z–08:00Z planned", "2027-05-31 07:00Z–08:00Z planned"})
		})
		t.Run("OKEveryTwoWeeks", func(t *testing.T) {
			in := meeting()
			in.Repeat = RepeatInput{Every: Weekly, Interval: 2, Count: 3}
			g := f.planAs(t, f.A, in)
			same(t, "rrule", g.RRule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3")
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-01 09:00Z–10:30Z planned", "2026-12-15 09:00Z–10:30Z planned", "2026-12-29 09:00Z–10:30Z planned"})
		})
	})
}

func TestExtend(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Repeat = RepeatInput{Every: Weekly}
		g := f.planAs(t, f.A, in)
		bounded := meeting()
		bounded.Repeat = RepeatInput{Every: Weekly, Count: 2}
		b := f.planAs(t, f.A, bounded)
		t.Run("OKHorizon", func(t *testing.T) {
			// From the first date (Tuesday 1 December 2026) 400 days ahead:
			// 58 Tuesdays, the last on 4 January 2028.
			dates := f.datesLines(t, g.ID)
			same(t, "count", len(dates), 58)
			same(t, "last", dates[57], "2028-01-04 09:00Z–10:30Z planned")
		})
		t.Run("OKExtend", func(t *testing.T) {
			now := utcAt(2026, 12, 23, 9, 0)
			n, err := f.S.Extend(context.Background(), now)
			ok(t, err)
			same(t, "made", n, 3) // up to 27 January 2028: the 11th, 18th and 25th
			dates := f.datesLines(t, g.ID)
			same(t, "count", len(dates), 61)
			same(t, "last", dates[60], "2028-01-25 09:00Z–10:30Z planned")
			same(t, "bounded untouched", len(f.datesLines(t, b.ID)), 2)
		})
		t.Run("OKIdempotent", func(t *testing.T) {
			n, err := f.S.Extend(context.Background(), utcAt(2026, 12, 23, 9, 0))
			ok(t, err)
			same(t, "made again", n, 0)
			same(t, "count", len(f.datesLines(t, g.ID)), 61)
		})
		t.Run("OKCancelledStays", func(t *testing.T) {
			ok(t, f.S.Cancel(ctxOf(f.A), f.A, g.ID))
			n, err := f.S.Extend(context.Background(), utcAt(2027, 3, 1, 9, 0))
			ok(t, err)
			same(t, "made for a cancelled series", n, 0)
		})
	})
}

func TestRecurrenceRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("ErrOpenEndedLongAgo", func(t *testing.T) {
			in := meeting()
			in.Start, in.End = "2010-01-05T10:00", "2010-01-05T11:00"
			in.Repeat = RepeatInput{Every: Weekly}
			_, err := f.S.Create(ctxOf(f.A), f.A, in)
			wantErr(t, err, "invalid", "start",
				"A series without an end that starts this long ago would have more than 520 dates; start it later or give a number of dates.")
			same(t, "nothing written", f.count(t, "SELECT COUNT(*) FROM gathering_occurrences"), 0)
		})
		t.Run("OKPastSeriesWithCount", func(t *testing.T) {
			in := meeting()
			in.Start, in.End = "2026-10-06T10:00", "2026-10-06T11:00"
			in.Repeat = RepeatInput{Every: Weekly, Count: 3}
			g := f.planAs(t, f.A, in)
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-10-06 08:00Z–09:00Z planned", "2026-10-13 08:00Z–09:00Z planned", "2026-10-20 08:00Z–09:00Z planned"})
		})
	})
}

// TestRuleFor checks the rule a repeat makes from its first date alone.
func TestRuleFor(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	first := time.Date(2026, 12, 22, 10, 0, 0, 0, berlin) // the fourth Tuesday, not the last
	for _, c := range []struct {
		in   RepeatInput
		want string
	}{
		{RepeatInput{Every: Weekly, Interval: 1}, "FREQ=WEEKLY;BYDAY=TU"},
		{RepeatInput{Every: Weekly, Interval: 3, Until: "2027-01-31"}, "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;UNTIL=20270131T225959Z"},
		{RepeatInput{Every: MonthlyWeekday}, "FREQ=MONTHLY;BYDAY=4TU"},
		{RepeatInput{Every: MonthlyDate, Interval: 2, Count: 6}, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=22;COUNT=6"},
	} {
		r, err := ruleFor(c.in, first, berlin)
		ok(t, err)
		same(t, string(c.in.Every), r.String(), c.want)
	}
	r, err := ruleFor(RepeatInput{}, first, berlin)
	if r != nil || err != nil {
		t.Fatalf("no repeat: %v %v", r, err)
	}
	_, err = ruleFor(RepeatInput{Every: Weekly, Interval: 53}, first, berlin)
	wantErr(t, err, "invalid", "repeat.interval", "Repeat every 1 to 52 weeks or months, not 53.")
}
