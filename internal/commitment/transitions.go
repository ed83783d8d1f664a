package commitment

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Side is where the person acting stands toward a commitment.
type Side string

// The sides. release_asked_by stores SideCommitter or SideRecipient.
const (
	SideCommitter Side = "committer"
	SideRecipient Side = "recipient"
	// SideSteward is a steward acting on a promise to the whole collective:
	// the recipient's side, named apart so the rule is visible in tests.
	SideSteward Side = "steward"
	SideOther   Side = "other"
)

// party is the side a release request is stored under: stewards act for
// the collective, which is the recipient.
func (s Side) party() Side {
	if s == SideSteward {
		return SideRecipient
	}
	return s
}

// sideOf says where the member of a stands toward c. The committer is
// always the committer's side, even when also with the organisation the
// promise is made to: nobody confirms their own promise.
func (s *Service) sideOf(ctx context.Context, tx *store.Tx, a *collective.Access, c *Commitment) (Side, error) {
	if !a.IsMember() {
		return SideOther, nil
	}
	if c.CommitterMemberID != nil && *c.CommitterMemberID == a.MemberID {
		return SideCommitter, nil
	}
	switch c.RecipientKind {
	case ToMember:
		if c.RecipientMemberID != nil && *c.RecipientMemberID == a.MemberID {
			return SideRecipient, nil
		}
	case ToOrganisation:
		if c.RecipientOrgID == nil {
			return SideOther, nil
		}
		var n int
		if err := tx.Get(ctx, &n, "SELECT count(*) FROM affiliations WHERE member_id = ? AND organisation_id = ?",
			a.MemberID, *c.RecipientOrgID); err != nil {
			return "", err
		}
		if n > 0 {
			return SideRecipient, nil
		}
	case ToCollective:
		if a.IsSteward() {
			return SideSteward, nil
		}
	}
	return SideOther, nil
}

// next is the state machine: the state c moves to when side asks for
// action, or the refusal. A release asked by one side keeps the state (the
// caller records who asked); the other side's release makes it released.
func next(c *Commitment, action Action, side Side) (State, error) {
	if !slices.Contains(Actions, action) {
		return "", errs.New(errs.Invalid, "There is no action %q.", action)
	}
	if side == SideOther {
		return "", errs.New(errs.Forbidden, "Only the people on either side of this promise can change it.")
	}
	if !c.State.Open() {
		return "", errs.New(errs.Conflict, "This promise is already %s; it can no longer change.", stateWords[c.State])
	}
	recipient := side == SideRecipient || side == SideSteward
	inHand := c.State == Accepted || c.State == InProgress // accepted and not yet judged
	switch action {
	case Accept, Decline:
		if c.State != Proposed {
			return "", errs.New(errs.Conflict, "This promise was already accepted; it can only be kept, not kept or released now.")
		}
		if !recipient {
			return "", errs.New(errs.Forbidden, "Only %s can accept or decline this promise.", c.RecipientName)
		}
		if action == Accept {
			return Accepted, nil
		}
		return Released, nil
	case Withdraw:
		if c.State != Proposed {
			return "", errs.New(errs.Conflict, "This promise was already accepted; ask to release it instead.")
		}
		if side != SideCommitter {
			return "", errs.New(errs.Forbidden, "Only %s can withdraw this promise.", c.CommitterName)
		}
		return Released, nil
	case Start:
		if c.State != Accepted {
			return "", errs.New(errs.Conflict, "Only an accepted promise can be started; this one is %s.", stateWords[c.State])
		}
		if side != SideCommitter {
			return "", errs.New(errs.Forbidden, "Only %s can start on this promise.", c.CommitterName)
		}
		return InProgress, nil
	case MarkDone:
		if !inHand {
			return "", errs.New(errs.Conflict, "Only an accepted promise can be marked done; this one is still proposed.")
		}
		if side != SideCommitter {
			return "", errs.New(errs.Forbidden, "Only %s can mark this promise done.", c.CommitterName)
		}
		if c.DoneAt != nil {
			return "", errs.New(errs.Conflict, "This promise is already marked done; %s is to confirm it.", c.RecipientName)
		}
		return InProgress, nil
	case Confirm, Broken:
		if !inHand {
			return "", errs.New(errs.Conflict, "This promise is still proposed; it must be accepted before it can be judged.")
		}
		if !recipient {
			return "", errs.New(errs.Forbidden, "Only %s can say whether this promise was kept.", c.RecipientName)
		}
		if action == Confirm {
			return Kept, nil
		}
		return NotKept, nil
	case Release:
		if !inHand {
			return "", errs.New(errs.Conflict, "A proposed promise is declined or withdrawn, not released.")
		}
		switch c.ReleaseAskedBy {
		case "":
			return c.State, nil
		case side.party():
			return "", errs.New(errs.Conflict, "You already asked to release this promise; the other side is to agree.")
		}
		return Released, nil
	default: // CancelRelease
		if c.ReleaseAskedBy == "" {
			return "", errs.New(errs.Conflict, "Nobody asked to release this promise.")
		}
		if c.ReleaseAskedBy != side.party() {
			return "", errs.New(errs.Forbidden, "Only the side that asked to release this promise can take it back.")
		}
		return c.State, nil
	}
}

// stateWords says a state in a sentence.
var stateWords = map[State]string{Proposed: "proposed", Accepted: "accepted", InProgress: "in progress",
	Kept: "kept", NotKept: "not kept", Released: "released"}

// verbs are each action's activity verb and the phrase of its summary.
var verbs = map[Action][2]string{
	Accept: {"accepted", "accepted"}, Decline: {"declined", "declined"}, Withdraw: {"withdrawn", "withdrew"},
	Start: {"started", "started on"}, MarkDone: {"marked_done", "marked done"}, Confirm: {"kept", "confirmed kept"},
	Broken: {"not_kept", "marked not kept"}, Release: {"released", "agreed to release"},
	CancelRelease: {"release_cancelled", "took back the request to release"},
}

// Transition moves a commitment by action for the person of a. version is
// the one the caller saw (0: don't check); a commitment changed meanwhile
// is a Conflict, so of two concurrent transitions exactly one happens. The
// event, the counters and the activity entry are written in the same
// transaction.
func (s *Service) Transition(ctx context.Context, a *collective.Access, id int64, action Action, version int64, note string) (*Commitment, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(note) > MaxNote {
		return nil, errs.Field("note", "Keep the note to %d characters.", MaxNote)
	}
	var c Commitment
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		err := tx.Get(ctx, &c, "SELECT "+commitmentCols+" FROM commitments WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "%s has no such commitment.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if version != 0 && version != c.Version {
			return changedMeanwhile()
		}
		side, err := s.sideOf(ctx, tx, a, &c)
		if err != nil {
			return err
		}
		alone, err := releaseAlone(ctx, tx, &c, action, side)
		if err != nil {
			return err
		}
		if alone {
			return s.apply(ctx, tx, a, &c, action, side, Released, note)
		}
		to, err := next(&c, action, side)
		if err != nil {
			return err
		}
		return s.apply(ctx, tx, a, &c, action, side, to, note)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// apply writes a transition next allowed: the row (only if still at the
// version read), the event, the counters and the activity entry.
func (s *Service) apply(ctx context.Context, tx *store.Tx, a *collective.Access, c *Commitment, action Action, side Side, to State, note string) error {
	from, verb := c.State, verbs[action]
	c.State, c.UpdatedAt = to, tx.Now
	switch {
	case action == MarkDone:
		c.DoneAt = &tx.Now
	case action == Release && to != Released:
		c.ReleaseAskedBy, verb = side.party(), [2]string{"release_asked", "asked to release"}
	case action == Release && side == SideCommitter && c.ReleaseAskedBy != SideRecipient:
		// Released by the committer alone: nobody is left to agree.
		verb = [2]string{"released", "released (nobody is left to receive it)"}
	case action == CancelRelease:
		c.ReleaseAskedBy = ""
	}
	if !to.Open() {
		// A closed promise has no release pending, whoever asked.
		c.ReleaseAskedBy = ""
	}
	day := tx.Now.UTC().Format(time.DateOnly)
	if to == Kept {
		onTime := c.DueOn == "" || day <= c.DueOn
		c.OnTime = &onTime
	}
	if !to.Open() {
		c.ClosedAt = &tx.Now
	}
	n, err := tx.Exec(ctx, `UPDATE commitments SET state = ?, done_at = ?, release_asked_by = ?, on_time = ?, closed_at = ?,
		updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		c.State, c.DoneAt, c.ReleaseAskedBy, c.OnTime, c.ClosedAt, tx.Now, c.ID, c.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return changedMeanwhile()
	}
	c.Version++
	if err := addEvent(ctx, tx, a, c.ID, action, from, to, note); err != nil {
		return err
	}
	if err := countTransition(ctx, tx, c, from, day); err != nil {
		return err
	}
	return record(ctx, tx, a, activity.Everyone, "commitment."+verb[0], subject(c.ID), Link(a, c.ID),
		actorName(a)+" "+verb[1]+" the promise of "+c.Committer()+" to "+c.RecipientName+": "+c.What+".")
}

// changedMeanwhile is the refusal of a transition from a version that is
// no longer the commitment's.
func changedMeanwhile() error {
	return errs.New(errs.Conflict, "This promise changed meanwhile; reload it and try again.")
}
