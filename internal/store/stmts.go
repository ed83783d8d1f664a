package store

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// maxStatements bounds the prepared-statement cache; queries past it run
// unprepared. The application's read queries number in the dozens.
const maxStatements = 512

// stmtCache keeps SQLite read statements prepared: parsing and planning the
// SQL is a sixth of a small query's cost on modernc's SQLite. PostgreSQL is
// left alone because pgx already caches its statements per connection.
type stmtCache struct {
	mu    sync.RWMutex
	stmts map[string]*sqlx.Stmt
}

// prepared returns the cached statement for query, preparing it on first
// use, or nil when the query should run unprepared.
func (db *DB) prepared(ctx context.Context, query string) *sqlx.Stmt {
	if db.Dialect != SQLite {
		return nil
	}
	c := &db.stmts
	c.mu.RLock()
	st, ok := c.stmts[query]
	c.mu.RUnlock()
	if ok {
		return st
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts) >= maxStatements {
		return nil
	}
	st, err := db.read.PreparexContext(ctx, query)
	if err != nil {
		return nil // let the unprepared path report the error
	}
	if c.stmts == nil {
		c.stmts = map[string]*sqlx.Stmt{}
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		_ = st.Close()
	}
	c.stmts = nil
}
