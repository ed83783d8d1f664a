package chart

// The look is fixed here rather than in page CSS so a chart reads the same
// on screen, in print and when saved on its own. Every colour that carries
// meaning has at least 3:1 contrast on white (WCAG 2.2 SC 1.4.11, checked
// in style_test.go), and every series has a second cue besides colour: a
// dash pattern and a marker shape.

const (
	fontSize   = 12
	fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
	charWidth  = 6.8 // average advance of a 12px sans-serif glyph, for layout guesses

	inkColor   = "#1a1a1a" // text
	axisColor  = "#595959" // axes, references; 7:1 on white
	gridColor  = "#e3e3e3" // gridlines are decoration: tick labels carry the values
	bandColor  = "#dbe6f3" // fill of the prediction band, decoration
	bandEdge   = "#767676" // the band's edges carry it: 4.5:1 on white
	haloColor  = "#ffffff" // behind labels drawn over lines
	forecastDa = "6 4"
)

// seriesStyle is how one series is told apart.
type seriesStyle struct {
	color  string
	dash   string // stroke-dasharray; "" is solid
	marker markerShape
}

type markerShape int

const (
	circle markerShape = iota
	square
	triangle
	diamond
)

// seriesStyles are taken in turn; a chart with more series than this
// repeats them, which a legend and the table still disambiguate.
var seriesStyles = []seriesStyle{
	{color: "#1f5fa8", marker: circle},                    // blue, 6.6:1
	{color: "#b3461e", dash: "2 3", marker: square},       // burnt orange, 5.3:1
	{color: "#2e7d32", dash: "8 3 2 3", marker: triangle}, // green, 5.1:1
	{color: "#6a3d9a", dash: "12 4", marker: diamond},     // purple, 8.2:1
	{color: "#4d4d4d", dash: "4 2", marker: circle},       // grey, 8.5:1
	{color: "#a3236b", dash: "1 2", marker: square},       // plum, 6.7:1
}

func styleOf(i int) seriesStyle { return seriesStyles[i%len(seriesStyles)] }

// marker adds a marker of shape m centred on x, y as a closed subpath,
// so all markers of a series go into one <path> element.
func (w *svgw) marker(m markerShape, x, y, r float64) {
	switch m {
	case square:
		w.s("M")
		w.n(x - r)
		w.s(" ")
		w.n(y - r)
		w.s("h")
		w.n(2 * r)
		w.s("v")
		w.n(2 * r)
		w.s("h")
		w.n(-2 * r)
		w.s("z")
	case triangle:
		r *= 1.2
		w.s("M")
		w.n(x)
		w.s(" ")
		w.n(y - r)
		w.s("L")
		w.n(x + r)
		w.s(" ")
		w.n(y + r*0.8)
		w.s("H")
		w.n(x - r)
		w.s("z")
	case diamond:
		r *= 1.3
		w.s("M")
		w.n(x)
		w.s(" ")
		w.n(y - r)
		w.s("L")
		w.n(x + r)
		w.s(" ")
		w.n(y)
		w.s(" ")
		w.n(x)
		w.s(" ")
		w.n(y + r)
		w.s(" ")
		w.n(x - r)
		w.s(" ")
		w.n(y)
		w.s("z")
	default:
		w.s("M")
		w.n(x - r)
		w.s(" ")
		w.n(y)
		w.s("a")
		w.n(r)
		w.s(" ")
		w.n(r)
		w.s(" 0 1 0 ")
		w.n(2 * r)
		w.s(" 0a")
		w.n(r)
		w.s(" ")
		w.n(r)
		w.s(" 0 1 0 ")
		w.n(-2 * r)
		w.s(" 0z")
	}
}
