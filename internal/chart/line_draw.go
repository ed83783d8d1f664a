package chart

import (
	"strconv"
	"time"
)

func (l Line) drawAxes(w *svgw, p *linePlot) {
	if l.Unit != "" {
		w.s(`<text class="unit" x="8" y="14" fill="` + inkColor + `">`)
		w.e(l.Unit)
		w.s(`</text>`)
	}
	w.s(`<path class="grid" fill="none" stroke="` + gridColor + `" d="`)
	for _, v := range p.yticks {
		w.s("M")
		w.n(p.left)
		w.s(" ")
		w.n(p.y(v))
		w.s("H")
		w.n(p.left + p.pw)
	}
	w.s(`"/><g class="y-ticks" text-anchor="end" fill="` + inkColor + `">`)
	d := decimalsFor(p.ystep)
	for _, v := range p.yticks {
		w.s(`<text x="`)
		w.n(p.left - 6)
		w.s(`" y="`)
		w.n(p.y(v))
		w.s(`" dy=".32em">`)
		w.e(formatFixed(v, d))
		w.s(`</text>`)
	}
	base := p.top + p.ph
	w.s(`</g><path class="axis" fill="none" stroke="` + axisColor + `" d="M`)
	w.n(p.left)
	w.s(" ")
	w.n(base)
	w.s("H")
	w.n(p.left + p.pw)
	for _, t := range p.xticks {
		w.s("M")
		w.n(p.x(t.T))
		w.s(" ")
		w.n(base)
		w.s("v5")
	}
	w.s(`"/><g class="x-ticks" fill="` + inkColor + `">`)
	for _, t := range p.xticks {
		x := p.x(t.T)
		half := float64(len(t.Label)) * charWidth / 2
		w.s(`<text x="`)
		w.n(x)
		w.s(`" y="`)
		w.n(base + 18)
		// Labels near the edges are anchored at their end so they stay
		// inside the picture.
		switch {
		case x+half > p.w-2:
			w.s(`" text-anchor="end">`)
		case x-half < 2:
			w.s(`" text-anchor="start">`)
		default:
			w.s(`" text-anchor="middle">`)
		}
		w.e(t.Label)
		w.s(`</text>`)
	}
	w.s(`</g>`)
}

// drawForecastBand shades each run of points that have both interval ends,
// and outlines it: the pale fill alone would fall short of 3:1 contrast.
func (l Line) drawForecastBand(w *svgw, p *linePlot) {
	fs := p.forecast
	for i := 0; i < len(fs); {
		if !finite(fs[i].Lo) || !finite(fs[i].Hi) {
			i++
			continue
		}
		j := i
		for j < len(fs) && finite(fs[j].Lo) && finite(fs[j].Hi) {
			j++
		}
		run := fs[i:j]
		w.s(`<path class="band" fill="` + bandColor + `" stroke="none" d="M`)
		for k, b := range run {
			if k > 0 {
				w.s(" ")
			}
			w.n(p.x(b.T))
			w.s(" ")
			w.n(p.y(b.Hi))
		}
		for k := len(run) - 1; k >= 0; k-- {
			w.s(" ")
			w.n(p.x(run[k].T))
			w.s(" ")
			w.n(p.y(run[k].Lo))
		}
		w.s(`z"/><path class="band-edge" fill="none" stroke="` + bandEdge + `" d="M`)
		for k, b := range run {
			if k > 0 {
				w.s(" ")
			}
			w.n(p.x(b.T))
			w.s(" ")
			w.n(p.y(b.Hi))
		}
		w.s("M")
		for k, b := range run {
			if k > 0 {
				w.s(" ")
			}
			w.n(p.x(b.T))
			w.s(" ")
			w.n(p.y(b.Lo))
		}
		w.s(`"/>`)
		i = j
	}
}

func (l Line) drawReferences(w *svgw, p *linePlot) {
	for _, r := range l.References {
		if !finite(r.Value) {
			continue
		}
		y := p.y(r.Value)
		w.s(`<path class="reference" fill="none" stroke="` + axisColor + `" stroke-dasharray="4 3" d="M`)
		w.n(p.left)
		w.s(" ")
		w.n(y)
		w.s("H")
		w.n(p.left + p.pw)
		text := withUnit(formatValue(r.Value), l.Unit)
		if r.Label != "" {
			text = r.Label + " " + text
		}
		// Above the line unless that would leave the plot.
		ly := y - 5
		if ly < p.top+fontSize {
			ly = y + fontSize + 3
		}
		// At the right end, where the eye meets the latest values, unless
		// the target's diamond sits there (it usually does: the target date
		// is the last date on the axis).
		anchor, lx := "end", p.left+p.pw-4
		if l.Target != nil && finite(l.Target.Value) {
			tx, ty := p.x(l.Target.T), p.y(l.Target.Value)
			tw := float64(len([]rune(text)))*charWidth + 8
			if tx > lx-tw && ty > ly-fontSize-6 && ty < ly+8 {
				anchor, lx = "start", p.left+4
			}
		}
		w.s(`"/><text class="reference-label" x="`)
		w.n(lx)
		w.s(`" y="`)
		w.n(ly)
		w.s(`" text-anchor="` + anchor + `" fill="` + inkColor + `" stroke="` + haloColor + `" stroke-width="3" paint-order="stroke">`)
		w.e(text)
		w.s(`</text>`)
	}
}

// runs calls f for each stretch of a series with no gap in it: a gap is a
// non-finite value or, with maxGap, too long a time between two points.
func runs(ps []Point, maxGap time.Duration, f func(run []Point)) {
	for i := 0; i < len(ps); {
		if !finite(ps[i].V) {
			i++
			continue
		}
		j := i + 1
		for j < len(ps) && finite(ps[j].V) && (maxGap <= 0 || ps[j].T.Sub(ps[j-1].T) <= maxGap) {
			j++
		}
		f(ps[i:j])
		i = j
	}
}

func drawSeries(w *svgw, p *linePlot, i int) {
	st := styleOf(i)
	ps := p.series[i]
	gap := p.maxGaps[i]
	n := 0
	for _, pt := range ps {
		if finite(pt.V) {
			n++
		}
	}
	w.s(`<path class="series series-`)
	w.s(strconv.Itoa(i))
	w.s(`" fill="none" stroke="` + st.color + `" stroke-width="2" stroke-linejoin="round"`)
	if st.dash != "" {
		w.s(` stroke-dasharray="` + st.dash + `"`)
	}
	w.s(` d="`)
	runs(ps, gap, func(run []Point) {
		if len(run) < 2 {
			return
		}
		w.s("M")
		for k, pt := range run {
			if k == 1 {
				w.s("L")
			} else if k > 1 {
				w.s(" ")
			}
			w.n(p.x(pt.T))
			w.s(" ")
			w.n(p.y(pt.V))
		}
	})
	w.s(`"/><path class="markers series-`)
	w.s(strconv.Itoa(i))
	w.s(`" fill="` + st.color + `" d="`)
	// A lone point between gaps has no line to show it, so it always gets
	// its marker.
	runs(ps, gap, func(run []Point) {
		if n > markerLimit && len(run) > 1 {
			return
		}
		for _, pt := range run {
			w.marker(st.marker, p.x(pt.T), p.y(pt.V), markerRadius)
		}
	})
	w.s(`"/>`)
}

func (l Line) drawForecastLine(w *svgw, p *linePlot) {
	if len(p.forecast) == 0 {
		return
	}
	pts := make([]Point, len(p.forecast))
	for i, b := range p.forecast {
		pts[i] = Point{T: b.T, V: b.V}
	}
	color := styleOf(0).color
	w.s(`<path class="forecast" fill="none" stroke="` + color + `" stroke-width="2" stroke-dasharray="` + forecastDa + `" stroke-linecap="round" d="`)
	runs(pts, 0, func(run []Point) {
		w.s("M")
		for k, pt := range run {
			if k == 1 {
				w.s("L")
			} else if k > 1 {
				w.s(" ")
			}
			w.n(p.x(pt.T))
			w.s(" ")
			w.n(p.y(pt.V))
		}
		if len(run) == 1 {
			w.s("h0.01") // a one-point forecast still shows as a dot
		}
	})
	w.s(`"/>`)
}

func (l Line) drawTarget(w *svgw, p *linePlot) {
	if l.Target == nil || !finite(l.Target.Value) {
		return
	}
	w.s(`<path class="target" fill="` + haloColor + `" stroke="` + inkColor + `" stroke-width="2" d="`)
	w.marker(diamond, p.x(l.Target.T), p.y(l.Target.Value), 4.5)
	w.s(`"/>`)
}

func drawLegend(w *svgw, p *linePlot) {
	if len(p.legend) == 0 {
		return
	}
	w.s(`<g class="legend" fill="` + inkColor + `">`)
	for _, it := range p.legend {
		x, y := it.x, it.y
		switch it.kind {
		case legendSeries:
			st := styleOf(it.index)
			w.s(`<path fill="none" stroke="` + st.color + `" stroke-width="2"`)
			if st.dash != "" {
				w.s(` stroke-dasharray="` + st.dash + `"`)
			}
			w.s(` d="M`)
			w.n(x)
			w.s(" ")
			w.n(y)
			w.s("h24")
			w.s(`"/><path fill="` + st.color + `" d="`)
			w.marker(st.marker, x+12, y, markerRadius)
			w.s(`"/>`)
		case legendForecast:
			w.s(`<path fill="none" stroke="` + styleOf(0).color + `" stroke-width="2" stroke-dasharray="` + forecastDa + `" d="M`)
			w.n(x)
			w.s(" ")
			w.n(y)
			w.s(`h24"/>`)
		case legendBand:
			w.s(`<rect fill="` + bandColor + `" stroke="` + bandEdge + `" x="`)
			w.n(x)
			w.s(`" y="`)
			w.n(y - 6)
			w.s(`" width="24" height="12"/>`)
		case legendTarget:
			w.s(`<path fill="` + haloColor + `" stroke="` + inkColor + `" stroke-width="2" d="`)
			w.marker(diamond, x+12, y, 4.5)
			w.s(`"/>`)
		}
		w.s(`<text x="`)
		w.n(x + 30)
		w.s(`" y="`)
		w.n(y)
		w.s(`" dy=".32em">`)
		w.e(it.label)
		w.s(`</text>`)
	}
	w.s(`</g>`)
}
