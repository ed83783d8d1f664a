package collective_test

import (
	"slices"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// Two services on one database stand for two instances behind a load
// balancer: a change made through one must show on the other's next page,
// though the other has the old page cached.
func TestMemberPagesNeverStale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "cached", "private")
		other := &collective.Service{DB: db}
		rolesOf := func(svc *collective.Service, memberID int64) []string {
			a, err := svc.Access(as(w.steward), "cached")
			ok(t, err)
			p, err := svc.Members(as(w.steward), a, collective.MemberQuery{})
			ok(t, err)
			for _, m := range p.Members {
				if m.ID == memberID {
					return m.Roles
				}
			}
			t.Fatalf("member %d not listed", memberID)
			return nil
		}
		if got := rolesOf(other, w.memberID); !slices.Equal(got, []string{auth.Member}) {
			t.Fatalf("roles before: %v", got)
		}
		a := f.access(t, w.steward, "cached")
		ok(t, f.svc.SetRoles(as(w.steward), a, w.memberID, []string{auth.Member, auth.Host}))
		if got := rolesOf(other, w.memberID); !slices.Equal(got, []string{auth.Host, auth.Member}) {
			t.Fatalf("the other instance served a stale page: roles %v", got)
		}
		before := f.access(t, w.steward, "cached").Collective.MemberCount
		f.member(t, w.c, "Newcomer", auth.Member)
		a = f.access(t, w.steward, "cached")
		p, err := other.Members(as(w.steward), a, collective.MemberQuery{})
		ok(t, err)
		if p.Total != before+1 || a.Collective.MemberCount != before+1 {
			t.Fatalf("count after a join: total %d, counter %d, want %d", p.Total, a.Collective.MemberCount, before+1)
		}
		ok(t, f.svc.Remove(as(w.steward), a, w.memberID))
		a = f.access(t, w.steward, "cached")
		if p, err = other.Members(as(w.steward), a, collective.MemberQuery{}); err != nil || p.Total != before {
			t.Fatalf("count after a removal: %d (%v), want %d", p.Total, err, before)
		}
	})
}

// The access check is cached too; a removal or a settings change made
// through one instance must show on the other at once.
func TestAccessNeverStale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "gate", "private")
		other := &collective.Service{DB: db}
		a, err := other.Access(as(w.member), "gate")
		ok(t, err)
		if !a.IsMember() || a.User == nil || a.User.ID != w.member.ID {
			t.Fatalf("member's access: %+v", a)
		}
		if again, err := other.Access(as(w.member), "gate"); err != nil || again == a || again.User.ID != w.member.ID {
			t.Fatalf("a cached access must be a fresh copy carrying this request's user: %v", err)
		}
		steward := f.access(t, w.steward, "gate")
		ok(t, f.svc.Update(as(w.steward), steward, collective.Input{Name: "Gate Renamed", Visibility: "private", MinGroupSize: 7}))
		if a, err = other.Access(as(w.member), "gate"); err != nil || a.Collective.Name != "Gate Renamed" || a.Collective.MinGroupSize != 7 {
			t.Fatalf("settings change not seen: %+v %v", a, err)
		}
		ok(t, f.svc.SetArchived(as(w.steward), f.access(t, w.steward, "gate"), true))
		if a, err = other.Access(as(w.member), "gate"); err != nil || !a.Collective.Archived() || a.CanContribute() {
			t.Fatalf("archiving not seen: %+v %v", a, err)
		}
		ok(t, f.svc.SetArchived(as(w.steward), f.access(t, w.steward, "gate"), false))
		ok(t, f.svc.Remove(as(w.steward), f.access(t, w.steward, "gate"), w.memberID))
		if _, err := other.Access(as(w.member), "gate"); err == nil {
			t.Fatal("a removed member still gets into a private collective through a cached access")
		}
	})
}
