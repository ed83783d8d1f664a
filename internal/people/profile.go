package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// ProfileInput is a person's profile as they save it. A field's
// visibility missing from Visibility keeps the stored one (Collectives
// before any is stored), so a form that shows only some of them cannot
// widen the others by accident.
type ProfileInput struct {
	DisplayName  string               `json:"display_name"`
	Pronouns     string               `json:"pronouns"`
	Organisation string               `json:"organisation"`
	Department   string               `json:"department"`
	RoleTitle    string               `json:"role_title"`
	About        string               `json:"about"`
	Skills       []string             `json:"skills"`
	Offers       []string             `json:"offers"`
	Needs        []string             `json:"needs"`
	Visibility   map[Field]Visibility `json:"visibility"`
}

// profileRow is a row of profiles.
type profileRow struct {
	UserID       int64     `db:"user_id"`
	DisplayName  string    `db:"display_name"`
	Pronouns     string    `db:"pronouns"`
	PhotoFileID  *int64    `db:"photo_file_id"`
	Organisation string    `db:"organisation"`
	Department   string    `db:"department"`
	RoleTitle    string    `db:"role_title"`
	About        string    `db:"about"`
	UpdatedAt    time.Time `db:"updated_at"`
	visRow
}

// visRow is the visibility columns, which the directory reads too.
type visRow struct {
	VisDisplayName  int `db:"vis_display_name"`
	VisPronouns     int `db:"vis_pronouns"`
	VisPhoto        int `db:"vis_photo"`
	VisOrganisation int `db:"vis_organisation"`
	VisDepartment   int `db:"vis_department"`
	VisRoleTitle    int `db:"vis_role_title"`
	VisAbout        int `db:"vis_about"`
	VisSkills       int `db:"vis_skills"`
	VisOffers       int `db:"vis_offers"`
	VisNeeds        int `db:"vis_needs"`
	VisValues       int `db:"vis_values"`
}

// visibility turns the columns into the map the model uses.
func (v visRow) visibility() map[Field]Visibility {
	return map[Field]Visibility{FieldDisplayName: Visibility(v.VisDisplayName), FieldPronouns: Visibility(v.VisPronouns),
		FieldPhoto: Visibility(v.VisPhoto), FieldOrganisation: Visibility(v.VisOrganisation),
		FieldDepartment: Visibility(v.VisDepartment), FieldRoleTitle: Visibility(v.VisRoleTitle),
		FieldAbout: Visibility(v.VisAbout), FieldSkills: Visibility(v.VisSkills), FieldOffers: Visibility(v.VisOffers),
		FieldNeeds: Visibility(v.VisNeeds), FieldValues: Visibility(v.VisValues)}
}

// visCols lists the visibility columns in Fields order; each is "vis_"
// and the field's name.
func visCols(prefix string) string {
	cols := make([]string, len(Fields))
	for i, f := range Fields {
		cols[i] = prefix + "vis_" + string(f)
	}
	return strings.Join(cols, ", ")
}

var profileCols = "user_id, display_name, pronouns, photo_file_id, organisation, department, role_title, about, updated_at, " + visCols("")

// loadProfile reads a person's whole profile; a person with none stored
// gets an empty one with the default visibilities.
func loadProfile(ctx context.Context, q querier, userID int64) (*Profile, error) {
	var rows []profileRow
	if err := q.Select(ctx, &rows, "SELECT "+profileCols+" FROM profiles WHERE user_id = ?", userID); err != nil {
		return nil, err
	}
	p := &Profile{UserID: userID, Visibility: DefaultVisibility(), Skills: []string{}, Offers: []string{}, Needs: []string{}}
	if len(rows) == 0 {
		return p, nil
	}
	r := rows[0]
	p.DisplayName, p.Pronouns, p.PhotoFileID = r.DisplayName, r.Pronouns, r.PhotoFileID
	p.Organisation, p.Department, p.RoleTitle, p.About = r.Organisation, r.Department, r.RoleTitle, r.About
	p.Visibility, p.UpdatedAt = r.visibility(), r.UpdatedAt.UTC()
	var tags []struct {
		Kind  TagKind `db:"kind"`
		Label string  `db:"label"`
	}
	if err := q.Select(ctx, &tags, "SELECT kind, label FROM profile_tags WHERE user_id = ? ORDER BY kind, position", userID); err != nil {
		return nil, err
	}
	for _, t := range tags {
		switch t.Kind {
		case TagSkill:
			p.Skills = append(p.Skills, t.Label)
		case TagOffer:
			p.Offers = append(p.Offers, t.Label)
		case TagNeed:
			p.Needs = append(p.Needs, t.Label)
		}
	}
	return p, nil
}

// MyProfile is the signed-in person's whole profile, every field and its
// visibility; defaults when they have not saved one.
func (s *Service) MyProfile(ctx context.Context, a *collective.Access) (*Profile, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to see your profile.")
	}
	return loadProfile(ctx, s.DB, a.User.ID)
}

// SaveProfile replaces the signed-in person's profile. Any member may keep
// their own, observers too: it is about them, not a change to the
// collective's work.
func (s *Service) SaveProfile(ctx context.Context, a *collective.Access, in ProfileInput) error {
	if err := ownProfile(a); err != nil {
		return err
	}
	p, err := in.check()
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := loadProfile(ctx, tx, a.User.ID)
		if err != nil {
			return err
		}
		p.UserID, p.Visibility = a.User.ID, cur.Visibility
		for f, v := range in.Visibility {
			p.Visibility[f] = v
		}
		if err := upsertProfile(ctx, tx, p); err != nil {
			return err
		}
		for _, kind := range []TagKind{TagSkill, TagOffer, TagNeed} {
			if err := replaceTags(ctx, tx, p.UserID, kind, p.tags(kind)); err != nil {
				return err
			}
		}
		if err := bumpUser(ctx, tx, p.UserID); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.ActorOnly, "profile.updated", fmt.Sprintf("member:%d", a.MemberID),
			PersonLink(a, a.MemberID), "You updated your profile.")
	})
}

// tags is the profile's list of one kind.
func (p *Profile) tags(kind TagKind) []string {
	switch kind {
	case TagSkill:
		return p.Skills
	case TagOffer:
		return p.Offers
	default:
		return p.Needs
	}
}

// upsertProfile writes every field and visibility of p; the photo is left
// as stored (photos change through SetPhoto).
func upsertProfile(ctx context.Context, tx *store.Tx, p *Profile) error {
	_, err := tx.Exec(ctx, "INSERT INTO profiles ("+upsertCols+") VALUES ("+placeholders(upsertWidth)+")"+upsertTail,
		profileArgs(p, tx.Now)...)
	return err
}

// profileArgs are p's values for upsertCols.
func profileArgs(p *Profile, now time.Time) []any {
	args := []any{p.UserID, p.DisplayName, p.Pronouns, p.Organisation, p.Department, p.RoleTitle, p.About, now}
	for _, f := range Fields {
		args = append(args, int(p.Visibility[f]))
	}
	return args
}

// upsertCols are the columns a profile write sets, upsertWidth how many,
// and upsertTail what an INSERT of them does to a person's existing row.
var (
	upsertCols  = "user_id, display_name, pronouns, organisation, department, role_title, about, updated_at, " + visCols("")
	upsertWidth = 8 + len(Fields)
	upsertTail  = func() string {
		set := []string{}
		for _, c := range strings.Split(upsertCols, ", ")[1:] {
			set = append(set, c+" = excluded."+c)
		}
		return " ON CONFLICT (user_id) DO UPDATE SET " + strings.Join(set, ", ")
	}()
)

// replaceTags replaces a person's tags of one kind with labels, already
// checked and free of duplicates.
func replaceTags(ctx context.Context, tx *store.Tx, userID int64, kind TagKind, labels []string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM profile_tags WHERE user_id = ? AND kind = ?", userID, string(kind)); err != nil {
		return err
	}
	for i, l := range labels {
		if _, err := tx.Exec(ctx, "INSERT INTO profile_tags (user_id, kind, tag, label, position) VALUES (?, ?, ?, ?, ?)",
			userID, string(kind), NormaliseTag(l), l, i+1); err != nil {
			return err
		}
	}
	return nil
}
