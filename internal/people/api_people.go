package people

import (
	"io"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiPeopleCursor is what a directory cursor carries. The directory pages
// by position in the member list (the service's order, by name), so the
// cursor holds the next page and its size; it is signed like every cursor
// so a client cannot pass off another list's.
type apiPeopleCursor struct {
	K string `json:"k"`
	P int    `json:"p"`
	L int    `json:"l"`
}

const cursorPeople = "people"

// apiPeoplePage is one page of the directory.
type apiPeoplePage struct {
	Items []Card `json:"items"`
	Next  string `json:"next,omitempty"`
	Total int    `json:"total"`
}

// listPeople is the directory: q searches names and every field the
// caller may see; organisation, skill and value filter on visible fields.
func (x *jsonAPI) listPeople(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	dq := DirectoryQuery{Text: q.Get("q"), Organisation: q.Get("organisation"), Skill: q.Get("skill"), Value: q.Get("value"), Page: 1}
	if len(dq.Text) > 200 {
		x.fail(w, r, errs.Field("q", "Search for at most 200 characters."))
		return
	}
	limit, err := apiInt(q, "limit")
	if x.fail(w, r, err) {
		return
	}
	if limit == 0 && q.Get("limit") == "" {
		limit = PerPage
	}
	if limit < 1 || limit > MaxPerPage {
		x.fail(w, r, errs.Field("limit", "limit must be a whole number from 1 to %d.", MaxPerPage))
		return
	}
	dq.PerPage = limit
	if cursor := q.Get("cursor"); cursor != "" {
		var c apiPeopleCursor
		if x.fail(w, r, x.Web.ReadCursor(cursor, &c)) {
			return
		}
		if c.K != cursorPeople || c.P < 2 || c.L < 1 {
			x.fail(w, r, errs.Field("cursor", "This cursor belongs to another list; start again from the first page."))
			return
		}
		if q.Get("limit") != "" && limit != c.L {
			x.fail(w, r, errs.Field("limit", "The cursor continues pages of %d; leave limit out or give %d.", c.L, c.L))
			return
		}
		dq.Page, dq.PerPage = c.P, c.L
	}
	page, err := x.S.Directory(r.Context(), a, dq)
	if x.fail(w, r, err) {
		return
	}
	out := apiPeoplePage{Items: page.People, Total: page.Total}
	if page.HasNext {
		out.Next = x.Web.SignCursor(apiPeopleCursor{K: cursorPeople, P: page.Page + 1, L: page.PerPage})
	}
	web.JSON(w, http.StatusOK, out)
}

// getPerson is one member as the caller may see them; "me" is the caller.
func (x *jsonAPI) getPerson(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessPerson(w, r)
	if !ok {
		return
	}
	x.answerPerson(w, r, a, id)
}

// answerPerson answers member id as the caller in a sees them.
func (x *jsonAPI) answerPerson(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64) {
	v, err := x.S.Person(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	for i := range v.Answers {
		v.Answers[i].UpdatedAt = v.Answers[i].UpdatedAt.UTC()
	}
	web.JSON(w, http.StatusOK, v)
}

// apiProfileBody is a profile as the API takes it: visibilities are
// words, read with ParseVisibility so a bad one names its field.
type apiProfileBody struct {
	DisplayName  string            `json:"display_name"`
	Pronouns     string            `json:"pronouns"`
	Organisation string            `json:"organisation"`
	Department   string            `json:"department"`
	RoleTitle    string            `json:"role_title"`
	About        string            `json:"about"`
	Skills       []string          `json:"skills"`
	Offers       []string          `json:"offers"`
	Needs        []string          `json:"needs"`
	Visibility   map[string]string `json:"visibility"`
}

func (b *apiProfileBody) input() (ProfileInput, error) {
	in := ProfileInput{DisplayName: b.DisplayName, Pronouns: b.Pronouns, Organisation: b.Organisation,
		Department: b.Department, RoleTitle: b.RoleTitle, About: b.About, Skills: b.Skills, Offers: b.Offers, Needs: b.Needs,
		Visibility: map[Field]Visibility{}}
	for f, word := range b.Visibility {
		if Field(f).Label() == "" {
			return in, errs.Field("visibility", "%q is not a profile field.", f)
		}
		v, err := ParseVisibility("visibility."+f, word)
		if err != nil {
			return in, err
		}
		in.Visibility[Field(f)] = v
	}
	return in, nil
}

// putProfile replaces the caller's own profile; visibilities left out
// keep the stored ones. It answers the profile as the person sees it.
func (x *jsonAPI) putProfile(w http.ResponseWriter, r *http.Request) {
	a, ok := x.accessSelf(w, r)
	if !ok {
		return
	}
	var b apiProfileBody
	if !x.decode(w, r, &b) {
		return
	}
	in, err := b.input()
	if x.fail(w, r, err) || x.fail(w, r, x.S.SaveProfile(r.Context(), a, in)) {
		return
	}
	x.answerPerson(w, r, a, a.MemberID)
}

// getPhoto is a member's photo as a JPEG, when the caller may see it.
func (x *jsonAPI) getPhoto(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessPerson(w, r)
	if !ok {
		return
	}
	f, err := x.S.Photo(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	// Private: who may see a photo depends on who asks, and changes
	// when the person changes its visibility.
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Data)
}

// putPhoto replaces the caller's photo with the image in the body; what
// the image is, is read from its bytes, not from the Content-Type.
func (x *jsonAPI) putPhoto(w http.ResponseWriter, r *http.Request) {
	a, ok := x.accessSelf(w, r)
	if !ok {
		return
	}
	// One byte over the photo limit is enough to tell that it is too
	// large, without holding the whole upload.
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxPhotoBytes+1))
	if err != nil {
		x.fail(w, r, errs.New(errs.TooLarge, "The upload is too large."))
		return
	}
	if len(data) == 0 {
		x.fail(w, r, errs.Field("photo", "The body is empty; send the image itself."))
		return
	}
	if x.fail(w, r, x.S.SetPhoto(r.Context(), a, data)) {
		return
	}
	x.answerPerson(w, r, a, a.MemberID)
}

func (x *jsonAPI) deletePhoto(w http.ResponseWriter, r *http.Request) {
	a, ok := x.accessSelf(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.RemovePhoto(r.Context(), a)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiValuesBody is the caller's ranked values, first is rank 1.
type apiValuesBody struct {
	Values []ValuePick `json:"values"`
}

// putValues replaces the caller's ranked values and answers them as saved.
func (x *jsonAPI) putValues(w http.ResponseWriter, r *http.Request) {
	a, ok := x.accessSelf(w, r)
	if !ok {
		return
	}
	var b apiValuesBody
	if !x.decode(w, r, &b) {
		return
	}
	if b.Values == nil {
		x.fail(w, r, errs.Field("values", "Send values: the list of your values, first is rank 1 (an empty list clears them)."))
		return
	}
	if x.fail(w, r, x.S.SetMyValues(r.Context(), a, b.Values)) {
		return
	}
	vs, err := x.S.MyValues(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiList[RankedValue]{vs})
}

// matches are the suggested collaborators of a member: the caller's own,
// or anyone's for a steward.
func (x *jsonAPI) matches(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessPerson(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	k, err := apiInt(q, "k")
	if x.fail(w, r, err) {
		return
	}
	if q.Get("k") != "" && k == 0 {
		x.fail(w, r, errs.Field("k", "Ask for between 1 and %d matches.", MaxMatches))
		return
	}
	ms, err := x.S.Matches(r.Context(), a, id, MatchQuery{K: k, Organisation: q.Get("organisation"), Skill: q.Get("skill"), Value: q.Get("value")})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiList[Match]{ms})
}
