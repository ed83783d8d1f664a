package stats

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// quantileGolden mirrors testdata/quantile/golden.json, written by
// testdata/quantile/gen/quantile.py from numpy (rerun it when a case changes
// and say so in the commit).
type quantileGolden struct {
	Generator string `json:"generator"`
	Numpy     string `json:"numpy"`
	Cases     []struct {
		Name      string    `json:"name"`
		X         []float64 `json:"x"`
		Mean      float64   `json:"mean"`
		Median    float64   `json:"median"`
		Ps        []float64 `json:"ps"`
		Quantiles []float64 `json:"quantiles"`
	} `json:"cases"`
}

// closeTo allows a few units in the last place: numpy sums pairwise and
// places the quantile by a different product, so the last bit may differ.
func closeTo(got, want float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= 4e-16*math.Max(math.Abs(want), math.Abs(got))
}

func TestQuantileGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "quantile", "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g quantileGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 10 {
		t.Fatalf("golden file holds %d cases", len(g.Cases))
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			x := slices.Clone(c.X)
			if got := Mean(x); !closeTo(got, c.Mean) {
				t.Errorf("Mean = %.17g, numpy %.17g", got, c.Mean)
			}
			// The median is exact (a value or a halved sum), so no tolerance.
			if got := Median(x); got != c.Median {
				t.Errorf("Median = %.17g, numpy %.17g", got, c.Median)
			}
			if !slices.Equal(x, c.X) {
				t.Fatal("Median changed its input")
			}
			sorted := slices.Clone(x)
			slices.Sort(sorted)
			if got := MedianSorted(sorted); got != c.Median {
				t.Errorf("MedianSorted = %.17g, numpy %.17g", got, c.Median)
			}
			for i, p := range c.Ps {
				if got := Quantile(sorted, p); !closeTo(got, c.Quantiles[i]) {
					t.Errorf("Quantile(%v) = %.17g, numpy %.17g", p, got, c.Quantiles[i])
				}
			}
		})
	}
}

func TestMedianByHand(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    []float64
		want float64
	}{
		{"Odd", []float64{9, 1, 5}, 5},
		{"Even", []float64{9, 1, 5, 2}, 3.5},
		{"One", []float64{-3}, -3},
		{"EvenTiesAcrossTheMiddle", []float64{4, 4, 1, 4, 9, 0}, 4},
		{"HugeValuesDoNotOverflow", []float64{math.MaxFloat64, math.MaxFloat64}, math.MaxFloat64},
		{"Infinities", []float64{math.Inf(-1), 1, 2, math.Inf(1)}, 1.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Median(tc.x); got != tc.want {
				t.Errorf("Median(%v) = %v, want %v", tc.x, got, tc.want)
			}
		})
	}
	t.Run("EmptyIsNaN", func(t *testing.T) {
		if !math.IsNaN(Median(nil)) || !math.IsNaN(MedianSorted(nil)) || !math.IsNaN(Mean(nil)) {
			t.Error("empty input should give NaN")
		}
	})
	t.Run("NaNIsNaN", func(t *testing.T) {
		if !math.IsNaN(Median([]float64{1, math.NaN(), 3})) {
			t.Error("a NaN in the input should give NaN")
		}
	})
}

func TestQuantileEdges(t *testing.T) {
	s := []float64{10, 20, 30, 40}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if !math.IsNaN(Quantile(s, p)) {
			t.Errorf("Quantile(%v) should be NaN", p)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("Quantile of nothing should be NaN")
	}
	// h = 3 × 0.25 = 0.75: three quarters of the way from 10 to 20.
	if got := Quantile(s, 0.25); got != 17.5 {
		t.Errorf("Quantile(0.25) = %v, want 17.5", got)
	}
	inf := []float64{math.Inf(1), math.Inf(1)}
	if got := Quantile(inf, 0.5); !math.IsInf(got, 1) {
		t.Errorf("Quantile of two +Inf = %v", got)
	}
}

func TestMeanAccurate(t *testing.T) {
	// A million values of 1e9 + 0.1: the exact mean is 1e9 + 0.1 to the
	// last bit of a float64; a plain running sum drifts in the sixth decimal.
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = 1e9 + 0.1
	}
	if got := Mean(x); got != 1e9+0.1 {
		t.Errorf("Mean = %.17g, want %.17g", got, 1e9+0.1)
	}
	// Terms that cancel: a naive sum gives 1/4 here, the mean is 1/2.
	y := []float64{1e20, 1, -1e20, 1}
	if got := Mean(y); got != 0.5 {
		t.Errorf("Mean(%v) = %.17g, want 0.5", y, got)
	}
}

// TestSelectKthAgainstSort checks the selection on shapes that trouble
// quickselect: sorted, reversed, all equal, few distinct values, organ pipe.
func TestSelectKthAgainstSort(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	shapes := map[string]func(i, n int) float64{
		"random":    func(i, n int) float64 { return r.Float64() },
		"sorted":    func(i, n int) float64 { return float64(i) },
		"reversed":  func(i, n int) float64 { return float64(n - i) },
		"equal":     func(i, n int) float64 { return 5 },
		"fewValues": func(i, n int) float64 { return float64(r.IntN(3)) },
		"organPipe": func(i, n int) float64 { return float64(min(i, n-i)) },
	}
	for name, f := range shapes {
		for _, n := range []int{1, 2, 3, 17, 18, 100, 1001, 4096} {
			x := make([]float64, n)
			for i := range x {
				x[i] = f(i, n)
			}
			want := slices.Clone(x)
			slices.Sort(want)
			for _, k := range []int{0, n / 3, n / 2, n - 1} {
				a := slices.Clone(x)
				selectKth(a, k)
				if a[k] != want[k] {
					t.Fatalf("%s n=%d k=%d: got %v, want %v", name, n, k, a[k], want[k])
				}
				if m := slices.Max(a[:k+1]); m != a[k] {
					t.Fatalf("%s n=%d k=%d: %v before the k-th value %v", name, n, k, m, a[k])
				}
				if k+1 < n && slices.Min(a[k:]) != a[k] {
					t.Fatalf("%s n=%d k=%d: a smaller value after the k-th", name, n, k)
				}
			}
		}
	}
}

// TestMedianMillionFast holds the budget of the brief: well under 100 ms
// for a million values. The bound is loose so a loaded machine passes; the
// benchmark gives the figure.
func TestMedianMillionFast(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	x := millionPays()
	start := time.Now()
	Median(x)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Median of 1,000,000 values took %v", d)
	}
}

func millionPays() []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 1_000_000)
	for i := range x {
		// Pay-like: log-normal, rounded to whole units, so ties abound.
		x[i] = math.Round(math.Exp(10.5 + 0.4*r.NormFloat64()))
	}
	return x
}

func BenchmarkMedianMillion(b *testing.B) {
	x := millionPays()
	for b.Loop() {
		Median(x)
	}
}

func BenchmarkMeanMillion(b *testing.B) {
	x := millionPays()
	for b.Loop() {
		Mean(x)
	}
}

func BenchmarkSortMillion(b *testing.B) {
	x := millionPays()
	a := make([]float64, len(x))
	for b.Loop() {
		copy(a, x)
		slices.Sort(a)
	}
}
