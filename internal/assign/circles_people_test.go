package assign

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestDiversityFromPeople(t *testing.T) {
	header := []string{"\ufeffid", "Department", "organisation", "level"}
	rows := [][]string{
		{"ana", "Eng", "Acme", "junior"},
		{"bo", "eng ", "Beta", "senior"},
		{"cy", "Sales", "Acme", ""},
		{"di", "HR", "Acme", "junior"},
		{"ed", "Sales", "Beta", "senior"},
	}
	c, err := DiversityFromPeople(header, rows, map[string]float64{"department": 3, " LEVEL": 0.5}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// 5 people in groups of about 2: round(2.5) = 3 groups would leave
	// someone alone, so 2 groups of 2 or 3
	if c.N != 5 || len(c.Lower) != 2 || c.Lower[0] != 2 || c.Upper[0] != 3 || strings.Join(c.Names, ",") != "ana,bo,cy,di,ed" {
		t.Fatalf("%d people, sizes %v..%v, names %v", c.N, c.Lower, c.Upper, c.Names)
	}
	for _, tc := range []struct {
		i, j int
		d    float64
	}{
		{0, 1, 1 + 0.5},     // same department (case and spaces aside); organisation and level differ
		{0, 2, 3},           // department differs; same organisation; level blank
		{0, 3, 3},           // department differs only
		{1, 4, 3 + 0},       // department differs; same organisation and level
		{2, 4, 1},           // organisation differs only
		{3, 4, 3 + 1 + 0.5}, // everything differs
	} {
		if got := c.D[tc.i*5+tc.j]; got != tc.d || c.D[tc.j*5+tc.i] != tc.d {
			t.Errorf("d(%s, %s) = %v, want %v", c.Names[tc.i], c.Names[tc.j], got, tc.d)
		}
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

func TestDiversityFromPeopleSizes(t *testing.T) {
	for _, tc := range []struct{ n, size, groups, lower, upper int }{
		{10, 4, 3, 3, 4}, {12, 4, 3, 4, 4}, {7, 3, 2, 3, 4}, {5, 4, 1, 5, 5}, {9, 2, 4, 2, 3}, {2, 2, 1, 2, 2}, {100, 7, 14, 7, 8},
	} {
		rows := make([][]string, tc.n)
		for i := range rows {
			rows[i] = []string{fmt.Sprint(i), fmt.Sprint(i % 3)}
		}
		c, err := DiversityFromPeople([]string{"id", "team"}, rows, nil, tc.size)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Lower) != tc.groups || c.Lower[0] != tc.lower || c.Upper[0] != tc.upper || circleBounds(c.N, c.Lower, c.Upper) != nil {
			t.Errorf("%d people in groups of %d: %d groups of %d..%d, want %d of %d..%d", tc.n, tc.size,
				len(c.Lower), c.Lower[0], c.Upper[0], tc.groups, tc.lower, tc.upper)
		}
	}
}

func TestDiversityFromPeopleErrors(t *testing.T) {
	header := []string{"id", "department", "level"}
	rows := [][]string{{"a", "x", "1"}, {"b", "y", "2"}, {"c", "x", "1"}}
	for _, tc := range []struct {
		name    string
		header  []string
		rows    [][]string
		weights map[string]float64
		size    int
		line    int
		msg     string
	}{
		{"NoHeader", nil, rows, nil, 2, 1, "no header: want an id column and attribute columns"},
		{"OnlyID", []string{"id"}, rows, nil, 2, 1, "no attribute columns after the id column"},
		{"BlankColumn", []string{"id", " "}, rows, nil, 2, 1, "column 2 has no name"},
		{"TwiceColumn", []string{"id", "Level", "level"}, rows, nil, 2, 1, `column "level" appears twice`},
		{"UnknownWeight", header, rows, map[string]float64{"dept": 3, "zz": 1}, 2, 0, `weight for "dept", which is not an attribute column (those are department, level)`},
		{"IDWeight", header, rows, map[string]float64{"id": 3}, 2, 0, `weight for "id", which is not an attribute column (those are department, level)`},
		{"NegativeWeight", header, rows, map[string]float64{"level": -1}, 2, 0, "weight of level is -1: want 0 or more"},
		{"NaNWeight", header, rows, map[string]float64{"level": math.NaN()}, 2, 0, "weight of level is not finite"},
		{"ZeroWeights", header, rows, map[string]float64{"level": 0, "department": 0}, 2, 0, "every attribute weighs 0: nothing to make groups diverse by"},
		{"SizeOne", header, rows, nil, 1, 0, "group size 1: want at least 2"},
		{"SizeAboveN", header, rows, nil, 4, 0, "group size 4 is more than the 3 people"},
		{"Fields", header, [][]string{{"a", "x", "1"}, {"b", "y"}}, nil, 2, 3, "want 3 fields (id,department,level), got 2"},
		{"MissingID", header, [][]string{{"a", "x", "1"}, {" ", "y", "1"}}, nil, 2, 3, "missing id"},
		{"DuplicateID", header, [][]string{{"a", "x", "1"}, {"b", "y", "1"}, {"a ", "z", "2"}}, nil, 2, 4, `id "a" already on line 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := DiversityFromPeople(tc.header, tc.rows, tc.weights, tc.size)
			var ce *CirclesError
			if c != nil || !errors.As(err, &ce) {
				t.Fatalf("got %v, %v", c, err)
			}
			if ce.Line != tc.line || ce.Msg != tc.msg {
				t.Errorf("line %d %q, want line %d %q", ce.Line, ce.Msg, tc.line, tc.msg)
			}
		})
	}
}

// TestCirclesFromPeople: 4 departments of 4 people each, in groups of 4.
// The best circles hold one person of each department, every pair
// differing: 4 groups × 6 pairs × weight 2.
func TestCirclesFromPeople(t *testing.T) {
	var rows [][]string
	for i := range 16 {
		rows = append(rows, []string{fmt.Sprintf("p%d", i), fmt.Sprintf("dept%d", i%4), fmt.Sprintf("org%d", i%2)})
	}
	c, err := DiversityFromPeople([]string{"name", "dept", "org"}, rows, map[string]float64{"dept": 2, "org": 0}, 4)
	if err != nil {
		t.Fatal(err)
	}
	g, err := SolveCircles(c, CircleOptions{Seed: 1, Iterations: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkGrouping(t, c, g)
	if g.Objective != 48 {
		t.Errorf("objective %v, want 48", g.Objective)
	}
	for k, members := range g.Members(4) {
		seen := map[string]bool{}
		for _, i := range members {
			seen[rows[i][1]] = true
		}
		if len(seen) != 4 {
			t.Errorf("circle %d: %v", k, members)
		}
	}
}
