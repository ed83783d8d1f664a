package gathering

import (
	"context"
	"testing"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// closePoll runs the close hook as the decision feature would.
func (f *fixture) closePoll(t *testing.T, p ClosedPoll) {
	t.Helper()
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error { return f.S.PollClosed(context.Background(), tx, p) }))
}

func TestTimePoll(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		g := f.planAs(t, f.A, pollMeeting())
		t.Run("OKOpened", func(t *testing.T) {
			same(t, "state", []any{g.Status, *g.PollDecisionID, g.StartsAt, g.EndsAt},
				[]any{Scheduling, int64(900), utcAt(2026, 12, 2, 9, 0), utcAt(2026, 12, 2, 10, 30)})
			same(t, "poll", f.Polls.Polls, []TimePoll{{Question: "When shall we hold “Partners' round”?",
				Details: "Agree who leads the spring campaign.", Duration: 90 * time.Minute,
				Starts:   []time.Time{utcAt(2026, 12, 2, 9, 0), utcAt(2026, 12, 3, 13, 0)},
				ClosesAt: utcAt(2026, 11, 30, 17, 0), Subject: Subject(g.ID)}})
			same(t, "no dates", len(f.datesLines(t, g.ID)), 0)
			v, err := f.S.View(ctxOf(f.B), f.B, g.ID, 0)
			ok(t, err)
			same(t, "view", []any{v.Occurrence == nil, v.PollLink}, []any{true, "/c/river/decisions/900"})
			same(t, "nobody told yet", len(f.noticesOf(KindInvited)), 0)
		})
		t.Run("OKIgnored", func(t *testing.T) {
			win := utcAt(2026, 12, 3, 13, 0)
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: "mandate:1:grant", Winner: &win})
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 901, Subject: Subject(g.ID), Winner: &win})
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID + 1, DecisionID: 900, Subject: Subject(g.ID), Winner: &win})
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: Subject(999999), Winner: &win})
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "still waiting", []any{got.Status, got.Version}, []any{Scheduling, int64(1)})
		})
		t.Run("OKNoWinner", func(t *testing.T) {
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: Subject(g.ID)})
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "still waiting", got.Status, Scheduling)
		})
		t.Run("OKWinner", func(t *testing.T) {
			win := utcAt(2026, 12, 3, 13, 0)
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: Subject(g.ID), Winner: &win})
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "planned", []any{got.Status, got.StartsAt, got.EndsAt, got.Sequence},
				[]any{Planned, win, utcAt(2026, 12, 3, 14, 30), int64(1)})
			same(t, "dates", f.datesLines(t, g.ID), []string{"2026-12-03 13:00Z–14:30Z planned"})
			// Closing again (a retried hook) changes nothing.
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: Subject(g.ID), Winner: &win})
			same(t, "dates once", len(f.datesLines(t, g.ID)), 1)
		})
		same(t, "activity", f.verbs(t), []string{
			"gathering.planned: Ana Adler planned “Partners' round”; a time poll sets its date.",
			"gathering.scheduled: No time won the poll for “Partners' round”; it still waits for a date.",
			"gathering.scheduled: The time poll set “Partners' round” for Thursday 3 December 2026 at 14:00 (Europe/Berlin)."})
	})
}

func TestTimePollMore(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OKVotersInvited", func(t *testing.T) {
			in := pollMeeting()
			in.InviteEveryone, in.Members, in.Organisations = false, []int64{f.B.MemberID}, []int64{f.OrgB}
			f.planAs(t, f.A, in)
			same(t, "voters", f.Polls.Polls[0].Voters, []int64{f.B.MemberID, f.D4.MemberID, f.E.MemberID})
		})
		t.Run("OKPollCancelled", func(t *testing.T) {
			g := f.planAs(t, f.A, pollMeeting())
			ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
				if err := f.S.PollCancelled(context.Background(), tx, f.Coll.ID, 900, Subject(g.ID)); err != nil {
					return err // not this gathering's poll: ignored
				}
				return f.S.PollCancelled(context.Background(), tx, f.Coll.ID, 901, Subject(g.ID))
			}))
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "waiting without a poll", []any{got.Status, got.PollDecisionID == nil}, []any{Scheduling, true})
			v := f.verbs(t)
			same(t, "logged once", v[len(v)-2:], []string{
				"gathering.planned: Ana Adler planned “Partners' round”; a time poll sets its date.",
				"gathering.scheduled: The time poll for “Partners' round” was cancelled; it still waits for a date."})
		})
		t.Run("OKDateSetByHand", func(t *testing.T) {
			g := f.planAs(t, f.A, pollMeeting())
			in := pollMeeting()
			in.Title = "Partners' round, open"
			got, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
			ok(t, err)
			same(t, "still open", []any{got.Status, got.StartsAt, len(f.datesLines(t, g.ID))}, []any{Scheduling, g.StartsAt, 0})
			in.Start, in.End = "2026-12-04T10:00", "2026-12-04T11:00"
			got, err = f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
			ok(t, err)
			same(t, "set", []any{got.Status, f.datesLines(t, g.ID)}, []any{Planned, []string{"2026-12-04 09:00Z–10:00Z planned"}})
		})
		t.Run("ErrNoScheduler", func(t *testing.T) {
			f.S.Scheduler = nil
			_, err := f.S.Create(ctxOf(f.A), f.A, pollMeeting())
			wantErr(t, err, errs.Invalid, "candidate_starts", "Open dates need time polls, which are not available here; give a start.")
		})
	})
}

// TestTimePollLateClose: a poll that closes after its winning time sets no
// date in the past; the gathering keeps waiting, free of the poll, and the
// log says why.
func TestTimePollLateClose(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		g := f.planAs(t, f.A, pollMeeting())
		win := utcAt(2026, 12, 2, 9, 0)
		t.Run("OKWinnerAtNow", func(t *testing.T) {
			f.Clock.Set(win) // the winning time is now: it has begun
			f.closePoll(t, ClosedPoll{CollectiveID: f.Coll.ID, DecisionID: 900, Subject: Subject(g.ID), Winner: &win})
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "still waiting, without the poll", []any{got.Status, got.PollDecisionID == nil, got.StartsAt, got.Sequence},
				[]any{Scheduling, true, win, int64(0)})
			same(t, "no dates", len(f.datesLines(t, g.ID)), 0)
			same(t, "nobody invited", len(f.noticesOf(KindInvited)), 0)
			same(t, "activity", f.verbs(t)[1:], []string{"gathering.scheduled: The time poll chose Wednesday 2 December 2026 " +
				"at 10:00 (Europe/Berlin) for “Partners' round”, but the chosen time had passed; set a date or open another poll."})
		})
		t.Run("OKDateSetByHand", func(t *testing.T) {
			in := pollMeeting()
			in.Start, in.End = "2026-12-04T10:00", "2026-12-04T11:30"
			got, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
			ok(t, err)
			same(t, "planned", []any{got.Status, f.datesLines(t, g.ID)}, []any{Planned, []string{"2026-12-04 09:00Z–10:30Z planned"}})
		})
	})
}
