package decision

// Shared ballot helpers of the fixture (helpers_test.go): names stay
// stable, as every area's tests use them.

import (
	"context"
	"testing"
)

// reasonFor is "because" when decision id's rules need a reason for c,
// and "" otherwise (reasons "off" refuses one).
func (f *fixture) reasonFor(t testing.TB, id int64, c Choice) string {
	t.Helper()
	var row struct {
		Reasons Reasons `db:"reasons"`
		Method  Method  `db:"method"`
	}
	if err := f.DB.Get(context.Background(), &row, "SELECT reasons, method FROM decisions WHERE id = ?", id); err != nil {
		return ""
	}
	switch row.Reasons {
	case ReasonsRequired:
		return "because"
	case ReasonsObjections:
		mi, _ := Lookup(row.Method)
		if p, found := mi.PositionOf(c.Position); found && p.Objection {
			return "because"
		}
	}
	return ""
}

// inputFor is a decision by method m on options (none for position
// methods), closing at testCloses, with every other field at its default.
func inputFor(m Method, options ...string) DecisionInput {
	in := DecisionInput{Method: m, Question: "Shall we?", ClosesAt: testCloses}
	for _, o := range options {
		in.Options = append(in.Options, OptionInput{Label: o})
	}
	return in
}

// pos is a position ballot.
func pos(key string) Choice { return Choice{Position: key} }

// one is a single-choice ballot for the option at position p.
func one(p int) Choice { return Choice{Option: &p} }

// marks is a marks ballot (approvals, scores, dots), in option order.
func marks(m ...int64) Choice { return Choice{Marks: m} }

// ranks is a ranked ballot: the rank of each option, in option order.
func ranks(r ...int) Choice { return Choice{Ranks: r} }
