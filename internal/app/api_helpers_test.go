package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// apiSpec is the OpenAPI document an app serves, loaded and validated by
// kin-openapi, with a router that finds each request's operation in it.
// Every feature's API tests check their answers with apiCheck.
type apiSpec struct {
	raw    []byte
	doc    *openapi3.T
	router routers.Router
}

// apiLoadSpec fetches GET /api/v1/openapi.json from handler and validates
// it as an OpenAPI 3.1 document.
func apiLoadSpec(t testing.TB, handler http.Handler) *apiSpec {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json: %d\n%s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("GET /api/v1/openapi.json: Content-Type %q", ct)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("the document says openapi %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(loader.Context, openapi3.IsOpenAPI31OrLater(), openapi3.EnableSchemaFormatValidation()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("route the OpenAPI document: %v", err)
	}
	return &apiSpec{raw: rec.Body.Bytes(), doc: doc, router: router}
}

// apiCheck validates one answer against the document: the request must
// match a documented operation, the status must be one it lists, and the
// headers and body must fit the schema of that status and content type.
// body is the response body already read (res.Body is not used).
func apiCheck(t testing.TB, spec *apiSpec, req *http.Request, res *http.Response, body []byte) {
	t.Helper()
	if err := apiValidate(spec, req, res.StatusCode, res.Header, body); err != nil {
		t.Errorf("%s %s -> %d does not fit the OpenAPI document: %v\n%s", req.Method, req.URL.RequestURI(), res.StatusCode, err, body)
	}
}

// apiValidate is apiCheck's test, returning what is wrong.
func apiValidate(spec *apiSpec, req *http.Request, status int, header http.Header, body []byte) error {
	route, params, err := spec.router.FindRoute(req)
	if err != nil {
		return err
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// apiClient sends API requests as one caller: with a bearer token when
// token is set, else through a signed-in browser's cookies (or none).
type apiClient struct {
	base  string
	token string
	c     *http.Client
}

// apiAnswer is one response with its body read.
type apiAnswer struct {
	req    *http.Request
	res    *http.Response
	body   []byte
	status int
}

// do sends body as it is (JSON or not) with Content-Type application/json
// when body is not empty.
func (c *apiClient) do(t testing.TB, method, path, body string) apiAnswer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, path, err)
	}
	// The request as the router sees it: the body has been sent already.
	check, _ := http.NewRequest(method, c.base+path, bytes.NewReader(nil))
	return apiAnswer{req: check, res: res, body: data, status: res.StatusCode}
}
