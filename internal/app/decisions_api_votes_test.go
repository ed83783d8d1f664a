package app_test

import (
	"fmt"
	"testing"
)

// dcVoteScenarios: proxies, votes (named, ranked, anonymous), changing a
// vote, closing and cancelling, results, outcomes, the decision log, the
// power page, and withdrawing, in that order, on what dcSeed wrote.
func dcVoteScenarios(f *apiFixture, s *dcSeeded) []apiScenario {
	c := "/api/v1/collectives/" + scA
	d := func(id int64) string { return fmt.Sprintf("%s/decisions/%d", c, id) }
	act := func(id int64, action string) string { return d(id) + "/" + action }
	out := func(id int64) string { return fmt.Sprintf("%s/outcomes/%d", c, id) }
	pos := func(p, reason string) string {
		return fmt.Sprintf(`{"choice": {"position": %q}, "reason": %q}`, p, reason)
	}
	ballots := fmt.Sprintf("SELECT count(*) FROM ballots WHERE decision_id = %d", s.consent)
	return append([]apiScenario{
		{name: "Decisions/Get", who: "member", method: "GET", path: d(s.consent), wantStatus: 200,
			want: map[string]any{"decision.id": s.consent, "decision.method": "consent", "decision.anonymous": false,
				"decision.proxies": true, "proposal.id": s.consentP, "method_info.positions.#": 3, "electorate": 2, "can_vote": true,
				"voted": false, "my_ballot": apiAbsent, "my_proxy.to_member_id": s.sam, "can_close": true}},
		{name: "Decisions/GetObserver", who: "observer", method: "GET", path: d(s.rank), wantStatus: 200,
			want: map[string]any{"can_vote": false, "can_close": false}, check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if v, _ := apiAt(paJSON(t, ans), "why_not"); v == nil || v == "" {
					t.Errorf("no why_not for an observer: %s", ans.body)
				}
			}},
		{name: "Decisions/ErrGetMissing", who: "member", method: "GET", path: d(999999), wantStatus: 404},
		{name: "Decisions/ErrGetOutsider", who: "outsider", method: "GET", path: d(s.consent), wantStatus: 404},
		{name: "Decisions/ErrGetAnonymous", who: "none", method: "GET", path: d(s.consent), wantStatus: 401},

		{name: "Proxies/Give", who: "member", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "topic": "grounds"}`, s.sam), wantStatus: 201,
			want: map[string]any{"from_member_id": s.mo, "to_member_id": s.sam, "to_name": "Sam Steward", "topic": "grounds",
				"decision_id": nil, "revoked_at": nil}},
		{name: "Proxies/ErrCycle", who: "steward", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "decision_id": %d}`, s.mo, s.consent), wantStatus: 422,
			want: map[string]any{"field": "to_member_id", "detail": "That would make a circle of proxies: Sam Steward → Mo Member → Sam Steward."}},
		{name: "Proxies/ErrSelf", who: "member", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "topic": "kitchen"}`, s.mo), wantStatus: 422,
			want: map[string]any{"field": "to_member_id", "detail": "You cannot give your proxy to yourself; choose another member."}},
		{name: "Proxies/ErrAnonymousDecision", who: "member", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "decision_id": %d}`, s.sam, s.anon), wantStatus: 422,
			want: map[string]any{"field": "decision_id", "detail": "An anonymous decision takes no proxies."}},
		{name: "Proxies/ErrObserver", who: "observer", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "topic": "x"}`, s.sam), wantStatus: 403},
		{name: "Proxies/ErrUnknownField", who: "member", method: "POST", path: c + "/proxies",
			body: fmt.Sprintf(`{"to_member_id": %d, "until": "never"}`, s.sam), wantStatus: 422, want: map[string]any{"field": "until"}},
		{name: "Proxies/ListGiven", who: "member", method: "GET", path: c + "/proxies", wantStatus: 200,
			want: map[string]any{"given.#": 2, "received.#": 0}},
		{name: "Proxies/ListReceived", who: "steward", method: "GET", path: c + "/proxies", wantStatus: 200,
			want: map[string]any{"given.#": 0, "received.#": 2, "received.0.from_name": "Mo Member"}},
		{name: "Proxies/ErrListOutsider", who: "outsider", method: "GET", path: c + "/proxies", wantStatus: 404},

		{name: "Votes/ErrObjectionWithoutReason", who: "steward", method: "POST", path: act(s.consent, "vote"), body: pos("object", ""),
			wantStatus: 422, want: map[string]any{"field": "reason"}, check: dcCount(0, ballots)},
		{name: "Votes/ErrUnknownPosition", who: "steward", method: "POST", path: act(s.consent, "vote"), body: pos("maybe", ""),
			wantStatus: 422, want: map[string]any{"field": "choice"}},
		{name: "Votes/ErrChoiceUnknownField", who: "steward", method: "POST", path: act(s.consent, "vote"),
			body: `{"choice": {"position": "consent", "weight": 2}}`, wantStatus: 422, want: map[string]any{"field": "weight"}},
		{name: "Votes/ErrObserver", who: "observer", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [1, 2, 3]}}`,
			wantStatus: 403},
		{name: "Votes/ErrReadToken", who: "member-read", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [1, 2, 3]}}`,
			wantStatus: 403},
		{name: "Votes/ErrMissingDecision", who: "member", method: "POST", path: act(999999, "vote"), body: pos("consent", ""),
			wantStatus: 404},
		{name: "Votes/Named", who: "steward", method: "POST", path: act(s.consent, "vote"), body: pos("consent", ""), wantStatus: 200,
			want: map[string]any{"decision.voted": true, "decision.my_ballot.choice.position": "consent", "decision.voting_for.#": 1,
				"decision.voting_for.0": "Mo Member", "receipt": apiAbsent}, check: dcCount(1, ballots)},
		{name: "Votes/ErrChangeWithReceipt", who: "steward", method: "POST", path: act(s.consent, "change"),
			body: `{"receipt": "ABCDEFGHJKLM", "choice": {"position": "consent"}}`, wantStatus: 422, want: map[string]any{"field": "receipt"}},
		{name: "Votes/Change", who: "steward", method: "POST", path: act(s.consent, "change"),
			body: pos("object", "Nobody can staff it"), wantStatus: 200,
			want:  map[string]any{"decision.my_ballot.choice.position": "object", "decision.my_ballot.reason": "Nobody can staff it"},
			check: dcCount(1, ballots)},
		{name: "Results/Live", who: "member", method: "GET", path: act(s.consent, "results"), wantStatus: 200,
			want: map[string]any{"visible": true, "final": false, "turnout": 1, "counted": 2, "electorate": 2,
				"objections.0.name": "Sam Steward", "objections.0.reason": "Nobody can staff it"}},
		{name: "Close/ErrNotProposer", who: "member", method: "POST", path: act(s.rank, "close"), wantStatus: 403},
		{name: "Close/ErrObserver", who: "observer", method: "POST", path: act(s.consent, "close"), wantStatus: 403},
		{name: "Close/Consent", who: "member", method: "POST", path: act(s.consent, "close"), wantStatus: 200,
			want: map[string]any{"decision.status": "closed", "decision.passed": false, "can_vote": false, "can_record": true}},
		{name: "Votes/ErrAfterClose", who: "member", method: "POST", path: act(s.consent, "vote"), body: pos("consent", ""),
			wantStatus: 409, check: dcCount(1, ballots)},
		{name: "Close/ErrTwice", who: "member", method: "POST", path: act(s.consent, "close"), wantStatus: 409},
		{name: "Cancel/ErrClosed", who: "member", method: "POST", path: act(s.consent, "cancel"), wantStatus: 409},
		{name: "Results/Final", who: "observer", method: "GET", path: act(s.consent, "results"), wantStatus: 200,
			want: map[string]any{"final": true, "passed": false, "counted": 2, "ballots.0.voter_name": "Sam Steward"}},

		{name: "Outcome/ErrOpenDecision", who: "steward", method: "POST", path: act(s.rank, "outcome"),
			body: `{"statement": "Too soon."}`, wantStatus: 409},
		{name: "Outcome/ErrObserver", who: "observer", method: "POST", path: act(s.consent, "outcome"),
			body: `{"statement": "Mine."}`, wantStatus: 403},
		{name: "Outcome/ErrNoStatement", who: "member", method: "POST", path: act(s.consent, "outcome"), body: `{"statement": ""}`,
			wantStatus: 422, want: map[string]any{"field": "statement"}},
		{name: "Outcome/ErrReviewInPast", who: "member", method: "POST", path: act(s.consent, "outcome"),
			body: `{"statement": "No.", "review_on": "2020-01-01"}`, wantStatus: 422, want: map[string]any{"field": "review_on"}},
		{name: "Outcome/Record", who: "member", method: "POST", path: act(s.consent, "outcome"),
			body:       fmt.Sprintf(`{"statement": "We stay closed on Saturdays until someone can staff them.", "review_on": %q}`, s.review),
			wantStatus: 201, want: map[string]any{"decision_id": s.consent, "passed": false, "method": "consent",
				"recorded_by_name": "Mo Member", "review_on": s.review, "title": "Open on Saturdays"}},
		{name: "Outcomes/List", who: "observer", method: "GET", path: c + "/outcomes", wantStatus: 200,
			want: map[string]any{"items.#": 2, "total": 2, "items.0.decision_id": s.consent, "items.1.id": s.outcome}},
		{name: "Outcomes/Search", who: "member", method: "GET", path: c + "/outcomes?q=kettle", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": s.outcome}},
		{name: "Outcomes/ErrPage", who: "member", method: "GET", path: c + "/outcomes?page=x", wantStatus: 422,
			want: map[string]any{"field": "page"}},
		{name: "Outcomes/Get", who: "member", method: "GET", path: out(s.outcome), wantStatus: 200,
			want: map[string]any{"statement": "We buy a kettle.", "passed": true, "review_on": s.review}},
		{name: "Outcomes/ErrGetMissing", who: "member", method: "GET", path: out(999999), wantStatus: 404},
		{name: "Outcomes/Patch", who: "steward", method: "PATCH", path: out(s.outcome), body: fmt.Sprintf(`{"review_on": %q}`, s.review2),
			wantStatus: 200, want: map[string]any{"statement": "We buy a kettle.", "review_on": s.review2}},
		{name: "Outcomes/ErrPatchObserver", who: "observer", method: "PATCH", path: out(s.outcome), body: `{"statement": "Tea."}`,
			wantStatus: 403},
		{name: "Outcomes/ErrPatchEmpty", who: "steward", method: "PATCH", path: out(s.outcome), body: `{"statement": ""}`,
			wantStatus: 422, want: map[string]any{"field": "statement"}},
		{name: "Outcomes/ErrPatchPassed", who: "steward", method: "PATCH", path: out(s.outcome), body: `{"passed": false}`,
			wantStatus: 422, want: map[string]any{"field": "passed"}},
		{name: "Outcomes/ErrOutsider", who: "outsider", method: "GET", path: c + "/outcomes", wantStatus: 404},

		{name: "Ranked/ErrTooManyRanks", who: "member", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [1, 2, 3, 4]}}`,
			wantStatus: 422, want: map[string]any{"field": "choice"}},
		{name: "Ranked/ErrWrongShape", who: "member", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"option": 1}}`,
			wantStatus: 422, want: map[string]any{"field": "choice"}},
		{name: "Ranked/Vote", who: "member", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [2, 1, 3]}}`,
			wantStatus: 200, want: map[string]any{"decision.my_ballot.choice.ranks.1": 1}},
		{name: "Ranked/VoteSteward", who: "steward", method: "POST", path: act(s.rank, "vote"), body: `{"choice": {"ranks": [1, 2, 3]}}`,
			wantStatus: 200},
	}, dcAnonymousScenarios(f, s)...)
}
