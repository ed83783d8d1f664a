package graph

import (
	"math"
	"slices"
)

// ivfParams are the knobs of the approximate search.
type ivfParams struct {
	clusters int // k-means centroids
	probes   int // clusters each vector is compared against
	train    int // vectors k-means learns from
	iters    int // Lloyd's iterations
	rounds   int // neighbour-descent rounds
	reverse  int // most reverse neighbours followed per vector
}

// defaultIVF sizes the search for m non-empty vectors: sqrt(m) clusters
// balance the cost of scoring centroids against that of scanning members.
// The other figures were chosen by measuring recall and time on the test
// generators at 10,000 and 100,000 vectors (see KNN).
func defaultIVF(m int) ivfParams {
	c := max(1, int(math.Round(math.Sqrt(float64(m)))))
	return ivfParams{clusters: c, probes: min(c, 4), train: min(m, 40*c), iters: 8, rounds: 4, reverse: 20}
}

// settled is the share of new entries below which descent stops: later
// rounds would change fewer than one neighbour in a thousand.
const settled = 0.005

// approximate is KNN above exactBelow: k-means, probing, then descent.
func (vs *vecSet) approximate(k, workers int, seed uint64, p ivfParams, report func(done, total int)) [][]Neighbour {
	n := vs.n()
	prog := newProgress(report, n*(2+p.rounds))
	p.clusters = min(p.clusters, vs.nonEmpty)
	p.probes = max(1, min(p.probes, p.clusters))
	p.train = min(max(p.train, p.clusters), vs.nonEmpty)
	cent := vs.kmeans(p, seed, workers)
	probes := vs.probeAll(cent, p, workers, prog)
	ps, first, probes := vs.byCluster(probes, p)
	nn := newLists(n, k)
	forChunks(workers, n, func(s *scratch, lo, hi int) {
		for v := lo; v < hi; v++ {
			if ps.empty(v) {
				continue
			}
			s.heap.reset(k)
			ps.scatter(s.dense, v)
			for _, c := range probes[v*p.probes : (v+1)*p.probes] {
				ps.scanRange(s, v, first[c], first[c+1])
			}
			ps.unscatter(s.dense, v)
			nn.set(v, &s.heap)
		}
		prog.add(hi - lo)
	}, func() *scratch { return newScratch(ps, k) })
	var spare *lists
	for r := range p.rounds {
		var fresh float64
		before := nn
		nn, fresh = ps.descend(nn, spare, workers, p.reverse, prog)
		if before.fresh != nil {
			spare = before
		}
		if fresh < settled {
			prog.add((p.rounds - 1 - r) * n) // the rounds not needed
			break
		}
	}
	return ps.unpermute(nn)
}

// centroids are k-means' unit vectors, stored term by term (t·c + j is
// term t of centroid j) so that scoring a sparse vector against all of
// them runs along contiguous rows.
type centroids struct {
	c int
	t []float32
}

// score writes v's dot product with every centroid into out.
func (vs *vecSet) score(cent *centroids, v int, out []float32) {
	clear(out)
	a, b := vs.span(v)
	inv := vs.inv[v]
	for e := a; e < b; e++ {
		w := float32(float64(vs.w[e]) * inv)
		row := cent.t[int(vs.idx[e])*cent.c:][:len(out)]
		for j, x := range row {
			out[j] += w * x
		}
	}
}

// kmeans runs spherical k-means on a sample drawn by seed and returns
// its centroids. A cluster left empty restarts at the sample vector worst
// served by its centroid, which splits the crowded clusters that
// archetypes make.
func (vs *vecSet) kmeans(p ivfParams, seed uint64, workers int) *centroids {
	sh := newShuffler(seed)
	order := sh.perm(make([]int32, vs.nonEmpty))
	sample := make([]int32, p.train)
	for i := range sample {
		sample[i] = vs.ids[order[i]]
	}
	c, dim := p.clusters, vs.dim
	sums := make([]float64, c*dim)
	for j, v := range sample[:c] {
		vs.addTo(sums[j*dim:(j+1)*dim], int(v))
	}
	cent := &centroids{c: c, t: make([]float32, dim*c)}
	assign := make([]int32, len(sample))
	fit := make([]float32, len(sample))
	for it := 0; ; it++ {
		transpose(cent, sums, dim)
		if it == p.iters {
			return cent
		}
		forChunks(workers, len(sample), func(s *scratch, lo, hi int) {
			for i := lo; i < hi; i++ {
				vs.score(cent, int(sample[i]), s.score)
				best := 0
				for j, x := range s.score {
					if x > s.score[best] {
						best = j
					}
				}
				assign[i], fit[i] = int32(best), s.score[best]
			}
		}, func() *scratch { return &scratch{score: make([]float32, c)} })
		clear(sums)
		size := make([]int, c)
		for i, v := range sample {
			j := int(assign[i])
			size[j]++
			vs.addTo(sums[j*dim:(j+1)*dim], int(v))
		}
		for j := range size {
			if size[j] == 0 {
				worst := 0
				for i := range fit {
					if fit[i] < fit[worst] {
						worst = i
					}
				}
				fit[worst] = math.MaxFloat32
				vs.addTo(sums[j*dim:(j+1)*dim], int(sample[worst]))
			}
		}
	}
}

// addTo adds v, normalised, to the dense row.
func (vs *vecSet) addTo(row []float64, v int) {
	a, b := vs.span(v)
	for e := a; e < b; e++ {
		row[vs.idx[e]] += float64(vs.w[e]) * vs.inv[v]
	}
}

// transpose normalises each centroid's sum to unit length and writes it
// term by term into cent.
func transpose(cent *centroids, sums []float64, dim int) {
	c := cent.c
	for j := range c {
		row := sums[j*dim : (j+1)*dim]
		var n2 float64
		for _, x := range row {
			n2 += x * x
		}
		inv := 0.0
		if n2 > 0 {
			inv = 1 / math.Sqrt(n2)
		}
		for t, x := range row {
			cent.t[t*c+j] = float32(x * inv)
		}
	}
}

// probeAll returns, for every non-empty vector, its p.probes nearest
// centroids, nearest first (ties to the lower centroid).
func (vs *vecSet) probeAll(cent *centroids, p ivfParams, workers int, prog *progress) []int32 {
	np := p.probes
	probes := make([]int32, vs.n()*np)
	forChunks(workers, vs.n(), func(s *scratch, lo, hi int) {
		best := make([]float32, 0, np)
		for v := lo; v < hi; v++ {
			if vs.empty(v) {
				continue
			}
			vs.score(cent, v, s.score)
			ids := probes[v*np : v*np : (v+1)*np]
			best = best[:0]
			for j, x := range s.score {
				if len(best) == np && x <= best[np-1] {
					continue
				}
				if len(best) < np {
					best, ids = append(best, x), append(ids, int32(j))
				}
				i := len(best) - 1
				for ; i > 0 && best[i-1] < x; i-- {
					best[i], ids[i] = best[i-1], ids[i-1]
				}
				best[i], ids[i] = x, int32(j)
			}
		}
		prog.add(hi - lo)
	}, func() *scratch { return &scratch{score: make([]float32, cent.c)} })
	return probes
}

// byCluster lays the vectors out cluster by cluster (by their nearest
// centroid, the first probe; in increasing order within a cluster), so
// that scanning a cluster reads memory in order and neighbours, mostly in
// the same or nearby clusters, sit close: with the vectors in place,
// scattered over the whole set, the scans took five times as long at
// 100,000 vectors, waiting on the cache. It returns the copy, where
// cluster c holds places first[c] to first[c+1]-1, and the probes by
// place.
func (vs *vecSet) byCluster(probes []int32, p ivfParams) (*vecSet, []int32, []int32) {
	first := make([]int32, p.clusters+1)
	for _, v := range vs.ids {
		first[probes[int(v)*p.probes]+1]++
	}
	for c := range p.clusters {
		first[c+1] += first[c]
	}
	order := make([]int32, vs.nonEmpty)
	next := append([]int32(nil), first[:p.clusters]...)
	for _, v := range vs.ids {
		c := probes[int(v)*p.probes]
		order[next[c]] = v
		next[c]++
	}
	ps := vs.permute(order)
	placed := make([]int32, len(probes))
	for q, v := range order {
		copy(placed[q*p.probes:(q+1)*p.probes], probes[int(v)*p.probes:])
	}
	return ps, first, placed
}

// unpermute returns the lists of a permuted copy by the original ids,
// each sorted again, since the ids that broke ties have changed.
func (ps *vecSet) unpermute(nn *lists) [][]Neighbour {
	out := make([][]Neighbour, ps.n())
	all := nn.slices()
	for q, list := range all {
		for i := range list {
			list[i].ID = ps.orig[list[i].ID]
		}
		slices.SortFunc(list, compareNeighbours)
		out[ps.orig[q]] = list
	}
	return out
}
