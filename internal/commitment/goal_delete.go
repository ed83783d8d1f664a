package commitment

import (
	"context"

	"commonground/internal/store"
)

// BeforeGoalDelete folds a goal's board counts into "no goal" inside the
// transaction that deletes the goal (measure's hook; app wires it). Its
// commitments keep their states but lose the goal (the foreign key sets it
// NULL), so later transitions count them under goal 0; and SQLite may give
// the next goal the same id, which must not inherit these counts.
func (s *Service) BeforeGoalDelete(ctx context.Context, tx *store.Tx, collectiveID, goalID int64) error {
	if _, err := tx.Exec(ctx, `INSERT INTO commitment_counts (collective_id, goal_id, state, n)
		SELECT collective_id, 0, state, n FROM commitment_counts WHERE collective_id = ? AND goal_id = ?
		ON CONFLICT (collective_id, goal_id, state) DO UPDATE SET n = commitment_counts.n + excluded.n`,
		collectiveID, goalID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "DELETE FROM commitment_counts WHERE collective_id = ? AND goal_id = ?", collectiveID, goalID)
	return err
}
