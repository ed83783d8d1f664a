package commitment

import (
	"testing"
	"time"

	"commonground/internal/errs"
)

// TestLedger reads the ledgers of a case worked by hand, built through
// Create and Transition:
//
//	1 A→B   2.5 hours due 11-28  kept 11-23 (on time)        November
//	2 A→B   120.00    due 11-23  kept 11-26 (late)           November
//	3 A for Food Bank → Library, count 3, no due date, kept  November
//	4 A→C   no size   due 11-24  accepted, still open: overdue on 12-02
//	5 A→B   not kept
//	6 A→B   withdrawn (released)
//	7 B→A   1 hour, no due date, kept 12-02                  December
//	8 A→the collective, proposed only: open, never overdue
//
// A: made 7 (1-6, 8), open 2 (4, 8), given 3 = 150 min, 12000 money, 3
// units; received 1 = 60 min; kept 3, on time 2 (1, 3), not kept 1,
// released 1, overdue 1; due 3+1+1 = 5, fulfilment 3/5, on time 2/3.
func TestLedger(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c1 := f.commit(t, f.A, sized(f.B, "one", Hours, "2.5", day(5)))
		c2 := f.commit(t, f.A, sized(f.B, "two", Money, "120.00", day(0)))
		in3 := sized(f.B, "three", Count, "3", "")
		in3.ForOrgID, in3.RecipientKind, in3.RecipientOrgID = f.OrgA.ID, ToOrganisation, f.OrgB.ID
		c3 := f.commit(t, f.A, in3)
		c4 := f.commit(t, f.A, sized(f.C, "four", NoSize, "", day(1)))
		c5 := f.commit(t, f.A, promise(f.B, "five"))
		c6 := f.commit(t, f.A, promise(f.B, "six"))
		c7 := f.commit(t, f.B, sized(f.A, "seven", Hours, "1", ""))
		f.commit(t, f.A, Input{What: "eight", Kind: ShowUp, RecipientKind: ToCollective, DueOn: day(2)})
		for _, c := range []*Commitment{c1, c2, c5} {
			f.move(t, f.B, c.ID, Accept)
		}
		f.move(t, f.C, c3.ID, Accept)
		f.move(t, f.C, c4.ID, Accept)
		f.move(t, f.A, c7.ID, Accept)
		f.move(t, f.A, c1.ID, MarkDone)
		f.move(t, f.B, c1.ID, Confirm)
		f.move(t, f.C, c3.ID, Confirm)
		f.move(t, f.B, c5.ID, Broken)
		f.move(t, f.A, c6.ID, Withdraw)
		f.Clock.Set(testStart.AddDate(0, 0, 3))
		f.move(t, f.B, c2.ID, Confirm)
		f.Clock.Set(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
		f.move(t, f.A, c7.ID, Confirm)

		t.Run("Member", func(t *testing.T) {
			l, err := f.S.Ledger(ctxOf(f.Observer), f.Observer, Party{PartyMember, f.A.MemberID}) // any member may read it
			ok(t, err)
			months := l.Months
			l.Months = nil
			same(t, "A", *l, Ledger{Party: Party{PartyMember, f.A.MemberID}, Name: "Ana Adler", Made: 7, Open: 2,
				Given: Flow{Count: 3, Minutes: 150, Money: 12000, Units: 3}, Received: Flow{Count: 1, Minutes: 60},
				Kept: 3, OnTime: 2, NotKept: 1, Released: 1, Overdue: 1, Due: 5, Fulfilment: ptr(0.6), OnTimeRate: ptr(2.0 / 3)})
			same(t, "months", len(months), LedgerMonths)
			same(t, "first and last", []string{months[0].Month, months[22].Month, months[23].Month}, []string{"2025-01", "2026-11", "2026-12"})
			same(t, "November", months[22], LedgerMonth{Month: "2026-11", Given: Flow{Count: 3, Minutes: 150, Money: 12000, Units: 3}})
			same(t, "December", months[23], LedgerMonth{Month: "2026-12", Received: Flow{Count: 1, Minutes: 60}})
			same(t, "an empty month", months[5], LedgerMonth{Month: "2025-06"})
			same(t, "hours", l.Given.Hours(), "2.5 hours")
		})
		t.Run("Recipient", func(t *testing.T) {
			l, err := f.S.Ledger(ctxOf(f.C), f.C, Party{PartyMember, f.B.MemberID})
			ok(t, err)
			same(t, "B", []any{l.Made, l.Open, l.Given, l.Received, l.Kept, l.OnTime, l.Due, *l.Fulfilment, *l.OnTimeRate},
				[]any{int64(1), int64(0), Flow{Count: 1, Minutes: 60}, Flow{Count: 2, Minutes: 150, Money: 12000},
					int64(1), int64(1), int64(1), 1.0, 1.0})
		})
		t.Run("NoRates", func(t *testing.T) {
			l, err := f.S.Ledger(ctxOf(f.A), f.A, Party{PartyMember, f.Steward.MemberID})
			ok(t, err)
			same(t, "no ledger row", []any{l.Name, l.Made, l.Due, l.Fulfilment, l.OnTimeRate}, []any{"Sam Steward", int64(0), int64(0), (*float64)(nil), (*float64)(nil)})
			// C has one promise to them open and none of their own due.
			l, err = f.S.Ledger(ctxOf(f.A), f.A, Party{PartyMember, f.C.MemberID})
			ok(t, err)
			same(t, "C", []any{l.Made, l.Received, l.Fulfilment}, []any{int64(0), Flow{}, (*float64)(nil)})
		})
		t.Run("Organisations", func(t *testing.T) {
			fb, err := f.S.Ledger(ctxOf(f.B), f.B, Party{PartyOrganisation, f.OrgA.ID})
			ok(t, err)
			lib, err := f.S.Ledger(ctxOf(f.B), f.B, Party{PartyOrganisation, f.OrgB.ID})
			ok(t, err)
			same(t, "Food Bank", []any{fb.Name, fb.Made, fb.Given, fb.Received, fb.Kept, fb.OnTime, *fb.Fulfilment},
				[]any{"Food Bank", int64(1), Flow{Count: 1, Units: 3}, Flow{}, int64(1), int64(1), 1.0})
			same(t, "Library", []any{lib.Made, lib.Given, lib.Received, lib.Fulfilment, lib.Months[22].Received},
				[]any{int64(0), Flow{}, Flow{Count: 1, Units: 3}, (*float64)(nil), Flow{Count: 1, Units: 3}})
		})
		t.Run("ErrNotMember", func(t *testing.T) {
			_, err := f.S.Ledger(ctxOf(f.Outsider), f.Outsider, Party{PartyMember, f.A.MemberID})
			wantErr(t, err, errs.Forbidden, "", "Only members of River can read its ledgers.")
			_, err = f.S.Ledger(ctxOf(f.Anon), f.Anon, Party{PartyOrganisation, f.OrgA.ID})
			wantErr(t, err, errs.Forbidden, "", "Only members")
		})
		t.Run("ErrParty", func(t *testing.T) {
			_, err := f.S.Ledger(ctxOf(f.A), f.A, Party{"collective", 1})
			wantErr(t, err, errs.Invalid, "party", "Choose a member or an organisation.")
			_, err = f.S.Ledger(ctxOf(f.A), f.A, Party{PartyMember, 99999})
			wantErr(t, err, errs.NotFound, "", "not a member")
			_, err = f.S.Ledger(ctxOf(f.A), f.A, Party{PartyOrganisation, 99999})
			wantErr(t, err, errs.NotFound, "", "")
		})
	})
}
