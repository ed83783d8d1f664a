package chart

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"time"
)

// Line is a time-series chart for an indicator: one or more series (the
// actual values, and others for a breakdown to compare), labelled
// horizontal references (baseline, target level), an optional target point
// and an optional forecast with its prediction band. The zero value of
// every optional field leaves that part out.
type Line struct {
	Title      string // the chart's accessible name; also the table caption
	Unit       string // shown above the value axis and after values in words
	Better     Direction
	Series     []Series
	References []Reference
	Target     *Target
	Forecast   *Forecast
	// Width and Height set the viewBox (default 640 × 320); the picture
	// scales to its container's width, so they set proportions and how
	// large text is relative to the plot, not a size on the page.
	Width, Height int
	// ID prefixes the ids of the title and description. By default it is
	// derived from the content; set it when one page shows two charts with
	// the same title and data, as ids must be unique.
	ID string
}

const (
	defaultWidth, defaultHeight = 640, 320
	markerLimit                 = 60 // above this many points per series, markers would blur into the line
	markerRadius                = 3.5
	legendRow                   = 18
)

// linePlot is the geometry of one rendering, worked out before any output
// so that the description, the table and the picture agree.
type linePlot struct {
	w, h              float64
	left, top, pw, ph float64
	t0, t1            float64 // time domain in Unix seconds
	y0, y1            float64 // value domain, the outer ticks
	yticks            []float64
	ystep             float64
	xticks            []TimeTick
	series            [][]Point // each series sorted by time
	maxGaps           []time.Duration
	forecast          []BandPoint
	legend            []legendItem
	empty             bool
}

type legendKind int

const (
	legendSeries legendKind = iota
	legendForecast
	legendBand
	legendTarget
)

type legendItem struct {
	kind  legendKind
	index int
	label string
	x, y  float64
}

// SVG renders the chart. It never fails: non-finite values are gaps, and a
// chart with no values at all says so in the picture and in its
// description.
func (l Line) SVG() []byte {
	p := l.plot()
	w := &svgw{b: make([]byte, 0, 4096+l.pointCount()*24)}
	desc := l.describe(p)
	l.open(w, p, desc)
	if p.empty {
		w.s(`<text class="empty" x="`)
		w.n(p.left + p.pw/2)
		w.s(`" y="`)
		w.n(p.top + p.ph/2)
		w.s(`" text-anchor="middle" fill="` + inkColor + `">No data</text>`)
	} else {
		l.drawAxes(w, p)
		l.drawForecastBand(w, p)
		l.drawReferences(w, p)
		for i := range p.series {
			drawSeries(w, p, i)
		}
		l.drawForecastLine(w, p)
		l.drawTarget(w, p)
	}
	drawLegend(w, p)
	w.s("</svg>")
	return w.b
}

// HTML is SVG as a value html/template inserts unescaped; it is safe
// because every text in it is escaped when rendered.
func (l Line) HTML() template.HTML { return template.HTML(l.SVG()) }

func (l Line) pointCount() int {
	n := 0
	for _, s := range l.Series {
		n += len(s.Points)
	}
	if l.Forecast != nil {
		n += 3 * len(l.Forecast.Points)
	}
	return n
}

func (l Line) open(w *svgw, p *linePlot, desc string) {
	openSVG(w, l.ID, "chart-line", l.Title, desc, p.w, p.h)
}

// plot sorts the data, finds the domains and ticks, and lays out margins
// and the legend.
func (l Line) plot() *linePlot {
	p := &linePlot{w: defaultWidth, h: defaultHeight}
	if l.Width > 0 {
		p.w = float64(max(l.Width, 160))
	}
	if l.Height > 0 {
		p.h = float64(max(l.Height, 120))
	}
	vlo, vhi := math.Inf(1), math.Inf(-1)
	tlo, thi := math.Inf(1), math.Inf(-1)
	val := func(v float64) {
		if finite(v) {
			vlo, vhi = min(vlo, v), max(vhi, v)
		}
	}
	tim := func(t time.Time) {
		s := float64(t.Unix())
		tlo, thi = min(tlo, s), max(thi, s)
	}
	p.series = make([][]Point, len(l.Series))
	p.maxGaps = make([]time.Duration, len(l.Series))
	for i, s := range l.Series {
		p.series[i] = sortedPoints(s.Points)
		p.maxGaps[i] = s.MaxGap
		for _, pt := range s.Points {
			val(pt.V)
			tim(pt.T)
		}
	}
	for _, r := range l.References {
		val(r.Value)
	}
	if l.Target != nil && finite(l.Target.Value) {
		val(l.Target.Value)
		tim(l.Target.T)
	}
	if l.Forecast != nil {
		p.forecast = slices.Clone(l.Forecast.Points)
		slices.SortStableFunc(p.forecast, func(a, b BandPoint) int { return a.T.Compare(b.T) })
		for _, b := range p.forecast {
			val(b.V)
			val(b.Lo)
			val(b.Hi)
			tim(b.T)
		}
	}
	p.empty = !(vlo <= vhi)
	p.legend = l.legendItems(p)
	rows := layoutLegend(p.legend, p.w)
	p.top = 30
	p.ph = p.h - p.top - 36 - float64(rows)*legendRow
	if p.empty {
		p.left, p.pw = 8, p.w-16
		return p
	}
	p.yticks, p.ystep = NiceTicks(vlo, vhi, min(max(int(p.ph/45)+1, 3), 7))
	p.y0, p.y1 = p.yticks[0], p.yticks[len(p.yticks)-1]
	labelW := 0.0
	for _, v := range p.yticks {
		labelW = max(labelW, float64(len(formatFixed(v, decimalsFor(p.ystep))))*charWidth)
	}
	p.left = math.Round(max(labelW+14, 32))
	p.pw = p.w - p.left - 20
	// A point at the very end of the axis would sit on it with half its
	// marker outside; a little room either side avoids that. Under two days
	// the span is widened so a single day still has an axis to sit on.
	if thi-tlo < 2*86400 {
		c := (tlo + thi) / 2
		tlo, thi = c-86400, c+86400
	}
	pad := (thi - tlo) * 0.02
	p.t0, p.t1 = tlo-pad, thi+pad
	p.xticks = TimeTicks(time.Unix(int64(math.Ceil(p.t0)), 0), time.Unix(int64(p.t1), 0), max(int(p.pw/90), 2))
	for i := range p.legend {
		p.legend[i].y += p.top + p.ph + 38
	}
	return p
}

func (p *linePlot) x(t time.Time) float64 {
	return p.left + (float64(t.Unix())-p.t0)/(p.t1-p.t0)*p.pw
}

func (p *linePlot) y(v float64) float64 {
	return p.top + (p.y1-v)/(p.y1-p.y0)*p.ph
}

// sortedPoints returns ps ordered by time, copying only when it must:
// most callers already pass sorted data.
func sortedPoints(ps []Point) []Point {
	if slices.IsSortedFunc(ps, func(a, b Point) int { return a.T.Compare(b.T) }) {
		return ps
	}
	c := slices.Clone(ps)
	slices.SortStableFunc(c, func(a, b Point) int { return a.T.Compare(b.T) })
	return c
}

func (l Line) legendItems(p *linePlot) []legendItem {
	var items []legendItem
	for i, s := range l.Series {
		items = append(items, legendItem{kind: legendSeries, index: i, label: seriesName(s, i)})
	}
	if l.Forecast != nil && len(l.Forecast.Points) > 0 {
		items = append(items, legendItem{kind: legendForecast, label: l.forecastName()})
		if hasBand(l.Forecast.Points) {
			items = append(items, legendItem{kind: legendBand, label: l.bandName()})
		}
	}
	if l.Target != nil && finite(l.Target.Value) {
		items = append(items, legendItem{kind: legendTarget, label: "Target"})
	}
	return items
}

// layoutLegend places items left to right, wrapping at the width, and
// returns the number of rows; y is relative to the legend's first row.
func layoutLegend(items []legendItem, width float64) int {
	if len(items) == 0 {
		return 0
	}
	x, row := 8.0, 0
	for i := range items {
		iw := 30 + float64(len([]rune(items[i].label)))*charWidth + 16
		if x > 8 && x+iw > width-8 {
			x, row = 8, row+1
		}
		items[i].x, items[i].y = x, float64(row)*legendRow
		x += iw
	}
	return row + 1
}

func seriesName(s Series, i int) string {
	if s.Name != "" {
		return s.Name
	}
	return "Series " + strconv.Itoa(i+1)
}

func (l Line) forecastName() string {
	if l.Forecast != nil && l.Forecast.Name != "" {
		return l.Forecast.Name
	}
	return "Forecast"
}

func (l Line) bandName() string {
	if l.Forecast != nil && l.Forecast.BandName != "" {
		return l.Forecast.BandName
	}
	return "80% prediction interval"
}

func hasBand(ps []BandPoint) bool {
	for _, b := range ps {
		if finite(b.Lo) && finite(b.Hi) {
			return true
		}
	}
	return false
}
