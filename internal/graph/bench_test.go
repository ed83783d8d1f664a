package graph

import (
	"os"
	"path/filepath"
	"testing"
)

// benchGraph loads one of ../shared/bench/gen_graphs.py's graphs from
// $GRAPH_DATA (default /tmp/peers-data, where bench/network.sh makes
// them), or skips the benchmark when it is not there.
func benchGraph(b *testing.B, name string, directed bool) *Graph {
	b.Helper()
	dir := os.Getenv("GRAPH_DATA")
	if dir == "" {
		dir = "/tmp/peers-data"
	}
	f, err := os.Open(filepath.Join(dir, name+".csv"))
	if err != nil {
		b.Skipf("%s: run bench/network.sh once, or set GRAPH_DATA", err)
	}
	defer f.Close()
	g, err := Parse(f, ParseOptions{Directed: directed})
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkBetweennessG10k: exact betweenness of g10k (10,000 nodes,
// 100,000 undirected edges) on every core; igraph took 23 s here.
func BenchmarkBetweennessG10k(b *testing.B) {
	g := benchGraph(b, "g10k", false)
	b.ResetTimer()
	for b.Loop() {
		Betweenness(g, 0)
	}
}

// BenchmarkReadG100k: reading and building g100k (1,000,000 edges).
func BenchmarkReadG100k(b *testing.B) {
	for b.Loop() {
		benchGraph(b, "g100k", true)
	}
}
