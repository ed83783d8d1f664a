// Package store opens the database (embedded SQLite or PostgreSQL), runs the
// embedded migrations and offers transactions that carry the current time.
// Queries are written once with ? placeholders and rebound for PostgreSQL;
// where the dialects differ, the caller picks a query by Dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

func init() {
	// sqlx knows "sqlite3" but not modernc's driver name.
	sqlx.BindDriver("sqlite", sqlx.QUESTION)
}

// Dialect names the database in use.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the application's database. On SQLite all writes go through one
// connection (SQLite allows one writer at a time; queuing in Go is cheaper
// than busy retries) while reads use a pool; on PostgreSQL both are one pool.
type DB struct {
	Dialect Dialect
	read    *sqlx.DB
	write   *sqlx.DB
	// Now gives the time stamped on every transaction; tests replace it.
	Now   func() time.Time
	stmts stmtCache
	dsn   string
}

// Open connects to dsn: a postgres:// or postgresql:// URL, otherwise a path
// to a SQLite file (created if missing).
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("store: no database given")
	}
	db := &DB{Now: func() time.Time { return time.Now().UTC() }, dsn: dsn}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		pool, err := sqlx.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		pool.SetMaxOpenConns(32)
		pool.SetMaxIdleConns(32)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		db.Dialect, db.read, db.write = Postgres, pool, pool
	} else {
		read, err := sqlx.Open("sqlite", sqliteDSN(dsn, false))
		if err != nil {
			return nil, err
		}
		read.SetMaxOpenConns(8)
		read.SetMaxIdleConns(8)
		read.SetConnMaxIdleTime(0)
		write, err := sqlx.Open("sqlite", sqliteDSN(dsn, true))
		if err != nil {
			read.Close()
			return nil, err
		}
		write.SetMaxOpenConns(1)
		write.SetMaxIdleConns(1)
		write.SetConnMaxIdleTime(0)
		db.Dialect, db.read, db.write = SQLite, read, write
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.write.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: cannot reach the database: %w", err)
	}
	return db, nil
}

func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	if writer {
		// BEGIN IMMEDIATE takes the write lock up front, so a transaction
		// never fails half-way when it upgrades from reading to writing.
		q.Set("_txlock", "immediate")
	} else {
		q.Set("_query_only", "1")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close releases both pools.
func (db *DB) Close() error {
	db.stmts.close()
	err := db.read.Close()
	if db.write != db.read {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// Writer returns the underlying pool that writes, for tools that need a
// *sql.DB (migrations, backups).
func (db *DB) Writer() *sql.DB { return db.write.DB }

// DSN returns what the database was opened with (a SQLite path or a
// postgres:// URL), for libraries that open their own pool (River on
// PostgreSQL uses pgx natively).
func (db *DB) DSN() string { return db.dsn }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Get runs a read query expected to return one row into dest.
func (db *DB) Get(ctx context.Context, dest any, query string, args ...any) error {
	if st := db.prepared(ctx, query); st != nil {
		return st.GetContext(ctx, dest, args...)
	}
	return db.read.GetContext(ctx, dest, db.read.Rebind(query), args...)
}

// Select runs a read query into the slice dest.
func (db *DB) Select(ctx context.Context, dest any, query string, args ...any) error {
	if st := db.prepared(ctx, query); st != nil {
		return st.SelectContext(ctx, dest, args...)
	}
	return db.read.SelectContext(ctx, dest, db.read.Rebind(query), args...)
}
