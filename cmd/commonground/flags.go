package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strings"

	"commonground/internal/app"
)

var errHelp = errors.New("help shown")

// settings are the flags every server-side command shares.
type settings struct {
	db, addr, baseURL, proxies, logLevel string
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv("COMMONGROUND_" + name); ok {
		return v
	}
	return fallback
}

func newFlags(name string, stderr io.Writer, dbDefault string) (*flag.FlagSet, *settings) {
	fs := flag.NewFlagSet("commonground "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	s := &settings{}
	fs.StringVar(&s.db, "db", env("DB", dbDefault), "SQLite file path or postgres:// URL (COMMONGROUND_DB)")
	fs.StringVar(&s.addr, "addr", env("ADDR", "127.0.0.1:8080"), "address to listen on (COMMONGROUND_ADDR)")
	fs.StringVar(&s.baseURL, "base-url", env("BASE_URL", ""), "public URL, used in links; https makes cookies Secure (COMMONGROUND_BASE_URL)")
	fs.StringVar(&s.proxies, "trusted-proxies", env("TRUSTED_PROXIES", ""), "comma-separated CIDRs whose X-Forwarded-For is believed (COMMONGROUND_TRUSTED_PROXIES)")
	fs.StringVar(&s.logLevel, "log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (COMMONGROUND_LOG_LEVEL)")
	return fs, s
}

// parse reads flags wherever they stand, so `backup FILE --db X` works as
// well as `backup --db X FILE`; the other arguments are returned in order.
func parse(fs *flag.FlagSet, args []string) error {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return errHelp
			}
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, rest...))
}

// config turns the flags into the app's configuration, checking them.
func (s *settings) config(stderr io.Writer) (app.Config, error) {
	cfg := app.Config{DB: s.db, Addr: s.addr, BaseURL: strings.TrimRight(s.baseURL, "/")}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + s.addr
	}
	if !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		return cfg, fmt.Errorf("--base-url must start with http:// or https://, got %q", s.baseURL)
	}
	for _, p := range strings.Split(s.proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			return cfg, fmt.Errorf("--trusted-proxies: %q is not a CIDR such as 10.0.0.0/8", p)
		}
		cfg.TrustedProxies = append(cfg.TrustedProxies, prefix)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(s.logLevel)); err != nil {
		return cfg, fmt.Errorf("--log-level: %q is not one of debug, info, warn, error", s.logLevel)
	}
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	return cfg, nil
}
