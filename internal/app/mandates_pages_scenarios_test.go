package app_test

import (
	"fmt"
	"testing"
	"time"

	"commonground/internal/decision"
	"commonground/internal/mandate"
)

func init() { scMoreScenarios = append(scMoreScenarios, mpgScenarios) }

// mpgGet reads mandate id of collective A through the service, as the
// steward.
func mpgGet(t *testing.T, f *scFixture, id int64) *mandate.View {
	t.Helper()
	sctx, a := f.stewardAccess(t, scA)
	v, err := f.app.Mandates.Get(sctx, a, id)
	if err != nil {
		t.Fatalf("mandate %d: %v", id, err)
	}
	return v
}

// mpgPending fails unless mandate id has action pending (or nothing, "").
func mpgPending(id int64, status mandate.Status, action mandate.Action) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if v := mpgGet(t, f, id); v.Status != status || v.PendingAction != action {
			t.Fatalf("mandate %d is %s with %q pending, want %s with %q", id, v.Status, v.PendingAction, status, action)
		}
	}
}

// mpgScenarios walk the mandate pages of collective A in order, making
// their data through the forms as they run: Sam Steward proposes Mo Member
// as convener (mandate 1, the first of the database), every voting member
// consents (through the services), Mo asks for feedback, Sam answers,
// Mo proposes the renewal; refusals on the way change nothing.
func mpgScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/mandates"
	one := b + "/1"
	now := f.app.DB.Now().UTC()
	today, nextYear := now.Format(time.DateOnly), now.AddDate(1, 0, 0).Format(time.DateOnly)
	mo := fmt.Sprint(f.mid[scA+"/member"])
	propose := func(scope string) scForm {
		return scForm{"role": {"convener"}, "holder_member_id": {mo}, "scope": {scope}, "term_start": {today},
			"term_end": {nextYear}, "closes_in_days": {"5"}}
	}
	const observers = "Observers can read but not change anything."
	consent := func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		sctx, a := f.stewardAccess(t, scA)
		v := mpgGet(t, f, 1)
		// Every voting member consents: the quorum of a mandate decision
		// is the minimum group size, capped by who may vote.
		for who := range f.user {
			ua, err := f.app.Collectives.Access(f.as(who), scA)
			if err != nil || !ua.CanContribute() {
				continue // not a voting member of A (now)
			}
			if _, err := f.app.Decisions.Vote(f.as(who), ua, *v.PendingDecisionID, decision.VoteInput{Choice: decision.Choice{Position: "consent"}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.app.Decisions.Close(sctx, a, *v.PendingDecisionID); err != nil {
			t.Fatal(err)
		}
	}
	return []scScenario{
		{name: "Mandates/Empty", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{"<h1>Mandates</h1>", `href="` + b + `/new"`, "No active mandates."}},
		{name: "Mandates/AnonymousSignsIn", who: "anonymous", method: "GET", path: b, wantStatus: 303, wantLocation: scSignIn(b)},
		{name: "Mandates/OutsiderNotFound", who: "outsider", method: "GET", path: b, wantStatus: 404},
		{name: "MandatesNew/Member", who: "member", method: "GET", path: b + "/new", wantStatus: 200,
			wantContains: []string{"<h1>Propose a mandate</h1>", `<option value="` + mo + `">Mo Member</option>`, `value="facilitator"`}},
		{name: "MandatesNew/HolderFilter", who: "member", method: "GET", path: b + "/new?holder=mo", wantStatus: 200,
			wantContains:    []string{`<option value="` + mo + `">Mo Member</option>`, `name="holder"`, `value="mo"`},
			wantNotContains: []string{">Sam Steward</option>"}},
		{name: "MandatesNew/ObserverForbidden", who: "observer", method: "GET", path: b + "/new", wantStatus: 403, wantContains: []string{observers}},
		{name: "MandatePropose/ErrScope", who: "steward", method: "POST", path: b, form: propose(""), wantStatus: 422,
			wantContains: []string{"Say what the holder may decide alone, in 1 to 2000 characters.", `id="scope-error"`, `value="convener"`}},
		{name: "MandatePropose/ObserverForbidden", who: "observer", method: "POST", path: b, form: propose("Calls meetings."), wantStatus: 403},
		{name: "MandatePropose/OK", who: "steward", method: "POST", path: b, form: propose("Calls the partners' meetings."),
			wantStatus: 303, wantLocation: one,
			check: scAll(mpgPending(1, mandate.Proposed, mandate.Grant), scThen(one, 200, "Proposed. The collective decides by consent",
				"Convener: Mo Member", "Grant</a>: open"), consent, mpgPending(1, mandate.Active, ""))},
		{name: "Mandate/MemberSees", who: "member", method: "GET", path: one, wantStatus: 200,
			wantContains: []string{"Grant</a>: passed", `action="` + one + `/renew"`, `action="` + one + `/revoke"`,
				`action="` + one + `/feedback-rounds"`, "No feedback rounds yet."}},
		{name: "Mandate/ObserverSeesNoForm", who: "observer", method: "GET", path: one, wantStatus: 200,
			wantContains: []string{"Calls the partners&#39; meetings."}, wantNotContains: []string{`action="` + one + `/renew"`}},
		{name: "Mandate/NotFound", who: "member", method: "GET", path: b + "/999999", wantStatus: 404},

		{name: "MandateRound/ObserverForbidden", who: "observer", method: "POST", path: one + "/feedback-rounds", form: scForm{"days": {"7"}},
			wantStatus: 403},
		{name: "MandateRound/ErrDays", who: "member", method: "POST", path: one + "/feedback-rounds", form: scForm{"days": {"45"}},
			wantStatus: 422, wantContains: []string{"A feedback round stays open 1 to 30 days."}},
		{name: "MandateRound/OK", who: "member", method: "POST", path: one + "/feedback-rounds", form: scForm{"days": {"7"}},
			wantStatus: 303, wantLocation: one,
			check: func(t *testing.T, f *scFixture, b *scBrowser) {
				v := mpgGet(t, f, 1)
				if len(v.Rounds) != 1 {
					t.Fatalf("rounds %+v", v.Rounds)
				}
				if v.Rounds[0].Round.ID != 1 {
					t.Fatalf("the first round is %d; the answer scenarios expect 1", v.Rounds[0].Round.ID)
				}
				scThen(one, 200, "Feedback round opened.", "people have answered; 0 have so far.")(t, f, b)
			}},
		{name: "MandateAnswer/OK", who: "steward", method: "POST", path: one + "/feedback-rounds/1/answers",
			form: scForm{"serves": {"4"}, "listens": {"5"}, "within": {"3"}, "comment": {"Clear agendas."}}, wantStatus: 303, wantLocation: one,
			check: scThen(one, 200, "Your answer is stored without your name.", "You have answered this round.",
				"people have answered; 1 has so far.")},
		{name: "MandateAnswer/ErrTwice", who: "steward", method: "POST", path: one + "/feedback-rounds/1/answers",
			form: scForm{"serves": {"1"}, "listens": {"1"}, "within": {"1"}}, wantStatus: 409,
			wantContains: []string{"You have already answered this round. Answers are anonymous, so they cannot be changed."}},
		{name: "MandateAnswer/ErrHolder", who: "member", method: "POST", path: one + "/feedback-rounds/1/answers",
			form: scForm{"serves": {"5"}, "listens": {"5"}, "within": {"5"}}, wantStatus: 403},

		{name: "MandateRenew/ErrEarlier", who: "member", method: "POST", path: one + "/renew",
			form: scForm{"term_end": {today}, "closes_in_days": {"7"}, "version": {"0"}}, wantStatus: 422,
			wantContains: []string{"A renewal must end after the current term, which ends on " + nextYear + "."},
			check:        mpgPending(1, mandate.Active, "")},
		{name: "MandateRenew/OK", who: "member", method: "POST", path: one + "/renew",
			form: scForm{"term_end": {now.AddDate(2, 0, 0).Format(time.DateOnly)}, "closes_in_days": {"7"}}, wantStatus: 303, wantLocation: one,
			check: scAll(mpgPending(1, mandate.Active, mandate.Renew), scThen(one, 200, "The renewal is put to the collective", "Renewal</a>: open"))},
		{name: "MandateRevoke/ErrPending", who: "steward", method: "POST", path: one + "/revoke",
			form: scForm{"reason": {"Rotate."}, "closes_in_days": {"7"}}, wantStatus: 409,
			wantContains: []string{"A decision to renew this mandate is already open; wait for it to close."},
			check:        mpgPending(1, mandate.Active, mandate.Renew)},
		{name: "MandateRevoke/ObserverForbidden", who: "observer", method: "POST", path: one + "/revoke",
			form: scForm{"reason": {"Rotate."}}, wantStatus: 403, wantContains: []string{observers}},
	}
}
