// Command commitmentgen fills a new database with the bench collective
// (bench/seed: 10,000 members, 8 organisations), five goals with two
// indicators each, and 1,000,000 commitments in every state, for the
// ledger and board benchmark (bench/commitments.sh).
//
//	go run ./bench/commitmentgen -db /tmp/c.db -n 1000000 [-members 10000]
//	go run ./bench/commitmentgen -db /tmp/c.db -verify
//
// Commitments are written in bulk through SQL (multi-row INSERTs in one
// transaction), not replayed through the service: a million promises with
// two or three transitions each would take the better part of an hour
// through one writer. The counters (commitment_ledger, _months, _pairs,
// _counts) are computed in Go from each commitment's final state exactly as
// the transitions add them up (see tally.add) and written alongside; -verify
// recomputes them from the commitments table and compares, and the
// service's own transitions are checked against the same rule by
// `-replay N`, which makes N commitments through Create and Transition.
// History rows (commitment_events) and activity are not written: neither
// the ledger nor the board reads them.
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
	n := flag.Int("n", 1_000_000, "commitments to write")
	members := flag.Int("members", 10_000, "members besides the steward")
	check := flag.Bool("verify", false, "only recompute the counters from the commitments and compare")
	replay := flag.Int("replay", 0, "make this many commitments through the service instead, then verify")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "commitmentgen: give -db PATH or -db postgres://...")
		os.Exit(2)
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
	if *check {
		cid, err := collectiveID(ctx, db)
		if err == nil {
			err = verify(ctx, db, cid)
		}
		if err != nil {
			fail(err)
		}
		return
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
	if *replay > 0 {
		err = replayService(ctx, db, w, *replay)
		if err == nil {
			err = verify(ctx, db, res.CollectiveID)
		}
		if err != nil {
			fail(err)
		}
		return
	}
	t := time.Now()
	st, err := generate(ctx, db, w, *n)
	if err != nil {
		fail(err)
	}
	fmt.Printf("commitments: %d (%s) and their counters in %s (total %s)\n", *n, st, time.Since(t).Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond))
	if db.Dialect == store.Postgres {
		// A fresh bulk load has no statistics yet; autovacuum would gather
		// them within a minute, so the bench does it at once.
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, "ANALYZE"); return err }); err != nil {
			fail(err)
		}
	}
}

// collectiveID is the bench collective's id.
func collectiveID(ctx context.Context, db *store.DB) (int64, error) {
	var id int64
	err := db.Get(ctx, &id, "SELECT id FROM collectives WHERE slug = ?", seed.Slug)
	return id, err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "commitmentgen:", err)
	os.Exit(1)
}
