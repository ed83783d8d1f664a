package decision

import (
	"context"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Propose puts a proposal to the collective, with a decision on it at once
// when d is not nil (one transaction).
func (s *Service) Propose(ctx context.Context, a *collective.Access, in ProposalInput, d *DecisionInput) (*Proposal, *Decision, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, nil, err
	}
	if err := checkProposal(&in); err != nil {
		return nil, nil, err
	}
	var p *Proposal
	var dec *Decision
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		if p, err = s.insertProposal(ctx, tx, a, in); err != nil {
			return err
		}
		if d != nil {
			in := *d
			in.Subject = "" // only other features name a subject, through ProposeInTx
			dec, err = s.startDecision(ctx, tx, a, p, in)
			if err == nil {
				p.Status = Deciding
			}
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return p, dec, nil
}

// ProposeInTx is Propose inside another feature's transaction, with a
// decision (its Subject set), for features such as mandates that put
// something to a decision and react when it closes.
func (s *Service) ProposeInTx(ctx context.Context, tx *store.Tx, a *collective.Access, in ProposalInput, d DecisionInput) (proposalID, decisionID int64, err error) {
	if err := a.RequireContributor(); err != nil {
		return 0, 0, err
	}
	if err := checkProposal(&in); err != nil {
		return 0, 0, err
	}
	p, err := s.insertProposal(ctx, tx, a, in)
	if err != nil {
		return 0, 0, err
	}
	dec, err := s.startDecision(ctx, tx, a, p, d)
	if err != nil {
		return 0, 0, err
	}
	return p.ID, dec.ID, nil
}

// checkProposal trims and checks what a member wrote.
func checkProposal(in *ProposalInput) error {
	if err := text(&in.Title, "title", "a title", MaxTitle, true); err != nil {
		return err
	}
	if err := text(&in.Body, "body", "the proposal", MaxBody, false); err != nil {
		return err
	}
	return text(&in.Topic, "topic", "the topic", MaxTopic, false)
}

// insertProposal writes a checked proposal by a's member and counts it in
// their power.
func (s *Service) insertProposal(ctx context.Context, tx *store.Tx, a *collective.Access, in ProposalInput) (*Proposal, error) {
	me := a.MemberID
	p := &Proposal{CollectiveID: a.Collective.ID, Title: in.Title, Body: in.Body, Topic: in.Topic, AuthorMemberID: &me,
		AuthorName: a.User.Name, Status: Discussion, CreatedAt: tx.Now, UpdatedAt: tx.Now}
	id, err := tx.Insert(ctx, `INSERT INTO proposals (collective_id, title, body, topic, author_member_id, author_name, status,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.CollectiveID, p.Title, p.Body, p.Topic, me, p.AuthorName, p.Status, a.User.ID, tx.Now, tx.Now)
	if err != nil {
		return nil, err
	}
	p.ID = id
	if err := addPower(ctx, tx, a.Collective.ID, me, tx.Now, PowerDelta{Proposals: 1}); err != nil {
		return nil, err
	}
	return p, record(ctx, tx, a, activity.Everyone, "proposal.created", p.Title, ProposalLink(a, id),
		actorName(a)+" proposed “"+p.Title+"”")
}

// Proposals lists a page of the collective's proposals, newest first.
func (s *Service) Proposals(ctx context.Context, a *collective.Access, q ProposalQuery) (*ProposalPage, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	switch q.Status {
	case "", Discussion, Deciding, Decided, Withdrawn:
	default:
		return nil, errs.Field("status", "Choose a status: discussion, deciding, decided or withdrawn.")
	}
	if q.Page < 1 {
		q.Page = 1
	}
	where := " WHERE collective_id = ?"
	args := []any{a.Collective.ID}
	if q.Status != "" {
		where += " AND status = ?"
		args = append(args, q.Status)
	}
	for _, w := range strings.Fields(strings.ToLower(q.Search)) {
		where += ` AND (lower(title) LIKE ? ESCAPE '\' OR lower(body) LIKE ? ESCAPE '\')`
		like := "%" + likeEscape(w) + "%"
		args = append(args, like, like)
	}
	page := &ProposalPage{Page: q.Page, Items: []ProposalItem{}}
	if err := s.DB.Get(ctx, &page.Total, "SELECT count(*) FROM proposals"+where, args...); err != nil {
		return nil, err
	}
	page.Pages = max(1, (page.Total+PerPage-1)/PerPage)
	var ps []Proposal
	if err := s.DB.Select(ctx, &ps, "SELECT "+proposalCols+" FROM proposals"+where+" ORDER BY id DESC LIMIT ? OFFSET ?",
		append(args, PerPage, (q.Page-1)*PerPage)...); err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return page, nil
	}
	ids := make([]any, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	var ds []Decision
	if err := s.DB.Select(ctx, &ds, "SELECT "+decisionCols+" FROM decisions WHERE proposal_id IN ("+placeholders(len(ids))+") ORDER BY id",
		ids...); err != nil {
		return nil, err
	}
	latest := map[int64]*Decision{}
	for i := range ds {
		latest[ds[i].ProposalID] = &ds[i] // ordered by id, so the last one stays
	}
	for _, p := range ps {
		page.Items = append(page.Items, ProposalItem{Proposal: p, Decision: latest[p.ID]})
	}
	return page, nil
}

// placeholders is n comma-separated placeholders.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// likeEscape escapes LIKE's wildcards in a search word.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Proposal returns a proposal with its thread, decisions and outcomes.
func (s *Service) Proposal(ctx context.Context, a *collective.Access, id int64) (*ProposalView, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	p, err := loadProposal(ctx, s.DB, a, id)
	if err != nil {
		return nil, err
	}
	v := &ProposalView{Proposal: *p, Comments: []Comment{}, Decisions: []Decision{}, Outcomes: []Outcome{}}
	var cs []Comment
	if err := s.DB.Select(ctx, &cs, `SELECT id, proposal_id, parent_id, member_id, author_name, body, created_at, edited_at,
		deleted_at FROM proposal_comments WHERE proposal_id = ? ORDER BY id`, id); err != nil {
		return nil, err
	}
	v.Comments = thread(cs)
	var ids []int64
	if err := s.DB.Select(ctx, &ids, "SELECT id FROM decisions WHERE proposal_id = ? ORDER BY id", id); err != nil {
		return nil, err
	}
	busy := false
	for _, did := range ids {
		d, err := loadDecision(ctx, s.DB, a, did)
		if err != nil {
			return nil, err
		}
		busy = busy || d.Status == Open || d.Status == Scheduled
		v.Decisions = append(v.Decisions, *d)
	}
	if err := s.DB.Select(ctx, &v.Outcomes, `SELECT id, proposal_id, decision_id, title, statement, method, passed,
		recorded_by_member_id, recorded_by_name, review_on, created_at, updated_at, reminded_at FROM decision_outcomes
		WHERE proposal_id = ? AND collective_id = ? ORDER BY id`, id, a.Collective.ID); err != nil {
		return nil, err
	}
	live := p.Status != Withdrawn && !busy
	v.CanEdit = live && authors(a, p)
	v.CanDecide = live && leads(a, p)
	return v, nil
}

// thread puts comments (oldest first) in thread order: each reply right
// after its parent and the parent's earlier replies; a deleted comment
// keeps its place without its words.
func thread(cs []Comment) []Comment {
	kids := map[int64][]int{}
	var roots []int
	known := map[int64]bool{}
	for _, c := range cs {
		known[c.ID] = true
	}
	for i, c := range cs {
		if c.ParentID != nil && known[*c.ParentID] {
			kids[*c.ParentID] = append(kids[*c.ParentID], i)
		} else {
			roots = append(roots, i)
		}
	}
	out := make([]Comment, 0, len(cs))
	var walk func(i int)
	walk = func(i int) {
		c := cs[i]
		if c.DeletedAt != nil {
			c.Body = ""
		}
		out = append(out, c)
		for _, k := range kids[c.ID] {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// UpdateProposal corrects a proposal's words (its author or a steward,
// while no decision on it is open).
func (s *Service) UpdateProposal(ctx context.Context, a *collective.Access, id int64, in ProposalInput) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	if err := checkProposal(&in); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := loadProposal(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if !authors(a, p) {
			return errs.New(errs.Forbidden, "Only the proposal's author or a steward can change it.")
		}
		if p.Status == Withdrawn {
			return errs.New(errs.Conflict, "This proposal was withdrawn; it can no longer be changed.")
		}
		if err := noDecisionUnderWay(ctx, tx, id, "change the proposal"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE proposals SET title = ?, body = ?, topic = ?, updated_at = ? WHERE id = ?",
			in.Title, in.Body, in.Topic, tx.Now, id); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "proposal.updated", in.Title, ProposalLink(a, id),
			actorName(a)+" changed the proposal “"+in.Title+"”")
	})
}

// noDecisionUnderWay refuses when a decision on the proposal is scheduled
// or open.
func noDecisionUnderWay(ctx context.Context, tx *store.Tx, proposalID int64, what string) error {
	var n int
	if err := tx.Get(ctx, &n, "SELECT count(*) FROM decisions WHERE proposal_id = ? AND status IN ('scheduled', 'open')",
		proposalID); err != nil {
		return err
	}
	if n > 0 {
		return errs.New(errs.Conflict, "A decision on this proposal is under way; %s after it closes or is cancelled.", what)
	}
	return nil
}

// WithdrawProposal takes a proposal back (its author or a steward); an open
// decision on it is cancelled.
func (s *Service) WithdrawProposal(ctx context.Context, a *collective.Access, id int64) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := loadProposal(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if !authors(a, p) {
			return errs.New(errs.Forbidden, "Only the proposal's author or a steward can withdraw it.")
		}
		switch p.Status {
		case Withdrawn:
			return errs.New(errs.Conflict, "This proposal is already withdrawn.")
		case Decided:
			return errs.New(errs.Conflict, "This proposal has been decided; record a new proposal to change the outcome.")
		}
		var under []int64
		if err := tx.Select(ctx, &under, "SELECT id FROM decisions WHERE proposal_id = ? AND status IN ('scheduled', 'open')",
			id); err != nil {
			return err
		}
		for _, did := range under {
			n, err := tx.Exec(ctx, `UPDATE decisions SET status = 'cancelled', version = version + 1
				WHERE id = ? AND status IN ('scheduled', 'open')`, did)
			if err != nil {
				return err
			}
			d, err := loadDecision(ctx, tx, a, did)
			if err != nil {
				return err
			}
			if d.Subject != "" && !a.IsSteward() {
				return errs.New(errs.Forbidden, "Only a steward can cancel this decision: it decides a mandate.")
			}
			if n > 0 {
				if err := s.runCancelHooks(ctx, tx, d); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE proposals SET status = 'withdrawn', updated_at = ? WHERE id = ?", tx.Now, id); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "proposal.withdrawn", p.Title, ProposalLink(a, id),
			actorName(a)+" withdrew the proposal “"+p.Title+"”")
	})
}
