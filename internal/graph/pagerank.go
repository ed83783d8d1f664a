package graph

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// PageRankOptions are the choices of PageRank. Zero values take
// networkx's defaults as the issue states them (alpha 0.85, tol 1e-12);
// MaxIter defaults higher than networkx's 100, since tol 1e-12 asks for
// more iterations on slowly mixing graphs than networkx's own default
// tolerance did.
type PageRankOptions struct {
	// Alpha is the damping factor, in (0, 1]; 0 means 0.85.
	Alpha float64
	// Tol stops the iteration when the L1 change of the vector is below
	// n×Tol, as networkx does; 0 means 1e-12.
	Tol float64
	// MaxIter is the most iterations made before giving up with
	// ErrNotConverged; 0 means 1000.
	MaxIter int
	// Personal, when not nil, is the personalisation vector, one value
	// per node, not negative, not all zero; it is scaled to sum to 1. It
	// is both where a random surfer jumps and where dangling nodes send
	// their rank, as in networkx. PageRank personalised from one node is
	// 1 at that node and 0 elsewhere. Nil means uniform.
	Personal []float64
}

// ErrNotConverged is returned (wrapped) when an iteration did not reach
// its tolerance within its iterations.
var ErrNotConverged = errors.New("graph: power iteration did not converge")

// PageRank is networkx 2.8.8's pagerank(G, alpha, personalization,
// max_iter, tol, weight="weight"): the rank flows along each out-edge in
// proportion to its weight, a node whose out-weight is zero (dangling)
// hands its rank out by the personalisation vector, and a share 1-alpha
// is handed out by that vector every step. Like networkx it starts from
// the uniform vector and iterates x ← alpha·(xP + (x·dangling)·p) +
// (1-alpha)·p (Jacobi, not Gauss–Seidel, so the vector returned is the
// very iterate networkx stops at, not merely the same fixed point) until
// the L1 change is below n×Tol. On an undirected graph each edge counts
// both ways, as networkx's to_directed does. An empty graph has an empty
// result.
func PageRank(g *Graph, opts PageRankOptions) ([]float64, error) {
	alpha, tol, maxIter, err := opts.settings()
	if err != nil {
		return nil, err
	}
	n := g.Order()
	p, err := personalisation(opts.Personal, g.Names)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []float64{}, nil
	}
	s := newRanker(g, alpha, p)
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	next := make([]float64, n)
	limit := float64(n) * tol
	for range maxIter {
		if s.step(x, next) < limit {
			return next, nil
		}
		x, next = next, x
	}
	return nil, fmt.Errorf("%w: PageRank in %d iterations (tolerance %g)", ErrNotConverged, maxIter, tol)
}

func (o PageRankOptions) settings() (alpha, tol float64, maxIter int, err error) {
	alpha, tol, maxIter = o.Alpha, o.Tol, o.MaxIter
	switch {
	case math.IsNaN(alpha) || alpha < 0 || alpha > 1:
		return 0, 0, 0, fmt.Errorf("graph: PageRank alpha %v: want a damping factor in (0, 1]", alpha)
	case math.IsNaN(tol) || math.IsInf(tol, 0) || tol < 0:
		return 0, 0, 0, fmt.Errorf("graph: PageRank tolerance %v: want a finite number, not negative (0 means 1e-12)", tol)
	case maxIter < 0:
		return 0, 0, 0, fmt.Errorf("graph: PageRank MaxIter %d: want a count, not negative (0 means 1000)", maxIter)
	}
	if alpha == 0 {
		alpha = 0.85
	}
	if tol == 0 {
		tol = 1e-12
	}
	if maxIter == 0 {
		maxIter = 1000
	}
	return alpha, tol, maxIter, nil
}

// personalisation checks a personalisation vector and scales it to sum
// to 1, as networkx does; nil stays nil (uniform), as does an empty one
// for an empty graph.
func personalisation(personal []float64, names []string) ([]float64, error) {
	n := len(names)
	if personal == nil || n == 0 && len(personal) == 0 {
		return nil, nil
	}
	if len(personal) != n {
		return nil, fmt.Errorf("graph: PageRank personalisation has %d values for %d nodes", len(personal), n)
	}
	sum := 0.0
	for v, w := range personal {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return nil, fmt.Errorf("graph: PageRank personalisation of node %q is %v: want a finite number, not negative", names[v], w)
		}
		sum += w
	}
	if sum == 0 || math.IsInf(sum, 0) {
		return nil, fmt.Errorf("graph: PageRank personalisation sums to %v: want a finite sum above 0", sum)
	}
	p := make([]float64, n)
	for v, w := range personal {
		p[v] = w / sum
	}
	return p, nil
}

// ranker holds what every PageRank step reuses. The step pulls rank over
// in-edges, so each node's new value is written by one goroutine only and
// the nodes can be split between cores without atomics; coef holds each
// in-edge's weight already divided by its source's out-weight, so a step
// reads one number per edge besides the source's rank.
type ranker struct {
	alpha       float64
	start       []int
	adj         []int32
	coef        []float64
	p           []float64 // nil: uniform
	dangling    []int32   // nodes with no out-weight, in increasing order
	chunks      []int     // node ranges of about equal work, see workChunks
	danglingSum float64
	errs        []float64 // per chunk, summed in chunk order so results never depend on the core count
}

func newRanker(g *Graph, alpha float64, p []float64) *ranker {
	n := g.Order()
	// networkx scales each row by 1/(row sum) and then multiplies, so the
	// coefficient is w·(1/out) rather than w/out; doing the same keeps the
	// results within an ulp or so of networkx's.
	inv := make([]float64, n)
	outChunks := workChunks(g.Start)
	eachChunk(len(outChunks)-1, func(c int) {
		for u := outChunks[c]; u < outChunks[c+1]; u++ {
			out := 0.0
			for _, x := range g.W[g.Start[u]:g.Start[u+1]] {
				out += x
			}
			if out > 0 {
				inv[u] = 1 / out
			}
		}
	})
	var dangling []int32
	for u, x := range inv {
		if x == 0 {
			dangling = append(dangling, int32(u))
		}
	}
	chunks := workChunks(g.InStart)
	coef := make([]float64, len(g.InAdj))
	eachChunk(len(chunks)-1, func(c int) {
		for e := g.InStart[chunks[c]]; e < g.InStart[chunks[c+1]]; e++ {
			coef[e] = g.InW[e] * inv[g.InAdj[e]]
		}
	})
	return &ranker{alpha: alpha, start: g.InStart, adj: g.InAdj, coef: coef, p: p, dangling: dangling,
		chunks: chunks, errs: make([]float64, len(chunks)-1)}
}

// step computes next from x and returns the L1 change.
func (r *ranker) step(x, next []float64) float64 {
	r.danglingSum = 0
	for _, v := range r.dangling {
		r.danglingSum += x[v]
	}
	eachChunk(len(r.errs), func(c int) { r.errs[c] = r.chunk(c, x, next) })
	sum := 0.0
	for _, e := range r.errs {
		sum += e
	}
	return sum
}

// chunkWork is the edges-plus-nodes of one chunk of nodes: big enough
// that handing a chunk out costs little, small enough that two cores
// finish together.
const chunkWork = 1 << 15

// workChunks cuts nodes 0..n-1 (n = len(start)-1) into ranges
// [chunks[i], chunks[i+1]) of about chunkWork edges-plus-nodes each, by
// a CSR's start offsets. The cuts depend on the graph alone, so sums made
// per chunk and added in chunk order come out the same on any number of
// cores.
func workChunks(start []int) []int {
	n := len(start) - 1
	chunks := []int{0}
	work := 0
	for v := range n {
		work += 1 + start[v+1] - start[v]
		if work >= chunkWork {
			chunks = append(chunks, v+1)
			work = 0
		}
	}
	if chunks[len(chunks)-1] != n {
		chunks = append(chunks, n)
	}
	return chunks
}

// eachChunk runs f(0..k-1), each once, on up to GOMAXPROCS goroutines
// that take the next chunk as they finish one.
func eachChunk(k int, f func(c int)) {
	workers := min(runtime.GOMAXPROCS(0), k)
	if workers <= 1 {
		for c := range k {
			f(c)
		}
		return
	}
	var claimed atomic.Int64
	work := func() {
		for {
			c := int(claimed.Add(1)) - 1
			if c >= k {
				return
			}
			f(c)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// chunk computes next over one node range and returns its L1 change.
func (r *ranker) chunk(c int, x, next []float64) float64 {
	lo, hi := r.chunks[c], r.chunks[c+1]
	alpha, ds := r.alpha, r.danglingSum
	uniform := 1 / float64(len(x))
	change := 0.0
	for v := lo; v < hi; v++ {
		a, b := r.start[v], r.start[v+1]
		adj, coef := r.adj[a:b], r.coef[a:b]
		coef = coef[:len(adj)]
		// Four sums side by side: one running sum makes each addition
		// wait for the one before, and that wait, not memory, bounded
		// the step. The order of addition differs from networkx's only
		// in the last bits.
		var s0, s1, s2, s3 float64
		i := 0
		for ; i+4 <= len(adj); i += 4 {
			s0 += coef[i] * x[adj[i]]
			s1 += coef[i+1] * x[adj[i+1]]
			s2 += coef[i+2] * x[adj[i+2]]
			s3 += coef[i+3] * x[adj[i+3]]
		}
		for ; i < len(adj); i++ {
			s0 += coef[i] * x[adj[i]]
		}
		in := (s0 + s1) + (s2 + s3)
		p := uniform
		if r.p != nil {
			p = r.p[v]
		}
		// The same grouping as networkx: alpha·(xA + dangling·p) + (1-alpha)·p.
		y := alpha*(in+ds*p) + (1-alpha)*p
		next[v] = y
		change += math.Abs(y - x[v])
	}
	return change
}
