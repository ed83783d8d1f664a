package collective

import (
	"context"
	"log/slog"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Service holds the rules about collectives; pages and API both call it.
type Service struct {
	DB      *store.DB
	Mailer  auth.Mailer
	BaseURL string
	Log     *slog.Logger
	// Notify, when set, sends a notice inside the transaction of the change
	// it is about (the app wires the notifier); nil sends nothing.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error
	caches *caches
}

// The kinds of notice the collective sends; people choose per kind how
// they hear of them.
const (
	KindRolesChanged       = "member.roles_changed" // to the member whose roles a steward changed
	KindRemoved            = "member.removed"       // to the member a steward removed
	KindInvitationAccepted = "invitation.accepted"  // to the stewards, when someone joins
	KindMemberLeft         = "member.left"          // to the stewards, when a member leaves
)

// record writes an activity entry for a change to collective c inside tx.
func record(ctx context.Context, tx *store.Tx, c *Collective, actor *auth.User, verb, subject, link string, aud activity.Audience, summary string) error {
	var actorID int64
	if actor != nil {
		actorID = actor.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: c.ID, ActorID: actorID, Verb: verb, Subject: subject,
		Summary: summary, Link: link, Audience: aud})
}

// notify sends n through Notify, if wired, to the people it names.
func (s *Service) notify(ctx context.Context, tx *store.Tx, n activity.Notice) error {
	if s.Notify == nil || len(n.UserIDs) == 0 {
		return nil
	}
	return s.Notify(ctx, tx, n)
}

// stewardIDs lists the accounts of a collective's stewards but one.
func stewardIDs(ctx context.Context, tx *store.Tx, collectiveID, except int64) ([]int64, error) {
	var ids []int64
	err := tx.Select(ctx, &ids, `SELECT m.user_id FROM members m JOIN member_roles r ON r.member_id = m.id
		WHERE m.collective_id = ? AND r.role = 'steward' AND m.user_id <> ? ORDER BY m.user_id`, collectiveID, except)
	return ids, err
}

// name is how an actor appears in a summary.
func name(u *auth.User) string {
	if u == nil {
		return "Someone"
	}
	return u.Name
}

func signedIn(ctx context.Context) (*auth.User, error) {
	u := auth.UserFrom(ctx)
	if u == nil {
		return nil, errs.New(errs.Unauthorized, "Please sign in first.")
	}
	return u, nil
}

const collectiveCols = "c.id, c.slug, c.name, c.purpose, c.visibility, c.min_group_size, c.created_at, c.archived_at, c.member_count, c.version"

// Create makes a collective with the signed-in person as its first steward.
func (s *Service) Create(ctx context.Context, in Input) (*Collective, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	in.normalise()
	if err := in.validate(true); err != nil {
		return nil, err
	}
	var c *Collective
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.Insert(ctx, `INSERT INTO collectives (slug, name, purpose, visibility, min_group_size, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, in.Slug, in.Name, in.Purpose, in.Visibility, in.MinGroupSize, u.ID, tx.Now)
		if store.IsUnique(err) {
			return errs.Field("slug", "The address %q is taken; choose another.", in.Slug)
		}
		if err != nil {
			return err
		}
		if _, err := addMember(ctx, tx, id, u.ID, u.Name, []string{auth.Member, auth.Steward}); err != nil {
			return err
		}
		c = &Collective{ID: id, Slug: in.Slug, Name: in.Name, Purpose: in.Purpose, Visibility: in.Visibility, MinGroupSize: in.MinGroupSize, CreatedAt: tx.Now}
		return record(ctx, tx, c, u, "collective.created", "collective:"+in.Slug, "/c/"+in.Slug, activity.Everyone,
			u.Name+" created "+in.Name+".")
	})
	return c, err
}

// Update changes a collective's name, purpose, visibility and minimum group
// size (the address stays, so links keep working).
func (s *Service) Update(ctx context.Context, a *Access, in Input) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	in.normalise()
	if err := in.validate(false); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE collectives SET name = ?, purpose = ?, visibility = ?, min_group_size = ?, version = version + 1 WHERE id = ?",
			in.Name, in.Purpose, in.Visibility, in.MinGroupSize, a.Collective.ID)
		if err != nil {
			return err
		}
		return record(ctx, tx, a.Collective, a.User, "collective.updated", "collective:"+a.Collective.Slug, base(a), activity.Everyone,
			name(a.User)+" changed the settings of "+in.Name+".")
	})
}

// SetArchived archives (read-only for everyone) or restores a collective.
func (s *Service) SetArchived(ctx context.Context, a *Access, archived bool) error {
	if !a.IsSteward() {
		return errs.New(errs.Forbidden, "Only stewards of %s can do this.", a.Collective.Name)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var at any
		if archived {
			at = tx.Now
		}
		if _, err := tx.Exec(ctx, "UPDATE collectives SET archived_at = ?, version = version + 1 WHERE id = ?", at, a.Collective.ID); err != nil {
			return err
		}
		if a.Collective.Archived() == archived {
			return nil // nothing changed, so nothing to tell
		}
		verb, did := "collective.unarchived", " restored "
		if archived {
			verb, did = "collective.archived", " archived "
		}
		return record(ctx, tx, a.Collective, a.User, verb, "collective:"+a.Collective.Slug, base(a), activity.Everyone,
			name(a.User)+did+a.Collective.Name+".")
	})
}

// Mine is a collective together with the viewer's roles in it.
type Mine struct {
	Collective
	Roles   []string `db:"-"`
	Members int      `db:"members"`
}

// ListMine returns the signed-in person's collectives, active ones first.
func (s *Service) ListMine(ctx context.Context) ([]Mine, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Mine
		MemberID int64  `db:"member_id"`
		RoleList string `db:"roles"`
	}
	q := `SELECT ` + collectiveCols + `, m.id AS member_id,
		c.member_count AS members,
		COALESCE((SELECT ` + s.aggRoles() + ` FROM member_roles r WHERE r.member_id = m.id), '') AS roles
		FROM members m JOIN collectives c ON c.id = m.collective_id
		WHERE m.user_id = ? ORDER BY (c.archived_at IS NOT NULL), lower(c.name)`
	if err := s.DB.Select(ctx, &rows, q, u.ID); err != nil {
		return nil, err
	}
	out := make([]Mine, len(rows))
	for i, r := range rows {
		out[i] = r.Mine
		out[i].Roles = splitRoles(r.RoleList)
	}
	return out, nil
}

// ListPublic returns public, active collectives the person is not in, for
// discovery on the home page.
func (s *Service) ListPublic(ctx context.Context, limit int) ([]Collective, error) {
	var uid int64
	if u := auth.UserFrom(ctx); u != nil {
		uid = u.ID
	}
	var out []Collective
	err := s.DB.Select(ctx, &out, `SELECT `+collectiveCols+` FROM collectives c
		WHERE c.visibility = 'public' AND c.archived_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM members m WHERE m.collective_id = c.id AND m.user_id = ?)
		ORDER BY lower(c.name) LIMIT ?`, uid, limit)
	return out, err
}

// Counts are the overview's figures.
type Counts struct {
	Members       int `db:"members"`
	Organisations int `db:"organisations"`
	Invitations   int `db:"invitations"`
}

// Counts returns how many members, organisations and open invitations a
// collective has.
func (s *Service) Counts(ctx context.Context, a *Access) (Counts, error) {
	var c Counts
	err := s.DB.Get(ctx, &c, `SELECT
		(SELECT member_count FROM collectives WHERE id = ?) AS members,
		(SELECT count(*) FROM organisations WHERE collective_id = ?) AS organisations,
		(SELECT count(*) FROM invitations WHERE collective_id = ? AND status = 'open' AND expires_at > ?) AS invitations`,
		a.Collective.ID, a.Collective.ID, a.Collective.ID, s.DB.Now())
	return c, err
}

// aggRoles is the dialect's way to join role names with commas.
func (s *Service) aggRoles() string {
	if s.DB.Dialect == store.Postgres {
		return "string_agg(r.role, ',' ORDER BY r.role)"
	}
	return "group_concat(r.role, ',')"
}

func splitRoles(list string) []string {
	if list == "" {
		return []string{}
	}
	return strings.Split(list, ",")
}
