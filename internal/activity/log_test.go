package activity_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// world is a small fixture made with SQL: accounts and collectives exist,
// so the log's foreign keys hold; memberships are the Readers the tests
// pass in, since the log takes them as values.
type world struct {
	db    *store.DB
	user  map[string]int64
	coll  map[string]int64
	entry map[string]int64 // entry ids by name
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	db.Now = func() time.Time { return start }
	w := &world{db: db, user: map[string]int64{}, coll: map[string]int64{}, entry: map[string]int64{}}
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		for _, who := range []string{"steward", "member", "reviewer", "observer", "outsider", "gone"} {
			id, err := tx.Insert(context.Background(), `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, 'x', ?)`,
				who+"@example.org", "Name of "+who, tx.Now)
			if err != nil {
				return err
			}
			w.user[who] = id
		}
		for _, slug := range []string{"one", "two"} {
			id, err := tx.Insert(context.Background(), `INSERT INTO collectives (slug, name, visibility, created_at) VALUES (?, ?, 'private', ?)`,
				slug, "Collective "+slug, tx.Now)
			if err != nil {
				return err
			}
			w.coll[slug] = id
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// record writes one entry and remembers its id under name.
func (w *world) record(t *testing.T, name, coll, actor string, aud activity.Audience) {
	t.Helper()
	var id int64
	err := w.db.Write(context.Background(), func(tx *store.Tx) error {
		if err := activity.Record(context.Background(), tx, activity.Entry{CollectiveID: w.coll[coll], ActorID: w.user[actor],
			Verb: "test.happened", Subject: name, Summary: "Entry " + name + ".", Link: "/c/" + coll, Audience: aud}); err != nil {
			return err
		}
		return tx.Get(context.Background(), &id, "SELECT max(id) FROM activity")
	})
	if err != nil {
		t.Fatalf("record %s: %v", name, err)
	}
	w.entry[name] = id
}

func (w *world) reader(who, coll string, roles ...string) activity.Reader {
	return activity.Reader{UserID: w.user[who], CollectiveID: w.coll[coll], Slug: coll, Name: "Collective " + coll,
		Member: len(roles) > 0, Roles: roles}
}

// names maps a page's ids back to entry names, in the page's order.
func (w *world) names(p *activity.Page) []string {
	var out []string
	for _, it := range p.Items {
		for n, id := range w.entry {
			if id == it.ID {
				out = append(out, n)
			}
		}
	}
	return out
}

func count(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), &n, "SELECT count(*) FROM activity"); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			w.record(t, "ok", "one", "steward", activity.Role(auth.PayReviewer))
			var row struct {
				Collective int64     `db:"collective_id"`
				Actor      int64     `db:"actor_id"`
				Verb       string    `db:"verb"`
				Audience   string    `db:"audience"`
				Summary    string    `db:"summary"`
				At         time.Time `db:"created_at"`
			}
			if err := db.Get(ctx, &row, "SELECT collective_id, actor_id, verb, audience, summary, created_at FROM activity WHERE id = ?", w.entry["ok"]); err != nil {
				t.Fatal(err)
			}
			if row.Collective != w.coll["one"] || row.Actor != w.user["steward"] || row.Verb != "test.happened" ||
				row.Audience != "role:pay_reviewer" || row.Summary != "Entry ok." || !row.At.Equal(start) {
				t.Errorf("stored %+v", row)
			}
		})
		t.Run("StewardRoleIsTheStewardsAudience", func(t *testing.T) {
			w.record(t, "st", "one", "steward", activity.Role(auth.Steward))
			var aud string
			if err := db.Get(ctx, &aud, "SELECT audience FROM activity WHERE id = ?", w.entry["st"]); err != nil {
				t.Fatal(err)
			}
			if aud != "stewards" {
				t.Errorf("audience %q", aud)
			}
		})
		before := count(t, db)
		for _, c := range []struct {
			name, field, msg string
			e                activity.Entry
		}{
			{"ErrAudienceUnknown", "audience", `The audience "everyone" is not one of collective, stewards, actor or role:NAME.`,
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "x", Audience: "everyone"}},
			{"ErrAudienceEmpty", "audience", `The audience "" is not one of collective, stewards, actor or role:NAME.`,
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "x"}},
			{"ErrRoleUnknown", "audience", `The audience "role:pay_reveiwer" names no registered role.`,
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "x", Audience: activity.Role("pay_reveiwer")}},
			{"ErrVerb", "verb", `The verb "Joined" must be dotted lower-case words, e.g. member.joined.`,
				activity.Entry{CollectiveID: w.coll["one"], Verb: "Joined", Summary: "x", Audience: activity.Everyone}},
			{"ErrSummaryRequired", "summary", "An entry needs a summary.",
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "  ", Audience: activity.Everyone}},
			{"ErrLinkOffSite", "link", "The link must be a path on this site, such as /c/riverside.",
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "x", Link: "//evil.example", Audience: activity.Everyone}},
			{"ErrActorOnlyWithoutActor", "audience", "An entry for the actor alone needs an actor.",
				activity.Entry{CollectiveID: w.coll["one"], Verb: "a.b", Summary: "x", Audience: activity.ActorOnly}},
			{"ErrSharedOutsideCollective", "audience", "An entry outside a collective can only be addressed to its actor.",
				activity.Entry{ActorID: w.user["member"], Verb: "a.b", Summary: "x", Audience: activity.Stewards}},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := db.Write(ctx, func(tx *store.Tx) error { return activity.Record(ctx, tx, c.e) })
				if errs.Code(err) != errs.Invalid || errs.FieldOf(err) != c.field || errs.Message(err) != c.msg {
					t.Fatalf("err %v (field %q)", err, errs.FieldOf(err))
				}
			})
		}
		if n := count(t, db); n != before {
			t.Errorf("%d entries written by refused records", n-before)
		}
	})
}

// TestAudiences is the rule as a table: readers × entries → what each sees,
// in the collective's feed and in their own.
func TestAudiences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		for _, e := range []struct {
			name, coll, actor string
			aud               activity.Audience
		}{
			{"all", "one", "steward", activity.Everyone},
			{"stewards", "one", "steward", activity.Stewards},
			{"pay", "one", "steward", activity.Role(auth.PayReviewer)},
			{"hosts", "one", "steward", activity.Role(auth.Host)},
			{"observers", "one", "steward", activity.Role(auth.Observer)},
			{"member-own", "one", "member", activity.ActorOnly},
			{"steward-own", "one", "steward", activity.ActorOnly},
			{"by-member", "one", "member", activity.Everyone},
			{"two-all", "two", "member", activity.Everyone},
			{"two-stewards", "two", "steward", activity.Stewards},
			{"gone-all", "one", "gone", activity.Everyone},
		} {
			w.record(t, e.name, e.coll, e.actor, e.aud)
		}
		err := db.Write(ctx, func(tx *store.Tx) error { // a personal entry, outside any collective
			return activity.Record(ctx, tx, activity.Entry{ActorID: w.user["member"], Verb: "account.updated", Summary: "You changed your profile.", Audience: activity.ActorOnly})
		})
		if err != nil {
			t.Fatal(err)
		}
		var personal int64
		if err := db.Get(ctx, &personal, "SELECT max(id) FROM activity"); err != nil {
			t.Fatal(err)
		}
		w.entry["personal"] = personal

		steward := w.reader("steward", "one", auth.Member, auth.Steward)
		member := w.reader("member", "one", auth.Member)
		reviewer := w.reader("reviewer", "one", auth.Member, auth.PayReviewer)
		observer := w.reader("observer", "one", auth.Observer)
		outsider := w.reader("outsider", "one")
		log := &activity.Log{DB: db}
		for _, c := range []struct {
			name string
			r    activity.Reader
			want []string
		}{
			{"Steward", steward, []string{"gone-all", "by-member", "steward-own", "stewards", "all"}},
			{"Member", member, []string{"gone-all", "by-member", "member-own", "all"}},
			{"Reviewer", reviewer, []string{"gone-all", "by-member", "pay", "all"}},
			{"Observer", observer, []string{"gone-all", "by-member", "observers", "all"}},
		} {
			t.Run("Collective"+c.name, func(t *testing.T) {
				p, err := log.Collective(ctx, c.r, activity.Query{})
				if err != nil {
					t.Fatal(err)
				}
				if got := w.names(p); !slices.Equal(got, c.want) || p.Next != 0 {
					t.Errorf("sees %q (next %d), want %q", got, p.Next, c.want)
				}
				for _, it := range p.Items {
					if !c.r.CanSee(activity.Audience(it.Audience), deref(it.ActorID)) {
						t.Errorf("CanSee disagrees with the feed on %d (%s)", it.ID, it.Audience)
					}
				}
			})
		}
		t.Run("CollectiveOutsiderRefused", func(t *testing.T) {
			_, err := log.Collective(ctx, outsider, activity.Query{})
			if errs.Code(err) != errs.Forbidden || errs.Message(err) != "Only members of Collective one can see its activity." {
				t.Fatalf("err %v", err)
			}
		})
		t.Run("Person", func(t *testing.T) {
			ms := []activity.Reader{member, w.reader("member", "two", auth.Member, auth.Steward)}
			p, err := log.Person(ctx, w.user["member"], ms, activity.Query{})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"personal", "gone-all", "two-stewards", "two-all", "by-member", "member-own", "all"}
			if got := w.names(p); !slices.Equal(got, want) {
				t.Errorf("sees %q, want %q", got, want)
			}
			if p.Items[0].Collective != "" || p.Items[2].Collective != "two" || p.Items[2].CollectiveName != "Collective two" ||
				p.Items[2].Actor != "Name of steward" {
				t.Errorf("items %+v", p.Items[:3])
			}
		})
		t.Run("PersonIgnoresOthersMemberships", func(t *testing.T) {
			p, err := log.Person(ctx, w.user["outsider"], []activity.Reader{steward}, activity.Query{})
			if err != nil || len(p.Items) != 0 {
				t.Fatalf("outsider sees %q, %v", w.names(p), err)
			}
		})
		t.Run("ActorFilter", func(t *testing.T) {
			p, err := log.Collective(ctx, steward, activity.Query{Actor: w.user["member"]})
			if err != nil {
				t.Fatal(err)
			}
			// The member's own note is theirs alone, even for a steward.
			if got := w.names(p); !slices.Equal(got, []string{"by-member"}) {
				t.Errorf("steward filtering by member sees %q", got)
			}
			p, err = log.Collective(ctx, member, activity.Query{Actor: w.user["member"]})
			if err != nil {
				t.Fatal(err)
			}
			if got := w.names(p); !slices.Equal(got, []string{"by-member", "member-own"}) {
				t.Errorf("member filtering by themselves sees %q", got)
			}
		})
		t.Run("ErrLimit", func(t *testing.T) {
			for _, n := range []int{-1, 201} {
				_, err := log.Collective(ctx, member, activity.Query{Limit: n})
				if errs.FieldOf(err) != "limit" || errs.Message(err) != "The limit must be between 1 and 200." {
					t.Errorf("limit %d: %v", n, err)
				}
			}
		})
	})
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func TestPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		// 130 entries, every third (44 of them) for stewards only: a member sees 86.
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := range 130 {
				aud := activity.Everyone
				if i%3 == 0 {
					aud = activity.Stewards
				}
				if err := activity.Record(ctx, tx, activity.Entry{CollectiveID: w.coll["one"], ActorID: w.user["steward"],
					Verb: "test.happened", Summary: fmt.Sprintf("Entry %d.", i), Audience: aud}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		log := &activity.Log{DB: db}
		for _, c := range []struct {
			name  string
			r     activity.Reader
			pages []int
		}{
			{"Member", w.reader("member", "one", auth.Member), []int{50, 36}},
			{"Steward", w.reader("steward", "one", auth.Steward), []int{50, 50, 30}},
		} {
			t.Run(c.name, func(t *testing.T) {
				var sizes []int
				var seen []int64
				q := activity.Query{}
				for {
					p, err := log.Collective(ctx, c.r, q)
					if err != nil {
						t.Fatal(err)
					}
					sizes = append(sizes, len(p.Items))
					for _, it := range p.Items {
						if len(seen) > 0 && it.ID >= seen[len(seen)-1] {
							t.Fatalf("id %d after %d: not newest first, or repeated", it.ID, seen[len(seen)-1])
						}
						seen = append(seen, it.ID)
					}
					if p.Next == 0 {
						break
					}
					q.Before = p.Next
				}
				if !slices.Equal(sizes, c.pages) {
					t.Errorf("pages of %v, want %v", sizes, c.pages)
				}
			})
		}
		t.Run("Limit", func(t *testing.T) {
			p, err := log.Collective(ctx, w.reader("member", "one", auth.Member), activity.Query{Limit: 7})
			if err != nil || len(p.Items) != 7 || p.Next != p.Items[6].ID {
				t.Fatalf("%d items, next %d, %v", len(p.Items), p.Next, err)
			}
		})
	})
}
