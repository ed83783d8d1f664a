package store

import (
	"context"
	"fmt"
	"regexp"
)

// Anonymous answers (ballots, feedback, survey responses) must not keep the
// order they came in. SQLite tables made WITHOUT ROWID hold rows in key
// order and carry nothing else; a PostgreSQL heap holds rows in the order
// they were written, each stamped with the transaction that wrote it
// (xmin), so a feature rewrites them all in the transaction that adds one.

// identifier is what RewriteInOrder accepts as a table or column list: it
// is spliced into SQL, so only names, commas and spaces.
var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]*(, ?[a-z_][a-z0-9_]*)*$`)

// RewriteInOrder writes the rows of table that match where (with args)
// again, in orderBy order, in one statement: afterwards they all carry this
// transaction's id and sit in the heap in that order, so neither tells when
// each was first written. On SQLite it does nothing: WITHOUT ROWID tables
// need none of it. table and orderBy are names from the caller's code,
// never input; where uses ? placeholders.
func (t *Tx) RewriteInOrder(ctx context.Context, table, where, orderBy string, args ...any) error {
	if t.Dialect != Postgres {
		return nil
	}
	if !identifier.MatchString(table) || !identifier.MatchString(orderBy) {
		return fmt.Errorf("store: rewrite %q ordered by %q: not plain names", table, orderBy)
	}
	_, err := t.Exec(ctx, `WITH old AS (DELETE FROM `+table+` WHERE `+where+` RETURNING *)
		INSERT INTO `+table+` SELECT * FROM old ORDER BY `+orderBy, args...)
	return err
}
