package measure

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// orgChoice is an organisation a person may report for.
type orgChoice struct {
	ID   int64
	Name string
}

// reportOrgs lists whom the viewer may report for: a steward for the
// collective itself (0) or any organisation, a member for their own.
func (h *Handlers) reportOrgs(r *http.Request, a *collective.Access) ([]orgChoice, error) {
	ctx := r.Context()
	if a.IsSteward() {
		orgs, err := h.Collectives.Organisations(ctx, a)
		if err != nil {
			return nil, err
		}
		out := []orgChoice{{0, a.Collective.Name + " itself"}}
		for _, o := range orgs {
			out = append(out, orgChoice{o.ID, o.Name})
		}
		return out, nil
	}
	if !a.IsMember() {
		return nil, nil
	}
	m, err := h.Collectives.Member(ctx, a, a.MemberID)
	if err != nil {
		return nil, err
	}
	var out []orgChoice
	for _, o := range m.Organisations {
		out = append(out, orgChoice{o.ID, o.Name})
	}
	return out, nil
}

// formOrg reads the organisation chosen in a form; none is 0.
func formOrg(r *http.Request) (int64, error) {
	s := strings.TrimSpace(r.PostFormValue("organisation"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, errs.Field("organisation", "Choose an organisation from the list.")
	}
	return n, nil
}

func (h *Handlers) reportForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.renderReport(w, r, a, id, http.StatusOK, nil)
}

func (h *Handlers) renderReport(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int, failed error) {
	ind, err := h.S.Indicator(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.reportOrgs(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Report a value of "+ind.Name)
	p.Form = map[string][]string{}
	if failed != nil {
		p.Form = r.PostForm
		var bad *BadItems
		if errors.As(failed, &bad) {
			p.Error = errs.Message(failed)
		} else {
			p.Fail(failed)
		}
	}
	p.Data = map[string]any{"Access": a, "Ind": ind, "Orgs": orgs, "Action": indicatorLink(a, id) + "/report",
		"Back": indicatorLink(a, id)}
	h.t.Render(w, r, status, "report", p)
}

// report stores one value from the form: for the organisation chosen, at
// the total or at one value of every dimension.
func (h *Handlers) report(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ind, err := h.S.Indicator(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	org, err := formOrg(r)
	if err == nil {
		b := Breakdown{}
		for _, d := range ind.Dimensions {
			if v := r.PostFormValue("dim:" + d.Name); v != "" {
				b[d.Name] = v
			}
		}
		in := MeasurementInput{Date: strings.TrimSpace(r.PostFormValue("date")), Value: r.PostFormValue("value"), Breakdown: b}
		_, err = h.S.Report(r.Context(), a, id, org, []MeasurementInput{in})
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			h.renderReport(w, r, a, id, web.Status(err), err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The value is saved.", indicatorLink(a, id))
}

// export sends an indicator's measurements as CSV in the import format.
func (h *Handlers) export(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ind, err := h.S.Indicator(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(ind.Name)+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	// Once rows are going out the status is sent; a failure part way can
	// only cut the file short, and is logged.
	if err := h.S.Export(r.Context(), a, id, w); err != nil {
		h.Web.Log.Error("measure: export", "indicator", id, "err", err)
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName makes a name safe for a download's file name.
func fileName(s string) string {
	s = strings.Trim(unsafeName.ReplaceAllString(s, "-"), "-.")
	if s == "" {
		return "indicator"
	}
	return s
}

// maxUpload is the most of an upload held in memory; the rest goes to a
// temporary file. The server's request limit caps what can be sent.
const maxUpload = 8 << 20

// uploadLimit says how large a file the import page takes: the server's
// limit on a request, which is what refuses a larger one. Larger files go
// through the command line, which shows progress.
func (h *Handlers) uploadLimit() string {
	n := h.Web.Config.MaxBodyBytes
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

func (h *Handlers) importForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.renderImport(w, r, a, http.StatusOK, nil, nil)
}

func (h *Handlers) renderImport(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, res *ImportResult, failed error) {
	orgs, err := h.reportOrgs(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Import measurements")
	p.Form = map[string][]string{}
	if r.MultipartForm != nil {
		p.Form = r.MultipartForm.Value
	}
	if failed != nil {
		p.Fail(failed)
	}
	p.Data = map[string]any{"Access": a, "Orgs": orgs, "Result": res, "Base": base(a), "Limit": h.uploadLimit()}
	h.t.Render(w, r, status, "import", p)
}

// importCSV imports an uploaded file: all or nothing, or the good lines
// with "skip bad lines". Either way every bad line is listed.
func (h *Handlers) importCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		h.Web.Error(w, r, errs.New(errs.Invalid, "Choose a CSV file of at most %s to upload.", h.uploadLimit()))
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, _, err := r.FormFile("file")
	if err != nil {
		h.renderImport(w, r, a, http.StatusUnprocessableEntity, nil, errs.Field("file", "Choose a CSV file to import."))
		return
	}
	defer file.Close()
	org, err := formOrg(r)
	if err != nil {
		h.renderImport(w, r, a, web.Status(err), nil, err)
		return
	}
	res, err := h.S.Import(r.Context(), a, file, ImportOptions{OrganisationID: org, SkipBad: r.FormValue("skip_bad") != ""})
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			h.renderImport(w, r, a, web.Status(err), res, err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	msg := fmt.Sprintf("Imported %s.", plural(res.Written, "measurement"))
	if res.Skipped > 0 {
		msg = fmt.Sprintf("Imported %s and skipped %s.", plural(res.Written, "measurement"), plural(res.Skipped, "bad line"))
	}
	p := h.page(a, "Import measurements")
	p.Flash = msg
	h.renderImportDone(w, r, a, p, res)
}

func (h *Handlers) renderImportDone(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, res *ImportResult) {
	orgs, err := h.reportOrgs(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Form = map[string][]string{}
	p.Data = map[string]any{"Access": a, "Orgs": orgs, "Result": res, "Base": base(a), "Limit": h.uploadLimit(), "Done": true}
	h.t.Render(w, r, http.StatusOK, "import", p)
}
