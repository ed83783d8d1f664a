package collective

import (
	"net/http"
	"slices"
	"time"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiCollective is a collective as the API shows it, with the caller's
// roles in it (empty for a public collective they are not in).
type apiCollective struct {
	ID           int64      `json:"id"`
	Slug         string     `json:"slug"`
	Name         string     `json:"name"`
	Purpose      string     `json:"purpose"`
	Visibility   string     `json:"visibility"`
	MinGroupSize int        `json:"min_group_size"`
	CreatedAt    time.Time  `json:"created_at"`
	ArchivedAt   *time.Time `json:"archived_at"`
	MemberCount  int        `json:"member_count"`
	Roles        []string   `json:"roles"`
}

func toAPICollective(c *Collective, roles []string) apiCollective {
	if roles == nil {
		roles = []string{}
	}
	return apiCollective{ID: c.ID, Slug: c.Slug, Name: c.Name, Purpose: c.Purpose, Visibility: c.Visibility,
		MinGroupSize: c.MinGroupSize, CreatedAt: utc(c.CreatedAt), ArchivedAt: utcPtr(c.ArchivedAt),
		MemberCount: c.MemberCount, Roles: slices.Clone(roles)}
}

// collectiveBody is what a client sends to create or change a collective.
// Pointers tell a field left out from one sent empty, so PATCH changes only
// what it names.
type collectiveBody struct {
	Slug         *string `json:"slug"`
	Name         *string `json:"name"`
	Purpose      *string `json:"purpose"`
	Visibility   *string `json:"visibility"`
	MinGroupSize *int    `json:"min_group_size"`
}

// apply copies the fields sent over in. The service treats an empty
// visibility and a zero group size as "use the default", which suits a form
// but would turn an explicit bad value in JSON into a silent change, so
// those are refused here.
func (b collectiveBody) apply(in *Input) error {
	if b.Slug != nil {
		in.Slug = *b.Slug
	}
	if b.Name != nil {
		in.Name = *b.Name
	}
	if b.Purpose != nil {
		in.Purpose = *b.Purpose
	}
	if b.Visibility != nil {
		if *b.Visibility == "" {
			return errs.Field("visibility", "Choose public or private.")
		}
		in.Visibility = *b.Visibility
	}
	if b.MinGroupSize != nil {
		if *b.MinGroupSize == 0 {
			return errs.Field("min_group_size", "The minimum group size must be between %d and 1000.", MinGroupFloor)
		}
		in.MinGroupSize = *b.MinGroupSize
	}
	return nil
}

func (x *api) listCollectives(w http.ResponseWriter, r *http.Request) {
	if !x.user(w, r) {
		return
	}
	limit, after, err := x.pageParams(r.URL.Query(), cursorCollectives)
	if x.fail(w, r, err) {
		return
	}
	list, err := x.S.apiMine(r.Context(), after.I, limit)
	if x.fail(w, r, err) {
		return
	}
	out := web.List[apiCollective]{Items: make([]apiCollective, 0, len(list))}
	for i := range list {
		out.Items = append(out.Items, toAPICollective(&list[i].Collective, list[i].Roles))
	}
	if len(list) == limit {
		out.Next = x.Web.SignCursor(apiCursor{K: cursorCollectives, I: list[len(list)-1].ID})
	}
	web.JSON(w, http.StatusOK, out)
}

func (x *api) createCollective(w http.ResponseWriter, r *http.Request) {
	if !x.user(w, r) {
		return
	}
	var body collectiveBody
	if !x.decode(w, r, &body) {
		return
	}
	var in Input
	if x.fail(w, r, body.apply(&in)) {
		return
	}
	c, err := x.S.Create(r.Context(), in)
	if x.fail(w, r, err) {
		return
	}
	a, err := x.S.Access(r.Context(), c.Slug)
	if x.fail(w, r, err) {
		return
	}
	created(w, apiBase(a), toAPICollective(a.Collective, a.Roles))
}

func (x *api) getCollective(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	web.JSON(w, http.StatusOK, toAPICollective(a.Collective, a.Roles))
}

func (x *api) patchCollective(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var body collectiveBody
	if !x.decode(w, r, &body) {
		return
	}
	if body.Slug != nil {
		x.Web.Error(w, r, errs.Field("slug", "The address stays as it is, so links keep working."))
		return
	}
	c := a.Collective
	in := Input{Slug: c.Slug, Name: c.Name, Purpose: c.Purpose, Visibility: c.Visibility, MinGroupSize: c.MinGroupSize}
	if x.fail(w, r, body.apply(&in)) || x.fail(w, r, x.S.Update(r.Context(), a, in)) {
		return
	}
	x.answerCollective(w, r, a)
}

// archive archives (true) or restores a collective.
func (x *api) archive(archived bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := x.access(w, r)
		if !ok {
			return
		}
		if x.fail(w, r, x.S.SetArchived(r.Context(), a, archived)) {
			return
		}
		x.answerCollective(w, r, a)
	}
}

// answerCollective reads the collective again after a change and shows it.
func (x *api) answerCollective(w http.ResponseWriter, r *http.Request, a *Access) {
	fresh, err := x.S.Access(r.Context(), a.Collective.Slug)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, toAPICollective(fresh.Collective, fresh.Roles))
}

func (x *api) leave(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.Leave(r.Context(), a)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
