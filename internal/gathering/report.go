package gathering

import (
	"context"

	"commonground/internal/collective"
)

// Report is an occurrence's closing report: who came, from which
// organisations, outcomes by kind, the cost in person-hours and the yield.
// Before the date the cost is what it will be: the people going.
func (s *Service) Report(ctx context.Context, a *collective.Access, occurrenceID int64) (*Report, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	o, g, err := loadOccurrence(ctx, s.DB, a, occurrenceID)
	if err != nil {
		return nil, err
	}
	v := &View{Gathering: g, Occurrence: o, CanManage: s.canManage(ctx, s.DB, a, g)}
	if a.IsMember() {
		if v.Invited, err = invitedIn(ctx, s.DB, g.ID, a.MemberID); err != nil {
			return nil, err
		}
		if v.Mine, err = registrationOf(ctx, s.DB, o.ID, a.MemberID); err != nil {
			return nil, err
		}
	}
	r := &Report{View: v}
	if r.Attendees, err = attendees(ctx, s.DB, o.ID); err != nil {
		return nil, err
	}
	if r.Organisations, err = orgCounts(ctx, s.DB, o.ID); err != nil {
		return nil, err
	}
	if r.Outcomes, err = s.outcomesOf(ctx, s.DB, a, o.ID); err != nil {
		return nil, err
	}
	r.ByKind = byKind(r.Outcomes)
	people := o.Attended
	if s.DB.Now().Before(o.StartsAt) {
		people = o.Going
	}
	r.PersonHours = float64(people) * o.Hours()
	r.PerPersonHour = perHour(int64(len(r.Outcomes)), r.PersonHours)
	return r, nil
}

// orgCounts counts the attendees of each organisation, most first; a
// person with two organisations counts for both, one with none for none.
func orgCounts(ctx context.Context, q querier, occurrenceID int64) ([]OrgCount, error) {
	out := []OrgCount{}
	err := q.Select(ctx, &out, `SELECT o.name, COUNT(*) AS count FROM gathering_attendance a
		JOIN affiliations af ON af.member_id = a.member_id JOIN organisations o ON o.id = af.organisation_id
		WHERE a.occurrence_id = ? GROUP BY o.id, o.name, o.sort_name ORDER BY COUNT(*) DESC, o.sort_name`, occurrenceID)
	return out, err
}

// byKind counts outcomes of every kind in OutcomeKinds' order, zeros too,
// so reports line up.
func byKind(outcomes []Outcome) []KindCount {
	out := make([]KindCount, len(OutcomeKinds))
	for i, k := range OutcomeKinds {
		out[i] = KindCount{Kind: k.Kind, Label: k.Label}
	}
	for _, o := range outcomes {
		for j := range out {
			if out[j].Kind == o.Kind {
				out[j].Count++
			}
		}
	}
	return out
}

// perHour is outcomes per person-hour, 0 when nothing was spent.
func perHour(outcomes int64, hours float64) float64 {
	if hours <= 0 {
		return 0
	}
	return float64(outcomes) / hours
}
