// Package activity is the append-only log of what happened in each
// collective, the feeds that show each reader what their roles allow, and
// the notifications (in-app and e-mail) every feature sends through.
package activity

import (
	"context"

	"commonground/internal/store"
)

// Audience says who may read an entry.
type Audience string

const (
	Everyone  Audience = "collective" // every member of the collective
	Stewards  Audience = "stewards"   // the collective's stewards
	ActorOnly Audience = "actor"      // only the person who did it
)

// Role is the audience of the members holding a role, e.g. pay_reviewer.
func Role(name string) Audience { return Audience("role:" + name) }

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

// Record appends e inside tx, so the entry exists exactly when the change
// it describes does.
func Record(ctx context.Context, tx *store.Tx, e Entry) error {
	return nil // TODO(activity): write the entry
}
