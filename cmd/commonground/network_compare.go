package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"

	"commonground/internal/graph"
)

// networkWhole are the whole-network figures a comparison lists, in order;
// the last two only when asked for.
var networkWhole = []string{"nodes", "edges", "density", "reciprocity", "components",
	graph.MetricAveragePathLength, "modularity"}

// networkChangeJSON is one figure in both periods; null where it does not
// exist (a node absent from a period, reciprocity of an undirected
// network, a change of community number, which means nothing).
type networkChangeJSON struct {
	Before any `json:"before"`
	After  any `json:"after"`
	Change any `json:"change"`
}

// networkCompareJSON is the --compare document; docs/network.md
// describes it.
type networkCompareJSON struct {
	Whole        tallyObject   `json:"whole"`
	EdgesAdded   int           `json:"edges_added"`
	EdgesRemoved int           `json:"edges_removed"`
	Metrics      []tallyObject `json:"metrics"`
}

// comparison sets the earlier edge list (--edges) beside the later one
// (--compare).
func (req *networkRequest) comparison(w io.Writer, before, after *graph.Graph, bars *networkBars) error {
	ab, err := req.analyze(before, bars, "before")
	if err != nil {
		return err
	}
	aa, err := req.analyze(after, bars, "after")
	if err != nil {
		return err
	}
	c := graph.Compare(before, after, ab, aa)
	switch req.format {
	case "json":
		return req.compareJSON(w, c)
	case "csv":
		return req.compareCSV(w, c)
	}
	req.compareText(w, c, before.Directed)
	return nil
}

// wholeFigures are the whole-network figures to list.
func (req *networkRequest) wholeFigures() []string {
	var out []string
	for _, k := range networkWhole {
		switch {
		case k == graph.MetricAveragePathLength && !req.asked(k):
		case k == "modularity" && !req.asked("community"):
		default:
			out = append(out, k)
		}
	}
	return out
}

// networkChangeValues are a change's three values as networkValue gives
// them.
func networkChangeValues(metric string, ch graph.Change) (before, after, change any) {
	return networkFromChange(metric, ch.Before), networkFromChange(metric, ch.After), networkFromChange(metric, ch.Delta)
}

func (req *networkRequest) compareJSON(w io.Writer, c *graph.Comparison) error {
	doc := networkCompareJSON{Whole: tallyObject{}, EdgesAdded: c.EdgesAdded, EdgesRemoved: c.EdgesRemoved,
		Metrics: []tallyObject{}}
	js := func(metric string, ch graph.Change) networkChangeJSON {
		b, a, d := networkChangeValues(metric, ch)
		return networkChangeJSON{networkJSONValue(b), networkJSONValue(a), networkJSONValue(d)}
	}
	for _, k := range req.wholeFigures() {
		doc.Whole = append(doc.Whole, tallyField{k, js(k, c.Whole[k])})
	}
	for _, n := range c.Nodes {
		node := tallyObject{{"id", n.Name}, {"status", n.Status}}
		for _, m := range req.columns() {
			node = append(node, tallyField{m, js(m, n.Metrics[m])})
		}
		doc.Metrics = append(doc.Metrics, node)
	}
	return networkWriteJSON(w, doc)
}

func (req *networkRequest) compareCSV(w io.Writer, c *graph.Comparison) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "status"}
	for _, m := range req.columns() {
		header = append(header, m+"_before", m+"_after", m+"_change")
	}
	_ = cw.Write(header)
	for _, n := range c.Nodes {
		row := []string{n.Name, n.Status}
		for _, m := range req.columns() {
			b, a, d := networkChangeValues(m, n.Metrics[m])
			row = append(row, networkCSVValue(b), networkCSVValue(a), networkCSVValue(d))
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// compareText is the comparison for people: the whole network then and
// now, who came and went, and the nodes that moved most.
func (req *networkRequest) compareText(w io.Writer, c *graph.Comparison, directed bool) {
	kind := "undirected"
	if directed {
		kind = "directed"
	}
	fmt.Fprintf(w, "Before:       %s\nAfter:        %s (%s)\n\n", networkFileName(req.edges), networkFileName(req.compare), kind)
	rows := [][]string{}
	for _, k := range req.wholeFigures() {
		b, a, d := networkChangeValues(k, c.Whole[k])
		if b == nil && a == nil {
			continue // reciprocity of an undirected network
		}
		rows = append(rows, []string{strings.ReplaceAll(k, "_", " "), networkTextValue(b), networkTextValue(a), networkSigned(d)})
	}
	networkTable(w, []string{"", "before", "after", "change"}, rows)
	fmt.Fprintf(w, "\nEdges added:    %d\nEdges removed:  %d\n", c.EdgesAdded, c.EdgesRemoved)
	var added, removed, both []graph.NodeChange
	for _, n := range c.Nodes {
		switch n.Status {
		case "added":
			added = append(added, n)
		case "removed":
			removed = append(removed, n)
		default:
			both = append(both, n)
		}
	}
	fmt.Fprintf(w, "Nodes added:    %s\n", networkNames(added, 10))
	fmt.Fprintf(w, "Nodes removed:  %s\n", networkNames(removed, 10))
	key := ""
	for _, m := range req.columns() {
		if m != "community" && len(both) > 0 && both[0].Metrics[m].Delta != nil {
			if key == "" || m == "pagerank" {
				key = m
			}
		}
	}
	if key == "" {
		return
	}
	size := func(n graph.NodeChange) float64 { return math.Abs(*n.Metrics[key].Delta) }
	order := networkOrder(len(both), func(i, j int) bool { return size(both[i]) > size(both[j]) })
	fmt.Fprintf(w, "\nBiggest movers by %s: %s in both periods, by the size of the change\n", key,
		strings.ToLower(networkTopTitle(req.top, len(both))))
	rows = [][]string{}
	for _, i := range networkTop(order, req.top) {
		b, a, d := networkChangeValues(key, both[i].Metrics[key])
		rows = append(rows, []string{both[i].Name, networkTextValue(b), networkTextValue(a), networkSigned(d)})
	}
	networkTable(w, []string{"node", "before", "after", "change"}, rows)
}

// networkNames lists up to few nodes' names and how many more there are.
func networkNames(nodes []graph.NodeChange, few int) string {
	if len(nodes) == 0 {
		return "none"
	}
	var names []string
	for _, n := range nodes[:min(few, len(nodes))] {
		names = append(names, n.Name)
	}
	s := fmt.Sprintf("%d (%s", len(nodes), strings.Join(names, ", "))
	if len(nodes) > few {
		s += fmt.Sprintf(" and %d more", len(nodes)-few)
	}
	return s + ")"
}
