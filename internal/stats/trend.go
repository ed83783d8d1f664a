package stats

import (
	"errors"
	"math"
)

// Trend is a straight line fitted by least squares to a series: y = a + bx.
// Indicators use it to forecast where a curve is heading and how sure that
// forecast is.
type Trend struct {
	Intercept, Slope float64
	N                int
	ResidualSE       float64 // √(RSS / (n − 2))
	xMean, sxx       float64
}

// LinearTrend fits y on x. It needs three points or more (two leave no
// residual to judge the forecast by) and at least two distinct x.
func LinearTrend(x, y []float64) (*Trend, error) {
	n := len(x)
	switch {
	case n != len(y):
		return nil, errors.New("stats: x and y differ in length")
	case n < 3:
		return nil, errors.New("stats: a trend needs at least 3 points")
	}
	xm, ym := Mean(x), Mean(y)
	var sxx, sxy float64
	for i := range x { // centred sums: dates in days since 1970 would otherwise cancel catastrophically
		dx := x[i] - xm
		sxx += dx * dx
		sxy += dx * (y[i] - ym)
	}
	if sxx == 0 {
		return nil, errors.New("stats: a trend needs points at two different times at least")
	}
	t := &Trend{Slope: sxy / sxx, N: n, xMean: xm, sxx: sxx}
	t.Intercept = ym - t.Slope*xm
	var rss float64
	for i := range x {
		e := y[i] - (ym + t.Slope*(x[i]-xm))
		rss += e * e
	}
	t.ResidualSE = math.Sqrt(rss / float64(n-2))
	return t, nil
}

// Predict returns the fitted value at x and the prediction interval for a
// new observation there at the given level (0.80 for an 80% interval):
// fit ± t(n−2) · s · √(1 + 1/n + (x − x̄)²/Sxx). It is wider than the
// interval for the line itself because a new value also carries the scatter
// around the line.
func (t *Trend) Predict(x, level float64) (fit, lo, hi float64) {
	fit = t.Intercept + t.Slope*x
	if t.xMean != 0 { // evaluate around the centre, as fitted, for accuracy
		fit = (t.Intercept + t.Slope*t.xMean) + t.Slope*(x-t.xMean)
	}
	d := x - t.xMean
	se := t.ResidualSE * math.Sqrt(1+1/float64(t.N)+d*d/t.sxx)
	q := StudentTQuantile((1+level)/2, float64(t.N-2))
	return fit, fit - q*se, fit + q*se
}
