package app_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"strings"
	"testing"

	"commonground/internal/people"
)

func init() { scMoreScenarios = append(scMoreScenarios, ppScenarios, ppFormScenarios) }

// Words the seeded profiles hold where only some viewers may see them.
const (
	ppSecretDept    = "MO-SECRET-DEPT"   // Mo Member's department: only Mo
	ppStewardsNoun  = "EXTRA-PRONOUN-xe" // Ola Observer's pronouns: stewards
	ppPeriodic      = "A tradition from my family I bring to work"
	ppStewardsOnly  = "Only stewards of Riverside Coalition can do this."
	ppNotFound      = "We could not find that page, or it is not visible to you."
	ppObserversRead = "Observers can read but not change anything."
)

// ppIDs are what ppSeed made in collective A.
type ppIDs struct {
	member, ola, steward, bMember int64
	simplicity, gratitude         int64
}

// ppSeeded holds each fixture's seed: both scenario lists need it.
var ppSeeded = map[*scFixture]ppIDs{}

// ppSeed writes, through the service, the profiles the people scenarios
// start from: Mo Member (department only for himself, a photo for
// stewards, values Fairness then Learning, needs data analysis), Ola Observer
// (pronouns for stewards, offers data analysis, values Fairness then Care),
// and the starter vocabulary. It writes no activity anyone but the person
// sees: the activity scenarios count the steward's latest entries. What
// others see (a proposal, a prompt) the scenarios make as they run.
func ppSeed(f *scFixture) ppIDs {
	if ids, ok := ppSeeded[f]; ok {
		return ids
	}
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	s := f.app.People
	mctx := f.as("member")
	ma, err := f.app.Collectives.Access(mctx, scA)
	must(err)
	must(s.SaveProfile(mctx, ma, people.ProfileInput{Pronouns: "he/him", Organisation: "Riverside Food Bank",
		Department: ppSecretDept, Skills: []string{"grant writing"}, Offers: []string{"grant writing"}, Needs: []string{"data analysis"},
		Visibility: map[people.Field]people.Visibility{people.FieldDepartment: people.OnlyMe, people.FieldPhoto: people.Stewards}}))
	must(s.SetPhoto(mctx, ma, ppPNG()))
	must(s.SetMyValues(mctx, ma, []people.ValuePick{{Name: "Fairness", Why: "Everyone gets a fair go."}, {Name: "Learning"}}))

	ectx := f.as("observer")
	ea, err := f.app.Collectives.Access(ectx, scA)
	must(err)
	must(s.SaveProfile(ectx, ea, people.ProfileInput{Pronouns: ppStewardsNoun, Organisation: "Eastbank Housing",
		Skills: []string{"data analysis"}, Offers: []string{"data analysis"}, Needs: []string{"grant writing"},
		Visibility: map[people.Field]people.Visibility{people.FieldPronouns: people.Stewards}}))
	must(s.SetMyValues(ectx, ea, []people.ValuePick{{Name: "Fairness"}, {Name: "Care"}}))

	sctx := f.as("steward")
	sa, err := f.app.Collectives.Access(sctx, scA)
	must(err)
	terms, err := s.Vocabulary(sctx, sa, "all")
	must(err)
	ids := ppIDs{member: ma.MemberID, ola: ea.MemberID, steward: sa.MemberID, bMember: f.mid[scB+"/bmember"]}
	for _, t := range terms {
		switch t.Name {
		case "Simplicity":
			ids.simplicity = t.ID
		case "Gratitude":
			ids.gratitude = t.ID
		}
	}
	ppSeeded[f] = ids
	return ids
}

// ppPNG is a small photo: a 40 × 30 picture in two colours.
func ppPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{uint8(x * 6), 90, uint8(y * 8), 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// ppUpload is a multipart body with one file under field and other fields.
func ppUpload(field, name string, data []byte, fields map[string]string) (*bytes.Buffer, map[string]string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile(field, name)
	_, _ = fw.Write(data)
	_ = w.Close()
	return &b, map[string]string{"Content-Type": w.FormDataContentType()}
}

// ppPhoto checks the photo route for who: 200 with a JPEG no cache may
// reuse without asking again, and 304 when asked again with its ETag; or
// 404, also for a browser that still holds the photo's ETag.
func ppPhoto(who, path string, visible bool) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, b *scBrowser) {
		t.Helper()
		if who != "" {
			b = f.jar[who]
		}
		// "*" would match any photo: a hidden one must still not answer 304.
		match := `"stale", W/"other"`
		if !visible {
			match = "*"
		}
		res, body := b.do(t, "GET", path, nil, nil, map[string]string{"If-None-Match": match})
		if !visible {
			if res.StatusCode != 404 {
				t.Fatalf("GET %s as %s: %d, want 404", path, who, res.StatusCode)
			}
			return
		}
		etag := res.Header.Get("ETag")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" || res.Header.Get("Cache-Control") != "private, no-cache" ||
			len(etag) < 10 || !strings.HasPrefix(body, "\xff\xd8\xff") {
			t.Fatalf("GET %s as %s: %d %s %q ETag %q", path, who, res.StatusCode, res.Header.Get("Content-Type"),
				res.Header.Get("Cache-Control"), etag)
		}
		res, body = b.do(t, "GET", path, nil, nil, map[string]string{"If-None-Match": etag})
		if res.StatusCode != 304 || body != "" || res.Header.Get("ETag") != etag || res.Header.Get("Cache-Control") != "private, no-cache" {
			t.Fatalf("GET %s as %s again with its ETag: %d, %d bytes, ETag %q", path, who, res.StatusCode, len(body), res.Header.Get("ETag"))
		}
	}
}

// ppScenarios: the directory, the CSV, people's pages, photos and
// "find collaborators", as everyone who may or may not see them.
func ppScenarios(f *scFixture) []scScenario {
	ids := ppSeed(f)
	c := "/c/" + scA
	pp := c + "/people"
	mo := fmt.Sprintf("%s/%d", pp, ids.member)
	ola := fmt.Sprintf("%s/%d", pp, ids.ola)
	moCard := fmt.Sprintf(`href="%s">Mo Member</a>`, mo)
	olaCard := fmt.Sprintf(`href="%s">Ola Observer</a>`, ola)
	return []scScenario{
		{name: "People/Steward", who: "steward", method: "GET", path: pp, wantStatus: 200,
			wantContains:    []string{moCard, olaCard, "Import people", "Suggested groupings", "Download CSV", "Photo of Mo Member", ppStewardsNoun},
			wantNotContains: []string{ppSecretDept}},
		{name: "People/Member", who: "member", method: "GET", path: pp, wantStatus: 200,
			wantContains: []string{moCard, olaCard, "Find collaborators", "Fairness, Care"}, wantNotContains: []string{"Import people", ppStewardsNoun}},
		{name: "People/ObserverNoHiddenPhoto", who: "observer", method: "GET", path: pp, wantStatus: 200,
			wantContains: []string{moCard, ppStewardsNoun}, wantNotContains: []string{"Photo of Mo Member", ppSecretDept}},
		{name: "People/Outsider", who: "outsider", method: "GET", path: pp, wantStatus: 404, wantNotContains: []string{"Mo Member"}},
		{name: "People/Anonymous", who: "anonymous", method: "GET", path: pp, wantStatus: 303, wantLocation: scSignIn(pp)},
		{name: "People/PublicAnonymous", who: "anonymous", method: "GET", path: "/c/" + scP + "/people", wantStatus: 303,
			wantLocation: scSignIn("/c/" + scP + "/people")},
		{name: "People/SearchHiddenText", who: "steward", method: "GET", path: pp + "?q=" + ppSecretDept, wantStatus: 200,
			wantContains: []string{"0 people found."}, wantNotContains: []string{moCard}},
		{name: "People/SearchOwnHiddenText", who: "member", method: "GET", path: pp + "?q=" + ppSecretDept, wantStatus: 200,
			wantContains: []string{"1 person found.", moCard}},
		{name: "People/FilterSkill", who: "member", method: "GET", path: pp + "?skill=Data+Analysis", wantStatus: 200,
			wantContains: []string{olaCard}, wantNotContains: []string{moCard}},
		{name: "People/FilterHiddenPronounsDoNotMatch", who: "member", method: "GET", path: pp + "?q=EXTRA-PRONOUN", wantStatus: 200,
			wantContains: []string{"0 people found."}},
		{name: "People/FilterUnknownValue", who: "member", method: "GET", path: pp + "?value=Nonsense", wantStatus: 422,
			wantContains: []string{`"Nonsense" is not one of Riverside Coalition's values.`, "0 people found."}},

		{name: "PeopleCSV/Member", who: "member", method: "GET", path: c + "/people.csv", wantStatus: 200,
			wantContains:    []string{"name,pronouns,organisation,department", "Ola Observer,,Eastbank Housing", "Mo Member,he/him,Riverside Food Bank," + ppSecretDept},
			wantNotContains: []string{ppStewardsNoun}},
		{name: "PeopleCSV/StewardNotOnlyMe", who: "steward", method: "GET", path: c + "/people.csv", wantStatus: 200,
			wantContains: []string{ppStewardsNoun, "Fairness; Learning"}, wantNotContains: []string{ppSecretDept}},
		{name: "PeopleCSV/Outsider", who: "outsider", method: "GET", path: c + "/people.csv", wantStatus: 404},

		{name: "PeopleMe/Member", who: "member", method: "GET", path: pp + "/me", wantStatus: 303, wantLocation: mo},
		{name: "PeopleMe/Outsider", who: "outsider", method: "GET", path: pp + "/me", wantStatus: 404},

		{name: "PeoplePerson/Self", who: "member", method: "GET", path: mo, wantStatus: 200,
			wantContains: []string{"<h1>Mo Member", ppSecretDept, "Who sees what", "Edit my profile", "Find collaborators", "Only me",
				"Everyone gets a fair go.", "Stewards of the collective"}},
		{name: "PeoplePerson/StewardNotOnlyMe", who: "steward", method: "GET", path: mo, wantStatus: 200,
			wantContains: []string{"Photo of Mo Member", "Fairness", "Find collaborators for Mo Member"}, wantNotContains: []string{ppSecretDept, "Who sees what", "Edit my profile"}},
		{name: "PeoplePerson/StewardSeesStewardsField", who: "steward", method: "GET", path: ola, wantStatus: 200, wantContains: []string{ppStewardsNoun}},
		{name: "PeoplePerson/MemberHiddenFields", who: "member", method: "GET", path: ola, wantStatus: 200,
			wantContains: []string{"Eastbank Housing", "Care"}, wantNotContains: []string{ppStewardsNoun, "Find collaborators"}},
		{name: "PeoplePerson/Unknown", who: "member", method: "GET", path: pp + "/999999", wantStatus: 404},
		{name: "PeoplePerson/OtherCollectives", who: "member", method: "GET", path: fmt.Sprintf("%s/%d", pp, ids.bMember), wantStatus: 404},
		{name: "PeoplePerson/Anonymous", who: "anonymous", method: "GET", path: mo, wantStatus: 303, wantLocation: scSignIn(mo)},

		{name: "PeoplePhoto/Steward", who: "steward", method: "GET", path: mo + "/photo", wantStatus: 200,
			check: ppPhoto("", mo+"/photo", true)},
		{name: "PeoplePhoto/HiddenFromObserver", who: "observer", method: "GET", path: mo + "/photo", wantStatus: 404,
			check: ppPhoto("", mo+"/photo", false)},
		{name: "PeoplePhoto/None", who: "steward", method: "GET", path: ola + "/photo", wantStatus: 404},
		{name: "PeoplePersonView/Unknown", who: "member", method: "GET", path: mo + "/nothing", wantStatus: 404},

		{name: "PeopleMatches/Self", who: "member", method: "GET", path: mo + "/matches", wantStatus: 200,
			wantContains: []string{"Find collaborators", olaCard, "You both rank Fairness first", "Ola Observer offers data analysis, which you need",
				"You offer grant writing, which Ola Observer needs"}},
		{name: "PeopleMatches/StewardForOther", who: "steward", method: "GET", path: mo + "/matches", wantStatus: 200,
			wantContains: []string{"Collaborators for Mo Member", olaCard}},
		{name: "PeopleMatches/MemberForOther", who: "member", method: "GET", path: ola + "/matches", wantStatus: 403},
		{name: "PeopleMatches/BadK", who: "member", method: "GET", path: mo + "/matches?k=0", wantStatus: 422,
			wantContains: []string{"Enter a whole number from 1 to 50."}},
		{name: "PeopleMatches/FilterNobody", who: "member", method: "GET", path: mo + "/matches?organisation=Nowhere", wantStatus: 200,
			wantContains: []string{"No suggestions with these filters"}, wantNotContains: []string{olaCard}},
		{name: "PeopleMatches/Outsider", who: "outsider", method: "GET", path: mo + "/matches", wantStatus: 404},
	}
}
