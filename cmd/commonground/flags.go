package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"commonground/internal/app"
)

var errHelp = errors.New("help shown")

// settings are the flags every server-side command shares.
type settings struct {
	db, addr, baseURL, proxies, logLevel string
	smtp                                 app.SMTP
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
	fs.StringVar(&s.smtp.Host, "smtp-host", env("SMTP_HOST", ""), "SMTP server for e-mail; empty writes mail to the log (COMMONGROUND_SMTP_HOST)")
	fs.IntVar(&s.smtp.Port, "smtp-port", envInt("SMTP_PORT", 587), "SMTP port (COMMONGROUND_SMTP_PORT)")
	fs.StringVar(&s.smtp.Username, "smtp-username", env("SMTP_USERNAME", ""), "SMTP user name, if the server wants one (COMMONGROUND_SMTP_USERNAME)")
	fs.StringVar(&s.smtp.Password, "smtp-password", env("SMTP_PASSWORD", ""), "SMTP password; prefer the variable (COMMONGROUND_SMTP_PASSWORD)")
	fs.StringVar(&s.smtp.From, "smtp-from", env("SMTP_FROM", ""), "sender address, e.g. \"commonground <cg@example.org>\" (COMMONGROUND_SMTP_FROM)")
	fs.StringVar(&s.smtp.TLS, "smtp-tls", env("SMTP_TLS", "starttls"), "starttls, tls (implicit, usually port 465) or none (COMMONGROUND_SMTP_TLS)")
	return fs, s
}

func envInt(name string, fallback int) int {
	if v, ok := os.LookupEnv("COMMONGROUND_" + name); ok {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return fallback
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
	cfg := app.Config{DB: s.db, Addr: s.addr, BaseURL: strings.TrimRight(s.baseURL, "/"), SMTP: s.smtp}
	switch s.smtp.TLS {
	case "starttls", "tls", "none":
	default:
		return cfg, fmt.Errorf("--smtp-tls: %q is not one of starttls, tls, none", s.smtp.TLS)
	}
	if s.smtp.Host != "" && s.smtp.From == "" {
		return cfg, fmt.Errorf("--smtp-from is needed with --smtp-host: mail must say who sent it")
	}
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
