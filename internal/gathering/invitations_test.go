package gathering

import (
	"strings"
	"testing"

	"commonground/internal/collective"
)

// attendeeLines are the ATTENDEE lines of a calendar.
func attendeeLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "ATTENDEE") {
			out = append(out, l)
		}
	}
	return out
}

func TestInvitations(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		emails := map[int64]string{}
		for _, a := range []*collective.Access{f.Steward, f.B, f.C, f.D4, f.E, f.F, f.Observer} {
			emails[a.User.ID] = a.User.Email
		}

		t.Run("OKInvited", func(t *testing.T) {
			g, err := f.S.Create(ctxOf(f.A), f.A, meeting())
			ok(t, err)
			ns := f.noticesOf(KindInvited)
			same(t, "notices (everyone but Ana and the observer)", len(ns), 6)
			for _, n := range ns {
				same(t, "title", n.Title, "Invitation: Partners' round, Tue 1 Dec 2026, 10:00–11:30 (Europe/Berlin)")
				same(t, "body", n.Body, "Agree who leads the spring campaign.\n\nWhen: Tue 1 Dec 2026, 10:00–11:30 (Europe/Berlin)\n"+
					"Where: Library, room 2\nHost: Ana Adler\n\nLet us know if you come.")
				same(t, "link", n.Link, "/c/river/gatherings/"+itoa64(g.ID))
				if len(n.UserIDs) != 1 || n.Calendar == nil {
					t.Fatalf("notice %+v", n)
				}
				email, known := emails[n.UserIDs[0]]
				if !known {
					t.Fatalf("notice to user %d, who is Ana or not invited", n.UserIDs[0])
				}
				same(t, "method", n.Calendar.Method, "REQUEST")
				lines := icsLines(t, n.Calendar.Content)
				has(t, lines, "METHOD:REQUEST", "UID:"+g.UID, "SEQUENCE:0", "STATUS:CONFIRMED",
					`ORGANIZER;CN=Ana Adler:mailto:noreply@cg.example`)
				att := attendeeLines(lines)
				// Privacy: each copy names its own recipient, nobody else.
				if len(att) != 1 || !strings.HasSuffix(att[0], ":mailto:"+email) {
					t.Fatalf("attendees of %s's copy: %q", email, att)
				}
			}
		})

		t.Run("OKCancelled", func(t *testing.T) {
			in := meeting()
			in.Title, in.InviteEveryone, in.Members = "Small round", false, []int64{f.B.MemberID, f.C.MemberID}
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			ok(t, f.S.Cancel(ctxOf(f.Steward), f.Steward, g.ID))
			ns := f.noticesOf(KindCancelled)
			same(t, "notices (Ana, Ben, Cleo; not the steward who did it)", len(ns), 3)
			for _, n := range ns {
				same(t, "title", n.Title, "Cancelled: Small round, Tue 1 Dec 2026, 10:00–11:30 (Europe/Berlin)")
				same(t, "method", n.Calendar.Method, "CANCEL")
				lines := icsLines(t, n.Calendar.Content)
				has(t, lines, "METHOD:CANCEL", "UID:"+g.UID, "STATUS:CANCELLED")
				if countPrefix(lines, "SEQUENCE:0") != 0 {
					t.Fatalf("a cancellation needs a higher SEQUENCE:\n%s", strings.Join(lines, "\n"))
				}
				same(t, "attendees", len(attendeeLines(lines)), 1)
			}
		})

		t.Run("OKOneDateCancelled", func(t *testing.T) {
			in := meeting()
			in.Title, in.InviteEveryone, in.Members = "Series", false, []int64{f.B.MemberID}
			in.Repeat = RepeatInput{Every: Weekly, Count: 3}
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			occs, err := f.S.Occurrences(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			before := len(f.noticesOf(KindCancelled))
			ok(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, occs[1].ID))
			ns := f.noticesOf(KindCancelled)[before:]
			same(t, "notices (Ben)", len(ns), 1)
			n := ns[0]
			same(t, "to", n.UserIDs, []int64{f.B.User.ID})
			same(t, "title", n.Title, "Cancelled: Series, Tue 8 Dec 2026, 10:00–11:30 (Europe/Berlin)")
			same(t, "link", n.Link, "/c/river/gatherings/"+itoa64(g.ID)+"/on/"+itoa64(occs[1].ID))
			lines := icsLines(t, n.Calendar.Content)
			has(t, lines, "METHOD:CANCEL", "RECURRENCE-ID;TZID=Europe/Berlin:20261208T100000", "STATUS:CANCELLED")
			same(t, "rules", countPrefix(lines, "RRULE"), 0)
			same(t, "events", countPrefix(lines, "BEGIN:VEVENT"), 1)
		})
	})
}
