package commitment

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// DistributionQuery sorts, filters and pages the stewards' view of who
// gives and who receives.
type DistributionQuery struct {
	Sort   string // SortGiven (default), SortReceived, SortMade or SortName
	Filter string // "" (everyone), FilterNever, FilterReceives or FilterGives
	Page   int    // 1-based, PerPage a page
}

// The sorts of the distribution: the counts from most to fewest, names
// from A to Z.
const (
	SortGiven    = "given"
	SortReceived = "received"
	SortMade     = "made"
	SortName     = "name"
)

// The filters of the distribution. They are for stewards looking after the
// collective's balance; member-facing pages never label people this way.
const (
	// FilterNever: members who have not (yet) given anything: no promise of
	// theirs was confirmed kept, including those who never promised.
	FilterNever = "never_contributed"
	// FilterReceives: members who received more kept promises than they gave.
	FilterReceives = "mostly_receives"
	// FilterGives: members who gave more kept promises than they received.
	FilterGives = "mostly_gives"
)

// DistributionRow is one member in the distribution.
type DistributionRow struct {
	MemberID      int64    `db:"member_id" json:"member_id"`
	Name          string   `db:"name" json:"name"`
	Made          int64    `db:"made" json:"made"`
	GivenCount    int64    `db:"given_count" json:"given_count"`
	ReceivedCount int64    `db:"received_count" json:"received_count"`
	Kept          int64    `db:"kept" json:"kept"`
	NotKept       int64    `db:"not_kept" json:"not_kept"`
	Overdue       int64    `db:"-" json:"overdue"`
	Fulfilment    *float64 `db:"-" json:"fulfilment"` // kept ÷ (kept + not kept + overdue); nil when nothing is due
}

// DistributionPage is one page of the distribution.
type DistributionPage struct {
	Rows  []DistributionRow `json:"rows"`
	Total int               `json:"total"` // members matching the filter
	Page  int               `json:"page"`
	Query DistributionQuery `json:"-"`
}

// distributionOrder names output columns only, so one order serves the
// inner query that picks the page and the outer one that names it.
var distributionOrder = map[string]string{
	SortGiven:    "given_count DESC, sort_name, member_id",
	SortReceived: "received_count DESC, sort_name, member_id",
	SortMade:     "made DESC, sort_name, member_id",
	SortName:     "sort_name, member_id",
}

var distributionFilter = map[string]string{
	"":             "",
	FilterNever:    " AND COALESCE(l.given_count, 0) = 0",
	FilterReceives: " AND COALESCE(l.received_count, 0) > COALESCE(l.given_count, 0)",
	FilterGives:    " AND COALESCE(l.given_count, 0) > COALESCE(l.received_count, 0)",
}

// Distribution lists every member of the collective with what they made,
// gave and received and how they kept their promises, including members
// with no ledger row yet. Stewards only: it is there to see who mostly
// gives, who mostly receives and who has not contributed, which
// member-facing pages must not label.
//
// It reads the members (the collective's core tables, as the people
// directory does) joined to one ledger row each: one indexed query sorts
// 10,000 members, where going through the member service page by page
// could not sort by what they gave.
func (s *Service) Distribution(ctx context.Context, a *collective.Access, q DistributionQuery) (*DistributionPage, error) {
	if !a.IsSteward() {
		return nil, errs.New(errs.Forbidden, "Only stewards of %s can see how giving and receiving are spread.", a.Collective.Name)
	}
	if q.Sort == "" {
		q.Sort = SortGiven
	}
	order, ok := distributionOrder[q.Sort]
	if !ok {
		return nil, errs.Field("sort", "Sort by given, received, made or name.")
	}
	filter, ok := distributionFilter[q.Filter]
	if !ok {
		return nil, errs.Field("filter", "Filter by never_contributed, mostly_receives or mostly_gives.")
	}
	q.Page = max(q.Page, 1)
	from := ` FROM members m LEFT JOIN commitment_ledger l ON l.collective_id = m.collective_id
		AND l.party_kind = 'member' AND l.party_id = m.id WHERE m.collective_id = ?` + filter
	p := &DistributionPage{Page: q.Page, Query: q, Rows: []DistributionRow{}}
	// Without a filter the total is the member count the collective keeps.
	p.Total = a.Collective.MemberCount
	if q.Filter != "" {
		if err := s.DB.Get(ctx, &p.Total, "SELECT count(*)"+from, a.Collective.ID); err != nil {
			return nil, err
		}
	}
	// The page's members are chosen on the counters alone; their names are
	// joined for those 50 only.
	if err := s.DB.Select(ctx, &p.Rows, `SELECT d.member_id, u.name, d.made, d.given_count, d.received_count, d.kept, d.not_kept
		FROM (SELECT m.id AS member_id, m.sort_name, m.user_id, COALESCE(l.made, 0) AS made,
			COALESCE(l.given_count, 0) AS given_count, COALESCE(l.received_count, 0) AS received_count,
			COALESCE(l.kept, 0) AS kept, COALESCE(l.not_kept, 0) AS not_kept`+from+
		` ORDER BY `+order+` LIMIT ? OFFSET ?) d JOIN users u ON u.id = d.user_id ORDER BY `+order,
		a.Collective.ID, PerPage, (q.Page-1)*PerPage); err != nil {
		return nil, err
	}
	return p, s.fillFulfilment(ctx, a, p.Rows)
}

// fillFulfilment adds each row's overdue promises and fulfilment rate, with
// one query for the page.
func (s *Service) fillFulfilment(ctx context.Context, a *collective.Access, rows []DistributionRow) error {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.MemberID
	}
	overdue, err := s.overdue(ctx, a, PartyMember, ids, s.DB.Now().UTC())
	if err != nil {
		return err
	}
	for i := range rows {
		r := &rows[i]
		r.Overdue = overdue[r.MemberID]
		r.Fulfilment = rate(r.Kept, r.Kept+r.NotKept+r.Overdue)
	}
	return nil
}
