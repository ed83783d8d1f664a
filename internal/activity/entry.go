// Package activity is the append-only log of what happened in each
// collective, the feeds that show each reader what their roles allow, and
// the notifications (in-app and e-mail) every feature sends through.
package activity

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Audience says who may read an entry.
type Audience string

const (
	Everyone  Audience = "collective" // every member of the collective
	Stewards  Audience = "stewards"   // the collective's stewards
	ActorOnly Audience = "actor"      // only the person who did it
)

// rolePrefix starts the audience of the holders of one role.
const rolePrefix = "role:"

// Role is the audience of the members holding a role, e.g. pay_reviewer.
func Role(name string) Audience { return Audience(rolePrefix + name) }

// Entry is one thing that happened.
type Entry struct {
	CollectiveID int64    // 0 for an account's own events
	ActorID      int64    // 0 when the system did it
	Verb         string   // dotted, e.g. "member.roles_changed"
	Subject      string   // what it happened to, e.g. "member:42"
	Summary      string   // one sentence for people, e.g. "Ana gave Ben the steward role."
	Link         string   // a path on this site, or ""
	Audience     Audience // who may read it
}

// Limits on an entry's text, so one careless caller cannot bloat the log.
const (
	maxSummary = 500
	maxSubject = 200
	maxLink    = 500
)

var verbPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// normalise returns the audience as it is stored: the steward role is the
// "stewards" audience, so one index range holds every entry for stewards.
func (a Audience) normalise() Audience {
	if a == Role(auth.Steward) {
		return Stewards
	}
	return a
}

// validate checks the audience's form; a role must be registered, so a
// typo cannot address an entry to nobody.
func (a Audience) validate() error {
	switch a {
	case Everyone, Stewards, ActorOnly:
		return nil
	}
	name, ok := strings.CutPrefix(string(a), rolePrefix)
	if !ok {
		return errs.Field("audience", "The audience %q is not one of collective, stewards, actor or role:NAME.", string(a))
	}
	if !auth.KnownRole(name) {
		return errs.Field("audience", "The audience %q names no registered role.", string(a))
	}
	return nil
}

// validate checks an entry before it is written.
func (e *Entry) validate() error {
	e.Audience = e.Audience.normalise()
	if err := e.Audience.validate(); err != nil {
		return err
	}
	switch {
	case !verbPattern.MatchString(e.Verb):
		return errs.Field("verb", "The verb %q must be dotted lower-case words, e.g. member.joined.", e.Verb)
	case strings.TrimSpace(e.Summary) == "":
		return errs.Field("summary", "An entry needs a summary.")
	case utf8.RuneCountInString(e.Subject) > maxSubject:
		return errs.Field("subject", "A subject has at most %d characters.", maxSubject)
	case e.Link != "" && (!strings.HasPrefix(e.Link, "/") || strings.HasPrefix(e.Link, "//") || len(e.Link) > maxLink):
		return errs.Field("link", "The link must be a path on this site, such as /c/riverside.")
	case e.Audience == ActorOnly && e.ActorID == 0:
		return errs.Field("audience", "An entry for the actor alone needs an actor.")
	case e.CollectiveID == 0 && e.Audience != ActorOnly:
		// Outside a collective there is nobody to be a member, steward or
		// role holder of: only the person themselves can read it.
		return errs.Field("audience", "An entry outside a collective can only be addressed to its actor.")
	}
	return nil
}

// Record appends e inside tx, so the entry exists exactly when the change
// it describes does. Entries are never changed or deleted afterwards.
//
// A summary is built by the system from names people chose, so one over
// the limit is shortened with "…" rather than refused: refusing would fail
// the person's change over a field they never typed.
func Record(ctx context.Context, tx *store.Tx, e Entry) error {
	if err := e.validate(); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO activity (collective_id, actor_id, verb, subject, summary, link, audience, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, nullID(e.CollectiveID), nullID(e.ActorID), e.Verb, e.Subject,
		shorten(e.Summary, maxSummary), e.Link, string(e.Audience), tx.Now)
	return err
}

// shorten trims s and, when it is longer than max characters, cuts it at a
// character (rune) boundary and ends it with "…", so the result has at
// most max characters and never a broken UTF-8 sequence.
func shorten(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

// nullID stores 0 as NULL: no collective, or no actor.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
