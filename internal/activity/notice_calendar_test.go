package activity_test

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestNoticeCalendar checks the calendar part a notice may carry (an iMIP
// invitation): stored with the notification, sent as the e-mail's
// calendar part, left out of digests, and refused when malformed.
func TestNoticeCalendar(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		ics := "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
		// member.roles_changed goes at once by default; member.left waits
		// for the daily digest: enough to see both paths.
		invite := activity.Notice{CollectiveID: w.coll, Kind: "member.roles_changed", Title: "Invitation: Spring round",
			Body: "Pick three quick wins.", Link: "/c/river", Calendar: &activity.NoticeCalendar{Method: "REQUEST", Content: []byte(ics)}}

		t.Run("OK", func(t *testing.T) {
			n := invite
			n.UserIDs = []int64{w.user["ana"]}
			w.notify(t, n)
			if got := w.rows(t, "user_id = ? AND calendar_method = 'REQUEST' AND calendar = ?", w.user["ana"], ics); got != 1 {
				t.Fatalf("%d rows with the calendar, want 1", got)
			}
			ids := w.emailJobs(t)
			if sent, err := w.n.SendEmail(ctx, ids[len(ids)-1]); err != nil || !sent {
				t.Fatalf("SendEmail = %v, %v", sent, err)
			}
			got := w.mail.to("ana@example.org")
			if len(got) != 1 || got[0].CalendarMethod != "REQUEST" || got[0].Calendar != ics || got[0].Subject != invite.Title {
				t.Fatalf("mail %+v", got)
			}
		})

		t.Run("OKDigestLeavesItOut", func(t *testing.T) {
			n := invite
			n.Kind, n.Title, n.UserIDs = "member.left", "Invitation: Autumn round", []int64{w.user["ben"]}
			w.notify(t, n)
			if _, err := w.n.SendDigests(ctx, activity.Daily, "2026-11-23"); err != nil {
				t.Fatal(err)
			}
			got := w.mail.to("ben@example.org")
			if len(got) != 1 || got[0].Calendar != "" || got[0].CalendarMethod != "" || !strings.Contains(got[0].Body, "Invitation: Autumn round") {
				t.Fatalf("digest %+v", got)
			}
		})

		t.Run("ErrMethod", func(t *testing.T) {
			before := w.rows(t, "1 = 1")
			n := invite
			n.UserIDs, n.Calendar = []int64{w.user["cy"]}, &activity.NoticeCalendar{Method: "PUBLISHED", Content: []byte(ics)}
			err := db.Write(ctx, func(tx *store.Tx) error { return w.n.Notify(ctx, tx, n) })
			if errs.FieldOf(err) != "calendar" || errs.Message(err) != `The calendar method "PUBLISHED" is not one of REQUEST, CANCEL, PUBLISH.` {
				t.Fatalf("error %v", err)
			}
			n.Calendar = &activity.NoticeCalendar{Method: "CANCEL"}
			err = db.Write(ctx, func(tx *store.Tx) error { return w.n.Notify(ctx, tx, n) })
			if errs.FieldOf(err) != "calendar" || errs.Message(err) != "A notification's calendar part must hold between 1 byte and 256 KiB." {
				t.Fatalf("error %v", err)
			}
			if after := w.rows(t, "1 = 1"); after != before {
				t.Fatalf("%d rows after refusals, %d before", after, before)
			}
		})
	})
}
