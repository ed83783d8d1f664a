package people

import (
	"context"
	"strconv"
	"sync"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// Service holds the rules about people, values and groupings; pages, the
// API and the CLI all call it with the Access the collective service gave
// them.
//
// Who may do what: a person edits only their own profile, values and
// answers; members read profiles at the level Level gives them; members
// propose values and stewards curate the vocabulary and the prompts;
// stewards import profiles and run and read groupings.
type Service struct {
	DB          *store.DB
	Collectives *collective.Service
	// Queue runs suggested groupings as a job; app wires it. With none,
	// StartGrouping refuses.
	Queue Enqueuer
	// Notify sends notices (the activity Notifier's Notify); app wires
	// it. With none, an import notifies no one.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error

	// indexes holds the matching index of each collective, keyed by
	// collective ID (see match.go).
	indexes sync.Map
}

// Enqueuer is the part of the job queue groupings use: Enqueue starts a
// run's job in the caller's transaction, and Get reads whether that job is
// still live (never inside a transaction: see internal/jobs).
type Enqueuer interface {
	Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, owner jobs.Owner) (int64, error)
	Get(ctx context.Context, id int64) (*jobs.Job, error)
}

// LevelFor is who the viewer in a is to the person with account userID:
// themself, a steward, a member, another signed-in account, or nobody
// signed in (who sees nothing).
func LevelFor(a *collective.Access, userID int64) Level {
	switch {
	case a.User == nil:
		return Hidden
	case a.User.ID == userID:
		return Level(OnlyMe)
	case a.IsSteward():
		return Level(Stewards)
	case a.IsMember():
		return Level(Collectives)
	default:
		return Level(Everyone)
	}
}

// othersLevel is the level the viewer in a reads everyone else's fields
// at: what search, the directory and matching filter by.
func othersLevel(a *collective.Access) Level {
	return LevelFor(a, -1)
}

// record writes an activity entry inside tx for the given audience.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, audience activity.Audience, verb, subject, link, summary string) error {
	var actor int64
	if a.User != nil {
		actor = a.User.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: actor, Verb: verb,
		Subject: subject, Summary: summary, Link: link, Audience: audience})
}

// actorName is how the acting person appears in a summary.
func actorName(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

// Base is the path of a collective's people pages.
func Base(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/people" }

// PersonLink is the page of one member's profile.
func PersonLink(a *collective.Access, memberID int64) string {
	return Base(a) + "/" + strconv.FormatInt(memberID, 10)
}

// bumpCollective moves the collective's people data_version on inside tx,
// creating its row on first use; every write that changes what matching
// reads calls it (or bumpUser) in the same transaction.
func bumpCollective(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	if _, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version) VALUES (?, 0)
		ON CONFLICT (collective_id) DO NOTHING`, collectiveID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "UPDATE people_state SET data_version = data_version + 1 WHERE collective_id = ?", collectiveID)
	return err
}

// bumpUser moves data_version on in every collective the account belongs
// to: a profile is shown in all of them. bumpInOrder locks the rows in
// collective order, so it cannot deadlock with an import's bump.
func bumpUser(ctx context.Context, tx *store.Tx, userID int64) error {
	return bumpInOrder(ctx, tx, userCollectives, userID)
}

// dataVersion reads the collective's people data_version (0 before any
// write).
func (s *Service) dataVersion(ctx context.Context, collectiveID int64) (int64, error) {
	var v []int64
	if err := s.DB.Select(ctx, &v, "SELECT data_version FROM people_state WHERE collective_id = ?", collectiveID); err != nil {
		return 0, err
	}
	if len(v) == 0 {
		return 0, nil
	}
	return v[0], nil
}
