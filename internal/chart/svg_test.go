package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// svgDoc is what a test reads back out of a rendering with encoding/xml.
type svgDoc struct {
	root  map[string]string   // attributes of <svg>
	title string              // text of the first <title>
	desc  string              // text of the first <desc>
	elems []map[string]string // every element's attributes, with "" holding its name and "#text" its text
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var doc svgDoc
	var stack []map[string]string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			m := map[string]string{"": tok.Name.Local}
			for _, a := range tok.Attr {
				m[a.Name.Local] = a.Value
			}
			if doc.root == nil {
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root is %v, not an SVG <svg>", tok.Name)
				}
				doc.root = m
			}
			doc.elems = append(doc.elems, m)
			stack = append(stack, m)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1]["#text"] += string(tok)
			}
		case xml.EndElement:
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if m[""] == "title" && doc.title == "" {
				doc.title = m["#text"]
			}
			if m[""] == "desc" && doc.desc == "" {
				doc.desc = m["#text"]
			}
		}
	}
	return doc
}

func (d svgDoc) byClass(class string) []map[string]string {
	var out []map[string]string
	for _, e := range d.elems {
		if slices.Contains(strings.Fields(e["class"]), class) {
			out = append(out, e)
		}
	}
	return out
}

func TestAccessibleNameAndDescription(t *testing.T) {
	want := map[string][]string{
		"year-forecast": {"Actual: 12 values from 31 Jan 2025 to 31 Dec 2025", "first 41.2%", "last 48.6%",
			"trend rising, an improvement as higher is better", "Baseline: 40%", "Target: 55% by 31 Dec 2026",
			"Forecast: 56.0% on 31 Dec 2026 (80% prediction interval 52.9 to 59.2%)"},
		"breakdown":       {"North: 12 values", "South: 12 values", "East: 12 values", "last 99 children"},
		"gaps":            {"Hours: 8 values", "The data has gaps."},
		"single-point":    {"Partners: one value, 7 on 30 Sep 2025."},
		"all-equal":       {"first 4 seats, last 4 seats; overall trend flat."},
		"negative":        {"first -35 homes", "lowest -35 homes on 31 Jan 2025, highest 30 homes on 31 Aug 2025", "trend rising, an improvement"},
		"lower-is-better": {"first 212 per 100,000", "last 149 per 100,000", "trend falling, an improvement as lower is better", "Target: 120 per 100,000 by 30 Jun 2025"},
		"empty":           {"No data."},
		"escaped":         {`A&B <team> "x": 3 values`, `<&">: 2.5 <&">.`},
	}
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			d := parseSVG(t, c.line.SVG())
			if d.root["role"] != "img" {
				t.Errorf("role = %q, want img", d.root["role"])
			}
			if d.title != c.line.Title {
				t.Errorf("title = %q, want %q", d.title, c.line.Title)
			}
			for _, w := range want[c.name] {
				if !strings.Contains(d.desc, w) {
					t.Errorf("desc lacks %q:\n%s", w, d.desc)
				}
			}
			// aria-labelledby and -describedby must name the title and desc.
			ids := map[string]string{}
			for _, e := range d.elems {
				if e["id"] != "" {
					ids[e["id"]] = e[""]
				}
			}
			if ids[d.root["aria-labelledby"]] != "title" || ids[d.root["aria-describedby"]] != "desc" {
				t.Errorf("aria-labelledby %q / aria-describedby %q do not name the title and desc (ids %v)",
					d.root["aria-labelledby"], d.root["aria-describedby"], ids)
			}
			if d.root["width"] != "100%" || d.root["viewBox"] != "0 0 640 320" || d.root["height"] != "" {
				t.Errorf("svg should scale to its container: width %q height %q viewBox %q", d.root["width"], d.root["height"], d.root["viewBox"])
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	l := goldenCases[len(goldenCases)-1].line
	l.Title = "Jobs <&\"'> \x00\x1b\xff end"
	l.ID = `x"><script>`
	b := l.SVG()
	if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("<&")) {
		t.Fatalf("unescaped text in output:\n%s", b)
	}
	d := parseSVG(t, b)
	if want := "Jobs <&\"'> \uFFFD\uFFFD\uFFFD end"; d.title != want {
		t.Errorf("title read back as %q, want %q", d.title, want)
	}
	var texts []string
	for _, e := range d.elems {
		if e[""] == "text" {
			texts = append(texts, e["#text"])
		}
	}
	for _, w := range []string{`<&">`, `A&B <team> "x"`, `<&"> 2.5 <&">`} {
		if !slices.Contains(texts, w) {
			t.Errorf("no <text> reads %q; texts are %q", w, texts)
		}
	}
	s := Sparkline{Title: `<b>&"`, Points: []Point{{day(2025, 1, 1), 1}}}
	if d := parseSVG(t, s.SVG()); !strings.HasPrefix(d.title, `<b>&": last 1`) {
		t.Errorf("sparkline title read back as %q", d.title)
	}
}

// TestCurvePassesThroughData reads the picture the way a person would: the
// tick labels and their positions fix the scales, and every vertex of each
// series, mapped back through them, must land on its data point.
func TestCurvePassesThroughData(t *testing.T) {
	for _, name := range []string{"year-forecast", "breakdown", "negative", "lower-is-better"} {
		var l Line
		for _, c := range goldenCases {
			if c.name == name {
				l = c.line
			}
		}
		d := parseSVG(t, l.SVG())
		var yv, yp []float64
		var xd []time.Time
		var xp []float64
		inY, inX := false, false
		for _, e := range d.elems {
			switch {
			case e["class"] == "y-ticks":
				inY, inX = true, false
			case e["class"] == "x-ticks":
				inY, inX = false, true
			case e[""] != "text":
				inY, inX = false, false
			case inY:
				v, _ := strconv.ParseFloat(strings.ReplaceAll(e["#text"], ",", ""), 64)
				yv, yp = append(yv, v), append(yp, num(t, e["y"]))
			case inX:
				xd, xp = append(xd, tickDate(t, e["#text"], xd)), append(xp, num(t, e["x"]))
			}
		}
		if len(yv) < 2 || len(xd) < 2 {
			t.Fatalf("%s: too few ticks read: %v %v", name, yv, xd)
		}
		val := func(py float64) float64 { return yv[0] + (py-yp[0])*(yv[len(yv)-1]-yv[0])/(yp[len(yp)-1]-yp[0]) }
		tim := func(px float64) float64 {
			a, b := float64(xd[0].Unix()), float64(xd[len(xd)-1].Unix())
			return a + (px-xp[0])*(b-a)/(xp[len(xp)-1]-xp[0])
		}
		paths := d.byClass("series")
		for i, s := range l.Series {
			pts := pathPoints(t, paths[i]["d"])
			if len(pts) != len(s.Points) {
				t.Fatalf("%s series %d: %d vertices for %d points", name, i, len(pts), len(s.Points))
			}
			vTol := 0.02 * (yv[len(yv)-1] - yv[0]) / (yp[0] - yp[len(yp)-1]) // a hundredth of a unit, doubled
			for k, p := range pts {
				if got := val(p[1]); math.Abs(got-s.Points[k].V) > vTol {
					t.Errorf("%s series %d point %d: the picture says %.4f, the data %v", name, i, k, got, s.Points[k].V)
				}
				if got := tim(p[0]); math.Abs(got-float64(s.Points[k].T.Unix())) > 3600*3 {
					t.Errorf("%s series %d point %d: the picture says %v, the data %v", name, i, k, time.Unix(int64(got), 0).UTC(), s.Points[k].T)
				}
			}
		}
	}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// tickDate reads a tick label back into a date, taking the year from the
// ticks before it when the label leaves it out.
func tickDate(t *testing.T, label string, before []time.Time) time.Time {
	t.Helper()
	for _, layout := range []string{"2 Jan 2006", "Jan 2006", "2006"} {
		if v, err := time.Parse(layout, label); err == nil {
			return v
		}
	}
	y := before[len(before)-1].Year()
	for _, layout := range []string{"2 Jan", "Jan"} {
		if v, err := time.Parse(layout, label); err == nil {
			return time.Date(y, v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	t.Fatalf("tick label %q is not a date", label)
	return time.Time{}
}

// pathPoints reads the vertices of an M/L path of absolute coordinates.
func pathPoints(t *testing.T, d string) [][2]float64 {
	t.Helper()
	f := strings.Fields(strings.NewReplacer("M", " ", "L", " ").Replace(d))
	if len(f)%2 != 0 {
		t.Fatalf("odd number of coordinates in %q", d)
	}
	var out [][2]float64
	for i := 0; i < len(f); i += 2 {
		out = append(out, [2]float64{num(t, f[i]), num(t, f[i+1])})
	}
	return out
}

func TestGapsBreakTheLine(t *testing.T) {
	d := parseSVG(t, goldenCases[2].line.SVG())
	path := d.byClass("series")[0]["d"]
	// Runs: two weeks, NaN, three weeks, a month's silence, a lone week
	// (marker only), a two-week silence, two weeks.
	if n := strings.Count(path, "M"); n != 3 {
		t.Errorf("%d subpaths, want 3: %s", n, path)
	}
	if n := strings.Count(d.byClass("markers")[0]["d"], "M"); n != 8 {
		t.Errorf("%d markers, want one per value (8)", n)
	}
}

func TestUnsortedInputSameAsSorted(t *testing.T) {
	l := yearWithForecast()
	want := l.SVG()
	ps := slices.Clone(l.Series[0].Points)
	slices.Reverse(ps)
	l.Series[0].Points = ps
	fc := *l.Forecast
	fc.Points = slices.Clone(fc.Points)
	slices.Reverse(fc.Points)
	l.Forecast = &fc
	if got := l.SVG(); !bytes.Equal(got, want) {
		t.Error("reversed input renders differently")
	}
	if !slices.Equal(ps, l.Series[0].Points) {
		t.Error("the caller's points were reordered")
	}
}

func TestManyPointsHaveNoMarkers(t *testing.T) {
	l := Line{Title: "Daily", Series: []Series{{Name: "Daily", Points: daily(1000)}}}
	d := parseSVG(t, l.SVG())
	if m := d.byClass("markers")[0]["d"]; m != "" {
		t.Errorf("1,000 points drew markers")
	}
	if got := len(pathPoints(t, d.byClass("series")[0]["d"])); got != 1000 {
		t.Errorf("%d vertices for 1,000 points", got)
	}
}

func daily(n int) []Point {
	ps := make([]Point, n)
	for i := range ps {
		ps[i] = Point{T: day(2023, 1, 1+i), V: 50 + 20*math.Sin(float64(i)/40) + float64(i%7)}
	}
	return ps
}
