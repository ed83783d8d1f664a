package main

import (
	"context"
	"strings"

	"commonground/internal/store"
)

// readTally loads the counter tables of collective cid as they are.
func readTally(ctx context.Context, db *store.DB, cid int64) (*tally, error) {
	t := newTally()
	var ls []struct {
		Kind                                                                                            string `db:"party_kind"`
		ID                                                                                              int64  `db:"party_id"`
		Made, Open, GC, GMin, GMoney, GUnits, RC, RMin, RMoney, RUnits, Kept, OnTime, NotKept, Released int64
	}
	if err := db.Select(ctx, &ls, `SELECT party_kind, party_id, made, open_count AS open, given_count AS gc, given_minutes AS gmin,
		given_money AS gmoney, given_units AS gunits, received_count AS rc, received_minutes AS rmin, received_money AS rmoney,
		received_units AS runits, kept, kept_on_time AS ontime, not_kept AS notkept, released
		FROM commitment_ledger WHERE collective_id = ?`, cid); err != nil {
		return nil, err
	}
	for _, l := range ls {
		*t.row(party{l.Kind, l.ID}) = ledger{l.Made, l.Open, l.GC, l.GMin, l.GMoney, l.GUnits, l.RC, l.RMin, l.RMoney, l.RUnits,
			l.Kept, l.OnTime, l.NotKept, l.Released}
	}
	var ms []struct {
		Kind                                               string `db:"party_kind"`
		ID                                                 int64  `db:"party_id"`
		Month                                              string
		GC, GMin, GMoney, GUnits, RC, RMin, RMoney, RUnits int64
	}
	if err := db.Select(ctx, &ms, `SELECT party_kind, party_id, month, given_count AS gc, given_minutes AS gmin, given_money AS gmoney,
		given_units AS gunits, received_count AS rc, received_minutes AS rmin, received_money AS rmoney, received_units AS runits
		FROM commitment_ledger_months WHERE collective_id = ?`, cid); err != nil {
		return nil, err
	}
	for _, m := range ms {
		*t.month(party{m.Kind, m.ID}, m.Month) = [8]int64{m.GC, m.GMin, m.GMoney, m.GUnits, m.RC, m.RMin, m.RMoney, m.RUnits}
	}
	var ps []struct {
		C       int64 `db:"committer_member_id"`
		R       int64 `db:"recipient_member_id"`
		Kept    int64 `db:"kept"`
		NotKept int64 `db:"not_kept"`
	}
	if err := db.Select(ctx, &ps, `SELECT committer_member_id, recipient_member_id, kept, not_kept FROM commitment_pairs
		WHERE collective_id = ?`, cid); err != nil {
		return nil, err
	}
	for _, p := range ps {
		t.pairs[pairKey{p.C, p.R}] = &[2]int64{p.Kept, p.NotKept}
	}
	var cs []struct {
		Goal  int64  `db:"goal_id"`
		State string `db:"state"`
		N     int64  `db:"n"`
	}
	if err := db.Select(ctx, &cs, `SELECT goal_id, state, n FROM commitment_counts WHERE collective_id = ?`, cid); err != nil {
		return nil, err
	}
	for _, c := range cs {
		t.counts[countKey{c.Goal, c.State}] = c.N
	}
	return t, nil
}

// batch gathers rows for one multi-row INSERT (as bench/peoplegen does):
// hundreds of rows a statement instead of one keeps a million commitments
// within a minute or two.
type batch struct {
	tx    *store.Tx
	table string
	rows  [][]any
}

func newBatch(tx *store.Tx, table string) *batch { return &batch{tx: tx, table: table} }

func (b *batch) add(ctx context.Context, row ...any) error {
	b.rows = append(b.rows, row)
	// Both databases take this many placeholders: SQLite up to 32,766,
	// PostgreSQL up to 65,535; commitments have 25 columns.
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
