package payreview

import (
	"math"
	"os"
	"strings"
	"testing"
)

// glassdoorMapping reads the committed Glassdoor sample as the reference's
// last model does.
var glassdoorMapping = Mapping{
	Fields:      map[string]string{"base_pay": "BasePay", "variable_pay": "Bonus", "category": "JobTitle"},
	Controls:    []string{"PerfEval", "Age", "Education", "Dept", "Seniority", "JobTitle"},
	Categorical: map[string]bool{"Education": true, "Dept": true, "JobTitle": true},
	Bands:       map[string][]float64{"Age": {25, 35, 45, 55}},
}

func readGlassdoor(t testing.TB, m Mapping) *Dataset {
	t.Helper()
	f, err := os.Open("testdata/glassdoor-pay-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Read(f, m)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fitted is the pooled model of the reference's last model.
func fitted(t *testing.T) (*Dataset, *model) {
	t.Helper()
	d := readGlassdoor(t, glassdoorMapping)
	m, err := fitModel(d, logPay(d), twoGroupRows(d, nil))
	if err != nil {
		t.Fatal(err)
	}
	return d, m
}

// TestReviewGlassdoor checks the engine's own figures against the
// reference (../shared/data/README.md); the command's test checks the same
// through its JSON.
func TestReviewGlassdoor(t *testing.T) {
	rep, err := Review(readGlassdoor(t, glassdoorMapping), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	a, dec, rem := rep.Adjusted, rep.Decomposition, rep.Remediation
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"coefficient", a.Coefficient, -0.01094, 5e-6}, {"SE", a.StdError, 0.00925, 5e-6},
		{"p", *a.PValue, 0.2368, 5e-5}, {"HC1", a.RobustStdError, 0.00920, 5e-6}, {"R²", *a.RSquared, 0.7977, 5e-5},
		{"total", dec.Total, 0.09532, 5e-6}, {"explained", dec.Explained, 0.08437, 5e-6}, {"unexplained", dec.Unexplained, 0.01094, 5e-6},
		{"raises", float64(rem.Raises), 49, 0}, {"cost", *rem.Cost, 221533.9, 0.05},
		{"greedy raises", float64(rem.GreedyRaises), 38, 0}, {"greedy cost", *rem.GreedyCost, 221894, 0.5},
		{"uniform", *rem.UniformRaisePct, 1.100, 5e-4}, {"uniform cost", *rem.UniformCost, 463223, 0.5},
		{"gap_pct", a.GapPct, -math.Expm1(a.Coefficient) * 100, 0},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s: %v, reference %v", c.name, c.got, c.want)
		}
	}
	var parts float64
	for _, p := range dec.ByControl {
		parts += p.Explained
	}
	if math.Abs(parts-dec.Explained) > 1e-15 || len(dec.ByControl) != 6 {
		t.Errorf("parts by control %v sum to %g, explained %g", dec.ByControl, parts, dec.Explained)
	}
	if math.Abs(rem.AchievedCoefficient) > 1e-12 {
		t.Errorf("refitted with the raises, the coefficient is %g", rem.AchievedCoefficient)
	}
	if len(rep.Outliers) == 0 || math.Abs(rep.Outliers[0].StudentizedResidual) < math.Abs(rep.Outliers[len(rep.Outliers)-1].StudentizedResidual) {
		t.Errorf("outliers not largest first: %v", rep.Outliers)
	}
	for _, o := range rep.Outliers {
		if math.Abs(o.StudentizedResidual) <= OutlierLimit {
			t.Fatalf("%+v is not beyond the limit", o)
		}
	}
	if rep.Method.MinGroup != 5 || rep.Method.CapPct != 10 || rep.Method.Bands["Age"] == nil {
		t.Errorf("method %+v", rep.Method)
	}
}

// TestReviewCategoryModels: a category that is published gets its own
// adjusted gap; with a minimum group larger than its women it is withheld
// and gets none.
func TestReviewCategoryModels(t *testing.T) {
	rep, err := Review(readGlassdoor(t, glassdoorMapping), Options{MinGroup: 10, Cap: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range rep.Categories {
		switch {
		case c.Category == "Software Engineer": // 8 women
			if !c.Withheld || c.Adjusted != nil {
				t.Errorf("Software Engineer: withheld %v, adjusted %+v", c.Withheld, c.Adjusted)
			}
		case !c.Withheld:
			if c.Adjusted == nil || c.Adjusted.N != c.Men+c.Women {
				t.Errorf("%s: adjusted %+v (note %q)", c.Category, c.Adjusted, c.AdjustedNote)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("no category was fitted")
	}
}

func TestReviewOptions(t *testing.T) {
	d := readGlassdoor(t, Mapping{Fields: map[string]string{"base_pay": "BasePay"}})
	for _, c := range []struct {
		name string
		o    Options
		want string
	}{
		{"ErrMinGroup", Options{MinGroup: 2, Cap: 0.1}, "the minimum group size is 2; it may not be below 3"},
		{"ErrCap", Options{MinGroup: 5, Cap: 0}, "the cap on a raise is 0%"},
		{"ErrTarget", Options{MinGroup: 5, Cap: 0.1, Target: math.NaN()}, "the target coefficient must be a number"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Review(d, c.o); err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestReviewTooFewForModel: with fewer women than the minimum group there
// is no model at all, and the report says what was withheld.
func TestReviewTooFewForModel(t *testing.T) {
	csv := "id,gender,pay\n1,M,100\n2,M,110\n3,M,120\n4,F,90\n5,F,95\n6,M,130\n7,F,100\n"
	d, err := Read(strings.NewReader(csv), Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Review(d, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Adjusted != nil || rep.Remediation != nil || len(rep.Outliers) != 0 {
		t.Fatalf("a model on 3 women: %+v", rep.Adjusted)
	}
	found := false
	for _, w := range rep.Withheld {
		found = found || strings.HasPrefix(w.Figure, "adjusted gap")
	}
	if !found {
		t.Fatalf("withheld %+v does not name the adjusted gap", rep.Withheld)
	}
}

// TestReviewExactFit: everyone of a gender on one rate leaves no residual;
// the gap is exact and there is no test of it, rather than a t of ±Inf.
func TestReviewExactFit(t *testing.T) {
	csv := "gender,pay\nM,100\nM,100\nM,100\nM,100\nM,100\nF,90\nF,90\nF,90\nF,90\nF,90\n"
	d, err := Read(strings.NewReader(csv), Mapping{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Review(d, Options{MinGroup: 5, Cap: 0.2}) // 10% cannot close a gap of 10% of men's pay (11.1% of women's)
	if err != nil {
		t.Fatal(err)
	}
	a := rep.Adjusted
	if a.T != nil || a.PValue != nil || a.Note == "" || math.Abs(a.GapPct-10) > 1e-12 || a.RSquared == nil || *a.RSquared != 1 {
		t.Fatalf("%+v", a)
	}
	if len(rep.Outliers) != 0 || rep.Remediation.Raises != 5 || math.Abs(rep.Remediation.AchievedCoefficient) > 1e-12 {
		t.Fatalf("outliers %v, remediation %+v", rep.Outliers, rep.Remediation)
	}
}
