package app_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestPeopleAPIUploads sends real files, with their own Content-Type:
// CSV imports (all or nothing, every bad line listed, the visibility
// given to new profiles) and a photo.
func TestPeopleAPIUploads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apiNewFixture(t, db)
		paSeed(f)
		c := "/api/v1/collectives/" + scA
		csv := func(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
		problem := func(ans apiAnswer) (detail string, bad []string) {
			var doc struct {
				Detail string `json:"detail"`
				Bad    []struct {
					Line   int    `json:"line"`
					Reason string `json:"reason"`
				} `json:"bad"`
			}
			if err := json.Unmarshal(ans.body, &doc); err != nil {
				t.Fatalf("%v\n%s", err, ans.body)
			}
			for _, b := range doc.Bad {
				bad = append(bad, fmt.Sprintf("%d: %s", b.Line, b.Reason))
			}
			return doc.Detail, bad
		}

		t.Run("ImportErrBadLines", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import", "text/csv; charset=utf-8", csv(
				"email,organisation,values",
				"observer@example.org,Eastbank Housing,Care",
				"nobody@example.org,Nowhere,",
				"member@example.org,,Fairness; Nonsense",
				"steward@example.org,,"+strings.Repeat("Care;", 11)))
			if ans.status != 422 {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			detail, bad := problem(ans)
			want := []string{
				"3: no member of Riverside Coalition has the e-mail nobody@example.org; invite them first.",
				"4: Nonsense is not one of Riverside Coalition's values; propose it first.",
				"5: 11 values; a person ranks at most 10.",
			}
			if strings.Join(bad, "\n") != strings.Join(want, "\n") {
				t.Errorf("bad lines:\n%s\nwant:\n%s", strings.Join(bad, "\n"), strings.Join(want, "\n"))
			}
			if detail != "Nothing was imported: 3 of 4 lines have problems; fix them and import again." {
				t.Errorf("detail %q", detail)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("ImportErrMember", func(t *testing.T) {
			ans := paRaw(t, f, "member", "POST", c+"/people/import", "text/csv", csv("email,pronouns", "member@example.org,they/them"))
			if ans.status != 403 {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("ImportErrVisibility", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import?visibility=friends", "text/csv", csv("email,pronouns", "member@example.org,they/them"))
			if ans.status != 422 || !strings.Contains(string(ans.body), `"field":"visibility"`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("ImportErrEveryone", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import?visibility=everyone", "text/csv", csv("email,pronouns", "member@example.org,they/them"))
			if ans.status != 422 || !strings.Contains(string(ans.body), `"field":"visibility"`) ||
				!strings.Contains(string(ans.body), "An import cannot show fields to everyone on this instance: the people have not agreed to that.") {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("ImportErrHeader", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import", "text/csv", csv("email,shoe_size", "member@example.org,44"))
			if ans.status != 422 || !strings.Contains(string(ans.body), `"field":"file"`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("ImportOK", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import?visibility=stewards", "text/csv", csv(
				"email,display_name,role_title,values",
				"steward@example.org,Sam,Coordinator,Care; Fairness",
				"member@example.org,,Treasurer,"))
			if ans.status != 200 || !strings.Contains(string(ans.body), `"lines":2,"created":1,"updated":1,"kept":0,"bad":[]`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paWrote(t, f, ans)
			// Sam had no profile: the fields the import filled are for
			// stewards.
			sam := fmt.Sprintf("%s/people/%d", c, f.mid[scA+"/steward"])
			member := f.callers["member"].do(t, "GET", sam, "")
			if member.status != 200 || strings.Contains(string(member.body), "Coordinator") || strings.Contains(string(member.body), `"values"`) {
				t.Errorf("a member sees Sam's stewards-only fields:\n%s", member.body)
			}
			self := f.callers["steward"].do(t, "GET", sam, "")
			if !strings.Contains(string(self.body), `"role_title":"Coordinator"`) || !strings.Contains(string(self.body), `"values":"stewards"`) ||
				!strings.Contains(string(self.body), `"name":"Care","rank":1`) {
				t.Errorf("Sam's own view:\n%s", self.body)
			}
			// Mo had no role: it is filled at the narrower of his visibility
			// for it and the import's, so Ola does not see it, a steward does.
			moPath := c + fmt.Sprintf("/people/%d", f.mid[scA+"/member"])
			mo := f.callers["observer"].do(t, "GET", moPath, "")
			if strings.Contains(string(mo.body), "Treasurer") || !strings.Contains(string(mo.body), `"name":"Fairness"`) {
				t.Errorf("Mo as Ola sees him:\n%s", mo.body)
			}
			if st := f.callers["steward"].do(t, "GET", moPath, ""); !strings.Contains(string(st.body), `"role_title":"Treasurer"`) {
				t.Errorf("Mo as Sam sees him:\n%s", st.body)
			}
			// Mo is told what was filled in; Sam imported his own line.
			told := f.callers["member"].do(t, "GET", "/api/v1/notifications", "")
			if !strings.Contains(string(told.body), `"kind":"profile.filled_by_import"`) ||
				!strings.Contains(string(told.body), "filled in your role, which you had left empty") {
				t.Errorf("Mo's notifications:\n%s", told.body)
			}
			if own := f.callers["steward"].do(t, "GET", "/api/v1/notifications", ""); strings.Contains(string(own.body), "profile.filled_by_import") {
				t.Errorf("Sam is told of his own line:\n%s", own.body)
			}
		})
		t.Run("ImportAgainLeavesAlone", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "POST", c+"/people/import", "text/csv", csv(
				"email,display_name,role_title,values",
				"steward@example.org,Samuel,Chair,Care",
				"member@example.org,,Chair,"))
			if ans.status != 200 || !strings.Contains(string(ans.body), `"lines":2,"created":0,"updated":0,"kept":4,"bad":[]`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paUnchanged(t, f, ans)
		})
		t.Run("PhotoAsPNG", func(t *testing.T) {
			ans := paRaw(t, f, "steward", "PUT", c+"/people/me/photo", "image/png", paPNG())
			if ans.status != 200 || !strings.Contains(string(ans.body), `"has_photo":true`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paWrote(t, f, ans)
			got := paRaw(t, f, "member", "GET", c+"/people/me/photo", "", nil)
			if got.status != 200 || got.res.Header.Get("Cache-Control") != "private, no-cache" {
				t.Errorf("Mo's own photo: %d %v", got.status, got.res.Header)
			}
		})
	})
}
