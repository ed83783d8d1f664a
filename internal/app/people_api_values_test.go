package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"commonground/internal/people"
)

// paValueScenarios: the vocabulary, the overview, prompts and answers,
// groupings, and the CSV export and import routes, on what paSeed wrote
// and the people scenarios changed (Sam ranks Fairness then Learning).
func paValueScenarios(f *apiFixture) []apiScenario {
	c := "/api/v1/collectives/" + scA
	mo := f.mid[scA+"/member"]
	// The ids the scenarios will make: the value proposed next follows the
	// starter vocabulary paSeed wrote; the prompt is the first.
	var last int64
	if err := f.app.DB.Get(context.Background(), &last, "SELECT max(id) FROM value_terms"); err != nil {
		panic(err)
	}
	value := fmt.Sprintf("%s/values/%d", c, last+1)
	const prompt = "/prompts/1"
	return []apiScenario{
		{name: "Vocabulary/Member", who: "member-read", method: "GET", path: c + "/values", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				names := paNames(paJSON(t, ans))
				if len(names) < 30 || !strings.Contains(strings.Join(names, ","), "Fairness") {
					t.Errorf("%d values: %v", len(names), names)
				}
			}},
		{name: "Vocabulary/ErrStatus", who: "member", method: "GET", path: c + "/values?status=gone", wantStatus: 422,
			want: map[string]any{"field": "status"}},
		{name: "Vocabulary/ErrOutsider", who: "outsider", method: "GET", path: c + "/values", wantStatus: 404},
		{name: "ValuePropose/ErrObserver", who: "observer", method: "POST", path: c + "/values", body: `{"name": "Playfulness"}`,
			wantStatus: 403, check: paUnchanged},
		{name: "ValuePropose/ErrNoName", who: "member", method: "POST", path: c + "/values", body: `{"name": "  "}`, wantStatus: 422,
			want: map[string]any{"field": "name"}, check: paUnchanged},
		{name: "ValuePropose/ErrTaken", who: "member", method: "POST", path: c + "/values", body: `{"name": "fairness"}`, wantStatus: 409,
			want: map[string]any{"field": "name"}, check: paUnchanged},
		{name: "ValuePropose/Member", who: "member", method: "POST", path: c + "/values",
			body: `{"name": "Playfulness", "description": "Work can be fun."}`, wantStatus: 201,
			want:  map[string]any{"id": last + 1, "name": "Playfulness", "status": "proposed", "proposed_by": "Mo Member", "people": 0},
			check: paWrote},
		// An unreviewed proposal is the stewards' and Mo's news, not everyone's.
		{name: "ValueProposal/NotInObserversActivity", who: "observer", method: "GET", path: c + "/activity?limit=200", wantStatus: 200,
			check: paNoLeak("Playfulness")},
		{name: "ValueProposal/InStewardsActivity", who: "steward", method: "GET", path: c + "/activity?limit=200", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if !strings.Contains(string(ans.body), "Mo Member proposed the value Playfulness") {
					t.Errorf("no proposal in the stewards' activity:\n%s", ans.body)
				}
			}},
		{name: "Vocabulary/ProposedForStewards", who: "steward", method: "GET", path: c + "/values?status=proposed", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.name": "Playfulness"}},
		{name: "Vocabulary/OthersProposalsHidden", who: "observer", method: "GET", path: c + "/values?status=proposed", wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "ValuePropose/ErrPendingNamesNobody", who: "member", method: "POST", path: c + "/values", body: `{"name": "PLAYFULNESS"}`,
			wantStatus: 409, want: map[string]any{"field": "name",
				"detail": `You have already proposed "Playfulness" in Riverside Coalition; it is waiting for a steward.`}, check: paUnchanged},
		{name: "ValuePatch/ErrMember", who: "member", method: "PATCH", path: value, body: `{"status": "active"}`, wantStatus: 403, check: paUnchanged},
		{name: "ValuePatch/ErrRetireProposed", who: "steward", method: "PATCH", path: value, body: `{"name": "Play", "status": "retired"}`, wantStatus: 409,
			check: paUnchanged},
		{name: "ValuePatch/ErrStatusWord", who: "steward", method: "PATCH", path: value, body: `{"status": "gone"}`, wantStatus: 422,
			want: map[string]any{"field": "status"}, check: paUnchanged},
		{name: "ValuePatch/ErrNameTaken", who: "steward", method: "PATCH", path: value, body: `{"name": "Care", "status": "active"}`, wantStatus: 409,
			check: paUnchanged},
		{name: "ValuePatch/Approve", who: "steward", method: "PATCH", path: value, body: `{"status": "active", "description": "Joy in the work."}`,
			wantStatus: 200, want: map[string]any{"name": "Playfulness", "status": "active", "description": "Joy in the work."}, check: paWrote},
		{name: "ValuePatch/RenameAndRetire", who: "steward", method: "PATCH", path: value, body: `{"name": "Play", "status": "retired"}`, wantStatus: 200,
			want: map[string]any{"name": "Play", "status": "retired", "description": "Joy in the work."}, check: paWrote},
		{name: "ValuePatch/ErrDeclineRetired", who: "steward", method: "PATCH", path: value, body: `{"status": "declined"}`, wantStatus: 409, check: paUnchanged},
		{name: "ValuePatch/ErrMissing", who: "steward", method: "PATCH", path: c + "/values/999999", body: `{"status": "active"}`, wantStatus: 404,
			check: paUnchanged},
		{name: "ValuesOverview/Member", who: "member", method: "GET", path: c + "/values/overview", wantStatus: 200,
			want: map[string]any{"people": 2, "terms.#": 2, "terms.0.name": "Fairness", "terms.0.people": 2, "terms.0.score": 20,
				"terms.0.top_three": 2, "terms.0.share": 1, "terms.1.name": "Learning"}},
		{name: "ValuesOverview/Observer", who: "observer", method: "GET", path: c + "/values/overview", wantStatus: 200,
			want: map[string]any{"people": 3, "terms.0.name": "Fairness", "terms.0.people": 3, "terms.#": 3}},

		{name: "PromptCreate/ErrMember", who: "member", method: "POST", path: c + "/prompts",
			body: `{"kind": "background", "question": "Where are you from?"}`, wantStatus: 403, check: paUnchanged},
		{name: "PromptCreate/ErrNoOpening", who: "steward", method: "POST", path: c + "/prompts",
			body: `{"kind": "periodic", "question": "A tradition from my family"}`, wantStatus: 422, want: map[string]any{"field": "opens_on"},
			check: paUnchanged},
		{name: "PromptCreate/ErrKind", who: "steward", method: "POST", path: c + "/prompts", body: `{"kind": "weekly", "question": "Hi?"}`,
			wantStatus: 422, want: map[string]any{"field": "kind"}, check: paUnchanged},
		{name: "PromptCreate/Steward", who: "steward", method: "POST", path: c + "/prompts",
			body: `{"kind": "periodic", "question": "A tradition from my family I bring to work", "opens_on": "2020-01-01"}`, wantStatus: 201,
			want:  map[string]any{"id": 1, "kind": "periodic", "opens_on": "2020-01-01", "closes_on": "", "archived": false, "answers": 0},
			check: paWrote},
		{name: "Prompts/Member", who: "member", method: "GET", path: c + "/prompts", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.question": "A tradition from my family I bring to work"}},
		{name: "Prompts/ErrArchivedWord", who: "member", method: "GET", path: c + "/prompts?archived=maybe", wantStatus: 422,
			want: map[string]any{"field": "archived"}},
		{name: "Answer/ErrVisibility", who: "member", method: "PUT", path: c + prompt + "/answer", body: `{"text": "Sunday lunch", "visibility": "friends"}`,
			wantStatus: 422, want: map[string]any{"field": "visibility"}, check: paUnchanged},
		{name: "Answer/ErrOutsider", who: "outsider", method: "PUT", path: c + prompt + "/answer", body: `{"text": "Hello"}`, wantStatus: 404, check: paUnchanged},
		{name: "Answer/Member", who: "member", method: "PUT", path: c + prompt + "/answer", body: `{"text": "Sunday lunch with everyone", "visibility": "me"}`,
			wantStatus: 200, want: map[string]any{"text": "Sunday lunch with everyone", "visibility": "me", "kind": "periodic"}, check: paWrote},
		{name: "Answer/ShownToHimself", who: "member", method: "GET", path: c + "/people/me", wantStatus: 200,
			want: map[string]any{"answers.#": 1, "answers.0.text": "Sunday lunch with everyone"}},
		{name: "Answer/HiddenFromStewards", who: "steward", method: "GET", path: fmt.Sprintf("%s/people/%d", c, mo), wantStatus: 200,
			want: map[string]any{"answers": apiAbsent}, check: paNoLeak("Sunday lunch")},
		{name: "PromptPatch/ErrMember", who: "member", method: "PATCH", path: c + prompt, body: `{"archived": true}`, wantStatus: 403, check: paUnchanged},
		{name: "PromptPatch/ErrDate", who: "steward", method: "PATCH", path: c + prompt, body: `{"closes_on": "2019-01-01"}`, wantStatus: 422,
			want: map[string]any{"field": "closes_on"}, check: paUnchanged},
		// Mo answered it: his words stay under the question he answered.
		{name: "PromptPatch/ErrQuestionAnswered", who: "steward", method: "PATCH", path: c + prompt, body: `{"question": "A family tradition", "archived": true}`,
			wantStatus: 409, want: map[string]any{"field": "question"}, check: paUnchanged},
		{name: "Prompts/AnsweredForStewards", who: "steward", method: "GET", path: c + "/prompts", wantStatus: 200,
			want: map[string]any{"items.0.answered": true, "items.0.answers": 0}},
		{name: "Prompts/AnsweredNotForMembers", who: "observer", method: "GET", path: c + "/prompts", wantStatus: 200,
			want: map[string]any{"items.0.answered": false}},
		{name: "PromptPatch/Archive", who: "steward", method: "PATCH", path: c + prompt, body: `{"closes_on": "2099-12-31", "archived": true}`,
			wantStatus: 200, want: map[string]any{"question": "A tradition from my family I bring to work", "archived": true,
				"opens_on": "2020-01-01", "closes_on": "2099-12-31"}, check: paWrote},
		{name: "Prompts/WithArchived", who: "member", method: "GET", path: c + "/prompts?archived=true", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.archived": true}},
		{name: "Answer/ErrClosed", who: "member", method: "PUT", path: c + prompt + "/answer", body: `{"text": "Changed my mind"}`, wantStatus: 409, check: paUnchanged},
		{name: "Answer/Remove", who: "member", method: "PUT", path: c + prompt + "/answer", body: `{"text": ""}`, wantStatus: 204, check: paWrote},

		{name: "Groupings/ErrMember", who: "member", method: "GET", path: c + "/groupings", wantStatus: 403},
		{name: "Groupings/Empty", who: "steward", method: "GET", path: c + "/groupings", wantStatus: 200, want: map[string]any{"items.#": 0}},
		{name: "GroupingStart/ErrMember", who: "member", method: "POST", path: c + "/groupings", wantStatus: 403, check: paUnchanged},
		{name: "GroupingStart/ErrReadToken", who: "steward-read", method: "POST", path: c + "/groupings", wantStatus: 403, check: paUnchanged},
		{name: "GroupingStart/Steward", who: "steward", method: "POST", path: c + "/groupings", wantStatus: 202,
			want: map[string]any{"status": "queued", "requested_by": "Sam Steward", "group_count": 0},
			check: paAll(paWrote, func(t *testing.T, f *apiFixture, ans apiAnswer) {
				doc := paJSON(t, ans)
				if job := fmt.Sprint(doc["job"]); job != fmt.Sprintf("/api/v1/jobs/%v", doc["job_id"]) {
					t.Errorf("job %s for job_id %v", job, doc["job_id"])
				}
				if loc := ans.res.Header.Get("Location"); loc != fmt.Sprintf("%s/groupings/%v", c, doc["id"]) {
					t.Errorf("Location %q", loc)
				}
			})},
		{name: "GroupingStart/ErrBusy", who: "steward", method: "POST", path: c + "/groupings", wantStatus: 409, check: paUnchanged},
		{name: "Grouping/Queued", who: "steward", method: "GET", path: c + "/groupings/1", wantStatus: 200,
			want: map[string]any{"status": "queued", "busy": true, "groups.#": 0},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				// The scenarios run no job queue: work the run here, as the
				// queue would.
				w := &people.GroupingWorker{S: f.app.People}
				if err := w.Work(context.Background(), &river.Job[people.GroupingArgs]{Args: people.GroupingArgs{RunID: 1}}); err != nil {
					t.Fatal(err)
				}
				paDigests[f] = paDigest(t, f.app.DB)
			}},
		{name: "Grouping/Done", who: "steward-read", method: "GET", path: c + "/groupings/1", wantStatus: 200,
			want: map[string]any{"status": "done", "busy": false, "people": 2, "id": 1, "group_count": 0}},
		{name: "Groupings/One", who: "steward", method: "GET", path: c + "/groupings", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.status": "done"}},
		{name: "Grouping/ErrMember", who: "member", method: "GET", path: c + "/groupings/1", wantStatus: 403},
		{name: "Grouping/ErrMissing", who: "steward", method: "GET", path: c + "/groupings/999999", wantStatus: 404},
		{name: "GroupMembers/ErrMember", who: "member", method: "GET", path: c + "/groupings/1/groups/1/members", wantStatus: 403},
		// Two people with values make no group of three.
		{name: "GroupMembers/ErrNoGroup", who: "steward", method: "GET", path: c + "/groupings/1/groups/1/members", wantStatus: 404},
		{name: "GroupMembers/HiddenNotShown", who: "steward", method: "GET", path: c + "/groupings", wantStatus: 200, check: paGroupRun},
		{name: "GroupMembers/ErrCursor", who: "steward", method: "GET", path: c + "/groupings/1/groups/1/members?cursor=nonsense", wantStatus: 422,
			want: map[string]any{"field": "cursor"}},

		{name: "Export/Member", who: "member", method: "GET", path: c + "/people.csv", wantStatus: 200,
			check: paAll(paNoLeak(paOlaOrg, paStewardsBio, "Care"), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				body := string(ans.body)
				if !strings.HasPrefix(body, "name,pronouns,organisation,department,role_title,skills,offers,needs,values\n") ||
					!strings.Contains(body, "Mo,he/him,Riverside Food Bank,"+paSecretDept+",,grant writing,grant writing,data analysis,Fairness; Learning\n") {
					t.Errorf("export:\n%s", body)
				}
			})},
		{name: "Export/StewardSeesNoOnlyMe", who: "steward", method: "GET", path: c + "/people.csv", wantStatus: 200,
			check: paNoLeak(paOlaOrg, paSecretDept, "Care")},
		{name: "Export/ErrOutsider", who: "outsider", method: "GET", path: c + "/people.csv", wantStatus: 404},
		{name: "Export/ErrNotMember", who: "outsider", method: "GET", path: "/api/v1/collectives/" + scP + "/people.csv", wantStatus: 403},
		{name: "Import/ErrNotCSV", who: "steward", method: "POST", path: c + "/people/import", body: `{"email": "member@example.org"}`,
			wantStatus: 422, want: map[string]any{"field": "file"}, check: paUnchanged},
	}
}
