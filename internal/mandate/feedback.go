package mandate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Round is a feedback round on how a mandate's authority is used.
type Round struct {
	ID        int64     `db:"id" json:"id"`
	MandateID int64     `db:"mandate_id" json:"mandate_id"`
	OpensAt   time.Time `db:"opens_at" json:"opens_at"`
	ClosesAt  time.Time `db:"closes_at" json:"closes_at"`
	Responses int       `db:"responses" json:"responses"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Open reports whether the round takes answers at now.
func (r *Round) Open(now time.Time) bool { return !now.Before(r.OpensAt) && now.Before(r.ClosesAt) }

// Answer is one member's feedback: three scores from 1 to 5 and, if they
// like, a comment. It is stored without the member, without a time and
// under a random key.
type Answer struct {
	Serves  int    `json:"serves"`
	Listens int    `json:"listens"`
	Within  int    `json:"within"`
	Comment string `json:"comment"`
}

// Questions are the three things a feedback round asks, in order; Key
// names the Answer field and the stored column.
var Questions = []struct{ Key, Label string }{
	{"serves", "Serves the group's purpose"},
	{"listens", "Listens and explains"},
	{"within", "Stays within the scope"},
}

// OpenRound starts a feedback round on an active mandate, open for days
// (1 to MaxRoundDays). The holder or a steward opens it; one round is
// open at a time.
func (s *Service) OpenRound(ctx context.Context, a *collective.Access, mandateID int64, days int) (*Round, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if days < 1 || days > MaxRoundDays {
		return nil, errs.Field("days", "A feedback round stays open 1 to %d days.", MaxRoundDays)
	}
	var r *Round
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := load(ctx, tx, a.Collective.ID, mandateID)
		if err != nil {
			return err
		}
		if !a.IsSteward() && (m.HolderMemberID == nil || *m.HolderMemberID != a.MemberID) {
			return errs.New(errs.Forbidden, "Only the holder of the mandate or a steward can ask for feedback.")
		}
		if m.Status != Active {
			return errs.New(errs.Conflict, "Feedback rounds are for active mandates; this one is %s.", m.Status)
		}
		// Moving the version on makes two people opening at once queue here.
		if _, err := tx.Exec(ctx, "UPDATE mandates SET version = version + 1, updated_at = ? WHERE id = ?", tx.Now, m.ID); err != nil {
			return err
		}
		var open int
		if err := tx.Get(ctx, &open, "SELECT count(*) FROM mandate_feedback_rounds WHERE mandate_id = ? AND closes_at > ?",
			m.ID, tx.Now); err != nil {
			return err
		}
		if open > 0 {
			return errs.New(errs.Conflict, "A feedback round on this mandate is already open.")
		}
		uid := actorOf(a)
		r = &Round{MandateID: m.ID, OpensAt: tx.Now, ClosesAt: tx.Now.AddDate(0, 0, days), CreatedAt: tx.Now}
		if r.ID, err = tx.Insert(ctx, `INSERT INTO mandate_feedback_rounds (mandate_id, opens_at, closes_at, responses,
			created_by, created_at) VALUES (?, ?, ?, 0, ?, ?)`, m.ID, r.OpensAt, r.ClosesAt, uid, tx.Now); err != nil {
			return err
		}
		return record(ctx, tx, a.Collective.ID, uid, activity.Everyone, "mandate.feedback_opened", m.ID, Link(a, m.ID),
			actorName(a)+" asked for feedback on "+m.HolderName+"'s "+RoleLabel(m.Role)+" mandate until "+
				r.ClosesAt.Format(time.DateOnly)+".")
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Give records the viewer's answer to an open round, once. The answer
// goes in with a random key and nothing else; who answered is kept apart,
// without a time, only so nobody answers twice. Nothing goes to the
// activity log, whose times would tell who answered when.
func (s *Service) Give(ctx context.Context, a *collective.Access, mandateID, roundID int64, in Answer) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	for i, v := range []int{in.Serves, in.Listens, in.Within} {
		if v < 1 || v > 5 {
			return errs.Field(Questions[i].Key, "Give “%s” a score from 1 to 5.", Questions[i].Label)
		}
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > MaxComment {
		return errs.Field("comment", "Keep the comment to %d characters.", MaxComment)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := load(ctx, tx, a.Collective.ID, mandateID)
		if err != nil {
			return err
		}
		if m.HolderMemberID != nil && *m.HolderMemberID == a.MemberID {
			return errs.New(errs.Forbidden, "The holder of a mandate does not answer feedback about it.")
		}
		// Feedback is about authority being used; once it has ended, a
		// round still open counts nothing more.
		if m.Status != Active {
			return errs.New(errs.Conflict, "This mandate is %s; its feedback round takes no more answers.", m.Status)
		}
		// Counting the answer first locks the round, so answers to one
		// round go in one at a time (the rewrite below needs that).
		n, err := tx.Exec(ctx, `UPDATE mandate_feedback_rounds SET responses = responses + 1
			WHERE id = ? AND mandate_id = ? AND opens_at <= ? AND closes_at > ?`, roundID, m.ID, tx.Now, tx.Now)
		if err != nil {
			return err
		}
		if n == 0 {
			return s.whyClosed(ctx, tx, m.ID, roundID)
		}
		_, err = tx.Exec(ctx, "INSERT INTO mandate_feedback_given (round_id, member_id) VALUES (?, ?)", roundID, a.MemberID)
		if store.IsUnique(err) {
			return errs.New(errs.Conflict, "You have already answered this round. Answers are anonymous, so they cannot be changed.")
		}
		if err != nil {
			return err
		}
		key := make([]byte, 16)
		_, _ = rand.Read(key)
		if _, err := tx.Exec(ctx, `INSERT INTO mandate_feedback (round_id, id, serves, listens, within, comment)
			VALUES (?, ?, ?, ?, ?, ?)`, roundID, hex.EncodeToString(key), in.Serves, in.Listens, in.Within, in.Comment); err != nil {
			return err
		}
		return rewriteRound(ctx, tx, roundID)
	})
}

// whyClosed explains why a round takes no answer.
func (s *Service) whyClosed(ctx context.Context, tx *store.Tx, mandateID, roundID int64) error {
	var r Round
	err := tx.Get(ctx, &r, `SELECT id, mandate_id, opens_at, closes_at, responses, created_at FROM mandate_feedback_rounds
		WHERE id = ? AND mandate_id = ?`, roundID, mandateID)
	if store.NotFound(err) {
		return errs.New(errs.NotFound, "There is no such feedback round.")
	}
	if err != nil {
		return err
	}
	return errs.New(errs.Conflict, "This feedback round closed on %s; it takes no more answers.", r.ClosesAt.UTC().Format(time.DateOnly))
}

// rewriteRound rewrites a round's answers in key order, and who answered
// in member order, so that on PostgreSQL neither the heap's order nor the
// rows' transaction ids tell the order of answering (store.RewriteInOrder;
// SQLite's WITHOUT ROWID tables need nothing).
func rewriteRound(ctx context.Context, tx *store.Tx, roundID int64) error {
	if err := tx.RewriteInOrder(ctx, "mandate_feedback", "round_id = ?", "id", roundID); err != nil {
		return err
	}
	return tx.RewriteInOrder(ctx, "mandate_feedback_given", "round_id = ?", "member_id", roundID)
}
