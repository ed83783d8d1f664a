package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"commonground/internal/errs"
)

type decodeTarget struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Tags  []string `json:"tags"`
	Inner struct {
		On bool `json:"on"`
	} `json:"inner"`
}

func TestDecodeJSON(t *testing.T) {
	cases := []struct {
		name, body, contentType string
		wantField, wantMessage  string
		wantCode                string
	}{
		{"OK", `{"name":"Ana","count":3,"tags":["a"],"inner":{"on":true}}`, "application/json", "", "", ""},
		{"OKNoContentType", `{"name":"Ana"}`, "", "", "", ""},
		{"ErrUnknownField", `{"name":"Ana","colour":"red"}`, "application/json", "colour", "There is no field colour here.", errs.Invalid},
		{"ErrWrongType", `{"count":"three"}`, "application/json", "count", "count must be a whole number, not string.", errs.Invalid},
		{"ErrWrongNestedType", `{"inner":{"on":"yes"}}`, "application/json", "inner.on", "inner.on must be true or false, not string.", errs.Invalid},
		{"ErrWrongArrayType", `{"tags":"a"}`, "application/json", "tags", "tags must be an array, not string.", errs.Invalid},
		{"ErrMalformed", `{"name":`, "application/json", "", "The body is not valid JSON.", errs.Invalid},
		{"ErrSyntax", `{name}`, "application/json", "", "The body is not valid JSON.", errs.Invalid},
		{"ErrEmpty", ``, "application/json", "", "The body is empty; send a JSON object.", errs.Invalid},
		{"ErrNotObject", `[1,2]`, "application/json", "", "The body must be a JSON object.", errs.Invalid},
		{"ErrTrailing", `{"name":"a"} {"name":"b"}`, "application/json", "", "The body must hold one JSON object and nothing after it.", errs.Invalid},
		{"ErrForm", `name=a`, "application/x-www-form-urlencoded", "", "Send the body as application/json.", errs.Invalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(c.body))
			if c.contentType != "" {
				r.Header.Set("Content-Type", c.contentType)
			}
			var v decodeTarget
			err := DecodeJSON(r, &v)
			if c.wantCode == "" {
				if err != nil || v.Name != "Ana" {
					t.Fatalf("err %v, decoded %+v", err, v)
				}
				return
			}
			if errs.Code(err) != c.wantCode || errs.FieldOf(err) != c.wantField || errs.Message(err) != c.wantMessage {
				t.Fatalf("got code %q field %q message %q", errs.Code(err), errs.FieldOf(err), errs.Message(err))
			}
		})
	}
	t.Run("ErrTooLarge", func(t *testing.T) {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(`{"name":"`+strings.Repeat("a", 100)+`"}`))
		r.Body = http.MaxBytesReader(rec, r.Body, 20)
		var v decodeTarget
		if err := DecodeJSON(r, &v); errs.Code(err) != errs.TooLarge {
			t.Fatalf("got %v, want too_large", err)
		}
	})
}

func TestCursor(t *testing.T) {
	s := &Server{Config: Config{Secret: []byte("0123456789abcdef0123456789abcdef")}}
	type key struct {
		Name string `json:"n"`
		ID   int64  `json:"i"`
	}
	c := s.SignCursor(key{"Okafor", 42})
	var got key
	if err := s.ReadCursor(c, &got); err != nil || got != (key{"Okafor", 42}) {
		t.Fatalf("round trip: %v %+v", err, got)
	}
	var empty key
	if err := s.ReadCursor("", &empty); err != nil || empty != (key{}) {
		t.Fatalf("empty cursor: %v %+v", err, empty)
	}
	other := &Server{Config: Config{Secret: []byte("another secret entirely, 32 byte")}}
	tampered := []byte(c)
	tampered[len(tampered)-2] ^= 1
	for name, bad := range map[string]string{
		"Tampered":     string(tampered),
		"NotBase64":    "!!!",
		"Short":        "abc",
		"OtherSecret":  other.SignCursor(key{"Okafor", 42}),
		"WrongPayload": s.SignCursor(map[string]any{"zz": 1}),
	} {
		t.Run("Err"+name, func(t *testing.T) {
			var k key
			err := s.ReadCursor(bad, &k)
			if errs.FieldOf(err) != "cursor" || errs.Code(err) != errs.Invalid {
				t.Fatalf("got %v, want an invalid cursor field", err)
			}
		})
	}
}

func TestReadTokenCannotWrite(t *testing.T) {
	s := New(Config{Secret: []byte("k")}, nil)
	s.API("POST /api/v1/things", func(w http.ResponseWriter, r *http.Request) { JSON(w, 201, map[string]string{"ok": "yes"}) })
	s.API("GET /api/v1/things", func(w http.ResponseWriter, r *http.Request) { JSON(w, 200, map[string]string{"ok": "yes"}) })
	for _, c := range []struct {
		scope, method string
		want          int
	}{{ScopeRead, "GET", 200}, {ScopeRead, "POST", 403}, {ScopeWrite, "POST", 201}, {"", "POST", 201}} {
		ctx := WithViewer(context.Background(), &Viewer{ID: 1, Scope: c.scope})
		r := httptest.NewRequest(c.method, "/api/v1/things", nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, r)
		if rec.Code != c.want {
			t.Errorf("%s with scope %q: %d, want %d", c.method, c.scope, rec.Code, c.want)
		}
		if c.want == 403 {
			var p ProblemDoc
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Code != errs.Forbidden || !strings.Contains(p.Detail, "only read") {
				t.Errorf("problem %+v (%v)", p, err)
			}
		}
	}
}

func TestOpenAPIMerge(t *testing.T) {
	s := New(Config{Secret: []byte("k")}, nil)
	s.AddOpenAPI([]byte(`{"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}},"components":{"schemas":{"A":{"type":"object"}}}}`))
	s.AddOpenAPI([]byte(`{"paths":{"/b":{}},"components":{"schemas":{"B":{"type":"string"}},"examples":{"E":{"value":1}}}}`))
	var doc struct {
		OpenAPI    string                    `json:"openapi"`
		Paths      map[string]any            `json:"paths"`
		Components map[string]map[string]any `json:"components"`
	}
	if err := json.Unmarshal(s.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Paths["/a"] == nil || doc.Paths["/b"] == nil ||
		doc.Components["schemas"]["A"] == nil || doc.Components["schemas"]["B"] == nil ||
		doc.Components["schemas"]["Problem"] == nil || doc.Components["examples"]["E"] == nil {
		t.Fatalf("merged document lacks parts: %+v", doc)
	}
	t.Run("ErrDuplicatePath", func(t *testing.T) {
		s.AddOpenAPI([]byte(`{"paths":{"/a":{}}}`))
		defer func() {
			if p := recover(); p == nil || !strings.Contains(p.(string), "paths has /a twice") {
				t.Fatalf("panic %v, want a duplicate path", p)
			}
		}()
		s.OpenAPI()
	})
}
