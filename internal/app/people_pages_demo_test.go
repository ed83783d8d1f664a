package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/people"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// The demo collective's people have profiles and ranked values, there is
// a background and a periodic prompt with answers and one proposed value;
// a demo member gets collaborator suggestions with reasons, the people
// pages render for the steward, and seeding again adds nothing.
func TestSeedDemoPeople(t *testing.T) {
	auth.Params.Memory, auth.Params.Time = 64, 1
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://demo.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(a.Jobs.Close)
		var d *app.Demo
		for range 2 {
			if d, err = a.SeedDemo(ctx); err != nil {
				t.Fatal(err)
			}
			var profiles, values, answers int
			if err := db.Get(ctx, &profiles, "SELECT count(*) FROM profiles"); err != nil {
				t.Fatal(err)
			}
			if err := db.Get(ctx, &values, "SELECT count(DISTINCT member_id) FROM person_values"); err != nil {
				t.Fatal(err)
			}
			if err := db.Get(ctx, &answers, "SELECT count(*) FROM prompt_answers"); err != nil {
				t.Fatal(err)
			}
			// All 35 demo accounts are members (observers too) and keep a
			// profile; a second seeding finds them and adds nothing.
			if profiles != 35 || values != 35 || answers != 6 {
				t.Fatalf("%d profiles, %d people with values, %d answers; want 35, 35, 6", profiles, values, answers)
			}
		}
		sctx := auth.WithUser(ctx, d.Steward)
		sa, err := a.Collectives.Access(sctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		prompts, err := a.People.Prompts(sctx, sa, false)
		if err != nil || len(prompts) != 2 || prompts[0].Kind != people.PromptBackground || prompts[1].Kind != people.PromptPeriodic {
			t.Fatalf("demo prompts: %+v (%v)", prompts, err)
		}
		proposed, err := a.People.Vocabulary(sctx, sa, people.TermProposed)
		if err != nil || len(proposed) != 1 || proposed[0].Name != "Playfulness" {
			t.Fatalf("proposed values: %+v (%v)", proposed, err)
		}

		// A member who is not a steward finds collaborators with reasons.
		u, err := a.Auth.UserByEmail(ctx, "dolores.ruiz@demo.commonground.test")
		if err != nil {
			t.Fatal(err)
		}
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, app.DemoSlug)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := a.People.Matches(uctx, ua, ua.MemberID, people.MatchQuery{K: 5})
		if err != nil || len(ms) != 5 {
			t.Fatalf("%d matches for %s (%v), want 5", len(ms), u.Name, err)
		}
		for _, m := range ms {
			if len(m.Reasons) == 0 || m.Score <= 0 {
				t.Errorf("match %s for %s: score %v, reasons %q", m.Name, u.Name, m.Score, m.Reasons)
			}
		}
		if len(ms[0].SharedValues) == 0 {
			t.Errorf("the best match for %s shares no value: %+v", u.Name, ms[0])
		}

		// The people pages render for the steward.
		srv := httptest.NewServer(a.Web.Handler())
		t.Cleanup(srv.Close)
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar}
		res, err := client.PostForm(srv.URL+"/signin", url.Values{"email": {app.DemoEmail}, "password": {app.DemoPassword}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		c := "/c/" + app.DemoSlug
		for _, p := range []struct{ path, want string }{
			{c + "/people", "Amara Okafor"},
			{c + "/people/me", "Who sees what"},
			{fmt.Sprintf("%s/people/%d", c, ms[0].MemberID), ms[0].Name},
			{c + "/values", "Which values unite us"},
			{c + "/people/prompts", "A tradition from my family I bring to work"},
			{c + "/people/groupings", "Suggest groupings"},
			{c + "/people/import", "CSV file"},
		} {
			res, err := client.Get(srv.URL + p.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !scHas(string(body), p.want) {
				t.Errorf("GET %s: status %d, want 200 and a page with %q", p.path, res.StatusCode, p.want)
			}
		}
	})
}
