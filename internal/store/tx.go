package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Tx is a write transaction. Now is fixed when it begins, so every row it
// stamps agrees on the time and tests can set it.
type Tx struct {
	tx      *sqlx.Tx
	Now     time.Time
	Dialect Dialect
}

// Write runs fn in a transaction on the writer and commits if fn returns nil;
// otherwise nothing fn wrote is kept.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqltx, err := db.write.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqltx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqltx.Rollback()
			return
		}
		if cerr := sqltx.Commit(); cerr != nil {
			err = fmt.Errorf("store: commit: %w", cerr)
		}
	}()
	return fn(&Tx{tx: sqltx, Now: db.Now().UTC(), Dialect: db.Dialect})
}

// Get reads one row into dest.
func (t *Tx) Get(ctx context.Context, dest any, query string, args ...any) error {
	return t.tx.GetContext(ctx, dest, t.tx.Rebind(query), args...)
}

// Select reads rows into the slice dest.
func (t *Tx) Select(ctx context.Context, dest any, query string, args ...any) error {
	return t.tx.SelectContext(ctx, dest, t.tx.Rebind(query), args...)
}

// Exec runs a statement and returns how many rows it touched.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.tx.ExecContext(ctx, t.tx.Rebind(query), args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Insert runs an INSERT … RETURNING id (both dialects support RETURNING) and
// returns the new id.
func (t *Tx) Insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.tx.QueryRowxContext(ctx, t.tx.Rebind(query+" RETURNING id"), args...).Scan(&id)
	return id, err
}

// SQL returns the underlying transaction, for libraries that take a
// *sql.Tx (River enqueues jobs in the caller's transaction with it).
func (t *Tx) SQL() *sql.Tx { return t.tx.Tx }

// NotFound reports whether err means a query found no row.
func NotFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }
