package decision

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
)

// usersOf lists the accounts of people, sorted, as notices address them.
func usersOf(people ...*collective.Access) []int64 {
	var ids []int64
	for _, a := range people {
		ids = append(ids, a.User.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestSendReminders(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		remind := func(want Reminded) {
			t.Helper()
			got, err := f.S.SendReminders(ctx, f.Clock.Now())
			ok(t, err)
			same(t, "reminded at "+f.Clock.Now().String(), got, want)
		}
		p := f.propose(t, f.A, "Buy a van")
		d := f.decide(t, f.A, p.ID, inputFor(Consent))
		// Invited, opening in two days: heard of only once it opens.
		later := testStart.Add(48 * time.Hour)
		in := inputFor(Majority, "Tuesday", "Thursday")
		in.Electorate, in.Invited, in.OpensAt = Invited, []int64{f.C.MemberID, f.D.MemberID}, &later
		q := f.propose(t, f.Steward, "Meeting day")
		s := f.decide(t, f.Steward, q.ID, in)
		same(t, "scheduled", s.Status, Scheduled)
		link := func(id int64) string { return "/c/river/decisions/" + strconv.FormatInt(id, 10) }

		remind(Reminded{Opened: 1})
		// Ana opened it, so she knows.
		same(t, "opened", f.sent(KindOpened), []activity.Notice{{UserIDs: usersOf(f.Steward, f.Facilitator, f.B, f.C, f.D, f.E),
			CollectiveID: f.Coll.ID, Kind: KindOpened, Title: "A decision is open: Buy a van", Link: link(d.ID),
			Body: "You may vote on Buy a van: Shall we? Voting closes on 30 November 2026 at 09:00 UTC."}})
		remind(Reminded{})
		f.vote(t, f.B, d.ID, pos("consent"))
		f.vote(t, f.C, d.ID, pos("consent"))

		// A day before both close; the scheduled one has opened meanwhile.
		f.Clock.Set(testCloses.Add(-23 * time.Hour))
		remind(Reminded{Closing: 1}) // the scheduled one is not open yet: nobody opened it
		_, err := f.S.CloseDue(ctx, f.Clock.Now())
		ok(t, err)
		f.vote(t, f.D, s.ID, one(0))
		remind(Reminded{Opened: 1, Closing: 1})
		remind(Reminded{})
		closing := f.sent(KindClosing)
		same(t, "closing", closing, []activity.Notice{
			{UserIDs: usersOf(f.Steward, f.Facilitator, f.A, f.D, f.E), CollectiveID: f.Coll.ID, Kind: KindClosing,
				Title: "Closes within a day: Buy a van", Link: link(d.ID),
				Body: "You have not voted on Buy a van: Shall we? Voting closes on 30 November 2026 at 09:00 UTC."},
			{UserIDs: usersOf(f.C), CollectiveID: f.Coll.ID, Kind: KindClosing,
				Title: "Closes within a day: Meeting day", Link: link(s.ID),
				Body: "You have not voted on Meeting day: Shall we? Voting closes on 30 November 2026 at 09:00 UTC."}})
		same(t, "opened later", f.sent(KindOpened)[1].UserIDs, usersOf(f.C, f.D))

		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		o, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, OutcomeInput{Statement: "We buy a van.", ReviewOn: "2026-12-01"})
		ok(t, err)
		f.Clock.Set(time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC))
		remind(Reminded{})
		f.Clock.Set(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		remind(Reminded{Reviews: 1})
		remind(Reminded{})
		edit := "/c/river/decisions/outcomes/" + strconv.FormatInt(o.ID, 10) + "/edit"
		review := activity.Notice{UserIDs: usersOf(f.A), CollectiveID: f.Coll.ID, Kind: KindReview,
			Title: "Time to review: Buy a van", Link: edit,
			Body: "You recorded what was decided on Buy a van and set 2026-12-01 to look at it again: We buy a van. " +
				"Correct the outcome or set a new review date."}
		same(t, "review", f.sent(KindReview), []activity.Notice{review})
		// A new date reminds again when it comes.
		ok(t, f.S.UpdateOutcome(ctxOf(f.A), f.A, o.ID, OutcomeInput{Statement: "We buy a van.", ReviewOn: "2026-12-15"}))
		remind(Reminded{})
		f.Clock.Set(time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC))
		remind(Reminded{Reviews: 1})
		same(t, "reviews", len(f.sent(KindReview)), 2)
	})
}

// TestRemindersWithoutNotifier: with nobody to deliver, nothing is sent
// and nothing is marked, so a notifier wired later still sends.
func TestRemindersWithoutNotifier(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		d := f.decide(t, f.A, f.propose(t, f.A, "Buy a van").ID, inputFor(Consent))
		quiet := &Service{DB: f.DB, Collectives: f.Col}
		got, err := quiet.SendReminders(ctx, testCloses.Add(-time.Hour))
		ok(t, err)
		same(t, "sent", got, Reminded{})
		same(t, "marked", f.count(t, `SELECT count(*) FROM decisions WHERE id = ? AND opened_notice_at IS NULL
			AND closing_notice_at IS NULL`, d.ID), 1)
		got, err = f.S.SendReminders(ctx, testCloses.Add(-time.Hour))
		ok(t, err)
		same(t, "sent later", got, Reminded{Opened: 1, Closing: 1})
	})
}
