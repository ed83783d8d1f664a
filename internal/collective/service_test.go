package collective_test

import (
	"slices"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ada := f.user(t, "Ada Lovelace")
		ctx := as(ada)
		// refused checks that a create is refused on field and wrote nothing.
		refused := func(t *testing.T, in collective.Input, field, msg string) {
			t.Helper()
			before := f.count(t, "SELECT count(*) FROM collectives")
			members := f.count(t, "SELECT count(*) FROM members")
			c, err := f.svc.Create(ctx, in)
			wantErr(t, err, errs.Invalid, field)
			wantMessage(t, err, msg)
			if c != nil {
				t.Fatalf("got collective %+v with the error", c)
			}
			if n := f.count(t, "SELECT count(*) FROM collectives"); n != before {
				t.Fatalf("%d collectives after a refused create, want %d", n, before)
			}
			if n := f.count(t, "SELECT count(*) FROM members"); n != members {
				t.Fatalf("%d members after a refused create, want %d", n, members)
			}
		}
		valid := func(slug string) collective.Input {
			return collective.Input{Slug: slug, Name: "River Coalition", Purpose: "Clean water for all", Visibility: "public"}
		}

		t.Run("OK", func(t *testing.T) {
			in := valid("  River-Coalition ")
			in.Name = "  River Coalition  "
			c, err := f.svc.Create(ctx, in)
			ok(t, err)
			if c.ID == 0 || c.Slug != "river-coalition" || c.Name != "River Coalition" || c.Purpose != "Clean water for all" ||
				c.Visibility != "public" || c.MinGroupSize != collective.DefaultGroup || !c.CreatedAt.Equal(start) || c.Archived() {
				t.Fatalf("created %+v", c)
			}
			a := f.access(t, ada, "river-coalition")
			if a.Collective.ID != c.ID || a.Collective.Name != "River Coalition" || !a.IsMember() || !a.IsSteward() {
				t.Fatalf("access %+v %+v", a, a.Collective)
			}
			if want := []string{auth.Member, auth.Steward}; !slices.Equal(a.Roles, want) {
				t.Fatalf("roles %v, want %v", a.Roles, want)
			}
			mine, err := f.svc.ListMine(ctx)
			ok(t, err)
			if len(mine) != 1 || mine[0].ID != c.ID || mine[0].Members != 1 || !slices.Equal(mine[0].Roles, []string{"member", "steward"}) {
				t.Fatalf("ListMine = %+v", mine)
			}
		})
		t.Run("ErrUnauthorized", func(t *testing.T) {
			before := f.count(t, "SELECT count(*) FROM collectives")
			_, err := f.svc.Create(as(nil), valid("nobody"))
			wantErr(t, err, errs.Unauthorized, "")
			if n := f.count(t, "SELECT count(*) FROM collectives"); n != before {
				t.Fatalf("%d collectives, want %d", n, before)
			}
		})
		t.Run("ErrSlugRequired", func(t *testing.T) {
			refused(t, valid("   "), "slug", "Enter a short address")
		})
		t.Run("ErrSlugPattern", func(t *testing.T) {
			for _, slug := range []string{"A!", "ab", "-ab", "ab-", "a b c", "río", strings.Repeat("a", 51)} {
				t.Run(slug, func(t *testing.T) { refused(t, valid(slug), "slug", "Use 3 to 50 lower-case letters") })
			}
		})
		t.Run("ErrSlugReserved", func(t *testing.T) {
			refused(t, valid("admin"), "slug", `"admin" is reserved`)
			refused(t, valid("API"), "slug", `"api" is reserved`)
		})
		t.Run("ErrSlugTaken", func(t *testing.T) {
			_, err := f.svc.Create(ctx, valid("taken"))
			ok(t, err)
			refused(t, valid("Taken"), "slug", "taken")
		})
		t.Run("ErrNameRequired", func(t *testing.T) {
			in := valid("no-name")
			in.Name = "  "
			refused(t, in, "name", "Enter a name.")
		})
		t.Run("ErrNameTooLong", func(t *testing.T) {
			in := valid("long-name")
			in.Name = strings.Repeat("é", collective.MaxName+1)
			refused(t, in, "name", "100 characters or fewer")
			in.Name = strings.Repeat("é", collective.MaxName) // 200 bytes, 100 runes
			_, err := f.svc.Create(ctx, in)
			ok(t, err)
		})
		t.Run("ErrPurposeTooLong", func(t *testing.T) {
			in := valid("long-purpose")
			in.Purpose = strings.Repeat("ü", collective.MaxPurpose+1)
			refused(t, in, "purpose", "280 characters or fewer")
			in.Purpose = strings.Repeat("ü", collective.MaxPurpose)
			_, err := f.svc.Create(ctx, in)
			ok(t, err)
		})
		t.Run("ErrVisibility", func(t *testing.T) {
			in := valid("secret")
			in.Visibility = "secret"
			refused(t, in, "visibility", "Choose public or private.")
		})
		t.Run("DefaultsToPrivate", func(t *testing.T) {
			in := valid("quiet")
			in.Visibility = ""
			c, err := f.svc.Create(ctx, in)
			ok(t, err)
			if c.Visibility != "private" {
				t.Fatalf("visibility %q", c.Visibility)
			}
		})
		t.Run("MinGroupSize", func(t *testing.T) {
			in := valid("small-groups")
			in.MinGroupSize = 2
			refused(t, in, "min_group_size", "between 3 and 1000")
			in.MinGroupSize = 1001
			refused(t, in, "min_group_size", "between 3 and 1000")
			in.MinGroupSize = 3
			c, err := f.svc.Create(ctx, in)
			ok(t, err)
			if a := f.access(t, ada, "small-groups"); c.MinGroupSize != 3 || a.Collective.MinGroupSize != 3 {
				t.Fatalf("min group size %d, stored %d", c.MinGroupSize, a.Collective.MinGroupSize)
			}
		})
	})
}

func TestAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		priv := f.world(t, "private-one", "private")
		pub := f.world(t, "public-one", "public")

		t.Run("ErrUnknownSlug", func(t *testing.T) {
			_, err := f.svc.Access(as(priv.steward), "nowhere")
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("ErrPrivateToOutsider", func(t *testing.T) {
			a, err := f.svc.Access(as(priv.outsider), "private-one")
			wantErr(t, err, errs.NotFound, "")
			wantMessage(t, err, "There is no collective at that address.")
			if a != nil {
				t.Fatalf("access %+v with the error", a)
			}
		})
		t.Run("ErrPrivateToAnonymous", func(t *testing.T) {
			_, err := f.svc.Access(as(nil), "private-one")
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("PublicToOutsider", func(t *testing.T) {
			a := f.access(t, pub.outsider, "public-one")
			if a.IsMember() || a.MemberID != 0 || len(a.Roles) != 0 || a.IsSteward() || a.CanContribute() || a.User.ID != pub.outsider.ID {
				t.Fatalf("outsider access %+v", a)
			}
			wantErr(t, a.RequireContributor(), errs.Forbidden, "")
			wantErr(t, a.RequireSteward(), errs.Forbidden, "")
		})
		t.Run("PublicToAnonymous", func(t *testing.T) {
			a := f.access(t, nil, "public-one")
			if a.User != nil || a.IsMember() || len(a.Roles) != 0 || a.Collective.Name != "Collective public-one" {
				t.Fatalf("anonymous access %+v", a)
			}
		})
		t.Run("MemberRoles", func(t *testing.T) {
			a := f.access(t, priv.member, "private-one")
			if a.MemberID != priv.memberID || !slices.Equal(a.Roles, []string{"member"}) || a.IsSteward() || !a.CanContribute() {
				t.Fatalf("member access %+v", a)
			}
			ok(t, a.RequireContributor())
			wantErr(t, a.RequireSteward(), errs.Forbidden, "")
		})
		t.Run("ObserverCannotContribute", func(t *testing.T) {
			a := f.access(t, priv.observer, "private-one")
			if !a.IsMember() || !a.Has(auth.Observer) || a.CanContribute() {
				t.Fatalf("observer access %+v", a)
			}
			err := a.RequireContributor()
			wantErr(t, err, errs.Forbidden, "")
			wantMessage(t, err, "Observers can read but not change anything.")
		})
	})
}

func TestUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "river", "private")
		in := collective.Input{Name: "River Alliance", Purpose: "Swim in every river by 2030", Visibility: "public", MinGroupSize: 7}

		t.Run("ErrForbidden", func(t *testing.T) {
			for _, u := range []*auth.User{w.member, w.observer} {
				err := f.svc.Update(as(u), f.access(t, u, "river"), in)
				wantErr(t, err, errs.Forbidden, "")
				wantMessage(t, err, "Only stewards of Collective river")
			}
			if c := f.access(t, w.steward, "river").Collective; c.Name != "Collective river" || c.Visibility != "private" {
				t.Fatalf("changed by a non-steward: %+v", c)
			}
		})
		t.Run("ErrNameRequired", func(t *testing.T) {
			bad := in
			bad.Name = ""
			wantErr(t, f.svc.Update(as(w.steward), f.access(t, w.steward, "river"), bad), errs.Invalid, "name")
			if c := f.access(t, w.steward, "river").Collective; c.Name != "Collective river" {
				t.Fatalf("changed by a refused update: %+v", c)
			}
		})
		t.Run("OK", func(t *testing.T) {
			ok(t, f.svc.Update(as(w.steward), f.access(t, w.steward, "river"), in))
			c := f.access(t, w.steward, "river").Collective
			if c.Slug != "river" || c.Name != "River Alliance" || c.Purpose != "Swim in every river by 2030" || c.Visibility != "public" || c.MinGroupSize != 7 {
				t.Fatalf("after update %+v", c)
			}
			// Now public: the outsider may look in.
			if a := f.access(t, w.outsider, "river"); a.IsMember() {
				t.Fatalf("outsider is a member: %+v", a)
			}
		})
	})
}

func TestSetArchived(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "river", "public")
		other := f.create(t, w.steward, "brook", "public")

		t.Run("ErrForbidden", func(t *testing.T) {
			err := f.svc.SetArchived(as(w.member), f.access(t, w.member, "river"), true)
			wantErr(t, err, errs.Forbidden, "")
			if f.access(t, w.steward, "river").Collective.Archived() {
				t.Fatal("archived by a member")
			}
		})
		t.Run("OK", func(t *testing.T) {
			f.clock.Add(collective.InvitationTTL)
			ok(t, f.svc.SetArchived(as(w.steward), f.access(t, w.steward, "river"), true))
			a := f.access(t, w.steward, "river")
			if !a.Collective.Archived() || !a.Collective.ArchivedAt.Equal(f.clock.Now()) {
				t.Fatalf("archived at %v, want %v", a.Collective.ArchivedAt, f.clock.Now())
			}
			// Stewards are read-only too, until they restore it.
			_, err := f.svc.CreateOrganisation(as(w.steward), a, collective.OrgInput{Name: "Acme"})
			wantErr(t, err, errs.Forbidden, "")
			wantMessage(t, err, "is archived")
			wantErr(t, f.svc.Update(as(w.steward), a, collective.Input{Name: "New"}), errs.Forbidden, "")
			if n := f.count(t, "SELECT count(*) FROM organisations WHERE collective_id = ?", w.c.ID); n != 0 {
				t.Fatalf("%d organisations in an archived collective", n)
			}
			m := f.access(t, w.member, "river")
			wantErr(t, m.RequireContributor(), errs.Forbidden, "")
			wantMessage(t, m.RequireContributor(), "is archived")
			// Archived ones come last in ListMine and leave the public list.
			mine, err := f.svc.ListMine(as(w.steward))
			ok(t, err)
			if len(mine) != 2 || mine[0].ID != other.ID || mine[1].ID != w.c.ID {
				t.Fatalf("ListMine = %+v", mine)
			}
			public, err := f.svc.ListPublic(as(w.outsider), 10)
			ok(t, err)
			if len(public) != 1 || public[0].ID != other.ID {
				t.Fatalf("ListPublic = %+v", public)
			}

			ok(t, f.svc.SetArchived(as(w.steward), a, false))
			a = f.access(t, w.steward, "river")
			if a.Collective.Archived() {
				t.Fatal("still archived after restore")
			}
			_, err = f.svc.CreateOrganisation(as(w.steward), a, collective.OrgInput{Name: "Acme"})
			ok(t, err)
		})
	})
}

func TestListPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "zeta", "public")
		f.create(t, w.steward, "alpha", "public")
		f.create(t, w.steward, "hidden", "private")

		t.Run("OK", func(t *testing.T) {
			list, err := f.svc.ListPublic(as(nil), 10)
			ok(t, err)
			if len(list) != 2 || list[0].Slug != "alpha" || list[1].Slug != "zeta" {
				t.Fatalf("anonymous ListPublic = %+v", list)
			}
			list, err = f.svc.ListPublic(as(w.member), 10) // not the ones they are in
			ok(t, err)
			if len(list) != 1 || list[0].Slug != "alpha" {
				t.Fatalf("member ListPublic = %+v", list)
			}
			list, err = f.svc.ListPublic(as(w.outsider), 1)
			ok(t, err)
			if len(list) != 1 || list[0].Slug != "alpha" {
				t.Fatalf("limited ListPublic = %+v", list)
			}
		})
	})
}
