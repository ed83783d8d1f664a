package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// What the circles tests check a report against: the instance read here,
// apart from the engine (its own MDGPLIB reading and its own diversity
// of people), and the best grouping found by trying them all.

// circlesInstance is an instance as this test reads it.
type circlesInstance struct {
	n            int
	lower, upper []int
	d            [][]float64
	names        []string // people's ids; nil for MDGPLIB
}

// circlesReadMDGP reads an MDGPLIB file: `n m ss|ds`, 2m bounds, then
// `i j d` triples, all as one stream of fields.
func circlesReadMDGP(t *testing.T, path string) *circlesInstance {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(data))
	num := func(s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	in := &circlesInstance{n: int(num(f[0]))}
	m := int(num(f[1]))
	for k := range m {
		in.lower = append(in.lower, int(num(f[3+2*k])))
		in.upper = append(in.upper, int(num(f[4+2*k])))
	}
	in.d = make([][]float64, in.n)
	for i := range in.d {
		in.d[i] = make([]float64, in.n)
	}
	for k := 3 + 2*m; k+2 < len(f); k += 3 {
		i, j, d := int(num(f[k])), int(num(f[k+1])), num(f[k+2])
		in.d[i][j], in.d[j][i] = d, d
	}
	return in
}

// circlesReadPeople works out the diversity of people from their file:
// the weights of the attributes two people differ in (trimmed, any case;
// a blank differs from nothing), in round(n/size) groups as equal as can
// be.
func circlesReadPeople(t *testing.T, path string, size int, weights map[string]float64) *circlesInstance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, rows := recs[0], recs[1:]
	n := len(rows)
	in := &circlesInstance{n: n, d: make([][]float64, n)}
	for i, a := range rows {
		in.names = append(in.names, strings.TrimSpace(a[0]))
		in.d[i] = make([]float64, n)
		for j, b := range rows {
			for c := 1; c < len(header); c++ {
				x, y := strings.ToLower(strings.TrimSpace(a[c])), strings.ToLower(strings.TrimSpace(b[c]))
				if x != "" && y != "" && x != y {
					w, ok := weights[header[c]]
					if !ok {
						w = 1
					}
					in.d[i][j] += w
				}
			}
		}
	}
	m := int(math.Round(float64(n) / float64(size)))
	for range m {
		in.lower = append(in.lower, n/m)
		in.upper = append(in.upper, (n+m-1)/m)
	}
	return in
}

// same is whether every group has the same bounds (groups interchangeable).
func (in *circlesInstance) same() bool {
	for k := range in.lower {
		if in.lower[k] != in.lower[0] || in.upper[k] != in.upper[0] {
			return false
		}
	}
	return true
}

// best is the highest objective of any grouping within the bounds, by
// trying every one (items in order, each into a group with room; when the
// groups are interchangeable, a new group only after the ones opened).
func (in *circlesInstance) best() float64 {
	m := len(in.lower)
	members := make([][]int, m)
	bestF := math.Inf(-1)
	var walk func(i int, f float64)
	walk = func(i int, f float64) {
		if i == in.n {
			for k := range m {
				if len(members[k]) < in.lower[k] {
					return
				}
			}
			bestF = max(bestF, f)
			return
		}
		for k := range m {
			if len(members[k]) >= in.upper[k] {
				continue
			}
			gain := 0.0
			for _, j := range members[k] {
				gain += in.d[i][j]
			}
			members[k] = append(members[k], i)
			walk(i+1, f+gain)
			members[k] = members[k][:len(members[k])-1]
			if in.same() && len(members[k]) == 0 {
				break // the other empty groups would repeat this one
			}
		}
	}
	walk(0, 0)
	return bestF
}

// circlesReport is a --format json report; unknown keys are refused.
type circlesReport struct {
	Objective    float64             `json:"objective"`
	Groups       [][]json.RawMessage `json:"groups"`
	Iterations   int                 `json:"iterations"`
	Rounds       int                 `json:"rounds"`
	Seed         uint64              `json:"seed"`
	Reproducible bool                `json:"reproducible"`
}

// circlesCheck checks a JSON report against the instance: every item in
// exactly one group, each group within its bounds (in the instance's order
// when groups differ in bounds), and the objective summed afresh from the
// groups printed. It returns the report.
func circlesCheck(t *testing.T, in *circlesInstance, out string) circlesReport {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var doc circlesReport
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if len(doc.Groups) != len(in.lower) {
		t.Fatalf("%d groups, want %d", len(doc.Groups), len(in.lower))
	}
	index := map[string]int{}
	for i, name := range in.names {
		index[name] = i
	}
	seen := make([]bool, in.n)
	var f float64
	for k, g := range doc.Groups {
		if len(g) < in.lower[k] || len(g) > in.upper[k] {
			t.Errorf("group %d has %d members, bounds %d to %d", k+1, len(g), in.lower[k], in.upper[k])
		}
		items := make([]int, len(g))
		for a, raw := range g {
			var i int
			if in.names != nil {
				var name string
				if err := json.Unmarshal(raw, &name); err != nil {
					t.Fatal(err)
				}
				var ok bool
				if i, ok = index[name]; !ok {
					t.Fatalf("no one is called %q", name)
				}
			} else if err := json.Unmarshal(raw, &i); err != nil || i < 0 || i >= in.n {
				t.Fatalf("item %s: %v", raw, err)
			}
			if seen[i] {
				t.Errorf("item %s is in two groups", raw)
			}
			seen[i] = true
			for _, j := range items[:a] {
				f += in.d[i][j]
			}
			items[a] = i
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("item %d is in no group", i)
		}
	}
	if math.Abs(f-doc.Objective) > 1e-9*max(1, math.Abs(f)) {
		t.Errorf("objective %v; the groups printed add up to %v", doc.Objective, f)
	}
	return doc
}
