package app_test

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// ntSMTP is a tiny SMTP server: enough of RFC 5321 (EHLO, STARTTLS, AUTH
// PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for go-mail to deliver to it.
// It keeps each message with its envelope and whether it came over TLS.
type ntSMTP struct {
	ln   net.Listener
	opts ntSMTPOpts
	mu   sync.Mutex
	got  []ntDelivery
	auth []string // "user:password" of each AUTH PLAIN
}

// ntSMTPOpts choose what the fake server offers.
type ntSMTPOpts struct {
	auth     bool        // advertise AUTH PLAIN
	implicit *tls.Config // speak TLS from the first byte (port 465 style)
	starttls *tls.Config // advertise STARTTLS and upgrade with this
}

type ntDelivery struct {
	from string
	to   []string
	data string
	tls  bool
}

func ntStartSMTP(t *testing.T, opts ntSMTPOpts) *ntSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.implicit != nil {
		ln = tls.NewListener(ln, opts.implicit)
	}
	s := &ntSMTP{ln: ln, opts: opts}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

// ntTestTLS returns a server TLS configuration and a client one that
// trusts it, from the certificate net/http/httptest uses (for 127.0.0.1).
func ntTestTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return &tls.Config{Certificates: srv.TLS.Certificates}, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}

func (s *ntSMTP) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *ntSMTP) serve(c net.Conn) {
	defer func() { c.Close() }()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	_, secure := c.(*tls.Conn)
	r := bufio.NewReader(c)
	say := func(line string) { _, _ = c.Write([]byte(line + "\r\n")) }
	say("220 fake.test ESMTP")
	var cur ntDelivery
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		upper := strings.ToUpper(line)
		verb := strings.SplitN(upper, " ", 2)[0]
		switch {
		case verb == "EHLO" || verb == "HELO":
			say("250-fake.test")
			if s.opts.starttls != nil && !secure {
				say("250-STARTTLS")
			}
			if s.opts.auth {
				say("250-AUTH PLAIN")
			}
			say("250 8BITMIME")
		case verb == "STARTTLS" && s.opts.starttls != nil:
			say("220 Ready to start TLS")
			tc := tls.Server(c, s.opts.starttls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, r, secure = tc, bufio.NewReader(tc), true
			say = func(line string) { _, _ = c.Write([]byte(line + "\r\n")) }
		case verb == "AUTH":
			parts := strings.Fields(line)
			raw, _ := base64.StdEncoding.DecodeString(parts[len(parts)-1])
			f := strings.Split(string(raw), "\x00")
			s.mu.Lock()
			s.auth = append(s.auth, f[1]+":"+f[2])
			s.mu.Unlock()
			say("235 2.7.0 Authentication successful")
		case strings.HasPrefix(upper, "MAIL FROM:"):
			cur = ntDelivery{from: ntAddr(line[len("MAIL FROM:"):]), tls: secure}
			say("250 OK")
		case strings.HasPrefix(upper, "RCPT TO:"):
			cur.to = append(cur.to, ntAddr(line[len("RCPT TO:"):]))
			say("250 OK")
		case verb == "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			cur.data = b.String()
			s.mu.Lock()
			s.got = append(s.got, cur)
			s.mu.Unlock()
			say("250 OK queued")
		case verb == "QUIT":
			say("221 Bye")
			return
		default: // RSET, NOOP
			say("250 OK")
		}
	}
}

func ntAddr(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ">"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "<")
}

// wait returns the deliveries once there are n, failing after a while.
func (s *ntSMTP) wait(t *testing.T, n int) []ntDelivery {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.mu.Lock()
		got := append([]ntDelivery(nil), s.got...)
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages delivered, want %d", len(got), n)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitFor returns the deliveries to addr once there are n.
func (s *ntSMTP) waitFor(t *testing.T, addr string, n int) []ntDelivery {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got []ntDelivery
		s.mu.Lock()
		for _, d := range s.got {
			if len(d.to) == 1 && d.to[0] == addr {
				got = append(got, d)
			}
		}
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages delivered to %s, want %d", len(got), addr, n)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
