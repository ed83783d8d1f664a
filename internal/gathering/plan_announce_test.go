package gathering

import (
	"strings"
	"testing"
)

// TestEditInvitesNewcomers: an edit that adds Cleo to the invitations
// sends her an invitation (an iMIP REQUEST titled as one), while Ben, who
// was invited already, hears of a change; Ana, who made the edit, hears
// nothing.
func TestEditInvitesNewcomers(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.InviteEveryone, in.Members = false, []int64{f.A.MemberID, f.B.MemberID}
		g := f.planAs(t, f.A, in)
		before := len(f.noticesOf(KindInvited))
		in.Members = append(in.Members, f.C.MemberID)
		_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
		ok(t, err)
		invited := f.noticesOf(KindInvited)[before:]
		changed := f.noticesOf(KindChanged)
		if len(invited) != 1 || invited[0].UserIDs[0] != f.C.User.ID {
			t.Fatalf("invitations after the edit: %+v; want one, to Cleo", invited)
		}
		if len(changed) != 1 || changed[0].UserIDs[0] != f.B.User.ID {
			t.Fatalf("change notices: %+v; want one, to Ben", changed)
		}
		if !strings.Contains(invited[0].Title, g.Title) || strings.HasPrefix(invited[0].Title, "Changed") {
			t.Fatalf("Cleo's notice %q should invite her to %q", invited[0].Title, g.Title)
		}
	})
}
