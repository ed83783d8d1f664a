package graph

// Change is one figure in two periods; a side is nil where the figure does
// not exist (a node absent from that period, reciprocity of an undirected
// graph). Delta is After-Before when both exist.
type Change struct {
	Before, After, Delta *float64
}

func change(before, after *float64) Change {
	c := Change{Before: before, After: after}
	if before != nil && after != nil {
		d := *after - *before
		c.Delta = &d
	}
	return c
}

// NodeChange is one node across two periods.
type NodeChange struct {
	Name string
	// Status is "both", "added" (only after) or "removed" (only before).
	Status string
	// Metrics holds a Change per metric computed in both analyses, by
	// name. Community numbers are not comparable between periods; their
	// Delta is left nil.
	Metrics map[string]Change
}

// Comparison is the difference between two periods of one network.
type Comparison struct {
	// Whole holds the whole-graph figures by name (nodes, edges, density,
	// reciprocity, components, average_path_length, modularity).
	Whole map[string]Change
	// EdgesAdded and EdgesRemoved count the edges (by their end nodes'
	// names) present in only one period.
	EdgesAdded, EdgesRemoved int
	// Nodes lists every node of either period: those in the earlier one
	// in its order, then those added, in the later one's order.
	Nodes []NodeChange
}

// Compare sets two periods side by side: before and after are the two
// graphs, ab and aa their analyses. Nodes are matched by name.
func Compare(before, after *Graph, ab, aa *Analysis) *Comparison {
	c := &Comparison{Whole: map[string]Change{}}
	whole := func(a *Analysis) map[string]*float64 {
		f := func(x float64) *float64 { return &x }
		m := map[string]*float64{"nodes": f(float64(a.Nodes)), "edges": f(float64(a.Edges)),
			"density": f(a.Density), "components": f(float64(a.Components)),
			"reciprocity": a.Reciprocity, "average_path_length": a.AveragePathLength, "modularity": a.Modularity}
		return m
	}
	wb, wa := whole(ab), whole(aa)
	for k := range wb {
		c.Whole[k] = change(wb[k], wa[k])
	}
	// edges by names
	key := func(g *Graph, u int, v int32) [2]string {
		a, b := g.Names[u], g.Names[v]
		if !g.Directed && a > b {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	edges := func(g *Graph) map[[2]string]bool {
		m := map[[2]string]bool{}
		for u := range g.Order() {
			out, _ := g.Out(u)
			for _, v := range out {
				m[key(g, u, v)] = true
			}
		}
		return m
	}
	eb, ea := edges(before), edges(after)
	for e := range ea {
		if !eb[e] {
			c.EdgesAdded++
		}
	}
	for e := range eb {
		if !ea[e] {
			c.EdgesRemoved++
		}
	}
	idx := func(names []string) map[string]int {
		m := make(map[string]int, len(names))
		for i, n := range names {
			m[n] = i
		}
		return m
	}
	ib, ia := idx(ab.Names), idx(aa.Names)
	var metrics []string
	colB, colA := map[string][]float64{}, map[string][]float64{}
	for _, m := range NodeMetrics {
		if b, a := nodeValues(ab, m), nodeValues(aa, m); b != nil && a != nil {
			metrics = append(metrics, m)
			colB[m], colA[m] = b, a
		}
	}
	add := func(name string) {
		i, inB := ib[name]
		j, inA := ia[name]
		nc := NodeChange{Name: name, Status: "both", Metrics: map[string]Change{}}
		if !inB {
			nc.Status = "added"
		} else if !inA {
			nc.Status = "removed"
		}
		for _, m := range metrics {
			var vb, va *float64
			if inB {
				vb = at(colB[m], i)
			}
			if inA {
				va = at(colA[m], j)
			}
			ch := change(vb, va)
			if m == "community" {
				ch.Delta = nil
			}
			nc.Metrics[m] = ch
		}
		c.Nodes = append(c.Nodes, nc)
	}
	for _, name := range ab.Names {
		add(name)
	}
	for _, name := range aa.Names {
		if _, ok := ib[name]; !ok {
			add(name)
		}
	}
	return c
}

// nodeValues returns the metric's column: nil where the metric does not
// apply (not asked for, or in and out degrees of an undirected graph),
// empty where it was asked for but is undefined (eigenvector centrality
// of a disconnected graph: every value absent).
func nodeValues(a *Analysis, metric string) []float64 {
	if !a.Asked[metric] {
		return nil
	}
	col := make([]float64, 0, a.Nodes)
	for i := range a.Nodes {
		v, _, ok := a.Value(metric, i)
		if !ok {
			if metric == "eigenvector" {
				return col[:0]
			}
			return nil
		}
		col = append(col, v)
	}
	return col
}

// at is col[i], nil past its end (an undefined metric's empty column).
func at(col []float64, i int) *float64 {
	if i >= len(col) {
		return nil
	}
	x := col[i]
	return &x
}
