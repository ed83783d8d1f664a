package stats

import (
	"runtime"
	"sync"
)

// blockRows is how many rows one partial sum covers. Sums are taken per
// block and the blocks added in order, so a result does not depend on how
// many cores ran it, and the rounding error grows with the number of blocks
// rather than the number of rows.
const blockRows = 16384

// reduce runs fn over the positions [0, n) in blocks, on every core, each
// block into its own zeroed accumulator of the given size, and returns the
// accumulators added in block order. fn may also write per-position results
// into slices of its own: blocks never share a position.
func reduce(n, size int, fn func(lo, hi int, acc []float64)) []float64 {
	nb := (n + blockRows - 1) / blockRows
	parts := make([][]float64, nb)
	workers := min(runtime.GOMAXPROCS(0), nb)
	next := make(chan int, nb)
	for b := range nb {
		next <- b
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range next {
				acc := make([]float64, size)
				fn(b*blockRows, min(n, (b+1)*blockRows), acc)
				parts[b] = acc
			}
		}()
	}
	wg.Wait()
	total := make([]float64, size)
	for _, p := range parts {
		for i, v := range p {
			total[i] += v
		}
	}
	return total
}
