package people

import (
	"strings"
	"testing"

	"commonground/internal/errs"
)

func TestProposeValue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OKMemberProposes", func(t *testing.T) {
			got, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "  Play   fulness ", Description: "Room to play."})
			ok(t, err)
			same(t, "term", *got, Term{ID: got.ID, Name: "Play fulness", Description: "Room to play.", Status: TermProposed,
				ProposedBy: "Mia Member"})
			// For the stewards to review and for Mia's own record; not
			// everyone's news until a steward approves it.
			entry := testEntry{ActorID: &f.Member.User.ID, Verb: "value.proposed", Subject: "Play fulness",
				Summary: "Mia Member proposed the value Play fulness", Link: "/c/river/values", Audience: "stewards"}
			mine := entry
			mine.Audience = "actor"
			same(t, "entries", f.entries(t, "value."), []testEntry{entry, mine})
		})
		t.Run("OKStewardAdds", func(t *testing.T) {
			before := f.version(t)
			got, err := f.S.ProposeValue(ctxOf(f.Steward), f.Steward, TermInput{Name: "Thrift"})
			ok(t, err)
			same(t, "status", got.Status, TermActive)
			same(t, "verb", f.entries(t, "value.added")[0].Summary, "Sam Steward added the value Thrift")
			same(t, "bumped", f.version(t), before+1)
		})
		for _, c := range []struct {
			name, value, code, field, msg string
		}{
			{"ErrDuplicateActive", "FAIRNESS", errs.Conflict, "name", `"Fairness" is already one of River's values.`},
			{"ErrDuplicateOwnProposal", "play FULNESS", errs.Conflict, "name", `You have already proposed "Play fulness" in River; it is waiting for a steward.`},
			{"ErrNameRequired", "  ", errs.Invalid, "name", "Give the value a name."},
			{"ErrNameTooLong", strings.Repeat("é", MaxValueName+1), errs.Invalid, "name", "is 41 characters; the most is 40"},
			{"ErrControl", "Fair\x00ness", errs.Invalid, "name", "control character"},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := f.count(t, "SELECT count(*) FROM value_terms")
				_, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: c.value})
				wantErr(t, err, c.code, c.field, c.msg)
				same(t, "terms", f.count(t, "SELECT count(*) FROM value_terms"), before)
			})
		}
		t.Run("ErrDescriptionTooLong", func(t *testing.T) {
			_, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Zeal", Description: strings.Repeat("x", MaxValueDesc+1)})
			wantErr(t, err, errs.Invalid, "description", "the most is 280")
		})
		t.Run("ErrObserver", func(t *testing.T) {
			_, err := f.S.ProposeValue(ctxOf(f.Observer), f.Observer, TermInput{Name: "Zeal"})
			wantErr(t, err, errs.Forbidden, "", "Observers")
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			_, err := f.S.ProposeValue(ctxOf(f.Outsider), f.Outsider, TermInput{Name: "Zeal"})
			wantErr(t, err, errs.Forbidden, "", "Only members of River")
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.S.ProposeValue(ctxOf(f.Anon), f.Anon, TermInput{Name: "Zeal"})
			wantErr(t, err, errs.Unauthorized, "", "")
		})
	})
}

func TestReviewValue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		a, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Zeal"})
		ok(t, err)
		b, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Thrift"})
		ok(t, err)
		t.Run("ErrMember", func(t *testing.T) {
			wantErr(t, f.S.ReviewValue(ctxOf(f.Member), f.Member, a.ID, true), errs.Forbidden, "", "Only stewards of River")
		})
		t.Run("OKApprove", func(t *testing.T) {
			before := f.version(t)
			ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, a.ID, true))
			active, err := f.S.Vocabulary(ctxOf(f.Other), f.Other, "")
			ok(t, err)
			same(t, "status", termByName(t, active, "Zeal").ProposedBy, "Mia Member")
			e := f.entries(t, "value.approved")
			same(t, "entry", []string{e[0].Summary, e[0].Audience}, []string{"Sam Steward approved the value Zeal", "collective"})
			same(t, "bumped", f.version(t), before+1)
		})
		t.Run("OKDecline", func(t *testing.T) {
			ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, b.ID, false))
			mine, err := f.S.Vocabulary(ctxOf(f.Other), f.Other, TermDeclined)
			ok(t, err)
			same(t, "declined", termNames(mine), []string{"Thrift"})
			same(t, "audience", f.entries(t, "value.declined")[0].Audience, "stewards")
			_, err = f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "thrift"})
			wantErr(t, err, errs.Conflict, "name", `You proposed "Thrift" in River before and a steward declined it`)
			_, err = f.S.ProposeValue(ctxOf(f.Steward), f.Steward, TermInput{Name: "THRIFT"})
			wantErr(t, err, errs.Conflict, "name", `"Thrift" was proposed in River before and declined; a steward can still restore it.`)
		})
		t.Run("ErrNotProposed", func(t *testing.T) {
			wantErr(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, a.ID, false), errs.Conflict, "",
				`"Zeal" is not waiting for review: it is active.`)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			wantErr(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, a.ID+1000, true), errs.NotFound, "", "River has no such value.")
		})
	})
}

func TestUpdateValue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, "")
		ok(t, err)
		id := f.termID(t, "Fairness")
		ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, []ValuePick{{Name: "Fairness"}}))
		t.Run("OKRename", func(t *testing.T) {
			before := f.version(t)
			ok(t, f.S.UpdateValue(ctxOf(f.Steward), f.Steward, id, TermInput{Name: "Fair play", Description: "Playing fair."}))
			mine, err := f.S.MyValues(ctxOf(f.Member), f.Member)
			ok(t, err)
			same(t, "profile follows", mine[0].Name, "Fair play")
			same(t, "summary", f.entries(t, "value.updated")[0].Summary, "Sam Steward renamed the value Fairness to Fair play")
			same(t, "bumped", f.version(t), before+1)
		})
		t.Run("OKChangeCase", func(t *testing.T) {
			ok(t, f.S.UpdateValue(ctxOf(f.Steward), f.Steward, id, TermInput{Name: "Fair Play", Description: "Playing fair."}))
			same(t, "id", f.termID(t, "fair play"), id)
		})
		t.Run("ErrRenameToExisting", func(t *testing.T) {
			wantErr(t, f.S.UpdateValue(ctxOf(f.Steward), f.Steward, id, TermInput{Name: "courage"}), errs.Conflict, "name",
				`"Courage" is already one of River's values.`)
		})
		t.Run("ErrMember", func(t *testing.T) {
			wantErr(t, f.S.UpdateValue(ctxOf(f.Member), f.Member, id, TermInput{Name: "Fairness"}), errs.Forbidden, "", "")
		})
		t.Run("ErrNameRequired", func(t *testing.T) {
			wantErr(t, f.S.UpdateValue(ctxOf(f.Steward), f.Steward, id, TermInput{}), errs.Invalid, "name", "")
		})
	})
}

func TestSetValueStatus(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, "")
		ok(t, err)
		id := f.termID(t, "Courage")
		t.Run("OKRetire", func(t *testing.T) {
			ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, id, TermRetired))
			retired, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, TermRetired)
			ok(t, err)
			same(t, "retired", termNames(retired), []string{"Courage"})
			same(t, "entry", f.entries(t, "value.retired")[0].Audience, "collective")
			ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, id, TermRetired)) // already: nothing happens
			same(t, "entries", len(f.entries(t, "value.retired")), 1)
		})
		t.Run("OKRestore", func(t *testing.T) {
			ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, id, TermActive))
			same(t, "restored", f.entries(t, "value.restored")[0].Summary, "Sam Steward restored the value Courage")
		})
		t.Run("ErrStatus", func(t *testing.T) {
			wantErr(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, id, TermDeclined), errs.Invalid, "status",
				`A value can be set to active or retired, not "declined".`)
		})
		t.Run("ErrProposed", func(t *testing.T) {
			p, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Zeal"})
			ok(t, err)
			wantErr(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, p.ID, TermRetired), errs.Conflict, "", "approve or decline it instead")
		})
		t.Run("ErrMember", func(t *testing.T) {
			wantErr(t, f.S.SetValueStatus(ctxOf(f.Member), f.Member, id, TermRetired), errs.Forbidden, "", "")
		})
	})
}
