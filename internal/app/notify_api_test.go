package app_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"commonground/internal/activity"
)

// The notifications API, as the outsider (write token; no collective
// scenario sends them anything) with three fresh notices; the member's
// read token and anonymous callers are refused.
func init() {
	apiMoreScenarios = append(apiMoreScenarios, func(f *apiFixture) []apiScenario {
		if _, err := f.app.Notifier.MarkAllRead(f.as("outsider"), f.user["outsider"].ID); err != nil {
			panic(err)
		}
		var ids []int64 // A, B, C
		for _, title := range []string{"Notice A", "Notice B", "Notice C"} {
			ids = append(ids, ntNotify(f.scFixture, "outsider", activity.Notice{Kind: "member.left",
				Title: title, Body: "Body of " + title, Link: "/c/riverside/members"}))
		}
		mine := strconv.FormatInt(ntNotify(f.scFixture, "member", activity.Notice{Kind: "member.removed", Title: "The member's own notice"}), 10)
		const list = "/api/v1/notifications"
		// The cursor after B on the unread list, as the first page hands it out.
		afterB := f.app.Web.SignCursor(map[string]any{"b": ids[1], "u": true})
		afterBAll := f.app.Web.SignCursor(map[string]any{"b": ids[1]})
		return []apiScenario{
			{name: "Notifications/UnreadFirstPage", who: "outsider", method: "GET", path: list + "?unread=true&limit=2", wantStatus: 200,
				want: map[string]any{"items.#": 2, "items.0.title": "Notice C", "items.1.title": "Notice B", "unread": 3,
					"items.0.kind": "member.left", "items.0.body": "Body of Notice C", "items.0.link": "/c/riverside/members",
					"items.0.read_at": nil, "items.0.collective_id": apiAbsent, "next": afterB}},
			{name: "Notifications/UnreadSecondPage", who: "outsider", method: "GET", path: list + "?unread=true&limit=2&cursor=" + afterB,
				wantStatus: 200, want: map[string]any{"items.#": 1, "items.0.title": "Notice A", "next": apiAbsent}},
			{name: "Notifications/ErrCursorOtherFilter", who: "outsider", method: "GET", path: list + "?limit=2&cursor=" + afterB,
				wantStatus: 422, want: map[string]any{"code": "invalid", "field": "cursor"}},
			{name: "Notifications/AllSecondPage", who: "outsider", method: "GET", path: list + "?limit=2&cursor=" + afterBAll,
				wantStatus: 200, want: map[string]any{"items.0.title": "Notice A", "unread": 3}},
			{name: "Notifications/ErrCursorTampered", who: "outsider", method: "GET", path: list + "?cursor=eyJiIjo5OTl9", wantStatus: 422,
				want: map[string]any{"field": "cursor"}},
			{name: "Notifications/ErrUnreadFilter", who: "outsider", method: "GET", path: list + "?unread=maybe", wantStatus: 422,
				want: map[string]any{"field": "unread"}},
			{name: "Notifications/ErrLimit", who: "outsider", method: "GET", path: list + "?limit=0", wantStatus: 422,
				want: map[string]any{"field": "limit"}},
			{name: "Notifications/ErrAnonymous", who: "none", method: "GET", path: list, wantStatus: 401},
			{name: "Notifications/ReadOne", who: "outsider", method: "POST", path: list + "/" + strconv.FormatInt(ids[2], 10) + "/read",
				wantStatus: 200, want: map[string]any{"title": "Notice C"},
				check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
					var n activity.Notification
					if err := json.Unmarshal(ans.body, &n); err != nil || n.ReadAt == nil {
						t.Fatalf("read_at not set: %s", ans.body)
					}
					if c, _ := f.app.Notifier.UnreadCount(f.as("outsider"), f.user["outsider"].ID); c != 2 {
						t.Fatalf("unread = %d after reading one, want 2", c)
					}
				}},
			{name: "Notifications/ErrReadSomeoneElses", who: "outsider", method: "POST", path: list + "/" + mine + "/read", wantStatus: 404},
			{name: "Notifications/ErrReadNotANumber", who: "outsider", method: "POST", path: list + "/first/read", wantStatus: 404},
			{name: "Notifications/ErrReadTokenMayNotWrite", who: "member-read", method: "POST", path: list + "/" + mine + "/read",
				wantStatus: 403,
				check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
					if c, _ := f.app.Notifier.UnreadCount(f.as("member"), f.user["member"].ID); c == 0 {
						t.Fatal("a read token marked the member's notice read")
					}
				}},
			{name: "Notifications/ReadAll", who: "outsider", method: "POST", path: list + "/read", wantStatus: 200,
				want: map[string]any{"marked": 2, "unread": 0}},
			{name: "Notifications/ReadAllAgain", who: "outsider", method: "POST", path: list + "/read", wantStatus: 200,
				want: map[string]any{"marked": 0, "unread": 0}},

			{name: "NotificationPreferences/Get", who: "member-read", method: "GET", path: list + "/preferences", wantStatus: 200,
				want: map[string]any{"preferences.#": 19, "preferences.0.kind": "member.roles_changed", "preferences.0.mode": "immediately",
					"preferences.3.kind": "member.left", "preferences.3.mode": "daily", "preferences.3.default": "daily",
					"preferences.3.label": "A member leaves a collective you steward",
					"preferences.4.kind":  "decision.mentioned", "preferences.4.mode": "immediately",
					"preferences.5.kind": "decision.opened", "preferences.5.mode": "daily",
					"preferences.8.kind": "decision.review",
					"preferences.9.kind": "gathering.invited", "preferences.9.mode": "immediately",
					"preferences.12.kind": "gathering.place", "preferences.12.mode": "immediately",
					"preferences.13.kind": "mandate.rotation", "preferences.13.mode": "daily",
					"preferences.14.kind": "commitment.due_soon", "preferences.14.mode": "immediately",
					"preferences.18.kind": "profile.filled_by_import", "preferences.18.mode": "daily"}},
			{name: "NotificationPreferences/Put", who: "member", method: "PUT", path: list + "/preferences",
				body: `{"preferences": {"member.left": "weekly", "member.removed": "never"}}`, wantStatus: 200,
				want: map[string]any{"preferences.3.mode": "weekly", "preferences.1.mode": "never", "preferences.0.mode": "immediately"}},
			{name: "NotificationPreferences/ErrKind", who: "member", method: "PUT", path: list + "/preferences",
				body: `{"preferences": {"member.left": "never", "member.sneezed": "never"}}`, wantStatus: 422,
				want:  map[string]any{"field": "preferences.member.sneezed"},
				check: ntAPIWantMode("member", "member.left", activity.Weekly)},
			{name: "NotificationPreferences/ErrMode", who: "member", method: "PUT", path: list + "/preferences",
				body: `{"preferences": {"member.left": "hourly"}}`, wantStatus: 422, want: map[string]any{"field": "preferences.member.left"},
				check: ntAPIWantMode("member", "member.left", activity.Weekly)},
			{name: "NotificationPreferences/ErrMissing", who: "member", method: "PUT", path: list + "/preferences",
				body: `{}`, wantStatus: 422, want: map[string]any{"field": "preferences"}},
			{name: "NotificationPreferences/ErrUnknownField", who: "member", method: "PUT", path: list + "/preferences",
				body: `{"preferences": {}, "email": "x"}`, wantStatus: 422, want: map[string]any{"field": "email"}},
			{name: "NotificationPreferences/ErrReadToken", who: "member-read", method: "PUT", path: list + "/preferences",
				body: `{"preferences": {"member.left": "never"}}`, wantStatus: 403,
				check: ntAPIWantMode("member", "member.left", activity.Weekly)},
			{name: "NotificationPreferences/ErrAnonymous", who: "none", method: "GET", path: list + "/preferences", wantStatus: 401},
		}
	})
}

func ntAPIWantMode(who, kind string, want activity.Mode) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) { ntWantMode(who, kind, want)(t, f.scFixture, nil) }
}
