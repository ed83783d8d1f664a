package people

import (
	"math"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// matchCase is the hand-made collective of the matching tests. Mia (the
// subject) ranks fairness, learning, care (weights 10, 9, 8; |Mia|² = 245),
// needs grant writing and offers mentoring.
//
//	Oscar: fairness, learning, care (the same vector: cosine 1); offers grant
//	       writing, needs nothing: complementarity (1 + 0) / (1 + 0) = 1;
//	       score 0.7 + 0.3 = 1.
//	Ana:   care, fairness (weights 10, 9; |Ana|² = 181); dot = fairness 10·9
//	       + care 8·10 = 170; cosine 170 / √(245·181) ≈ 0.80728; needs
//	       mentoring: (0 + 1) / (1 + 1) = 0.5; score ≈ 0.71510.
//	Cleo:  Mia's very values, but shown to herself only: not scored on them;
//	       offers grant writing: complementarity 1, score 0.3.
//	Ben:   courage only, no tags: score 0, left out.
//	Dan:   courage; offers grant writing but only to himself: left out.
type matchCase struct {
	f                    *fixture
	mia, oscar           *collective.Access
	ana, cleo, ben, dan  int64
	anaCos, anaStewardSc float64
}

func newMatchCase(t *testing.T, f *fixture) *matchCase {
	t.Helper()
	c := &matchCase{f: f, mia: f.Member, oscar: f.Other}
	f.setProfile(t, f.Member.User.ID, testProfile{Needs: []string{"Grant  Writing"}, Offers: []string{"mentoring"}})
	f.setValues(t, f.Member.MemberID, "fairness", "learning", "care")
	f.setProfile(t, f.Other.User.ID, testProfile{Offers: []string{"grant writing"}, Org: "Hillside"})
	f.setValues(t, f.Other.MemberID, "fairness", "learning", "care")
	ana, anaA := f.member(t, "Ana Alder")
	c.ana = anaA.MemberID
	f.setProfile(t, ana.ID, testProfile{Needs: []string{"Mentoring"}, Org: "Riverbank Trust", Skills: []string{"Budgets"}})
	f.setValues(t, c.ana, "care", "fairness")
	cleo, cleoA := f.member(t, "Cleo Clay")
	c.cleo = cleoA.MemberID
	f.setProfile(t, cleo.ID, testProfile{Offers: []string{"grant writing"}, Vis: map[Field]Visibility{FieldValues: OnlyMe}})
	f.setValues(t, c.cleo, "fairness", "learning", "care")
	_, benA := f.member(t, "Ben Birch")
	c.ben = benA.MemberID
	f.setValues(t, c.ben, "courage")
	dan, danA := f.member(t, "Dan Dale")
	c.dan = danA.MemberID
	f.setProfile(t, dan.ID, testProfile{Offers: []string{"grant writing"}, Vis: map[Field]Visibility{FieldOffers: OnlyMe}})
	f.setValues(t, c.dan, "courage")
	c.mia, c.oscar = f.fresh(t, f.Member), f.fresh(t, f.Other)
	f.Steward = f.fresh(t, f.Steward)
	c.anaCos = 170 / math.Sqrt(245*181)
	return c
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Fatalf("%s = %.15f, want %.15f", what, got, want)
	}
}

func TestMatches(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c := newMatchCase(t, f)
		t.Run("OK", func(t *testing.T) {
			ms, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{})
			ok(t, err)
			same(t, "names", matchNames(ms), []string{"Oscar Other", "Ana Alder", "Cleo Clay"})
			near(t, "Oscar score", ms[0].Score, 1)
			near(t, "Oscar values", ms[0].ValueSimilarity, 1)
			near(t, "Oscar compl", ms[0].Complementarity, 1)
			near(t, "Ana values", ms[1].ValueSimilarity, c.anaCos)
			near(t, "Ana compl", ms[1].Complementarity, 0.5)
			near(t, "Ana score", ms[1].Score, 0.7*c.anaCos+0.15)
			near(t, "Cleo score", ms[2].Score, 0.3)
			same(t, "Oscar", ms[0], Match{MemberID: c.oscar.MemberID, Name: "Oscar Other", Organisation: "Hillside",
				Score: ms[0].Score, ValueSimilarity: ms[0].ValueSimilarity, Complementarity: ms[0].Complementarity,
				SharedValues: []string{"fairness", "learning", "care"}, TheyOffer: []string{"grant writing"}, YouOffer: []string{},
				Reasons: []string{"You both rank fairness first",
					"You both hold fairness, learning and care (both in your top three)",
					"Oscar Other offers grant writing, which you need"}})
			same(t, "Ana", ms[1].Reasons, []string{"You both hold fairness and care (both in your top three)",
				"You offer mentoring, which Ana Alder needs"})
			same(t, "Ana shared", ms[1].SharedValues, []string{"fairness", "care"})
			// Cleo's values are hers alone: not scored, not named.
			same(t, "Cleo", ms[2].SharedValues, []string{})
			same(t, "Cleo reasons", ms[2].Reasons, []string{"Cleo Clay offers grant writing, which you need"})
		})
		t.Run("K", func(t *testing.T) {
			ms, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{K: 1})
			ok(t, err)
			same(t, "names", matchNames(ms), []string{"Oscar Other"})
		})
		t.Run("ErrK", func(t *testing.T) {
			for _, k := range []int{-1, 51} {
				_, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{K: k})
				wantErr(t, err, errs.Invalid, "k", "between 1 and 50")
			}
		})
		t.Run("Filters", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				q    MatchQuery
				want []string
			}{
				{"Organisation", MatchQuery{Organisation: " riverbank TRUST"}, []string{"Ana Alder"}},
				{"Skill", MatchQuery{Skill: "budgets"}, []string{"Ana Alder"}},
				{"Value", MatchQuery{Value: "Learning"}, []string{"Oscar Other"}}, // Cleo's values are hidden
				{"UnknownSkill", MatchQuery{Skill: "juggling"}, []string{}},
				{"UnknownValue", MatchQuery{Value: "speed"}, []string{}},
			} {
				ms, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, tc.q)
				ok(t, err)
				same(t, tc.name, matchNames(ms), tc.want)
			}
		})
		t.Run("StewardDoesNotUseMeFields", func(t *testing.T) {
			// Mia keeps her needs to herself: a steward introducing her
			// sees neither them nor what meets them.
			f.setProfile(t, c.mia.User.ID, testProfile{Needs: []string{"grant writing"}, Offers: []string{"mentoring"},
				Vis: map[Field]Visibility{FieldNeeds: OnlyMe}})
			ms, err := f.S.Matches(ctxOf(f.Steward), f.Steward, c.mia.MemberID, MatchQuery{})
			ok(t, err)
			// Ana: cosine as before, complementarity (0 + 1) / (0 + 1) = 1;
			// Oscar: cosine 1, nothing meets, so 0.7; Cleo: nothing visible.
			same(t, "names", matchNames(ms), []string{"Ana Alder", "Oscar Other"})
			near(t, "Ana score", ms[0].Score, 0.7*c.anaCos+0.3)
			near(t, "Oscar score", ms[1].Score, 0.7)
			same(t, "Ana reasons", ms[0].Reasons, []string{
				"Mia Member and Ana Alder both hold fairness and care (both in their top three)",
				"Mia Member offers mentoring, which Ana Alder needs"})
			same(t, "Oscar they offer", ms[1].TheyOffer, []string{})
			// Mia herself still matches on them.
			mine, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{})
			ok(t, err)
			same(t, "own", matchNames(mine), []string{"Oscar Other", "Ana Alder", "Cleo Clay"})
		})
		t.Run("Permissions", func(t *testing.T) {
			_, err := f.S.Matches(ctxOf(c.oscar), c.oscar, c.mia.MemberID, MatchQuery{})
			wantErr(t, err, errs.Forbidden, "", "")
			_, err = f.S.Matches(ctxOf(f.Outsider), f.Outsider, c.mia.MemberID, MatchQuery{})
			wantErr(t, err, errs.Forbidden, "", "")
			_, err = f.S.Matches(ctxOf(f.Anon), f.Anon, c.mia.MemberID, MatchQuery{})
			wantErr(t, err, errs.Unauthorized, "", "")
			_, err = f.S.Matches(ctxOf(f.Steward), f.Steward, 987654, MatchQuery{})
			wantErr(t, err, errs.NotFound, "", "")
			obs := f.fresh(t, f.Observer)
			ms, err := f.S.Matches(ctxOf(obs), obs, obs.MemberID, MatchQuery{})
			ok(t, err)
			same(t, "observer without values", matchNames(ms), []string{})
		})
		t.Run("Rebuilt", func(t *testing.T) {
			_, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{})
			ok(t, err)
			ix := f.cachedIndex(t)
			if _, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{}); err != nil || f.cachedIndex(t) != ix {
				t.Fatalf("index rebuilt without a change (err %v)", err)
			}
			// Ben now ranks what Mia ranks: the values change moves the
			// data version on and he appears: cosine 1, and none of Mia's
			// needs met: 0.7.
			f.setValues(t, c.ben, "fairness", "learning", "care")
			ms, err := f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{})
			ok(t, err)
			same(t, "after values", matchNames(ms), []string{"Oscar Other", "Ana Alder", "Ben Birch", "Cleo Clay"})
			// A profile change: Ben now needs mentoring too, (0 + 1) / (1 + 1):
			// 0.85.
			f.setProfile(t, f.userOf(t, c.ben), testProfile{Needs: []string{"mentoring"}})
			ms, err = f.S.Matches(ctxOf(c.mia), c.mia, c.mia.MemberID, MatchQuery{K: 2})
			ok(t, err)
			same(t, "after profile", matchNames(ms), []string{"Oscar Other", "Ben Birch"})
			// Oscar leaves: the collective's version moves on.
			f.leave(t, c.oscar.MemberID)
			mia := f.fresh(t, c.mia)
			ms, err = f.S.Matches(ctxOf(mia), mia, mia.MemberID, MatchQuery{K: 2})
			ok(t, err)
			same(t, "after leaving", matchNames(ms), []string{"Ben Birch", "Ana Alder"})
		})
	})
}
