package activity_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		mode := func(who, kind string) activity.Mode {
			prefs, err := w.n.Preferences(ctx, w.user[who])
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range prefs {
				if p.Kind == kind {
					return p.Mode
				}
			}
			t.Fatalf("no preference for %s", kind)
			return ""
		}
		ana := w.user["ana"]
		token := w.n.UnsubscribeToken(ana, "member.left")

		t.Run("ErrTampered", func(t *testing.T) {
			payload, mac, _ := strings.Cut(token, ".")
			forged := base64.RawURLEncoding.EncodeToString([]byte(
				strings.Replace(mustDecode(t, payload), "member.left", "member.removed", 1)))
			benPayload, _, _ := strings.Cut(w.n.UnsubscribeToken(w.user["ben"], "member.left"), ".")
			other := *w.n
			other.Secret = []byte("another instance's secret.......")
			for name, bad := range map[string]string{
				"OtherKindSameMAC":  forged + "." + mac,
				"OtherUser":         benPayload + "." + mac,
				"MACChanged":        payload + "." + strings.Repeat("A", len(mac)),
				"NoMAC":             payload,
				"NotBase64":         "%%%." + mac,
				"OtherInstance":     other.UnsubscribeToken(ana, "member.left"),
				"Truncated":         token[:len(token)-2],
				"Empty":             "",
				"UnknownKindSigned": w.n.UnsubscribeToken(ana, "member.sneezed"),
			} {
				t.Run(name, func(t *testing.T) {
					_, err := w.n.Unsubscribe(ctx, bad)
					if c := errs.Code(err); c != errs.NotFound && !(name == "UnknownKindSigned" && c == errs.Gone) {
						t.Fatalf("Unsubscribe(%q) = %v, want it refused", bad, err)
					}
				})
			}
			if mode("ana", "member.left") != activity.Daily || mode("ana", "member.removed") != activity.Immediately {
				t.Fatal("a refused link changed a preference")
			}
		})

		t.Run("OK", func(t *testing.T) {
			// A notice waits for ana's daily digest; unsubscribing stops it too.
			w.notify(t, activity.Notice{UserIDs: []int64{ana}, Kind: "member.left", Title: "Lee left River"})
			u, err := w.n.ReadUnsubscribe(ctx, token)
			if err != nil || u.UserID != ana || u.Kind != "member.left" || u.Label != "A member leaves a collective you steward" || u.Done || u.All() {
				t.Fatalf("ReadUnsubscribe = %+v, %v", u, err)
			}
			if u, err = w.n.Unsubscribe(ctx, token); err != nil || !u.Done {
				t.Fatalf("Unsubscribe = %+v, %v", u, err)
			}
			if mode("ana", "member.left") != activity.Never || mode("ana", "member.removed") != activity.Immediately {
				t.Fatal("unsubscribing did not set exactly member.left to never")
			}
			if res, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-23"); err != nil || res.Sent != 0 || w.mail.count() != 0 {
				t.Fatalf("digest after unsubscribing = %+v, %v; %d mails", res, err, w.mail.count())
			}
			// Still listed in the app.
			if c, _ := w.n.UnreadCount(ctx, ana); c != 1 {
				t.Fatalf("unread = %d, want the notice still listed", c)
			}
			// The link works again (a mail client may post twice).
			if u, err := w.n.ReadUnsubscribe(ctx, token); err != nil || !u.Done {
				t.Fatalf("second read = %+v, %v", u, err)
			}
		})

		t.Run("All", func(t *testing.T) {
			ben := w.user["ben"]
			u, err := w.n.Unsubscribe(ctx, w.n.UnsubscribeToken(ben, "*"))
			if err != nil || !u.All() {
				t.Fatalf("Unsubscribe all = %+v, %v", u, err)
			}
			for _, k := range activity.Kinds() {
				if m := mode("ben", k.Name); m != activity.Never {
					t.Errorf("ben's %s = %s, want never", k.Name, m)
				}
			}
			w.notify(t, activity.Notice{UserIDs: []int64{ben}, Kind: "member.removed", Title: "You were removed from River"})
			if got := w.rows(t, "user_id = ? AND mode = 'never'", ben); got != 1 {
				t.Fatalf("ben's new notice is not in mode never (%d)", got)
			}
		})

		t.Run("ErrDeletedAccount", func(t *testing.T) {
			_, err := w.n.Unsubscribe(ctx, w.n.UnsubscribeToken(w.user["gone"], "member.left"))
			if errs.Code(err) != errs.Gone {
				t.Fatalf("err = %v, want gone", err)
			}
		})
	})
}

func mustDecode(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
