package gathering

import (
	"time"

	"commonground/internal/errs"
	"commonground/internal/gathering/ical"
)

// farYears is how far ahead a bounded rule is expanded: its count or last date
// ends it long before.
const farYears = 100

// ruleFor turns a recurrence as people chose it into an RRULE anchored on
// first (local): the weekday, its ordinal in the month or the day of the
// month all come from the first date, so the form asks for no more.
func ruleFor(r RepeatInput, first time.Time, loc *time.Location) (*ical.Rule, error) {
	if r.Every == "" {
		return nil, nil
	}
	rule := ical.Rule{Interval: r.Interval}
	switch r.Every {
	case Weekly:
		rule.Freq = ical.Weekly
		rule.ByDay = []ical.WeekdayNum{{Day: first.Weekday()}}
	case MonthlyWeekday:
		rule.Freq = ical.Monthly
		n := (first.Day()-1)/7 + 1
		if n == 5 {
			// A fifth Tuesday is not in every month; the last one is.
			n = -1
		}
		rule.ByDay = []ical.WeekdayNum{{N: n, Day: first.Weekday()}}
	case MonthlyDate:
		rule.Freq = ical.Monthly
		rule.ByMonthDay = []int{first.Day()}
	default:
		return nil, errs.Field("repeat.every", "Choose how it repeats: week, month_weekday or month_date, not %q.", string(r.Every))
	}
	switch {
	case r.Interval < 0 || r.Interval > 52:
		return nil, errs.Field("repeat.interval", "Repeat every 1 to 52 weeks or months, not %d.", r.Interval)
	case r.Interval <= 1:
		rule.Interval = 0
	}
	switch {
	case r.Count < 0:
		return nil, errs.Field("repeat.count", "The number of dates cannot be negative; 0 means no end.")
	case r.Count > MaxOccurrences:
		return nil, errs.Field("repeat.count", "A series can have at most %d dates, not %d.", MaxOccurrences, r.Count)
	case r.Count > 0 && r.Until != "":
		return nil, errs.Field("repeat.until", "Give a number of dates or a last date, not both.")
	}
	rule.Count = r.Count
	if r.Until != "" {
		day, err := time.ParseInLocation("2006-01-02", r.Until, loc)
		if err != nil {
			return nil, errs.Field("repeat.until", "The last date must be a date such as 2027-06-30, not %q.", r.Until)
		}
		// The whole last day counts, in the gathering's zone; RFC 5545 wants
		// UNTIL in UTC when DTSTART has a time zone.
		until := time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, loc)
		if until.Before(first) {
			return nil, errs.Field("repeat.until", "The last date must be on or after the first date.")
		}
		rule.Until = until.UTC()
	}
	return &rule, nil
}

// bounded reports whether a rule ends by itself (a count or a last date).
func bounded(r *ical.Rule) bool { return r.Count > 0 || !r.Until.IsZero() }

// horizon is how far ahead an open-ended series is made: HorizonDays after
// now, or after its first date when that is later still.
func horizon(first, now time.Time) time.Time {
	if first.After(now) {
		now = first
	}
	return now.AddDate(0, 0, HorizonDays)
}

// dates lists the starts (UTC) of a gathering's rule at or after from: all
// of a bounded rule's, an open-ended one's up to the horizon. It reports
// too many when a bounded rule gives more than MaxOccurrences.
func dates(rule *ical.Rule, first time.Time, loc *time.Location, from, now time.Time) ([]time.Time, error) {
	local := first.In(loc)
	to := horizon(first, now)
	if bounded(rule) {
		to = local.AddDate(farYears, 0, 0)
	}
	got := rule.Expand(local, from, to, MaxOccurrences+1)
	if len(got) > MaxOccurrences && !bounded(rule) {
		return nil, errs.Field("start", "A series without an end that starts this long ago would have more than %d dates; start it later or give a number of dates.",
			MaxOccurrences)
	}
	if len(got) > MaxOccurrences {
		return nil, errs.Field("repeat.until", "This series would have more than %d dates; choose an earlier last date or a number of dates.",
			MaxOccurrences)
	}
	out := make([]time.Time, len(got))
	for i, t := range got {
		out[i] = t.UTC()
	}
	return out, nil
}
