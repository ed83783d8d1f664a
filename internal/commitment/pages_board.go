package commitment

import (
	"net/http"
	"net/url"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// row is a commitment as a list shows it.
type row struct {
	*Commitment
	Link string
	// StateLabel and KindLabel are the words shown ("In progress", "Show
	// up"), never the stored values; named apart from the embedded State
	// and Kind so a template cannot print the raw one by mistake.
	StateLabel, KindLabel string
	// Overdue (overdueOn) is a promise in hand past its due date; said in words, not by
	// colour alone.
	Overdue bool
	Waiting bool // marked done, waiting for confirmation
	Open    bool
}

// overdueOn is the one rule of "overdue", the ledger's too: accepted or
// started, not yet marked done, and due before today (YYYY-MM-DD, UTC). A
// proposal was never agreed, and a promise marked done waits on the other
// side, so neither is held against the committer.
func overdueOn(c *Commitment, today string) bool {
	return (c.State == Accepted || c.State == InProgress) && c.DoneAt == nil && c.DueOn != "" && c.DueOn < today
}

// rows turns commitments into list rows, judging overdue on the database's
// clock (the one tests set), as the ledger does.
func (h *Handlers) rows(a *collective.Access, items []Commitment) []row {
	today := h.S.DB.Now().UTC().Format(time.DateOnly)
	out := make([]row, len(items))
	for i := range items {
		c := &items[i]
		out[i] = row{Commitment: c, Link: Link(a, c.ID), StateLabel: stateLabel[c.State], KindLabel: kindLabel[c.Kind],
			Overdue: overdueOn(c, today), Waiting: c.State.Open() && c.DoneAt != nil, Open: c.State.Open()}
	}
	return out
}

// stateCount is one state's count on the board, with its first few.
type stateCount struct {
	State State
	Label string
	Words string // the state in a sentence: "in progress"
	N     int64
	Rows  []row
	All   string // the filtered list of this state, paged
}

// goalRow is one goal's counts, in the order of States.
type goalRow struct {
	Title  string
	Link   string // the board filtered to this goal; "" for no goal
	Counts []int64
	Total  int64
}

// board shows the collective's commitments by state and by goal, or, with
// any filter, the matching commitments a page at a time.
func (h *Handlers) board(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	ctx := r.Context()
	p := h.page(a, "Commitments")
	qv := r.URL.Query()
	p.Form = qv
	goals, err := h.S.Measure.Goals(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "States": stateChoices(), "Goals": goals,
		"CanCommit": a.CanContribute(), "Steward": a.IsSteward()}
	p.Data = d
	q, filtered, err := boardQuery(qv)
	if err == nil && filtered {
		var list *Page
		if list, err = h.S.List(ctx, a, q); err == nil {
			d["Filtered"], d["Rows"] = true, h.rows(a, list.Items)
			keep := url.Values{}
			for k, v := range qv {
				if k != "before" {
					keep[k] = v
				}
			}
			if q.Before != 0 {
				d["First"] = Base(a) + "?" + keep.Encode()
			}
			if list.Next != 0 {
				keep.Set("before", idText(list.Next))
				d["Next"] = Base(a) + "?" + keep.Encode()
			}
		}
	} else if err == nil {
		err = h.fillBoard(r, a, d)
	}
	status := http.StatusOK
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		p.Fail(err)
		status = web.Status(err)
	}
	h.t.Render(w, r, status, "board", p)
}

// fillBoard puts the counts by state and goal and each state's first few
// into d.
func (h *Handlers) fillBoard(r *http.Request, a *collective.Access, d map[string]any) error {
	b, err := h.S.Board(r.Context(), a)
	if err != nil {
		return err
	}
	var states []stateCount
	var total int64
	for _, st := range States {
		states = append(states, stateCount{State: st, Label: stateLabel[st], Words: stateWords[st], N: b.Totals[st], Rows: h.rows(a, b.Firsts[st]),
			All: Base(a) + "?state=" + string(st)})
		total += b.Totals[st]
	}
	var goals []goalRow
	for _, g := range b.Goals {
		gr := goalRow{Title: g.Title}
		if g.GoalID != 0 {
			gr.Link = Base(a) + "?goal=" + idText(g.GoalID)
		}
		for _, st := range States {
			gr.Counts = append(gr.Counts, g.Counts[st])
			gr.Total += g.Counts[st]
		}
		if gr.Total > 0 || g.GoalID != 0 {
			goals = append(goals, gr)
		}
	}
	d["StateCounts"], d["GoalRows"], d["Total"] = states, goals, total
	return nil
}

// boardQuery reads the board's filters; filtered is false when none is set.
func boardQuery(v url.Values) (Query, bool, error) {
	q := Query{State: State(v.Get("state")), From: v.Get("from"), To: v.Get("to")}
	var err error
	for _, f := range []struct {
		name string
		to   *int64
	}{{"goal", &q.GoalID}, {"person", &q.Person}, {"organisation", &q.Org}, {"before", &q.Before}} {
		if *f.to, err = formID(v, f.name); err != nil {
			return q, true, err
		}
	}
	filtered := q.State != "" || q.From != "" || q.To != "" || q.GoalID != 0 || q.Person != 0 || q.Org != 0
	return q, filtered, nil
}

// mine shows the signed-in member's commitments: what they are to do, what
// waits on others, what waits on them to confirm or answer, and what they
// kept.
func (h *Handlers) mine(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	if !a.IsMember() {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only members of %s have commitments of their own.", a.Collective.Name))
		return
	}
	ctx := r.Context()
	lists := map[Mine][]Commitment{}
	for _, m := range []Mine{MineToDo, MineWaiting, MineKept} {
		pg, err := h.S.List(ctx, a, Query{Mine: m})
		if err != nil {
			h.Web.Error(w, r, err)
			return
		}
		lists[m] = pg.Items
	}
	var todo, confirm []Commitment
	for _, c := range lists[MineToDo] {
		if c.CommitterMemberID != nil && *c.CommitterMemberID == a.MemberID {
			todo = append(todo, c)
		} else {
			confirm = append(confirm, c)
		}
	}
	more, err := h.toConfirmForOthers(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	confirm = append(confirm, more...)
	p := h.page(a, "My commitments")
	p.Data = map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "ToDo": h.rows(a, todo),
		"Waiting": h.rows(a, lists[MineWaiting]), "Confirm": h.rows(a, confirm), "Kept": h.rows(a, lists[MineKept]),
		"CanCommit": a.CanContribute()}
	h.t.Render(w, r, http.StatusOK, "mine", p)
}

// toConfirmForOthers finds promises the viewer answers for others: made to
// an organisation they are with, or (stewards) to the collective, that are
// proposed or marked done. Each is the first page of its state, newest
// first: enough for a person's own list.
func (h *Handlers) toConfirmForOthers(r *http.Request, a *collective.Access) ([]Commitment, error) {
	if !a.CanContribute() {
		return nil, nil
	}
	ctx := r.Context()
	me, err := h.Collectives.Member(ctx, a, a.MemberID)
	if err != nil {
		return nil, err
	}
	var out []Commitment
	keep := func(q Query, want func(c *Commitment) bool) error {
		for _, st := range []State{Proposed, InProgress} { // mark_done leaves it in progress
			q.State = st
			pg, err := h.S.List(ctx, a, q)
			if err != nil {
				return err
			}
			for _, c := range pg.Items {
				mine := c.CommitterMemberID != nil && *c.CommitterMemberID == a.MemberID
				if !mine && want(&c) && (st == Proposed || c.DoneAt != nil) {
					out = append(out, c)
				}
			}
		}
		return nil
	}
	for _, o := range me.Organisations {
		if err := keep(Query{Org: o.ID}, func(c *Commitment) bool {
			return c.RecipientKind == ToOrganisation && c.RecipientOrgID != nil && *c.RecipientOrgID == o.ID
		}); err != nil {
			return nil, err
		}
	}
	if a.IsSteward() {
		if err := keep(Query{}, func(c *Commitment) bool { return c.RecipientKind == ToCollective }); err != nil {
			return nil, err
		}
	}
	return out, nil
}
