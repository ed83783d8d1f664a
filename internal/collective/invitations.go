package collective

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// InvitationTTL is how long an invitation link stays valid.
const InvitationTTL = 14 * 24 * time.Hour

// Invitation asks someone to join a collective with given roles. Only a hash
// of its token is stored; the link is shown once, when it is made.
type Invitation struct {
	ID         int64      `db:"id" json:"id"`
	Email      string     `db:"email" json:"email"`
	RoleList   string     `db:"roles" json:"-"`
	InvitedBy  string     `db:"invited_by" json:"invited_by"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	ExpiresAt  time.Time  `db:"expires_at" json:"expires_at"`
	Status     string     `db:"status" json:"status"`
	AnsweredAt *time.Time `db:"answered_at" json:"answered_at,omitempty"`
	Link       string     `db:"-" json:"link,omitempty"`
}

// Roles returns the roles the invitation grants.
func (i *Invitation) Roles() []string { return splitRoles(i.RoleList) }

// Open reports whether the invitation can still be answered at now.
func (i *Invitation) Open(now time.Time) bool { return i.Status == "open" && now.Before(i.ExpiresAt) }

// InviteInput is a steward's invitation: an optional address to mail the
// link to, and the roles to grant.
type InviteInput struct {
	Email string
	Roles []string
}

func newToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateInvitation makes an invitation link, and mails it when an address is
// given (stewards only).
func (s *Service) CreateInvitation(ctx context.Context, a *Access, in InviteInput) (*Invitation, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if in.Email != "" {
		if addr, err := mail.ParseAddress(in.Email); err != nil || addr.Address != in.Email || len(in.Email) > 254 {
			return nil, errs.Field("email", "Enter an e-mail address such as name@example.org, or leave it empty for a link.")
		}
	}
	roles, err := checkRoles("roles", in.Roles)
	if err != nil {
		return nil, err
	}
	token, hash := newToken()
	inv := &Invitation{Email: in.Email, RoleList: strings.Join(roles, ","), InvitedBy: a.User.Name, Status: "open",
		Link: strings.TrimRight(s.BaseURL, "/") + "/invite/" + token}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		inv.CreatedAt, inv.ExpiresAt = tx.Now, tx.Now.Add(InvitationTTL)
		var err error
		inv.ID, err = tx.Insert(ctx, `INSERT INTO invitations (collective_id, token_hash, email, roles, invited_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Collective.ID, hash, inv.Email, inv.RoleList, a.User.ID, inv.CreatedAt, inv.ExpiresAt)
		if err != nil {
			return err
		}
		what := "made an invitation link"
		if inv.Email != "" {
			what = "invited " + inv.Email
		}
		return record(ctx, tx, a.Collective, a.User, "invitation.created", invSubject(inv.ID), base(a)+"/invitations", activity.Stewards,
			a.User.Name+" "+what+" as "+strings.Join(roles, ", ")+".")
	})
	if err != nil {
		return nil, err
	}
	if inv.Email != "" && s.Mailer != nil {
		body := fmt.Sprintf("%s invites you to join %s on commonground.\n\n%s\n\nOpen this link to accept or decline: %s\nIt is valid until %s.\n",
			a.User.Name, a.Collective.Name, a.Collective.Purpose, inv.Link, inv.ExpiresAt.Format("2 January 2006"))
		if err := s.Mailer.Send(ctx, inv.Email, "Invitation to join "+a.Collective.Name, body); err != nil {
			return inv, errs.New(errs.Internal, "The invitation was made but the e-mail could not be sent; share the link instead.")
		}
	}
	return inv, nil
}

// Invitations lists a collective's invitations, newest first (stewards only).
func (s *Service) Invitations(ctx context.Context, a *Access, page int) ([]Invitation, int, error) {
	if !a.IsSteward() { // stewards may still read them once archived
		return nil, 0, errs.New(errs.Forbidden, "Only stewards of %s can see its invitations.", a.Collective.Name)
	}
	var total int
	if err := s.DB.Get(ctx, &total, "SELECT count(*) FROM invitations WHERE collective_id = ?", a.Collective.ID); err != nil {
		return nil, 0, err
	}
	out := []Invitation{}
	err := s.DB.Select(ctx, &out, `SELECT i.id, i.email, i.roles, COALESCE(u.name, '') AS invited_by, i.created_at, i.expires_at, i.status, i.answered_at
		FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
		WHERE i.collective_id = ? ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`, a.Collective.ID, PerPage, (max(page, 1)-1)*PerPage)
	return out, total, err
}

// RevokeInvitation withdraws an open invitation (stewards only).
func (s *Service) RevokeInvitation(ctx context.Context, a *Access, id int64) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var email string
		err := tx.Get(ctx, &email, "SELECT email FROM invitations WHERE id = ? AND collective_id = ? AND status = 'open'", id, a.Collective.ID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "There is no open invitation with that number.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE invitations SET status = 'revoked', answered_at = ? WHERE id = ?", tx.Now, id); err != nil {
			return err
		}
		return record(ctx, tx, a.Collective, a.User, "invitation.revoked", invSubject(id), base(a)+"/invitations", activity.Stewards,
			name(a.User)+" withdrew the invitation "+invitationName(id, email)+".")
	})
}

// InvitationView is what the person holding a link sees.
type InvitationView struct {
	Invitation
	CollectiveSlug    string `db:"slug"`
	CollectiveName    string `db:"name"`
	CollectivePurpose string `db:"purpose"`
}

// InvitationByToken returns the invitation a link points at. Unknown links
// are NotFound; used, revoked and expired ones are Gone.
func (s *Service) InvitationByToken(ctx context.Context, token string) (*InvitationView, error) {
	var v InvitationView
	err := s.DB.Get(ctx, &v, `SELECT i.id, i.email, i.roles, COALESCE(u.name, '') AS invited_by, i.created_at, i.expires_at, i.status, i.answered_at,
		c.slug, c.name, c.purpose
		FROM invitations i JOIN collectives c ON c.id = i.collective_id LEFT JOIN users u ON u.id = i.invited_by
		WHERE i.token_hash = ?`, hashToken(token))
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "This invitation link is not valid. Check that you copied all of it.")
	}
	if err != nil {
		return nil, err
	}
	if err := goneUnlessOpen(&v.Invitation, s.DB.Now()); err != nil {
		return &v, err
	}
	return &v, nil
}

func goneUnlessOpen(i *Invitation, now time.Time) error {
	switch {
	case i.Status == "accepted":
		return errs.New(errs.Gone, "This invitation has been used already. Ask a steward for a new one.")
	case i.Status == "declined":
		return errs.New(errs.Gone, "This invitation was declined. Ask a steward for a new one.")
	case i.Status == "revoked":
		return errs.New(errs.Gone, "This invitation was withdrawn by a steward.")
	case !now.Before(i.ExpiresAt):
		return errs.New(errs.Gone, "This invitation expired on %s. Ask a steward for a new one.", i.ExpiresAt.Format("2 January 2006"))
	}
	return nil
}

// ValidInvitation reports whether token is an open invitation; sign-up by
// invitation only lets such visitors in.
func (s *Service) ValidInvitation(ctx context.Context, token string) bool {
	_, err := s.InvitationByToken(ctx, token)
	return err == nil
}

// AcceptInvitation makes the signed-in person a member with the invited
// roles (added to any they hold already). The link then stops working.
func (s *Service) AcceptInvitation(ctx context.Context, token string) (slug string, err error) {
	u := auth.UserFrom(ctx)
	if u == nil {
		return "", errs.New(errs.Unauthorized, "Sign in or sign up to accept the invitation.")
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var row struct {
			Invitation
			CollectiveID int64      `db:"collective_id"`
			Slug         string     `db:"slug"`
			Archived     *time.Time `db:"archived_at"`
		}
		err := tx.Get(ctx, &row, `SELECT i.id, i.email, i.roles, '' AS invited_by, i.created_at, i.expires_at, i.status, i.answered_at,
			i.collective_id, c.slug, c.archived_at FROM invitations i JOIN collectives c ON c.id = i.collective_id WHERE i.token_hash = ?`, hashToken(token))
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "This invitation link is not valid. Check that you copied all of it.")
		}
		if err != nil {
			return err
		}
		if err := goneUnlessOpen(&row.Invitation, tx.Now); err != nil {
			return err
		}
		if row.Archived != nil {
			return errs.New(errs.Gone, "This collective has been archived and takes no new members.")
		}
		slug = row.Slug
		n, err := tx.Exec(ctx, "UPDATE invitations SET status = 'accepted', answered_by = ?, answered_at = ? WHERE id = ? AND status = 'open'", u.ID, tx.Now, row.ID)
		if err != nil {
			return err
		}
		if n != 1 { // answered by someone else between our read and write
			return errs.New(errs.Gone, "This invitation has been used already. Ask a steward for a new one.")
		}
		var c Collective
		if err := tx.Get(ctx, &c, "SELECT "+collectiveCols+" FROM collectives c WHERE c.id = ?", row.CollectiveID); err != nil {
			return err
		}
		return s.joinWithRoles(ctx, tx, &c, u, row.Roles())
	})
	return slug, err
}

// joinWithRoles adds u to the collective, or adds roles to their membership,
// and tells the stewards.
func (s *Service) joinWithRoles(ctx context.Context, tx *store.Tx, c *Collective, u *auth.User, roles []string) error {
	list := strings.Join(roles, ", ")
	var memberID int64
	err := tx.Get(ctx, &memberID, "SELECT id FROM members WHERE collective_id = ? AND user_id = ?", c.ID, u.ID)
	if store.NotFound(err) {
		if memberID, err = addMember(ctx, tx, c.ID, u.ID, u.Name, roles); err != nil {
			return err
		}
		err = record(ctx, tx, c, u, "member.joined", memberSubject(memberID), "/c/"+c.Slug+"/members/"+strconv.FormatInt(memberID, 10),
			activity.Everyone, u.Name+" joined "+c.Name+" as "+list+".")
	} else if err == nil {
		for _, r := range roles {
			if _, err := tx.Exec(ctx, "INSERT INTO member_roles (member_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING", memberID, r); err != nil {
				return err
			}
		}
		if err := touch(ctx, tx, c.ID, 0); err != nil {
			return err
		}
		err = record(ctx, tx, c, u, "member.roles_changed", memberSubject(memberID), "/c/"+c.Slug+"/members/"+strconv.FormatInt(memberID, 10),
			activity.Stewards, u.Name+" accepted an invitation to "+c.Name+" as "+list+".")
	}
	if err != nil {
		return err
	}
	stewards, err := stewardIDs(ctx, tx, c.ID, u.ID)
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, activity.Notice{UserIDs: stewards, CollectiveID: c.ID, Kind: KindInvitationAccepted,
		Title: u.Name + " accepted an invitation to " + c.Name, Body: u.Name + " is now a member of " + c.Name + " as " + list + ".",
		Link: "/c/" + c.Slug + "/members/" + strconv.FormatInt(memberID, 10)})
}

// DeclineInvitation turns an invitation down; the link then stops working.
func (s *Service) DeclineInvitation(ctx context.Context, token string) error {
	if _, err := s.InvitationByToken(ctx, token); err != nil {
		return err
	}
	var by any
	u := auth.UserFrom(ctx)
	if u != nil {
		by = u.ID
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var row struct {
			InvID int64  `db:"inv_id"`
			Email string `db:"email"`
			Collective
		}
		err := tx.Get(ctx, &row, "SELECT i.id AS inv_id, i.email, "+collectiveCols+" FROM invitations i JOIN collectives c ON c.id = i.collective_id WHERE i.token_hash = ? AND i.status = 'open'",
			hashToken(token))
		if store.NotFound(err) {
			return errs.New(errs.Gone, "This invitation has been answered already.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE invitations SET status = 'declined', answered_by = ?, answered_at = ? WHERE id = ?", by, tx.Now, row.InvID); err != nil {
			return err
		}
		who := "Someone"
		if u != nil {
			who = u.Name
		}
		return record(ctx, tx, &row.Collective, u, "invitation.declined", invSubject(row.InvID), "/c/"+row.Slug+"/invitations", activity.Stewards,
			who+" declined the invitation "+invitationName(row.InvID, row.Email)+".")
	})
}

func invSubject(id int64) string { return "invitation:" + strconv.FormatInt(id, 10) }

// invitationName is how stewards recognise an invitation in the log.
func invitationName(id int64, email string) string {
	if email != "" {
		return "to " + email
	}
	return "link number " + strconv.FormatInt(id, 10)
}

// ValidInvitationPath reports whether next (a path the visitor will be sent
// to after signing up) is an open invitation's page, for sign-up by
// invitation only.
func (s *Service) ValidInvitationPath(ctx context.Context, next string) bool {
	token, ok := strings.CutPrefix(next, "/invite/")
	return ok && token != "" && !strings.Contains(token, "/") && s.ValidInvitation(ctx, token)
}
