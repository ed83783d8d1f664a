package people

import (
	"context"
	"encoding/csv"
	"io"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// exportHeader is the export's columns; skills, offers, needs and values
// hold lists separated by "; ", values in rank order, as the import reads
// them.
var exportHeader = []string{"name", "pronouns", "organisation", "department", "role_title", "skills", "offers", "needs", "values"}

// exportBatch is how many people the export reads at a time.
const exportBatch = 1000

// ExportCSV writes the directory as CSV, with what the viewer may see: a
// field hidden from them is an empty cell. Members only; the stewards see
// in the activity log who exported it.
func (s *Service) ExportCSV(ctx context.Context, a *collective.Access, w io.Writer) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to export the people of %s.", a.Collective.Name)
	}
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can export its people directory.", a.Collective.Name)
	}
	// The entry is written before any data leaves, so an export cut short
	// is still on record.
	if err := s.DB.Write(ctx, func(tx *store.Tx) error {
		return record(ctx, tx, a, activity.Stewards, "people.exported", "collective:"+a.Collective.Slug, Base(a),
			actorName(a)+" exported the people directory.")
	}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	where, err := s.directoryWhere(ctx, a, DirectoryQuery{})
	if err != nil {
		return err
	}
	kinds := []TagKind{TagSkill, TagOffer, TagNeed}
	for offset := 0; ; offset += exportBatch {
		views, err := s.directoryViews(ctx, a, where, exportBatch, offset, kinds, MaxValues)
		if err != nil {
			return err
		}
		for _, v := range views {
			names := make([]string, len(v.Values))
			for i, rv := range v.Values {
				names[i] = rv.Name
			}
			rec := []string{v.Name, v.Pronouns, v.Organisation, v.Department, v.RoleTitle, strings.Join(v.Skills, "; "),
				strings.Join(v.Offers, "; "), strings.Join(v.Needs, "; "), strings.Join(names, "; ")}
			for i := range rec {
				rec[i] = safeCell(rec[i])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		if len(views) < exportBatch {
			break
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from reading a cell as a formula: people
// type these fields, and a cell starting with "=", "+", "-" or "@" would
// run when the file is opened. A leading apostrophe makes it text.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
