// Command decisionbench times the decision service on a database filled by
// bench/decisiongen, in process (no HTTP), for issue 11's budgets:
//
//	go run ./bench/decisionbench -db /tmp/d.db -mode close [-runs 5]
//	go run ./bench/decisionbench -db /tmp/d.db -mode vote [-runs 5]
//	go run ./bench/decisionbench -db /tmp/p.db -mode power [-runs 50]
//
// close: each of decisiongen's four decisions (about 100,000 ballots each)
// is closed with Service.Close, as the steward, runs times; between runs
// the decision is put back to open (status, closed time, result) so every
// run reads, counts and stores the same ballots. Budget: under 3 s.
//
// vote: one anonymous vote (Service.Vote) in a decision that already holds
// 10,000 and then 100,000 anonymous ballots, runs times each; between runs
// the new ballot and turnout row are taken out again (see vote.go). On
// PostgreSQL each such vote rewrites all of the decision's ballots and
// turnout rows, so this is what a voter waits for there.
//
// power: Service.Power over all time and over the last 12 months, runs
// times each after one warm-up. Budget: under 200 ms.
//
// Each line gives the runs' p50, p99 (with few runs, the slowest) and min.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "the database decisiongen filled (SQLite path or postgres:// URL)")
	mode := flag.String("mode", "close", "close, vote or power")
	runs := flag.Int("runs", 0, "timed runs (default 5 for close and vote, 50 for power)")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to this file")
	flag.Parse()
	if *dsn == "" || (*mode != "close" && *mode != "vote" && *mode != "power") {
		fmt.Fprintln(os.Stderr, "decisionbench: give -db and -mode close|vote|power")
		os.Exit(2)
	}
	if *runs == 0 {
		*runs = map[string]int{"close": 5, "vote": 5, "power": 50}[*mode]
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	var u auth.User
	if err := db.Get(ctx, &u, "SELECT id, name FROM users WHERE email = ?", seed.StewardEmail); err != nil {
		fail(fmt.Errorf("the bench steward: %w", err))
	}
	col := &collective.Service{DB: db}
	s := &decision.Service{DB: db, Collectives: col}
	sctx := auth.WithUser(ctx, &u)
	a, err := col.Access(sctx, seed.Slug)
	if err != nil {
		fail(err)
	}
	fmt.Printf("%s, %s\n", db.Dialect, dbSize(ctx, db, a.Collective.ID))
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
	switch *mode {
	case "close":
		err = timeClose(sctx, db, s, a, *runs)
	case "vote":
		err = timeVote(ctx, db, s, col, a.Collective.ID, *runs)
	default:
		err = timePower(sctx, s, a, *runs)
	}
	if err != nil {
		pprof.StopCPUProfile()
		fail(err)
	}
}

// dbSize says what the collective holds, so the figures say what they timed.
func dbSize(ctx context.Context, db *store.DB, cid int64) string {
	var n struct {
		Members   int64 `db:"members"`
		Decisions int64 `db:"decisions"`
		Ballots   int64 `db:"ballots"`
		Anonymous int64 `db:"anonymous"`
		Power     int64 `db:"power"`
	}
	_ = db.Get(ctx, &n, `SELECT (SELECT count(*) FROM members WHERE collective_id = ?) AS members,
		(SELECT count(*) FROM decisions WHERE collective_id = ?) AS decisions,
		(SELECT count(*) FROM ballots) AS ballots, (SELECT count(*) FROM anonymous_ballots) AS anonymous,
		(SELECT count(*) FROM power_counts WHERE collective_id = ?) AS power`, cid, cid, cid)
	return fmt.Sprintf("%d members, %d decisions, %d named and %d anonymous ballots, %d power_counts rows",
		n.Members, n.Decisions, n.Ballots, n.Anonymous, n.Power)
}

// questions are decisiongen's close decisions.
var questions = []string{"Bench: named majority", "Bench: named Schulze", "Bench: anonymous majority", "Bench: anonymous Schulze"}

func timeClose(ctx context.Context, db *store.DB, s *decision.Service, a *collective.Access, runs int) error {
	for _, q := range questions {
		var d struct {
			ID      int64 `db:"id"`
			Turnout int64 `db:"turnout"`
		}
		if err := db.Get(ctx, &d, "SELECT id, turnout FROM decisions WHERE collective_id = ? AND question = ?", a.Collective.ID, q); err != nil {
			return fmt.Errorf("%s: %w (run decisiongen -mode close first)", q, err)
		}
		var took []time.Duration
		var passed string
		for range runs {
			if err := reopen(ctx, db, d.ID); err != nil {
				return err
			}
			t := time.Now()
			if err := s.Close(ctx, a, d.ID); err != nil {
				return fmt.Errorf("%s: close: %w", q, err)
			}
			took = append(took, time.Since(t))
			var p *bool
			if err := db.Get(ctx, &p, "SELECT passed FROM decisions WHERE id = ?", d.ID); err != nil {
				return err
			}
			passed = "passed null"
			if p != nil {
				passed = fmt.Sprintf("passed %v", *p)
			}
		}
		fmt.Printf("Close %-26s %7d ballots, %d runs: %s (%s)\n", q+":", d.Turnout, runs, stats(took), passed)
	}
	return nil
}

func timePower(ctx context.Context, s *decision.Service, a *collective.Access, runs int) error {
	for _, months := range []int{0, 12} {
		p, err := s.Power(ctx, a, decision.PowerQuery{Months: months}) // warm-up
		if err != nil {
			return err
		}
		var took []time.Duration
		for range runs {
			t := time.Now()
			if _, err := s.Power(ctx, a, decision.PowerQuery{Months: months}); err != nil {
				return err
			}
			took = append(took, time.Since(t))
		}
		fmt.Printf("Power months=%-3d %d proposals, %d votes, %d people, gini %.3f, %d runs: %s\n", months, p.Proposals, p.Votes,
			len(p.People), p.ProposalsGini, runs, stats(took))
	}
	return nil
}

// reopen puts a decision back to open, as if it had not closed.
func reopen(ctx context.Context, db *store.DB, id int64) error {
	return db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE decisions SET status = 'open', closed_at = NULL, passed = NULL, result = ''
			WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE proposals SET status = 'deciding' WHERE id = (SELECT proposal_id FROM decisions WHERE id = ?)", id)
		return err
	})
}

// stats is p50, p99 and min of the runs: to the millisecond, or to 10 µs
// below 10 ms (an anonymous vote on SQLite).
func stats(d []time.Duration) string {
	slices.Sort(d)
	at := func(q float64) time.Duration { return d[min(len(d)-1, int(q*float64(len(d))))] }
	round := func(t time.Duration) time.Duration {
		if t < 10*time.Millisecond {
			return t.Round(10 * time.Microsecond)
		}
		return t.Round(time.Millisecond)
	}
	return fmt.Sprintf("p50 %s, p99 %s, min %s", round(at(0.5)), round(at(0.99)), round(d[0]))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "decisionbench:", err)
	os.Exit(1)
}
