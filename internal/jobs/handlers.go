package jobs

import (
	"embed"
	"encoding/json"
	"net/http"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Handlers serve the job pages and the jobs API.
type Handlers struct {
	Q         *Queue
	Web       *web.Server
	StewardOf StewardOf
	t         *web.Templates
}

// refreshSeconds is how often the page of an unfinished job reloads
// itself, so progress moves without JavaScript.
const refreshSeconds = "2"

// Register adds the routes and the API description.
func (h *Handlers) Register() {
	sub, err := fsSub(templatesFS, "templates")
	if err != nil {
		panic(err)
	}
	h.t = h.Web.Templates(sub)
	h.Web.Page("GET /jobs", h.list)
	h.Web.Page("GET /jobs/{job}", h.show)
	h.Web.Form("POST /jobs/prune", h.prune)
	h.Web.API("GET /api/v1/jobs", h.apiList)
	h.Web.API("GET /api/v1/jobs/{job}", h.apiShow)
	h.Web.AddOpenAPI(openAPI)
}

func jobID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("job"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "No such job.")
	}
	return id, nil
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	var before int64
	if s := r.URL.Query().Get("before"); s != "" {
		var err error
		// Like the API's cursor, a bad position is refused rather than
		// quietly showing the newest jobs as if they were older ones.
		if before, err = strconv.ParseInt(s, 10, 64); err != nil || before <= 0 {
			h.Web.Error(w, r, errs.Field("before", "The page position must be a job number; start again from the newest jobs."))
			return
		}
	}
	items, next, err := h.Q.List(r.Context(), u.ID, ListParams{All: u.Admin, Before: before, Limit: 25})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	title := "Your jobs"
	if u.Admin {
		title = "Jobs"
	}
	h.t.Render(w, r, http.StatusOK, "jobs", &web.Page{Title: title, Data: map[string]any{
		"Jobs": items, "Next": next, "Paged": before > 0, "Admin": u.Admin,
	}})
}

func (h *Handlers) show(w http.ResponseWriter, r *http.Request) {
	if _, ok := auth.RequireUser(h.Web, w, r); !ok {
		return
	}
	id, err := jobID(r)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	j, err := h.Q.See(r.Context(), h.StewardOf, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	// Follow the job by reloading; ?follow=0 stops it (WCAG 2.2.1: people
	// can turn off a time limit they did not ask for).
	follow := !j.Finished() && r.URL.Query().Get("follow") != "0"
	if follow {
		w.Header().Set("Refresh", refreshSeconds)
	}
	var result string
	if len(j.Result) > 0 {
		var v any
		if json.Unmarshal(j.Result, &v) == nil {
			if b, err := json.MarshalIndent(v, "", "  "); err == nil {
				result = string(b)
			}
		}
	}
	h.t.Render(w, r, http.StatusOK, "job", &web.Page{Title: j.Title, Data: map[string]any{
		"Job": j, "Follow": follow, "Result": result,
	}})
}

// prune queues the sessions.prune job now (instance admins only) and shows it.
func (h *Handlers) prune(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	if !u.Admin {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only instance administrators can prune sessions."))
		return
	}
	id, err := h.Q.EnqueueNow(r.Context(), PruneArgs{}, Owner{UserID: u.ID, Title: "Prune expired sessions"})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "The prune job is queued.")
	web.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10))
}
