package gathering

import (
	"context"
	"fmt"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// SetMinutes saves an occurrence's minutes (host, creator or steward).
func (s *Service) SetMinutes(ctx context.Context, a *collective.Access, occurrenceID int64, minutes string) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to change the gatherings of %s.", a.Collective.Name)
	}
	if utf8.RuneCountInString(minutes) > MaxMinutes {
		return errs.Field("minutes", "Keep the minutes to %d characters.", MaxMinutes)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, g); err != nil {
			return err
		}
		if err := openDate(o, g); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET minutes = ? WHERE id = ?", minutes, o.ID); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "gathering.minutes", g.ID, Link(a, g.ID, o.ID),
			a.User.Name+" saved the minutes of "+quote(g.Title)+" on "+attendDay(o.StartsAt, g.TimeZone)+".")
	})
}

// CloseReport marks an occurrence's report closed (after its end).
// Outcomes may still come later; closing says the report is ready to read.
func (s *Service) CloseReport(ctx context.Context, a *collective.Access, occurrenceID int64) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to change the gatherings of %s.", a.Collective.Name)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, g); err != nil {
			return err
		}
		if err := openDate(o, g); err != nil {
			return err
		}
		if tx.Now.Before(o.EndsAt) {
			return errs.New(errs.Conflict, "The report of “%s” can be closed once it ends, on %s.", g.Title, attendWhen(o.EndsAt, g.TimeZone))
		}
		if o.ClosedAt != nil {
			return errs.New(errs.Conflict, "The report of “%s” on %s is closed already.", g.Title, attendDay(o.StartsAt, g.TimeZone))
		}
		if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET closed_at = ? WHERE id = ?", tx.Now, o.ID); err != nil {
			return err
		}
		var outcomes int64
		if err := tx.Get(ctx, &outcomes, "SELECT COUNT(*) FROM gathering_outcomes WHERE occurrence_id = ?", o.ID); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "gathering.report_closed", g.ID, Link(a, g.ID, o.ID),
			fmt.Sprintf("%s closed the report of %s on %s: %s came, %s.", a.User.Name, quote(g.Title),
				attendDay(o.StartsAt, g.TimeZone), plural(o.Attended, "person", "people"), plural(outcomes, "outcome", "outcomes")))
	})
}

// plural is "1 outcome", "3 outcomes".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
