// Command decisiongen fills a new database for the decisions benchmark
// (bench/decisions.sh), in one of two shapes:
//
//	go run ./bench/decisiongen -db /tmp/d.db -mode close [-members 103400] [-options 5]
//	go run ./bench/decisiongen -db /tmp/p.db -mode power [-members 5000] [-decisions 10000]
//
// close: the bench collective (bench/seed) and four open decisions that
// every contributing member has voted in (about 100,000 voters with the
// default): a named majority vote, a named Schulze ranking, and the same two
// anonymous; and a fifth, an anonymous majority vote with the first 10,000
// voters' ballots, for timing one anonymous vote at that size. The
// decisions are made through the service (so their rows are the service's
// own); the ballots are written in bulk through SQL in one transaction a
// decision: named ballots with their turnout rows, anonymous ones in
// random-key order with a receipt hash each and turnout rows in member
// order, exactly the rows voting writes. Voting through the service would
// take one write transaction a ballot, 410,000 of them (and, anonymously
// on PostgreSQL, a rewrite of all the decision's ballots each).
//
// power: the bench collective with 10,000 closed decisions over the last
// 36 months and the per-member monthly counters the power page reads
// (power_counts), computed in Go from the generated events: a few members
// propose most (a Zipf draw), votes spread wider, some votes object and a
// few objections block.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"commonground/bench/seed"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "SQLite file path or postgres:// URL (required; a new, empty database)")
	mode := flag.String("mode", "close", "close (five decisions with the members' ballots) or power (many decisions' counters)")
	members := flag.Int("members", 0, "members besides the steward (default 103,400 for close: about 100,000 can vote; 5,000 for power)")
	options := flag.Int("options", 5, "options of the close decisions")
	decisions := flag.Int("decisions", 10_000, "closed decisions (power)")
	flag.Parse()
	if *dsn == "" || (*mode != "close" && *mode != "power") {
		fmt.Fprintln(os.Stderr, "decisiongen: give -db PATH (or postgres://...) and -mode close|power")
		os.Exit(2)
	}
	if *members == 0 {
		*members = map[string]int{"close": 103_400, "power": 5_000}[*mode]
	}
	ctx := context.Background()
	start := time.Now()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	res, err := seed.Members(ctx, db, seed.Options{Members: *members, Orgs: 8})
	if err != nil {
		fail(err)
	}
	if res.AlreadySeeded {
		fmt.Println("already seeded; nothing written")
		return
	}
	fmt.Printf("members: %d in %s\n", res.Members, res.Took.Round(time.Millisecond))
	w, err := loadWorld(ctx, db, res)
	if err != nil {
		fail(err)
	}
	if *mode == "close" {
		err = fillClose(ctx, db, w, *options)
	} else {
		err = fillPower(ctx, db, w, *decisions)
	}
	if err != nil {
		fail(err)
	}
	if db.Dialect == store.Postgres {
		// A fresh bulk load has no statistics yet; autovacuum would gather
		// them within a minute, so the bench does it at once.
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, "ANALYZE"); return err }); err != nil {
			fail(err)
		}
	}
	fmt.Printf("done in %s\n", time.Since(start).Round(time.Millisecond))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "decisiongen:", err)
	os.Exit(1)
}
