package graph

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Generators of people's ranked values for the nearest-neighbour tests.
// A person ranks m values; rank r (1..m) weighs 11-r, as the people
// feature sets it.

// rankedVector turns values in rank order into a SparseVector.
func rankedVector(values []int32) SparseVector {
	type tw struct {
		t int32
		w float32
	}
	es := make([]tw, len(values))
	for r, t := range values {
		es[r] = tw{t, float32(10 - r)}
	}
	slices.SortFunc(es, func(a, b tw) int { return int(a.t) - int(b.t) })
	v := SparseVector{Idx: make([]int32, len(es)), W: make([]float32, len(es))}
	for i, e := range es {
		v.Idx[i], v.W[i] = e.t, e.w
	}
	return v
}

// archetypePeople draws n people from archetypes ranked lists of 10 over
// vocab values. Each person takes an archetype (some more popular than
// others), replaces each value with probability 0.15 by one from the whole
// vocabulary, swaps one to three pairs of neighbouring ranks, and keeps
// the first 3 to 10; one in fifty ranks nothing.
func archetypePeople(n, vocab, archetypes int, seed uint64) []SparseVector {
	rng := rand.New(rand.NewPCG(seed, 1))
	types := make([][]int32, archetypes)
	for a := range types {
		types[a] = distinctValues(rng, vocab, 10, 0)
	}
	out := make([]SparseVector, n)
	for i := range out {
		if rng.IntN(50) == 0 {
			continue
		}
		a := int(float64(archetypes) * math.Pow(rng.Float64(), 1.5))
		vals := slices.Clone(types[a])
		for r := range vals {
			if rng.Float64() < 0.15 {
				if t := int32(rng.IntN(vocab)); !slices.Contains(vals, t) {
					vals[r] = t
				}
			}
		}
		for range 1 + rng.IntN(3) {
			r := rng.IntN(len(vals) - 1)
			vals[r], vals[r+1] = vals[r+1], vals[r]
		}
		out[i] = rankedVector(vals[:3+rng.IntN(8)])
	}
	return out
}

// uniformPeople draws n people who rank 3 to 10 values from vocab with a
// mild popularity skew (the first values about twice as likely as the
// last): little structure, so near neighbours are hard to find.
func uniformPeople(n, vocab int, seed uint64) []SparseVector {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := make([]SparseVector, n)
	for i := range out {
		out[i] = rankedVector(distinctValues(rng, vocab, 3+rng.IntN(8), 1))
	}
	return out
}

// distinctValues draws m distinct values from 0..vocab-1; with skew s,
// value t is drawn with weight 1/(1+s·t/vocab).
func distinctValues(rng *rand.Rand, vocab, m int, skew float64) []int32 {
	var vals []int32
	for len(vals) < m {
		t := int32(rng.IntN(vocab))
		if rng.Float64()*(1+skew*float64(t)/float64(vocab)) > 1 || slices.Contains(vals, t) {
			continue
		}
		vals = append(vals, t)
	}
	return vals
}

// plantedPeople makes groups of size people each, group g ranking 4 to 10
// (at most pool)
// values from its own pool of pool values (g·pool ...), each replaced with
// probability noise by a value from any pool.
func plantedPeople(groups, size, pool int, noise float64, seed uint64) ([]SparseVector, []int) {
	rng := rand.New(rand.NewPCG(seed, 3))
	var vecs []SparseVector
	var truth []int
	for g := range groups {
		for range size {
			vals := distinctValues(rng, pool, min(pool, 4+rng.IntN(7)), 0)
			for r := range vals {
				vals[r] += int32(g * pool)
				if rng.Float64() < noise {
					if t := int32(rng.IntN(groups * pool)); !slices.Contains(vals, t) {
						vals[r] = t
					}
				}
			}
			vecs = append(vecs, rankedVector(vals))
			truth = append(truth, g)
		}
	}
	return vecs, truth
}
