package people

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/errs"
)

// check validates every field of in and returns the profile to store,
// trimmed, with tags cleaned; visibilities are checked but left to the
// caller to merge with the stored ones.
func (in ProfileInput) check() (*Profile, error) {
	p := &Profile{}
	var err error
	for _, f := range []struct {
		field     Field
		in        string
		out       *string
		max       int
		multiline bool
	}{
		{FieldDisplayName, in.DisplayName, &p.DisplayName, MaxShort, false},
		{FieldPronouns, in.Pronouns, &p.Pronouns, MaxPronouns, false},
		{FieldOrganisation, in.Organisation, &p.Organisation, MaxShort, false},
		{FieldDepartment, in.Department, &p.Department, MaxShort, false},
		{FieldRoleTitle, in.RoleTitle, &p.RoleTitle, MaxShort, false},
		{FieldAbout, in.About, &p.About, MaxAbout, true},
	} {
		if *f.out, err = checkText(f.field, f.in, f.max, f.multiline); err != nil {
			return nil, err
		}
	}
	if p.Skills, err = checkTags(FieldSkills, in.Skills); err != nil {
		return nil, err
	}
	if p.Offers, err = checkTags(FieldOffers, in.Offers); err != nil {
		return nil, err
	}
	if p.Needs, err = checkTags(FieldNeeds, in.Needs); err != nil {
		return nil, err
	}
	for f, v := range in.Visibility {
		if !slices.Contains(Fields, f) {
			return nil, errs.Field("visibility", "%q is not a profile field.", string(f))
		}
		if v < OnlyMe || v > Everyone {
			return nil, errs.Field("visibility."+string(f), "Choose who may see %s: me, stewards, collectives or everyone.",
				strings.ToLower(f.Label()))
		}
	}
	return p, nil
}

// checkText trims s and checks its length in characters and that it holds
// no control characters: they would break pages, CSV files and terminals,
// and nobody types them on purpose. Only a multi-line field keeps line
// breaks and tabs (Windows line ends become "\n").
func checkText(field Field, s string, max int, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", errs.Field(string(field), "%s is not valid text (UTF-8).", field.Label())
	}
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > max {
		return "", errs.Field(string(field), "%s is %d characters long; the most is %d.", field.Label(), n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return "", errs.Field(string(field), "%s has a control character in it (%U); remove it.", field.Label(), r)
		}
	}
	return s, nil
}

// checkTags trims each tag, drops empty ones and those that repeat an
// earlier one once normalised (the first spelling wins), and checks each
// tag's length and the count.
func checkTags(field Field, in []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range in {
		if !utf8.ValidString(t) {
			return nil, errs.Field(string(field), "%s: a tag is not valid text (UTF-8).", field.Label())
		}
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			continue
		}
		if n := utf8.RuneCountInString(t); n > MaxTag {
			return nil, errs.Field(string(field), "%s: %q is %d characters long; the most is %d.", field.Label(), clip(t, 20), n, MaxTag)
		}
		if strings.ContainsFunc(t, unicode.IsControl) {
			return nil, errs.Field(string(field), "%s: %q has a control character in it; remove it.", field.Label(), clip(t, 20))
		}
		key := NormaliseTag(t)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, t)
	}
	if len(out) > MaxTags {
		return nil, errs.Field(string(field), "%s: %d given; the most is %d.", field.Label(), len(out), MaxTags)
	}
	return out, nil
}

// clip cuts s to n characters for a message, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
