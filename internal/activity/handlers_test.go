package activity_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// serve wires the handlers with w's member of "one" signed in, readers as
// the app would give them.
func serve(t *testing.T, w *world, who string, roles ...string) *httptest.Server {
	t.Helper()
	srv := web.New(web.Config{Secret: []byte("test secret, thirty-two bytes!!")}, w.db)
	user := &auth.User{ID: w.user[who], Name: "Name of " + who, TimeZone: "UTC"}
	srv.Load = func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(rw, r.WithContext(auth.WithUser(r.Context(), user)))
		})
	}
	h := &activity.Handlers{Log: &activity.Log{DB: w.db}, Web: srv,
		Reader: func(_ context.Context, slug string) (activity.Reader, error) {
			if slug != "one" {
				return activity.Reader{}, errs.New(errs.NotFound, "There is no collective at that address.")
			}
			return w.reader(who, "one", roles...), nil
		},
		Memberships: func(context.Context) ([]activity.Reader, error) {
			return []activity.Reader{w.reader(who, "one", roles...)}, nil
		},
		MemberUser: func(_ context.Context, _ string, memberID int64) (int64, string, error) {
			if memberID != 7 {
				return 0, "", errs.New(errs.NotFound, "That person is not a member.")
			}
			return w.user["steward"], "Name of steward", nil
		},
	}
	h.Register()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, string) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestHandlers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for _, name := range []string{"a", "b", "c"} {
			w.record(t, name, "one", "steward", activity.Everyone)
		}
		w.record(t, "secret", "one", "steward", activity.Stewards)
		ts := serve(t, w, "member", auth.Member)
		var list struct {
			Items []activity.Item `json:"items"`
			Next  string          `json:"next"`
		}
		t.Run("APIPages", func(t *testing.T) {
			status, body := get(t, ts, "/api/v1/collectives/one/activity?limit=2")
			if status != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Items) != 2 || list.Next == "" ||
				list.Items[0].Summary != "Entry c." || list.Items[0].Collective != "one" {
				t.Fatalf("%d %s", status, body)
			}
			status, body = get(t, ts, "/api/v1/collectives/one/activity?limit=2&cursor="+url.QueryEscape(list.Next))
			var rest struct {
				Items []activity.Item `json:"items"`
				Next  string          `json:"next"`
			}
			if status != 200 || json.Unmarshal([]byte(body), &rest) != nil || len(rest.Items) != 1 || rest.Next != "" ||
				rest.Items[0].Summary != "Entry a." {
				t.Fatalf("%d %s", status, body)
			}
		})
		for _, c := range []struct{ name, path, field string }{
			{"ErrCursorTampered", "/api/v1/collectives/one/activity?cursor=" + tamper(list.Next), "cursor"},
			{"ErrCursorGarbage", "/api/v1/activity?cursor=nonsense", "cursor"},
			{"ErrLimitZero", "/api/v1/collectives/one/activity?limit=0", "limit"},
			{"ErrLimitWord", "/api/v1/activity?limit=many", "limit"},
			{"ErrMemberUnknown", "/api/v1/collectives/one/activity?member=8", "member"},
			{"ErrMemberOnPersonalFeed", "/api/v1/activity?member=7", "member"},
		} {
			t.Run(c.name, func(t *testing.T) {
				status, body := get(t, ts, c.path)
				var p struct {
					Code  string `json:"code"`
					Field string `json:"field"`
				}
				if status != 422 || json.Unmarshal([]byte(body), &p) != nil || p.Code != "invalid" || p.Field != c.field {
					t.Fatalf("%d %s", status, body)
				}
			})
		}
		t.Run("APINotFound", func(t *testing.T) {
			if status, body := get(t, ts, "/api/v1/collectives/elsewhere/activity"); status != 404 || !strings.Contains(body, `"not_found"`) {
				t.Fatalf("%d %s", status, body)
			}
		})
		t.Run("MemberFilter", func(t *testing.T) {
			status, body := get(t, ts, "/c/one/activity?member=7")
			if status != 200 || !strings.Contains(body, "<h1>Activity of Name of steward</h1>") || !strings.Contains(body, "Entry b.") ||
				strings.Contains(body, "Entry secret.") {
				t.Fatalf("%d %s", status, body)
			}
		})
		t.Run("PersonPage", func(t *testing.T) {
			status, body := get(t, ts, "/activity?limit=1")
			if status != 200 || !strings.Contains(body, "Entry c.") || strings.Contains(body, "Entry b.") ||
				!strings.Contains(body, `rel="next">Older entries</a>`) || !strings.Contains(body, `<a href="/c/one/activity">Collective one</a>`) {
				t.Fatalf("%d %s", status, body)
			}
		})
	})
}

// tamper changes one character of a cursor.
func tamper(c string) string {
	if c == "" {
		return "x"
	}
	b := []byte(c)
	if b[len(b)-1] == 'A' {
		b[len(b)-1] = 'B'
	} else {
		b[len(b)-1] = 'A'
	}
	return string(b)
}
