package graph

// Degree holds each node's degrees. For a directed graph Degree is
// In+Out, and Weighted the weights of the edges in and out, as networkx's
// G.degree(weight="weight") counts them; an undirected graph has no In and
// Out (nil).
type Degree struct {
	Degree, In, Out []int
	Weighted        []float64
}

// Degrees counts every node's edges.
func Degrees(g *Graph) Degree {
	n := g.Order()
	d := Degree{Degree: make([]int, n), Weighted: make([]float64, n)}
	if g.Directed {
		d.In, d.Out = make([]int, n), make([]int, n)
	}
	for v := range n {
		out, ow := g.Out(v)
		d.Degree[v] = len(out)
		for _, w := range ow {
			d.Weighted[v] += w
		}
		if g.Directed {
			in, iw := g.In(v)
			d.Out[v], d.In[v] = len(out), len(in)
			d.Degree[v] += len(in)
			for _, w := range iw {
				d.Weighted[v] += w
			}
		}
	}
	return d
}

// Density is the share of possible edges present: m/(n(n-1)) directed,
// 2m/(n(n-1)) undirected, 0 with fewer than two nodes (networkx's
// density).
func Density(g *Graph) float64 {
	n := float64(g.Order())
	if n < 2 {
		return 0
	}
	d := float64(g.Edges) / (n * (n - 1))
	if !g.Directed {
		d *= 2
	}
	return d
}

// Reciprocity is the share of a directed graph's edges whose reverse edge
// exists too (networkx's overall_reciprocity); ok is false for an
// undirected graph, where it means nothing.
func Reciprocity(g *Graph) (r float64, ok bool) {
	if !g.Directed || g.Edges == 0 {
		return 0, g.Directed && g.Edges > 0
	}
	mutual := 0
	for u := range g.Order() {
		out, _ := g.Out(u)
		in, _ := g.In(u)
		// both lists are sorted: count the common neighbours
		i, j := 0, 0
		for i < len(out) && j < len(in) {
			switch {
			case out[i] < in[j]:
				i++
			case out[i] > in[j]:
				j++
			default:
				mutual++
				i++
				j++
			}
		}
	}
	return float64(mutual) / float64(g.Edges), true
}

// Components numbers the connected components (weakly connected, for a
// directed graph) 0..k-1 in order of their first node, and returns each
// node's component and k.
func Components(g *Graph) ([]int32, int) {
	n := g.Order()
	comp := make([]int32, n)
	for v := range comp {
		comp[v] = -1
	}
	queue := make([]int32, 0, n)
	k := int32(0)
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		comp[s] = k
		queue = append(queue[:0], int32(s))
		for i := 0; i < len(queue); i++ {
			u := int(queue[i])
			out, _ := g.Out(u)
			in, _ := g.In(u)
			for _, list := range [2][]int32{out, in} {
				for _, v := range list {
					if comp[v] < 0 {
						comp[v] = k
						queue = append(queue, v)
					}
				}
			}
		}
		k++
	}
	return comp, int(k)
}

// Reach2 counts, for every node, the other nodes it reaches in one or two
// steps along its edges (out-edges, for a directed graph).
func Reach2(g *Graph) []int {
	n := g.Order()
	reach := make([]int, n)
	mark := make([]int32, n) // mark[v] == u+1: v already counted for u
	for u := range n {
		stamp := int32(u + 1)
		mark[u] = stamp
		count := 0
		out, _ := g.Out(u)
		for _, v := range out {
			if mark[v] != stamp {
				mark[v] = stamp
				count++
			}
		}
		for _, v := range out {
			next, _ := g.Out(int(v))
			for _, w := range next {
				if mark[w] != stamp {
					mark[w] = stamp
					count++
				}
			}
		}
		reach[u] = count
	}
	return reach
}
