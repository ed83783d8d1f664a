package commitment

import (
	"context"
	"slices"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// Mine narrows a list to the signed-in member's commitments.
type Mine string

// What Mine may ask for.
const (
	// MineToDo: promises they made that are in hand, proposals made to them,
	// and promises to them marked done, waiting for their word.
	MineToDo Mine = "todo"
	// MineWaiting: their proposals not yet answered and their promises
	// marked done not yet confirmed, and promises to them still being kept.
	MineWaiting Mine = "waiting"
	// MineKept: the promises they kept.
	MineKept Mine = "kept"
)

// Query filters a list of commitments. Zero values filter nothing.
type Query struct {
	Person      int64 // committer or recipient member
	Org         int64 // committer or recipient organisation
	State       State
	GoalID      int64
	IndicatorID int64
	From, To    string // due dates, YYYY-MM-DD, inclusive
	Mine        Mine
	Before      int64 // keyset: only commitments with a smaller id (the Next of the page before)
}

// Page is one page of a list, newest first.
type Page struct {
	Items []Commitment `json:"items"`
	Next  int64        `json:"next,omitempty"` // Before of the next page; 0 on the last
}

// List returns up to PerPage commitments of the collective matching q,
// newest first. Paging is by id (keyset), so a deep page costs what the
// first does; every filter has an index that starts with it.
func (s *Service) List(ctx context.Context, a *collective.Access, q Query) (*Page, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	where, args, err := q.sql(a)
	if err != nil {
		return nil, err
	}
	items := []Commitment{}
	if err := s.DB.Select(ctx, &items, "SELECT "+commitmentCols+" FROM commitments WHERE "+strings.Join(where, " AND ")+
		" ORDER BY id DESC LIMIT ?", append(args, PerPage+1)...); err != nil {
		return nil, err
	}
	p := &Page{Items: items}
	if len(items) > PerPage {
		p.Items = items[:PerPage]
		p.Next = p.Items[PerPage-1].ID
	}
	return p, nil
}

// sql turns q into conditions and their arguments.
func (q Query) sql(a *collective.Access) ([]string, []any, error) {
	where, args := []string{"collective_id = ?"}, []any{a.Collective.ID}
	add := func(cond string, vals ...any) { where, args = append(where, cond), append(args, vals...) }
	// A person's or an organisation's commitments are found through the
	// two indexes of either side (UNION ALL of ids), not by an OR that the
	// planner answers by scanning the collective's million rows and sorting
	// them (3 s on SQLite at 1,000,000). The unary plus below keeps the
	// collective's index out of the plan then, so the ids drive it.
	narrow := false
	if q.Person != 0 {
		add(`id IN (SELECT id FROM commitments WHERE committer_member_id = ?
			UNION ALL SELECT id FROM commitments WHERE recipient_member_id = ?)`, q.Person, q.Person)
		narrow = true
	}
	if q.Org != 0 {
		add(`id IN (SELECT id FROM commitments WHERE committer_org_id = ?
			UNION ALL SELECT id FROM commitments WHERE recipient_org_id = ?)`, q.Org, q.Org)
		narrow = true
	}
	if q.State != "" {
		if !slices.Contains(States, q.State) {
			return nil, nil, errs.Field("state", "Choose a state: proposed, accepted, in_progress, kept, not_kept or released.")
		}
		add("state = ?", q.State)
	}
	if q.GoalID != 0 {
		add("goal_id = ?", q.GoalID)
	}
	if q.IndicatorID != 0 {
		add("indicator_id = ?", q.IndicatorID)
	}
	for _, d := range []struct{ field, day, cond string }{{"from", q.From, "due_on >= ?"}, {"to", q.To, "due_on <= ?"}} {
		if d.day == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.day); err != nil {
			return nil, nil, errs.Field(d.field, "Give the date as YYYY-MM-DD.")
		}
		add("due_on <> '' AND "+d.cond, d.day)
	}
	if q.Mine != "" {
		if !a.IsMember() {
			return nil, nil, errs.New(errs.Forbidden, "Only members of %s have commitments of their own.", a.Collective.Name)
		}
		me := a.MemberID
		// The same index-driven narrowing as for a person: first the ids on
		// either side of the viewer, then the exact conditions below.
		ids, idArgs := mineIDs(a)
		add("id IN ("+ids+")", idArgs...)
		narrow = true
		side, sideArgs := recipientSide(a)
		switch q.Mine {
		case MineToDo:
			add(`((committer_member_id = ? AND state IN ('accepted', 'in_progress') AND done_at IS NULL)
				OR (`+side+` AND (state = 'proposed' OR (state = 'in_progress' AND done_at IS NOT NULL))))`,
				append([]any{me}, sideArgs...)...)
		case MineWaiting:
			add(`((committer_member_id = ? AND (state = 'proposed' OR (state = 'in_progress' AND done_at IS NOT NULL)))
				OR (`+side+` AND state IN ('accepted', 'in_progress') AND done_at IS NULL))`,
				append([]any{me}, sideArgs...)...)
		case MineKept:
			add("committer_member_id = ? AND state = 'kept'", me)
		default:
			return nil, nil, errs.Field("mine", "Choose todo, waiting or kept.")
		}
	}
	if q.Before > 0 {
		add("id < ?", q.Before)
	}
	if narrow {
		where[0] = "+collective_id = ?"
	}
	return where, args, nil
}

// mineIDs selects the ids of every commitment the member of a stands on
// either side of, each branch through its own index: made by them, made to
// them, made to an organisation they are with, and (stewards) made to the
// collective while still open or just kept.
func mineIDs(a *collective.Access) (string, []any) {
	me := a.MemberID
	q := `SELECT id FROM commitments WHERE committer_member_id = ?
		UNION ALL SELECT id FROM commitments WHERE recipient_member_id = ?
		UNION ALL SELECT id FROM commitments WHERE recipient_org_id IN (SELECT organisation_id FROM affiliations WHERE member_id = ?)`
	args := []any{me, me, me}
	if a.IsSteward() {
		q += ` UNION ALL SELECT id FROM commitments WHERE collective_id = ? AND state IN ('proposed', 'accepted', 'in_progress')
			AND recipient_kind = 'collective'`
		args = append(args, a.Collective.ID)
	}
	return q, args
}

// recipientSide is the condition "the member of a is on the recipient's
// side and not the committer": the recipient, a member affiliated with the
// recipient organisation, or a steward for a promise to the collective (the
// same rule as sideOf).
func recipientSide(a *collective.Access) (string, []any) {
	me := a.MemberID
	cond := `(recipient_member_id = ? OR (recipient_kind = 'organisation'
		AND recipient_org_id IN (SELECT organisation_id FROM affiliations WHERE member_id = ?))`
	if a.IsSteward() {
		cond += " OR recipient_kind = 'collective'"
	}
	return cond + ") AND (committer_member_id IS NULL OR committer_member_id <> ?)", []any{me, me, me}
}

// Board is the collective's commitments at a glance: how many per goal and
// state, and the first few in each state.
type Board struct {
	Goals  []BoardGoal            `json:"goals"` // in measure's order; GoalID 0 (no goal) last
	Totals map[State]int64        `json:"totals"`
	Firsts map[State][]Commitment `json:"firsts"` // soonest due first; no due date last
}

// BoardGoal is one goal's row of the board.
type BoardGoal struct {
	GoalID int64           `json:"goal_id"`
	Title  string          `json:"title"`
	Counts map[State]int64 `json:"counts"`
}

// BoardFirsts is how many commitments the board shows in each state.
const BoardFirsts = 5

// Board reads the counts kept by every transition (never counting the
// commitments themselves) and the first few of each state.
func (s *Service) Board(ctx context.Context, a *collective.Access) (*Board, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	var counts []struct {
		GoalID int64 `db:"goal_id"`
		State  State `db:"state"`
		N      int64 `db:"n"`
	}
	if err := s.DB.Select(ctx, &counts, "SELECT goal_id, state, n FROM commitment_counts WHERE collective_id = ? AND n <> 0",
		a.Collective.ID); err != nil {
		return nil, err
	}
	goals, err := s.Measure.Goals(ctx, a)
	if err != nil {
		return nil, err
	}
	b := &Board{Totals: map[State]int64{}, Firsts: map[State][]Commitment{}}
	for _, g := range goals {
		b.Goals = append(b.Goals, BoardGoal{GoalID: g.ID, Title: g.Title, Counts: map[State]int64{}})
	}
	b.Goals = append(b.Goals, BoardGoal{Title: "No goal", Counts: map[State]int64{}})
	for _, c := range counts {
		i := slices.IndexFunc(b.Goals, func(g BoardGoal) bool { return g.GoalID == c.GoalID })
		if i < 0 { // a goal deleted since: its commitments now serve none
			i = len(b.Goals) - 1
		}
		b.Goals[i].Counts[c.State] += c.N
		b.Totals[c.State] += c.N
	}
	for _, st := range States {
		items := []Commitment{}
		if err := s.DB.Select(ctx, &items, "SELECT "+commitmentCols+` FROM commitments WHERE collective_id = ? AND state = ?
			ORDER BY (due_on = ''), due_on, id LIMIT ?`, a.Collective.ID, st, BoardFirsts); err != nil {
			return nil, err
		}
		b.Firsts[st] = items
	}
	return b, nil
}
