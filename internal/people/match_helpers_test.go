package people

import (
	"context"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// Helpers for the matching and groupings tests. They write profiles,
// tags and values straight into the tables (the profile and values
// services are tested on their own) and move the versions on the way
// those services do, in the same transaction.

// testProfile is what setProfile stores; a field missing from vis keeps
// the default visibility (members of the collective).
type testProfile struct {
	Display, Org          string
	Skills, Offers, Needs []string
	Vis                   map[Field]Visibility
}

// setProfile replaces the profile and tags of account userID.
func (f *fixture) setProfile(t testing.TB, userID int64, p testProfile) {
	t.Helper()
	vis := DefaultVisibility()
	for k, v := range p.Vis {
		vis[k] = v
	}
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		for _, q := range []string{"DELETE FROM profile_tags WHERE user_id = ?", "DELETE FROM profiles WHERE user_id = ?"} {
			if _, err := tx.Exec(ctx, q, userID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO profiles (user_id, display_name, organisation, vis_display_name,
			vis_organisation, vis_skills, vis_offers, vis_needs, vis_values, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			userID, p.Display, p.Org, vis[FieldDisplayName], vis[FieldOrganisation], vis[FieldSkills], vis[FieldOffers],
			vis[FieldNeeds], vis[FieldValues], tx.Now); err != nil {
			return err
		}
		for kind, tags := range map[TagKind][]string{TagSkill: p.Skills, TagOffer: p.Offers, TagNeed: p.Needs} {
			for i, tag := range tags {
				if _, err := tx.Exec(ctx, `INSERT INTO profile_tags (user_id, kind, tag, label, position) VALUES (?, ?, ?, ?, ?)`,
					userID, string(kind), NormaliseTag(tag), tag, i); err != nil {
					return err
				}
			}
		}
		return bumpUser(ctx, tx, userID)
	}))
}

// terms makes sure the collective's vocabulary holds names (active) and
// returns their IDs by name.
func (f *fixture) terms(t testing.TB, names ...string) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		for _, n := range names {
			if _, err := tx.Exec(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, status, created_at, updated_at)
				VALUES (?, ?, ?, 'active', ?, ?) ON CONFLICT (collective_id, sort_name) DO NOTHING`,
				f.C.ID, n, strings.ToLower(n), tx.Now, tx.Now); err != nil {
				return err
			}
			var id int64
			if err := tx.Get(ctx, &id, "SELECT id FROM value_terms WHERE collective_id = ? AND sort_name = ?", f.C.ID, strings.ToLower(n)); err != nil {
				return err
			}
			ids[n] = id
		}
		return bumpCollective(ctx, tx, f.C.ID)
	}))
	return ids
}

// setValues replaces the member's ranked values with names, first rank
// first (the names are added to the vocabulary if missing).
func (f *fixture) setValues(t testing.TB, memberID int64, names ...string) {
	t.Helper()
	ids := f.terms(t, names...)
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		if _, err := tx.Exec(ctx, "DELETE FROM person_values WHERE member_id = ?", memberID); err != nil {
			return err
		}
		for i, n := range names {
			if _, err := tx.Exec(ctx, `INSERT INTO person_values (member_id, collective_id, term_id, rank) VALUES (?, ?, ?, ?)`,
				memberID, f.C.ID, ids[n], i+1); err != nil {
				return err
			}
		}
		return bumpCollective(ctx, tx, f.C.ID)
	}))
}

// leave removes the member from the collective the way the collective
// service does as far as matching can tell: the row goes (values with it)
// and the collective's version moves on.
func (f *fixture) leave(t testing.TB, memberID int64) {
	t.Helper()
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		if _, err := tx.Exec(ctx, "DELETE FROM members WHERE id = ?", memberID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE collectives SET member_count = member_count - 1, version = version + 1 WHERE id = ?", f.C.ID)
		return err
	}))
}

// member joins a new member named name and returns their account and
// Access.
func (f *fixture) member(t testing.TB, name string) (*auth.User, *collective.Access) {
	t.Helper()
	return f.join(t, name, auth.Member)
}

// fresh reloads a's Access (after members joined or left, the collective's
// version moved on).
func (f *fixture) fresh(t testing.TB, a *collective.Access) *collective.Access {
	t.Helper()
	return f.access(t, a.User)
}

// fakeQueue records what StartGrouping enqueues without running it.
type fakeQueue struct {
	args   []river.JobArgs
	owners []jobs.Owner
}

func (q *fakeQueue) Enqueue(_ context.Context, _ *store.Tx, args river.JobArgs, owner jobs.Owner) (int64, error) {
	q.args = append(q.args, args)
	q.owners = append(q.owners, owner)
	return int64(1000 + len(q.args)), nil
}

// matchNames lists the names of matches, in order.
func matchNames(ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// cachedIndex is the index the service holds for the fixture's collective.
func (f *fixture) cachedIndex(t testing.TB) *matchIndex {
	t.Helper()
	e, found := f.S.indexes.Load(f.C.ID)
	if !found {
		t.Fatal("no index cached")
	}
	entry := e.(*indexEntry)
	entry.mu.Lock()
	defer entry.mu.Unlock()
	return entry.ix
}

// userOf is the account of a member.
func (f *fixture) userOf(t testing.TB, memberID int64) int64 {
	t.Helper()
	var id int64
	ok(t, f.DB.Get(context.Background(), &id, "SELECT user_id FROM members WHERE id = ?", memberID))
	return id
}
