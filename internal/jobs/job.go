package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Job is what people see of a job: River's state, attempts and errors, and
// our owner, title, progress and result.
type Job struct {
	ID           int64           `json:"id"`
	Kind         string          `json:"kind"`
	Title        string          `json:"title"`
	State        string          `json:"state"` // available, scheduled, running, retryable, completed, cancelled, discarded
	Attempt      int             `json:"attempt"`
	MaxAttempts  int             `json:"max_attempts"`
	Done         int64           `json:"done"`
	Total        int64           `json:"total"`
	Message      string          `json:"message"`
	Result       json.RawMessage `json:"result"`
	Errors       []AttemptError  `json:"errors"`
	UserID       int64           `json:"user_id,omitempty"`
	CollectiveID int64           `json:"collective_id,omitempty"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
	StartedAt    *time.Time      `json:"started_at"`
	FinishedAt   *time.Time      `json:"finished_at"`
}

// AttemptError is the error of one failed attempt.
type AttemptError struct {
	At      time.Time `json:"at"`
	Attempt int       `json:"attempt"`
	Error   string    `json:"error"`
}

// Finished reports whether the job will not run again.
func (j *Job) Finished() bool {
	switch rivertype.JobState(j.State) {
	case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
		return true
	}
	return false
}

// Failed reports whether the job ended without completing.
func (j *Job) Failed() bool { return j.Finished() && j.State != string(rivertype.JobStateCompleted) }

// Percent is done/total as a whole percentage, 0 when total is unknown.
func (j *Job) Percent() int64 {
	if j.Total <= 0 {
		return 0
	}
	return min(100, j.Done*100/j.Total)
}

type runRow struct {
	JobID        int64          `db:"job_id"`
	Kind         string         `db:"kind"`
	UserID       sql.NullInt64  `db:"user_id"`
	CollectiveID sql.NullInt64  `db:"collective_id"`
	Title        string         `db:"title"`
	Done         int64          `db:"done"`
	Total        int64          `db:"total"`
	Message      string         `db:"message"`
	Result       sql.NullString `db:"result"`
	Outcome      string         `db:"outcome"`
	LastError    string         `db:"last_error"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
	State        sql.NullString `db:"state"`
	Attempt      sql.NullInt64  `db:"attempt"`
	MaxAttempts  sql.NullInt64  `db:"max_attempts"`
}

// runColumns joins River's row only when it is of the same kind: after
// River's cleaner deletes a job, SQLite may give its ID to a new one.
const runColumns = `r.job_id, r.kind, r.user_id, r.collective_id, r.title, r.done, r.total, r.message,
	r.result, r.outcome, r.last_error, r.created_at, r.updated_at,
	CAST(j.state AS TEXT) AS state, j.attempt, j.max_attempts
	FROM job_runs r LEFT JOIN river_job j ON j.id = r.job_id AND j.kind = r.kind`

func (r *runRow) job() *Job {
	j := &Job{ID: r.JobID, Kind: r.Kind, Title: r.Title, Done: r.Done, Total: r.Total, Message: r.Message,
		UserID: r.UserID.Int64, CollectiveID: r.CollectiveID.Int64, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		State: r.State.String, Attempt: int(r.Attempt.Int64), MaxAttempts: int(r.MaxAttempts.Int64), Errors: []AttemptError{}}
	if r.Result.Valid {
		j.Result = json.RawMessage(r.Result.String)
	}
	if !r.State.Valid {
		// River's cleaner removed its row: fall back on the copy we kept.
		j.State = r.Outcome
		if j.State == "" {
			j.State = string(rivertype.JobStateCompleted)
		}
		if r.LastError != "" {
			j.Errors = []AttemptError{{At: r.UpdatedAt, Error: r.LastError}}
		}
	}
	return j
}

// Get returns job id, whoever may see it (callers check See). Never call
// it inside db.Write: on SQLite it reads River's row on the single writer
// connection, which the transaction holds, and would deadlock.
func (q *Queue) Get(ctx context.Context, id int64) (*Job, error) {
	var row runRow
	err := q.db.Get(ctx, &row, `SELECT `+runColumns+` WHERE r.job_id = ?`, id)
	if err != nil && !store.NotFound(err) {
		return nil, fmt.Errorf("jobs: get %d: %w", id, err)
	}
	jr, rerr := q.work.JobGet(ctx, id)
	if rerr != nil && !errors.Is(rerr, river.ErrNotFound) {
		return nil, fmt.Errorf("jobs: get %d: %w", id, rerr)
	}
	if err == nil && jr != nil && jr.Kind != row.Kind {
		// Our row is of a deleted job whose ID SQLite reused for this one
		// (River inserted it, and it has not run yet): it is not this job's.
		err = sql.ErrNoRows
	}
	var j *Job
	switch {
	case err == nil:
		j = row.job()
	case jr != nil: // queued by River itself and not started yet
		j = &Job{ID: jr.ID, Kind: jr.Kind, Title: jr.Kind, CreatedAt: jr.CreatedAt, UpdatedAt: jr.CreatedAt, Errors: []AttemptError{}}
	default:
		return nil, errs.New(errs.NotFound, "No such job.")
	}
	if jr != nil {
		j.State, j.Attempt, j.MaxAttempts = string(jr.State), jr.Attempt, jr.MaxAttempts
		j.StartedAt, j.FinishedAt = utc(jr.AttemptedAt), utc(jr.FinalizedAt)
		for _, e := range jr.Errors {
			j.Errors = append(j.Errors, AttemptError{At: e.At.UTC(), Attempt: e.Attempt, Error: e.Error})
		}
	}
	return j, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// ListParams select a page of jobs, newest first.
type ListParams struct {
	All    bool  // every job (instance admins), not only the user's
	Before int64 // jobs with a smaller ID than this; 0 for the first page
	Limit  int   // at most this many (default 50, at most 200)
}

// List returns a page of jobs, newest first, and the ID to pass as Before
// for the next page (0 when this is the last).
func (q *Queue) List(ctx context.Context, userID int64, p ListParams) ([]Job, int64, error) {
	limit := p.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	where, args := "1 = 1", []any{}
	if !p.All {
		where, args = "r.user_id = ?", append(args, userID)
	}
	if p.Before > 0 {
		where += " AND r.job_id < ?"
		args = append(args, p.Before)
	}
	args = append(args, limit+1)
	var rows []runRow
	if err := q.db.Select(ctx, &rows, `SELECT `+runColumns+` WHERE `+where+` ORDER BY r.job_id DESC LIMIT ?`, args...); err != nil {
		return nil, 0, fmt.Errorf("jobs: list: %w", err)
	}
	var next int64
	if len(rows) > limit {
		rows = rows[:limit]
		next = rows[limit-1].JobID
	}
	out := make([]Job, len(rows))
	for i := range rows {
		out[i] = *rows[i].job()
	}
	return out, next, nil
}
