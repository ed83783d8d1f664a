package commitment

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Part is a member's "my part": how they contribute to the current state of
// things and what they will change. It is shown with their commitments.
type Part struct {
	MemberID   int64      `db:"member_id" json:"member_id"`
	Contribute string     `db:"contribute" json:"contribute"`
	WillChange string     `db:"will_change" json:"will_change"`
	UpdatedAt  *time.Time `db:"updated_at" json:"updated_at"` // nil when never written
}

// PartInput is what a member writes as their part.
type PartInput struct {
	Contribute string
	WillChange string
}

// MyPart returns the signed-in member's part; an empty one when they have
// not written it yet.
func (s *Service) MyPart(ctx context.Context, a *collective.Access) (*Part, error) {
	if !a.IsMember() {
		return nil, errs.New(errs.Forbidden, "Only members of %s have a part of their own.", a.Collective.Name)
	}
	return s.partOf(ctx, a, a.MemberID)
}

// PartOf returns the part of member memberID of the collective, for its
// members (it is shown with their commitments).
func (s *Service) PartOf(ctx context.Context, a *collective.Access, memberID int64) (*Part, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	if _, err := s.Collectives.Member(ctx, a, memberID); err != nil {
		return nil, err
	}
	return s.partOf(ctx, a, memberID)
}

func (s *Service) partOf(ctx context.Context, a *collective.Access, memberID int64) (*Part, error) {
	var p Part
	err := s.DB.Get(ctx, &p, "SELECT member_id, contribute, will_change, updated_at FROM member_parts WHERE member_id = ? AND collective_id = ?",
		memberID, a.Collective.ID)
	if store.NotFound(err) {
		return &Part{MemberID: memberID}, nil // not written yet
	}
	if err != nil {
		return nil, err
	}
	p.UpdatedAt = utcPtr(p.UpdatedAt)
	return &p, nil
}

// SavePart writes the signed-in member's own part. Both texts may be
// empty (a member may take their part back), each at most MaxPart
// characters.
func (s *Service) SavePart(ctx context.Context, a *collective.Access, in PartInput) (*Part, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	in.Contribute, in.WillChange = strings.TrimSpace(in.Contribute), strings.TrimSpace(in.WillChange)
	if utf8.RuneCountInString(in.Contribute) > MaxPart {
		return nil, errs.Field("contribute", "Say how you contribute in at most %d characters.", MaxPart)
	}
	if utf8.RuneCountInString(in.WillChange) > MaxPart {
		return nil, errs.Field("will_change", "Say what you will change in at most %d characters.", MaxPart)
	}
	p := &Part{MemberID: a.MemberID, Contribute: in.Contribute, WillChange: in.WillChange}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		now := tx.Now
		p.UpdatedAt = &now
		if _, err := tx.Exec(ctx, `INSERT INTO member_parts (member_id, collective_id, contribute, will_change, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET contribute = excluded.contribute,
			will_change = excluded.will_change, updated_at = excluded.updated_at`,
			a.MemberID, a.Collective.ID, p.Contribute, p.WillChange, now); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "part.updated", "member:"+strconv.FormatInt(a.MemberID, 10),
			MemberLedgerLink(a, a.MemberID),
			actorName(a)+" updated their part.")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}
