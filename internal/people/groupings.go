package people

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// GroupingArgs asks for one run of suggested groupings; the run's row
// exists before the job, so the worker knows the collective and who asked.
type GroupingArgs struct {
	RunID int64 `json:"run_id"`
}

// Kind names the job for River.
func (GroupingArgs) Kind() string { return "people.groupings" }

// Title names the job on its page.
func (GroupingArgs) Title() string { return "Suggest groupings" }

// InsertOpts: a few attempts. The worker replaces its run's rows, so a
// retry after a crash half-way is harmless.
func (GroupingArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

// Run is one request for suggested groupings and how it ended.
type Run struct {
	ID          int64      `db:"id" json:"id"`
	JobID       *int64     `db:"job_id" json:"job_id,omitempty"`
	Status      string     `db:"status" json:"status"` // queued, running, done, failed
	People      int        `db:"people" json:"people"` // people with values visible to stewards
	GroupCount  int        `db:"group_count" json:"group_count"`
	Modularity  *float64   `db:"modularity" json:"modularity,omitempty"`
	Error       string     `db:"error" json:"error,omitempty"`
	RequestedBy string     `db:"requested_by" json:"requested_by"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	FinishedAt  *time.Time `db:"finished_at" json:"finished_at,omitempty"`
	// Busy is whether the run's job is still live (queued, running or
	// waiting to retry): while a run is busy no other may start.
	Busy bool `db:"-" json:"busy"`
}

// RunDetail is a run with its groups as they stand now, largest first.
type RunDetail struct {
	Run
	Groups []Group `json:"groups"`
}

// Group is one suggested working group: people whose values are close,
// to be taken as a seed, not a verdict. Everything in it is counted when
// it is read, over the people still shown (see groupings_read.go).
type Group struct {
	No            int    `json:"group_no"`
	Size          int    `json:"size"`
	Organisations int    `json:"organisations"` // distinct organisations among them
	Summary       string `json:"summary"`       // the values they share most
	// Preview is the first GroupPreview people by name; GroupMembers
	// pages through them all.
	Preview []GroupMember `json:"preview,omitempty"`
}

// GroupMember is a person in a group, as stewards may see them.
type GroupMember struct {
	MemberID     int64  `json:"member_id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation,omitempty"`
}

// MinGroupSize is the smallest group a run proposes: two people are a
// pair, not a working group.
const MinGroupSize = 3

// StartGrouping queues a run of suggested groupings for the collective:
// stewards only, and one run at a time per collective.
func (s *Service) StartGrouping(ctx context.Context, a *collective.Access) (*Run, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to suggest groupings.")
	}
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if s.Queue == nil {
		return nil, errs.New(errs.Conflict, "This server runs no background jobs, so it cannot suggest groupings.")
	}
	// Whether an earlier run is still under way is River's to say, and
	// asking it must happen outside the transaction (see internal/jobs).
	live, newest, err := s.settleRuns(ctx, a.Collective.ID)
	if err != nil {
		return nil, err
	}
	if len(live) > 0 {
		return nil, busyErr(a)
	}
	var runID int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		// Touching the collective's people_state row takes its row lock on
		// PostgreSQL, so two stewards starting at once take turns and the
		// second sees the first's run (SQLite has one writer anyway). It
		// leaves data_version as it is: nothing matching reads changes.
		if _, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version) VALUES (?, 0)
			ON CONFLICT (collective_id) DO NOTHING`, a.Collective.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE people_state SET data_version = data_version WHERE collective_id = ?", a.Collective.ID); err != nil {
			return err
		}
		// A run newer than those settleRuns looked at was started
		// meanwhile; its job is live, as far as this transaction knows.
		var busy int
		if err := tx.Get(ctx, &busy, `SELECT count(*) FROM grouping_runs WHERE collective_id = ?
			AND (status IN ('queued', 'running') OR id > ?)`, a.Collective.ID, newest); err != nil {
			return err
		}
		if busy > 0 {
			return busyErr(a)
		}
		var err error
		runID, err = tx.Insert(ctx, `INSERT INTO grouping_runs (collective_id, status, requested_by, created_at)
			VALUES (?, 'queued', ?, ?)`, a.Collective.ID, a.User.ID, tx.Now)
		if err != nil {
			return err
		}
		jobID, err := s.Queue.Enqueue(ctx, tx, GroupingArgs{RunID: runID},
			jobs.Owner{UserID: a.User.ID, CollectiveID: a.Collective.ID, Title: GroupingArgs{}.Title()})
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE grouping_runs SET job_id = ? WHERE id = ?", jobID, runID); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Stewards, "groupings.started", "grouping:"+strconv.FormatInt(runID, 10),
			GroupingLink(a, runID), fmt.Sprintf("%s asked for suggested groupings", actorName(a)))
	})
	if err != nil {
		return nil, err
	}
	r, err := s.run(ctx, a, runID)
	if err != nil {
		return nil, err
	}
	r.Busy = r.Status != "done" && r.Status != "failed"
	return r, nil
}

// busyErr is the refusal while a run is under way.
func busyErr(a *collective.Access) error {
	return errs.New(errs.Conflict, "Groupings are already being suggested for %s; wait for that run to finish.", a.Collective.Name)
}

// GroupingLink is the page of one run.
func GroupingLink(a *collective.Access, runID int64) string {
	return Base(a) + "/groupings/" + strconv.FormatInt(runID, 10)
}

const runCols = `r.id, r.job_id, r.status, r.people, r.group_count, r.modularity, r.error,
	COALESCE(u.name, '') AS requested_by, r.created_at, r.finished_at`

// Groupings lists the collective's runs, latest first: stewards only. A
// run whose job ended without finishing it reads failed.
func (s *Service) Groupings(ctx context.Context, a *collective.Access) ([]Run, error) {
	if err := requireStewardReader(a); err != nil {
		return nil, err
	}
	live, _, err := s.settleRuns(ctx, a.Collective.ID)
	if err != nil {
		return nil, err
	}
	runs := []Run{}
	if err := s.DB.Select(ctx, &runs, `SELECT `+runCols+` FROM grouping_runs r LEFT JOIN users u ON u.id = r.requested_by
		WHERE r.collective_id = ? ORDER BY r.id DESC`, a.Collective.ID); err != nil {
		return nil, err
	}
	for i := range runs {
		runs[i].Busy = live[runs[i].ID]
	}
	return runs, nil
}

// run reads one run of the collective; NotFound for another collective's.
func (s *Service) run(ctx context.Context, a *collective.Access, runID int64) (*Run, error) {
	var r Run
	err := s.DB.Get(ctx, &r, `SELECT `+runCols+` FROM grouping_runs r LEFT JOIN users u ON u.id = r.requested_by
		WHERE r.id = ? AND r.collective_id = ?`, runID, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no such run of suggested groupings in %s.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// requireStewardReader lets stewards read runs, in an archived
// collective too.
func requireStewardReader(a *collective.Access) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to see suggested groupings.")
	}
	if !a.IsSteward() {
		return errs.New(errs.Forbidden, "Only stewards of %s can see suggested groupings.", a.Collective.Name)
	}
	return nil
}
