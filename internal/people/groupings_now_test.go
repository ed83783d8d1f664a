package people

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/errs"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// stateQueue is a fakeQueue that also answers Get with a River state per
// job, as the test sets it; a job it has no state for is gone.
type stateQueue struct {
	fakeQueue
	states map[int64]string
}

func newStateQueue() *stateQueue { return &stateQueue{states: map[int64]string{}} }

func (q *stateQueue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, owner jobs.Owner) (int64, error) {
	id, err := q.fakeQueue.Enqueue(ctx, tx, args, owner)
	q.states[id] = "available"
	return id, err
}

func (q *stateQueue) Get(_ context.Context, id int64) (*jobs.Job, error) {
	st, found := q.states[id]
	if !found {
		return nil, errs.New(errs.NotFound, "No such job.")
	}
	return &jobs.Job{ID: id, State: st}, nil
}

// workRun works run runID as its job would (as job jobID).
func workRun(t *testing.T, f *fixture, runID, jobID int64) {
	t.Helper()
	w := &GroupingWorker{S: f.S}
	ok(t, w.Work(context.Background(), &river.Job[GroupingArgs]{JobRow: &rivertype.JobRow{ID: jobID}, Args: GroupingArgs{RunID: runID}}))
}

// hideValues keeps the values of member memberID (of organisation org) to
// themself.
func hideValues(t *testing.T, f *fixture, memberID int64, org string) {
	t.Helper()
	f.setProfile(t, f.userOf(t, memberID), testProfile{Org: org, Vis: map[Field]Visibility{FieldValues: OnlyMe}})
}

func TestGroupingShowsPeopleNow(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		clusters := plant(t, f)
		f.S.Queue = newStateQueue()
		run, err := f.S.StartGrouping(ctxOf(f.Steward), f.Steward)
		ok(t, err)
		workRun(t, f, run.ID, *run.JobID)

		// Group 1 (cluster 0, organisations i%3): P0-2 and P0-5, the two of
		// Org 2, hide their values; P0-1 leaves.
		hideValues(t, f, clusters[0][2], "Org 2")
		hideValues(t, f, clusters[0][5], "Org 2")
		f.leave(t, clusters[0][1])
		// Group 2 (cluster 1): everyone now ranks play, wonder, beauty:
		// weights 8·10, 8·9, 8·8.
		for _, id := range clusters[1] {
			f.setValues(t, id, "play", "wonder", "beauty", "craft")
		}
		// Group 3 (cluster 2): six of eight hide, two are left.
		for _, id := range clusters[2][:6] {
			hideValues(t, f, id, "")
		}
		f.Steward = f.fresh(t, f.Steward)

		d, err := f.S.Grouping(ctxOf(f.Steward), f.Steward, run.ID)
		ok(t, err)
		same(t, "group count", d.GroupCount, 2)
		var got [][]any
		for _, g := range d.Groups {
			got = append(got, []any{g.No, g.Size, g.Organisations, g.Summary, len(g.Preview)})
		}
		same(t, "groups, largest first", got, [][]any{
			{2, 8, 3, "play, wonder and beauty", 8},
			{1, 5, 2, "fairness, learning and care", 5},
		})
		same(t, "group 1", groupIDs(&RunDetail{Groups: d.Groups[1:]}),
			[][]int64{{clusters[0][0], clusters[0][3], clusters[0][4], clusters[0][6], clusters[0][7]}})
		raw, err := json.Marshal(d)
		ok(t, err)
		for _, name := range []string{"P0-1", "P0-2", "P0-5", "P2-0", "P2-7"} {
			if strings.Contains(string(raw), name) {
				t.Errorf("%s still shown: %s", name, raw)
			}
		}

		t.Run("Members", func(t *testing.T) {
			p, err := f.S.GroupMembers(ctxOf(f.Steward), f.Steward, run.ID, 1, 1)
			ok(t, err)
			same(t, "page", []any{p.Group.No, p.Group.Size, p.Group.Organisations, p.Total, p.HasNext, len(p.Members)},
				[]any{1, 5, 2, 5, false, 5})
			same(t, "names", []string{p.Members[0].Name, p.Members[4].Name}, []string{"P0-0", "P0-7"})
		})
		t.Run("ErrGroupGone", func(t *testing.T) {
			_, err := f.S.GroupMembers(ctxOf(f.Steward), f.Steward, run.ID, 3, 1)
			wantErr(t, err, errs.NotFound, "", "has no group 3")
			_, err = f.S.GroupMembers(ctxOf(f.Steward), f.Steward, run.ID, 9, 1)
			wantErr(t, err, errs.NotFound, "", "has no group 9")
		})
		t.Run("ErrNotSteward", func(t *testing.T) {
			_, err := f.S.GroupMembers(ctxOf(f.Member), f.Member, run.ID, 1, 1)
			wantErr(t, err, errs.Forbidden, "", "Only stewards")
			_, err = f.S.GroupMembers(ctxOf(f.Steward), f.Steward, run.ID+100, 1, 1)
			wantErr(t, err, errs.NotFound, "", "no such run")
		})
	})
}

func TestGroupingMembersPaged(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		// A done run with one group of 53 people, written as the worker
		// would: paging needs no values.
		var ids []int64
		for i := range GroupPerPage + 3 {
			_, a := f.member(t, fmt.Sprintf("Q%02d", 52-i)) // joined in reverse order of name
			ids = append(ids, a.MemberID)
		}
		f.Steward = f.fresh(t, f.Steward)
		var runID int64
		ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
			ctx := context.Background()
			var err error
			if runID, err = tx.Insert(ctx, `INSERT INTO grouping_runs (collective_id, status, group_count, created_at)
				VALUES (?, 'done', 1, ?)`, f.C.ID, tx.Now); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO grouping_groups (run_id, group_no, size) VALUES (?, 1, ?)", runID, len(ids)); err != nil {
				return err
			}
			for _, id := range ids {
				if _, err := tx.Exec(ctx, "INSERT INTO grouping_members (run_id, group_no, member_id) VALUES (?, 1, ?)", runID, id); err != nil {
					return err
				}
			}
			return nil
		}))
		var names []string
		for page := 1; page <= 3; page++ {
			p, err := f.S.GroupMembers(ctxOf(f.Steward), f.Steward, runID, 1, page)
			ok(t, err)
			wantLen := map[int]int{1: GroupPerPage, 2: 3, 3: 0}[page]
			same(t, fmt.Sprint("page ", page), []any{len(p.Members), p.Total, p.HasNext, p.Page}, []any{wantLen, 53, page == 1, page})
			for _, m := range p.Members {
				names = append(names, m.Name)
			}
		}
		same(t, "in order of name", []string{names[0], names[49], names[50], names[52]}, []string{"Q00", "Q49", "Q50", "Q52"})
		d, err := f.S.Grouping(ctxOf(f.Steward), f.Steward, runID)
		ok(t, err)
		same(t, "preview", []any{len(d.Groups), d.Groups[0].Size, len(d.Groups[0].Preview), d.Groups[0].Preview[0].Name},
			[]any{1, 53, GroupPreview, "Q00"})
	})
}

func TestGroupingStuckRun(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		q := newStateQueue()
		f.S.Queue = q
		start := func() (*Run, error) { return f.S.StartGrouping(ctxOf(f.Steward), f.Steward) }
		first, err := start()
		ok(t, err)
		same(t, "busy", first.Busy, true)

		t.Run("ErrBusyWhileRetrying", func(t *testing.T) {
			// An attempt failed (the row reads failed) and River will retry.
			w := &GroupingWorker{S: f.S}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := w.Work(ctx, &river.Job[GroupingArgs]{JobRow: &rivertype.JobRow{ID: *first.JobID}, Args: GroupingArgs{RunID: first.ID}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Work with a cancelled context: %v", err)
			}
			q.states[*first.JobID] = "retryable"
			_, err = start()
			wantErr(t, err, errs.Conflict, "", "already being suggested")
			runs, err := f.S.Groupings(ctxOf(f.Steward), f.Steward)
			ok(t, err)
			same(t, "run", []any{len(runs), runs[0].Status, runs[0].Busy}, []any{1, "failed", true})
			if !strings.HasPrefix(runs[0].Error, "Suggesting groupings failed: ") {
				t.Errorf("error %q", runs[0].Error)
			}
		})
		t.Run("DiscardedFrees", func(t *testing.T) {
			q.states[*first.JobID] = "discarded"
			second, err := start()
			ok(t, err)
			// The second run's job is removed before it ever ran: its row
			// says queued for good, but it blocks nobody.
			delete(q.states, *second.JobID)
			d, err := f.S.Grouping(ctxOf(f.Steward), f.Steward, second.ID)
			ok(t, err)
			same(t, "stuck run", []any{d.Status, d.Busy, d.Error, d.FinishedAt != nil}, []any{"failed", false, errJobEnded, true})
			third, err := start()
			ok(t, err)
			same(t, "third", third.Status, "queued")
		})
		t.Run("ErrStillRunning", func(t *testing.T) {
			// A run whose worker died is running as long as River says so
			// (until it rescues the job).
			ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
				_, err := tx.Exec(context.Background(), "UPDATE grouping_runs SET status = 'running' WHERE id = (SELECT max(id) FROM grouping_runs)")
				return err
			}))
			q.states[1003] = "running"
			_, err := start()
			wantErr(t, err, errs.Conflict, "", "")
			q.states[1003] = "cancelled"
			_, err = start()
			ok(t, err)
			same(t, "runs", f.count(t, "SELECT count(*) FROM grouping_runs WHERE status = 'failed'"), 3)
		})
	})
}

func TestGroupingPanicFailsRun(t *testing.T) {
	res, err := safely(func() (*GroupingResult, error) { panic("index out of range") })
	if res != nil || err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("safely: %v, %v", res, err)
	}
	res, err = safely(func() (*GroupingResult, error) { return &GroupingResult{RunID: 7}, nil })
	same(t, "no panic", []any{res.RunID, err}, []any{int64(7), nil})
}
