package app

import "commonground/internal/auth"

// mailer picks how e-mail leaves: SMTP when a host is configured, else the
// log. (The notifications work replaces this with go-mail over SMTP.)
func (a *App) mailer() auth.Mailer {
	return auth.LogMailer{Log: a.Log}
}
