package purpose

import (
	"context"
	"errors"
	"strconv"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Service holds the rules about a collective's purpose; pages and the API
// both call it, with the Access the collective service gave them.
type Service struct {
	DB *store.DB
}

// ConflictError is returned when an edit started from a version that is no
// longer current. It carries both texts of every field, so a page can show
// the person what changed meanwhile beside what they wrote and nothing they
// typed is lost. errs.Code reports it as errs.Conflict.
type ConflictError struct {
	Base    int             `json:"base"`    // the version the edit started from
	Current int             `json:"current"` // the version that is current now
	By      string          `json:"by"`      // who saved the current version
	Fields  []FieldConflict `json:"fields"`
	err     *errs.Error
}

// FieldConflict is one field of a refused edit: the current text and the
// text the person sent, with the diff from the one to the other.
type FieldConflict struct {
	Field   string `json:"field"`
	Label   string `json:"label"`
	Current string `json:"current"`
	Yours   string `json:"yours"`
	Differs bool   `json:"differs"`
	Diff    []Op   `json:"diff"` // from Current to Yours
}

func (e *ConflictError) Error() string { return e.err.Error() }

// Unwrap lets errs.Code and errs.Message see the conflict's code and message.
func (e *ConflictError) Unwrap() error { return e.err }

// AsConflict returns the ConflictError in err, if there is one.
func AsConflict(err error) (*ConflictError, bool) {
	var c *ConflictError
	ok := errors.As(err, &c)
	return c, ok
}

// conflict builds the error for an edit from base over current, whose
// fields are current's and yours's.
func conflict(what string, base, current int, by string, theirs, yours []field) *ConflictError {
	e := &ConflictError{Base: base, Current: current, By: by, Fields: make([]FieldConflict, len(theirs))}
	for i, f := range theirs {
		e.Fields[i] = FieldConflict{Field: f.name, Label: f.label, Current: f.text, Yours: yours[i].text,
			Differs: f.text != yours[i].text, Diff: Diff(f.text, yours[i].text)}
	}
	e.err = errs.New(errs.Conflict, "%s saved version %d of %s after you started from version %d. Your text is kept: compare it with version %d and save again.",
		by, current, what, base, current)
	return e
}

// errStale leaves a write transaction when the version it started from is
// no longer current; the caller then reads the current one to build a
// ConflictError (a failed PostgreSQL transaction cannot be read from).
var errStale = errors.New("purpose: the version moved on")

// getter reads one row, in or out of a transaction.
type getter interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
}

// record writes an activity entry for everyone in the collective.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, verb, subject, link, summary string) error {
	var actor int64
	if a.User != nil {
		actor = a.User.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: actor, Verb: verb,
		Subject: subject, Summary: summary, Link: link, Audience: activity.Everyone})
}

// actorName is how the acting person appears in a summary.
func actorName(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

// authorID is the acting account, stored with a version.
func authorID(a *collective.Access) any {
	if a.User == nil {
		return nil
	}
	return a.User.ID
}

// Link is the path of a collective's purpose page; the versions and the
// value propositions hang under it.
func Link(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/purpose" }

func charterVersionLink(a *collective.Access, v int) string {
	return Link(a) + "/charter/versions/" + strconv.Itoa(v)
}

func valueLink(a *collective.Access, o Owner) string {
	kind := "members"
	if o.Kind == OwnerOrganisation {
		kind = "organisations"
	}
	return Link(a) + "/" + kind + "/" + strconv.FormatInt(o.ID, 10)
}

// authorName shows a version's author; an account deleted outright (the
// row gone, not anonymised) leaves no name.
const authorName = "COALESCE(u.name, '" + auth.FormerMember + "') AS author_name"

// checkVersions refuses version numbers that cannot exist, before a query.
func checkVersions(from, to int) error {
	if from < 0 || to < 1 {
		return errs.Field("version", "Versions are numbered from 1; compare from 0 to see a first version whole.")
	}
	return nil
}
