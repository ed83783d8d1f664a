package people

import (
	"context"
	"time"

	"commonground/internal/store"
)

// PersonalData is everything people holds about one account, for the
// person's own data export: the whole profile with every visibility, and
// in each collective their ranked values and prompt answers.
type PersonalData struct {
	Profile     *Profile             `json:"profile"`
	HasPhoto    bool                 `json:"has_photo"`
	Collectives []PersonalCollective `json:"collectives"`
}

// PersonalCollective is what the person keeps in one collective.
type PersonalCollective struct {
	Collective string           `json:"collective"` // its slug
	Name       string           `json:"name"`
	Values     []RankedValue    `json:"values"`
	Answers    []PersonalAnswer `json:"answers"`
}

// PersonalAnswer is one of the person's prompt answers.
type PersonalAnswer struct {
	Question   string     `db:"question" json:"question"`
	Answer     string     `db:"answer" json:"answer"`
	Visibility Visibility `db:"visibility" json:"visibility"`
	UpdatedAt  time.Time  `db:"updated_at" json:"updated_at"`
}

// ExportPersonal returns the account's people data for its own export;
// auth calls it for the signed-in person only.
func (s *Service) ExportPersonal(ctx context.Context, userID int64) (any, error) {
	p, err := loadProfile(ctx, s.DB, userID)
	if err != nil {
		return nil, err
	}
	out := &PersonalData{Profile: p, HasPhoto: p.PhotoFileID != nil, Collectives: []PersonalCollective{}}
	var ms []struct {
		ID           int64  `db:"id"`
		CollectiveID int64  `db:"collective_id"`
		Slug         string `db:"slug"`
		Name         string `db:"name"`
	}
	if err := s.DB.Select(ctx, &ms, `SELECT m.id, m.collective_id, c.slug, c.name FROM members m
		JOIN collectives c ON c.id = m.collective_id WHERE m.user_id = ? ORDER BY c.name, c.id`, userID); err != nil {
		return nil, err
	}
	for _, m := range ms {
		pc := PersonalCollective{Collective: m.Slug, Name: m.Name, Answers: []PersonalAnswer{}}
		if pc.Values, err = valuesOf(ctx, s.DB, m.CollectiveID, m.ID); err != nil {
			return nil, err
		}
		if err := s.DB.Select(ctx, &pc.Answers, `SELECT q.question, a.answer, a.visibility, a.updated_at FROM prompt_answers a
			JOIN people_prompts q ON q.id = a.prompt_id WHERE a.member_id = ? ORDER BY q.position, q.id`, m.ID); err != nil {
			return nil, err
		}
		for i := range pc.Answers {
			pc.Answers[i].UpdatedAt = pc.Answers[i].UpdatedAt.UTC()
		}
		out.Collectives = append(out.Collectives, pc)
	}
	return out, nil
}

// BeforeAccountDelete removes the account's profile, tags and photo inside
// the deletion's transaction. Values and answers go with the memberships
// (their rows cascade from members); the profile is the account's own, so
// it is removed here, with the photo file that nothing else cascades.
func (s *Service) BeforeAccountDelete(ctx context.Context, tx *store.Tx, userID int64) error {
	photo, err := photoID(ctx, tx, userID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM profile_tags WHERE user_id = ?", userID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM profiles WHERE user_id = ?", userID); err != nil {
		return err
	}
	if err := deleteFile(ctx, tx, photo); err != nil {
		return err
	}
	return bumpUser(ctx, tx, userID)
}
