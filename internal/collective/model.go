// Package collective is the core every feature hangs on: collectives, their
// members and roles, partner organisations with members' affiliations, and
// invitations. Access decides who may see and change what in a collective.
package collective

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/auth"
	"commonground/internal/errs"
)

// Collective is a group with a shared purpose.
type Collective struct {
	ID           int64      `db:"id" json:"id"`
	Slug         string     `db:"slug" json:"slug"`
	Name         string     `db:"name" json:"name"`
	Purpose      string     `db:"purpose" json:"purpose"`
	Visibility   string     `db:"visibility" json:"visibility"`
	MinGroupSize int        `db:"min_group_size" json:"min_group_size"`
	CreatedAt    time.Time  `db:"created_at" json:"created_at"`
	ArchivedAt   *time.Time `db:"archived_at" json:"archived_at,omitempty"`
	MemberCount  int        `db:"member_count" json:"member_count"`
	// Version moves on with every change to the collective's settings or
	// its member list (see touch), so caches can check they are current.
	Version int64 `db:"version" json:"-"`
}

// Archived reports whether the collective is archived (read-only).
func (c *Collective) Archived() bool { return c.ArchivedAt != nil }

// Input is what a steward sets when creating or editing a collective.
type Input struct {
	Slug         string
	Name         string
	Purpose      string
	Visibility   string
	MinGroupSize int
}

// Member is a person's membership of one collective.
type Member struct {
	ID            int64     `db:"id" json:"id"`
	UserID        int64     `db:"user_id" json:"user_id"`
	Name          string    `db:"name" json:"name"`
	Email         string    `db:"email" json:"email,omitempty"`
	JoinedAt      time.Time `db:"joined_at" json:"joined_at"`
	Roles         []string  `db:"-" json:"roles"`
	Organisations []OrgRef  `db:"-" json:"organisations"`
}

// OrgRef names an organisation a member is affiliated with.
type OrgRef struct {
	ID   int64  `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
}

// Organisation is a partner organisation in a collective.
type Organisation struct {
	ID          int64     `db:"id" json:"id"`
	Name        string    `db:"name" json:"name"`
	Website     string    `db:"website" json:"website"`
	Description string    `db:"description" json:"description"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
	Members     int       `db:"members" json:"members"`
}

// OrgInput is what a steward sets on an organisation.
type OrgInput struct {
	Name, Website, Description string
}

// Limits on what people type.
const (
	MaxName        = 100
	MaxPurpose     = 280
	MaxDescription = 2000
	MinGroupFloor  = 3
	DefaultGroup   = 5
	PerPage        = 50
)

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$`)

// reservedSlugs would clash with routes or confuse people.
var reservedSlugs = []string{"new", "admin", "api", "assets", "account", "signin", "signup", "invite", "c"}

func (in *Input) normalise() {
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	in.Name = strings.TrimSpace(in.Name)
	in.Purpose = strings.TrimSpace(in.Purpose)
	if in.Visibility == "" {
		in.Visibility = "private"
	}
	if in.MinGroupSize == 0 {
		in.MinGroupSize = DefaultGroup
	}
}

func (in *Input) validate(creating bool) error {
	if creating {
		switch {
		case in.Slug == "":
			return errs.Field("slug", "Enter a short address for the collective, such as river-coalition.")
		case !slugPattern.MatchString(in.Slug):
			return errs.Field("slug", "Use 3 to 50 lower-case letters, digits and hyphens, starting and ending with a letter or digit.")
		case slices.Contains(reservedSlugs, in.Slug):
			return errs.Field("slug", "%q is reserved; choose another address.", in.Slug)
		}
	}
	if err := checkName("name", in.Name); err != nil {
		return err
	}
	if utf8.RuneCountInString(in.Purpose) > MaxPurpose {
		return errs.Field("purpose", "Keep the purpose line to %d characters or fewer.", MaxPurpose)
	}
	if in.Visibility != "public" && in.Visibility != "private" {
		return errs.Field("visibility", "Choose public or private.")
	}
	if in.MinGroupSize < MinGroupFloor || in.MinGroupSize > 1000 {
		return errs.Field("min_group_size", "The minimum group size must be between %d and 1000.", MinGroupFloor)
	}
	return nil
}

func checkName(field, name string) error {
	if name == "" {
		return errs.Field(field, "Enter a name.")
	}
	if utf8.RuneCountInString(name) > MaxName {
		return errs.Field(field, "Keep the name to %d characters or fewer.", MaxName)
	}
	return nil
}

func (in *OrgInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	in.Website = strings.TrimSpace(in.Website)
	in.Description = strings.TrimSpace(in.Description)
	if err := checkName("name", in.Name); err != nil {
		return err
	}
	if in.Website != "" {
		u, err := url.Parse(in.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.Website) > 500 {
			return errs.Field("website", "Enter a full web address starting with https://, or leave it empty.")
		}
	}
	if utf8.RuneCountInString(in.Description) > MaxDescription {
		return errs.Field("description", "Keep the description to %d characters or fewer.", MaxDescription)
	}
	return nil
}

// checkRoles refuses unknown roles and empty sets, and sorts the set.
func checkRoles(field string, roles []string) ([]string, error) {
	out := []string{}
	for _, r := range roles {
		r = strings.TrimSpace(r)
		if r == "" || slices.Contains(out, r) {
			continue
		}
		if !auth.KnownRole(r) {
			return nil, errs.Field(field, "%q is not a role here.", r)
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, errs.Field(field, "Choose at least one role.")
	}
	slices.Sort(out)
	return out, nil
}
