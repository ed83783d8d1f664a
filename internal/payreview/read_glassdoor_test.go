package payreview

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// glassdoorCSV is the public sample of ../shared/data; the test skips
// without it.
const glassdoorCSV = "../../../shared/data/glassdoor-pay-sample.csv"

// glassdoorGolden is what testdata/read/gen_glassdoor.py counted with
// pandas.
type glassdoorGolden struct {
	SHA256   string `json:"sha256"`
	Rows     int    `json:"rows"`
	Men      int    `json:"men"`
	Women    int    `json:"women"`
	AgeBands struct {
		Labels []string `json:"labels"`
		Counts []int    `json:"counts"`
	} `json:"age_bands"`
	JobTitle, Education, Dept struct {
		Levels []string `json:"levels"`
		Counts []int    `json:"counts"`
	}
	Sums    map[string]float64 `json:"sums"`
	Sampled []struct {
		Line                                       int
		JobTitle, Gender, Education, Dept, AgeBand string
		Age                                        int
		PerfEval, Seniority, BasePay, Bonus        float64
	} `json:"rows_sampled"`
}

func TestReadGlassdoor(t *testing.T) {
	raw, err := os.ReadFile(glassdoorCSV)
	if err != nil {
		t.Skip("no " + glassdoorCSV)
	}
	var g glassdoorGolden
	gj, err := os.ReadFile("testdata/read/glassdoor.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gj, &g); err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != g.SHA256 {
		t.Fatalf("%s is not the file the golden was made from", glassdoorCSV)
	}
	m := Mapping{
		Fields:      map[string]string{"base_pay": "BasePay", "variable_pay": "Bonus", "category": "JobTitle"},
		Controls:    []string{"PerfEval", "Age", "Education", "Dept", "Seniority", "JobTitle"},
		Categorical: map[string]bool{"Education": true, "Dept": true, "JobTitle": true},
		Bands:       map[string][]float64{"Age": {25, 35, 45, 55}},
	}
	d, err := Read(strings.NewReader(string(raw)), m)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != g.Rows || len(d.IDs) != g.Rows || d.Hours != nil {
		t.Fatalf("%d rows (%d ids, hours %v), want %d and no hours", d.Len(), len(d.IDs), d.Hours != nil, g.Rows)
	}
	counts := map[Gender]int{}
	for _, x := range d.Gender {
		counts[x]++
	}
	if counts[Man] != g.Men || counts[Woman] != g.Women || counts[Other] != 0 {
		t.Errorf("genders %v, want %d men and %d women", counts, g.Men, g.Women)
	}
	wantCols := map[string]string{"gender": "Gender", "base_pay": "BasePay", "variable_pay": "Bonus", "category": "JobTitle"}
	if !reflect.DeepEqual(d.Columns, wantCols) {
		t.Errorf("columns %v, want %v", d.Columns, wantCols)
	}
	levelCounts := func(name string, c Control, levels []string, want []int) {
		t.Helper()
		if !reflect.DeepEqual(c.Levels, levels) {
			t.Errorf("%s levels %q, want %q", name, c.Levels, levels)
			return
		}
		got := make([]int, len(c.Levels))
		for _, k := range c.Codes {
			got[k]++
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s counts %v, want %v", name, got, want)
		}
	}
	byName := map[string]Control{}
	for _, c := range d.Controls {
		byName[c.Name] = c
	}
	levelCounts("age band", byName["Age"], g.AgeBands.Labels, g.AgeBands.Counts)
	levelCounts("Education", byName["Education"], g.Education.Levels, g.Education.Counts)
	levelCounts("Dept", byName["Dept"], g.Dept.Levels, g.Dept.Counts)
	levelCounts("JobTitle", byName["JobTitle"], g.JobTitle.Levels, g.JobTitle.Counts)
	levelCounts("category", Control{Levels: d.Categories, Codes: d.Category}, g.JobTitle.Levels, g.JobTitle.Counts)
	if !reflect.DeepEqual(byName["Age"].Banded, []float64{25, 35, 45, 55}) {
		t.Errorf("banded %v", byName["Age"].Banded)
	}
	sum := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s
	}
	for name, x := range map[string][]float64{"BasePay": d.Base, "Bonus": d.Variable,
		"PerfEval": byName["PerfEval"].Numeric, "Seniority": byName["Seniority"].Numeric} {
		if got := sum(x); math.Abs(got-g.Sums[name]) > 1e-6 {
			t.Errorf("sum of %s %v, want %v", name, got, g.Sums[name])
		}
	}
	for _, r := range g.Sampled {
		i := r.Line - 2
		if d.Lines[i] != r.Line || d.IDs[i] != strconv.Itoa(r.Line) { // no id column: the line is the id
			t.Errorf("row %d: line %d, id %q", i, d.Lines[i], d.IDs[i])
		}
		wantG := map[string]Gender{"Male": Man, "Female": Woman}[r.Gender]
		if d.Gender[i] != wantG || d.Base[i] != r.BasePay || d.Variable[i] != r.Bonus ||
			d.Categories[d.Category[i]] != r.JobTitle ||
			byName["Age"].Levels[byName["Age"].Codes[i]] != r.AgeBand ||
			byName["Education"].Levels[byName["Education"].Codes[i]] != r.Education ||
			byName["Dept"].Levels[byName["Dept"].Codes[i]] != r.Dept ||
			byName["PerfEval"].Numeric[i] != r.PerfEval || byName["Seniority"].Numeric[i] != r.Seniority {
			t.Errorf("line %d read differently from %+v", r.Line, r)
		}
	}

	// the same file without a mapping finds BasePay and Bonus by name
	d2, err := Read(strings.NewReader(string(raw)), Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d2.Base, d.Base) || !reflect.DeepEqual(d2.Variable, d.Variable) ||
		d2.Columns["base_pay"] != "BasePay" || d2.Columns["variable_pay"] != "Bonus" {
		t.Errorf("automatic columns %v", d2.Columns)
	}
}
