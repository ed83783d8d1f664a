package app

import "commonground/internal/auth"

// mailer picks how e-mail leaves: SMTP (go-mail) when a host is
// configured, else the log, so links in mail can still be followed on a
// server that sends none. A configuration SMTP cannot use falls back on the
// log, loudly: the flags are checked before this, so it means a bug.
func (a *App) mailer() auth.Mailer {
	s := a.Config.SMTP
	if s.Host == "" {
		return auth.LogMailer{Log: a.Log}
	}
	m, err := auth.NewSMTPMailer(auth.SMTPConfig{Host: s.Host, Port: s.Port, Username: s.Username,
		Password: s.Password, From: s.From, TLS: s.TLS})
	if err != nil {
		a.Log.Error("SMTP is configured wrongly; mail is written to the log instead", "err", err)
		return auth.LogMailer{Log: a.Log}
	}
	a.Log.Info("mail goes out through SMTP", "host", s.Host, "port", s.Port, "tls", s.TLS)
	return m
}
