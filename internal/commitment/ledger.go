package commitment

import (
	"context"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// PartyKind is whose ledger it is: a member's or an organisation's.
type PartyKind string

// The kinds of party, as commitment_ledger.party_kind stores them.
const (
	PartyMember       PartyKind = "member"
	PartyOrganisation PartyKind = "organisation"
)

// Party names one ledger: a member or an organisation of the collective.
type Party struct {
	Kind PartyKind `json:"kind"`
	ID   int64     `json:"id"`
}

// Flow is what was given or received, by number and by unit: hours in
// minutes, money in minor units, counts as they are.
type Flow struct {
	Count   int64 `db:"count" json:"count"`
	Minutes int64 `db:"minutes" json:"minutes"`
	Money   int64 `db:"money" json:"money"`
	Units   int64 `db:"units" json:"units"`
}

// Hours is Minutes as people read them ("2.5 hours").
func (f Flow) Hours() string { return FormatSize(Hours, f.Minutes) }

// Ledger is what one party promised, gave and received. Given and received
// are counted apart, never netted into one balance: giving an hour does
// not cancel receiving one.
type Ledger struct {
	Party    Party  `json:"party"`
	Name     string `json:"name"`
	Made     int64  `json:"made"`
	Open     int64  `json:"open"`
	Given    Flow   `json:"given"`
	Received Flow   `json:"received"`
	Kept     int64  `json:"kept"`
	OnTime   int64  `json:"kept_on_time"`
	NotKept  int64  `json:"not_kept"`
	Released int64  `json:"released"`
	// Overdue counts the accepted promises still open past their due date:
	// they are due, so they weigh in the fulfilment rate.
	Overdue int64 `json:"overdue"`
	// Due = Kept + NotKept + Overdue; Fulfilment = Kept ÷ Due, nil when
	// nothing is due yet.
	Due        int64    `json:"due"`
	Fulfilment *float64 `json:"fulfilment"`
	// OnTimeRate = OnTime ÷ Kept, nil when nothing was kept.
	OnTimeRate *float64      `json:"on_time_rate"`
	Months     []LedgerMonth `json:"months"` // the last LedgerMonths months, oldest first, the current one last
}

// LedgerMonth is what a party gave and received in one calendar month
// (the month a promise was confirmed kept).
type LedgerMonth struct {
	Month    string `json:"month"` // YYYY-MM
	Given    Flow   `json:"given"`
	Received Flow   `json:"received"`
}

// LedgerMonths is how many months the balance over time shows.
const LedgerMonths = 24

// ledgerCounters is one commitment_ledger row.
type ledgerCounters struct {
	Made     int64 `db:"made"`
	Open     int64 `db:"open_count"`
	Given    Flow  `db:"given"`
	Received Flow  `db:"received"`
	Kept     int64 `db:"kept"`
	OnTime   int64 `db:"kept_on_time"`
	NotKept  int64 `db:"not_kept"`
	Released int64 `db:"released"`
}

const flowCols = `given_count AS "given.count", given_minutes AS "given.minutes", given_money AS "given.money",
	given_units AS "given.units", received_count AS "received.count", received_minutes AS "received.minutes",
	received_money AS "received.money", received_units AS "received.units"`

// Ledger reads one member's or organisation's ledger from the counters
// every transition keeps (one row, and one per month), never from the
// commitments themselves, except the few open ones past their due date.
// Any member may read any member's or organisation's ledger.
func (s *Service) Ledger(ctx context.Context, a *collective.Access, p Party) (*Ledger, error) {
	if !a.IsMember() {
		return nil, errs.New(errs.Forbidden, "Only members of %s can read its ledgers.", a.Collective.Name)
	}
	l := &Ledger{Party: p}
	switch p.Kind {
	case PartyMember:
		m, err := s.Collectives.Member(ctx, a, p.ID)
		if err != nil {
			return nil, err
		}
		l.Name = m.Name
	case PartyOrganisation:
		o, err := s.Collectives.Organisation(ctx, a, p.ID)
		if err != nil {
			return nil, err
		}
		l.Name = o.Name
	default:
		return nil, errs.Field("party", "Choose a member or an organisation.")
	}
	var c ledgerCounters
	err := s.DB.Get(ctx, &c, `SELECT made, open_count, `+flowCols+`, kept, kept_on_time, not_kept, released
		FROM commitment_ledger WHERE collective_id = ? AND party_kind = ? AND party_id = ?`, a.Collective.ID, p.Kind, p.ID)
	if err != nil && !store.NotFound(err) {
		return nil, err
	}
	l.Made, l.Open, l.Given, l.Received = c.Made, c.Open, c.Given, c.Received
	l.Kept, l.OnTime, l.NotKept, l.Released = c.Kept, c.OnTime, c.NotKept, c.Released
	now := s.DB.Now().UTC()
	overdue, err := s.overdue(ctx, a, p.Kind, []int64{p.ID}, now)
	if err != nil {
		return nil, err
	}
	l.Overdue = overdue[p.ID]
	l.Due = l.Kept + l.NotKept + l.Overdue
	l.Fulfilment, l.OnTimeRate = rate(l.Kept, l.Due), rate(l.OnTime, l.Kept)
	l.Months, err = s.months(ctx, a, p, now)
	if err != nil {
		return nil, err
	}
	return l, nil
}

// overdue counts, per party, the accepted or started promises it made,
// not marked done, that are past their due date on now's day (overdueOn). A proposal nobody has accepted
// is not counted against its committer: it was never agreed.
func (s *Service) overdue(ctx context.Context, a *collective.Access, kind PartyKind, ids []int64, now time.Time) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	col := "committer_member_id"
	if kind == PartyOrganisation {
		col = "committer_org_id"
	}
	args := []any{now.Format(time.DateOnly)}
	for _, id := range ids {
		args = append(args, id)
	}
	var rows []struct {
		ID int64 `db:"id"`
		N  int64 `db:"n"`
	}
	// The (party, state) indexes find each party's open promises. A member
	// or organisation belongs to one collective, so no collective_id is
	// asked for: an index on (party, state, due_on) finds the few rows past
	// due, and only those are read for done_at (the rule of overdueOn).
	if err := s.DB.Select(ctx, &rows, `SELECT `+col+` AS id, count(*) AS n FROM commitments
		WHERE `+col+` IN (`+marksFor(len(ids))+`) AND state IN ('accepted', 'in_progress') AND done_at IS NULL AND due_on <> '' AND due_on < ?
		GROUP BY `+col, append(args[1:], args[0])...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.N
	}
	return out, nil
}

// months reads the party's last LedgerMonths months up to now's, with
// zeros for months without a kept promise, so a chart has every month.
func (s *Service) months(ctx context.Context, a *collective.Access, p Party, now time.Time) ([]LedgerMonth, error) {
	first := time.Date(now.Year(), now.Month()-LedgerMonths+1, 1, 0, 0, 0, 0, time.UTC)
	var rows []struct {
		Month    string `db:"month"`
		Given    Flow   `db:"given"`
		Received Flow   `db:"received"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT month, `+flowCols+` FROM commitment_ledger_months
		WHERE collective_id = ? AND party_kind = ? AND party_id = ? AND month >= ? ORDER BY month`,
		a.Collective.ID, p.Kind, p.ID, first.Format("2006-01")); err != nil {
		return nil, err
	}
	out := make([]LedgerMonth, LedgerMonths)
	for i := range out {
		out[i].Month = first.AddDate(0, i, 0).Format("2006-01")
	}
	for _, r := range rows {
		for i := range out {
			if out[i].Month == r.Month {
				out[i].Given, out[i].Received = r.Given, r.Received
			}
		}
	}
	return out, nil
}

// rate is n ÷ of, nil when of is 0 (no rate yet, rather than 0 %).
func rate(n, of int64) *float64 {
	if of == 0 {
		return nil
	}
	r := float64(n) / float64(of)
	return &r
}

// marksFor returns "?, ?, ?" for an IN list of n values.
func marksFor(n int) string {
	b := make([]byte, 0, 3*n)
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}

// MemberLedgerLink is the page of a member's ledger.
func MemberLedgerLink(a *collective.Access, memberID int64) string {
	return "/c/" + a.Collective.Slug + "/ledger/members/" + strconv.FormatInt(memberID, 10)
}

// OrgLedgerLink is the page of an organisation's ledger.
func OrgLedgerLink(a *collective.Access, orgID int64) string {
	return "/c/" + a.Collective.Slug + "/ledger/organisations/" + strconv.FormatInt(orgID, 10)
}
