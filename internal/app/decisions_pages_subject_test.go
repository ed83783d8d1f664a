package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/decision"
	"commonground/internal/store"
)

func init() { scMoreScenarios = append(scMoreScenarios, dpSubjectScenarios) }

// dpSubjectScenarios follow dpVoteScenarios: a decision made by another
// feature (its subject names mandate 999999, which does not exist, so the
// mandate scenarios that follow still find mandate 1 first and no decision
// of theirs) links to the mandate, and only a steward may close or cancel
// it early: Mo, who proposed it, sees no button and is refused.
func dpSubjectScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/decisions"
	const mandateLine = `This decision is about a mandate: <a href="/c/` + scA + `/mandates/999999">see the mandate</a>.`
	var prop, dec int64
	start := func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		a := f.access(t, "member", scA)
		err := f.app.DB.Write(f.as("member"), func(tx *store.Tx) (err error) {
			prop, dec, err = f.app.Decisions.ProposeInTx(f.as("member"), tx, a,
				decision.ProposalInput{Title: "Mo as treasurer", Body: "Mo keeps the accounts."},
				decision.DecisionInput{Method: decision.Consent, Question: "Mo as treasurer?", Subject: "mandate:999999:grant",
					ClosesAt: tx.Now.AddDate(0, 0, 5)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	page := func(who string, want, notWant []string) func(*testing.T, *scFixture, *scBrowser) {
		return func(t *testing.T, f *scFixture, br *scBrowser) {
			t.Helper()
			scThenAs(who, fmt.Sprintf("%s/%d", b, dec), 200, want, notWant)(t, f, br)
		}
	}
	refused := func(action string) func(*testing.T, *scFixture, *scBrowser) {
		return func(t *testing.T, f *scFixture, br *scBrowser) {
			t.Helper()
			res, body := f.jar["member"].do(t, "POST", fmt.Sprintf("%s/%d/%s", b, dec, action), nil, nil, nil)
			if res.StatusCode != 403 {
				t.Fatalf("proposer's %s: %d\n%s", action, res.StatusCode, body)
			}
			if v := dpDecision(t, f, dec); v.Decision.Status != decision.Open || v.Decision.ClosedAt != nil {
				t.Fatalf("after the proposer's %s the decision is %s", action, v.Decision.Status)
			}
		}
	}
	return []scScenario{
		{name: "Subject/ProposerSeesNoClose", who: "member", method: "GET", path: b, wantStatus: 200,
			check: scAll(start,
				page("member", []string{mandateLine, "<h1>Mo as treasurer?</h1>"}, []string{`/close"`, `/cancel"`, "Close or cancel"}),
				refused("close"), refused("cancel"),
				func(t *testing.T, f *scFixture, br *scBrowser) {
					t.Helper()
					scThenAs("member", fmt.Sprintf("%s/proposals/%d", b, prop), 200,
						[]string{`This proposal is about a mandate: <a href="/c/` + scA + `/mandates/999999">see the mandate</a>.`}, nil)(t, f, br)
				})},
		{name: "Subject/StewardMayEnd", who: "steward", method: "GET", path: b, wantStatus: 200,
			check: scAll(page("steward", []string{mandateLine, "Close or cancel", "Close voting now", "Cancel the decision"}, nil),
				func(t *testing.T, f *scFixture, br *scBrowser) {
					t.Helper()
					path := fmt.Sprintf("%s/%d", b, dec)
					res, body := br.do(t, "POST", path+"/cancel", nil, nil, nil)
					if res.StatusCode != 303 || res.Header.Get("Location") != path {
						t.Fatalf("steward's cancel: %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), body)
					}
					if v := dpDecision(t, f, dec); v.Decision.Status != decision.Cancelled {
						t.Fatalf("after the steward's cancel the decision is %s", v.Decision.Status)
					}
				})},
		{name: "Subject/PlainDecisionNoLine", who: "member", method: "GET", path: b + "/1", wantStatus: 200,
			wantNotContains: []string{"about a mandate"}},
		// An anonymous decision closed with fewer voters than the minimum
		// group shows turnout and outcome only: no chart, no table.
		{name: "Anonymous/FewVoters", who: "member", method: "GET", path: b, wantStatus: 200,
			check: func(t *testing.T, f *scFixture, br *scBrowser) {
				t.Helper()
				closes := f.app.DB.Now().UTC().Add(48 * time.Hour).Format("2006-01-02T15:04")
				res, body := br.do(t, "POST", b+"/proposals/new", scForm{"title": {"Pick a mural"}, "decide_now": {"1"},
					"method": {"approval"}, "question": {"Pick a mural?"}, "electorate": {"members"}, "anonymous": {"1"},
					"results_shown": {"after_close"}, "closes_at": {closes}, "seats": {"1"}, "options": {"Birds\nBoats"}}, nil, nil)
				path := res.Header.Get("Location")
				if res.StatusCode != 303 || !strings.HasPrefix(path, b+"/") {
					t.Fatalf("anonymous decision: %d to %q\n%s", res.StatusCode, path, body)
				}
				if res, body = br.do(t, "POST", path+"/vote", scForm{"mark-0": {"1"}}, nil, nil); res.StatusCode != 200 {
					t.Fatalf("anonymous vote: %d\n%s", res.StatusCode, body)
				}
				if res, body = br.do(t, "POST", path+"/close", nil, nil, nil); res.StatusCode != 303 {
					t.Fatalf("close: %d\n%s", res.StatusCode, body)
				}
				scThenAs("", path, 200, []string{"Only 1 person voted; an anonymous decision&#39;s count is shown when at least 7 have",
					"1 of 4 voted.", "Birds was chosen."}, []string{`<figure class="chart">`, "<table", "Reasons given"})(t, f, br)
			}},
		{name: "Anonymous/FormSaysMinGroup", who: "member", method: "GET", path: b + "/proposals/new", wantStatus: 200,
			wantContains: []string{"If fewer than 7 people vote, only the turnout and the outcome are shown."}},
		// The CSV's headers go out with the service's first write, so a
		// refusal is still a page, never an empty spreadsheet.
		{name: "Log/CSVOutsiderNotFound", who: "outsider", method: "GET", path: b + "/log.csv", wantStatus: 404,
			wantNotContains: []string{"Not repainted"}},
		{name: "Log/CSVHeaders", who: "member", method: "GET", path: b + "/log", wantStatus: 200,
			check: func(t *testing.T, f *scFixture, br *scBrowser) {
				t.Helper()
				res, body := br.do(t, "GET", b+"/log.csv", nil, nil, nil)
				h := res.Header
				if res.StatusCode != 200 || h.Get("Content-Type") != "text/csv; charset=utf-8" || h.Get("Cache-Control") != "no-store" ||
					!strings.HasPrefix(h.Get("Content-Disposition"), `attachment; filename="`+scA+`-decisions-`) ||
					!strings.Contains(body, "Not repainted until the council agrees.") {
					t.Fatalf("log.csv: %d %v\n%s", res.StatusCode, h, body)
				}
			}},
	}
}
