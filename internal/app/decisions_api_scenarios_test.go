package app_test

import (
	"fmt"
	"strings"
	"testing"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, dcScenarios) }

// dcScenarios: the decision API as each kind of caller, on what dcSeed
// wrote: proposals and their discussion, starting decisions, then (in
// decisions_api_votes_test.go) voting, proxies, closing, results,
// outcomes, power, and what an anonymous decision gives away (nothing).
// Every refused write must leave the decision tables as they were.
func dcScenarios(f *apiFixture) []apiScenario {
	s := dcSeed(f)
	c := "/api/v1/collectives/" + scA
	prop := func(id int64) string { return fmt.Sprintf("%s/proposals/%d", c, id) }
	com := func(p, id int64) string { return fmt.Sprintf("%s/comments/%d", prop(p), id) }
	dec := func(body string) string {
		return fmt.Sprintf(`{"method": "majority", "question": "Which bike?", "options": [{"label": "Electric"}, {"label": "Pedal"}],
			"electorate": "invited", "invited": [%d, %d], "closes_at": %q%s}`, s.mo, s.sam, s.soon, body)
	}
	// Other features' scenarios put proposals to A too (mandates), so
	// counts are of the proposals no feature made (no decision subject).
	proposals := `SELECT count(*) FROM proposals p WHERE NOT EXISTS
		(SELECT 1 FROM decisions d WHERE d.proposal_id = p.id AND d.subject <> '')`
	table := []apiScenario{
		{name: "DecisionMethods/List", who: "observer", method: "GET", path: "/api/v1/decision-methods", wantStatus: 200,
			want: map[string]any{"methods.#": 13, "methods.0.method": "consent", "methods.0.positions.2.key": "object",
				"methods.0.positions.2.objection": true, "methods.12.method": "time_poll", "methods.10.multi_seat": true}},
		{name: "DecisionMethods/ErrAnonymous", who: "none", method: "GET", path: "/api/v1/decision-methods", wantStatus: 401},

		{name: "Proposals/Create", who: "member", method: "POST", path: c + "/proposals",
			body:       `{"title": "Plant a hedge", "body": "Along the car park.", "topic": "grounds"}`,
			wantStatus: 201, want: map[string]any{"proposal.title": "Plant a hedge", "proposal.status": "discussion",
				"proposal.author_name": "Mo Member", "proposal.author_member_id": s.mo, "comments.#": 0, "decisions.#": 0, "can_edit": true},
			check: caAll(dcCount(6, proposals), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); !strings.HasPrefix(loc, c+"/proposals/") {
					t.Errorf("Location %q", loc)
				}
			})},
		{name: "Proposals/CreateWithDecision", who: "member", method: "POST", path: c + "/proposals",
			body: fmt.Sprintf(`{"title": "Tidy the shed", "decision": {"method": "sense_check", "question": "Does this look right?",
				"electorate": "invited", "invited": [%d, %d], "closes_at": %q}}`, s.mo, s.sam, s.closes),
			wantStatus: 201, want: map[string]any{"proposal.status": "deciding", "decisions.#": 1, "decisions.0.method": "sense_check",
				"decisions.0.status": "open", "decisions.0.reasons": "optional"},
			check: dcCount(7, proposals)},
		{name: "Proposals/ErrNoTitle", who: "member", method: "POST", path: c + "/proposals", body: `{"body": "x"}`,
			wantStatus: 422, want: map[string]any{"field": "title"}, check: dcCount(7, proposals)},
		{name: "Proposals/ErrUnknownField", who: "member", method: "POST", path: c + "/proposals",
			body: `{"title": "x", "colour": "red"}`, wantStatus: 422, want: map[string]any{"field": "colour"}},
		{name: "Proposals/ErrDecisionUnknownField", who: "member", method: "POST", path: c + "/proposals",
			body:       fmt.Sprintf(`{"title": "x", "decision": {"method": "consent", "closes_at": %q, "colour": 1}}`, s.closes),
			wantStatus: 422, want: map[string]any{"field": "colour"}},
		{name: "Proposals/ErrDecisionTime", who: "member", method: "POST", path: c + "/proposals",
			body: `{"title": "x", "decision": {"method": "consent", "closes_at": "next week"}}`, wantStatus: 422,
			want: map[string]any{"field": "decision.closes_at"}},
		{name: "Proposals/ErrDecisionMethod", who: "member", method: "POST", path: c + "/proposals",
			body:       fmt.Sprintf(`{"title": "x", "decision": {"method": "lottery", "closes_at": %q}}`, s.closes),
			wantStatus: 422, want: map[string]any{"field": "method"}, check: dcCount(7, proposals)},
		{name: "Proposals/ErrObserver", who: "observer", method: "POST", path: c + "/proposals", body: `{"title": "x"}`,
			wantStatus: 403},
		{name: "Proposals/ErrReadToken", who: "member-read", method: "POST", path: c + "/proposals", body: `{"title": "x"}`,
			wantStatus: 403},
		{name: "Proposals/ErrOutsider", who: "outsider", method: "POST", path: c + "/proposals", body: `{"title": "x"}`,
			wantStatus: 404},
		{name: "Proposals/ErrAnonymous", who: "none", method: "POST", path: c + "/proposals", body: `{"title": "x"}`,
			wantStatus: 401},

		{name: "Proposals/List", who: "observer", method: "GET", path: c + "/proposals", wantStatus: 200,
			want: map[string]any{"page": 1, "pages": 1, "items.0.title": "Tidy the shed",
				"items.0.decision.method": "sense_check", "items.1.title": "Plant a hedge", "items.1.decision": apiAbsent},
			check: dcTotalIsAll("total", "items.#")},
		{name: "Proposals/ListByStatus", who: "member-read", method: "GET", path: c + "/proposals?status=discussion", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.1.id": s.talk}},
		{name: "Proposals/ListSearch", who: "member", method: "GET", path: c + "/proposals?q=cargo", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": s.talk}},
		{name: "Proposals/ErrListStatus", who: "member", method: "GET", path: c + "/proposals?status=open", wantStatus: 422,
			want: map[string]any{"field": "status"}},
		{name: "Proposals/ErrListPage", who: "member", method: "GET", path: c + "/proposals?page=0", wantStatus: 422,
			want: map[string]any{"field": "page"}},
		{name: "Proposals/ErrListOutsider", who: "outsider", method: "GET", path: c + "/proposals", wantStatus: 404},
		{name: "Proposals/ErrListOtherCollective", who: "bsteward", method: "GET", path: c + "/proposals", wantStatus: 404},
		{name: "Proposals/ErrListAnonymous", who: "none", method: "GET", path: c + "/proposals", wantStatus: 401},

		{name: "Proposals/Get", who: "observer", method: "GET", path: prop(s.talk), wantStatus: 200,
			want: map[string]any{"proposal.title": "Share a cargo bike", "proposal.topic": "transport", "comments.#": 1,
				"comments.0.author_name": "Sam Steward", "can_edit": false, "can_decide": false}},
		{name: "Proposals/GetWithDecisionsAndOutcome", who: "member", method: "GET", path: prop(s.doneP), wantStatus: 200,
			want: map[string]any{"proposal.status": "decided", "decisions.0.status": "closed", "decisions.0.passed": true,
				"outcomes.0.statement": "We buy a kettle.", "outcomes.0.recorded_by_name": "Sam Steward"}},
		{name: "Proposals/ErrGetMissing", who: "member", method: "GET", path: prop(999999), wantStatus: 404},
		{name: "Proposals/ErrGetOutsider", who: "outsider", method: "GET", path: prop(s.talk), wantStatus: 404},

		{name: "Proposals/Patch", who: "member", method: "PATCH", path: prop(s.talk), body: `{"title": "Share two cargo bikes"}`,
			wantStatus: 200, want: map[string]any{"proposal.title": "Share two cargo bikes", "proposal.body": "Why: Share a cargo bike.",
				"proposal.topic": "transport"}},
		{name: "Proposals/ErrPatchEmptyTitle", who: "member", method: "PATCH", path: prop(s.talk), body: `{"title": " "}`,
			wantStatus: 422, want: map[string]any{"field": "title"}},
		{name: "Proposals/ErrPatchObserver", who: "observer", method: "PATCH", path: prop(s.talk), body: `{"title": "Mine"}`,
			wantStatus: 403},
		{name: "Proposals/ErrPatchWhileDeciding", who: "member", method: "PATCH", path: prop(s.consentP), body: `{"body": "More."}`,
			wantStatus: 409},
		{name: "Proposals/ErrPatchUnknownField", who: "member", method: "PATCH", path: prop(s.talk), body: `{"status": "decided"}`,
			wantStatus: 422, want: map[string]any{"field": "status"}},

		{name: "Comments/ErrDeleteObserver", who: "observer", method: "DELETE", path: com(s.talk, s.comment), wantStatus: 403},
		{name: "Comments/Reply", who: "member", method: "POST", path: prop(s.talk) + "/comments",
			body: fmt.Sprintf(`{"body": "In the shed, @Sam Steward", "parent_id": %d}`, s.comment), wantStatus: 201,
			want: map[string]any{"parent_id": s.comment, "author_name": "Mo Member", "member_id": s.mo, "edited_at": nil}},
		{name: "Comments/Add", who: "steward", method: "POST", path: prop(s.talk) + "/comments", body: `{"body": "Agreed."}`,
			wantStatus: 201, want: map[string]any{"parent_id": nil, "body": "Agreed."}},
		{name: "Comments/List", who: "observer", method: "GET", path: prop(s.talk) + "/comments", wantStatus: 200,
			want: map[string]any{"items.#": 3, "items.0.id": s.comment, "items.1.parent_id": s.comment, "items.2.body": "Agreed."}},
		{name: "Comments/ErrEmpty", who: "member", method: "POST", path: prop(s.talk) + "/comments", body: `{"body": ""}`,
			wantStatus: 422, want: map[string]any{"field": "body"}},
		{name: "Comments/ErrObserver", who: "observer", method: "POST", path: prop(s.talk) + "/comments", body: `{"body": "Hi"}`,
			wantStatus: 403},
		{name: "Comments/ErrOnMissingProposal", who: "member", method: "POST", path: prop(999999) + "/comments", body: `{"body": "Hi"}`,
			wantStatus: 404},
		{name: "Comments/ErrEditOthers", who: "member", method: "PATCH", path: com(s.talk, s.comment), body: `{"body": "Mine now"}`,
			wantStatus: 403},
		{name: "Comments/ErrEditThroughOtherProposal", who: "steward", method: "PATCH", path: com(s.consentP, s.comment),
			body: `{"body": "Moved"}`, wantStatus: 404},
		{name: "Comments/Edit", who: "steward", method: "PATCH", path: com(s.talk, s.comment), body: `{"body": "Where would it be kept?"}`,
			wantStatus: 200, want: map[string]any{"id": s.comment, "body": "Where would it be kept?"},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if strings.Contains(string(ans.body), `"edited_at":null`) {
					t.Errorf("no edited_at after an edit: %s", ans.body)
				}
			}},
		{name: "Comments/Delete", who: "steward", method: "DELETE", path: com(s.talk, s.comment), wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				got := f.callers["member"].do(t, "GET", prop(s.talk)+"/comments", "")
				if v, _ := apiAt(paJSON(t, got), "items.0.body"); v != "" || !strings.Contains(string(got.body), `"deleted_at":"`) {
					t.Errorf("after the delete: %s", got.body)
				}
			}},
		{name: "Comments/ErrDeleteMissing", who: "steward", method: "DELETE", path: com(s.talk, 999999), wantStatus: 404},

		{name: "StartDecision/ErrQuorumAboveElectorate", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: dec(`, "quorum": 3`), wantStatus: 422,
			want: map[string]any{"field": "quorum", "detail": "The quorum (3) is more than the 2 people who may vote."}},
		{name: "StartDecision/ErrOneOption", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: fmt.Sprintf(`{"method": "majority", "options": [{"label": "Only"}], "closes_at": %q}`, s.soon), wantStatus: 422,
			want: map[string]any{"field": "options"}},
		{name: "StartDecision/ErrClosesInPast", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: `{"method": "consent", "closes_at": "2020-01-01T00:00:00Z"}`, wantStatus: 422, want: map[string]any{"field": "closes_at"}},
		{name: "StartDecision/ErrNoCloses", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: `{"method": "consent"}`, wantStatus: 422, want: map[string]any{"field": "closes_at"}},
		{name: "StartDecision/ErrWeightsKey", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: dec(`, "weighted": true, "weights": {"mo": 2}`), wantStatus: 422, want: map[string]any{"field": "weights"}},
		{name: "StartDecision/ErrAnonymousProxies", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: dec(`, "anonymous": true, "proxies": true`), wantStatus: 422, want: map[string]any{"field": "proxies"}},
		{name: "StartDecision/ErrThresholdUnknownField", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: dec(`, "threshold": {"num": 2, "den": 3, "over": true}`), wantStatus: 422, want: map[string]any{"field": "over"}},
		{name: "StartDecision/ErrObserver", who: "observer", method: "POST", path: prop(s.talk) + "/decisions", body: dec(""),
			wantStatus: 403},
		{name: "StartDecision/ErrMissingProposal", who: "member", method: "POST", path: prop(999999) + "/decisions", body: dec(""),
			wantStatus: 404},
		{name: "StartDecision/Majority", who: "member", method: "POST", path: prop(s.talk) + "/decisions",
			body: dec(`, "threshold": {"num": 2, "den": 3, "at_least": true}`), wantStatus: 201,
			want: map[string]any{"decision.method": "majority", "decision.status": "open", "decision.options.#": 2,
				"decision.options.1.label": "Pedal", "decision.threshold_num": 2, "decision.threshold_den": 3, "decision.at_least": true,
				"electorate": 2, "can_vote": true, "voted": false, "proposal.status": "deciding", "method_info.ballot": "single"},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); !strings.HasPrefix(loc, c+"/decisions/") {
					t.Errorf("Location %q", loc)
				}
			}},
	}
	return dcGuard(f, append(table, dcVoteScenarios(f, s)...))
}
