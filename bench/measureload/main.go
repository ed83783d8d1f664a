// Command measureload is bench/measure.sh's helper: it writes the issue's
// large measurement file, makes the collective, goal and indicator it is
// imported into, and times GET requests over HTTP.
//
//	measureload csv -rows 1000000 -out FILE
//	measureload setup -db DB
//	measureload load -url URL [-header H] [-conns N] [-duration D]
//	measureload inproc -db DB [-calls N]
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/measure"
)

// The bench's account, collective and indicator.
const (
	Email     = "bench@example.org"
	Password  = "bench-password-123"
	Slug      = "bench"
	Indicator = "Visits"
	Sites     = 50
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measureload csv|setup|schema|load|inproc [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "csv":
		err = writeCSV(os.Args[2:])
	case "setup":
		err = setup(os.Args[2:])
	case "schema":
		err = schema(os.Args[2:])
	case "load":
		err = load(os.Args[2:])
	case "inproc":
		err = inproc(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "measureload:", err)
		os.Exit(1)
	}
}

// writeCSV writes rows measurements of Visits, one per site and day over
// rows/50 days back from 2026-11-01 (the budget case of issue 8, as
// internal/measure's BenchmarkImport1M has it).
func writeCSV(args []string) error {
	fs := flag.NewFlagSet("csv", flag.ContinueOnError)
	rows := fs.Int("rows", 1_000_000, "measurements to write")
	out := fs.String("out", "", "file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, "indicator,date,value,site\n")
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < *rows/Sites; d++ {
		day := start.AddDate(0, 0, -d).Format("2006-01-02")
		for s := 0; s < Sites; s++ {
			fmt.Fprintf(w, "%s,%s,%d.%d,s%02d\n", Indicator, day, (d*7+s*13)%1000, s%10, s)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// schema makes a fresh schema on PostgreSQL and prints the URL that uses it.
func schema(args []string) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	base := fs.String("url", "", "postgres:// URL")
	name := fs.String("name", "cg_bench_measure", "schema to drop and make again")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := sql.Open("pgx", *base)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec("DROP SCHEMA IF EXISTS " + *name + " CASCADE"); err != nil {
		return err
	}
	if _, err := db.Exec("CREATE SCHEMA " + *name); err != nil {
		return err
	}
	u, err := url.Parse(*base)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("search_path", *name)
	u.RawQuery = q.Encode()
	fmt.Println(u.String())
	return nil
}

// setup makes the bench account (steward of collective bench), a goal and
// the indicator Visits, additive, broken down by 50 sites, with a target,
// and prints the indicator's id.
func setup(args []string) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	dbURL := fs.String("db", "", "SQLite file or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: *dbURL, Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Auth.CreateUser(ctx, Email, "Bench Steward", Password, false)
	if err != nil {
		return err
	}
	ctx = auth.WithUser(ctx, u)
	if _, err := a.Collectives.Create(ctx, collective.Input{Slug: Slug, Name: "Bench", Visibility: "private"}); err != nil {
		return err
	}
	acc, err := a.Collectives.Access(ctx, Slug)
	if err != nil {
		return err
	}
	g, err := a.Measure.CreateGoal(ctx, acc, measure.GoalInput{Title: "More visits"})
	if err != nil {
		return err
	}
	sites := make([]string, Sites)
	for i := range sites {
		sites[i] = fmt.Sprintf("s%02d", i)
	}
	ind, err := a.Measure.CreateIndicator(ctx, acc, measure.IndicatorInput{GoalID: g.ID, Name: Indicator, Direction: measure.Higher,
		Additive: true, Baseline: "20000", BaselineDate: "1972-01-01", Target: "30000", TargetDate: "2030-01-01",
		Dimensions: []measure.Dimension{{Name: "site", Values: sites}}})
	if err != nil {
		return err
	}
	fmt.Println(ind.ID)
	return nil
}

// load sends GETs to url from conns connections, each as soon as its last
// answer came, for the duration, and prints the latencies' percentiles.
// Any answer but 200 stops it: a fast error page would flatter the figures.
func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	target := fs.String("url", "", "URL to GET")
	header := fs.String("header", "", "one request header, \"Name: value\"")
	conns := fs.Int("conns", 1, "concurrent connections")
	dur := fs.Duration("duration", 20*time.Second, "how long to send")
	label := fs.String("label", "", "name printed with the figures")
	if err := fs.Parse(args); err != nil {
		return err
	}
	hname, hvalue, _ := strings.Cut(*header, ":")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conns}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	var bytes int64
	var failure error
	stop := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for range *conns {
		wg.Go(func() {
			var mine []time.Duration
			var n int64
			for time.Now().Before(stop) {
				req, _ := http.NewRequest(http.MethodGet, *target, nil)
				if hname != "" {
					req.Header.Set(strings.TrimSpace(hname), strings.TrimSpace(hvalue))
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err == nil {
					var m int64
					m, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					n += m
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s answered %d", *target, res.StatusCode)
					}
				}
				if err != nil {
					mu.Lock()
					failure = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat, bytes = append(lat, mine...), bytes+n
			mu.Unlock()
		})
	}
	wg.Wait()
	if failure != nil {
		return failure
	}
	if len(lat) == 0 {
		return errors.New("no request finished")
	}
	slices.Sort(lat)
	pct := func(p float64) string {
		return fmt.Sprintf("%.1f", float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds())/1000)
	}
	fmt.Printf("%-22s conns %d  requests %6d  %7.1f req/s  p50 %6s ms  p90 %6s ms  p99 %6s ms  max %6s ms  %d bytes/answer\n",
		*label, *conns, len(lat), float64(len(lat))/dur.Seconds(), pct(0.50), pct(0.90), pct(0.99), pct(1), bytes/int64(len(lat)))
	return nil
}

// inproc calls Overview (what the forecast endpoint and the page's curve
// read) on the bench indicator from 1, 2 and 4 goroutines at once, without
// HTTP, to tell the service's cost from the server's and the machine's.
func inproc(args []string) error {
	fs := flag.NewFlagSet("inproc", flag.ContinueOnError)
	dbURL := fs.String("db", "", "SQLite file or postgres:// URL, after setup and import")
	calls := fs.Int("calls", 80, "calls per round")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: *dbURL, Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Auth.UserByEmail(ctx, Email)
	if err != nil {
		return err
	}
	ctx = auth.WithUser(ctx, u)
	acc, err := a.Collectives.Access(ctx, Slug)
	if err != nil {
		return err
	}
	inds, err := a.Measure.Indicators(ctx, acc)
	if err != nil || len(inds) == 0 {
		return fmt.Errorf("no indicator to read (%v)", err)
	}
	id := inds[0].ID
	for _, n := range []int{1, 2, 4} {
		var mu sync.Mutex
		var lat []time.Duration
		var failure error
		var wg sync.WaitGroup
		t0 := time.Now()
		for range n {
			wg.Go(func() {
				for range *calls / n {
					s := time.Now()
					_, err := a.Measure.Overview(ctx, acc, id)
					mu.Lock()
					lat = append(lat, time.Since(s))
					if err != nil {
						failure = err
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if failure != nil {
			return failure
		}
		slices.Sort(lat)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		fmt.Printf("Overview in-process    goroutines %d  calls %d in %.2f s  p50 %.1f ms  p99 %.1f ms\n",
			n, len(lat), time.Since(t0).Seconds(), ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
	}
	return nil
}
