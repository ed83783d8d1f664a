package collective

import (
	"context"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// MemberQuery filters and pages the member list.
type MemberQuery struct {
	Search string // part of a name (or, for stewards, an e-mail address)
	Role   string // only members holding this role
	Page   int    // 1-based
}

// MemberPage is one page of members.
type MemberPage struct {
	Members  []Member
	Total    int
	Page     int
	rendered sync.Map // time zone → the page's rendered HTML
}

// Rendered returns the page's HTML for a time zone, made by render the first
// time and reused after: a cached page is shown many times, and running the
// template is most of the cost of showing it.
func (p *MemberPage) Rendered(timeZone string, render func() (template.HTML, error)) (template.HTML, error) {
	if h, ok := p.rendered.Load(timeZone); ok {
		return h.(template.HTML), nil
	}
	h, err := render()
	if err != nil {
		return "", err
	}
	p.rendered.Store(timeZone, h)
	return h, nil
}

const memberCols = "m.id, m.user_id, u.name, u.email, m.joined_at"

// Members lists a collective's members by name, 50 a page. E-mail addresses
// are shown to stewards only. The page returned may be shared with other
// callers: read it, do not change it.
func (s *Service) Members(ctx context.Context, a *Access, q MemberQuery) (*MemberPage, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.Role != "" && !auth.KnownRole(q.Role) {
		return nil, errs.Field("role", "%q is not a role here.", q.Role)
	}
	key := pageKey{a.Collective.ID, a.Collective.Version, q.Search, q.Role, q.Page, a.IsSteward()}
	if page, ok := s.cache().pages.get(key); ok {
		return page, nil
	}
	where := "m.collective_id = ?"
	args := []any{a.Collective.ID}
	if q.Search != "" {
		if a.IsSteward() {
			where += ` AND (m.sort_name LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\')`
			args = append(args, likePattern(q.Search), likePattern(q.Search))
		} else {
			where += ` AND m.sort_name LIKE ? ESCAPE '\'`
			args = append(args, likePattern(q.Search))
		}
	}
	if q.Role != "" {
		where += " AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role = ?)"
		args = append(args, q.Role)
	}
	page := &MemberPage{Page: q.Page, Members: []Member{}, Total: a.Collective.MemberCount}
	if q.Search != "" || q.Role != "" {
		if err := s.DB.Get(ctx, &page.Total, "SELECT count(*) FROM members m JOIN users u ON u.id = m.user_id WHERE "+where, args...); err != nil {
			return nil, err
		}
	}
	// The page's ids come from the index first, so a deep OFFSET skips index
	// entries instead of joining every skipped member to their account.
	inner := "SELECT m.id FROM members m WHERE " + where
	if q.Search != "" {
		inner = "SELECT m.id FROM members m JOIN users u ON u.id = m.user_id WHERE " + where
	}
	listQ := "SELECT " + memberCols + " FROM (" + inner + " ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?) p" +
		" JOIN members m ON m.id = p.id JOIN users u ON u.id = m.user_id ORDER BY m.sort_name, m.id"
	if err := s.DB.Select(ctx, &page.Members, listQ, append(args, PerPage, (q.Page-1)*PerPage)...); err != nil {
		return nil, err
	}
	if err := s.fillMembers(ctx, page.Members); err != nil {
		return nil, err
	}
	if !a.IsSteward() {
		for i := range page.Members {
			page.Members[i].Email = ""
		}
	}
	s.cache().pages.put(key, page)
	return page, nil
}

// Member returns one member of the collective.
func (s *Service) Member(ctx context.Context, a *Access, memberID int64) (*Member, error) {
	var m Member
	err := s.DB.Get(ctx, &m, "SELECT "+memberCols+" FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = ? AND m.collective_id = ?",
		memberID, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "That person is not a member of %s.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	ms := []Member{m}
	if err := s.fillMembers(ctx, ms); err != nil {
		return nil, err
	}
	if !a.IsSteward() && (a.User == nil || m.UserID != a.User.ID) {
		ms[0].Email = ""
	}
	return &ms[0], nil
}

// SetRoles replaces a member's roles. A collective always keeps at least one
// steward, so the last one cannot lose the role.
func (s *Service) SetRoles(ctx context.Context, a *Access, memberID int64, roles []string) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	roles, err := checkRoles("roles", roles)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := s.memberInTx(ctx, tx, a, memberID)
		if err != nil {
			return err
		}
		if err := setRoles(ctx, tx, memberID, roles); err != nil {
			return err
		}
		if err := touch(ctx, tx, a.Collective.ID, 0); err != nil {
			return err
		}
		if err := keepASteward(ctx, tx, a.Collective.ID); err != nil {
			return err
		}
		list := strings.Join(roles, ", ")
		link := base(a) + "/members/" + strconv.FormatInt(memberID, 10)
		if err := record(ctx, tx, a.Collective, a.User, "member.roles_changed", memberSubject(memberID), link, activity.Stewards,
			name(a.User)+" set the roles of "+m.Name+" to "+list+"."); err != nil {
			return err
		}
		if a.User != nil && m.UserID == a.User.ID {
			return nil // no need to tell people what they just did
		}
		return s.notify(ctx, tx, activity.Notice{UserIDs: []int64{m.UserID}, CollectiveID: a.Collective.ID, Kind: KindRolesChanged,
			Title: "Your roles in " + a.Collective.Name + " changed",
			Body:  name(a.User) + " set your roles in " + a.Collective.Name + " to " + list + ".", Link: link})
	})
}

// Remove takes a member out of the collective (a steward's act).
func (s *Service) Remove(ctx context.Context, a *Access, memberID int64) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.removeMember(ctx, a, memberID, false)
}

// Leave takes the signed-in person out of the collective.
func (s *Service) Leave(ctx context.Context, a *Access) error {
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "You are not a member of %s.", a.Collective.Name)
	}
	return s.removeMember(ctx, a, a.MemberID, true)
}

// removeMember ends a membership: the member's own leaving is told to
// everyone and noticed by the stewards; a removal is told to the stewards
// and noticed by the person removed.
func (s *Service) removeMember(ctx context.Context, a *Access, memberID int64, leaving bool) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := s.memberInTx(ctx, tx, a, memberID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM members WHERE id = ?", memberID); err != nil {
			return err
		}
		if err := touch(ctx, tx, a.Collective.ID, -1); err != nil {
			return err
		}
		if err := keepASteward(ctx, tx, a.Collective.ID); err != nil {
			return err
		}
		if leaving {
			if err := record(ctx, tx, a.Collective, a.User, "member.left", memberSubject(memberID), base(a)+"/members", activity.Everyone,
				m.Name+" left "+a.Collective.Name+"."); err != nil {
				return err
			}
			stewards, err := stewardIDs(ctx, tx, a.Collective.ID, m.UserID)
			if err != nil {
				return err
			}
			return s.notify(ctx, tx, activity.Notice{UserIDs: stewards, CollectiveID: a.Collective.ID, Kind: KindMemberLeft,
				Title: m.Name + " left " + a.Collective.Name, Body: m.Name + " is no longer a member of " + a.Collective.Name + ".",
				Link: base(a) + "/members"})
		}
		if err := record(ctx, tx, a.Collective, a.User, "member.removed", memberSubject(memberID), base(a)+"/members", activity.Stewards,
			name(a.User)+" removed "+m.Name+" from "+a.Collective.Name+"."); err != nil {
			return err
		}
		return s.notify(ctx, tx, activity.Notice{UserIDs: []int64{m.UserID}, CollectiveID: a.Collective.ID, Kind: KindRemoved,
			Title: "You are no longer a member of " + a.Collective.Name,
			Body:  name(a.User) + " removed you from " + a.Collective.Name + "."})
	})
}

// SetAffiliations sets which of the collective's organisations a member
// belongs to: their own, or anyone's for a steward.
func (s *Service) SetAffiliations(ctx context.Context, a *Access, memberID int64, orgIDs []int64) error {
	if memberID != a.MemberID || !a.CanContribute() {
		if err := a.RequireSteward(); err != nil {
			return err
		}
	}
	orgIDs = slices.Compact(slices.Sorted(slices.Values(orgIDs)))
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := s.memberInTx(ctx, tx, a, memberID)
		if err != nil {
			return err
		}
		var names []string
		if len(orgIDs) > 0 {
			marks, args := inList(orgIDs)
			if err := tx.Select(ctx, &names, "SELECT name FROM organisations WHERE collective_id = ? AND id IN ("+marks+") ORDER BY sort_name",
				append([]any{a.Collective.ID}, args...)...); err != nil {
				return err
			}
			if len(names) != len(orgIDs) {
				return errs.Field("organisations", "Choose organisations of %s only.", a.Collective.Name)
			}
		}
		if _, err := tx.Exec(ctx, "DELETE FROM affiliations WHERE member_id = ?", memberID); err != nil {
			return err
		}
		if err := touch(ctx, tx, a.Collective.ID, 0); err != nil {
			return err
		}
		for _, id := range orgIDs {
			if _, err := tx.Exec(ctx, "INSERT INTO affiliations (member_id, organisation_id) VALUES (?, ?)", memberID, id); err != nil {
				return err
			}
		}
		return record(ctx, tx, a.Collective, a.User, "member.affiliations_changed", memberSubject(memberID),
			base(a)+"/members/"+strconv.FormatInt(memberID, 10), activity.Everyone, m.Name+" is now with "+orgList(names)+".")
	})
}

// namedOrgs is how many organisations a summary names; past it, it counts
// them, so a summary stays one readable sentence.
const namedOrgs = 3

// orgList says which organisations someone is with, for a summary.
func orgList(names []string) string {
	switch {
	case len(names) == 0:
		return "no organisation"
	case len(names) > namedOrgs:
		return strconv.Itoa(len(names)) + " organisations"
	}
	return strings.Join(names, ", ")
}

// memberRef is who a member is, for the activity log and notices.
type memberRef struct {
	UserID int64  `db:"user_id"`
	Name   string `db:"name"`
}

// memberInTx returns the member of a's collective with memberID, or NotFound.
func (s *Service) memberInTx(ctx context.Context, tx *store.Tx, a *Access, memberID int64) (memberRef, error) {
	var m memberRef
	err := tx.Get(ctx, &m, "SELECT m.user_id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = ? AND m.collective_id = ?",
		memberID, a.Collective.ID)
	if store.NotFound(err) {
		return m, errs.New(errs.NotFound, "That person is not a member of %s.", a.Collective.Name)
	}
	return m, err
}

func memberSubject(id int64) string { return "member:" + strconv.FormatInt(id, 10) }

func keepASteward(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	n, err := countStewards(ctx, tx, collectiveID)
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.Field("roles", "A collective needs at least one steward; make someone else a steward first.")
	}
	return nil
}
