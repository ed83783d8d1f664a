package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/jobs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestPruneJobRuns works the prune job in a wired app: expired rows go,
// current ones stay, the result and progress show in the API, which fits
// the OpenAPI document; a second run finds nothing left (idempotent).
func TestPruneJobRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		auth.Params.Memory, auth.Params.Time = 64, 1
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		admin, err := a.Auth.CreateUser(ctx, "admin@example.org", "Ada Admin", scPassword, true)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		err = db.Write(ctx, func(tx *store.Tx) error {
			for i, exp := range []time.Time{now.Add(-time.Hour), now.Add(-time.Minute), now.Add(time.Hour)} {
				if _, err := tx.Exec(ctx, "INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)", fmt.Sprint("s", i), []byte("x"), exp); err != nil {
					return err
				}
			}
			for i, r := range []struct {
				exp  time.Time
				used bool
			}{{now.Add(-time.Hour), false}, {now.Add(time.Hour), true}, {now.Add(time.Hour), false}} {
				var used any
				if r.used {
					used = now
				}
				if _, err := tx.Exec(ctx, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)",
					fmt.Sprint("r", i), admin.ID, now, r.exp, used); err != nil {
					return err
				}
			}
			for _, at := range []time.Time{now.Add(-auth.FailureWindow - time.Minute), now} {
				if _, err := tx.Exec(ctx, "INSERT INTO login_failures (key, at) VALUES (?, ?)", "k", at); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = a.StopJobs(context.Background()) })
		run := func(want jobs.PruneResult) *jobs.Job {
			t.Helper()
			id, err := a.Jobs.EnqueueNow(ctx, jobs.PruneArgs{}, jobs.Owner{UserID: admin.ID})
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(15 * time.Second)
			for {
				j, err := a.Jobs.Get(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if j.Finished() {
					var got jobs.PruneResult
					if j.State != "completed" || json.Unmarshal(j.Result, &got) != nil || got != want {
						t.Fatalf("prune: %+v, result %s, want %+v", j, j.Result, want)
					}
					return j
				}
				if time.Now().After(deadline) {
					t.Fatalf("prune did not finish: %+v", j)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		j := run(jobs.PruneResult{Sessions: 2, PasswordResets: 2, LoginFailures: 1})
		if j.Done != 5 || j.Total != 5 || j.Message != "Removed 5 rows" || j.Title != "Prune expired sessions" {
			t.Fatalf("progress: %+v", j)
		}
		var sessions, resets, failures int
		for q, n := range map[string]*int{"SELECT COUNT(*) FROM sessions": &sessions,
			"SELECT COUNT(*) FROM password_resets": &resets, "SELECT COUNT(*) FROM login_failures": &failures} {
			if err := db.Get(ctx, n, q); err != nil {
				t.Fatal(err)
			}
		}
		if sessions != 1 || resets != 1 || failures != 1 {
			t.Fatalf("left: %d sessions, %d resets, %d failures; want 1 each", sessions, resets, failures)
		}
		run(jobs.PruneResult{}) // nothing left to remove

		// The API shows the job, in the documented shape.
		srv := httptest.NewServer(a.Web.Handler())
		t.Cleanup(srv.Close)
		spec := apiLoadSpec(t, a.Web.Handler())
		f := &scFixture{app: a, srv: srv, user: map[string]*auth.User{"admin": admin}}
		b := f.signIn(t, "admin")
		c := &apiClient{base: srv.URL, c: b.c}
		got := c.do(t, "GET", fmt.Sprintf("/api/v1/jobs/%d", j.ID), "")
		apiCheck(t, spec, got.req, got.res, got.body)
		var shown jobs.Job
		if err := json.Unmarshal(got.body, &shown); err != nil || got.status != 200 || shown.ID != j.ID || shown.Done != 5 {
			t.Fatalf("GET job: %d %s", got.status, got.body)
		}
		// Page through one job at a time: IDs fall, and the prune is there.
		// (An admin sees every job, the periodic ones too.)
		cursor, last, found, pages := "", int64(1<<62), false, 0
		for {
			list := c.do(t, "GET", "/api/v1/jobs?limit=1&cursor="+cursor, "")
			apiCheck(t, spec, list.req, list.res, list.body)
			var page struct {
				Items []jobs.Job `json:"items"`
				Next  string     `json:"next"`
			}
			if err := json.Unmarshal(list.body, &page); err != nil || list.status != 200 || len(page.Items) != 1 || page.Items[0].ID >= last {
				t.Fatalf("GET jobs page %d: %d %s", pages, list.status, list.body)
			}
			last, pages = page.Items[0].ID, pages+1
			found = found || last == j.ID
			if page.Next == "" {
				break
			}
			cursor = page.Next
		}
		var total int
		if err := db.Get(ctx, &total, "SELECT COUNT(*) FROM job_runs"); err != nil {
			t.Fatal(err)
		}
		if !found || pages != total {
			t.Fatalf("paged through %d jobs of %d, prune found: %v", pages, total, found)
		}
		bad := c.do(t, "GET", "/api/v1/jobs?cursor=forged", "")
		apiCheck(t, spec, bad.req, bad.res, bad.body)
		if bad.status != 422 || !strings.Contains(string(bad.body), `"field":"cursor"`) {
			t.Fatalf("forged cursor: %d %s", bad.status, bad.body)
		}
	})
}
