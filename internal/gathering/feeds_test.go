package gathering

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// feedToken is the token at the end of a feed's URL.
func feedToken(t testing.TB, f *CalendarFeed) string {
	t.Helper()
	token, found := strings.CutPrefix(f.URL, "https://cg.example/calendar/")
	if !found || len(token) != 43 {
		t.Fatalf("feed URL %q", f.URL)
	}
	return token
}

func TestFeeds(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		everyone, err := f.S.Create(ctxOf(f.A), f.A, meeting())
		ok(t, err)
		birch := meeting()
		birch.Title, birch.InviteEveryone, birch.Organisations = "Birch only", false, []int64{f.OrgB}
		forBirch, err := f.S.Create(ctxOf(f.A), f.A, birch)
		ok(t, err)
		declined := meeting()
		declined.Title = "Declined by Dev"
		no, err := f.S.Create(ctxOf(f.A), f.A, declined)
		ok(t, err)
		v, err := f.S.View(ctxOf(f.D4), f.D4, no.ID, 0)
		ok(t, err)
		_, err = f.S.Respond(ctxOf(f.D4), f.D4, v.Occurrence.ID, RSVPInput{Status: Declined})
		ok(t, err)

		t.Run("OKCollective", func(t *testing.T) {
			feed, err := f.S.CreateFeed(ctxOf(f.Observer), f.Observer, CollectiveFeed)
			ok(t, err)
			token := feedToken(t, feed)
			sum := sha256.Sum256([]byte(token))
			same(t, "stored hash", f.count(t, "SELECT COUNT(*) FROM calendar_feeds WHERE id = ? AND token_hash = ?",
				feed.ID, hex.EncodeToString(sum[:])), 1)
			same(t, "token stored", f.count(t, "SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = ?", token), 0)
			b, err := f.S.Feed(context.Background(), token)
			ok(t, err)
			lines := icsLines(t, b)
			has(t, lines, "X-WR-CALNAME:River — gatherings", "UID:"+everyone.UID, "UID:"+forBirch.UID, "UID:"+no.UID)
			same(t, "events", countPrefix(lines, "BEGIN:VEVENT"), 3)
			same(t, "attendees", countPrefix(lines, "ATTENDEE"), 0)
			// Some programs want the name to end in .ics.
			b2, err := f.S.Feed(context.Background(), token+".ics")
			ok(t, err)
			same(t, "with .ics", string(b2), string(b))
		})

		t.Run("OKPersonal", func(t *testing.T) {
			ana, err := f.S.CreateFeed(ctxOf(f.A), f.A, PersonalFeed)
			ok(t, err)
			b, err := f.S.Feed(context.Background(), feedToken(t, ana))
			ok(t, err)
			lines := icsLines(t, b)
			has(t, lines, "X-WR-CALNAME:River — my gatherings", "UID:"+everyone.UID, "UID:"+no.UID)
			same(t, "Ana's events", countPrefix(lines, "BEGIN:VEVENT"), 2)

			dev, err := f.S.CreateFeed(ctxOf(f.D4), f.D4, PersonalFeed)
			ok(t, err)
			b, err = f.S.Feed(context.Background(), feedToken(t, dev))
			ok(t, err)
			lines = icsLines(t, b)
			has(t, lines, "UID:"+everyone.UID, "UID:"+forBirch.UID)
			same(t, "Dev's events (declined left out)", countPrefix(lines, "BEGIN:VEVENT"), 2)
		})

		t.Run("OKSeries", func(t *testing.T) {
			in := meeting()
			in.Title, in.Repeat = "Weekly", RepeatInput{Every: Weekly, Count: 3}
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			occs, err := f.S.Occurrences(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			_, err = f.S.MoveOccurrence(ctxOf(f.A), f.A, occs[2].ID, OccurrenceInput{Start: "2026-12-15T12:00", End: "2026-12-15T13:00"})
			ok(t, err)
			_, err = f.S.Respond(ctxOf(f.D4), f.D4, occs[1].ID, RSVPInput{Status: Declined})
			ok(t, err)
			feeds := map[*collective.Access]FeedScope{f.D4: PersonalFeed, f.E: PersonalFeed, f.F: CollectiveFeed}
			for who, scope := range feeds {
				feed, err := f.S.CreateFeed(ctxOf(who), who, scope)
				ok(t, err)
				b, err := f.S.Feed(context.Background(), feedToken(t, feed))
				ok(t, err)
				lines := icsLines(t, b)
				has(t, lines, "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3", "RECURRENCE-ID;TZID=Europe/Berlin:20261215T100000",
					"DTSTART;TZID=Europe/Berlin:20261215T120000")
				// Dev declined the 8th: it leaves his own feed only.
				exdates := countPrefix(lines, "EXDATE;TZID=Europe/Berlin:20261208T100000")
				if want := map[bool]int{true: 1, false: 0}[who == f.D4]; exdates != want {
					t.Fatalf("%s's feed has %d EXDATE lines, want %d", who.User.Name, exdates, want)
				}
			}
		})

		t.Run("OKUsedHourly", func(t *testing.T) {
			feed, err := f.S.CreateFeed(ctxOf(f.B), f.B, CollectiveFeed)
			ok(t, err)
			used := func() time.Time {
				l, err := f.S.Feeds(ctxOf(f.B), f.B)
				ok(t, err)
				if l[0].UsedAt == nil {
					t.Fatal("used_at not set")
				}
				return *l[0].UsedAt
			}
			_, err = f.S.Feed(context.Background(), feedToken(t, feed))
			ok(t, err)
			same(t, "used", used(), testStart)
			f.Clock.Set(testStart.Add(59 * time.Minute))
			_, err = f.S.Feed(context.Background(), feedToken(t, feed))
			ok(t, err)
			same(t, "used within the hour", used(), testStart)
			f.Clock.Set(testStart.Add(61 * time.Minute))
			_, err = f.S.Feed(context.Background(), feedToken(t, feed))
			ok(t, err)
			same(t, "used an hour later", used(), testStart.Add(61*time.Minute))
			f.Clock.Set(testStart)
		})

		t.Run("OKRevoke", func(t *testing.T) {
			feed, err := f.S.CreateFeed(ctxOf(f.C), f.C, PersonalFeed)
			ok(t, err)
			err = f.S.RevokeFeed(ctxOf(f.B), f.B, feed.ID)
			wantErr(t, err, errs.NotFound, "", "You have no such calendar feed.")
			ok(t, f.S.RevokeFeed(ctxOf(f.C), f.C, feed.ID))
			ok(t, f.S.RevokeFeed(ctxOf(f.C), f.C, feed.ID)) // twice is no error
			_, err = f.S.Feed(context.Background(), feedToken(t, feed))
			wantErr(t, err, errs.NotFound, "", "There is no such calendar feed; it may have been revoked.")
			l, err := f.S.Feeds(ctxOf(f.C), f.C)
			ok(t, err)
			if len(l) != 1 || l[0].RevokedAt == nil || !l[0].RevokedAt.Equal(testStart) || l[0].URL != "" {
				t.Fatalf("feeds %+v", l)
			}
		})

		t.Run("ErrUnknownToken", func(t *testing.T) {
			for _, token := range []string{"", "short", strings.Repeat("A", 43)} {
				_, err := f.S.Feed(context.Background(), token)
				wantErr(t, err, errs.NotFound, "", "There is no such calendar feed; it may have been revoked.")
			}
		})

		t.Run("ErrScope", func(t *testing.T) {
			before := f.count(t, "SELECT COUNT(*) FROM calendar_feeds")
			_, err := f.S.CreateFeed(ctxOf(f.A), f.A, "everything")
			wantErr(t, err, errs.Invalid, "scope", `Choose what the feed holds: "collective" (every gathering of River) or "person" (yours).`)
			same(t, "feeds", f.count(t, "SELECT COUNT(*) FROM calendar_feeds"), before)
		})

		t.Run("ErrRefused", func(t *testing.T) {
			_, err := f.S.CreateFeed(ctxOf(f.Outsider), f.Outsider, PersonalFeed)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			_, err = f.S.CreateFeed(context.Background(), f.Anon, PersonalFeed)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
			_, err = f.S.Feeds(ctxOf(f.Outsider), f.Outsider)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
		})

		t.Run("ErrTooMany", func(t *testing.T) {
			for range MaxFeeds {
				_, err := f.S.CreateFeed(ctxOf(f.Steward), f.Steward, CollectiveFeed)
				ok(t, err)
			}
			_, err := f.S.CreateFeed(ctxOf(f.Steward), f.Steward, CollectiveFeed)
			wantErr(t, err, errs.Conflict, "", "You have 20 calendar feeds here already; revoke one you no longer use first.")
		})
	})
}
