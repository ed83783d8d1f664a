// Command seedmembers fills a new database with the bench collective for the
// members-page benchmark: N members (default 10,000) of the private
// collective "bench", a few stewards and observers, some organisations and
// affiliations, and the steward bench@example.org (password
// bench-password-123) to sign in with.
//
//	go run ./bench/seedmembers -db /tmp/bench.db -n 10000
//
// It migrates first. Run twice on the same database, it finds the bench
// collective and stops; on a database with other accounts it refuses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"commonground/bench/seed"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "SQLite file path or postgres:// URL (required)")
	n := flag.Int("n", 10000, "members to add besides the steward")
	orgs := flag.Int("orgs", 8, "organisations")
	analyze := flag.Bool("analyze", false, "run ANALYZE afterwards (the app itself never does)")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "seedmembers: give -db PATH (a new SQLite file) or -db postgres://...")
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	res, err := seed.Members(ctx, db, seed.Options{Members: *n, Orgs: *orgs, Analyze: *analyze})
	if errors.Is(err, seed.ErrNotEmpty) {
		fmt.Fprintf(os.Stderr, "seedmembers: %v\n", err)
		os.Exit(1)
	}
	if err != nil {
		fail(err)
	}
	if res.AlreadySeeded {
		fmt.Printf("already seeded: collective %q (id %d) has %d members; nothing written\n", seed.Slug, res.CollectiveID, res.Members)
		return
	}
	fmt.Printf("seeded %d users, %d members, %d roles, %d organisations, %d affiliations in %s\n",
		res.Users, res.Members, res.Roles, res.Orgs, res.Affiliations, res.Took.Round(1e6))
	fmt.Printf("sign in as %s / %s; members page /c/%s/members\n", seed.StewardEmail, seed.StewardPassword, seed.Slug)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "seedmembers:", err)
	os.Exit(1)
}
