package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"commonground/internal/people"
	"commonground/internal/store"
)

// Words the API seed puts where only some callers may see them.
const (
	paSecretDept  = "MO-DEPT-ONLY-ME"     // Mo Member's department: only Mo
	paStewardsBio = "MO-ABOUT-STEWARDS"   // Mo Member's about: stewards
	paOlaOrg      = "Eastbank Housing"    // Ola Observer's organisation: only Ola
	paOlaAbout    = "OLA-ABOUT-ONLY-ME"   // Ola Observer's about: only Ola
	paFood        = "Riverside Food Bank" // Mo Member's organisation: members
)

// paSeed writes, through the service, what the people API scenarios start
// from in collective A. Mo Member: he/him, Riverside Food Bank, a
// department for himself alone, an about for stewards, a photo for
// stewards, offers grant writing and needs data analysis, ranks Fairness
// (with why) then Learning. Ola Observer: her organisation and about for
// herself alone and her values too (Fairness, Care), offers data analysis
// and needs grant writing. Only actor-only activity is written.
func paSeed(f *apiFixture) {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	s := f.app.People
	mctx := f.as("member")
	ma, err := f.app.Collectives.Access(mctx, scA)
	must(err)
	must(s.SaveProfile(mctx, ma, people.ProfileInput{DisplayName: "Mo", Pronouns: "he/him", Organisation: paFood,
		Department: paSecretDept, About: paStewardsBio, Skills: []string{"grant writing"}, Offers: []string{"grant writing"},
		Needs: []string{"data analysis"}, Visibility: map[people.Field]people.Visibility{people.FieldDepartment: people.OnlyMe,
			people.FieldAbout: people.Stewards, people.FieldPhoto: people.Stewards}}))
	must(s.SetPhoto(mctx, ma, paPNG()))
	must(s.SetMyValues(mctx, ma, []people.ValuePick{{Name: "Fairness", Why: "Everyone gets a fair go."}, {Name: "Learning"}}))
	octx := f.as("observer")
	oa, err := f.app.Collectives.Access(octx, scA)
	must(err)
	must(s.SaveProfile(octx, oa, people.ProfileInput{Organisation: paOlaOrg, About: paOlaAbout, Skills: []string{"data analysis"},
		Offers: []string{"data analysis"}, Needs: []string{"grant writing"}, Visibility: map[people.Field]people.Visibility{
			people.FieldOrganisation: people.OnlyMe, people.FieldAbout: people.OnlyMe, people.FieldValues: people.OnlyMe}}))
	must(s.SetMyValues(octx, oa, []people.ValuePick{{Name: "Fairness"}, {Name: "Care"}}))
	paDigests[f], err = paDigestOf(f.app.DB)
	must(err)
}

// paPNG is a small photo: a 40 × 30 picture in two colours.
func paPNG() []byte {
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

// paDigests holds, per fixture, the people tables as the last write the
// scenarios expected left them.
var paDigests = map[*apiFixture]string{}

// paDigest is everything the people API can change, as one string.
func paDigest(t *testing.T, db *store.DB) string {
	t.Helper()
	d, err := paDigestOf(db)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func paDigestOf(db *store.DB) (string, error) {
	var b strings.Builder
	for _, q := range []string{
		"SELECT user_id, display_name, pronouns, organisation, department, role_title, about, photo_file_id, " +
			"vis_display_name, vis_organisation, vis_department, vis_about, vis_photo, vis_values FROM profiles ORDER BY user_id",
		"SELECT user_id, kind, tag, position FROM profile_tags ORDER BY user_id, kind, position",
		"SELECT member_id, term_id, rank, why FROM person_values ORDER BY member_id, rank",
		"SELECT id, collective_id, name, description, status FROM value_terms ORDER BY id",
		"SELECT id, kind, question, opens_on, closes_on, position, archived_at FROM people_prompts ORDER BY id",
		"SELECT prompt_id, member_id, answer, visibility FROM prompt_answers ORDER BY prompt_id, member_id",
		"SELECT id, status FROM grouping_runs ORDER BY id",
	} {
		rows, err := db.Writer().QueryContext(context.Background(), q)
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			fmt.Fprintf(&b, "%v;", vals)
		}
		rows.Close()
		b.WriteString("|")
	}
	return b.String(), nil
}

// paWrote records the people tables as they are now, after a write the
// scenario wanted, and fails if nothing changed.
func paWrote(t *testing.T, f *apiFixture, _ apiAnswer) {
	t.Helper()
	now := paDigest(t, f.app.DB)
	if now == paDigests[f] {
		t.Error("the write changed nothing in the people tables")
	}
	paDigests[f] = now
}

// paUnchanged fails unless the people tables are as the last expected
// write left them: a refused write must write nothing.
func paUnchanged(t *testing.T, f *apiFixture, _ apiAnswer) {
	t.Helper()
	if now := paDigest(t, f.app.DB); now != paDigests[f] {
		t.Errorf("a refused request wrote to the people tables:\nbefore %s\nafter  %s", paDigests[f], now)
	}
}

// paJSON decodes an answer's body for a check.
func paJSON(t *testing.T, ans apiAnswer) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(ans.body, &doc); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, ans.body)
	}
	return doc
}

// paItem is the item of a list answer whose key holds id, or nil.
func paItem(doc map[string]any, key string, id int64) map[string]any {
	items, _ := doc["items"].([]any)
	for _, it := range items {
		m := it.(map[string]any)
		if n, ok := m[key].(float64); ok && int64(n) == id {
			return m
		}
	}
	return nil
}

// paNames is the "name" of each item of a list answer.
func paNames(doc map[string]any) []string {
	var out []string
	items, _ := doc["items"].([]any)
	for _, it := range items {
		out = append(out, fmt.Sprint(it.(map[string]any)["name"]))
	}
	return out
}

// paNoLeak fails if the answer holds any of words.
func paNoLeak(words ...string) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		t.Helper()
		for _, w := range words {
			if bytes.Contains(ans.body, []byte(w)) {
				t.Errorf("the answer holds %q, hidden from this caller:\n%s", w, ans.body)
			}
		}
	}
}

// paAll runs several checks.
func paAll(checks ...func(*testing.T, *apiFixture, apiAnswer)) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, f *apiFixture, ans apiAnswer) {
		t.Helper()
		for _, c := range checks {
			c(t, f, ans)
		}
	}
}

// paHasNames fails unless the list answer names exactly want, in any order.
func paHasNames(want ...string) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		t.Helper()
		got := paNames(paJSON(t, ans))
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("names %q, want %q", got, w)
		}
	}
}

// paRaw sends body with contentType as who, and checks the answer against
// the OpenAPI document like a scenario does (counting its route).
func paRaw(t *testing.T, f *apiFixture, who, method, path, contentType string, body []byte) apiAnswer {
	t.Helper()
	c := f.callers[who]
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	check, _ := http.NewRequest(method, c.base+path, bytes.NewReader(nil))
	ans := apiAnswer{req: check, res: res, body: data, status: res.StatusCode}
	if err := f.validate(ans); err != nil {
		t.Errorf("%s %s -> %d does not fit the OpenAPI document: %v\n%s", method, path, ans.status, err, data)
	}
	return ans
}
