package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/mandate"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, mdFixtures) }

// mdFixtures gives the mandate page its path parameter: the demo's
// facilitator mandate, up for renewal.
func mdFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
	t.Helper()
	sctx, sa := mdSteward(t, env)
	l, err := env.App.Mandates.Mandates(sctx, sa)
	if err != nil || len(l.Active) == 0 {
		t.Fatalf("the demo has no active mandate (%v)", err)
	}
	fx.in["{mandate}"] = strconv.FormatInt(l.Active[0].ID, 10)
}

// mdSteward is the demo steward's context and Access.
func mdSteward(t *testing.T, env *btEnv) (context.Context, *collective.Access) {
	t.Helper()
	ctx := context.Background()
	steward, err := env.App.Auth.UserByEmail(ctx, app.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(ctx, steward)
	sa, err := env.App.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	return sctx, sa
}

// mdConsent has n demo members who may vote (not the steward, nor the
// member skip) consent on decision id: with the steward, enough to meet a
// mandate decision's quorum (the demo's minimum group size).
func mdConsent(t *testing.T, env *btEnv, id int64, n int, skip int64) {
	t.Helper()
	sctx, sa := mdSteward(t, env)
	mp, err := env.App.Collectives.Members(sctx, sa, collective.MemberQuery{Page: 1})
	if err != nil {
		t.Fatal(err)
	}
	consent := decision.VoteInput{Choice: decision.Choice{Position: "consent"}}
	for _, m := range mp.Members {
		if n == 0 {
			return
		}
		if m.ID == sa.MemberID || m.ID == skip {
			continue
		}
		u, err := env.App.Auth.UserByID(sctx, m.UserID)
		if err != nil {
			t.Fatal(err)
		}
		uctx := auth.WithUser(context.Background(), u)
		ua, err := env.App.Collectives.Access(uctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		if !ua.CanContribute() {
			continue
		}
		if _, err := env.App.Decisions.Vote(uctx, ua, id, consent); err != nil {
			t.Fatalf("%s consents: %v", m.Name, err)
		}
		n--
	}
	if n > 0 {
		t.Fatalf("%d consents short", n)
	}
}

// TestMandateRenewedInBrowser: a new member holds the convener mandate;
// another new member opens its renewal from the mandate's page (a new end
// before the current one refused first), consents on the decision's page,
// enough others consent to meet the quorum, the steward closes it, and the mandate's page shows the
// new end. Every page on the way passes axe.
func TestMandateRenewedInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	holder := cbNewcomer(t, env, "Hal Holder", "hal.holder@demo.commonground.test")
	rae := cbNewcomer(t, env, "Rae Renewer", "rae.renewer@demo.commonground.test")
	sctx, sa := mdSteward(t, env)
	a := env.App
	today := time.Now().UTC()
	end := today.AddDate(0, 6, 0).Format(time.DateOnly)
	m, err := a.Mandates.Propose(sctx, sa, mandate.Input{Role: "convener", HolderMemberID: holder, Scope: "Calls the partners' meetings.",
		TermStart: today.Format(time.DateOnly), TermEnd: end})
	if err != nil {
		t.Fatal(err)
	}
	consent := decision.VoteInput{Choice: decision.Choice{Position: "consent"}}
	if _, err := a.Decisions.Vote(sctx, sa, *m.PendingDecisionID, consent); err != nil {
		t.Fatal(err)
	}
	mdConsent(t, env, *m.PendingDecisionID, 4, 0)
	if err := a.Decisions.Close(sctx, sa, *m.PendingDecisionID); err != nil {
		t.Fatal(err)
	}

	base := env.URL()
	page := base + "/c/" + app.DemoSlug + "/mandates/" + strconv.FormatInt(m.ID, 10)
	rc := b.NewContext(t)
	btSignIn(t, rc, base, "rae.renewer@demo.commonground.test", app.DemoPassword)
	if err := chromedp.Do(rc, chromedp.Navigate(base+"/c/"+app.DemoSlug+"/mandates")); err != nil {
		t.Fatal(err)
	}
	cbWant(t, rc, "the mandates", "Convener: Hal Holder", "Facilitator:", "up for renewal")
	btAxe(t, rc, "the mandates")
	btShot(t, rc, "mandates_list")
	btClickLoad(t, rc, `main a[href$="/mandates/`+strconv.FormatInt(m.ID, 10)+`"]`, http.StatusOK)
	cbWant(t, rc, "the mandate", "Convener: Hal Holder", "Calls the partners' meetings.", end, "Grant: passed")
	btAxe(t, rc, "the mandate page")

	// A new end before the current one is refused, with the message by
	// the renewal form.
	if err := chromedp.Do(rc, chromedp.SetValue(chromedp.ID("renew-end"), today.AddDate(0, 1, 0).Format(time.DateOnly))); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, rc, `form[action$="/renew"] button[type=submit]`, http.StatusUnprocessableEntity)
	cbWant(t, rc, "the refused renewal", "A renewal must end after the current term, which ends on "+end+".")
	btAxe(t, rc, "the mandate page with a refused renewal")
	newEnd := today.AddDate(1, 6, 0).Format(time.DateOnly)
	if err := chromedp.Do(rc, chromedp.SetValue(chromedp.ID("renew-end"), newEnd)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, rc, `form[action$="/renew"] button[type=submit]`, http.StatusOK)
	cbWant(t, rc, "the renewal under way", "A decision to renew this mandate is open (to a term ending "+newEnd+")", "Renewal: open")
	btShot(t, rc, "mandates_renewal_open")

	// Rae consents on the decision's page; the steward and three more
	// members consent (the quorum is five); the steward closes it.
	btClickLoad(t, rc, `main a[href*="/decisions/"]:not([href$="/`+strconv.FormatInt(*m.PendingDecisionID, 10)+`"])`, http.StatusOK)
	if err := chromedp.Do(rc, chromedp.Click(chromedp.CSS(`form[action$="/vote"] input[type=radio][value="consent"]`))); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, rc, `form[action$="/vote"] button[type=submit]`, http.StatusOK)
	got, err := a.Mandates.Get(sctx, sa, m.ID)
	if err != nil || got.PendingDecisionID == nil {
		t.Fatalf("no renewal pending: %+v (%v)", got, err)
	}
	renewal := *got.PendingDecisionID
	if _, err := a.Decisions.Vote(sctx, sa, renewal, consent); err != nil {
		t.Fatal(err)
	}
	mdConsent(t, env, renewal, 3, rae)
	if err := a.Decisions.Close(sctx, sa, renewal); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(rc, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	if shown := btText(t, rc, "#term-end"); shown != newEnd {
		t.Errorf("the term ends %q on the page, want %q", shown, newEnd)
	}
	cbWant(t, rc, "the renewed mandate", "Renewal: passed")
	if strings.Contains(btText(t, rc, "main"), "A decision to renew this mandate is open") {
		t.Error("the renewal still shows as open")
	}
	btAxe(t, rc, "the renewed mandate")
	btShot(t, rc, "mandates_renewed")

	// The demo's facilitator mandate shows its feedback: 7 answers, above
	// the minimum group size.
	if err := chromedp.Do(rc, chromedp.Navigate(base+"/c/"+app.DemoSlug+"/mandates")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, rc, `main a[href*="/mandates/"]:not([href$="/`+strconv.FormatInt(m.ID, 10)+`"]):not([href$="/new"])`, http.StatusOK)
	cbWant(t, rc, "the facilitator mandate", "up for renewal", "7 answers", "Booked the hall for the fun day")
	rows, err := chromedp.Run(rc, chromedp.Evaluate[string](cbRows))
	if want := "Serves the group's purpose 4.29 0 0 1 3 3|Listens and explains 4.14 0 0 1 4 2|Stays within the scope 4.43 0 0 1 2 4"; err != nil || !strings.Contains(rows, want) {
		t.Errorf("feedback rows %q (%v), want %q", rows, err, want)
	}
	btAxe(t, rc, "the facilitator mandate with feedback")
	btShot(t, rc, "mandates_feedback")

	// The propose form.
	if err := chromedp.Do(rc, chromedp.Navigate(base+"/c/"+app.DemoSlug+"/mandates/new")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, rc, "the propose form")
	btShot(t, rc, "mandates_new")
}
