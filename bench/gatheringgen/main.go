// Command gatheringgen fills a new database for the gatherings benchmark
// (bench/gatherings.sh):
//
//	go run ./bench/gatheringgen -db /tmp/g.db [-members 10000] [-gatherings 10000] [-series 200]
//
// It seeds the bench collective (bench/seed), then a year of gatherings
// around now (eleven months back, one ahead): single gatherings and weekly
// series (52 dates each), a fifth inviting everyone and the rest a few
// dozen people or an organisation; answers for about two thirds of those
// invited (fewer when everyone is), check-ins for four in five of those
// going to past dates, 0 to 3 outcomes a past date, and a weekly focus
// budget for one member in five. Rows are written in bulk through SQL in
// one transaction, with the occurrences' counters (going, waiting,
// attended) computed here as the service keeps them: the service would
// take one write transaction an answer, 300,000 of them.
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
	members := flag.Int("members", 10_000, "members besides the steward")
	gatherings := flag.Int("gatherings", 10_000, "gatherings in all, single and recurring")
	series := flag.Int("series", 200, "of which weekly series of 52 dates")
	flag.Parse()
	if *dsn == "" || *series > *gatherings {
		fmt.Fprintln(os.Stderr, "gatheringgen: give -db PATH (or postgres://...), and -series at most -gatherings")
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
	res, err := seed.Members(ctx, db, seed.Options{Members: *members, Orgs: 8})
	if err != nil {
		fail(err)
	}
	if res.AlreadySeeded {
		fmt.Println("already seeded; nothing written")
		return
	}
	fmt.Printf("members: %d in %s\n", res.Members, res.Took.Round(time.Millisecond))
	n, err := fill(ctx, db, res.CollectiveID, *gatherings, *series)
	if err != nil {
		fail(err)
	}
	fmt.Println(n)
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
	fmt.Fprintln(os.Stderr, "gatheringgen:", err)
	os.Exit(1)
}
