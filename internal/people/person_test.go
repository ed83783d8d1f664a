package people

import (
	"encoding/json"
	"strings"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func TestPerson(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.rank(t, f.Member, "Fairness", "Care")
		for _, v := range []Visibility{OnlyMe, Stewards, Collectives, Everyone} {
			f.save(t, f.Member, fullInput(v))
			for _, w := range f.viewers() {
				t.Run(v.String()+"/"+w.name, func(t *testing.T) {
					got, err := f.S.Person(ctxOf(w.a), w.a, f.Member.MemberID)
					ok(t, err)
					want := &View{MemberID: f.Member.MemberID, Name: "Mia Member", Self: w.name == "Self"}
					if w.sees[v] {
						want = &View{MemberID: f.Member.MemberID, Name: "Mia M.", Self: w.name == "Self", DisplayName: "Mia M.",
							Pronouns: "she/her", Organisation: "Food Bank", Department: "Outreach", RoleTitle: "Coordinator",
							About: "I grow a secret garden.", Skills: []string{"Grant writing"}, Offers: []string{"Mentoring"},
							Needs: []string{"Data analysis"}, Values: got.Values}
						if len(got.Values) != 2 || got.Values[0].Name != "Fairness" || got.Values[0].Rank != 1 || got.Values[1].Name != "Care" {
							t.Fatalf("values: %+v", got.Values)
						}
					}
					if want.Self {
						want.Visibility = allVis(v)
					}
					got.Answers = nil // answers are the values helper's to test
					same(t, "view", got, want)
					body, err := json.Marshal(got)
					ok(t, err)
					for _, key := range []string{`"about"`, `"skills"`, `"values"`, `"organisation"`} {
						if strings.Contains(string(body), key) != w.sees[v] {
							t.Fatalf("JSON %s: %s shown %v, want %v", body, key, !w.sees[v], w.sees[v])
						}
					}
				})
			}
		}
		t.Run("MixedFields", func(t *testing.T) {
			in := fullInput(Collectives)
			in.Visibility = map[Field]Visibility{FieldDisplayName: OnlyMe, FieldAbout: Stewards, FieldValues: OnlyMe}
			f.save(t, f.Member, in)
			got, err := f.S.Person(ctxOf(f.Other), f.Other, f.Member.MemberID)
			ok(t, err)
			if got.Name != "Mia Member" || got.DisplayName != "" || got.About != "" || got.Values != nil || got.Organisation != "Food Bank" {
				t.Fatalf("member sees %+v", got)
			}
			got, err = f.S.Person(ctxOf(f.Steward), f.Steward, f.Member.MemberID)
			ok(t, err)
			if got.Name != "Mia Member" || got.About != "I grow a secret garden." || got.Values != nil {
				t.Fatalf("steward sees %+v", got)
			}
		})
		t.Run("NoProfile", func(t *testing.T) {
			got, err := f.S.Person(ctxOf(f.Member), f.Member, f.Other.MemberID)
			ok(t, err)
			same(t, "answers", got.Answers, []Answer{})
			got.Answers = nil
			same(t, "view", got, &View{MemberID: f.Other.MemberID, Name: "Oscar Other", Values: []RankedValue{}})
		})
		t.Run("ErrAnon", func(t *testing.T) {
			_, err := f.S.Person(ctxOf(f.Anon), f.Anon, f.Member.MemberID)
			wantErr(t, err, errs.Unauthorized, "", "")
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			_, err := f.S.Person(ctxOf(f.Member), f.Member, 99999)
			wantErr(t, err, errs.NotFound, "", "not a member of River")
		})
		t.Run("ErrOtherCollective", func(t *testing.T) {
			other := f.otherCollective(t)
			_, err := f.S.Person(ctxOf(f.Steward), f.Steward, other.MemberID)
			wantErr(t, err, errs.NotFound, "", "")
		})
	})
}

// otherCollective makes a second collective, "lake", whose steward is a
// new account, and returns that steward's Access there.
func (f *fixture) otherCollective(t *testing.T) *collective.Access {
	t.Helper()
	u := f.user(t, "Lea Lake")
	if _, err := f.Col.Create(ctxOf(&collective.Access{User: u}), collective.Input{Slug: "lake", Name: "Lake", Visibility: "private"}); err != nil {
		t.Fatal(err)
	}
	return f.accessIn(t, u, "lake")
}
