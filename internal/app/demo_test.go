package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestSeedDemoIsIdempotent(t *testing.T) {
	auth.Params.Memory, auth.Params.Time = 64, 1
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://demo.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
		if err != nil {
			t.Fatal(err)
		}
		first, err := a.SeedDemo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		second, err := a.SeedDemo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.Collective.ID != second.Collective.ID || len(second.Orgs) != len(first.Orgs) {
			t.Fatalf("second run made new data: %+v vs %+v", first.Collective, second.Collective)
		}
		steward, err := a.Auth.SignIn(ctx, app.DemoEmail, app.DemoPassword, "127.0.0.1")
		if err != nil || !steward.Admin {
			t.Fatalf("demo sign-in: %v (admin %v)", err, steward != nil && steward.Admin)
		}
		sctx := auth.WithUser(ctx, steward)
		access, err := a.Collectives.Access(sctx, app.DemoSlug)
		if err != nil || !access.IsSteward() {
			t.Fatalf("steward access: %v", err)
		}
		page, err := a.Collectives.Members(sctx, access, collective.MemberQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != len(first.People) || page.Total < 30 {
			t.Fatalf("demo has %d members, seeded %d people", page.Total, len(first.People))
		}
		orgs, err := a.Collectives.Organisations(sctx, access)
		if err != nil || len(orgs) != 6 {
			t.Fatalf("demo has %d organisations (%v)", len(orgs), err)
		}
		roles := map[string]bool{}
		for _, m := range page.Members {
			for _, r := range m.Roles {
				roles[r] = true
			}
		}
		for _, r := range []string{auth.Steward, auth.Member, auth.Observer, auth.Host, auth.PayReviewer} {
			if !roles[r] {
				t.Errorf("no demo member holds %s on the first page", r)
			}
		}
	})
}
