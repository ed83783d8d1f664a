package payreview

import (
	"cmp"
	"math"
	"slices"
)

// candidate is one employee of the underpaid group in the plan.
type candidate struct {
	row  int     // employee
	pay  float64 // basic pay: what a raise costs a share of
	gain float64 // how much the gap coefficient moves towards the target per unit of log raise
}

// raisePlan is a remediation: a log-raise per candidate.
type raisePlan struct {
	z    []float64
	cost float64
}

// remediate finds the cheapest raises that bring the adjusted coefficient
// to target. A log-raise zᵢ to employee i moves the coefficient by cᵢzᵢ
// exactly (the fit is linear in y) and costs payᵢ(e^zᵢ − 1), convex in zᵢ.
// Minimising the cost subject to Σ gᵢzᵢ = need, 0 ≤ zᵢ ≤ ln(1 + cap), the
// KKT conditions give zᵢ = clamp(ln(λgᵢ/payᵢ), 0, cap) for one multiplier
// λ; the sum is increasing in λ, so bisection finds the set of employees
// raised and the formula for ln λ on that set then solves it exactly.
func (m *model) remediate(d *Dataset, target, capFrac float64) (*Remediation, error) {
	b := m.fit.Coef[m.women]
	group, sign := Woman, 1.0
	if b > target { // men are the underpaid group: raising them lowers b
		group, sign = Man, -1
	}
	need := math.Abs(target - b)
	if need <= 1e-12 { // at the target but for rounding: nothing to raise
		need = 0
	}
	influence := m.fit.Influence(m.women)
	var all []candidate // everyone in the group, for the uniform raise
	for p, r := range m.rows {
		if d.Gender[r] == group {
			all = append(all, candidate{row: int(r), pay: d.Base[r], gain: sign * influence[p]})
		}
	}
	limit := math.Log1p(capFrac)
	rem := &Remediation{Group: groupWord(group), Target: target, CapPct: capFrac * 100, Plan: []Raise{}}
	var useful []candidate
	for _, c := range all {
		if c.gain > 0 {
			useful = append(useful, c)
		}
	}
	var reach float64
	for _, c := range useful {
		reach += c.gain * limit
	}
	rem.Reachable = need == 0 || reach >= need
	if need == 0 {
		zero, none := 0.0, 0.0
		rem.Cost, rem.GreedyCost = &zero, &none
	}
	if need > 0 && rem.Reachable {
		opt := optimal(useful, need, limit)
		for i, c := range useful {
			if opt.z[i] > 0 {
				rem.Plan = append(rem.Plan, Raise{ID: d.IDs[c.row], Line: d.Lines[c.row],
					RaisePct: math.Expm1(opt.z[i]) * 100, Amount: c.pay * math.Expm1(opt.z[i])})
			}
		}
		slices.SortFunc(rem.Plan, func(a, b Raise) int { // largest first; ties in file order
			return cmp.Or(cmp.Compare(b.RaisePct, a.RaisePct), cmp.Compare(a.Line, b.Line))
		})
		rem.Raises, rem.Cost = len(rem.Plan), &opt.cost
		g := greedy(useful, need, limit)
		rem.GreedyCost = &g.cost
		for _, z := range g.z {
			if z > 0 {
				rem.GreedyRaises++
			}
		}
	}
	var total float64
	for _, c := range all {
		total += c.gain
	}
	if need > 0 && total > 0 {
		z := need / total
		pct, cost := math.Expm1(z)*100, 0.0
		for _, c := range all {
			cost += c.pay * math.Expm1(z)
		}
		rem.UniformRaisePct, rem.UniformCost = &pct, &cost
	}
	return rem, nil
}

func groupWord(g Gender) string {
	if g == Man {
		return "men"
	}
	return "women"
}

// optimal solves the KKT conditions; see remediate.
func optimal(cs []candidate, need, limit float64) raisePlan {
	logRatio := make([]float64, len(cs)) // ln(gᵢ/payᵢ), taken once: bisection asks for it often
	for i, c := range cs {
		logRatio[i] = math.Log(c.gain / c.pay)
	}
	zAt := func(logLambda float64, i int) float64 {
		return min(limit, max(0, logLambda+logRatio[i]))
	}
	moved := func(logLambda float64) float64 {
		var s float64
		for i, c := range cs {
			s += c.gain * zAt(logLambda, i)
		}
		return s
	}
	// Between lo (no one raised) and hi (everyone at the cap) the moved
	// amount is continuous and increasing.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range logRatio {
		lo, hi = min(lo, -r), max(hi, -r+limit)
	}
	for range 200 {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if moved(mid) < need {
			lo = mid
		} else {
			hi = mid
		}
	}
	// Exact ln λ on the set found: the free employees' zᵢ = ln λ + ln(gᵢ/payᵢ).
	logLambda := hi
	var capped, freeGain, freeLog float64
	for i, c := range cs {
		switch z := zAt(hi, i); {
		case z >= limit:
			capped += c.gain * limit
		case z > 0:
			freeGain += c.gain
			freeLog += c.gain * logRatio[i]
		}
	}
	if freeGain > 0 {
		exact := (need - capped - freeLog) / freeGain
		if exact >= lo && exact <= hi {
			logLambda = exact
		}
	}
	out := raisePlan{z: make([]float64, len(cs))}
	for i, c := range cs {
		out.z[i] = zAt(logLambda, i)
		out.cost += c.pay * math.Expm1(out.z[i])
	}
	return out
}

// greedy is the comparison: raise to the cap in order of gain per unit of
// pay until the need is met, the last one partly.
func greedy(cs []candidate, need, limit float64) raisePlan {
	order := make([]int, len(cs))
	key := make([]float64, len(cs))
	for i, c := range cs {
		order[i], key[i] = i, c.gain/c.pay
	}
	slices.SortFunc(order, func(a, b int) int { // most gain per unit of pay first; ties in file order
		return cmp.Or(cmp.Compare(key[b], key[a]), cmp.Compare(a, b))
	})
	out := raisePlan{z: make([]float64, len(cs))}
	left := need
	for _, i := range order {
		if left <= need*1e-12 { // met, but for rounding
			break
		}
		z := min(limit, left/cs[i].gain)
		out.z[i] = z
		left -= z * cs[i].gain
		out.cost += cs[i].pay * math.Expm1(z)
	}
	return out
}
