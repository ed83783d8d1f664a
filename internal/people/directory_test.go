package people

import (
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// names lists the names on a directory page.
func names(p *DirectoryPage) []string {
	out := []string{}
	for _, c := range p.People {
		out = append(out, c.Name)
	}
	return out
}

// dirSetup gives Mia a profile whose every field is at v and values, and
// Oscar a public profile.
func dirSetup(t *testing.T, f *fixture, v Visibility) {
	t.Helper()
	f.save(t, f.Member, fullInput(v))
	f.save(t, f.Other, ProfileInput{DisplayName: "Oz", Organisation: "Library", Skills: []string{"Cataloguing"},
		Visibility: allVis(Everyone)})
}

func TestDirectoryVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.rank(t, f.Member, "Fairness", "Care", "Trust", "Honesty")
		for _, v := range []Visibility{OnlyMe, Stewards, Collectives, Everyone} {
			dirSetup(t, f, v)
			for _, w := range f.viewers() {
				t.Run(v.String()+"/"+w.name, func(t *testing.T) {
					dir := func(q DirectoryQuery) *DirectoryPage {
						t.Helper()
						p, err := f.S.Directory(ctxOf(w.a), w.a, q)
						ok(t, err)
						return p
					}
					all := dir(DirectoryQuery{})
					same(t, "names", names(all), map[bool][]string{
						true:  {"Mia M.", "Olga Observer", "Oz", "Sam Steward"},
						false: {"Mia Member", "Olga Observer", "Oz", "Sam Steward"}}[w.sees[v]])
					mia := all.People[0]
					want := Card{MemberID: f.Member.MemberID, Name: "Mia Member"}
					if w.sees[v] {
						want = Card{MemberID: f.Member.MemberID, Name: "Mia M.", Pronouns: "she/her", Organisation: "Food Bank",
							RoleTitle: "Coordinator", Skills: []string{"Grant writing"}, TopValues: []string{"Fairness", "Care", "Trust"}}
					}
					same(t, "card", mia, want)
					// Every search and filter that only Mia's fields can
					// match finds her exactly when the viewer may see them.
					for _, q := range []DirectoryQuery{
						{Text: "secret GARDEN"}, {Text: "outreach"}, {Text: "coordinator"}, {Text: "food"}, {Text: "mia m."},
						{Text: "grant writing"}, {Text: "mentor"}, {Text: "analysis"},
						{Organisation: "FOOD BANK"}, {Skill: " Grant   Writing"}, {Value: "fairness"}, {Value: "Trust"},
					} {
						got := names(dir(q))
						wantNames := []string{}
						if w.sees[v] {
							wantNames = []string{"Mia M."}
						}
						same(t, "search "+q.Text+q.Organisation+q.Skill+q.Value, got, wantNames)
					}
					// Her account name is always searchable.
					if got := dir(DirectoryQuery{Text: "mia member"}); got.Total != 1 {
						t.Fatalf("account name search found %d", got.Total)
					}
					orgs, err := f.S.Organisations(ctxOf(w.a), w.a)
					ok(t, err)
					same(t, "organisations", orgs, map[bool][]string{true: {"Food Bank", "Library"}, false: {"Library"}}[w.sees[v]])
				})
			}
		}
	})
}

func TestDirectory(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		dirSetup(t, f, Collectives)
		t.Run("Paging", func(t *testing.T) {
			var got []string
			for page := 1; page <= 3; page++ {
				p, err := f.S.Directory(ctxOf(f.Member), f.Member, DirectoryQuery{Page: page, PerPage: 2})
				ok(t, err)
				want := map[int]struct {
					n    int
					next bool
				}{1: {2, true}, 2: {2, false}, 3: {0, false}}[page]
				if len(p.People) != want.n || p.HasNext != want.next || p.Total != 4 || p.Page != page || p.PerPage != 2 {
					t.Fatalf("page %d: %d people, next %v, total %d", page, len(p.People), p.HasNext, p.Total)
				}
				got = append(got, names(p)...)
			}
			same(t, "order", got, []string{"Mia M.", "Olga Observer", "Oz", "Sam Steward"})
		})
		t.Run("Filters", func(t *testing.T) {
			p, err := f.S.Directory(ctxOf(f.Member), f.Member, DirectoryQuery{Text: "a", Organisation: "library"})
			ok(t, err)
			same(t, "filtered", names(p), []string{"Oz"})
			p, err = f.S.Directory(ctxOf(f.Member), f.Member, DirectoryQuery{Text: "50%_"})
			ok(t, err)
			same(t, "wildcards are literal", names(p), []string{})
		})
		t.Run("ErrUnknownValue", func(t *testing.T) {
			_, err := f.S.Directory(ctxOf(f.Member), f.Member, DirectoryQuery{Value: "Courage to fly"})
			wantErr(t, err, errs.Invalid, "value", `"Courage to fly" is not one of River's values.`)
		})
		t.Run("ErrPerPage", func(t *testing.T) {
			_, err := f.S.Directory(ctxOf(f.Member), f.Member, DirectoryQuery{PerPage: 201})
			wantErr(t, err, errs.Invalid, "per_page", "")
		})
		t.Run("ErrAnon", func(t *testing.T) {
			for _, fn := range []func(a *collective.Access) error{
				func(a *collective.Access) error { _, err := f.S.Directory(ctxOf(a), a, DirectoryQuery{}); return err },
				func(a *collective.Access) error { _, err := f.S.Organisations(ctxOf(a), a); return err },
			} {
				wantErr(t, fn(f.Anon), errs.Unauthorized, "", "")
			}
		})
	})
}
