package gathering

import (
	"testing"
	"time"

	"commonground/internal/errs"
)

// TestUpdateUninvites: people an edit takes off the invitations lose their
// answers on coming dates (the places they held go to those waiting, the
// counters stay exact), keep those on past dates, and are sent a CANCEL;
// the host, though no longer invited, hears of the change instead.
func TestUpdateUninvites(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Repeat = RepeatInput{Every: Weekly, Count: 3} // 1, 8 and 15 December
		in.Capacity, in.Registration = 1, true
		in.InviteEveryone, in.Organisations, in.Members = false, []int64{f.OrgA}, []int64{f.F.MemberID}
		g := f.planAs(t, f.A, in) // Ana hosts; Alder is Ana, Ben and Cleo
		occ := f.occurrenceIDs(t, g.ID)
		for _, o := range occ {
			f.rsvp(t, f.B, o, Going)
		}
		f.at(testStart.Add(time.Minute))
		same(t, "Cleo waits", f.rsvp(t, f.C, occ[1], Going).Status, Waiting)
		f.at(testStart.Add(2 * time.Minute))
		same(t, "Finn waits", f.rsvp(t, f.F, occ[1], Going).Status, Waiting)
		f.at(utcAt(2026, 12, 2, 9, 0)) // the first date has passed
		narrower := in
		narrower.Organisations, narrower.Members = nil, []int64{f.C.MemberID, f.F.MemberID}
		t.Run("ErrOtherMember", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.C), f.C, g.ID, narrower, 1)
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Partners' round”.")
			same(t, "answers kept", f.answers(t, occ[1]), []string{"Ben Brook going", "Cleo Cole waiting", "Finn Fox waiting"})
			same(t, "nobody told", len(f.noticesOf(KindCancelled)), 0)
		})
		t.Run("OK", func(t *testing.T) {
			_, err := f.S.Update(ctxOf(f.Steward), f.Steward, g.ID, narrower, 1)
			ok(t, err)
			same(t, "past date kept", f.answers(t, occ[0]), []string{"Ben Brook going"})
			same(t, "8 December", f.answers(t, occ[1]), []string{"Cleo Cole going", "Finn Fox waiting"})
			same(t, "15 December", f.answers(t, occ[2]), []string{})
			same(t, "counters", [][3]int64{f.counters(t, occ[0]), f.counters(t, occ[1]), f.counters(t, occ[2])},
				[][3]int64{{1, 0, 0}, {1, 1, 0}, {0, 0, 0}})
			place := f.noticesOf(KindPlace)
			same(t, "place given", len(place), 1)
			same(t, "place to", place[0].UserIDs, []int64{f.C.User.ID})
			changed := f.noticesOf(KindChanged)
			var toldChange []int64
			for _, n := range changed {
				toldChange = append(toldChange, n.UserIDs...)
			}
			same(t, "told of the change (the host, Cleo, Finn)", toldChange, []int64{f.A.User.ID, f.C.User.ID, f.F.User.ID})
			ns := f.noticesOf(KindCancelled)
			same(t, "cancels", len(ns), 1)
			n := ns[0]
			same(t, "to Ben only (Ana hosts)", n.UserIDs, []int64{f.B.User.ID})
			same(t, "text", []string{n.Title, n.Body, n.Link}, []string{"No longer invited: Partners' round",
				"You are no longer among those invited to “Partners' round”; it is taken off your calendar.",
				"/c/river/gatherings/" + itoa64(g.ID)})
			same(t, "method", n.Calendar.Method, "CANCEL")
			lines := icsLines(t, n.Calendar.Content)
			has(t, lines, "METHOD:CANCEL", "UID:"+g.UID, "SEQUENCE:1", "STATUS:CANCELLED")
			same(t, "one event, the series", countPrefix(lines, "BEGIN:VEVENT"), 1)
			same(t, "attendees", len(attendeeLines(lines)), 1)
		})
		t.Run("OKNobodyTakenOff", func(t *testing.T) {
			wider := narrower
			wider.Members = append(wider.Members, f.D4.MemberID)
			_, err := f.S.Update(ctxOf(f.Steward), f.Steward, g.ID, wider, 2)
			ok(t, err)
			same(t, "no more cancels", len(f.noticesOf(KindCancelled)), 1)
			same(t, "answers kept", f.answers(t, occ[1]), []string{"Cleo Cole going", "Finn Fox waiting"})
		})
	})
}

// TestRegistration: a limit on places needs registration, and
// invitations ask people to register or only to say whether they come.
func TestRegistration(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		g := f.planAs(t, f.A, meeting())
		t.Run("ErrCapacityWithoutRegistration", func(t *testing.T) {
			in := meeting()
			in.Capacity = 8
			_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
			wantErr(t, err, errs.Invalid, "capacity", "A limit on places needs registration: tick “People register”.")
			again, err := f.S.Get(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "nothing written", []any{again.Capacity, again.Registration, again.Version}, []any{int64(0), false, int64(1)})
		})
		t.Run("OK", func(t *testing.T) {
			ask := func(reg bool, capacity int64) string {
				_, body := noticeText(&Gathering{Title: "T", Intention: "I", TimeZone: "UTC", Registration: reg, Capacity: capacity,
					StartsAt: testStart, EndsAt: testStart.Add(time.Hour)}, AnnounceInvited, nil)
				return body
			}
			same(t, "asks", []string{ask(false, 0), ask(true, 0), ask(true, 12)}, []string{
				"I\n\nWhen: Mon 23 Nov 2026, 09:00–10:00 (UTC)\n\nLet us know if you come.",
				"I\n\nWhen: Mon 23 Nov 2026, 09:00–10:00 (UTC)\n\nRegister on the gathering's page.",
				"I\n\nWhen: Mon 23 Nov 2026, 09:00–10:00 (UTC)\n\nRegister on the gathering's page: 12 places, then a waiting list."})
			_, body := noticeText(&Gathering{Title: "T", Intention: "I", TimeZone: "UTC", StartsAt: testStart,
				EndsAt: testStart.Add(time.Hour)}, AnnounceCancelled, nil)
			same(t, "a cancellation asks nothing", body, "I\n\nWhen: Mon 23 Nov 2026, 09:00–10:00 (UTC)")
		})
	})
}
