package collective_test

import (
	"fmt"
	"slices"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func names(ms []collective.Member) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func TestMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// 120 people named "Person 000" to "Person 119", made out of name
		// order so that the list must sort; the steward is Person 000, every
		// tenth other person an observer.
		steward := f.user(t, "Person 000")
		c := f.create(t, steward, "big", "private")
		var member *auth.User
		for i := range 119 {
			n := (i*37)%119 + 1
			role := auth.Member
			if n%10 == 0 {
				role = auth.Observer
			}
			u, _ := f.member(t, c, fmt.Sprintf("Person %03d", n), role)
			if n == 7 {
				member = u
			}
		}
		all := make([]string, 120)
		for i := range all {
			all[i] = fmt.Sprintf("Person %03d", i)
		}
		sa := f.access(t, steward, "big")
		ma := f.access(t, member, "big")

		t.Run("Pages", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{})
			ok(t, err)
			if p.Total != 120 || p.Page != 1 || !slices.Equal(names(p.Members), all[:50]) {
				t.Fatalf("page 1: total %d, page %d, names %v", p.Total, p.Page, names(p.Members))
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Page: 3})
			ok(t, err)
			if p.Total != 120 || p.Page != 3 || !slices.Equal(names(p.Members), all[100:]) {
				t.Fatalf("page 3: total %d, names %v", p.Total, names(p.Members))
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Page: 4})
			ok(t, err)
			if p.Total != 120 || len(p.Members) != 0 {
				t.Fatalf("page 4: %+v", p)
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Page: -2})
			ok(t, err)
			if p.Page != 1 || len(p.Members) != 50 {
				t.Fatalf("page -2: page %d, %d members", p.Page, len(p.Members))
			}
		})
		t.Run("RolesLoaded", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{})
			ok(t, err)
			if m := p.Members[0]; m.UserID != steward.ID || !slices.Equal(m.Roles, []string{"member", "steward"}) || len(m.Organisations) != 0 {
				t.Fatalf("first member %+v", m)
			}
			if m := p.Members[10]; m.Name != "Person 010" || !slices.Equal(m.Roles, []string{"observer"}) {
				t.Fatalf("eleventh member %+v", m)
			}
		})
		t.Run("Search", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{Search: "  PERSON 05 "})
			ok(t, err)
			if p.Total != 10 || !slices.Equal(names(p.Members), all[50:60]) {
				t.Fatalf("search: total %d, names %v", p.Total, names(p.Members))
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Search: "nobody"})
			ok(t, err)
			if p.Total != 0 || len(p.Members) != 0 {
				t.Fatalf("search for nobody: %+v", p)
			}
		})
		t.Run("SearchEmailStewardsOnly", func(t *testing.T) {
			p, err := f.svc.Members(as(steward), sa, collective.MemberQuery{Search: member.Email})
			ok(t, err)
			if p.Total != 1 || p.Members[0].UserID != member.ID {
				t.Fatalf("steward search by e-mail: %+v", p)
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Search: member.Email})
			ok(t, err)
			if p.Total != 0 {
				t.Fatalf("member search by e-mail found %d", p.Total)
			}
		})
		t.Run("RoleFilter", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{Role: auth.Observer})
			ok(t, err)
			want := []string{}
			for i := 10; i < 120; i += 10 {
				want = append(want, fmt.Sprintf("Person %03d", i))
			}
			if p.Total != 11 || !slices.Equal(names(p.Members), want) {
				t.Fatalf("observers: total %d, names %v", p.Total, names(p.Members))
			}
			p, err = f.svc.Members(as(member), ma, collective.MemberQuery{Role: auth.Steward, Search: "person"})
			ok(t, err)
			if p.Total != 1 || p.Members[0].UserID != steward.ID {
				t.Fatalf("stewards: %+v", p)
			}
		})
		t.Run("ErrUnknownRole", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{Role: "boss"})
			wantErr(t, err, errs.Invalid, "role")
			wantMessage(t, err, `"boss" is not a role here.`)
			if p != nil {
				t.Fatalf("page %+v with the error", p)
			}
		})
		t.Run("EmailsForStewardsOnly", func(t *testing.T) {
			p, err := f.svc.Members(as(member), ma, collective.MemberQuery{Page: 2})
			ok(t, err)
			for _, m := range p.Members {
				if m.Email != "" {
					t.Fatalf("member sees e-mail of %s: %q", m.Name, m.Email)
				}
			}
			p, err = f.svc.Members(as(steward), sa, collective.MemberQuery{Page: 2})
			ok(t, err)
			for _, m := range p.Members {
				if m.Email == "" {
					t.Fatalf("steward does not see e-mail of %s", m.Name)
				}
			}
			other, err := f.svc.Member(as(member), ma, sa.MemberID)
			ok(t, err)
			self, err := f.svc.Member(as(member), ma, ma.MemberID)
			ok(t, err)
			seen, err := f.svc.Member(as(steward), sa, ma.MemberID)
			ok(t, err)
			if other.Email != "" || self.Email != member.Email || seen.Email != member.Email || !slices.Equal(self.Roles, []string{"member"}) {
				t.Fatalf("Member: other %+v, self %+v, seen by steward %+v", other, self, seen)
			}
		})
	})
}

func TestMembersSearchWildcards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "wild", "public")
		f.member(t, w.c, "Rate 50% Club", auth.Member)
		f.member(t, w.c, "Member 100", auth.Member)
		f.member(t, w.c, "Ann_Lee", auth.Member)
		f.member(t, w.c, "Annie Lee", auth.Member)
		f.member(t, w.c, `Back\Slash`, auth.Member)
		a := f.access(t, w.member, "wild")
		for _, tc := range []struct{ search, want string }{
			{"0%", "Rate 50% Club"}, // unescaped, it would match "Member 100" too
			{"%", "Rate 50% Club"},  // unescaped, it would match everyone
			{"_", "Ann_Lee"},
			{`\`, `Back\Slash`},
		} {
			t.Run(tc.search, func(t *testing.T) {
				p, err := f.svc.Members(as(w.member), a, collective.MemberQuery{Search: tc.search})
				ok(t, err)
				if p.Total != 1 || !slices.Equal(names(p.Members), []string{tc.want}) {
					t.Fatalf("search %q: total %d, names %v", tc.search, p.Total, names(p.Members))
				}
			})
		}
		t.Run("Anonymous", func(t *testing.T) {
			anon := f.access(t, nil, "wild")
			p, err := f.svc.Members(as(nil), anon, collective.MemberQuery{Search: "lee"})
			ok(t, err)
			if p.Total != 2 || p.Members[0].Email != "" || p.Members[1].Email != "" {
				t.Fatalf("anonymous search: %+v", p)
			}
		})
		t.Run("MemberAnonymous", func(t *testing.T) {
			// The member page is public for public collectives.
			anon := f.access(t, nil, "wild")
			m, err := f.svc.Member(as(nil), anon, w.memberID)
			ok(t, err)
			if m.UserID != w.member.ID || m.Email != "" {
				t.Fatalf("anonymous Member = %+v", m)
			}
		})
	})
}

func TestSetRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "roles", "private")
		other := f.world(t, "elsewhere", "private")
		sa := f.access(t, w.steward, "roles")
		rolesOf := func(t *testing.T, id int64) []string {
			t.Helper()
			m, err := f.svc.Member(as(w.steward), sa, id)
			ok(t, err)
			return m.Roles
		}

		t.Run("OK", func(t *testing.T) {
			ok(t, f.svc.SetRoles(as(w.steward), sa, w.memberID, []string{" host", "member", "facilitator", "member", ""}))
			if got, want := rolesOf(t, w.memberID), []string{"facilitator", "host", "member"}; !slices.Equal(got, want) {
				t.Fatalf("roles %v, want %v", got, want)
			}
			if a := f.access(t, w.member, "roles"); !slices.Equal(a.Roles, []string{"facilitator", "host", "member"}) {
				t.Fatalf("access roles %v", a.Roles)
			}
		})
		t.Run("ErrUnknownRole", func(t *testing.T) {
			err := f.svc.SetRoles(as(w.steward), sa, w.observerID, []string{"member", "boss"})
			wantErr(t, err, errs.Invalid, "roles")
			wantMessage(t, err, `"boss" is not a role here.`)
			if got := rolesOf(t, w.observerID); !slices.Equal(got, []string{"observer"}) {
				t.Fatalf("roles %v after a refused change", got)
			}
		})
		t.Run("ErrRolesRequired", func(t *testing.T) {
			for _, roles := range [][]string{nil, {}, {" ", ""}} {
				err := f.svc.SetRoles(as(w.steward), sa, w.observerID, roles)
				wantErr(t, err, errs.Invalid, "roles")
				wantMessage(t, err, "Choose at least one role.")
			}
			if got := rolesOf(t, w.observerID); !slices.Equal(got, []string{"observer"}) {
				t.Fatalf("roles %v after a refused change", got)
			}
		})
		t.Run("ErrLastSteward", func(t *testing.T) {
			err := f.svc.SetRoles(as(w.steward), sa, w.stewardID, []string{"member"})
			wantErr(t, err, errs.Invalid, "roles")
			wantMessage(t, err, "at least one steward")
			if got := rolesOf(t, w.stewardID); !slices.Equal(got, []string{"member", "steward"}) {
				t.Fatalf("roles %v after a refused change", got)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			err := f.svc.SetRoles(as(w.member), f.access(t, w.member, "roles"), w.memberID, []string{"steward"})
			wantErr(t, err, errs.Forbidden, "")
			if a := f.access(t, w.member, "roles"); a.IsSteward() {
				t.Fatal("a member made themselves steward")
			}
		})
		t.Run("ErrOtherCollective", func(t *testing.T) {
			err := f.svc.SetRoles(as(w.steward), sa, other.memberID, []string{"steward"})
			wantErr(t, err, errs.NotFound, "")
			if a := f.access(t, other.member, "elsewhere"); !slices.Equal(a.Roles, []string{"member"}) {
				t.Fatalf("roles elsewhere %v", a.Roles)
			}
		})
		t.Run("HandOver", func(t *testing.T) {
			// With a second steward, the first may step down.
			ok(t, f.svc.SetRoles(as(w.steward), sa, w.memberID, []string{"steward"}))
			ok(t, f.svc.SetRoles(as(w.steward), sa, w.stewardID, []string{"member"}))
			if a := f.access(t, w.steward, "roles"); a.IsSteward() {
				t.Fatalf("roles %v after stepping down", a.Roles)
			}
		})
	})
}

func TestRemoveAndLeave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)

		t.Run("Remove", func(t *testing.T) {
			w := f.world(t, "remove", "private")
			sa := f.access(t, w.steward, "remove")
			wantErr(t, f.svc.Remove(as(w.member), f.access(t, w.member, "remove"), w.observerID), errs.Forbidden, "")
			ok(t, f.svc.Remove(as(w.steward), sa, w.memberID))
			_, err := f.svc.Access(as(w.member), "remove")
			wantErr(t, err, errs.NotFound, "")
			if n := f.count(t, "SELECT count(*) FROM member_roles WHERE member_id = ?", w.memberID); n != 0 {
				t.Fatalf("%d roles left", n)
			}
			wantErr(t, f.svc.Remove(as(w.steward), sa, w.memberID), errs.NotFound, "")
			_, err = f.svc.Member(as(w.steward), sa, w.memberID)
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("RemovePublic", func(t *testing.T) {
			w := f.world(t, "remove-public", "public")
			ok(t, f.svc.Remove(as(w.steward), f.access(t, w.steward, "remove-public"), w.observerID))
			a := f.access(t, w.observer, "remove-public")
			if a.IsMember() || len(a.Roles) != 0 {
				t.Fatalf("removed observer's access %+v", a)
			}
		})
		t.Run("ErrRemoveLastSteward", func(t *testing.T) {
			w := f.world(t, "keep", "private")
			err := f.svc.Remove(as(w.steward), f.access(t, w.steward, "keep"), w.stewardID)
			wantErr(t, err, errs.Invalid, "roles")
			if a := f.access(t, w.steward, "keep"); !a.IsSteward() || a.MemberID != w.stewardID {
				t.Fatalf("steward's access after a refused removal %+v", a)
			}
			wantErr(t, f.svc.Leave(as(w.steward), f.access(t, w.steward, "keep")), errs.Invalid, "roles")
			if n := f.count(t, "SELECT count(*) FROM members WHERE collective_id = ?", w.c.ID); n != 3 {
				t.Fatalf("%d members, want 3", n)
			}
		})
		t.Run("Leave", func(t *testing.T) {
			w := f.world(t, "leave", "public")
			ok(t, f.svc.Leave(as(w.member), f.access(t, w.member, "leave")))
			if a := f.access(t, w.member, "leave"); a.IsMember() {
				t.Fatalf("still a member: %+v", a)
			}
			err := f.svc.Leave(as(w.member), f.access(t, w.member, "leave"))
			wantErr(t, err, errs.Forbidden, "")
			if n := f.count(t, "SELECT count(*) FROM members WHERE collective_id = ?", w.c.ID); n != 2 {
				t.Fatalf("%d members, want 2", n)
			}
		})
	})
}
