package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"commonground/internal/graph"
)

// networkJSON is the --format json document of an analysis;
// docs/network.md describes it. Figures not asked for are left out.
type networkJSON struct {
	Nodes             int           `json:"nodes"`
	Edges             int           `json:"edges"`
	Directed          bool          `json:"directed"`
	Density           any           `json:"density"`
	Reciprocity       any           `json:"reciprocity"` // null: undirected
	Components        int           `json:"components"`
	AveragePathLength any           `json:"average_path_length,omitempty"`
	Modularity        any           `json:"modularity,omitempty"`
	Communities       *int          `json:"communities,omitempty"`
	SelfLoops         int           `json:"self_loops_dropped"`
	Merged            int           `json:"duplicate_edges_merged"`
	Metrics           []tallyObject `json:"metrics"` // tallyObject keeps the keys in order
}

// report writes an analysis in the asked format.
func (req *networkRequest) report(w io.Writer, a *graph.Analysis) error {
	switch req.format {
	case "json":
		return req.analysisJSON(w, a)
	case "csv":
		return req.analysisCSV(w, a)
	}
	req.analysisText(w, a)
	return nil
}

func (req *networkRequest) analysisJSON(w io.Writer, a *graph.Analysis) error {
	doc := networkJSON{Nodes: a.Nodes, Edges: a.Edges, Directed: a.Directed, Density: networkJSONValue(a.Density),
		Components: a.Components, SelfLoops: a.SelfLoops, Merged: a.Merged, Metrics: []tallyObject{}}
	if a.Reciprocity != nil {
		doc.Reciprocity = networkJSONValue(*a.Reciprocity)
	}
	if a.AveragePathLength != nil {
		doc.AveragePathLength = networkJSONValue(*a.AveragePathLength)
	}
	if a.Modularity != nil {
		doc.Modularity = networkJSONValue(*a.Modularity)
		doc.Communities = &a.Communities
	}
	cols := req.columns()
	for i, name := range a.Names {
		node := tallyObject{{"id", name}}
		for _, m := range cols {
			node = append(node, tallyField{m, networkJSONValue(networkValue(a, m, i))})
		}
		doc.Metrics = append(doc.Metrics, node)
	}
	return networkWriteJSON(w, doc)
}

func networkWriteJSON(w io.Writer, doc any) error {
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

func (req *networkRequest) analysisCSV(w io.Writer, a *graph.Analysis) error {
	cw := csv.NewWriter(w)
	cols := req.columns()
	if err := cw.Write(append([]string{"id"}, cols...)); err != nil {
		return err
	}
	row := make([]string, len(cols)+1)
	for i, name := range a.Names {
		row[0] = name
		for j, m := range cols {
			row[j+1] = networkCSVValue(networkValue(a, m, i))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// analysisText is the report for people: the whole network, what the
// reading changed, then the top nodes.
func (req *networkRequest) analysisText(w io.Writer, a *graph.Analysis) {
	kind := "undirected"
	if a.Directed {
		kind = "directed"
	}
	fmt.Fprintf(w, "Network:      %s (%s)\n", networkFileName(req.edges), kind)
	fmt.Fprintf(w, "Nodes:        %d\n", a.Nodes)
	fmt.Fprintf(w, "Edges:        %d\n", a.Edges)
	fmt.Fprintf(w, "Self-loops:   %d dropped\n", a.SelfLoops)
	fmt.Fprintf(w, "Repeats:      %d merged into the edge they repeat, weights added\n", a.Merged)
	fmt.Fprintf(w, "Density:      %s\n", networkFloat(a.Density))
	if a.Reciprocity != nil {
		fmt.Fprintf(w, "Reciprocity:  %s (the share of edges whose reverse edge is there too)\n", networkFloat(*a.Reciprocity))
	}
	if a.Directed {
		fmt.Fprintf(w, "Components:   %d (weakly connected)\n", a.Components)
	} else {
		fmt.Fprintf(w, "Components:   %d\n", a.Components)
	}
	if a.AveragePathLength != nil {
		over := "the largest component"
		if a.Directed {
			over = "the largest strongly connected component"
		}
		fmt.Fprintf(w, "Path length:  %s steps on average, over %s\n", networkFloat(*a.AveragePathLength), over)
	}
	if a.Modularity != nil {
		fmt.Fprintf(w, "Communities:  %d, modularity %s; largest: %s\n", a.Communities, networkFloat(*a.Modularity),
			networkSizes(a.Community, a.Communities, 5))
	}
	cols := req.columns()
	var shown []string // columns with figures; null ones are explained instead
	for _, m := range cols {
		if networkDefined(a, m) {
			shown = append(shown, m)
		}
	}
	if slices.Contains(cols, "eigenvector") && !a.EigenvectorDefined && a.Nodes > 0 {
		fmt.Fprintln(w, "Eigenvector:  not defined: the network, taken as undirected, is disconnected")
	}
	if len(shown) == 0 {
		return
	}
	key := networkSortKey(a, shown)
	order := networkOrder(a.Nodes, func(i, j int) bool {
		if key == "community" {
			return a.Community[i] < a.Community[j]
		}
		return networkGreater(networkValue(a, key, i), networkValue(a, key, j))
	})
	fmt.Fprintf(w, "\n%s by %s\n", networkTopTitle(req.top, a.Nodes), key)
	rows := [][]string{}
	for _, i := range networkTop(order, req.top) {
		row := []string{a.Names[i]}
		for _, m := range shown {
			row = append(row, networkTextValue(networkValue(a, m, i)))
		}
		rows = append(rows, row)
	}
	networkTable(w, append([]string{"node"}, shown...), rows)
}

// networkSortKey is what the text table is sorted by: PageRank when
// asked for, else the first metric asked; community numbers only when
// nothing else was asked (they are labels, not amounts).
func networkSortKey(a *graph.Analysis, shown []string) string {
	if slices.Contains(shown, "pagerank") {
		return "pagerank"
	}
	for _, m := range shown {
		if m != "community" {
			return m
		}
	}
	return shown[0]
}

// networkOrder is 0..n-1 sorted stably by before (file order breaks ties).
func networkOrder(n int, before func(i, j int) bool) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case before(i, j):
			return -1
		case before(j, i):
			return 1
		}
		return 0
	})
	return order
}

func networkTop(order []int, top int) []int {
	if top > 0 && len(order) > top {
		return order[:top]
	}
	return order
}

func networkTopTitle(top, n int) string {
	if top > 0 && n > top {
		return fmt.Sprintf("Top %d of %d nodes", top, n)
	}
	return "All " + tallyPlural(n, "node")
}

// networkSizes lists the sizes of the largest few communities.
func networkSizes(community []int32, k, few int) string {
	sizes := make([]int, k)
	for _, c := range community {
		sizes[c]++
	}
	slices.SortFunc(sizes, func(x, y int) int { return y - x })
	var parts []string
	for _, s := range sizes[:min(few, len(sizes))] {
		parts = append(parts, strconv.Itoa(s))
	}
	s := strings.Join(parts, ", ") + " nodes"
	if len(parts) == 1 && parts[0] == "1" {
		s = "1 node"
	}
	if k > few {
		s += fmt.Sprintf(" (and %d smaller)", k-few)
	}
	return s
}
