package people

import (
	"context"
	"strings"
	"sync"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// termID is the id of the fixture collective's term named name.
func (f *fixture) termID(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	if err := f.DB.Get(context.Background(), &id, "SELECT id FROM value_terms WHERE collective_id = ? AND sort_name = ?",
		f.C.ID, sortName(name)); err != nil {
		t.Fatalf("term %s: %v", name, err)
	}
	return id
}

// setValuesVisibility stores the visibility of a's values on their
// profile, straight in the table (profiles are another file's to test).
func (f *fixture) setValuesVisibility(t testing.TB, a *collective.Access, v Visibility) {
	t.Helper()
	err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO profiles (user_id, vis_values, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET vis_values = excluded.vis_values`, a.User.ID, int(v), tx.Now)
		return err
	})
	ok(t, err)
}

// termNames lists the names of terms, in order.
func termNames(terms []Term) []string {
	out := []string{}
	for _, t := range terms {
		out = append(out, t.Name)
	}
	return out
}

// termByName finds a term in a list.
func termByName(t testing.TB, terms []Term, name string) Term {
	t.Helper()
	for _, x := range terms {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no term %s in %v", name, termNames(terms))
	return Term{}
}

func TestStarterVocabulary(t *testing.T) {
	if n := len(starterVocabulary); n < 38 || n > 45 {
		t.Fatalf("%d starter values, want about 40", n)
	}
	seen := map[string]bool{}
	for _, v := range starterVocabulary {
		in := TermInput{Name: v.Name, Description: v.Description}
		if err := in.normalise(); err != nil || in.Name != v.Name || in.Description != v.Description {
			t.Errorf("%s: not clean (%v)", v.Name, err)
		}
		if v.Description == "" || !strings.HasSuffix(v.Description, ".") {
			t.Errorf("%s: description %q should be one sentence", v.Name, v.Description)
		}
		if seen[sortName(v.Name)] {
			t.Errorf("%s twice", v.Name)
		}
		seen[sortName(v.Name)] = true
	}
}

func TestSeeding(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		t.Run("OnceOnFirstRead", func(t *testing.T) {
			same(t, "terms before", f.count(t, "SELECT count(*) FROM value_terms"), 0)
			terms, err := f.S.Vocabulary(ctxOf(f.Member), f.Member, "")
			ok(t, err)
			same(t, "terms listed", len(terms), len(starterVocabulary))
			same(t, "first", terms[0].Name, "Accountability")
			same(t, "version after seeding", f.version(t), int64(1))
			terms, err = f.S.Vocabulary(ctxOf(f.Steward), f.Steward, "all")
			ok(t, err)
			same(t, "terms listed again", len(terms), len(starterVocabulary))
			same(t, "terms stored", f.count(t, "SELECT count(*) FROM value_terms"), len(starterVocabulary))
			same(t, "version after second read", f.version(t), int64(1))
			same(t, "seeded", f.count(t, "SELECT count(*) FROM people_state WHERE seeded_at IS NOT NULL"), 1)
		})
		t.Run("KeepsExistingName", func(t *testing.T) {
			other, err := f.Col.Create(ctxOf(f.Steward), collective.Input{Slug: "lake", Name: "Lake", Visibility: "private"})
			ok(t, err)
			ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, description, status, created_at, updated_at)
					VALUES (?, 'FAIRNESS', 'fairness', 'Ours.', 'retired', ?, ?)`, other.ID, tx.Now, tx.Now)
				return err
			}))
			ok(t, f.S.ensureSeeded(ctx, other.ID))
			same(t, "terms", f.count(t, "SELECT count(*) FROM value_terms WHERE collective_id = ?", other.ID), len(starterVocabulary))
			same(t, "kept", f.count(t, "SELECT count(*) FROM value_terms WHERE collective_id = ? AND name = 'FAIRNESS' AND status = 'retired'", other.ID), 1)
		})
		t.Run("ConcurrentInstances", func(t *testing.T) {
			// Two instances: each its own connection pool on one database.
			other, err := f.Col.Create(ctxOf(f.Steward), collective.Input{Slug: "sea", Name: "Sea", Visibility: "private"})
			ok(t, err)
			db2, err := store.Open(ctx, f.DB.DSN())
			ok(t, err)
			defer db2.Close()
			services := []*Service{f.S, {DB: db2}}
			var wg sync.WaitGroup
			errc := make(chan error, 8)
			for i := range 8 {
				wg.Go(func() { errc <- services[i%2].ensureSeeded(ctx, other.ID) })
			}
			wg.Wait()
			close(errc)
			for err := range errc {
				ok(t, err)
			}
			same(t, "terms", f.count(t, "SELECT count(*) FROM value_terms WHERE collective_id = ?", other.ID), len(starterVocabulary))
			same(t, "bumped once", f.count(t, "SELECT data_version FROM people_state WHERE collective_id = ?", other.ID), 1)
		})
	})
}

func TestVocabulary(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Playfulness"})
		ok(t, err)
		_, err = f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Thrift"})
		ok(t, err)
		ok(t, f.S.SetValueStatus(ctxOf(f.Steward), f.Steward, f.termID(t, "Joy"), TermRetired))
		t.Run("MemberSeesActiveAndOwnProposals", func(t *testing.T) {
			all, err := f.S.Vocabulary(ctxOf(f.Member), f.Member, "all")
			ok(t, err)
			same(t, "count", len(all), len(starterVocabulary)) // -Joy +Playfulness
			same(t, "own", termByName(t, all, "Playfulness").Status, TermProposed)
			proposed, err := f.S.Vocabulary(ctxOf(f.Member), f.Member, TermProposed)
			ok(t, err)
			same(t, "proposed", termNames(proposed), []string{"Playfulness"})
			retired, err := f.S.Vocabulary(ctxOf(f.Member), f.Member, TermRetired)
			ok(t, err)
			same(t, "retired", termNames(retired), []string{})
			active, err := f.S.Vocabulary(ctxOf(f.Member), f.Member, "")
			ok(t, err)
			same(t, "active", len(active), len(starterVocabulary)-1)
		})
		t.Run("StewardSeesAll", func(t *testing.T) {
			proposed, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, TermProposed)
			ok(t, err)
			same(t, "proposed", termNames(proposed), []string{"Playfulness", "Thrift"})
			same(t, "proposer", proposed[1].ProposedBy, "Oscar Other")
			retired, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, TermRetired)
			ok(t, err)
			same(t, "retired", termNames(retired), []string{"Joy"})
		})
		t.Run("OutsiderSeesActive", func(t *testing.T) {
			active, err := f.S.Vocabulary(ctxOf(f.Outsider), f.Outsider, "all")
			ok(t, err)
			same(t, "active", len(active), len(starterVocabulary)-1)
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.S.Vocabulary(ctxOf(f.Anon), f.Anon, "")
			wantErr(t, err, errs.Unauthorized, "", "Sign in")
		})
		t.Run("ErrStatus", func(t *testing.T) {
			_, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, "gone")
			wantErr(t, err, errs.Invalid, "status", `not "gone"`)
		})
		t.Run("PeopleCountsOnlyVisible", func(t *testing.T) {
			ok(t, f.S.SetMyValues(ctxOf(f.Member), f.Member, []ValuePick{{Name: "Fairness"}}))
			ok(t, f.S.SetMyValues(ctxOf(f.Other), f.Other, []ValuePick{{Name: "Fairness"}}))
			f.setValuesVisibility(t, f.Other, OnlyMe)
			for _, c := range []struct {
				name string
				a    *collective.Access
				want int
			}{{"Member", f.Member, 1}, {"Other", f.Other, 2}, {"Steward", f.Steward, 1}, {"Outsider", f.Outsider, 0}} {
				terms, err := f.S.Vocabulary(ctxOf(c.a), c.a, "")
				ok(t, err)
				if got := termByName(t, terms, "Fairness").People; got != c.want {
					t.Errorf("%s sees %d people ranking Fairness, want %d", c.name, got, c.want)
				}
			}
		})
	})
}
