package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Bars is a horizontal bar chart: one labelled bar per value, drawn in the
// order given (callers sort, since only they know whether "largest first"
// or an order of their own tells the story). Labels sit left of the bars,
// each value is written at the end of its bar, and a value axis with ticks
// runs along the bottom. It suits named categories with long names, such
// as the values a collective's members rank.
type Bars struct {
	Title string // the chart's accessible name; also the table caption
	Unit  string // after values in words and in the table, e.g. "people"
	Bars  []Bar
	// LabelHeader and ValueHeader head the table's columns ("Label" and
	// "Value" when empty); DetailHeader heads a third column of each bar's
	// Detail, shown only when some bar has one.
	LabelHeader, ValueHeader, DetailHeader string
	// Width sets the viewBox width (default 640); the height follows from
	// the number of bars. The picture scales to its container.
	Width int
	// ID prefixes the ids of the title and description; by default it is
	// derived from the content (see Line.ID).
	ID string
}

// Bar is one bar. A non-finite Value is "no data": the row keeps its label
// and says so instead of drawing a bar.
type Bar struct {
	Label  string
	Value  float64
	Detail string // more about the bar for the table, e.g. "4 rank it first"
}

const (
	barRow       = 26.0 // height of one bar's row
	barThickness = 16.0
	barLabelMax  = 0.4 // labels take at most this share of the width
	barDescribed = 10  // bars named one by one in the description
)

// barsPlot is the geometry of one rendering.
type barsPlot struct {
	w, h       float64
	left, pw   float64 // the plot area: where zero and the ticks are
	top        float64
	v0, v1     float64
	ticks      []float64
	step       float64
	labelChars int // labels longer than this are cut with an ellipsis
	empty      bool
}

func (c Bars) plot() *barsPlot {
	p := &barsPlot{w: defaultWidth, top: 8}
	if c.Width > 0 {
		p.w = float64(max(c.Width, 200))
	}
	lo, hi := 0.0, 0.0
	longest := 0
	found := false
	for _, b := range c.Bars {
		longest = max(longest, len([]rune(b.Label)))
		if finite(b.Value) {
			lo, hi, found = min(lo, b.Value), max(hi, b.Value), true
		}
	}
	p.empty = !found
	p.h = p.top + float64(max(len(c.Bars), 1))*barRow + 30
	maxLabel := p.w * barLabelMax
	p.labelChars = max(int(maxLabel/charWidth), 4)
	p.left = math.Round(min(float64(longest)*charWidth, maxLabel) + 12)
	if p.empty {
		p.pw = p.w - p.left - 8
		return p
	}
	if hi == lo {
		hi = lo + 1 // all zero: an axis from 0 to 1 still reads
	}
	p.ticks, p.step = NiceTicks(lo, hi, min(max(int((p.w-p.left)/90), 2), 6))
	p.v0, p.v1 = p.ticks[0], p.ticks[len(p.ticks)-1]
	// Room right of the longest bar for its value.
	valueW := 0.0
	for _, b := range c.Bars {
		valueW = max(valueW, float64(len(c.valueText(b.Value)))*charWidth)
	}
	p.pw = p.w - p.left - valueW - 16
	return p
}

func (p *barsPlot) x(v float64) float64 { return p.left + (v-p.v0)/(p.v1-p.v0)*p.pw }

// valueText is a bar's value as written at its end: the number alone, the
// unit being in the title and the table.
func (c Bars) valueText(v float64) string {
	if !finite(v) {
		return "no data"
	}
	return formatValue(v)
}

// SVG renders the chart. It never fails: a bar without a finite value says
// "no data", and a chart with no bars says "No data".
func (c Bars) SVG() []byte {
	p := c.plot()
	w := &svgw{b: make([]byte, 0, 2048+len(c.Bars)*256)}
	desc := c.describe()
	c.open(w, p, desc)
	if p.empty && len(c.Bars) == 0 {
		w.s(`<text class="empty" x="`)
		w.n(p.w / 2)
		w.s(`" y="`)
		w.n(p.top + barRow/2)
		w.s(`" dy=".32em" text-anchor="middle" fill="` + inkColor + `">No data</text></svg>`)
		return w.b
	}
	if !p.empty {
		c.drawBarAxis(w, p)
	}
	color := styleOf(0).color
	for i, b := range c.Bars {
		cy := p.top + (float64(i)+0.5)*barRow
		w.s(`<g class="bar"><title>`)
		w.e(b.Label + ": " + withUnit(c.valueText(b.Value), c.unitFor(b.Value)))
		w.s(`</title><text x="`)
		w.n(p.left - 8)
		w.s(`" y="`)
		w.n(cy)
		w.s(`" dy=".32em" text-anchor="end" fill="` + inkColor + `">`)
		w.e(cut(b.Label, p.labelChars))
		w.s(`</text>`)
		end := p.left
		if finite(b.Value) && !p.empty {
			x0, x1 := p.x(min(0, b.Value)), p.x(max(0, b.Value))
			w.s(`<rect fill="` + color + `" x="`)
			w.n(x0)
			w.s(`" y="`)
			w.n(cy - barThickness/2)
			w.s(`" width="`)
			w.n(max(x1-x0, 1))
			w.s(`" height="`)
			w.n(barThickness)
			w.s(`"/>`)
			end = max(x1, p.x(0))
		}
		w.s(`<text class="value" x="`)
		w.n(end + 6)
		w.s(`" y="`)
		w.n(cy)
		w.s(`" dy=".32em" fill="` + inkColor + `">`)
		w.e(c.valueText(b.Value))
		w.s(`</text></g>`)
	}
	w.s("</svg>")
	return w.b
}

// HTML is SVG for html/template; every text in it is escaped.
func (c Bars) HTML() template.HTML { return template.HTML(c.SVG()) }

func (c Bars) open(w *svgw, p *barsPlot, desc string) {
	openSVG(w, c.ID, "chart-bars", c.Title, desc, p.w, p.h)
}

// drawBarAxis draws the vertical gridlines, the baseline at zero and the
// tick labels under the bars.
func (c Bars) drawBarAxis(w *svgw, p *barsPlot) {
	bottom := p.top + float64(len(c.Bars))*barRow
	w.s(`<path class="grid" fill="none" stroke="` + gridColor + `" d="`)
	for _, v := range p.ticks {
		w.s("M")
		w.n(p.x(v))
		w.s(" ")
		w.n(p.top)
		w.s("V")
		w.n(bottom)
	}
	w.s(`"/><path class="axis" fill="none" stroke="` + axisColor + `" d="M`)
	w.n(p.x(0))
	w.s(" ")
	w.n(p.top)
	w.s("V")
	w.n(bottom)
	w.s("M")
	w.n(p.left)
	w.s(" ")
	w.n(bottom)
	w.s("H")
	w.n(p.left + p.pw)
	w.s(`"/><g class="x-ticks" text-anchor="middle" fill="` + inkColor + `">`)
	d := decimalsFor(p.step)
	for _, v := range p.ticks {
		w.s(`<text x="`)
		w.n(p.x(v))
		w.s(`" y="`)
		w.n(bottom + 18)
		w.s(`">`)
		w.e(formatFixed(v, d))
		w.s(`</text>`)
	}
	w.s(`</g>`)
}

// unitFor is the unit after a value in words: none after "no data".
func (c Bars) unitFor(v float64) string {
	if !finite(v) {
		return ""
	}
	return c.Unit
}

// describe says the chart in words: how many bars, then the first ten
// with their values in the chart's order, and how many more the table
// holds.
func (c Bars) describe() string {
	if len(c.Bars) == 0 {
		return "No data."
	}
	var b strings.Builder
	if len(c.Bars) == 1 {
		b.WriteString("1 bar: ")
	} else {
		b.WriteString(strconv.Itoa(len(c.Bars)) + " bars: ")
	}
	for i, bar := range c.Bars[:min(len(c.Bars), barDescribed)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(bar.Label + " " + withUnit(c.valueText(bar.Value), c.unitFor(bar.Value)))
	}
	b.WriteByte('.')
	if n := len(c.Bars) - barDescribed; n > 0 {
		b.WriteString(" " + strconv.Itoa(n) + " more in the table.")
	}
	return b.String()
}

// Table returns the chart's data as rows of text, in the chart's order:
// the label, the value with its unit, and the detail when any bar has one.
func (c Bars) Table() Table {
	t := Table{Caption: c.Title, Headers: []string{orDefault(c.LabelHeader, "Label"), orDefault(c.ValueHeader, "Value")}}
	details := false
	for _, b := range c.Bars {
		details = details || b.Detail != ""
	}
	if details {
		t.Headers = append(t.Headers, orDefault(c.DetailHeader, "Detail"))
	}
	for _, b := range c.Bars {
		row := []string{b.Label, withUnit(c.valueText(b.Value), c.unitFor(b.Value))}
		if details {
			row = append(row, b.Detail)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cut shortens s to at most n characters, ending with an ellipsis when it
// had to cut: the full label is in the bar's title and in the table.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
