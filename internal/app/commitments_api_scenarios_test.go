package app_test

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/commitment"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, caCommitmentScenarios) }

// caCommitmentScenarios: making commitments, listing and filtering them,
// the board, and the state machine through POST actions, as each kind of
// caller, on what caSeed wrote. Mo Member is the committer throughout;
// Sam Steward the recipient of the first promise and, as a steward, the
// recipient's side of the promise to the whole collective.
func caCommitmentScenarios(f *apiFixture) []apiScenario {
	s := caSeed(f)
	c := "/api/v1/collectives/" + scA
	one := func(id int64) string { return fmt.Sprintf("%s/commitments/%d", c, id) }
	act := func(id int64, action string) string { return one(id) + "/" + action }
	create := func(fields string) string {
		return fmt.Sprintf(`{"what": "Proofread the grant", "kind": "do", "recipient_kind": "member", "recipient_member_id": %d%s}`, s.sam, fields)
	}
	k1, k2, k3 := s.toSteward, s.toAll, s.forOrg
	return append([]apiScenario{
		{name: "Commitments/Create", who: "member", method: "POST", path: c + "/commitments",
			body: create(fmt.Sprintf(`, "size_unit": "money", "size": "120.50", "due_on": %q, "goal_id": %d`, s.today, s.goal)), wantStatus: 201,
			want: map[string]any{"state": "proposed", "version": 1, "size_amount": 12050, "committer_member_id": s.mo,
				"recipient_member_id": s.sam, "recipient_name": "Sam Steward", "due_on": s.today, "goal_id": s.goal, "history.#": 1,
				"history.0.action": "create", "history.0.to_state": "proposed", "on_time": nil, "closed_at": nil},
			check: caAll(caCount(4), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); !strings.HasPrefix(loc, c+"/commitments/") {
					t.Errorf("Location %q", loc)
				}
			})},
		{name: "Commitments/CreateForOrganisation", who: "member", method: "POST", path: c + "/commitments",
			body: create(fmt.Sprintf(`, "for_org_id": %d, "size_unit": "hours", "size": "1.25"`, s.foodBank)), wantStatus: 201,
			want:  map[string]any{"committer_org_id": s.foodBank, "committer_org_name": "Riverside Food Bank", "size_amount": 75},
			check: caCount(5)},
		{name: "Commitments/ErrPastDue", who: "member", method: "POST", path: c + "/commitments",
			body: create(fmt.Sprintf(`, "due_on": %q`, s.yesterday)), wantStatus: 422, want: map[string]any{"field": "due_on"},
			check: caCount(5)},
		{name: "Commitments/ErrNegativeSize", who: "member", method: "POST", path: c + "/commitments",
			body: create(`, "size_unit": "hours", "size": "-2"`), wantStatus: 422, want: map[string]any{"field": "size"}, check: caCount(5)},
		{name: "Commitments/ErrAbsurdSize", who: "member", method: "POST", path: c + "/commitments",
			body: create(`, "size_unit": "hours", "size": "10000.01"`), wantStatus: 422, want: map[string]any{"field": "size"}, check: caCount(5)},
		{name: "Commitments/ErrSizeWithoutUnit", who: "member", method: "POST", path: c + "/commitments",
			body: create(`, "size": "3"`), wantStatus: 422, want: map[string]any{"field": "size"}, check: caCount(5)},
		{name: "Commitments/ErrUnknownKind", who: "member", method: "POST", path: c + "/commitments",
			body:       fmt.Sprintf(`{"what": "Bake", "kind": "bake", "recipient_kind": "member", "recipient_member_id": %d}`, s.sam),
			wantStatus: 422, want: map[string]any{"field": "kind"}, check: caCount(5)},
		{name: "Commitments/ErrToThemself", who: "member", method: "POST", path: c + "/commitments",
			body:       fmt.Sprintf(`{"what": "Rest", "kind": "do", "recipient_kind": "member", "recipient_member_id": %d}`, s.mo),
			wantStatus: 422, want: map[string]any{"field": "recipient"}, check: caCount(5)},
		{name: "Commitments/ErrOrganisationNotTheirs", who: "member", method: "POST", path: c + "/commitments",
			body: create(fmt.Sprintf(`, "for_org_id": %d`, f.org["Hill Farm Co-op"])), wantStatus: 422, want: map[string]any{"field": "for_org_id"},
			check: caCount(5)},
		{name: "Commitments/ErrUnknownField", who: "member", method: "POST", path: c + "/commitments",
			body: `{"what": "x", "kind": "do", "recipient_kind": "collective", "promise": true}`, wantStatus: 422,
			want: map[string]any{"field": "promise"}, check: caCount(5)},
		{name: "Commitments/ErrSizeAsNumber", who: "member", method: "POST", path: c + "/commitments",
			body: `{"what": "x", "kind": "do", "recipient_kind": "collective", "size_unit": "count", "size": 3}`, wantStatus: 422,
			want: map[string]any{"field": "size"}, check: caCount(5)},
		{name: "Commitments/ErrObserverCreates", who: "observer", method: "POST", path: c + "/commitments",
			body: create(""), wantStatus: 403, check: caCount(5)},
		{name: "Commitments/ErrReadTokenCreates", who: "member-read", method: "POST", path: c + "/commitments",
			body: create(""), wantStatus: 403, check: caCount(5)},
		{name: "Commitments/ErrOutsiderCreates", who: "outsider", method: "POST", path: c + "/commitments", body: create(""),
			wantStatus: 404, check: caCount(5)},
		{name: "Commitments/ErrAnonymousCreates", who: "none", method: "POST", path: c + "/commitments", body: create(""),
			wantStatus: 401, check: caCount(5)},

		{name: "Commitments/List", who: "observer", method: "GET", path: c + "/commitments", wantStatus: 200,
			want: map[string]any{"items.#": 5, "items.4.id": k1, "items.4.size_amount": 150, "next": apiAbsent}},
		{name: "Commitments/ListByState", who: "member-read", method: "GET", path: c + "/commitments?state=proposed&goal=" + fmt.Sprint(s.goal),
			wantStatus: 200, want: map[string]any{"items.#": 2}},
		{name: "Commitments/ListByOrganisation", who: "steward", method: "GET", path: fmt.Sprintf("%s/commitments?organisation=%d", c, s.eastbank),
			wantStatus: 200, want: map[string]any{"items.#": 1, "items.0.id": k3, "items.0.recipient_name": "Eastbank Housing"}},
		{name: "Commitments/ListByPersonAndDue", who: "steward", method: "GET",
			path:       fmt.Sprintf("%s/commitments?person=%d&due_from=%s&due_to=%s", c, s.sam, s.tomorrow, s.tomorrow),
			wantStatus: 200, want: map[string]any{"items.#": 1, "items.0.id": k1}},
		{name: "Commitments/ListMineTodo", who: "steward", method: "GET", path: c + "/commitments?mine=todo", wantStatus: 200,
			want: map[string]any{"items.#": 4, "items.3.id": k1, "items.2.id": k2}}, // three proposals to Sam, one to the collective he stewards
		{name: "Commitments/ErrListState", who: "member", method: "GET", path: c + "/commitments?state=done", wantStatus: 422,
			want: map[string]any{"field": "state"}},
		{name: "Commitments/ErrListDue", who: "member", method: "GET", path: c + "/commitments?due_from=tomorrow", wantStatus: 422,
			want: map[string]any{"field": "due_from"}},
		{name: "Commitments/ErrListPerson", who: "member", method: "GET", path: c + "/commitments?person=mo", wantStatus: 422,
			want: map[string]any{"field": "person"}},
		{name: "Commitments/ErrListMine", who: "member", method: "GET", path: c + "/commitments?mine=all", wantStatus: 422,
			want: map[string]any{"field": "mine"}},
		{name: "Commitments/ErrListCursor", who: "member", method: "GET", path: c + "/commitments?cursor=forged", wantStatus: 422,
			want: map[string]any{"field": "cursor"}},
		{name: "Commitments/ErrListOutsider", who: "outsider", method: "GET", path: c + "/commitments", wantStatus: 404},
		{name: "Commitments/ErrListOtherCollective", who: "bsteward", method: "GET", path: c + "/commitments", wantStatus: 404},
		{name: "Commitments/ErrListAnonymous", who: "none", method: "GET", path: c + "/commitments", wantStatus: 401},

		{name: "Commitments/Get", who: "observer", method: "GET", path: one(k1), wantStatus: 200,
			want: map[string]any{"id": k1, "what": "Drive the van", "kind": "do", "size_unit": "hours", "state": "proposed",
				"committer_name": "Mo Member", "history.#": 1}},
		{name: "Commitments/ErrGetMissing", who: "member", method: "GET", path: one(999999), wantStatus: 404},
		{name: "Commitments/ErrGetOutsider", who: "outsider", method: "GET", path: one(k1), wantStatus: 404},

		{name: "Transition/ErrCommitterAccepts", who: "member", method: "POST", path: act(k1, "accept"), body: caBody(1),
			wantStatus: 403, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrObserverAccepts", who: "observer", method: "POST", path: act(k1, "accept"), body: caBody(1),
			wantStatus: 403, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrStaleVersion", who: "steward", method: "POST", path: act(k1, "accept"), body: caBody(2),
			wantStatus: 409, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrWrongState", who: "steward", method: "POST", path: act(k1, "confirm"), body: caBody(1),
			wantStatus: 409, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrNoVersion", who: "steward", method: "POST", path: act(k1, "accept"), body: `{"note": "ok"}`,
			wantStatus: 422, want: map[string]any{"field": "version"}, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrUnknownAction", who: "steward", method: "POST", path: act(k1, "explode"), body: caBody(1),
			wantStatus: 404, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrReadToken", who: "steward-read", method: "POST", path: act(k1, "accept"), body: caBody(1),
			wantStatus: 403, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/ErrOutsider", who: "outsider", method: "POST", path: act(k1, "accept"), body: caBody(1),
			wantStatus: 404, check: caState(k1, commitment.Proposed, 1)},
		{name: "Transition/Accept", who: "steward", method: "POST", path: act(k1, "accept"), body: `{"version": 1, "note": "Thank you"}`,
			wantStatus: 200, want: map[string]any{"state": "accepted", "version": 2, "history.#": 2, "history.1.action": "accept",
				"history.1.note": "Thank you", "history.1.actor_name": "Sam Steward"}},
		{name: "Transition/MarkDone", who: "member", method: "POST", path: act(k1, "mark_done"), body: caBody(2), wantStatus: 200,
			want: map[string]any{"state": "in_progress", "version": 3},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if !strings.Contains(string(ans.body), `"done_at":"`) {
					t.Errorf("no done_at after mark_done: %s", ans.body)
				}
			}},
		{name: "Transition/ErrCommitterConfirms", who: "member", method: "POST", path: act(k1, "confirm"), body: caBody(3),
			wantStatus: 403, check: caState(k1, commitment.InProgress, 3)},
		{name: "Transition/Confirm", who: "steward", method: "POST", path: act(k1, "confirm"), body: caBody(3),
			wantStatus: 200, want: map[string]any{"state": "kept", "version": 4, "on_time": true, "history.#": 4}},
		{name: "Transition/ErrAfterKept", who: "steward", method: "POST", path: act(k1, "not_kept"), body: caBody(4),
			wantStatus: 409, check: caState(k1, commitment.Kept, 4)},
		{name: "Transition/StewardAcceptsForCollective", who: "steward", method: "POST", path: act(k2, "accept"), body: caBody(1),
			wantStatus: 200, want: map[string]any{"state": "accepted", "recipient_kind": "collective"}},
		{name: "Transition/StewardBreaksForCollective", who: "steward", method: "POST", path: act(k2, "not_kept"), body: caBody(2),
			wantStatus: 200, want: map[string]any{"state": "not_kept", "on_time": nil}},
		{name: "Transition/ErrNotTheOrganisation", who: "steward", method: "POST", path: act(k3, "accept"), body: caBody(1),
			wantStatus: 403, check: caState(k3, commitment.Proposed, 1)},
		{name: "Transition/Withdraw", who: "member", method: "POST", path: act(k3, "withdraw"), body: caBody(1), wantStatus: 200,
			want: map[string]any{"state": "released"}},

		{name: "Commitments/Board", who: "member", method: "GET", path: c + "/commitments/board", wantStatus: 200,
			want: map[string]any{"totals.kept": 1, "totals.not_kept": 1, "totals.released": 1, "totals.proposed": 2,
				"firsts.kept.0.id": k1, "firsts.kept.#": 1},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				goals, _ := paJSON(t, ans)["goals"].([]any)
				got := map[string]string{}
				for _, g := range goals {
					g := g.(map[string]any)
					got[fmt.Sprint(g["goal_id"])] = fmt.Sprint(g["title"], " ", g["counts"])
				}
				if got[fmt.Sprint(s.goal)] != "Nobody goes hungry map[kept:1 proposed:1]" || got["0"] != "No goal map[not_kept:1 proposed:1 released:1]" {
					t.Errorf("board goals %v", got)
				}
			}},
		{name: "Commitments/ErrBoardOutsider", who: "outsider", method: "GET", path: c + "/commitments/board", wantStatus: 404},
		// The goal goes (the measure scenarios after these count A's goals):
		// its commitments stay and serve none, and the board counts them there.
		{name: "Commitments/GoalDeleted", who: "steward", method: "DELETE", path: fmt.Sprintf("%s/goals/%d", c, s.goal), wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				got := f.callers["member"].do(t, "GET", one(k1), "")
				if err := f.validate(got); err != nil || !strings.Contains(string(got.body), `"goal_id":null`) {
					t.Errorf("after the goal went: %v\n%s", err, got.body)
				}
				b := f.callers["member"].do(t, "GET", c+"/commitments/board", "")
				if v, _ := apiAt(paJSON(t, b), "totals.kept"); fmt.Sprint(v) != "1" || strings.Contains(string(b.body), "Nobody goes hungry") {
					t.Errorf("board after the goal went: %s", b.body)
				}
			}},
	}, caMoreScenarios(f, s)...)
}
