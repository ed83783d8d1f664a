package payreview

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// The golden reports under testdata/statutory/ were computed by
// testdata/statutory/gen/statutory.py with pandas and exact fractions,
// independently of this package (rerun it when a case changes, and say so in
// the commit); the Go tests read only the files.

const glassdoorSHA = "7c06c1b15bde1c64e7895846ae39910871aa160ac048ed2ae09c0c01e33690d9"

// csvColumns maps the fields of a Dataset to the columns of a test file.
type csvColumns struct {
	id, gender, category, base, variable, hours string
}

// loadCSV reads testdata/name with a small reader for the test files only (the real reader is
// Read, written elsewhere): it trusts the files, which are committed.
func loadCSV(t testing.TB, name string, cols csvColumns) *Dataset {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{}
	for i, h := range rows[0] {
		at[h] = i
	}
	num := func(row []string, col string) float64 {
		v, err := strconv.ParseFloat(row[at[col]], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	d := &Dataset{CategoryOf: cols.category, Columns: map[string]string{"base_pay": cols.base}}
	cats := map[string]bool{}
	for _, row := range rows[1:] {
		if cols.category != "" {
			cats[row[at[cols.category]]] = true
		}
	}
	if cols.category != "" {
		for c := range cats {
			d.Categories = append(d.Categories, c)
		}
		slices.Sort(d.Categories)
	}
	for k, row := range rows[1:] {
		line := k + 2
		id := strconv.Itoa(line)
		if cols.id != "" {
			id = row[at[cols.id]]
		}
		d.IDs = append(d.IDs, id)
		d.Lines = append(d.Lines, line)
		switch row[at[cols.gender]] {
		case "Male", "M":
			d.Gender = append(d.Gender, Man)
		case "Female", "W":
			d.Gender = append(d.Gender, Woman)
		default:
			d.Gender = append(d.Gender, Other)
		}
		d.Base = append(d.Base, num(row, cols.base))
		if cols.variable != "" {
			d.Variable = append(d.Variable, num(row, cols.variable))
		}
		if cols.hours != "" {
			d.Hours = append(d.Hours, num(row, cols.hours))
		}
		if cols.category != "" {
			c, _ := slices.BinarySearch(d.Categories, row[at[cols.category]])
			d.Category = append(d.Category, int32(c))
		}
	}
	return d
}

func loadGlassdoor(t testing.TB) *Dataset {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "glassdoor-pay-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != glassdoorSHA {
		t.Fatal("testdata/glassdoor-pay-sample.csv is not the published sample")
	}
	return loadCSV(t, "glassdoor-pay-sample.csv", csvColumns{
		gender: "Gender", category: "JobTitle", base: "BasePay", variable: "Bonus"})
}

func loadSynthetic(t testing.TB) *Dataset {
	return loadCSV(t, filepath.Join("statutory", "synthetic.csv"), csvColumns{
		id: "id", gender: "gender", category: "category", base: "base", variable: "variable", hours: "hours"})
}

// TestGlassdoorReference checks the figures that ../shared/data/README.md
// gives for the public sample, to the digits it shows.
func TestGlassdoorReference(t *testing.T) {
	r := Statutory(loadGlassdoor(t), 5)
	if r.Employees != 1000 || r.Men != 532 || r.Women != 468 || r.Others != 0 {
		t.Fatalf("headcounts %d = %d men + %d women + %d others", r.Employees, r.Men, r.Women, r.Others)
	}
	round := func(p *float64, digits int) string {
		if p == nil {
			return "withheld"
		}
		return strconv.FormatFloat(*p, 'f', digits, 64)
	}
	for _, c := range []struct {
		name string
		got  *float64
		want string
	}{
		{"BasePay mean gap", r.Pay.MeanGapPct, "8.6481"},
		{"BasePay median gap", r.Pay.MedianGapPct, "8.4598"},
		{"Bonus mean gap", r.VariablePay.MeanGapPct, "-0.1993"},
		{"Bonus median gap", r.VariablePay.MedianGapPct, "-1.1187"},
		{"total mean gap", r.TotalPay.MeanGapPct, "8.1033"},
		{"total median gap", r.TotalPay.MedianGapPct, "8.1156"},
		// Everyone in the sample has a bonus, so the receivers' gaps are the
		// same and everyone receives one.
		{"Bonus mean gap, receivers", r.VariablePay.Receivers.MeanGapPct, "-0.1993"},
		{"Bonus median gap, receivers", r.VariablePay.Receivers.MedianGapPct, "-1.1187"},
		{"men receiving", r.VariablePay.ShareReceivingPct.Men, "100.0000"},
		{"women receiving", r.VariablePay.ShareReceivingPct.Women, "100.0000"},
	} {
		if got := round(c.got, 4); got != c.want {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
	for i, want := range []string{"57.6", "47.6", "44.8", "37.2"} {
		if got := round(r.Quartiles[i].WomenPct, 1); got != want {
			t.Errorf("quartile %s: %s%% women, want %s", r.Quartiles[i].Band, got, want)
		}
	}
	// The mean BasePay gaps of 5% or more either way, and the Art. 10
	// flags with their total pay gaps.
	basic := map[string]string{"Data Scientist": "-7.27", "Driver": "5.53", "Marketing Associate": "7.04",
		"Software Engineer": "10.97", "Warehouse Associate": "-6.79"}
	flagged := map[string]string{"Data Scientist": "-7.34", "Driver": "5.30", "Marketing Associate": "6.70",
		"Software Engineer": "10.52", "Warehouse Associate": "-7.20"}
	if len(r.Categories) != 10 || r.CategoryOf != "JobTitle" {
		t.Fatalf("%d categories of %q", len(r.Categories), r.CategoryOf)
	}
	for _, c := range r.Categories {
		if c.Withheld {
			t.Errorf("%s withheld", c.Category)
			continue
		}
		big := math.Abs(*c.MeanGapPct) >= 5
		if want, ok := basic[c.Category]; ok != big || (ok && round(c.MeanGapPct, 2) != want) {
			t.Errorf("%s: mean gap %s, want %q", c.Category, round(c.MeanGapPct, 2), want)
		}
		if want, ok := flagged[c.Category]; ok != c.Flag || (ok && round(c.TotalMeanGapPct, 2) != want) {
			t.Errorf("%s: flag %v, total gap %s, want %q", c.Category, c.Flag, round(c.TotalMeanGapPct, 2), want)
		}
	}
	if len(r.Withheld) != 0 {
		t.Errorf("withheld %v", r.Withheld)
	}
}

// statutoryGolden mirrors NAME.golden.json.
type statutoryGolden struct {
	Data   string `json:"data"`
	Report Report `json:"report"`
}

func TestStatutoryGolden(t *testing.T) {
	for _, name := range []string{"glassdoor-min5", "glassdoor-min10", "synthetic-min5", "synthetic-min3"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "statutory", name+".golden.json"))
			if err != nil {
				t.Fatal(err)
			}
			var g statutoryGolden
			if err := json.Unmarshal(data, &g); err != nil {
				t.Fatal(err)
			}
			var d *Dataset
			switch g.Data {
			case "glassdoor":
				d = loadGlassdoor(t)
			case "synthetic":
				d = loadSynthetic(t)
			default:
				t.Fatalf("unknown data %q", g.Data)
			}
			compareReports(t, Statutory(d, g.Report.MinGroup), &g.Report)
		})
	}
}

// compareReports compares the statutory part of two reports: counts
// exactly, figures to 1e-9 (pandas and this package add in different
// orders), withheld entries by figure and kind, in order.
func compareReports(t *testing.T, got, want *Report) {
	t.Helper()
	if got.Employees != want.Employees || got.Men != want.Men || got.Women != want.Women ||
		got.Others != want.Others || got.MinGroup != want.MinGroup {
		t.Errorf("counts %d/%d/%d/%d min %d, want %d/%d/%d/%d min %d",
			got.Employees, got.Men, got.Women, got.Others, got.MinGroup,
			want.Employees, want.Men, want.Women, want.Others, want.MinGroup)
	}
	f := func(what string, g, w *float64) {
		t.Helper()
		switch {
		case g == nil && w == nil:
		case g == nil || w == nil:
			t.Errorf("%s = %s, want %s", what, show(g), show(w))
		case math.Abs(*g-*w) > 1e-9:
			t.Errorf("%s = %.12g, want %.12g", what, *g, *w)
		}
	}
	gap := func(what string, g, w Gap) {
		t.Helper()
		f(what+" mean", g.MeanGapPct, w.MeanGapPct)
		f(what+" median", g.MedianGapPct, w.MedianGapPct)
	}
	gap("pay", got.Pay, want.Pay)
	if (got.TotalPay == nil) != (want.TotalPay == nil) || (got.VariablePay == nil) != (want.VariablePay == nil) {
		t.Fatalf("variable pay figures present: got %v %v", got.TotalPay != nil, got.VariablePay != nil)
	}
	if want.TotalPay != nil {
		gap("total", *got.TotalPay, *want.TotalPay)
		gv, wv := got.VariablePay, want.VariablePay
		gap("variable", Gap{gv.MeanGapPct, gv.MedianGapPct}, Gap{wv.MeanGapPct, wv.MedianGapPct})
		gap("receivers", gv.Receivers, wv.Receivers)
		f("men receiving", gv.ShareReceivingPct.Men, wv.ShareReceivingPct.Men)
		f("women receiving", gv.ShareReceivingPct.Women, wv.ShareReceivingPct.Women)
	}
	if len(got.Quartiles) != 4 {
		t.Fatalf("%d quartiles", len(got.Quartiles))
	}
	for b, w := range want.Quartiles {
		g := got.Quartiles[b]
		if g.Band != w.Band || g.Employees != w.Employees || math.Abs(g.Men-w.Men) > 1e-9 || math.Abs(g.Women-w.Women) > 1e-9 {
			t.Errorf("band %d: %+v, want %+v", b, g, w)
		}
		f(w.Band+" women %", g.WomenPct, w.WomenPct)
		f(w.Band+" men %", g.MenPct, w.MenPct)
	}
	if len(got.Categories) != len(want.Categories) || got.CategoryOf != want.CategoryOf {
		t.Fatalf("%d categories of %q, want %d of %q", len(got.Categories), got.CategoryOf, len(want.Categories), want.CategoryOf)
	}
	for i, w := range want.Categories {
		g := got.Categories[i]
		if g.Category != w.Category || g.Men != w.Men || g.Women != w.Women || g.Flag != w.Flag || g.Withheld != w.Withheld {
			t.Errorf("category %d: %s %d/%d flag %v withheld %v, want %s %d/%d flag %v withheld %v", i,
				g.Category, g.Men, g.Women, g.Flag, g.Withheld, w.Category, w.Men, w.Women, w.Flag, w.Withheld)
		}
		f(w.Category+" mean", g.MeanGapPct, w.MeanGapPct)
		f(w.Category+" median", g.MedianGapPct, w.MedianGapPct)
		f(w.Category+" variable mean", g.VariableMeanGapPct, w.VariableMeanGapPct)
		f(w.Category+" variable median", g.VariableMedianGapPct, w.VariableMedianGapPct)
		f(w.Category+" total mean", g.TotalMeanGapPct, w.TotalMeanGapPct)
	}
	if len(got.Withheld) != len(want.Withheld) {
		t.Fatalf("withheld %v, want %v", got.Withheld, want.Withheld)
	}
	for i, w := range want.Withheld {
		g := got.Withheld[i]
		if g.Figure != w.Figure || g.Kind != w.Kind || g.Reason == "" {
			t.Errorf("withheld %d: %+v, want %s (%s)", i, g, w.Figure, w.Kind)
		}
	}
}

func show(p *float64) string {
	if p == nil {
		return "withheld"
	}
	return fmt.Sprint(*p)
}
