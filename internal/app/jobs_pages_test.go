package app_test

import (
	"context"
	"strconv"
	"testing"

	"commonground/internal/app"
	"commonground/internal/jobs"
)

// A job of the signed-in steward, for the browser tests of /jobs/{job}.
func init() {
	btMoreFixtures = append(btMoreFixtures, func(t *testing.T, env *btEnv, fx *btFixtures) {
		ctx := context.Background()
		var uid int64
		if err := env.App.DB.Get(ctx, &uid, "SELECT id FROM users WHERE email = ?", app.DemoEmail); err != nil {
			t.Fatal(err)
		}
		id, err := env.App.Jobs.EnqueueNow(ctx, jobs.PruneArgs{}, jobs.Owner{UserID: uid, Title: "Prune expired sessions"})
		if err != nil {
			t.Fatal(err)
		}
		fx.in["{job}"] = strconv.FormatInt(id, 10)
		fx.out["{job}"] = strconv.FormatInt(id, 10)
	})
}
