package graph

import (
	"fmt"
	"strconv"
	"testing"
)

// BenchmarkKNN: KNN with K = 20 over people drawn from value archetypes
// and near-uniformly, 10,000 and 100,000 of them (the latter by hand, it
// is skipped under -short). Run:
//
//	go test ./internal/graph/ -run '^$' -bench 'KNN' -benchtime 3x
func BenchmarkKNN(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		for _, gen := range []string{"archetypes", "uniform"} {
			b.Run(fmt.Sprintf("%s/n=%d", gen, n), func(b *testing.B) {
				if n > 10000 && testing.Short() {
					b.Skip("100,000 vectors: run by hand")
				}
				vecs := benchPeople(gen, n)
				b.ResetTimer()
				for b.Loop() {
					KNN(vecs, KNNOptions{K: 20, Seed: 1})
				}
			})
		}
	}
}

// BenchmarkGroupings100k: what suggested groupings run after loading the
// people: KNN, SimilarityGraph and Louvain on 100,000 people.
func BenchmarkGroupings100k(b *testing.B) {
	if testing.Short() {
		b.Skip("100,000 vectors: run by hand")
	}
	vecs := benchPeople("archetypes", 100000)
	names := make([]string, len(vecs))
	for i := range names {
		names[i] = strconv.Itoa(i)
	}
	b.ResetTimer()
	for b.Loop() {
		nn := KNN(vecs, KNNOptions{K: 20, Seed: 1})
		g, err := SimilarityGraph(names, nn)
		if err != nil {
			b.Fatal(err)
		}
		Louvain(g, 1)
	}
}

func benchPeople(gen string, n int) []SparseVector {
	if gen == "uniform" {
		return uniformPeople(n, 60, 2)
	}
	return archetypePeople(n, 60, 36, 1)
}
