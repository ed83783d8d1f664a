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

// nameHolder is the term that already has a name.
type nameHolder struct {
	ID         int64  `db:"id"`
	Name       string `db:"name"`
	Status     string `db:"status"`
	ProposedBy *int64 `db:"proposed_by"`
}

// holderOf finds the term of the collective, other than except, that
// already has name in any status; nil when the name is free.
func holderOf(ctx context.Context, tx *store.Tx, a *collective.Access, name string, except int64) (*nameHolder, error) {
	var found []nameHolder
	if err := tx.Select(ctx, &found, "SELECT id, name, status, proposed_by FROM value_terms WHERE collective_id = ? AND sort_name = ? AND id <> ?",
		a.Collective.ID, sortName(name), except); err != nil || len(found) == 0 {
		return nil, err
	}
	return &found[0], nil
}

// checkFreeName refuses a name another term of the collective already has
// (other than the term with id except), in any status, saying what became
// of it so the person knows what to do instead.
func checkFreeName(ctx context.Context, tx *store.Tx, a *collective.Access, name string, except int64) error {
	h, err := holderOf(ctx, tx, a, name, except)
	if err != nil || h == nil {
		return err
	}
	return duplicateName(a, h)
}

// duplicateName is the Conflict for a name already in the vocabulary.
// Stewards, who review every proposal, are told what became of it. Anyone
// else learns no more than the vocabulary shows them: active and retired
// values (which stay on profiles) and their own proposals; of someone
// else's pending proposal only that the name is waiting for a steward,
// never whose it is. (Someone else's declined proposal never reaches here
// for them: ProposeValue reopens it as their own.)
func duplicateName(a *collective.Access, h *nameHolder) error {
	own := a.User != nil && h.ProposedBy != nil && *h.ProposedBy == a.User.ID && !a.IsSteward()
	msg := map[string]string{
		TermActive:   "%q is already one of %s's values.",
		TermProposed: "%q has already been proposed in %s and is waiting for a steward.",
		TermRetired:  "%q was one of %s's values and has been retired; a steward can restore it.",
		TermDeclined: "%q was proposed in %s before and declined; a steward can still restore it.",
	}[h.Status]
	switch {
	case own && h.Status == TermProposed:
		msg = "You have already proposed %q in %s; it is waiting for a steward."
	case own && h.Status == TermDeclined:
		msg = "You proposed %q in %s before and a steward declined it; ask a steward if it should be restored."
	}
	return &errs.Error{Code: errs.Conflict, Field: "name", Message: fmt.Sprintf(msg, h.Name, a.Collective.Name)}
}

// reopens reports whether a member's proposal of a name someone else
// proposed and a steward declined becomes a fresh proposal of theirs. It
// does, so that refusing it tells them nothing of the other person's
// declined idea; the stewards see it come back and decide again.
func reopens(a *collective.Access, h *nameHolder) bool {
	return h.Status == TermDeclined && !a.IsSteward() && (h.ProposedBy == nil || *h.ProposedBy != a.User.ID)
}

// ProposeValue adds a value to the vocabulary: a steward's is active at
// once and announced to everyone; a member's waits as proposed until a
// steward reviews it, and only the stewards and the proposer hear of it
// (an unreviewed idea is not the collective's news yet). Observers propose
// nothing, as they change nothing.
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
	audiences := []activity.Audience{activity.Stewards, activity.ActorOnly}
	if a.IsSteward() {
		status, verb, summary = TermActive, "value.added", actorName(a)+" added the value "+in.Name
		audiences = []activity.Audience{activity.Everyone}
	}
	var out *Term
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		h, err := holderOf(ctx, tx, a, in.Name, 0)
		if err != nil {
			return err
		}
		id, err := s.insertTerm(ctx, tx, a, in, status, h)
		if err != nil {
			return err
		}
		for _, audience := range audiences {
			if err := record(ctx, tx, a, audience, verb, in.Name, valuesLink(a), summary); err != nil {
				return err
			}
		}
		if err := bumpCollective(ctx, tx, a.Collective.ID); err != nil {
			return err
		}
		out, err = term(ctx, tx, a, id)
		return err
	})
	return out, err
}

// insertTerm stores a new term, or reopens the declined one h when a
// member proposes its name again, and returns its id.
func (s *Service) insertTerm(ctx context.Context, tx *store.Tx, a *collective.Access, in TermInput, status string, h *nameHolder) (int64, error) {
	switch {
	case h != nil && reopens(a, h):
		_, err := tx.Exec(ctx, `UPDATE value_terms SET name = ?, sort_name = ?, description = ?, status = ?, proposed_by = ?,
			updated_at = ? WHERE id = ?`, in.Name, sortName(in.Name), in.Description, status, a.User.ID, tx.Now, h.ID)
		return h.ID, err
	case h != nil:
		return 0, duplicateName(a, h)
	}
	id, err := tx.Insert(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, description, status, proposed_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Collective.ID, in.Name, sortName(in.Name), in.Description, status, a.User.ID, tx.Now, tx.Now)
	if store.IsUnique(err) {
		// Another request took the name between the check and now.
		return 0, duplicateName(a, &nameHolder{Name: in.Name, Status: TermActive})
	}
	return id, err
}

// valuesLink is the page of the collective's vocabulary: the collective's
// own, beside its people, since the values are the collective's.
func valuesLink(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/values" }
