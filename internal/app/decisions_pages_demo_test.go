package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/decision"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDemoHasDecisions: the demo has decisions by several methods (consent
// passed with an outcome and a review date; consent blocked by an objection
// with its reason, then the amended one passed; an instant runoff closed in
// three rounds; an STV election of three; an open majority vote; an open
// anonymous dot vote; a time poll), a proposal in discussion with replies,
// a topic proxy, and a power page with a spread; a second seeding adds
// nothing.
func TestDemoHasDecisions(t *testing.T) {
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
		pg, err := a.Decisions.Proposals(sctx, sa, decision.ProposalQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		if again, err := a.Decisions.Proposals(sctx, sa, decision.ProposalQuery{}); err != nil || again.Total != pg.Total {
			t.Fatalf("a second seeding: %d proposals, then %d (%v)", pg.Total, again.Total, err)
		}
		byTitle := map[string]decision.ProposalItem{}
		for _, it := range pg.Items {
			byTitle[it.Title] = it
		}
		dec := func(title string) *decision.Decision {
			t.Helper()
			it, ok := byTitle[title]
			if !ok || it.Decision == nil {
				t.Fatalf("the demo has no decision on %q", title)
			}
			return it.Decision
		}
		results := func(title string) *decision.Results {
			t.Helper()
			r, err := a.Decisions.Results(sctx, sa, dec(title).ID)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}

		if r := results("Open the pantry one weekday evening a month"); r.Passed == nil || !*r.Passed {
			t.Errorf("the first consent did not pass: %+v", r)
		}
		blocked := results("Move the pantry to Saturdays only")
		if blocked.Passed == nil || *blocked.Passed || len(blocked.Objections) != 1 ||
			!strings.HasPrefix(blocked.Objections[0].Reason, "Families who work weekends") {
			t.Errorf("the blocked consent: %+v", blocked)
		}
		if r := results("Saturdays, with one weekday evening kept"); r.Passed == nil || !*r.Passed {
			t.Errorf("the amended consent did not pass: %+v", r)
		}
		irv := results("Where to hold the summer fun day")
		if irv.Tally == nil || len(irv.Tally.Rounds) != 3 || !slices.Equal(irv.Tally.Winners, []int{2}) {
			t.Errorf("the runoff: %+v", irv.Tally)
		}
		if stv := results("Elect the grants panel"); stv.Tally == nil || len(stv.Tally.Winners) != 3 {
			t.Errorf("the STV election: %+v", stv.Tally)
		}
		for title, m := range map[string]decision.Method{"Move the partners' meeting to an evening": decision.Majority,
			"Spend the £2,000 community chest": decision.Dot, "Hold the autumn assembly": decision.TimePoll} {
			if x := dec(title); x.Status != decision.Open || x.Method != m || x.Turnout == 0 {
				t.Errorf("%q: %s %s with %d votes, want an open %s with votes", title, x.Status, x.Method, x.Turnout, m)
			}
		}
		if !dec("Spend the £2,000 community chest").Anonymous {
			t.Error("the dot vote is not anonymous")
		}
		log, err := a.Decisions.Outcomes(sctx, sa, decision.OutcomeQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(log.Items, func(o decision.Outcome) bool { return o.ReviewOn != "" }) {
			t.Error("no outcome has a review date")
		}
		talk, ok := byTitle["Start a tool library at the community hall"]
		if !ok || talk.Status != decision.Discussion {
			t.Fatalf("no proposal in discussion: %+v", talk)
		}
		view, err := a.Decisions.Proposal(sctx, sa, talk.ID)
		if err != nil {
			t.Fatal(err)
		}
		replies := 0
		for _, c := range view.Comments {
			if c.ParentID != nil {
				replies++
			}
		}
		if len(view.Comments) != 4 || replies != 2 || !strings.Contains(view.Comments[0].Body, "@Chen Wei") {
			t.Errorf("the discussion has %d comments, %d replies: %+v", len(view.Comments), replies, view.Comments)
		}
		pw, err := a.Decisions.Power(sctx, sa, decision.PowerQuery{})
		if err != nil {
			t.Fatal(err)
		}
		proposers := 0
		for _, p := range pw.People {
			if p.Proposals > 0 {
				proposers++
			}
		}
		if pw.Proposals < 12 || proposers < 6 || len(pw.Months) < 4 || pw.ProposalsGini <= 0 {
			t.Errorf("power: %d proposals by %d people over %d months, Gini %.2f", pw.Proposals, proposers, len(pw.Months), pw.ProposalsGini)
		}

		// The pages render for the steward.
		srv := httptest.NewServer(a.Web.Handler())
		defer srv.Close()
		b := scNewBrowser(t, srv.URL)
		if res, body := b.do(t, "POST", "/signin", url.Values{"email": {app.DemoEmail}, "password": {app.DemoPassword}}, nil, nil); res.StatusCode != 303 {
			t.Fatalf("sign in: %d\n%s", res.StatusCode, body)
		}
		base := "/c/" + app.DemoSlug + "/decisions"
		for path, want := range map[string][]string{
			base + "/power": {"<h1>Decision power</h1>", "Half of all proposals came from", "Proposals and proposers per month"},
			base:            {"Move the partners&#39; meeting to an evening", "Open"},
			base + "/log":   {"Decision log", "Download CSV"},
			base + "/" + strconv.FormatInt(dec("Where to hold the summer fun day").ID, 10): {"Votes in each round", "Round 3",
				"The health centre car park"},
			base + "/" + strconv.FormatInt(dec("Move the pantry to Saturdays only").ID, 10): {"Blocked by an objection",
				"Families who work weekends would lose"},
			base + "/" + strconv.FormatInt(dec("Spend the £2,000 community chest").ID, 10): {"Spread up to 10 dots",
				`type="number" inputmode="numeric" min="0" max="10"`, "Results are shown when voting closes"},
			base + "/" + strconv.FormatInt(dec("Hold the autumn assembly").ID, 10): {"Tick every time that suits you",
				`type="checkbox" id="mark-2"`},
			base + "/" + strconv.FormatInt(dec("Elect the grants panel").ID, 10): {"Elected: <strong>", "Votes in each round",
				"(elected)"},
			base + "/proposals/" + strconv.FormatInt(talk.ID, 10): {"replying to", "@Chen Wei"},
		} {
			res, body := b.do(t, "GET", path, nil, nil, nil)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
			}
			scCheckBody(t, path, body, want, nil)
		}
	})
}
