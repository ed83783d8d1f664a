package activity_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestNotify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		roles := activity.Notice{CollectiveID: w.coll, Kind: "member.roles_changed", Title: "Your roles in River changed",
			Body: "You are now a steward.", Link: "/c/river"}

		t.Run("OK", func(t *testing.T) {
			w.setPrefs(t, "ben", map[string]activity.Mode{"member.roles_changed": activity.Never})
			n := roles
			n.UserIDs = []int64{w.user["ana"], w.user["ben"], w.user["gone"], w.user["ana"]}
			w.notify(t, n)
			if got := w.rows(t, "user_id = ? AND mode = 'immediately' AND title = ?", w.user["ana"], roles.Title); got != 1 {
				t.Fatalf("ana has %d rows, want 1 (listed twice, notified once)", got)
			}
			if got := w.rows(t, "user_id = ? AND mode = 'never'", w.user["ben"]); got != 1 {
				t.Fatalf("ben has %d rows in mode never, want 1", got)
			}
			if got := w.rows(t, "user_id = ?", w.user["gone"]); got != 0 {
				t.Fatalf("the deleted account got %d notifications", got)
			}
			// Only ana (immediately) gets an e-mail job; ben (never) none.
			jobsQueued := w.emailJobs(t)
			if len(jobsQueued) != 1 {
				t.Fatalf("e-mail jobs = %v, want one for ana", jobsQueued)
			}
			items, _, err := w.n.Notifications(ctx, w.user["ana"], activity.NoticeQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 || items[0].ID != jobsQueued[0] || items[0].Title != roles.Title || items[0].Body != roles.Body ||
				items[0].Link != "/c/river" || items[0].CollectiveID != w.coll || !items[0].Unread() || !items[0].CreatedAt.Equal(ntStart) {
				t.Fatalf("ana's notifications = %+v", items)
			}
		})

		t.Run("OneMailWhenImmediately", func(t *testing.T) {
			id := w.emailJobs(t)[0]
			sent, err := w.n.SendEmail(ctx, id)
			if err != nil || !sent {
				t.Fatalf("SendEmail = %v, %v", sent, err)
			}
			// The job runs again (River runs jobs at least once): nothing more.
			if sent, err := w.n.SendEmail(ctx, id); err != nil || sent {
				t.Fatalf("second SendEmail = %v, %v; want nothing sent", sent, err)
			}
			got := w.mail.to("ana@example.org")
			if len(got) != 1 {
				t.Fatalf("ana got %d mails", len(got))
			}
			m := got[0]
			unsub := w.n.UnsubscribeURL(w.user["ana"], "member.roles_changed")
			if m.Subject != roles.Title || !strings.Contains(m.Body, "You are now a steward.") ||
				!strings.Contains(m.Body, "Open it: "+ntBase+"/c/river") ||
				!strings.HasSuffix(m.Body, "Unsubscribe from these e-mails: "+unsub+"\n") ||
				m.Headers["List-Unsubscribe"] != "<"+unsub+">" || m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
				t.Fatalf("mail = %+v", m)
			}
			if len(w.mail.to("ben@example.org")) != 0 {
				t.Fatal("ben chose never and got mail")
			}
		})

		t.Run("RolledBackNotifiesNoOne", func(t *testing.T) {
			before, jobsBefore := w.rows(t, "1 = 1"), len(w.emailJobs(t))
			boom := errors.New("the change failed after notifying")
			err := db.Write(ctx, func(tx *store.Tx) error {
				n := roles
				n.UserIDs = []int64{w.user["ana"], w.user["cy"]}
				if err := w.n.Notify(ctx, tx, n); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
			if got := w.rows(t, "1 = 1"); got != before {
				t.Fatalf("notifications %d → %d after a rollback", before, got)
			}
			if got := len(w.emailJobs(t)); got != jobsBefore {
				t.Fatalf("e-mail jobs %d → %d after a rollback", jobsBefore, got)
			}
		})

		t.Run("ChangedMindBeforeTheJobRan", func(t *testing.T) {
			n := roles
			n.UserIDs = []int64{w.user["cy"]}
			w.notify(t, n)
			ids := w.emailJobs(t)
			last := ids[len(ids)-1]
			w.setPrefs(t, "cy", map[string]activity.Mode{"member.roles_changed": activity.Daily})
			if sent, err := w.n.SendEmail(ctx, last); err != nil || sent {
				t.Fatalf("SendEmail = %v, %v; want nothing sent", sent, err)
			}
			if got := w.rows(t, "id = ? AND mode = 'daily' AND emailed_at IS NULL", last); got != 1 {
				t.Fatal("the notification does not wait for cy's daily digest")
			}
		})

		t.Run("ErrBadNotice", func(t *testing.T) {
			before := w.rows(t, "1 = 1")
			for _, c := range []struct {
				name  string
				edit  func(n *activity.Notice)
				field string
			}{
				{"ErrKindUnknown", func(n *activity.Notice) { n.Kind = "member.sneezed" }, "kind"},
				{"ErrTitleRequired", func(n *activity.Notice) { n.Title = "  " }, "title"},
				{"ErrTitleTwoLines", func(n *activity.Notice) { n.Title = "one\r\nBcc: x@example.org" }, "title"},
				{"ErrLinkOffSite", func(n *activity.Notice) { n.Link = "//evil.example/x" }, "link"},
			} {
				t.Run(c.name, func(t *testing.T) {
					n := roles
					n.UserIDs = []int64{w.user["ana"]}
					c.edit(&n)
					err := db.Write(ctx, func(tx *store.Tx) error { return w.n.Notify(ctx, tx, n) })
					if errs.FieldOf(err) != c.field {
						t.Fatalf("err = %v, want a %s error", err, c.field)
					}
				})
			}
			if got := w.rows(t, "1 = 1"); got != before {
				t.Fatalf("bad notices wrote %d rows", got-before)
			}
		})

		t.Run("ReadAndUnread", func(t *testing.T) {
			uid := w.user["ana"]
			if c, _ := w.n.UnreadCount(ctx, uid); c != 1 {
				t.Fatalf("unread = %d, want 1", c)
			}
			items, _, _ := w.n.Notifications(ctx, uid, activity.NoticeQuery{})
			if _, err := w.n.MarkRead(ctx, w.user["ben"], items[0].ID); errs.Code(err) != errs.NotFound {
				t.Fatalf("ben marks ana's notification: %v, want not_found", err)
			}
			got, err := w.n.MarkRead(ctx, uid, items[0].ID)
			if err != nil || got.Unread() || !got.ReadAt.Equal(ntStart) {
				t.Fatalf("MarkRead = %+v, %v", got, err)
			}
			if c, _ := w.n.UnreadCount(ctx, uid); c != 0 {
				t.Fatalf("unread after reading = %d", c)
			}
			if n, err := w.n.MarkAllRead(ctx, w.user["ben"]); n != 1 || err != nil {
				t.Fatalf("MarkAllRead(ben) = %d, %v; want 1", n, err)
			}
			if n, _ := w.n.MarkAllRead(ctx, w.user["ben"]); n != 0 {
				t.Fatalf("MarkAllRead again marked %d", n)
			}
		})

		// At most once: a crash after the claim and before the send loses
		// the e-mail, and the rerun of the job does not send it.
		t.Run("CrashBetweenClaimAndSendLosesTheMail", func(t *testing.T) {
			n := roles
			n.Title = "Your roles in River changed again"
			n.UserIDs = []int64{w.user["ana"]}
			w.notify(t, n)
			ids := w.emailJobs(t)
			id := ids[len(ids)-1]
			before := len(w.mail.to("ana@example.org"))
			if w.mail.crashDuring(func() { _, _ = w.n.SendEmail(ctx, id) }) {
				t.Fatal("SendEmail did not reach the mailer")
			}
			if sent, err := w.n.SendEmail(ctx, id); err != nil || sent {
				t.Fatalf("rerun after the crash = %v, %v; want nothing sent", sent, err)
			}
			if got := len(w.mail.to("ana@example.org")); got != before {
				t.Fatalf("ana got %d mails after the crash, want %d", got, before)
			}
			if got := w.rows(t, "id = ? AND emailed_at IS NOT NULL AND read_at IS NULL", id); got != 1 {
				t.Fatal("the notification is not kept, unread and marked e-mailed, after the crash")
			}
			items, _, err := w.n.Notifications(ctx, w.user["ana"], activity.NoticeQuery{Unread: true})
			if err != nil || len(items) == 0 || items[0].ID != id || items[0].Title != n.Title {
				t.Fatalf("ana's unread list = %+v, %v; want the lost e-mail's notification first", items, err)
			}
		})

		t.Run("HeaderCountCapped", func(t *testing.T) {
			err := db.Write(ctx, func(tx *store.Tx) error {
				for range activity.HeaderCap + 1 {
					n := roles
					n.UserIDs = []int64{w.user["ben"]}
					if err := w.n.Notify(ctx, tx, n); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := w.n.Unread(ctx, w.user["ben"]); got != activity.HeaderCap {
				t.Fatalf("header count = %d, want %d", got, activity.HeaderCap)
			}
			if got, _ := w.n.UnreadCount(ctx, w.user["ben"]); got != activity.HeaderCap+1 {
				t.Fatalf("unread count = %d, want %d", got, activity.HeaderCap+1)
			}
		})

		t.Run("Paging", func(t *testing.T) {
			uid := w.user["cy"]
			for i := range 5 {
				n := roles
				n.UserIDs, n.Title = []int64{uid}, "Notice "+string(rune('A'+i))
				w.notify(t, n)
			}
			var titles []string
			var before int64
			for {
				items, next, err := w.n.Notifications(ctx, uid, activity.NoticeQuery{Before: before, Limit: 2})
				if err != nil {
					t.Fatal(err)
				}
				for _, it := range items {
					titles = append(titles, it.Title)
				}
				if next == 0 {
					break
				}
				before = next
			}
			want := []string{"Notice E", "Notice D", "Notice C", "Notice B", "Notice A", roles.Title}
			if !slices.Equal(titles, want) {
				t.Fatalf("pages = %q, want %q", titles, want)
			}
			if _, _, err := w.n.Notifications(ctx, uid, activity.NoticeQuery{Limit: 201}); errs.FieldOf(err) != "limit" {
				t.Fatalf("limit 201: %v", err)
			}
		})
	})
}

func TestPreferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		modes := func(who string) map[string]activity.Mode {
			prefs, err := w.n.Preferences(ctx, w.user[who])
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]activity.Mode{}
			for _, p := range prefs {
				out[p.Kind] = p.Mode
			}
			return out
		}
		t.Run("Defaults", func(t *testing.T) {
			got := modes("ana")
			if got["member.roles_changed"] != activity.Immediately || got["member.removed"] != activity.Immediately ||
				got["invitation.accepted"] != activity.Daily || got["member.left"] != activity.Daily {
				t.Fatalf("defaults = %v", got)
			}
		})
		t.Run("OK", func(t *testing.T) {
			w.setPrefs(t, "ana", map[string]activity.Mode{"member.left": activity.Weekly, "member.removed": activity.Never})
			got := modes("ana")
			if got["member.left"] != activity.Weekly || got["member.removed"] != activity.Never || got["member.roles_changed"] != activity.Immediately {
				t.Fatalf("after setting: %v", got)
			}
			if modes("ben")["member.left"] != activity.Daily {
				t.Fatal("ana's choice changed ben's")
			}
		})
		for _, c := range []struct {
			name  string
			prefs map[string]activity.Mode
			field string
		}{
			{"ErrKindUnknown", map[string]activity.Mode{"member.left": activity.Never, "member.sneezed": activity.Never}, "preferences.member.sneezed"},
			{"ErrModeUnknown", map[string]activity.Mode{"member.left": "hourly"}, "preferences.member.left"},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := w.n.SetPreferences(ctx, w.user["ana"], c.prefs)
				if errs.FieldOf(err) != c.field {
					t.Fatalf("err = %v, want a %s error", err, c.field)
				}
				if modes("ana")["member.left"] != activity.Weekly {
					t.Fatal("a refused change was stored in part")
				}
			})
		}
	})
}
