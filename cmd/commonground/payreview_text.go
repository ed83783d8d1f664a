package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"commonground/internal/payreview"
)

// payListed is how many outliers and raises the text and HTML reports show;
// --format json has them all.
const payListed = 20

func payJSON(w *bytes.Buffer, rep *payreview.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// pct prints a percentage, or "—" for a figure left out: withheld, or
// undefined (a gap over a men's figure of 0); the list at the end of the
// report says which and why.
func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64) + "%"
}

// optional prints a figure that may be undefined, or "undefined".
func optional(v *float64, format string) string {
	if v == nil {
		return "undefined"
	}
	return fmt.Sprintf(format, *v)
}

// money prints an amount with thousands separators and two decimals.
func money(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}

func count(n int) string {
	s := money(float64(n))
	return s[:len(s)-3]
}

// payText writes the plain-text report.
func payText(w *bytes.Buffer, rep *payreview.Report, input string) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("Pay equity review of %s\n", input)
	p("%s employees: %s men, %s women", count(rep.Employees), count(rep.Men), count(rep.Women))
	if rep.Others > 0 {
		p(", %s of another gender (counted, not in the two-group figures)", count(rep.Others))
	}
	p(".\nHow pay was read: %s.\nMinimum group size: %d.\n", rep.PayBasis, rep.MinGroup)
	p("\nGender pay gap, (men − women) / men: positive when women are paid less\n")
	p("  %-38s %10s %10s\n", "", "mean", "median")
	p("  %-38s %10s %10s\n", "pay", pct(rep.Pay.MeanGapPct), pct(rep.Pay.MedianGapPct))
	if rep.TotalPay != nil {
		p("  %-38s %10s %10s\n", "total pay (basic + variable)", pct(rep.TotalPay.MeanGapPct), pct(rep.TotalPay.MedianGapPct))
	}
	if v := rep.VariablePay; v != nil {
		p("  %-38s %10s %10s\n", "variable pay, everyone", pct(v.MeanGapPct), pct(v.MedianGapPct))
		p("  %-38s %10s %10s\n", "variable pay, those who received any", pct(v.Receivers.MeanGapPct), pct(v.Receivers.MedianGapPct))
		p("  receiving variable pay: men %s, women %s\n", pct(v.ShareReceivingPct.Men), pct(v.ShareReceivingPct.Women))
	}
	p("\nPay quartiles, lower first (the UK method)\n")
	for _, q := range rep.Quartiles {
		p("  %-14s %6d employees   women %8s   men %8s\n", q.Band, q.Employees, pct(q.WomenPct), pct(q.MenPct))
	}
	payTextCategories(w, rep)
	payTextAdjusted(w, rep)
	payTextRemediation(w, rep)
	if len(rep.Withheld) > 0 {
		p("\nLeft out (— above): withheld, because fewer than %d people of a gender stand behind them or they would\n", rep.MinGroup)
		p("reveal such a figure; or undefined, a gap over a men's figure of 0\n")
		for _, h := range rep.Withheld {
			p("  %s: %s (%s)\n", h.Figure, h.Reason, h.Kind)
		}
	}
	p("\nMethod (docs/payreview.md): the gaps compare the means and medians of men and women. The adjusted\n")
	p("gap is the coefficient b of women in an OLS of log pay on gender and the controls (men the base;\n")
	p("categorical controls by treatment coding, the first level in sorted order the base), shown as a\n")
	p("percentage −(e^b − 1) × 100. The remediation is the exact optimum of the cost of raises.\n")
}

func payTextCategories(w *bytes.Buffer, rep *payreview.Report) {
	if len(rep.Categories) == 0 {
		return
	}
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("\nBy %s (EU Art. 9(1)(g)); ! marks the Art. 10 test: mean total pay differs by 5%% or more\n", rep.CategoryOf)
	variable := rep.VariablePay != nil
	p("  %-26s %6s %6s %10s %10s", "category", "men", "women", "mean", "median")
	if variable {
		p(" %10s %10s", "var. mean", "var. med.")
	}
	p(" %11s %11s\n", "total mean", "adjusted")
	for _, c := range rep.Categories {
		flag := " "
		if c.Flag {
			flag = "!"
		}
		adj := "—"
		if c.Adjusted != nil {
			adj = strconv.FormatFloat(c.Adjusted.GapPct, 'f', 2, 64) + "%"
		}
		name := c.Category
		if len([]rune(name)) > 26 {
			name = string([]rune(name)[:25]) + "…"
		}
		p("%s %-26s %6d %6d %10s %10s", flag, name, c.Men, c.Women, pct(c.MeanGapPct), pct(c.MedianGapPct))
		if variable {
			p(" %10s %10s", pct(c.VariableMeanGapPct), pct(c.VariableMedianGapPct))
		}
		p(" %11s %11s\n", pct(c.TotalMeanGapPct), adj)
		if c.AdjustedNote != "" {
			p("    adjusted: %s\n", c.AdjustedNote)
		}
	}
}

func payTextAdjusted(w *bytes.Buffer, rep *payreview.Report) {
	a := rep.Adjusted
	if a == nil {
		return
	}
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	controls := "no controls"
	if len(a.Controls) > 0 {
		controls = strings.Join(a.Controls, ", ")
	}
	p("\nAdjusted gap: log pay on gender and %s; %s employees, %d coefficients, R² %s\n", controls, count(a.N), a.Coefficients, optional(a.RSquared, "%.4f"))
	p("  coefficient of women %.5f, standard error %.5f (robust HC1 %.5f), t %s, p %s\n",
		a.Coefficient, a.StdError, a.RobustStdError, optional(a.T, "%.2f"), optional(a.PValue, "%.4g"))
	if a.Note != "" {
		p("  note: %s\n", a.Note)
	}
	p("  95%% confidence interval %.5f to %.5f; gap after controls %.2f%%\n", a.CILow, a.CIHigh, a.GapPct)
	if d := rep.Decomposition; d != nil {
		p("\nDecomposition (two-fold Oaxaca–Blinder, pooled model with the gender indicator)\n")
		p("  difference in mean log pay, men − women: %.5f = explained %.5f + unexplained %.5f\n", d.Total, d.Explained, d.Unexplained)
		for _, c := range d.ByControl {
			p("    explained by %-24s %9.5f\n", c.Control, c.Explained)
		}
	}
	p("\nOutliers: %s employees with |externally studentised residual| > %d", count(len(rep.Outliers)), payreview.OutlierLimit)
	if len(rep.Outliers) > payListed {
		p("; the %d largest (--format json lists all)", payListed)
	}
	p("\n")
	for i, o := range rep.Outliers {
		if i == payListed {
			break
		}
		p("  %-14s line %-8d %-6s %7.3f\n", o.ID, o.Line, o.Gender, o.StudentizedResidual)
	}
}

func payTextRemediation(w *bytes.Buffer, rep *payreview.Report) {
	r := rep.Remediation
	if r == nil {
		return
	}
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("\nRemediation: raises for %s, at most %g%% each, to bring the coefficient to %g\n", r.Group, r.CapPct, r.Target)
	switch {
	case !r.Reachable:
		p("  not reachable: even every useful raise at the cap falls short; raise the cap\n")
	case r.Raises == 0:
		p("  none needed: the coefficient is at the target already\n")
	default:
		p("  cheapest (exact optimum): %s raises costing %s; refitted, the coefficient is %.2e\n", count(r.Raises), money(*r.Cost), r.AchievedCoefficient)
		p("  greedy by influence per unit of pay, for comparison: %s raises costing %s\n", count(r.GreedyRaises), money(*r.GreedyCost))
	}
	if r.UniformRaisePct != nil {
		p("  the same raise for all %s: %.3f%% each, costing %s\n", r.Group, *r.UniformRaisePct, money(*r.UniformCost))
	}
	if len(r.Plan) > 0 {
		p("  plan, largest raises first")
		if len(r.Plan) > payListed {
			p(" (the first %d; --format json lists all)", payListed)
		}
		p("\n")
		for i, x := range r.Plan {
			if i == payListed {
				break
			}
			p("    %-14s line %-8d %7.3f%%  %14s\n", x.ID, x.Line, x.RaisePct, money(x.Amount))
		}
	}
}
