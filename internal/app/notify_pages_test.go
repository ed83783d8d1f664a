package app_test

import (
	"context"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/app"
	"commonground/internal/store"
)

// The unsubscribe page's link (the demo steward's, for the member.left
// kind), and notifications for the demo steward, so /notifications shows
// unread and read items to the browser tests.
func init() {
	btMoreFixtures = append(btMoreFixtures, func(t *testing.T, env *btEnv, fx *btFixtures) {
		ctx := context.Background()
		var uid int64
		if err := env.App.DB.Get(ctx, &uid, "SELECT id FROM users WHERE email = ?", app.DemoEmail); err != nil {
			t.Fatal(err)
		}
		for _, n := range []activity.Notice{
			{Kind: "member.left", Title: "Lee left the demo collective", Body: "Lee is no longer a member.", Link: "/c/" + app.DemoSlug + "/members"},
			{Kind: "member.roles_changed", Title: "Your roles changed", Body: "You are now a steward and a member."},
		} {
			n.UserIDs = []int64{uid}
			if err := env.App.DB.Write(ctx, func(tx *store.Tx) error { return env.App.Notifier.Notify(ctx, tx, n) }); err != nil {
				t.Fatal(err)
			}
		}
		var first int64
		if err := env.App.DB.Get(ctx, &first, "SELECT MIN(id) FROM notifications WHERE user_id = ?", uid); err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.Notifier.MarkRead(ctx, uid, first); err != nil {
			t.Fatal(err)
		}
		token := env.App.Notifier.UnsubscribeToken(uid, "member.left")
		fx.in["unsubscribe/{token}"] = token
		fx.out["unsubscribe/{token}"] = token
	})
}
