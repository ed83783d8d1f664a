package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"commonground/internal/commitment"
	"commonground/internal/measure"
)

// caSeeded is what caSeed made in collective A, by name.
type caSeeded struct {
	goal                        int64
	toSteward, toAll, forOrg    int64 // commitments: Mo to Sam; Mo to the collective; Mo for the Food Bank to Eastbank
	request                     int64 // Mo asks for an introduction
	today, tomorrow, yesterday  string
	mo, sam, foodBank, eastbank int64
}

// caSeed writes, through the services, what the commitments API
// scenarios start from in collective A: a goal "Nobody goes hungry"; Mo
// Member (with Riverside Food Bank) promising Sam Steward 2.5 hours for
// the goal, due tomorrow; Mo promising the whole collective a count of 3;
// Mo promising Eastbank Housing for the Food Bank, no size; Mo asking
// for an introduction.
func caSeed(f *apiFixture) *caSeeded {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	sctx := f.as("steward")
	sa, err := f.app.Collectives.Access(sctx, scA)
	must(err)
	g, err := f.app.Measure.CreateGoal(sctx, sa, measure.GoalInput{Title: "Nobody goes hungry"})
	must(err)
	now := f.app.DB.Now().UTC()
	s := &caSeeded{goal: g.ID, today: now.Format(time.DateOnly), tomorrow: now.AddDate(0, 0, 1).Format(time.DateOnly),
		yesterday: now.AddDate(0, 0, -1).Format(time.DateOnly), mo: f.mid[scA+"/member"], sam: f.mid[scA+"/steward"],
		foodBank: f.org["Riverside Food Bank"], eastbank: f.org["Eastbank Housing"]}
	mctx := f.as("member")
	ma, err := f.app.Collectives.Access(mctx, scA)
	must(err)
	add := func(in commitment.Input) int64 {
		c, err := f.app.Commitments.Create(mctx, ma, in)
		must(err)
		return c.ID
	}
	s.toSteward = add(commitment.Input{What: "Drive the van", Kind: commitment.Do, SizeUnit: commitment.Hours, Size: "2.5",
		DueOn: s.tomorrow, RecipientKind: commitment.ToMember, RecipientMemberID: s.sam, GoalID: g.ID})
	s.toAll = add(commitment.Input{What: "Bring three volunteers", Kind: commitment.ShowUp, SizeUnit: commitment.Count, Size: "3",
		RecipientKind: commitment.ToCollective})
	s.forOrg = add(commitment.Input{What: "Share the cold room", Kind: commitment.Share, RecipientKind: commitment.ToOrganisation,
		RecipientOrgID: s.eastbank, ForOrgID: s.foodBank})
	r, err := f.app.Commitments.CreateRequest(mctx, ma, commitment.RequestInput{What: "An introduction to the county health office",
		Kind: commitment.Introduce})
	must(err)
	s.request = r.ID
	return s
}

// caState fails unless commitment id is in state at version: a refusal
// must leave it as it was.
func caState(id int64, state commitment.State, version int64) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got struct {
			State   string `db:"state"`
			Version int64  `db:"version"`
		}
		if err := f.app.DB.Get(context.Background(), &got, "SELECT state, version FROM commitments WHERE id = ?", id); err != nil {
			t.Fatal(err)
		}
		if got.State != string(state) || got.Version != version {
			t.Errorf("commitment %d is %s at version %d, want %s at %d", id, got.State, got.Version, state, version)
		}
	}
}

// caCount fails unless the collective's commitments number n.
func caCount(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got int
		if err := f.app.DB.Get(context.Background(), &got, `SELECT count(*) FROM commitments c JOIN collectives k
			ON k.id = c.collective_id WHERE k.slug = ?`, scA); err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%d commitments in %s, want %d", got, scA, n)
		}
	}
}

// caAll runs every check.
func caAll(checks ...func(t *testing.T, f *apiFixture, ans apiAnswer)) func(t *testing.T, f *apiFixture, ans apiAnswer) {
	return func(t *testing.T, f *apiFixture, ans apiAnswer) {
		t.Helper()
		for _, c := range checks {
			c(t, f, ans)
		}
	}
}

// caBody is a transition body at version v.
func caBody(v int64) string { return fmt.Sprintf(`{"version": %d, "note": ""}`, v) }
