package gathering

import (
	"context"
	"strings"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// AddOutcome records what emerged at an occurrence (anyone who attended or
// manages it), from its start on. A commitment outcome creates the
// commitment through Commitments in the same transaction; a decision one
// names a decision of the collective.
func (s *Service) AddOutcome(ctx context.Context, a *collective.Access, occurrenceID int64, in OutcomeInput) (*Outcome, error) {
	if err := requireWriter(a); err != nil {
		return nil, err
	}
	if err := s.checkOutcome(ctx, a, &in); err != nil {
		return nil, err
	}
	var out *Outcome
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := s.mayRecord(ctx, tx, a, o, g); err != nil {
			return err
		}
		if err := openDate(o, g); err != nil {
			return err
		}
		if tx.Now.Before(o.StartsAt) {
			return errs.New(errs.Conflict, "What emerged at “%s” can be recorded from its start, on %s.", g.Title,
				attendWhen(o.StartsAt, g.TimeZone))
		}
		me := a.MemberID
		out = &Outcome{OccurrenceID: o.ID, Kind: in.Kind, Text: in.Text, MemberID: &me, AuthorName: a.User.Name, CreatedAt: tx.Now}
		if in.DecisionID != 0 {
			out.DecisionID = &in.DecisionID
			out.Link = s.Scheduler.DecisionLink(a, in.DecisionID)
		}
		if in.Kind == CommitmentMade {
			id, link, err := s.Commitments.CommitInTx(ctx, tx, a, NewCommitment{What: in.Text,
				RecipientMemberID: in.RecipientMemberID, RecipientOrgID: in.RecipientOrgID, DueOn: in.DueOn})
			if err != nil {
				return err
			}
			out.CommitmentID, out.Link = &id, link
		}
		out.ID, err = tx.Insert(ctx, `INSERT INTO gathering_outcomes (occurrence_id, collective_id, kind, text, decision_id,
			commitment_id, member_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.ID, a.Collective.ID, out.Kind, out.Text, out.DecisionID, out.CommitmentID, me, out.AuthorName, tx.Now)
		if err != nil {
			return err
		}
		// The log is permanent and the outcome may be taken back: it keeps
		// only the start of a long text, the outcome itself the whole.
		return record(ctx, tx, a, activity.Everyone, "gathering.outcome", g.ID, Link(a, g.ID, o.ID),
			a.User.Name+" recorded "+strings.ToLower(kindName(in.Kind))+" at "+quote(g.Title)+": "+logExcerpt(in.Text))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkOutcome validates an outcome before any write. The decision is read
// through the Scheduler, so a decision the caller cannot see is refused
// like one that does not exist.
func (s *Service) checkOutcome(ctx context.Context, a *collective.Access, in *OutcomeInput) error {
	if kindName(in.Kind) == "" {
		return errs.Field("kind", "Choose what emerged: decision, commitment, opportunity, breakthrough, request or question.")
	}
	in.Text = strings.TrimSpace(in.Text)
	if in.Text == "" || utf8.RuneCountInString(in.Text) > MaxText {
		return errs.Field("text", "Say what emerged, in 1 to %d characters.", MaxText)
	}
	if in.DecisionID != 0 {
		if in.Kind != DecisionTaken {
			return errs.Field("decision_id", "Only a decision taken names a decision.")
		}
		if s.Scheduler == nil {
			return errs.Field("decision_id", "Decisions cannot be linked here.")
		}
		if _, err := s.Scheduler.DecisionQuestion(ctx, a, in.DecisionID); errs.Is(err, errs.NotFound) {
			return errs.Field("decision_id", "%s has no decision %d.", a.Collective.Name, in.DecisionID)
		} else if err != nil {
			return err
		}
	}
	if in.Kind != CommitmentMade {
		in.RecipientMemberID, in.RecipientOrgID, in.DueOn = 0, 0, ""
		return nil
	}
	if s.Commitments == nil {
		return errs.Field("kind", "Commitments cannot be recorded here.")
	}
	if (in.RecipientMemberID == 0) == (in.RecipientOrgID == 0) {
		return errs.Field("recipient", "Say to whom the commitment is made: one member or one organisation.")
	}
	return nil
}

// mayRecord refuses whoever neither came to o nor manages it.
func (s *Service) mayRecord(ctx context.Context, q querier, a *collective.Access, o *Occurrence, g *Gathering) error {
	if s.canManage(ctx, q, a, g) {
		return nil
	}
	var n int
	if err := q.Get(ctx, &n, "SELECT COUNT(*) FROM gathering_attendance WHERE occurrence_id = ? AND member_id = ?",
		o.ID, a.MemberID); err != nil {
		return err
	}
	if n == 0 {
		return errs.New(errs.Forbidden, "Only those who came to “%s”, its host, whoever planned it or a steward can record what emerged.", g.Title)
	}
	return nil
}

// kindName is an outcome kind's label, or "" for an unknown kind.
func kindName(k OutcomeKind) string {
	for _, o := range OutcomeKinds {
		if o.Kind == k {
			return o.Label
		}
	}
	return ""
}

// kindArticle names a kind with its article, as the log says it.
var kindArticle = map[OutcomeKind]string{DecisionTaken: "a decision", CommitmentMade: "a commitment",
	Opportunity: "an opportunity", Breakthrough: "a breakthrough", Request: "a request", OpenQuestion: "an open question"}

// logExcerptLen is how many characters of an outcome the log keeps.
const logExcerptLen = 80

// logExcerpt is text's first logExcerptLen characters, with "…" if cut.
func logExcerpt(text string) string {
	if utf8.RuneCountInString(text) <= logExcerptLen {
		return text
	}
	return string([]rune(text)[:logExcerptLen]) + "…"
}

// DeleteOutcome takes a mistaken outcome back (its author or a manager);
// a commitment it made stays, since the commitment is its own record.
func (s *Service) DeleteOutcome(ctx context.Context, a *collective.Access, outcomeID int64) error {
	if err := requireWriter(a); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var row struct {
			OccurrenceID int64  `db:"occurrence_id"`
			MemberID     *int64 `db:"member_id"`
			Kind         OutcomeKind
			Text         string
		}
		err := tx.Get(ctx, &row, "SELECT occurrence_id, member_id, kind, text FROM gathering_outcomes WHERE id = ? AND collective_id = ?",
			outcomeID, a.Collective.ID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "There is no such outcome.")
		}
		if err != nil {
			return err
		}
		o, g, err := loadOccurrence(ctx, tx, a, row.OccurrenceID)
		if err != nil {
			return err
		}
		mine := row.MemberID != nil && *row.MemberID == a.MemberID
		if !mine && !s.canManage(ctx, tx, a, g) {
			return errs.New(errs.Forbidden, "Only whoever recorded it, the host, whoever planned “%s” or a steward can take it back.", g.Title)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM gathering_outcomes WHERE id = ?", outcomeID); err != nil {
			return err
		}
		// No text: a mistaken or sensitive outcome must not outlive its
		// taking back in the append-only log.
		return record(ctx, tx, a, activity.Everyone, "gathering.outcome_deleted", g.ID, Link(a, g.ID, o.ID),
			a.User.Name+" took back "+kindArticle[row.Kind]+" outcome of "+quote(g.Title)+".")
	})
}

// Outcomes lists an occurrence's outcomes in the order recorded.
func (s *Service) Outcomes(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Outcome, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if _, _, err := loadOccurrence(ctx, s.DB, a, occurrenceID); err != nil {
		return nil, err
	}
	return s.outcomesOf(ctx, s.DB, a, occurrenceID)
}

// outcomesOf reads an occurrence's outcomes with their links.
func (s *Service) outcomesOf(ctx context.Context, q querier, a *collective.Access, occurrenceID int64) ([]Outcome, error) {
	out := []Outcome{}
	err := q.Select(ctx, &out, `SELECT id, occurrence_id, kind, text, decision_id, commitment_id, member_id, author_name, created_at
		FROM gathering_outcomes WHERE occurrence_id = ? ORDER BY id`, occurrenceID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		o := &out[i]
		o.CreatedAt = o.CreatedAt.UTC()
		switch {
		case o.DecisionID != nil && s.Scheduler != nil:
			o.Link = s.Scheduler.DecisionLink(a, *o.DecisionID)
		case o.CommitmentID != nil && s.Commitments != nil:
			o.Link = s.Commitments.CommitmentLink(a, *o.CommitmentID)
		}
	}
	return out, nil
}
