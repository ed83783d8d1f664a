package decision

// PostgreSQL keeps a heap: rows sit in the order they were written, and
// each carries the id of the transaction that wrote it (xmin). Either would
// give away the order of voting, and so, next to the turnout, who cast
// which ballot. So every anonymous vote or replacement rewrites all of the
// decision's anonymous ballots, and its turnout rows, inside its own
// transaction: read them, delete them, insert them again in key order.
// Afterwards every row carries the same xmin and the heap holds them in
// key order (random ballot ids; member ids for turnout). Once VACUUM has
// freed the space of earlier rewrites, a rewrite may fill it first, so the
// heap holds runs in key order; where the runs fall depends on how many
// rows there are, never on who voted when, since every rewrite writes
// every row.
//
// The cost is O(ballots) rows written per anonymous vote on PostgreSQL
// (O(n²) over a whole decision: a 1,000-voter decision writes about half a
// million rows over its life, in batches of rewriteBatch). Votes in one
// decision queue on its row lock anyway, so the rewrite adds time, not
// conflicts. SQLite needs none of it: both tables are WITHOUT ROWID, so
// rows live in key order and carry nothing else.

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"commonground/internal/store"
)

// rewriteBatch is how many rows one INSERT writes: 5 parameters a ballot
// stays far below PostgreSQL's 65,535 per statement.
const rewriteBatch = 1000

// rewriteAnonymous applies change to the decision's stored ballots (read in
// key order) and changeBlocks to its organisations' rows, and writes both
// back in key order, with the decision's turnout rows in member order, all
// in tx. The caller writes the voter's turnout row before, so it is
// rewritten with the rest.
func rewriteAnonymous(ctx context.Context, tx *store.Tx, decisionID int64, change func([]anonRow) []anonRow,
	changeBlocks func([]blockRow) []blockRow) error {
	rows, err := readAnonymous(ctx, tx, decisionID)
	if err != nil {
		return err
	}
	rows = change(rows)
	slices.SortFunc(rows, func(a, b anonRow) int { return strings.Compare(a.ID, b.ID) })
	if _, err := tx.Exec(ctx, `DELETE FROM anonymous_ballots WHERE decision_id = ?`, decisionID); err != nil {
		return err
	}
	for start := 0; start < len(rows); start += rewriteBatch {
		batch := rows[start:min(start+rewriteBatch, len(rows))]
		args := make([]any, 0, 5*len(batch))
		for _, r := range batch {
			args = append(args, decisionID, r.ID, r.ReceiptHash, r.Choice, r.Reason)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO anonymous_ballots (decision_id, id, receipt_hash, choice, reason)
			VALUES `+rowPlaceholders(len(batch), 5), args...); err != nil {
			return err
		}
	}
	if err := rewriteBlocks(ctx, tx, decisionID, changeBlocks); err != nil {
		return err
	}
	return rewriteTurnout(ctx, tx, decisionID)
}

// rewriteBlocks does for the organisations' rows what rewriteAnonymous does
// for the ballots: a new row's place or xmin would otherwise tell which
// ballot, and so which voter, it came with.
func rewriteBlocks(ctx context.Context, tx *store.Tx, decisionID int64, change func([]blockRow) []blockRow) error {
	rows, err := readBlocks(ctx, tx, decisionID)
	if err != nil {
		return err
	}
	rows = change(rows)
	slices.SortFunc(rows, func(a, b blockRow) int {
		if a.OrgID != b.OrgID {
			return cmp.Compare(a.OrgID, b.OrgID)
		}
		return strings.Compare(a.ID, b.ID)
	})
	if _, err := tx.Exec(ctx, `DELETE FROM anonymous_blocks WHERE decision_id = ?`, decisionID); err != nil {
		return err
	}
	for start := 0; start < len(rows); start += rewriteBatch {
		batch := rows[start:min(start+rewriteBatch, len(rows))]
		args := make([]any, 0, 4*len(batch))
		for _, r := range batch {
			args = append(args, decisionID, r.OrgID, r.ID, r.Choice)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO anonymous_blocks (decision_id, organisation_id, id, choice)
			VALUES `+rowPlaceholders(len(batch), 4), args...); err != nil {
			return err
		}
	}
	return nil
}

// rewriteTurnout writes the decision's turnout rows again in member order,
// for the reason above: their heap order and xmin would otherwise tell when
// each member voted.
func rewriteTurnout(ctx context.Context, tx *store.Tx, decisionID int64) error {
	var members []int64
	if err := tx.Select(ctx, &members, `SELECT member_id FROM decision_turnout WHERE decision_id = ? ORDER BY member_id`,
		decisionID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM decision_turnout WHERE decision_id = ?`, decisionID); err != nil {
		return err
	}
	for start := 0; start < len(members); start += rewriteBatch {
		batch := members[start:min(start+rewriteBatch, len(members))]
		args := make([]any, 0, 2*len(batch))
		for _, m := range batch {
			args = append(args, decisionID, m)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO decision_turnout (decision_id, member_id) VALUES `+rowPlaceholders(len(batch), 2),
			args...); err != nil {
			return err
		}
	}
	return nil
}

// rowPlaceholders is "(?, ?), (?, ?)" for rows rows of cols columns.
func rowPlaceholders(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
