package mandate

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Propose puts a mandate to the collective: it is stored as proposed, with
// a consent decision on granting it, in one transaction. Any contributing
// member may propose anyone who is a member and not only an observer.
func (s *Service) Propose(ctx context.Context, a *collective.Access, in Input) (*Mandate, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	role, err := checkRole(in.Role)
	if err != nil {
		return nil, err
	}
	in.Scope = strings.TrimSpace(in.Scope)
	if in.Scope == "" || utf8.RuneCountInString(in.Scope) > MaxScope {
		return nil, errs.Field("scope", "Say what the holder may decide alone, in 1 to %d characters.", MaxScope)
	}
	start, err := day("term_start", "start", in.TermStart)
	if err != nil {
		return nil, err
	}
	end, err := day("term_end", "end", in.TermEnd)
	if err != nil {
		return nil, err
	}
	if !end.After(start) {
		return nil, errs.Field("term_end", "The term must end after it starts.")
	}
	if end.After(start.AddDate(MaxTermYears, 0, 0)) {
		return nil, errs.Field("term_end", "A term lasts at most %d years; the collective can renew it.", MaxTermYears)
	}
	days, err := closesIn(in.ClosesInDays)
	if err != nil {
		return nil, err
	}
	holder, err := s.holder(ctx, a, in.HolderMemberID)
	if err != nil {
		return nil, err
	}
	m := &Mandate{CollectiveID: a.Collective.ID, Role: role, HolderMemberID: &holder.ID, HolderName: holder.Name,
		Scope: in.Scope, TermStart: start.Format(time.DateOnly), TermEnd: end.Format(time.DateOnly), Status: Proposed,
		PendingAction: Grant, Version: 1}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if m.TermEnd <= tx.Now.Format(time.DateOnly) {
			return errs.Field("term_end", "The term would already be over; choose an end after today.")
		}
		uid := actorOf(a)
		m.CreatedBy, m.CreatedAt, m.UpdatedAt = &uid, tx.Now, tx.Now
		id, err := tx.Insert(ctx, `INSERT INTO mandates (collective_id, role, holder_member_id, holder_name, scope,
			term_start, term_end, status, pending_action, version, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`, m.CollectiveID, m.Role, holder.ID, m.HolderName, m.Scope,
			m.TermStart, m.TermEnd, m.Status, m.PendingAction, uid, tx.Now, tx.Now)
		if err != nil {
			return err
		}
		m.ID = id
		title := "Grant the " + RoleLabel(role) + " mandate to " + holder.Name
		body := holder.Name + " would hold the " + RoleLabel(role) + " mandate from " + m.TermStart + " to " + m.TermEnd +
			", and may decide alone:\n\n" + m.Scope
		did, err := s.decide(ctx, tx, a, m, Grant, title, body, days, "")
		if err != nil {
			return err
		}
		m.PendingDecisionID = &did
		return record(ctx, tx, a.Collective.ID, uid, activity.Everyone, "mandate.proposed", m.ID, Link(a, m.ID),
			actorName(a)+" proposed "+holder.Name+" as "+RoleLabel(role)+" until "+m.TermEnd+".")
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// decide puts a consent decision about m to the collective inside tx and
// marks it pending on m; pendingEnd is the new term end of a renewal.
func (s *Service) decide(ctx context.Context, tx *store.Tx, a *collective.Access, m *Mandate, act Action, title, body string, days int, pendingEnd string) (int64, error) {
	quorum, err := Quorum(ctx, tx, a.Collective)
	if err != nil {
		return 0, err
	}
	_, did, err := s.Decisions.ProposeInTx(ctx, tx, a, decision.ProposalInput{Title: title, Body: body, Topic: "mandates"},
		decision.DecisionInput{Method: decision.Consent, Question: title + "?", Subject: decisionSubject(m.ID, act),
			ClosesAt: tx.Now.AddDate(0, 0, days), Quorum: quorum})
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `UPDATE mandates SET pending_decision_id = ?, pending_action = ?, pending_term_end = ? WHERE id = ?`,
		did, act, pendingEnd, m.ID)
	return did, err
}

// ByMandate are the roles a mandate gives its holder in the collective:
// roles that run the collective's meetings and gatherings. Every other
// registered role (steward, pay reviewer, hiring manager, …) opens
// membership or sensitive data and stays a steward's to set, so a
// mandate never grants it.
var ByMandate = []string{auth.Facilitator, Convener, auth.Host}

// grants reports whether a mandate for role gives its holder that role in
// the collective; any other role is a label the mandate carries alone.
func grants(role string) bool { return slices.Contains(ByMandate, role) }

// Quorum is how many ballots a decision about a mandate needs to pass:
// the collective's minimum group size, or everyone who may vote when
// fewer may. Consent with no ballots would pass ("no objections"), so a
// silent collective, or a proposer closing their own grant at once, would
// hand out power nobody agreed to.
func Quorum(ctx context.Context, q querier, c *collective.Collective) (int64, error) {
	var voters int64
	if err := q.Get(ctx, &voters, `SELECT count(*) FROM members m WHERE m.collective_id = ? AND EXISTS
		(SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer')`, c.ID); err != nil {
		return 0, err
	}
	return min(int64(c.MinGroupSize), voters), nil
}

// checkRole reads the role a mandate grants: facilitator, convener or
// host by name ("facilitator", "Convener"), or the collective's own words
// for a role the mandate carries alone ("Treasurer"). Registered roles
// that are not granted by mandate are refused, rather than kept as words
// that read like the role but give none of it.
func checkRole(role string) (string, error) {
	role = strings.Join(strings.Fields(role), " ")
	if role == "" || utf8.RuneCountInString(role) > MaxRole {
		return "", errs.Field("role", "Name the role in 1 to %d characters, such as facilitator or convener.", MaxRole)
	}
	key := strings.ReplaceAll(strings.ToLower(role), " ", "_")
	if grants(key) {
		return key, nil
	}
	if auth.KnownRole(key) {
		name := strings.ToLower(RoleLabel(key))
		article := "a"
		if strings.ContainsRune("aeiou", rune(name[0])) {
			article = "an"
		}
		return "", errs.Field("role", "A mandate cannot make someone %s %s; stewards set that on the member's page.", article, name)
	}
	return role, nil
}

// day parses a YYYY-MM-DD field.
func day(field, what, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, errs.Field(field, "Give the term's %s as YYYY-MM-DD.", what)
	}
	return t, nil
}

// closesIn checks how many days a decision stays open.
func closesIn(days int) (int, error) {
	if days == 0 {
		return DefaultClosesIn, nil
	}
	if days < 1 || days > MaxClosesIn {
		return 0, errs.Field("closes_in_days", "The decision stays open 1 to %d days.", MaxClosesIn)
	}
	return days, nil
}

// holder checks the proposed holder: a member of the collective who is not
// only an observer.
func (s *Service) holder(ctx context.Context, a *collective.Access, memberID int64) (*collective.Member, error) {
	if memberID < 1 {
		return nil, errs.Field("holder_member_id", "Choose the member who would hold the mandate.")
	}
	m, err := s.Collectives.Member(ctx, a, memberID)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.Field("holder_member_id", "That person is not a member of %s.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(m.Roles, func(r string) bool { return r != auth.Observer }) {
		return nil, errs.Field("holder_member_id", "%s is an observer; a mandate needs someone who takes part.", m.Name)
	}
	return m, nil
}
