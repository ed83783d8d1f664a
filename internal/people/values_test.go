package people

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// picks makes a list of picks by name, without whys.
func picks(names ...string) []ValuePick {
	out := []ValuePick{}
	for _, n := range names {
		out = append(out, ValuePick{Name: n})
	}
	return out
}

func TestSetMyValues(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		mine := func(t *testing.T) []RankedValue {
			t.Helper()
			v, err := f.S.MyValues(ctxOf(f.Member), f.Member)
			ok(t, err)
			return v
		}
		t.Run("OK", func(t *testing.T) {
			before := f.version(t)
			courage := f.termIDSeeded(t, "Courage")
			ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, []ValuePick{
				{Name: " fairness ", Why: "  Because it is fair.  "}, {}, {TermID: courage}, {Name: "SHARED   power", Why: "Line\nbreak"}}))
			same(t, "values", mine(t), []RankedValue{
				{TermID: f.termID(t, "Fairness"), Name: "Fairness", Rank: 1, Why: "Because it is fair."},
				{TermID: courage, Name: "Courage", Rank: 2},
				{TermID: f.termID(t, "Shared power"), Name: "Shared power", Rank: 3, Why: "Line break"}})
			same(t, "bumped", f.version(t) > before, true)
			same(t, "entries", f.entries(t, "values."), []testEntry{{ActorID: &f.Member.User.ID, Verb: "values.saved",
				Subject: "your values", Summary: "You saved your values.", Link: PersonLink(f.Member, f.Member.MemberID), Audience: "actor"}})
		})
		t.Run("OKReplaces", func(t *testing.T) {
			ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, picks("Care", "Fairness")))
			got := mine(t)
			same(t, "names", []string{got[0].Name, got[1].Name}, []string{"Care", "Fairness"})
			same(t, "ranks", []int{got[0].Rank, got[1].Rank}, []int{1, 2})
			same(t, "rows", f.count(t, "SELECT count(*) FROM person_values WHERE member_id = ?", f.Member.MemberID), 2)
		})
		t.Run("OKObserverKeepsOwn", func(t *testing.T) {
			ok(t, f.S.SetMyValues(ctxOf(f.Observer), f.Observer, picks("Joy")))
			v, err := f.S.MyValues(ctxOf(f.Observer), f.Observer)
			ok(t, err)
			same(t, "observer", v[0].Name, "Joy")
		})
		t.Run("OKEmpty", func(t *testing.T) {
			ok(t, f.S.SetMyValues(ctxOf(f.Observer), f.Observer, nil))
			v, err := f.S.MyValues(ctxOf(f.Observer), f.Observer)
			ok(t, err)
			same(t, "none", v, []RankedValue{})
		})
		_, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Zeal"})
		ok(t, err)
		declined, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Thrift"})
		ok(t, err)
		ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, declined.ID, false))
		ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, f.termID(t, "Care"), TermRetired))
		ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, f.termID(t, "Honesty"), TermRetired))
		eleven := picks(starterVocabulary[0].Name)
		for _, v := range starterVocabulary[1:11] {
			eleven = append(eleven, ValuePick{Name: v.Name})
		}
		for _, c := range []struct {
			name  string
			picks []ValuePick
			msg   string
		}{
			{"ErrUnknownValue", picks("Fairness", "Kindliness"), "Kindliness is not one of River's values; propose it first."},
			{"ErrUnknownID", []ValuePick{{TermID: 99999}}, "Value 99999 is not one of River's values; propose it first."},
			{"ErrDeclined", picks("thrift"), "thrift is not one of River's values; propose it first."},
			{"ErrProposed", picks("zeal"), "zeal has been proposed and is waiting for a steward; pick it once it is approved."},
			// By id, a proposal's or a declined value's name is not told.
			{"ErrProposedByID", []ValuePick{{TermID: f.termID(t, "Zeal")}},
				fmt.Sprintf("Value %d is not one of River's values; propose it first.", f.termID(t, "Zeal"))},
			{"ErrDeclinedByID", []ValuePick{{TermID: declined.ID}},
				fmt.Sprintf("Value %d is not one of River's values; propose it first.", declined.ID)},
			{"ErrRetired", []ValuePick{{TermID: f.termID(t, "Honesty")}}, "Honesty has been retired and can no longer be picked."},
			{"ErrTooManyValues", eleven, "You can rank at most 10 values; this list has 11."},
			{"ErrTwice", []ValuePick{{Name: "Joy"}, {TermID: f.termID(t, "Joy")}}, "Joy is in the list twice; rank each value once."},
			{"ErrWhyTooLong", []ValuePick{{Name: "Joy", Why: strings.Repeat("ü", MaxWhy+1)}},
				"The sentence on why Joy matters is 281 characters; the most is 280."},
			{"ErrWhyWithoutValue", []ValuePick{{Why: "Because"}}, `Choose the value the sentence "Because" is about.`},
		} {
			t.Run(c.name, func(t *testing.T) {
				before, version := mine(t), f.version(t)
				wantErr(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, c.picks), errs.Invalid, "values", c.msg)
				same(t, "unchanged", mine(t), before)
				same(t, "version", f.version(t), version)
			})
		}
		t.Run("OKRetiredAlreadyHeld", func(t *testing.T) {
			// Member ranks Care from OKReplaces; it was retired since.
			ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, picks("Fairness", "Care")))
			same(t, "kept", mine(t)[1].Name, "Care")
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			wantErr(t, f.S.SetMyValues(ctxOf(f.Outsider), f.Outsider, picks("Joy")), errs.Forbidden, "", "Only members of River")
			_, err := f.S.MyValues(ctxOf(f.Outsider), f.Outsider)
			wantErr(t, err, errs.Forbidden, "", "")
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			wantErr(t, f.S.SetMyValues(ctxOf(f.Anon), f.Anon, picks("Joy")), errs.Unauthorized, "", "")
		})
		t.Run("ErrArchived", func(t *testing.T) {
			ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "UPDATE collectives SET archived_at = ?, version = version + 1 WHERE id = ?", tx.Now, f.C.ID)
				return err
			}))
			a := f.access(t, f.Member.User)
			wantErr(t, f.S.SetMyValues(ctxOf(a), a, picks("Joy")), errs.Forbidden, "", "River is archived")
		})
	})
}

// termIDSeeded is termID after making sure the vocabulary is seeded.
func (f *fixture) termIDSeeded(t testing.TB, name string) int64 {
	t.Helper()
	ok(t, f.S.ensureSeeded(context.Background(), f.C.ID))
	return f.termID(t, name)
}

func TestValuesOf(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, []ValuePick{{Name: "Joy", Why: "Fun"}, {Name: "Care"}}))
		ok(t, f.S.SetMyValues(ctxOf(f.Other), f.Other, picks("Trust")))
		joy, care, trust := f.termID(t, "Joy"), f.termID(t, "Care"), f.termID(t, "Trust")
		t.Run("One", func(t *testing.T) {
			got, err := valuesOf(ctx, f.DB, f.C.ID, f.Member.MemberID)
			ok(t, err)
			same(t, "values", got, []RankedValue{{joy, "Joy", 1, "Fun"}, {care, "Care", 2, ""}})
		})
		t.Run("Many", func(t *testing.T) {
			got, err := valuesOfMany(ctx, f.DB, f.C.ID, []int64{f.Member.MemberID, f.Other.MemberID, f.Steward.MemberID})
			ok(t, err)
			same(t, "values", got, map[int64][]RankedValue{
				f.Member.MemberID: {{joy, "Joy", 1, "Fun"}, {care, "Care", 2, ""}},
				f.Other.MemberID:  {{trust, "Trust", 1, ""}}})
		})
	})
}
