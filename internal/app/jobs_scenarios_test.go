package app_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/riverqueue/river"

	"commonground/internal/jobs"
)

// scJobArgs is a job the scenarios queue for a member; the scenario app
// never starts its queue, so it stays waiting.
type scJobArgs struct{}

func (scJobArgs) Kind() string { return "test.scenario" }

type scJobWorker struct {
	river.WorkerDefaults[scJobArgs]
}

func (scJobWorker) Work(context.Context, *river.Job[scJobArgs]) error { return nil }

func init() { scMoreScenarios = append(scMoreScenarios, scJobScenarios) }

// scJobScenarios: who sees which job, and who may start the prune.
func scJobScenarios(f *scFixture) []scScenario {
	ctx := context.Background()
	jobs.Add(f.app.Jobs, scJobWorker{})
	var cid int64
	if err := f.app.DB.Get(ctx, &cid, "SELECT id FROM collectives WHERE slug = ?", scA); err != nil {
		panic(err)
	}
	mine, err := f.app.Jobs.EnqueueNow(ctx, scJobArgs{}, jobs.Owner{UserID: f.user["member"].ID, CollectiveID: cid, Title: "Import the member list"})
	if err != nil {
		panic(err)
	}
	prune, err := f.app.Jobs.EnqueueNow(ctx, jobs.PruneArgs{}, jobs.Owner{UserID: f.user["admin"].ID})
	if err != nil {
		panic(err)
	}
	job := fmt.Sprintf("/jobs/%d", mine)
	pruneJob := fmt.Sprintf("/jobs/%d", prune)
	pruneJobs := func(t *testing.T, want int) {
		t.Helper()
		var n int
		if err := f.app.DB.Get(ctx, &n, "SELECT COUNT(*) FROM river_job WHERE kind = 'sessions.prune'"); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Fatalf("%d prune jobs queued, want %d", n, want)
		}
	}
	return []scScenario{
		{name: "Jobs/Anonymous", who: "anonymous", method: "GET", path: "/jobs", wantStatus: 303, wantLocation: scSignIn("/jobs")},
		{name: "Jobs/MemberSeesOwn", who: "member", method: "GET", path: "/jobs", wantStatus: 200,
			wantContains:    []string{"Your jobs", "Import the member list", "Waiting"},
			wantNotContains: []string{"Prune expired sessions", "/jobs/prune"}},
		{name: "Jobs/OutsiderSeesNone", who: "outsider", method: "GET", path: "/jobs", wantStatus: 200,
			wantContains: []string{"No jobs yet."}, wantNotContains: []string{"Import the member list"}},
		{name: "Jobs/AdminSeesAll", who: "admin", method: "GET", path: "/jobs", wantStatus: 200,
			wantContains: []string{"Import the member list", "Prune expired sessions", `action="/jobs/prune"`}},
		{name: "Jobs/OlderPage", who: "admin", method: "GET", path: fmt.Sprintf("/jobs?before=%d", mine), wantStatus: 200,
			wantContains: []string{"No older jobs.", "Newest jobs"}},
		{name: "Jobs/ErrBadBefore", who: "member", method: "GET", path: "/jobs?before=abc", wantStatus: 422,
			wantContains:    []string{"The page position must be a job number; start again from the newest jobs."},
			wantNotContains: []string{"Import the member list"}},
		{name: "Job/Owner", who: "member", method: "GET", path: job, wantStatus: 200,
			wantContains: []string{"<h1>Import the member list</h1>", "Waiting", "Not measured yet", "updates itself", "?follow=0"}},
		{name: "Job/OwnerStopsUpdating", who: "member", method: "GET", path: job + "?follow=0", wantStatus: 200,
			wantContains: []string{"Update this page"}, wantNotContains: []string{"updates itself"}},
		{name: "Job/StewardOfItsCollective", who: "steward", method: "GET", path: job, wantStatus: 200,
			wantContains: []string{"Import the member list"}},
		{name: "Job/AdminSeesAny", who: "admin", method: "GET", path: job, wantStatus: 200},
		{name: "Job/ObserverIsNotSteward", who: "observer", method: "GET", path: job, wantStatus: 404,
			wantNotContains: []string{"Import the member list"}},
		{name: "Job/Outsider", who: "outsider", method: "GET", path: job, wantStatus: 404},
		{name: "Job/Anonymous", who: "anonymous", method: "GET", path: job, wantStatus: 303, wantLocation: scSignIn(job)},
		{name: "Job/Unknown", who: "member", method: "GET", path: "/jobs/999999", wantStatus: 404},
		{name: "Job/NotANumber", who: "member", method: "GET", path: "/jobs/abc", wantStatus: 404},
		{name: "Prune/MemberForbidden", who: "member", method: "POST", path: "/jobs/prune", wantStatus: 403,
			check: func(t *testing.T, f *scFixture, b *scBrowser) { pruneJobs(t, 1) }},
		// One prune is already waiting: asking again shows that one.
		{name: "Prune/AdminQueuesOnce", who: "admin", method: "POST", path: "/jobs/prune", wantStatus: 303, wantLocation: pruneJob,
			check: func(t *testing.T, f *scFixture, b *scBrowser) {
				pruneJobs(t, 1)
				res, body := b.do(t, http.MethodGet, pruneJob, nil, nil, nil)
				if res.StatusCode != 200 {
					t.Fatalf("GET %s: %d", pruneJob, res.StatusCode)
				}
				scCheckBody(t, "job page", body, []string{"The prune job is queued.", "<h1>Prune expired sessions</h1>"}, nil)
			}},
	}
}
