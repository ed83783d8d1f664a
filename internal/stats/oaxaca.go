package stats

import "fmt"

// TwoFold is the two-fold Oaxaca–Blinder decomposition of the difference in
// mean y between the rows where a 0/1 indicator is 0 (group A) and where it
// is 1 (group B), with the pooled model that includes the indicator as the
// reference (Jann 2008; statsmodels' OaxacaBlinder.two_fold):
//
//	ȳ_A − ȳ_B = (x̄_A − x̄_B)ᵀβ* + unexplained
//
// where β* are the pooled coefficients without the indicator's. Because
// least-squares residuals average zero within each level of an included
// 0/1 column, the unexplained part equals minus the indicator's
// coefficient.
type TwoFold struct {
	Total, Explained, Unexplained float64
	// Parts are each column's share of Explained, in the fit's column
	// order; the intercept's and the indicator's are 0.
	Parts []float64
}

// TwoFold decomposes by the named 0/1 term of the fit, which must be a
// numeric term in the design.
func (f *Fit) TwoFold(y []float64, indicator string) (*TwoFold, error) {
	g := f.Index(indicator)
	if g < 0 {
		return nil, fmt.Errorf("stats: no column %q in the model", indicator)
	}
	term := f.lay.termOf[g]
	if term < 0 || f.design.Terms[term].factor() {
		return nil, fmt.Errorf("stats: %q is not a numeric 0/1 column", indicator)
	}
	ind := f.design.Terms[term].Values
	k := f.K
	// sums per group of every column and of y, centred like the fit
	var sum [2][]float64
	var ysum [2]float64
	var count [2]float64
	sum[0], sum[1] = make([]float64, k), make([]float64, k)
	w := f.design.rowWidth()
	idx, val := make([]int32, w), make([]float64, w)
	for p := range f.N {
		r := f.at(p)
		grp := 0
		switch ind[r] {
		case 0:
		case 1:
			grp = 1
		default:
			return nil, fmt.Errorf("stats: %q is %v on row %d, not 0 or 1", indicator, ind[r], r)
		}
		count[grp]++
		ysum[grp] += y[r]
		m := f.lay.row(f.design, r, idx, val)
		for a := range m {
			sum[grp][idx[a]] += val[a]
		}
	}
	if count[0] == 0 || count[1] == 0 {
		return nil, fmt.Errorf("stats: %q takes one value only; there is nothing to decompose", indicator)
	}
	out := &TwoFold{Total: ysum[0]/count[0] - ysum[1]/count[1], Parts: make([]float64, k)}
	for j := 1; j < k; j++ {
		if j == g {
			continue
		}
		out.Parts[j] = (sum[0][j]/count[0] - sum[1][j]/count[1]) * f.Coef[j]
		out.Explained += out.Parts[j]
	}
	out.Unexplained = out.Total - out.Explained
	return out, nil
}
