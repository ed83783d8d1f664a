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
			if ans.status != 200 || !strings.Contains(string(ans.body), `"lines":2,"created":1,"updated":1,"bad":[]`) {
				t.Fatalf("status %d\n%s", ans.status, ans.body)
			}
			paWrote(t, f, ans)
			// Sam had no profile: the fields the import filled are for
			// stewards. Mo keeps the visibilities he chose.
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
			mo := f.callers["observer"].do(t, "GET", c+fmt.Sprintf("/people/%d", f.mid[scA+"/member"]), "")
			if !strings.Contains(string(mo.body), `"role_title":"Treasurer"`) || !strings.Contains(string(mo.body), `"name":"Fairness"`) {
				t.Errorf("Mo as Ola sees him:\n%s", mo.body)
			}
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
