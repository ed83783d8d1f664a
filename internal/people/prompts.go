package people

import (
	"context"
	"strconv"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// The kinds of prompt: a background one stands on every profile as an
// optional question; a periodic one runs between two dates.
const (
	PromptBackground = "background"
	PromptPeriodic   = "periodic"
)

// dateLayout is how prompt dates are written and stored.
const dateLayout = "2006-01-02"

// Prompt is a question stewards set for the collective's members.
type Prompt struct {
	ID       int64  `db:"id" json:"id"`
	Kind     string `db:"kind" json:"kind"`
	Question string `db:"question" json:"question"`
	// OpensOn and ClosesOn are YYYY-MM-DD, both days included; "" for none.
	OpensOn  string `db:"opens_on" json:"opens_on"`
	ClosesOn string `db:"closes_on" json:"closes_on"`
	Position int    `db:"position" json:"position"`
	Archived bool   `db:"archived" json:"archived"`
	// Answers counts the answers the viewer may read (and their own).
	Answers int `db:"answers" json:"answers"`
	// Answered tells stewards whether anyone has answered, whoever may read
	// the answers: the question and kind are then fixed (see UpdatePrompt).
	// Always false for anyone else, who need not know of answers they
	// cannot read.
	Answered bool `db:"answered" json:"answered"`
}

// Open reports whether the prompt takes answers at now: a background one
// until archived, a periodic one from its opening day to its closing day
// (UTC; collectives have no time zone of their own yet).
func (p *Prompt) Open(now time.Time) bool {
	if p.Archived {
		return false
	}
	if p.Kind == PromptBackground {
		return true
	}
	today := now.UTC().Format(dateLayout)
	return p.OpensOn != "" && today >= p.OpensOn && (p.ClosesOn == "" || today <= p.ClosesOn)
}

// PromptInput is what a steward sets. Position 0 puts a new prompt last
// and keeps an edited one where it is.
type PromptInput struct {
	Kind     string `json:"kind"`
	Question string `json:"question"`
	OpensOn  string `json:"opens_on"`
	ClosesOn string `json:"closes_on"`
	Position int    `json:"position"`
}

// normalise checks a prompt: a known kind, a question, and dates only on a
// periodic prompt, which needs an opening day and closes no earlier.
func (in *PromptInput) normalise() error {
	if in.Kind != PromptBackground && in.Kind != PromptPeriodic {
		return errs.Field("kind", "Choose background or periodic, not %q.", in.Kind)
	}
	var err error
	if in.Question, err = cleanText("question", "question", in.Question, MaxQuestion); err != nil {
		return err
	}
	if in.Question == "" {
		return errs.Field("question", "Write the question.")
	}
	if in.Position < 0 {
		return errs.Field("position", "The position cannot be negative.")
	}
	for _, d := range []struct {
		field string
		value *string
	}{{"opens_on", &in.OpensOn}, {"closes_on", &in.ClosesOn}} {
		if *d.value == "" {
			continue
		}
		if in.Kind == PromptBackground {
			return errs.Field(d.field, "A background prompt stands until archived; leave its dates empty.")
		}
		t, err := time.Parse(dateLayout, *d.value)
		if err != nil {
			return errs.Field(d.field, "Write the date as YYYY-MM-DD, not %q.", *d.value)
		}
		*d.value = t.Format(dateLayout)
	}
	if in.Kind == PromptPeriodic && in.OpensOn == "" {
		return errs.Field("opens_on", "A periodic prompt needs an opening date.")
	}
	if in.ClosesOn != "" && in.ClosesOn < in.OpensOn {
		return errs.Field("closes_on", "The closing date %s is before the opening date %s.", in.ClosesOn, in.OpensOn)
	}
	return nil
}

// promptCols reads a prompt; it needs promptArgs(a) as its first
// arguments.
const promptCols = `pp.id, pp.kind, pp.question, pp.opens_on, pp.closes_on, pp.position,
	CASE WHEN pp.archived_at IS NULL THEN 0 ELSE 1 END AS archived,
	(SELECT count(*) FROM prompt_answers pa WHERE pa.prompt_id = pp.id AND (pa.member_id = ? OR pa.visibility >= ?)) AS answers,
	CASE WHEN ? AND EXISTS (SELECT 1 FROM prompt_answers pa WHERE pa.prompt_id = pp.id) THEN 1 ELSE 0 END AS answered
	FROM people_prompts pp`

// Prompts lists the collective's prompts, background ones first, each in
// its position; archived ones only when asked for.
func (s *Service) Prompts(ctx context.Context, a *collective.Access, includeArchived bool) ([]Prompt, error) {
	if err := needUser(a); err != nil {
		return nil, err
	}
	where := " WHERE pp.collective_id = ?"
	if !includeArchived {
		where += " AND pp.archived_at IS NULL"
	}
	out := []Prompt{}
	err := s.DB.Select(ctx, &out, "SELECT "+promptCols+where+" ORDER BY pp.kind, pp.position, pp.id",
		append(promptArgs(a), a.Collective.ID)...)
	return out, err
}

// prompt reads one prompt of a's collective, or NotFound.
func prompt(ctx context.Context, q querier, a *collective.Access, id int64) (*Prompt, error) {
	var p Prompt
	err := q.Get(ctx, &p, "SELECT "+promptCols+" WHERE pp.id = ? AND pp.collective_id = ?",
		append(promptArgs(a), id, a.Collective.ID)...)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such prompt.", a.Collective.Name)
	}
	return &p, err
}

// promptArgs are promptCols' arguments: the viewer's member ID and level
// for Answers, and whether they are a steward, for Answered.
func promptArgs(a *collective.Access) []any {
	return []any{a.MemberID, int(othersLevel(a)), a.IsSteward()}
}

// promptLink is the page where members answer prompts.
func promptLink(a *collective.Access, id int64) string {
	return Base(a) + "/prompts/" + strconv.FormatInt(id, 10)
}

// CreatePrompt adds a prompt. A periodic prompt is an invitation to
// everyone to answer, so its entry goes to the whole collective; a
// background one is only news to the stewards.
func (s *Service) CreatePrompt(ctx context.Context, a *collective.Access, in PromptInput) (*Prompt, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.normalise(); err != nil {
		return nil, err
	}
	var out *Prompt
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if in.Position == 0 {
			if err := tx.Get(ctx, &in.Position, `SELECT COALESCE(max(position), 0) + 1 FROM people_prompts
				WHERE collective_id = ? AND kind = ?`, a.Collective.ID, in.Kind); err != nil {
				return err
			}
		}
		id, err := tx.Insert(ctx, `INSERT INTO people_prompts (collective_id, kind, question, opens_on, closes_on, position,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Collective.ID, in.Kind, in.Question, in.OpensOn, in.ClosesOn, in.Position, a.User.ID, tx.Now)
		if err != nil {
			return err
		}
		audience, summary := activity.Stewards, actorName(a)+" added a background prompt: "+in.Question
		if in.Kind == PromptPeriodic {
			audience, summary = activity.Everyone, actorName(a)+" asks everyone: "+in.Question
		}
		if err := record(ctx, tx, a, audience, "prompt.created", in.Question, promptLink(a, id), summary); err != nil {
			return err
		}
		out, err = prompt(ctx, tx, a, id)
		return err
	})
	return out, err
}

// UpdatePrompt changes a prompt's kind, question, dates or position.
// Answers stay with it, so once anyone has answered, the question and kind
// stay as they are: people's words must not end up under a question they
// never answered. Dates and position may still change (to extend a
// periodic prompt, say).
func (s *Service) UpdatePrompt(ctx context.Context, a *collective.Access, id int64, in PromptInput) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	if err := in.normalise(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := prompt(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if in.Position == 0 {
			in.Position = p.Position
		}
		if (in.Question != p.Question || in.Kind != p.Kind) && p.Answered {
			field := "question"
			if in.Question == p.Question {
				field = "kind"
			}
			return &errs.Error{Code: errs.Conflict, Field: field, Message: "People have answered this prompt, so its question and kind " +
				"stay as they are. To ask something else, archive it and add a new prompt."}
		}
		if _, err := tx.Exec(ctx, `UPDATE people_prompts SET kind = ?, question = ?, opens_on = ?, closes_on = ?, position = ?
			WHERE id = ?`, in.Kind, in.Question, in.OpensOn, in.ClosesOn, in.Position, id); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Stewards, "prompt.updated", in.Question, promptLink(a, id),
			actorName(a)+" edited the prompt: "+in.Question)
	})
}

// ArchivePrompt archives a prompt (it takes no more answers and leaves the
// list; answers given stay on profiles) or brings it back.
func (s *Service) ArchivePrompt(ctx context.Context, a *collective.Access, id int64, archived bool) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := prompt(ctx, tx, a, id)
		if err != nil || p.Archived == archived {
			return err
		}
		var at *time.Time
		verb, summary := "prompt.restored", actorName(a)+" restored the prompt: "+p.Question
		if archived {
			at, verb, summary = &tx.Now, "prompt.archived", actorName(a)+" archived the prompt: "+p.Question
		}
		if _, err := tx.Exec(ctx, "UPDATE people_prompts SET archived_at = ? WHERE id = ?", at, id); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Stewards, verb, p.Question, promptLink(a, id), summary)
	})
}
