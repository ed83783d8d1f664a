package commitment

import (
	"cmp"
	"context"
	"slices"

	"commonground/internal/store"
)

// partyTallies sums what one change adds to each party's ledger rows, so
// that a party counted twice (an organisation on both sides) is one upsert.
type partyTallies map[partyRef]tally

// add adds t to every party of ps.
func (m partyTallies) add(ps []partyRef, t tally) {
	for _, p := range ps {
		m[p] = m[p].plus(t)
	}
}

// sorted lists the parties by (kind, id). Upserting in this one order is
// what keeps two transactions touching the same two parties in opposite
// roles (A confirms B's promise while B confirms A's) from deadlocking on
// PostgreSQL: both lock the lower row first.
func (m partyTallies) sorted() []partyRef {
	out := make([]partyRef, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b partyRef) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id))
	})
	return out
}

// plus is t and o added field by field.
func (t tally) plus(o tally) tally {
	return tally{
		made: t.made + o.made, open: t.open + o.open,
		givenCount: t.givenCount + o.givenCount, givenMinutes: t.givenMinutes + o.givenMinutes,
		givenMoney: t.givenMoney + o.givenMoney, givenUnits: t.givenUnits + o.givenUnits,
		recvCount: t.recvCount + o.recvCount, recvMinutes: t.recvMinutes + o.recvMinutes,
		recvMoney: t.recvMoney + o.recvMoney, recvUnits: t.recvUnits + o.recvUnits,
		kept: t.kept + o.kept, keptOnTime: t.keptOnTime + o.keptOnTime,
		notKept: t.notKept + o.notKept, released: t.released + o.released,
	}
}

// owners are the member_id and organisation_id columns of p's rows: exactly
// one is set, so that the row goes when the member or organisation does
// (SQLite reuses ids, and a newcomer must not inherit a leaver's record).
func (p partyRef) owners() (member, org *int64) {
	id := p.id
	if p.kind == "member" {
		return &id, nil
	}
	return nil, &id
}

// writeLedger upserts every party's ledger row, in sorted order.
func (m partyTallies) writeLedger(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	for _, p := range m.sorted() {
		t := m[p]
		member, org := p.owners()
		// INSERT ... ON CONFLICT DO UPDATE reads the same on both databases.
		if _, err := tx.Exec(ctx, `INSERT INTO commitment_ledger (collective_id, party_kind, party_id, member_id,
			organisation_id, made, open_count, given_count, given_minutes, given_money, given_units, received_count,
			received_minutes, received_money, received_units, kept, kept_on_time, not_kept, released)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (collective_id, party_kind, party_id) DO UPDATE SET
			made = commitment_ledger.made + excluded.made, open_count = commitment_ledger.open_count + excluded.open_count,
			given_count = commitment_ledger.given_count + excluded.given_count,
			given_minutes = commitment_ledger.given_minutes + excluded.given_minutes,
			given_money = commitment_ledger.given_money + excluded.given_money,
			given_units = commitment_ledger.given_units + excluded.given_units,
			received_count = commitment_ledger.received_count + excluded.received_count,
			received_minutes = commitment_ledger.received_minutes + excluded.received_minutes,
			received_money = commitment_ledger.received_money + excluded.received_money,
			received_units = commitment_ledger.received_units + excluded.received_units,
			kept = commitment_ledger.kept + excluded.kept, kept_on_time = commitment_ledger.kept_on_time + excluded.kept_on_time,
			not_kept = commitment_ledger.not_kept + excluded.not_kept, released = commitment_ledger.released + excluded.released`,
			collectiveID, p.kind, p.id, member, org, t.made, t.open, t.givenCount, t.givenMinutes, t.givenMoney,
			t.givenUnits, t.recvCount, t.recvMinutes, t.recvMoney, t.recvUnits, t.kept, t.keptOnTime, t.notKept,
			t.released); err != nil {
			return err
		}
	}
	return nil
}

// writeMonths adds the given and received sums of every party to its row
// for month (YYYY-MM), in sorted order.
func (m partyTallies) writeMonths(ctx context.Context, tx *store.Tx, collectiveID int64, month string) error {
	for _, p := range m.sorted() {
		t := m[p]
		member, org := p.owners()
		if _, err := tx.Exec(ctx, `INSERT INTO commitment_ledger_months (collective_id, party_kind, party_id, member_id,
			organisation_id, month, given_count, given_minutes, given_money, given_units, received_count,
			received_minutes, received_money, received_units) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (collective_id, party_kind, party_id, month) DO UPDATE SET
			given_count = commitment_ledger_months.given_count + excluded.given_count,
			given_minutes = commitment_ledger_months.given_minutes + excluded.given_minutes,
			given_money = commitment_ledger_months.given_money + excluded.given_money,
			given_units = commitment_ledger_months.given_units + excluded.given_units,
			received_count = commitment_ledger_months.received_count + excluded.received_count,
			received_minutes = commitment_ledger_months.received_minutes + excluded.received_minutes,
			received_money = commitment_ledger_months.received_money + excluded.received_money,
			received_units = commitment_ledger_months.received_units + excluded.received_units`,
			collectiveID, p.kind, p.id, member, org, month, t.givenCount, t.givenMinutes, t.givenMoney, t.givenUnits,
			t.recvCount, t.recvMinutes, t.recvMoney, t.recvUnits); err != nil {
			return err
		}
	}
	return nil
}
