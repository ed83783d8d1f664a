package ical

import "time"

// Expand returns the rule's dates from first (the first occurrence, which
// counts as one) that start before to, at most max of them, starting at or
// after from. Dates keep first's wall-clock time in first's location, so a
// weekly 10:00 stays 10:00 across a daylight-saving change; a wall-clock
// time that does not exist that day moves as time.Date moves it. Months
// without the day (the 31st) are skipped, as RFC 5545 says.
//
// Weeks start on Monday (WKST=MO), which decides the weeks an INTERVAL
// above 1 skips. first is always the first date, as RFC 5545 counts
// DTSTART, even when it does not match the rule. max <= 0 means no limit
// but to's. A rule that Validate refuses gives nothing.
func (r Rule) Expand(first time.Time, from, to time.Time, max int) []time.Time {
	if r.Validate() != nil || !first.Before(to) {
		return nil
	}
	e := expander{r: r, first: first, from: from, to: to, max: max}
	e.loc = first.Location()
	y, m, d := first.Date()
	e.firstDay = civil(y, m, d)
	e.hour, e.min, e.sec = first.Clock()
	e.nsec = first.Nanosecond()
	if !e.emit(first) {
		return e.out
	}
	interval := max1(r.Interval)
	skip := r.Count == 0 && !from.IsZero() && from.After(first)
	if r.Freq == Weekly {
		days := r.weekdays(first.Weekday())
		weekStart := e.firstDay - (int(first.Weekday())+6)%7
		k := 0
		if skip {
			// Without a count the weeks wholly before from (a day of
			// slack for the zone) need not be walked.
			fy, fm, fd := from.In(e.loc).Date()
			if k0 := floorDiv(civil(fy, fm, fd)-8-weekStart, 7*interval); k0 > 0 {
				k = k0
			}
		}
		for ; ; k++ {
			start := weekStart + 7*interval*k
			if !e.period(start) {
				return e.out
			}
			for _, off := range days {
				if !e.candidate(start + off) {
					return e.out
				}
			}
		}
	}
	month0 := y*12 + int(m) - 1
	k := 0
	if skip {
		fy, fm, _ := from.In(e.loc).Date()
		if k0 := floorDiv(fy*12+int(fm)-1-1-month0, interval); k0 > 0 {
			k = k0
		}
	}
	var days [32]bool
	for ; ; k++ {
		mi := month0 + interval*k
		yy, mm := mi/12, time.Month(mi%12+1)
		start := civil(yy, mm, 1)
		if !e.period(start) {
			return e.out
		}
		r.monthDays(&days, yy, mm, d)
		for day := 1; day <= 31; day++ {
			if days[day] && !e.candidate(start+day-1) {
				return e.out
			}
		}
	}
}

// expander holds one expansion's bounds and what it has found.
type expander struct {
	r                    Rule
	first, from, to      time.Time
	max                  int
	loc                  *time.Location
	firstDay             int
	hour, min, sec, nsec int
	count                int
	out                  []time.Time
}

// period reports whether a period starting on day may hold dates still
// within to and UNTIL; dates only grow, so the first that cannot ends it.
func (e *expander) period(day int) bool {
	y, m, d := fromCivil(day)
	t := time.Date(y, m, d, 0, 0, 0, 0, e.loc)
	if !t.Before(e.to) {
		return false
	}
	return e.r.Until.IsZero() || !t.After(e.r.Until)
}

// candidate takes a date the rule gives; dates up to first's are first
// itself or before it, and were dealt with.
func (e *expander) candidate(day int) bool {
	if day <= e.firstDay {
		return true
	}
	y, m, d := fromCivil(day)
	return e.emit(time.Date(y, m, d, e.hour, e.min, e.sec, e.nsec, e.loc))
}

// emit counts a date and keeps it when within [from, to); it reports
// whether more dates may follow.
func (e *expander) emit(t time.Time) bool {
	if !t.Before(e.to) || (!e.r.Until.IsZero() && t.After(e.r.Until)) {
		return false
	}
	if e.r.Count > 0 && e.count >= e.r.Count {
		return false
	}
	e.count++
	if !t.Before(e.from) {
		e.out = append(e.out, t)
		if e.max > 0 && len(e.out) >= e.max {
			return false
		}
	}
	return !(e.r.Count > 0 && e.count >= e.r.Count)
}

// weekdays are a weekly rule's days as offsets from Monday, in order.
func (r Rule) weekdays(firstDay time.Weekday) []int {
	var set [7]bool
	if len(r.ByDay) == 0 {
		set[(int(firstDay)+6)%7] = true
	}
	for _, d := range r.ByDay {
		set[(int(d.Day)+6)%7] = true
	}
	var out []int
	for off, ok := range set {
		if ok {
			out = append(out, off)
		}
	}
	return out
}

// monthDays marks the days of month y-m a monthly rule gives; firstDay is
// first's day of the month, used when the rule names no day.
func (r Rule) monthDays(days *[32]bool, y int, m time.Month, firstDay int) {
	*days = [32]bool{}
	n := daysIn(y, m)
	wd1 := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	switch {
	case len(r.ByMonthDay) > 0:
		for _, v := range r.ByMonthDay {
			day := v
			if v < 0 {
				day = n + v + 1
			}
			if day < 1 || day > n {
				continue
			}
			if len(r.ByDay) == 0 || r.dayMatches(day, n, wd1) {
				days[day] = true
			}
		}
	case len(r.ByDay) > 0:
		for _, bd := range r.ByDay {
			d1 := 1 + (int(bd.Day)-int(wd1)+7)%7
			switch {
			case bd.N == 0:
				for day := d1; day <= n; day += 7 {
					days[day] = true
				}
			case bd.N > 0:
				if day := d1 + 7*(bd.N-1); day <= n {
					days[day] = true
				}
			default:
				last := d1 + 7*((n-d1)/7)
				if day := last + 7*(bd.N+1); day >= 1 {
					days[day] = true
				}
			}
		}
	default:
		if firstDay <= n {
			days[firstDay] = true
		}
	}
}

// dayMatches reports whether a BYMONTHDAY day is also one of BYDAY's, for
// the rare rule with both (Friday the 13th): RFC 5545 takes the
// intersection.
func (r Rule) dayMatches(day, n int, wd1 time.Weekday) bool {
	wd := time.Weekday((int(wd1) + day - 1) % 7)
	for _, bd := range r.ByDay {
		if bd.Day != wd {
			continue
		}
		switch {
		case bd.N == 0,
			bd.N > 0 && (day-1)/7+1 == bd.N,
			bd.N < 0 && -((n-day)/7+1) == bd.N:
			return true
		}
	}
	return false
}

// civil is a date as days since 1970-01-01, so dates add as integers.
func civil(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func fromCivil(days int) (int, time.Month, int) {
	return time.Unix(int64(days)*86400, 0).UTC().Date()
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
