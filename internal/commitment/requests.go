package commitment

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Request is a member asking for help ("I need an introduction to the
// county health office"). Others answer by committing: Create with its
// RequestID makes a promise to the member who asked.
type Request struct {
	ID          int64      `db:"id" json:"id"`
	MemberID    *int64     `db:"member_id" json:"member_id"` // nil once the member has left
	MemberName  string     `db:"member_name" json:"member_name"`
	What        string     `db:"what" json:"what"`
	Kind        Kind       `db:"kind" json:"kind"`
	GoalID      *int64     `db:"goal_id" json:"goal_id"`
	IndicatorID *int64     `db:"indicator_id" json:"indicator_id"`
	Status      string     `db:"status" json:"status"` // RequestOpen or RequestClosed
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	ClosedAt    *time.Time `db:"closed_at" json:"closed_at"`
	Answers     int        `db:"answers" json:"answers"` // commitments made in answer
}

// The statuses of a request.
const (
	RequestOpen   = "open"
	RequestClosed = "closed"
)

// RequestInput is what a member fills in to ask for help.
type RequestInput struct {
	What        string
	Kind        Kind
	GoalID      int64
	IndicatorID int64
}

// RequestPage is one page of requests, newest first.
type RequestPage struct {
	Items []Request `json:"items"`
	Page  int       `json:"page"`
	More  bool      `json:"more"` // a next page exists
}

// The answers are counted per request of the page only: one small
// subquery per row on the commitments' request_id.
const requestCols = `r.id, r.member_id, r.member_name, r.what, r.kind, r.goal_id, r.indicator_id, r.status,
	r.created_at, r.closed_at, (SELECT count(*) FROM commitments c WHERE c.request_id = r.id) AS answers`

// CreateRequest asks the collective for help. Contributing members ask for
// themselves; the goal or indicator it serves is checked through measure.
func (s *Service) CreateRequest(ctx context.Context, a *collective.Access, in RequestInput) (*Request, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	in.What = strings.TrimSpace(in.What)
	if in.What == "" || utf8.RuneCountInString(in.What) > MaxWhat {
		return nil, errs.Field("what", "Say what you need, in 1 to %d characters.", MaxWhat)
	}
	if !slices.Contains(Kinds, in.Kind) {
		return nil, errs.Field("kind", "Choose do, give, share, introduce, teach or show_up.")
	}
	// The same checks as a commitment's links, so an indicator alone brings
	// its goal and answers inherit both.
	p := &parties{}
	if err := s.links(ctx, a, &Input{GoalID: in.GoalID, IndicatorID: in.IndicatorID}, p); err != nil {
		return nil, err
	}
	me := a.MemberID
	r := &Request{MemberID: &me, MemberName: a.User.Name, What: in.What, Kind: in.Kind, GoalID: p.goal,
		IndicatorID: p.indicator, Status: RequestOpen}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		r.CreatedAt = tx.Now
		id, err := tx.Insert(ctx, `INSERT INTO commitment_requests (collective_id, member_id, member_name, what, kind,
			goal_id, indicator_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Collective.ID, me, r.MemberName, r.What, r.Kind, r.GoalID, r.IndicatorID, r.Status, tx.Now)
		if err != nil {
			return err
		}
		r.ID = id
		return record(ctx, tx, a, activity.Everyone, "request.created", requestSubject(id), RequestLink(a, id),
			r.MemberName+" asked for help: "+r.What+".")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Requests lists the collective's requests with status (RequestOpen,
// RequestClosed, or "" for both), newest first, PerPage a page (1-based).
func (s *Service) Requests(ctx context.Context, a *collective.Access, status string, page int) (*RequestPage, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	where, args := "r.collective_id = ?", []any{a.Collective.ID}
	switch status {
	case "":
	case RequestOpen, RequestClosed:
		where, args = where+" AND r.status = ?", append(args, status)
	default:
		return nil, errs.Field("status", "Choose open or closed.")
	}
	page = max(page, 1)
	items := []Request{}
	if err := s.DB.Select(ctx, &items, "SELECT "+requestCols+" FROM commitment_requests r WHERE "+where+
		" ORDER BY r.id DESC LIMIT ? OFFSET ?", append(args, PerPage+1, (page-1)*PerPage)...); err != nil {
		return nil, err
	}
	for i := range items {
		items[i].utc()
	}
	p := &RequestPage{Items: items, Page: page}
	if len(items) > PerPage {
		p.Items, p.More = items[:PerPage], true
	}
	return p, nil
}

// GetRequest returns one request of the collective.
func (s *Service) GetRequest(ctx context.Context, a *collective.Access, id int64) (*Request, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	var r Request
	err := s.DB.Get(ctx, &r, "SELECT "+requestCols+" FROM commitment_requests r WHERE r.id = ? AND r.collective_id = ?",
		id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such request.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	r.utc()
	return &r, nil
}

// RequestAnswers lists the commitments made in answer to request id,
// oldest first.
func (s *Service) RequestAnswers(ctx context.Context, a *collective.Access, id int64) ([]Commitment, error) {
	if _, err := s.GetRequest(ctx, a, id); err != nil {
		return nil, err
	}
	out := []Commitment{}
	err := s.DB.Select(ctx, &out, "SELECT "+commitmentCols+" FROM commitments WHERE request_id = ? AND collective_id = ? ORDER BY id",
		id, a.Collective.ID)
	return out, err
}

// CloseRequest closes an open request: no new answers, the promises
// already made stand. Its author or a steward may close it.
func (s *Service) CloseRequest(ctx context.Context, a *collective.Access, id int64) (*Request, error) {
	r, err := s.GetRequest(ctx, a, id)
	if err != nil {
		return nil, err
	}
	switch {
	case a.IsMember() && r.MemberID != nil && *r.MemberID == a.MemberID:
		err = a.RequireContributor()
	case a.IsSteward():
		err = a.RequireSteward() // refuses in an archived collective
	default:
		err = errs.New(errs.Forbidden, "Only the member who asked or a steward can close this request.")
	}
	if err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		// WHERE status = 'open': of two closes at once, the second finds
		// nothing to change and says so.
		n, err := tx.Exec(ctx, "UPDATE commitment_requests SET status = ?, closed_at = ? WHERE id = ? AND status = ?",
			RequestClosed, tx.Now, id, RequestOpen)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.New(errs.Conflict, "This request is already closed.")
		}
		now := tx.Now
		r.Status, r.ClosedAt = RequestClosed, &now
		return record(ctx, tx, a, activity.Everyone, "request.closed", requestSubject(id), RequestLink(a, id),
			actorName(a)+" closed the request: "+r.What+".")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// utc puts the times in UTC: PostgreSQL reads them in the session's zone,
// SQLite in UTC, and both must compare and print alike.
func (r *Request) utc() {
	r.CreatedAt = r.CreatedAt.UTC()
	r.ClosedAt = utcPtr(r.ClosedAt)
}

// utcPtr is *t in UTC, nil for nil.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// RequestLink is the page of one request.
func RequestLink(a *collective.Access, id int64) string {
	return "/c/" + a.Collective.Slug + "/requests/" + strconv.FormatInt(id, 10)
}

func requestSubject(id int64) string { return "request:" + strconv.FormatInt(id, 10) }
