package activity_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/jobs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestPeriodKey(t *testing.T) {
	for _, c := range []struct {
		at     time.Time
		period activity.Mode
		want   string
	}{
		{time.Date(2026, 11, 23, 0, 30, 0, 0, time.UTC), activity.Daily, "2026-11-23"},
		{time.Date(2026, 11, 23, 23, 59, 0, 0, time.FixedZone("NZ", 13*3600)), activity.Daily, "2026-11-23"}, // 10:59 UTC
		{time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), activity.Weekly, "2026-W48"},
		{time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC), activity.Weekly, "2026-W53"}, // ISO year, not calendar year
	} {
		if got := activity.PeriodKey(c.period, c.at); got != c.want {
			t.Errorf("PeriodKey(%s, %s) = %s, want %s", c.period, c.at, got, c.want)
		}
	}
	if got := activity.DigestArgsAt(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)); got != (activity.DigestArgs{Daily: "2026-11-29", Weekly: "2026-W48"}) {
		t.Errorf("DigestArgsAt = %+v", got)
	}
}

func TestDigest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		left := func(who, title string) {
			w.notify(t, activity.Notice{UserIDs: []int64{w.user[who]}, CollectiveID: w.coll, Kind: "member.left",
				Title: title, Link: "/c/river/members"})
		}
		// member.left defaults to the daily digest; cy wants it weekly.
		w.setPrefs(t, "cy", map[string]activity.Mode{"member.left": activity.Weekly})
		left("ana", "Lee left River")
		left("ana", "Kim left River")
		left("ben", "Lee left River")
		left("cy", "Lee left River")
		if got := len(w.emailJobs(t)); got != 0 {
			t.Fatalf("%d e-mail jobs for digest notices", got)
		}

		t.Run("SentOnce", func(t *testing.T) {
			res, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-23")
			if err != nil || res != (activity.DigestResult{Sent: 2, Items: 3}) {
				t.Fatalf("first run = %+v, %v", res, err)
			}
			// The same job again, as after a retry or a second job for the
			// day, with a fresh notice for ana waiting: what went out is
			// marked e-mailed, but only the claim on (ana, day) keeps the
			// fresh notice from making her a second digest for the day.
			left("ana", "Sam left River")
			res, err = w.n.SendDigests(ctx, activity.Daily, "2026-11-23")
			if err != nil || res != (activity.DigestResult{Skipped: 1}) {
				t.Fatalf("second run = %+v, %v", res, err)
			}
			if got := w.rows(t, "user_id = ? AND title = 'Sam left River' AND emailed_at IS NULL", w.user["ana"]); got != 1 {
				t.Fatal("the fresh notice does not wait for the next digest")
			}
			ana := w.mail.to("ana@example.org")
			if len(ana) != 1 || len(w.mail.to("ben@example.org")) != 1 || len(w.mail.to("cy@example.org")) != 0 {
				t.Fatalf("mails: %d total, ana %d", w.mail.count(), len(ana))
			}
			m := ana[0]
			unsub := w.n.UnsubscribeURL(w.user["ana"], "*")
			if m.Subject != "Your daily digest: 2 notifications" || !strings.Contains(m.Body, "* Lee left River\n  "+ntBase+"/c/river/members") ||
				!strings.Contains(m.Body, "* Kim left River") || !strings.HasSuffix(m.Body, "Unsubscribe from all notification e-mail: "+unsub+"\n") ||
				m.Headers["List-Unsubscribe"] != "<"+unsub+">" || m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
				t.Fatalf("digest = %+v", m)
			}
		})

		t.Run("LaterNoticesWaitForTheNextPeriod", func(t *testing.T) {
			res, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-24")
			if err != nil || res != (activity.DigestResult{Sent: 1, Items: 1}) {
				t.Fatalf("next day = %+v, %v", res, err)
			}
			ana := w.mail.to("ana@example.org")
			if len(ana) != 2 || ana[1].Subject != "Your daily digest: 1 notification" || !strings.Contains(ana[1].Body, "* Sam left River") ||
				strings.Contains(ana[1].Body, "Kim left") {
				t.Fatalf("ana's mails = %+v", ana)
			}
		})

		t.Run("WeeklyApart", func(t *testing.T) {
			res, err := w.n.SendDigests(ctx, activity.Weekly, "2026-W48")
			if err != nil || res != (activity.DigestResult{Sent: 1, Items: 1}) {
				t.Fatalf("weekly = %+v, %v", res, err)
			}
			if cy := w.mail.to("cy@example.org"); len(cy) != 1 || cy[0].Subject != "Your weekly digest: 1 notification" {
				t.Fatalf("cy's mails = %+v", cy)
			}
		})

		t.Run("FailedSendIsRetried", func(t *testing.T) {
			left("ben", "Kim left River")
			w.mail.setFail(true)
			res, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-25")
			if err == nil || res != (activity.DigestResult{Failed: 1}) {
				t.Fatalf("failing run = %+v, %v", res, err)
			}
			w.mail.setFail(false)
			res, err = w.n.SendDigests(ctx, activity.Daily, "2026-11-25")
			if err != nil || res != (activity.DigestResult{Sent: 1, Items: 1}) {
				t.Fatalf("retry = %+v, %v", res, err)
			}
			if ben := w.mail.to("ben@example.org"); len(ben) != 2 || !strings.Contains(ben[1].Body, "Kim left River") {
				t.Fatalf("ben's mails = %+v", ben)
			}
		})

		// At most once: a crash after the claim and before the send loses
		// that digest; the rerun skips it and the notice stays in the app.
		t.Run("CrashBetweenClaimAndSendLosesTheDigest", func(t *testing.T) {
			left("ben", "Ivy left River")
			before := len(w.mail.to("ben@example.org"))
			if w.mail.crashDuring(func() { _, _ = w.n.SendDigests(ctx, activity.Daily, "2026-11-26") }) {
				t.Fatal("SendDigests did not reach the mailer")
			}
			res, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-26")
			if err != nil || res != (activity.DigestResult{}) {
				t.Fatalf("rerun after the crash = %+v, %v; want nothing waiting", res, err)
			}
			if got := len(w.mail.to("ben@example.org")); got != before {
				t.Fatalf("ben got %d mails after the crash, want %d", got, before)
			}
			if got := w.rows(t, "user_id = ? AND title = 'Ivy left River' AND emailed_at IS NOT NULL AND read_at IS NULL", w.user["ben"]); got != 1 {
				t.Fatal("the notice is not kept, unread and marked e-mailed, after the crash")
			}
		})

		t.Run("ErrPeriod", func(t *testing.T) {
			if _, err := w.n.SendDigests(ctx, activity.Immediately, "2026-11-25"); err == nil {
				t.Fatal("a digest for immediately was accepted")
			}
		})
	})
}

// TestDigestJobRunsOnce runs the digest through the queue: the same
// period queued twice, and a second job over an overlapping period, send
// each person one e-mail.
func TestDigestJobRunsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		db.Now = func() time.Time { return time.Now().UTC() } // River compares its own times with ours
		for _, who := range []string{"ana", "ben"} {
			w.notify(t, activity.Notice{UserIDs: []int64{w.user[who]}, Kind: "invitation.accepted", Title: "Ivy joined River"})
		}
		q, err := jobs.Open(ctx, db, jobs.Options{PollInterval: 50 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		jobs.Add(q, &activity.EmailWorker{N: w.n})
		jobs.Add(q, &activity.DigestWorker{N: w.n})
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = q.Stop(stop)
			q.Close()
		})
		var ids []int64
		for _, args := range []activity.DigestArgs{
			{Daily: "2026-11-23"}, {Daily: "2026-11-23"}, {Daily: "2026-11-23", Weekly: "2026-W48"},
		} {
			id, err := q.EnqueueNow(ctx, args, jobs.Owner{Title: "Digest"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if ids[0] != ids[1] {
			t.Errorf("the same digest queued twice made jobs %d and %d", ids[0], ids[1])
		}
		for _, id := range ids {
			deadline := time.Now().Add(20 * time.Second)
			for {
				j, err := q.Get(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if j.Finished() {
					if j.State != "completed" {
						t.Fatalf("job %d: %s %v", id, j.State, j.Errors)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job %d still %s", id, j.State)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		if a, b := len(w.mail.to("ana@example.org")), len(w.mail.to("ben@example.org")); a != 1 || b != 1 || w.mail.count() != 2 {
			t.Fatalf("mails: ana %d, ben %d, total %d; want one each", a, b, w.mail.count())
		}
		// The two jobs may have run one after the other (the second finds
		// nothing waiting) or side by side (it finds the digests claimed):
		// either way two were sent, by one of them.
		var sent int
		for _, id := range []int64{ids[0], ids[2]} {
			j, _ := q.Get(ctx, id)
			var res map[string]activity.DigestResult
			if err := json.Unmarshal(j.Result, &res); err != nil {
				t.Fatalf("job %d result %s: %v", id, j.Result, err)
			}
			sent += res["2026-11-23"].Sent
		}
		if sent != 2 {
			t.Fatalf("the jobs' results count %d daily digests sent, want 2", sent)
		}
	})
}
