package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// synthetic makes a model with a numeric column, a factor and a 0/1
// indicator, y = 2 + 0.5x − 0.3g + level effect + noise.
func synthetic(n int, seed uint64) (*Design, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x, g, y := make([]float64, n), make([]float64, n), make([]float64, n)
	codes := make([]int32, n)
	effect := []float64{0, 0.4, -0.2, 1.1}
	for i := range n {
		x[i] = 1e5 + 1e3*rng.NormFloat64() // large, off-centre: the case centring is for
		if rng.IntN(2) == 1 {
			g[i] = 1
		}
		codes[i] = int32(rng.IntN(4))
		y[i] = 2 + 0.5e-3*x[i] - 0.3*g[i] + effect[codes[i]] + 0.1*rng.NormFloat64()*(1+g[i])
	}
	return &Design{Terms: []Term{
		{Name: "g", Values: g},
		{Name: "x", Values: x},
		{Name: "level", Levels: []string{"a", "b", "c", "d"}, Codes: codes},
	}}, y
}

func TestOLSNames(t *testing.T) {
	d, y := synthetic(200, 1)
	f, err := OLS(d, y)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Intercept", "g", "x", "level[b]", "level[c]", "level[d]"}
	if !slices.Equal(f.Names, want) {
		t.Fatalf("names %v, want %v", f.Names, want)
	}
	if f.N != 200 || f.K != 6 || f.DFResid != 194 {
		t.Fatalf("n %d k %d df %d", f.N, f.K, f.DFResid)
	}
}

// TestOLSInfluence checks Influence against refitting: adding δ to one
// row's y must move the coefficient by exactly cᵢδ (the fit is linear).
func TestOLSInfluence(t *testing.T) {
	d, y := synthetic(300, 2)
	f, err := OLS(d, y)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range []int{0, 1, 4} {
		c := f.Influence(j)
		for _, row := range []int{0, 17, 299} {
			y2 := slices.Clone(y)
			y2[row] += 0.25
			g, err := OLS(d, y2)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := g.Coef[j]-f.Coef[j], 0.25*c[row]; math.Abs(got-want) > 1e-12 {
				t.Errorf("coef %s row %d: moved %g, influence says %g", f.Names[j], row, got, want)
			}
		}
	}
}

// TestOLSSubsetAndAbsentLevels fits on a subset where the base level does
// not occur: the first level present becomes the base, and the fit equals
// a fit on a design built from the subset alone.
func TestOLSSubsetAndAbsentLevels(t *testing.T) {
	d, y := synthetic(400, 3)
	codes := d.Terms[2].Codes
	var rows []int32
	for i, c := range codes {
		if c != 0 {
			rows = append(rows, int32(i))
		}
	}
	sub := &Design{Terms: d.Terms, Rows: rows}
	f, err := OLS(sub, y)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Intercept", "g", "x", "level[c]", "level[d]"}; !slices.Equal(f.Names, want) {
		t.Fatalf("names %v, want %v", f.Names, want)
	}
	var g2, x2, y2 []float64
	var c2 []int32
	for _, r := range rows {
		g2, x2, y2 = append(g2, d.Terms[0].Values[r]), append(x2, d.Terms[1].Values[r]), append(y2, y[r])
		c2 = append(c2, codes[r]-1)
	}
	alone, err := OLS(&Design{Terms: []Term{{Name: "g", Values: g2}, {Name: "x", Values: x2},
		{Name: "level", Levels: []string{"b", "c", "d"}, Codes: c2}}}, y2)
	if err != nil {
		t.Fatal(err)
	}
	for j := range f.Coef {
		if math.Abs(f.Coef[j]-alone.Coef[j]) > 1e-12*math.Max(1, math.Abs(f.Coef[j])) ||
			math.Abs(f.RobustSE[j]-alone.RobustSE[j]) > 1e-12 {
			t.Errorf("%s: subset %g (%g), alone %g (%g)", f.Names[j], f.Coef[j], f.RobustSE[j], alone.Coef[j], alone.RobustSE[j])
		}
	}
	for p := range rows {
		if math.Abs(f.Studentized[p]-alone.Studentized[p]) > 1e-10 {
			t.Fatalf("row %d: rstudent %g vs %g", p, f.Studentized[p], alone.Studentized[p])
		}
	}
}

func TestOLSErrors(t *testing.T) {
	d, y := synthetic(50, 4)
	t.Run("ErrCollinear", func(t *testing.T) {
		twice := make([]float64, 50)
		for i, v := range d.Terms[0].Values {
			twice[i] = 3*v - 1
		}
		bad := &Design{Terms: append(slices.Clone(d.Terms), Term{Name: "g again", Values: twice})}
		_, err := OLS(bad, y)
		var ce *CollinearError
		if !errors.As(err, &ce) || ce.Column != "g again" || !slices.Equal(ce.With, []string{"g"}) {
			t.Fatalf("got %v", err)
		}
		// centred, 3g − 1 is 3g: the constant plays no part
		if want := `stats: "g again" is collinear with "g"`; err.Error() != want {
			t.Fatalf("message %q, want %q", err, want)
		}
	})
	t.Run("ErrConstant", func(t *testing.T) {
		one := make([]float64, 50)
		for i := range one {
			one[i] = 7
		}
		_, err := OLS(&Design{Terms: []Term{{Name: "seven", Values: one}}}, y)
		if want := `stats: "seven" is collinear with "Intercept"`; err == nil || err.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
	t.Run("ErrTooFewRows", func(t *testing.T) {
		_, err := OLS(&Design{Terms: d.Terms[:2], Rows: []int32{0, 1, 2}}, y)
		if want := "stats: 3 rows are too few for 3 coefficients"; err == nil || err.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
	t.Run("ErrLengths", func(t *testing.T) {
		_, err := OLS(d, y[:10])
		if want := "stats: y has 10 rows, the design 50"; err == nil || err.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
}

// TestTwoFoldIdentity: with the indicator in the pooled model, the
// unexplained part is minus its coefficient, and the parts add up.
func TestTwoFoldIdentity(t *testing.T) {
	d, y := synthetic(500, 5)
	f, err := OLS(d, y)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := f.TwoFold(y, "g")
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(tf.Unexplained+f.Coef[1]) > 1e-12 {
		t.Fatalf("unexplained %g, coefficient %g", tf.Unexplained, f.Coef[1])
	}
	var s float64
	for _, v := range tf.Parts {
		s += v
	}
	if math.Abs(s-tf.Explained) > 1e-15 || math.Abs(tf.Explained+tf.Unexplained-tf.Total) > 1e-15 {
		t.Fatalf("parts %g explained %g unexplained %g total %g", s, tf.Explained, tf.Unexplained, tf.Total)
	}
	if _, err := f.TwoFold(y, "level[b]"); err == nil {
		t.Fatal("a factor level is not an indicator term")
	}
}

// TestReduceIndependentOfCores: the block sums do not depend on how many
// goroutines ran them.
func TestReduceIndependentOfCores(t *testing.T) {
	d, y := synthetic(3*blockRows+17, 6)
	a, err := OLS(d, y)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b, err := OLS(d, y)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Coef, b.Coef) || !slices.Equal(a.RobustSE, b.RobustSE) {
		t.Fatalf("one core %v, many %v", b.Coef, a.Coef)
	}
}
