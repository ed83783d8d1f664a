package decision

import (
	"net/http"
	"net/url"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// addComment adds a comment, or with parent_id a reply, to the thread.
func (h *Handlers) addComment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	parent, err := formID(r.PostForm, "parent_id")
	if err == nil {
		_, err = h.S.AddComment(r.Context(), a, id, parent, strings.TrimSpace(r.PostForm.Get("body")))
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		// A reply's text box is named for its parent, so the message
		// lands next to the box it is about and the summary links to it.
		field := "body"
		if parent != 0 {
			field = "reply-" + idText(parent)
		}
		p := h.page(a, "")
		p.Form = url.Values{field: {r.PostForm.Get("body")}}
		p.Fail(errs.Field(field, "%s", errs.Message(err)))
		h.renderProposal(w, r, a, id, p, web.Status(err))
		return
	}
	msg := "Your comment is added."
	if parent != 0 {
		msg = "Your reply is added."
	}
	h.done(w, r, msg, ProposalLink(a, id)+"#comments")
}

// commentOf finds the comment in the path among its proposal's thread.
func (h *Handlers) commentOf(r *http.Request, a *collective.Access, commentID int64) (*Comment, int64, error) {
	pid, err := collective.PathID(r, "proposal")
	if err != nil {
		return nil, 0, err
	}
	v, err := h.S.Proposal(r.Context(), a, pid)
	if err != nil {
		return nil, 0, err
	}
	for i := range v.Comments {
		if c := &v.Comments[i]; c.ID == commentID {
			return c, pid, nil
		}
	}
	return nil, 0, errs.New(errs.NotFound, "That comment is not on this proposal.")
}

// editCommentForm asks for a comment's corrected words.
func (h *Handlers) editCommentForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "comment")
	if !ok {
		return
	}
	c, pid, err := h.commentOf(r, a, id)
	if err == nil && (c.MemberID == nil || *c.MemberID != a.MemberID || c.DeletedAt != nil) {
		err = errs.New(errs.Forbidden, "You can change only your own comments.")
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Change your comment")
	p.Form = url.Values{"body": {c.Body}}
	h.renderCommentEdit(w, r, a, id, pid, p, http.StatusOK)
}

func (h *Handlers) renderCommentEdit(w http.ResponseWriter, r *http.Request, a *collective.Access, id, pid int64, p *web.Page, status int) {
	d := h.data(a)
	d["ID"], d["ProposalID"], d["Link"], d["MaxComment"] = id, pid, ProposalLink(a, pid), MaxComment
	p.Data = d
	h.t.Render(w, r, status, "comment_edit", p)
}

// editComment saves a comment's corrected words.
func (h *Handlers) editComment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "comment")
	if !ok {
		return
	}
	pid, _ := collective.PathID(r, "proposal")
	if err := h.S.EditComment(r.Context(), a, id, strings.TrimSpace(r.PostForm.Get("body"))); err != nil {
		p := h.page(a, "Change your comment")
		h.failForm(w, r, err, p, func(status int) { h.renderCommentEdit(w, r, a, id, pid, p, status) })
		return
	}
	h.done(w, r, "Your comment is changed.", commentBack(a, pid))
}

// deleteComment removes a comment's words; it keeps its place.
func (h *Handlers) deleteComment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "comment")
	if !ok {
		return
	}
	pid, _ := collective.PathID(r, "proposal")
	if err := h.S.DeleteComment(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The comment is deleted.", commentBack(a, pid))
}

// commentBack is where to go after changing a comment.
func commentBack(a *collective.Access, pid int64) string {
	if pid == 0 {
		return Base(a)
	}
	return ProposalLink(a, pid) + "#comments"
}
