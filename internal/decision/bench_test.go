package decision

// Benchmarks of closing (reading every ballot, tallying, storing the
// result and the power counters) and of the power page, on both
// databases. The budget figures (100,000 voters) come from
// bench/decisions.sh; these run a smaller collective so they fit in a
// test run:
//
//	go test ./internal/decision -run '^$' -bench 'Close|Power' -benchtime 5x
//	CG_BENCH_VOTERS=100000 go test ./internal/decision -run '^$' -bench Close -benchtime 3x -timeout 30m

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// benchVoters is how many members vote in the benchmarks' decisions.
func benchVoters() int {
	if n, err := strconv.Atoi(os.Getenv("CG_BENCH_VOTERS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

// benchDBs are the databases each benchmark runs on.
var benchDBs = []struct {
	name string
	open func(testing.TB) *store.DB
}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}}

// benchWorld is a collective of n voting members and its steward.
type benchWorld struct {
	S      *Service
	A      *collective.Access
	Voters []int64
}

// newBenchWorld makes the collective through the service and its members
// through SQL in one transaction (a service call each would take minutes).
func newBenchWorld(b *testing.B, db *store.DB, n int) *benchWorld {
	b.Helper()
	ctx := context.Background()
	steward := authtest.User(b, db, "Sam Steward", "steward@bench.example")
	col := &collective.Service{DB: db}
	if _, err := col.Create(authtest.As(steward), collective.Input{Slug: "bench", Name: "Bench", Visibility: "private"}); err != nil {
		b.Fatal(err)
	}
	a, err := col.Access(authtest.As(steward), "bench")
	if err != nil {
		b.Fatal(err)
	}
	w := &benchWorld{S: &Service{DB: db, Collectives: col}, A: a}
	err = db.Write(ctx, func(tx *store.Tx) error {
		for i := range n {
			u, err := tx.Insert(ctx, "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, '', ?)",
				fmt.Sprintf("v%d@bench.example", i), fmt.Sprintf("Voter %d", i), tx.Now)
			if err != nil {
				return err
			}
			m, err := tx.Insert(ctx, "INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)",
				a.Collective.ID, u, fmt.Sprintf("voter %d", i), tx.Now)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO member_roles (member_id, role) VALUES (?, ?)", m, auth.Member); err != nil {
				return err
			}
			w.Voters = append(w.Voters, m)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// The members changed the collective's version; read the access again.
	if w.A, err = col.Access(authtest.As(steward), "bench"); err != nil {
		b.Fatal(err)
	}
	return w
}

// ballots makes a decision by method m with five options and writes every
// voter's ballot as voting would (named, or anonymous in key order).
func (w *benchWorld) ballots(b *testing.B, db *store.DB, m Method, anonymous bool) int64 {
	b.Helper()
	ctx := ctxOf(w.A)
	in := inputFor(m, "A", "B", "C", "D", "E")
	in.Anonymous, in.ClosesAt = anonymous, db.Now().Add(30*24*time.Hour)
	_, d, err := w.S.Propose(ctx, w.A, ProposalInput{Title: "Bench " + string(m)}, &in)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(len(w.Voters))))
	rows := make([]string, len(w.Voters))
	for i := range rows {
		perm := rng.Perm(5)
		var c Choice
		if m == Majority {
			c.Option = &perm[0]
		} else {
			c.Ranks = make([]int, 5)
			for rank, o := range perm {
				c.Ranks[o] = rank + 1
			}
		}
		js, _ := json.Marshal(c)
		rows[i] = string(js)
	}
	err = db.Write(context.Background(), func(tx *store.Tx) error {
		for i, v := range w.Voters {
			if anonymous {
				key := fmt.Sprintf("%016x%016x", rng.Uint64(), rng.Uint64())
				sum := sha256.Sum256([]byte(key + strconv.FormatInt(d.ID, 10)))
				if _, err := tx.Exec(ctx, `INSERT INTO anonymous_ballots (decision_id, id, receipt_hash, choice) VALUES (?, ?, ?, ?)`,
					d.ID, key, hex.EncodeToString(sum[:]), rows[i]); err != nil {
					return err
				}
			} else if _, err := tx.Exec(ctx, `INSERT INTO ballots (decision_id, member_id, voter_name, choice, cast_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)`, d.ID, v, "Voter", rows[i], tx.Now, tx.Now); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO decision_turnout (decision_id, member_id) VALUES (?, ?)", d.ID, v); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, "UPDATE decisions SET turnout = ? WHERE id = ?", len(w.Voters), d.ID)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return d.ID
}

// BenchmarkClose closes a decision every voter voted in; the decision is
// put back to open, untimed, between closes.
func BenchmarkClose(b *testing.B) {
	n := benchVoters()
	for _, dbc := range benchDBs {
		b.Run(dbc.name, func(b *testing.B) {
			db := dbc.open(b)
			w := newBenchWorld(b, db, n)
			for _, c := range []struct {
				m    Method
				anon bool
			}{{Majority, false}, {Schulze, false}, {Majority, true}, {Schulze, true}} {
				kind := map[bool]string{false: "named", true: "anonymous"}[c.anon]
				id := w.ballots(b, db, c.m, c.anon)
				b.Run(fmt.Sprintf("%s/%s/%d", kind, c.m, n), func(b *testing.B) {
					for b.Loop() {
						b.StopTimer()
						reopen(b, db, id)
						b.StartTimer()
						if err := w.S.Close(ctxOf(w.A), w.A, id); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// reopen puts a closed decision back to open, as if the close had not
// happened (the power counters keep growing, as a re-run would add).
func reopen(b *testing.B, db *store.DB, id int64) {
	b.Helper()
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), `UPDATE decisions SET status = 'open', closed_at = NULL, passed = NULL, result = ''
			WHERE id = ?`, id)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPower reads the power page of a collective whose members have
// counters for 36 months (a tenth of them active each month).
func BenchmarkPower(b *testing.B) {
	n := min(benchVoters(), 5_000)
	for _, dbc := range benchDBs {
		b.Run(dbc.name, func(b *testing.B) {
			db := dbc.open(b)
			w := newBenchWorld(b, db, n)
			rng := rand.New(rand.NewPCG(2, 3))
			err := db.Write(context.Background(), func(tx *store.Tx) error {
				start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
				for month := range 36 {
					at := start.AddDate(0, month, 0).Format("2006-01")
					var vals []string
					var args []any
					for _, v := range w.Voters {
						if rng.IntN(10) != 0 {
							continue
						}
						vals = append(vals, "(?, ?, ?, ?, ?, ?, 0)")
						args = append(args, w.A.Collective.ID, v, at, rng.IntN(2), 1+rng.IntN(20), rng.IntN(2))
					}
					if len(vals) == 0 {
						continue
					}
					for lo := 0; lo < len(vals); lo += 400 {
						hi := min(lo+400, len(vals))
						if _, err := tx.Exec(context.Background(), `INSERT INTO power_counts (collective_id, member_id, month, proposals,
							votes, objections, decisive_objections) VALUES `+strings.Join(vals[lo:hi], ", "), args[lo*6:hi*6]...); err != nil {
							return err
						}
					}
				}
				// The page reads the sums that closing keeps beside the
				// counters; counters written here need them made.
				return rebuildPowerSums(context.Background(), tx, w.A.Collective.ID)
			})
			if err != nil {
				b.Fatal(err)
			}
			for _, months := range []int{0, 12} {
				b.Run(fmt.Sprintf("months=%d/members=%d", months, n), func(b *testing.B) {
					for b.Loop() {
						if _, err := w.S.Power(ctxOf(w.A), w.A, PowerQuery{Months: months}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
