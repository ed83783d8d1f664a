package mandate

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/decision"
)

// Item is a mandate as lists and pages show it.
type Item struct {
	Mandate
	RoleLabel string `json:"role_label"`
	// UpForRenewal: active and ending within RotationNotice days.
	UpForRenewal bool   `json:"up_for_renewal"`
	Link         string `json:"link"`
}

// List is a collective's mandates: active ones by end date, proposed ones
// newest first, past ones (declined, ended, revoked) most recent first.
type List struct {
	Active   []Item `json:"active"`
	Proposed []Item `json:"proposed"`
	Past     []Item `json:"past"`
}

// View is one mandate with the decisions about it, its feedback rounds,
// and what the viewer may do.
type View struct {
	Item
	Decisions []DecisionRef `json:"decisions"`
	Rounds    []Results     `json:"feedback_rounds"` // newest first
	CanRenew  bool          `json:"can_renew"`
	CanRevoke bool          `json:"can_revoke"`
	CanAsk    bool          `json:"can_ask_feedback"` // may open a feedback round
	// Quorum is how many ballots a decision about it started now needs.
	Quorum int64 `json:"quorum"`
}

// Results is a feedback round as everyone (the holder included) sees it:
// the counts and averages, withheld while the round is open and, after it
// closes, unless enough people answered that no answer can be told apart.
type Results struct {
	Round     Round            `json:"round"`
	Open      bool             `json:"open"`
	Answered  int              `json:"answered"`
	MinGroup  int              `json:"min_group_size"`
	Visible   bool             `json:"visible"`
	Withheld  string           `json:"withheld,omitempty"`
	Questions []QuestionResult `json:"questions,omitempty"`
	Comments  []string         `json:"comments,omitempty"` // in random-key order
	CanAnswer bool             `json:"can_answer"`
	Gave      bool             `json:"answered_by_you"`
}

// QuestionResult is one question's answers: the mean and how many gave
// each score (Counts[0] is how many gave 1).
type QuestionResult struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Average float64  `json:"average"`
	Counts  [5]int64 `json:"counts"`
}

// Mandates lists the collective's mandates for a member.
func (s *Service) Mandates(ctx context.Context, a *collective.Access) (*List, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	var ms []Mandate
	if err := s.DB.Select(ctx, &ms, "SELECT "+mandateCols+` FROM mandates WHERE collective_id = ?
		ORDER BY CASE status WHEN 'active' THEN term_end ELSE '' END, updated_at DESC, id DESC`, a.Collective.ID); err != nil {
		return nil, err
	}
	out := &List{Active: []Item{}, Proposed: []Item{}, Past: []Item{}}
	now := s.DB.Now()
	for _, m := range ms {
		it := item(a, m, now)
		switch m.Status {
		case Active:
			out.Active = append(out.Active, it)
		case Proposed:
			out.Proposed = append(out.Proposed, it)
		default:
			out.Past = append(out.Past, it)
		}
	}
	return out, nil
}

// item dresses a mandate for showing.
func item(a *collective.Access, m Mandate, now time.Time) Item {
	soon := now.UTC().AddDate(0, 0, RotationNotice).Format(time.DateOnly)
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return Item{Mandate: m, RoleLabel: RoleLabel(m.Role), UpForRenewal: m.Status == Active && m.TermEnd <= soon,
		Link: Link(a, m.ID)}
}

// Get returns one mandate for a member: the decisions about it, oldest
// first, its feedback rounds with their results, and what they may do.
func (s *Service) Get(ctx context.Context, a *collective.Access, id int64) (*View, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	m, err := load(ctx, s.DB, a.Collective.ID, id)
	if err != nil {
		return nil, err
	}
	now := s.DB.Now()
	v := &View{Item: item(a, *m, now), Decisions: []DecisionRef{}, Rounds: []Results{}}
	free := m.Status == Active && m.PendingAction == ""
	v.CanRenew, v.CanRevoke = free && a.CanContribute(), free && a.CanContribute()
	holder := m.HolderMemberID != nil && *m.HolderMemberID == a.MemberID
	v.CanAsk = m.Status == Active && a.CanContribute() && (holder || a.IsSteward())
	if v.Quorum, err = Quorum(ctx, s.DB, a.Collective); err != nil {
		return nil, err
	}
	ds, err := s.Decisions.BySubject(ctx, a, decisionSubject(id, Grant), decisionSubject(id, Renew), decisionSubject(id, Revoke))
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		_, act, _ := parseSubject(d.Subject)
		v.Decisions = append(v.Decisions, DecisionRef{ID: d.ID, Action: act, Status: string(d.Status), Passed: d.Passed,
			ClosesAt: d.ClosesAt, ClosedAt: d.ClosedAt, Link: decision.DecisionLink(a, d.ID)})
	}
	var rounds []Round
	if err := s.DB.Select(ctx, &rounds, `SELECT id, mandate_id, opens_at, closes_at, responses, created_at
		FROM mandate_feedback_rounds WHERE mandate_id = ? ORDER BY id DESC`, id); err != nil {
		return nil, err
	}
	for _, r := range rounds {
		res, err := s.results(ctx, a, m, r, now)
		if err != nil {
			return nil, err
		}
		v.Rounds = append(v.Rounds, *res)
	}
	return v, nil
}

// results counts one round's answers for the viewer.
func (s *Service) results(ctx context.Context, a *collective.Access, m *Mandate, r Round, now time.Time) (*Results, error) {
	r.OpensAt, r.ClosesAt, r.CreatedAt = r.OpensAt.UTC(), r.ClosesAt.UTC(), r.CreatedAt.UTC()
	res := &Results{Round: r, Open: r.Open(now), Answered: r.Responses, MinGroup: a.Collective.MinGroupSize}
	var gave int
	if err := s.DB.Get(ctx, &gave, "SELECT count(*) FROM mandate_feedback_given WHERE round_id = ? AND member_id = ?",
		r.ID, a.MemberID); err != nil {
		return nil, err
	}
	res.Gave = gave > 0
	holder := m.HolderMemberID != nil && *m.HolderMemberID == a.MemberID
	res.CanAnswer = res.Open && !res.Gave && !holder && a.CanContribute()
	if w := withheld(res); w != "" {
		res.Withheld = w
		return res, nil
	}
	var rows []struct {
		Serves  int    `db:"serves"`
		Listens int    `db:"listens"`
		Within  int    `db:"within"`
		Comment string `db:"comment"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT serves, listens, within, comment FROM mandate_feedback WHERE round_id = ?
		ORDER BY id`, r.ID); err != nil {
		return nil, err
	}
	res.Visible, res.Comments = true, []string{}
	res.Questions = make([]QuestionResult, len(Questions))
	sums := make([]int, len(Questions))
	for _, row := range rows {
		for i, v := range []int{row.Serves, row.Listens, row.Within} {
			res.Questions[i].Counts[v-1]++
			sums[i] += v
		}
		if row.Comment != "" {
			res.Comments = append(res.Comments, row.Comment)
		}
	}
	for i, q := range Questions {
		res.Questions[i].Key, res.Questions[i].Label = q.Key, q.Label
		if len(rows) > 0 {
			res.Questions[i].Average = math.Round(float64(sums[i])*100/float64(len(rows))) / 100
		}
	}
	return res, nil
}

// withheld says why a round's results do not show, or "" when they do.
// Results never show while the round is open: whoever read them before and
// after one more answer would read that answer, scores and comment. After
// the close they show only if at least the minimum group size answered.
func withheld(res *Results) string {
	n := res.Answered
	if res.Open {
		has := strconv.Itoa(n) + " have"
		if n == 1 {
			has = "1 has"
		}
		return fmt.Sprintf("Results appear when the round closes on %s if at least %d people have answered; %s so far.",
			res.Round.ClosesAt.UTC().Format("2006-01-02 at 15:04 UTC"), res.MinGroup, has)
	}
	if n >= res.MinGroup {
		return ""
	}
	switch n {
	case 0:
		return "Nobody answered this round, so there are no results."
	case 1:
		return fmt.Sprintf("Only 1 person answered; results show only when at least %d have, so no answer can be told apart.", res.MinGroup)
	}
	return fmt.Sprintf("Only %d people answered; results show only when at least %d have, so no answer can be told apart.", n, res.MinGroup)
}
