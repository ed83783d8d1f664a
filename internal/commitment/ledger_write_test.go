package commitment

import (
	"testing"
	"time"
)

// TestLedgerSums checks the counters against a case worked by hand:
//
//	1 A→B   3 hours  kept (on time)   month 2026-11
//	2 A→B   50.00    not kept
//	3 A for Food Bank → Library, count 4, kept late (2026-12-02)
//	4 A→C   2 hours  released (asked by A, agreed by C)
//	5 A→B   open (accepted)
func TestLedgerSums(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		mk := func(in Input, unit Unit, size, due string) *Commitment {
			in.SizeUnit, in.Size, in.DueOn = unit, size, due
			c := f.commit(t, f.A, in)
			return c
		}
		c1 := mk(promise(f.B, "one"), Hours, "3", "")
		c2 := mk(promise(f.B, "two"), Money, "50", "")
		in3 := promise(f.B, "three")
		in3.ForOrgID, in3.RecipientKind, in3.RecipientOrgID = f.OrgA.ID, ToOrganisation, f.OrgB.ID
		c3 := mk(in3, Count, "4", "2026-11-30")
		c4 := mk(promise(f.C, "four"), Hours, "2", "")
		c5 := mk(promise(f.B, "five"), NoSize, "", "")
		for _, c := range []*Commitment{c1, c2, c3, c5} {
			f.move(t, f.B, c.ID, Accept)
		}
		f.move(t, f.C, c4.ID, Accept)
		f.move(t, f.B, c1.ID, Confirm)
		f.move(t, f.B, c2.ID, Broken)
		f.move(t, f.A, c4.ID, Release)
		f.move(t, f.C, c4.ID, Release)
		f.Clock.Set(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
		f.move(t, f.C, c3.ID, Confirm) // Cleo, with the Library, confirms

		same(t, "A", f.ledger(t, "member", f.A.MemberID), ledgerRow{Made: 5, Open: 1, GivenCount: 2, GivenMinutes: 180,
			GivenUnits: 4, Kept: 2, KeptOnTime: 1, NotKept: 1, Released: 1})
		same(t, "Food Bank", f.ledger(t, "organisation", f.OrgA.ID), ledgerRow{Made: 1, GivenCount: 1, GivenUnits: 4, Kept: 1})
		same(t, "B", f.ledger(t, "member", f.B.MemberID), ledgerRow{ReceivedCount: 1, ReceivedMinutes: 180})
		same(t, "Library", f.ledger(t, "organisation", f.OrgB.ID), ledgerRow{ReceivedCount: 1, ReceivedUnits: 4})
		same(t, "C", f.ledger(t, "member", f.C.MemberID), ledgerRow{})
		same(t, "months", f.count(t, `SELECT count(*) FROM commitment_ledger_months WHERE collective_id = ?`, f.Coll.ID), 5) // A and B in November; A, Food Bank, Library in December
		same(t, "A in November", f.count(t, `SELECT given_minutes FROM commitment_ledger_months
			WHERE party_kind = 'member' AND party_id = ? AND month = '2026-11'`, f.A.MemberID), 180)
		same(t, "A in December", f.count(t, `SELECT given_units FROM commitment_ledger_months
			WHERE party_kind = 'member' AND party_id = ? AND month = '2026-12'`, f.A.MemberID), 4)
		p, err := f.S.PairCounts(ctxOf(f.A), f.Coll.ID, f.A.MemberID, f.B.MemberID)
		ok(t, err)
		same(t, "pair A→B", p, Pair{CommitterMemberID: f.A.MemberID, RecipientMemberID: f.B.MemberID, Kept: 1, NotKept: 1})
		pairs, err := f.S.Pairs(ctxOf(f.B), f.B)
		ok(t, err)
		same(t, "pairs", len(pairs), 1) // the released one and the organisation's are no pair
		same(t, "counts", f.boardCounts(t), map[string]int64{"0/accepted": 1, "0/kept": 2, "0/not_kept": 1, "0/released": 1})
		b, err := f.S.Board(ctxOf(f.B), f.B)
		ok(t, err)
		same(t, "board totals", b.Totals, map[State]int64{Accepted: 1, Kept: 2, NotKept: 1, Released: 1})
		same(t, "board kept", []int64{b.Firsts[Kept][0].ID, b.Firsts[Kept][1].ID}, []int64{c3.ID, c1.ID}) // no due date last
		// Lists: person, organisation, state, mine.
		for _, q := range []struct {
			name string
			q    Query
			as   int
			want []int64
		}{{"Person C", Query{Person: f.C.MemberID}, 0, []int64{c4.ID}}, {"Org Library", Query{Org: f.OrgB.ID}, 0, []int64{c3.ID}},
			{"Kept", Query{State: Kept}, 0, []int64{c3.ID, c1.ID}}, {"Due", Query{From: "2026-11-01", To: "2026-11-30"}, 0, []int64{c3.ID}},
			{"Mine todo A", Query{Mine: MineToDo}, 0, []int64{c5.ID}}, {"Mine waiting B", Query{Mine: MineWaiting}, 1, []int64{c5.ID}},
			{"Mine kept A", Query{Mine: MineKept}, 0, []int64{c3.ID, c1.ID}}} {
			a := f.A
			if q.as == 1 {
				a = f.B
			}
			page, err := f.S.List(ctxOf(a), a, q.q)
			ok(t, err)
			var ids []int64
			for _, c := range page.Items {
				ids = append(ids, c.ID)
			}
			same(t, q.name, ids, q.want)
		}
	})
}
