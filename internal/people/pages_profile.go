package people

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// editField is one field of the profile form, with the words around it.
type editField struct {
	Field              Field
	Name, Label, Hint  string
	What               string // "your pronouns", for "Who may see your pronouns"
	Textarea, Multiple bool
	Max, Rows          int
	Auto               string
}

// VisName is the name of the field's visibility select.
func (f editField) VisName() string { return "vis_" + string(f.Field) }

// editFields are the profile form's text fields, in page order.
var editFields = []editField{
	{Field: FieldDisplayName, Name: "display_name", Label: "Display name", What: "your display name", Max: MaxShort, Auto: "name",
		Hint: "How you would like to be named here. Leave empty to use your account name."},
	{Field: FieldPronouns, Name: "pronouns", Label: "Pronouns", What: "your pronouns", Max: MaxPronouns, Hint: "For example she/her, they/them."},
	{Field: FieldOrganisation, Name: "organisation", Label: "Organisation", What: "your organisation", Max: MaxShort, Auto: "organization"},
	{Field: FieldDepartment, Name: "department", Label: "Department or team", What: "your department", Max: MaxShort},
	{Field: FieldRoleTitle, Name: "role_title", Label: "Role", What: "your role", Max: MaxShort, Auto: "organization-title"},
	{Field: FieldAbout, Name: "about", Label: "About me", What: "what you say about yourself", Textarea: true, Max: MaxAbout, Rows: 6,
		Hint: "Your background and perspective: what you bring that makes you different."},
	{Field: FieldSkills, Name: "skills", Label: "Skills", What: "your skills", Textarea: true, Multiple: true, Rows: 4,
		Hint: fmt.Sprintf("One a line, or separated by commas; up to %d.", MaxTags)},
	{Field: FieldOffers, Name: "offers", Label: "What I can offer", What: "what you offer", Textarea: true, Multiple: true, Rows: 4,
		Hint: "What you could give others: one a line, or separated by commas. People who need it will find you."},
	{Field: FieldNeeds, Name: "needs", Label: "What I need", What: "what you need", Textarea: true, Multiple: true, Rows: 4,
		Hint: "What you are looking for: one a line, or separated by commas. People who offer it will find you."},
}

// ownMember refuses anyone who cannot keep a profile in a, before a form
// is shown that could not be saved.
func (h *Handlers) ownMember(w http.ResponseWriter, r *http.Request, a *collective.Access) bool {
	if !h.signedIn(w, r, a) {
		return false
	}
	if !a.IsMember() {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only members of %s can keep a profile here.", a.Collective.Name))
		return false
	}
	return true
}

func (h *Handlers) editProfile(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.ownMember(w, r, a) {
		return
	}
	h.renderProfile(w, r, a, http.StatusOK, nil, nil)
}

// profileForm is the stored profile as form values.
func profileForm(pr *Profile) map[string][]string {
	f := map[string][]string{"display_name": {pr.DisplayName}, "pronouns": {pr.Pronouns}, "organisation": {pr.Organisation},
		"department": {pr.Department}, "role_title": {pr.RoleTitle}, "about": {pr.About},
		"skills": {strings.Join(pr.Skills, "\n")}, "offers": {strings.Join(pr.Offers, "\n")}, "needs": {strings.Join(pr.Needs, "\n")}}
	for _, fl := range Fields {
		f["vis_"+string(fl)] = []string{pr.Visibility[fl].String()}
	}
	return f
}

// renderProfile shows the editor: from the stored profile, or with what
// was sent when form is not nil, and failed's message.
func (h *Handlers) renderProfile(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, form map[string][]string, failed error) {
	pr, err := h.S.MyProfile(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Edit my profile")
	p.Form = profileForm(pr)
	if form != nil {
		p.Form = form
	}
	if failed != nil {
		p.Fail(failed)
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Fields": editFields, "Choices": visibilityChoices,
		"HasPhoto": pr.PhotoFileID != nil, "PhotoURL": PersonLink(a, a.MemberID) + "/photo",
		"MaxPhotoMB": MaxPhotoBytes >> 20, "Self": PersonLink(a, a.MemberID)}
	h.t.Render(w, r, status, "profile_edit", p)
}

// profileInput reads the profile form.
func profileInput(r *http.Request) (ProfileInput, error) {
	in := ProfileInput{DisplayName: r.PostFormValue("display_name"), Pronouns: r.PostFormValue("pronouns"),
		Organisation: r.PostFormValue("organisation"), Department: r.PostFormValue("department"),
		RoleTitle: r.PostFormValue("role_title"), About: r.PostFormValue("about"),
		Skills: splitTags(r.PostFormValue("skills")), Offers: splitTags(r.PostFormValue("offers")),
		Needs: splitTags(r.PostFormValue("needs")), Visibility: map[Field]Visibility{}}
	for _, f := range Fields {
		name := "vis_" + string(f)
		if _, sent := r.PostForm[name]; !sent {
			continue // not on the form: the stored visibility stays
		}
		v, err := ParseVisibility(name, r.PostFormValue(name))
		if err != nil {
			return in, err
		}
		in.Visibility[f] = v
	}
	return in, nil
}

func (h *Handlers) saveProfile(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in, err := profileInput(r)
	if err == nil {
		err = h.S.SaveProfile(r.Context(), a, in)
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		h.renderProfile(w, r, a, web.Status(err), r.PostForm, err)
		return
	}
	h.done(w, r, "Your profile is saved.", PersonLink(a, a.MemberID))
}

// maxUpload is the most of an upload held in memory; the rest goes to a
// temporary file. The server's upload limit caps what can be sent.
const maxUpload = 8 << 20

// uploadPhoto replaces the viewer's photo with the uploaded file.
func (h *Handlers) uploadPhoto(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.ownMember(w, r, a) {
		return
	}
	defer removeUpload(r)
	data, err := h.uploaded(r, "photo", MaxPhotoBytes)
	if err == nil {
		err = h.S.SetPhoto(r.Context(), a, data)
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.TooLarge) {
			h.Web.Error(w, r, err)
			return
		}
		h.renderProfile(w, r, a, web.Status(err), nil, err)
		return
	}
	h.done(w, r, "Your photo is saved.", Base(a)+"/me/edit#photo-section")
}

// uploaded reads the file posted as field, up to limit bytes (one more is
// read, so the service can say how large a too-large file was).
func (h *Handlers) uploaded(r *http.Request, field string, limit int) ([]byte, error) {
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		return nil, errs.Field(field, "The upload could not be read; choose the file again.")
	}
	file, _, err := r.FormFile(field)
	if err != nil {
		return nil, errs.Field(field, "Choose a file to upload.")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, int64(limit)+1))
	if err != nil {
		return nil, errs.Field(field, "The upload could not be read; choose the file again.")
	}
	if len(data) == 0 {
		return nil, errs.Field(field, "The file is empty.")
	}
	return data, nil
}

// removeUpload deletes the temporary files of a multipart form.
func removeUpload(r *http.Request) {
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll()
	}
}

func (h *Handlers) removePhoto(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := h.S.RemovePhoto(r.Context(), a); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "Your photo is removed.", Base(a)+"/me/edit#photo-section")
}
