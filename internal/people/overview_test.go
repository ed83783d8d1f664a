package people

import (
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// share is a TermShare without its id, as the hand-made case states it.
type share struct {
	Name                    string
	People, TopThree, Score int
	Share                   float64
}

func TestValuesOverview(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		// The hand-made case: who ranks what, and who may see it.
		//   Steward  Learning, Fairness                  everyone
		//   Member   Fairness, Learning, Courage, Care   collectives (default)
		//   Other    Care, Fairness                      only me
		//   Observer Fairness                            stewards
		ok(t, f.S.SetMyValues(ctxOf(f.Steward), f.Steward, picks("Learning", "Fairness")))
		ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, picks("Fairness", "Learning", "Courage", "Care")))
		ok(t, f.S.SetMyValues(ctxOf(f.Other), f.Other, picks("Care", "Fairness")))
		ok(t, f.S.SetMyValues(ctxOf(f.Observer), f.Observer, picks("Fairness")))
		f.setValuesVisibility(t, f.Steward, Everyone)
		f.setValuesVisibility(t, f.Other, OnlyMe)
		f.setValuesVisibility(t, f.Observer, Stewards)
		for _, c := range []struct {
			name   string
			viewer *collective.Access
			people int
			want   []share
		}{
			// A member sees the steward and themself; Other and the
			// observer keep their values from members.
			{"Member", f.Member, 2, []share{{"Fairness", 2, 2, 19, 1}, {"Learning", 2, 2, 19, 1},
				{"Courage", 1, 1, 8, 0.5}, {"Care", 1, 0, 7, 0.5}}},
			// A steward also sees the observer's.
			{"Steward", f.Steward, 3, []share{{"Fairness", 3, 3, 29, 1}, {"Learning", 2, 2, 19, 2.0 / 3},
				{"Courage", 1, 1, 8, 1.0 / 3}, {"Care", 1, 0, 7, 1.0 / 3}}},
			// Other sees their own, hidden from everyone else.
			{"OtherSeesOwn", f.Other, 3, []share{{"Fairness", 3, 3, 28, 1}, {"Learning", 2, 2, 19, 2.0 / 3},
				{"Care", 2, 1, 17, 2.0 / 3}, {"Courage", 1, 1, 8, 1.0 / 3}}},
			// Someone outside sees only what is shown to everyone.
			{"Outsider", f.Outsider, 1, []share{{"Learning", 1, 1, 10, 1}, {"Fairness", 1, 1, 9, 1}}},
		} {
			t.Run(c.name, func(t *testing.T) {
				o, err := f.S.ValuesOverview(ctxOf(c.viewer), c.viewer)
				ok(t, err)
				same(t, "people", o.People, c.people)
				got := []share{}
				for _, s := range o.Terms {
					got = append(got, share{s.Name, s.People, s.TopThree, s.Score, s.Share})
					if s.TermID != f.termID(t, s.Name) || s.Status != TermActive {
						t.Errorf("%s: id %d status %s", s.Name, s.TermID, s.Status)
					}
				}
				same(t, "terms", got, c.want)
			})
		}
		t.Run("RetiredStillCounted", func(t *testing.T) {
			ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, f.termID(t, "Courage"), TermRetired))
			o, err := f.S.ValuesOverview(ctxOf(f.Member), f.Member)
			ok(t, err)
			same(t, "courage", []any{o.Terms[2].Name, o.Terms[2].Status}, []any{"Courage", TermRetired})
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.S.ValuesOverview(ctxOf(f.Anon), f.Anon)
			wantErr(t, err, errs.Unauthorized, "", "")
		})
	})
}

func TestValuesOverviewEmpty(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		o, err := f.S.ValuesOverview(ctxOf(f.Member), f.Member)
		ok(t, err)
		same(t, "overview", *o, Overview{People: 0, Terms: []TermShare{}})
	})
}
