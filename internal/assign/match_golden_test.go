package assign

import "testing"

// TestSolveMatchesScipy: every golden instance (scipy's
// linear_sum_assignment on the capacity-expanded matrix, also checked by a
// linear program and, when small, exhaustively) is read by ParseProblem and
// solved to the same optimum, with a certificate that checks.
func TestSolveMatchesScipy(t *testing.T) {
	names := lsaNames()
	if len(names) < 40 {
		t.Fatalf("only %d golden instances", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			c := loadLSA(t, name)
			p, err := ParseProblem(openLSA(t, c))
			if err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(p)
			if err != nil {
				t.Fatal(err)
			}
			if sol.Total != c.Total {
				t.Fatalf("total %d, scipy %d", sol.Total, c.Total)
			}
			if sol.Matched < c.Golden.MatchedMin || sol.Matched > c.Golden.MatchedMax {
				t.Fatalf("%d matched; optimal assignments match %d to %d", sol.Matched, c.Golden.MatchedMin, c.Golden.MatchedMax)
			}
			if err := Certify(p, sol); err != nil {
				t.Fatal(err)
			}
		})
	}
}
