// Package purpose is a collective's shared purpose: its charter (purpose
// statement, ambition with a date, the collective's value proposition), the
// value propositions of each member and each partner organisation ("what we
// gain, what we bring"), every edit kept as a version with a word-level diff
// between any two, and members' endorsements of the current charter.
package purpose

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"commonground/internal/errs"
)

// Limits on what people type, in characters. The purpose statement is the
// charter's centre and stays short enough to say aloud; the longer texts
// stay short enough to diff word by word in a few milliseconds.
const (
	MaxPurpose          = 1000
	MaxAmbition         = 2000
	MaxValueProposition = 4000
	MaxGain             = 4000
	MaxBring            = 4000
	MaxNote             = 200
	// MaxYearsAhead bounds an ambition's date: further out is a typo, not
	// a plan.
	MaxYearsAhead = 100
)

// DateLayout is how an ambition's date is written, in forms and JSON.
const DateLayout = "2006-01-02"

// Charter is one version of a collective's charter. Version 0 is the empty
// charter of a collective that has not written one yet.
type Charter struct {
	Version          int       `db:"version" json:"version"`
	Purpose          string    `db:"purpose" json:"purpose"`
	Ambition         string    `db:"ambition" json:"ambition"`
	AmbitionBy       string    `db:"ambition_by" json:"ambition_by"` // YYYY-MM-DD, or "" for none
	ValueProposition string    `db:"value_proposition" json:"value_proposition"`
	Note             string    `db:"note" json:"note"`
	AuthorID         *int64    `db:"author_id" json:"author_id,omitempty"` // nil once the account is gone
	AuthorName       string    `db:"author_name" json:"author_name"`
	CreatedAt        time.Time `db:"created_at" json:"created_at"`
}

// AmbitionDate returns the ambition's date, and false when there is none.
func (c *Charter) AmbitionDate() (time.Time, bool) {
	d, err := time.Parse(DateLayout, c.AmbitionBy)
	return d, err == nil
}

// CharterInput is what a steward saves. Base is the version the edit
// started from (0 for the first charter): the save is refused with a
// *ConflictError when the charter has moved on since.
type CharterInput struct {
	Base             int
	Purpose          string
	Ambition         string
	AmbitionBy       string // YYYY-MM-DD, or "" for none
	ValueProposition string
	Note             string // a short word on what changed and why
}

// The kinds of owner a value proposition has.
const (
	OwnerMember       = "member"
	OwnerOrganisation = "organisation"
)

// Owner names whose value proposition it is: a member or an organisation of
// the collective, by id.
type Owner struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

// MemberOwner is the owner for a member's own value proposition.
func MemberOwner(memberID int64) Owner { return Owner{OwnerMember, memberID} }

// OrganisationOwner is the owner for an organisation's value proposition.
func OrganisationOwner(orgID int64) Owner { return Owner{OwnerOrganisation, orgID} }

func (o Owner) subject() string { return "value:" + o.Kind + ":" + strconv.FormatInt(o.ID, 10) }

// ValueProposition is one version of what a member or an organisation gains
// from the collective and brings to it. Version 0 means none written yet.
type ValueProposition struct {
	Kind       string    `db:"kind" json:"kind"`
	OwnerID    int64     `db:"owner_id" json:"owner_id"`
	OwnerName  string    `db:"owner_name" json:"owner_name"`
	Version    int       `db:"version" json:"version"`
	Gain       string    `db:"gain" json:"gain"`
	Bring      string    `db:"bring" json:"bring"`
	Note       string    `db:"note" json:"note"`
	AuthorID   *int64    `db:"author_id" json:"author_id,omitempty"`
	AuthorName string    `db:"author_name" json:"author_name"`
	CreatedAt  time.Time `db:"created_at" json:"created_at"`
}

// Owner returns whose value proposition it is.
func (v *ValueProposition) Owner() Owner { return Owner{v.Kind, v.OwnerID} }

// ValueInput is what a member saves as their own (or their organisation's)
// value proposition; Base works as in CharterInput.
type ValueInput struct {
	Base  int
	Gain  string
	Bring string
	Note  string
}

// VersionInfo describes one version in a history list.
type VersionInfo struct {
	Version    int       `db:"version" json:"version"`
	Note       string    `db:"note" json:"note"`
	AuthorID   *int64    `db:"author_id" json:"author_id,omitempty"`
	AuthorName string    `db:"author_name" json:"author_name"`
	CreatedAt  time.Time `db:"created_at" json:"created_at"`
}

// field is one text of a versioned document, for diffs and conflicts.
type field struct {
	name, label, text string
}

func (c *Charter) fields() []field {
	return []field{
		{"purpose", "Purpose", c.Purpose},
		{"ambition", "Ambition", c.Ambition},
		{"ambition_by", "Ambition date", c.AmbitionBy},
		{"value_proposition", "Value proposition", c.ValueProposition},
	}
}

func (in *CharterInput) charter() *Charter {
	return &Charter{Purpose: in.Purpose, Ambition: in.Ambition, AmbitionBy: in.AmbitionBy, ValueProposition: in.ValueProposition}
}

func (v *ValueProposition) fields() []field {
	return []field{{"gain", "What we gain", v.Gain}, {"bring", "What we bring", v.Bring}}
}

func (in *ValueInput) proposition() *ValueProposition {
	return &ValueProposition{Gain: in.Gain, Bring: in.Bring}
}

// sameTexts reports whether two versions say the same, notes aside.
func sameTexts(a, b []field) bool {
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// cleanText trims s and makes its line ends "\n", so a text saved from a
// browser (CRLF) and one from the API compare and diff alike.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// checkText refuses text that is not UTF-8, holds control characters other
// than line breaks and tabs (PostgreSQL refuses NUL outright), or is longer
// than max characters.
func checkText(name, label, s string, max int) error {
	if !utf8.ValidString(s) {
		return errs.Field(name, "The %s is not valid UTF-8 text.", label)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
		return errs.Field(name, "The %s contains control characters; remove them.", label)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return errs.Field(name, "Keep the %s to %d characters or fewer (it has %d).", label, max, n)
	}
	return nil
}

func checkBase(base int) error {
	if base < 0 {
		return errs.Field("base", "The version an edit starts from cannot be negative.")
	}
	return nil
}

// normalise cleans the input and checks what can be checked without the
// database. The ambition's date is checked against today in the edit's
// transaction (see checkAmbitionDate).
func (in *CharterInput) normalise() error {
	in.Purpose = cleanText(in.Purpose)
	in.Ambition = cleanText(in.Ambition)
	in.AmbitionBy = strings.TrimSpace(in.AmbitionBy)
	in.ValueProposition = cleanText(in.ValueProposition)
	in.Note = cleanText(in.Note)
	if err := checkBase(in.Base); err != nil {
		return err
	}
	if in.Purpose == "" {
		return errs.Field("purpose", "Write the purpose statement: what the collective exists to change.")
	}
	for _, f := range []struct {
		name, label, text string
		max               int
	}{
		{"purpose", "purpose statement", in.Purpose, MaxPurpose},
		{"ambition", "ambition", in.Ambition, MaxAmbition},
		{"value_proposition", "value proposition", in.ValueProposition, MaxValueProposition},
		{"note", "note", in.Note, MaxNote},
	} {
		if err := checkText(f.name, f.label, f.text, f.max); err != nil {
			return err
		}
	}
	if in.AmbitionBy != "" {
		if _, err := time.Parse(DateLayout, in.AmbitionBy); err != nil {
			return errs.Field("ambition_by", "Write the ambition's date as YYYY-MM-DD, such as 2030-12-31.")
		}
	}
	// An ambition says what will be different and by when: one without the
	// other is not yet specific enough to measure.
	switch {
	case in.Ambition != "" && in.AmbitionBy == "":
		return errs.Field("ambition_by", "Say by when the ambition will be reached.")
	case in.Ambition == "" && in.AmbitionBy != "":
		return errs.Field("ambition", "Say what will be different by %s.", in.AmbitionBy)
	}
	return nil
}

// checkAmbitionDate refuses a date before today (UTC) or more than
// MaxYearsAhead years ahead, unless it is the date the edit started from:
// a charter whose deadline has passed can still have a typo fixed without
// being forced to move its deadline.
func checkAmbitionDate(date, baseDate string, now time.Time) error {
	if date == "" || date == baseDate {
		return nil
	}
	d, _ := time.Parse(DateLayout, date) // checked by normalise
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if d.Before(today) {
		return errs.Field("ambition_by", "The ambition's date %s has passed; choose today or a later day.", date)
	}
	if d.After(today.AddDate(MaxYearsAhead, 0, 0)) {
		return errs.Field("ambition_by", "Choose a date within %d years.", MaxYearsAhead)
	}
	return nil
}

func (in *ValueInput) normalise() error {
	in.Gain = cleanText(in.Gain)
	in.Bring = cleanText(in.Bring)
	in.Note = cleanText(in.Note)
	if err := checkBase(in.Base); err != nil {
		return err
	}
	if in.Gain == "" && in.Bring == "" {
		return errs.Field("gain", "Say what you gain from the collective, what you bring to it, or both.")
	}
	if err := checkText("gain", "text on what you gain", in.Gain, MaxGain); err != nil {
		return err
	}
	if err := checkText("bring", "text on what you bring", in.Bring, MaxBring); err != nil {
		return err
	}
	return checkText("note", "note", in.Note, MaxNote)
}
