package collective

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiMemberOut is a member with times in UTC; the e-mail address is there
// for stewards (and for the member themself on their own record).
func apiMemberOut(m Member) Member {
	m.JoinedAt = utc(m.JoinedAt)
	return m
}

func (x *api) listMembers(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, after, err := x.pageParams(q, cursorMembers)
	if x.fail(w, r, err) {
		return
	}
	mq := apiMemberQuery{Search: q.Get("q"), Role: q.Get("role"), After: after, Limit: limit}
	if len(mq.Search) > 200 {
		x.Web.Error(w, r, errs.Field("q", "Search for at most 200 characters."))
		return
	}
	body, err := x.membersPage(r.Context(), a, mq)
	if x.fail(w, r, err) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (x *api) getMember(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "member")
	if !ok {
		return
	}
	x.answerMember(w, r, a, id)
}

func (x *api) answerMember(w http.ResponseWriter, r *http.Request, a *Access, id int64) {
	m, err := x.S.Member(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiMemberOut(*m))
}

func (x *api) putRoles(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "member")
	if !ok {
		return
	}
	var body struct {
		Roles []string `json:"roles"`
	}
	if !x.decode(w, r, &body) || x.fail(w, r, x.S.SetRoles(r.Context(), a, id, body.Roles)) {
		return
	}
	x.answerMember(w, r, a, id)
}

func (x *api) putAffiliations(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "member")
	if !ok {
		return
	}
	var body struct {
		Organisations *[]int64 `json:"organisations"`
	}
	if !x.decode(w, r, &body) {
		return
	}
	if body.Organisations == nil {
		x.Web.Error(w, r, errs.Field("organisations", "Send the organisations' ids as a list, [] for none."))
		return
	}
	if x.fail(w, r, x.S.SetAffiliations(r.Context(), a, id, *body.Organisations)) {
		return
	}
	x.answerMember(w, r, a, id)
}

func (x *api) removeMember(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "member")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.Remove(r.Context(), a, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// membersPageKey names one encoded page of the member list. As with the
// members page's cache, the collective's version is in the key and every
// change to the list moves it on in the database, so an entry is never
// served stale; stewards see e-mail addresses, so they get their own pages.
type membersPageKey struct {
	collective, version int64
	steward             bool
	search, role        string
	after               apiCursor
	limit               int
}

// maxCachedAPIPages bounds the cache: a page of 50 is about 12 KB.
const maxCachedAPIPages = 2048

// membersPage returns the encoded JSON answer for one page of members. A
// busy list is read far more often than it changes, and the queries and
// encoding are nearly all of the cost of an answer, so pages are kept.
func (x *api) membersPage(ctx context.Context, a *Access, mq apiMemberQuery) ([]byte, error) {
	key := membersPageKey{a.Collective.ID, a.Collective.Version, a.IsSteward(), mq.Search, mq.Role, mq.After, mq.Limit}
	if body, ok := x.pages.get(key); ok {
		return body, nil
	}
	ms, last, err := x.S.apiMembers(ctx, a, mq)
	if err != nil {
		return nil, err
	}
	out := web.List[Member]{Items: ms}
	for i := range out.Items {
		out.Items[i] = apiMemberOut(out.Items[i])
	}
	if len(ms) == mq.Limit {
		out.Next = x.Web.SignCursor(apiCursor{K: cursorMembers, N: last, I: ms[len(ms)-1].ID})
	}
	body, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	body = append(body, '\n')
	x.pages.put(key, body)
	return body, nil
}
