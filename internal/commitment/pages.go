package commitment

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerPages adds the commitment pages and the navigation entry. Every
// page is HTML that works without JavaScript; every change is a POST form
// answered by a flash message and a redirect.
func (h *Handlers) registerPages() {
	w := h.Web
	w.AddNav(web.NavItem{Label: "Commitments", Path: "/commitments", Order: 8})

	const p = "/c/{collective}"
	w.Page("GET "+p+"/commitments", h.board)
	w.Page("GET "+p+"/commitments/mine", h.mine)
	w.Page("GET "+p+"/commitments/new", h.newForm)
	w.Form("POST "+p+"/commitments", h.create)
	w.Page("GET "+p+"/commitments/my-part", h.partForm)
	w.Form("POST "+p+"/commitments/my-part", h.savePart)
	w.Page("GET "+p+"/commitments/{commitment}", h.commitment)
	w.Form("POST "+p+"/commitments/{commitment}/{action}", h.transition)

	w.Page("GET "+p+"/requests", h.requests)
	w.Page("GET "+p+"/requests/new", h.newRequestForm)
	w.Form("POST "+p+"/requests", h.createRequest)
	w.Page("GET "+p+"/requests/{request}", h.request)
	w.Form("POST "+p+"/requests/{request}/close", h.closeRequest)

	w.Page("GET "+p+"/ledger", h.distribution)
	w.Page("GET "+p+"/ledger/members/{member}", h.memberLedger)
	w.Page("GET "+p+"/ledger/organisations/{organisation}", h.orgLedger)
}

// accessAnd loads the collective and the positive number named in the
// path; on failure it has already answered.
func (h *Handlers) accessAnd(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := h.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := collective.PathID(r, name)
	if err != nil {
		h.Web.Error(w, r, err)
		return nil, 0, false
	}
	return a, id, true
}

// signedIn refuses a visitor who is not signed in: promises are between
// the people of a collective, not for the public.
func (h *Handlers) signedIn(w http.ResponseWriter, r *http.Request, a *collective.Access) bool {
	if a.User == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Sign in to see the commitments of %s.", a.Collective.Name))
		return false
	}
	return true
}

// failForm shows a refused form again with what was typed, or the error
// page when the refusal is not about the form (not allowed, not found).
func (h *Handlers) failForm(w http.ResponseWriter, r *http.Request, err error, p *web.Page, render func(status int)) {
	if !errs.Is(err, errs.Invalid) {
		h.Web.Error(w, r, err)
		return
	}
	p.Form = r.PostForm
	p.Fail(err)
	render(web.Status(err))
}

// formID reads an optional positive id from a form or query value; 0 when
// empty, a message naming field when it is not a number.
func formID(v url.Values, field string) (int64, error) {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0, errs.Field(field, "Choose from the list.")
	}
	return id, nil
}

// viewerSide says where the viewer stands toward c, to choose which
// buttons to show. It reads what Transition's sideOf reads, through the
// collective service; the service still decides when a button is pressed.
func (h *Handlers) viewerSide(ctx context.Context, a *collective.Access, c *Commitment) (Side, error) {
	if !a.CanContribute() {
		return SideOther, nil
	}
	if c.CommitterMemberID != nil && *c.CommitterMemberID == a.MemberID {
		return SideCommitter, nil
	}
	switch c.RecipientKind {
	case ToMember:
		if c.RecipientMemberID != nil && *c.RecipientMemberID == a.MemberID {
			return SideRecipient, nil
		}
	case ToOrganisation:
		if c.RecipientOrgID == nil {
			return SideOther, nil
		}
		me, err := h.Collectives.Member(ctx, a, a.MemberID)
		if err != nil {
			return "", err
		}
		if slices.ContainsFunc(me.Organisations, func(o collective.OrgRef) bool { return o.ID == *c.RecipientOrgID }) {
			return SideRecipient, nil
		}
	case ToCollective:
		if a.IsSteward() {
			return SideSteward, nil
		}
	}
	return SideOther, nil
}

// button is one action the viewer may take now, as a form.
type button struct {
	Action   Action
	Label    string
	Hint     string
	Primary  bool
	NoteHint string // when set, the form carries an optional note
}

// buttons are the actions the viewer may take on c now: exactly those the
// state machine allows from this side, in the order people expect them.
func buttons(c *Commitment, side Side) []button {
	var out []button
	for _, b := range allButtons {
		if _, err := next(c, b.Action, side); err == nil {
			if b.Action == Release && c.ReleaseAskedBy != "" {
				b.Label, b.Hint = "Agree to release", "The other side asked to drop this promise; agreeing releases it."
			}
			out = append(out, b)
		}
	}
	return out
}

// allButtons is every action in words, in the order the page shows them.
var allButtons = []button{
	{Action: Accept, Label: "Accept", Hint: "You take this promise on: the committer is to keep it.", Primary: true},
	{Action: Decline, Label: "Decline", Hint: "You do not want this promise; it is released."},
	{Action: Withdraw, Label: "Withdraw", Hint: "You take back the promise before it is accepted."},
	{Action: Start, Label: "Start", Hint: "Say you have started on it."},
	{Action: MarkDone, Label: "Mark done", Hint: "Say you have done it and ask for confirmation.", Primary: true,
		NoteHint: "Optional: what you did."},
	{Action: Confirm, Label: "Confirm kept", Hint: "Say the promise was kept.", Primary: true, NoteHint: "Optional: a word of thanks."},
	{Action: Broken, Label: "Not kept", Hint: "Say the promise was not kept.", NoteHint: "Optional: what happened."},
	{Action: Release, Label: "Ask to release", Hint: "Ask the other side to agree to drop this promise."},
	{Action: CancelRelease, Label: "Take back the request to release", Hint: "Keep the promise after all."},
}

// actionDone is the flash message after each action.
var actionDone = map[Action]string{
	Accept: "You accepted the promise.", Decline: "You declined the promise.", Withdraw: "You withdrew the promise.",
	Start: "You started on the promise.", MarkDone: "Marked done; the other side is asked to confirm.",
	Confirm: "Confirmed kept. Thank you for saying so.", Broken: "Marked not kept.",
	Release: "Done.", CancelRelease: "You took back the request to release.",
}

// stateLabel says a state in words for headings.
var stateLabel = map[State]string{Proposed: "Proposed", Accepted: "Accepted", InProgress: "In progress",
	Kept: "Kept", NotKept: "Not kept", Released: "Released"}

// kindLabel says a kind in words.
var kindLabel = map[Kind]string{Do: "Do", Give: "Give", Share: "Share", Introduce: "Introduce", Teach: "Teach", ShowUp: "Show up"}

// choice is one option of a select.
type choice struct{ Value, Label string }

func stateChoices() []choice {
	out := []choice{}
	for _, s := range States {
		out = append(out, choice{string(s), stateLabel[s]})
	}
	return out
}

func kindChoices() []choice {
	out := []choice{}
	for _, k := range Kinds {
		out = append(out, choice{string(k), kindLabel[k]})
	}
	return out
}

// idText writes an id for a link.
func idText(id int64) string { return strconv.FormatInt(id, 10) }

// collectiveBase is the collective's own path.
func collectiveBase(a *collective.Access) string { return "/c/" + a.Collective.Slug }
