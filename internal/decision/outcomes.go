package decision

// Outcomes: what a closed decision decided, in the words of the person who
// records it, with a date to look at it again. Together they are the
// collective's decision log.

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

const outcomeCols = `id, proposal_id, decision_id, title, statement, method, passed, recorded_by_member_id,
	recorded_by_name, review_on, created_at, updated_at, reminded_at`

// OutcomeLink is the page that edits an outcome.
func OutcomeLink(a *collective.Access, id int64) string {
	return Base(a) + "/outcomes/" + strconv.FormatInt(id, 10) + "/edit"
}

// mayRecord reports whether the person of a may record or correct the
// outcome of a proposal whose author is author: the proposer, a
// facilitator or a steward.
func mayRecord(a *collective.Access, author *int64) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	if a.IsSteward() || a.Has(auth.Facilitator) || (author != nil && *author == a.MemberID) {
		return nil
	}
	return errs.New(errs.Forbidden, "Only the proposer, a facilitator or a steward can record what was decided.")
}

// checkOutcome tidies and checks what was written; reviewOn may equal keep
// even if that day has passed (a correction need not move an old date).
func checkOutcome(in *OutcomeInput, today, keep string) error {
	in.Statement = strings.TrimSpace(in.Statement)
	in.ReviewOn = strings.TrimSpace(in.ReviewOn)
	if in.Statement == "" || utf8.RuneCountInString(in.Statement) > MaxStatement {
		return errs.Field("statement", "Say what was decided, in 1 to %d characters.", MaxStatement)
	}
	if in.ReviewOn == "" || in.ReviewOn == keep {
		return nil
	}
	if d, err := time.Parse(time.DateOnly, in.ReviewOn); err != nil || d.Format(time.DateOnly) != in.ReviewOn {
		return errs.Field("review_on", "Give the review date as YYYY-MM-DD.")
	}
	if in.ReviewOn < today {
		return errs.Field("review_on", "The review date %s is in the past; choose today or later.", in.ReviewOn)
	}
	return nil
}

// RecordOutcome writes what a closed decision decided (the proposer, a
// facilitator or a steward). Whether it passed comes from the count;
// under the advice process, which has no count that decides, the recorder
// says. A decision has one outcome: recording again corrects it.
func (s *Service) RecordOutcome(ctx context.Context, a *collective.Access, decisionID int64, in OutcomeInput) (*Outcome, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		d, err := loadDecision(ctx, tx, a, decisionID)
		if err != nil {
			return err
		}
		var p struct {
			Title  string `db:"title"`
			Author *int64 `db:"author_member_id"`
		}
		if err := tx.Get(ctx, &p, `SELECT title, author_member_id FROM proposals WHERE id = ?`, d.ProposalID); err != nil {
			return err
		}
		if err := mayRecord(a, p.Author); err != nil {
			return err
		}
		if d.Status != Closed {
			return errs.New(errs.Conflict, "The outcome can be recorded once the decision has closed.")
		}
		var old []Outcome
		if err := tx.Select(ctx, &old, `SELECT `+outcomeCols+` FROM decision_outcomes WHERE decision_id = ?`, d.ID); err != nil {
			return err
		}
		keep := ""
		if len(old) > 0 {
			keep = old[0].ReviewOn
		}
		if err := checkOutcome(&in, tx.Now.Format(time.DateOnly), keep); err != nil {
			return err
		}
		passed := d.Passed
		if d.Method == Advice {
			if in.Passed == nil {
				return errs.Field("passed", "Say whether you decided to go ahead: under the advice process the proposer decides.")
			}
			passed = in.Passed
		}
		if len(old) > 0 {
			id = old[0].ID
			if err := writeCorrection(ctx, tx, &old[0], in, passed); err != nil {
				return err
			}
		} else {
			if id, err = tx.Insert(ctx, `INSERT INTO decision_outcomes (collective_id, proposal_id, decision_id, title,
				statement, method, passed, recorded_by_member_id, recorded_by_name, review_on, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Collective.ID, d.ProposalID, d.ID, p.Title, in.Statement,
				string(d.Method), passed, a.MemberID, actorName(a), in.ReviewOn, tx.Now, tx.Now); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE proposals SET status = ?, updated_at = ? WHERE id = ?`,
			string(Decided), tx.Now, d.ProposalID); err != nil {
			return err
		}
		verb, how := "outcome.recorded", " recorded what was decided on "
		if len(old) > 0 {
			verb, how = "outcome.updated", " corrected what was decided on "
		}
		return record(ctx, tx, a, activity.Everyone, verb, p.Title, ProposalLink(a, d.ProposalID),
			actorName(a)+how+p.Title+".")
	})
	if err != nil {
		return nil, err
	}
	return s.Outcome(ctx, a, id)
}

// writeCorrection stores a corrected statement, review date and (advice)
// decision. A new review date will remind again.
func writeCorrection(ctx context.Context, tx *store.Tx, old *Outcome, in OutcomeInput, passed *bool) error {
	reminded := old.RemindedAt
	if in.ReviewOn != old.ReviewOn {
		reminded = nil
	}
	_, err := tx.Exec(ctx, `UPDATE decision_outcomes SET statement = ?, review_on = ?, passed = ?, reminded_at = ?,
		updated_at = ? WHERE id = ?`, in.Statement, in.ReviewOn, passed, reminded, tx.Now, old.ID)
	return err
}

// UpdateOutcome corrects an outcome's statement or review date (and,
// under the advice process, whether the proposer went ahead). The same
// people as may record it may correct it.
func (s *Service) UpdateOutcome(ctx context.Context, a *collective.Access, id int64, in OutcomeInput) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := getOutcome(ctx, tx, a, id)
		if err != nil {
			return err
		}
		var author *int64
		if old.ProposalID != nil {
			if err := tx.Get(ctx, &author, `SELECT author_member_id FROM proposals WHERE id = ?`, *old.ProposalID); err != nil &&
				!store.NotFound(err) {
				return err
			}
		}
		if err := mayRecord(a, author); err != nil {
			return err
		}
		if err := checkOutcome(&in, tx.Now.Format(time.DateOnly), old.ReviewOn); err != nil {
			return err
		}
		passed := old.Passed
		if Method(old.Method) == Advice && in.Passed != nil {
			passed = in.Passed
		}
		if err := writeCorrection(ctx, tx, old, in, passed); err != nil {
			return err
		}
		link := Base(a) + "/log"
		if old.ProposalID != nil {
			link = ProposalLink(a, *old.ProposalID)
		}
		return record(ctx, tx, a, activity.Everyone, "outcome.updated", old.Title, link,
			actorName(a)+" corrected what was decided on "+old.Title+".")
	})
}

// getOutcome reads an outcome of a's collective, or NotFound.
func getOutcome(ctx context.Context, q querier, a *collective.Access, id int64) (*Outcome, error) {
	var o Outcome
	err := q.Get(ctx, &o, `SELECT `+outcomeCols+` FROM decision_outcomes WHERE id = ? AND collective_id = ?`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no such outcome in %s's decision log.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// Outcome returns one outcome of the decision log.
func (s *Service) Outcome(ctx context.Context, a *collective.Access, id int64) (*Outcome, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	return getOutcome(ctx, s.DB, a, id)
}

// Outcomes lists a page of the decision log, newest first, filtered by
// words: each word must appear in the title or the statement, in any case.
func (s *Service) Outcomes(ctx context.Context, a *collective.Access, q OutcomeQuery) (*OutcomePage, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	where, args := s.outcomeWhere(a, q.Search)
	page := &OutcomePage{Items: []Outcome{}, Page: max(q.Page, 1)}
	if err := s.DB.Get(ctx, &page.Total, `SELECT count(*) FROM decision_outcomes WHERE `+where, args...); err != nil {
		return nil, err
	}
	page.Pages = max((page.Total+PerPage-1)/PerPage, 1)
	if err := s.DB.Select(ctx, &page.Items, `SELECT `+outcomeCols+` FROM decision_outcomes WHERE `+where+
		` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, PerPage, (page.Page-1)*PerPage)...); err != nil {
		return nil, err
	}
	return page, nil
}

// outcomeWhere turns a search into SQL over a's decision log. LIKE ignores
// case for ASCII in SQLite; PostgreSQL needs ILIKE, which folds other
// letters too.
func (s *Service) outcomeWhere(a *collective.Access, search string) (string, []any) {
	where := "collective_id = ?"
	args := []any{a.Collective.ID}
	like := ` LIKE ? ESCAPE '\'`
	if s.DB.Dialect == store.Postgres {
		like = ` ILIKE ? ESCAPE '\'`
	}
	for _, w := range strings.Fields(search) {
		pat := outcomePattern(w)
		where += " AND (title" + like + " OR statement" + like + ")"
		args = append(args, pat, pat)
	}
	return where, args
}

// outcomePattern is a LIKE pattern matching w anywhere, with LIKE's own
// characters taken literally.
func outcomePattern(w string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(w) + "%"
}
