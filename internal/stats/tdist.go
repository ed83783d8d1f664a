package stats

import "math"

// Student's t distribution through the regularized incomplete beta
// function: for T with ν degrees of freedom and x = ν/(ν+t²),
// P(|T| > |t|) = I_x(ν/2, 1/2). The tail is computed from that identity
// directly, never as 1 − CDF, so a p value of 1e-200 keeps its digits.

// normalDF is where the t distribution becomes the normal: the two differ
// by about t⁴/(4ν) relative, below 1e-16 at ν = 10²² for every tail a
// double can hold (|t| < 38), and the continued fraction's terms, of size
// 1/ν², would underflow past ν = 10¹⁵⁴.
const normalDF = 1e30

// StudentTCDF is P(T ≤ t) for Student's t with df degrees of freedom (df > 0;
// from 10³⁰ to +Inf it is the standard normal). NaN for a NaN argument or
// df ≤ 0. Its lower tail is as accurate as StudentTTwoSided's.
func StudentTCDF(t, df float64) float64 {
	if math.IsNaN(t) || !(df > 0) {
		return math.NaN()
	}
	if df >= normalDF {
		return 0.5 * math.Erfc(-t/math.Sqrt2)
	}
	if t == 0 {
		return 0.5
	}
	r := incBeta(df/2, 0.5, tArgs(t, df))
	switch {
	case t < 0:
		return 0.5 * r.p
	case r.complement: // q = P(|T| ≤ t) came first: no rounding of 1 − q
		return 0.5 + 0.5*r.q
	}
	return 1 - 0.5*r.p
}

// StudentTTwoSided is the two-sided p value 2·P(T > |t|) of a t statistic
// with df degrees of freedom (df > 0; +Inf gives the normal). It keeps its
// relative accuracy far into the tail, down to where it underflows: within
// about 6e-16·(8 + |ln p|) of the exact value, 1.5e-13 at p = 1e-268
// (tdist_test.go measures it against mpmath).
func StudentTTwoSided(t, df float64) float64 {
	if math.IsNaN(t) || !(df > 0) {
		return math.NaN()
	}
	if df >= normalDF {
		return math.Erfc(math.Abs(t) / math.Sqrt2)
	}
	if t == 0 {
		return 1
	}
	return incBeta(df/2, 0.5, tArgs(t, df)).p
}

// StudentTQuantile is the inverse of StudentTCDF: the t with
// P(T ≤ t) = p, as exact as the CDF it inverts allows (within 7e-14
// relative of mpmath from p = 1e-300 up, at any df). It gives −Inf at
// p = 0, +Inf at p = 1, and NaN outside [0, 1] or for df ≤ 0.
func StudentTQuantile(p, df float64) float64 {
	switch {
	case math.IsNaN(p) || math.IsNaN(df) || p < 0 || p > 1 || !(df > 0):
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case p > 0.5:
		// 1 − p is exact for p in [0.5, 1], so nothing is lost by symmetry.
		return -StudentTQuantile(1-p, df)
	case df >= normalDF:
		return lowerNormalQuantile(p)
	}
	return lowerTQuantile(p, df)
}

// lowerTQuantile solves for t < 0 (p < 1/2) by Newton's method on a
// logarithm, which is close to linear in log|t| in the tail and so
// converges in a few steps even for df = 1 and p = 1e-300 (t ≈ −3e299).
// In the tail the equation is log F(t) = log p. From p = 1/4 up it is
// log P(|T| ≤ |t|) = log(1 − 2p) instead: 1 − 2p is exact there, and the
// small inside probability carries the digits that F(t) ≈ 1/2 would round
// away (p = 0.4999999 would lose six). A bracket guards every step: a step
// that leaves it becomes a bisection, geometric while the bracket spans
// orders of magnitude.
func lowerTQuantile(p, df float64) float64 {
	inner := p >= 0.25
	target := math.Log(p)
	if inner {
		target = math.Log1p(-2 * p)
	}
	lb := lbeta(df/2, 0.5)
	lo, hi := math.Inf(-1), 0.0
	t := tQuantileGuess(p, df, lb)
	for range 200 {
		v := tArgs(t, df)
		r := incBeta(df/2, 0.5, v)
		// log of the density: −½log ν − log B(ν/2, ½) + (ν+1)/2·log x.
		lf := -0.5*math.Log(df) - lb + 0.5*(df+1)*v.lx
		var h, slope float64
		if inner {
			h, slope = r.lq-target, -2*math.Exp(lf-r.lq)
		} else {
			lF := r.lp - math.Ln2
			h, slope = lF-target, math.Exp(lf-lF)
		}
		switch {
		case h == 0:
			return t
		case h*slope > 0: // t is past the root
			hi = t
		default:
			lo = t
		}
		next := t - h/slope
		if !(next > lo && next < hi) {
			switch {
			case math.IsInf(lo, -1):
				next = 2 * t
			case hi == 0 || lo/hi < 4:
				next = 0.5 * (lo + hi)
			default:
				next = -math.Sqrt(lo * hi)
			}
		}
		if math.Abs(next-t) <= 2e-16*math.Abs(next) || next == lo || next == hi {
			return next
		}
		t = next
	}
	return t
}

// tQuantileGuess starts the Newton search. In the tail, F ≈ x^a/(2a·B)
// with a = ν/2 and x = ν/(ν+t²) small, which solves for t in closed form;
// near the centre the Cornish–Fisher expansion around the normal quantile
// does better. The closed form is used wherever it puts x below one half.
func tQuantileGuess(p, df, lb float64) float64 {
	lx := 2 * (math.Log(df) + lb + math.Log(p)) / df
	if lx < -math.Ln2 {
		if -lx > 700 {
			return -math.Exp(0.5 * (math.Log(df) - lx))
		}
		return -math.Sqrt(df * math.Expm1(-lx))
	}
	z := lowerNormalQuantile(p)
	z2 := z * z
	g1 := (z2 + 1) * z / 4
	g2 := ((5*z2+16)*z2 + 3) * z / 96
	g3 := (((3*z2+19)*z2+17)*z2 - 15) * z / 384
	t := z + (g1+(g2+g3/df)/df)/df
	if !(t < 0) || math.IsInf(t, -1) {
		return z
	}
	return t
}

// lowerNormalQuantile is the standard normal quantile for 0 < p < 1/2.
// math.Erfcinv(2p) is Erfinv(1 − 2p), which rounds 1 − 2p to 1 once p is
// below 1e-16, so it serves only from p = 1/4 up (where 1 − 2p is exact);
// lower down Newton's method on log Φ, with the accurate math.Erfc, takes
// over from the asymptotic z² ≈ −2·log(p·|z|·√(2π)).
func lowerNormalQuantile(p float64) float64 {
	if p >= 0.25 {
		return -math.Sqrt2 * math.Erfinv(1-2*p)
	}
	lp := math.Log(p)
	var z float64
	if p > 1e-10 {
		z = -math.Sqrt2 * math.Erfinv(1-2*p)
	} else {
		z2 := -2 * lp
		for range 3 {
			z2 = -2 * (lp + 0.5*math.Log(z2*2*math.Pi))
		}
		z = -math.Sqrt(z2)
	}
	const logSqrt2Pi = 0.91893853320467274178 // ½·log 2π
	for range 50 {
		lPhi := math.Log(0.5 * math.Erfc(-z/math.Sqrt2))
		step := (lPhi - lp) / math.Exp(-0.5*z*z-logSqrt2Pi-lPhi)
		z -= step
		if math.Abs(step) <= 1e-16*math.Abs(z) {
			break
		}
	}
	return z
}

// betaArg is an argument x of the incomplete beta with y = 1 − x, each
// computed without cancellation, and their logarithms (which stay finite
// when x itself underflows: t = 1e300 with df = 1).
type betaArg struct{ x, y, lx, ly float64 }

// tArgs is x = ν/(ν+t²) for a t statistic, from whichever of t²/ν or
// ν/t² is below one, so neither t² nor the ratio overflows.
func tArgs(t, df float64) betaArg {
	at := math.Abs(t)
	if at <= math.Sqrt(df) {
		q := at * at / df
		l := math.Log1p(q)
		return betaArg{x: 1 / (1 + q), y: q / (1 + q), lx: -l, ly: math.Log(q) - l}
	}
	r := df / at / at
	l := math.Log1p(r)
	return betaArg{x: r / (1 + r), y: 1 / (1 + r), lx: math.Log(df) - 2*math.Log(at) - l, ly: -l}
}

// incBeta is I_x(a, b) and its complement. The continued fraction
// converges fast only below the mean of Beta(a, b), so above it the
// complement I_y(b, a) is the one computed, and the other is 1 minus it.
// The logarithms stay finite where the values underflow.
func incBeta(a, b float64, v betaArg) betaTail {
	switch {
	case v.y == 0:
		return betaTail{p: 1, lp: 0, q: 0, lq: math.Inf(-1)}
	case v.x == 0 && math.IsInf(v.lx, -1):
		return betaTail{p: 0, lp: math.Inf(-1), q: 1, lq: 0}
	case below(v, a, b):
		// a·g, not log a and log g apart: g ≈ 1/a at large a, and the two
		// logarithms would cancel.
		l := incBetaFront(a, b, v) - math.Log(a*betaFraction(a, b, v.x, v.y))
		p := math.Exp(l)
		return betaTail{p: p, lp: l, q: 1 - p, lq: math.Log1p(-p)}
	}
	w := betaArg{x: v.y, y: v.x, lx: v.ly, ly: v.lx}
	l := incBetaFront(b, a, w) - math.Log(b*betaFraction(b, a, w.x, w.y))
	q := math.Exp(l)
	return betaTail{p: 1 - q, lp: math.Log1p(-q), q: q, lq: l, complement: true}
}

// below says x is below the mean of Beta(a, b) (nearly: the continued
// fraction's own threshold (a + 1)/(a + b + 2)). Near 1 the test is made
// on y = 1 − x, which keeps digits that x has lost: at df = 10²⁰ every x
// from a t below 10² rounds to 1.
func below(v betaArg, a, b float64) bool {
	if v.x < 0.5 {
		return v.x < (a+1)/(a+b+2)
	}
	return v.y > (b+1)/(a+b+2)
}

// betaTail is I_x(a, b) = p and q = 1 − p, with their logarithms;
// complement says q was computed and p derived from it.
type betaTail struct {
	p, q, lp, lq float64
	complement   bool
}

// incBetaFront is log(x^a·y^b / B(a, b)); I_x(a, b) is its exponential
// over a·g, g the continued fraction. Where one parameter is large and the
// other small (the t distribution at large df: a = ν/2, b = ½) the
// log-gammas of log B come from Stirling's series, and their large terms
// are folded into the powers before any logarithm is taken: b·log y and
// −b·log(a + b) in log B would each be near ±7 at ν = 10⁶ and cancel to
// about 1, losing a digit; b·log(y·(a + b)) does not.
func incBetaFront(a, b float64, v betaArg) float64 {
	if (a < 10) == (b < 10) {
		f := a*v.lx - lbeta(a, b)
		if b*v.ly != 0 { // 0·(−Inf) when y underflows with b = 0 is not wanted
			f += b * v.ly
		}
		return f
	}
	big, small, lBig, uSmall, lSmall := a, b, v.lx, v.y, v.ly
	if a < b {
		big, small, lBig, uSmall, lSmall = b, a, v.ly, v.x, v.lx
	}
	// −log B(big, small) = −log Γ(small) + (big − ½)·log1p(small/big)
	//   + small·log(big + small) − small − δ(big) + δ(big + small).
	var sl float64
	if u := uSmall * (big + small); u >= 0x1p-1022 && !math.IsInf(u, 1) {
		sl = small * math.Log(u)
	} else {
		sl = small * (lSmall + math.Log(big+small))
	}
	lgs, _ := math.Lgamma(small)
	return big*lBig + sl + (big-0.5)*math.Log1p(small/big) - small - lgs -
		stirlingCorrection(big) + stirlingCorrection(big+small)
}

// betaFraction evaluates the continued fraction of the incomplete beta
// (DLMF 8.17.22), I_x(a, b) = front / g with
//
//	g = 1 + d₁/(1 + d₂/(1 + …)),
//	d₂ₘ   =  m(b − m)·x / ((a + 2m − 1)(a + 2m)),
//	d₂ₘ₊₁ = −(a + m)(a + b + m)·x / ((a + 2m)(a + 2m + 1)).
//
// As written it cancels: with a large and x near 1 (the t distribution at
// large df), d₂ₘ₊₁ ≈ −1 and 1 + d₂ₘ₊₁ is a small difference, which cost
// ten digits at df = 10⁶. So g is taken by its odd part,
//
//	g = (1 + d₁) − d₁d₂/((1 + d₃) + d₂ − d₃d₄/((1 + d₅) + d₄ − …)),
//
// which has the same value and where every 1 + d₂ₘ₊₁ is formed from y = 1 − x
// without a subtraction (onePlusOdd). It is evaluated by the modified Lentz
// method: the ratios of successive convergents are multiplied up, and a
// vanishing denominator is nudged off zero.
func betaFraction(a, b, x, y float64) float64 {
	const nudge = 1e-300
	// d₂ₘ and d₂ₘ₊₁, as products of ratios so that nothing overflows
	// at df = 10³⁰⁰.
	even := func(m float64) float64 { return m / (a + 2*m - 1) * ((b - m) / (a + 2*m)) * x }
	odd := func(m float64) float64 { return -(a + m) / (a + 2*m) * ((a + b + m) / (a + 2*m + 1)) * x }
	// 1 + d₂ₘ₊₁ = 1 − R/P·x = (P − R)/P + R/P·y with P = (a + 2m)(a + 2m + 1),
	// R = (a + m)(a + b + m) and P − R worked out by hand; the second form
	// has no subtraction when P − R ≥ 0 (b ≤ 1).
	onePlusOdd := func(m float64) float64 {
		rp := (a + m) / (a + 2*m) * ((a + b + m) / (a + 2*m + 1))
		if c := a*(2*m+1-b) + 3*m*m + (2-b)*m; c >= 0 {
			return c/(a+2*m)/(a+2*m+1) + rp*y
		}
		return 1 - rp*x
	}
	g := onePlusOdd(0)
	if g == 0 {
		g = nudge
	}
	c, d := g, 0.0
	// With b = ½ (all the t distribution asks) this converges in at most 62
	// steps at any df (measured from 0.1 to 10³⁰⁰ with t from 10⁻³ to 10⁶,
	// the most near t = 1.75); in general it can take O(√max(a, b)).
	const maxTerms = 1000
	for k := 1; k <= maxTerms; k++ {
		m := float64(k)
		num := -odd(m-1) * even(m)
		den := onePlusOdd(m) + even(m)
		d = den + num*d
		if d == 0 {
			d = nudge
		}
		c = den + num/c
		if c == 0 {
			c = nudge
		}
		d = 1 / d
		r := c * d
		g *= r
		if math.Abs(r-1) <= 0x1p-53 {
			break
		}
	}
	return g
}

// lbeta is log B(a, b) for a, b > 0. Adding and subtracting log-gammas of
// large arguments would lose the difference (log Γ(5·10⁵) ≈ 6·10⁶ spends
// ten digits before the difference starts), so for arguments of 10 and
// more the Stirling series is used, with the large terms combined into
// log1p forms and only the small corrections subtracted.
func lbeta(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	if a < 10 {
		la, _ := math.Lgamma(a)
		lb, _ := math.Lgamma(b)
		lab, _ := math.Lgamma(a + b)
		return la + lb - lab
	}
	corr := stirlingCorrection(a) - stirlingCorrection(a+b)
	if b < 10 {
		// log Γ(a) − log Γ(a+b) by Stirling, the rest by Lgamma.
		lb, _ := math.Lgamma(b)
		return lb - (a-0.5)*math.Log1p(b/a) - b*math.Log(a+b) + b + corr
	}
	corr += stirlingCorrection(b)
	return 0.5*math.Log(2*math.Pi) - 0.5*math.Log(b) - b*math.Log1p(a/b) -
		(a-0.5)*math.Log1p(b/a) + corr
}

// stirlingCorrection is log Γ(x) − ((x − ½)log x − x + ½log 2π) for
// x ≥ 10: the series Σ B₂ₖ/(2k(2k−1)x^(2k−1)) to k = 7, whose next term
// is below 3e-17 there.
func stirlingCorrection(x float64) float64 {
	u := 1 / (x * x)
	s := 1.0 / 156
	s = s*u - 691.0/360360
	s = s*u + 1.0/1188
	s = s*u - 1.0/1680
	s = s*u + 1.0/1260
	s = s*u - 1.0/360
	s = s*u + 1.0/12
	return s / x
}
