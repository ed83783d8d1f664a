package stats

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// olsGolden is one case written by testdata/gen/ols.py: the data's
// description, statsmodels' figures at the top level, R's under "r" and a
// 60-digit mpmath fit under "exact".
type olsGolden struct {
	Y           string
	LogY        bool `json:"log_y"`
	Numeric     []string
	Categorical []string
	LevelOrder  map[string][]string `json:"level_order"`
	N, K        int
	olsFigures
	Exact olsFigures
	R     olsFigures
}

type olsFigures struct {
	Coef     map[string]float64
	SE       map[string]float64
	SEHC1    map[string]float64 `json:"se_hc1"`
	P        map[string]float64
	CILow    map[string]float64 `json:"ci_low"`
	CIHigh   map[string]float64 `json:"ci_high"`
	R2       float64
	Rstudent []*float64 // null where the leverage is 1
	Leverage []float64
	Oaxaca   struct{ Total, Explained, Unexplained float64 }
}

// loadOLSCase builds the design the case describes: numeric terms, then
// categorical ones, levels in the given order or else sorted.
func loadOLSCase(t *testing.T, name string) (*olsGolden, *Design, []float64) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "ols", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g olsGolden
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "ols", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) []string {
		j := slices.Index(recs[0], name)
		if j < 0 {
			t.Fatalf("no column %q", name)
		}
		out := make([]string, len(recs)-1)
		for i, r := range recs[1:] {
			out[i] = r[j]
		}
		return out
	}
	num := func(name string) []float64 {
		out := make([]float64, len(recs)-1)
		for i, s := range col(name) {
			if out[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	y := num(g.Y)
	if g.LogY {
		for i := range y {
			y[i] = math.Log(y[i])
		}
	}
	d := &Design{}
	for _, c := range g.Numeric {
		d.Terms = append(d.Terms, Term{Name: c, Values: num(c)})
	}
	for _, c := range g.Categorical {
		vals := col(c)
		levels := g.LevelOrder[c]
		if levels == nil {
			levels = slices.Compact(slices.Sorted(slices.Values(vals)))
		}
		codes := make([]int32, len(vals))
		for i, v := range vals {
			codes[i] = int32(slices.Index(levels, v))
		}
		d.Terms = append(d.Terms, Term{Name: c, Levels: levels, Codes: codes})
	}
	return &g, d, y
}

// TestOLSGolden compares every figure with the 60-digit fit, to within what
// a double can hold on each case, and with statsmodels and R as witnesses,
// to within what their own methods reach (statsmodels' pseudo-inverse is
// the loosest of the three: about 1e-10 on coefficients).
func TestOLSGolden(t *testing.T) {
	for _, name := range []string{"glassdoor_plain", "glassdoor_controls", "glassdoor_full", "scaled", "tiny", "sparse_levels"} {
		t.Run(name, func(t *testing.T) {
			g, d, y := loadOLSCase(t, name)
			f, err := OLS(d, y)
			if err != nil {
				t.Fatal(err)
			}
			if f.N != g.N || f.K != g.K {
				t.Fatalf("n %d k %d, want %d %d", f.N, f.K, g.N, g.K)
			}
			close := func(what string, got, want, rel float64) {
				t.Helper()
				if math.Abs(got-want) > rel*math.Max(math.Abs(want), 1e-300) {
					t.Errorf("%s: %.17g, want %.17g (relative %.2g)", what, got, want, math.Abs(got-want)/math.Abs(want))
				}
			}
			for _, w := range []struct {
				who  string
				fig  olsFigures
				rel  float64
				resR float64 // for rstudent
			}{{"exact", g.Exact, 1e-11, 1e-10}, {"R", g.R, 1e-10, 1e-9}, {"statsmodels", g.olsFigures, 1e-8, 1e-7}} {
				for j, n := range f.Names {
					close(w.who+" coef "+n, f.Coef[j], w.fig.Coef[n], w.rel)
					close(w.who+" SE "+n, f.SE[j], w.fig.SE[n], w.rel)
					close(w.who+" HC1 "+n, f.RobustSE[j], w.fig.SEHC1[n], w.rel)
					if w.fig.P != nil {
						close(w.who+" p "+n, f.P[j], w.fig.P[n], 1e3*w.rel)
						close(w.who+" CI low "+n, f.CILow[j], w.fig.CILow[n], w.rel)
						close(w.who+" CI high "+n, f.CIHigh[j], w.fig.CIHigh[n], w.rel)
					}
				}
				if w.fig.R2 != 0 {
					close(w.who+" R²", f.R2, w.fig.R2, w.rel)
				}
				for p, r := range w.fig.Rstudent {
					switch {
					case r == nil && !math.IsNaN(f.Studentized[p]):
						t.Errorf("%s row %d: rstudent %g where the leverage is 1", w.who, p, f.Studentized[p])
					case r != nil && math.Abs(f.Studentized[p]-*r) > w.resR*math.Max(1, math.Abs(*r)):
						t.Errorf("%s row %d: rstudent %.17g, want %.17g", w.who, p, f.Studentized[p], *r)
					}
				}
				for p, h := range w.fig.Leverage {
					if math.Abs(f.Leverage[p]-h) > w.resR {
						t.Errorf("%s row %d: leverage %.17g, want %.17g", w.who, p, f.Leverage[p], h)
					}
				}
				if w.fig.Oaxaca.Total != 0 {
					tf, err := f.TwoFold(y, "female")
					if err != nil {
						t.Fatal(err)
					}
					close(w.who+" Oaxaca total", tf.Total, w.fig.Oaxaca.Total, w.rel)
					close(w.who+" Oaxaca explained", tf.Explained, w.fig.Oaxaca.Explained, 10*w.rel)
					close(w.who+" Oaxaca unexplained", tf.Unexplained, w.fig.Oaxaca.Unexplained, 10*w.rel)
				}
			}
		})
	}
}
