package chart

import (
	"math"
	"time"
)

// NiceTicks returns about n evenly spaced values covering lo..hi whose step
// is 1, 2 or 5 × 10^k, and that step. The first tick is at or below lo and
// the last at or above hi, so the ticks can serve as the axis' ends. Equal
// ends are widened (by a tenth of the value, or to 0..1 at zero) so a flat
// series still gets an axis; non-finite ends give no ticks.
func NiceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	if !finite(lo) || !finite(hi) {
		return nil, 0
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) / 10
			lo, hi = lo-d, hi+d
		}
	}
	n = max(n, 2)
	step = niceStep((hi - lo) / float64(n-1))
	// Indices, not a running sum, so no error piles up along the axis; the
	// small slack keeps a value that is a multiple of the step in binary
	// noise from adding a tick beyond it.
	i0 := math.Floor(lo/step + 1e-9)
	i1 := math.Ceil(hi/step - 1e-9)
	d := decimalsFor(step)
	scale := math.Pow(10, float64(d))
	at := func(i float64) float64 {
		v := math.Round(i*step*scale) / scale
		if v == 0 {
			return 0 // no -0
		}
		return v
	}
	// The slack must not cost coverage where an end lies just past a
	// multiple of the step.
	if at(i0) > lo {
		i0--
	}
	if at(i1) < hi {
		i1++
	}
	for i := i0; i <= i1; i++ {
		ticks = append(ticks, at(i))
	}
	return ticks, step
}

// niceStep is the smallest 1, 2 or 5 × 10^k at least rough.
func niceStep(rough float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(rough)))
	// Compare with a little slack: 0.3/0.1 is 2.9999999999999996 in binary.
	switch r := rough / mag; {
	case r <= 1+1e-9:
		return mag
	case r <= 2+1e-9:
		return 2 * mag
	case r <= 5+1e-9:
		return 5 * mag
	}
	return 10 * mag
}

// TimeTick is one labelled date on a time axis.
type TimeTick struct {
	T     time.Time
	Label string
}

// timeStep is a calendar step: days, months or years, a multiple of each.
type timeStep struct {
	days, months, years int
}

// timeSteps run from fine to coarse; TimeTicks takes the first that fits.
// Calendar units rather than fixed durations, so ticks fall on the first of
// a month or year whatever the month's length.
var timeSteps = []timeStep{
	{days: 1}, {days: 2}, {days: 7}, {days: 14},
	{months: 1}, {months: 2}, {months: 3}, {months: 6},
	{years: 1}, {years: 2}, {years: 5}, {years: 10}, {years: 20}, {years: 50},
	{years: 100}, {years: 200}, {years: 500}, {years: 1000},
}

// TimeTicks returns at most maxTicks dates within from..to (UTC), on
// calendar boundaries that suit the span: days (with weeks starting on
// Monday), the first of months (quarters and halves starting in January),
// or the first of years. Labels name the year where it changes, so "Jan
// 2025", "Apr", "Jul" reads unambiguously.
func TimeTicks(from, to time.Time, maxTicks int) []TimeTick {
	from, to = from.UTC(), to.UTC()
	if to.Before(from) {
		from, to = to, from
	}
	maxTicks = max(maxTicks, 1)
	for _, st := range timeSteps {
		ts := stepTicks(from, to, st, maxTicks+1)
		if len(ts) <= maxTicks {
			return labelTicks(ts, st)
		}
	}
	return nil
}

// stepTicks lists the boundaries of st within from..to, stopping once it
// has more than limit (the caller then tries a coarser step).
func stepTicks(from, to time.Time, st timeStep, limit int) []time.Time {
	var t time.Time
	switch {
	case st.days > 0:
		t = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
		if t.Before(from) {
			t = t.AddDate(0, 0, 1)
		}
		// 1970-01-05 was a Monday: counting from it puts weekly ticks on
		// Mondays and two-day ticks on a fixed rhythm whatever the start.
		days := int(math.Floor(t.Sub(time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)).Hours()/24 + 0.5))
		if r := ((days % st.days) + st.days) % st.days; r != 0 {
			t = t.AddDate(0, 0, st.days-r)
		}
	case st.months > 0:
		t = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
		if t.Before(from) {
			t = t.AddDate(0, 1, 0)
		}
		if r := (int(t.Month()) - 1) % st.months; r != 0 {
			t = t.AddDate(0, st.months-r, 0)
		}
	default:
		y := from.Year()
		if time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Before(from) {
			y++
		}
		if r := ((y % st.years) + st.years) % st.years; r != 0 {
			y += st.years - r
		}
		t = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var out []time.Time
	for !t.After(to) {
		out = append(out, t)
		if len(out) > limit {
			break
		}
		t = t.AddDate(st.years, st.months, st.days)
	}
	return out
}

func labelTicks(ts []time.Time, st timeStep) []TimeTick {
	out := make([]TimeTick, len(ts))
	for i, t := range ts {
		newYear := i == 0 || t.Year() != ts[i-1].Year()
		var l string
		switch {
		case st.days > 0 && newYear:
			l = t.Format("2 Jan 2006")
		case st.days > 0:
			l = t.Format("2 Jan")
		case st.months > 0 && newYear:
			l = t.Format("Jan 2006")
		case st.months > 0:
			l = t.Format("Jan")
		default:
			l = t.Format("2006")
		}
		out[i] = TimeTick{T: t, Label: l}
	}
	return out
}
