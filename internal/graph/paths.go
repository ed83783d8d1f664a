package graph

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// PathOptions chooses what Paths computes from its breadth-first
// searches (one from every node; edges are unweighted, as networkx's
// defaults count them).
type PathOptions struct {
	Betweenness, Closeness, AveragePathLength bool
	// Workers is how many goroutines search at once; 0 means GOMAXPROCS.
	// Betweenness sums each worker's share in a fixed order, so a given
	// number of workers always gives the same bits.
	Workers int
	// Progress, when set, is called with the searches done so far and
	// the total, from one goroutine at a time.
	Progress func(done, total int)
}

// PathResult holds what was asked for.
type PathResult struct {
	Betweenness []float64
	Closeness   []float64
	// AveragePathLength is the mean distance between ordered pairs of
	// distinct nodes of the largest component (largest strongly connected
	// one, directed); 0 when it has a single node.
	AveragePathLength float64
}

// Paths runs a breadth-first search from every node (Brandes'
// algorithm when betweenness is wanted) and derives:
//
//   - Betweenness as networkx's betweenness_centrality(G): the share of
//     shortest paths between other pairs through the node, summed over
//     ordered pairs and scaled by 1/((n-1)(n-2)) (for both directed and
//     undirected graphs, as networkx's normalisation does).
//   - Closeness as networkx's closeness_centrality(G): (r-1)/Σd, where r
//     counts the nodes that reach the node (itself included) and Σd their
//     distances to it, times (r-1)/(n-1) (Wasserman and Faust's
//     correction); 0 when nothing reaches it. On a directed graph the
//     distances are incoming, as networkx measures them.
//   - AveragePathLength as networkx's average_shortest_path_length on the
//     largest component.
func Paths(g *Graph, opts PathOptions) PathResult {
	n := g.Order()
	var res PathResult
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var apl []bool // the nodes of the component the average is taken over
	aplSize := 0
	if opts.AveragePathLength {
		apl, aplSize = largest(StrongComponents(g))
	}
	// Searches along out-edges give betweenness, the average path length
	// and, on an undirected graph, closeness. A directed graph's closeness
	// needs incoming distances: a second pass over in-edges.
	outClose := opts.Closeness && !g.Directed
	first := opts.Betweenness || outClose || opts.AveragePathLength
	sources := make([]bool, n)
	searches := 0
	for v := range sources {
		sources[v] = opts.Betweenness || outClose || (opts.AveragePathLength && apl[v])
		if first && sources[v] {
			searches++
		}
	}
	if opts.Closeness && g.Directed {
		searches += n
	}
	// progress counts both passes' searches against one total
	offset := 0
	progress := func(done, _ int) {
		if opts.Progress != nil {
			opts.Progress(offset+done, searches)
		}
	}
	if first {
		b, c, total := searchAll(g, false, sources, opts.Betweenness, outClose, apl, workers, progress)
		offset = countTrue(sources)
		res.Betweenness = b
		if outClose {
			res.Closeness = c
		}
		if aplSize > 1 {
			res.AveragePathLength = float64(total) / (float64(aplSize) * float64(aplSize-1))
		}
	}
	if opts.Closeness && g.Directed {
		all := make([]bool, n)
		for v := range all {
			all[v] = true
		}
		_, res.Closeness, _ = searchAll(g, true, all, false, true, nil, workers, progress)
	}
	if res.Betweenness != nil && n > 2 {
		scale := 1 / (float64(n-1) * float64(n-2))
		for v := range res.Betweenness {
			res.Betweenness[v] *= scale
		}
	}
	return res
}

// Betweenness is Paths' betweenness alone.
func Betweenness(g *Graph, workers int) []float64 {
	return Paths(g, PathOptions{Betweenness: true, Workers: workers}).Betweenness
}

// Closeness is Paths' closeness alone.
func Closeness(g *Graph) []float64 {
	return Paths(g, PathOptions{Closeness: true}).Closeness
}

// AveragePathLength is Paths' average path length alone.
func AveragePathLength(g *Graph) float64 {
	return Paths(g, PathOptions{AveragePathLength: true}).AveragePathLength
}

// searchAll runs a breadth-first search from every source, along in-edges
// when reverse is set, on workers goroutines. Sources are dealt out in
// fixed chunks (worker k takes chunks k, k+workers, ...), so each worker's
// betweenness sum, and their total, come out the same every run. It
// returns the raw (unscaled) betweenness, closeness, and the sum of
// distances between nodes both in apl.
func searchAll(g *Graph, reverse bool, sources []bool, between, closeness bool, apl []bool,
	workers int, progress func(done, total int)) ([]float64, []float64, int64) {
	n := g.Order()
	total := countTrue(sources)
	const chunk = 64
	var (
		done   atomic.Int64
		report sync.Mutex
		wg     sync.WaitGroup
	)
	bcs := make([][]float64, workers)
	sums := make([]int64, workers)
	var close []float64
	if closeness {
		close = make([]float64, n)
	}
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newSearcher(g, reverse, between)
			for lo := k * chunk; lo < n; lo += workers * chunk {
				ran := 0
				for src := lo; src < min(lo+chunk, n); src++ {
					if !sources[src] {
						continue
					}
					ran++
					s.run(int32(src))
					if closeness {
						close[src] = s.closeness(n)
					}
					if apl != nil && apl[src] {
						sums[k] += s.distances(apl)
					}
				}
				if progress != nil && ran > 0 {
					d := done.Add(int64(ran))
					report.Lock()
					progress(int(d), total)
					report.Unlock()
				}
			}
			bcs[k] = s.bc
		}()
	}
	wg.Wait()
	var bc []float64
	if between {
		bc = bcs[0]
		for _, other := range bcs[1:] {
			for v, x := range other {
				bc[v] += x
			}
		}
	}
	var sum int64
	for _, x := range sums {
		sum += x
	}
	return bc, close, sum
}

func countTrue(bs []bool) int {
	k := 0
	for _, b := range bs {
		if b {
			k++
		}
	}
	return k
}
