package collective_test

import (
	"context"
	"slices"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)

		t.Run("ErrSoleSteward", func(t *testing.T) {
			w := f.world(t, "sole", "private")
			before := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", w.steward.ID)
			err := f.beforeDelete(t, as(w.steward), w.steward.ID)
			wantErr(t, err, errs.Conflict, "")
			wantMessage(t, err, "only steward of Collective sole")
			if n := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", w.steward.ID); n != before || n != 1 {
				t.Fatalf("%d memberships after a refused delete, want %d", n, before)
			}
		})
		t.Run("OKAnotherSteward", func(t *testing.T) {
			w := f.world(t, "shared", "private")
			ok(t, f.svc.SetRoles(as(w.steward), f.access(t, w.steward, "shared"), w.memberID, []string{"member", "steward"}))
			ok(t, f.beforeDelete(t, as(w.steward), w.steward.ID))
			if n := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", w.steward.ID); n != 0 {
				t.Fatalf("%d memberships left", n)
			}
			if n := f.count(t, "SELECT count(*) FROM members WHERE collective_id = ?", w.c.ID); n != 2 {
				t.Fatalf("%d members left in the collective, want 2", n)
			}
		})
		t.Run("OKAlone", func(t *testing.T) {
			u := f.user(t, "Lonely Steward")
			f.create(t, u, "alone", "private")
			ok(t, f.beforeDelete(t, as(u), u.ID))
			if n := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", u.ID); n != 0 {
				t.Fatalf("%d memberships left", n)
			}
		})
		t.Run("OKArchived", func(t *testing.T) {
			w := f.world(t, "old", "private")
			ok(t, f.svc.SetArchived(as(w.steward), f.access(t, w.steward, "old"), true))
			ok(t, f.beforeDelete(t, as(w.steward), w.steward.ID))
			if n := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", w.steward.ID); n != 0 {
				t.Fatalf("%d memberships left", n)
			}
		})
		t.Run("OKPlainMember", func(t *testing.T) {
			w := f.world(t, "plain", "private")
			ok(t, f.beforeDelete(t, as(w.member), w.member.ID))
			if n := f.count(t, "SELECT count(*) FROM members WHERE user_id = ?", w.member.ID); n != 0 {
				t.Fatalf("%d memberships left", n)
			}
			if n := f.count(t, "SELECT count(*) FROM member_roles WHERE member_id = ?", w.memberID); n != 0 {
				t.Fatalf("%d roles left", n)
			}
		})
		t.Run("SyncName", func(t *testing.T) {
			w := f.world(t, "names", "private")
			names := func() []string {
				// Access is loaded per request, as the pages do, so it
				// sees the collective's current version.
				p, err := f.svc.Members(as(w.steward), f.access(t, w.steward, "names"), collective.MemberQuery{})
				ok(t, err)
				var out []string
				for _, m := range p.Members {
					out = append(out, m.Name)
				}
				return out
			}
			if got, want := names(), []string{"Mia Member", "Olga Observer", "Sam Steward"}; !slices.Equal(got, want) {
				t.Fatalf("names %v, want %v", got, want)
			}
			ok(t, db.Write(as(nil), func(tx *store.Tx) error {
				_, err := tx.Exec(as(nil), "UPDATE users SET name = 'Adam Steward' WHERE id = ?", w.steward.ID)
				return err
			}))
			ok(t, f.svc.SyncName(as(w.steward), w.steward.ID, "  Adam Steward "))
			if got, want := names(), []string{"Adam Steward", "Mia Member", "Olga Observer"}; !slices.Equal(got, want) {
				t.Fatalf("names after rename %v, want %v", got, want)
			}
			p, err := f.svc.Members(as(w.steward), f.access(t, w.steward, "names"), collective.MemberQuery{Search: "adam"})
			ok(t, err)
			if p.Total != 1 || p.Members[0].UserID != w.steward.ID {
				t.Fatalf("search by new name: %+v", p)
			}
		})
		t.Run("ExportMemberships", func(t *testing.T) {
			w := f.world(t, "export", "private")
			f.create(t, w.member, "b-side", "public")
			a := f.access(t, w.steward, "export")
			o, err := f.svc.CreateOrganisation(as(w.steward), a, collective.OrgInput{Name: "Acme"})
			ok(t, err)
			ok(t, f.svc.SetAffiliations(as(w.steward), a, w.memberID, []int64{o.ID}))
			got, err := f.svc.ExportMemberships(as(w.member), w.member.ID)
			ok(t, err)
			list, isList := got.([]collective.Membership)
			if !isList || len(list) != 2 {
				t.Fatalf("export = %#v", got)
			}
			if m := list[0]; m.Collective != "Collective b-side" || m.Slug != "b-side" || !slices.Equal(m.Roles, []string{"member", "steward"}) || len(m.Organisations) != 0 {
				t.Fatalf("first membership %+v", m)
			}
			if m := list[1]; m.Collective != "Collective export" || m.Slug != "export" || !slices.Equal(m.Roles, []string{"member"}) ||
				len(m.Organisations) != 1 || m.Organisations[0] != (collective.OrgRef{ID: o.ID, Name: "Acme"}) {
				t.Fatalf("second membership %+v", m)
			}
			got, err = f.svc.ExportMemberships(as(w.outsider), w.outsider.ID)
			ok(t, err)
			if list, _ := got.([]collective.Membership); len(list) != 0 {
				t.Fatalf("outsider export = %#v", got)
			}
		})
	})
}

// beforeDelete runs the account-deletion hook in its own transaction, as
// the account service does.
func (f *fixture) beforeDelete(t *testing.T, ctx context.Context, userID int64) error {
	t.Helper()
	return f.db.Write(ctx, func(tx *store.Tx) error { return f.svc.BeforeAccountDelete(ctx, tx, userID) })
}
