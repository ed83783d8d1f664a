package gathering

import (
	"testing"

	"commonground/internal/errs"
)

func TestMoveAndCancelDate(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Repeat = RepeatInput{Every: Weekly, Count: 3}
		g := f.planAs(t, f.A, in)
		ids := f.occurrenceIDs(t, g.ID)
		t.Run("OKMove", func(t *testing.T) {
			o, err := f.S.MoveOccurrence(ctxOf(f.A), f.A, ids[1], OccurrenceInput{Start: "2026-12-09T14:00", End: "2026-12-09T15:30"})
			ok(t, err)
			same(t, "moved", []any{o.StartsAt, o.EndsAt, o.RecurrenceID, o.Moved, o.Status},
				[]any{utcAt(2026, 12, 9, 13, 0), utcAt(2026, 12, 9, 14, 30), utcAt(2026, 12, 8, 9, 0), true, OccurrencePlanned})
			got, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "sequence", []any{got.Sequence, got.Version, got.StartsAt}, []any{int64(1), int64(2), g.StartsAt})
		})
		t.Run("ErrMoveEndBeforeStart", func(t *testing.T) {
			_, err := f.S.MoveOccurrence(ctxOf(f.A), f.A, ids[2], OccurrenceInput{Start: "2026-12-15T14:00", End: "2026-12-15T13:00"})
			wantErr(t, err, errs.Invalid, "end", "The end must be after the start.")
		})
		t.Run("ErrMoveIntoPast", func(t *testing.T) {
			_, err := f.S.MoveOccurrence(ctxOf(f.A), f.A, ids[2], OccurrenceInput{Start: "2026-11-20T14:00", End: "2026-11-20T15:00"})
			wantErr(t, err, errs.Invalid, "start", "A date cannot be moved into the past.")
		})
		t.Run("ErrMoveOtherMember", func(t *testing.T) {
			_, err := f.S.MoveOccurrence(ctxOf(f.B), f.B, ids[2], OccurrenceInput{Start: "2026-12-16T14:00", End: "2026-12-16T15:00"})
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Partners' round”.")
		})
		t.Run("OKCancelDate", func(t *testing.T) {
			ok(t, f.S.CancelOccurrence(ctxOf(f.Steward), f.Steward, ids[2]))
			same(t, "dates", f.datesLines(t, g.ID), []string{
				"2026-12-01 09:00Z–10:30Z planned", "2026-12-09 13:00Z–14:30Z planned moved rid 2026-12-08 09:00Z",
				"2026-12-15 09:00Z–10:30Z cancelled"})
		})
		t.Run("ErrCancelDateAgain", func(t *testing.T) {
			wantErr(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, ids[2]), errs.Conflict, "", "This date is already cancelled.")
		})
		t.Run("ErrPast", func(t *testing.T) {
			f.Clock.Set(utcAt(2026, 12, 2, 9, 0))
			_, err := f.S.MoveOccurrence(ctxOf(f.A), f.A, ids[0], OccurrenceInput{Start: "2026-12-20T14:00", End: "2026-12-20T15:00"})
			wantErr(t, err, errs.Invalid, "", "A date that has passed cannot be moved.")
			wantErr(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, ids[0]), errs.Invalid, "", "A date that has passed cannot be cancelled.")
		})
		t.Run("ErrNoSuchDate", func(t *testing.T) {
			wantErr(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, 999999), errs.NotFound, "", "There is no such date of this gathering.")
		})
		same(t, "activity", f.verbs(t)[1:], []string{
			"gathering.moved: Ana Adler moved “Partners' round” from Tuesday 8 December 2026 at 10:00 (Europe/Berlin) to Wednesday 9 December 2026 at 14:00 (Europe/Berlin).",
			"gathering.date_cancelled: Sam Steward cancelled “Partners' round” on Tuesday 15 December 2026 at 10:00 (Europe/Berlin)."})
	})
}

func TestListAndView(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		weekly := meeting()
		weekly.Title, weekly.Repeat = "Weekly", RepeatInput{Every: Weekly, Count: 3}
		w := f.planAs(t, f.A, weekly)
		small := meeting()
		small.Title, small.InviteEveryone, small.Members, small.Capacity = "Small", false, []int64{f.C.MemberID}, 5
		small.Registration = true
		small.Start, small.End = "2026-12-02T09:00", "2026-12-02T10:00"
		s := f.planAs(t, f.B, small)
		titles := func(p *ListPage) []string {
			var out []string
			for _, it := range p.Items {
				out = append(out, it.Title+" "+it.StartsAt.Format("01-02")+" "+string(it.GatheringState)+"/"+string(it.Status))
			}
			return out
		}
		t.Run("OKUpcoming", func(t *testing.T) {
			p, err := f.S.List(ctxOf(f.Observer), f.Observer, ListQuery{})
			ok(t, err)
			same(t, "upcoming", titles(p), []string{"Weekly 12-01 planned/planned", "Small 12-02 planned/planned",
				"Weekly 12-08 planned/planned", "Weekly 12-15 planned/planned"})
			same(t, "page", []any{p.Page, p.More, p.Items[0].Recurring, p.Items[1].Recurring, p.Items[0].TimeZone, p.Items[1].Capacity},
				[]any{1, false, true, false, "Europe/Berlin", int64(5)})
		})
		t.Run("OKScheduling", func(t *testing.T) {
			open := pollMeeting()
			open.Title, open.InviteEveryone, open.Members = "Open", false, []int64{f.E.MemberID}
			o := f.planAs(t, f.A, open)
			p, err := f.S.List(ctxOf(f.E), f.E, ListQuery{Mine: true})
			ok(t, err)
			same(t, "Eve's", titles(p), []string{"Weekly 12-01 planned/planned", "Open 12-02 scheduling/planned",
				"Weekly 12-08 planned/planned", "Weekly 12-15 planned/planned"})
			same(t, "row", []any{p.Items[1].ID, p.Items[1].GatheringID, p.Items[1].Moved, p.Items[1].ClosedAt == nil},
				[]any{int64(0), o.ID, false, true})
			p, err = f.S.List(ctxOf(f.D4), f.D4, ListQuery{Mine: true})
			ok(t, err)
			same(t, "not Dev's", len(p.Items), 3)
			ok(t, f.S.Cancel(ctxOf(f.A), f.A, o.ID))
		})
		t.Run("OKMine", func(t *testing.T) {
			p, err := f.S.List(ctxOf(f.D4), f.D4, ListQuery{Mine: true})
			ok(t, err)
			same(t, "Dev's", titles(p), []string{"Weekly 12-01 planned/planned", "Weekly 12-08 planned/planned",
				"Weekly 12-15 planned/planned"})
			p, err = f.S.List(ctxOf(f.C), f.C, ListQuery{Mine: true})
			ok(t, err)
			same(t, "Cleo's", len(p.Items), 4)
		})
		t.Run("OKPastAndCancelledShown", func(t *testing.T) {
			ok(t, f.S.Cancel(ctxOf(f.B), f.B, s.ID))
			f.Clock.Set(utcAt(2026, 12, 9, 12, 0))
			p, err := f.S.List(ctxOf(f.A), f.A, ListQuery{Past: true})
			ok(t, err)
			same(t, "past", titles(p), []string{"Weekly 12-08 planned/planned", "Small 12-02 cancelled/cancelled",
				"Weekly 12-01 planned/planned"})
		})
		t.Run("OKPages", func(t *testing.T) {
			in := meeting()
			in.Title, in.Repeat = "Many", RepeatInput{Every: Weekly, Count: 30}
			f.planAs(t, f.A, in)
			p, err := f.S.List(ctxOf(f.A), f.A, ListQuery{})
			ok(t, err)
			same(t, "first page", []any{len(p.Items), p.More}, []any{PageSize, true})
			p, err = f.S.List(ctxOf(f.A), f.A, ListQuery{Page: 2})
			ok(t, err)
			same(t, "second page", []any{len(p.Items), p.More, p.Page}, []any{4, false, 2}) // 28 of Many still coming, and Weekly on the 15th
		})
		t.Run("OKView", func(t *testing.T) {
			ids := f.occurrenceIDs(t, w.ID)
			f.registerRaw(t, ids[2], f.D4.MemberID)
			v, err := f.S.View(ctxOf(f.D4), f.D4, w.ID, 0)
			ok(t, err)
			same(t, "next date", []any{v.Occurrence.ID, v.Occurrence.Going, v.CanManage, v.Invited, v.Mine.Status, v.Mine.Name},
				[]any{ids[2], int64(1), false, true, Going, "Dev Dale"})
			v, err = f.S.View(ctxOf(f.A), f.A, w.ID, ids[0])
			ok(t, err)
			same(t, "chosen date", []any{v.Occurrence.ID, v.CanManage, v.Mine == nil, v.PollLink}, []any{ids[0], true, true, ""})
			f.Clock.Set(utcAt(2027, 1, 1, 0, 0))
			v, err = f.S.View(ctxOf(f.A), f.A, w.ID, 0)
			ok(t, err)
			same(t, "last date once past", v.Occurrence.ID, ids[2])
		})
		t.Run("ErrViewDateOfOther", func(t *testing.T) {
			_, err := f.S.View(ctxOf(f.A), f.A, s.ID, f.occurrenceIDs(t, w.ID)[0])
			wantErr(t, err, errs.NotFound, "", "There is no such date of this gathering.")
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			_, err := f.S.List(ctxOf(f.Outsider), f.Outsider, ListQuery{})
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			_, err = f.S.View(ctxOf(f.Anon), f.Anon, w.ID, 0)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
		})
	})
}
