package payreview

import (
	"math"
	"math/rand/v2"
	"testing"
)

// kktHolds checks the optimality conditions of a plan: the target is met,
// every raise is within [0, limit], and one multiplier λ prices them all —
// payᵢe^zᵢ = λgᵢ where 0 < zᵢ < limit, payᵢ ≥ λgᵢ where zᵢ = 0, and
// payᵢe^limit ≤ λgᵢ where zᵢ = limit. The problem is convex, so these
// conditions prove the plan optimal whatever method found it.
func kktHolds(t *testing.T, cs []candidate, p raisePlan, need, limit float64) {
	t.Helper()
	var moved float64
	lambda := math.NaN()
	for i, c := range cs {
		z := p.z[i]
		if z < 0 || z > limit*(1+1e-15) {
			t.Fatalf("raise %d: z %g outside [0, %g]", i, z, limit)
		}
		moved += c.gain * z
		if z > 1e-12 && z < limit*(1-1e-12) {
			l := c.pay * math.Exp(z) / c.gain
			if !math.IsNaN(lambda) && math.Abs(l-lambda) > 1e-9*lambda {
				t.Fatalf("free raises priced differently: %g and %g", lambda, l)
			}
			lambda = l
		}
	}
	if math.Abs(moved-need) > 1e-9*need {
		t.Fatalf("the plan moves the coefficient by %g, need %g", moved, need)
	}
	if math.IsNaN(lambda) {
		return // every raise at a bound: no free multiplier to check against
	}
	for i, c := range cs {
		switch z := p.z[i]; {
		case z <= 1e-12 && c.pay < lambda*c.gain*(1-1e-9):
			t.Fatalf("candidate %d is not raised but is cheaper than the price (%g < %g)", i, c.pay/c.gain, lambda)
		case z >= limit*(1-1e-12) && c.pay*math.Exp(limit) > lambda*c.gain*(1+1e-9):
			t.Fatalf("candidate %d is at the cap but dearer than the price", i)
		}
	}
}

func TestRemediationOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	limit := math.Log1p(0.10)
	for trial := range 200 {
		n := 1 + rng.IntN(60)
		cs := make([]candidate, n)
		var reach float64
		for i := range cs {
			cs[i] = candidate{row: i, pay: 20000 + 80000*rng.Float64(), gain: 1e-4 * rng.Float64()}
			if trial%5 == 0 { // ties in gain per unit of pay
				cs[i].pay, cs[i].gain = 50000, 5e-5
			}
			reach += cs[i].gain * limit
		}
		need := reach * (0.01 + 0.98*rng.Float64())
		opt := optimal(cs, need, limit)
		kktHolds(t, cs, opt, need, limit)
		g := greedy(cs, need, limit)
		if opt.cost > g.cost*(1+1e-12) {
			t.Fatalf("trial %d: optimum %g above greedy %g", trial, opt.cost, g.cost)
		}
		var moved float64
		for i, c := range cs {
			moved += c.gain * g.z[i]
		}
		if math.Abs(moved-need) > 1e-9*need {
			t.Fatalf("trial %d: greedy moves %g, need %g", trial, moved, need)
		}
	}
}

// TestRemediationHandMade: two women, one with twice the influence per unit
// of pay. The optimum raises both where their marginal costs meet; the
// greedy raises the better one to the cap first.
func TestRemediationHandMade(t *testing.T) {
	cs := []candidate{{pay: 100, gain: 2}, {pay: 100, gain: 1}}
	limit := math.Log1p(0.10)
	need := 0.2
	opt := optimal(cs, need, limit)
	// free: 100e^z₁ = 2λ, 100e^z₂ = λ → z₁ = z₂ + ln 2 > limit, so z₁ = limit
	// and z₂ = (0.2 − 2·limit)/1.
	want := []float64{limit, need - 2*limit}
	for i := range want {
		if math.Abs(opt.z[i]-want[i]) > 1e-15 {
			t.Fatalf("z %v, want %v", opt.z, want)
		}
	}
}

func TestRemediationUnreachable(t *testing.T) {
	d, m := fitted(t)
	rem, err := m.remediate(d, 0, 1e-6) // a raise of at most 0.0001%: never enough
	if err != nil {
		t.Fatal(err)
	}
	if rem.Reachable || rem.Raises != 0 || len(rem.Plan) != 0 || rem.UniformRaisePct == nil || rem.Cost != nil || rem.GreedyCost != nil {
		t.Fatalf("%+v", rem)
	}
}

// TestRemediationMenUnderpaid aims the target above the coefficient, so the
// men are the group raised and the coefficient comes down to it.
func TestRemediationMenUnderpaid(t *testing.T) {
	d, m := fitted(t)
	target := m.fit.Coef[m.women] - 0.02
	rem, err := m.remediate(d, target, 0.10)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.check(d, rem); err != nil {
		t.Fatal(err)
	}
	if rem.Group != "men" || !rem.Reachable || rem.Raises == 0 || math.Abs(rem.AchievedCoefficient-target) > 1e-12 {
		t.Fatalf("group %s raises %d achieved %g target %g", rem.Group, rem.Raises, rem.AchievedCoefficient, target)
	}
	for _, r := range rem.Plan {
		if d.Gender[r.Line-2] != Man {
			t.Fatalf("line %d raised but not a man", r.Line)
		}
	}
}
