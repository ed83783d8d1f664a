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
	"commonground/internal/commitment"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, cbFixtures) }

// cbFixtures gives the commitment pages their path parameters from the
// demo: its newest commitment, its newest open request and its first
// organisation's ledger.
func cbFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
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
	list, err := a.Commitments.List(sctx, acc, commitment.Query{})
	if err != nil || len(list.Items) == 0 {
		t.Fatalf("the demo has no commitments (%v)", err)
	}
	reqs, err := a.Commitments.Requests(sctx, acc, commitment.RequestOpen, 1)
	if err != nil || len(reqs.Items) == 0 {
		t.Fatalf("the demo has no open requests (%v)", err)
	}
	orgs, err := a.Collectives.Organisations(sctx, acc)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("the demo has no organisations (%v)", err)
	}
	fx.in["{commitment}"] = strconv.FormatInt(list.Items[0].ID, 10)
	fx.in["{request}"] = strconv.FormatInt(reqs.Items[0].ID, 10)
	fx.in["{organisation}"] = strconv.FormatInt(orgs[0].ID, 10)
}

// cbNewcomer makes an account that joins the demo collective as a member
// through an invitation, as a new user would, and returns its member id.
func cbNewcomer(t *testing.T, env *btEnv, name, email string) int64 {
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
	u, err := a.Auth.CreateUser(ctx, email, name, app.DemoPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	uctx := auth.WithUser(ctx, u)
	if _, err := a.Collectives.AcceptInvitation(uctx, inv.Link[strings.LastIndex(inv.Link, "/")+1:]); err != nil {
		t.Fatal(err)
	}
	ua, err := a.Collectives.Access(uctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	return ua.MemberID
}

// cbRows is a script that reads the page's table rows, cells joined by
// spaces and rows by "|".
const cbRows = `[...document.querySelectorAll("main table tr")].map(r => [...r.cells].map(c => c.textContent.trim()).join(" ")).join("|")`

// cbWant fails unless the page's main content holds every string.
func cbWant(t *testing.T, ctx context.Context, what string, want ...string) {
	t.Helper()
	main := btText(t, ctx, "main")
	for _, w := range want {
		if !strings.Contains(main, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, main)
		}
	}
}

// TestCommitmentsInBrowser: a new user asks for help; another new user
// answers by committing (a refused due date first), marks it done once it
// is accepted; the first confirms it kept, and both ledgers show it, given
// and received apart. Every page on the way passes axe.
func TestCommitmentsInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	nia := cbNewcomer(t, env, "Nia Asker", "nia.asker@demo.commonground.test")
	ned := cbNewcomer(t, env, "Ned Giver", "ned.giver@demo.commonground.test")
	base := env.URL()
	c := base + "/c/" + app.DemoSlug
	asker, giver := b.NewContext(t), b.NewContext(t)
	btSignIn(t, asker, base, "nia.asker@demo.commonground.test", app.DemoPassword)
	btSignIn(t, giver, base, "ned.giver@demo.commonground.test", app.DemoPassword)

	// Nia asks.
	if err := chromedp.Do(asker, chromedp.Navigate(c+"/requests/new")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, asker, "the request form")
	if err := chromedp.Do(asker, chromedp.SendKeys(chromedp.ID("what"), "I need an introduction to the county health office"),
		chromedp.SetValue(chromedp.ID("kind"), "introduce")); err != nil {
		t.Fatal(err)
	}
	reqPath := btClickLoad(t, asker, `form[action$="/requests"] button[type=submit]`, http.StatusOK)
	cbWant(t, asker, "the new request", "Your request is posted", "Nobody has answered yet.", "Close the request")
	btAxe(t, asker, "the request page")
	btShot(t, asker, "commitments_request")

	// Ned answers from the list of requests; a due date in the past is
	// refused with what he typed kept.
	if err := chromedp.Do(giver, chromedp.Navigate(c+"/requests")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, giver, "the requests")
	btClickLoad(t, giver, `main a[href="`+reqPath+`"]`, http.StatusOK)
	btClickLoad(t, giver, `main a[href$="/commitments/new?request=`+reqPath[strings.LastIndex(reqPath, "/")+1:]+`"]`, http.StatusOK)
	cbWant(t, giver, "the answer form", "You are answering the request of Nia Asker")
	btAxe(t, giver, "the commitment form")
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	if err := chromedp.Do(giver, chromedp.SendKeys(chromedp.ID("what"), "Introduce Nia to Dr Patel"),
		chromedp.SetValue(chromedp.ID("kind"), "introduce"), chromedp.SetValue(chromedp.ID("size_unit"), "hours"),
		chromedp.SetValue(chromedp.ID("size"), "1.5"), chromedp.SetValue(chromedp.ID("due_on"), yesterday)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, giver, `form[action$="/commitments"] button[type=submit]`, http.StatusUnprocessableEntity)
	cbWant(t, giver, "the refused form", "is in the past; choose today or later.")
	if kept, err := chromedp.Run(giver, chromedp.Evaluate[string](`document.getElementById("what").value`)); err != nil || kept != "Introduce Nia to Dr Patel" {
		t.Errorf("the form lost what was typed: %q (%v)", kept, err)
	}
	btAxe(t, giver, "the commitment form with an error")
	btShot(t, giver, "commitments_new_error")
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	if err := chromedp.Do(giver, chromedp.SetValue(chromedp.ID("due_on"), tomorrow)); err != nil {
		t.Fatal(err)
	}
	one := btClickLoad(t, giver, `form[action$="/commitments"] button[type=submit]`, http.StatusOK)
	cbWant(t, giver, "the new commitment", "Your promise to Nia Asker is made", "Proposed", "1.5 hours", "Withdraw")
	btAxe(t, giver, "the commitment page")

	// Nia accepts; Ned marks it done; Nia confirms it kept.
	click := func(ctx context.Context, action string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+one)); err != nil {
			t.Fatal(err)
		}
		btClickLoad(t, ctx, `form[action="`+one+`/`+action+`"] button[type=submit]`, http.StatusOK)
	}
	if err := chromedp.Do(asker, chromedp.Navigate(base+one)); err != nil {
		t.Fatal(err)
	}
	btShot(t, asker, "commitments_to_accept")
	click(asker, "accept")
	cbWant(t, asker, "after accepting", "You accepted the promise.", "Accepted")
	click(giver, "mark_done")
	cbWant(t, giver, "after marking done", "Marked done; the other side is asked to confirm.", "waiting for confirmation")
	if err := chromedp.Do(asker, chromedp.Navigate(c+"/commitments/mine")); err != nil {
		t.Fatal(err)
	}
	cbWant(t, asker, "Nia's commitments", "Waiting for your answer", "Introduce Nia to Dr Patel")
	btAxe(t, asker, "my commitments")
	click(asker, "confirm")
	cbWant(t, asker, "after confirming", "Confirmed kept.", "Kept on time", "confirmed it kept")
	btAxe(t, asker, "a kept commitment")
	btShot(t, asker, "commitments_kept")

	// The ledgers: Ned gave one promise of 1.5 hours, Nia received it.
	if err := chromedp.Do(giver, chromedp.Navigate(c+"/ledger/members/"+strconv.FormatInt(ned, 10))); err != nil {
		t.Fatal(err)
	}
	cbWant(t, giver, "Ned's ledger", "My ledger", "100%")
	row, err := chromedp.Run(giver, chromedp.Evaluate[string](cbRows))
	if err != nil || !strings.Contains(row, "Promises kept 1 0") || !strings.Contains(row, "Hours 1.5 hours 0") {
		t.Errorf("Ned's given and received: %q (%v)", row, err)
	}
	btAxe(t, giver, "a member's ledger")
	btShot(t, giver, "commitments_ledger")
	if err := chromedp.Do(asker, chromedp.Navigate(c+"/ledger/members/"+strconv.FormatInt(nia, 10))); err != nil {
		t.Fatal(err)
	}
	row, err = chromedp.Run(asker, chromedp.Evaluate[string](cbRows))
	if err != nil || !strings.Contains(row, "Promises kept 0 1") || !strings.Contains(row, "Hours 0 1.5 hours") {
		t.Errorf("Nia's given and received: %q (%v)", row, err)
	}
	if err := chromedp.Do(asker, chromedp.Navigate(c+"/commitments")); err != nil {
		t.Fatal(err)
	}
	btAxe(t, asker, "the board")
	btShot(t, asker, "commitments_board")
}
