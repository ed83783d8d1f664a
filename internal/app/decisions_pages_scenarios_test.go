package app_test

import (
	"context"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/decision"
)

func init() { scMoreScenarios = append(scMoreScenarios, dpScenarios) }

// dpProposals fails unless collective A has n proposals: a refused form
// must write nothing.
func dpProposals(n int) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		sctx, a := f.stewardAccess(t, scA)
		pg, err := f.app.Decisions.Proposals(sctx, a, decision.ProposalQuery{})
		if err != nil || pg.Total != n {
			t.Fatalf("collective A has %v proposals (%v), want %d", pg, err, n)
		}
	}
}

// dpDecision reads decision id of collective A as the steward.
func dpDecision(t *testing.T, f *scFixture, id int64) *decision.DecisionView {
	t.Helper()
	sctx, a := f.stewardAccess(t, scA)
	v, err := f.app.Decisions.Decision(sctx, a, id)
	if err != nil {
		t.Fatalf("decision %d: %v", id, err)
	}
	return v
}

// dpTurnout fails unless decision id has n voters.
func dpTurnout(id, n int64) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if v := dpDecision(t, f, id); v.Decision.Turnout != n {
			t.Fatalf("decision %d has %d voters, want %d", id, v.Decision.Turnout, n)
		}
	}
}

// dpJoin makes Dee Voter, a plain member of collective A, with a browser:
// the fixture's other members come and go in earlier scenarios.
func dpJoin(t *testing.T, f *scFixture, _ *scBrowser) {
	t.Helper()
	u, err := f.app.Auth.CreateUser(context.Background(), "dee.voter@example.org", "Dee Voter", scPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	f.user["dvoter"] = u
	f.join(t, scA, "dvoter", auth.Member)
	f.jar["dvoter"] = f.signIn(t, "dvoter")
}

// dpScenarios walk the decision pages of collective A: Mo Member proposes
// (proposal 1, the first of the database), the thread gets a comment, a
// reply and corrections, Mo starts a consent decision (decision 1), Sam
// consents and Dee objects with a reason, Mo closes it and the page says it
// is blocked; the outcome goes to the log. Refusals on the way write
// nothing. The ballots, ranked and anonymous, follow in
// decisions_pages_scenarios_vote_test.go.
func dpScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/decisions"
	p1, d1 := b+"/proposals/1", b+"/1"
	now := f.app.DB.Now().UTC()
	closes := now.Add(48 * time.Hour).Format("2006-01-02T15:04")
	proposal := func(extra scForm) scForm {
		form := scForm{"title": {"Repaint the community hall"}, "body": {"The hall is grey.\n\nLet us paint it green."},
			"topic": {"hall"}, "method": {"consent"}, "electorate": {"members"}, "results_shown": {"always"},
			"closes_at": {closes}, "seats": {"1"}}
		for k, v := range extra {
			form[k] = v
		}
		return form
	}
	const (
		notFound  = "We could not find that page, or it is not visible to you."
		observers = "Observers can read but not change anything."
	)
	return []scScenario{
		{name: "Decisions/Empty", who: "member", method: "GET", path: b, wantStatus: 200, check: dpJoin,
			wantContains: []string{"<h1>Proposals and decisions</h1>", "No proposals yet.", `href="` + b + `/proposals/new"`,
				`href="` + b + `/log"`, `href="` + b + `/power"`, `href="` + b + `/proxies"`}},
		{name: "Decisions/AnonymousSignsIn", who: "anonymous", method: "GET", path: b, wantStatus: 303, wantLocation: scSignIn(b)},
		{name: "Decisions/OutsiderNotFound", who: "outsider", method: "GET", path: b, wantStatus: 404, wantContains: []string{notFound}},
		{name: "ProposalNew/Member", who: "member", method: "GET", path: b + "/proposals/new", wantStatus: 200,
			wantContains: []string{"<h1>New proposal</h1>", `id="method-consent"`, `id="method-stv"`, "Start a decision on it now",
				"Rank the options; the last is dropped", `name="closes_at" type="datetime-local"`, "<legend>How to decide</legend>"}},
		{name: "ProposalNew/ObserverForbidden", who: "observer", method: "GET", path: b + "/proposals/new", wantStatus: 403,
			wantContains: []string{observers}},

		// Refusals keep what was typed, name the field, and write nothing.
		{name: "ProposalCreate/ErrNoTitle", who: "member", method: "POST", path: b + "/proposals/new", form: proposal(scForm{"title": {""}}),
			wantStatus: 422, wantContains: []string{"Write a title (1 to 200 characters).", `id="title-error"`, `href="#title"`,
				"Let us paint it green."}, check: dpProposals(0)},
		{name: "ProposalCreate/ErrBadTime", who: "member", method: "POST", path: b + "/proposals/new",
			form: proposal(scForm{"decide_now": {"1"}, "closes_at": {"next week"}}), wantStatus: 422,
			wantContains: []string{"Enter a date and time, such as 2026-12-01T18:00.", `id="closes_at-error"`}, check: dpProposals(0)},
		{name: "ProposalCreate/ObserverForbidden", who: "observer", method: "POST", path: b + "/proposals/new", form: proposal(nil),
			wantStatus: 403, check: dpProposals(0)},
		{name: "ProposalCreate/OK", who: "member", method: "POST", path: b + "/proposals/new", form: proposal(nil),
			wantStatus: 303, wantLocation: p1, check: func(t *testing.T, f *scFixture, br *scBrowser) {
				dpProposals(1)(t, f, br)
				scThen(p1, 200, "Your proposal is up for discussion.", "<h1>Repaint the community hall</h1>",
					"<p>The hall is grey.</p>", "<p>Let us paint it green.</p>", "In discussion", "Start a decision")(t, f, br)
			}},
		{name: "Decisions/Listed", who: "steward", method: "GET", path: b + "?status=discussion&q=hall", wantStatus: 200,
			wantContains: []string{`href="` + p1 + `">Repaint the community hall</a>`, "by Mo Member"}},
		{name: "Decisions/FilterNone", who: "steward", method: "GET", path: b + "?status=decided", wantStatus: 200,
			wantContains: []string{"No proposals match."}},
		{name: "Proposal/NotFound", who: "member", method: "GET", path: b + "/proposals/999999", wantStatus: 404},

		// The thread.
		{name: "Comment/ErrEmpty", who: "member", method: "POST", path: p1 + "/comments", form: scForm{"body": {"  "}},
			wantStatus: 422, wantContains: []string{"Write a comment (1 to 10000 characters).", `id="body-error"`}},
		{name: "Comment/OK", who: "member", method: "POST", path: p1 + "/comments", form: scForm{"body": {"Green is calming."}},
			wantStatus: 303, wantLocation: p1 + "#comments"},
		{name: "Comment/ReplyErrEmpty", who: "steward", method: "POST", path: p1 + "/comments", form: scForm{"parent_id": {"1"}, "body": {""}},
			wantStatus: 422, wantContains: []string{`id="reply-1-error"`, `href="#reply-1"`}},
		{name: "Comment/Reply", who: "steward", method: "POST", path: p1 + "/comments",
			form: scForm{"parent_id": {"1"}, "body": {"@Mo Member which green?"}}, wantStatus: 303, wantLocation: p1 + "#comments",
			check: scThen(p1, 200, "Your reply is added.", "replying to Mo Member", "Discussion (2)")},
		{name: "CommentEdit/Form", who: "member", method: "GET", path: p1 + "/comments/1/edit", wantStatus: 200,
			wantContains: []string{"<h1>Change your comment</h1>", "Green is calming."}},
		{name: "CommentEdit/NotOwn", who: "steward", method: "GET", path: p1 + "/comments/1/edit", wantStatus: 403,
			wantContains: []string{"You can change only your own comments."}},
		{name: "CommentEdit/Err", who: "member", method: "POST", path: p1 + "/comments/1/edit", form: scForm{"body": {""}},
			wantStatus: 422, wantContains: []string{`id="body-error"`}},
		{name: "CommentEdit/OK", who: "member", method: "POST", path: p1 + "/comments/1/edit", form: scForm{"body": {"Sage green is calming."}},
			wantStatus: 303, wantLocation: p1 + "#comments", check: scThen(p1, 200, "Sage green is calming.", "edited")},
		{name: "CommentDelete/NotOwn", who: "member", method: "POST", path: p1 + "/comments/2/delete", wantStatus: 403,
			wantContains: []string{"Only the comment's author or a steward can delete it."}},
		{name: "CommentDelete/OK", who: "steward", method: "POST", path: p1 + "/comments/2/delete", wantStatus: 303,
			wantLocation: p1 + "#comments", check: scThen(p1, 200, "This comment was deleted.")},

		// Corrections to the proposal.
		{name: "ProposalEdit/Form", who: "member", method: "GET", path: p1 + "/edit", wantStatus: 200,
			wantContains: []string{"<h1>Change the proposal</h1>", `value="Repaint the community hall"`}},
		{name: "ProposalEdit/OtherForbidden", who: "dvoter", method: "GET", path: p1 + "/edit", wantStatus: 403},
		{name: "ProposalEdit/Err", who: "member", method: "POST", path: p1 + "/edit", form: scForm{"title": {""}, "body": {"x"}},
			wantStatus: 422, wantContains: []string{"Write a title", `id="title-error"`}},
		{name: "ProposalEdit/OK", who: "member", method: "POST", path: p1 + "/edit",
			form: scForm{"title": {"Repaint the hall green"}, "body": {"Sage green."}, "topic": {"hall"}}, wantStatus: 303, wantLocation: p1,
			check: scThen(p1, 200, "The proposal is changed.", "<h1>Repaint the hall green</h1>")},

		// A consent decision: Sam consents, Dee objects, Mo closes.
		{name: "Decide/Form", who: "member", method: "GET", path: p1 + "/decide", wantStatus: 200,
			wantContains: []string{"<h1>Start a decision</h1>", `value="Repaint the hall green"`, `value="consent" checked`}},
		{name: "Decide/OtherForbidden", who: "dvoter", method: "GET", path: p1 + "/decide", wantStatus: 403},
		{name: "Decide/ErrQuorum", who: "member", method: "POST", path: p1 + "/decide",
			form: proposal(scForm{"question": {"Paint it green?"}, "quorum": {"500"}}), wantStatus: 422,
			wantContains: []string{"The quorum (500) is more than the", `id="quorum-error"`, `value="Paint it green?"`}},
		{name: "Decide/OK", who: "member", method: "POST", path: p1 + "/decide", form: proposal(scForm{"question": {"Paint it green?"}}),
			wantStatus: 303, wantLocation: d1, check: dpTurnout(1, 0)},
		{name: "Decision/Ballot", who: "member", method: "GET", path: d1, wantStatus: 200,
			wantContains: []string{"The decision is open for votes.", "<h1>Paint it green?</h1>", "0 of", "have voted",
				`<legend>Paint it green?</legend>`, `name="position" value="object"`, "I stand aside",
				"Required if you object", `action="` + d1 + `/close"`}},
		{name: "Decision/NotFound", who: "member", method: "GET", path: b + "/999999", wantStatus: 404},
		{name: "Vote/ErrObjectionNoReason", who: "dvoter", method: "POST", path: d1 + "/vote", form: scForm{"position": {"object"}},
			wantStatus: 422, wantContains: []string{"An objection needs a reason", `id="reason-error"`, `value="object" checked`},
			check: dpTurnout(1, 0)},
		{name: "Vote/ErrNoPosition", who: "dvoter", method: "POST", path: d1 + "/vote", form: scForm{}, wantStatus: 422,
			wantContains: []string{"Choose your answer.", `id="choice-error"`, `href="#choice"`}, check: dpTurnout(1, 0)},
		{name: "Vote/ObserverForbidden", who: "observer", method: "POST", path: d1 + "/vote", form: scForm{"position": {"consent"}},
			wantStatus: 403, check: dpTurnout(1, 0)},
		{name: "Vote/Consent", who: "steward", method: "POST", path: d1 + "/vote", form: scForm{"position": {"consent"}},
			wantStatus: 303, wantLocation: d1, check: dpTurnout(1, 1)},
		{name: "Vote/Object", who: "dvoter", method: "POST", path: d1 + "/vote",
			form:       scForm{"position": {"object"}, "reason": {"The hall is listed; its colour needs consent from the council."}},
			wantStatus: 303, wantLocation: d1, check: func(t *testing.T, f *scFixture, br *scBrowser) {
				dpTurnout(1, 2)(t, f, br)
				scThen(d1, 200, "Your vote is counted.", "Change your vote", `value="object" checked`,
					"The hall is listed;")(t, f, br)
			}},
		{name: "Close/OtherForbidden", who: "dvoter", method: "POST", path: d1 + "/close", wantStatus: 403},
		{name: "Close/OK", who: "member", method: "POST", path: d1 + "/close", wantStatus: 303, wantLocation: d1,
			check: scThen(d1, 200, "Voting is closed and the result is counted.", "Blocked by an objection",
				"<strong>Dee Voter</strong>: The hall is listed; its colour needs consent from the council.", "Record the outcome")},
		{name: "Vote/ErrClosed", who: "member", method: "POST", path: d1 + "/vote", form: scForm{"position": {"consent"}},
			wantStatus: 409, wantContains: []string{"Voting closed on"}, check: dpTurnout(1, 2)},
		{name: "Outcome/ErrReview", who: "member", method: "POST", path: d1 + "/outcome",
			form:       scForm{"statement": {"Not repainted: the council must agree first."}, "review_on": {"soon"}},
			wantStatus: 422, wantContains: []string{"Give the review date as YYYY-MM-DD.", `id="review_on-error"`,
				"Not repainted: the council must agree first."}},
		{name: "Outcome/OK", who: "member", method: "POST", path: d1 + "/outcome",
			form:       scForm{"statement": {"Not repainted: the council must agree first."}, "review_on": {now.AddDate(0, 1, 0).Format(time.DateOnly)}},
			wantStatus: 303, wantLocation: d1},
		{name: "Log/Listed", who: "dvoter", method: "GET", path: b + "/log?q=council", wantStatus: 200,
			wantContains: []string{"<h1>Decision log</h1>", "Not repainted: the council must agree first.", "Consent",
				`href="` + b + `/log.csv?q=council"`}},
		{name: "Log/CSV", who: "member", method: "GET", path: b + "/log.csv", wantStatus: 200,
			wantContains: []string{"Not repainted: the council must agree first."}},
		{name: "OutcomeEdit/Form", who: "member", method: "GET", path: b + "/outcomes/1/edit", wantStatus: 200,
			wantContains: []string{"<h1>Change the outcome</h1>", "Not repainted"}},
		{name: "OutcomeEdit/Err", who: "member", method: "POST", path: b + "/outcomes/1/edit", form: scForm{"statement": {""}},
			wantStatus: 422, wantContains: []string{"Say what was decided", `id="statement-error"`}},
		{name: "OutcomeEdit/OK", who: "member", method: "POST", path: b + "/outcomes/1/edit",
			form: scForm{"statement": {"Not repainted until the council agrees."}}, wantStatus: 303, wantLocation: b + "/log",
			check: scThen(b+"/log", 200, "The outcome is changed.", "Not repainted until the council agrees.")},
		{name: "Withdraw/OtherForbidden", who: "dvoter", method: "POST", path: p1 + "/withdraw", wantStatus: 403},
		{name: "Withdraw/Decided", who: "member", method: "POST", path: p1 + "/withdraw", wantStatus: 409,
			wantContains: []string{"This proposal has been decided"}},
		{name: "Decisions/Unknown", who: "member", method: "POST", path: d1 + "/explode", wantStatus: 404},
		{name: "Power/Page", who: "dvoter", method: "GET", path: b + "/power", wantStatus: 200,
			wantContains: []string{"<h1>Decision power</h1>", "Half of all proposals came from 1 of", "Mo Member",
				"Ballots in anonymous decisions are not counted here", "A month's votes include people who have since left."}},
		{name: "Power/OutsiderNotFound", who: "outsider", method: "GET", path: b + "/power", wantStatus: 404},
	}
}
