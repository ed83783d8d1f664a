package graph

// StrongComponents numbers the strongly connected components of a
// directed graph (the connected components of an undirected one) and
// returns each node's component and their number. It is Tarjan's
// algorithm with an explicit stack, so deep graphs cannot overflow the
// goroutine's stack.
func StrongComponents(g *Graph) ([]int32, int) {
	if !g.Directed {
		return Components(g)
	}
	n := g.Order()
	index := make([]int32, n) // visit order+1; 0: not visited
	low := make([]int32, n)
	comp := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct {
		v    int32
		next int // the next out-edge of v to look at
	}
	var calls []frame
	counter := int32(0)
	k := int32(0)
	for root := range n {
		if index[root] != 0 {
			continue
		}
		calls = append(calls[:0], frame{v: int32(root)})
		counter++
		index[root], low[root] = counter, counter
		stack = append(stack, int32(root))
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			out, _ := g.Out(int(v))
			if f.next < len(out) {
				w := out[f.next]
				f.next++
				if index[w] == 0 {
					counter++
					index[w], low[w] = counter, counter
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{v: w})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			// v is done: close its component if it is a root, then
			// hand its low link to its caller
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = k
					if w == v {
						break
					}
				}
				k++
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
		}
	}
	return comp, int(k)
}

// largest returns a mask of the nodes of the largest component (the
// first of the largest, by component number, on a tie) and its size.
func largest(comp []int32, k int) ([]bool, int) {
	size := make([]int, k)
	for _, c := range comp {
		size[c]++
	}
	best := 0
	for c := range size {
		if size[c] > size[best] {
			best = c
		}
	}
	in := make([]bool, len(comp))
	for v, c := range comp {
		in[v] = int(c) == best
	}
	if k == 0 {
		return in, 0
	}
	return in, size[best]
}
