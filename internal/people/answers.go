package people

import (
	"context"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Answer is a member's answer to one prompt, with the visibility they
// chose for it.
type Answer struct {
	PromptID   int64      `db:"prompt_id" json:"prompt_id"`
	Kind       string     `db:"kind" json:"kind"`
	Question   string     `db:"question" json:"question"`
	Text       string     `db:"answer" json:"text"`
	Visibility Visibility `db:"visibility" json:"visibility"`
	UpdatedAt  time.Time  `db:"updated_at" json:"updated_at"`
}

// SaveAnswer saves the signed-in member's answer to a prompt with the
// visibility they chose; empty text removes it. A prompt that is closed or
// archived takes no new words, but an answer can always be removed: what
// a person said stays theirs to withdraw. Matching does not read answers,
// so nothing is bumped.
func (s *Service) SaveAnswer(ctx context.Context, a *collective.Access, promptID int64, text string, vis Visibility) error {
	if err := needOwnWrite(a); err != nil {
		return err
	}
	text, err := cleanAnswer(text)
	if err != nil {
		return err
	}
	if vis < OnlyMe || vis > Everyone {
		return errs.Field("visibility", "Choose who may see this: me, stewards, collectives or everyone.")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := prompt(ctx, tx, a, promptID)
		if err != nil {
			return err
		}
		if text == "" {
			n, err := tx.Exec(ctx, "DELETE FROM prompt_answers WHERE prompt_id = ? AND member_id = ?", promptID, a.MemberID)
			if err != nil || n == 0 {
				return err
			}
			return record(ctx, tx, a, activity.ActorOnly, "answer.removed", p.Question, promptLink(a, promptID),
				"You removed your answer to: "+p.Question)
		}
		if !p.Open(tx.Now) {
			return errs.New(errs.Conflict, "The prompt %q is closed and takes no answers.", p.Question)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO prompt_answers (prompt_id, member_id, answer, visibility, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (prompt_id, member_id)
			DO UPDATE SET answer = excluded.answer, visibility = excluded.visibility, updated_at = excluded.updated_at`,
			promptID, a.MemberID, text, int(vis), tx.Now); err != nil {
			return err
		}
		// The entry is the actor's alone and quotes only the question:
		// the answer may be meant for them alone.
		return record(ctx, tx, a, activity.ActorOnly, "answer.saved", p.Question, promptLink(a, promptID),
			"You answered: "+p.Question)
	})
}

// cleanAnswer trims an answer and checks its length and characters.
// Unlike a name it keeps its line breaks: an answer may be paragraphs.
func cleanAnswer(text string) (string, error) {
	text = strings.TrimSpace(text)
	for _, r := range text {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return "", errs.Field("answer", "The answer contains a control character; remove it.")
		}
	}
	if n := len([]rune(text)); n > MaxAbout {
		return "", errs.Field("answer", "The answer is %d characters; the most is %d.", n, MaxAbout)
	}
	return text, nil
}

// answerCols reads an answer with its prompt.
const answerCols = `SELECT pa.prompt_id, pp.kind, pp.question, pa.answer, pa.visibility, pa.updated_at
	FROM prompt_answers pa JOIN people_prompts pp ON pp.id = pa.prompt_id
	WHERE pp.collective_id = ? AND pa.member_id = ?`

// answersOf returns a member's answers in a's collective that a viewer at
// level may read, in the prompts' order; the caller works out the level
// (LevelFor). Answers to archived prompts stay: they are the person's.
func (s *Service) answersOf(ctx context.Context, a *collective.Access, memberID int64, level Level) ([]Answer, error) {
	out := []Answer{}
	err := s.DB.Select(ctx, &out, answerCols+" AND pa.visibility >= ? ORDER BY pp.kind, pp.position, pp.id",
		a.Collective.ID, memberID, int(level))
	return out, err
}

// MyAnswers returns every answer of the signed-in member in the collective.
func (s *Service) MyAnswers(ctx context.Context, a *collective.Access) ([]Answer, error) {
	if err := needMember(a); err != nil {
		return nil, err
	}
	return s.answersOf(ctx, a, a.MemberID, Level(OnlyMe))
}
