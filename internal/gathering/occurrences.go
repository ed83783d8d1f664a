package gathering

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// invitedSQL is the condition "member ? is invited to gathering g", for
// lists; invitedIn says the same for one gathering.
const invitedSQL = `(g.invite_everyone
	OR EXISTS (SELECT 1 FROM gathering_invitees i WHERE i.gathering_id = g.id AND i.member_id = ?)
	OR EXISTS (SELECT 1 FROM gathering_invitees i JOIN affiliations af ON af.organisation_id = i.organisation_id
		WHERE i.gathering_id = g.id AND af.member_id = ?))`

// listCols are a Listed row's columns after the occurrence's.
const listCols = `, g.title, g.intention, g.format, g.time_zone, (g.rrule <> '') AS recurring,
	g.status AS gathering_status, g.capacity`

// List pages through the collective's occurrences, upcoming (from now,
// soonest first) or past (latest first). Cancelled gatherings and dates
// are listed too, marked by their statuses, so nobody turns up to one that
// was called off. Gatherings whose date a time poll is still choosing are
// upcoming whatever their first candidate, as one row each with occurrence
// ID 0 (their page is GatheringLink), sorted by that first candidate. Mine
// keeps those I am invited to or going to (or waiting for).
func (s *Service) List(ctx context.Context, a *collective.Access, q ListQuery) (*ListPage, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if q.Page < 1 {
		q.Page = 1
	}
	from := q.From
	if from.IsZero() {
		from = s.DB.Now()
	}
	dates := "SELECT " + occurrenceCols + listCols + `, COALESCE(r.status, '') AS my_status
		FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		LEFT JOIN gathering_registrations r ON r.occurrence_id = o.id AND r.member_id = ?
		WHERE o.collective_id = ?`
	args := []any{a.MemberID, a.Collective.ID}
	if q.Past {
		dates += " AND o.starts_at < ?"
	} else {
		dates += " AND o.starts_at >= ?"
	}
	args = append(args, from.UTC())
	if q.Mine {
		dates += " AND (r.status IN ('going', 'waiting') OR " + invitedSQL + ")"
		args = append(args, a.MemberID, a.MemberID)
	}
	query := dates + " ORDER BY o.starts_at DESC, o.id DESC"
	if !q.Past {
		open := `SELECT 0 AS id, g.id AS gathering_id, g.collective_id, g.starts_at AS recurrence_id, g.starts_at, g.ends_at,
				'planned' AS status, FALSE AS moved, '' AS minutes, NULL AS closed_at, 0 AS going,
				0 AS waiting, 0 AS attended` + listCols + `, '' AS my_status
			FROM gatherings g WHERE g.collective_id = ? AND g.status = 'scheduling'`
		args = append(args, a.Collective.ID)
		if q.Mine {
			open += " AND " + invitedSQL
			args = append(args, a.MemberID, a.MemberID)
		}
		// A compound SELECT, not a subquery over one: SQLite keeps the first
		// branch's declared column types only so, and without them the
		// driver hands timestamps back as text.
		query = dates + " UNION ALL " + open + " ORDER BY starts_at, gathering_id, id"
	}
	query += " LIMIT ? OFFSET ?"
	args = append(args, PageSize+1, (q.Page-1)*PageSize)
	page := &ListPage{Items: []Listed{}, Page: q.Page}
	if err := s.DB.Select(ctx, &page.Items, query, args...); err != nil {
		return nil, err
	}
	if len(page.Items) > PageSize {
		page.Items, page.More = page.Items[:PageSize], true
	}
	for i := range page.Items {
		page.Items[i].Occurrence.utc()
	}
	return page, nil
}

// Occurrences lists a gathering's dates in order, for its page and API.
func (s *Service) Occurrences(ctx context.Context, a *collective.Access, gatheringID int64) ([]Occurrence, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if _, err := loadGathering(ctx, s.DB, a, gatheringID); err != nil {
		return nil, err
	}
	return datesOf(ctx, s.DB, gatheringID)
}

// datesOf reads every date of a gathering, in order.
func datesOf(ctx context.Context, q querier, gatheringID int64) ([]Occurrence, error) {
	out := []Occurrence{}
	if err := q.Select(ctx, &out, "SELECT "+occurrenceCols+` FROM gathering_occurrences o
		WHERE o.gathering_id = ? ORDER BY o.starts_at, o.id`, gatheringID); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].utc()
	}
	return out, nil
}

// View reads one occurrence with its gathering and my answer. occurrenceID
// 0 picks the next date that takes place (or, when none is coming, the
// last one; none while the date is open).
func (s *Service) View(ctx context.Context, a *collective.Access, gatheringID, occurrenceID int64) (*View, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	g, err := loadGathering(ctx, s.DB, a, gatheringID)
	if err != nil {
		return nil, err
	}
	if err := fillDetails(ctx, s.DB, g); err != nil {
		return nil, err
	}
	v := &View{Gathering: g, CanManage: s.canManage(ctx, s.DB, a, g)}
	if v.Invited, err = invitedIn(ctx, s.DB, g.ID, a.MemberID); err != nil {
		return nil, err
	}
	if g.Status == Scheduling && g.PollDecisionID != nil && s.Scheduler != nil {
		v.PollLink = s.Scheduler.DecisionLink(a, *g.PollDecisionID)
	}
	if occurrenceID != 0 {
		o, og, err := loadOccurrence(ctx, s.DB, a, occurrenceID)
		if err != nil {
			return nil, err
		}
		if og.ID != g.ID {
			return nil, errNoDate()
		}
		v.Occurrence = o
	} else if g.Status != Scheduling {
		if v.Occurrence, err = s.currentDate(ctx, g.ID); err != nil {
			return nil, err
		}
	}
	if v.Occurrence != nil && a.MemberID != 0 {
		var r Registration
		err := s.DB.Get(ctx, &r, `SELECT r.occurrence_id, r.member_id, u.name, r.status, r.online, r.waiting_since, r.updated_at
			FROM gathering_registrations r JOIN members m ON m.id = r.member_id JOIN users u ON u.id = m.user_id
			WHERE r.occurrence_id = ? AND r.member_id = ?`, v.Occurrence.ID, a.MemberID)
		switch {
		case store.NotFound(err):
		case err != nil:
			return nil, err
		default:
			r.UpdatedAt = r.UpdatedAt.UTC()
			if r.WaitingSince != nil {
				t := r.WaitingSince.UTC()
				r.WaitingSince = &t
			}
			v.Mine = &r
		}
	}
	return v, nil
}

// currentDate is the next date that takes place, else the latest one, or
// nil when the gathering has none.
func (s *Service) currentDate(ctx context.Context, gatheringID int64) (*Occurrence, error) {
	var o Occurrence
	err := s.DB.Get(ctx, &o, "SELECT "+occurrenceCols+` FROM gathering_occurrences o
		WHERE o.gathering_id = ? AND o.starts_at >= ? AND o.status = 'planned' ORDER BY o.starts_at LIMIT 1`,
		gatheringID, s.DB.Now().UTC())
	if store.NotFound(err) {
		err = s.DB.Get(ctx, &o, "SELECT "+occurrenceCols+` FROM gathering_occurrences o
			WHERE o.gathering_id = ? ORDER BY o.starts_at DESC LIMIT 1`, gatheringID)
	}
	if store.NotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	o.utc()
	return &o, nil
}
