package people

import (
	"mime"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

func (x *jsonAPI) listGroupings(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	runs, err := x.S.Groupings(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for i := range runs {
		apiRunUTC(&runs[i])
	}
	web.JSON(w, http.StatusOK, apiList[Run]{runs})
}

// apiStarted is a queued run with the address of its job, which a client
// polls for progress.
type apiStarted struct {
	Run
	Job string `json:"job,omitempty"`
}

// startGrouping queues a run of suggested groupings: 202, since the work
// happens in a job.
func (x *jsonAPI) startGrouping(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	run, err := x.S.StartGrouping(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	apiRunUTC(run)
	out := apiStarted{Run: *run}
	if run.JobID != nil {
		out.Job = "/api/v1/jobs/" + strconv.FormatInt(*run.JobID, 10)
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(run.ID, 10))
	web.JSON(w, http.StatusAccepted, out)
}

func (x *jsonAPI) getGrouping(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "grouping")
	if !ok {
		return
	}
	d, err := x.S.Grouping(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	apiRunUTC(&d.Run)
	web.JSON(w, http.StatusOK, d)
}

// apiGroupCursor is what a cursor through a group's people carries: the
// run and group it belongs to and the next page, signed like every cursor.
type apiGroupCursor struct {
	K string `json:"k"`
	R int64  `json:"r"`
	G int    `json:"g"`
	P int    `json:"p"`
}

const cursorGroup = "group"

// apiGroupPage is one page of a group's people, by name.
type apiGroupPage struct {
	Group Group         `json:"group"`
	Items []GroupMember `json:"items"`
	Next  string        `json:"next,omitempty"`
	Total int           `json:"total"`
}

// groupMembers pages through the people of one group of a run.
func (x *jsonAPI) groupMembers(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "grouping")
	if !ok {
		return
	}
	no, err := collective.PathID(r, "group")
	if x.fail(w, r, err) {
		return
	}
	page := 1
	if cursor := r.URL.Query().Get("cursor"); cursor != "" {
		var c apiGroupCursor
		if x.fail(w, r, x.Web.ReadCursor(cursor, &c)) {
			return
		}
		if c.K != cursorGroup || c.R != id || int64(c.G) != no || c.P < 2 {
			x.fail(w, r, errs.Field("cursor", "This cursor belongs to another list; start again from the first page."))
			return
		}
		page = c.P
	}
	gp, err := x.S.GroupMembers(r.Context(), a, id, int(no), page)
	if x.fail(w, r, err) {
		return
	}
	out := apiGroupPage{Group: gp.Group, Items: gp.Members, Total: gp.Total}
	if gp.HasNext {
		out.Next = x.Web.SignCursor(apiGroupCursor{K: cursorGroup, R: id, G: gp.Group.No, P: gp.Page + 1})
	}
	web.JSON(w, http.StatusOK, out)
}

func apiRunUTC(r *Run) {
	r.CreatedAt = r.CreatedAt.UTC()
	if r.FinishedAt != nil {
		t := r.FinishedAt.UTC()
		r.FinishedAt = &t
	}
}

// importPeople reads a CSV file of profiles from the body, all or
// nothing: 200 with what it did, or 422 listing every bad line.
func (x *jsonAPI) importPeople(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	// A CSV file has no signature to sniff, so the Content-Type is the one
	// sign that the body is the file and not, say, a form.
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "text/csv" {
		x.fail(w, r, errs.Field("file", "Send the CSV file itself as the body, with Content-Type: text/csv."))
		return
	}
	vis, err := apiVisibility(r.URL.Query(), "visibility")
	if x.fail(w, r, err) {
		return
	}
	res, err := x.S.Import(r.Context(), a, r.Body, ImportOptions{Visibility: vis})
	if err != nil {
		var bad []LineError
		if res != nil {
			bad = res.Bad
		}
		x.failLines(w, r, err, bad)
		return
	}
	web.JSON(w, http.StatusOK, res)
}

// exportPeople writes the directory as CSV, with what the caller may see.
// Until the first byte is out an error is still a problem document; after,
// the answer is cut short, which a client sees as a broken download.
func (x *jsonAPI) exportPeople(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	out := &apiLazyCSV{w: w, name: a.Collective.Slug + "-people.csv"}
	err := x.S.ExportCSV(r.Context(), a, out)
	if err != nil && !out.started {
		x.fail(w, r, err)
		return
	}
	if err != nil {
		x.Web.Log.Error("people export cut short", "id", web.RequestID(r.Context()), "err", err)
	}
}

// apiLazyCSV sets the CSV headers on the first write, so an error before
// any data can still be answered as a problem.
type apiLazyCSV struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (c *apiLazyCSV) Write(p []byte) (int, error) {
	if !c.started {
		c.started = true
		h := c.w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": c.name}))
		c.w.WriteHeader(http.StatusOK)
	}
	return c.w.Write(p)
}
