package gathering

import (
	"context"
	"testing"
)

func TestInvitees(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in := meeting()
		in.InviteEveryone, in.Members, in.Organisations = false, []int64{f.F.MemberID, f.Observer.MemberID}, []int64{f.OrgA}
		g := f.planAs(t, f.Steward, in)
		t.Run("OKNamed", func(t *testing.T) {
			for _, c := range []struct {
				name string
				m    int64
				want bool
			}{{"Ana (Alder)", f.A.MemberID, true}, {"Cleo (Alder)", f.C.MemberID, true}, {"Dev (Birch)", f.D4.MemberID, false},
				{"Finn (named)", f.F.MemberID, true}, {"Olga (named, but an observer)", f.Observer.MemberID, false},
				{"Sam (planned it, not invited)", f.Steward.MemberID, false}, {"nobody", 999999, false}} {
				got, err := invitedIn(ctx, f.DB, g.ID, c.m)
				ok(t, err)
				same(t, c.name, got, c.want)
			}
			users, err := f.inviteeUsers(g)
			ok(t, err)
			same(t, "users", users, []int64{f.A.User.ID, f.B.User.ID, f.C.User.ID, f.F.User.ID})
			members, err := inviteeMembers(ctx, f.DB, g)
			ok(t, err)
			same(t, "members", members, []int64{f.A.MemberID, f.B.MemberID, f.C.MemberID, f.F.MemberID})
		})
		t.Run("OKEveryone", func(t *testing.T) {
			e := f.planAs(t, f.A, meeting())
			got, err := invitedIn(ctx, f.DB, e.ID, f.D4.MemberID)
			ok(t, err)
			same(t, "Dev", got, true)
			users, err := f.inviteeUsers(e)
			ok(t, err)
			same(t, "everyone but the observer", len(users), 7)
			got, err = invitedIn(ctx, f.DB, e.ID, f.Observer.MemberID)
			ok(t, err)
			same(t, "Olga (observer)", got, false)
			got, err = invitedIn(ctx, f.DB, 999999, f.A.MemberID)
			ok(t, err)
			same(t, "unknown gathering", got, false)
		})
	})
}

// inviteeUsers lists the accounts of everyone invited to g, by member id.
func (f *fixture) inviteeUsers(g *Gathering) ([]int64, error) {
	people, err := invitedPeople(context.Background(), f.DB, g)
	var out []int64
	for _, p := range people {
		out = append(out, p.UserID)
	}
	return out, err
}
