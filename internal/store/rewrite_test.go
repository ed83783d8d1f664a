package store_test

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestRewriteInOrder writes rows in one order, each in its own
// transaction, and checks that after the rewrite the heap holds them in key
// order under a single transaction id, and that other rows are untouched.
func TestRewriteInOrder(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	write := func(q string, args ...any) {
		t.Helper()
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, q, args...); return err }); err != nil {
			t.Fatal(err)
		}
	}
	write(`CREATE TABLE rewrite_probe (grp INTEGER NOT NULL, id TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (grp, id))`)
	for _, id := range []string{"d", "b", "e", "a", "c"} { // the order of "voting"
		write(`INSERT INTO rewrite_probe (grp, id, note) VALUES (1, ?, ?)`, id, "n-"+id)
	}
	write(`INSERT INTO rewrite_probe (grp, id, note) VALUES (2, 'z', 'other')`)
	var otherBefore string
	if err := db.Get(ctx, &otherBefore, `SELECT xmin::text FROM rewrite_probe WHERE grp = 2`); err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, func(tx *store.Tx) error {
		return tx.RewriteInOrder(ctx, "rewrite_probe", "grp = ?", "id", 1)
	}); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID   string `db:"id"`
		Note string `db:"note"`
		Xmin string `db:"xmin"`
	}
	if err := db.Select(ctx, &rows, `SELECT id, note, xmin::text AS xmin FROM rewrite_probe WHERE grp = 1 ORDER BY ctid`); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
		if r.Note != "n-"+r.ID || r.Xmin != rows[0].Xmin {
			t.Errorf("row %+v: want note n-%s and xmin %s", r, r.ID, rows[0].Xmin)
		}
	}
	if got := strings.Join(ids, ""); got != "abcde" {
		t.Errorf("heap order %q, want abcde", got)
	}
	var otherAfter string
	if err := db.Get(ctx, &otherAfter, `SELECT xmin::text FROM rewrite_probe WHERE grp = 2`); err != nil {
		t.Fatal(err)
	}
	if otherAfter != otherBefore {
		t.Errorf("a row outside the rewrite was written again (xmin %s, was %s)", otherAfter, otherBefore)
	}
	err := db.Write(ctx, func(tx *store.Tx) error {
		return tx.RewriteInOrder(ctx, "rewrite_probe; DROP TABLE users", "grp = ?", "id", 1)
	})
	if err == nil || !strings.Contains(err.Error(), "not plain names") {
		t.Errorf("a table name that is not a name: %v, want refused", err)
	}
}
