package people

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/errs"
	"commonground/internal/jobs"
)

// plantedClusters are three sets of values no two clusters share: the
// similarity graph has no edge between clusters, so community detection
// must find exactly them.
var plantedClusters = [][]string{
	{"fairness", "learning", "care", "courage", "honesty"},
	{"curiosity", "craft", "play", "beauty", "wonder"},
	{"justice", "solidarity", "dignity", "service", "humility"},
}

// plant adds eight members to each cluster, who rank its values in order
// but swap the last two every other person, spread over three
// organisations; and one more person with cluster 0's values kept to
// herself, whom stewards' groupings must not use. It returns the member
// IDs of each cluster.
func plant(t *testing.T, f *fixture) [][]int64 {
	t.Helper()
	out := make([][]int64, len(plantedClusters))
	for c, vals := range plantedClusters {
		for i := range 8 {
			u, a := f.member(t, fmt.Sprintf("P%d-%d", c, i))
			f.setProfile(t, u.ID, testProfile{Org: fmt.Sprintf("Org %d", i%3)})
			mine := append([]string{}, vals...)
			if i%2 == 1 {
				mine[3], mine[4] = mine[4], mine[3]
			}
			f.setValues(t, a.MemberID, mine...)
			out[c] = append(out[c], a.MemberID)
		}
	}
	u, a := f.member(t, "Private Pat")
	f.setProfile(t, u.ID, testProfile{Vis: map[Field]Visibility{FieldValues: OnlyMe}})
	f.setValues(t, a.MemberID, plantedClusters[0]...)
	f.Steward = f.fresh(t, f.Steward)
	return out
}

// groupIDs lists each group's member IDs.
func groupIDs(d *RunDetail) [][]int64 {
	var out [][]int64
	for _, g := range d.Groups {
		var ids []int64
		for _, m := range g.Preview {
			ids = append(ids, m.MemberID)
		}
		out = append(out, ids)
	}
	return out
}

// wantPlanted checks a finished run found the three planted clusters.
func wantPlanted(t *testing.T, d *RunDetail, clusters [][]int64) {
	t.Helper()
	if d.Status != "done" || d.People != 24 || d.GroupCount != 3 || d.Modularity == nil {
		t.Fatalf("run: %+v", d.Run)
	}
	// Three equal cliques with no edges between: modularity 1 − 3·(1/3)² = 2/3.
	if math.Abs(*d.Modularity-2.0/3) > 1e-6 {
		t.Fatalf("modularity %v, want 2/3", *d.Modularity)
	}
	same(t, "groups", groupIDs(d), clusters)
	for i, g := range d.Groups {
		summary := plantedClusters[i][0] + ", " + plantedClusters[i][1] + " and " + plantedClusters[i][2]
		same(t, "group", []any{g.No, g.Size, g.Organisations, g.Summary}, []any{i + 1, 8, 3, summary})
		same(t, "first member", [2]string{g.Preview[0].Name, g.Preview[0].Organisation}, [2]string{fmt.Sprintf("P%d-0", i), "Org 0"})
	}
}

func TestGroupingsThroughQueue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		clusters := plant(t, f)
		ctx := context.Background()
		q, err := jobs.Open(ctx, f.DB, jobs.Options{PollInterval: 50 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		ok(t, err)
		jobs.Add(q, &GroupingWorker{S: f.S})
		ok(t, q.Start(ctx))
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = q.Stop(ctx)
			q.Close()
		})
		f.S.Queue = q
		run, err := f.S.StartGrouping(ctxOf(f.Steward), f.Steward)
		ok(t, err)
		// The queue may pick the job up before StartGrouping reads the run back.
		if (run.Status != "queued" && run.Status != "running" && run.Status != "done") || run.JobID == nil || run.RequestedBy != "Sam Steward" {
			t.Fatalf("started run: %+v", run)
		}
		deadline := time.Now().Add(30 * time.Second)
		var d *RunDetail
		for {
			d, err = f.S.Grouping(ctxOf(f.Steward), f.Steward, run.ID)
			ok(t, err)
			if d.Status == "done" || d.Status == "failed" || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		wantPlanted(t, d, clusters)
		job, err := q.Get(ctx, *run.JobID)
		ok(t, err)
		var res GroupingResult
		ok(t, json.Unmarshal(job.Result, &res))
		if res.RunID != run.ID || res.People != 24 || res.Groups != 3 || job.Title != "Suggest groupings" {
			t.Fatalf("job: %+v, result %s", job, job.Result)
		}
		same(t, "activity", len(f.entries(t, "groupings.")), 1)
		same(t, "audience", f.entries(t, "groupings.")[0].Audience, "stewards")
	})
}

func TestGroupings(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		clusters := plant(t, f)
		fq := newStateQueue()
		f.S.Queue = fq
		t.Run("ErrNotSteward", func(t *testing.T) {
			_, err := f.S.StartGrouping(ctxOf(f.Member), f.Member)
			wantErr(t, err, errs.Forbidden, "", "Only stewards")
			_, err = f.S.StartGrouping(ctxOf(f.Anon), f.Anon)
			wantErr(t, err, errs.Unauthorized, "", "")
			_, err = f.S.Groupings(ctxOf(f.Member), f.Member)
			wantErr(t, err, errs.Forbidden, "", "")
			same(t, "runs", f.count(t, "SELECT count(*) FROM grouping_runs"), 0)
			same(t, "enqueued", len(fq.args), 0)
		})
		var runID int64
		t.Run("ErrConflict", func(t *testing.T) {
			run, err := f.S.StartGrouping(ctxOf(f.Steward), f.Steward)
			ok(t, err)
			runID = run.ID
			same(t, "enqueued", fq.args, []river.JobArgs{GroupingArgs{RunID: run.ID}})
			same(t, "owner", fq.owners[0], jobs.Owner{UserID: f.Steward.User.ID, CollectiveID: f.C.ID, Title: "Suggest groupings"})
			same(t, "job id", *run.JobID, int64(1001))
			_, err = f.S.StartGrouping(ctxOf(f.Steward), f.Steward)
			wantErr(t, err, errs.Conflict, "", "already being suggested")
			same(t, "runs", f.count(t, "SELECT count(*) FROM grouping_runs"), 1)
		})
		t.Run("Idempotent", func(t *testing.T) {
			w := &GroupingWorker{S: f.S}
			job := &river.Job[GroupingArgs]{JobRow: &rivertype.JobRow{ID: 1001}, Args: GroupingArgs{RunID: runID}}
			for range 2 {
				ok(t, w.Work(context.Background(), job))
				d, err := f.S.Grouping(ctxOf(f.Steward), f.Steward, runID)
				ok(t, err)
				wantPlanted(t, d, clusters)
				same(t, "member rows", f.count(t, "SELECT count(*) FROM grouping_members WHERE run_id = ?", runID), 24)
			}
			runs, err := f.S.Groupings(ctxOf(f.Steward), f.Steward)
			ok(t, err)
			same(t, "runs", len(runs), 1)
			// Done, so a new run may start; it is listed first.
			run, err := f.S.StartGrouping(ctxOf(f.Steward), f.Steward)
			ok(t, err)
			runs, err = f.S.Groupings(ctxOf(f.Steward), f.Steward)
			ok(t, err)
			same(t, "latest first", []int64{runs[0].ID, runs[1].ID}, []int64{run.ID, runID})
		})
		t.Run("ErrOtherCollective", func(t *testing.T) {
			_, err := f.S.Grouping(ctxOf(f.Steward), f.Steward, runID+100)
			wantErr(t, err, errs.NotFound, "", "")
			_, err = f.S.Grouping(ctxOf(f.Member), f.Member, runID)
			wantErr(t, err, errs.Forbidden, "", "")
		})
	})
}
