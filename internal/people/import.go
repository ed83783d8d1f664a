package people

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// ImportOptions says how to import a CSV file of profiles.
type ImportOptions struct {
	// Visibility is the most a field the import fills may be shown to; nil
	// means Collectives. A filled field gets the narrower of this and the
	// visibility the person had for it. Everyone is refused: the people
	// have not agreed to show their profile to the whole instance.
	Visibility *Visibility
	// Progress, when set, is called with people written so far and the
	// people to write. It runs inside the import's transaction: on SQLite
	// it must not write to the database (the single writer is busy).
	Progress func(done, total int)
}

// ImportResult is what an import did, or would have done.
type ImportResult struct {
	Lines   int `json:"lines"`   // data lines read (the header not counted)
	Created int `json:"created"` // people who had no profile before
	Updated int `json:"updated"` // people with a profile the import filled in parts of
	// Kept counts the cells left alone because the person had already
	// filled that field (or tag list, or ranked values here): an import
	// only fills what is empty.
	Kept int         `json:"kept"`
	Bad  []LineError `json:"bad"` // every bad line, in order
}

// LineError is a line of an imported file that cannot be used, and why.
type LineError struct {
	Line   int    `json:"line"` // the header is line 1
	Reason string `json:"reason"`
}

// MaxImportLines bounds one file: every line is checked before anything
// is written, so all are held in memory at once.
const MaxImportLines = 100_000

// importColumns are the columns an import reads; email is required. An
// import only fills what is empty: a cell left empty, or one for a field
// the person has already filled, leaves that field as it is.
var importColumns = []string{"email", "display_name", "pronouns", "organisation", "department", "role_title", "about",
	"skills", "offers", "needs", "values"}

// importRow is one checked line.
type importRow struct {
	line   int
	email  string
	text   map[Field]string // the text fields the line fills
	tags   map[TagKind][]string
	values []string // nil: leave the person's values as they are
	// Found in the collective before writing:
	memberID, userID int64
	picks            []ValuePick
}

// Import reads a CSV file of profiles, one person a line, for stewards
// onboarding a large network. The header names the columns: email (which
// must belong to a member of the collective, in any case) and any of
// display_name, pronouns, organisation, department, role_title, about,
// skills, offers and needs (tags separated by ";") and values (value
// names in rank order separated by ";", at most ten).
//
// The import only fills what is empty: a profile field, a tag list, or
// the person's values here when they rank none. It never overwrites what
// a person wrote (a steward's file would otherwise change a profile shown
// in all their collectives), and each person it filled in is notified.
//
// Every line is checked before anything is written; one bad line means
// nothing is written, and the result lists every bad line with its number
// and the reason.
func (s *Service) Import(ctx context.Context, a *collective.Access, r io.Reader, opt ImportOptions) (*ImportResult, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to import profiles.")
	}
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	vis, err := importVisibility(opt.Visibility)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Bad: []LineError{}}
	rows, err := readImport(r, res)
	if err != nil {
		return res, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := findPeople(ctx, tx, a, rows, res); err != nil {
			return err
		}
		if len(res.Bad) > 0 {
			slices.SortStableFunc(res.Bad, func(x, y LineError) int { return x.Line - y.Line })
			return errs.New(errs.Invalid, "Nothing was imported: %d of %d lines %s problems; fix them and import again.",
				len(res.Bad), res.Lines, map[bool]string{true: "has", false: "have"}[len(res.Bad) == 1])
		}
		fills, err := writeImport(ctx, tx, a.Collective.ID, rows, vis, res, opt.Progress)
		if err != nil {
			return err
		}
		if err := s.notifyFilled(ctx, tx, a, fills, vis); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Stewards, "people.imported", "collective:"+a.Collective.Slug, Base(a), importSummary(a, res))
	})
	if err != nil {
		res.Created, res.Updated, res.Kept = 0, 0, 0
	}
	return res, err
}

// importVisibility checks the visibility chosen for an import: me,
// stewards or collectives (the default).
func importVisibility(v *Visibility) (Visibility, error) {
	switch {
	case v == nil:
		return Collectives, nil
	case *v == Everyone:
		return 0, errs.Field("visibility", "An import cannot show fields to everyone on this instance: the people have not agreed "+
			"to that. Choose me, stewards or collectives; each person can widen their own fields later.")
	case *v < OnlyMe || *v > Everyone:
		return 0, errs.Field("visibility", "Choose who may see imported fields: me, stewards or collectives.")
	}
	return *v, nil
}

// importSummary is the stewards' activity entry for a written import.
func importSummary(a *collective.Access, res *ImportResult) string {
	n := res.Created + res.Updated
	s := fmt.Sprintf("%s imported %d %s.", actorName(a), n, plural(n, "profile", "profiles"))
	if res.Kept > 0 {
		s += fmt.Sprintf(" %d %s left as the people had filled them.", res.Kept, plural(res.Kept, "cell was", "cells were"))
	}
	return s
}

// plural picks one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readImport parses and checks every line on its own (the checks that need
// the database come later), collecting bad lines in res.Bad. Only a file
// that cannot be read as CSV, or has a bad header, is an error.
func readImport(r io.Reader, res *ImportResult) ([]*importRow, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, errs.Field("file", "The file has no header line; it must name its columns, email first or anywhere.")
	}
	cols := make([]string, len(head))
	emailCol := -1
	for i, h := range head {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a byte-order mark from spreadsheet programs
		}
		cols[i] = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(importColumns, cols[i]) {
			return nil, errs.Field("file", "Column %d of the header, %q, is not one the import reads: %s.", i+1, clip(h, 40),
				strings.Join(importColumns, ", "))
		}
		if slices.Contains(cols[:i], cols[i]) {
			return nil, errs.Field("file", "The header names the column %q twice.", cols[i])
		}
		if cols[i] == "email" {
			emailCol = i
		}
	}
	if emailCol < 0 {
		return nil, errs.Field("file", "The header has no email column: each line names its person by e-mail.")
	}
	seen := map[string]int{}
	var rows []*importRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		res.Lines++
		if res.Lines > MaxImportLines {
			return nil, errs.Field("file", "The file has more than %d lines; split it.", MaxImportLines)
		}
		line, _ := cr.FieldPos(0)
		var perr *csv.ParseError
		if errors.As(err, &perr) && errors.Is(perr.Err, csv.ErrFieldCount) {
			res.Bad = append(res.Bad, LineError{perr.Line, fmt.Sprintf("%d fields where the header has %d.", len(rec), len(cols))})
			continue
		}
		if err != nil {
			if errors.As(err, &perr) {
				res.Bad = append(res.Bad, LineError{perr.Line, "this line cannot be read as CSV: " + perr.Err.Error() + "; nothing after it was read."})
				return nil, errs.Field("file", "Line %d cannot be read as CSV (%v).", perr.Line, perr.Err)
			}
			return nil, err
		}
		row, reason := checkImportLine(cols, rec)
		if reason == "" {
			if first, dup := seen[row.email]; dup {
				reason = fmt.Sprintf("the same e-mail as line %d.", first)
			} else {
				seen[row.email] = line
			}
		}
		if reason != "" {
			res.Bad = append(res.Bad, LineError{line, reason})
			continue
		}
		row.line = line
		rows = append(rows, row)
	}
	return rows, nil
}

// checkImportLine checks one line against the rules of each field.
func checkImportLine(cols, rec []string) (*importRow, string) {
	row := &importRow{text: map[Field]string{}, tags: map[TagKind][]string{}}
	for i, cell := range rec {
		if !utf8.ValidString(cell) {
			return nil, "the line is not valid UTF-8 text; save the file as UTF-8."
		}
		cell = strings.TrimSpace(cell)
		switch col := cols[i]; col {
		case "email":
			row.email = strings.ToLower(cell)
		case "skills", "offers", "needs":
			if cell == "" {
				continue
			}
			kind, field := map[string]TagKind{"skills": TagSkill, "offers": TagOffer, "needs": TagNeed}[col], Field(col)
			tags, err := checkTags(field, strings.Split(cell, ";"))
			if err != nil {
				return nil, lowerFirst(errs.Message(err))
			}
			row.tags[kind] = tags
		case "values":
			if cell == "" {
				continue
			}
			row.values = []string{}
			for _, v := range strings.Split(cell, ";") {
				if v = strings.TrimSpace(v); v != "" {
					row.values = append(row.values, v)
				}
			}
			if len(row.values) > MaxValues {
				return nil, fmt.Sprintf("%d values; a person ranks at most %d.", len(row.values), MaxValues)
			}
		default:
			if cell == "" {
				continue
			}
			f := Field(col)
			max := map[Field]int{FieldPronouns: MaxPronouns, FieldAbout: MaxAbout}[f]
			if max == 0 {
				max = MaxShort
			}
			text, err := checkText(f, cell, max, f == FieldAbout)
			if err != nil {
				return nil, lowerFirst(errs.Message(err))
			}
			row.text[f] = text
		}
	}
	if row.email == "" {
		return nil, "the e-mail is empty; each line names its person by e-mail."
	}
	return row, ""
}

// lowerFirst starts a message in lower case, to follow "line 7: "; an
// acronym keeps its case.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[n:]); n == 0 || unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
