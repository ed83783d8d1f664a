package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/gathering"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDemoHasGatherings: the demo has past dates people came to, with
// outcomes, minutes, closed reports and so a cost; next week's fun-day
// planning has twelve going and two waiting; the weekly huddle yields least
// of the series; the steward keeps a six-hour focus budget; a second
// seeding adds nothing.
func TestDemoHasGatherings(t *testing.T) {
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
		var count int
		if err := db.Get(ctx, &count, "SELECT COUNT(*) FROM gatherings"); err != nil || count != 3 {
			t.Fatalf("%d gatherings (%v), want 3", count, err)
		}

		past, err := a.Gatherings.List(sctx, sa, gathering.ListQuery{Past: true})
		if err != nil {
			t.Fatal(err)
		}
		held := map[string]int{}
		for _, it := range past.Items {
			if it.EndsAt.After(db.Now()) {
				continue // under way as the test runs: answered, not yet held
			}
			if it.Attended == 0 || it.ClosedAt == nil {
				t.Errorf("%s on %s: %d came, closed %v; want people and a closed report", it.Title, it.StartsAt, it.Attended, it.ClosedAt)
			}
			held[it.Title]++
		}
		if held["Partners' meeting"] < 3 || held["Volunteers' huddle"] < 5 {
			t.Errorf("past dates: %v; want at least 3 partners' meetings and 5 huddles", held)
		}
		rep, err := a.Gatherings.Report(sctx, sa, lastOf(past.Items, "Partners' meeting").ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Attendees) != 9 || rep.PersonHours != 13.5 || len(rep.Outcomes) == 0 || len(rep.Organisations) == 0 {
			t.Errorf("the first partners' meeting: %d came, %v person-hours, %d outcomes, %d organisations; want 9, 13.5, some, some",
				len(rep.Attendees), rep.PersonHours, len(rep.Outcomes), len(rep.Organisations))
		}

		up, err := a.Gatherings.List(sctx, sa, gathering.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		fun := lastOf(up.Items, "Summer fun day: planning session")
		if fun.ID == 0 || fun.Going != 12 || fun.Waiting != 2 {
			t.Errorf("the fun day: %+v; want 12 going and 2 waiting", fun)
		}

		b, err := a.Gatherings.Balance(sctx, sa, gathering.BalanceQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Series) != 2 || b.Series[0].Title != "Volunteers' huddle" || b.Outcomes == 0 || b.PersonHours <= 0 {
			t.Errorf("the balance: %+v; want the huddle first of two series, with outcomes and hours", b)
		}
		mine, err := a.Gatherings.MyBalance(sctx, sa)
		if err != nil {
			t.Fatal(err)
		}
		if mine.GatheringMinutes != 360 || !mine.BudgetSet {
			t.Errorf("the steward's time for gatherings: %d minutes, set %v; want 360, set", mine.GatheringMinutes, mine.BudgetSet)
		}
	})
}

// lastOf is the last listed date of the gathering titled title (the
// earliest, in a past list), or a zero one.
func lastOf(items []gathering.Listed, title string) gathering.Listed {
	var out gathering.Listed
	for _, it := range items {
		if it.Title == title {
			out = it
		}
	}
	return out
}
