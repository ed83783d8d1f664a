package gathering

import (
	"context"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// registerRaw answers "going" for a member straight in the tables (the
// attendance engineer owns those writes) and counts them.
func (f *fixture) registerRaw(t *testing.T, occurrenceID, memberID int64) {
	t.Helper()
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		if _, err := tx.Exec(ctx, `INSERT INTO gathering_registrations (occurrence_id, member_id, status, updated_at)
			VALUES (?, ?, 'going', ?)`, occurrenceID, memberID, tx.Now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET going = going + 1 WHERE id = ?", occurrenceID)
		return err
	}))
}

// occurrenceIDs lists a gathering's occurrence ids in order.
func (f *fixture) occurrenceIDs(t *testing.T, id int64) []int64 {
	t.Helper()
	os, err := datesOf(context.Background(), f.DB, id)
	ok(t, err)
	var out []int64
	for _, o := range os {
		out = append(out, o.ID)
	}
	return out
}

func TestUpdate(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		g := f.planAs(t, f.A, meeting())
		t.Run("OK", func(t *testing.T) {
			in := meeting()
			in.Title, in.Capacity, in.Registration = "Partners' round, again", 10, true
			got, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
			ok(t, err)
			same(t, "changed", []any{got.Title, got.Capacity, got.Sequence, got.Version, got.UID},
				[]any{"Partners' round, again", int64(10), int64(1), int64(2), g.UID})
			same(t, "dates kept", f.datesLines(t, g.ID), []string{"2026-12-01 09:00Z–10:30Z planned"})
		})
		t.Run("ErrStaleVersion", func(t *testing.T) {
			in := meeting()
			in.Title = "Mine wins"
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
			wantErr(t, err, errs.Conflict, "", "Someone changed this gathering while you were editing; reload to see their changes.")
		})
		t.Run("ErrOtherMember", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.B), f.B, g.ID, meeting(), 2)
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Partners' round, again”.")
		})
		t.Run("ErrObserver", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.Observer), f.Observer, g.ID, meeting(), 2)
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
		})
		t.Run("ErrCapacityBelowGoing", func(t *testing.T) {
			occ := f.occurrenceIDs(t, g.ID)[0]
			for _, m := range []int64{f.B.MemberID, f.C.MemberID, f.D4.MemberID} {
				f.registerRaw(t, occ, m)
			}
			in := meeting()
			in.Capacity, in.Registration = 2, true
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
			wantErr(t, err, errs.Invalid, "capacity", "3 people are already going to a coming date; the capacity cannot be below 3.")
			again, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "nothing written", []any{again.Capacity, again.Version}, []any{int64(10), int64(2)})
		})
		t.Run("OKSteward", func(t *testing.T) {
			in := meeting()
			in.Capacity, in.Registration = 3, true
			in.Start, in.End = "2026-12-01T14:00", "2026-12-01T15:00"
			got, err := f.S.Update(ctxOf(f.Steward), f.Steward, g.ID, in, 2)
			ok(t, err)
			same(t, "capacity at going", got.Capacity, int64(3))
			// A single date moves with its registrations.
			same(t, "dates", f.datesLines(t, g.ID), []string{"2026-12-01 13:00Z–14:00Z planned"})
			same(t, "registrations kept", f.count(t, "SELECT COUNT(*) FROM gathering_registrations"), 3)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.A), f.A, 999999, meeting(), 1)
			wantErr(t, err, errs.NotFound, "", "There is no such gathering.")
		})
		same(t, "activity", f.verbs(t), []string{
			"gathering.planned: Ana Adler planned “Partners' round” for Tuesday 1 December 2026 at 10:00 (Europe/Berlin).",
			"gathering.changed: Ana Adler changed “Partners' round, again”.",
			"gathering.changed: Sam Steward changed “Partners' round”."})
	})
}

func TestUpdateSeries(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Repeat = RepeatInput{Every: Weekly, Count: 4}
		g := f.planAs(t, f.A, in)
		ids := f.occurrenceIDs(t, g.ID)
		f.registerRaw(t, ids[1], f.B.MemberID) // 8 December
		t.Run("OKNewTime", func(t *testing.T) {
			in.Start, in.End = "2026-12-01T11:00", "2026-12-01T12:00"
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
			ok(t, err)
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-01 10:00Z–11:00Z planned", "2026-12-08 10:00Z–11:00Z planned",
				"2026-12-15 10:00Z–11:00Z planned", "2026-12-22 10:00Z–11:00Z planned"})
			same(t, "registered date kept", f.occurrenceIDs(t, g.ID)[1], ids[1])
		})
		t.Run("OKNewWeekday", func(t *testing.T) {
			// Wednesdays now: the 8 December date people answered for stays,
			// an exception to the new rule.
			in.Start, in.End = "2026-12-02T11:00", "2026-12-02T12:00"
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
			ok(t, err)
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-02 10:00Z–11:00Z planned", "2026-12-08 10:00Z–11:00Z planned moved",
				"2026-12-09 10:00Z–11:00Z planned", "2026-12-16 10:00Z–11:00Z planned", "2026-12-23 10:00Z–11:00Z planned"})
		})
	})
}

func TestCancel(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Repeat = RepeatInput{Every: Weekly, Count: 3}
		g := f.planAs(t, f.A, in)
		t.Run("ErrOtherMember", func(t *testing.T) {
			wantErr(t, f.S.Cancel(ctxOf(f.B), f.B, g.ID), errs.Forbidden, "",
				"Only the host, whoever planned it or a steward can change “Partners' round”.")
		})
		t.Run("OK", func(t *testing.T) {
			f.Clock.Set(utcAt(2026, 12, 10, 9, 0)) // the first two dates have passed
			ok(t, f.S.Cancel(ctxOf(f.A), f.A, g.ID))
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "state", []any{got.Status, got.Sequence, got.Version}, []any{Cancelled, int64(1), int64(2)})
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-01 09:00Z–10:30Z planned", "2026-12-08 09:00Z–10:30Z planned", "2026-12-15 09:00Z–10:30Z cancelled"})
		})
		t.Run("ErrAgain", func(t *testing.T) {
			wantErr(t, f.S.Cancel(ctxOf(f.A), f.A, g.ID), errs.Conflict, "", "This gathering is already cancelled.")
		})
		t.Run("ErrUpdateCancelled", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
			wantErr(t, err, errs.Conflict, "", "This gathering was cancelled; it can no longer be changed.")
		})
		same(t, "activity", f.verbs(t)[1:], []string{"gathering.cancelled: Ana Adler cancelled “Partners' round”."})
	})
}
