package people

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// The statuses of a value in a collective's vocabulary. Only active values
// can be newly picked; retired ones stay on the profiles that rank them.
const (
	TermActive   = "active"
	TermProposed = "proposed"
	TermRetired  = "retired"
	TermDeclined = "declined"
)

// Term is one value of a collective's vocabulary.
type Term struct {
	ID          int64  `db:"id" json:"id"`
	Name        string `db:"name" json:"name"`
	Description string `db:"description" json:"description"`
	Status      string `db:"status" json:"status"`
	// ProposedBy is the name of the member who proposed it; "" for the
	// starter vocabulary and for accounts since deleted.
	ProposedBy string `db:"proposed_by" json:"proposed_by"`
	// People is how many people rank it, counting only those whose values
	// the viewer may see (and the viewer).
	People int `db:"people" json:"people"`
}

// TermInput is what a member proposes or a steward edits.
type TermInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// sortName is the form value names are compared in: trimmed, lower case,
// inner spaces collapsed, so "Shared  Power" and "shared power" are one.
func sortName(name string) string { return NormaliseTag(name) }

// cleanText trims s, collapses runs of spaces and refuses control
// characters (which would let a name look like another).
func cleanText(field, label, s string, limit int) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", errs.Field(field, "The %s contains a control character; remove it.", label)
		}
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return "", errs.Field(field, "The %s is %d characters; the most is %d.", label, n, limit)
	}
	return s, nil
}

// normalise checks and tidies a term's name and description.
func (in *TermInput) normalise() error {
	var err error
	if in.Name, err = cleanText("name", "value's name", in.Name, MaxValueName); err != nil {
		return err
	}
	if in.Name == "" {
		return errs.Field("name", "Give the value a name.")
	}
	in.Description, err = cleanText("description", "description", in.Description, MaxValueDesc)
	return err
}

// needUser refuses visitors who are not signed in: the people pages show
// nothing to them.
func needUser(a *collective.Access) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to see the people of %s.", a.Collective.Name)
	}
	return nil
}

// termCols reads a term; the People count needs the viewer's member ID and
// level as its first two arguments.
const termCols = `t.id, t.name, t.description, t.status, COALESCE(u.name, '') AS proposed_by,
	(SELECT count(*) FROM person_values pv JOIN members m ON m.id = pv.member_id
		LEFT JOIN profiles p ON p.user_id = m.user_id
		WHERE pv.term_id = t.id AND (m.id = ? OR COALESCE(p.vis_values, 2) >= ?)) AS people
	FROM value_terms t LEFT JOIN users u ON u.id = t.proposed_by`

// Vocabulary lists the collective's values by name. status "" (or
// "active") lists the active ones; "proposed", "retired", "declined" and
// "all" the others. Stewards see every term; anyone else sees the active
// ones and their own proposals, proposed or declined, so a member learns
// what became of theirs without seeing others' unreviewed ideas.
func (s *Service) Vocabulary(ctx context.Context, a *collective.Access, status string) ([]Term, error) {
	if err := needUser(a); err != nil {
		return nil, err
	}
	where := " WHERE t.collective_id = ?"
	args := []any{a.MemberID, int(othersLevel(a)), a.Collective.ID}
	switch status {
	case "", TermActive:
		where += " AND t.status = 'active'"
	case TermProposed, TermRetired, TermDeclined:
		where += " AND t.status = ?"
		args = append(args, status)
	case "all":
	default:
		return nil, errs.Field("status", "Choose active, proposed, retired, declined or all, not %q.", status)
	}
	if !a.IsSteward() {
		where += " AND (t.status = 'active' OR (t.status IN ('proposed', 'declined') AND t.proposed_by = ?))"
		args = append(args, a.User.ID)
	}
	if err := s.ensureSeeded(ctx, a.Collective.ID); err != nil {
		return nil, err
	}
	out := []Term{}
	err := s.DB.Select(ctx, &out, "SELECT "+termCols+where+" ORDER BY t.sort_name", args...)
	return out, err
}

// term reads one term of a's collective inside tx, or NotFound.
func term(ctx context.Context, tx *store.Tx, a *collective.Access, id int64) (*Term, error) {
	var t Term
	err := tx.Get(ctx, &t, "SELECT "+termCols+" WHERE t.id = ? AND t.collective_id = ?",
		a.MemberID, int(othersLevel(a)), id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such value.", a.Collective.Name)
	}
	return &t, err
}

// checkFreeName refuses a name another term of the collective already has
// (other than the term with id except), in any status, saying what became
// of it so the person knows what to do instead.
func checkFreeName(ctx context.Context, tx *store.Tx, a *collective.Access, name string, except int64) error {
	var found []struct {
		Name   string `db:"name"`
		Status string `db:"status"`
	}
	if err := tx.Select(ctx, &found, "SELECT name, status FROM value_terms WHERE collective_id = ? AND sort_name = ? AND id <> ?",
		a.Collective.ID, sortName(name), except); err != nil {
		return err
	}
	if len(found) == 0 {
		return nil
	}
	return duplicateName(a, found[0].Name, found[0].Status)
}

// duplicateName is the Conflict for a name already in the vocabulary.
func duplicateName(a *collective.Access, name, status string) error {
	msg := map[string]string{
		TermActive:   "%q is already one of %s's values.",
		TermProposed: "%q has already been proposed in %s and is waiting for a steward.",
		TermRetired:  "%q was one of %s's values and has been retired; a steward can restore it.",
		TermDeclined: "%q was proposed in %s before and declined; a steward can still restore it.",
	}[status]
	return &errs.Error{Code: errs.Conflict, Field: "name", Message: fmt.Sprintf(msg, name, a.Collective.Name)}
}

// ProposeValue adds a value to the vocabulary: a steward's is active at
// once, a member's waits as proposed until a steward reviews it. Observers
// propose nothing, as they change nothing.
func (s *Service) ProposeValue(ctx context.Context, a *collective.Access, in TermInput) (*Term, error) {
	if err := needUser(a); err != nil {
		return nil, err
	}
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if err := in.normalise(); err != nil {
		return nil, err
	}
	if err := s.ensureSeeded(ctx, a.Collective.ID); err != nil {
		return nil, err
	}
	status, verb, summary := TermProposed, "value.proposed", actorName(a)+" proposed the value "+in.Name
	if a.IsSteward() {
		status, verb, summary = TermActive, "value.added", actorName(a)+" added the value "+in.Name
	}
	var out *Term
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := checkFreeName(ctx, tx, a, in.Name, 0); err != nil {
			return err
		}
		id, err := tx.Insert(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, description, status, proposed_by,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Collective.ID, in.Name, sortName(in.Name), in.Description, status, a.User.ID, tx.Now, tx.Now)
		if store.IsUnique(err) {
			return duplicateName(a, in.Name, TermActive)
		}
		if err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, verb, in.Name, valuesLink(a), summary); err != nil {
			return err
		}
		if err := bumpCollective(ctx, tx, a.Collective.ID); err != nil {
			return err
		}
		out, err = term(ctx, tx, a, id)
		return err
	})
	return out, err
}

// valuesLink is the page of the collective's vocabulary: the collective's
// own, beside its people, since the values are the collective's.
func valuesLink(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/values" }
