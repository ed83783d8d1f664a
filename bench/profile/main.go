// Command profile serves commonground exactly as `commonground serve` wires
// it (app.Open, then the app's handler chain), plus net/http/pprof on a
// second, separate address. Bench-only: pprof must never be in the real
// binary.
//
//	go run ./bench/profile -db /tmp/bench.db -addr 127.0.0.1:18931 -pprof 127.0.0.1:6060
//	go tool pprof -top http://127.0.0.1:6060/debug/pprof/profile?seconds=15
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"commonground/internal/app"
)

func main() {
	dsn := flag.String("db", "", "SQLite file path or postgres:// URL")
	addr := flag.String("addr", "127.0.0.1:18931", "app address")
	paddr := flag.String("pprof", "127.0.0.1:6060", "pprof address")
	mutex := flag.Int("mutex", 0, "runtime.SetMutexProfileFraction (0 = off)")
	block := flag.Int("block", 0, "runtime.SetBlockProfileRate in ns (0 = off)")
	flag.Parse()
	runtime.SetMutexProfileFraction(*mutex)
	runtime.SetBlockProfileRate(*block)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := app.Open(ctx, app.Config{DB: *dsn, Addr: *addr, Logger: logger})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	pm := http.NewServeMux()
	pm.HandleFunc("/debug/pprof/", pprof.Index)
	pm.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	pm.HandleFunc("/debug/pprof/profile", pprof.Profile)
	pm.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	pm.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() { log.Println(http.ListenAndServe(*paddr, pm)) }()

	if err := a.Serve(ctx, func(addr string) {
		logger.Info("profile server", "addr", addr, "pprof", *paddr, "started", time.Now().Format(time.RFC3339Nano))
	}); err != nil {
		log.Fatal(err)
	}
}
