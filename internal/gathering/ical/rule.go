package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

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

// dayNames are RFC 5545's weekday codes in time.Weekday order.
var dayNames = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// ParseRule reads an RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
// refusing parts outside the subset with a message saying which. An UNTIL
// in the DATE form (20270131) means the end of that day in UTC; WKST is
// accepted only as MO, the week start Expand uses.
func ParseRule(s string) (Rule, error) {
	var r Rule
	s = strings.TrimPrefix(strings.TrimSpace(s), "RRULE:")
	if s == "" {
		return r, errors.New("the rule is empty")
	}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s, ";") {
		name, value, ok := strings.Cut(part, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		if !ok || name == "" || value == "" {
			return Rule{}, fmt.Errorf("the rule part %q is not NAME=VALUE", part)
		}
		if seen[name] {
			return Rule{}, fmt.Errorf("the rule part %q is given twice", name)
		}
		seen[name] = true
		orig := strings.TrimSpace(value) // numbers are refused as written
		value = strings.ToUpper(orig)
		var err error
		switch name {
		case "FREQ":
			switch Freq(value) {
			case Weekly, Monthly:
				r.Freq = Freq(value)
			default:
				return Rule{}, fmt.Errorf("the rule frequency %q is not supported; use WEEKLY or MONTHLY", value)
			}
		case "INTERVAL":
			r.Interval, err = positive(name, orig)
		case "COUNT":
			r.Count, err = positive(name, orig)
		case "UNTIL":
			r.Until, err = parseUntil(value)
		case "BYDAY":
			r.ByDay, err = parseByDay(value)
		case "BYMONTHDAY":
			r.ByMonthDay, err = parseByMonthDay(orig)
		case "WKST":
			if value != "MO" {
				return Rule{}, fmt.Errorf("the rule part WKST=%s is not supported; weeks start on Monday (MO)", value)
			}
		default:
			return Rule{}, fmt.Errorf("the rule part %q is not supported", name)
		}
		if err != nil {
			return Rule{}, err
		}
	}
	if r.Interval == 1 {
		r.Interval = 0
	}
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	return r, nil
}

// Validate checks a rule built in code the way ParseRule checks a parsed
// one, so a rule that String writes can be read back.
func (r Rule) Validate() error {
	switch r.Freq {
	case Weekly, Monthly:
	case "":
		return errors.New("the rule has no FREQ")
	default:
		return fmt.Errorf("the rule frequency %q is not supported; use WEEKLY or MONTHLY", string(r.Freq))
	}
	if r.Interval < 0 {
		return fmt.Errorf("the rule's INTERVAL must be a positive whole number, not %d", r.Interval)
	}
	if r.Count < 0 {
		return fmt.Errorf("the rule's COUNT must be a positive whole number, not %d", r.Count)
	}
	if r.Count > 0 && !r.Until.IsZero() {
		return errors.New("the rule has both COUNT and UNTIL; RFC 5545 allows one of them")
	}
	for _, d := range r.ByDay {
		if d.Day < time.Sunday || d.Day > time.Saturday {
			return fmt.Errorf("the rule's BYDAY has an unknown weekday %d", int(d.Day))
		}
		if d.N != 0 && r.Freq == Weekly {
			return fmt.Errorf("the rule's BYDAY entry %s has an ordinal, which only monthly rules allow", d)
		}
		if d.N < -5 || d.N > 5 {
			return fmt.Errorf("the rule's BYDAY entry %s has an ordinal outside -5..5", d)
		}
	}
	for _, d := range r.ByMonthDay {
		if d == 0 || d < -31 || d > 31 {
			return fmt.Errorf("the rule's BYMONTHDAY value %d is outside 1..31 and -31..-1", d)
		}
	}
	if len(r.ByMonthDay) > 0 && r.Freq == Weekly {
		return errors.New("the rule part \"BYMONTHDAY\" is not allowed in a weekly rule")
	}
	return nil
}

// String is the rule's BYDAY code: "TU", "2TU", "-1FR".
func (d WeekdayNum) String() string {
	name := "??"
	if d.Day >= time.Sunday && d.Day <= time.Saturday {
		name = dayNames[d.Day]
	}
	if d.N == 0 {
		return name
	}
	return strconv.Itoa(d.N) + name
}

func positive(name, value string) (int, error) {
	n, err := strconv.Atoi(value)
	if err != nil || n < 1 || strings.HasPrefix(value, "+") {
		return 0, fmt.Errorf("the rule's %s must be a positive whole number, not %q", name, value)
	}
	return n, nil
}

func parseUntil(value string) (time.Time, error) {
	if t, err := time.Parse("20060102T150405Z", value); err == nil {
		return t, nil
	}
	if t, err := time.Parse("20060102", value); err == nil {
		// A date alone counts the whole day.
		return t.Add(24*time.Hour - time.Second), nil
	}
	return time.Time{}, fmt.Errorf("the rule's UNTIL must be a UTC date-time such as 20270131T235959Z or a date such as 20270131, not %q", value)
}

func parseByDay(value string) ([]WeekdayNum, error) {
	var out []WeekdayNum
	for item := range strings.SplitSeq(value, ",") {
		item = strings.TrimSpace(item)
		bad := fmt.Errorf("the rule's BYDAY entry %q is not a weekday such as TU, 2TU or -1FR", item)
		if len(item) < 2 {
			return nil, bad
		}
		day := -1
		for i, name := range dayNames {
			if item[len(item)-2:] == name {
				day = i
			}
		}
		if day < 0 {
			return nil, bad
		}
		n := 0
		if num := item[:len(item)-2]; num != "" {
			var err error
			if n, err = strconv.Atoi(num); err != nil || n == 0 {
				return nil, bad
			}
		}
		out = append(out, WeekdayNum{N: n, Day: time.Weekday(day)})
	}
	return out, nil
}

func parseByMonthDay(value string) ([]int, error) {
	var out []int
	for item := range strings.SplitSeq(value, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil {
			return nil, fmt.Errorf("the rule's BYMONTHDAY value %q is not a day of the month", item)
		}
		out = append(out, n)
	}
	return out, nil
}

// String is the rule as an RRULE value, parts in a fixed order:
// FREQ, INTERVAL (when above 1), BYDAY, BYMONTHDAY, COUNT, UNTIL (UTC).
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString("FREQ=")
	b.WriteString(string(r.Freq))
	if r.Interval > 1 {
		b.WriteString(";INTERVAL=")
		b.WriteString(strconv.Itoa(r.Interval))
	}
	if len(r.ByDay) > 0 {
		b.WriteString(";BYDAY=")
		for i, d := range r.ByDay {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(d.String())
		}
	}
	if len(r.ByMonthDay) > 0 {
		b.WriteString(";BYMONTHDAY=")
		for i, d := range r.ByMonthDay {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(d))
		}
	}
	if r.Count > 0 {
		b.WriteString(";COUNT=")
		b.WriteString(strconv.Itoa(r.Count))
	}
	if !r.Until.IsZero() {
		b.WriteString(";UNTIL=")
		b.WriteString(r.Until.UTC().Format("20060102T150405Z"))
	}
	return b.String()
}
