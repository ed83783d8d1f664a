package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// valuesChart is the values overview's usual picture: values by how many
// people rank them, largest first.
func valuesChart() Bars {
	return Bars{Title: "Values by how many people rank them", Unit: "people",
		LabelHeader: "Value", ValueHeader: "People", DetailHeader: "Ranked first by",
		Bars: []Bar{{"Fairness", 12, "5"}, {"Learning", 9, "2"}, {"Care", 7, ""}, {"Shared power and decisions made together", 3, "1"}}}
}

func TestBarsGolden(t *testing.T) {
	cases := map[string]Bars{
		"bars-values":   valuesChart(),
		"bars-empty":    {Title: "No values ranked yet"},
		"bars-negative": {Title: "Net change in members", Bars: []Bar{{"North", -4, ""}, {"South", 6, ""}, {"East", math.NaN(), ""}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := c.SVG()
			checkGolden(t, name+".svg", got)
			if !bytes.Equal(got, c.SVG()) {
				t.Fatal("a second rendering differs from the first")
			}
		})
	}
}

func TestBarsGeometry(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		doc := parseSVG(t, valuesChart().SVG())
		var widths []float64
		for _, e := range doc.elems {
			if e[""] == "rect" && e["fill"] != "#fff" {
				w, err := strconv.ParseFloat(e["width"], 64)
				if err != nil {
					t.Fatal(err)
				}
				widths = append(widths, w)
			}
		}
		if len(widths) != 4 {
			t.Fatalf("%d bars, want 4", len(widths))
		}
		// Bars are proportional to their values: 12, 9, 7, 3.
		for i, v := range []float64{9, 7, 3} {
			if got, want := widths[i+1]/widths[0], v/12; math.Abs(got-want) > 0.01 {
				t.Errorf("bar %d is %.3f of the first, want %.3f", i+2, got, want)
			}
		}
		if doc.root["role"] != "img" || doc.title != "Values by how many people rank them" {
			t.Errorf("root %v, title %q", doc.root, doc.title)
		}
		want := "4 bars: Fairness 12 people; Learning 9 people; Care 7 people; Shared power and decisions made together 3 people."
		if doc.desc != want {
			t.Errorf("desc %q, want %q", doc.desc, want)
		}
		if g := doc.byClass("bar"); len(g) != 4 {
			t.Errorf("%d bar groups, want 4", len(g))
		}
	})
	t.Run("LongLabelCut", func(t *testing.T) {
		c := Bars{Title: "t", Width: 300, Bars: []Bar{{strings.Repeat("long ", 30), 1, ""}}}
		doc := parseSVG(t, c.SVG())
		for _, e := range doc.elems {
			if e[""] == "text" && strings.HasPrefix(e["#text"], "long") && !strings.HasSuffix(e["#text"], "…") {
				t.Errorf("a long label is not cut: %q", e["#text"])
			}
		}
	})
	t.Run("NoData", func(t *testing.T) {
		c := Bars{Title: "t", Unit: "people", Bars: []Bar{{"A", math.Inf(1), ""}}}
		doc := parseSVG(t, c.SVG())
		if doc.desc != "1 bar: A no data." {
			t.Errorf("desc %q", doc.desc)
		}
		if len(doc.byClass("value")) != 1 || doc.byClass("value")[0]["#text"] != "no data" {
			t.Errorf("the bar does not say it has no data")
		}
	})
	t.Run("ManyDescribedInPart", func(t *testing.T) {
		var bs []Bar
		for i := range 14 {
			bs = append(bs, Bar{Label: "v" + strconv.Itoa(i), Value: float64(14 - i)})
		}
		d := Bars{Title: "t", Bars: bs}.describe()
		if !strings.HasSuffix(d, "v9 5. 4 more in the table.") || strings.Contains(d, "v10") {
			t.Errorf("desc %q", d)
		}
	})
	t.Run("Escaped", func(t *testing.T) {
		c := Bars{Title: `<b>&"`, Bars: []Bar{{`<script>alert(1)</script>`, 2, ""}}}
		b := c.SVG()
		parseSVG(t, b)
		if bytes.Contains(b, []byte("<script>")) || bytes.Contains(b, []byte("<b>")) {
			t.Errorf("text is not escaped: %s", b)
		}
	})
}

func TestBarsTable(t *testing.T) {
	got := valuesChart().Table()
	if strings.Join(got.Headers, "|") != "Value|People|Ranked first by" {
		t.Errorf("headers %v", got.Headers)
	}
	if len(got.Rows) != 4 || strings.Join(got.Rows[0], "|") != "Fairness|12 people|5" || strings.Join(got.Rows[2], "|") != "Care|7 people|" {
		t.Errorf("rows %v", got.Rows)
	}
	plain := Bars{Title: "t", Bars: []Bar{{"A", 1.5, ""}}}.Table()
	if strings.Join(plain.Headers, "|") != "Label|Value" || strings.Join(plain.Rows[0], "|") != "A|1.5" {
		t.Errorf("plain table %v %v", plain.Headers, plain.Rows)
	}
}
