package app_test

import (
	"fmt"
	"testing"
	"time"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDecisionPagesWeightsAndProxies runs its own scenarios on a fresh
// fixture, so the weights and proxy pages can be checked alone (go test
// -run Decision) without the whole table of TestScenarios.
func TestDecisionPagesWeightsAndProxies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		for _, sc := range dwScenarios(f) {
			t.Run(sc.name, func(t *testing.T) { scRun(t, f, sc) })
		}
	})
}

// dwDecisions fails unless proposal id of collective A has n decisions: a
// refused form must start none.
func dwDecisions(id int64, n int) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		sctx, a := f.stewardAccess(t, scA)
		v, err := f.app.Decisions.Proposal(sctx, a, id)
		if err != nil || len(v.Decisions) != n {
			t.Fatalf("proposal %d: %v (%v), want %d decisions", id, v, err, n)
		}
	}
}

// dwScenarios: a weighted majority vote started from the decide form, where
// Mo's weight of 3 makes Green win a vote Blue would win one person one
// vote; the weights' refusals, each naming its line; then proxies for one
// decision and for a topic on the proxies page, taken back there, and
// their entries in the activity log.
func dwScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/decisions"
	p1, d1, d2 := b+"/proposals/1", b+"/1", b+"/2"
	activity := "/c/" + scA + "/activity"
	closes := f.app.DB.Now().UTC().Add(48 * time.Hour).Format("2006-01-02T15:04")
	decide := func(extra scForm) scForm {
		form := scForm{"method": {"majority"}, "question": {"Which colour for the door?"}, "options": {"Green\nBlue"},
			"electorate": {"members"}, "results_shown": {"always"}, "closes_at": {closes}, "seats": {"1"},
			"weighted": {"1"}, "weights": {"Mo Member: 3"}}
		for k, v := range extra {
			form[k] = v
		}
		return form
	}
	typed := "Sam Steward: 1\n  mo member : 3\nAnn Lee: 2"
	gave := "Dee Voter gave Sam Steward their proxy in the decision “Buy a kettle?”."
	gaveTopic := "Dee Voter gave Mo Member their proxy on the topic “kitchen”."
	took := "Dee Voter took back the proxy they gave Sam Steward in the decision “Buy a kettle?”."
	return []scScenario{
		{name: "Weights/Join", who: "member", method: "GET", path: b, wantStatus: 200, check: dpJoin},
		{name: "Weights/FormFields", who: "member", method: "GET", path: b + "/proposals/new", wantStatus: 200,
			wantContains: []string{`<input type="checkbox" id="weighted" name="weighted" value="1"`, "Weighted votes",
				`<label for="weights">Weights</label>`, `<textarea id="weights" name="weights"`, "such as “Ann Lee: 3”"}},
		{name: "Weights/Propose", who: "member", method: "POST", path: b + "/proposals/new",
			form: scForm{"title": {"Paint the door"}, "body": {"Which colour?"}}, wantStatus: 303, wantLocation: p1},

		// Each mistake names its line; the form comes back as typed.
		{name: "Weights/ErrUnknownName", who: "member", method: "POST", path: p1 + "/decide", form: decide(scForm{"weights": {typed}}),
			wantStatus: 422, wantContains: []string{"Line 3: no member is called “Ann Lee”.", `id="weights-error"`, `href="#weights"`,
				">" + typed + "</textarea>", `value="Which colour for the door?"`, `id="weighted" name="weighted" value="1" checked`},
			check: dwDecisions(1, 0)},
		{name: "Weights/ErrTwice", who: "member", method: "POST", path: p1 + "/decide",
			form: decide(scForm{"weights": {"Mo Member: 3\n\nmo  member: 2"}}), wantStatus: 422,
			wantContains: []string{"Line 3: “mo member” already has a weight, on line 1.", `id="weights-error"`}, check: dwDecisions(1, 0)},
		{name: "Weights/ErrNotNumber", who: "member", method: "POST", path: p1 + "/decide",
			form: decide(scForm{"weights": {"Sam Steward: 2\nMo Member: lots"}}), wantStatus: 422,
			wantContains: []string{"Line 2: the weight of “Mo Member” must be a whole number from 1 to 1000000, not “lots”."},
			check:        dwDecisions(1, 0)},
		{name: "Weights/ErrNoColon", who: "member", method: "POST", path: p1 + "/decide",
			form: decide(scForm{"weights": {"Mo Member 3"}}), wantStatus: 422,
			wantContains: []string{"Line 1: write the full name, a colon and the weight, such as “Ann Lee: 3”."}, check: dwDecisions(1, 0)},
		{name: "Weights/ErrNotTicked", who: "member", method: "POST", path: p1 + "/decide", form: decide(scForm{"weighted": {""}}),
			wantStatus: 422, wantContains: []string{"Tick “Weighted votes” to use the weights below, or clear them.",
				`id="weighted-error"`, `href="#weighted"`}, check: dwDecisions(1, 0)},
		{name: "Weights/ErrNoneListed", who: "member", method: "POST", path: p1 + "/decide", form: decide(scForm{"weights": {" \n "}}),
			wantStatus: 422, wantContains: []string{"List whose votes weigh more, one a line, such as “Ann Lee: 3”; or untick “Weighted votes”.",
				`id="weights-error"`}, check: dwDecisions(1, 0)},
		{name: "Weights/ErrAnonymous", who: "member", method: "POST", path: p1 + "/decide",
			form: decide(scForm{"anonymous": {"1"}, "results_shown": {"after_close"}}), wantStatus: 422,
			wantContains: []string{"An anonymous decision takes no weights", `id="weighted-error"`}, check: dwDecisions(1, 0)},

		// Mo's 3 against Sam's and Dee's 1 each: Green, where one person
		// one vote would have chosen Blue.
		{name: "Weights/Decide", who: "member", method: "POST", path: p1 + "/decide", form: decide(nil), wantStatus: 303,
			wantLocation: d1, check: dwDecisions(1, 1)},
		{name: "Weights/VoteMo", who: "member", method: "POST", path: d1 + "/vote", form: scForm{"option": {"0"}},
			wantStatus: 303, wantLocation: d1},
		{name: "Weights/VoteSam", who: "steward", method: "POST", path: d1 + "/vote", form: scForm{"option": {"1"}},
			wantStatus: 303, wantLocation: d1},
		{name: "Weights/VoteDee", who: "dvoter", method: "POST", path: d1 + "/vote", form: scForm{"option": {"1"}},
			wantStatus: 303, wantLocation: d1},
		{name: "Weights/Close", who: "member", method: "POST", path: d1 + "/close", wantStatus: 303, wantLocation: d1,
			check: scThenAs("", d1, 200, []string{"Final result.", "3 of 6 voted; 5 ballots counted with proxies and weights.",
				"Winner: <strong>Green</strong>",
				"<strong>Passed</strong>:", `"Green" has 3 of 5 valid votes, more than 1/2 (3 needed)`,
				`<tr><th scope="row">Green</th><td>3</td><td>Winner</td></tr><tr><th scope="row">Blue</th><td>2</td><td></td></tr>`},
				[]string{"Winner: <strong>Blue</strong>"})},

		// A proxy for one decision, one for a topic, both on the proxies page.
		{name: "Proxies/Decide", who: "member", method: "POST", path: b + "/proposals/new",
			form: scForm{"title": {"Buy a kettle"}, "question": {"Buy a kettle?"}, "topic": {"kitchen"}, "decide_now": {"1"}, "method": {"consent"},
				"electorate": {"members"}, "results_shown": {"always"}, "closes_at": {closes}, "seats": {"1"}, "proxies": {"1"}},
			wantStatus: 303, wantLocation: d2},
		{name: "Proxies/GiveForDecision", who: "dvoter", method: "POST", path: d2 + "/proxy",
			form: scForm{"to_member_id": {dwMemberID(f, "steward")}}, wantStatus: 303, wantLocation: d2},
		{name: "Proxies/GiveForTopic", who: "dvoter", method: "POST", path: b + "/proxies",
			form: scForm{"to_member_id": {dwMemberID(f, "member")}, "topic": {"kitchen"}}, wantStatus: 303, wantLocation: b + "/proxies"},
		{name: "Proxies/ListBoth", who: "dvoter", method: "GET", path: b + "/proxies", wantStatus: 200,
			wantContains: []string{"<h3>For one decision</h3>",
				`<li><a href="` + d2 + `">Buy a kettle?</a>: Sam Steward votes for you, since`,
				`<form method="post" action="` + b + `/proxies/1/revoke" class="inline"><button type="submit" class="secondary">Take back<span class="visually-hidden"> your proxy for “Buy a kettle?”</span></button></form>`,
				"<h3>On a topic</h3>", "<li>On the topic “kitchen”: Mo Member votes for you, since",
				`action="` + b + `/proxies/2/revoke"`},
			wantNotContains: []string{"Voting is over"}},
		{name: "Proxies/ListHeld", who: "steward", method: "GET", path: b + "/proxies", wantStatus: 200,
			wantContains: []string{`<li>In <a href="` + d2 + `">Buy a kettle?</a>: you vote for Dee Voter when they do not vote themselves.</li>`,
				"You have not given a proxy."}},
		{name: "Proxies/ActivityMember", who: "observer", method: "GET", path: activity, wantStatus: 200,
			wantContains: []string{gave, gaveTopic}},
		{name: "Proxies/ActivityOutsider", who: "outsider", method: "GET", path: activity, wantStatus: 404,
			wantNotContains: []string{gave}},
		// The proxies page's button needs no JavaScript: a plain form post,
		// back to the page.
		{name: "Proxies/RevokeFromPage", who: "dvoter", method: "POST", path: b + "/proxies/1/revoke", wantStatus: 303,
			wantLocation: b + "/proxies", check: scAll(
				scThenAs("", b+"/proxies", 200, []string{"Your proxy is taken back", "On the topic “kitchen”: Mo Member votes for you"},
					[]string{"Sam Steward votes for you", "Buy a kettle?"}),
				// The topic proxy covers the kettle now.
				scThenAs("", d2, 200, []string{"Mo Member votes for you in this decision"}, []string{"Sam Steward votes for you"}),
				scThenAs("member", activity, 200, []string{took, gave, gaveTopic}, nil))},
		{name: "Proxies/RevokeTwice", who: "dvoter", method: "POST", path: b + "/proxies/1/revoke", wantStatus: 404},

		// Refused on the new-proposal form too. Last: on PostgreSQL the
		// refused proposal still uses up a number of the sequence.
		{name: "Weights/ErrNewProposal", who: "member", method: "POST", path: b + "/proposals/new",
			form:       decide(scForm{"title": {"Paint the gate"}, "decide_now": {"1"}, "weights": {"Eli Extra: 2\nZed Zee: 2"}}),
			wantStatus: 422, wantContains: []string{"Line 2: no member is called “Zed Zee”.", `value="Paint the gate"`},
			check: dpProposals(2)},
	}
}

// dwMemberID is who's member id in collective A, as a form sends it.
func dwMemberID(f *scFixture, who string) string { return fmt.Sprint(f.mid[scA+"/"+who]) }
