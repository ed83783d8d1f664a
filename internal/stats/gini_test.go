package stats

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestGiniByHand checks values worked out on paper from the pairwise
// definition Σ|xᵢ−xⱼ| / (2n²x̄).
func TestGiniByHand(t *testing.T) {
	cases := []struct {
		name string
		x    []float64
		want float64
	}{
		{"empty", nil, 0},
		{"one person", []float64{5}, 0},
		{"all zero", []float64{0, 0, 0}, 0},
		{"all equal", []float64{4, 4, 4, 4}, 0},
		// one of four holds everything: (n−1)/n
		{"one of four", []float64{0, 1, 0, 0}, 0.75},
		// pairs 1-2, 1-3, 2-3 differ by 1, 2, 1: 2·4 / (2·9·2) = 2/9
		{"one two three", []float64{3, 1, 2}, 2.0 / 9},
		// 0 and 10: 2·10 / (2·4·5) = 1/2
		{"two apart", []float64{10, 0}, 0.5},
		// differences 0,2,2 → 2·4 / (2·9·(8/3)) = 1/6
		{"two and one", []float64{2, 2, 4}, 1.0 / 6},
		{"negative total", []float64{-1, -2}, 0},
	}
	for _, c := range cases {
		if got := Gini(c.x); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("%s: Gini(%v) = %v, want %v", c.name, c.x, got, c.want)
		}
	}
}

// TestGiniKeepsInput: the caller's slice is not sorted in place.
func TestGiniKeepsInput(t *testing.T) {
	x := []float64{3, 1, 2}
	Gini(x)
	if x[0] != 3 || x[1] != 1 || x[2] != 2 {
		t.Fatalf("Gini reordered its input: %v", x)
	}
}

// TestGiniGolden compares with numpy's pairwise computation in
// testdata/gini/golden.json (written by testdata/gini/gen/gini.py).
func TestGiniGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "gini", "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Name string    `json:"name"`
			X    []float64 `json:"x"`
			Gini float64   `json:"gini"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 7 {
		t.Fatalf("golden file has %d cases, want 7", len(g.Cases))
	}
	for _, c := range g.Cases {
		// the two routes round differently in the last few bits
		if got := Gini(c.X); math.Abs(got-c.Gini) > 1e-13 {
			t.Errorf("%s: Gini = %.17g, numpy %.17g", c.Name, got, c.Gini)
		}
	}
}
