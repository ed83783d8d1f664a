package collective

import (
	"net/http"
	"time"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiInvitation is an invitation as stewards see it through the API. The
// link is only in the answer that creates it: only its hash is kept.
type apiInvitation struct {
	ID         int64      `json:"id"`
	Email      string     `json:"email"`
	Roles      []string   `json:"roles"`
	InvitedBy  string     `json:"invited_by"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	Status     string     `json:"status"`
	AnsweredAt *time.Time `json:"answered_at"`
	Link       string     `json:"link,omitempty"`
	// Mailed tells whether the link went out by e-mail (only on creation).
	Mailed *bool `json:"mailed,omitempty"`
}

// toAPIInvitation shows an open invitation past its date as "expired", the
// state a person holding the link would meet.
func toAPIInvitation(i *Invitation, now time.Time) apiInvitation {
	status := i.Status
	if status == "open" && !now.Before(i.ExpiresAt) {
		status = "expired"
	}
	return apiInvitation{ID: i.ID, Email: i.Email, Roles: i.Roles(), InvitedBy: i.InvitedBy, CreatedAt: utc(i.CreatedAt),
		ExpiresAt: utc(i.ExpiresAt), Status: status, AnsweredAt: utcPtr(i.AnsweredAt), Link: i.Link}
}

func (x *api) listInvitations(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	limit, after, err := x.pageParams(r.URL.Query(), cursorInvitations)
	if x.fail(w, r, err) {
		return
	}
	list, err := x.S.apiInvitations(r.Context(), a, after.I, limit)
	if x.fail(w, r, err) {
		return
	}
	now := x.S.DB.Now()
	out := web.List[apiInvitation]{Items: make([]apiInvitation, 0, len(list))}
	for i := range list {
		out.Items = append(out.Items, toAPIInvitation(&list[i], now))
	}
	if len(list) == limit {
		out.Next = x.Web.SignCursor(apiCursor{K: cursorInvitations, I: list[len(list)-1].ID})
	}
	web.JSON(w, http.StatusOK, out)
}

func (x *api) createInvitation(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var body struct {
		Email string   `json:"email"`
		Roles []string `json:"roles"`
	}
	if !x.decode(w, r, &body) {
		return
	}
	inv, err := x.S.CreateInvitation(r.Context(), a, InviteInput{Email: body.Email, Roles: body.Roles})
	if inv == nil {
		x.Web.Error(w, r, err)
		return
	}
	// The invitation exists even when its e-mail failed: the caller gets
	// the link to share, since it cannot be shown again.
	mailed := inv.Email != "" && err == nil
	if err != nil && !errs.Is(err, errs.Internal) {
		x.Web.Error(w, r, err)
		return
	}
	if err != nil {
		x.Web.Log.Warn("invitation mail failed", "collective", a.Collective.Slug, "invitation", inv.ID, "err", err)
	}
	out := toAPIInvitation(inv, x.S.DB.Now())
	out.Mailed = &mailed
	web.JSON(w, http.StatusCreated, out)
}

func (x *api) revokeInvitation(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "invitation")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.RevokeInvitation(r.Context(), a, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
