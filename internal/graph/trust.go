package graph

import (
	"container/heap"
	"fmt"
	"math"
	"slices"
)

// PersonalPageRank is PageRank whose random surfer always restarts at
// from: how much of the network's attention, seen from one node, each
// node holds (networkx's pagerank with personalization={from: 1}).
func PersonalPageRank(g *Graph, from int) ([]float64, error) {
	if from < 0 || from >= g.Order() {
		return nil, fmt.Errorf("graph: no node %d", from)
	}
	p := make([]float64, g.Order())
	p[from] = 1
	return PageRank(g, PageRankOptions{Personal: p})
}

// AppleseedOptions are Appleseed's parameters; zero values take the
// defaults of Ziegler and Lausen's paper.
type AppleseedOptions struct {
	Energy    float64 // energy injected at the source; 0 means 200
	Spread    float64 // share of a node's energy passed on, in (0,1); 0 means 0.85
	Threshold float64 // stop when no node's trust grows by more; 0 means 0.01
	MaxIter   int     // 0 means 1000
}

// Appleseed spreads trust from one node by Ziegler and Lausen's Appleseed
// (spreading activation, "Spreading activation models for trust
// propagation", IEEE EEE 2004). The source's energy flows along out-edges
// in proportion to their weights, scaled to [0,1] by the largest weight;
// each node keeps 1-Spread of what reaches it as trust and passes Spread
// on. Every node reached also gets a virtual edge of weight 1 back to the
// source, so energy returns rather than sitting at dead ends and trust
// fades with distance. It iterates until no node's trust grows by more
// than Threshold. The source's own entry is 0; the others sum to less
// than Energy.
func Appleseed(g *Graph, from int, opts AppleseedOptions) ([]float64, error) {
	n := g.Order()
	if from < 0 || from >= n {
		return nil, fmt.Errorf("graph: no node %d", from)
	}
	energy, spread, threshold, maxIter := opts.Energy, opts.Spread, opts.Threshold, opts.MaxIter
	if energy == 0 {
		energy = 200
	}
	if spread == 0 {
		spread = 0.85
	}
	if threshold == 0 {
		threshold = 0.01
	}
	if maxIter == 0 {
		maxIter = 1000
	}
	if !(energy > 0) || !(spread > 0 && spread < 1) || !(threshold > 0) || maxIter < 0 {
		return nil, fmt.Errorf("graph: Appleseed wants energy > 0, 0 < spread < 1, threshold > 0")
	}
	maxW := 0.0
	for _, w := range g.W {
		maxW = max(maxW, w)
	}
	if maxW == 0 {
		maxW = 1 // every edge weighs 0: nothing spreads
	}
	// outSum[x]: x's scaled out-weights, plus 1 for the edge back to the
	// source (which the source itself does not have)
	outSum := make([]float64, n)
	for x := range n {
		_, ws := g.Out(x)
		for _, w := range ws {
			outSum[x] += w / maxW
		}
		if x != from {
			outSum[x]++
		}
	}
	trust := make([]float64, n)
	in := make([]float64, n)
	next := make([]float64, n)
	reached := make([]bool, n)
	active := []int32{int32(from)}
	reached[from] = true
	in[from] = energy
	for iter := 0; iter < maxIter; iter++ {
		grew := 0.0
		for _, x := range active {
			e := in[x]
			if e == 0 {
				continue
			}
			gain := (1 - spread) * e
			trust[x] += gain
			grew = max(grew, gain)
			if outSum[x] == 0 {
				continue // the source with no out-edges: nowhere to go
			}
			pass := spread * e / outSum[x]
			out, ws := g.Out(int(x))
			for i, u := range out {
				next[u] += pass * ws[i] / maxW
			}
			if int(x) != from {
				next[from] += pass // the virtual edge back
			}
		}
		for x := range n {
			if next[x] != 0 && !reached[x] {
				reached[x] = true
				active = append(active, int32(x))
			}
		}
		in, next = next, in
		clear(next)
		if grew <= threshold {
			break
		}
	}
	trust[from] = 0
	return trust, nil
}

// Path is a way through the network and the strength of its weakest
// edge.
type Path struct {
	Nodes    []int32
	Strength float64
}

// StrongestPaths answers "who can introduce me": paths from one node to
// another along out-edges, each as strong as its weakest edge (a chain of
// introductions is as good as its weakest tie). The first is the
// strongest path of all (the fewest steps among equally strong ones);
// the others are the strongest through each other first step, so each
// names a different person to ask. At most k paths, strongest first;
// none when to cannot be reached.
func StrongestPaths(g *Graph, from, to, k int) []Path {
	n := g.Order()
	if from < 0 || from >= n || to < 0 || to >= n || from == to || k <= 0 {
		return nil
	}
	// The strength of the strongest path from each node into to, never
	// through from: a widest-path search backwards along in-edges.
	width := make([]float64, n)
	done := make([]bool, n)
	for x := range n {
		width[x] = -1
	}
	width[to] = math.Inf(1)
	q := &widest{}
	heap.Push(q, wideEntry{node: int32(to), width: width[to]})
	for q.Len() > 0 {
		x := heap.Pop(q).(wideEntry).node
		if done[x] {
			continue
		}
		done[x] = true
		in, ws := g.In(int(x))
		for i, y := range in {
			if int(y) == from || done[y] {
				continue
			}
			if w := min(width[x], ws[i]); w > width[y] {
				width[y] = w
				heap.Push(q, wideEntry{node: y, width: w})
			}
		}
	}
	// Through each first step x the best strength is the weaker of the
	// tie to x and x's strongest way on; among the paths that strong, the
	// one with the fewest steps. (Breaking width ties by steps inside the
	// search would be wrong: a weak first tie makes a stronger but longer
	// way on no better than a shorter one.)
	var paths []Path
	out, ws := g.Out(from)
	for i, x := range out {
		if width[x] < 0 {
			continue
		}
		strength := min(ws[i], width[x])
		p := Path{Nodes: []int32{int32(from)}, Strength: strength}
		p.Nodes = append(p.Nodes, fewestSteps(g, x, int32(to), int32(from), strength)...)
		paths = append(paths, p)
	}
	sortPaths(paths)
	if len(paths) > k {
		paths = paths[:k]
	}
	return paths
}

// fewestSteps is a shortest path from x to to (x first) along edges of
// weight at least floor, never through avoid; one exists when called.
func fewestSteps(g *Graph, x, to, avoid int32, floor float64) []int32 {
	parent := map[int32]int32{x: -1}
	queue := []int32{x}
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		if u == to {
			break
		}
		out, ws := g.Out(int(u))
		for j, v := range out {
			if _, seen := parent[v]; seen || v == avoid || ws[j] < floor {
				continue
			}
			parent[v] = u
			queue = append(queue, v)
		}
	}
	var rev []int32
	for y := to; y >= 0; y = parent[y] {
		rev = append(rev, y)
	}
	slices.Reverse(rev)
	return rev
}

// sortPaths orders paths strongest first, then shortest, then by the
// first step's number, so the order is the same every run.
func sortPaths(ps []Path) {
	less := func(a, b Path) bool {
		if a.Strength != b.Strength {
			return a.Strength > b.Strength
		}
		if len(a.Nodes) != len(b.Nodes) {
			return len(a.Nodes) < len(b.Nodes)
		}
		return a.Nodes[1] < b.Nodes[1]
	}
	for i := 1; i < len(ps); i++ { // insertion sort: a node's paths are few
		for j := i; j > 0 && less(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// widest is a max-heap of search entries by width, then node number; an
// entry keeps the width it was pushed with, and entries for nodes already
// done are skipped when popped.
type widest []wideEntry

type wideEntry struct {
	node  int32
	width float64
}

func (q widest) Len() int { return len(q) }
func (q widest) Less(i, j int) bool {
	if q[i].width != q[j].width {
		return q[i].width > q[j].width
	}
	return q[i].node < q[j].node
}
func (q widest) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *widest) Push(x any)   { *q = append(*q, x.(wideEntry)) }
func (q *widest) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
