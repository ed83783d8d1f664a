package decision

import (
	"cmp"
	"context"
	"slices"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/stats"
)

// powerCount is a sum of power_counts rows: per member (Month empty), per
// month (MemberID 0), or one row.
type powerCount struct {
	MemberID   int64  `db:"member_id"`
	Month      string `db:"month"`
	Proposals  int64  `db:"proposals"`
	Votes      int64  `db:"votes"`
	Objections int64  `db:"objections"`
	Decisive   int64  `db:"decisive_objections"`
}

// powerAff is a member's affiliation with an organisation.
type powerAff struct {
	MemberID int64 `db:"member_id"`
	OrgID    int64 `db:"organisation_id"`
}

// powerData is what Power reads: sums kept as the counters are written, or
// summed by the database, so a collective with 10,000 decisions returns a
// few thousand rows instead of every counter.
type powerData struct {
	people   []PowerRow   // current members who may take part, by name
	orgs     []PowerRow   // organisations, by name
	affs     []powerAff   // who is with which organisation
	byMember []powerCount // counters summed per member over the window
	byMonth  []powerCount // counters summed per month, everyone's
	proposed []powerCount // the rows with proposals, for each month's spread
}

// Power returns how spread decision power is, for every member to see.
//
// The people counted are the current members who may take part (not those
// who are only observers: they cannot propose or vote, and counting them
// as zeros would make power look more concentrated than the rules make
// it). Everyone counts, those who did nothing as zeros; counters of people
// who have left are not shown. Organisations sum their currently
// affiliated members. The window is the last q.Months calendar months
// including this one (0: all time); Months lists every month of it, with
// proposals, proposers and their Gini over the current members, and the
// votes everyone cast that month (people who have left included: summing
// only today's members' votes per month would cost a lookup per counter).
func (s *Service) Power(ctx context.Context, a *collective.Access, q PowerQuery) (*Power, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	if q.Months < 0 || q.Months > MaxPowerMonths {
		return nil, errs.Field("months", "Choose a window of 1 to %d months, or 0 for all time.", MaxPowerMonths)
	}
	now := s.DB.Now().UTC()
	from := ""
	if q.Months > 0 {
		from = powerMonth(time.Date(now.Year(), now.Month()-time.Month(q.Months-1), 1, 0, 0, 0, 0, time.UTC))
	}
	c := a.Collective.ID
	// All time is a row per member in power_totals; a window sums the
	// window's counters.
	byMember, byMemberArgs := `SELECT member_id, '' AS month, proposals, votes, objections, decisive_objections
		FROM power_totals WHERE collective_id = ?`, []any{c}
	if from != "" {
		byMemberArgs = []any{c, from}
		byMember = `SELECT member_id, '' AS month, SUM(proposals) AS proposals, SUM(votes) AS votes,
			SUM(objections) AS objections, SUM(decisive_objections) AS decisive_objections
			FROM power_counts WHERE collective_id = ? AND month >= ? GROUP BY member_id`
	}
	var d powerData
	for _, r := range []struct {
		dest  any
		query string
		args  []any
	}{
		{&d.people, `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ?
			AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer')
			ORDER BY m.sort_name, m.id`, []any{c}},
		{&d.orgs, `SELECT id, name FROM organisations WHERE collective_id = ? ORDER BY sort_name, id`, []any{c}},
		{&d.affs, `SELECT af.member_id, af.organisation_id FROM affiliations af
			JOIN organisations o ON o.id = af.organisation_id WHERE o.collective_id = ?`, []any{c}},
		{&d.byMember, byMember, byMemberArgs},
		{&d.byMonth, `SELECT 0 AS member_id, month, proposals, votes, objections, decisive_objections
			FROM power_months WHERE collective_id = ? AND month >= ? ORDER BY month`, []any{c, from}},
		// power_counts_proposers holds exactly these rows.
		{&d.proposed, `SELECT member_id, month, proposals, 0 AS votes, 0 AS objections, 0 AS decisive_objections
			FROM power_counts WHERE collective_id = ? AND month >= ? AND proposals > 0`, []any{c, from}},
	} {
		if err := s.DB.Select(ctx, r.dest, r.query, r.args...); err != nil {
			return nil, err
		}
	}
	if from == "" {
		from = powerMonth(now)
		if len(d.byMonth) > 0 && d.byMonth[0].Month < from {
			from = d.byMonth[0].Month
		}
	}
	return buildPower(&d, from, powerMonth(now)), nil
}

// buildPower adds up what Power read; it is apart from the queries so the
// arithmetic reads in one place.
func buildPower(d *powerData, from, to string) *Power {
	p := &Power{Members: len(d.people), People: d.people, Organisations: d.orgs}
	index := make(map[int64]int, len(d.people))
	for i, r := range d.people {
		index[r.ID] = i
	}
	for _, c := range d.byMember {
		if i, current := index[c.MemberID]; current {
			r := &p.People[i]
			r.Proposals, r.Votes, r.Objections, r.Decisive = c.Proposals, c.Votes, c.Objections, c.Decisive
		}
	}
	monthIndex := map[string]int{}
	for m := from; m <= to; m = nextMonth(m) {
		monthIndex[m] = len(p.Months)
		p.Months = append(p.Months, PowerMonth{Month: m})
	}
	for _, c := range d.byMonth {
		if mi, ok := monthIndex[c.Month]; ok {
			p.Months[mi].Votes = c.Votes
		}
	}
	perMonth := make([][]float64, len(p.Months)) // the current members' proposals, zeros left out
	for _, c := range d.proposed {
		mi, inWindow := monthIndex[c.Month]
		if _, current := index[c.MemberID]; !current || !inWindow {
			continue
		}
		p.Months[mi].Proposals += c.Proposals
		p.Months[mi].Proposers++
		perMonth[mi] = append(perMonth[mi], float64(c.Proposals))
	}
	for mi, values := range perMonth {
		// Everyone else proposed nothing: zeros up to the membership.
		for len(values) < len(d.people) {
			values = append(values, 0)
		}
		p.Months[mi].ProposalsGini = stats.Gini(values)
	}
	orgIndex := make(map[int64]int, len(d.orgs))
	for i, o := range d.orgs {
		orgIndex[o.ID] = i
	}
	for _, af := range d.affs {
		i, current := index[af.MemberID]
		oi, ok := orgIndex[af.OrgID]
		if !current || !ok {
			continue
		}
		r, o := p.People[i], &p.Organisations[oi]
		o.Proposals += r.Proposals
		o.Votes += r.Votes
		o.Objections += r.Objections
		o.Decisive += r.Decisive
	}
	proposals := make([]float64, len(d.people))
	votes := make([]float64, len(d.people))
	for i, r := range p.People {
		proposals[i], votes[i] = float64(r.Proposals), float64(r.Votes)
		p.Proposals += r.Proposals
		p.Votes += r.Votes
		p.Objections += r.Objections
		p.Decisive += r.Decisive
	}
	p.ProposalsGini, p.VotesGini = stats.Gini(proposals), stats.Gini(votes)
	p.HalfCount = halfCount(proposals, p.Proposals)
	if p.Members > 0 {
		p.HalfShare = float64(p.HalfCount) / float64(p.Members)
	}
	byPower := func(a, b PowerRow) int {
		return cmp.Or(cmp.Compare(b.Proposals, a.Proposals), cmp.Compare(b.Votes, a.Votes),
			cmp.Compare(b.Objections, a.Objections))
	}
	// Stable, so equals keep the order of their names.
	slices.SortStableFunc(p.People, byPower)
	slices.SortStableFunc(p.Organisations, byPower)
	if p.People == nil {
		p.People = []PowerRow{}
	}
	if p.Organisations == nil {
		p.Organisations = []PowerRow{}
	}
	return p
}
