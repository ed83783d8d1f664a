package app_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"commonground/internal/app"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// TestOpenAPI checks the one document at /api/v1/openapi.json against the
// routes the app registers: it must be valid OpenAPI 3.1, describe every
// API route and no route that does not exist, and give every operation an
// id, a summary, its problem answers and closed request bodies.
func TestOpenAPI(t *testing.T) {
	a, err := app.Wire(context.Background(), app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	spec := apiLoadSpec(t, a.Web.Handler())

	t.Run("EveryRouteIsDocumented", func(t *testing.T) {
		missing, ghosts, n := apiUndocumented(t, a.Web.Routes(), spec)
		if len(missing) > 0 {
			t.Errorf("%d API routes are missing from the OpenAPI document (paths relative to /api/v1):\n  %s",
				len(missing), strings.Join(missing, "\n  "))
		}
		if len(ghosts) > 0 {
			t.Errorf("%d operations in the OpenAPI document have no route:\n  %s", len(ghosts), strings.Join(ghosts, "\n  "))
		}
		if n < 20 {
			t.Errorf("only %d API routes registered", n)
		}
	})

	t.Run("EveryOperationIsComplete", func(t *testing.T) {
		for path, item := range spec.doc.Paths.Map() {
			for method, op := range item.Operations() {
				where := method + " " + path
				if op.OperationID == "" || op.Summary == "" {
					t.Errorf("%s: needs an operationId and a summary", where)
				}
				if !apiHasProblems(op) {
					t.Errorf("%s: lists no 4xx answer with a problem document", where)
				}
				if op.RequestBody != nil {
					for ct, media := range op.RequestBody.Value.Content {
						apiCheckClosed(t, where+" request "+ct, media.Schema)
					}
				}
				for _, p := range apiPathParams(path) {
					if op.Parameters.GetByInAndName("path", p) == nil && item.Parameters.GetByInAndName("path", p) == nil {
						t.Errorf("%s: path parameter %s is not described", where, p)
					}
				}
			}
		}
	})

	t.Run("ServedAsJSON", func(t *testing.T) {
		var doc map[string]any
		if err := json.Unmarshal(spec.raw, &doc); err != nil {
			t.Fatal(err)
		}
		if doc["openapi"] != "3.1.0" {
			t.Errorf("openapi %v, want 3.1.0", doc["openapi"])
		}
		servers, _ := doc["servers"].([]any)
		if len(servers) != 1 || servers[0].(map[string]any)["url"] != "/api/v1" {
			t.Errorf("servers %v, want one at /api/v1", servers)
		}
	})
}

// apiUndocumented compares the API routes with the document's operations:
// missing are routes the document lacks, ghosts operations without a
// route, both as "METHOD /path" relative to /api/v1; n counts the routes.
func apiUndocumented(t *testing.T, routes []web.Route, spec *apiSpec) (missing, ghosts []string, n int) {
	t.Helper()
	registered := map[string]bool{}
	for _, r := range routes {
		if r.Kind != "api" {
			continue
		}
		op, err := apiOperationOf(r.Pattern)
		if err != nil {
			t.Error(err)
			continue
		}
		registered[op] = true
	}
	documented := map[string]bool{}
	for path, item := range spec.doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	return apiDiff(registered, documented), apiDiff(documented, registered), len(registered)
}

// apiOperationOf turns a ServeMux pattern such as
// "GET /api/v1/collectives/{collective}" into the document's form,
// "GET /collectives/{collective}".
func apiOperationOf(pattern string) (string, error) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		return "", &apiPatternError{pattern, "has no method"}
	}
	rest, ok := strings.CutPrefix(path, "/api/v1/")
	if !ok {
		return "", &apiPatternError{pattern, "is not under /api/v1/"}
	}
	rest = strings.TrimSuffix(rest, "{$}")
	rest = strings.ReplaceAll(rest, "...}", "}")
	return method + " /" + rest, nil
}

type apiPatternError struct{ pattern, why string }

func (e *apiPatternError) Error() string { return "API route " + e.pattern + " " + e.why }

// apiDiff lists the keys of a that b lacks, sorted.
func apiDiff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

var apiParamPattern = regexp.MustCompile(`\{([^}]+)\}`)

func apiPathParams(path string) []string {
	var out []string
	for _, m := range apiParamPattern.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// apiHasProblems reports whether op lists a 4xx answer whose body is a
// problem document.
func apiHasProblems(op *openapi3.Operation) bool {
	for code, r := range op.Responses.Map() {
		if !strings.HasPrefix(code, "4") || r.Value == nil {
			continue
		}
		if mt := r.Value.Content.Get("application/problem+json"); mt != nil && mt.Schema != nil {
			return true
		}
	}
	return false
}

// apiCheckClosed fails unless an object schema refuses unknown properties,
// as DecodeJSON does: the document must not promise a looser API.
func apiCheckClosed(t *testing.T, where string, ref *openapi3.SchemaRef) {
	t.Helper()
	if ref == nil || ref.Value == nil {
		t.Errorf("%s: no schema", where)
		return
	}
	s := ref.Value
	if !s.Type.Is(openapi3.TypeObject) {
		return
	}
	if ap := s.AdditionalProperties; ap.Has == nil || *ap.Has || ap.Schema != nil {
		t.Errorf("%s: set additionalProperties to false (the server refuses unknown fields)", where)
	}
}

// The coverage check names exactly the route the document lacks and the
// operation no route serves.
func TestOpenAPICoverageNamesWhatIsMissing(t *testing.T) {
	a, err := app.Wire(context.Background(), app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	a.Web.API("PUT /api/v1/widgets/{widget...}", func(http.ResponseWriter, *http.Request) {})
	a.Web.AddOpenAPI([]byte(`{"paths": {"/ghosts": {"get": {"operationId": "listGhosts", "summary": "Ghosts",
		"responses": {"404": {"$ref": "#/components/responses/Problem"}}}}}}`))
	missing, ghosts, _ := apiUndocumented(t, a.Web.Routes(), apiLoadSpec(t, a.Web.Handler()))
	if !slices.Equal(missing, []string{"PUT /widgets/{widget}"}) {
		t.Errorf("missing %q", missing)
	}
	if !slices.Equal(ghosts, []string{"GET /ghosts"}) {
		t.Errorf("ghosts %q", ghosts)
	}
}

// Requests to an undocumented path must not slip through apiCheck.
func TestAPICheckRefusesUndocumented(t *testing.T) {
	a, err := app.Wire(context.Background(), app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	spec := apiLoadSpec(t, a.Web.Handler())
	req, _ := http.NewRequest(http.MethodGet, "http://cg.test/api/v1/collectives/x/nothing-here", nil)
	if err := apiValidate(spec, req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`)); err == nil {
		t.Error("an undocumented path passed")
	}
	req, _ = http.NewRequest(http.MethodGet, "http://cg.test/api/v1/collectives/x", nil)
	if err := apiValidate(spec, req, 418, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`)); err == nil {
		t.Error("an undocumented status passed")
	}
	if err := apiValidate(spec, req, 200, http.Header{"Content-Type": {"application/json"}}, []byte(`{"id": "one"}`)); err == nil {
		t.Error("a collective without its fields passed")
	}
}

// The scenarios' coverage check counts a route only when an answer from it
// fit the document, and names every API route no such answer reached.
func TestAPICoverageCountsOnlyValidatedAnswers(t *testing.T) {
	a, err := app.Wire(context.Background(), app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	routes := a.Web.Routes()
	f := &apiFixture{spec: apiLoadSpec(t, a.Web.Handler()), routes: apiRouter(routes), validated: map[string]bool{}}
	answer := func(path string, status int, body string) apiAnswer {
		req, _ := http.NewRequest(http.MethodGet, "http://cg.test"+path, nil)
		res := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/problem+json"}}}
		return apiAnswer{req: req, res: res, body: []byte(body), status: status}
	}
	notFound := `{"type":"about:blank","title":"Not Found","status":404,"detail":"No such job.","code":"not_found"}`
	if err := f.validate(answer("/api/v1/jobs/7", http.StatusTeapot, notFound)); err == nil {
		t.Error("an undocumented status fit the document")
	}
	if err := f.validate(answer("/api/v1/jobs/7", http.StatusNotFound, `{"detail":"No such job."}`)); err == nil {
		t.Error("a problem without its fields fit the document")
	}
	if len(f.validated) != 0 {
		t.Fatalf("answers that do not fit counted: %v", f.validated)
	}
	if err := f.validate(answer("/api/v1/jobs/7", http.StatusNotFound, notFound)); err != nil {
		t.Fatal(err)
	}
	missing, n := apiUnvalidated(routes, f.validated)
	if !f.validated["GET /api/v1/jobs/{job}"] || len(f.validated) != 1 {
		t.Fatalf("validated %v, want only GET /api/v1/jobs/{job}", f.validated)
	}
	if len(missing) != n-1 || slices.Contains(missing, "GET /api/v1/jobs/{job}") || !slices.Contains(missing, "GET /api/v1/me") ||
		!slices.Contains(missing, "GET /api/v1/openapi.json") || slices.ContainsFunc(missing, func(p string) bool { return !strings.Contains(p, "/api/") }) {
		t.Errorf("%d routes, missing %q", n, missing)
	}
}
