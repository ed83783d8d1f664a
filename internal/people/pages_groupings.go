package people

import (
	"fmt"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// runView is a run ready to show: its page and its job's progress page.
type runView struct {
	Run
	Link, JobLink string
	Busy          bool
}

// jobLink is the job's page, where its progress shows.
func jobLink(id *int64) string {
	if id == nil {
		return ""
	}
	return "/jobs/" + strconv.FormatInt(*id, 10)
}

// groupings lists the runs of suggested groupings: stewards only.
func (h *Handlers) groupings(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.steward(w, r, a) {
		return
	}
	runs, err := h.S.Groupings(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	views := make([]runView, len(runs))
	busy := false
	for i, run := range runs {
		views[i] = runView{Run: run, Link: GroupingLink(a, run.ID), JobLink: jobLink(run.JobID), Busy: run.Busy}
		busy = busy || views[i].Busy
	}
	p := h.page(a, "Suggested groupings")
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Runs": views, "Busy": busy,
		"MayStart": !a.Collective.Archived(), "MinGroupSize": MinGroupSize}
	h.t.Render(w, r, http.StatusOK, "groupings", p)
}

// startGrouping queues a run and sends the steward to its page.
func (h *Handlers) startGrouping(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	run, err := h.S.StartGrouping(r.Context(), a)
	if err != nil {
		if errs.Is(err, errs.Conflict) {
			// One run at a time: say so on the list, where the running one is.
			h.done(w, r, errs.Message(err), Base(a)+"/groupings")
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "Groupings are being suggested; this page shows them when the job is done.", GroupingLink(a, run.ID))
}

// grouping is one run with its groups.
func (h *Handlers) grouping(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "run")
	if !ok || !h.steward(w, r, a) {
		return
	}
	d, err := h.S.Grouping(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Suggested groupings, run "+strconv.FormatInt(id, 10))
	modularity := ""
	if d.Modularity != nil {
		modularity = strconv.FormatFloat(*d.Modularity, 'f', 2, 64)
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Run": d, "JobLink": jobLink(d.JobID), "Modularity": modularity,
		"Busy": d.Busy, "Link": GroupingLink(a, id)}
	h.t.Render(w, r, http.StatusOK, "grouping", p)
}

// groupPage lists the people of one group of a run, a page at a time: a
// group of a large collective may hold thousands.
func (h *Handlers) groupPage(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "run")
	if !ok || !h.steward(w, r, a) {
		return
	}
	no, err := collective.PathID(r, "group")
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	page := web.PageParam(r.URL.Query())
	gp, err := h.S.GroupMembers(r.Context(), a, id, int(no), page)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, fmt.Sprintf("Group %d of run %d", gp.Group.No, id))
	p.Data = map[string]any{"Access": a, "Base": Base(a), "RunLink": GroupingLink(a, id), "Group": gp.Group, "Members": gp.Members,
		"Pager": web.Pager{Page: gp.Page, PerPage: gp.PerPage, Total: gp.Total, Query: r.URL.Query()}}
	h.t.Render(w, r, http.StatusOK, "grouping_group", p)
}

// GroupLink is the page of one group of a run.
func GroupLink(a *collective.Access, runID int64, groupNo int) string {
	return GroupingLink(a, runID) + "/groups/" + strconv.Itoa(groupNo)
}
