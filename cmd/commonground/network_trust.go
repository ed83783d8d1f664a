package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"

	"commonground/internal/graph"
)

// networkPathsWanted is how many introductions --to lists: enough to
// choose between people, few enough to read.
const networkPathsWanted = 5

// networkTrustJSON is the --from document; docs/network.md describes it.
type networkTrustJSON struct {
	From    string             `json:"from"`
	To      string             `json:"to,omitempty"`
	Metrics []tallyObject      `json:"metrics"`
	Paths   *[]networkPathJSON `json:"paths,omitempty"` // with --to: [] when there is none
}

type networkPathJSON struct {
	Nodes    []string `json:"nodes"`
	Strength any      `json:"strength"`
}

// networkTrust is personal trust from one node, and the paths to another.
type networkTrust struct {
	g        *graph.Graph
	from, to int // to is -1 without --to
	personal []float64
	trust    []float64
	paths    []graph.Path
}

// trust writes personal trust from --from (and the paths to --to).
func (req *networkRequest) trust(w io.Writer, g *graph.Graph) error {
	from, err := networkNode(g, "from", req.from, req.edges)
	if err != nil {
		return err
	}
	t := &networkTrust{g: g, from: from, to: -1}
	if req.to != "" {
		if t.to, err = networkNode(g, "to", req.to, req.edges); err != nil {
			return err
		}
	}
	if t.personal, err = graph.PersonalPageRank(g, from); err != nil {
		return err
	}
	if t.trust, err = graph.Appleseed(g, from, graph.AppleseedOptions{}); err != nil {
		return err
	}
	for _, xs := range [][]float64{t.personal, t.trust} {
		for i, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("personal trust from %q came out as %v at %q: a fault in the engine, not in the file; please report it",
					req.from, x, g.Names[i])
			}
		}
	}
	if t.to >= 0 {
		t.paths = graph.StrongestPaths(g, from, t.to, networkPathsWanted)
	}
	switch req.format {
	case "json":
		return t.writeJSON(w)
	case "csv":
		return t.writeCSV(w)
	}
	req.trustText(w, t)
	return nil
}

func (t *networkTrust) writeJSON(w io.Writer) error {
	doc := networkTrustJSON{From: t.g.Names[t.from], Metrics: []tallyObject{}}
	for i, name := range t.g.Names {
		doc.Metrics = append(doc.Metrics, tallyObject{{"id", name},
			{"personal_pagerank", networkJSONValue(t.personal[i])}, {"trust", networkJSONValue(t.trust[i])}})
	}
	if t.to >= 0 {
		doc.To = t.g.Names[t.to]
		paths := []networkPathJSON{}
		for _, p := range t.paths {
			paths = append(paths, networkPathJSON{Nodes: t.names(p), Strength: networkJSONValue(p.Strength)})
		}
		doc.Paths = &paths
	}
	return networkWriteJSON(w, doc)
}

func (t *networkTrust) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "personal_pagerank", "trust"})
	for i, name := range t.g.Names {
		_ = cw.Write([]string{name, networkCSVValue(t.personal[i]), networkCSVValue(t.trust[i])})
	}
	cw.Flush()
	return cw.Error()
}

func (t *networkTrust) names(p graph.Path) []string {
	names := make([]string, len(p.Nodes))
	for i, v := range p.Nodes {
		names[i] = t.g.Names[v]
	}
	return names
}

// trustText lists the other nodes by the trust reaching them, then the
// introductions.
func (req *networkRequest) trustText(w io.Writer, t *networkTrust) {
	from := t.g.Names[t.from]
	fmt.Fprintf(w, "Personal trust from %s in %s\n", from, networkFileName(req.edges))
	fmt.Fprintln(w, "Trust:        Appleseed spreading activation (energy 200, spread 0.85, threshold 0.01)")
	fmt.Fprintf(w, "Personal PR:  PageRank restarting at %s (alpha 0.85)\n", from)
	order := networkOrder(len(t.g.Names), func(i, j int) bool {
		if t.trust[i] != t.trust[j] {
			return t.trust[i] > t.trust[j]
		}
		return t.personal[i] > t.personal[j]
	})
	others := make([]int, 0, len(order))
	unreached := 0
	for _, i := range order {
		if i != t.from {
			others = append(others, i)
			if t.trust[i] == 0 {
				unreached++
			}
		}
	}
	if unreached > 0 {
		fmt.Fprintf(w, "No trust:     %s that %s's trust does not reach\n", tallyPlural(unreached, "node"), from)
	}
	fmt.Fprintf(w, "\n%s by trust from %s\n", networkTopTitle(req.top, len(others)), from)
	rows := [][]string{}
	for _, i := range networkTop(others, req.top) {
		rows = append(rows, []string{t.g.Names[i], networkFloat(t.trust[i]), networkFloat(t.personal[i])})
	}
	networkTable(w, []string{"node", "trust", "personal_pagerank"}, rows)
	if t.to < 0 {
		return
	}
	to := t.g.Names[t.to]
	fmt.Fprintf(w, "\nWho can introduce %s to %s\n", from, to)
	if len(t.paths) == 0 {
		fmt.Fprintf(w, "  nobody: no path leads from %s to %s\n", from, to)
		return
	}
	fmt.Fprintln(w, "  (each path is as strong as its weakest tie; one path per first step, strongest first)")
	for k, p := range t.paths {
		fmt.Fprintf(w, "  %d. %s  (strength %s)\n", k+1, strings.Join(t.names(p), " > "), networkFloat(p.Strength))
	}
}
