package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/gathering"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, gbFixtures) }

// gbFixtures gives the gathering pages their path parameters: the demo's
// partners' meeting and its latest held date, with people, outcomes and a
// closed report.
func gbFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
	t.Helper()
	sctx, sa := mdSteward(t, env)
	past, err := env.App.Gatherings.List(sctx, sa, gathering.ListQuery{Past: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range past.Items {
		if it.Title == "Partners' meeting" && it.Attended > 0 {
			fx.in["gatherings/{gathering}"] = strconv.FormatInt(it.GatheringID, 10)
			fx.in["on/{occurrence}"] = strconv.FormatInt(it.ID, 10)
			return
		}
	}
	t.Fatalf("the demo has no held partners' meeting among %d past dates", len(past.Items))
}

// TestGatheringInBrowser: a new member plans a gathering from its intention
// (refused first without one), says they are going, hosts it: checks
// themself in, writes down a breakthrough and the minutes once it has
// begun, then reads the report and closes it after the end. Every page on
// the way passes axe. The app's clock moves on between the steps.
func TestGatheringInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	var shift atomic.Int64
	env.App.DB.Now = func() time.Time { return time.Now().UTC().Add(time.Duration(shift.Load())) }
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	cbNewcomer(t, env, "Gia Gatherer", "gia.gatherer@demo.commonground.test")
	base := env.URL()
	list := base + "/c/" + app.DemoSlug + "/gatherings"
	ctx := b.NewContext(t)
	btSignIn(t, ctx, base, "gia.gatherer@demo.commonground.test", app.DemoPassword)
	if err := chromedp.Do(ctx, chromedp.Navigate(list)); err != nil {
		t.Fatal(err)
	}
	cbWant(t, ctx, "the gatherings", "Summer fun day: planning session", "Upcoming")
	btAxe(t, ctx, "the gatherings")
	btShot(t, ctx, "gatherings_list")

	btClickLoad(t, ctx, `main a[href$="/gatherings/new"]`, http.StatusOK)
	btAxe(t, ctx, "the plan form")
	start := time.Now().UTC().Add(30 * time.Minute).Truncate(time.Minute)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("title"), "Food bank open evening"),
		chromedp.SetValue(chromedp.ID("time_zone"), "UTC"),
		chromedp.SetValue(chromedp.ID("start"), start.Format("2006-01-02T15:04")),
		chromedp.SetValue(chromedp.ID("end"), start.Add(time.Hour).Format("2006-01-02T15:04")),
		chromedp.SendKeys(chromedp.ID("place"), "Riverside Food Bank, back hall"),
		chromedp.SendKeys(chromedp.ID("agenda_title_0"), "Tour of the pantry"),
		chromedp.SetValue(chromedp.ID("agenda_minutes_0"), "20")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/gatherings/new"] button[type=submit]`, http.StatusUnprocessableEntity)
	cbWant(t, ctx, "the refused plan", "Say what should be different after the gathering.", "Please correct the marked field.")
	btAxe(t, ctx, "the refused plan")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("intention"), "Three new volunteers sign up for the Saturday rota.")); err != nil {
		t.Fatal(err)
	}
	page := btClickLoad(t, ctx, `form[action$="/gatherings/new"] button[type=submit]`, http.StatusOK)
	cbWant(t, ctx, "the gathering", "What should be different afterwards", "Three new volunteers sign up",
		start.Format("15:04")+"–"+start.Add(20*time.Minute).Format("15:04"), "Tour of the pantry", "Download (.ics)")
	btAxe(t, ctx, "the gathering")
	btShot(t, ctx, "gathering")

	btClickLoad(t, ctx, `form[action$="/rsvp"] button[value=going]`, http.StatusOK)
	cbWant(t, ctx, "the answered gathering", "You are going.", "1 going")
	btAxe(t, ctx, "the answered gathering")

	btClickLoad(t, ctx, `main a[href$="/live"]`, http.StatusOK)
	cbWant(t, ctx, "the live view", "Hosting: Food bank open evening", "0 checked in.")
	// The agenda timer (agenda-timer.js) runs on the browser's clock: the
	// gathering starts half an hour from now, so it counts down to the start.
	timer, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () { var e = document.getElementById("agenda-timer");
		return e.hidden ? "hidden" : e.textContent; })()`))
	if err != nil || !strings.HasPrefix(timer, "The agenda starts in ") {
		t.Fatalf("agenda timer %q (%v), want a countdown to the start", timer, err)
	}
	btAxe(t, ctx, "the live view")
	btClickLoad(t, ctx, `button[aria-label="Check in Gia Gatherer"]`, http.StatusOK)
	cbWant(t, ctx, "the live view after check-in", "Gia Gatherer is checked in.", "1 checked in.")

	shift.Store(int64(45 * time.Minute)) // under way
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("kind"), "breakthrough"),
		chromedp.SendKeys(chromedp.ID("text"), "The youth project will run a Saturday shift.")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/outcomes"] button[type=submit]`, http.StatusOK)
	cbWant(t, ctx, "the live view with an outcome", "Written down: Breakthrough.", "The youth project will run a Saturday shift.")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("minutes"), "Four people toured the pantry.")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/minutes"] button[type=submit]`, http.StatusOK)
	cbWant(t, ctx, "the live view with minutes", "The minutes are saved.")
	btAxe(t, ctx, "the live view with outcomes")
	btShot(t, ctx, "gathering_live")

	shift.Store(int64(3 * time.Hour)) // over
	if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `main a[href$="/report"]`, http.StatusOK)
	cbWant(t, ctx, "the report", "Report: Food bank open evening", "came", "person-hours", "1.00",
		"Breakthrough", "Four people toured the pantry.")
	btAxe(t, ctx, "the report")
	btShot(t, ctx, "gathering_report")
	btClickLoad(t, ctx, `form[action$="/report/close"] button[type=submit]`, http.StatusOK)
	cbWant(t, ctx, "the closed report", "The report is closed.", "closed")
}
