package gathering

import (
	"context"
	"testing"
	"time"

	"commonground/internal/errs"
)

// dec1 is the seeded date: Tuesday 1 December 2026, 10:00–11:30 in Berlin.
var dec1 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func TestCheckIn(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Host: f.B, Format: Hybrid})
			o := occ[0]
			f.at(dec1.Add(-time.Hour)) // check-in opens
			at, err := f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: f.C.MemberID, Online: true})
			ok(t, err)
			same(t, "Cleo", []any{at.Name, at.Online, at.CheckedInAt}, []any{"Cleo Cole", true, dec1.Add(-time.Hour)})
			f.at(dec1.Add(14*time.Hour - time.Second)) // 23:59:59 in Berlin
			f.checkIn(t, f.Steward, o, f.D4)
			f.checkIn(t, f.A, o, f.F) // the creator
			f.checkIn(t, f.B, o, f.B)
			at, err = f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: f.C.MemberID})
			ok(t, err)
			same(t, "twice keeps the first", at.CheckedInAt, dec1.Add(-time.Hour))
			same(t, "counters", f.counters(t, o), [3]int64{0, 0, 4})
			list, err := f.S.Attendance(ctxOf(f.Observer), f.Observer, o)
			ok(t, err)
			var got []string
			for _, a := range list {
				got = append(got, a.Name+" | "+a.Organisation)
			}
			same(t, "attendance", got, []string{"Ben Brook | Alder", "Cleo Cole | Alder", "Dev Dale | Birch", "Finn Fox | "})

			ok(t, f.S.UndoCheckIn(ctxOf(f.B), f.B, o, f.F.MemberID))
			same(t, "counters after undo", f.counters(t, o), [3]int64{0, 0, 3})
			err = f.S.UndoCheckIn(ctxOf(f.B), f.B, o, f.F.MemberID)
			wantErr(t, err, errs.NotFound, "", "That person is not checked in at “Partners' round”.")
			same(t, "log, one line a check-in", f.logLines(t, "gathering.check%"), []string{
				"stewards | Ben Brook checked Cleo Cole in at “Partners' round” on Tuesday 1 December 2026.",
				"stewards | Sam Steward checked Dev Dale in at “Partners' round” on Tuesday 1 December 2026.",
				"stewards | Ana Adler checked Finn Fox in at “Partners' round” on Tuesday 1 December 2026.",
				"stewards | Ben Brook checked Ben Brook in at “Partners' round” on Tuesday 1 December 2026.",
				"stewards | Ben Brook took back the check-in of Finn Fox at “Partners' round” on Tuesday 1 December 2026.",
			})
		})
		t.Run("SeveralOrganisations", func(t *testing.T) {
			f.exec(t, "INSERT INTO affiliations (member_id, organisation_id) VALUES (?, ?)", f.E.MemberID, f.OrgA)
			_, occ := f.seed(t, seedG{Title: "Both"})
			f.at(dec1)
			f.checkIn(t, f.Steward, occ[0], f.E)
			list, err := f.S.Attendance(ctxOf(f.A), f.A, occ[0])
			ok(t, err)
			same(t, "Eve", list[0].Organisation, "Alder, Birch")
			f.exec(t, "DELETE FROM affiliations WHERE member_id = ? AND organisation_id = ?", f.E.MemberID, f.OrgA)
		})
		t.Run("ErrRefused", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Title: "Alder only", Host: f.B, InviteOrg: f.OrgA})
			o := occ[0]
			logged := len(f.logLines(t, "gathering.check%"))
			f.at(dec1)
			_, err := f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: f.D4.MemberID})
			wantErr(t, err, errs.Invalid, "member_id", "Dev Dale is not invited to this gathering.")
			_, err = f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: 999999})
			wantErr(t, err, errs.Invalid, "member_id", "Choose a member of River to check in.")
			_, err = f.S.CheckIn(ctxOf(f.C), f.C, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Alder only”.")
			_, err = f.S.CheckIn(ctxOf(f.Observer), f.Observer, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			_, err = f.S.CheckIn(ctxOf(f.Outsider), f.Outsider, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Forbidden, "", "Only members of River can do this.")
			_, err = f.S.CheckIn(context.Background(), f.Anon, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Unauthorized, "", "Sign in to change the gatherings of River.")
			_, err = f.S.Attendance(ctxOf(f.Outsider), f.Outsider, o)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			err = f.S.UndoCheckIn(ctxOf(f.C), f.C, o, f.C.MemberID)
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Alder only”.")

			f.at(dec1.Add(-time.Hour - time.Second))
			_, err = f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Conflict, "", "Check-in for “Alder only” opens an hour before it starts, on Tuesday 1 December 2026 at 09:00.")
			f.at(dec1.Add(14 * time.Hour)) // midnight in Berlin
			_, err = f.S.CheckIn(ctxOf(f.B), f.B, o, CheckInInput{MemberID: f.C.MemberID})
			wantErr(t, err, errs.Conflict, "", "Check-in for “Alder only” closed at the end of Tuesday 1 December 2026.")
			f.exec(t, "INSERT INTO gathering_attendance (occurrence_id, member_id, checked_in_at) VALUES (?, ?, ?)", o, f.C.MemberID, dec1)
			err = f.S.UndoCheckIn(ctxOf(f.B), f.B, o, f.C.MemberID)
			wantErr(t, err, errs.Conflict, "", "Check-in for “Alder only” closed at the end of Tuesday 1 December 2026.")
			f.exec(t, "DELETE FROM gathering_attendance WHERE occurrence_id = ?", o)
			same(t, "nothing written", f.counters(t, o), [3]int64{0, 0, 0})
			same(t, "no rows", f.count(t, "SELECT COUNT(*) FROM gathering_attendance WHERE occurrence_id = ?", o), 0)
			same(t, "nothing logged", len(f.logLines(t, "gathering.check%")), logged)
		})
	})
}

func TestSharedAttendance(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Title: "Weekly", Starts: []time.Time{dec1, dec1.Add(7 * 24 * time.Hour), dec1.Add(14 * 24 * time.Hour)}})
			_, other := f.seed(t, seedG{Title: "Long", Length: 3 * time.Hour, Starts: []time.Time{dec1.Add(24 * time.Hour)}})
			f.at(dec1)
			f.checkIn(t, f.Steward, occ[0], f.A)
			f.checkIn(t, f.Steward, occ[0], f.B)
			f.checkIn(t, f.Steward, occ[0], f.C)
			f.at(dec1.Add(24 * time.Hour))
			f.checkIn(t, f.Steward, other[0], f.A)
			f.checkIn(t, f.Steward, other[0], f.B)
			f.at(dec1.Add(7 * 24 * time.Hour))
			f.checkIn(t, f.Steward, occ[1], f.C)
			f.at(dec1.Add(14 * 24 * time.Hour))
			f.checkIn(t, f.Steward, occ[2], f.A) // out of the window below
			f.checkIn(t, f.Steward, occ[2], f.B)
			ties, err := f.S.SharedAttendance(context.Background(), f.Coll.ID, dec1, dec1.Add(14*24*time.Hour))
			ok(t, err)
			a, b, c := f.A.MemberID, f.B.MemberID, f.C.MemberID
			same(t, "ties", ties, []Tie{{A: a, B: b, Gatherings: 2, SharedHours: 4.5}, {A: a, B: c, Gatherings: 1, SharedHours: 1.5},
				{A: b, B: c, Gatherings: 1, SharedHours: 1.5}})
		})
	})
}
