package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The golden files under testdata/network/golden are the reports as they stand
// (rewrite them with: go test ./cmd/commonground -run NetworkGolden
// -update, then read the diff). They only catch changes: the figures are
// checked apart from them, by hand for the small files here and against
// networkx's golden files in internal/graph/testdata for the engine's
// test graphs, so a wrong golden written by -update cannot pass.
//
// Every graph here has at most 64 nodes, so betweenness sums in one
// worker's chunk and the goldens are the same on any number of cores.

func networkFile(name string) string { return filepath.Join("testdata", "network", name) }

// networkGraphs holds the engine's test graphs and networkx's figures.
var networkGraphs = filepath.Join("..", "..", "internal", "graph", "testdata")

var networkGoldenCases = []struct {
	name    string // testdata/network/golden/NAME.txt, .json, .csv
	args    []string
	formats []string
	text    []string // lines the text report must hold
}{
	{"coalition", []string{"--directed", "--edges", networkFile("coalition.csv")}, []string{"text", "json", "csv"},
		[]string{"Self-loops:   1 dropped", "Repeats:      1 merged", "Reciprocity:  0.5 ", "Components:   1 (weakly connected)"}},
	{"coalition-some", []string{"--directed", "--metrics", "pagerank,degree,average_path_length", "--edges", networkFile("coalition.csv")},
		[]string{"text", "json", "csv"}, []string{"All 6 nodes by pagerank", "  node  pagerank  degree"}},
	{"islands", []string{"--edges", networkFile("islands.csv")}, []string{"text", "json", "csv"},
		[]string{"Components:   2\n", "Eigenvector:  not defined: the network, taken as undirected, is disconnected"}},
	{"karate", []string{"--edges", filepath.Join(networkGraphs, "graphs", "karate.csv")}, []string{"text", "json", "csv"},
		[]string{"Top 20 of 34 nodes by pagerank", "Communities:  4, modularity 0.4198"}},
	{"intro", []string{"--directed", "--from", "me", "--to", "zoe", "--edges", networkFile("intro.csv")}, []string{"text", "json"},
		[]string{"  1. me > ann > fay > zoe  (strength 4)", "  2. me > bob > zoe  (strength 1)"}},
	{"intro-trust", []string{"--directed", "--from", "me", "--edges", networkFile("intro.csv")}, []string{"csv"}, nil},
	{"periods", []string{"--edges", networkFile("period1.csv"), "--compare", networkFile("period2.csv")}, []string{"text", "json", "csv"},
		[]string{"Nodes added:    1 (d)", "Nodes removed:  1 (a)", "Edges added:    1\nEdges removed:  2"}},
}

func TestNetworkGolden(t *testing.T) {
	for _, tc := range networkGoldenCases {
		t.Run(tc.name, func(t *testing.T) {
			for _, format := range tc.formats {
				out := networkRun(t, "", append([]string{"--format", format}, tc.args...)...)
				golden := networkFile(filepath.Join("golden", tc.name) + map[string]string{"text": ".txt", "json": ".json", "csv": ".csv"}[format])
				checkGolden(t, golden, out, "NetworkGolden")
				if format == "text" {
					for _, line := range tc.text {
						if !strings.Contains(out, line) {
							t.Errorf("text lacks %q:\n%s", line, out)
						}
					}
				}
			}
		})
	}
}

// networkRun runs `network` and wants it to succeed quietly.
func networkRun(t *testing.T, input string, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, input, append([]string{"network"}, args...)...)
	if code != 0 || errOut != "" {
		t.Fatalf("network %q: exit %d, stderr %q", args, code, errOut)
	}
	return out
}

// networkDoc decodes a JSON report, numbers kept as written.
func networkDoc(t *testing.T, out string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return doc
}

// networkNodes indexes a report's "metrics" list by id.
func networkNodes(t *testing.T, doc map[string]any) map[string]map[string]any {
	t.Helper()
	nodes := map[string]map[string]any{}
	list, ok := doc["metrics"].([]any)
	if !ok {
		t.Fatalf("metrics is %T, want a list", doc["metrics"])
	}
	for _, x := range list {
		n := x.(map[string]any)
		nodes[n["id"].(string)] = n
	}
	return nodes
}

// networkNum reads a JSON number; ok is false for null or absent.
func networkNum(t *testing.T, v any) (float64, bool) {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		if v != nil {
			t.Errorf("%v (%T) is not a number", v, v)
		}
		return 0, false
	}
	x, err := n.Float64()
	if err != nil {
		t.Error(err)
	}
	return x, true
}

// wantClose checks a JSON number against a figure to 1e-9.
func wantClose(t *testing.T, what string, got any, want float64) {
	t.Helper()
	x, ok := networkNum(t, got)
	if !ok || math.Abs(x-want) > 1e-9 {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}

// wantFigures checks name, value pairs of one JSON object.
func wantFigures(t *testing.T, what string, obj map[string]any, pairs ...any) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		key := pairs[i].(string)
		switch want := pairs[i+1].(type) {
		case nil:
			if v, ok := obj[key]; !ok || v != nil {
				t.Errorf("%s: %s is %v (present %v), want null", what, key, v, ok)
			}
		case int:
			wantClose(t, what+" "+key, obj[key], float64(want))
			if n, _ := obj[key].(json.Number); strings.ContainsAny(string(n), ".eE") {
				t.Errorf("%s: %s is %s, want a whole number", what, key, n)
			}
		case float64:
			wantClose(t, what+" "+key, obj[key], want)
		}
	}
}

// The coalition file is directed: ana->ben twice (2 and 0.5, merged to
// 2.5) and ana->ana (dropped). Figures worked by hand (and seen to agree
// with networkx): 8 edges of 30 possible; ana<->ben and dev<->eli are
// returned, 4 of 8; {ana, ben, cara} is the largest strong component,
// with distances 1,2,1,1,1,2 over 6 ordered pairs.
func TestNetworkCoalitionByHand(t *testing.T) {
	doc := networkDoc(t, networkRun(t, "", "--directed", "--format", "json", "--edges", networkFile("coalition.csv")))
	wantFigures(t, "whole", doc, "nodes", 6, "edges", 8, "self_loops_dropped", 1, "duplicate_edges_merged", 1,
		"density", 8.0/30, "reciprocity", 0.5, "components", 1, "average_path_length", 8.0/6)
	if doc["directed"] != true {
		t.Errorf("directed is %v", doc["directed"])
	}
	nodes := networkNodes(t, doc)
	// node: degree, in, out, weighted (in + out), reach2 (others within two steps out)
	for name, f := range map[string][]float64{
		"ana": {3, 2, 1, 4.5, 2}, "ben": {3, 1, 2, 6.5, 3}, "cara": {3, 1, 2, 6, 4},
		"dev": {3, 2, 1, 4, 1}, "eli": {3, 2, 1, 4, 1}, "fay": {1, 0, 1, 2, 2},
	} {
		wantFigures(t, name, nodes[name], "degree", int(f[0]), "in_degree", int(f[1]), "out_degree", int(f[2]),
			"weighted_degree", f[3], "reach2", int(f[4]))
	}
	// betweenness: cara lies on ben->dev, ben->eli, ana->dev, ana->eli of 5*4 pairs
	wantFigures(t, "cara", nodes["cara"], "betweenness", 4.0/20)
	// closeness uses incoming distances: dev is reached by cara (1), eli (1), ben (2), ana (3), fay (2)
	wantFigures(t, "dev", nodes["dev"], "closeness", 5.0/9, "betweenness", 3.0/20)
	wantFigures(t, "fay", nodes["fay"], "closeness", 0.0)
	networkCheckReport(t, doc, filepath.Join("testdata", "network", "coalition.csv"))
}

// The islands file is undirected: a triangle a,b,c with a tail c-d, and
// a pair x-y apart.
func TestNetworkIslandsByHand(t *testing.T) {
	doc := networkDoc(t, networkRun(t, "", "--format", "json", "--edges", networkFile("islands.csv")))
	wantFigures(t, "whole", doc, "nodes", 6, "edges", 5, "density", 10.0/30, "reciprocity", nil, "components", 2,
		"average_path_length", 16.0/12)
	nodes := networkNodes(t, doc)
	for name, f := range map[string][]int{"a": {2, 3}, "b": {2, 3}, "c": {3, 3}, "d": {1, 3}, "x": {1, 1}, "y": {1, 1}} {
		wantFigures(t, name, nodes[name], "degree", f[0], "reach2", f[1], "in_degree", nil, "out_degree", nil,
			"eigenvector", nil)
	}
	// c is on a-d and b-d: 2 of the 5*4/2 pairs; it reaches 3 of 5 others
	// at distances 1,1,1 (Wasserman-Faust: 3/3 * 3/5)
	wantFigures(t, "c", nodes["c"], "betweenness", 0.2, "closeness", 0.6)
	networkCheckReport(t, doc, networkFile("islands.csv"))
}

// --metrics leaves every other figure out, in JSON and CSV alike.
func TestNetworkMetricsLeftOut(t *testing.T) {
	args := []string{"--directed", "--metrics", "pagerank, degree", "--edges", networkFile("coalition.csv")}
	out := networkRun(t, "", append(args, "--format", "json")...)
	doc := networkDoc(t, out)
	for _, key := range []string{"average_path_length", "modularity", "communities"} {
		if _, ok := doc[key]; ok {
			t.Errorf("%s is there without being asked for", key)
		}
	}
	for name, n := range networkNodes(t, doc) {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range n {
				yield(k)
			}
		})
		if !slices.Equal(keys, []string{"degree", "id", "pagerank"}) {
			t.Errorf("%s has %v, want id, pagerank, degree", name, keys)
		}
	}
	if !strings.Contains(out, `"id": "ana",`+"\n      \"pagerank\"") {
		t.Errorf("pagerank does not follow id, as asked:\n%s", out)
	}
	csvOut := networkRun(t, "", append(args, "--format", "csv")...)
	if first, _, _ := strings.Cut(csvOut, "\n"); first != "id,pagerank,degree" {
		t.Errorf("CSV header %q", first)
	}
	if out := networkRun(t, "", "--metrics", "average_path_length", "--format", "json", "--edges", networkFile("islands.csv")); !strings.Contains(out, `"average_path_length": 1.3333333333333333`) ||
		!strings.Contains(out, "{\n      \"id\": \"a\"\n    }") {
		t.Errorf("average_path_length alone:\n%s", out)
	}
}

// networkCheckReport checks a report against itself and an independent
// reading of its file: the CSV holds the JSON's very numbers, community
// numbers run 0..k-1 and their modularity is networkx's, worked out here
// from the file on the undirected graph with summed weights.
func networkCheckReport(t *testing.T, doc map[string]any, file string) {
	t.Helper()
	nodes := networkNodes(t, doc)
	args := []string{"--format", "csv", "--edges", file}
	if doc["directed"] == true {
		args = append(args, "--directed")
	}
	records, err := csv.NewReader(strings.NewReader(networkRun(t, "", args...))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := records[0]
	for _, row := range records[1:] {
		n := nodes[row[0]]
		for j, cell := range row[1:] {
			v := n[header[j+1]]
			if num, ok := v.(json.Number); (ok && string(num) != cell) || (!ok && cell != "") {
				t.Errorf("%s %s: CSV %q, JSON %v", row[0], header[j+1], cell, v)
			}
		}
	}
	if len(records)-1 != len(nodes) {
		t.Errorf("CSV has %d rows, JSON %d nodes", len(records)-1, len(nodes))
	}
	if _, ok := doc["modularity"]; !ok {
		return
	}
	community := map[string]int{}
	k := 0
	for name, n := range nodes {
		c, _ := networkNum(t, n["community"])
		community[name] = int(c)
		k = max(k, int(c)+1)
	}
	wantFigures(t, "whole", doc, "communities", k, "modularity", networkModularity(t, file, community))
}

// networkModularity is Newman's modularity of a partition, read straight
// from an edge list: Q = sum over communities of L_c/m - (D_c/2m)^2, where
// m is the total weight, L_c the weight inside c and D_c the weighted
// degrees of its nodes; u-v and v-u are one edge, repeats summed,
// self-loops dropped.
func networkModularity(t *testing.T, file string, community map[string]int) float64 {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var m float64
	inside, degree := map[int]float64{}, map[int]float64{}
	for _, rec := range records[1:] {
		if len(rec) < 2 {
			continue // a line of spaces
		}
		u, v, w := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), 1.0
		if len(rec) > 2 {
			if w, err = strconv.ParseFloat(strings.TrimSpace(rec[2]), 64); err != nil {
				t.Fatal(err)
			}
		}
		if u == v {
			continue
		}
		m += w
		degree[community[u]] += w
		degree[community[v]] += w
		if community[u] == community[v] {
			inside[community[u]] += w
		}
	}
	q := 0.0
	for c, d := range degree {
		q += inside[c]/m - (d/(2*m))*(d/(2*m))
	}
	return q
}

// networkxGolden is the part of internal/graph/testdata/golden/NAME.json
// (networkx 2.8.8's figures, written by internal/graph/testdata/golden.py)
// that the report shows.
type networkxGolden struct {
	Directed          bool                           `json:"directed"`
	Nodes             int                            `json:"nodes"`
	Edges             int                            `json:"edges"`
	SelfLoops         int                            `json:"self_loops"`
	Merged            int                            `json:"merged"`
	Density           float64                        `json:"density"`
	Reciprocity       *float64                       `json:"reciprocity"`
	Components        int                            `json:"components"`
	AveragePathLength float64                        `json:"average_path_length"`
	PersonalFrom      string                         `json:"personal_from"`
	Order             []string                       `json:"order"`
	Metrics           map[string]map[string]*float64 `json:"metrics"`
}

// Every figure of the report on the engine's test graphs is networkx's to
// 1e-9: the engine's own tests check the engine, this checks that the
// command passes each figure through to the right key of the right node.
func TestNetworkMatchesNetworkx(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(networkGraphs, "golden", "*.json"))
	if len(files) == 0 {
		t.Skip("no networkx golden files in internal/graph/testdata/golden")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var gd networkxGolden
			if err := json.Unmarshal(data, &gd); err != nil {
				t.Fatal(err)
			}
			edges := filepath.Join(networkGraphs, "graphs", name+".csv")
			args := []string{"--format", "json", "--edges", edges}
			if gd.Directed {
				args = append(args, "--directed")
			}
			doc := networkDoc(t, networkRun(t, "", args...))
			var reciprocity any
			if gd.Reciprocity != nil {
				reciprocity = *gd.Reciprocity
			}
			wantFigures(t, "whole", doc, "nodes", gd.Nodes, "edges", gd.Edges, "self_loops_dropped", gd.SelfLoops,
				"duplicate_edges_merged", gd.Merged, "density", gd.Density, "reciprocity", reciprocity,
				"components", gd.Components, "average_path_length", gd.AveragePathLength)
			var ids []string
			for _, n := range doc["metrics"].([]any) {
				ids = append(ids, n.(map[string]any)["id"].(string))
			}
			if !slices.Equal(ids, gd.Order) {
				t.Errorf("nodes listed %q, want the file's order %q", ids, gd.Order)
			}
			nodes := networkNodes(t, doc)
			for id, want := range gd.Metrics {
				n := nodes[id]
				var pairs []any
				for _, m := range []string{"degree", "in_degree", "out_degree", "reach2"} {
					if !gd.Directed && (m == "in_degree" || m == "out_degree") {
						pairs = append(pairs, m, nil) // networkx says degree; the report says null
						continue
					}
					pairs = append(pairs, m, int(*want[m]))
				}
				for _, m := range []string{"weighted_degree", "betweenness", "closeness", "pagerank", "eigenvector"} {
					if want[m] == nil {
						pairs = append(pairs, m, nil)
					} else {
						pairs = append(pairs, m, *want[m])
					}
				}
				wantFigures(t, id, n, pairs...)
			}
			networkCheckReport(t, doc, edges)

			// personal PageRank from the file's first node
			args = append(args, "--from", gd.PersonalFrom)
			trust := networkNodes(t, networkDoc(t, networkRun(t, "", args...)))
			for id, want := range gd.Metrics {
				wantFigures(t, id+" from "+gd.PersonalFrom, trust[id], "personal_pagerank", *want["personal_pagerank"])
			}
		})
	}
}

// Every fault is one message on standard error, exit 1, nothing on
// standard output.
func TestNetworkRefused(t *testing.T) {
	coalition, intro := networkFile("coalition.csv"), networkFile("intro.csv")
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := file("bad.csv", "source,target,weight\na,b,1\nb,c,x\n")
	cases := []struct {
		name, stdin string
		args        []string
		msg         string
	}{
		{"no edges flag", "", nil, "--edges is required: an edge list (CSV with a header source,target[,weight]), or - for standard input"},
		{"argument", "", []string{"edges.csv"}, `unexpected argument "edges.csv": give the edge list with --edges`},
		{"missing file", "", []string{"--edges", filepath.Join(dir, "nope.csv")},
			"cannot read the edge list: open " + filepath.Join(dir, "nope.csv") + ": no such file or directory"},
		{"bad weight", "", []string{"--edges", bad}, bad + `: line 3: weight "x" is not a number`},
		{"negative weight", "", []string{"--edges", file("neg.csv", "source,target,weight\na,b,-1\n")},
			filepath.Join(dir, "neg.csv") + ": line 2: weight -1 is negative"},
		{"not finite", "source,target,weight\na,b,NaN\n", []string{"--edges", "-"}, `standard input: line 2: weight "NaN" is not finite`},
		{"missing column", "source,target\na\n", []string{"--edges", "-"}, "standard input: line 2: want 2 fields (source,target), got 1"},
		{"empty", "", []string{"--edges", "-"}, "standard input: empty file: want a header `source,target[,weight]` and edges"},
		{"header only", "source,target\n", []string{"--edges", "-"}, "standard input: no edges after the header"},
		{"bad later file", "", []string{"--edges", coalition, "--compare", bad}, bad + `: line 3: weight "x" is not a number`},
		{"unknown metric", "", []string{"--edges", coalition, "--metrics", "pagerank,fame"},
			`--metrics: unknown metric "fame"; known: degree, in_degree, out_degree, weighted_degree, betweenness, closeness, eigenvector, pagerank, reach2, community, average_path_length`},
		{"empty metrics", "", []string{"--edges", coalition, "--metrics", ""}, "--metrics is empty: name at least one metric, or leave the flag out for all"},
		{"format", "", []string{"--edges", coalition, "--format", "xml"}, `--format "xml": want text, json or csv`},
		{"to without from", "", []string{"--edges", intro, "--to", "zoe"}, "--to needs --from: the paths run from one node to the other"},
		{"compare and from", "", []string{"--edges", intro, "--from", "me", "--compare", intro},
			"--compare and --from do not go together: compare two periods, or trace trust from one node"},
		{"metrics and from", "", []string{"--edges", intro, "--from", "me", "--metrics", "degree"},
			"--metrics does not apply to --from, which computes personal PageRank and trust"},
		{"seed and from", "", []string{"--edges", intro, "--from", "me", "--seed", "3"}, "--seed does not apply to --from: it seeds the community search"},
		{"seed without communities", "", []string{"--edges", intro, "--metrics", "degree", "--seed", "3"},
			"--seed seeds the community search: add community to --metrics, or leave --seed out"},
		{"from is to", "", []string{"--edges", intro, "--from", "me", "--to", " me"}, `--from and --to both name "me": name two different nodes`},
		{"paths in csv", "", []string{"--edges", intro, "--from", "me", "--to", "zoe", "--format", "csv"},
			"--to lists paths, which do not fit the per-node CSV table: use --format json or text"},
		{"top in json", "", []string{"--edges", intro, "--top", "3", "--format", "json"}, "--top chooses the rows of the text report; --format json lists every node"},
		{"negative top", "", []string{"--edges", intro, "--top", "-1"}, "--top must be 0 (all nodes) or more, got -1"},
		{"both stdin", "", []string{"--edges", "-", "--compare", "-"}, "--edges and --compare cannot both read standard input: give at least one as a file"},
		{"unknown from", "", []string{"--edges", intro, "--directed", "--from", "Me"},
			`--from "Me": ` + intro + " has no such node (names are matched exactly, after trimming spaces)"},
		{"unknown to", "source,target\nme,ann\n", []string{"--edges", "-", "--from", "me", "--to", "zed"},
			`--to "zed": standard input has no such node (names are matched exactly, after trimming spaces)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.stdin, append([]string{"network"}, tc.args...)...)
			if want := "commonground network: " + tc.msg + "\n"; code != 1 || out != "" || errOut != want {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant exit 1, no stdout, stderr\n%q", code, out, errOut, want)
			}
		})
	}
	if code, out, _ := runCLI(t, "", "help", "network"); code != 0 || out != "" {
		t.Errorf("help network: exit %d, stdout %q", code, out)
	}
	if code, out, _ := runCLI(t, "", "help"); code != 0 || !strings.Contains(out, "  network  --edges FILE [flags]") {
		t.Errorf("help lacks network:\n%s", out)
	}
}

// intro.csv, worked by hand: from me, ann (5) leads on to zoe through dan
// and eve (4, 4, 4) or through fay (4, 4): both as strong as 4, fay's the
// fewer steps; cat's way is weaker (1). bob (1) leads to zoe (3): strength
// 1, though it is the shortest path of all.
func TestNetworkIntroductions(t *testing.T) {
	doc := networkDoc(t, networkRun(t, "", "--directed", "--from", "me", "--to", "zoe", "--format", "json", "--edges", networkFile("intro.csv")))
	if doc["from"] != "me" || doc["to"] != "zoe" {
		t.Errorf("from %v, to %v", doc["from"], doc["to"])
	}
	paths, _ := json.Marshal(doc["paths"])
	if want := `[{"nodes":["me","ann","fay","zoe"],"strength":4},{"nodes":["me","bob","zoe"],"strength":1}]`; string(paths) != want {
		t.Errorf("paths %s, want %s", paths, want)
	}
	nodes := networkNodes(t, doc)
	wantFigures(t, "me", nodes["me"], "trust", 0.0)
	sum := 0.0
	for id, n := range nodes {
		pr, _ := networkNum(t, n["personal_pagerank"])
		sum += pr
		if tr, _ := networkNum(t, n["trust"]); id != "me" && !(tr > 0) {
			t.Errorf("%s: trust %v; every node is reached from me", id, n["trust"])
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("personal PageRank sums to %v", sum)
	}
	// ann is me's strongest tie and the only way to five of the others
	ann, _ := networkNum(t, nodes["ann"]["trust"])
	for id, n := range nodes {
		if tr, _ := networkNum(t, n["trust"]); id != "ann" && tr >= ann {
			t.Errorf("%s trust %v is not below ann's %v", id, tr, ann)
		}
	}

	// the other way there is no path: a list, empty
	out := networkRun(t, "", "--directed", "--from", "zoe", "--to", "me", "--format", "json", "--edges", networkFile("intro.csv"))
	if !strings.Contains(out, `"paths": []`) {
		t.Errorf("no path is not []:\n%s", out)
	}
	text := networkRun(t, "", "--directed", "--from", "zoe", "--to", "me", "--edges", networkFile("intro.csv"))
	for _, line := range []string{"No trust:     7 nodes that zoe's trust does not reach", "  nobody: no path leads from zoe to me"} {
		if !strings.Contains(text, line) {
			t.Errorf("text lacks %q:\n%s", line, text)
		}
	}

	// Appleseed on one edge me->ann: ann keeps 15% of the 170 passed to
	// her, sends the rest back, and me passes 85% on again, so ann's trust
	// is 25.5 (1 + 0.85^2 + 0.85^4 + ...) = 91.89, less the tail cut off
	// once a round adds no more than 0.01.
	trust := networkNodes(t, networkDoc(t, networkRun(t, "source,target\nme,ann\n", "--directed", "--from", "me", "--format", "json", "--edges", "-")))
	if tr, _ := networkNum(t, trust["ann"]["trust"]); math.Abs(tr-25.5/(1-0.85*0.85)) > 0.1 {
		t.Errorf("ann's trust %v, want about 91.89", tr)
	}
	// personal PageRank: me keeps 0.15 + 0.85 * ann's (ann's dangling rank
	// returns to me), ann gets 0.85 * me's: me = 1/1.85
	wantFigures(t, "me", trust["me"], "personal_pagerank", 1/1.85)
}

// period1 is a triangle a,b,c; period2 the path b-c-d: a left, d came,
// a-b and c-a went, c-d came.
func TestNetworkCompareByHand(t *testing.T) {
	args := []string{"--edges", networkFile("period1.csv"), "--compare", networkFile("period2.csv")}
	doc := networkDoc(t, networkRun(t, "", append(args, "--format", "json", "--metrics", "degree,betweenness,closeness,community")...))
	wantFigures(t, "whole", doc, "edges_added", 1, "edges_removed", 2)
	whole := doc["whole"].(map[string]any)
	change := func(obj map[string]any, key string) map[string]any {
		c, ok := obj[key].(map[string]any)
		if !ok {
			t.Fatalf("%s is %v, want before, after, change", key, obj[key])
		}
		return c
	}
	wantFigures(t, "nodes", change(whole, "nodes"), "before", 3, "after", 3, "change", 0)
	wantFigures(t, "edges", change(whole, "edges"), "before", 3, "after", 2, "change", -1)
	wantFigures(t, "density", change(whole, "density"), "before", 1.0, "after", 2.0/3, "change", -1.0/3)
	wantFigures(t, "reciprocity", change(whole, "reciprocity"), "before", nil, "after", nil, "change", nil)
	if _, ok := whole["average_path_length"]; ok {
		t.Error("average_path_length is there without being asked for")
	}
	var ids, statuses []string
	nodes := map[string]map[string]any{}
	for _, x := range doc["metrics"].([]any) {
		n := x.(map[string]any)
		ids, statuses = append(ids, n["id"].(string)), append(statuses, n["status"].(string))
		nodes[n["id"].(string)] = n
		if _, ok := n["pagerank"]; ok {
			t.Errorf("%s has pagerank, not asked for", n["id"])
		}
	}
	if !slices.Equal(ids, []string{"a", "b", "c", "d"}) || !slices.Equal(statuses, []string{"removed", "both", "both", "added"}) {
		t.Errorf("nodes %q %q", ids, statuses)
	}
	wantFigures(t, "a degree", change(nodes["a"], "degree"), "before", 2, "after", nil, "change", nil)
	wantFigures(t, "b degree", change(nodes["b"], "degree"), "before", 2, "after", 1, "change", -1)
	wantFigures(t, "d degree", change(nodes["d"], "degree"), "before", nil, "after", 1, "change", nil)
	// c stands between b and d, the one pair of the path; b is 1 and 2
	// steps from the others
	wantFigures(t, "c betweenness", change(nodes["c"], "betweenness"), "before", 0.0, "after", 1.0, "change", 1.0)
	wantFigures(t, "b closeness", change(nodes["b"], "closeness"), "before", 1.0, "after", 2.0/3, "change", -1.0/3)
	wantFigures(t, "c community", change(nodes["c"], "community"), "change", nil) // numbers are labels

	csvOut := networkRun(t, "", append(args, "--format", "csv", "--metrics", "degree")...)
	if want := "id,status,degree_before,degree_after,degree_change\na,removed,2,,\nb,both,2,1,-1\nc,both,2,2,0\nd,added,,1,\n"; csvOut != want {
		t.Errorf("CSV\n%s\nwant\n%s", csvOut, want)
	}
	text := networkRun(t, "", append(args, "--metrics", "closeness")...)
	if !strings.Contains(text, "Biggest movers by closeness: all 2 nodes in both periods") ||
		!strings.Contains(text, "  b          1  0.6667  -0.3333") {
		t.Errorf("text:\n%s", text)
	}
}

// A progress bar shows only on a terminal and for a large input.
func TestNetworkProgress(t *testing.T) {
	var buf bytes.Buffer
	small := networkFile("coalition.csv")
	if networkBarsFor(&buf, false, small) != nil || networkBarsFor(&buf, true, small) != nil {
		t.Error("bars for a small file or a pipe")
	}
	var bars *networkBars // nil: every method does nothing
	if bars.reading(small) != nil || bars.stages("") != nil {
		t.Error("a nil *networkBars hands out progress functions")
	}
	bars.done()
	large := filepath.Join(t.TempDir(), "large.csv")
	if err := os.WriteFile(large, bytes.Repeat([]byte("a,b\n"), networkBarsFrom/4+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if bars = networkBarsFor(&buf, false, large); bars != nil {
		t.Error("bars on a pipe")
	}
	if bars = networkBarsFor(&buf, true, small, large); bars == nil {
		t.Fatal("no bars for a large file on a terminal")
	}
	bars.reading(large)(1 << 20)
	stage := bars.stages("before")
	stage("shortest paths", 10, 100)
	stage("shortest paths", 5, 100) // late report from another worker: ignored
	stage("pagerank", 0, 1)
	bars.done()
	for _, want := range []string{"reading " + large, "before: shortest paths", "before: pagerank"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("progress lacks %q: %q", want, buf.String())
		}
	}
}
