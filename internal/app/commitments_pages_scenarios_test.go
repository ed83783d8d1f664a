package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/commitment"
)

func init() { scMoreScenarios = append(scMoreScenarios, cpScenarios) }

// cpGet reads commitment id of collective A through the service, as the
// steward.
func cpGet(t *testing.T, f *scFixture, id int64) *commitment.Commitment {
	t.Helper()
	sctx, a := f.stewardAccess(t, scA)
	c, err := f.app.Commitments.Get(sctx, a, id)
	if err != nil {
		t.Fatalf("commitment %d: %v", id, err)
	}
	return c
}

// cpState fails unless commitment id is in state at version: a refusal
// must leave it as it was.
func cpState(id int64, state commitment.State, version int64) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if c := cpGet(t, f, id); c.State != state || c.Version != version {
			t.Fatalf("commitment %d is %s at version %d, want %s at %d", id, c.State, c.Version, state, version)
		}
	}
}

// cpScenarios walk the commitment pages of collective A in order: Mo
// Member promises Sam Steward to drive the van (commitment 1, the first of
// the database: no scenario before these makes one), Sam accepts, Mo marks
// it done, Sam confirms it kept, and the ledgers show it; refusals on the
// way leave it unchanged. Then a request Sam makes that Mo answers
// (commitment 2), a promise to the whole collective (3), Mo's part and the
// stewards' distribution. They make their data through the forms as they
// run, after the activity scenarios, whose counts they would otherwise move.
func cpScenarios(f *scFixture) []scScenario {
	c := "/c/" + scA
	b := c + "/commitments"
	now := f.app.DB.Now().UTC()
	tomorrow, yesterday := now.AddDate(0, 0, 1).Format(time.DateOnly), now.AddDate(0, 0, -1).Format(time.DateOnly)
	mo, sam := f.mid[scA+"/member"], f.mid[scA+"/steward"]
	foodBank := f.org["Riverside Food Bank"]
	id := func(n int64) string { return fmt.Sprint(n) }
	promise := func(extra scForm) scForm {
		form := scForm{"what": {"Drive the van on Saturday"}, "kind": {"do"}, "recipient_kind": {"member"},
			"recipient_member_id": {id(sam)}, "size_unit": {"hours"}, "size": {"2.5"}, "due_on": {tomorrow}}
		for k, v := range extra {
			form[k] = v
		}
		return form
	}
	act := func(n int64, action string, version int64) scForm {
		return scForm{"version": {id(version)}, "note": {"from the " + action + " scenario"}}
	}
	one := b + "/1"
	const (
		notFound  = "We could not find that page, or it is not visible to you."
		observers = "Observers can read but not change anything."
	)
	return []scScenario{
		// The board and the form, before any commitment.
		{name: "CommitmentsBoard/Empty", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{"<h1>Commitments</h1>", `href="` + b + `/new"`, "Commitments by goal and state", "None yet."}},
		{name: "CommitmentsBoard/AnonymousSignsIn", who: "anonymous", method: "GET", path: b, wantStatus: 303, wantLocation: scSignIn(b)},
		{name: "CommitmentsBoard/OutsiderNotFound", who: "outsider", method: "GET", path: b, wantStatus: 404, wantContains: []string{notFound}},
		{name: "CommitmentsNew/Member", who: "member", method: "GET", path: b + "/new", wantStatus: 200,
			wantContains: []string{"<h1>Make a commitment</h1>", `<option value="` + id(sam) + `">Sam Steward</option>`,
				`<option value="` + id(foodBank) + `">Riverside Food Bank</option>`, `name="due_on"`},
			wantNotContains: []string{`<option value="` + id(mo) + `">Mo Member</option>`}},
		{name: "CommitmentsNew/ObserverForbidden", who: "observer", method: "GET", path: b + "/new", wantStatus: 403, wantContains: []string{observers}},

		// Refusals keep what was typed and name the field.
		{name: "CommitmentCreate/ErrDueInPast", who: "member", method: "POST", path: b, form: promise(scForm{"due_on": {yesterday}}),
			wantStatus: 422, wantContains: []string{"The due date " + yesterday + " is in the past; choose today or later.",
				`value="Drive the van on Saturday"`, `id="due_on-error"`}},
		{name: "CommitmentCreate/ErrNegativeSize", who: "member", method: "POST", path: b, form: promise(scForm{"size": {"-2"}}),
			wantStatus: 422, wantContains: []string{"Give the hours as a number above 0 and up to 10000", `id="size-error"`}},
		{name: "CommitmentCreate/ErrAbsurdSize", who: "member", method: "POST", path: b, form: promise(scForm{"size_unit": {"count"}, "size": {"99999999"}}),
			wantStatus: 422, wantContains: []string{"Give the count as a whole number from 1 to 1000000."}},
		{name: "CommitmentCreate/ErrToSelf", who: "member", method: "POST", path: b, form: promise(scForm{"recipient_member_id": {id(mo)}}),
			wantStatus: 422, wantContains: []string{"You cannot make a promise to yourself; choose someone else.", `id="recipient-error"`}},
		{name: "CommitmentCreate/ErrNoRecipient", who: "member", method: "POST", path: b, form: promise(scForm{"recipient_member_id": {""}}),
			wantStatus: 422, wantContains: []string{"Choose the member you promise to."}},
		{name: "CommitmentCreate/ErrOrgNotMine", who: "steward", method: "POST", path: b,
			form:       promise(scForm{"recipient_member_id": {id(mo)}, "for_org_id": {id(foodBank)}}),
			wantStatus: 422, wantContains: []string{"You can promise only for an organisation you are with."}},
		{name: "CommitmentCreate/ObserverForbidden", who: "observer", method: "POST", path: b, form: promise(nil), wantStatus: 403,
			wantContains: []string{observers}},
		{name: "CommitmentCreate/OK", who: "member", method: "POST", path: b, form: promise(nil), wantStatus: 303, wantLocation: one,
			check: func(t *testing.T, f *scFixture, br *scBrowser) {
				cpState(1, commitment.Proposed, 1)(t, f, br)
				if c := cpGet(t, f, 1); c.SizeAmount != 150 || c.DueOn != tomorrow || c.RecipientName != "Sam Steward" {
					t.Errorf("made %+v", c)
				}
				scThen(one, 200, "Your promise to Sam Steward is made; they are asked to accept it.")(t, f, br)
			}},

		// Each side sees exactly its buttons; the wrong side is refused.
		{name: "Commitment/CommitterSees", who: "member", method: "GET", path: one, wantStatus: 200,
			wantContains:    []string{"<h1>Drive the van on Saturday</h1>", "2.5 hours", "Proposed", `action="` + one + `/withdraw"`, `name="version" value="1"`, "made the promise"},
			wantNotContains: []string{`action="` + one + `/accept"`, `action="` + one + `/confirm"`}},
		{name: "Commitment/RecipientSees", who: "steward", method: "GET", path: one, wantStatus: 200,
			wantContains:    []string{`action="` + one + `/accept"`, `action="` + one + `/decline"`},
			wantNotContains: []string{`action="` + one + `/withdraw"`, `action="` + one + `/mark_done"`}},
		{name: "Commitment/ObserverSeesNoButton", who: "observer", method: "GET", path: one, wantStatus: 200,
			wantContains: []string{"Drive the van on Saturday"}, wantNotContains: []string{`name="version"`}},
		{name: "Commitment/NotFound", who: "member", method: "GET", path: b + "/999999", wantStatus: 404},
		{name: "CommitmentAction/ErrCommitterAccepts", who: "member", method: "POST", path: one + "/accept", form: act(1, "accept", 1),
			wantStatus: 403, wantContains: []string{"Only Sam Steward can accept or decline this promise."}, check: cpState(1, commitment.Proposed, 1)},
		{name: "CommitmentAction/ErrNoVersion", who: "steward", method: "POST", path: one + "/accept", form: scForm{},
			wantStatus: 409, wantContains: []string{"The form did not say which version"}, check: cpState(1, commitment.Proposed, 1)},
		{name: "CommitmentAction/ErrUnknownAction", who: "steward", method: "POST", path: one + "/approve", form: act(1, "approve", 1),
			wantStatus: 422, wantContains: []string{`There is no action &#34;approve&#34;.`}, check: cpState(1, commitment.Proposed, 1)},
		{name: "CommitmentAction/Accept", who: "steward", method: "POST", path: one + "/accept", form: act(1, "accept", 1),
			wantStatus: 303, wantLocation: one, check: cpState(1, commitment.Accepted, 2)},
		{name: "CommitmentAction/ErrStaleVersion", who: "steward", method: "POST", path: one + "/confirm", form: act(1, "confirm", 1),
			wantStatus: 409, wantContains: []string{"This promise changed meanwhile; reload it and try again.", `name="version" value="2"`, "Accepted"},
			check: cpState(1, commitment.Accepted, 2)},
		{name: "CommitmentAction/ErrCommitterConfirms", who: "member", method: "POST", path: one + "/confirm", form: act(1, "confirm", 2),
			wantStatus: 403, wantContains: []string{"Only Sam Steward can say whether this promise was kept."}, check: cpState(1, commitment.Accepted, 2)},
		{name: "CommitmentAction/ObserverForbidden", who: "observer", method: "POST", path: one + "/confirm", form: act(1, "confirm", 2),
			wantStatus: 403, wantContains: []string{observers}, check: cpState(1, commitment.Accepted, 2)},
		{name: "CommitmentAction/MarkDone", who: "member", method: "POST", path: one + "/mark_done", form: act(1, "mark_done", 2),
			wantStatus: 303, wantLocation: one, check: func(t *testing.T, f *scFixture, br *scBrowser) {
				cpState(1, commitment.InProgress, 3)(t, f, br)
				scThen(one, 200, "Marked done; the other side is asked to confirm.", "waiting for confirmation")(t, f, br)
			}},
		{name: "CommitmentsMine/RecipientToConfirm", who: "steward", method: "GET", path: b + "/mine", wantStatus: 200,
			wantContains: []string{"<h1>My commitments</h1>", "Waiting for your answer", "Drive the van on Saturday", "marked done, waiting for confirmation"}},
		{name: "CommitmentsMine/ObserverHasNone", who: "observer", method: "GET", path: b + "/mine", wantStatus: 200,
			wantContains: []string{"Nothing to do"}},
		{name: "CommitmentsMine/OutsiderNotFound", who: "outsider", method: "GET", path: b + "/mine", wantStatus: 404},
		{name: "CommitmentAction/Confirm", who: "steward", method: "POST", path: one + "/confirm", form: act(1, "confirm", 3),
			wantStatus: 303, wantLocation: one, check: cpState(1, commitment.Kept, 4)},
		{name: "CommitmentAction/ErrAlreadyKept", who: "member", method: "POST", path: one + "/release", form: act(1, "release", 4),
			wantStatus: 409, wantContains: []string{"This promise is already kept; it can no longer change."}, check: cpState(1, commitment.Kept, 4)},
		{name: "Commitment/KeptHistory", who: "member", method: "GET", path: one, wantStatus: 200,
			wantContains:    []string{"Kept on time", "confirmed it kept", "from the confirm scenario", "marked it done"},
			wantNotContains: []string{`name="version"`}},
		{name: "CommitmentsBoard/Counts", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{`<li><strong>1</strong> <a href="` + b + `?state=kept">Kept</a></li>`, "Drive the van on Saturday"}},
		{name: "CommitmentsBoard/FilterKept", who: "member", method: "GET", path: b + "?state=kept", wantStatus: 200,
			wantContains: []string{"Matching commitments", "Drive the van on Saturday"}},
		{name: "CommitmentsBoard/FilterProposedEmpty", who: "member", method: "GET", path: b + "?state=proposed", wantStatus: 200,
			wantContains: []string{"No commitments match."}},
		{name: "CommitmentsBoard/ErrBadState", who: "member", method: "GET", path: b + "?state=lost", wantStatus: 422,
			wantContains: []string{"Choose a state: proposed, accepted, in_progress, kept, not_kept or released."}},

		// The ledgers count it: given by Mo, received by Sam, never netted.
		{name: "Ledger/Giver", who: "member", method: "GET", path: c + "/ledger/members/" + id(mo), wantStatus: 200,
			wantContains: []string{"<h1>My ledger</h1>", "<td>1</td><td>0</td>", "<td>2.5 hours</td><td>0</td>",
				"<strong>100%</strong> fulfilment rate", "<strong>100%</strong> kept on time", "Edit my part", "data as a table"}},
		{name: "Ledger/Receiver", who: "member", method: "GET", path: c + "/ledger/members/" + id(sam), wantStatus: 200,
			wantContains:    []string{"<h1>Ledger of Sam Steward</h1>", "<td>0</td><td>1</td>", "<td>0</td><td>2.5 hours</td>", "<strong>–</strong> fulfilment rate"},
			wantNotContains: []string{"Edit my part"}},
		{name: "Ledger/Organisation", who: "member", method: "GET", path: c + "/ledger/organisations/" + id(foodBank), wantStatus: 200,
			wantContains: []string{"<h1>Ledger of Riverside Food Bank</h1>"}},
		{name: "Ledger/OrganisationNotFound", who: "member", method: "GET", path: c + "/ledger/organisations/999999", wantStatus: 404},
		{name: "Ledger/OutsiderNotFound", who: "outsider", method: "GET", path: c + "/ledger/members/" + id(mo), wantStatus: 404},
		{name: "Distribution/Steward", who: "steward", method: "GET", path: c + "/ledger", wantStatus: 200,
			wantContains: []string{"<h1>How contribution is spread</h1>", "Mo Member", "Given more than received"}},
		{name: "Distribution/FilterNotYetGiven", who: "steward", method: "GET", path: c + "/ledger?filter=never_contributed&sort=name", wantStatus: 200,
			wantContains: []string{"Sam Steward"}, wantNotContains: []string{`">Mo Member</a>`}},
		{name: "Distribution/ErrSort", who: "steward", method: "GET", path: c + "/ledger?sort=worst", wantStatus: 422,
			wantContains: []string{"Sort by given, received, made or name."}},
		{name: "Distribution/MemberForbidden", who: "member", method: "GET", path: c + "/ledger", wantStatus: 403,
			wantContains: []string{"Only stewards of Riverside Coalition can see how giving and receiving are spread."}},

		// A request, answered by a commitment to the one who asked.
		{name: "RequestsNew/Member", who: "steward", method: "GET", path: c + "/requests/new", wantStatus: 200,
			wantContains: []string{"<h1>Ask for help</h1>"}},
		{name: "RequestCreate/ErrWhat", who: "steward", method: "POST", path: c + "/requests", form: scForm{"what": {" "}, "kind": {"introduce"}},
			wantStatus: 422, wantContains: []string{"Say what you need, in 1 to 500 characters."}},
		{name: "RequestCreate/OK", who: "steward", method: "POST", path: c + "/requests",
			form: scForm{"what": {"I need an introduction to the county health office"}, "kind": {"introduce"}}, wantStatus: 303,
			wantLocation: c + "/requests/1"},
		{name: "Requests/List", who: "member", method: "GET", path: c + "/requests", wantStatus: 200,
			wantContains: []string{"I need an introduction to the county health office", "Asked by Sam Steward", "0 answers"}},
		{name: "Request/AskerCannotAnswer", who: "steward", method: "GET", path: c + "/requests/1", wantStatus: 200,
			wantContains: []string{"Close the request", "Nobody has answered yet."}, wantNotContains: []string{"Commit to this"}},
		{name: "CommitmentsNew/AnswerRequest", who: "member", method: "GET", path: b + "/new?request=1", wantStatus: 200,
			wantContains: []string{"You are answering the request of", `name="request_id" value="1"`}, wantNotContains: []string{`name="recipient_kind"`}},
		{name: "CommitmentCreate/AnswerRequest", who: "member", method: "POST", path: b,
			form:       scForm{"what": {"Introduce Sam to Dr Patel"}, "kind": {"introduce"}, "request_id": {"1"}, "due_on": {tomorrow}},
			wantStatus: 303, wantLocation: b + "/2", check: func(t *testing.T, f *scFixture, br *scBrowser) {
				if c := cpGet(t, f, 2); c.RecipientMemberID == nil || *c.RecipientMemberID != sam || c.RequestID == nil || *c.RequestID != 1 {
					t.Errorf("the answer is %+v", c)
				}
				scThen(c+"/requests/1", 200, "Introduce Sam to Dr Patel", "Commit to this")(t, f, br)
			}},
		{name: "RequestClose/ErrNotAsker", who: "member", method: "POST", path: c + "/requests/1/close", wantStatus: 403,
			wantContains: []string{"Only the member who asked or a steward can close this request."}},
		{name: "RequestClose/OK", who: "steward", method: "POST", path: c + "/requests/1/close", wantStatus: 303, wantLocation: c + "/requests/1",
			check: scThen(c+"/requests?status=closed", 200, "I need an introduction to the county health office", "1 answer")},
		{name: "CommitmentCreate/ErrRequestClosed", who: "member", method: "POST", path: b,
			form: scForm{"what": {"Another introduction"}, "kind": {"introduce"}, "request_id": {"1"}}, wantStatus: 422,
			wantContains: []string{"That request is closed; it can no longer be answered."}},
		{name: "Request/NotFound", who: "member", method: "GET", path: c + "/requests/999999", wantStatus: 404},

		// A promise to the whole collective: a steward answers for it.
		{name: "CommitmentCreate/ToCollective", who: "member", method: "POST", path: b,
			form:       scForm{"what": {"Bring three volunteers"}, "kind": {"show_up"}, "recipient_kind": {"collective"}, "size_unit": {"count"}, "size": {"3"}},
			wantStatus: 303, wantLocation: b + "/3", check: scThen(b+"/3", 200, "the whole collective; its stewards answer for it")},
		{name: "Commitment/Labels", who: "member", method: "GET", path: b + "/3", wantStatus: 200,
			wantContains: []string{`<span class="badge">Proposed</span>`, "<dd>Show up</dd>"}, wantNotContains: []string{"<dd>show_up</dd>"}},
		{name: "Commitment/StewardAnswersForCollective", who: "steward", method: "GET", path: b + "/3", wantStatus: 200,
			wantContains: []string{`action="` + b + `/3/accept"`}},
		{name: "CommitmentAction/DeclineForCollective", who: "steward", method: "POST", path: b + "/3/decline", form: act(3, "decline", 1),
			wantStatus: 303, wantLocation: b + "/3", check: cpState(3, commitment.Released, 2)},

		// A promise to an organisation: its members answer for it. Then a
		// release asked by one side, taken back, asked again and agreed.
		{name: "CommitmentCreate/ToOrganisation", who: "steward", method: "POST", path: b,
			form:       scForm{"what": {"Lend the hall for the pantry"}, "kind": {"give"}, "recipient_kind": {"organisation"}, "recipient_org_id": {id(foodBank)}},
			wantStatus: 303, wantLocation: b + "/4"},
		{name: "Commitment/OrgMemberAnswers", who: "member", method: "GET", path: b + "/4", wantStatus: 200,
			wantContains: []string{`action="` + b + `/4/accept"`}, wantNotContains: []string{`action="` + b + `/4/withdraw"`}},
		{name: "CommitmentAction/OrgMemberAccepts", who: "member", method: "POST", path: b + "/4/accept", form: act(4, "accept", 1),
			wantStatus: 303, wantLocation: b + "/4", check: cpState(4, commitment.Accepted, 2)},
		{name: "CommitmentAction/AskRelease", who: "steward", method: "POST", path: b + "/4/release", form: act(4, "release", 2),
			wantStatus: 303, wantLocation: b + "/4", check: scThen(b+"/4", 200, "You asked to release the promise; the other side is to agree.",
				"Sam Steward asked to release this promise.", "Take back the request to release")},
		{name: "CommitmentAction/ErrAskReleaseTwice", who: "steward", method: "POST", path: b + "/4/release", form: act(4, "release", 3),
			wantStatus: 409, wantContains: []string{"You already asked to release this promise; the other side is to agree."}, check: cpState(4, commitment.Accepted, 3)},
		{name: "CommitmentAction/ErrOtherSideCancels", who: "member", method: "POST", path: b + "/4/cancel_release", form: act(4, "cancel_release", 3),
			wantStatus: 403, wantContains: []string{"Only the side that asked to release this promise can take it back."}, check: cpState(4, commitment.Accepted, 3)},
		{name: "Commitment/OtherSideMayAgree", who: "member", method: "GET", path: b + "/4", wantStatus: 200,
			wantContains: []string{"Agree to release"}, wantNotContains: []string{`action="` + b + `/4/cancel_release"`}},
		{name: "CommitmentAction/CancelRelease", who: "steward", method: "POST", path: b + "/4/cancel_release", form: act(4, "cancel_release", 3),
			wantStatus: 303, wantLocation: b + "/4", check: cpState(4, commitment.Accepted, 4)},
		{name: "CommitmentAction/AskReleaseAgain", who: "steward", method: "POST", path: b + "/4/release", form: act(4, "release", 4),
			wantStatus: 303, wantLocation: b + "/4", check: cpState(4, commitment.Accepted, 5)},
		{name: "CommitmentAction/AgreeRelease", who: "member", method: "POST", path: b + "/4/release", form: act(4, "release", 5),
			wantStatus: 303, wantLocation: b + "/4", check: func(t *testing.T, f *scFixture, br *scBrowser) {
				cpState(4, commitment.Released, 6)(t, f, br)
				scThen(b+"/4", 200, "The promise is released.", "agreed to release it")(t, f, br)
			}},

		// My part, shown on the ledger.
		{name: "MyPart/Form", who: "member", method: "GET", path: b + "/my-part", wantStatus: 200, wantContains: []string{"<h1>My part</h1>"}},
		{name: "MyPart/ObserverForbidden", who: "observer", method: "GET", path: b + "/my-part", wantStatus: 403, wantContains: []string{observers}},
		{name: "MyPart/ErrTooLong", who: "member", method: "POST", path: b + "/my-part",
			form: scForm{"contribute": {strings.Repeat("x", commitment.MaxPart+1)}, "will_change": {"Open on weekday evenings."}}, wantStatus: 422,
			wantContains: []string{"Say how you contribute in at most 4000 characters.", "Open on weekday evenings."}},
		{name: "MyPart/OK", who: "member", method: "POST", path: b + "/my-part",
			form:       scForm{"contribute": {"I keep the pantry to Saturdays."}, "will_change": {"Open on weekday evenings."}},
			wantStatus: 303, wantLocation: c + "/ledger/members/" + id(mo) + "#part",
			check: scThen(c+"/ledger/members/"+id(mo), 200, "Your part is saved.", "I keep the pantry to Saturdays.", "Open on weekday evenings.")},
		{name: "Ledger/OthersSeePart", who: "steward", method: "GET", path: c + "/ledger/members/" + id(mo), wantStatus: 200,
			wantContains: []string{"Their part", "I keep the pantry to Saturdays.", "Make a commitment to Mo Member"}},

		// A state's list pages by id: fifty more proposals (ids 5 to 54) put
		// the answer to the request (2) on the second page.
		{name: "CommitmentsBoard/FiftyMore", who: "member", method: "GET", path: b, wantStatus: 200,
			check: func(t *testing.T, f *scFixture, _ *scBrowser) {
				ctx, a := f.as("member"), f.access(t, "member", scA)
				for i := range 50 {
					if _, err := f.app.Commitments.Create(ctx, a, commitment.Input{What: fmt.Sprintf("Bake loaf %d", i+1), Kind: commitment.Give,
						RecipientKind: commitment.ToMember, RecipientMemberID: sam}); err != nil {
						t.Fatal(err)
					}
				}
			}},
		{name: "CommitmentsBoard/StateFirstPage", who: "member", method: "GET", path: b + "?state=proposed", wantStatus: 200,
			wantContains:    []string{"Bake loaf 50", "Bake loaf 1<", `href="` + b + `?before=5&amp;state=proposed" rel="next">Next page`},
			wantNotContains: []string{"Introduce Sam to Dr Patel", "First page"}},
		{name: "CommitmentsBoard/StateSecondPage", who: "member", method: "GET", path: b + "?state=proposed&before=5", wantStatus: 200,
			wantContains:    []string{"Introduce Sam to Dr Patel", `href="` + b + `?state=proposed">First page`},
			wantNotContains: []string{"Bake loaf", "Next page"}},
		{name: "CommitmentsBoard/ShowsAllLink", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{`<a href="` + b + `?state=proposed">All 51 proposed commitments</a>`}},
	}
}
