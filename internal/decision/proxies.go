package decision

import (
	"context"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// proxyCols reads a Proxy with both names and, for a proxy for one
// decision, the decision's question and status.
const proxyCols = `x.id, x.from_member_id, fu.name AS from_name, x.to_member_id, tu.name AS to_name, x.decision_id, x.topic,
	COALESCE(xd.question, '') AS question, COALESCE(xd.status, '') AS decision_status,
	x.created_at, x.revoked_at FROM decision_proxies x
	JOIN members fm ON fm.id = x.from_member_id JOIN users fu ON fu.id = fm.user_id
	JOIN members tm ON tm.id = x.to_member_id JOIN users tu ON tu.id = tm.user_id
	LEFT JOIN decisions xd ON xd.id = x.decision_id`

// proxyScope says what a proxy covers, for messages and the activity log.
func proxyScope(p *Proxy) string {
	if p.DecisionID != nil {
		return "in the decision “" + p.Question + "”"
	}
	return "on the topic “" + p.Topic + "”"
}

// proxyLink is where a proxy's notice and activity entry lead: the
// decision it is for, or the proxies page for a topic.
func proxyLink(a *collective.Access, p *Proxy) string {
	if p.DecisionID != nil {
		return DecisionLink(a, *p.DecisionID)
	}
	return Base(a) + "/proxies"
}

// recordProxy writes a proxy given or taken back to the activity log. The
// whole collective reads it, as it reads who voted: a proxy moves voting
// power, and only named decisions take proxies, so naming both people
// gives no anonymous ballot away.
func recordProxy(ctx context.Context, tx *store.Tx, a *collective.Access, verb string, p *Proxy, summary string) error {
	subject := p.Topic
	if p.DecisionID != nil {
		subject = p.Question
	}
	return record(ctx, tx, a, activity.Everyone, verb, subject, proxyLink(a, p), summary)
}

// Delegate lets another member vote for the viewer in one decision or on a
// topic; a delegation that would close a cycle is refused.
func (s *Service) Delegate(ctx context.Context, a *collective.Access, in ProxyInput) (*Proxy, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if err := text(&in.Topic, "topic", "the topic", MaxTopic, false); err != nil {
		return nil, err
	}
	switch {
	case in.DecisionID != 0 && in.Topic != "":
		return nil, errs.Field("topic", "Give a proxy for one decision or for a topic, not both.")
	case in.DecisionID == 0 && in.Topic == "":
		return nil, errs.Field("topic", "Say what the proxy covers: one decision or a topic.")
	case in.ToMemberID == a.MemberID:
		return nil, errs.Field("to_member_id", "You cannot give your proxy to yourself; choose another member.")
	}
	var out *Proxy
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		var roles []string
		if err := tx.Select(ctx, &roles, `SELECT r.role FROM members m JOIN member_roles r ON r.member_id = m.id
			WHERE m.id = ? AND m.collective_id = ?`, in.ToMemberID, a.Collective.ID); err != nil {
			return err
		}
		if len(roles) == 0 || (len(roles) == 1 && roles[0] == auth.Observer) {
			return errs.Field("to_member_id", "Choose a voting member of %s as your proxy.", a.Collective.Name)
		}
		var chain map[int64]int64
		var d *Decision
		if in.DecisionID != 0 {
			var err error
			if d, err = loadDecision(ctx, tx, a, in.DecisionID); err != nil {
				return err
			}
			switch {
			case d.Anonymous:
				return errs.Field("decision_id", "An anonymous decision takes no proxies.")
			case !d.Proxies:
				return errs.Field("decision_id", "This decision does not take proxies.")
			case d.Status != Open && d.Status != Scheduled:
				return errs.Field("decision_id", "Voting in this decision is over.")
			}
			if _, err := s.voterWeight(ctx, tx, a, d, a.MemberID); err != nil {
				return err
			}
			if _, err := s.voterWeight(ctx, tx, a, d, in.ToMemberID); err != nil {
				return errs.Field("to_member_id", "Your proxy must be someone who may vote in this decision.")
			}
			p, err := loadProposal(ctx, tx, a, d.ProposalID)
			if err != nil {
				return err
			}
			if chain, err = proxyMap(ctx, tx, a.Collective.ID, d.ID, p.Topic); err != nil {
				return err
			}
		} else {
			var err error
			if chain, err = proxyMap(ctx, tx, a.Collective.ID, 0, in.Topic); err != nil {
				return err
			}
		}
		if err := noCircle(ctx, tx, chain, a.MemberID, in.ToMemberID); err != nil {
			return err
		}
		var err error
		if d != nil {
			_, err = tx.Exec(ctx, `UPDATE decision_proxies SET revoked_at = ? WHERE from_member_id = ? AND revoked_at IS NULL
				AND decision_id = ?`, tx.Now, a.MemberID, d.ID)
		} else {
			_, err = tx.Exec(ctx, `UPDATE decision_proxies SET revoked_at = ? WHERE from_member_id = ? AND revoked_at IS NULL
				AND decision_id IS NULL AND lower(topic) = lower(?)`, tx.Now, a.MemberID, in.Topic)
		}
		if err != nil {
			return err
		}
		var did *int64
		if d != nil {
			did = &d.ID
		}
		id, err := tx.Insert(ctx, `INSERT INTO decision_proxies (collective_id, from_member_id, to_member_id, decision_id, topic,
			created_at) VALUES (?, ?, ?, ?, ?, ?)`, a.Collective.ID, a.MemberID, in.ToMemberID, did, in.Topic, tx.Now)
		if err != nil {
			return err
		}
		var p Proxy
		if err := tx.Get(ctx, &p, "SELECT "+proxyCols+" WHERE x.id = ?", id); err != nil {
			return err
		}
		out = &p
		if err := recordProxy(ctx, tx, a, "proxy.given", &p, actorName(a)+" gave "+p.ToName+" their proxy "+proxyScope(&p)+"."); err != nil {
			return err
		}
		var to []int64
		if err := tx.Select(ctx, &to, "SELECT user_id FROM members WHERE id = ?", in.ToMemberID); err != nil {
			return err
		}
		return s.notify(ctx, tx, activity.Notice{UserIDs: to, CollectiveID: a.Collective.ID, Kind: KindProxy,
			Title: actorName(a) + " gave you their proxy " + proxyScope(&p),
			Body:  "Your ballot will count for " + actorName(a) + " too, unless they vote themselves.", Link: proxyLink(a, &p)})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Over reports whether the decision a proxy is for takes no more votes,
// so the proxy can no longer count; a topic proxy is never over.
func (p Proxy) Over() bool {
	return p.DecisionID != nil && p.DecisionStatus != Open && p.DecisionStatus != Scheduled
}

// noCircle refuses from → to when to's chain of proxies leads back to from.
func noCircle(ctx context.Context, q querier, chain map[int64]int64, from, to int64) error {
	path := []int64{from, to}
	seen := map[int64]bool{from: true, to: true}
	for cur := to; ; {
		next, found := chain[cur]
		if !found {
			return nil
		}
		path = append(path, next)
		if next == from {
			break
		}
		if seen[next] {
			return nil // an old circle that does not pass through from; the count ignores it
		}
		seen[next] = true
		cur = next
	}
	var names []string
	for _, id := range path {
		var n string
		if err := q.Get(ctx, &n, "SELECT u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = ?", id); err != nil {
			return err
		}
		names = append(names, n)
	}
	return errs.Field("to_member_id", "That would make a circle of proxies: %s.", strings.Join(names, " → "))
}

// proxyMap is every active proxy covering a decision (decisionID, its
// proposal's topic) as giver → delegate; a proxy for the decision beats one
// for the topic. With decisionID 0 it covers the topic alone.
func proxyMap(ctx context.Context, q querier, collectiveID, decisionID int64, topic string) (map[int64]int64, error) {
	var rows []struct {
		From     int64  `db:"from_member_id"`
		To       int64  `db:"to_member_id"`
		Decision *int64 `db:"decision_id"`
	}
	if err := q.Select(ctx, &rows, `SELECT from_member_id, to_member_id, decision_id FROM decision_proxies
		WHERE collective_id = ? AND revoked_at IS NULL AND (decision_id = ? OR (decision_id IS NULL AND topic <> '' AND lower(topic) = lower(?)))
		ORDER BY id`, collectiveID, decisionID, topic); err != nil {
		return nil, err
	}
	m := map[int64]int64{}
	direct := map[int64]bool{}
	for _, r := range rows {
		if r.Decision != nil {
			m[r.From], direct[r.From] = r.To, true
		} else if !direct[r.From] {
			m[r.From] = r.To
		}
	}
	return m, nil
}

// follow walks from's chain to the first member for whom voted is true;
// false when the chain ends or circles first.
func follow(chain map[int64]int64, voted func(int64) bool, from int64) (int64, bool) {
	seen := map[int64]bool{from: true}
	for cur := from; ; {
		next, found := chain[cur]
		if !found || seen[next] {
			return 0, false
		}
		if voted(next) {
			return next, true
		}
		seen[next] = true
		cur = next
	}
}

// proxiesAround is the proxy the member gave that covers d, and the names
// of those whose proxy for d they hold.
func (s *Service) proxiesAround(ctx context.Context, q querier, d *Decision, p *Proposal, me int64) (*Proxy, []string, error) {
	var ps []Proxy
	if err := q.Select(ctx, &ps, "SELECT "+proxyCols+` WHERE x.collective_id = ? AND x.revoked_at IS NULL
		AND (x.from_member_id = ? OR x.to_member_id = ?)
		AND (x.decision_id = ? OR (x.decision_id IS NULL AND x.topic <> '' AND lower(x.topic) = lower(?))) ORDER BY x.id`,
		d.CollectiveID, me, me, d.ID, p.Topic); err != nil {
		return nil, nil, err
	}
	chain, err := proxyMap(ctx, q, d.CollectiveID, d.ID, p.Topic)
	if err != nil {
		return nil, nil, err
	}
	var mine *Proxy
	var names []string
	for i := range ps {
		x := ps[i]
		if chain[x.FromMemberID] != x.ToMemberID || (x.DecisionID == nil && hasDecisionProxy(ps, x.FromMemberID)) {
			continue // overridden by the giver's proxy for this decision
		}
		if x.FromMemberID == me {
			mine = &ps[i]
		} else if x.ToMemberID == me {
			names = append(names, x.FromName)
		}
	}
	return mine, names, nil
}

// hasDecisionProxy reports whether from gave a proxy for the decision
// itself among ps.
func hasDecisionProxy(ps []Proxy, from int64) bool {
	for _, x := range ps {
		if x.FromMemberID == from && x.DecisionID != nil {
			return true
		}
	}
	return false
}

// RevokeProxy takes a proxy back (the member who gave it).
func (s *Service) RevokeProxy(ctx context.Context, a *collective.Access, id int64) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var p Proxy
		err := tx.Get(ctx, &p, "SELECT "+proxyCols+` WHERE x.id = ? AND x.collective_id = ? AND x.from_member_id = ?
			AND x.revoked_at IS NULL`, id, a.Collective.ID, a.MemberID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "You have no active proxy %d to take back.", id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE decision_proxies SET revoked_at = ? WHERE id = ?", tx.Now, id); err != nil {
			return err
		}
		return recordProxy(ctx, tx, a, "proxy.revoked", &p,
			actorName(a)+" took back the proxy they gave "+p.ToName+" "+proxyScope(&p)+".")
	})
}

// Proxies lists the active proxies the viewer gave and received.
func (s *Service) Proxies(ctx context.Context, a *collective.Access) (*ProxyList, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	l := &ProxyList{Given: []Proxy{}, Received: []Proxy{}}
	q := "SELECT " + proxyCols + " WHERE x.collective_id = ? AND x.revoked_at IS NULL AND x.%s = ? ORDER BY x.id"
	if err := s.DB.Select(ctx, &l.Given, strings.Replace(q, "%s", "from_member_id", 1), a.Collective.ID, a.MemberID); err != nil {
		return nil, err
	}
	if err := s.DB.Select(ctx, &l.Received, strings.Replace(q, "%s", "to_member_id", 1), a.Collective.ID, a.MemberID); err != nil {
		return nil, err
	}
	return l, nil
}
