package app_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func init() { scMoreScenarios = append(scMoreScenarios, dpVoteScenarios) }

// dpReceipt finds the receipt code on the page shown after an anonymous vote.
var dpReceipt = regexp.MustCompile(`<p class="code"><strong>([^<]+)</strong></p>`)

// dpVoteScenarios follow dpScenarios: a ranked vote by number inputs with a
// proxy (proposal and decision 2), an anonymous approval vote with its
// receipt (3), cancelled, and the proxies page.
func dpVoteScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/decisions"
	d2, d3, d4, d5 := b+"/2", b+"/3", b+"/4", b+"/5"
	now := f.app.DB.Now().UTC()
	closes, past := now.Add(48*time.Hour).Format("2006-01-02T15:04"), now.Add(-time.Hour).Format("2006-01-02T15:04")
	sam, mo := f.mid[scA+"/steward"], f.mid[scA+"/member"]
	decide := func(title, method string, extra scForm) scForm {
		form := scForm{"title": {title}, "decide_now": {"1"}, "method": {method}, "question": {title + "?"},
			"electorate": {"members"}, "results_shown": {"always"}, "closes_at": {closes}, "seats": {"1"},
			"options": {"Green\nBlue\nWhite"}}
		for k, v := range extra {
			form[k] = v
		}
		return form
	}
	return []scScenario{
		// A ranked vote: ranks as numbers, a proxy, rounds after the close.
		{name: "Ranked/Create", who: "member", method: "POST", path: b + "/proposals/new",
			form: decide("Choose the hall colour", "irv", scForm{"proxies": {"1"}}), wantStatus: 303, wantLocation: d2},
		{name: "Ranked/Ballot", who: "dvoter", method: "GET", path: d2, wantStatus: 200,
			wantContains: []string{`id="rank-0" name="rank-0" type="number"`, `<label for="rank-1">Blue</label>`,
				"1 = first choice", "Let someone vote for you", fmt.Sprintf(`<option value="%d">Sam Steward</option>`, sam)}},
		{name: "Ranked/ErrNotNumber", who: "member", method: "POST", path: d2 + "/vote", form: scForm{"rank-0": {"first"}},
			wantStatus: 422, wantContains: []string{"Rank “Green” with a number from 1 to 3, or leave it blank.", `id="rank-0-error"`,
				`href="#rank-0"`}, check: dpTurnout(2, 0)},
		{name: "Ranked/ErrTie", who: "member", method: "POST", path: d2 + "/vote", form: scForm{"rank-0": {"1"}, "rank-1": {"1"}},
			wantStatus: 422, wantContains: []string{"needs a strict order: Green and Blue are both ranked 1.", `id="choice-error"`},
			check: dpTurnout(2, 0)},
		{name: "Ranked/ProxyErrNoOne", who: "dvoter", method: "POST", path: d2 + "/proxy", form: scForm{"to_member_id": {""}},
			wantStatus: 422, wantContains: []string{"Choose who votes for you.", `id="to_member_id-error"`}},
		{name: "Ranked/Proxy", who: "dvoter", method: "POST", path: d2 + "/proxy", form: scForm{"to_member_id": {fmt.Sprint(sam)}},
			wantStatus: 303, wantLocation: d2, check: scThen(d2, 200, "Your proxy is given", "Sam Steward votes for you in this decision",
				"Take back my proxy")},
		{name: "Ranked/VoteMo", who: "member", method: "POST", path: d2 + "/vote",
			form: scForm{"rank-0": {"1"}, "rank-1": {"2"}, "rank-2": {"3"}}, wantStatus: 303, wantLocation: d2, check: dpTurnout(2, 1)},
		{name: "Ranked/VoteSam", who: "steward", method: "POST", path: d2 + "/vote",
			form: scForm{"rank-0": {"3"}, "rank-1": {"1"}, "rank-2": {""}}, wantStatus: 303, wantLocation: d2,
			check: scThen(d2, 200, "You also vote for Dee Voter", `id="rank-1" name="rank-1" type="number" inputmode="numeric" min="1" max="3" value="1"`)},
		{name: "Ranked/Close", who: "member", method: "POST", path: d2 + "/close", wantStatus: 303, wantLocation: d2,
			check: scThen(d2, 200, "Final result.", "2 of", "3 ballots counted with proxies and weights", "Winner: <strong>Blue</strong>",
				"<caption>Votes in each round</caption>", "Round 1", "How it was counted", "<th scope=\"row\">Mo Member</th><td>1. Green, 2. Blue, 3. White</td>")},

		// An anonymous approval vote: a receipt shown once, replaced with it.
		{name: "Anonymous/Create", who: "member", method: "POST", path: b + "/proposals/new",
			form:       decide("Pick the painting days", "approval", scForm{"anonymous": {"1"}, "results_shown": {"after_close"}}),
			wantStatus: 303, wantLocation: d3},
		// Two chambers: Mo (with the food bank) against Sam and Dee.
		{name: "Chambers/Create", who: "member", method: "POST", path: b + "/proposals/new",
			form:       decide("Pick the door colour", "majority", scForm{"chambers": {"1"}, "options": {"Green\nBlue"}}),
			wantStatus: 303, wantLocation: d4, check: scThen(d4, 200, "Two: individuals, and each member organisation as one block.")},
		{name: "Chambers/VoteMo", who: "member", method: "POST", path: d4 + "/vote", form: scForm{"option": {"0"}},
			wantStatus: 303, wantLocation: d4},
		{name: "Chambers/VoteSam", who: "steward", method: "POST", path: d4 + "/vote", form: scForm{"option": {"1"}},
			wantStatus: 303, wantLocation: d4},
		{name: "Chambers/VoteDee", who: "dvoter", method: "POST", path: d4 + "/vote", form: scForm{"option": {"1"}},
			wantStatus: 303, wantLocation: d4},
		{name: "Chambers/Close", who: "member", method: "POST", path: d4 + "/close", wantStatus: 303, wantLocation: d4,
			check: scThen(d4, 200, "<h3>Chambers</h3>", "<h4>Individuals", "<h4>Organisations", "<caption>Organisations voting as blocks</caption>",
				`<th scope="row">Riverside Food Bank</th><td>1</td><td>Voted</td>`)},
		// The advice process: the proposer says whether they go ahead.
		{name: "Advice/Create", who: "member", method: "POST", path: b + "/proposals/new",
			form: decide("Buy a ladder", "advice", scForm{"options": {""}}), wantStatus: 303, wantLocation: d5},
		{name: "Advice/Vote", who: "steward", method: "POST", path: d5 + "/vote",
			form: scForm{"position": {"concern"}, "reason": {"Check the insurance first."}}, wantStatus: 303, wantLocation: d5},
		{name: "Advice/Close", who: "member", method: "POST", path: d5 + "/close", wantStatus: 303, wantLocation: d5,
			check: scThen(d5, 200, "Having heard the advice, do you go ahead?", "Check the insurance first.")},
		{name: "Advice/OutcomeErrNoAnswer", who: "member", method: "POST", path: d5 + "/outcome",
			form: scForm{"statement": {"We buy a ladder once insured."}}, wantStatus: 422,
			wantContains: []string{"Say whether you decided to go ahead", `id="go_ahead-error"`, `href="#go_ahead"`}},
		{name: "Advice/Outcome", who: "member", method: "POST", path: d5 + "/outcome",
			form: scForm{"statement": {"We buy a ladder once insured."}, "go_ahead": {"yes"}}, wantStatus: 303, wantLocation: d5,
			check: scThen(b+"/log?q=ladder", 200, "We buy a ladder once insured.", "Passed")},
		{name: "Anonymous/ErrWithProxies", who: "member", method: "POST", path: b + "/proposals/new",
			form:       decide("Pick the brushes", "approval", scForm{"anonymous": {"1"}, "results_shown": {"after_close"}, "proxies": {"1"}}),
			wantStatus: 422, wantContains: []string{"An anonymous decision takes no proxies", `id="proxies-error"`}, check: dpProposals(5)},
		// Refused decisions come after the last proposal made: on PostgreSQL a
		// refused insert still uses up a number of the sequence.
		{name: "ProposalCreate/ErrClosesInPast", who: "member", method: "POST", path: b + "/proposals/new",
			form: decide("Paint the doors", "consent", scForm{"closes_at": {past}}), wantStatus: 422,
			wantContains: []string{"has passed; choose a time in the future.", `id="closes_at-error"`, `value="Paint the doors"`},
			check:        dpProposals(5)},
		{name: "ProposalCreate/ErrOneOption", who: "member", method: "POST", path: b + "/proposals/new",
			form: decide("Paint the doors", "majority", scForm{"options": {"Green"}}), wantStatus: 422,
			wantContains: []string{"Majority needs 2 to 100 options; this has 1.", `id="options-error"`}, check: dpProposals(5)},
		{name: "Anonymous/Ballot", who: "dvoter", method: "GET", path: d3, wantStatus: 200,
			wantContains: []string{"Anonymous: nobody, not even the stewards", `type="checkbox" id="mark-0" name="mark-0" value="1"`,
				"Results are shown when voting closes"},
			wantNotContains: []string{"Let someone vote for you"},
			check: func(t *testing.T, f *scFixture, br *scBrowser) {
				res, body := br.do(t, "POST", d3+"/vote", scForm{"mark-0": {"1"}}, nil, nil)
				m := dpReceipt.FindStringSubmatch(body)
				if res.StatusCode != 200 || m == nil || !strings.Contains(body, "it is shown only this once") {
					t.Fatalf("anonymous vote: %d, no receipt\n%s", res.StatusCode, body)
				}
				receipt := m[1]
				dpTurnout(3, 1)(t, f, br)
				scThenAs("", d3, 200, []string{"Replace my ballot", `name="receipt"`}, []string{receipt, "Your vote"})(t, f, br)
				res, body = br.do(t, "POST", d3+"/vote", scForm{"mark-1": {"1"}}, nil, nil)
				if res.StatusCode != 409 || !strings.Contains(body, "You have already voted in this decision; use your receipt code") {
					t.Fatalf("second anonymous vote: %d\n%s", res.StatusCode, body)
				}
				res, body = br.do(t, "POST", d3+"/replace", scForm{"receipt": {"NOTMYCODE234"}, "mark-1": {"1"}}, nil, nil)
				if res.StatusCode != 422 || !strings.Contains(body, `id="receipt-error"`) || strings.Contains(body, "NOTMYCODE234") {
					t.Fatalf("a wrong receipt: %d\n%s", res.StatusCode, body)
				}
				res, _ = br.do(t, "POST", d3+"/replace", scForm{"receipt": {strings.ToLower(receipt)}, "mark-1": {"1"}}, nil, nil)
				if res.StatusCode != 303 || res.Header.Get("Location") != d3 {
					t.Fatalf("replace with the receipt: %d to %q", res.StatusCode, res.Header.Get("Location"))
				}
				scThen(d3, 200, "Your ballot is replaced; the old one no longer counts.")(t, f, br)
				dpTurnout(3, 1)(t, f, br)
			}},
		{name: "Anonymous/CancelOther", who: "dvoter", method: "POST", path: d3 + "/cancel", wantStatus: 403},
		{name: "Anonymous/Cancel", who: "member", method: "POST", path: d3 + "/cancel", wantStatus: 303, wantLocation: d3,
			check: scThen(d3, 200, "The decision is cancelled; its ballots are not counted.", "Cancelled")},

		// Proxies for a topic, and taking one back.
		{name: "Proxies/Page", who: "dvoter", method: "GET", path: b + "/proxies", wantStatus: 200,
			wantContains: []string{"<h1>Proxies</h1>", `<a href="` + d2 + `">Choose the hall colour?</a>: Sam Steward votes for you`,
				"Voting is over, so this proxy no longer counts.", "Give a proxy for a topic"},
			wantNotContains: []string{b + "/proxies/1/revoke"}},
		{name: "Proxies/ErrNoTopic", who: "dvoter", method: "POST", path: b + "/proxies", form: scForm{"to_member_id": {fmt.Sprint(mo)}},
			wantStatus: 422, wantContains: []string{"Name the topic your proxy covers.", `id="topic-error"`}},
		{name: "Proxies/ErrSelf", who: "member", method: "POST", path: b + "/proxies",
			form: scForm{"to_member_id": {fmt.Sprint(mo)}, "topic": {"hall"}}, wantStatus: 422, wantContains: []string{`id="to_member_id-error"`}},
		{name: "Proxies/Give", who: "dvoter", method: "POST", path: b + "/proxies", form: scForm{"to_member_id": {fmt.Sprint(mo)}, "topic": {"hall"}},
			wantStatus: 303, wantLocation: b + "/proxies", check: scThen(b+"/proxies", 200, "On the topic “hall”: Mo Member votes for you")},
		{name: "Proxies/RevokeOther", who: "member", method: "POST", path: b + "/proxies/1/revoke", wantStatus: 404},
		{name: "Proxies/Revoke", who: "dvoter", method: "POST", path: b + "/proxies/1/revoke", wantStatus: 303, wantLocation: b + "/proxies",
			check: scThenAs("", b+"/proxies", 200, []string{"Your proxy is taken back"}, []string{"Sam Steward votes for you"})},
	}
}
