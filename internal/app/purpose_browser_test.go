package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/purpose"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, pcFixtures) }

// pcFixtures gives the purpose pages something at version 1 to show, signed
// in and signed out: the demo has a charter and value propositions; the
// member fx.in names and the open collective get theirs here.
func pcFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
	t.Helper()
	ctx := context.Background()
	a := env.App
	fx.in["versions/{version}"], fx.out["versions/{version}"] = "1", "1"
	steward, err := a.Auth.UserByEmail(ctx, app.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(ctx, steward)
	// The member on the signed-in pages writes their own, unless the demo did.
	acc, err := a.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	other := idOf(t, fx.in["{member}"])
	m, err := a.Collectives.Member(sctx, acc, other)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := a.Purpose.ValueProposition(sctx, acc, purpose.MemberOwner(other)); err != nil || v.Version == 0 {
		u, err := a.Auth.UserByID(ctx, m.UserID)
		if err != nil {
			t.Fatal(err)
		}
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Purpose.EditValue(uctx, ua, purpose.MemberOwner(other), purpose.ValueInput{Gain: "Company.", Bring: "Time."}); err != nil {
			t.Fatalf("value proposition of member %d (%s): %v", other, m.Name, err)
		}
	}
	oacc, err := a.Collectives.Access(sctx, btOpenSlug)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Purpose.EditCharter(sctx, oacc, purpose.CharterInput{Purpose: "Keep the library of things open six days a week."}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []purpose.Owner{purpose.MemberOwner(oacc.MemberID), purpose.OrganisationOwner(idOf(t, fx.out["{org}"]))} {
		if _, err := a.Purpose.EditValue(sctx, oacc, o, purpose.ValueInput{Gain: "Neighbours.", Bring: "Tools."}); err != nil {
			t.Fatal(err)
		}
	}
}

func idOf(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			t.Fatalf("%q is not an id", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// TestPurposeEditConflictInBrowser: a steward opens the charter's form,
// another saves first, and the first one's save comes back with their
// text kept beside the new version and the diff; saving again wins. The
// purpose page, the form, the conflict view and the diff page pass axe.
func TestPurposeEditConflictInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	d, err := env.App.SeedDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	base := env.URL()
	p := base + "/c/" + app.DemoSlug + "/purpose"
	ctx := b.NewContext(t)
	btSignIn(t, ctx, base, app.DemoEmail, app.DemoPassword)

	if err := chromedp.Do(ctx, chromedp.Navigate(p)); err != nil {
		t.Fatal(err)
	}
	if h := btHeading(t, ctx); h != "Purpose" {
		t.Fatalf("purpose page heading %q", h)
	}
	if s := btText(t, ctx, "#endorsements"); !strings.Contains(s, "Alex Rivera") || !strings.Contains(s, "Have not endorsed") {
		t.Errorf("endorsement roll: %q", s)
	}
	btAxe(t, ctx, "purpose page")
	btShot(t, ctx, "purpose")

	btClickLoad(t, ctx, `main a[href$="/purpose/charter/edit"]`, http.StatusOK)
	if base, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=base]`))); err != nil || base != "2" {
		t.Fatalf("hidden base %q (%v), want 2", base, err)
	}
	btAxe(t, ctx, "charter form")
	mine := "Halve child food insecurity in Riverside, with every family heard."
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("purpose"), mine)); err != nil {
		t.Fatal(err)
	}

	// Meanwhile another steward saves version 3.
	sctx := auth.WithUser(context.Background(), d.Steward)
	acc, err := env.App.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := env.App.Purpose.Charter(sctx, acc)
	if err != nil {
		t.Fatal(err)
	}
	theirs := purpose.CharterInput{Base: cur.Version, Purpose: cur.Purpose + " Together.", Ambition: cur.Ambition,
		AmbitionBy: cur.AmbitionBy, ValueProposition: cur.ValueProposition, Note: "Meanwhile"}
	if _, err := env.App.Purpose.EditCharter(sctx, acc, theirs); err != nil {
		t.Fatal(err)
	}

	btClickLoad(t, ctx, `form[action$="/purpose/charter"] button[type=submit]`, http.StatusConflict)
	if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("purpose"))); err != nil || kept != mine {
		t.Fatalf("the form lost the text typed: %q (%v)", kept, err)
	}
	conflict := btText(t, ctx, ".conflict")
	for _, want := range []string{"Someone saved first", "version 3", "Together.", "[removed:", "[added:"} {
		if !strings.Contains(conflict, want) {
			t.Errorf("conflict view lacks %q: %q", want, conflict)
		}
	}
	btAxe(t, ctx, "charter conflict view")
	btShot(t, ctx, "purpose_conflict")

	btClickLoad(t, ctx, `form[action$="/purpose/charter"] button[type=submit]`, http.StatusOK)
	if s := btText(t, ctx, "main"); !strings.Contains(s, "Version 4 of the charter is saved.") || !strings.Contains(s, mine) {
		t.Fatalf("after saving again: %q", s)
	}

	btClickLoad(t, ctx, `main a[href*="/purpose/charter/diff?from=3"]`, http.StatusOK)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main del, main ins").length`))
	if err != nil || n < 2 {
		t.Fatalf("diff page shows %d del/ins (%v)", n, err)
	}
	btAxe(t, ctx, "charter diff")
	btShot(t, ctx, "purpose_diff")
}
