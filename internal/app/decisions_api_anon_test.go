package app_test

import (
	"fmt"
	"strings"
	"testing"
)

// dcAnonymousScenarios: the ranked decision's results and cancelling it,
// the anonymous decision from vote to decision log, the power page,
// revoking a proxy and withdrawing a proposal. For the anonymous decision
// Mo voted first (in dcSeed) and Sam second; no answer may say who voted
// what or when. Two voters are fewer than the collective's minimum group
// size (5), so the closed decision shows its turnout and outcome only.
func dcAnonymousScenarios(f *apiFixture, s *dcSeeded) []apiScenario {
	c := "/api/v1/collectives/" + scA
	d := func(id int64) string { return fmt.Sprintf("%s/decisions/%d", c, id) }
	act := func(id int64, action string) string { return d(id) + "/" + action }
	prop := func(id int64) string { return fmt.Sprintf("%s/proposals/%d", c, id) }
	anon := fmt.Sprintf("SELECT count(*) FROM anonymous_ballots WHERE decision_id = %d", s.anon)
	named := []string{"Mo Member", "Sam Steward", "voter_name", "cast_at", "my_ballot"}
	// What a refused change must leave as it was: the ballots (and their
	// organisations' blocks) and who voted.
	kept := dcSnap(fmt.Sprintf(`SELECT 'ballot', id, receipt_hash, choice, reason FROM anonymous_ballots WHERE decision_id = %[1]d
		UNION ALL SELECT 'block', id, CAST(organisation_id AS TEXT), choice, '' FROM anonymous_blocks WHERE decision_id = %[1]d
		UNION ALL SELECT 'turnout', CAST(member_id AS TEXT), '', '', '' FROM decision_turnout WHERE decision_id = %[1]d
		ORDER BY 1, 2`, s.anon))
	return []apiScenario{
		{name: "Ranked/Results", who: "observer", method: "GET", path: act(s.rank, "results"), wantStatus: 200,
			want: map[string]any{"visible": true, "final": false, "turnout": 2, "tally.Totals.#": 3, "ballots.#": 2}},
		{name: "Cancel/ErrNotProposer", who: "member", method: "POST", path: act(s.rank, "cancel"), wantStatus: 403},
		{name: "Cancel/Ranked", who: "steward", method: "POST", path: act(s.rank, "cancel"), wantStatus: 200,
			want: map[string]any{"decision.status": "cancelled", "can_vote": false}},
		{name: "Votes/ErrCancelled", who: "member", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [1, 2, 3]}}`,
			wantStatus: 409},

		{name: "Anonymous/ErrUnknownOption", who: "steward", method: "POST", path: act(s.anon, "vote"),
			body: `{"choice": {"option": 2}}`, wantStatus: 422, want: map[string]any{"field": "choice"}, check: dcCount(1, anon)},
		{name: "Anonymous/Vote", who: "steward", method: "POST", path: act(s.anon, "vote"),
			body: `{"choice": {"option": 1}, "reason": "alpha: Thursdays are quieter"}`, wantStatus: 200,
			want: map[string]any{"decision.voted": true, "decision.my_ballot": apiAbsent},
			check: caAll(dcCount(2, anon), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if r, _ := apiAt(paJSON(t, ans), "receipt"); len(fmt.Sprint(r)) != 12 {
					t.Errorf("receipt %v, want 12 characters", r)
				}
			})},
		{name: "Anonymous/ErrTwice", who: "member", method: "POST", path: act(s.anon, "vote"), body: `{"choice": {"option": 1}}`,
			wantStatus: 409, check: caAll(dcCount(2, anon), kept.take)},
		{name: "Anonymous/ErrWrongReceipt", who: "member", method: "POST", path: act(s.anon, "change"),
			body: `{"receipt": "ZZZZZZZZZZZZ", "choice": {"option": 1}}`, wantStatus: 422,
			want:  map[string]any{"field": "receipt", "detail": "That receipt code does not match a ballot in this decision."},
			check: kept.same},
		{name: "Anonymous/ErrNoReceipt", who: "member", method: "POST", path: act(s.anon, "change"),
			body: `{"choice": {"option": 1}}`, wantStatus: 422, want: map[string]any{"field": "receipt"}},
		{name: "Anonymous/ErrReceiptOfOther", who: "observer", method: "POST", path: act(s.anon, "change"),
			body: fmt.Sprintf(`{"receipt": %q, "choice": {"option": 0}}`, s.receipt), wantStatus: 403},
		{name: "Anonymous/Change", who: "member", method: "POST", path: act(s.anon, "change"),
			body:       fmt.Sprintf(`{"receipt": %q, "choice": {"option": 1}, "reason": "zeta: Thursdays then"}`, s.receipt),
			wantStatus: 200, want: map[string]any{"decision.voted": true, "receipt": apiAbsent},
			check: caAll(dcCount(2, anon), dcCount(0, anon+" AND reason LIKE '%parents%'"))},
		{name: "Anonymous/Get", who: "member", method: "GET", path: d(s.anon), wantStatus: 200,
			want: map[string]any{"decision.anonymous": true, "decision.turnout": 2, "voted": true}, check: dcLacks("voter_name", "cast_at")},
		{name: "Anonymous/ResultsHidden", who: "member", method: "GET", path: act(s.anon, "results"), wantStatus: 200,
			want:  map[string]any{"visible": false, "turnout": 2, "tally": apiAbsent, "reasons": apiAbsent},
			check: dcLacks(append(named, "zeta", "alpha")...)},
		{name: "Anonymous/Close", who: "steward", method: "POST", path: act(s.anon, "close"), wantStatus: 200,
			want: map[string]any{"decision.status": "closed"}},
		{name: "Anonymous/Results", who: "member", method: "GET", path: act(s.anon, "results"), wantStatus: 200,
			want: map[string]any{"visible": true, "final": true, "turnout": 2, "counted": 2, "electorate": 2,
				"hidden": "Only 2 people voted; an anonymous decision's count is shown when at least 5 have, so no ballot can be told apart.",
				"note":   "Thursday was chosen.", "tally.Winners.#": 1, "tally.Winners.0": 1, "tally.Totals": nil,
				"reasons": apiAbsent, "positions": apiAbsent, "objections": apiAbsent, "explanation": apiAbsent, "ballots": apiAbsent},
			check: dcLacks(append(named, "zeta", "alpha", "parents", "quieter")...)},
		{name: "Anonymous/DecisionAfterClose", who: "steward", method: "GET", path: d(s.anon), wantStatus: 200,
			check: dcLacks("voter_name", "cast_at", "Mo Member")},
		{name: "Anonymous/Outcome", who: "steward", method: "POST", path: act(s.anon, "outcome"),
			body: `{"statement": "We meet on Thursdays."}`, wantStatus: 201, want: map[string]any{"title": "Pick the meeting night"}},
		{name: "Anonymous/OutcomesCSV", who: "member", method: "GET", path: c + "/outcomes.csv", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if ct := ans.res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
					t.Errorf("Content-Type %q", ct)
				}
				lines := strings.Split(strings.TrimSpace(string(ans.body)), "\n")
				if len(lines) != 4 {
					t.Fatalf("%d lines, want a header and 3 outcomes:\n%s", len(lines), ans.body)
				}
				for _, l := range lines {
					if strings.Contains(l, "meeting night") && (strings.Contains(l, "Mo Member") || strings.Contains(l, "zeta")) {
						t.Errorf("the anonymous decision's line names a voter or a reason: %s", l)
					}
				}
			}},
		{name: "Anonymous/OutcomesCSVSearch", who: "member", method: "GET", path: c + "/outcomes.csv?q=kettle", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if n := strings.Count(strings.TrimSpace(string(ans.body)), "\n"); n != 1 {
					t.Errorf("%d lines after the header, want 1:\n%s", n, ans.body)
				}
			}},
		{name: "Anonymous/ErrCSVOutsider", who: "outsider", method: "GET", path: c + "/outcomes.csv", wantStatus: 404},
		{name: "Anonymous/Activity", who: "steward", method: "GET", path: c + "/activity?limit=100", wantStatus: 200,
			check: dcActivityKeepsSecret(s.anon)},

		{name: "Power/Get", who: "observer", method: "GET", path: c + "/power", wantStatus: 200,
			want: map[string]any{"people.#": 2}, check: dcTotalIsAll("proposals")},
		{name: "Power/Months", who: "member", method: "GET", path: c + "/power?months=12", wantStatus: 200,
			check: dcTotalIsAll("proposals")},
		{name: "Power/ErrMonths", who: "member", method: "GET", path: c + "/power?months=-1", wantStatus: 422,
			want: map[string]any{"field": "months"}},
		{name: "Power/ErrOutsider", who: "outsider", method: "GET", path: c + "/power", wantStatus: 404},

		{name: "Proxies/ErrRevokeOthers", who: "steward", method: "POST", path: fmt.Sprintf("%s/proxies/%d/revoke", c, s.proxy),
			wantStatus: 404},
		{name: "Proxies/Revoke", who: "member", method: "POST", path: fmt.Sprintf("%s/proxies/%d/revoke", c, s.proxy),
			wantStatus: 200, want: map[string]any{"given.#": 1, "given.0.topic": "grounds"}},
		{name: "Proxies/ErrRevokeTwice", who: "member", method: "POST", path: fmt.Sprintf("%s/proxies/%d/revoke", c, s.proxy),
			wantStatus: 404},

		{name: "Withdraw/ErrObserver", who: "observer", method: "POST", path: prop(s.talk) + "/withdraw", wantStatus: 403},
		{name: "Withdraw/Proposal", who: "member", method: "POST", path: prop(s.talk) + "/withdraw", wantStatus: 200,
			want: map[string]any{"proposal.status": "withdrawn", "decisions.#": 1, "decisions.0.status": "cancelled"}},
		{name: "Withdraw/ErrTwice", who: "member", method: "POST", path: prop(s.talk) + "/withdraw", wantStatus: 409},
	}
}

// dcActivityKeepsSecret fails if the feed says who voted in the anonymous
// decision: no entry about it may name a voter, and none may be a vote.
func dcActivityKeepsSecret(decisionID int64) func(t *testing.T, f *apiFixture, ans apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		t.Helper()
		suffix := fmt.Sprintf("/decisions/%d", decisionID)
		for _, it := range apiFeed(t, ans) {
			if !strings.HasSuffix(it.Link, suffix) {
				continue
			}
			if it.Verb == "decision.voted" || strings.Contains(it.Summary, "Mo Member") || it.Actor == "Mo Member" {
				t.Errorf("the feed gives a voter away: %+v", it)
			}
		}
	}
}
