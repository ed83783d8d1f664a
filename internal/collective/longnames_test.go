package collective_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// Names at the longest people may choose, in letters of two bytes, so a
// cut in the middle of one would show.
var (
	longPerson     = strings.Repeat("Ané", 33) + "A"
	longCollective = strings.Repeat("Coöp", 25)
)

// longWorld is a collective with a 100-character name, its steward and a
// member with a 100-character name; the notifier is wired as in the app.
func longWorld(t *testing.T, f *fixture, slug string) (*world, *auth.User, int64) {
	t.Helper()
	if utf8.RuneCountInString(longPerson) != auth.MaxName || utf8.RuneCountInString(longCollective) != collective.MaxName {
		t.Fatal("the long names are not at the limit")
	}
	f.svc.Notify = (&activity.Notifier{DB: f.db}).Notify
	w := &world{steward: f.user(t, "Sam Steward")}
	c, err := f.svc.Create(as(w.steward), collective.Input{Slug: slug, Name: longCollective, Purpose: "Long names.", Visibility: "private"})
	ok(t, err)
	w.c = c
	u, id := f.member(t, c, longPerson, auth.Member)
	return w, u, id
}

// notice returns the title and body of the one notice of kind to u.
func (f *fixture) notice(t *testing.T, u *auth.User, kind string) (title, body string) {
	t.Helper()
	var row struct {
		Title string `db:"title"`
		Body  string `db:"body"`
	}
	if err := f.db.Get(context.Background(), &row, "SELECT title, body FROM notifications WHERE user_id = ? AND kind = ?", u.ID, kind); err != nil {
		t.Fatalf("notice %s to %s: %v", kind, u.Name, err)
	}
	return row.Title, row.Body
}

// cut is s shortened to 200 characters as a notice title is.
func cut(s string) string { return string([]rune(s)[:199]) + "…" }

func TestLongNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)

		t.Run("Leave", func(t *testing.T) {
			w, u, _ := longWorld(t, f, "long-leave")
			ok(t, f.svc.Leave(as(u), f.access(t, u, "long-leave")))
			title, body := f.notice(t, w.steward, collective.KindMemberLeft)
			if want := cut(longPerson + " left " + longCollective); title != want {
				t.Fatalf("title %q, want %q", title, want)
			}
			if want := longPerson + " is no longer a member of " + longCollective + "."; body != want {
				t.Fatalf("body %q, want %q", body, want)
			}
			if n := f.count(t, "SELECT count(*) FROM activity WHERE verb = 'member.left' AND collective_id = ? AND summary = ?",
				w.c.ID, longPerson+" left "+longCollective+"."); n != 1 {
				t.Fatalf("%d member.left entries", n)
			}
		})
		t.Run("AcceptInvitation", func(t *testing.T) {
			w, _, _ := longWorld(t, f, "long-join")
			_, token := f.invite(t, w, "", auth.Member)
			newcomer := f.user(t, strings.Repeat("Ñu", 50))
			slug, err := f.svc.AcceptInvitation(as(newcomer), token)
			ok(t, err)
			if slug != "long-join" || !f.access(t, newcomer, "long-join").IsMember() {
				t.Fatalf("not a member after accepting (slug %q)", slug)
			}
			title, _ := f.notice(t, w.steward, collective.KindInvitationAccepted)
			if want := cut(newcomer.Name + " accepted an invitation to " + longCollective); title != want || utf8.RuneCountInString(title) != 200 {
				t.Fatalf("title %q, want %q", title, want)
			}
			if n := f.count(t, "SELECT count(*) FROM activity WHERE verb = 'member.joined' AND collective_id = ?", w.c.ID); n != 1 {
				t.Fatalf("%d member.joined entries", n)
			}
		})
		t.Run("ManyOrganisations", func(t *testing.T) {
			w, u, memberID := longWorld(t, f, "long-orgs")
			sa := f.access(t, w.steward, "long-orgs")
			var orgIDs []int64
			for i := range 40 {
				o, err := f.svc.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: fmt.Sprintf("%02d ", i) + strings.Repeat("Órganisation ", 7)})
				ok(t, err)
				orgIDs = append(orgIDs, o.ID)
			}
			summary := func() string {
				t.Helper()
				var s string
				if err := f.db.Get(context.Background(), &s, "SELECT summary FROM activity WHERE verb = 'member.affiliations_changed' AND collective_id = ? ORDER BY id DESC LIMIT 1",
					w.c.ID); err != nil {
					t.Fatal(err)
				}
				return s
			}
			ok(t, f.svc.SetAffiliations(as(u), f.access(t, u, "long-orgs"), memberID, orgIDs))
			if got, want := summary(), longPerson+" is now with 40 organisations."; got != want {
				t.Fatalf("summary %q, want %q", got, want)
			}
			if n := f.count(t, "SELECT count(*) FROM affiliations WHERE member_id = ?", memberID); n != 40 {
				t.Fatalf("%d affiliations, want 40", n)
			}
			// A few are still named, in the order of their names.
			ok(t, f.svc.SetAffiliations(as(u), f.access(t, u, "long-orgs"), memberID, []int64{orgIDs[2], orgIDs[0], orgIDs[1]}))
			org := strings.Repeat("Órganisation ", 7)
			if got, want := summary(), longPerson+" is now with 00 "+org[:len(org)-1]+", 01 "+org[:len(org)-1]+", 02 "+org[:len(org)-1]+"."; got != want {
				t.Fatalf("summary %q, want %q", got, want)
			}
		})
	})
}
