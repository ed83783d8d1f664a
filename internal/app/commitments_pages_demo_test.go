package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/commitment"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDemoHasCommitmentsInEveryState: the demo shows every state, a promise
// marked done and waiting, one overdue, one with a release asked, one kept
// late, promises to organisations and to the collective, requests open and
// closed with an answer, members' parts, and ledgers with months behind
// them; a second seeding adds nothing.
func TestDemoHasCommitmentsInEveryState(t *testing.T) {
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
		sctx := auth.WithUser(ctx, d.Steward)
		sa, err := a.Collectives.Access(sctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		board, err := a.Commitments.Board(sctx, sa)
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, st := range commitment.States {
			if board.Totals[st] == 0 {
				t.Errorf("the demo has no %s commitment: %v", st, board.Totals)
			}
			total += board.Totals[st]
		}
		if _, err := a.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		again, err := a.Commitments.Board(sctx, sa)
		if err != nil {
			t.Fatal(err)
		}
		var total2 int64
		for _, n := range again.Totals {
			total2 += n
		}
		if total2 != total {
			t.Errorf("a second seeding made %d commitments more", total2-total)
		}

		var done, overdue, releaseAsked, late, toOrg, toAll, answers int
		today := time.Now().UTC().Format(time.DateOnly)
		for q := (commitment.Query{}); ; {
			pg, err := a.Commitments.List(sctx, sa, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range pg.Items {
				open := c.State.Open()
				switch {
				case open && c.DoneAt != nil:
					done++
				case open && c.DueOn != "" && c.DueOn < today:
					overdue++
				}
				if c.ReleaseAskedBy != "" && open {
					releaseAsked++
				}
				if c.OnTime != nil && !*c.OnTime {
					late++
				}
				if c.RecipientKind == commitment.ToOrganisation {
					toOrg++
				}
				if c.RecipientKind == commitment.ToCollective {
					toAll++
				}
				if c.RequestID != nil {
					answers++
				}
			}
			if pg.Next == 0 {
				break
			}
			q.Before = pg.Next
		}
		if done == 0 || overdue == 0 || releaseAsked == 0 || late == 0 || toOrg == 0 || toAll == 0 || answers == 0 {
			t.Errorf("marked done %d, overdue %d, release asked %d, kept late %d, to organisations %d, to the collective %d, answering requests %d",
				done, overdue, releaseAsked, late, toOrg, toAll, answers)
		}
		open, err := a.Commitments.Requests(sctx, sa, commitment.RequestOpen, 1)
		if err != nil {
			t.Fatal(err)
		}
		closed, err := a.Commitments.Requests(sctx, sa, commitment.RequestClosed, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(open.Items) != 3 || len(closed.Items) != 1 {
			t.Errorf("%d open and %d closed requests, want 3 and 1", len(open.Items), len(closed.Items))
		}
		dist, err := a.Commitments.Distribution(sctx, sa, commitment.DistributionQuery{Sort: commitment.SortGiven})
		if err != nil {
			t.Fatal(err)
		}
		if len(dist.Rows) == 0 || dist.Rows[0].GivenCount == 0 {
			t.Fatalf("nobody gave anything in the demo: %+v", dist.Rows)
		}
		top := dist.Rows[0].MemberID
		l, err := a.Commitments.Ledger(sctx, sa, commitment.Party{Kind: commitment.PartyMember, ID: top})
		if err != nil {
			t.Fatal(err)
		}
		months := 0
		for _, m := range l.Months {
			if m.Given.Count > 0 || m.Received.Count > 0 {
				months++
			}
		}
		if months < 2 {
			t.Errorf("the top giver's ledger has %d months with kept promises; the demo spreads them over six", months)
		}
	})
}
