// Command ballotgen writes a ranked ballot file for the tally benchmark:
// N lines `1,cXX>cYY>...`, each a uniformly random full ranking of C
// candidates, from a fixed seed so every run tallies the same file. With
// 20 candidates nearly every line is a distinct ranking, the worst case for
// the parser's merging of identical ballots.
//
// Usage: go run ./bench/ballotgen [-n 1000000] [-c 20] [-seed 1] > ballots.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
)

func main() {
	n := flag.Int("n", 1000000, "ballots (lines)")
	c := flag.Int("c", 20, "candidates")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *c < 1 || *n < 1 {
		fmt.Fprintln(os.Stderr, "ballotgen: -n and -c must be positive")
		os.Exit(2)
	}
	rng := rand.New(rand.NewPCG(*seed, 2))
	names := make([]string, *c)
	for i := range names {
		names[i] = fmt.Sprintf("c%02d", i)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	perm := make([]int, *c)
	for i := range perm {
		perm[i] = i
	}
	for range *n {
		rng.Shuffle(*c, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		w.WriteString("1,")
		for i, p := range perm {
			if i > 0 {
				w.WriteByte('>')
			}
			w.WriteString(names[p])
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "ballotgen:", err)
		os.Exit(1)
	}
}
