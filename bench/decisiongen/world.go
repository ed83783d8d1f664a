package main

import (
	"context"
	"strings"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/store"
)

// voter is a member who may vote (any role besides observer only).
type voter struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// world is the bench collective as the generator writes into it.
type world struct {
	CID     int64
	Voters  []voter // in member id order
	Steward *collective.Access
	Ctx     context.Context // the steward signed in
	S       *decision.Service
}

// loadWorld reads the seeded members who may vote and the steward's
// access, through which the decisions are made.
func loadWorld(ctx context.Context, db *store.DB, res *seed.Result) (*world, error) {
	w := &world{CID: res.CollectiveID}
	if err := db.Select(ctx, &w.Voters, `SELECT m.id AS id, u.name AS name FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.collective_id = ? AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer')
		ORDER BY m.id`, w.CID); err != nil {
		return nil, err
	}
	col := &collective.Service{DB: db}
	w.S = &decision.Service{DB: db, Collectives: col}
	w.Ctx = auth.WithUser(ctx, &auth.User{ID: res.StewardUserID, Name: seed.StewardName})
	a, err := col.Access(w.Ctx, seed.Slug)
	if err != nil {
		return nil, err
	}
	w.Steward = a
	return w, nil
}

// batch gathers rows for one multi-row INSERT: hundreds of rows a
// statement instead of one keep 100,000 ballots within seconds.
type batch struct {
	tx    *store.Tx
	table string
	rows  [][]any
}

func newBatch(tx *store.Tx, table string) *batch { return &batch{tx: tx, table: table} }

func (b *batch) add(ctx context.Context, row ...any) error {
	b.rows = append(b.rows, row)
	// Both databases take this many placeholders (SQLite 32,766,
	// PostgreSQL 65,535).
	if len(b.rows)*len(row) >= 10_000 {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.rows) == 0 {
		return nil
	}
	place := "(?" + strings.Repeat(", ?", len(b.rows[0])-1) + ")"
	var sb strings.Builder
	args := make([]any, 0, len(b.rows)*len(b.rows[0]))
	sb.WriteString("INSERT INTO " + b.table + " VALUES ")
	for i, r := range b.rows {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(place)
		args = append(args, r...)
	}
	b.rows = b.rows[:0]
	_, err := b.tx.Exec(ctx, sb.String(), args...)
	return err
}
