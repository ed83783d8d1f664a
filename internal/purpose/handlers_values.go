package purpose

import (
	"net/http"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// valuePages serves the value proposition pages of one kind of owner
// (members or organisations), whose id is the path parameter param.
type valuePages struct {
	h     *Handlers
	param string
	kind  string
}

// owner reads the collective and the owner in the path.
func (v *valuePages) owner(w http.ResponseWriter, r *http.Request) (*collective.Access, Owner, bool) {
	a, ok := v.h.access(w, r)
	if !ok {
		return nil, Owner{}, false
	}
	id, err := pathNumber(r, v.param)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return nil, Owner{}, false
	}
	return a, Owner{v.kind, id}, true
}

func (v *valuePages) show(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	v.render(w, r, a, o, http.StatusOK, nil, nil)
}

// render shows o's value proposition, its history and, to those who may
// change it, the form: filled from the current version, or from what was
// sent when saving failed.
func (v *valuePages) render(w http.ResponseWriter, r *http.Request, a *collective.Access, o Owner, status int, failed error, cf *ConflictError) {
	ctx := r.Context()
	cur, err := v.h.S.ValueProposition(ctx, a, o)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	list, err := v.h.S.ValueVersions(ctx, a, o)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	may, err := v.h.S.MayEditValue(ctx, a, o)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	link := valueLink(a, o)
	p := v.h.page(a, "Value proposition of "+cur.OwnerName)
	p.Form = map[string][]string{"base": {strconv.Itoa(cur.Version)}, "gain": {cur.Gain}, "bring": {cur.Bring}}
	var conflict *conflictView
	switch {
	case cf != nil:
		p.Form = r.PostForm
		p.Form.Set("base", strconv.Itoa(cf.Current))
		p.Error = errs.Message(cf)
		conflict = newConflictView(cf)
	case failed != nil:
		p.Form = r.PostForm
		p.Fail(failed)
	}
	p.Data = map[string]any{
		"Access": a, "Link": Link(a), "Value": cur, "Self": o.Kind == OwnerMember && o.ID == a.MemberID,
		"Fields": textViews(cur.fields()), "Versions": list, "Choices": versionChoices(list), "MayEdit": may,
		"Action": link, "DiffAction": link + "/diff", "VersionBase": link + "/versions/", "Conflict": conflict,
		"Max": map[string]int{"Gain": MaxGain, "Bring": MaxBring, "Note": MaxNote},
	}
	v.h.t.Render(w, r, status, "value", p)
}

func (v *valuePages) save(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	base, err := formBase(r)
	var saved *ValueProposition
	if err == nil {
		saved, err = v.h.S.EditValue(r.Context(), a, o, ValueInput{Base: base, Gain: r.PostFormValue("gain"),
			Bring: r.PostFormValue("bring"), Note: r.PostFormValue("note")})
	}
	if err != nil {
		if cf, ok := AsConflict(err); ok {
			v.render(w, r, a, o, http.StatusConflict, nil, cf)
			return
		}
		if errs.Is(err, errs.Invalid) {
			v.render(w, r, a, o, web.Status(err), err, nil)
			return
		}
		v.h.Web.Error(w, r, err)
		return
	}
	msg := "Version " + strconv.Itoa(saved.Version) + " of the value proposition is saved."
	if saved.Version == base {
		msg = "Nothing changed, so no new version was made."
	}
	v.h.done(w, r, msg, valueLink(a, o))
}

func (v *valuePages) version(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	n, err := pathNumber(r, "version")
	var vp, cur *ValueProposition
	if err == nil {
		vp, err = v.h.S.ValueVersion(r.Context(), a, o, int(n))
	}
	if err == nil {
		cur, err = v.h.S.ValueProposition(r.Context(), a, o)
	}
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	p := v.h.page(a, "Value proposition of "+vp.OwnerName+", version "+strconv.Itoa(vp.Version))
	p.Data = versionData(a, "the value proposition of "+vp.OwnerName, valueLink(a, o), valueLink(a, o), vp.Version, cur.Version,
		vp.AuthorName, vp.Note, vp.CreatedAt, textViews(vp.fields()))
	v.h.t.Render(w, r, http.StatusOK, "version", p)
}

func (v *valuePages) diff(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	cur, err := v.h.S.ValueProposition(ctx, a, o)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	list, err := v.h.S.ValueVersions(ctx, a, o)
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	from, to, err := diffRange(r, cur.Version)
	var fds []FieldDiff
	if err == nil && to > 0 {
		fds, err = v.h.S.ValueDiff(ctx, a, o, from, to)
	}
	if err != nil {
		v.h.Web.Error(w, r, err)
		return
	}
	p := v.h.page(a, "Changes to the value proposition of "+cur.OwnerName)
	p.Data = diffData(a, "the value proposition of "+cur.OwnerName, valueLink(a, o), valueLink(a, o), from, to, list, diffViews(fds))
	v.h.t.Render(w, r, http.StatusOK, "diff", p)
}

// versionData is what the version page shows, for the charter and value
// propositions alike; base is where /versions/ and /diff hang.
func versionData(a *collective.Access, what, back, base string, version, current int, author, note string,
	at time.Time, fields []fieldView) map[string]any {
	return map[string]any{"Access": a, "What": what, "Back": back, "Base": base, "Version": version, "Current": current,
		"Author": author, "Note": note, "At": at, "Fields": fields}
}

// diffData is what the diff page shows; To 0 means nothing to compare yet.
func diffData(a *collective.Access, what, back, base string, from, to int, list []VersionInfo, fields []fieldView) map[string]any {
	return map[string]any{"Access": a, "What": what, "Back": back, "Base": base, "From": from, "To": to,
		"Choices": versionChoices(list), "Fields": fields, "DiffAction": base + "/diff"}
}
