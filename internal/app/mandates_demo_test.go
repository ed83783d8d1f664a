package app_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/mandate"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDemoHasMandateUpForRenewal: the demo has a facilitator mandate
// granted by a consent decision that passed months ago, ending within 30
// days, with its renewal decision open and a closed feedback round whose
// results show; its holder holds the facilitator role; a second seeding
// adds nothing; the rotation job reminds the holder and the stewards once.
func TestDemoHasMandateUpForRenewal(t *testing.T) {
	auth.Params.Memory, auth.Params.Time = 64, 1
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://demo.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(a.Jobs.Close)
		d, err := a.SeedDemo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		sctx := auth.WithUser(ctx, d.Steward)
		sa, err := a.Collectives.Access(sctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		l, err := a.Mandates.Mandates(sctx, sa)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Active) != 1 || len(l.Proposed) != 0 || len(l.Past) != 0 {
			t.Fatalf("mandates: %d active, %d proposed, %d past; want 1, 0, 0", len(l.Active), len(l.Proposed), len(l.Past))
		}
		v, err := a.Mandates.Get(sctx, sa, l.Active[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Role != auth.Facilitator || !v.UpForRenewal || v.PendingAction != mandate.Renew {
			t.Errorf("the mandate: role %q, up for renewal %v, pending %q", v.Role, v.UpForRenewal, v.PendingAction)
		}
		start, _ := time.Parse(time.DateOnly, v.TermStart)
		if months := time.Since(start).Hours() / 24 / 30; months < 10 {
			t.Errorf("granted %s, only %.1f months ago", v.TermStart, months)
		}
		if len(v.Decisions) != 2 || v.Decisions[0].Words() != "passed" || v.Decisions[1].Status != "open" {
			t.Errorf("decisions: %+v", v.Decisions)
		}
		if len(v.Rounds) != 1 || !v.Rounds[0].Visible || v.Rounds[0].Open || v.Rounds[0].Answered != 7 || len(v.Rounds[0].Comments) != 4 {
			t.Errorf("feedback: %+v", v.Rounds)
		}
		holder, err := a.Collectives.Member(sctx, sa, *v.HolderMemberID)
		if err != nil || !slices.Contains(holder.Roles, auth.Facilitator) {
			t.Fatalf("the holder's roles: %v (%v)", holder, err)
		}

		// The hourly job reminds the holder and the stewards, through the
		// app's notifier, once.
		for i, want := range []mandate.Rotated{{Reminded: 1}, {}} {
			if got, err := a.Mandates.Rotate(ctx, a.DB.Now()); err != nil || got != want {
				t.Fatalf("rotation run %d: %+v (%v), want %+v", i+1, got, err, want)
			}
		}
		for _, uid := range []int64{holder.UserID, d.Steward.ID} {
			ns, _, err := a.Notifier.Notifications(ctx, uid, activity.NoticeQuery{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, x := range ns {
				if x.Kind == mandate.KindRotation {
					n++
					if x.Link != v.Link || x.Title != "The Facilitator mandate in "+sa.Collective.Name+" ends on "+v.TermEnd {
						t.Errorf("the reminder: %+v", x)
					}
				}
			}
			if n != 1 {
				t.Errorf("user %d has %d rotation reminders, want 1", uid, n)
			}
		}
	})
}
