package gathering

import (
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func (h *Handlers) reportPage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	rep, err := h.S.Report(r.Context(), a, occ)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	v := rep.View
	if v == nil || v.Gathering == nil || v.Occurrence == nil || v.Gathering.ID != gid {
		h.Web.Error(w, r, errs.New(errs.NotFound, "There is no such date of this gathering."))
		return
	}
	g, o := v.Gathering, v.Occurrence
	now := h.S.DB.Now().UTC()
	p := collective.Frame(a, "Report: "+g.Title)
	p.Data = map[string]any{"Base": Base(a), "R": rep, "G": g, "O": o, "Link": GatheringLink(a, gid),
		"DateLink": Link(a, gid, o.ID), "When": whenText(o.StartsAt, o.EndsAt, g.TimeZone), "Hours": hoursText(o.Hours()),
		"PersonHours": hoursText(rep.PersonHours), "PerPersonHour": strconv.FormatFloat(rep.PerPersonHour, 'f', 2, 64),
		"Held": !o.StartsAt.After(now), "Ended": !o.EndsAt.After(now), "KindLabel": kindLabels(),
		"MinutesParas": paragraphs(o.Minutes),
		"CanClose":     v.CanManage && o.ClosedAt == nil && !o.EndsAt.After(now)}
	h.t.Render(w, r, http.StatusOK, "report", p)
}

func (h *Handlers) closeReportPage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	if err := h.S.CloseReport(r.Context(), a, occ); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.pageDone(w, r, "The report is closed.", Link(a, gid, occ)+"/report")
}

// paragraphs splits text at blank lines, for pages that show what people
// wrote without trusting it as HTML.
func paragraphs(text string) []string {
	var out []string
	for para := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if s := strings.TrimSpace(para); s != "" {
			out = append(out, s)
		}
	}
	return out
}
