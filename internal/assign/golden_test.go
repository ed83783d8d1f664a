package assign

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The golden instances under testdata/lsa/NAME/ were solved by scipy's
// linear_sum_assignment on the capacity-expanded matrix and checked by an LP
// and, up to 7 mentees, by exhaustive search: testdata/gen/lsa.py writes them
// (run it with Debian's python3-scipy when an instance changes, and say so in
// the commit). The Go tests read only the files, so CI needs no Python.

// lsaGolden mirrors testdata/lsa/NAME/golden.json.
type lsaGolden struct {
	Name      string `json:"name"`
	Note      string `json:"note"`
	Mentees   int    `json:"mentees"`
	Mentors   int    `json:"mentors"`
	Seats     int    `json:"seats"`
	Pairs     int    `json:"pairs"`
	Fixed     int    `json:"fixed"`
	Forbidden int    `json:"forbidden"`
	// TotalMicro is the optimum in micro-units; Total is the same figure as
	// the decimal the CLI prints, kept as its text so no float rounds it.
	TotalMicro json.Number `json:"total_micro"`
	Total      json.Number `json:"total"`
	// Matched counts the mentees matched by Assignment; ties and zero
	// scores let other optimal assignments match anywhere from MatchedMin
	// to MatchedMax.
	Matched    int       `json:"matched"`
	MatchedMin int       `json:"matched_min"`
	MatchedMax int       `json:"matched_max"`
	Assignment []lsaPair `json:"assignment"`
	Unmatched  []string  `json:"unmatched"`
	CheckedBy  []string  `json:"checked_by"`
}

// lsaPair is one matched pair of the golden assignment.
type lsaPair struct {
	Mentee     string `json:"mentee"`
	Mentor     string `json:"mentor"`
	ScoreMicro int64  `json:"score_micro"`
}

// lsaCase is one golden instance: the paths to hand to ParseProblem and the
// optimum its solution must reach.
type lsaCase struct {
	Name string
	// Scores and Capacities always exist; Fixed and Forbid are "" when the
	// instance has no such file.
	Scores, Capacities, Fixed, Forbid string
	// Total is the optimal total score in micro-units (decimal × 10^6).
	Total  int64
	Golden lsaGolden
}

// loadLSA reads testdata/lsa/name/golden.json and finds the instance's files.
func loadLSA(t testing.TB, name string) lsaCase {
	t.Helper()
	dir := filepath.Join("testdata", "lsa", name)
	data, err := os.ReadFile(filepath.Join(dir, "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var g lsaGolden
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("%s/golden.json: %v", name, err)
	}
	total, err := strconv.ParseInt(g.TotalMicro.String(), 10, 64)
	if err != nil {
		t.Fatalf("%s/golden.json: total_micro %q is not an integer", name, g.TotalMicro)
	}
	c := lsaCase{Name: name, Total: total, Golden: g,
		Scores:     filepath.Join(dir, "scores.csv"),
		Capacities: filepath.Join(dir, "capacities.csv"),
	}
	if g.Fixed > 0 {
		c.Fixed = filepath.Join(dir, "fixed.csv")
	}
	if g.Forbidden > 0 {
		c.Forbid = filepath.Join(dir, "forbid.csv")
	}
	return c
}

// lsaNames lists the golden instances, sorted.
func lsaNames() []string {
	entries, _ := os.ReadDir(filepath.Join("testdata", "lsa"))
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names
}

// openLSA opens the case's files for ParseProblem; fixed and forbid are nil
// (a nil io.Reader, not a nil *os.File) when the case has none. The files
// close when the test ends.
func openLSA(t testing.TB, c lsaCase) (scores, capacities, fixed, forbid io.Reader) {
	t.Helper()
	open := func(path string) io.Reader {
		if path == "" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	return open(c.Scores), open(c.Capacities), open(c.Fixed), open(c.Forbid)
}

// formatMicro writes v micro-units with six decimals, as lsa.py writes the
// decimal total.
func formatMicro(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%06d", sign, v/1e6, v%1e6)
}

// readRows reads a golden CSV (never quoted, always a header) without the
// package's parser, so this check does not lean on the code it tests.
func readRows(t testing.TB, path, header string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != header {
		t.Fatalf("%s: header is not %q", path, header)
	}
	return rows[1:]
}

// TestGoldenLSA checks that the golden set is well formed: every case has
// its files, integer totals that agree with the decimal ones, and a golden
// assignment that is feasible and scores the total. Optimality is the
// solver tests' business.
func TestGoldenLSA(t *testing.T) {
	names := lsaNames()
	if len(names) < 40 {
		t.Fatalf("found %d golden instances; run testdata/gen/lsa.py", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			c := loadLSA(t, name)
			g := c.Golden
			if g.Name != name {
				t.Errorf("golden.json names %q", g.Name)
			}
			if g.Total.String() != formatMicro(c.Total) {
				t.Errorf("total %s, total_micro %d", g.Total, c.Total)
			}
			for file, want := range map[string]bool{"fixed.csv": g.Fixed > 0, "forbid.csv": g.Forbidden > 0} {
				_, err := os.Stat(filepath.Join("testdata", "lsa", name, file))
				if have := err == nil; have != want || (err != nil && !errors.Is(err, fs.ErrNotExist)) {
					t.Errorf("%s: present %v, golden says %v (%v)", file, have, want, err)
				}
			}
			checkLSAFeasible(t, c)
		})
	}
}

// checkLSAFeasible checks the golden assignment against the case's CSV files.
func checkLSAFeasible(t *testing.T, c lsaCase) {
	g := c.Golden
	score := map[[2]string]int64{}
	mentees := map[string]bool{}
	for _, r := range readRows(t, c.Scores, "mentee,mentor,score") {
		f, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatalf("scores.csv: %v", err)
		}
		// Scores stay below 10^4, so a float carries every micro-unit.
		score[[2]string{r[0], r[1]}] = int64(math.Round(f * 1e6))
		mentees[r[0]] = true
	}
	capacity := map[string]int{}
	seats := 0
	for _, r := range readRows(t, c.Capacities, "mentor,capacity") {
		n, err := strconv.Atoi(r[1])
		if err != nil || n < 1 {
			t.Fatalf("capacities.csv: capacity %q", r[1])
		}
		capacity[r[0]] = n
		seats += n
	}
	if len(score) != g.Pairs || len(mentees) != g.Mentees || len(capacity) != g.Mentors || seats != g.Seats {
		t.Errorf("%d pairs, %d mentees, %d mentors, %d seats; golden %d, %d, %d, %d",
			len(score), len(mentees), len(capacity), seats, g.Pairs, g.Mentees, g.Mentors, g.Seats)
	}
	var fixed, forbid [][]string
	if c.Fixed != "" {
		fixed = readRows(t, c.Fixed, "mentee,mentor")
	}
	if c.Forbid != "" {
		forbid = readRows(t, c.Forbid, "mentee,mentor")
	}
	if len(fixed) != g.Fixed || len(forbid) != g.Forbidden {
		t.Errorf("%d fixed, %d forbidden; golden %d, %d", len(fixed), len(forbid), g.Fixed, g.Forbidden)
	}
	forbidden := map[[2]string]bool{}
	for _, r := range forbid {
		forbidden[[2]string{r[0], r[1]}] = true
	}

	mentor := map[string]string{}
	load := map[string]int{}
	var total int64
	for _, p := range g.Assignment {
		key := [2]string{p.Mentee, p.Mentor}
		s, listed := score[key]
		switch {
		case !listed || forbidden[key]:
			t.Errorf("%s-%s: not an allowed pair", p.Mentee, p.Mentor)
		case s != p.ScoreMicro:
			t.Errorf("%s-%s: score %d, scores.csv has %d", p.Mentee, p.Mentor, p.ScoreMicro, s)
		case mentor[p.Mentee] != "":
			t.Errorf("%s matched twice", p.Mentee)
		}
		mentor[p.Mentee] = p.Mentor
		load[p.Mentor]++
		total += p.ScoreMicro
	}
	for m, n := range load {
		if n > capacity[m] {
			t.Errorf("%s takes %d mentees, capacity %d", m, n, capacity[m])
		}
	}
	for _, r := range fixed {
		if mentor[r[0]] != r[1] {
			t.Errorf("fixed pair %s-%s not in the assignment", r[0], r[1])
		}
	}
	for _, e := range g.Unmatched {
		if mentor[e] != "" || !mentees[e] {
			t.Errorf("unmatched %q is matched or unknown", e)
		}
	}
	if total != c.Total {
		t.Errorf("assignment scores %d, golden total %d", total, c.Total)
	}
	if n := len(g.Assignment); n != g.Matched || n+len(g.Unmatched) != g.Mentees || n < g.MatchedMin || n > g.MatchedMax {
		t.Errorf("%d matched, %d unmatched; golden %d of %d, optimal range %d-%d",
			n, len(g.Unmatched), g.Matched, g.Mentees, g.MatchedMin, g.MatchedMax)
	}
}
