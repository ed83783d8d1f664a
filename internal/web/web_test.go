package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store/storetest"
)

func TestStatus(t *testing.T) {
	cases := map[string]int{errs.Invalid: 422, errs.NotFound: 404, errs.Unauthorized: 401, errs.Forbidden: 403,
		errs.Conflict: 409, errs.TooLarge: 413, errs.RateLimited: 429, errs.Gone: 410, errs.Internal: 500}
	for code, want := range cases {
		if got := Status(errs.New(code, "x")); got != want {
			t.Errorf("Status(%s) = %d, want %d", code, got, want)
		}
	}
	if got := Status(errTest("plain")); got != 500 {
		t.Errorf("a foreign error maps to %d, want 500", got)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func TestPager(t *testing.T) {
	p := Pager{Page: 3, PerPage: 50, Total: 120, Query: url.Values{"q": {"ann"}, "page": {"3"}}}
	if p.Pages() != 3 || p.First() != 101 || p.Last() != 120 || !p.HasPrev() || p.HasNext() {
		t.Fatalf("pager figures wrong: pages %d first %d last %d", p.Pages(), p.First(), p.Last())
	}
	if got := p.URL(2); got != "?page=2&q=ann" {
		t.Errorf("URL(2) = %q", got)
	}
	if got := p.URL(1); got != "?q=ann" {
		t.Errorf("URL(1) = %q", got)
	}
	if (Pager{PerPage: 50}).Pages() != 1 {
		t.Error("an empty list has one page")
	}
	for in, want := range map[string]int{"": 1, "0": 1, "-4": 1, "x": 1, "7": 7} {
		if got := PageParam(url.Values{"page": {in}}); got != want {
			t.Errorf("PageParam(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestClientIP(t *testing.T) {
	s := &Server{Config: Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}}
	cases := []struct{ remote, xff, want string }{
		{"203.0.113.9:5000", "", "203.0.113.9"},
		{"203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},                  // not from a proxy: header ignored
		{"10.0.0.2:5000", "198.51.100.1", "198.51.100.1"},                    // from the proxy: believed
		{"10.0.0.2:5000", "1.2.3.4, 198.51.100.1, 10.0.0.3", "198.51.100.1"}, // right-most untrusted hop
		{"10.0.0.2:5000", "", "10.0.0.2"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.clientIP(r); got != c.want {
			t.Errorf("clientIP(%s, %q) = %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
}

func TestMiddleware(t *testing.T) {
	s := New(Config{MaxBodyBytes: 64, UploadBytes: 256}, storetest.SQLite(t))
	s.APIUpload("PUT /api/v1/upload/{id}", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			s.Error(w, r, errs.New(errs.TooLarge, "too large"))
			return
		}
		JSON(w, 200, map[string]int{"bytes": len(b)})
	})
	s.API("POST /api/v1/echo", func(w http.ResponseWriter, r *http.Request) {
		if !ParseForm(w, r, s) {
			return
		}
		JSON(w, 200, map[string]string{"ok": "yes"})
	})
	s.API("GET /api/v1/missing", func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, errs.Field("name", "Enter a name."))
	})
	s.Page("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	h := s.Handler()

	t.Run("ErrTooLarge", func(t *testing.T) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader("a="+strings.Repeat("x", 100)))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(w, r)
		var doc ProblemDoc
		if err := json.NewDecoder(w.Body).Decode(&doc); err != nil || w.Code != 413 || doc.Code != errs.TooLarge {
			t.Fatalf("status %d, doc %+v, err %v", w.Code, doc, err)
		}
	})
	t.Run("UploadRouteTakesMore", func(t *testing.T) {
		for _, c := range []struct {
			size, want int
		}{{200, 200}, {300, 413}} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("PUT", "/api/v1/upload/7", strings.NewReader(strings.Repeat("x", c.size))))
			if w.Code != c.want {
				t.Errorf("%d bytes: status %d, want %d", c.size, w.Code, c.want)
			}
		}
		// The larger limit is the upload route's alone.
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader("a="+strings.Repeat("x", 100)))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(w, r)
		if w.Code != 413 {
			t.Errorf("echo with 102 bytes: status %d, want 413", w.Code)
		}
	})
	t.Run("ProblemNamesField", func(t *testing.T) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/missing", nil))
		var doc ProblemDoc
		_ = json.NewDecoder(w.Body).Decode(&doc)
		if w.Code != 422 || doc.Field != "name" || doc.Detail != "Enter a name." || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("status %d, doc %+v", w.Code, doc)
		}
	})
	t.Run("ErrCrossOrigin", func(t *testing.T) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader("a=b"))
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		h.ServeHTTP(w, r)
		if w.Code != http.StatusForbidden {
			t.Fatalf("cross-site POST got %d, want 403", w.Code)
		}
	})
	t.Run("PanicIs500Page", func(t *testing.T) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/boom", nil))
		if w.Code != 500 || !strings.Contains(w.Body.String(), "Something went wrong on our side") || strings.Contains(w.Body.String(), "boom") {
			t.Fatalf("status %d body %q", w.Code, w.Body.String())
		}
		if w.Header().Get("X-Request-Id") == "" || w.Header().Get("Content-Security-Policy") == "" {
			t.Error("request id or security headers missing")
		}
	})
	t.Run("AssetIsChecksummed", func(t *testing.T) {
		url := s.assetURL("style.css")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", url, nil))
		if w.Code != 200 || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
			t.Fatalf("%s: status %d headers %v", url, w.Code, w.Header())
		}
		w = httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/assets/style.000000000000.css", nil))
		if w.Code != 404 {
			t.Fatalf("a stale asset URL got %d", w.Code)
		}
	})
}

func TestSessionCodec(t *testing.T) {
	c := sessionCodec{}
	deadline := time.Date(2026, 12, 1, 8, 30, 0, 123, time.UTC)
	in := map[string]any{"uid": int64(42), "epoch": int64(-3), "flash": "Saved — thank you", "": ""}
	b, err := c.Encode(deadline, in)
	if err != nil {
		t.Fatal(err)
	}
	got, values, err := c.Decode(b)
	if err != nil || !got.Equal(deadline) || !reflect.DeepEqual(values, in) {
		t.Fatalf("round trip: %v %v %v", got, values, err)
	}
	if _, err := c.Encode(deadline, map[string]any{"n": 3}); err == nil {
		t.Fatal("an int (not int64) was accepted")
	}
	for i := range b {
		if _, _, err := c.Decode(b[:i]); err == nil && i > 0 && i < len(b) {
			// A prefix may decode when it ends between two values; it must
			// never panic, which reaching here shows.
			continue
		}
	}
	if _, _, err := c.Decode([]byte{0x02, 'x', 0x01, 'k'}); err == nil {
		t.Fatal("an unknown tag was accepted")
	}
}
