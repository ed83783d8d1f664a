package activity_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestRecordShortensSummary: a summary is built from names people chose,
// so one over 500 characters is cut with "…", at a character boundary,
// instead of failing the change it describes.
func TestRecordShortensSummary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		for _, c := range []struct{ name, summary, want string }{
			{"OK", strings.Repeat("é", 500), strings.Repeat("é", 500)},
			{"Long", strings.Repeat("é", 600), strings.Repeat("é", 499) + "…"},
			{"NoSpaceBeforeEllipsis", strings.Repeat("ab ", 200), strings.TrimSpace(strings.Repeat("ab ", 200)[:499]) + "…"},
		} {
			t.Run(c.name, func(t *testing.T) {
				var got string
				err := db.Write(ctx, func(tx *store.Tx) error {
					if err := activity.Record(ctx, tx, activity.Entry{CollectiveID: w.coll["one"], ActorID: w.user["member"],
						Verb: "test.long", Summary: c.summary, Audience: activity.Everyone}); err != nil {
						return err
					}
					return tx.Get(ctx, &got, "SELECT summary FROM activity WHERE id = (SELECT max(id) FROM activity)")
				})
				if err != nil {
					t.Fatal(err)
				}
				if got != c.want || utf8.RuneCountInString(got) > 500 || !utf8.ValidString(got) {
					t.Fatalf("summary %q (%d characters), want %q", got, utf8.RuneCountInString(got), c.want)
				}
			})
		}
	})
}

// TestNotifyShortensText: titles and bodies made from long names are cut
// with "…" rather than refused; a line break in a title is still refused.
func TestNotifyShortensText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newNtWorld(t, db)
		ctx := context.Background()
		n := activity.Notice{UserIDs: []int64{w.user["ana"]}, CollectiveID: w.coll, Kind: "member.left",
			Title: strings.Repeat("Ωmega ", 50), Body: strings.Repeat("ü", 4001), Link: "/c/river"}
		w.notify(t, n)
		var row struct {
			Title string `db:"title"`
			Body  string `db:"body"`
		}
		if err := db.Get(ctx, &row, "SELECT title, body FROM notifications WHERE user_id = ?", w.user["ana"]); err != nil {
			t.Fatal(err)
		}
		// 199 characters end in "Ωmeg" (33 whole words of 6, then 1 more).
		wantTitle := strings.Repeat("Ωmega ", 33) + "Ω…"
		if row.Title != wantTitle || utf8.RuneCountInString(row.Title) != 200 {
			t.Fatalf("title %q (%d characters), want %q", row.Title, utf8.RuneCountInString(row.Title), wantTitle)
		}
		if row.Body != strings.Repeat("ü", 3999)+"…" {
			t.Fatalf("body of %d characters ends %q", utf8.RuneCountInString(row.Body), row.Body[len(row.Body)-8:])
		}
		t.Run("ErrTitleTwoLines", func(t *testing.T) {
			bad := n
			bad.Title = strings.Repeat("x", 300) + "\nBcc: x@example.org"
			err := db.Write(ctx, func(tx *store.Tx) error { return w.n.Notify(ctx, tx, bad) })
			if err == nil || !strings.Contains(err.Error(), "one line") {
				t.Fatalf("err %v, want the title refused", err)
			}
		})
	})
}
