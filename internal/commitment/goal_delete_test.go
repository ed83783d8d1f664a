package commitment

import (
	"testing"

	"commonground/internal/measure"
)

// TestGoalDeleteFoldsCounts: deleting a goal moves its board counts to "no
// goal" in the same transaction, later transitions count there, and a new
// goal starts from nothing even where SQLite gives it the deleted one's id.
func TestGoalDeleteFoldsCounts(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.M.BeforeGoalDelete = append(f.M.BeforeGoalDelete, f.S.BeforeGoalDelete)
		g, err := f.M.CreateGoal(ctxOf(f.Steward), f.Steward, measure.GoalInput{Title: "Short-lived"})
		if err != nil {
			t.Fatal(err)
		}
		in := promise(f.B, "Bring the van")
		in.GoalID = g.ID
		c := f.commit(t, f.A, in)
		f.move(t, f.B, c.ID, Accept)
		if err := f.M.DeleteGoal(ctxOf(f.Steward), f.Steward, g.ID); err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{"0/accepted": 1}
		same(t, "after the delete", f.boardCounts(t), want)
		f.move(t, f.B, c.ID, Confirm)
		same(t, "after keeping it", f.boardCounts(t), map[string]int64{"0/kept": 1})
		g2, err := f.M.CreateGoal(ctxOf(f.Steward), f.Steward, measure.GoalInput{Title: "Next"})
		if err != nil {
			t.Fatal(err)
		}
		for k := range f.boardCounts(t) {
			if k != "0/kept" {
				t.Errorf("goal %d (new) or another has counts: %s", g2.ID, k)
			}
		}
	})
}
