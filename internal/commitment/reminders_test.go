package commitment

import (
	"context"
	"testing"
	"time"
)

// TestReminders: on 11-23 at 09:00
//
//	c1 A→B          due 11-24, accepted          due soon; overdue on 11-25
//	c2 A→Library    due 11-23, accepted by C     due soon; overdue on 11-25 (to B and C)
//	c3 A→collective accepted, marked done 11-23  confirmation waits on 11-25 (to the steward)
//	c4 A→B          due 11-24, only proposed     never reminded
//	c5 A→B          due 11-24, kept              never reminded
//	c6 A→B          due 11-30, accepted          not yet due soon
func TestReminders(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		c1 := f.commit(t, f.A, sized(f.B, "one", NoSize, "", day(1)))
		in2 := sized(f.B, "two\nlines", NoSize, "", day(0))
		in2.RecipientKind, in2.RecipientMemberID, in2.RecipientOrgID = ToOrganisation, 0, f.OrgB.ID
		c2 := f.commit(t, f.A, in2)
		c3 := f.commit(t, f.A, Input{What: "three", Kind: Do, RecipientKind: ToCollective})
		c4 := f.commit(t, f.A, sized(f.B, "four", NoSize, "", day(1)))
		c5 := f.commit(t, f.A, sized(f.B, "five", NoSize, "", day(1)))
		c6 := f.commit(t, f.A, sized(f.B, "six", NoSize, "", day(7)))
		f.move(t, f.B, c1.ID, Accept)
		f.move(t, f.C, c2.ID, Accept)
		f.move(t, f.Steward, c3.ID, Accept)
		f.move(t, f.A, c3.ID, MarkDone)
		f.move(t, f.B, c5.ID, Accept)
		f.move(t, f.B, c5.ID, Confirm)
		f.move(t, f.B, c6.ID, Accept)
		all := []*Commitment{c1, c2, c3, c4, c5, c6}
		marks := func() [][3]bool {
			var out [][3]bool
			for _, c := range all {
				out = append(out, f.reminded(t, c.ID))
			}
			return out
		}
		run := func(t *testing.T, at time.Time) Sent {
			t.Helper()
			f.Clock.Set(at)
			sent, err := f.S.SendReminders(ctx, at)
			ok(t, err)
			return sent
		}
		none := [3]bool{}

		t.Run("NoNotifier", func(t *testing.T) {
			same(t, "sent", run(t, testStart), Sent{})
			same(t, "marks", marks(), [][3]bool{none, none, none, none, none, none})
		})
		f.withNotify()
		link := func(c *Commitment) string { return "/c/river/commitments/" + itoa(c.ID) }
		dueSoon := []noticeRow{
			{f.A.User.ID, KindDueSoon, "Due on 2026-11-24: one", link(c1)},
			{f.A.User.ID, KindDueSoon, "Due on 2026-11-23: two lines", link(c2)},
		}
		t.Run("DueSoon", func(t *testing.T) {
			same(t, "sent", run(t, testStart), Sent{DueSoon: 2})
			same(t, "again", run(t, testStart.Add(time.Hour)), Sent{})
			same(t, "notices", f.notices(t, "commitment."), dueSoon)
			same(t, "marks", marks(), [][3]bool{{true, false, false}, {true, false, false}, none, none, none, none})
		})
		t.Run("OverdueAndConfirm", func(t *testing.T) {
			later := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
			same(t, "sent", run(t, later), Sent{Overdue: 2, Confirm: 1})
			same(t, "again", run(t, later.Add(time.Hour)), Sent{})
			want := []noticeRow{
				{f.Steward.User.ID, KindConfirmWaiting, "Ana Adler marked a promise done: three", link(c3)},
				dueSoon[0], dueSoon[1],
				{f.A.User.ID, KindOverdue, "Past its due date: one", link(c1)},
				{f.A.User.ID, KindOverdue, "Past its due date: two lines", link(c2)},
				{f.B.User.ID, KindOverdueToYou, "Ana Adler's promise is past its due date: one", link(c1)},
				{f.B.User.ID, KindOverdueToYou, "Ana Adler's promise is past its due date: two lines", link(c2)},
				{f.C.User.ID, KindOverdueToYou, "Ana Adler's promise is past its due date: two lines", link(c2)},
			}
			same(t, "notices", f.notices(t, "commitment."), want)
			same(t, "marks", marks(), [][3]bool{{true, true, false}, {true, true, false}, {false, false, true}, none, none, none})
		})
		t.Run("NotForClosed", func(t *testing.T) {
			// c6 is kept before it falls due: nothing more is sent for it.
			f.Clock.Set(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
			f.move(t, f.B, c6.ID, Confirm)
			before := len(f.notices(t, "commitment."))
			same(t, "sent", run(t, time.Date(2026, 12, 9, 9, 0, 0, 0, time.UTC)), Sent{})
			same(t, "notices", len(f.notices(t, "commitment.")), before)
			same(t, "c6", f.reminded(t, c6.ID), none)
		})
	})
}

// TestRemindersConcurrent: two runs at once still send each reminder once.
func TestRemindersConcurrent(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.withNotify()
		c := f.commit(t, f.A, sized(f.B, "one", NoSize, "", day(1)))
		f.move(t, f.B, c.ID, Accept)
		results := make(chan Sent, 2)
		for range 2 {
			go func() {
				sent, err := f.S.SendReminders(context.Background(), testStart)
				if err != nil {
					t.Error(err)
				}
				results <- sent
			}()
		}
		a, b := <-results, <-results
		same(t, "sent in all", a.DueSoon+b.DueSoon, 1)
		n := f.notices(t, KindDueSoon)
		same(t, "notices", len(n), 1)
		var body string
		ok(t, f.DB.Get(context.Background(), &body, "SELECT body FROM notifications WHERE kind = ?", KindDueSoon))
		same(t, "body", body, "You promised Ben Brook: one. It is due on 2026-11-24. When it is done, mark it done so "+
			"Ben Brook can confirm it; if you cannot keep it, ask to be released.")
	})
}
