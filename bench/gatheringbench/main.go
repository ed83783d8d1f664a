// Command gatheringbench times the gathering service on a database filled
// by bench/gatheringgen, in process (no HTTP), for issue 12's budgets:
//
//	go run ./bench/gatheringbench -db /tmp/g.db [-runs 30]
//
// balance: Service.Balance (the collective's dashboard) over the default
// window, the last 12 months, and Service.MyBalance for the busiest
// member. Budget: under 200 ms for 10,000 members over a year.
//
// feed: Service.Feed for a personal feed of the member invited to most
// gatherings, and for a collective feed (every gathering), each made
// once through CreateFeed. Budget: under 50 ms over 10,000 gatherings.
//
// Each line gives the runs' p50, p99 (with few runs, the slowest) and min,
// after one warm-up run, and that first run's time: for Balance it counts
// the year's settled weeks from the check-ins and stores them, which later
// runs read instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/gathering"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "the database gatheringgen filled (SQLite path or postgres:// URL)")
	runs := flag.Int("runs", 30, "timed runs of each")
	mode := flag.String("mode", "all", "all, balance or feed")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to this file")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "gatheringbench: give -db")
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	col := &collective.Service{DB: db}
	s := &gathering.Service{DB: db, Collectives: col, BaseURL: "https://bench.example.org"}
	steward, err := accessOf(ctx, db, col, "SELECT id, name FROM users WHERE email = ?", seed.StewardEmail)
	if err != nil {
		fail(fmt.Errorf("the bench steward: %w", err))
	}
	busiest, err := accessOf(ctx, db, col, `SELECT u.id, u.name FROM users u JOIN members m ON m.user_id = u.id
		WHERE m.id = (SELECT member_id FROM gathering_invitees WHERE member_id IS NOT NULL
			GROUP BY member_id ORDER BY COUNT(*) DESC, member_id LIMIT 1)`)
	if err != nil {
		fail(fmt.Errorf("the busiest member: %w", err))
	}
	fmt.Printf("%s, %s\n", db.Dialect, dbSize(ctx, db, steward.Collective.ID, busiest.MemberID))
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *mode == "all" || *mode == "balance" {
		// The first Balance counts the settled weeks from the check-ins and
		// stores them (gathering_week_stats); forget them so every bench
		// times that first run too.
		if err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "DELETE FROM gathering_week_stats")
			return err
		}); err != nil {
			fail(err)
		}
		timeIt("Balance (12 months)", *runs, func() (string, error) {
			b, err := s.Balance(ctxOf(ctx, steward), steward, gathering.BalanceQuery{})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%.0f person-hours, %d outcomes, %d weeks, %d series", b.PersonHours, b.Outcomes,
				len(b.Weeks), len(b.Series)), nil
		})
		timeIt("MyBalance (busiest member)", *runs, func() (string, error) {
			b, err := s.MyBalance(ctxOf(ctx, busiest), busiest)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d weeks", len(b.Weeks)), nil
		})
	}
	if *mode == "all" || *mode == "feed" {
		for _, f := range []struct {
			name  string
			a     *collective.Access
			scope gathering.FeedScope
		}{{"Feed (personal, busiest member)", busiest, gathering.PersonalFeed}, {"Feed (collective)", steward, gathering.CollectiveFeed}} {
			feed, err := s.CreateFeed(ctxOf(ctx, f.a), f.a, f.scope)
			if err != nil {
				fmt.Printf("%-34s not available: %v\n", f.name+":", err)
				continue
			}
			token := feed.URL[strings.LastIndex(feed.URL, "/")+1:]
			timeIt(f.name, *runs, func() (string, error) {
				body, err := s.Feed(ctx, token)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("%d events, %d KiB", strings.Count(string(body), "BEGIN:VEVENT"), len(body)/1024), nil
			})
		}
	}
}

func ctxOf(ctx context.Context, a *collective.Access) context.Context {
	return auth.WithUser(ctx, a.User)
}

// accessOf is the access of the account a query names.
func accessOf(ctx context.Context, db *store.DB, col *collective.Service, query string, args ...any) (*collective.Access, error) {
	var u auth.User
	if err := db.Get(ctx, &u, query, args...); err != nil {
		return nil, err
	}
	return col.Access(auth.WithUser(ctx, &u), seed.Slug)
}

// timeIt runs fn once to warm up, then runs times, and prints the figures
// with the first run's time.
func timeIt(name string, runs int, fn func() (string, error)) {
	t0 := time.Now()
	what, err := fn()
	first := time.Since(t0)
	if err != nil {
		fmt.Printf("%-34s failed: %v\n", name+":", err)
		return
	}
	var took []time.Duration
	for range runs {
		t := time.Now()
		if _, err := fn(); err != nil {
			fmt.Printf("%-34s failed: %v\n", name+":", err)
			return
		}
		took = append(took, time.Since(t))
	}
	fmt.Printf("%-34s %d runs: %s; first run %s (%s)\n", name+":", runs, stats(took), first.Round(100*time.Microsecond), what)
}

// dbSize says what the collective holds, so the figures say what they timed.
func dbSize(ctx context.Context, db *store.DB, cid, busiest int64) string {
	var n struct {
		Members       int64 `db:"members"`
		Gatherings    int64 `db:"gatherings"`
		Occurrences   int64 `db:"occurrences"`
		Registrations int64 `db:"registrations"`
		Attendance    int64 `db:"attendance"`
		Invited       int64 `db:"invited"`
	}
	_ = db.Get(ctx, &n, `SELECT (SELECT count(*) FROM members WHERE collective_id = ?) AS members,
		(SELECT count(*) FROM gatherings WHERE collective_id = ?) AS gatherings,
		(SELECT count(*) FROM gathering_occurrences WHERE collective_id = ?) AS occurrences,
		(SELECT count(*) FROM gathering_registrations) AS registrations,
		(SELECT count(*) FROM gathering_attendance) AS attendance,
		(SELECT count(*) FROM gathering_invitees WHERE member_id = ?) AS invited`, cid, cid, cid, busiest)
	return fmt.Sprintf("%d members, %d gatherings, %d dates, %d answers, %d check-ins; the busiest member is named in %d",
		n.Members, n.Gatherings, n.Occurrences, n.Registrations, n.Attendance, n.Invited)
}

func stats(d []time.Duration) string {
	slices.Sort(d)
	at := func(q float64) time.Duration { return d[min(len(d)-1, int(q*float64(len(d))))] }
	round := func(t time.Duration) time.Duration {
		if t < 10*time.Millisecond {
			return t.Round(10 * time.Microsecond)
		}
		return t.Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50 %s, p99 %s, min %s", round(at(0.5)), round(at(0.99)), round(d[0]))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gatheringbench:", err)
	os.Exit(1)
}
