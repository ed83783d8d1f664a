// Command peoplebench times finding collaborators and suggested groupings
// on a database filled by bench/peoplegen, against the budgets:
// top-10 collaborators for one person among 100,000 under 50 ms p99 warm,
// and groupings over 100,000 people under 30 s as a job.
//
//	go run ./bench/peoplebench -db /tmp/people.db -queries 1000
//
// Matches: the index is built (and timed) once, then each of -queries
// random members asks for their own top 10 (their Access is loaded
// outside the timing, as a request has it already); p50/p95/p99/max.
// Groupings: a run is inserted as StartGrouping does (no queue) and the
// worker runs it end to end on a fresh service, so reading the values is
// part of the time.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/jobs"
	"commonground/internal/people"
	"commonground/internal/store"
)

func main() {
	dsn := flag.String("db", "", "database filled by peoplegen (required)")
	queries := flag.Int("queries", 1000, "members whose matches are timed")
	groupings := flag.Bool("groupings", true, "also time the groupings worker")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "peoplebench: give -db")
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	col := &collective.Service{DB: db}
	var members []struct {
		ID     int64  `db:"id"`
		UserID int64  `db:"user_id"`
		Name   string `db:"name"`
	}
	if err := db.Select(ctx, &members, `SELECT m.id, m.user_id, u.name FROM members m JOIN collectives c ON c.id = m.collective_id
		JOIN users u ON u.id = m.user_id WHERE c.slug = ? ORDER BY m.id`, seed.Slug); err != nil {
		fail(err)
	}
	fmt.Printf("collective %q: %d members\n", seed.Slug, len(members))
	s := &people.Service{DB: db, Collectives: col}
	access := func(i int) (context.Context, *collective.Access) {
		u := &auth.User{ID: members[i].UserID, Name: members[i].Name}
		c := auth.WithUser(ctx, u)
		a, err := col.Access(c, seed.Slug)
		if err != nil {
			fail(err)
		}
		return c, a
	}
	rng := rand.New(rand.NewPCG(1, 2))
	c0, a0 := access(rng.IntN(len(members)))
	t := time.Now()
	if _, err := s.Matches(c0, a0, a0.MemberID, people.MatchQuery{}); err != nil {
		fail(err)
	}
	fmt.Printf("index build + first query (cold): %s\n", time.Since(t).Round(time.Millisecond))
	var took []time.Duration
	var found int
	for range *queries {
		c, a := access(rng.IntN(len(members)))
		t := time.Now()
		ms, err := s.Matches(c, a, a.MemberID, people.MatchQuery{K: 10})
		took = append(took, time.Since(t))
		if err != nil {
			fail(err)
		}
		found += len(ms)
	}
	slices.Sort(took)
	q := func(p float64) time.Duration { return took[min(len(took)-1, int(p*float64(len(took))))] }
	fmt.Printf("top-10 matches, %d members asking, warm: p50 %s  p95 %s  p99 %s  max %s  (%.1f matches each)\n",
		len(took), ms(q(0.50)), ms(q(0.95)), ms(q(0.99)), ms(took[len(took)-1]), float64(found)/float64(len(took)))
	if !*groupings {
		return
	}
	fresh := &people.Service{DB: db, Collectives: col, Queue: noQueue{}}
	var stewardUser auth.User
	if err := db.Get(ctx, &stewardUser, "SELECT id, name FROM users WHERE email = ?", seed.StewardEmail); err != nil {
		fail(err)
	}
	sc := auth.WithUser(ctx, &stewardUser)
	sa, err := col.Access(sc, seed.Slug)
	if err != nil {
		fail(err)
	}
	run, err := fresh.StartGrouping(sc, sa)
	if err != nil {
		fail(err)
	}
	t = time.Now()
	w := &people.GroupingWorker{S: fresh}
	if err := w.Work(ctx, &river.Job[people.GroupingArgs]{JobRow: &rivertype.JobRow{ID: 1}, Args: people.GroupingArgs{RunID: run.ID}}); err != nil {
		fail(err)
	}
	took1 := time.Since(t)
	d, err := fresh.Grouping(sc, sa, run.ID)
	if err != nil {
		fail(err)
	}
	largest := 0
	if len(d.Groups) > 0 {
		largest = d.Groups[0].Size
	}
	fmt.Printf("groupings worker end to end (read values, KNN k=20, graph, Louvain, save): %s; %d people, %d groups (largest %d), modularity %.3f\n",
		took1.Round(time.Millisecond), d.People, d.GroupCount, largest, deref(d.Modularity))
}

// noQueue accepts the job without running it: the bench runs the worker
// itself, in this process, to time it alone.
type noQueue struct{}

func (noQueue) Enqueue(context.Context, *store.Tx, river.JobArgs, jobs.Owner) (int64, error) {
	return 0, nil
}

// Get says no job is live, so an earlier run of the bench never blocks the
// next.
func (noQueue) Get(context.Context, int64) (*jobs.Job, error) {
	return nil, errs.New(errs.NotFound, "no such job")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "peoplebench:", err)
	os.Exit(1)
}
