package app

import (
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/jobs"
)

// digestCheckEvery is how often the digest jobs are queued. Each is keyed
// by its period (a day, an ISO week) and sends a person at most one digest
// per key, so the hourly check sends each digest once, in the first hour
// of its period, and catches up after downtime.
const digestCheckEvery = time.Hour

// wireNotifications wires notifications: the in-app list, preferences,
// e-mail and digests. The collective service sends its notices through it,
// and account deletion forgets a person's notifications.
func (a *App) wireNotifications() {
	n := &activity.Notifier{DB: a.DB, Queue: a.Jobs, Mailer: a.Auth.Mailer, BaseURL: a.Config.BaseURL,
		Secret: a.Web.Config.Secret, Log: a.Log}
	a.Notifier = n
	a.Collectives.Notify = n.Notify
	a.Auth.BeforeDelete = append(a.Auth.BeforeDelete, n.BeforeAccountDelete)
	a.Web.SetUnread(n.Unread)
	if q := a.Jobs; q != nil {
		jobs.Add(q, &activity.EmailWorker{N: n})
		jobs.Add(q, &activity.DigestWorker{N: n})
		q.Periodic(digestCheckEvery, func() river.JobArgs { return activity.DigestArgsAt(time.Now()) })
	}
	(&activity.NoticeHandlers{N: n, Web: a.Web}).Register()
}
