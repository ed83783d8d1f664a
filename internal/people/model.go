// Package people holds whole-self profiles, each collective's vocabulary of
// values and the values its members rank, steward-set prompts and their
// answers, finding collaborators, and suggested groupings.
//
// A profile belongs to an account and shows in every collective the person
// belongs to; values, prompt answers and groupings belong to one
// collective. Every profile field carries a Visibility, and every path that
// shows a profile (pages, the API, search, matches, exports) reads it
// through Level: a field is shown only when its visibility is at least the
// viewer's level.
package people

import (
	"strings"
	"time"
	"unicode"

	"commonground/internal/errs"
)

// Visibility says who may read one field of a profile. The numbers are
// stored, and ordered: a field is visible to a viewer whose Level is at
// most the field's visibility.
type Visibility int

// The four visibilities, from the narrowest.
const (
	OnlyMe      Visibility = 0 // the person alone
	Stewards    Visibility = 1 // stewards of the collective it is shown in
	Collectives Visibility = 2 // members of that collective
	Everyone    Visibility = 3 // every signed-in account on the instance
)

// Level is who a viewer is to the person whose profile is shown, in the
// collective it is shown in: the person themself (0), a steward (1), a
// member (2) or another signed-in account (3). A field with visibility v
// is shown when v >= level. Nobody signed in is Hidden: they see nothing.
type Level int

// Hidden is the level of a visitor who is not signed in: above every
// visibility, so no field shows.
const Hidden Level = 4

// Shows reports whether a field of visibility v is shown at level l.
func (l Level) Shows(v Visibility) bool { return int(v) >= int(l) }

// visibilityNames are the words the API, forms and CSV use.
var visibilityNames = []string{"me", "stewards", "collectives", "everyone"}

// Labels are the words pages show for each visibility.
var visibilityLabels = []string{"Only me", "Stewards", "My collectives", "Everyone on this instance"}

// String is the visibility's API word.
func (v Visibility) String() string {
	if v < OnlyMe || v > Everyone {
		return "unknown"
	}
	return visibilityNames[v]
}

// Label is the visibility as pages show it.
func (v Visibility) Label() string {
	if v < OnlyMe || v > Everyone {
		return "Unknown"
	}
	return visibilityLabels[v]
}

// MarshalText writes the API word, so JSON shows "collectives" not 2.
func (v Visibility) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// ParseVisibility reads a visibility word for field (the name used in
// the error).
func ParseVisibility(field, s string) (Visibility, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range visibilityNames {
		if s == n {
			return Visibility(i), nil
		}
	}
	return 0, errs.Field(field, "Choose who may see this: me, stewards, collectives or everyone.")
}

// Field names a profile field that has its own visibility; the names are
// the API's and the form's.
type Field string

// The profile's fields, in the order pages show them.
const (
	FieldDisplayName  Field = "display_name"
	FieldPronouns     Field = "pronouns"
	FieldPhoto        Field = "photo"
	FieldOrganisation Field = "organisation"
	FieldDepartment   Field = "department"
	FieldRoleTitle    Field = "role_title"
	FieldAbout        Field = "about"
	FieldSkills       Field = "skills"
	FieldOffers       Field = "offers"
	FieldNeeds        Field = "needs"
	FieldValues       Field = "values"
)

// Fields lists every field with a visibility, in page order.
var Fields = []Field{FieldDisplayName, FieldPronouns, FieldPhoto, FieldOrganisation, FieldDepartment,
	FieldRoleTitle, FieldAbout, FieldSkills, FieldOffers, FieldNeeds, FieldValues}

// fieldLabels are the fields as pages name them.
var fieldLabels = map[Field]string{
	FieldDisplayName: "Display name", FieldPronouns: "Pronouns", FieldPhoto: "Photo",
	FieldOrganisation: "Organisation", FieldDepartment: "Department", FieldRoleTitle: "Role",
	FieldAbout: "About me", FieldSkills: "Skills", FieldOffers: "What I can offer",
	FieldNeeds: "What I need", FieldValues: "Values",
}

// Label is the field as pages name it.
func (f Field) Label() string { return fieldLabels[f] }

// Limits on what people type.
const (
	MaxShort       = 100  // display name, pronouns (40), organisation, department, role title
	MaxPronouns    = 40   //
	MaxAbout       = 4000 // about me, an answer to a prompt
	MaxTag         = 60   // one skill, offer or need
	MaxTags        = 30   // of each kind
	MaxValues      = 10   // ranked values per person per collective
	MaxWhy         = 280  // the sentence on why a value matters
	MaxValueName   = 40
	MaxValueDesc   = 280
	MaxQuestion    = 280
	MaxPhotoBytes  = 5 << 20 // an uploaded photo, before resizing
	PhotoSize      = 256     // the stored photo is a square this many pixels wide
	MaxPhotoPixels = 40_000_000
	PerPage        = 50
)

// Profile is a person's profile as stored: every field and its
// visibility. What a viewer may see of it is a View.
type Profile struct {
	UserID       int64                `json:"user_id"`
	DisplayName  string               `json:"display_name"`
	Pronouns     string               `json:"pronouns"`
	PhotoFileID  *int64               `json:"-"`
	Organisation string               `json:"organisation"`
	Department   string               `json:"department"`
	RoleTitle    string               `json:"role_title"`
	About        string               `json:"about"`
	Skills       []string             `json:"skills"`
	Offers       []string             `json:"offers"`
	Needs        []string             `json:"needs"`
	Visibility   map[Field]Visibility `json:"visibility"`
	UpdatedAt    time.Time            `json:"updated_at"`
}

// DefaultVisibility is every field's visibility before the person
// chooses: members of the collectives they share.
func DefaultVisibility() map[Field]Visibility {
	m := make(map[Field]Visibility, len(Fields))
	for _, f := range Fields {
		m[f] = Collectives
	}
	return m
}

// NormaliseTag is the form of a skill, offer or need that filters and
// matching compare: trimmed, lower case, inner spaces collapsed to one.
func NormaliseTag(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// TagKind is which list a tag is on.
type TagKind string

// The three tag lists.
const (
	TagSkill TagKind = "skill"
	TagOffer TagKind = "offer"
	TagNeed  TagKind = "need"
)
