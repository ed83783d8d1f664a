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
// million rows over its life). Each table is written back by one INSERT
// from arrays (unnest … WITH ORDINALITY, ordered), which PostgreSQL plans
// once whatever the number of ballots. Votes in one
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
	ids, hashes := make([]string, len(rows)), make([]string, len(rows))
	choices, reasons := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		ids[i], hashes[i], choices[i], reasons[i] = r.ID, r.ReceiptHash, r.Choice, r.Reason
	}
	if _, err := tx.Exec(ctx, `INSERT INTO anonymous_ballots (decision_id, id, receipt_hash, choice, reason)
		SELECT ?, id, receipt_hash, choice, reason
		FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS r(id, receipt_hash, choice, reason, n)
		ORDER BY n`, decisionID, ids, hashes, choices, reasons); err != nil {
		return err
	}
	if err := rewriteBlocks(ctx, tx, decisionID, changeBlocks); err != nil {
		return err
	}
	// The turnout rows go in member order: their heap order and xmin would
	// otherwise tell when each member voted.
	return tx.RewriteInOrder(ctx, "decision_turnout", "decision_id = ?", "member_id", decisionID)
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
	orgs, ids, choices := make([]int64, len(rows)), make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		orgs[i], ids[i], choices[i] = r.OrgID, r.ID, r.Choice
	}
	if _, err := tx.Exec(ctx, `INSERT INTO anonymous_blocks (decision_id, organisation_id, id, choice)
		SELECT ?, organisation_id, id, choice
		FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS r(organisation_id, id, choice, n)
		ORDER BY n`, decisionID, orgs, ids, choices); err != nil {
		return err
	}
	return nil
}
