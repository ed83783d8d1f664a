package graph

import (
	"sync"
	"sync/atomic"
)

// topK keeps the best k neighbours offered: a heap with the worst kept
// at the root, so a candidate that cannot enter is turned away with one
// comparison.
type topK struct {
	k     int
	items []Neighbour
}

// better orders neighbours best first: higher similarity, then lower id.
func better(a, b Neighbour) bool {
	return a.Sim > b.Sim || (a.Sim == b.Sim && a.ID < b.ID)
}

func compareNeighbours(a, b Neighbour) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

func (h *topK) reset(k int) {
	h.k = k
	h.items = h.items[:0]
}

func (h *topK) offer(c Neighbour) {
	if len(h.items) < h.k {
		h.items = append(h.items, c)
		h.up(len(h.items) - 1)
		return
	}
	if !better(c, h.items[0]) {
		return
	}
	h.items[0] = c
	h.down(0)
}

func (h *topK) up(i int) {
	it := h.items
	for i > 0 {
		p := (i - 1) / 2
		if !better(it[p], it[i]) {
			return
		}
		it[p], it[i] = it[i], it[p]
		i = p
	}
}

func (h *topK) down(i int) {
	it := h.items
	for {
		worst := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(it) && better(it[worst], it[c]) {
				worst = c
			}
		}
		if worst == i {
			return
		}
		it[i], it[worst] = it[worst], it[i]
		i = worst
	}
}

// chunkSize is how many vectors a worker takes at a time: enough that
// the hand-over costs nothing, few enough that the last chunks even out
// the workers and progress moves often.
const chunkSize = 256

// forChunks calls f over [0, n) in chunks on up to workers goroutines,
// each with its own scratch from mk. Which worker takes a chunk varies
// from run to run, so f must write only what belongs to its chunk.
func forChunks(workers, n int, f func(s *scratch, lo, hi int), mk func() *scratch) {
	chunks := (n + chunkSize - 1) / chunkSize
	workers = max(1, min(workers, chunks))
	var next atomic.Int64
	work := func() {
		s := mk()
		for {
			c := int(next.Add(1)) - 1
			if c >= chunks {
				return
			}
			f(s, c*chunkSize, min(n, (c+1)*chunkSize))
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// progress adds up work done on several goroutines and reports it to
// report about every hundredth of the total, one call at a time.
type progress struct {
	mu     sync.Mutex
	report func(done, total int)
	done   int
	total  int
	last   int
}

func newProgress(report func(done, total int), total int) *progress {
	return &progress{report: report, total: total}
}

func (p *progress) add(d int) {
	if p == nil || p.report == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+d, p.total)
	if p.done == p.total || p.done-p.last >= max(1, p.total/100) {
		p.last = p.done
		p.report(p.done, p.total)
	}
}
