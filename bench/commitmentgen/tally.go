package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"commonground/internal/store"
)

// row is one commitment as the counters see it: the generator makes rows,
// and verify reads them back from the commitments table.
type row struct {
	Goal           int64      `db:"goal"`
	Committer      int64      `db:"committer"`
	CommitterOrg   int64      `db:"committer_org"`
	RecipientKind  string     `db:"recipient_kind"`
	RecipientID    int64      `db:"recipient_member"`
	RecipientOrgID int64      `db:"recipient_org"`
	Unit           string     `db:"size_unit"`
	Amount         int64      `db:"size_amount"`
	State          string     `db:"state"`
	OnTime         bool       `db:"on_time"`
	ClosedAt       *time.Time `db:"closed_at"`
}

// party is a ledger row's key.
type party struct {
	Kind string
	ID   int64
}

// ledger is one commitment_ledger row's counters, in the table's order.
type ledger [15]int64

// The ledger's columns, in the order of ledger's fields.
var ledgerCols = []string{"made", "open_count", "given_count", "given_minutes", "given_money", "given_units",
	"received_count", "received_minutes", "received_money", "received_units", "kept", "kept_on_time", "not_kept", "released"}

// monthKey is a commitment_ledger_months row's key.
type monthKey struct {
	party
	Month string
}

// pairKey is a commitment_pairs row's key.
type pairKey struct{ Committer, Recipient int64 }

// countKey is a commitment_counts row's key.
type countKey struct {
	Goal  int64
	State string
}

// tally gathers every counter a transition writes, computed from the
// final state of each commitment exactly as the transitions add them up
// (internal/commitment/ledger_write.go): made and open_count for the
// committer's side on creation; on kept given_* for the committer member
// and their organisation, received_* for the recipient member or
// organisation (none for the whole collective), kept and kept_on_time and
// the month of the day kept; not_kept and released for the committer's
// side; the pair (member to member) on kept and not kept; counts per goal
// and state.
type tally struct {
	ledger map[party]*ledger
	months map[monthKey]*[8]int64
	pairs  map[pairKey]*[2]int64
	counts map[countKey]int64
}

func newTally() *tally {
	return &tally{ledger: map[party]*ledger{}, months: map[monthKey]*[8]int64{}, pairs: map[pairKey]*[2]int64{}, counts: map[countKey]int64{}}
}

func (t *tally) row(p party) *ledger {
	l := t.ledger[p]
	if l == nil {
		l = &ledger{}
		t.ledger[p] = l
	}
	return l
}

func (t *tally) month(p party, m string) *[8]int64 {
	k := monthKey{p, m}
	v := t.months[k]
	if v == nil {
		v = &[8]int64{}
		t.months[k] = v
	}
	return v
}

// sizes is what a kept commitment adds to the count, minutes, money and
// units columns.
func sizes(r *row) [4]int64 {
	s := [4]int64{1, 0, 0, 0}
	switch r.Unit {
	case "hours":
		s[1] = r.Amount
	case "money":
		s[2] = r.Amount
	case "count":
		s[3] = r.Amount
	}
	return s
}

// add counts one commitment.
func (t *tally) add(r *row) {
	t.counts[countKey{r.Goal, r.State}]++
	givers := []party{{"member", r.Committer}}
	if r.CommitterOrg != 0 {
		givers = append(givers, party{"organisation", r.CommitterOrg})
	}
	var takers []party
	switch r.RecipientKind {
	case "member":
		takers = []party{{"member", r.RecipientID}}
	case "organisation":
		takers = []party{{"organisation", r.RecipientOrgID}}
	}
	for _, g := range givers {
		l := t.row(g)
		l[0]++
		switch r.State {
		case "proposed", "accepted", "in_progress":
			l[1]++
		case "not_kept":
			l[12]++
		case "released":
			l[13]++
		}
	}
	if r.State != "kept" && r.State != "not_kept" {
		return
	}
	if r.RecipientKind == "member" {
		p := t.pairs[pairKey{r.Committer, r.RecipientID}]
		if p == nil {
			p = &[2]int64{}
			t.pairs[pairKey{r.Committer, r.RecipientID}] = p
		}
		if r.State == "kept" {
			p[0]++
		} else {
			p[1]++
		}
	}
	if r.State != "kept" {
		return
	}
	s := sizes(r)
	m := ""
	if r.ClosedAt != nil {
		m = r.ClosedAt.UTC().Format("2006-01")
	}
	for _, g := range givers {
		l := t.row(g)
		l[10]++
		if r.OnTime {
			l[11]++
		}
		mo := t.month(g, m)
		for i := range 4 {
			l[2+i] += s[i]
			mo[i] += s[i]
		}
	}
	for _, k := range takers {
		l := t.row(k)
		mo := t.month(k, m)
		for i := range 4 {
			l[6+i] += s[i]
			mo[4+i] += s[i]
		}
	}
}

// write inserts every counter of collective cid in bulk.
func (t *tally) write(ctx context.Context, tx *store.Tx, cid int64) error {
	lb := newBatch(tx, "commitment_ledger (collective_id, party_kind, party_id, "+strings.Join(ledgerCols, ", ")+")")
	for _, p := range slices.SortedFunc(maps.Keys(t.ledger), cmpParty) {
		l := t.ledger[p]
		args := []any{cid, p.Kind, p.ID}
		for i := range ledgerCols {
			args = append(args, l[i])
		}
		if err := lb.add(ctx, args...); err != nil {
			return err
		}
	}
	mb := newBatch(tx, `commitment_ledger_months (collective_id, party_kind, party_id, month, given_count, given_minutes,
		given_money, given_units, received_count, received_minutes, received_money, received_units)`)
	for k, v := range t.months {
		if err := mb.add(ctx, cid, k.Kind, k.ID, k.Month, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]); err != nil {
			return err
		}
	}
	pb := newBatch(tx, "commitment_pairs (collective_id, committer_member_id, recipient_member_id, kept, not_kept)")
	for k, v := range t.pairs {
		if err := pb.add(ctx, cid, k.Committer, k.Recipient, v[0], v[1]); err != nil {
			return err
		}
	}
	cb := newBatch(tx, "commitment_counts (collective_id, goal_id, state, n)")
	for k, n := range t.counts {
		if err := cb.add(ctx, cid, k.Goal, k.State, n); err != nil {
			return err
		}
	}
	for _, b := range []*batch{lb, mb, pb, cb} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

func cmpParty(a, b party) int {
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return int(a.ID - b.ID)
}

// verify recomputes every counter of collective cid from its commitments
// and compares them with the tables, whoever wrote them (this generator,
// or the service's transitions in -replay): rows whose counters are all
// zero count as absent, since one writer may leave them and another not.
func verify(ctx context.Context, db *store.DB, cid int64) error {
	var rows []row
	if err := db.Select(ctx, &rows, `SELECT COALESCE(goal_id, 0) AS goal, COALESCE(committer_member_id, 0) AS committer,
		COALESCE(committer_org_id, 0) AS committer_org, recipient_kind, COALESCE(recipient_member_id, 0) AS recipient_member,
		COALESCE(recipient_org_id, 0) AS recipient_org, size_unit, size_amount, state, COALESCE(on_time, false) AS on_time,
		closed_at FROM commitments WHERE collective_id = ?`, cid); err != nil {
		return err
	}
	want := newTally()
	for i := range rows {
		want.add(&rows[i])
	}
	got, err := readTally(ctx, db, cid)
	if err != nil {
		return err
	}
	var bad []string
	diff := func(what string, w, g map[string]string) {
		for k, v := range w {
			if g[k] != v {
				bad = append(bad, fmt.Sprintf("%s %s: want %s, have %q", what, k, v, g[k]))
			}
		}
		for k, v := range g {
			if _, ok := w[k]; !ok {
				bad = append(bad, fmt.Sprintf("%s %s: want none, have %s", what, k, v))
			}
		}
	}
	w, g := want.flat(), got.flat()
	for _, what := range []string{"ledger", "month", "pair", "count"} {
		diff(what, w[what], g[what])
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return fmt.Errorf("%d counters disagree with the commitments, e.g.:\n  %s", len(bad), strings.Join(bad[:min(len(bad), 10)], "\n  "))
	}
	fmt.Printf("verified: %d commitments; %d ledger, %d month, %d pair and %d count rows agree\n",
		len(rows), len(w["ledger"]), len(w["month"]), len(w["pair"]), len(w["count"]))
	return nil
}

// flat turns the tally into text keyed by table, leaving out all-zero rows.
func (t *tally) flat() map[string]map[string]string {
	out := map[string]map[string]string{"ledger": {}, "month": {}, "pair": {}, "count": {}}
	put := func(table, key string, vals []int64) {
		for _, v := range vals {
			if v != 0 {
				out[table][key] = fmt.Sprint(vals)
				return
			}
		}
	}
	for k, v := range t.ledger {
		put("ledger", fmt.Sprint(k), v[:len(ledgerCols)])
	}
	for k, v := range t.months {
		put("month", fmt.Sprint(k), v[:])
	}
	for k, v := range t.pairs {
		put("pair", fmt.Sprint(k), v[:])
	}
	for k, v := range t.counts {
		put("count", fmt.Sprint(k), []int64{v})
	}
	return out
}
