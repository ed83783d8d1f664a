package app_test

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/people"
)

// ppProfileForm is the whole profile form as Mo Member sends it, keeping
// his department to himself.
func ppProfileForm(pronouns string) scForm {
	f := scForm{"display_name": {""}, "pronouns": {pronouns}, "organisation": {"Riverside Food Bank"},
		"department": {ppSecretDept}, "role_title": {"Pantry lead"}, "about": {"KEPT-ABOUT: twenty years on the estate."},
		"skills": {"grant writing, first aid"}, "offers": {"grant writing\nvan driving"}, "needs": {"data analysis"}}
	for _, fl := range people.Fields {
		f.Set("vis_"+string(fl), "collectives")
	}
	f.Set("vis_department", "me")
	f.Set("vis_photo", "stewards")
	return f
}

// ppDisplayName fails unless who's stored display name is want.
func ppDisplayName(who, want string) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		var got []string
		if err := f.app.DB.Select(f.as("steward"), &got, "SELECT display_name FROM profiles WHERE user_id = ?", f.user[who].ID); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != want {
			t.Fatalf("%s's display name is %q, want %q", who, got, want)
		}
	}
}

// ppTermID is the id of the value named name in A.
func ppTermID(t *testing.T, f *scFixture, name string) int64 {
	t.Helper()
	sctx := f.as("steward")
	terms, err := f.app.People.Vocabulary(sctx, f.access(t, "steward", scA), "all")
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		if term.Name == name {
			return term.ID
		}
	}
	t.Fatalf("no value %q in %s", name, scA)
	return 0
}

// ppPromptID is the id of A's prompt asking question.
func ppPromptID(t *testing.T, f *scFixture, question string) int64 {
	t.Helper()
	list, err := f.app.People.Prompts(f.as("steward"), f.access(t, "steward", scA), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.Question == question {
			return p.ID
		}
	}
	t.Fatalf("no prompt %q in %s", question, scA)
	return 0
}

// ppReq is a request whose path and form need an id known only once the
// scenarios have run (a proposal, a prompt): id finds it, and %d in path
// and in the form's keys and location is replaced by it.
func ppReq(who, method, path string, id func(*testing.T, *scFixture) int64, form scForm, status int, location string,
	want, notWant []string) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		n := id(t, f)
		sub := func(s string) string {
			if strings.Contains(s, "%d") {
				return fmt.Sprintf(s, n)
			}
			return s
		}
		var fv scForm
		if form != nil {
			fv = scForm{}
			for k, v := range form {
				fv[sub(k)] = v
			}
		}
		res, body := f.jar[who].do(t, method, sub(path), fv, nil, nil)
		if res.StatusCode != status || res.Header.Get("Location") != sub(location) {
			t.Fatalf("%s %s as %s: %d to %q, want %d to %q\n%s", method, sub(path), who, res.StatusCode,
				res.Header.Get("Location"), status, sub(location), body)
		}
		scCheckBody(t, method+" "+sub(path), body, want, notWant)
	}
}

// ppFormScenarios: the profile, photo and values editors, the vocabulary,
// prompts, groupings and the import, with their refusals.
func ppFormScenarios(f *scFixture) []scScenario {
	ids := ppSeed(f)
	c := "/c/" + scA
	pp := c + "/people"
	mo := fmt.Sprintf("%s/%d", pp, ids.member)
	prompt := pp + "/prompts/%d"
	answer := pp + "/me/answers/%d"
	an, av := "answer-%d", "visibility-%d"
	playful := func(t *testing.T, f *scFixture) int64 { return ppTermID(t, f, "Playfulness") }
	quietude := func(t *testing.T, f *scFixture) int64 { return ppTermID(t, f, "Quietude") }
	periodic := func(t *testing.T, f *scFixture) int64 { return ppPromptID(t, f, ppPeriodic) }
	const none = "/999999"
	term := func(id int64) string { return fmt.Sprintf("%s/values/%d", c, id) }
	long := func(n int) string { return strings.Repeat("x", n) }

	notPhoto, notPhotoHead := ppUpload("photo", "notes.txt", []byte("just some words"), nil)
	photo, photoHead := ppUpload("photo", "me.png", ppPNG(), nil)
	badCSV := "email,display_name,values\n" +
		"nobody@example.org,Nobody,\n" +
		"observer@example.org,Ola O,Fairness;No such value\n"
	goodCSV := "email,display_name,values\nobserver@example.org,Ola O,Fairness;Care\n"
	bad, badHead := ppUpload("file", "people.csv", []byte(badCSV), map[string]string{"visibility": "collectives"})
	good, goodHead := ppUpload("file", "people.csv", []byte(goodCSV), map[string]string{"visibility": "collectives"})
	noFile, noFileHead := ppUpload("other", "x.txt", []byte("x"), nil)
	memberCSV, memberCSVHead := ppUpload("file", "people.csv", []byte(goodCSV), nil)
	everyone, everyoneHead := ppUpload("file", "people.csv", []byte(goodCSV), map[string]string{"visibility": "everyone"})
	again, againHead := ppUpload("file", "people.csv", []byte("email,display_name,values\nobserver@example.org,Olga New,Care\n"),
		map[string]string{"visibility": "me"})

	return []scScenario{
		{name: "PeopleEditProfile/Member", who: "member", method: "GET", path: pp + "/me/edit", wantStatus: 200,
			wantContains: []string{`<label for="vis_pronouns">Who may see your pronouns</label>`, ppSecretDept,
				`<option value="me" selected>Only me</option>`, `enctype="multipart/form-data"`, "Remove my photo"}},
		{name: "PeopleEditProfile/Outsider", who: "outsider", method: "GET", path: pp + "/me/edit", wantStatus: 404},
		{name: "PeopleEditProfile/NotAMember", who: "outsider", method: "GET", path: "/c/" + scP + "/people/me/edit", wantStatus: 403,
			wantContains: []string{"Only members of Open Commons can keep a profile here."}},
		{name: "PeopleSaveProfile/TooLong", who: "member", method: "POST", path: pp + "/me", form: ppProfileForm(long(41)), wantStatus: 422,
			wantContains: []string{"Pronouns is 41 characters long; the most is 40.", `href="#pronouns"`, `aria-invalid="true"`, "KEPT-ABOUT"}},
		{name: "PeopleSaveProfile/OK", who: "member", method: "POST", path: pp + "/me", form: ppProfileForm("he/they"), wantStatus: 303,
			wantLocation: mo, check: scAll(scThen(mo, 200, "he/they", "Pantry lead", "van driving", "first aid"),
				scThenAs("steward", mo, 200, []string{"he/they", "Pantry lead"}, []string{ppSecretDept}))},
		{name: "PeopleSaveProfile/Outsider", who: "outsider", method: "POST", path: pp + "/me", form: ppProfileForm("x"), wantStatus: 404},
		{name: "PeopleSaveProfile/Anonymous", who: "anonymous", method: "POST", path: "/c/" + scP + "/people/me", form: ppProfileForm("x"), wantStatus: 401},

		{name: "PeopleUploadPhoto/NotAnImage", who: "member", method: "POST", path: pp + "/me/photo", body: notPhoto, header: notPhotoHead,
			wantStatus: 422, wantContains: []string{"That file is not a photo: upload a JPEG, PNG, GIF or WebP image.", `href="#photo"`}},
		{name: "PeopleUploadPhoto/OK", who: "member", method: "POST", path: pp + "/me/photo", body: photo, header: photoHead,
			wantStatus: 303, wantLocation: pp + "/me/edit#photo-section", check: ppPhoto("", mo+"/photo", true)},
		{name: "PeopleRemovePhoto/OK", who: "member", method: "POST", path: pp + "/me/photo/delete", wantStatus: 303,
			wantLocation: pp + "/me/edit#photo-section", check: ppPhoto("steward", mo+"/photo", false)},
		{name: "PeopleRemovePhoto/Outsider", who: "outsider", method: "POST", path: pp + "/me/photo/delete", wantStatus: 404},

		{name: "PeopleEditValues/Member", who: "member", method: "GET", path: pp + "/me/values", wantStatus: 200,
			wantContains: []string{"Rank 10", `<option selected>Fairness</option>`, "Everyone gets a fair go."}},
		{name: "PeopleEditValues/Outsider", who: "outsider", method: "GET", path: pp + "/me/values", wantStatus: 404},
		{name: "PeopleSaveValues/Unknown", who: "member", method: "POST", path: pp + "/me/values",
			form: scForm{"value1": {"Fairness"}, "why1": {"KEPT-WHY"}, "value2": {"Nonsense"}}, wantStatus: 422,
			wantContains: []string{"Nonsense is not one of Riverside Coalition&#39;s values; propose it first.", `href="#values"`, "KEPT-WHY"}},
		{name: "PeopleSaveValues/Twice", who: "member", method: "POST", path: pp + "/me/values",
			form: scForm{"value1": {"Fairness"}, "value3": {"Fairness"}}, wantStatus: 422, wantContains: []string{"Fairness is in the list twice"}},
		{name: "PeopleSaveValues/OK", who: "member", method: "POST", path: pp + "/me/values",
			form: scForm{"value1": {"Fairness"}, "why1": {"A fair go."}, "value4": {"Care"}}, wantStatus: 303, wantLocation: mo,
			check: scThen(mo, 200, "A fair go.", "Care")},

		{name: "PeopleProposeValue/Member", who: "member", method: "POST", path: c + "/values",
			form: scForm{"name": {"Playfulness"}, "description": {"Room for fun."}}, wantStatus: 303, wantLocation: c + "/values",
			check: scThen(c+"/values", 200, "Thank you: Playfulness is proposed; a steward will review it.")},
		{name: "PeopleValues/Member", who: "member", method: "GET", path: c + "/values", wantStatus: 200,
			wantContains:    []string{"Which values unite us", `role="img"`, "The data as a table", "Propose a value", "Playfulness"},
			wantNotContains: []string{"Approve", "Retire"}},
		{name: "PeopleValues/Steward", who: "steward", method: "GET", path: c + "/values", wantStatus: 200,
			wantContains: []string{"Approve", "Retire", "Add a value", "(proposed by Mo Member)"}},
		{name: "PeopleValues/ObserverNotOthersProposals", who: "observer", method: "GET", path: c + "/values", wantStatus: 200,
			wantNotContains: []string{"Playfulness"}},
		{name: "PeopleValues/Outsider", who: "outsider", method: "GET", path: c + "/values", wantStatus: 404},
		{name: "PeopleValues/Anonymous", who: "anonymous", method: "GET", path: c + "/values", wantStatus: 303, wantLocation: scSignIn(c + "/values")},
		{name: "PeopleProposeValue/Empty", who: "member", method: "POST", path: c + "/values", form: scForm{"name": {" "}, "description": {"KEPT-DESC"}},
			wantStatus: 422, wantContains: []string{"Give the value a name.", "KEPT-DESC"}},
		{name: "PeopleProposeValue/Taken", who: "member", method: "POST", path: c + "/values", form: scForm{"name": {"fairness"}},
			wantStatus: 409, wantContains: []string{`href="#name"`}},
		{name: "PeopleProposeValue/Observer", who: "observer", method: "POST", path: c + "/values", form: scForm{"name": {"Quiet"}},
			wantStatus: 403, wantContains: []string{ppObserversRead}},
		{name: "PeopleReviewValue/Unknown", who: "steward", method: "POST", path: c + "/values" + none + "/review", form: scForm{"decision": {"approve"}},
			wantStatus: 404, check: scAll(
				ppReq("member", "POST", c+"/values/%d/review", playful, scForm{"decision": {"approve"}}, 403, "", []string{ppStewardsOnly}, nil),
				ppReq("steward", "POST", c+"/values/%d/review", playful, scForm{"decision": {"approve"}}, 303, c+"/values", nil, nil),
				scThenAs("member", pp+"/me/values", 200, []string{"<option>Playfulness</option>"}, nil))},
		// A declined proposal: its proposer sees it, a steward can restore it.
		{name: "PeopleProposeValue/Declined", who: "member", method: "POST", path: c + "/values", form: scForm{"name": {"Quietude"}},
			wantStatus: 303, wantLocation: c + "/values", check: scAll(
				ppReq("steward", "POST", c+"/values/%d/review", quietude, scForm{"decision": {"decline"}}, 303, c+"/values", nil, nil),
				scThenAs("member", c+"/values", 200, []string{"Your proposals a steward declined", "<strong>Quietude</strong>"},
					[]string{"Restore<span class=\"visually-hidden\"> Quietude"}),
				scThenAs("observer", c+"/values", 200, nil, []string{"Quietude", "declined"}),
				scThenAs("steward", c+"/values", 200, []string{"<h3>Declined</h3>", "Restore<span class=\"visually-hidden\"> Quietude"}, nil),
				ppReq("steward", "POST", c+"/values/%d/status", quietude, scForm{"status": {"active"}}, 303, c+"/values", nil, nil),
				scThenAs("member", pp+"/me/values", 200, []string{"<option>Quietude</option>"}, nil))},
		{name: "PeopleUpdateValue/Rename", who: "steward", method: "POST", path: term(ids.simplicity),
			form:       scForm{"term": {fmt.Sprint(ids.simplicity)}, fmt.Sprintf("name-%d", ids.simplicity): {"Simplicity and clarity"}},
			wantStatus: 303, wantLocation: c + "/values", check: scThen(c+"/values", 200, "Simplicity and clarity")},
		{name: "PeopleUpdateValue/Empty", who: "steward", method: "POST", path: term(ids.simplicity),
			form:       scForm{"term": {fmt.Sprint(ids.simplicity)}, fmt.Sprintf("name-%d", ids.simplicity): {""}},
			wantStatus: 422, wantContains: []string{"Give the value a name.", fmt.Sprintf(`href="#name-%d"`, ids.simplicity), "<details open>"}},
		{name: "PeopleUpdateValue/Member", who: "member", method: "POST", path: term(ids.simplicity),
			form: scForm{fmt.Sprintf("name-%d", ids.simplicity): {"Mine"}}, wantStatus: 403},
		{name: "PeopleValueStatus/Retire", who: "steward", method: "POST", path: term(ids.gratitude) + "/status", form: scForm{"status": {"retired"}},
			wantStatus: 303, wantLocation: c + "/values", check: scThenAs("member", pp+"/me/values", 200, nil, []string{"<option>Gratitude</option>"})},
		{name: "PeopleValueStatus/Member", who: "member", method: "POST", path: term(ids.gratitude) + "/status", form: scForm{"status": {"active"}},
			wantStatus: 403},

		{name: "PeopleCreatePrompt/NoQuestion", who: "steward", method: "POST", path: pp + "/prompts", form: scForm{"kind": {"background"}, "question": {""}},
			wantStatus: 422, wantContains: []string{"Write the question."},
			check: scAll(mpPost(pp+"/prompts", scForm{"kind": {"periodic"}, "question": {ppPeriodic}, "opens_on": {"2020-01-01"}},
				pp+"/prompts#prompt-", "The prompt is added.", ppPeriodic),
				mpPost(pp+"/prompts", scForm{"kind": {"background"}, "question": {"What do you bring?"}}, pp+"/prompts#prompt-", "What do you bring?"))},
		{name: "PeopleCreatePrompt/Member", who: "member", method: "POST", path: pp + "/prompts", form: scForm{"kind": {"background"}, "question": {"Q?"}},
			wantStatus: 403, wantContains: []string{ppStewardsOnly}},
		{name: "PeoplePrompts/Member", who: "member", method: "GET", path: pp + "/prompts", wantStatus: 200,
			wantContains: []string{ppPeriodic, "Save my answer", "Who may see this answer"}, wantNotContains: []string{"Ask a new question"}},
		{name: "PeoplePrompts/Steward", who: "steward", method: "GET", path: pp + "/prompts", wantStatus: 200, wantContains: []string{"Ask a new question", "Edit or archive"}},
		{name: "PeoplePrompts/Outsider", who: "outsider", method: "GET", path: pp + "/prompts", wantStatus: 404},
		{name: "PeoplePrompt/Unknown", who: "member", method: "GET", path: pp + "/prompts" + none, wantStatus: 404,
			check: scAll(ppReq("member", "GET", prompt, periodic, nil, 200, "", []string{"<h1>" + ppPeriodic, "My answer"}, []string{"Edit the prompt"}),
				ppReq("steward", "GET", prompt, periodic, nil, 200, "", []string{"Edit the prompt", "Archive the prompt"}, nil))},
		{name: "PeopleSaveAnswer/Unknown", who: "member", method: "POST", path: pp + "/me/answers" + none, form: scForm{"answer-999999": {"x"}, "visibility-999999": {"me"}},
			wantStatus: 404, check: scAll(
				ppReq("member", "POST", answer, periodic, scForm{an: {long(4001)}, av: {"me"}}, 422, "",
					[]string{"The answer is 4001 characters; the most is 4000.", `href="#answer-`}, nil),
				ppReq("member", "POST", answer, periodic, scForm{an: {"KEPT-ANSWER soup on Sundays"}, av: {"me"}}, 303, pp+"/prompts#prompt-%d", nil, nil),
				ppReq("outsider", "POST", answer, periodic, scForm{an: {"x"}, av: {"me"}}, 404, "", nil, nil),
				scThen(mo, 200, "KEPT-ANSWER"), scThenAs("steward", mo, 200, nil, []string{"KEPT-ANSWER"}))},
		{name: "PeopleUpdatePrompt/Unknown", who: "steward", method: "POST", path: pp + "/prompts" + none,
			form: scForm{"kind": {"background"}, "question": {"Q"}}, wantStatus: 404, check: scAll(
				ppReq("steward", "POST", prompt, periodic, scForm{"kind": {"periodic"}, "question": {ppPeriodic}, "opens_on": {"next week"}}, 422, "",
					[]string{`Write the date as YYYY-MM-DD, not &#34;next week&#34;.`}, nil),
				ppReq("member", "POST", prompt, periodic, scForm{"kind": {"background"}, "question": {"Q"}}, 403, "", nil, nil),
				ppReq("steward", "POST", prompt, periodic, scForm{"kind": {"periodic"}, "question": {ppPeriodic}, "opens_on": {"2020-01-01"},
					"closes_on": {"2099-12-31"}}, 303, prompt, nil, nil),
				// Mo answered it: the question stays the one he answered.
				ppReq("steward", "GET", prompt, periodic, nil, 200, "", []string{"People have answered this prompt, so its question and kind stay"}, nil),
				ppReq("member", "GET", prompt, periodic, nil, 200, "", nil, []string{"People have answered this prompt"}),
				ppReq("steward", "POST", prompt, periodic, scForm{"kind": {"periodic"}, "question": {"KEPT-QUESTION"}, "opens_on": {"2020-01-01"}},
					409, "", []string{"archive it and add a new prompt.", `href="#question"`, "KEPT-QUESTION"}, nil),
				scThenAs("member", pp+"/prompts", 200, []string{ppPeriodic}, []string{"KEPT-QUESTION"}))},
		{name: "PeopleArchivePrompt/Unknown", who: "steward", method: "POST", path: pp + "/prompts" + none + "/archive", wantStatus: 404,
			check: scAll(
				ppReq("member", "POST", prompt+"/archive", periodic, nil, 403, "", nil, nil),
				ppReq("steward", "POST", prompt+"/archive", periodic, nil, 303, pp+"/prompts", nil, nil),
				scThenAs("member", pp+"/prompts", 200, nil, []string{ppPeriodic}))},

		{name: "PeopleGroupings/Steward", who: "steward", method: "GET", path: pp + "/groupings", wantStatus: 200,
			wantContains: []string{"Suggest groupings", "No groupings have been suggested yet."}},
		{name: "PeopleGroupings/Member", who: "member", method: "GET", path: pp + "/groupings", wantStatus: 403},
		{name: "PeopleStartGrouping/Member", who: "member", method: "POST", path: pp + "/groupings", wantStatus: 403},
		{name: "PeopleStartGrouping/Steward", who: "steward", method: "POST", path: pp + "/groupings", wantStatus: 303,
			wantLocation: pp + "/groupings/1", check: scThen(pp+"/groupings", 200, "Run 1")},
		{name: "PeopleGrouping/Steward", who: "steward", method: "GET", path: pp + "/groupings/1", wantStatus: 200,
			wantContains: []string{"Suggested groupings, run 1", "Asked by Sam Steward"}},
		{name: "PeopleGrouping/Member", who: "member", method: "GET", path: pp + "/groupings/1", wantStatus: 403},
		{name: "PeopleGrouping/Unknown", who: "steward", method: "GET", path: pp + "/groupings/999", wantStatus: 404},
		{name: "PeopleGroupPage/Queued", who: "steward", method: "GET", path: pp + "/groupings/1/groups/1", wantStatus: 404,
			check: ppDoneRun(ids)},
		{name: "PeopleGroupPage/Member", who: "member", method: "GET", path: pp + "/groupings/1/groups/1", wantStatus: 403},

		{name: "PeopleImport/Steward", who: "steward", method: "GET", path: pp + "/import", wantStatus: 200,
			wantContains:    []string{"<code>display_name</code>", "Who may see the imported fields", "It never replaces what a person wrote"},
			wantNotContains: []string{`value="everyone"`}},
		{name: "PeopleImport/Member", who: "member", method: "GET", path: pp + "/import", wantStatus: 403},
		{name: "PeopleImportCSV/BadLines", who: "steward", method: "POST", path: pp + "/import", body: bad, header: badHead, wantStatus: 422,
			wantContains: []string{"Nothing was imported", "Lines with problems (2)", "<th scope=\"row\">2</th>", "<th scope=\"row\">3</th>"},
			check:        ppDisplayName("observer", "")},
		{name: "PeopleImportCSV/NoFile", who: "steward", method: "POST", path: pp + "/import", body: noFile, header: noFileHead, wantStatus: 422,
			wantContains: []string{"Choose a CSV file to import."}},
		{name: "PeopleImportCSV/Member", who: "member", method: "POST", path: pp + "/import", body: memberCSV, header: memberCSVHead, wantStatus: 403},
		{name: "PeopleImportCSV/ErrEveryone", who: "steward", method: "POST", path: pp + "/import", body: everyone, header: everyoneHead,
			wantStatus: 422, wantContains: []string{"An import cannot show fields to everyone on this instance: the people have not agreed to that."},
			check: ppDisplayName("observer", "")},
		{name: "PeopleImportCSV/OK", who: "steward", method: "POST", path: pp + "/import", body: good, header: goodHead, wantStatus: 200,
			wantContains: []string{"What was imported", "Imported 1 profile: 0 new, 1 updated."}, check: ppDisplayName("observer", "Ola O")},
		{name: "PeopleImportCSV/AgainLeavesAlone", who: "steward", method: "POST", path: pp + "/import", body: again, header: againHead, wantStatus: 200,
			wantContains: []string{"Imported 0 profiles: 0 new, 0 updated. 2 cells were left alone: the people had already filled them in.",
				"2 cells were left alone because the person had already filled that part of their profile"},
			check: ppDisplayName("observer", "Ola O")},
	}
}
