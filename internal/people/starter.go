package people

import (
	"context"
	"time"

	"commonground/internal/store"
)

// starterTerm is one value of the vocabulary every collective starts with.
type starterTerm struct{ Name, Description string }

// starterVocabulary is copied into a collective's vocabulary the first time
// it is used, so people can rank values from day one; stewards then rename,
// retire and add to it. The descriptions are our own words, one line each,
// written so that two people reading one mean roughly the same thing by it.
var starterVocabulary = []starterTerm{
	{"Fairness", "Treating people even-handedly and sharing gains and burdens justly."},
	{"Equity", "Giving each person what they need to have the same chances as others."},
	{"Inclusion", "Making sure everyone affected has a real place at the table."},
	{"Diversity", "Valuing the different backgrounds and views people bring."},
	{"Respect", "Taking every person seriously, especially when we disagree."},
	{"Dignity", "Protecting the worth of every person in how we act and decide."},
	{"Care", "Looking after one another, not only the work."},
	{"Kindness", "Choosing warmth and generosity in everyday dealings."},
	{"Compassion", "Noticing suffering and acting to ease it."},
	{"Trust", "Relying on one another and being someone others can rely on."},
	{"Honesty", "Saying what is true, including what is uncomfortable."},
	{"Integrity", "Doing what we say we stand for, when no one is watching too."},
	{"Transparency", "Making decisions and their reasons open to those they affect."},
	{"Accountability", "Owning our commitments and their results, good or bad."},
	{"Reliability", "Keeping promises and showing up when it counts."},
	{"Courage", "Speaking up and acting rightly when it is hard or risky."},
	{"Humility", "Knowing the limits of what we know and learning from others."},
	{"Learning", "Growing through curiosity, practice and honest reflection."},
	{"Curiosity", "Asking questions and exploring before concluding."},
	{"Creativity", "Imagining new ways and trying them out."},
	{"Innovation", "Turning fresh ideas into things that work better."},
	{"Excellence", "Doing the work well and caring about its quality."},
	{"Impact", "Focusing on the difference our work actually makes."},
	{"Collaboration", "Achieving more together than any of us could alone."},
	{"Solidarity", "Standing with others in their struggles as in our own."},
	{"Community", "Belonging to and strengthening the places and people around us."},
	{"Participation", "Letting the people affected shape what is done."},
	{"Democracy", "Deciding together, with every voice counted."},
	{"Shared power", "Spreading authority so no one person or group dominates."},
	{"Justice", "Righting wrongs and changing what keeps them in place."},
	{"Freedom", "Room for each person to choose their own path."},
	{"Sustainability", "Meeting today's needs without taking from tomorrow's."},
	{"Stewardship", "Looking after shared resources for those who come after."},
	{"Generosity", "Giving time, knowledge and help freely."},
	{"Gratitude", "Recognising what others give and saying so."},
	{"Openness", "Welcoming new people, ideas and feedback."},
	{"Wellbeing", "Caring for health and balance, our own and others'."},
	{"Joy", "Finding delight and celebration in the work and each other."},
	{"Purpose", "Working towards something that matters beyond ourselves."},
	{"Resilience", "Recovering from setbacks and adapting to keep going."},
	{"Simplicity", "Preferring the clear and plain over the complicated."},
	{"Belonging", "Everyone feeling they are part of this, as they are."},
}

// ensureSeeded copies the starter vocabulary into the collective the first
// time it is needed. Reads call it too, so the cheap check comes first and a
// write transaction is opened only while seeded_at is still NULL.
func (s *Service) ensureSeeded(ctx context.Context, collectiveID int64) error {
	var seeded []*time.Time
	if err := s.DB.Select(ctx, &seeded, "SELECT seeded_at FROM people_state WHERE collective_id = ?", collectiveID); err != nil {
		return err
	}
	if len(seeded) == 1 && seeded[0] != nil {
		return nil
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error { return seedTx(ctx, tx, collectiveID) })
}

// seedTx seeds the collective's vocabulary inside tx unless that was done
// before. Claiming the row with a conditional UPDATE makes it safe with two
// instances: on PostgreSQL the second waits for the first's row lock and
// then finds seeded_at set; and ON CONFLICT DO NOTHING keeps a name a
// steward or member added first.
func seedTx(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	if _, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version) VALUES (?, 0)
		ON CONFLICT (collective_id) DO NOTHING`, collectiveID); err != nil {
		return err
	}
	n, err := tx.Exec(ctx, "UPDATE people_state SET seeded_at = ? WHERE collective_id = ? AND seeded_at IS NULL", tx.Now, collectiveID)
	if err != nil || n == 0 {
		return err
	}
	for _, t := range starterVocabulary {
		if _, err := tx.Exec(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, description, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'active', ?, ?) ON CONFLICT (collective_id, sort_name) DO NOTHING`,
			collectiveID, t.Name, sortName(t.Name), t.Description, tx.Now, tx.Now); err != nil {
			return err
		}
	}
	return bumpCollective(ctx, tx, collectiveID)
}
