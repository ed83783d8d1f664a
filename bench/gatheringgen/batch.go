package main

import (
	"context"
	"strings"

	"commonground/internal/store"
)

// batch gathers rows for one multi-row INSERT: hundreds of rows a
// statement instead of one keep 300,000 answers within seconds.
type batch struct {
	tx    *store.Tx
	table string
	rows  [][]any
	n     int
}

func newBatch(tx *store.Tx, table string) *batch { return &batch{tx: tx, table: table} }

func (b *batch) add(ctx context.Context, row ...any) error {
	b.rows = append(b.rows, row)
	b.n++
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
