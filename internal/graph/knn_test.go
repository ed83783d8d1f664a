package graph

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// bruteKNN is the reference: every pair through maps, every list fully
// sorted. The similarity is the formula KNN documents (dot product times
// the product of the inverse norms, rounded to float32 once).
func bruteKNN(vecs []SparseVector, k int) [][]Neighbour {
	inv := make([]float64, len(vecs))
	maps := make([]map[int32]float64, len(vecs))
	for i, v := range vecs {
		maps[i] = map[int32]float64{}
		var n2 float64
		for j, t := range v.Idx {
			maps[i][t] = float64(v.W[j])
			n2 += float64(v.W[j]) * float64(v.W[j])
		}
		if n2 > 0 {
			inv[i] = 1 / math.Sqrt(n2)
		}
	}
	out := make([][]Neighbour, len(vecs))
	for i := range vecs {
		var all []Neighbour
		for j := range vecs {
			var dot float64
			for t, w := range maps[j] {
				dot += maps[i][t] * w
			}
			if j != i && dot > 0 {
				all = append(all, Neighbour{ID: int32(j), Sim: float32(min(dot*(inv[i]*inv[j]), 1))})
			}
		}
		slices.SortFunc(all, compareNeighbours)
		if len(all) > 0 {
			out[i] = all[:min(k, len(all))]
		}
	}
	return out
}

// randomVectors draws n vectors over a small vocabulary with small
// integer weights, so that ties are common; one in five is empty.
func randomVectors(rng *rand.Rand, n, vocab int) []SparseVector {
	vecs := make([]SparseVector, n)
	for i := range vecs {
		if rng.IntN(5) == 0 {
			continue
		}
		for t := range int32(vocab) {
			if rng.IntN(3) == 0 {
				vecs[i].Idx = append(vecs[i].Idx, t)
				vecs[i].W = append(vecs[i].W, float32(1+rng.IntN(3)))
			}
		}
	}
	return vecs
}

func TestExactKNN(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 1))
		for c := range 300 {
			n, k := rng.IntN(40), 1+rng.IntN(45)
			vecs := randomVectors(rng, n, 2+rng.IntN(6))
			want := bruteKNN(vecs, k)
			if got := ExactKNN(vecs, k, 1+c%3); !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d (n %d, k %d): ExactKNN\n%v\nwant\n%v", c, n, k, got, want)
			}
			if got := KNN(vecs, KNNOptions{K: k, Seed: uint64(c)}); !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d (n %d, k %d): KNN below exactBelow\n%v\nwant\n%v", c, n, k, got, want)
			}
		}
	})
	t.Run("Ties", func(t *testing.T) {
		one := SparseVector{Idx: []int32{1}, W: []float32{1}}
		vecs := []SparseVector{one, one, one, {}, {Idx: []int32{1, 2}, W: []float32{2, 1}}}
		s := float32(2 / math.Sqrt(5))
		want := [][]Neighbour{
			{{1, 1}, {2, 1}}, {{0, 1}, {2, 1}}, {{0, 1}, {1, 1}}, nil, {{0, s}, {1, s}},
		}
		if got := ExactKNN(vecs, 2, 0); !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("MessyInput", func(t *testing.T) {
		nan, inf := float32(math.NaN()), float32(math.Inf(1))
		messy := []SparseVector{
			{Idx: []int32{5, 2, -1, 7, 2, 9, 3}, W: []float32{1, 2, 4, nan, 1, -2, inf}},
			{Idx: []int32{2, 5}, W: []float32{3, 1}},
			{Idx: []int32{4, 1}, W: []float32{0, nan}},
			{Idx: []int32{5}, W: []float32{1}},
		}
		clean := []SparseVector{
			{Idx: []int32{2, 5}, W: []float32{3, 1}},
			{Idx: []int32{2, 5}, W: []float32{3, 1}},
			{},
			{Idx: []int32{5}, W: []float32{1}},
		}
		want := bruteKNN(clean, 3)
		if got := ExactKNN(messy, 3, 2); !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		if want[0][0] != (Neighbour{1, 1}) || want[2] != nil {
			t.Errorf("reference: %v", want)
		}
	})
	t.Run("ErrLengths", func(t *testing.T) {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), "vector 1 has 2 indices and 1 weights") {
				t.Errorf("recovered %v", r)
			}
		}()
		ExactKNN([]SparseVector{{}, {Idx: []int32{1, 2}, W: []float32{1}}}, 3, 1)
	})
	t.Run("NoK", func(t *testing.T) {
		vecs := randomVectors(rand.New(rand.NewPCG(2, 2)), 10, 3)
		for _, got := range [][][]Neighbour{ExactKNN(vecs, 0, 1), KNN(vecs, KNNOptions{})} {
			if len(got) != 10 || slices.ContainsFunc(got, func(l []Neighbour) bool { return l != nil }) {
				t.Errorf("K 0: got %v, want 10 empty lists", got)
			}
		}
	})
}

func TestKNNApproximate(t *testing.T) {
	vecs := archetypePeople(5000, 60, 36, 3)
	t.Run("Repeatable", func(t *testing.T) {
		var calls, last, total int
		one := KNN(vecs, KNNOptions{K: 20, Workers: 1, Seed: 9})
		two := KNN(vecs, KNNOptions{K: 20, Workers: 2, Seed: 9, Progress: func(done, all int) {
			if done < last || (total != 0 && all != total) {
				t.Errorf("progress %d of %d after %d of %d", done, all, last, total)
			}
			calls, last, total = calls+1, done, all
		}})
		if !reflect.DeepEqual(one, two) {
			t.Error("1 and 2 workers gave different answers")
		}
		if last != total || calls < 10 || calls > 1000 {
			t.Errorf("progress: %d calls, ended at %d of %d", calls, last, total)
		}
		checkSims(t, vecs, two)
	})
	t.Run("LargeIndices", func(t *testing.T) {
		big := make([]SparseVector, len(vecs))
		for i, v := range vecs {
			big[i] = SparseVector{Idx: slices.Clone(v.Idx), W: v.W}
			for j := range v.Idx {
				big[i].Idx[j] = v.Idx[j]*30_000_000 + 7
			}
		}
		want := KNN(vecs, KNNOptions{K: 5, Seed: 4})
		if got := KNN(big, KNNOptions{K: 5, Seed: 4}); !reflect.DeepEqual(got, want) {
			t.Error("indices up to 1.8e9 gave a different answer")
		}
	})
}

func TestRecall(t *testing.T) {
	exact := [][]Neighbour{{{1, 0.9}, {2, 0.5}}, nil, {{0, 0.5}}}
	cases := []struct {
		name   string
		approx [][]Neighbour
		want   float64
	}{
		{"Same", exact, 1},
		{"TieCountsAsRight", [][]Neighbour{{{1, 0.9}, {3, 0.5}}, nil, {{3, 0.5}}}, 1},
		{"OneMissed", [][]Neighbour{{{1, 0.9}, {3, 0.4}}, {{0, 1}}, {{0, 0.5}}}, 2.0 / 3},
		{"NoMoreThanExact", [][]Neighbour{{{1, 0.9}, {3, 0.9}, {4, 0.9}}, nil, nil}, 2.0 / 3},
		{"Short", [][]Neighbour{{{1, 0.9}}}, 1.0 / 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Recall(c.approx, exact); math.Abs(got-c.want) > 1e-12 {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if got := Recall(nil, [][]Neighbour{nil}); got != 1 {
		t.Errorf("nothing to find: got %v, want 1", got)
	}
}
