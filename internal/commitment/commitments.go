package commitment

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Commitment is one promise as stored, with the names of both sides kept
// beside their ids so it reads right after someone has left.
type Commitment struct {
	ID                int64         `db:"id" json:"id"`
	CollectiveID      int64         `db:"collective_id" json:"-"`
	CommitterMemberID *int64        `db:"committer_member_id" json:"committer_member_id"`
	CommitterName     string        `db:"committer_name" json:"committer_name"`
	CommitterOrgID    *int64        `db:"committer_org_id" json:"committer_org_id"`
	CommitterOrgName  string        `db:"committer_org_name" json:"committer_org_name"`
	RecipientKind     RecipientKind `db:"recipient_kind" json:"recipient_kind"`
	RecipientMemberID *int64        `db:"recipient_member_id" json:"recipient_member_id"`
	RecipientOrgID    *int64        `db:"recipient_org_id" json:"recipient_org_id"`
	RecipientName     string        `db:"recipient_name" json:"recipient_name"`
	What              string        `db:"what" json:"what"`
	Kind              Kind          `db:"kind" json:"kind"`
	SizeUnit          Unit          `db:"size_unit" json:"size_unit"`
	SizeAmount        int64         `db:"size_amount" json:"size_amount"` // minutes, minor units or a count
	DueOn             string        `db:"due_on" json:"due_on"`
	GoalID            *int64        `db:"goal_id" json:"goal_id"`
	GoalTitle         string        `db:"-" json:"goal_title,omitempty"`
	IndicatorID       *int64        `db:"indicator_id" json:"indicator_id"`
	IndicatorName     string        `db:"-" json:"indicator_name,omitempty"`
	RequestID         *int64        `db:"request_id" json:"request_id"`
	State             State         `db:"state" json:"state"`
	DoneAt            *time.Time    `db:"done_at" json:"done_at"`
	ReleaseAskedBy    Side          `db:"release_asked_by" json:"release_asked_by"`
	OnTime            *bool         `db:"on_time" json:"on_time"`
	Version           int64         `db:"version" json:"version"`
	CreatedBy         *int64        `db:"created_by" json:"-"`
	CreatedAt         time.Time     `db:"created_at" json:"created_at"`
	UpdatedAt         time.Time     `db:"updated_at" json:"updated_at"`
	ClosedAt          *time.Time    `db:"closed_at" json:"closed_at"`
}

const commitmentCols = `id, collective_id, committer_member_id, committer_name, committer_org_id, committer_org_name,
	recipient_kind, recipient_member_id, recipient_org_id, recipient_name, what, kind, size_unit, size_amount, due_on,
	goal_id, indicator_id, request_id, state, done_at, release_asked_by, on_time, version, created_by, created_at,
	updated_at, closed_at`

// Committer names who promised: the person, and the organisation they
// promised for.
func (c *Commitment) Committer() string {
	if c.CommitterOrgName != "" {
		return c.CommitterName + " for " + c.CommitterOrgName
	}
	return c.CommitterName
}

// Size is the size as people read it: "2.5 hours", "120.00", "3", or "".
func (c *Commitment) Size() string { return FormatSize(c.SizeUnit, c.SizeAmount) }

// Event is one step of a commitment's history.
type Event struct {
	ID        int64     `db:"id" json:"id"`
	Action    string    `db:"action" json:"action"`
	FromState string    `db:"from_state" json:"from_state"`
	ToState   string    `db:"to_state" json:"to_state"`
	ActorID   *int64    `db:"actor_id" json:"actor_id"`
	ActorName string    `db:"actor_name" json:"actor_name"`
	Note      string    `db:"note" json:"note"`
	At        time.Time `db:"at" json:"at"`
}

// Created is the Action a commitment's first event records.
const Created Action = "create"

// Input is what a member fills in to make a commitment. Size is as people
// type it: hours with up to two decimals ("2.5"), money in major units
// ("120.00"), a whole count ("3"); empty for no size.
type Input struct {
	What              string
	Kind              Kind
	SizeUnit          Unit
	Size              string
	DueOn             string // YYYY-MM-DD or ""
	RecipientKind     RecipientKind
	RecipientMemberID int64
	RecipientOrgID    int64
	ForOrgID          int64 // the organisation the committer promises for; 0 for themself
	GoalID            int64
	IndicatorID       int64
	RequestID         int64 // the open request this answers; its requester becomes the recipient
}

// parties are the resolved sides and links of a new commitment.
type parties struct {
	orgID, recMember, recOrg, goal, indicator, request *int64
	orgName, recName                                   string
	amount                                             int64
}

// Create makes a commitment, proposed to its recipient. Contributing
// members make them for themselves, or for an organisation they are with.
func (s *Service) Create(ctx context.Context, a *collective.Access, in Input) (*Commitment, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	var c *Commitment
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		c, err = s.CreateInTx(ctx, tx, a, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// check validates in and resolves its parties through the collective and
// measure services, before any write.
func (s *Service) check(ctx context.Context, a *collective.Access, in *Input) (*parties, error) {
	in.What = strings.TrimSpace(in.What)
	in.DueOn = strings.TrimSpace(in.DueOn)
	p := &parties{}
	if in.What == "" || utf8.RuneCountInString(in.What) > MaxWhat {
		return nil, errs.Field("what", "Say what you promise, in 1 to %d characters.", MaxWhat)
	}
	if !slices.Contains(Kinds, in.Kind) {
		return nil, errs.Field("kind", "Choose do, give, share, introduce, teach or show_up.")
	}
	amount, err := ParseSize(in.SizeUnit, in.Size)
	if err != nil {
		return nil, err
	}
	p.amount = amount
	if in.DueOn != "" {
		if _, err := time.Parse(time.DateOnly, in.DueOn); err != nil {
			return nil, errs.Field("due_on", "Give the due date as YYYY-MM-DD.")
		}
	}
	if in.ForOrgID != 0 {
		me, err := s.Collectives.Member(ctx, a, a.MemberID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(me.Organisations, func(o collective.OrgRef) bool { return o.ID == in.ForOrgID })
		if i < 0 {
			return nil, errs.Field("for_org_id", "You can promise only for an organisation you are with.")
		}
		p.orgID, p.orgName = &in.ForOrgID, me.Organisations[i].Name
	}
	if err := s.recipient(ctx, a, in, p); err != nil {
		return nil, err
	}
	return p, s.links(ctx, a, in, p)
}

// recipient resolves whom the promise is made to. Answering a request
// makes it a promise to the person who asked.
func (s *Service) recipient(ctx context.Context, a *collective.Access, in *Input, p *parties) error {
	if in.RequestID != 0 {
		r, err := openRequest(ctx, s.DB, a, in.RequestID)
		if err != nil {
			return err
		}
		in.RecipientKind, in.RecipientMemberID, in.RecipientOrgID = ToMember, *r.MemberID, 0
		p.request = &in.RequestID
		if in.GoalID == 0 && in.IndicatorID == 0 {
			in.GoalID, in.IndicatorID = deref(r.GoalID), deref(r.IndicatorID)
		}
	}
	switch in.RecipientKind {
	case ToMember:
		if in.RecipientMemberID == a.MemberID {
			return errs.Field("recipient", "You cannot make a promise to yourself; choose someone else.")
		}
		m, err := s.Collectives.Member(ctx, a, in.RecipientMemberID)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("recipient", "Choose a member of %s to promise to.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		// An observer could never accept or confirm: the promise would hang.
		var contributing int
		if err := s.DB.Get(ctx, &contributing, "SELECT count(*) FROM member_roles WHERE member_id = ? AND role <> ?",
			in.RecipientMemberID, auth.Observer); err != nil {
			return err
		}
		if contributing == 0 {
			return errs.Field("recipient", "%s only observes %s and cannot answer a promise; choose a contributing member.",
				m.Name, a.Collective.Name)
		}
		p.recMember, p.recName = &in.RecipientMemberID, m.Name
	case ToOrganisation:
		if in.RecipientOrgID == in.ForOrgID {
			return errs.Field("recipient", "An organisation cannot make a promise to itself.")
		}
		o, err := s.Collectives.Organisation(ctx, a, in.RecipientOrgID)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("recipient", "Choose an organisation of %s to promise to.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		p.recOrg, p.recName = &in.RecipientOrgID, o.Name
	case ToCollective:
		p.recName = a.Collective.Name
	default:
		return errs.Field("recipient", "Choose whom you promise to: a member, an organisation or the whole collective.")
	}
	return nil
}

// links checks the goal and indicator through measure's service; an
// indicator alone brings its goal, so the board counts it there.
func (s *Service) links(ctx context.Context, a *collective.Access, in *Input, p *parties) error {
	if in.IndicatorID != 0 {
		ind, err := s.Measure.Indicator(ctx, a, in.IndicatorID)
		if errs.Is(err, errs.NotFound) {
			return errs.Field("indicator_id", "%s has no such indicator.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if in.GoalID == 0 {
			in.GoalID = ind.GoalID
		} else if in.GoalID != ind.GoalID {
			return errs.Field("indicator_id", "The indicator %s belongs to another goal.", ind.Name)
		}
		p.indicator = &in.IndicatorID
	}
	if in.GoalID != 0 {
		if _, err := s.Measure.Goal(ctx, a, in.GoalID); errs.Is(err, errs.NotFound) {
			return errs.Field("goal_id", "%s has no such goal.", a.Collective.Name)
		} else if err != nil {
			return err
		}
		p.goal = &in.GoalID
	}
	return nil
}

// Get returns one commitment of the collective, with its goal's and
// indicator's names. Only its members may read it.
func (s *Service) Get(ctx context.Context, a *collective.Access, id int64) (*Commitment, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	var c Commitment
	err := s.DB.Get(ctx, &c, "SELECT "+commitmentCols+" FROM commitments WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such commitment.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	if c.GoalID != nil {
		if g, err := s.Measure.Goal(ctx, a, *c.GoalID); err == nil {
			c.GoalTitle = g.Title
		}
	}
	if c.IndicatorID != nil {
		if ind, err := s.Measure.Indicator(ctx, a, *c.IndicatorID); err == nil {
			c.IndicatorName = ind.Name
		}
	}
	return &c, nil
}

// History lists a commitment's events, oldest first.
func (s *Service) History(ctx context.Context, a *collective.Access, id int64) ([]Event, error) {
	if _, err := s.Get(ctx, a, id); err != nil {
		return nil, err
	}
	out := []Event{}
	err := s.DB.Select(ctx, &out, `SELECT e.id, e.action, e.from_state, e.to_state, e.actor_id, COALESCE(u.name, '') AS actor_name,
		e.note, e.at FROM commitment_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.commitment_id = ? ORDER BY e.id`, id)
	return out, err
}

// addEvent writes one step of a commitment's history.
func addEvent(ctx context.Context, tx *store.Tx, a *collective.Access, id int64, action Action, from, to State, note string) error {
	var actor *int64
	if a.User != nil {
		actor = &a.User.ID
	}
	_, err := tx.Exec(ctx, `INSERT INTO commitment_events (commitment_id, action, from_state, to_state, actor_id, note, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, action, from, to, actor, note, tx.Now)
	return err
}

// answered is the open request a commitment answers.
type answered struct {
	MemberID    *int64 `db:"member_id"`
	GoalID      *int64 `db:"goal_id"`
	IndicatorID *int64 `db:"indicator_id"`
	Status      string `db:"status"`
}

// getter reads one row, outside or inside a transaction.
type getter interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
}

// openRequest loads request id of the collective and refuses one that is
// closed or whose requester has left.
func openRequest(ctx context.Context, g getter, a *collective.Access, id int64) (*answered, error) {
	var r answered
	err := g.Get(ctx, &r, "SELECT member_id, goal_id, indicator_id, status FROM commitment_requests WHERE id = ? AND collective_id = ?",
		id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.Field("request_id", "%s has no such request.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	if r.Status != "open" || r.MemberID == nil {
		return nil, errs.Field("request_id", "That request is closed; it can no longer be answered.")
	}
	return &r, nil
}

func subject(id int64) string { return "commitment:" + strconv.FormatInt(id, 10) }

// deref is *p, or 0 for nil.
func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
