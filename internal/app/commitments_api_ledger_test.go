package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// caMoreScenarios: requests for help and answering them, "my part", the
// ledgers and the stewards' distribution, after caCommitmentScenarios.
// By then Mo Member has made five commitments: one of 2.5 hours to Sam
// Steward kept on time, one to the collective not kept, one for the Food
// Bank released, two still proposed (one for the Food Bank).
func caMoreScenarios(f *apiFixture, s *caSeeded) []apiScenario {
	c := "/api/v1/collectives/" + scA
	req := fmt.Sprintf("%s/requests/%d", c, s.request)
	ledger := func(q string, id int64) string { return fmt.Sprintf("%s/ledger?%s=%d", c, q, id) }
	part := func(id any) string { return fmt.Sprintf("%s/parts/%v", c, id) }
	answer := fmt.Sprintf(`{"what": "Introduce Mo to Dr Patel", "kind": "introduce", "request_id": %d}`, s.request)
	longPart := `{"contribute": "` + strings.Repeat("x", 4001) + `"}`
	return []apiScenario{
		{name: "Requests/List", who: "observer", method: "GET", path: c + "/requests", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": s.request, "items.0.member_name": "Mo Member", "items.0.status": "open",
				"items.0.answers": 0, "page": 1, "more": false}},
		{name: "Requests/Create", who: "member", method: "POST", path: c + "/requests", body: `{"what": "Someone to fix the van", "kind": "do"}`,
			wantStatus: 201, want: map[string]any{"what": "Someone to fix the van", "status": "open", "answers": 0, "commitments.#": 0}},
		{name: "Requests/ListOpen", who: "member-read", method: "GET", path: c + "/requests?status=open", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.1.id": s.request}},
		{name: "Requests/ErrObserverAsks", who: "observer", method: "POST", path: c + "/requests", body: `{"what": "Help", "kind": "do"}`,
			wantStatus: 403, check: caRequests(2)},
		{name: "Requests/ErrReadTokenAsks", who: "member-read", method: "POST", path: c + "/requests", body: `{"what": "Help", "kind": "do"}`,
			wantStatus: 403, check: caRequests(2)},
		{name: "Requests/ErrUnknownKind", who: "member", method: "POST", path: c + "/requests", body: `{"what": "Help", "kind": "magic"}`,
			wantStatus: 422, want: map[string]any{"field": "kind"}, check: caRequests(2)},
		{name: "Requests/ErrNoWhat", who: "member", method: "POST", path: c + "/requests", body: `{"what": "  ", "kind": "do"}`,
			wantStatus: 422, want: map[string]any{"field": "what"}, check: caRequests(2)},
		{name: "Requests/ErrStatus", who: "member", method: "GET", path: c + "/requests?status=done", wantStatus: 422,
			want: map[string]any{"field": "status"}},
		{name: "Requests/ErrPage", who: "member", method: "GET", path: c + "/requests?page=0", wantStatus: 422,
			want: map[string]any{"field": "page"}},
		{name: "Requests/ErrOutsider", who: "outsider", method: "GET", path: c + "/requests", wantStatus: 404},
		{name: "Requests/Answer", who: "steward", method: "POST", path: c + "/commitments", body: answer, wantStatus: 201,
			want: map[string]any{"request_id": s.request, "recipient_kind": "member", "recipient_member_id": s.mo,
				"recipient_name": "Mo Member", "committer_member_id": s.sam}},
		{name: "Requests/Get", who: "observer", method: "GET", path: req, wantStatus: 200,
			want: map[string]any{"id": s.request, "answers": 1, "commitments.#": 1, "commitments.0.what": "Introduce Mo to Dr Patel"}},
		{name: "Requests/ErrCloseOthers", who: "observer", method: "POST", path: req + "/close", wantStatus: 403,
			check: caRequestStatus(s.request, "open")},
		{name: "Requests/Close", who: "member", method: "POST", path: req + "/close", wantStatus: 200,
			want: map[string]any{"status": "closed", "answers": 1}},
		{name: "Requests/ErrCloseAgain", who: "steward", method: "POST", path: req + "/close", wantStatus: 409,
			check: caRequestStatus(s.request, "closed")},
		{name: "Requests/ErrAnswerClosed", who: "steward", method: "POST", path: c + "/commitments", body: answer, wantStatus: 422,
			want: map[string]any{"field": "request_id"}, check: caCount(6)},
		{name: "Requests/ErrMissing", who: "member", method: "GET", path: c + "/requests/999999", wantStatus: 404},

		{name: "Parts/NotWritten", who: "observer", method: "GET", path: part(s.mo), wantStatus: 200,
			want: map[string]any{"member_id": s.mo, "contribute": "", "will_change": "", "updated_at": nil}},
		{name: "Parts/Put", who: "member", method: "PUT", path: part("me"),
			body: `{"contribute": "I drive the food bank's van.", "will_change": "Train two more drivers."}`, wantStatus: 200,
			want: map[string]any{"member_id": s.mo, "contribute": "I drive the food bank's van."}},
		{name: "Parts/Get", who: "observer", method: "GET", path: part(s.mo), wantStatus: 200,
			want: map[string]any{"will_change": "Train two more drivers."}},
		{name: "Parts/Me", who: "member-read", method: "GET", path: part("me"), wantStatus: 200,
			want: map[string]any{"member_id": s.mo, "contribute": "I drive the food bank's van."}},
		{name: "Parts/ErrTooLong", who: "member", method: "PUT", path: part("me"), body: longPart, wantStatus: 422,
			want: map[string]any{"field": "contribute"}, check: caPart(s.mo, "I drive the food bank's van.")},
		{name: "Parts/ErrObserverWrites", who: "observer", method: "PUT", path: part("me"), body: `{"contribute": "Watching"}`,
			wantStatus: 403, check: caPart(f.mid[scA+"/observer"], "")},
		{name: "Parts/ErrReadToken", who: "member-read", method: "PUT", path: part("me"), body: `{"contribute": "Read only"}`,
			wantStatus: 403, check: caPart(s.mo, "I drive the food bank's van.")},
		{name: "Parts/ErrMissingMember", who: "member", method: "GET", path: part(999999), wantStatus: 404},
		{name: "Parts/ErrNotANumber", who: "member", method: "GET", path: part("mo"), wantStatus: 404},
		{name: "Parts/ErrOutsider", who: "outsider", method: "GET", path: part(s.mo), wantStatus: 404},

		{name: "Ledger/Member", who: "observer", method: "GET", path: ledger("person", s.mo), wantStatus: 200,
			want: map[string]any{"party.kind": "member", "party.id": s.mo, "name": "Mo Member", "made": 5, "open": 2,
				"given.count": 1, "given.minutes": 150, "given.money": 0, "received.count": 0, "kept": 1, "kept_on_time": 1,
				"not_kept": 1, "released": 1, "overdue": 0, "due": 2, "fulfilment": 0.5, "on_time_rate": 1, "months.#": 24,
				"months.23.month": s.today[:7], "months.23.given.minutes": 150}},
		{name: "Ledger/Recipient", who: "member", method: "GET", path: ledger("person", s.sam), wantStatus: 200,
			want: map[string]any{"name": "Sam Steward", "made": 1, "given.count": 0, "received.count": 1, "received.minutes": 150,
				"fulfilment": nil, "on_time_rate": nil, "months.23.received.minutes": 150}},
		{name: "Ledger/Organisation", who: "member-read", method: "GET", path: ledger("organisation", s.foodBank), wantStatus: 200,
			want: map[string]any{"party.kind": "organisation", "name": "Riverside Food Bank", "made": 2, "open": 1, "released": 1,
				"given.count": 0}},
		{name: "Ledger/OrganisationNothingYet", who: "member", method: "GET", path: ledger("organisation", s.eastbank), wantStatus: 200,
			want: map[string]any{"made": 0, "received.count": 0, "fulfilment": nil}},
		{name: "Ledger/ErrBoth", who: "member", method: "GET", path: ledger("person", s.mo) + fmt.Sprintf("&organisation=%d", s.foodBank),
			wantStatus: 422, want: map[string]any{"field": "organisation"}},
		{name: "Ledger/ErrNeither", who: "member", method: "GET", path: c + "/ledger", wantStatus: 422, want: map[string]any{"field": "person"}},
		{name: "Ledger/ErrNotAnID", who: "member", method: "GET", path: c + "/ledger?person=-3", wantStatus: 422,
			want: map[string]any{"field": "person"}},
		{name: "Ledger/ErrMissingMember", who: "member", method: "GET", path: ledger("person", 999999), wantStatus: 404},
		{name: "Ledger/ErrOtherCollectivesOrg", who: "member", method: "GET", path: ledger("organisation", f.org["Hill Farm Co-op"]),
			wantStatus: 404},
		{name: "Ledger/ErrOutsider", who: "outsider", method: "GET", path: ledger("person", s.mo), wantStatus: 404},

		{name: "Distribution/Steward", who: "steward-read", method: "GET", path: c + "/ledger/distribution", wantStatus: 200,
			want: map[string]any{"page": 1, "rows.0.member_id": s.mo, "rows.0.given_count": 1, "rows.0.made": 5,
				"rows.0.fulfilment": 0.5}},
		{name: "Distribution/MostlyReceives", who: "steward", method: "GET", path: c + "/ledger/distribution?filter=mostly_receives",
			wantStatus: 200, want: map[string]any{"total": 1, "rows.#": 1, "rows.0.member_id": s.sam, "rows.0.received_count": 1}},
		{name: "Distribution/ErrMember", who: "member", method: "GET", path: c + "/ledger/distribution", wantStatus: 403},
		{name: "Distribution/ErrObserver", who: "observer", method: "GET", path: c + "/ledger/distribution", wantStatus: 403},
		{name: "Distribution/ErrSort", who: "steward", method: "GET", path: c + "/ledger/distribution?sort=worst", wantStatus: 422,
			want: map[string]any{"field": "sort"}},
		{name: "Distribution/ErrFilter", who: "steward", method: "GET", path: c + "/ledger/distribution?filter=takers", wantStatus: 422,
			want: map[string]any{"field": "filter"}},
	}
}

// caRequests fails unless collective A has n requests.
func caRequests(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got int
		if err := f.app.DB.Get(context.Background(), &got, `SELECT count(*) FROM commitment_requests r JOIN collectives k
			ON k.id = r.collective_id WHERE k.slug = ?`, scA); err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%d requests in %s, want %d", got, scA, n)
		}
	}
}

// caRequestStatus fails unless request id has status.
func caRequestStatus(id int64, status string) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got string
		if err := f.app.DB.Get(context.Background(), &got, "SELECT status FROM commitment_requests WHERE id = ?", id); err != nil {
			t.Fatal(err)
		}
		if got != status {
			t.Errorf("request %d is %s, want %s", id, got, status)
		}
	}
}

// caPart fails unless member's stored part says contribute ("" for none).
func caPart(member int64, contribute string) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got []string
		if err := f.app.DB.Select(context.Background(), &got, "SELECT contribute FROM member_parts WHERE member_id = ?", member); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint([]string{contribute}) && !(contribute == "" && len(got) == 0) {
			t.Errorf("member %d's part is %q, want %q", member, got, contribute)
		}
	}
}
