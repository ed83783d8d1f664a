// Command commitmentbench times the commitment service's reads on a
// database filled by bench/commitmentgen, without HTTP, against issue 10's
// budget (ledger and board for a collective with 1,000,000 commitments
// among 10,000 members: under 100 ms p99), and prints the ids
// bench/commitments.sh asks for over HTTP.
//
//	go run ./bench/commitmentbench -db /tmp/c.db -calls 1000
//	go run ./bench/commitmentbench -db /tmp/c.db -ids
//
// Each ledger call is for a member drawn at random, through their own
// Access (loaded outside the timing, as a request has it already); the
// board, the stewards' distribution and the first page of a person's
// commitments are read as the bench steward. Every read runs -calls
// times (a person's list, outside the budget and slow, at most 20), after
// one untimed call to warm the caches.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/commitment"
	"commonground/internal/measure"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "database filled by commitmentgen (required)")
	calls := flag.Int("calls", 1000, "calls of each read")
	ids := flag.Bool("ids", false, "print the busiest member's and organisation's ids and stop")
	only := flag.String("only", "", "time only the reads whose name contains this")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed calls to this file")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "commitmentbench: give -db")
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	b, err := newBench(ctx, db)
	if err != nil {
		fail(err)
	}
	if *ids {
		fmt.Println(b.busiest, b.busiestOrg)
		return
	}
	var n int
	if err := db.Get(ctx, &n, "SELECT count(*) FROM commitments WHERE collective_id = ?", b.steward.Collective.ID); err != nil {
		fail(err)
	}
	fmt.Printf("collective %q: %d members, %d commitments; %d calls each, warm\n", seed.Slug, len(b.members), n, *calls)
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
	for _, r := range b.reads() {
		if !strings.Contains(r.name, *only) {
			continue
		}
		calls := *calls
		if r.slow {
			calls = min(calls, 20)
		}
		if err := r.fn(); err != nil { // warm-up, untimed
			fail(fmt.Errorf("%s: %w", r.name, err))
		}
		took := make([]time.Duration, 0, calls)
		for range calls {
			t := time.Now()
			if err := r.fn(); err != nil {
				fail(fmt.Errorf("%s: %w", r.name, err))
			}
			took = append(took, time.Since(t))
		}
		slices.Sort(took)
		q := func(p float64) string {
			return fmt.Sprintf("%.2f", float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds())/1000)
		}
		fmt.Printf("%-36s %4d calls  p50 %7s ms  p90 %7s ms  p99 %7s ms  max %7s ms\n", r.name, calls, q(0.5), q(0.9), q(0.99), q(1))
	}
}

// bench holds the service and the people it reads as.
type bench struct {
	ctx                 context.Context
	s                   *commitment.Service
	col                 *collective.Service
	rng                 *rand.Rand
	members             []member
	steward             *collective.Access
	stewardCtx          context.Context
	busiest, busiestOrg int64
}

type member struct {
	ID     int64  `db:"id"`
	UserID int64  `db:"user_id"`
	Name   string `db:"name"`
}

func newBench(ctx context.Context, db *store.DB) (*bench, error) {
	col := &collective.Service{DB: db}
	b := &bench{ctx: ctx, col: col, rng: rand.New(rand.NewPCG(7, 2026)),
		s: &commitment.Service{DB: db, Collectives: col, Measure: &measure.Service{DB: db, Collectives: col}}}
	if err := db.Select(ctx, &b.members, `SELECT m.id, m.user_id, u.name FROM members m JOIN collectives c ON c.id = m.collective_id
		JOIN users u ON u.id = m.user_id WHERE c.slug = ? ORDER BY m.id`, seed.Slug); err != nil {
		return nil, err
	}
	if len(b.members) == 0 {
		return nil, fmt.Errorf("no collective %q: run commitmentgen first", seed.Slug)
	}
	u, err := userByEmail(ctx, db, seed.StewardEmail)
	if err != nil {
		return nil, err
	}
	b.stewardCtx = auth.WithUser(ctx, u)
	if b.steward, err = col.Access(b.stewardCtx, seed.Slug); err != nil {
		return nil, err
	}
	if err := db.Get(ctx, &b.busiest, `SELECT party_id FROM commitment_ledger WHERE collective_id = ? AND party_kind = 'member'
		ORDER BY made DESC, party_id LIMIT 1`, b.steward.Collective.ID); err != nil {
		return nil, err
	}
	if err := db.Get(ctx, &b.busiestOrg, `SELECT party_id FROM commitment_ledger WHERE collective_id = ? AND party_kind = 'organisation'
		ORDER BY made DESC, party_id LIMIT 1`, b.steward.Collective.ID); err != nil {
		return nil, err
	}
	return b, nil
}

// as is a random member's context and Access.
func (b *bench) as() (context.Context, *collective.Access, error) {
	m := b.members[b.rng.IntN(len(b.members))]
	c := auth.WithUser(b.ctx, &auth.User{ID: m.UserID, Name: m.Name})
	a, err := b.col.Access(c, seed.Slug)
	return c, a, err
}

func userByEmail(ctx context.Context, db *store.DB, email string) (*auth.User, error) {
	var u auth.User
	err := db.Get(ctx, &u, "SELECT id, email, name FROM users WHERE email = ?", email)
	return &u, err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "commitmentbench:", err)
	os.Exit(1)
}
