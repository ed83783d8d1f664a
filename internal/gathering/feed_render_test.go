package gathering

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"commonground/internal/store"
)

// TestFeedRows holds the feed's fast paths to the plain ones: rows read
// packed decode to what the plain query reads (and a row that cannot be
// packed falls back to it), and feedBuilder makes the events
// Service.events (the calendar file of one gathering) makes.
func TestFeedRows(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		online := meeting()
		online.Title, online.Intention = "Check-in: food, care; ünïcode", "Line one,\nline two: \\done."
		online.Format, online.Place, online.Link = Online, "", "https://meet.example/room?a=1;b=2"
		_, err := f.S.Create(ctxOf(f.A), f.A, online)
		ok(t, err)
		weekly := meeting()
		weekly.Title, weekly.Repeat = "Weekly", RepeatInput{Every: Weekly, Count: 4}
		series, err := f.S.Create(ctxOf(f.A), f.A, weekly)
		ok(t, err)
		occs, err := f.S.Occurrences(ctxOf(f.A), f.A, series.ID)
		ok(t, err)
		_, err = f.S.MoveOccurrence(ctxOf(f.A), f.A, occs[2].ID, OccurrenceInput{Start: "2026-12-15T12:00", End: "2026-12-15T13:00"})
		ok(t, err)
		ok(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, occs[3].ID))
		_, err = f.S.Respond(ctxOf(f.D4), f.D4, occs[1].ID, RSVPInput{Status: Declined})
		ok(t, err)
		gone, err := f.S.Create(ctxOf(f.A), f.A, meeting())
		ok(t, err)
		ok(t, f.S.Cancel(ctxOf(f.A), f.A, gone.ID))
		no, err := f.S.Create(ctxOf(f.A), f.A, meeting())
		ok(t, err)
		v, err := f.S.View(ctxOf(f.D4), f.D4, no.ID, 0)
		ok(t, err)
		_, err = f.S.Respond(ctxOf(f.D4), f.D4, v.Occurrence.ID, RSVPInput{Status: Declined})
		ok(t, err)
		ctx := context.Background()
		feeds := []*feedRow{
			{CollectiveID: f.Coll.ID, MemberID: f.D4.MemberID, Scope: PersonalFeed, Slug: f.Coll.Slug, Name: f.Coll.Name},
			{CollectiveID: f.Coll.ID, MemberID: f.A.MemberID, Scope: CollectiveFeed, Slug: f.Coll.Slug, Name: f.Coll.Name},
		}

		t.Run("OKPackedAsPlain", func(t *testing.T) {
			for _, fr := range feeds {
				gs, err := f.S.feedGatherings(ctx, fr)
				ok(t, err)
				same(t, "gatherings", len(gs), 4)
				if want := plainGatherings(t, f, fr); !reflect.DeepEqual(gs, want) {
					t.Fatalf("%s feed: packed %+v\nplain %+v", fr.Scope, gs, want)
				}
			}
		})

		t.Run("OKPackedFallsBack", func(t *testing.T) {
			// A unit separator in a text would shift the packed columns.
			ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "UPDATE gatherings SET title = ? WHERE id = ?", "Odd\x1ftitle", series.ID)
				return err
			}))
			gs, err := f.S.feedGatherings(ctx, feeds[1])
			ok(t, err)
			if want := plainGatherings(t, f, feeds[1]); !reflect.DeepEqual(gs, want) {
				t.Fatalf("packed %+v\nplain %+v", gs, want)
			}
			i := slices.IndexFunc(gs, func(g feedGathering) bool { return g.ID == series.ID })
			same(t, "title", gs[i].Title, "Odd\x1ftitle")
		})

		t.Run("OKEventsAsICS", func(t *testing.T) {
			for _, fr := range feeds {
				gs, err := f.S.feedGatherings(ctx, fr)
				ok(t, err)
				exc, err := f.S.feedExceptions(ctx, fr)
				ok(t, err)
				b := feedBuilder{pages: "https://cg.example/c/" + fr.Slug + "/gatherings/", zones: calZones{}}
				for _, fg := range gs {
					var own []calOcc
					for _, o := range exc {
						if o.GatheringID == fg.ID {
							own = append(own, o)
						}
					}
					g := &Gathering{ID: fg.ID, UID: fg.UID, Title: fg.Title, Intention: fg.Intention, Place: fg.Place, Link: fg.Link,
						TimeZone: fg.TimeZone, StartsAt: fg.StartsAt, EndsAt: fg.EndsAt, RRule: fg.RRule, Status: fg.Status,
						Sequence: fg.Sequence, UpdatedAt: fg.UpdatedAt}
					got, want := b.events(nil, &fg, own), f.S.events(g, fr.Slug, own)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s feed, gathering %d:\n%+v\nwant %+v", fr.Scope, fg.ID, got, want)
					}
					if fg.ID == series.ID {
						exdates := map[FeedScope]int{PersonalFeed: 2, CollectiveFeed: 1}[fr.Scope]
						same(t, "series events", len(got), 2)
						same(t, "EXDATEs", len(got[0].ExDates), exdates)
					}
				}
			}
		})
	})
}

// plainGatherings is what the plain query reads for a feed.
func plainGatherings(t *testing.T, f *fixture, fr *feedRow) []feedGathering {
	t.Helper()
	q := feedPlain[f.DB.Dialect]
	args := []any{fr.CollectiveID, f.DB.Now().AddDate(0, 0, -feedHistoryDays)}
	if fr.Scope == PersonalFeed {
		q += personalFilter
		args = append(args, fr.MemberID, fr.MemberID, fr.MemberID)
	}
	var gs []feedGathering
	ok(t, f.DB.Select(context.Background(), &gs, q+" ORDER BY g.starts_at, g.id", args...))
	for i := range gs {
		g := &gs[i]
		g.StartsAt, g.EndsAt, g.UpdatedAt = g.StartsAt.UTC(), g.EndsAt.UTC(), g.UpdatedAt.UTC()
	}
	return gs
}
