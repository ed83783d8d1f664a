package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/decision"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, dbFixtures) }

// dbFixtures gives the decision pages their path parameters from the demo:
// the proposal still in discussion (which the steward may change and
// decide), a comment the steward adds to it (the edit page is for one's
// own), an open decision and the newest outcome.
func dbFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
	t.Helper()
	ctx := context.Background()
	a := env.App
	steward, err := a.Auth.UserByEmail(ctx, app.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(ctx, steward)
	acc, err := a.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := a.Decisions.Proposals(sctx, acc, decision.ProposalQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var talk, open int64
	for _, it := range pg.Items {
		switch {
		case it.Status == decision.Discussion && talk == 0:
			talk = it.ID
		case it.Decision != nil && it.Decision.Status == decision.Open && !it.Decision.Anonymous && open == 0:
			open = it.Decision.ID
		}
	}
	if talk == 0 || open == 0 {
		t.Fatalf("the demo has no proposal in discussion (%d) or no open named decision (%d)", talk, open)
	}
	c, err := a.Decisions.AddComment(sctx, acc, talk, 0, "I can bring a ladder.")
	if err != nil {
		t.Fatal(err)
	}
	log, err := a.Decisions.Outcomes(sctx, acc, decision.OutcomeQuery{})
	if err != nil || len(log.Items) == 0 {
		t.Fatalf("the demo has no outcomes (%v)", err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	fx.in["{proposal}"], fx.in["comments/{comment}"] = id(talk), id(c.ID)
	fx.in["decisions/{decision}"], fx.in["outcomes/{outcome}"] = id(open), id(log.Items[0].ID)
}

// dbVote opens the decision page in ctx, fills the ballot with fill and
// sends it; the page after must thank the voter.
func dbVote(t *testing.T, ctx context.Context, url string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}, fill...)...); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/vote"] button[type=submit]`, http.StatusOK)
	cbWant(t, ctx, "after voting", "Your vote is counted.")
}

// TestDecisionsInBrowser: (1) a member proposes with consent; two consent
// and one objects with a reason (after being told a reason is needed); the
// proposer closes and the page says the proposal is blocked, with the
// reason. (2) a ranked vote by number inputs, closed, shows its rounds.
// Every page on the way passes axe.
func TestDecisionsInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	base := env.URL()
	c := base + "/c/" + app.DemoSlug + "/decisions"
	names := []string{"Pia Proposer", "Cal Consent", "Cleo Consent", "Oscar Object", "Quinn Ranker"}
	ctxs := make([]context.Context, len(names))
	for i, n := range names {
		email := strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@demo.commonground.test"
		cbNewcomer(t, env, n, email)
		ctxs[i] = b.NewContext(t)
		btSignIn(t, ctxs[i], base, email, app.DemoPassword)
	}
	pia, cal, cleo, oscar, quinn := ctxs[0], ctxs[1], ctxs[2], ctxs[3], ctxs[4]

	// (1) Pia proposes and starts a consent decision in one form.
	if err := chromedp.Do(pia, chromedp.Navigate(c)); err != nil {
		t.Fatal(err)
	}
	btAxe(t, pia, "the proposals")
	btClickLoad(t, pia, `main a[href$="/decisions/proposals/new"]`, http.StatusOK)
	btAxe(t, pia, "the proposal form")
	btShot(t, pia, "decisions_proposal_form")
	if err := chromedp.Do(pia, chromedp.SendKeys(chromedp.ID("title"), "Close the pantry on bank holidays"),
		chromedp.SendKeys(chromedp.ID("body"), "Volunteers want the day with their families."),
		chromedp.Click(chromedp.ID("decide_now")), chromedp.Click(chromedp.ID("method-consent"))); err != nil {
		t.Fatal(err)
	}
	one := btClickLoad(t, pia, `form[action$="/proposals/new"] button[type=submit]`, http.StatusOK)
	cbWant(t, pia, "the new decision", "Your proposal is up and the decision on it has started.", "Consent", "0 of")
	btAxe(t, pia, "the consent ballot")
	btShot(t, pia, "decisions_consent_ballot")
	dbVote(t, cal, base+one, chromedp.Click(chromedp.CSS(`input[name=position][value=consent]`)))
	dbVote(t, cleo, base+one, chromedp.Click(chromedp.CSS(`input[name=position][value=consent]`)))

	// Oscar objects without a reason first: refused, his choice kept.
	if err := chromedp.Do(oscar, chromedp.Navigate(base+one), chromedp.Click(chromedp.CSS(`input[name=position][value=object]`))); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, oscar, `form[action$="/vote"] button[type=submit]`, http.StatusUnprocessableEntity)
	cbWant(t, oscar, "the refused objection", "An objection needs a reason")
	if kept, err := chromedp.Run(oscar, chromedp.Evaluate[bool](`document.querySelector("input[name=position][value=object]").checked`)); err != nil || !kept {
		t.Errorf("the refused ballot lost the objection (%v)", err)
	}
	btAxe(t, oscar, "the ballot with an error")
	btShot(t, oscar, "decisions_objection_error")
	if err := chromedp.Do(oscar, chromedp.SendKeys(chromedp.ID("reason"), "Bank holidays are when families need the pantry most.")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, oscar, `form[action$="/vote"] button[type=submit]`, http.StatusOK)
	cbWant(t, oscar, "after objecting", "Your vote is counted.")

	// Pia closes: blocked, with Oscar's reason.
	if err := chromedp.Do(pia, chromedp.Navigate(base+one)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, pia, `form[action$="/close"] button[type=submit]`, http.StatusOK)
	cbWant(t, pia, "the closed decision", "Blocked by an objection", "Oscar Object: Bank holidays are when families need the pantry most.",
		"3 of", "Record the outcome")
	btAxe(t, pia, "the blocked decision")
	btShot(t, pia, "decisions_blocked")

	// (2) Pia starts a ranked vote; five rank by number inputs.
	if err := chromedp.Do(pia, chromedp.Navigate(c+"/proposals/new"),
		chromedp.SendKeys(chromedp.ID("title"), "Colour for the new pantry sign"),
		chromedp.Click(chromedp.ID("decide_now")), chromedp.Click(chromedp.ID("method-irv")),
		chromedp.SendKeys(chromedp.ID("options"), "Green\nBlue\nWhite")); err != nil {
		t.Fatal(err)
	}
	two := btClickLoad(t, pia, `form[action$="/proposals/new"] button[type=submit]`, http.StatusOK)
	cbWant(t, pia, "the ranked ballot", "Instant runoff", "1 = first choice")
	btAxe(t, pia, "the ranked ballot")
	btShot(t, pia, "decisions_ranked_ballot")
	rank := func(ranks ...string) []chromedp.Action[chromedp.Void] {
		var out []chromedp.Action[chromedp.Void]
		for i, r := range ranks {
			if r != "" {
				out = append(out, chromedp.SendKeys(chromedp.ID("rank-"+strconv.Itoa(i)), r))
			}
		}
		return out
	}
	// Green 2, Blue 2, White 1 first choices: White drops out, its vote
	// goes to Blue, and Blue wins 3 to 2 in the second round.
	dbVote(t, pia, base+two, rank("1", "2")...)
	dbVote(t, cal, base+two, rank("1")...)
	dbVote(t, cleo, base+two, rank("2", "1")...)
	dbVote(t, oscar, base+two, rank("", "2", "1")...)
	dbVote(t, quinn, base+two, rank("", "1")...)
	if err := chromedp.Do(pia, chromedp.Navigate(base+two)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, pia, `form[action$="/close"] button[type=submit]`, http.StatusOK)
	cbWant(t, pia, "the ranked result", "Winner: Blue", "Votes in each round", "Round 1", "Round 2", "How it was counted")
	row, err := chromedp.Run(pia, chromedp.Evaluate[string](cbRows))
	if err != nil || !strings.Contains(row, "White 1 (dropped)") || !strings.Contains(row, "Blue 2 3") {
		t.Errorf("the rounds table: %q (%v)", row, err)
	}
	btAxe(t, pia, "the ranked result")
	btShot(t, pia, "decisions_ranked_result")

	// At phone width nothing scrolls sideways: wide tables scroll in their
	// own box.
	if err := chromedp.Do(pia, chromedp.EmulateViewport(btPhoneWidth, 812, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{base + two, base + one, c + "/proposals/new", c + "/power", c + "/log", c, c + "/proxies"} {
		if err := chromedp.Do(pia, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		btAxe(t, pia, u+" at phone width")
		if w, err := chromedp.Run(pia, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`)); err != nil || w > btPhoneWidth+2 {
			wide, _ := chromedp.Run(pia, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main *")]
				.filter(e => e.getBoundingClientRect().right > 377)
				.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right))`))
			t.Errorf("%s is %v px wide at a %d px viewport (%v); too wide: %v", u, w, btPhoneWidth, err, wide)
		}
	}
}
