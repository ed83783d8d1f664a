package ical

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"
)

// TestExpandGolden compares Expand with python3-dateutil's expansion of the
// same rules (testdata/gen/rrules.py writes testdata/rrules.golden).
func TestExpandGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/rrules.golden")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Name, Rule, Zone, First, From, To string
			Max                               int
			Dates                             []string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 12 {
		t.Fatalf("golden file has %d cases, want at least 12", len(doc.Cases))
	}
	parse := func(s string, loc *time.Location) time.Time {
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.In(loc)
	}
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			loc, err := time.LoadLocation(c.Zone)
			if err != nil {
				t.Fatal(err)
			}
			r, err := ParseRule(c.Rule)
			if err != nil {
				t.Fatal(err)
			}
			if r.String() != c.Rule {
				t.Errorf("String() = %q, want %q", r.String(), c.Rule)
			}
			got := r.Expand(parse(c.First, loc), parse(c.From, loc), parse(c.To, loc), c.Max)
			gotS := make([]string, len(got))
			for i, g := range got {
				gotS[i] = g.Format("2006-01-02T15:04:05-07:00")
			}
			if !reflect.DeepEqual(gotS, c.Dates) {
				t.Errorf("Expand(%s)\n got %q\nwant %q", c.Rule, gotS, c.Dates)
			}
		})
	}
}

func TestParseRule(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for in, want := range map[string]Rule{
			"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH": {Freq: Weekly, Interval: 2,
				ByDay: []WeekdayNum{{Day: time.Tuesday}, {Day: time.Thursday}}},
			"freq=monthly;byday=2tu": {Freq: Monthly, ByDay: []WeekdayNum{{N: 2, Day: time.Tuesday}}},
			"RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=6": {Freq: Monthly, Count: 6,
				ByDay: []WeekdayNum{{N: -1, Day: time.Friday}}},
			"FREQ=MONTHLY;BYMONTHDAY=15,-1;UNTIL=20270131T235959Z": {Freq: Monthly, ByMonthDay: []int{15, -1},
				Until: time.Date(2027, 1, 31, 23, 59, 59, 0, time.UTC)},
			// A DATE UNTIL counts the whole day.
			"FREQ=WEEKLY;UNTIL=20270131":     {Freq: Weekly, Until: time.Date(2027, 1, 31, 23, 59, 59, 0, time.UTC)},
			"FREQ=WEEKLY;INTERVAL=1;WKST=MO": {Freq: Weekly},
		} {
			got, err := ParseRule(in)
			if err != nil {
				t.Errorf("ParseRule(%q): %v", in, err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseRule(%q) = %+v, want %+v", in, got, want)
			}
		}
	})
	t.Run("OKString", func(t *testing.T) {
		r := Rule{Freq: Monthly, Interval: 3, ByDay: []WeekdayNum{{N: -1, Day: time.Friday}}, ByMonthDay: []int{13},
			Count: 4}
		want := "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYMONTHDAY=13;COUNT=4"
		if r.String() != want {
			t.Fatalf("String() = %q, want %q", r.String(), want)
		}
		back, err := ParseRule(want)
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("ParseRule(String()) = %+v, %v", back, err)
		}
		u := Rule{Freq: Weekly, Interval: 1, Until: time.Date(2027, 2, 1, 0, 59, 59, 0, time.FixedZone("CET", 3600))}
		if got := u.String(); got != "FREQ=WEEKLY;UNTIL=20270131T235959Z" {
			t.Fatalf("String() = %q", got)
		}
	})
	for _, c := range []struct{ name, in, msg string }{
		{"ErrEmpty", " ", "the rule is empty"},
		{"ErrBySetPos", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", `the rule part "BYSETPOS" is not supported`},
		{"ErrByHour", "FREQ=WEEKLY;BYHOUR=10", `the rule part "BYHOUR" is not supported`},
		{"ErrDaily", "FREQ=DAILY", `the rule frequency "DAILY" is not supported; use WEEKLY or MONTHLY`},
		{"ErrYearly", "FREQ=YEARLY;COUNT=2", `the rule frequency "YEARLY" is not supported; use WEEKLY or MONTHLY`},
		{"ErrNoFreq", "COUNT=2", "the rule has no FREQ"},
		{"ErrNotNameValue", "FREQ=WEEKLY;COUNT", `the rule part "COUNT" is not NAME=VALUE`},
		{"ErrTwice", "FREQ=WEEKLY;FREQ=MONTHLY", `the rule part "FREQ" is given twice`},
		{"ErrInterval", "FREQ=WEEKLY;INTERVAL=0", `the rule's INTERVAL must be a positive whole number, not "0"`},
		{"ErrCount", "FREQ=WEEKLY;COUNT=-3", `the rule's COUNT must be a positive whole number, not "-3"`},
		{"ErrCountAndUntil", "FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "the rule has both COUNT and UNTIL; RFC 5545 allows one of them"},
		{"ErrUntil", "FREQ=WEEKLY;UNTIL=2027-01-01", `the rule's UNTIL must be a UTC date-time such as 20270131T235959Z or a date such as 20270131, not "2027-01-01"`},
		{"ErrUntilFloating", "FREQ=WEEKLY;UNTIL=20270101T100000", `the rule's UNTIL must be a UTC date-time such as 20270131T235959Z or a date such as 20270131, not "20270101T100000"`},
		{"ErrByDay", "FREQ=WEEKLY;BYDAY=TUE", `the rule's BYDAY entry "TUE" is not a weekday such as TU, 2TU or -1FR`},
		{"ErrByDayZero", "FREQ=MONTHLY;BYDAY=0TU", `the rule's BYDAY entry "0TU" is not a weekday such as TU, 2TU or -1FR`},
		{"ErrWeeklyOrdinal", "FREQ=WEEKLY;BYDAY=2TU", "the rule's BYDAY entry 2TU has an ordinal, which only monthly rules allow"},
		{"ErrOrdinalRange", "FREQ=MONTHLY;BYDAY=6TU", "the rule's BYDAY entry 6TU has an ordinal outside -5..5"},
		{"ErrMonthDay", "FREQ=MONTHLY;BYMONTHDAY=32", "the rule's BYMONTHDAY value 32 is outside 1..31 and -31..-1"},
		{"ErrMonthDayText", "FREQ=MONTHLY;BYMONTHDAY=x", `the rule's BYMONTHDAY value "x" is not a day of the month`},
		{"ErrWeeklyMonthDay", "FREQ=WEEKLY;BYMONTHDAY=3", `the rule part "BYMONTHDAY" is not allowed in a weekly rule`},
		{"ErrWkst", "FREQ=WEEKLY;WKST=SU", "the rule part WKST=SU is not supported; weeks start on Monday (MO)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseRule(c.in)
			if err == nil || err.Error() != c.msg {
				t.Fatalf("ParseRule(%q) error = %v, want %q", c.in, err, c.msg)
			}
			if !reflect.DeepEqual(r, Rule{}) {
				t.Fatalf("ParseRule(%q) returned %+v with its error", c.in, r)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	ber, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	far := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	format := func(ts []time.Time) []string {
		out := make([]string, len(ts))
		for i, v := range ts {
			out[i] = v.Format(time.RFC3339)
		}
		return out
	}
	check := func(t *testing.T, got []time.Time, want ...string) {
		t.Helper()
		if g := format(got); !reflect.DeepEqual(g, want) && !(len(g) == 0 && len(want) == 0) {
			t.Fatalf("got %q\nwant %q", g, want)
		}
	}
	t.Run("OKWallClockAcrossDST", func(t *testing.T) {
		r := Rule{Freq: Weekly, Count: 3}
		check(t, r.Expand(time.Date(2026, 3, 22, 10, 0, 0, 0, ber), time.Time{}, far, 0),
			"2026-03-22T10:00:00+01:00", "2026-03-29T10:00:00+02:00", "2026-04-05T10:00:00+02:00")
	})
	t.Run("OKMissingWallClockMovesLikeTimeDate", func(t *testing.T) {
		// 02:30 does not exist on 29 March 2026 in Berlin; time.Date makes it 03:30 CEST.
		r := Rule{Freq: Weekly, Count: 2}
		check(t, r.Expand(time.Date(2026, 3, 22, 2, 30, 0, 0, ber), time.Time{}, far, 0),
			"2026-03-22T02:30:00+01:00", "2026-03-29T03:30:00+02:00")
	})
	t.Run("OKFirstCountsEvenOffRule", func(t *testing.T) {
		// A Monday first with a Wednesday rule: the Monday is the first of three.
		r := Rule{Freq: Weekly, ByDay: []WeekdayNum{{Day: time.Wednesday}}, Count: 3}
		check(t, r.Expand(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), time.Time{}, far, 0),
			"2026-06-01T09:00:00Z", "2026-06-03T09:00:00Z", "2026-06-10T09:00:00Z")
	})
	t.Run("OKUntilInclusive", func(t *testing.T) {
		r := Rule{Freq: Weekly, Until: time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC)}
		check(t, r.Expand(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), time.Time{}, far, 0),
			"2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z", "2026-06-15T09:00:00Z")
	})
	t.Run("OKUntilDate", func(t *testing.T) {
		r, err := ParseRule("FREQ=MONTHLY;UNTIL=20260815")
		if err != nil {
			t.Fatal(err)
		}
		check(t, r.Expand(time.Date(2026, 6, 15, 22, 0, 0, 0, time.UTC), time.Time{}, far, 0),
			"2026-06-15T22:00:00Z", "2026-07-15T22:00:00Z", "2026-08-15T22:00:00Z")
	})
	t.Run("OKCountFromFirstNotFrom", func(t *testing.T) {
		// COUNT=4 ends on 22 June; a window from 15 June sees the last two.
		r := Rule{Freq: Weekly, Count: 4}
		first := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		check(t, r.Expand(first, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), far, 0),
			"2026-06-15T09:00:00Z", "2026-06-22T09:00:00Z")
	})
	t.Run("OKFromFarAhead", func(t *testing.T) {
		// Every 3 weeks from 2 Jan 2026 (a Friday); a window ten years on.
		r := Rule{Freq: Weekly, Interval: 3}
		first := time.Date(2026, 1, 2, 9, 0, 0, 0, ber)
		got := r.Expand(first, time.Date(2036, 1, 1, 0, 0, 0, 0, ber), time.Date(2036, 2, 15, 0, 0, 0, 0, ber), 0)
		all := r.Expand(first, time.Time{}, time.Date(2036, 2, 15, 0, 0, 0, 0, ber), 0)
		var want []string
		for _, v := range all {
			if v.Year() == 2036 {
				want = append(want, v.Format(time.RFC3339))
			}
		}
		check(t, got, want...)
		if len(want) != 2 {
			t.Fatalf("want two dates in the window, got %q", want)
		}
	})
	t.Run("OKFromFarAheadMonthly", func(t *testing.T) {
		// Every 5 months on the last Friday, from January 2026; a window from 2031.
		r := Rule{Freq: Monthly, Interval: 5, ByDay: []WeekdayNum{{N: -1, Day: time.Friday}}}
		first := time.Date(2026, 1, 30, 18, 0, 0, 0, ber)
		from, to := time.Date(2031, 1, 1, 0, 0, 0, 0, ber), time.Date(2033, 1, 1, 0, 0, 0, 0, ber)
		var want []string
		for _, v := range r.Expand(first, time.Time{}, to, 0) {
			if !v.Before(from) {
				want = append(want, v.Format(time.RFC3339))
			}
		}
		check(t, r.Expand(first, from, to, 0), want...)
		if len(want) != 5 || want[0] != "2031-01-31T18:00:00+01:00" {
			t.Fatalf("want five dates from 31 January 2031, got %q", want)
		}
	})
	t.Run("OKMaxAndTo", func(t *testing.T) {
		r := Rule{Freq: Monthly, ByMonthDay: []int{31}}
		first := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
		check(t, r.Expand(first, time.Time{}, far, 2), "2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z")
		check(t, r.Expand(first, time.Time{}, time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC), 0), "2026-01-31T09:00:00Z")
		check(t, r.Expand(first, time.Time{}, first, 0))
	})
	t.Run("OKFridayThe13th", func(t *testing.T) {
		r := Rule{Freq: Monthly, ByDay: []WeekdayNum{{Day: time.Friday}}, ByMonthDay: []int{13}, Count: 3}
		check(t, r.Expand(time.Date(2026, 2, 13, 18, 0, 0, 0, time.UTC), time.Time{}, far, 0),
			"2026-02-13T18:00:00Z", "2026-03-13T18:00:00Z", "2026-11-13T18:00:00Z")
	})
	t.Run("OKFifthWeekdaySkipsMonths", func(t *testing.T) {
		r := Rule{Freq: Monthly, ByDay: []WeekdayNum{{N: 5, Day: time.Thursday}}, Count: 3}
		check(t, r.Expand(time.Date(2026, 1, 29, 18, 0, 0, 0, time.UTC), time.Time{}, far, 0),
			"2026-01-29T18:00:00Z", "2026-04-30T18:00:00Z", "2026-07-30T18:00:00Z")
	})
	t.Run("ErrInvalidRuleGivesNothing", func(t *testing.T) {
		r := Rule{Freq: "DAILY"}
		check(t, r.Expand(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, far, 0))
	})
	t.Run("OKNeverMatchingEnds", func(t *testing.T) {
		// Every 12 months on the 30th from February: no date but the first.
		r := Rule{Freq: Monthly, Interval: 12, ByMonthDay: []int{30}}
		check(t, r.Expand(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Time{},
			time.Date(2126, 1, 1, 0, 0, 0, 0, time.UTC), 0), "2026-02-01T00:00:00Z")
	})
}
