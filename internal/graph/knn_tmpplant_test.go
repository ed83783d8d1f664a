package graph

import "testing"

func TestTmpPlant(t *testing.T) {
	for _, pool := range []int{8, 10, 12} {
		for seed := range uint64(6) {
			vecs, truth := plantedPeople(5, 200, pool, 0.1, seed)
			names := make([]string, len(vecs))
			for i := range names {
				names[i] = string(rune(i))
			}
			nn := KNN(vecs, KNNOptions{K: 20, Seed: 1})
			g, _ := SimilarityGraph(names, nn)
			comm, q := Louvain(g, 3)
			tab := map[[2]int]int{}
			k := 0
			for i, c := range comm {
				tab[[2]int{truth[i], int(c)}]++
				k = max(k, int(c)+1)
			}
			t.Logf("pool %d seed %d: %d communities q %.3f %v", pool, seed, k, q, tab)
		}
	}
}
