package app_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/riverqueue/river"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/people"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, ppFixtures) }

// ppFixtures gives the people pages their path parameters: a person's
// sub-page (their matches), the demo's periodic prompt and a run of
// suggested groupings, queued here.
func ppFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
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
	prompts, err := a.People.Prompts(sctx, acc, false)
	if err != nil || len(prompts) == 0 {
		t.Fatalf("the demo has %d prompts (%v)", len(prompts), err)
	}
	runs, err := a.People.Groupings(sctx, acc)
	if err != nil {
		t.Fatal(err)
	}
	var run int64
	if len(runs) > 0 {
		run = runs[0].ID
	} else {
		r, err := a.People.StartGrouping(sctx, acc)
		if err != nil {
			t.Fatal(err)
		}
		run = r.ID
	}
	// The group page needs a group: work the run here if the queue has
	// not yet (the worker is idempotent, so both may).
	d, err := a.People.Grouping(sctx, acc, run)
	if err == nil && d.Status != "done" {
		w := &people.GroupingWorker{S: a.People}
		if err = w.Work(ctx, &river.Job[people.GroupingArgs]{Args: people.GroupingArgs{RunID: run}}); err == nil {
			d, err = a.People.Grouping(sctx, acc, run)
		}
	}
	if err != nil || len(d.Groups) == 0 {
		t.Fatalf("the demo's run of suggested groupings found no group (%v)", err)
	}
	fx.in["{group}"] = strconv.Itoa(d.Groups[0].No)
	fx.in["{view}"] = "matches"
	fx.in["{prompt}"] = strconv.FormatInt(prompts[len(prompts)-1].ID, 10)
	fx.in["{run}"] = strconv.FormatInt(run, 10)
}

// ppNewcomer makes an account that joins the demo collective as a member
// through an invitation, as a new user would.
func ppNewcomer(t *testing.T, env *btEnv, email string) {
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
	inv, err := a.Collectives.CreateInvitation(sctx, acc, collective.InviteInput{Roles: []string{auth.Member}})
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.Auth.CreateUser(ctx, email, "Nia Newcomer", app.DemoPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Collectives.AcceptInvitation(auth.WithUser(ctx, u), inv.Link[strings.LastIndex(inv.Link, "/")+1:]); err != nil {
		t.Fatal(err)
	}
}

// TestPeoplePagesInBrowser: a newcomer to the demo collective fills their
// profile (a refused field first, then the whole form), uploads a photo
// and ranks values through the forms, then finds collaborators with
// reasons; the directory and the values overview with its chart pass axe.
func TestPeoplePagesInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	ppNewcomer(t, env, "nia@demo.commonground.test")
	base := env.URL()
	c := base + "/c/" + app.DemoSlug
	ctx := b.NewContext(t)
	btSignIn(t, ctx, base, "nia@demo.commonground.test", app.DemoPassword)

	// A refused field comes back marked, with what was typed kept. The
	// field's maxlength stops typing at 40; a value set directly gets past
	// it, as an old browser or a script would.
	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/people/me/edit"),
		chromedp.SetValue(chromedp.ID("pronouns"), strings.Repeat("x", 41)),
		chromedp.SendKeys(chromedp.ID("about"), "New to Riverside; I ran a community kitchen in Leeds.")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, ctx, "profile editor")
	btClickLoad(t, ctx, `form[action$="/people/me"] button[type=submit]`, http.StatusUnprocessableEntity)
	if s := btText(t, ctx, ".error-summary"); !strings.Contains(s, "Pronouns is 41 characters long") {
		t.Errorf("error summary: %q", s)
	}
	if kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("about").value`)); err != nil || !strings.Contains(kept, "community kitchen") {
		t.Errorf("the about field lost what was typed: %q (%v)", kept, err)
	}
	btAxe(t, ctx, "profile editor with an error")
	btShot(t, ctx, "people_profile_error")

	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("pronouns"), "she/her"),
		chromedp.SetValue(chromedp.ID("vis_pronouns"), "stewards"),
		chromedp.SendKeys(chromedp.ID("organisation"), "Riverside Food Bank"),
		chromedp.SendKeys(chromedp.ID("skills"), "cooking for groups, food hygiene"),
		chromedp.SendKeys(chromedp.ID("offers"), "cooking for groups\ngrant writing"),
		chromedp.SendKeys(chromedp.ID("needs"), "data analysis\nvan driving")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/people/me"] button[type=submit]`, http.StatusOK)
	if h := btHeading(t, ctx); !strings.HasPrefix(h, "Nia Newcomer") {
		t.Fatalf("after saving the profile, heading %q", h)
	}
	main := btText(t, ctx, "main")
	for _, want := range []string{"Your profile is saved.", "Who sees what", "Stewards of the collective", "cooking for groups"} {
		if !strings.Contains(main, want) {
			t.Errorf("own profile page lacks %q", want)
		}
	}
	btAxe(t, ctx, "own profile")
	btShot(t, ctx, "people_own_profile")

	// A photo through the multipart form.
	photo := filepath.Join(t.TempDir(), "me.png")
	if err := os.WriteFile(photo, ppPNG(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/people/me/edit"), chromedp.SetUploadFiles(chromedp.ID("photo"), []string{photo})); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/me/photo"] button[type=submit]`, http.StatusOK)
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#photo-section img[alt="Your current photo"]').length`)); err != nil || n != 1 {
		t.Errorf("%d photos shown after the upload (%v)", n, err)
	}

	// Values through the ten rank slots.
	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/people/me/values")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, ctx, "values editor")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("value1"), "Fairness"),
		chromedp.SendKeys(chromedp.ID("why1"), "Every family deserves the same chance."),
		chromedp.SetValue(chromedp.ID("value2"), "Care"),
		chromedp.SetValue(chromedp.ID("value3"), "Learning")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action$="/me/values"] button[type=submit]`, http.StatusOK)
	if s := btText(t, ctx, "ol.values"); !strings.Contains(s, "Fairness: Every family deserves the same chance.") || !strings.Contains(s, "Learning") {
		t.Errorf("ranked values on the profile: %q", s)
	}

	// Collaborators, with reasons.
	btClickLoad(t, ctx, `main a[href$="/matches"]`, http.StatusOK)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('ol.matches > li').length`))
	if err != nil || n != people.DefaultMatches {
		t.Fatalf("%d suggestions (%v), want %d", n, err, people.DefaultMatches)
	}
	reasons := btText(t, ctx, "ol.matches")
	if !strings.Contains(reasons, "You both") || !strings.Contains(reasons, "offer") {
		t.Errorf("suggestions without shared values or complementary offers in their reasons: %q", reasons)
	}
	btAxe(t, ctx, "find collaborators")
	btShot(t, ctx, "people_matches")

	for _, page := range []struct{ path, heading string }{
		{"/people", "People"}, {"/values", "Values"}, {"/people/prompts", "Prompts"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(c+page.path)); err != nil {
			t.Fatal(err)
		}
		if h := btHeading(t, ctx); h != page.heading {
			t.Errorf("%s: heading %q", page.path, h)
		}
		btAxe(t, ctx, page.path)
	}
	// The values overview is a chart with a name, a description and a
	// table of the same data.
	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/values")); err != nil {
		t.Fatal(err)
	}
	alt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const svg = document.querySelector('figure svg[role=img]');
		if (!svg) return "no svg";
		const d = document.getElementById(svg.getAttribute('aria-describedby'));
		return (d ? d.textContent : "no desc") + "|" + document.querySelectorAll('details.chart-data tbody tr').length;
	})()`))
	if err != nil || !strings.Contains(alt, " bars: ") || strings.HasSuffix(alt, "|0") {
		t.Errorf("the values chart's text alternative: %q (%v)", alt, err)
	}
	btShot(t, ctx, "people_values")
}
