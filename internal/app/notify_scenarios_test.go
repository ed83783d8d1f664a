package app_test

import (
	"context"
	"strconv"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/store"
)

// ntNotify sends a notice to who through the app's notifier and returns
// the new notification's id.
func ntNotify(f *scFixture, who string, n activity.Notice) int64 {
	ctx := context.Background()
	uid := f.user[who].ID
	n.UserIDs = []int64{uid}
	if err := f.app.DB.Write(ctx, func(tx *store.Tx) error { return f.app.Notifier.Notify(ctx, tx, n) }); err != nil {
		panic(err)
	}
	var id int64
	if err := f.app.DB.Get(ctx, &id, "SELECT MAX(id) FROM notifications WHERE user_id = ?", uid); err != nil {
		panic(err)
	}
	return id
}

// ntMode is who's current mode for kind.
func ntMode(t *testing.T, f *scFixture, who, kind string) activity.Mode {
	t.Helper()
	prefs, err := f.app.Notifier.Preferences(context.Background(), f.user[who].ID)
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

func ntWantMode(who, kind string, want activity.Mode) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if got := ntMode(t, f, who, kind); got != want {
			t.Fatalf("%s's mode for %s = %s, want %s", who, kind, got, want)
		}
	}
}

// The notification pages: the invitee's list, reading, preferences, and
// unsubscribing from a link while signed out.
func init() {
	scMoreScenarios = append(scMoreScenarios, func(f *scFixture) []scScenario {
		withLink := ntNotify(f, "invitee", activity.Notice{Kind: "member.roles_changed", Title: "Ivy, your roles in Riverside changed",
			Body: "Sam Steward set your roles to member.", Link: "/c/riverside"})
		plain := ntNotify(f, "invitee", activity.Notice{Kind: "member.removed", Title: "Ivy, a plain notice"})
		ids := func(id int64) string { return strconv.FormatInt(id, 10) }
		token := f.app.Notifier.UnsubscribeToken(f.user["observer"].ID, "member.left")
		all := f.app.Notifier.UnsubscribeToken(f.user["outsider"].ID, "*")
		tampered := token[:len(token)-1] + map[bool]string{true: "B", false: "A"}[token[len(token)-1] == 'A']
		leftLabel := "A member leaves a collective you steward"
		return []scScenario{
			{name: "Notifications/List", who: "invitee", method: "GET", path: "/notifications", wantStatus: 200,
				wantContains: []string{"<h1>Notifications</h1>", "Ivy, your roles in Riverside changed", "Sam Steward set your roles to member.",
					"Ivy, a plain notice", `<span class="badge">Unread</span>`, `action="/notifications/` + ids(withLink) + `/read"`,
					`unread</span></span>`, "Mark all as read",
					`Open<span class="visually-hidden">: Ivy, your roles in Riverside changed</span>`,
					`Mark as read<span class="visually-hidden">: Ivy, a plain notice</span>`}},
			{name: "Notifications/UnreadOnly", who: "invitee", method: "GET", path: "/notifications?show=unread", wantStatus: 200,
				wantContains: []string{`href="/notifications?show=unread" aria-current="page"`, "Ivy, a plain notice"}},
			{name: "Notifications/OlderPage", who: "invitee", method: "GET", path: "/notifications?before=" + ids(plain), wantStatus: 200,
				wantContains:    []string{"Ivy, your roles in Riverside changed", `<a href="/notifications">Newest notifications</a>`},
				wantNotContains: []string{"Ivy, a plain notice"}},
			{name: "Notifications/ErrBeforeNotANumber", who: "invitee", method: "GET", path: "/notifications?before=yesterday", wantStatus: 422,
				wantContains:    []string{"This address does not name a page of notifications. Start again from the newest notifications at /notifications."},
				wantNotContains: []string{"Ivy, a plain notice"}},
			{name: "Notifications/ErrBeforeNegative", who: "invitee", method: "GET", path: "/notifications?before=-3", wantStatus: 422,
				wantContains: []string{"This address does not name a page of notifications."}},
			{name: "Notifications/Anonymous", who: "anonymous", method: "GET", path: "/notifications", wantStatus: 303,
				wantLocation: scSignIn("/notifications")},
			{name: "Notifications/ReadOneOthersNotFound", who: "outsider", method: "POST", path: "/notifications/" + ids(withLink) + "/read",
				wantStatus: 404},
			{name: "Notifications/ReadOneBadID", who: "invitee", method: "POST", path: "/notifications/nine/read", wantStatus: 404},
			{name: "Notifications/ReadOneOpensTheLink", who: "invitee", method: "POST", path: "/notifications/" + ids(withLink) + "/read",
				wantStatus: 303, wantLocation: "/c/riverside",
				check: scThenAs("", "/notifications", 200, []string{`<p><a href="/c/riverside">Ivy, your roles in Riverside changed</a></p>`},
					[]string{`action="/notifications/` + ids(withLink) + `/read"`})},
			{name: "Notifications/ReadOneWithoutLink", who: "invitee", method: "POST", path: "/notifications/" + ids(plain) + "/read",
				wantStatus: 303, wantLocation: "/notifications",
				check: scThen("/notifications", 200, "Marked as read: Ivy, a plain notice")},
			{name: "Notifications/ReadAll", who: "member", method: "POST", path: "/notifications/read", wantStatus: 303, wantLocation: "/notifications",
				check: scThen("/notifications", 200, "Nothing unread.")},
			{name: "Notifications/ReadAllAnonymous", who: "anonymous", method: "POST", path: "/notifications/read", wantStatus: 401},

			{name: "NotificationSettings/Page", who: "observer", method: "GET", path: "/account/notifications", wantStatus: 200,
				wantContains: []string{"<h1>Notification settings</h1>", "<legend>" + leftLabel + "</legend>",
					`name="member.left" value="daily" checked`, `name="member.roles_changed" value="immediately" checked`, "Daily digest", "(default)"}},
			{name: "NotificationSettings/Anonymous", who: "anonymous", method: "GET", path: "/account/notifications", wantStatus: 303,
				wantLocation: scSignIn("/account/notifications")},
			{name: "NotificationSettings/ErrMode", who: "observer", method: "POST", path: "/account/notifications",
				form: scForm{"member.left": {"hourly"}}, wantStatus: 422,
				wantContains: []string{`Choose immediately, daily, weekly or never for &#34;member.left&#34;, not &#34;hourly&#34;.`},
				check:        ntWantMode("observer", "member.left", activity.Daily)},
			{name: "NotificationSettings/Save", who: "observer", method: "POST", path: "/account/notifications",
				form: scForm{"member.left": {"weekly"}, "member.removed": {"never"}}, wantStatus: 303, wantLocation: "/account/notifications",
				check: scAll(ntWantMode("observer", "member.left", activity.Weekly), ntWantMode("observer", "member.removed", activity.Never),
					ntWantMode("observer", "member.roles_changed", activity.Immediately),
					scThen("/account/notifications", 200, "Your notification settings are saved.", `name="member.left" value="weekly" checked`))},
			{name: "NotificationSettings/SaveAnonymous", who: "anonymous", method: "POST", path: "/account/notifications",
				form: scForm{"member.left": {"never"}}, wantStatus: 401},

			{name: "Unsubscribe/Page", who: "anonymous", method: "GET", path: "/unsubscribe/" + token, wantStatus: 200,
				wantContains: []string{"<h1>Unsubscribe</h1>", "This stops e-mail when: <strong>" + leftLabel + "</strong>",
					`<form method="post" action="/unsubscribe/` + token + `"`},
				check: ntWantMode("observer", "member.left", activity.Weekly)},
			{name: "Unsubscribe/ErrTampered", who: "anonymous", method: "GET", path: "/unsubscribe/" + tampered, wantStatus: 404,
				wantContains: []string{"This unsubscribe link is not valid."}},
			{name: "Unsubscribe/ErrTamperedPost", who: "anonymous", method: "POST", path: "/unsubscribe/" + tampered,
				form: scForm{"List-Unsubscribe": {"One-Click"}}, wantStatus: 404,
				check: ntWantMode("observer", "member.left", activity.Weekly)},
			{name: "Unsubscribe/OneClick", who: "anonymous", method: "POST", path: "/unsubscribe/" + token,
				form: scForm{"List-Unsubscribe": {"One-Click"}}, wantStatus: 200,
				wantContains: []string{"You are unsubscribed", "You will get no more e-mail when: <strong>" + leftLabel + "</strong>"},
				check: scAll(ntWantMode("observer", "member.left", activity.Never), ntWantMode("observer", "member.removed", activity.Never),
					scThen("/unsubscribe/"+token, 200, "You already get no e-mail of this kind."))},
			{name: "Unsubscribe/AllSignedIn", who: "outsider", method: "POST", path: "/unsubscribe/" + all, wantStatus: 200,
				wantContains: []string{"You will get no more notification e-mail from this site."},
				check:        scAll(ntWantMode("outsider", "member.roles_changed", activity.Never), ntWantMode("outsider", "invitation.accepted", activity.Never))},
		}
	})
}
