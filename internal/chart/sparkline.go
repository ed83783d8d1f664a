package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// Sparkline is a small inline chart for a scorecard row: the series' shape
// with its last point marked, no axes. Its title says in words what the
// shape shows, since a picture this small cannot carry numbers.
type Sparkline struct {
	Title  string // what the values are, e.g. the indicator's name
	Unit   string
	Better Direction
	Points []Point
	MaxGap time.Duration // as in Series
	// Width and Height are its size in CSS pixels (default 120 × 24): it
	// sits in a line of text, so unlike Line it does not stretch.
	Width, Height int
}

// SVG renders the sparkline; non-finite values are gaps.
func (s Sparkline) SVG() []byte {
	wd, ht := 120.0, 24.0
	if s.Width > 0 {
		wd = float64(max(s.Width, 16))
	}
	if s.Height > 0 {
		ht = float64(max(s.Height, 8))
	}
	ps := sortedPoints(s.Points)
	vlo, vhi := math.Inf(1), math.Inf(-1)
	tlo, thi := math.Inf(1), math.Inf(-1)
	var last Point
	found := false
	for _, p := range ps {
		if finite(p.V) {
			vlo, vhi = min(vlo, p.V), max(vhi, p.V)
			x := float64(p.T.Unix())
			tlo, thi = min(tlo, x), max(thi, x)
			last, found = p, true
		}
	}
	const pad = 3.5 // room for the last point's dot
	x := func(p Point) float64 {
		if thi == tlo {
			return wd - pad
		}
		return pad + (float64(p.T.Unix())-tlo)/(thi-tlo)*(wd-2*pad)
	}
	y := func(v float64) float64 {
		if vhi == vlo {
			return ht / 2 // a constant series runs along the middle
		}
		return pad + (vhi-v)/(vhi-vlo)*(ht-2*pad)
	}
	w := &svgw{b: make([]byte, 0, 512+len(ps)*16)}
	w.s(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-spark" viewBox="0 0 `)
	w.n(wd)
	w.s(" ")
	w.n(ht)
	w.s(`" width="`)
	w.n(wd)
	w.s(`" height="`)
	w.n(ht)
	w.s(`" role="img"><title>`)
	w.e(s.summary(ps, found, last))
	w.s(`</title>`)
	if found {
		color := styleOf(0).color
		w.s(`<path fill="none" stroke="` + color + `" stroke-width="1.5" stroke-linejoin="round" d="`)
		runs(ps, s.MaxGap, func(run []Point) {
			if len(run) < 2 {
				return
			}
			w.s("M")
			for k, p := range run {
				if k == 1 {
					w.s("L")
				} else if k > 1 {
					w.s(" ")
				}
				w.n(x(p))
				w.s(" ")
				w.n(y(p.V))
			}
		})
		// A lone point between gaps has no line to show it.
		w.s(`"/><path fill="` + color + `" d="`)
		runs(ps, s.MaxGap, func(run []Point) {
			if len(run) == 1 && run[0] != last {
				w.marker(circle, x(run[0]), y(run[0].V), 1.5)
			}
		})
		w.s(`"/><circle fill="` + color + `" cx="`)
		w.n(x(last))
		w.s(`" cy="`)
		w.n(y(last.V))
		w.s(`" r="2.5"/>`)
	}
	w.s(`</svg>`)
	return w.b
}

// HTML is SVG for html/template; every text in it is escaped.
func (s Sparkline) HTML() template.HTML { return template.HTML(s.SVG()) }

// summary is the sparkline's accessible name: its title, then the last
// value and date, where it started, and the trend.
func (s Sparkline) summary(ps []Point, found bool, last Point) string {
	var b strings.Builder
	b.WriteString(s.Title)
	if s.Title != "" {
		b.WriteString(": ")
	}
	if !found {
		b.WriteString("no data")
		return b.String()
	}
	v := func(x float64) string { return withUnit(formatValue(x), s.Unit) }
	b.WriteString("last " + v(last.V) + " on " + dayText(last.T))
	n := 0
	var first Point
	for _, p := range ps {
		if finite(p.V) {
			if n == 0 {
				first = p
			}
			n++
		}
	}
	if n > 1 {
		b.WriteString(", from " + v(first.V) + " on " + dayText(first.T) + " (" + strconv.Itoa(n) + " values); trend " + trendWords(trend(ps), s.Better))
	}
	return b.String()
}
