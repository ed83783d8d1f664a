package ical

import "time"

// Freq is a rule's frequency; gatherings use weekly and monthly.
type Freq string

// Frequencies.
const (
	Weekly  Freq = "WEEKLY"
	Monthly Freq = "MONTHLY"
)

// WeekdayNum is a BYDAY entry: a weekday, with an ordinal for monthly rules
// (2 for the second Tuesday, -1 for the last; 0 for every).
type WeekdayNum struct {
	N   int
	Day time.Weekday
}

// Rule is the subset of RFC 5545 RRULE gatherings use: weekly every n weeks
// on some weekdays; monthly every n months on a weekday's nth occurrence or
// on a day of the month; ended by a count, a last date, or not at all.
type Rule struct {
	Freq       Freq
	Interval   int // 1 when 0
	ByDay      []WeekdayNum
	ByMonthDay []int     // 1..31 or -1..-31
	Count      int       // 0: none
	Until      time.Time // zero: none; UTC
}

// ParseRule reads an RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
// refusing parts outside the subset with a message saying which.
func ParseRule(s string) (Rule, error) { return Rule{}, errTodo }

// String is the rule as an RRULE value, parts in a fixed order.
func (r Rule) String() string { return "" }

// Expand returns the rule's dates from first (the first occurrence, which
// counts as one) that start before to, at most max of them, starting at or
// after from. Dates keep first's wall-clock time in first's location, so a
// weekly 10:00 stays 10:00 across a daylight-saving change; a wall-clock
// time that does not exist that day moves as time.Date moves it. Months
// without the day (the 31st) are skipped, as RFC 5545 says.
func (r Rule) Expand(first time.Time, from, to time.Time, max int) []time.Time { return nil }
