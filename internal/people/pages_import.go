package people

import (
	"fmt"
	"net/http"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// importColumnHelp explains each column the import reads, in the order
// the import lists them.
var importColumnHelp = map[string]string{
	"email":        "Required. The e-mail of the person's account; they must already be a member of the collective.",
	"display_name": "How they are named here.",
	"pronouns":     "For example she/her.",
	"organisation": "Their organisation.",
	"department":   "Their department or team.",
	"role_title":   "Their role.",
	"about":        "A few sentences about them.",
	"skills":       "Skills, separated by semicolons.",
	"offers":       "What they can offer, separated by semicolons.",
	"needs":        "What they need, separated by semicolons.",
	"values":       fmt.Sprintf("Up to %d of the collective's active values, most important first, separated by semicolons.", MaxValues),
}

// importChoices are the visibilities an import may give: not everyone on
// the instance, which the people have not agreed to.
var importChoices = visibilityChoices[:Everyone]

// importColumn is one row of the column list on the import page.
type importColumn struct{ Name, Help string }

func (h *Handlers) importForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.steward(w, r, a) {
		return
	}
	h.renderImport(w, r, a, http.StatusOK, nil, nil, false)
}

// renderImport shows the import form, with a result (every bad line, or
// what was written) when there is one.
func (h *Handlers) renderImport(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, res *ImportResult, failed error, done bool) {
	p := h.page(a, "Import people")
	p.Form = map[string][]string{"visibility": {Collectives.String()}}
	if r.MultipartForm != nil && !done {
		for k, v := range r.MultipartForm.Value {
			p.Form[k] = v
		}
	}
	if failed != nil {
		p.Fail(failed)
	}
	cols := make([]importColumn, len(importColumns))
	for i, c := range importColumns {
		cols[i] = importColumn{c, importColumnHelp[c]}
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Result": res, "Done": done, "Columns": cols,
		"Choices": importChoices, "MaxLines": MaxImportLines, "Example": strings.Join(importColumns, ",")}
	h.t.Render(w, r, status, "import", p)
}

// importCSV imports an uploaded file: all or nothing, every bad line
// listed.
func (h *Handlers) importCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.steward(w, r, a) {
		return
	}
	defer removeUpload(r)
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		h.renderImport(w, r, a, http.StatusUnprocessableEntity, nil, errs.Field("file", "The upload could not be read; choose the file again."), false)
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		h.renderImport(w, r, a, http.StatusUnprocessableEntity, nil, errs.Field("file", "Choose a CSV file to import."), false)
		return
	}
	defer file.Close()
	vis, err := ParseVisibility("visibility", r.FormValue("visibility"))
	if err != nil {
		err = errs.Field("visibility", "Choose who may see imported fields: me, stewards or collectives.")
		h.renderImport(w, r, a, web.Status(err), nil, err, false)
		return
	}
	res, err := h.S.Import(r.Context(), a, file, ImportOptions{Visibility: &vis})
	if err != nil {
		if errs.Is(err, errs.Invalid) || errs.Is(err, errs.TooLarge) {
			h.renderImport(w, r, a, web.Status(err), res, err, false)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, importMessage(res))
	h.renderImport(w, r, a, http.StatusOK, res, nil, true)
}

// importMessage says what a written import did, the cells it left alone
// included: a steward should not think a person's words were replaced.
func importMessage(res *ImportResult) string {
	p := res.Created + res.Updated
	msg := fmt.Sprintf("Imported %d %s: %d new, %d updated.", p, plural(p, "profile", "profiles"), res.Created, res.Updated)
	if res.Kept > 0 {
		msg += fmt.Sprintf(" %d %s left alone: the people had already filled %s in.", res.Kept,
			plural(res.Kept, "cell was", "cells were"), plural(res.Kept, "it", "them"))
	}
	return msg
}
