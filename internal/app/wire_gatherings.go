package app

import (
	"context"
	"net/mail"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/decision"
	"commonground/internal/gathering"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// wireGatherings builds the gathering service on the decision service (time
// polls, through gatheringScheduler) and the commitment service (commitments
// made, through gatheringCommitments), registers the time poll's close and
// cancel hooks, the daily job that extends recurring gatherings, and the
// pages, API and calendar feeds.
func (a *App) wireGatherings() {
	a.Gatherings = &gathering.Service{DB: a.DB, Collectives: a.Collectives, BaseURL: a.Config.BaseURL,
		Scheduler: gatheringScheduler{a.Decisions}, Commitments: gatheringCommitments{a.Commitments},
		Sender: senderAddress(a.Config.SMTP.From)}
	a.Decisions.OnClose = append(a.Decisions.OnClose, func(ctx context.Context, tx *store.Tx, c decision.ClosedDecision) error {
		if c.Method != decision.TimePoll {
			return nil
		}
		p := gathering.ClosedPoll{CollectiveID: c.CollectiveID, DecisionID: c.DecisionID, Subject: c.Subject, ClosedAt: c.ClosedAt}
		if len(c.Winners) > 0 {
			p.Winner = c.Winners[0].StartsAt
		}
		return a.Gatherings.PollClosed(ctx, tx, p)
	})
	a.Decisions.OnCancel = append(a.Decisions.OnCancel, func(ctx context.Context, tx *store.Tx, c decision.ClosedDecision) error {
		return a.Gatherings.PollCancelled(ctx, tx, c.CollectiveID, c.DecisionID, c.Subject)
	})
	// The notifier is wired after this, so the call looks it up when sent.
	a.Gatherings.Notify = func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		if a.Notifier == nil {
			return nil
		}
		return a.Notifier.Notify(ctx, tx, n)
	}
	if q := a.Jobs; q != nil {
		jobs.Add(q, &gathering.ExtendWorker{S: a.Gatherings})
		q.Periodic(gathering.ExtendEvery, func() river.JobArgs { return gathering.ExtendArgs{} })
	}
	(&gathering.Handlers{S: a.Gatherings, Collectives: a.Collectives, Web: a.Web}).Register()
}

// senderAddress is the bare address of the configured sender ("" when none
// or unreadable): invitations name it as their organizer.
func senderAddress(from string) string {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return ""
	}
	return addr.Address
}
