package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// The demo collective has a charter in two versions, endorsed by some
// members at each, and value propositions; seeding again adds nothing.
func TestSeedDemoPurpose(t *testing.T) {
	auth.Params.Memory, auth.Params.Time = 64, 1
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://demo.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(a.Jobs.Close)
		for range 2 {
			d, err := a.SeedDemo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sctx := auth.WithUser(ctx, d.Steward)
			acc, err := a.Collectives.Access(sctx, app.DemoSlug)
			if err != nil {
				t.Fatal(err)
			}
			versions, err := a.Purpose.CharterVersions(sctx, acc)
			if err != nil || len(versions) != 2 {
				t.Fatalf("demo charter has %d versions (%v), want 2", len(versions), err)
			}
			roll, err := a.Purpose.Endorsements(sctx, acc)
			if err != nil {
				t.Fatal(err)
			}
			if len(roll.Current) != 5 || len(roll.Earlier) != 5 || roll.Mine != 2 || len(roll.Not) == 0 {
				t.Errorf("roll: %d current, %d earlier, %d not, steward's %d", len(roll.Current), len(roll.Earlier), len(roll.Not), roll.Mine)
			}
			values, err := a.Purpose.ValuePropositions(sctx, acc)
			if err != nil || len(values) != 5 {
				t.Fatalf("demo has %d value propositions (%v), want 5", len(values), err)
			}
			if values[0].Kind != "member" || values[4].Kind != "organisation" {
				t.Errorf("value propositions out of order: %+v", values)
			}
		}
	})
}
