package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// describe writes the chart in words for its <desc>: per series the span,
// first and last values, extremes and trend; then references, the target
// and where the forecast ends. It is what a screen reader user hears
// before deciding whether to read the table.
func (l Line) describe(p *linePlot) string {
	if p.empty {
		return "No data."
	}
	var b strings.Builder
	for i, s := range p.series {
		if i > 0 {
			b.WriteByte(' ')
		}
		describeSeries(&b, seriesName(l.Series[i], i), s, l.Series[i].MaxGap, l.Unit, l.Better)
	}
	for _, r := range l.References {
		if !finite(r.Value) {
			continue
		}
		label := r.Label
		if label == "" {
			label = "Reference line"
		}
		b.WriteString(" " + label + ": " + withUnit(formatValue(r.Value), l.Unit) + ".")
	}
	if t := l.Target; t != nil && finite(t.Value) {
		b.WriteString(" Target: " + withUnit(formatValue(t.Value), l.Unit) + " by " + dayText(t.T) + ".")
	}
	if last, ok := lastForecast(p.forecast); ok {
		d := decimalsFor(p.ystep) + 1
		b.WriteString(" " + l.forecastName() + ": " + withUnit(formatFixed(last.V, d), l.Unit) + " on " + dayText(last.T))
		if finite(last.Lo) && finite(last.Hi) {
			b.WriteString(" (" + l.bandName() + " " + formatFixed(last.Lo, d) + " to " + withUnit(formatFixed(last.Hi, d), l.Unit) + ")")
		}
		b.WriteByte('.')
	}
	return strings.TrimSpace(b.String())
}

func lastForecast(fs []BandPoint) (BandPoint, bool) {
	for i := len(fs) - 1; i >= 0; i-- {
		if finite(fs[i].V) {
			return fs[i], true
		}
	}
	return BandPoint{}, false
}

func describeSeries(b *strings.Builder, name string, ps []Point, maxGap time.Duration, unit string, better Direction) {
	var first, last, lo, hi Point
	n, nruns := 0, 0
	runs(ps, maxGap, func(run []Point) {
		nruns++
		for _, pt := range run {
			if n == 0 {
				first, lo, hi = pt, pt, pt
			}
			last = pt
			if pt.V < lo.V {
				lo = pt
			}
			if pt.V > hi.V {
				hi = pt
			}
			n++
		}
	})
	v := func(x float64) string { return withUnit(formatValue(x), unit) }
	switch n {
	case 0:
		b.WriteString(name + ": no data.")
		return
	case 1:
		b.WriteString(name + ": one value, " + v(first.V) + " on " + dayText(first.T) + ".")
		return
	}
	b.WriteString(name + ": " + strconv.Itoa(n) + " values from " + dayText(first.T) + " to " + dayText(last.T) +
		"; first " + v(first.V) + ", last " + v(last.V))
	if lo.V != hi.V {
		b.WriteString("; lowest " + v(lo.V) + " on " + dayText(lo.T) + ", highest " + v(hi.V) + " on " + dayText(hi.T))
	}
	b.WriteString("; overall trend " + trendWords(trend(ps), better) + ".")
	if nruns > 1 {
		b.WriteString(" The data has gaps.")
	}
}

// trend classifies the least-squares line through a series: "flat" when
// it moves less than 1% of the series' scale over its span, so noise
// around a constant is not called a rise.
func trend(ps []Point) string {
	var n, sx, sy float64
	var vmin, vmax = math.Inf(1), math.Inf(-1)
	var tmin, tmax = math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		if finite(p.V) {
			x := unixDays(p.T)
			n, sx, sy = n+1, sx+x, sy+p.V
			vmin, vmax = min(vmin, p.V), max(vmax, p.V)
			tmin, tmax = min(tmin, x), max(tmax, x)
		}
	}
	if n < 2 || tmax == tmin {
		return "flat"
	}
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for _, p := range ps {
		if finite(p.V) {
			dx := unixDays(p.T) - mx
			sxy += dx * (p.V - my)
			sxx += dx * dx
		}
	}
	change := sxy / sxx * (tmax - tmin)
	scale := max(math.Abs(vmin), math.Abs(vmax), vmax-vmin)
	switch {
	case scale == 0 || math.Abs(change) <= 0.01*scale:
		return "flat"
	case change > 0:
		return "rising"
	}
	return "falling"
}

func trendWords(tr string, better Direction) string {
	switch {
	case tr == "flat" || better == Unspecified:
		return tr
	case (tr == "rising") == (better == HigherIsBetter):
		return tr + ", an improvement as " + better.String()
	}
	return tr + ", a worsening as " + better.String()
}

// String is the direction in words: "higher is better", "lower is better",
// or "unspecified".
func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "unspecified"
}

// Table returns the chart's data for an HTML table beside it: a row per
// date (ISO 8601, ascending) across all series and the forecast, a column
// per series, then the forecast and its interval. Values are printed as
// entered (up to ten significant digits); forecasts to one decimal finer
// than the value axis. A point given as NaN reads "no data"; a date a
// series simply lacks is empty.
func (l Line) Table() Table {
	p := l.plot()
	t := Table{Caption: l.Title, Headers: []string{"Date"}}
	if l.Unit != "" {
		t.Caption += " (" + l.Unit + ")"
	}
	for i, s := range l.Series {
		t.Headers = append(t.Headers, seriesName(s, i))
	}
	cols := len(t.Headers)
	band := false
	if len(p.forecast) > 0 {
		t.Headers = append(t.Headers, l.forecastName())
		if band = hasBand(p.forecast); band {
			t.Headers = append(t.Headers, l.bandName()+", low", l.bandName()+", high")
		}
	}
	rows := map[int64][]string{}
	row := func(tm time.Time) []string {
		k := tm.UnixNano()
		r, ok := rows[k]
		if !ok {
			r = make([]string, len(t.Headers))
			r[0] = isoDay(tm)
			rows[k] = r
		}
		return r
	}
	for i, s := range p.series {
		for _, pt := range s {
			if finite(pt.V) {
				row(pt.T)[i+1] = formatValue(pt.V)
			} else {
				row(pt.T)[i+1] = "no data"
			}
		}
	}
	d := decimalsFor(p.ystep) + 1
	for _, f := range p.forecast {
		r := row(f.T)
		if finite(f.V) {
			r[cols] = formatFixed(f.V, d)
		}
		if band && finite(f.Lo) && finite(f.Hi) {
			r[cols+1], r[cols+2] = formatFixed(f.Lo, d), formatFixed(f.Hi, d)
		}
	}
	keys := make([]int64, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Rows = append(t.Rows, rows[k])
	}
	for _, r := range l.References {
		if finite(r.Value) {
			label := r.Label
			if label == "" {
				label = "Reference line"
			}
			t.Notes = append(t.Notes, label+": "+withUnit(formatValue(r.Value), l.Unit)+".")
		}
	}
	if tg := l.Target; tg != nil && finite(tg.Value) {
		t.Notes = append(t.Notes, "Target: "+withUnit(formatValue(tg.Value), l.Unit)+" by "+dayText(tg.T)+".")
	}
	return t
}
