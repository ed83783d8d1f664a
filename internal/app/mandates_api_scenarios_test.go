package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/decision"
	"commonground/internal/mandate"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, mdScenarios) }

// mdSeeded names what mdSeed makes in collective A.
type mdSeeded struct {
	proposed, convener, treasurer int64 // mandates: Mo as facilitator (proposed), convener and treasurer (active)
	round                         int64 // a feedback round on the convener mandate
	mo, sam, observer             int64
	today, nextYear               string
}

// mdSeed writes, through the services, what the mandate scenarios start
// from in collective A: Sam Steward proposes Mo Member as facilitator
// (mandate 1, its consent decision open); Mo holds the convener mandate (2)
// and a "Treasurer" mandate (3), each granted by a consent decision every
// voting member consented to and Sam closed; Sam asked for feedback on the convener mandate
// (round 1). The scenarios run it after their first request, so what it
// writes (and Mo's new role) comes after every earlier scenario, whose
// counts and roles it would otherwise move; the ids are the first of the
// database.
func mdSeed(t *testing.T, f *scFixture) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sctx := f.as("steward")
	sa, err := f.app.Collectives.Access(sctx, scA)
	must(err)
	now := f.app.DB.Now().UTC()
	in := func(role string) mandate.Input {
		return mandate.Input{Role: role, HolderMemberID: f.mid[scA+"/member"], Scope: "Decides the agenda.",
			TermStart: now.Format(time.DateOnly), TermEnd: now.AddDate(1, 0, 0).Format(time.DateOnly)}
	}
	want := func(what string, got, id int64) {
		t.Helper()
		if got != id {
			t.Fatalf("%s is %d; the scenarios expect %d", what, got, id)
		}
	}
	m, err := f.app.Mandates.Propose(sctx, sa, in("facilitator"))
	must(err)
	want("the proposed mandate", m.ID, 1)
	for i, role := range []string{"convener", "Treasurer"} {
		m, err := f.app.Mandates.Propose(sctx, sa, in(role))
		must(err)
		want(role, m.ID, int64(i+2))
		// Every voting member of A consents: a mandate decision's quorum
		// is the minimum group size, capped by who may vote (all of them
		// here).
		for who := range f.user {
			ua, err := f.app.Collectives.Access(f.as(who), scA)
			if err != nil || !ua.CanContribute() {
				continue // not a voting member of A (now)
			}
			_, err = f.app.Decisions.Vote(f.as(who), ua, *m.PendingDecisionID, decision.VoteInput{Choice: decision.Choice{Position: "consent"}})
			must(err)
		}
		must(f.app.Decisions.Close(sctx, sa, *m.PendingDecisionID))
		got, err := f.app.Mandates.Get(sctx, sa, m.ID)
		must(err)
		if got.Status != mandate.Active {
			t.Fatalf("the %s mandate is %s, want active", role, got.Status)
		}
	}
	sa, err = f.app.Collectives.Access(sctx, scA) // Mo's new role moved the version on
	must(err)
	r, err := f.app.Mandates.OpenRound(sctx, sa, 2, 14)
	must(err)
	want("the round", r.ID, 1)
}

// mdScenarios: proposing, listing, reading, renewing and revoking
// mandates, and feedback rounds, as each kind of caller.
func mdScenarios(f *apiFixture) []apiScenario {
	now := f.app.DB.Now().UTC()
	s := &mdSeeded{proposed: 1, convener: 2, treasurer: 3, round: 1, mo: f.mid[scA+"/member"], sam: f.mid[scA+"/steward"],
		observer: f.mid[scA+"/observer"], today: now.Format(time.DateOnly), nextYear: now.AddDate(1, 0, 0).Format(time.DateOnly)}
	c := "/api/v1/collectives/" + scA + "/mandates"
	one := func(id int64) string { return fmt.Sprintf("%s/%d", c, id) }
	propose := func(role, scope string, holder int64) string {
		return fmt.Sprintf(`{"role": %q, "holder_member_id": %d, "scope": %q, "term_start": %q, "term_end": %q, "closes_in_days": 5}`,
			role, holder, scope, s.today, s.nextYear)
	}
	answers := one(s.convener) + fmt.Sprintf("/feedback-rounds/%d/answers", s.round)
	good := propose("facilitator", "Runs the meetings.", s.sam)
	return []apiScenario{
		{name: "Mandates/ListEmpty", who: "member", method: "GET", path: c, wantStatus: 200,
			want:  map[string]any{"active.#": 0, "proposed.#": 0, "past.#": 0},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) { mdSeed(t, f.scFixture) }},
		{name: "Mandates/Propose", who: "member", method: "POST", path: c, body: good, wantStatus: 201,
			want: map[string]any{"status": "proposed", "pending_action": "grant", "holder_member_id": s.sam, "holder_name": "Sam Steward",
				"role": "facilitator", "role_label": "Facilitator", "term_end": s.nextYear, "decisions.#": 1, "decisions.0.action": "grant",
				"decisions.0.status": "open", "decisions.0.passed": nil, "can_renew": false},
			check: caAll(mdCount(4), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); !strings.HasPrefix(loc, c+"/") {
					t.Errorf("Location %q", loc)
				}
			})},
		{name: "Mandates/ErrScope", who: "member", method: "POST", path: c, body: propose("facilitator", "", s.sam), wantStatus: 422,
			want: map[string]any{"field": "scope"}, check: mdCount(4)},
		{name: "Mandates/ErrObserverHolds", who: "member", method: "POST", path: c, body: propose("facilitator", "x", s.observer),
			wantStatus: 422, want: map[string]any{"field": "holder_member_id"}, check: mdCount(4)},
		{name: "Mandates/ErrStewardRole", who: "member", method: "POST", path: c, body: propose("steward", "x", s.sam),
			wantStatus: 422, want: map[string]any{"field": "role"}, check: mdCount(4)},
		{name: "Mandates/ErrUnknownField", who: "member", method: "POST", path: c, body: `{"role": "facilitator", "power": "all"}`,
			wantStatus: 422, want: map[string]any{"field": "power"}, check: mdCount(4)},
		{name: "Mandates/ErrObserverProposes", who: "observer", method: "POST", path: c, body: good, wantStatus: 403, check: mdCount(4)},
		{name: "Mandates/ErrReadTokenProposes", who: "member-read", method: "POST", path: c, body: good, wantStatus: 403, check: mdCount(4)},
		{name: "Mandates/ErrOutsiderProposes", who: "outsider", method: "POST", path: c, body: good, wantStatus: 404, check: mdCount(4)},
		{name: "Mandates/ErrAnonymousProposes", who: "none", method: "POST", path: c, body: good, wantStatus: 401, check: mdCount(4)},

		{name: "Mandates/List", who: "observer", method: "GET", path: c, wantStatus: 200,
			want: map[string]any{"active.#": 2, "proposed.#": 2, "past.#": 0, "active.0.holder_name": "Mo Member",
				"active.0.up_for_renewal": false}},
		{name: "Mandates/ErrOutsiderLists", who: "outsider", method: "GET", path: c, wantStatus: 404},
		{name: "Mandates/Get", who: "member-read", method: "GET", path: one(s.convener), wantStatus: 200,
			want: map[string]any{"status": "active", "role": "convener", "decisions.#": 1, "decisions.0.passed": true,
				"feedback_rounds.#": 1, "feedback_rounds.0.visible": false, "feedback_rounds.0.answered": 0,
				"feedback_rounds.0.questions": apiAbsent},
			check: mdWithheld},
		{name: "Mandates/ErrGetMissing", who: "member", method: "GET", path: one(s.treasurer + 1000), wantStatus: 404},

		{name: "Mandates/Answer", who: "steward", method: "POST", path: answers, body: `{"serves": 4, "listens": 5, "within": 3, "comment": "Clear."}`,
			wantStatus: 204, check: mdAnswered(s.round, 1)},
		{name: "Mandates/ErrAnswerTwice", who: "steward", method: "POST", path: answers, body: `{"serves": 1, "listens": 1, "within": 1}`,
			wantStatus: 409, check: mdAnswered(s.round, 1)},
		{name: "Mandates/ErrHolderAnswers", who: "member", method: "POST", path: answers, body: `{"serves": 5, "listens": 5, "within": 5}`,
			wantStatus: 403, check: mdAnswered(s.round, 1)},
		{name: "Mandates/ErrAnswerScore", who: "steward", method: "POST", path: answers, body: `{"serves": 6, "listens": 5, "within": 5}`,
			wantStatus: 422, want: map[string]any{"field": "serves"}, check: mdAnswered(s.round, 1)},
		{name: "Mandates/ErrAnswerNoRound", who: "steward", method: "POST", path: one(s.treasurer) + fmt.Sprintf("/feedback-rounds/%d/answers", s.round),
			body: `{"serves": 3, "listens": 3, "within": 3}`, wantStatus: 404},

		{name: "Mandates/OpenRound", who: "member", method: "POST", path: one(s.treasurer) + "/feedback-rounds", body: `{"days": 10}`,
			wantStatus: 201, want: map[string]any{"feedback_rounds.#": 1, "feedback_rounds.0.open": true, "feedback_rounds.0.can_answer": false}},
		{name: "Mandates/ErrRoundOpen", who: "steward", method: "POST", path: one(s.convener) + "/feedback-rounds", body: `{"days": 10}`,
			wantStatus: 409},
		{name: "Mandates/ErrRoundDays", who: "steward", method: "POST", path: one(s.convener) + "/feedback-rounds", body: `{"days": 31}`,
			wantStatus: 422, want: map[string]any{"field": "days"}},
		{name: "Mandates/ErrRoundObserver", who: "observer", method: "POST", path: one(s.convener) + "/feedback-rounds", body: `{"days": 3}`,
			wantStatus: 403},

		{name: "Mandates/Renew", who: "steward", method: "POST", path: one(s.convener) + "/renew",
			body: fmt.Sprintf(`{"term_end": %q}`, time.Now().UTC().AddDate(2, 0, 0).Format(time.DateOnly)), wantStatus: 200,
			want: map[string]any{"pending_action": "renew", "decisions.#": 2, "decisions.1.action": "renew", "can_renew": false}},
		{name: "Mandates/ErrRenewAgain", who: "member", method: "POST", path: one(s.convener) + "/renew",
			body: fmt.Sprintf(`{"term_end": %q}`, time.Now().UTC().AddDate(2, 0, 0).Format(time.DateOnly)), wantStatus: 409},
		{name: "Mandates/ErrRenewProposed", who: "member", method: "POST", path: one(s.proposed) + "/renew",
			body: fmt.Sprintf(`{"term_end": %q}`, time.Now().UTC().AddDate(2, 0, 0).Format(time.DateOnly)), wantStatus: 409},
		{name: "Mandates/ErrRevokeReason", who: "member", method: "POST", path: one(s.treasurer) + "/revoke", body: `{"reason": ""}`,
			wantStatus: 422, want: map[string]any{"field": "reason"}},
		{name: "Mandates/ErrRevokeObserver", who: "observer", method: "POST", path: one(s.treasurer) + "/revoke", body: `{"reason": "x"}`,
			wantStatus: 403},
		{name: "Mandates/Revoke", who: "member", method: "POST", path: one(s.treasurer) + "/revoke", body: `{"reason": "Time to rotate."}`,
			wantStatus: 200, want: map[string]any{"pending_action": "revoke", "status": "active", "decisions.1.action": "revoke"}},
	}
}

// mdCount fails unless collective A's mandates number n.
func mdCount(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got int
		if err := f.app.DB.Get(context.Background(), &got, `SELECT count(*) FROM mandates m JOIN collectives k
			ON k.id = m.collective_id WHERE k.slug = ?`, scA); err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%d mandates in %s, want %d", got, scA, n)
		}
	}
}

// mdAnswered fails unless round has n answers and n people recorded as
// having answered.
func mdAnswered(round int64, n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got [2]int
		for i, q := range []string{"SELECT count(*) FROM mandate_feedback WHERE round_id = ?",
			"SELECT count(*) FROM mandate_feedback_given WHERE round_id = ?"} {
			if err := f.app.DB.Get(context.Background(), &got[i], q, round); err != nil {
				t.Fatal(err)
			}
		}
		if got != [2]int{n, n} {
			t.Errorf("round %d: %v answers and answerers, want %d", round, got, n)
		}
	}
}

// mdWithheld checks the round's withheld note against its stored closing
// time: the seed opens the round moments after the table is built, and a
// minute may turn in between.
func mdWithheld(t *testing.T, f *apiFixture, ans apiAnswer) {
	t.Helper()
	var closes time.Time
	if err := f.app.DB.Get(context.Background(), &closes, "SELECT closes_at FROM mandate_feedback_rounds WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Rounds []struct {
			Withheld string `json:"withheld"`
		} `json:"feedback_rounds"`
	}
	if err := json.Unmarshal(ans.body, &got); err != nil || len(got.Rounds) != 1 {
		t.Fatalf("feedback rounds in %s: %v", ans.body, err)
	}
	want := "Results appear when the round closes on " + closes.UTC().Format("2006-01-02 at 15:04 UTC") +
		" if at least 5 people have answered; 0 have so far."
	if got.Rounds[0].Withheld != want {
		t.Fatalf("withheld %q, want %q", got.Rounds[0].Withheld, want)
	}
}
