package collective_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

const linkPrefix = "https://cg.example/invite/"

// invite makes an invitation as the world's steward and returns its token.
func (f *fixture) invite(t *testing.T, w *world, email string, roles ...string) (*collective.Invitation, string) {
	t.Helper()
	inv, err := f.svc.CreateInvitation(as(w.steward), f.access(t, w.steward, w.c.Slug), collective.InviteInput{Email: email, Roles: roles})
	if err != nil {
		t.Fatalf("invite: %v", err)
	}
	token, found := strings.CutPrefix(inv.Link, linkPrefix)
	if !found || token == "" {
		t.Fatalf("link %q", inv.Link)
	}
	return inv, token
}

// status reads an invitation's status from the table.
func (f *fixture) status(t *testing.T, id int64) string {
	t.Helper()
	var s string
	if err := f.db.Get(context.Background(), &s, "SELECT status FROM invitations WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	return s
}

type failingMailer struct{}

func (failingMailer) Send(context.Context, string, string, string) error {
	return errors.New("smtp down")
}

func TestCreateInvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "inv", "private")
		sa := f.access(t, w.steward, "inv")
		invitations := func() int { return f.count(t, "SELECT count(*) FROM invitations WHERE collective_id = ?", w.c.ID) }

		t.Run("OKWithEmail", func(t *testing.T) {
			inv, err := f.svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{Email: " New.Person@Example.org ", Roles: []string{"member", "host", "member"}})
			ok(t, err)
			if inv.ID == 0 || inv.Email != "new.person@example.org" || inv.RoleList != "host,member" || inv.InvitedBy != "Sam Steward" ||
				inv.Status != "open" || !inv.CreatedAt.Equal(start) || !inv.ExpiresAt.Equal(start.Add(14*24*time.Hour)) ||
				!strings.HasPrefix(inv.Link, linkPrefix) || len(inv.Link) < len(linkPrefix)+40 {
				t.Fatalf("invitation %+v", inv)
			}
			sent := f.mail.all()
			if len(sent) != 1 {
				t.Fatalf("%d mails sent, want 1", len(sent))
			}
			m := sent[0]
			if m.To != "new.person@example.org" || m.Subject != "Invitation to join Collective inv" {
				t.Fatalf("mail to %q, subject %q", m.To, m.Subject)
			}
			for _, part := range []string{inv.Link, "Sam Steward invites you to join Collective inv", "Purpose of inv", "valid until 7 December 2026"} {
				if !strings.Contains(m.Body, part) {
					t.Fatalf("mail body %q lacks %q", m.Body, part)
				}
			}
			// Only a hash of the token is kept.
			token := strings.TrimPrefix(inv.Link, linkPrefix)
			if n := f.count(t, "SELECT count(*) FROM invitations WHERE token_hash = ?", token); n != 0 {
				t.Fatal("the token is stored in clear")
			}
		})
		t.Run("OKWithoutEmail", func(t *testing.T) {
			before := len(f.mail.all())
			inv, err := f.svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{Roles: []string{"observer"}})
			ok(t, err)
			if inv.Email != "" || !slices.Equal(inv.Roles(), []string{"observer"}) {
				t.Fatalf("invitation %+v", inv)
			}
			if n := len(f.mail.all()); n != before {
				t.Fatalf("%d mails, want %d", n, before)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			before := invitations()
			_, err := f.svc.CreateInvitation(as(w.member), f.access(t, w.member, "inv"), collective.InviteInput{Roles: []string{"steward"}})
			wantErr(t, err, errs.Forbidden, "")
			if n := invitations(); n != before {
				t.Fatalf("%d invitations, want %d", n, before)
			}
		})
		t.Run("ErrEmail", func(t *testing.T) {
			before, mails := invitations(), len(f.mail.all())
			for _, email := range []string{"not-an-email", "Bob <bob@example.org>", "a@b@c", "bob@", strings.Repeat("a", 250) + "@example.org"} {
				_, err := f.svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{Email: email, Roles: []string{"member"}})
				wantErr(t, err, errs.Invalid, "email")
			}
			if n := invitations(); n != before || len(f.mail.all()) != mails {
				t.Fatalf("%d invitations, want %d", n, before)
			}
		})
		t.Run("ErrRoles", func(t *testing.T) {
			before := invitations()
			_, err := f.svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{Roles: []string{"member", "king"}})
			wantErr(t, err, errs.Invalid, "roles")
			wantMessage(t, err, `"king" is not a role here.`)
			_, err = f.svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{})
			wantErr(t, err, errs.Invalid, "roles")
			if n := invitations(); n != before {
				t.Fatalf("%d invitations, want %d", n, before)
			}
		})
		t.Run("MailFails", func(t *testing.T) {
			svc := *f.svc
			svc.Mailer = failingMailer{}
			inv, err := svc.CreateInvitation(as(w.steward), sa, collective.InviteInput{Email: "x@example.org", Roles: []string{"member"}})
			wantErr(t, err, errs.Internal, "")
			wantMessage(t, err, "share the link instead")
			if inv == nil || inv.Link == "" || f.status(t, inv.ID) != "open" {
				t.Fatalf("invitation %+v", inv)
			}
		})
		t.Run("List", func(t *testing.T) {
			l := f.world(t, "listed", "private")
			var ids []int64
			for range 3 {
				inv, _ := f.invite(t, l, "", "member")
				ids = append(ids, inv.ID)
				f.clock.Add(time.Hour)
			}
			la := f.access(t, l.steward, "listed")
			list, total, err := f.svc.Invitations(as(l.steward), la, 1)
			ok(t, err)
			if total != 3 || len(list) != 3 || list[0].ID != ids[2] || list[1].ID != ids[1] || list[2].ID != ids[0] {
				t.Fatalf("total %d, list %+v, want ids %v reversed", total, list, ids)
			}
			if l0 := list[0]; l0.InvitedBy != "Sam Steward" || l0.Status != "open" || l0.Link != "" || l0.RoleList != "member" {
				t.Fatalf("listed %+v", l0)
			}
			list, total, err = f.svc.Invitations(as(l.steward), la, 2)
			ok(t, err)
			if total != 3 || len(list) != 0 {
				t.Fatalf("page 2: total %d, %d listed", total, len(list))
			}
			_, _, err = f.svc.Invitations(as(l.member), f.access(t, l.member, "listed"), 1)
			wantErr(t, err, errs.Forbidden, "")
		})
	})
}

func TestAcceptInvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "join", "private")
		memberships := func(u *auth.User) int {
			return f.count(t, "SELECT count(*) FROM members WHERE user_id = ? AND collective_id = ?", u.ID, w.c.ID)
		}

		t.Run("ErrUnknownToken", func(t *testing.T) {
			_, err := f.svc.InvitationByToken(as(nil), "no-such-token")
			wantErr(t, err, errs.NotFound, "")
			_, err = f.svc.AcceptInvitation(as(w.outsider), "no-such-token")
			wantErr(t, err, errs.NotFound, "")
			wantErr(t, f.svc.DeclineInvitation(as(nil), "no-such-token"), errs.NotFound, "")
			if f.svc.ValidInvitation(as(nil), "no-such-token") {
				t.Fatal("an unknown token is valid")
			}
		})
		t.Run("OK", func(t *testing.T) {
			inv, token := f.invite(t, w, "", "facilitator", "member")
			v, err := f.svc.InvitationByToken(as(nil), token)
			ok(t, err)
			if v.ID != inv.ID || v.CollectiveSlug != "join" || v.CollectiveName != "Collective join" || v.CollectivePurpose != "Purpose of join" ||
				v.InvitedBy != "Sam Steward" || !slices.Equal(v.Roles(), []string{"facilitator", "member"}) {
				t.Fatalf("view %+v", v)
			}
			if !f.svc.ValidInvitation(as(nil), token) || !f.svc.ValidInvitationPath(as(nil), "/invite/"+token) {
				t.Fatal("an open invitation is not valid")
			}
			newcomer := f.user(t, "Nia Newcomer")
			slug, err := f.svc.AcceptInvitation(as(newcomer), token)
			ok(t, err)
			if slug != "join" {
				t.Fatalf("slug %q", slug)
			}
			a := f.access(t, newcomer, "join")
			if !a.IsMember() || !slices.Equal(a.Roles, []string{"facilitator", "member"}) {
				t.Fatalf("access after accepting %+v", a)
			}
			if f.status(t, inv.ID) != "accepted" {
				t.Fatalf("status %q", f.status(t, inv.ID))
			}

			// The link works once.
			second := f.user(t, "Sid Second")
			_, err = f.svc.AcceptInvitation(as(second), token)
			wantErr(t, err, errs.Gone, "")
			wantMessage(t, err, "used already")
			if memberships(second) != 0 {
				t.Fatal("a used link made a member")
			}
			_, err = f.svc.InvitationByToken(as(nil), token)
			wantErr(t, err, errs.Gone, "")
			if f.svc.ValidInvitation(as(nil), token) {
				t.Fatal("a used invitation is valid")
			}
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			inv, token := f.invite(t, w, "", "member")
			_, err := f.svc.AcceptInvitation(as(nil), token)
			wantErr(t, err, errs.Unauthorized, "")
			if f.status(t, inv.ID) != "open" {
				t.Fatalf("status %q", f.status(t, inv.ID))
			}
		})
		t.Run("AlreadyMember", func(t *testing.T) {
			_, token := f.invite(t, w, "", "host", "member")
			_, err := f.svc.AcceptInvitation(as(w.member), token)
			ok(t, err)
			if a := f.access(t, w.member, "join"); a.MemberID != w.memberID || !slices.Equal(a.Roles, []string{"host", "member"}) {
				t.Fatalf("access %+v", a)
			}
			if memberships(w.member) != 1 {
				t.Fatal("a second membership")
			}
		})
		t.Run("ErrRevoked", func(t *testing.T) {
			inv, token := f.invite(t, w, "", "member")
			sa := f.access(t, w.steward, "join")
			wantErr(t, f.svc.RevokeInvitation(as(w.member), f.access(t, w.member, "join"), inv.ID), errs.Forbidden, "")
			ok(t, f.svc.RevokeInvitation(as(w.steward), sa, inv.ID))
			wantErr(t, f.svc.RevokeInvitation(as(w.steward), sa, inv.ID), errs.NotFound, "")
			_, err := f.svc.AcceptInvitation(as(w.outsider), token)
			wantErr(t, err, errs.Gone, "")
			wantMessage(t, err, "withdrawn")
			if memberships(w.outsider) != 0 || f.status(t, inv.ID) != "revoked" {
				t.Fatal("a revoked link made a member")
			}
		})
		t.Run("ErrDeclined", func(t *testing.T) {
			inv, token := f.invite(t, w, "", "member")
			ok(t, f.svc.DeclineInvitation(as(nil), token))
			wantErr(t, f.svc.DeclineInvitation(as(nil), token), errs.Gone, "")
			_, err := f.svc.AcceptInvitation(as(w.outsider), token)
			wantErr(t, err, errs.Gone, "")
			wantMessage(t, err, "declined")
			if memberships(w.outsider) != 0 || f.status(t, inv.ID) != "declined" {
				t.Fatal("a declined link made a member")
			}
		})
		t.Run("ErrExpired", func(t *testing.T) {
			inv, token := f.invite(t, w, "", "member")
			f.clock.Add(collective.InvitationTTL - time.Second)
			if !f.svc.ValidInvitation(as(nil), token) {
				t.Fatal("expired a second early")
			}
			f.clock.Add(time.Second + 24*time.Hour) // 15 days after it was made
			_, err := f.svc.InvitationByToken(as(nil), token)
			wantErr(t, err, errs.Gone, "")
			wantMessage(t, err, "expired on "+inv.ExpiresAt.Format("2 January 2006"))
			_, err = f.svc.AcceptInvitation(as(w.outsider), token)
			wantErr(t, err, errs.Gone, "")
			if memberships(w.outsider) != 0 || f.status(t, inv.ID) != "open" {
				t.Fatal("an expired link made a member")
			}
			wantErr(t, f.svc.DeclineInvitation(as(nil), token), errs.Gone, "")
		})
		t.Run("ErrArchived", func(t *testing.T) {
			_, token := f.invite(t, w, "", "member")
			ok(t, f.svc.SetArchived(as(w.steward), f.access(t, w.steward, "join"), true))
			_, err := f.svc.AcceptInvitation(as(w.outsider), token)
			wantErr(t, err, errs.Gone, "")
			if memberships(w.outsider) != 0 {
				t.Fatal("an archived collective took a member")
			}
		})
	})
}

func TestCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "counted", "private")
		sa := f.access(t, w.steward, "counted")
		_, err := f.svc.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Acme"})
		ok(t, err)
		f.invite(t, w, "", "member") // expires first
		f.clock.Add(24 * time.Hour)
		f.invite(t, w, "", "member")
		_, token := f.invite(t, w, "", "member")
		_, err = f.svc.AcceptInvitation(as(f.user(t, "Ann Accepter")), token)
		ok(t, err)

		t.Run("OK", func(t *testing.T) {
			c, err := f.svc.Counts(as(w.steward), sa)
			ok(t, err)
			if c != (collective.Counts{Members: 4, Organisations: 1, Invitations: 2}) {
				t.Fatalf("counts %+v", c)
			}
			f.clock.Add(collective.InvitationTTL - 12*time.Hour)
			c, err = f.svc.Counts(as(w.steward), sa)
			ok(t, err)
			if c.Invitations != 1 {
				t.Fatalf("%d open invitations after the first expired, want 1", c.Invitations)
			}
		})
	})
}
