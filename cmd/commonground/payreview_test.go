package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// glassdoor is the public sample whose reference values (statsmodels and R)
// are in ../shared/data/README.md and docs/payreview.md.
const glassdoor = "../../internal/payreview/testdata/glassdoor-pay-sample.csv"

// glassdoorFull are the flags of the reference's last model.
var glassdoorFull = []string{"payreview", "--input", glassdoor, "--map", "BasePay=base_pay,Bonus=variable_pay",
	"--controls", "PerfEval,Age,Education,Dept,Seniority,JobTitle", "--categorical", "Education,Dept,JobTitle",
	"--bands", "Age=25,35,45,55", "--category", "JobTitle"}

// near says whether got rounds to want at the digits want is given to.
func near(got, want float64, digits int) bool {
	scale := math.Pow(10, float64(digits))
	return math.Round(got*scale) == math.Round(want*scale)
}

// TestPayReviewReference checks every reference value of the Glassdoor
// sample through the command's JSON, to the digits the reference gives.
func TestPayReviewReference(t *testing.T) {
	code, out, stderr := runCLI(t, "", append(glassdoorFull, "--format", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	type gap struct {
		Mean   float64 `json:"mean_gap_pct"`
		Median float64 `json:"median_gap_pct"`
	}
	var r struct {
		Employees, Men, Women int
		Pay                   gap
		TotalPay              gap `json:"total_pay"`
		VariablePay           gap `json:"variable_pay"`
		Quartiles             []struct {
			WomenPct float64 `json:"women_pct"`
		}
		Categories []struct {
			Category string
			Mean     float64 `json:"mean_gap_pct"`
			Total    float64 `json:"total_mean_gap_pct"`
			Flag     bool
		}
		Adjusted struct {
			Coefficient float64
			SE          float64 `json:"std_error"`
			HC1         float64 `json:"robust_std_error"`
			P           float64 `json:"p_value"`
			R2          float64 `json:"r_squared"`
		}
		Decomposition struct{ Total, Explained, Unexplained float64 }
		Remediation   struct {
			Raises       int
			Cost         float64
			Uniform      float64 `json:"uniform_raise_pct"`
			UniformCost  float64 `json:"uniform_cost"`
			GreedyRaises int     `json:"greedy_raises"`
			GreedyCost   float64 `json:"greedy_cost"`
			Achieved     float64 `json:"achieved_coefficient"`
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&r); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		digits    int
	}{
		{"employees", float64(r.Employees), 1000, 0}, {"men", float64(r.Men), 532, 0}, {"women", float64(r.Women), 468, 0},
		{"pay mean gap", r.Pay.Mean, 8.6481, 4}, {"pay median gap", r.Pay.Median, 8.4598, 4},
		{"bonus mean gap", r.VariablePay.Mean, -0.1993, 4}, {"bonus median gap", r.VariablePay.Median, -1.1187, 4},
		{"total mean gap", r.TotalPay.Mean, 8.1033, 4}, {"total median gap", r.TotalPay.Median, 8.1156, 4},
		{"coefficient", r.Adjusted.Coefficient, -0.01094, 5}, {"SE", r.Adjusted.SE, 0.00925, 5},
		{"p", r.Adjusted.P, 0.2368, 4}, {"HC1 SE", r.Adjusted.HC1, 0.00920, 5}, {"R²", r.Adjusted.R2, 0.7977, 4},
		{"decomposition total", r.Decomposition.Total, 0.09532, 5}, {"explained", r.Decomposition.Explained, 0.08437, 5},
		{"unexplained", r.Decomposition.Unexplained, 0.01094, 5},
		{"raises", float64(r.Remediation.Raises), 49, 0}, {"cost", r.Remediation.Cost, 221533.9, 1},
		{"greedy raises", float64(r.Remediation.GreedyRaises), 38, 0}, {"greedy cost", r.Remediation.GreedyCost, 221894, 0},
		{"uniform raise", r.Remediation.Uniform, 1.100, 3}, {"uniform cost", r.Remediation.UniformCost, 463223, 0},
		{"refitted coefficient", r.Remediation.Achieved, 0, 12},
	} {
		if !near(c.got, c.want, c.digits) {
			t.Errorf("%s: %v, reference %v", c.name, c.got, c.want)
		}
	}
	for i, want := range []float64{57.6, 47.6, 44.8, 37.2} {
		if i >= len(r.Quartiles) || !near(r.Quartiles[i].WomenPct, want, 1) {
			t.Errorf("quartile %d: %+v, reference %v%% women", i+1, r.Quartiles, want)
		}
	}
	mean := map[string]float64{"Data Scientist": -7.27, "Driver": 5.53, "Marketing Associate": 7.04, "Software Engineer": 10.97, "Warehouse Associate": -6.79}
	total := map[string]float64{"Data Scientist": -7.34, "Driver": 5.30, "Marketing Associate": 6.70, "Software Engineer": 10.52, "Warehouse Associate": -7.20}
	for _, c := range r.Categories {
		if want, ok := mean[c.Category]; ok != (math.Abs(c.Mean) >= 5) || ok && !near(c.Mean, want, 2) {
			t.Errorf("%s: mean gap %v, reference %v (listed %v)", c.Category, c.Mean, want, ok)
		}
		if want, ok := total[c.Category]; ok != c.Flag || ok && !near(c.Total, want, 2) {
			t.Errorf("%s: total gap %v flag %v, reference %v (flagged %v)", c.Category, c.Total, c.Flag, want, ok)
		}
	}
	if len(r.Categories) != 10 {
		t.Errorf("%d job titles, want 10", len(r.Categories))
	}
}

// TestPayReviewGolden keeps the three formats of one review under golden
// files: a change of wording or layout shows in review.
func TestPayReviewGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "html"} {
		t.Run(format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", append(glassdoorFull, "--format", format)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			ext := map[string]string{"text": "txt", "json": "json", "html": "html"}[format]
			checkGolden(t, filepath.Join("testdata", "payreview", "glassdoor."+ext), out, t.Name())
		})
	}
	// With a minimum group of 10, Software Engineer (8 women) is withheld,
	// and Marketing Associate with it so that it cannot be worked out.
	t.Run("withheld", func(t *testing.T) {
		code, out, stderr := runCLI(t, "", append(glassdoorFull, "--min-group", "10", "--cap", "5%")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		checkGolden(t, filepath.Join("testdata", "payreview", "glassdoor_min10.txt"), out, t.Name())
	})
}

// TestPayReviewErrors: each bad command line or file gets its message and
// no report.
func TestPayReviewErrors(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var rows strings.Builder
	rows.WriteString("id,gender,pay,years,months\n")
	for i := range 12 {
		g := []string{"M", "F"}[i%2]
		rows.WriteString(strings.Join([]string{string(rune('a' + i)), g, []string{"30000", "41000", "52000"}[i%3],
			[]string{"1", "2", "3", "5"}[i%4], []string{"12", "24", "36", "60"}[i%4]}, ",") + "\n")
	}
	collinear := file("collinear.csv", rows.String())
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoInput", []string{"payreview"}, "--input is required"},
		{"ErrFormat", []string{"payreview", "--input", glassdoor, "--format", "pdf"}, `--format "pdf": want text, json or html`},
		{"ErrMinGroup", []string{"payreview", "--input", glassdoor, "--min-group", "2"}, "--min-group 2: figures on fewer than 3 people"},
		{"ErrCap", []string{"payreview", "--input", glassdoor, "--cap", "ten"}, `--cap "ten": give the largest raise as a percentage`},
		{"ErrMapField", []string{"payreview", "--input", glassdoor, "--map", "BasePay=salary"}, `--map "BasePay=salary": want Column=field`},
		{"ErrCategoricalNotControl", []string{"payreview", "--input", glassdoor, "--categorical", "Dept"}, `--categorical "Dept": not in --controls`},
		{"ErrBandsOrder", []string{"payreview", "--input", glassdoor, "--controls", "Age", "--bands", "Age=35,25"}, "the cut points must go up"},
		{"ErrValues", []string{"payreview", "--input", glassdoor, "--values", "Gender:X=maybe"}, `--values "Gender:X=maybe": want Column:Code=men`},
		{"ErrCollinear", []string{"payreview", "--input", collinear, "--controls", "years,months"},
			`the controls are collinear: "months" is a combination of "years"; drop one of them from --controls`},
		{"ErrBandsTwice", []string{"payreview", "--input", glassdoor, "--controls", "Age", "--bands", "Age=30", "--bands", "Age=40,50"}, `--bands: "Age" is cut twice`},
		{"ErrValuesTwice", []string{"payreview", "--input", glassdoor, "--values", "Gender:M=women,Gender:M=men"}, "--values: Gender:M is given two meanings"},
		{"ErrMissingFile", []string{"payreview", "--input", filepath.Join(dir, "absent.csv")}, "no such file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", c.args...)
			if code == 0 || out != "" || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, output %q, error %q; want an error containing %q", code, out, stderr, c.want)
			}
		})
	}
}

// TestPayReviewExactFit: a file whose pay the model fits exactly still
// gives JSON (no NaN or Inf in it), with the test of the gap left out.
func TestPayReviewExactFit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "same.csv")
	body := "gender,pay\n" + strings.Repeat("M,100\n", 5) + strings.Repeat("F,90\n", 5)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "payreview", "--input", p, "--format", "json")
	if code != 0 || !strings.Contains(out, `"t": null`) || !strings.Contains(out, `"note": "gender and the controls fit log pay exactly`) {
		t.Fatalf("exit %d, %s\n%s", code, stderr, out)
	}
}
