package commitment

import (
	"testing"

	"commonground/internal/errs"
)

func TestCreate(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			in := promise(f.B, " Fix the bike ")
			in.ForOrgID, in.SizeUnit, in.Size, in.DueOn, in.IndicatorID = f.OrgA.ID, Hours, "2.5", testToday, f.Indicator.ID
			c := f.commit(t, f.A, in)
			same(t, "row", []any{c.What, c.State, c.SizeAmount, c.Size(), c.Committer(), c.RecipientName, *c.GoalID, c.Version},
				[]any{"Fix the bike", Proposed, int64(150), "2.5 hours", "Ana Adler for Food Bank", "Ben Brook", f.Goal.ID, int64(1)})
			got, err := f.S.Get(ctxOf(f.C), f.C, c.ID)
			ok(t, err)
			same(t, "read back", []any{got.What, got.GoalTitle, got.IndicatorName, *got.CommitterOrgID},
				[]any{"Fix the bike", "Nobody goes hungry", "Meals served", f.OrgA.ID})
			same(t, "ledger A", f.ledger(t, "member", f.A.MemberID), ledgerRow{Made: 1, Open: 1})
			same(t, "ledger Food Bank", f.ledger(t, "organisation", f.OrgA.ID), ledgerRow{Made: 1, Open: 1})
			same(t, "counts", f.boardCounts(t), map[string]int64{itoa(f.Goal.ID) + "/proposed": 1})
			e := f.entries(t, "commitment.")
			same(t, "activity", []string{e[0].Verb, e[0].Summary, e[0].Audience},
				[]string{"commitment.created", "Ana Adler for Food Bank promised Ben Brook: Fix the bike.", "collective"})
			h, err := f.S.History(ctxOf(f.A), f.A, c.ID)
			ok(t, err)
			same(t, "history", []string{h[0].Action, h[0].ToState, h[0].ActorName}, []string{"create", "proposed", "Ana Adler"})
		})
		t.Run("OKToOrganisationAndCollective", func(t *testing.T) {
			in := promise(f.B, "Shelve books")
			in.RecipientKind, in.RecipientOrgID, in.SizeUnit, in.Size = ToOrganisation, f.OrgB.ID, Money, "120"
			c := f.commit(t, f.A, in)
			same(t, "to org", []any{c.RecipientName, c.SizeAmount, c.Size()}, []any{"Library", int64(12000), "120.00"})
			in = promise(f.B, "Host the meeting")
			in.RecipientKind = ToCollective
			same(t, "to collective", f.commit(t, f.A, in).RecipientName, "River")
		})
		cases := []struct {
			name, field, msg string
			code             string
			edit             func(in *Input)
		}{
			{"ErrWhatEmpty", "what", "Say what", errs.Invalid, func(in *Input) { in.What = "  " }},
			{"ErrKind", "kind", "Choose do", errs.Invalid, func(in *Input) { in.Kind = "bake" }},
			{"ErrPastDue", "due_on", "in the past", errs.Invalid, func(in *Input) { in.DueOn = "2026-11-22" }},
			{"ErrBadDue", "due_on", "YYYY-MM-DD", errs.Invalid, func(in *Input) { in.DueOn = "23/11/2026" }},
			{"ErrNegativeHours", "size", "above 0", errs.Invalid, func(in *Input) { in.SizeUnit, in.Size = Hours, "-2" }},
			{"ErrAbsurdHours", "size", "up to 10000", errs.Invalid, func(in *Input) { in.SizeUnit, in.Size = Hours, "10000.01" }},
			{"ErrThreeDecimals", "size", "two decimals", errs.Invalid, func(in *Input) { in.SizeUnit, in.Size = Money, "1.005" }},
			{"ErrAbsurdMoney", "size", "10000000.00", errs.Invalid, func(in *Input) { in.SizeUnit, in.Size = Money, "10000000.01" }},
			{"ErrCountFraction", "size", "whole number", errs.Invalid, func(in *Input) { in.SizeUnit, in.Size = Count, "1.5" }},
			{"ErrSizeNoUnit", "size", "Choose a unit", errs.Invalid, func(in *Input) { in.Size = "3" }},
			{"ErrUnit", "size_unit", "Choose hours", errs.Invalid, func(in *Input) { in.SizeUnit = "days" }},
			{"ErrSelf", "recipient", "to yourself", errs.Invalid, func(in *Input) { in.RecipientMemberID = f.A.MemberID }},
			{"ErrRecipientObserver", "recipient", "Olga Observer only observes River and cannot answer a promise", errs.Invalid,
				func(in *Input) { in.RecipientMemberID = f.Observer.MemberID }},
			{"ErrRecipientOutsider", "recipient", "Choose a member", errs.Invalid, func(in *Input) { in.RecipientMemberID = 99999 }},
			{"ErrOrgNotAffiliated", "for_org_id", "you are with", errs.Invalid, func(in *Input) { in.ForOrgID = f.OrgB.ID }},
			{"ErrOrgToItself", "recipient", "to itself", errs.Invalid, func(in *Input) {
				in.ForOrgID, in.RecipientKind, in.RecipientOrgID = f.OrgA.ID, ToOrganisation, f.OrgA.ID
			}},
			{"ErrUnknownGoal", "goal_id", "no such goal", errs.Invalid, func(in *Input) { in.GoalID = 99999 }},
			{"ErrUnknownIndicator", "indicator_id", "no such indicator", errs.Invalid, func(in *Input) { in.IndicatorID = 99999 }},
			{"ErrUnknownRequest", "request_id", "no such request", errs.Invalid, func(in *Input) { in.RequestID = 99999 }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := f.count(t, "SELECT count(*) FROM commitments")
				in := promise(f.B, "Something")
				c.edit(&in)
				_, err := f.S.Create(ctxOf(f.A), f.A, in)
				wantErr(t, err, c.code, c.field, c.msg)
				same(t, "commitments", f.count(t, "SELECT count(*) FROM commitments"), before)
			})
		}
		t.Run("ErrObserver", func(t *testing.T) {
			_, err := f.S.Create(ctxOf(f.Observer), f.Observer, promise(f.B, "Watch"))
			wantErr(t, err, errs.Forbidden, "", "Observers")
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			_, err := f.S.Create(ctxOf(f.Outsider), f.Outsider, promise(f.B, "Help"))
			wantErr(t, err, errs.Forbidden, "", "Only members")
		})
	})
}

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		unit Unit
		in   string
		want int64
	}{{Hours, "2.5", 150}, {Hours, "0.29", 17}, {Hours, "1", 60}, {Hours, "10000", 600000}, {Money, "0.29", 29},
		{Money, "120.00", 12000}, {Money, "7.5", 750}, {Count, "3", 3}, {NoSize, "", 0}, {NoSize, "0", 0}} {
		got, err := ParseSize(c.unit, c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseSize(%q, %q) = %d, %v; want %d", c.unit, c.in, got, err, c.want)
		}
	}
	same(t, "formats", []string{FormatSize(Hours, 60), FormatSize(Hours, 90), FormatSize(Money, 1205), FormatSize(Count, 4)},
		[]string{"1 hour", "1.5 hours", "12.05", "4"})
}
