package stats

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// tdistGolden is testdata/tdist/golden.json, written by
// testdata/gen/tdist.py from scipy.stats.t and mpmath.
type tdistGolden struct {
	Tail []struct {
		DF, T, SF, CDF float64
		SFMP           float64 `json:"sf_mp"`
	}
	Quantile []struct {
		DF, P, PPF float64
		PPFMP      float64 `json:"ppf_mp"`
	}
}

func loadTdistGolden(t *testing.T) tdistGolden {
	t.Helper()
	b, err := os.ReadFile("testdata/tdist/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g tdistGolden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Tail) < 200 || len(g.Quantile) < 400 {
		t.Fatalf("golden file has %d tail and %d quantile rows: truncated?", len(g.Tail), len(g.Quantile))
	}
	return g
}

func relErr(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Abs(want)
}

// The brief's bound: 1e-12 relative wherever the probability is above
// 1e-290. Below that the exponent alone, a double near −670, carries an
// absolute error near 1e-13, and subnormal results lose bits as they shrink.
const (
	tdistTol   = 1e-12
	tdistFloor = 1e-290
)

func TestStudentTTailGolden(t *testing.T) {
	g := loadTdistGolden(t)
	var worst, worstMP float64
	var at string
	for _, r := range g.Tail {
		name := fmt.Sprintf("df=%g t=%g", r.DF, r.T)
		if r.SFMP < tdistFloor {
			// Still the right order of magnitude down to the subnormals.
			got := StudentTCDF(-r.T, r.DF)
			if r.SFMP > 1e-300 && relErr(got, r.SFMP) > 1e-9 {
				t.Errorf("%s: CDF(-t) = %g, mpmath %g", name, got, r.SFMP)
			}
			continue
		}
		lower := StudentTCDF(-r.T, r.DF)
		two := StudentTTwoSided(r.T, r.DF)
		if neg := StudentTTwoSided(-r.T, r.DF); neg != two {
			t.Errorf("%s: two-sided p not symmetric: %g and %g", name, two, neg)
		}
		// scipy gives 0 where its t² overflows (df ≤ 2, t ≥ 1e200): mpmath only there.
		if r.SF > 0 {
			if e := relErr(lower, r.SF); e > tdistTol {
				t.Errorf("%s: CDF(-t) = %.17g, scipy sf %.17g (relative error %.2g)", name, lower, r.SF, e)
			}
			if e := relErr(two, 2*r.SF); e > tdistTol {
				t.Errorf("%s: two-sided %.17g, scipy 2·sf %.17g (relative error %.2g)", name, two, 2*r.SF, e)
			}
			if e := relErr(lower, r.SF); e > worst {
				worst = e
			}
		}
		e := relErr(lower, r.SFMP)
		if e > tdistTol || e > logTol(r.SFMP) {
			t.Errorf("%s: CDF(-t) = %.17g, mpmath %.17g (relative error %.2g)", name, lower, r.SFMP, e)
		}
		if e > worstMP {
			worstMP, at = e, name
		}
		// The upper CDF is 1 − sf: compare absolutely, within a few units in
		// the last place of numbers just below 1 (scipy's cdf rounds too).
		if upper := StudentTCDF(r.T, r.DF); math.Abs(upper-r.CDF) > 5e-16 {
			t.Errorf("%s: CDF(t) = %.17g, scipy %.17g", name, upper, r.CDF)
		}
	}
	t.Logf("tail: worst relative error %.2g against scipy, %.2g against mpmath (%s)", worst, worstMP, at)
}

func TestStudentTQuantileGolden(t *testing.T) {
	g := loadTdistGolden(t)
	var worst float64
	var at string
	for _, r := range g.Quantile {
		name := fmt.Sprintf("df=%g p=%g", r.DF, r.P)
		got := StudentTQuantile(r.P, r.DF)
		e := relErr(got, r.PPFMP)
		if r.PPFMP == 0 {
			e = math.Abs(got)
		}
		if e > tdistTol || e > logTol(r.P) {
			t.Errorf("%s: quantile %.17g, mpmath %.17g (relative error %.2g; scipy %.17g)", name, got, r.PPFMP, e, r.PPF)
		}
		if e > worst {
			worst, at = e, name
		}
	}
	t.Logf("quantile: worst relative error %.2g against mpmath (%s)", worst, at)
}

// logTol is the accuracy to expect of a probability carried through its
// logarithm: a double near log p ≈ −690 is only good to ±6e-14, and the
// terms summed into it (a·log x, near log p, the largest) carry about five
// such roundings between them. It is below the brief's 1e-12 down to
// p = 1e-700.
func logTol(p float64) float64 { return 6e-16 * (8 + math.Abs(math.Log(p))) }

// Closed forms: df = 1 is Cauchy, P(|T| > t) = (2/π)·atan(1/t); df = 2 has
// P(|T| > t) = 1 − t/√(2 + t²) = 2/(√(2+t²)·(√(2+t²) + t)).
func TestStudentTClosedForms(t *testing.T) {
	for _, x := range []float64{1e-8, 0.3, 1, 2.5, 10, 1e3, 1e8, 1e100, 1e300} {
		want := 2 / math.Pi * math.Atan(1/x)
		if e := relErr(StudentTTwoSided(x, 1), want); e > logTol(want) {
			t.Errorf("df=1 t=%g: two-sided %g, want %g (relative error %.2g)", x, StudentTTwoSided(x, 1), want, e)
		}
		if x < 1e150 {
			s := math.Sqrt(2 + x*x)
			want2 := 2 / (s * (s + x))
			if e := relErr(StudentTTwoSided(x, 2), want2); e > logTol(want2) {
				t.Errorf("df=2 t=%g: two-sided %g, want %g (relative error %.2g)", x, StudentTTwoSided(x, 2), want2, e)
			}
		}
	}
	// Cauchy quantile: −1/tan(πp) for p ≤ 1/4, −tan(π(1/2 − p)) above.
	for _, p := range []float64{1e-300, 1e-20, 0.01, 0.25, 0.3, 0.49, 0.4999999} {
		want := -1 / math.Tan(math.Pi*p)
		if p > 0.25 {
			want = -math.Tan(math.Pi * (0.5 - p))
		}
		if e := relErr(StudentTQuantile(p, 1), want); e > logTol(p) {
			t.Errorf("df=1 p=%g: quantile %g, want %g (relative error %.2g)", p, StudentTQuantile(p, 1), want, e)
		}
	}
}

// The 95% interval's quantile over the whole range of df an OLS can have,
// checked by the round trip and by its monotone approach to the normal's
// 1.959963984540054.
func TestStudentTQuantile975(t *testing.T) {
	prev := math.Inf(1)
	for _, df := range []float64{1, 2, 3, 4, 7, 12, 50, 300, 2e3, 1e4, 7e4, 1e5, 1e6, 3e6, 1e7} {
		q := StudentTQuantile(0.975, df)
		if !(q < prev && q > 1.959963984540054) {
			t.Errorf("df=%g: quantile %.17g not between the normal's and df's before (%.17g)", df, q, prev)
		}
		prev = q
		// The slope of the CDF at q bounds how far q can be from the root.
		if back := StudentTCDF(-q, df); relErr(back, 0.025) > 1e-14 {
			t.Errorf("df=%g: CDF(-quantile) = %.17g, want 0.025", df, back)
		}
	}
	if q := StudentTQuantile(0.975, math.Inf(1)); relErr(q, 1.959963984540054) > 1e-15 {
		t.Errorf("df=Inf: %.17g", q)
	}
}

func TestStudentTRoundTrip(t *testing.T) {
	for _, df := range []float64{0.3, 1, 1.5, 4, 17, 250, 4e4, 5e6} {
		for _, p := range []float64{1e-280, 1e-123, 1e-17, 1e-5, 0.003, 0.2, 0.45, 0.5 - 1e-9} {
			q := StudentTQuantile(p, df)
			if math.IsInf(q, -1) && df < 1 && p < 1e-100 {
				continue // |t| beyond the largest double: p^(−1/df) = 10^933 at df = 0.3
			}
			// The CDF's relative slope, t·f/F, is at most about df in the tail
			// and below 1 near the centre, so a correctly rounded t comes back
			// within a few units in the last place.
			if e := relErr(StudentTCDF(q, df), p); e > logTol(p)*math.Max(1, df) {
				t.Errorf("df=%g p=%g: CDF(quantile) = %.17g (relative error %.2g)", df, p, StudentTCDF(q, df), e)
			}
			// Symmetry: 1 − p is rounded for p < 1/2, so compare with the p it rounds back to.
			if up, down := StudentTQuantile(1-p, df), StudentTQuantile(1-(1-p), df); up != -down {
				t.Errorf("df=%g p=%g: quantile(1-p) = %g, not -%g", df, p, up, down)
			}
		}
	}
}

func TestStudentTEdges(t *testing.T) {
	nan := math.NaN()
	inf := math.Inf(1)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"CDF at 0", StudentTCDF(0, 3), 0.5},
		{"two-sided at 0", StudentTTwoSided(0, 3), 1},
		{"CDF at -Inf", StudentTCDF(-inf, 3), 0},
		{"CDF at +Inf", StudentTCDF(inf, 3), 1},
		{"two-sided at Inf", StudentTTwoSided(inf, 3), 0},
		{"two-sided at -Inf", StudentTTwoSided(-inf, 1), 0},
		{"normal CDF", StudentTCDF(-1.959963984540054, inf), 0.025},
		{"normal two-sided", StudentTTwoSided(3, inf), math.Erfc(3 / math.Sqrt2)},
		{"quantile 0", StudentTQuantile(0, 4), -inf},
		{"quantile 1", StudentTQuantile(1, 4), inf},
		{"quantile 1/2", StudentTQuantile(0.5, 4), 0},
		{"quantile beyond the doubles", StudentTQuantile(1e-200, 0.5), -inf},
	} {
		if math.Abs(c.got-c.want) > 1e-15*math.Abs(c.want) && c.got != c.want {
			t.Errorf("%s: %g, want %g", c.name, c.got, c.want)
		}
	}
	for _, c := range []struct {
		name string
		got  float64
	}{
		{"CDF NaN t", StudentTCDF(nan, 3)},
		{"CDF df 0", StudentTCDF(1, 0)},
		{"CDF df -1", StudentTCDF(1, -1)},
		{"CDF df NaN", StudentTCDF(1, nan)},
		{"two-sided NaN", StudentTTwoSided(nan, 3)},
		{"two-sided df 0", StudentTTwoSided(2, 0)},
		{"quantile p<0", StudentTQuantile(-0.1, 3)},
		{"quantile p>1", StudentTQuantile(1.1, 3)},
		{"quantile NaN", StudentTQuantile(nan, 3)},
		{"quantile df 0", StudentTQuantile(0.3, 0)},
	} {
		if !math.IsNaN(c.got) {
			t.Errorf("%s: %g, want NaN", c.name, c.got)
		}
	}
}

// lbeta against log-gammas where those are exact enough (small
// arguments) and against the identity B(a, b) = B(a+1, b)·(a+b)/a across
// the switch to Stirling's series at 10.
func TestLbeta(t *testing.T) {
	for _, c := range [][2]float64{{0.5, 0.5}, {3, 4}, {9.5, 0.5}, {2, 8}} {
		la, _ := math.Lgamma(c[0])
		lb, _ := math.Lgamma(c[1])
		lab, _ := math.Lgamma(c[0] + c[1])
		if got, want := lbeta(c[0], c[1]), la+lb-lab; math.Abs(got-want) > 1e-14 {
			t.Errorf("lbeta(%g, %g) = %.17g, want %.17g", c[0], c[1], got, want)
		}
	}
	for _, c := range [][2]float64{{9.5, 0.5}, {9.75, 3}, {9.5, 9.5}, {9.9, 12}, {5e5, 0.5}, {3e3, 2e3}} {
		a, b := c[0], c[1]
		got := lbeta(a+1, b) + math.Log((a+b)/a)
		if want := lbeta(a, b); math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("lbeta(%g, %g) = %.17g, but by the recurrence %.17g", a, b, want, got)
		}
	}
	// √π = Γ(½); B(½, ½) = π.
	if got := lbeta(0.5, 0.5); math.Abs(got-math.Log(math.Pi)) > 1e-15 {
		t.Errorf("lbeta(½, ½) = %.17g, want log π", got)
	}
}

func BenchmarkStudentTQuantile(b *testing.B) {
	for _, df := range []float64{10, 1e4, 1e7} {
		b.Run(fmt.Sprintf("df=%g", df), func(b *testing.B) {
			for b.Loop() {
				StudentTQuantile(0.975, df)
			}
		})
	}
}

func BenchmarkStudentTTwoSided(b *testing.B) {
	for _, df := range []float64{10, 1e6} {
		b.Run(fmt.Sprintf("df=%g", df), func(b *testing.B) {
			for b.Loop() {
				StudentTTwoSided(2.5, df)
			}
		})
	}
}

// Past any df the golden file reaches, the t distribution is the normal to
// within (t⁴ + …)/(4·df): below 1e-16 relative for representable tails
// (|t| < 38) once df passes 10²², and from 10³⁰ on the normal is used.
// Below that the fraction must neither overflow nor stall.
func TestStudentTHugeDF(t *testing.T) {
	for _, df := range []float64{1e22, 1e29, 1e100, 1e300} {
		for _, x := range []float64{1e-3, 0.5, 1, 1.75, 1.96, 3, 8, 20, 37} {
			want := math.Erfc(x / math.Sqrt2)
			if e := relErr(StudentTTwoSided(x, df), want); e > logTol(want) {
				t.Errorf("df=%g t=%g: two-sided %.17g, normal %.17g (relative error %.2g)", df, x, StudentTTwoSided(x, df), want, e)
			}
		}
		for _, p := range []float64{1e-300, 1e-20, 0.025, 0.3} {
			want := StudentTQuantile(p, math.Inf(1))
			if e := relErr(StudentTQuantile(p, df), want); e > 1e-15 {
				t.Errorf("df=%g p=%g: quantile %.17g, normal %.17g (relative error %.2g)", df, p, StudentTQuantile(p, df), want, e)
			}
		}
	}
}

// Random probabilities and degrees of freedom, log-uniform, fixed seed:
// the quantile inverts the CDF, and the CDF never decreases.
func TestStudentTRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		df := math.Pow(10, -1+9*rng.Float64())
		p := math.Pow(10, -300*rng.Float64()*rng.Float64())
		if p >= 0.5 {
			continue
		}
		q := StudentTQuantile(p, df)
		if math.IsInf(q, -1) {
			continue // beyond the largest double (small df, tiny p)
		}
		if e := relErr(StudentTCDF(q, df), p); e > logTol(p)*math.Max(1, math.Min(df, 50)) {
			t.Errorf("df=%.17g p=%.17g: CDF(quantile) = %.17g (relative error %.2g)", df, p, StudentTCDF(q, df), e)
		}
	}
	for _, df := range []float64{0.7, 3, 42, 1e5, 1e9} {
		prev := 0.0
		for x := -60.0; x <= 60; x += 0.01 {
			c := StudentTCDF(x, df)
			if c < prev || c > 1 {
				t.Fatalf("df=%g: CDF(%g) = %.17g after %.17g", df, x, c, prev)
			}
			prev = c
		}
	}
}
