package people

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/riverqueue/river"

	"commonground/internal/graph"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// Grouping settings: each person's 20 nearest by values make the
// similarity graph, as the issue asks.
const groupingNeighbours = 20

// GroupingWorker runs suggested groupings (GroupingArgs) as a job.
type GroupingWorker struct {
	river.WorkerDefaults[GroupingArgs]
	S *Service
}

// GroupingResult is what a run found, stored as the job's result.
type GroupingResult struct {
	RunID      int64    `json:"run_id"`
	People     int      `json:"people"`
	Groups     int      `json:"groups"`
	Modularity *float64 `json:"modularity,omitempty"`
}

// errRunGone means the run's row is gone (its collective was deleted):
// there is nothing left to do.
var errRunGone = errors.New("people: grouping run gone")

// Work suggests the groupings of one run. It is idempotent: the run's
// groups are replaced whole in one transaction, and KNN and Louvain are
// seeded by the run's ID, so a second attempt writes what the first would
// have. On error, a panic included, the run is marked failed with the
// message (a later attempt may still finish it: the run stays busy while
// River may retry, see groupings_live.go).
func (w *GroupingWorker) Work(ctx context.Context, job *river.Job[GroupingArgs]) error {
	res, err := safely(func() (*GroupingResult, error) { return w.S.runGrouping(ctx, job.Args.RunID) })
	if errors.Is(err, errRunGone) {
		return nil
	}
	if err != nil {
		bg := context.WithoutCancel(ctx)
		if ferr := w.S.DB.Write(bg, func(tx *store.Tx) error {
			_, err := tx.Exec(bg, `UPDATE grouping_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`,
				"Suggesting groupings failed: "+err.Error(), tx.Now, job.Args.RunID)
			return err
		}); ferr != nil {
			return errors.Join(err, ferr)
		}
		return err
	}
	if jobs.IDFrom(ctx) == 0 {
		return nil // run directly (tests, tools): no job to report to
	}
	return jobs.Result(ctx, res)
}

// safely runs f, turning a panic into an error so that the run is marked
// failed like any other failure rather than left running.
func safely(f func() (*GroupingResult, error)) (res *GroupingResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("an unexpected error in the worker (%v)", p)
		}
	}()
	return f()
}

// progress reports how far the run is when it runs as a job. Progress is
// for people watching; a failure to write it must not fail the run.
func progress(ctx context.Context, done, total int, msg string) {
	if jobs.IDFrom(ctx) != 0 {
		_ = jobs.Progress(ctx, int64(done), int64(total), msg)
	}
}

// runGrouping computes and stores the groups of run runID.
func (s *Service) runGrouping(ctx context.Context, runID int64) (*GroupingResult, error) {
	var run []struct {
		CollectiveID int64 `db:"collective_id"`
		Version      int64 `db:"version"`
	}
	if err := s.DB.Select(ctx, &run, `SELECT r.collective_id, c.version FROM grouping_runs r
		JOIN collectives c ON c.id = r.collective_id WHERE r.id = ?`, runID); err != nil {
		return nil, err
	}
	if len(run) == 0 {
		return nil, errRunGone
	}
	if err := s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE grouping_runs SET status = 'running', error = '', finished_at = NULL WHERE id = ?`, runID)
		return err
	}); err != nil {
		return nil, err
	}
	progress(ctx, 0, 1, "Reading values")
	ix, err := s.index(ctx, run[0].CollectiveID, run[0].Version)
	if err != nil {
		return nil, err
	}
	who, vecs := groupingVectors(ix)
	progress(ctx, 0, len(vecs), "Finding people with similar values")
	nn := graph.KNN(vecs, graph.KNNOptions{K: groupingNeighbours, Seed: uint64(runID), Progress: func(done, total int) {
		progress(ctx, done, total, "Finding people with similar values")
	}})
	names := make([]string, len(who))
	for i, p := range who {
		names[i] = strconv.FormatInt(ix.people[p].memberID, 10)
	}
	g, err := graph.SimilarityGraph(names, nn)
	if err != nil {
		return nil, err
	}
	progress(ctx, len(vecs), len(vecs), "Finding groups")
	res := &GroupingResult{RunID: runID, People: len(vecs)}
	var groups []builtGroup
	if len(vecs) > 0 {
		comm, q := graph.Louvain(g, uint64(runID))
		if !math.IsNaN(q) && !math.IsInf(q, 0) {
			res.Modularity = &q
		}
		groups = ix.buildGroups(who, comm)
	}
	res.Groups = len(groups)
	progress(ctx, len(vecs), len(vecs), fmt.Sprintf("Saving %d groups", len(groups)))
	if err := s.saveGroups(ctx, runID, res, groups); err != nil {
		return nil, err
	}
	return res, nil
}

// groupingVectors is the rank-weighted value vector of every person whose
// values stewards may see (the run is for stewards) and who has any; who
// maps a vector back to its person.
func groupingVectors(ix *matchIndex) (who []int32, vecs []graph.SparseVector) {
	for i := range ix.people {
		p := &ix.people[i]
		if len(p.values) == 0 || !Level(Stewards).Shows(Visibility(p.visValues)) {
			continue
		}
		order := make([]int, len(p.values))
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(p.values[a], p.values[b]) })
		v := graph.SparseVector{Idx: make([]int32, len(order)), W: make([]float32, len(order))}
		for j, o := range order {
			v.Idx[j], v.W[j] = p.values[o], float32(rankWeight(int(p.ranks[o])))
		}
		who = append(who, int32(i))
		vecs = append(vecs, v)
	}
	return who, vecs
}

// builtGroup is a group before it is stored.
type builtGroup struct {
	members       []int32 // places in the index
	ids           []int64 // their member IDs, in the same order
	organisations int
	summary       string
}

// buildGroups turns communities into groups of at least MinGroupSize,
// largest first (equal sizes by their lowest member ID), each with how
// many organisations it spans and the values its people share most.
func (ix *matchIndex) buildGroups(who []int32, comm []int32) []builtGroup {
	by := map[int32][]int32{}
	for i, c := range comm {
		by[c] = append(by[c], who[i])
	}
	var out []builtGroup
	for _, ms := range by {
		if len(ms) < MinGroupSize {
			continue
		}
		slices.SortFunc(ms, func(a, b int32) int { return cmp.Compare(ix.people[a].memberID, ix.people[b].memberID) })
		ids := make([]int64, len(ms))
		for i, p := range ms {
			ids[i] = ix.people[p].memberID
		}
		out = append(out, builtGroup{members: ms, ids: ids, organisations: ix.organisations(ms), summary: ix.summary(ms)})
	}
	slices.SortFunc(out, func(a, b builtGroup) int {
		if len(a.members) != len(b.members) {
			return len(b.members) - len(a.members)
		}
		return cmp.Compare(a.ids[0], b.ids[0])
	})
	return out
}

// organisations counts the distinct organisations (as stewards may see
// them, compared in normalised form) among ms.
func (ix *matchIndex) organisations(ms []int32) int {
	seen := map[string]bool{}
	for _, p := range ms {
		person := &ix.people[p]
		if org := NormaliseTag(person.organisation); org != "" && Level(Stewards).Shows(Visibility(person.visOrg)) {
			seen[org] = true
		}
	}
	return len(seen)
}

// summary names the group's top three shared values: held by at least two
// of its people, by their summed rank weight (ties by name).
func (ix *matchIndex) summary(ms []int32) string {
	weight := map[int32]int{}
	holders := map[int32]int{}
	for _, p := range ms {
		person := &ix.people[p]
		for j, t := range person.values {
			weight[t] += int(rankWeight(int(person.ranks[j])))
			holders[t]++
		}
	}
	var terms []int32
	for t, n := range holders {
		if n >= 2 {
			terms = append(terms, t)
		}
	}
	slices.SortFunc(terms, func(a, b int32) int {
		if weight[a] != weight[b] {
			return weight[b] - weight[a]
		}
		return strings.Compare(ix.terms[a], ix.terms[b])
	})
	names := make([]string, 0, 3)
	for _, t := range terms[:min(3, len(terms))] {
		names = append(names, ix.terms[t])
	}
	return joinAnd(names)
}

// rowsPerInsert bounds one multi-row INSERT (at most five parameters a
// row, well under SQLite's and PostgreSQL's limits).
const rowsPerInsert = 500

// saveGroups replaces the run's groups and members and marks it done, in
// one transaction: a run never shows half its groups. A member who left
// since the index was read fails the insert (the foreign key); the job's
// next attempt reads the new membership.
func (s *Service) saveGroups(ctx context.Context, runID int64, res *GroupingResult, groups []builtGroup) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM grouping_members WHERE run_id = ?", runID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM grouping_groups WHERE run_id = ?", runID); err != nil {
			return err
		}
		var groupRows, memberRows [][]any
		for i, g := range groups {
			groupRows = append(groupRows, []any{runID, i + 1, len(g.ids), g.organisations, g.summary})
			for _, id := range g.ids {
				memberRows = append(memberRows, []any{runID, i + 1, id})
			}
		}
		if err := insertRows(ctx, tx, "grouping_groups (run_id, group_no, size, organisations, summary)", groupRows); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, "grouping_members (run_id, group_no, member_id)", memberRows); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE grouping_runs SET status = 'done', people = ?, group_count = ?, modularity = ?,
			error = '', finished_at = ? WHERE id = ?`, res.People, res.Groups, res.Modularity, tx.Now, runID)
		return err
	})
}

// insertRows inserts rows (all of one width) into table, rowsPerInsert at
// a time.
func insertRows(ctx context.Context, tx *store.Tx, table string, rows [][]any) error {
	for lo := 0; lo < len(rows); lo += rowsPerInsert {
		batch := rows[lo:min(lo+rowsPerInsert, len(rows))]
		place := "(?" + strings.Repeat(", ?", len(batch[0])-1) + ")"
		var sb strings.Builder
		args := make([]any, 0, len(batch)*len(batch[0]))
		sb.WriteString("INSERT INTO " + table + " VALUES ")
		for i, r := range batch {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(place)
			args = append(args, r...)
		}
		if _, err := tx.Exec(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
