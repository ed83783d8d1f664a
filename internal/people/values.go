package people

import (
	"context"
	"strconv"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// RankedValue is one value a person ranks in a collective, rank 1 first,
// with their sentence on why it matters.
type RankedValue struct {
	TermID int64  `db:"term_id" json:"term_id"`
	Name   string `db:"name" json:"name"`
	Rank   int    `db:"rank" json:"rank"`
	Why    string `db:"why" json:"why"`
}

// ValuePick is one entry of the list a person saves: a value by TermID, or
// when that is 0 by Name (any case), and why it matters.
type ValuePick struct {
	Name   string `json:"name"`
	TermID int64  `json:"term_id"`
	Why    string `json:"why"`
}

// querier reads rows, in or out of a transaction.
type querier interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

// needMember refuses anyone but a member of the collective: values and
// answers belong to a membership. Observers are members and keep their
// own, as they keep their own profile; it changes nothing of anyone else.
func needMember(a *collective.Access) error {
	if err := needUser(a); err != nil {
		return err
	}
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s keep values and answers there.", a.Collective.Name)
	}
	return nil
}

// needOwnWrite is needMember for a change: nothing changes in an archived
// collective.
func needOwnWrite(a *collective.Access) error {
	if err := needMember(a); err != nil {
		return err
	}
	if a.Collective.Archived() {
		return errs.New(errs.Forbidden, "%s is archived; a steward can restore it.", a.Collective.Name)
	}
	return nil
}

// MyValues returns the values the signed-in member ranks in the collective.
func (s *Service) MyValues(ctx context.Context, a *collective.Access) ([]RankedValue, error) {
	if err := needMember(a); err != nil {
		return nil, err
	}
	return valuesOf(ctx, s.DB, a.Collective.ID, a.MemberID)
}

// SetMyValues replaces the signed-in member's ranked values with picks, in
// order: the first is rank 1.
func (s *Service) SetMyValues(ctx context.Context, a *collective.Access, picks []ValuePick) error {
	if err := needOwnWrite(a); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		terms, err := termsTx(ctx, tx, a.Collective.ID)
		if err != nil {
			return err
		}
		if err := setValuesTx(ctx, tx, a.Collective.ID, a.MemberID, picks, terms); err != nil {
			return err
		}
		// The entry names no value: the person may keep their values to
		// themself, and the entry is theirs alone anyway.
		return record(ctx, tx, a, activity.ActorOnly, "values.saved", "your values", PersonLink(a, a.MemberID),
			"You saved your values.")
	})
}

// termsTx returns the collective's whole vocabulary keyed by sortName,
// seeding it first if needed; a CSV import loads it once for all its rows.
func termsTx(ctx context.Context, tx *store.Tx, collectiveID int64) (map[string]Term, error) {
	if err := seedTx(ctx, tx, collectiveID); err != nil {
		return nil, err
	}
	var rows []Term
	if err := tx.Select(ctx, &rows, `SELECT id, name, description, status, '' AS proposed_by, 0 AS people
		FROM value_terms WHERE collective_id = ?`, collectiveID); err != nil {
		return nil, err
	}
	out := make(map[string]Term, len(rows))
	for _, t := range rows {
		out[sortName(t.Name)] = t
	}
	return out, nil
}

// setValuesTx replaces a member's ranked values inside tx, resolving each
// pick against terms (from termsTx) by id or by name in any case. Blank
// picks (no value, no why) are skipped, so a form's empty rows are fine.
// A retired value may stay if the member already ranks it, but cannot be
// newly picked. It bumps the collective, since matching reads values.
func setValuesTx(ctx context.Context, tx *store.Tx, collectiveID, memberID int64, picks []ValuePick, terms map[string]Term) error {
	var held []int64
	if err := tx.Select(ctx, &held, "SELECT term_id FROM person_values WHERE member_id = ?", memberID); err != nil {
		return err
	}
	var chosen []ValuePick
	for _, p := range picks {
		p.Name, p.Why = strings.TrimSpace(p.Name), strings.TrimSpace(p.Why)
		if p.Name != "" || p.TermID != 0 || p.Why != "" {
			chosen = append(chosen, p)
		}
	}
	if len(chosen) > MaxValues {
		return errs.Field("values", "You can rank at most %d values; this list has %d.", MaxValues, len(chosen))
	}
	seen := map[int64]bool{}
	for i, p := range chosen {
		t, err := resolvePick(ctx, tx, collectiveID, p, terms, held)
		if err != nil {
			return err
		}
		if seen[t.ID] {
			return errs.Field("values", "%s is in the list twice; rank each value once.", t.Name)
		}
		seen[t.ID] = true
		why, err := cleanText("values", "sentence on why "+t.Name+" matters", p.Why, MaxWhy)
		if err != nil {
			return err
		}
		chosen[i] = ValuePick{Name: t.Name, TermID: t.ID, Why: why}
	}
	if _, err := tx.Exec(ctx, "DELETE FROM person_values WHERE member_id = ?", memberID); err != nil {
		return err
	}
	for i, p := range chosen {
		if _, err := tx.Exec(ctx, "INSERT INTO person_values (member_id, collective_id, term_id, rank, why) VALUES (?, ?, ?, ?, ?)",
			memberID, collectiveID, p.TermID, i+1, p.Why); err != nil {
			return err
		}
	}
	return bumpCollective(ctx, tx, collectiveID)
}

// resolvePick finds the term p names and checks it may be ranked. A
// proposal or a declined value picked by id is reported as unknown, by
// its number only: its name is not the picker's to learn. Picked by name,
// a pending proposal is said to wait for a steward, no more (the same as
// proposing the name again would say), and never whose it is.
func resolvePick(ctx context.Context, tx *store.Tx, collectiveID int64, p ValuePick, terms map[string]Term, held []int64) (*Term, error) {
	var t Term
	found := false
	if p.TermID != 0 {
		for _, c := range terms {
			if c.ID == p.TermID {
				t, found = c, true
				break
			}
		}
	} else if p.Name != "" {
		t, found = terms[sortName(p.Name)]
	} else {
		return nil, errs.Field("values", "Choose the value the sentence %q is about.", p.Why)
	}
	if !found || t.Status == TermDeclined || (t.Status == TermProposed && p.TermID != 0) {
		name := p.Name
		if p.TermID != 0 {
			name = "Value " + strconv.FormatInt(p.TermID, 10)
		}
		return nil, errs.Field("values", "%s is not one of %s's values; propose it first.", name, collectiveName(ctx, tx, collectiveID))
	}
	switch t.Status {
	case TermProposed:
		return nil, errs.Field("values", "%s has been proposed and is waiting for a steward; pick it once it is approved.", p.Name)
	case TermRetired:
		for _, id := range held {
			if id == t.ID {
				return &t, nil
			}
		}
		return nil, errs.Field("values", "%s has been retired and can no longer be picked.", t.Name)
	}
	return &t, nil
}

// collectiveName is the collective's name for an error message ("" if it
// cannot be read: the message still says what is wrong).
func collectiveName(ctx context.Context, q querier, id int64) string {
	var name string
	if err := q.Get(ctx, &name, "SELECT name FROM collectives WHERE id = ?", id); err != nil {
		return "this collective"
	}
	return name
}

// valuesOf returns a member's ranked values in the collective, rank 1
// first, whatever their visibility: callers check FieldValues.
func valuesOf(ctx context.Context, q querier, collectiveID, memberID int64) ([]RankedValue, error) {
	out := []RankedValue{}
	err := q.Select(ctx, &out, `SELECT pv.term_id, t.name, pv.rank, pv.why FROM person_values pv
		JOIN value_terms t ON t.id = pv.term_id WHERE pv.collective_id = ? AND pv.member_id = ? ORDER BY pv.rank`,
		collectiveID, memberID)
	return out, err
}

// valuesOfMany is valuesOf for many members at once (a directory page),
// keyed by member ID; members with no values are absent. Like valuesOf it
// does not check visibility.
func valuesOfMany(ctx context.Context, q querier, collectiveID int64, memberIDs []int64) (map[int64][]RankedValue, error) {
	const chunk = 500 // well under every driver's limit on parameters
	out := make(map[int64][]RankedValue, len(memberIDs))
	for start := 0; start < len(memberIDs); start += chunk {
		ids := memberIDs[start:min(start+chunk, len(memberIDs))]
		args := []any{collectiveID}
		for _, id := range ids {
			args = append(args, id)
		}
		var rows []struct {
			MemberID int64 `db:"member_id"`
			RankedValue
		}
		if err := q.Select(ctx, &rows, `SELECT pv.member_id, pv.term_id, t.name, pv.rank, pv.why FROM person_values pv
			JOIN value_terms t ON t.id = pv.term_id WHERE pv.collective_id = ? AND pv.member_id IN (?`+
			strings.Repeat(", ?", len(ids)-1)+`) ORDER BY pv.member_id, pv.rank`, args...); err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.MemberID] = append(out[r.MemberID], r.RankedValue)
		}
	}
	return out, nil
}
