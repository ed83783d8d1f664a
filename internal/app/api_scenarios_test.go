package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// apiScenario is one API request by one caller and what must come back,
// PocketBase style. The table runs in order; a scenario may rely on what
// earlier ones changed. Every answer is checked against the OpenAPI
// document, and a refused write must leave the collective tables as they
// were.
type apiScenario struct {
	name string
	// who names the caller (see apiCallers): steward, member, observer,
	// outsider, removed, leaver, bsteward with a write token; steward-read
	// and member-read with a read token; revoked (a revoked token);
	// steward-session (a browser's cookie) and none.
	who          string
	method, path string
	body         string // sent as it is, so it can be malformed
	wantStatus   int
	// want holds values at dotted paths of the JSON answer: "field",
	// "items.0.name", "items.#" (a list's length); apiAbsent for "not there".
	want  map[string]any
	check func(t *testing.T, f *apiFixture, ans apiAnswer)
}

// apiAbsent in want means the path must not be in the answer.
const apiAbsent = "<absent>"

// apiFixture is the page scenarios' fixture with API callers, the OpenAPI
// document and a way to see whether anything was written.
type apiFixture struct {
	*scFixture
	spec    *apiSpec
	callers map[string]*apiClient
	// routes finds the API route pattern a request reaches; validated holds
	// the patterns reached by a scenario whose answer had the status it
	// wanted and fit the document.
	routes    *http.ServeMux
	validated map[string]bool
}

// apiMoreScenarios lets other API features add scenarios that run on this
// fixture after these, from an init function in their own file.
var apiMoreScenarios []func(f *apiFixture) []apiScenario

// TestAPIScenarios runs every API route (collectives, members,
// organisations, invitations, activity, notifications, jobs, /me and the
// document itself) as each kind of caller, with good and bad input, on each
// database. It ends by failing for each registered API route that no
// scenario reached with an answer that fit the OpenAPI document.
func TestAPIScenarios(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := apiNewFixture(t, db)
		table := slices.Concat(apiCollectiveScenarios(f), apiMemberScenarios(f), apiOrgScenarios(f), apiInvitationScenarios(f))
		for _, more := range apiMoreScenarios {
			table = append(table, more(f)...)
		}
		t.Run("ScenarioNamesAreUnique", func(t *testing.T) { apiCheckNames(t, table) })
		for _, sc := range table {
			t.Run(sc.name, func(t *testing.T) { apiRun(t, f, sc) })
		}
		t.Run("EveryAPIRouteWasValidated", func(t *testing.T) {
			missing, n := apiUnvalidated(f.app.Web.Routes(), f.validated)
			for _, p := range missing {
				t.Errorf("API route %q: no scenario reached it with an answer that fits the OpenAPI document", p)
			}
			if n < 30 {
				t.Errorf("only %d API routes registered", n)
			}
		})
	})
}

func apiNewFixture(t *testing.T, db *store.DB) *apiFixture {
	t.Helper()
	f := &apiFixture{scFixture: scNewFixture(t, db)}
	f.spec = apiLoadSpec(t, f.app.Web.Handler())
	// "removed" was a member of A and is no longer: their credentials must
	// not reach A's private endpoints.
	scRemoveThroughService(scA, "removed")(t, f.scFixture, nil)
	f.callers = apiCallers(t, f)
	f.routes, f.validated = apiRouter(f.app.Web.Routes()), map[string]bool{}
	return f
}

// apiRouter is a mux of the API routes alone, to name the route a request
// reaches.
func apiRouter(routes []web.Route) *http.ServeMux {
	mux := http.NewServeMux()
	for _, r := range routes {
		if r.Kind == "api" {
			mux.HandleFunc(r.Pattern, func(http.ResponseWriter, *http.Request) {})
		}
	}
	return mux
}

func apiRun(t *testing.T, f *apiFixture, sc apiScenario) {
	t.Helper()
	c := f.callers[sc.who]
	if c == nil {
		t.Fatalf("no caller %q", sc.who)
	}
	write := sc.method != http.MethodGet
	var before string
	if write {
		before = apiDigest(t, f.app.DB)
	}
	ans := c.do(t, sc.method, sc.path, sc.body)
	if ans.status != sc.wantStatus {
		t.Fatalf("%s %s as %s: status %d, want %d\n%s", sc.method, sc.path, sc.who, ans.status, sc.wantStatus, ans.body)
	}
	if err := f.validate(ans); err != nil {
		t.Errorf("%s %s -> %d does not fit the OpenAPI document: %v\n%s", sc.method, sc.path, ans.status, err, ans.body)
	}
	if ans.status >= 400 {
		if ct := ans.res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("Content-Type %q, want application/problem+json", ct)
		}
		if write {
			if after := apiDigest(t, f.app.DB); after != before {
				t.Errorf("a refused %s wrote to the database:\nbefore %s\nafter  %s", sc.method, before, after)
			}
		}
	}
	if len(sc.want) > 0 {
		var doc any
		if err := json.Unmarshal(ans.body, &doc); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, ans.body)
		}
		for path, want := range sc.want {
			got, ok := apiAt(doc, path)
			switch {
			case want == apiAbsent && ok:
				t.Errorf("%s = %v, want it absent", path, got)
			case want != apiAbsent && !ok:
				t.Errorf("%s is absent, want %v\n%s", path, want, ans.body)
			case want != apiAbsent && fmt.Sprint(got) != fmt.Sprint(want):
				t.Errorf("%s = %v, want %v", path, got, want)
			}
		}
	}
	if sc.check != nil {
		sc.check(t, f, ans)
	}
}

// validate checks an answer against the document and, when it fits,
// counts the route it reached as validated.
func (f *apiFixture) validate(ans apiAnswer) error {
	if err := apiValidate(f.spec, ans.req, ans.status, ans.res.Header, ans.body); err != nil {
		return err
	}
	if _, pattern := f.routes.Handler(ans.req); pattern != "" {
		f.validated[pattern] = true
	}
	return nil
}

// apiAt finds a dotted path in decoded JSON; "#" is a list's length.
func apiAt(doc any, path string) (any, bool) {
	cur := doc
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			if part == "#" {
				return len(v), true
			}
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// apiDigest is everything the collective API can change, as one string.
func apiDigest(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT id, slug, name, purpose, visibility, min_group_size, archived_at, member_count FROM collectives ORDER BY id",
		"SELECT id, collective_id, user_id FROM members ORDER BY id",
		"SELECT member_id, role FROM member_roles ORDER BY member_id, role",
		"SELECT id, collective_id, name, website, description FROM organisations ORDER BY id",
		"SELECT member_id, organisation_id FROM affiliations ORDER BY member_id, organisation_id",
		"SELECT id, collective_id, email, roles, status FROM invitations ORDER BY id",
	} {
		rows, err := db.Writer().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%v;", vals)
		}
		rows.Close()
		b.WriteString("|")
	}
	return b.String()
}

// apiCheckNames fails for each name two scenarios share: a failure must
// name one scenario.
func apiCheckNames(t *testing.T, table []apiScenario) {
	names := map[string]bool{}
	for _, sc := range table {
		if names[sc.name] {
			t.Errorf("two scenarios are called %s", sc.name)
		}
		names[sc.name] = true
	}
}

// apiUnvalidated lists, sorted, the API routes among routes whose pattern
// validated lacks; n counts the API routes.
func apiUnvalidated(routes []web.Route, validated map[string]bool) (missing []string, n int) {
	for _, r := range routes {
		if r.Kind != "api" {
			continue
		}
		n++
		if !validated[r.Pattern] {
			missing = append(missing, r.Pattern)
		}
	}
	slices.Sort(missing)
	return missing, n
}
