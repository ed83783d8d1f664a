package decision

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// addCounts writes power counters straight through addPower, so these
// tests do not depend on which events the core counts.
func (f *fixture) addCounts(t testing.TB, a *collective.Access, month string, d PowerDelta) {
	t.Helper()
	at, err := time.Parse("2006-01", month)
	if err != nil {
		t.Fatal(err)
	}
	at = at.Add(36 * time.Hour) // any time inside the month
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		return addPower(context.Background(), tx, f.Coll.ID, a.MemberID, at, d)
	}))
}

// powerData is the set of counters the power tests read:
//
//	A         2026-11 proposals 3, votes 2, objections 1, decisive 1
//	A         2026-09 proposals 1 and votes 1, in two calls (the upsert adds)
//	B         2026-11 proposals 1, votes 4
//	C         2026-10 votes 3
//	Steward   2025-01 proposals 2 (outside a 12-month window)
//	Observer  2026-11 proposals 5, votes 1 (observers are not counted, but
//	          a month's votes are everyone's)
func (f *fixture) powerData(t *testing.T) {
	t.Helper()
	f.addCounts(t, f.A, "2026-11", PowerDelta{Proposals: 3, Votes: 2, Objections: 1, Decisive: 1})
	f.addCounts(t, f.A, "2026-09", PowerDelta{Proposals: 1})
	f.addCounts(t, f.A, "2026-09", PowerDelta{Votes: 1})
	f.addCounts(t, f.B, "2026-11", PowerDelta{Proposals: 1, Votes: 4})
	f.addCounts(t, f.C, "2026-10", PowerDelta{Votes: 3})
	f.addCounts(t, f.Steward, "2025-01", PowerDelta{Proposals: 2})
	f.addCounts(t, f.Observer, "2026-11", PowerDelta{Proposals: 5, Votes: 1})
}

// near fails unless got is within 1e-12 of want.
func near(t testing.TB, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

func TestAddPowerUpserts(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.powerData(t)
		var rows []powerCount
		ok(t, f.DB.Select(context.Background(), &rows, `SELECT member_id, month, proposals, votes, objections,
			decisive_objections FROM power_counts WHERE member_id = ? ORDER BY month`, f.A.MemberID))
		same(t, "A's counters", rows, []powerCount{
			{MemberID: f.A.MemberID, Month: "2026-09", Proposals: 1, Votes: 1},
			{MemberID: f.A.MemberID, Month: "2026-11", Proposals: 3, Votes: 2, Objections: 1, Decisive: 1}})
		same(t, "sums kept", f.powerSums(t), f.rebuiltSums(t))
		var total powerCount
		ok(t, f.DB.Get(context.Background(), &total, `SELECT member_id, '' AS month, proposals, votes, objections,
			decisive_objections FROM power_totals WHERE member_id = ?`, f.A.MemberID))
		same(t, "A's total", total, powerCount{MemberID: f.A.MemberID, Proposals: 4, Votes: 3, Objections: 1, Decisive: 1})
		var month powerCount
		ok(t, f.DB.Get(context.Background(), &month, `SELECT 0 AS member_id, month, proposals, votes, objections,
			decisive_objections FROM power_months WHERE month = '2026-11'`))
		same(t, "2026-11, everyone's", month, powerCount{Month: "2026-11", Proposals: 9, Votes: 7, Objections: 1, Decisive: 1})
	})
}

// powerSum is a row of power_totals or power_months.
type powerSum struct {
	Key        string `db:"k"`
	Proposals  int64  `db:"proposals"`
	Votes      int64  `db:"votes"`
	Objections int64  `db:"objections"`
	Decisive   int64  `db:"decisive_objections"`
}

// powerSums reads the kept sums: every member's total, then every month's.
func (f *fixture) powerSums(t testing.TB) []powerSum {
	t.Helper()
	var rows []powerSum
	ok(t, f.DB.Select(context.Background(), &rows, `SELECT CAST(member_id AS TEXT) AS k, proposals, votes, objections,
		decisive_objections FROM power_totals ORDER BY member_id`))
	var months []powerSum
	ok(t, f.DB.Select(context.Background(), &months, `SELECT month AS k, proposals, votes, objections, decisive_objections
		FROM power_months ORDER BY month`))
	return append(rows, months...)
}

// rebuiltSums is what rebuildPowerSums makes of the counters (rolled back).
func (f *fixture) rebuiltSums(t testing.TB) []powerSum {
	t.Helper()
	var out []powerSum
	rollback := errors.New("rollback")
	err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
		if err := rebuildPowerSums(context.Background(), tx, f.Coll.ID); err != nil {
			return err
		}
		var rows, months []powerSum
		if err := tx.Select(context.Background(), &rows, `SELECT CAST(member_id AS TEXT) AS k, proposals, votes, objections,
			decisive_objections FROM power_totals ORDER BY member_id`); err != nil {
			return err
		}
		if err := tx.Select(context.Background(), &months, `SELECT month AS k, proposals, votes, objections,
			decisive_objections FROM power_months ORDER BY month`); err != nil {
			return err
		}
		out = append(rows, months...)
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	return out
}

// TestAddPowerBatch: the batched upsert adds like addPower, over more
// members than one statement takes, and skips empty deltas.
func TestAddPowerBatch(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.addCounts(t, f.A, "2026-11", PowerDelta{Votes: 2})
		var ids []int64
		for i := range powerBatch + 5 {
			ids = append(ids, f.addMember(t, f.Coll, f.user(t, fmt.Sprintf("Batch %03d", i)), "member"))
		}
		deltas := map[int64]*PowerDelta{f.A.MemberID: {Votes: 1, Objections: 1, Decisive: 1}, f.B.MemberID: {}}
		for _, id := range ids {
			deltas[id] = &PowerDelta{Votes: 1}
		}
		ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
			return addPowerBatch(ctx, tx, f.Coll.ID, testStart, deltas)
		}))
		same(t, "rows", f.count(t, "SELECT count(*) FROM power_counts"), powerBatch+6)
		same(t, "votes", f.count(t, "SELECT sum(votes) FROM power_counts"), powerBatch+5+3)
		var a powerCount
		ok(t, f.DB.Get(ctx, &a, `SELECT member_id, month, proposals, votes, objections, decisive_objections
			FROM power_counts WHERE member_id = ?`, f.A.MemberID))
		same(t, "A", a, powerCount{MemberID: f.A.MemberID, Month: "2026-11", Votes: 3, Objections: 1, Decisive: 1})
		same(t, "B, whose delta was empty", f.count(t, "SELECT count(*) FROM power_counts WHERE member_id = ?", f.B.MemberID), 0)
		same(t, "sums kept", f.powerSums(t), f.rebuiltSums(t))
		same(t, "month", f.count(t, "SELECT votes FROM power_months"), powerBatch+5+3)
		ok(t, f.DB.Write(ctx, func(tx *store.Tx) error { // nothing to add: nothing written
			return addPowerBatch(ctx, tx, f.Coll.ID, testStart, map[int64]*PowerDelta{f.C.MemberID: {}})
		}))
		same(t, "after an empty batch", f.count(t, "SELECT count(*) FROM power_totals WHERE member_id = ?", f.C.MemberID), 0)
	})
}

func TestPowerAllTime(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.powerData(t)
		p, err := f.S.Power(ctxOf(f.C), f.C, PowerQuery{})
		ok(t, err)
		row := func(a *collective.Access, props, votes, obj, dec int64) PowerRow {
			return PowerRow{ID: a.MemberID, Name: a.User.Name, Proposals: props, Votes: votes, Objections: obj, Decisive: dec}
		}
		// Most proposals first, then most votes, then by name.
		same(t, "people", p.People, []PowerRow{row(f.A, 4, 3, 1, 1), row(f.Steward, 2, 0, 0, 0), row(f.B, 1, 4, 0, 0),
			row(f.C, 0, 3, 0, 0), row(f.D, 0, 0, 0, 0), row(f.E, 0, 0, 0, 0), row(f.Facilitator, 0, 0, 0, 0)})
		same(t, "organisations", p.Organisations, []PowerRow{
			{ID: f.OrgA.ID, Name: "Food Bank", Proposals: 5, Votes: 7, Objections: 1, Decisive: 1},
			{ID: f.OrgB.ID, Name: "Library", Votes: 3}})
		same(t, "totals", []int64{int64(p.Members), p.Proposals, p.Votes, p.Objections, p.Decisive}, []int64{7, 7, 10, 1, 1})
		// proposals [4 2 1 0 0 0 0]: Σ(2i−n−1)x over the ascending order
		// = 2·1 + 4·2 + 6·4 = 34, over n·total = 49
		near(t, "proposals Gini", p.ProposalsGini, 34.0/49)
		// votes [4 3 3 0 0 0 0]: 2·3 + 4·3 + 6·4 = 42 over 70
		near(t, "votes Gini", p.VotesGini, 0.6)
		// A's 4 of 7 proposals is at least half
		same(t, "half count", p.HalfCount, 1)
		near(t, "half share", p.HalfShare, 1.0/7)
		if len(p.Months) != 23 || p.Months[0].Month != "2025-01" || p.Months[22].Month != "2026-11" {
			t.Fatalf("months %d from %s: want the 23 months 2025-01 to 2026-11", len(p.Months), p.Months[0].Month)
		}
		same(t, "2025-02, a month with nothing", p.Months[1], PowerMonth{Month: "2025-02"})
		same(t, "2025-01", p.Months[0], PowerMonth{Month: "2025-01", Proposals: 2, Proposers: 1, ProposalsGini: 6.0 / 7})
		same(t, "2026-10", p.Months[21], PowerMonth{Month: "2026-10", Votes: 3})
		// 2026-11 proposals without the observer: [3 1 0 0 0 0 0]:
		// 4·1 + 6·3 = 22 over 7·4; votes with the observer's
		m := p.Months[22]
		same(t, "2026-11 counts", []int64{m.Proposals, m.Votes, int64(m.Proposers)}, []int64{4, 7, 2})
		near(t, "2026-11 Gini", m.ProposalsGini, 22.0/28)
	})
}

func TestPowerWindow(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.powerData(t)
		p, err := f.S.Power(ctxOf(f.A), f.A, PowerQuery{Months: 3})
		ok(t, err)
		same(t, "totals", []int64{int64(p.Members), p.Proposals, p.Votes}, []int64{7, 5, 10})
		// proposals [4 1 0 0 0 0 0]: 4·1 + 6·4 = 28 over 35
		near(t, "proposals Gini", p.ProposalsGini, 0.8)
		var months []string
		for _, m := range p.Months {
			months = append(months, m.Month)
		}
		same(t, "months", months, []string{"2026-09", "2026-10", "2026-11"})
		if p.People[0].ID != f.A.MemberID || p.People[1].ID != f.B.MemberID || p.People[2].ID != f.C.MemberID {
			t.Fatalf("order %+v", p.People)
		}
		// The Steward's 2025 proposals are outside the window.
		for _, r := range p.People {
			if r.ID == f.Steward.MemberID && r.Proposals != 0 {
				t.Fatalf("steward %+v", r)
			}
		}
		p, err = f.S.Power(ctxOf(f.A), f.A, PowerQuery{Months: 1})
		ok(t, err)
		same(t, "one month", []any{len(p.Months), p.Proposals, p.Votes, p.HalfCount}, []any{1, int64(4), int64(6), 1})
	})
}

func TestPowerEmptyAndRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p, err := f.S.Power(ctxOf(f.Observer), f.Observer, PowerQuery{Months: 12})
		ok(t, err)
		same(t, "nothing yet", []any{p.Members, p.Proposals, p.ProposalsGini, p.VotesGini, p.HalfCount, p.HalfShare, len(p.Months)},
			[]any{7, int64(0), 0.0, 0.0, 0, 0.0, 12})
		_, err = f.S.Power(ctxOf(f.Outsider), f.Outsider, PowerQuery{})
		wantErr(t, err, errs.Forbidden, "Only members of River")
		_, err = f.S.Power(ctxOf(f.Anon), f.Anon, PowerQuery{})
		wantErr(t, err, errs.Forbidden, "Only members of River")
		_, err = f.S.Power(ctxOf(f.A), f.A, PowerQuery{Months: -1})
		wantField(t, err, "months", "Choose a window of 1 to 1200 months")
	})
}

func TestHalfCount(t *testing.T) {
	cases := []struct {
		x    []float64
		want int
	}{
		{nil, 0},
		{[]float64{0, 0}, 0},
		{[]float64{1, 1, 1, 1}, 2},       // 2 of 4 is exactly half
		{[]float64{1, 1, 1, 1, 1}, 3},    // 2 of 5 is not
		{[]float64{1, 5, 2, 2}, 1},       // 5 of 10
		{[]float64{3, 3, 3, 1, 0, 0}, 2}, // 6 of 10
	}
	for _, c := range cases {
		var total int64
		for _, v := range c.x {
			total += int64(v)
		}
		if got := halfCount(c.x, total); got != c.want {
			t.Errorf("halfCount(%v) = %d, want %d", c.x, got, c.want)
		}
	}
}

// TestPowerBudget: the power page reads counters only, so a collective
// with 10,000 decisions' worth of activity (300 members over three years)
// answers well inside 200 ms.
func TestPowerBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,800 counter rows")
	}
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		var members []int64
		for i := range 293 {
			u := f.user(t, fmt.Sprintf("Member %03d", i))
			members = append(members, f.addMember(t, f.Coll, u, "member"))
		}
		members = append(members, f.A.MemberID, f.B.MemberID, f.C.MemberID, f.D.MemberID, f.E.MemberID,
			f.Steward.MemberID, f.Facilitator.MemberID)
		ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
			start := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
			for m := range 36 {
				deltas := map[int64]*PowerDelta{}
				for i, id := range members {
					deltas[id] = &PowerDelta{Proposals: int64((i * m) % 3), Votes: int64(10 + i%7), Objections: int64(i % 2)}
				}
				if err := addPowerBatch(ctx, tx, f.Coll.ID, start.AddDate(0, m, 0), deltas); err != nil {
					return err
				}
			}
			return nil
		}))
		a := f.access(t, f.A.User)
		// The best of three, so another test on the machine does not
		// count against the page.
		took := time.Hour
		for range 3 {
			began := time.Now()
			p, err := f.S.Power(ctxOf(a), a, PowerQuery{})
			took = min(took, time.Since(began))
			ok(t, err)
			if p.Members != 300 || len(p.Months) != 36 || p.Votes == 0 {
				t.Fatalf("members %d months %d votes %d", p.Members, len(p.Months), p.Votes)
			}
		}
		if took > 200*time.Millisecond {
			t.Fatalf("power took %v, budget 200ms", took)
		}
		t.Logf("power over 300 members × 36 months: %v", took)
	})
}
