package decision

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// AddComment adds a comment (or, with parentID, a reply) to a proposal's
// discussion; people it mentions by name (@Ana Lima) are notified.
func (s *Service) AddComment(ctx context.Context, a *collective.Access, proposalID, parentID int64, body string) (*Comment, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if err := text(&body, "body", "a comment", MaxComment, true); err != nil {
		return nil, err
	}
	var c *Comment
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := loadProposal(ctx, tx, a, proposalID)
		if err != nil {
			return err
		}
		if p.Status == Withdrawn {
			return errs.New(errs.Conflict, "This proposal was withdrawn; its discussion is closed.")
		}
		var parent *int64
		if parentID != 0 {
			var n int
			if err := tx.Get(ctx, &n, "SELECT count(*) FROM proposal_comments WHERE id = ? AND proposal_id = ?",
				parentID, proposalID); err != nil {
				return err
			}
			if n == 0 {
				return errs.Field("parent_id", "There is no comment %d in this proposal's discussion to reply to.", parentID)
			}
			parent = &parentID
		}
		me := a.MemberID
		c = &Comment{ProposalID: proposalID, ParentID: parent, MemberID: &me, AuthorName: a.User.Name, Body: body,
			CreatedAt: tx.Now}
		if c.ID, err = tx.Insert(ctx, `INSERT INTO proposal_comments (proposal_id, parent_id, member_id, author_name, body,
			created_at) VALUES (?, ?, ?, ?, ?, ?)`, proposalID, parent, me, c.AuthorName, body, tx.Now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE proposals SET comment_count = comment_count + 1 WHERE id = ?", proposalID); err != nil {
			return err
		}
		if err := s.mention(ctx, tx, a, p, c.ID, body, ""); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "proposal.commented", p.Title, commentLink(a, proposalID, c.ID),
			actorName(a)+" commented on “"+p.Title+"”")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// commentLink is a comment's place on its proposal's page.
func commentLink(a *collective.Access, proposalID, commentID int64) string {
	return ProposalLink(a, proposalID) + "#comment-" + strconv.FormatInt(commentID, 10)
}

// EditComment corrects one's own comment.
func (s *Service) EditComment(ctx context.Context, a *collective.Access, commentID int64, body string) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	if err := text(&body, "body", "a comment", MaxComment, true); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		c, p, err := loadComment(ctx, tx, a, commentID)
		if err != nil {
			return err
		}
		if c.MemberID == nil || *c.MemberID != a.MemberID {
			return errs.New(errs.Forbidden, "You can change only your own comments.")
		}
		if _, err := tx.Exec(ctx, "UPDATE proposal_comments SET body = ?, edited_at = ? WHERE id = ?", body, tx.Now, commentID); err != nil {
			return err
		}
		// Only people newly mentioned hear of it: a mention notifies once.
		return s.mention(ctx, tx, a, p, commentID, body, c.Body)
	})
}

// DeleteComment removes a comment's words (its author or a steward); the
// comment keeps its place so replies still read in context.
func (s *Service) DeleteComment(ctx context.Context, a *collective.Access, commentID int64) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		c, _, err := loadComment(ctx, tx, a, commentID)
		if err != nil {
			return err
		}
		if !a.IsSteward() && (c.MemberID == nil || *c.MemberID != a.MemberID) {
			return errs.New(errs.Forbidden, "Only the comment's author or a steward can delete it.")
		}
		if _, err := tx.Exec(ctx, "UPDATE proposal_comments SET body = '', deleted_at = ? WHERE id = ?", tx.Now, commentID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE proposals SET comment_count = comment_count - 1 WHERE id = ?", c.ProposalID)
		return err
	})
}

// Comment returns one comment of a's collective as the thread shows it (a
// deleted one without its words).
func (s *Service) Comment(ctx context.Context, a *collective.Access, id int64) (*Comment, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	var c Comment
	err := s.DB.Get(ctx, &c, `SELECT c.id, c.proposal_id, c.parent_id, c.member_id, c.author_name, c.body, c.created_at,
		c.edited_at, c.deleted_at FROM proposal_comments c JOIN proposals p ON p.id = c.proposal_id
		WHERE c.id = ? AND p.collective_id = ?`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no comment %d.", id)
	}
	if err != nil {
		return nil, err
	}
	if c.DeletedAt != nil {
		c.Body = ""
	}
	return &c, nil
}

// loadComment reads a comment that is not deleted, of a proposal of a's
// collective.
func loadComment(ctx context.Context, tx *store.Tx, a *collective.Access, id int64) (*Comment, *Proposal, error) {
	var c Comment
	err := tx.Get(ctx, &c, `SELECT c.id, c.proposal_id, c.parent_id, c.member_id, c.author_name, c.body, c.created_at,
		c.edited_at, c.deleted_at FROM proposal_comments c JOIN proposals p ON p.id = c.proposal_id
		WHERE c.id = ? AND p.collective_id = ? AND c.deleted_at IS NULL`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, nil, errs.New(errs.NotFound, "There is no comment %d.", id)
	}
	if err != nil {
		return nil, nil, err
	}
	p, err := loadProposal(ctx, tx, a, c.ProposalID)
	if err != nil {
		return nil, nil, err
	}
	return &c, p, nil
}

// namedMember is a member as mentions find them.
type namedMember struct {
	MemberID int64  `db:"member_id"`
	UserID   int64  `db:"user_id"`
	Name     string `db:"name"`
}

// mention notifies the members body mentions that before did not, except
// the author, once each.
func (s *Service) mention(ctx context.Context, tx *store.Tx, a *collective.Access, p *Proposal, commentID int64, body, before string) error {
	if !strings.Contains(body, "@") || s.Notify == nil {
		return nil
	}
	var ms []namedMember
	if err := tx.Select(ctx, &ms, `SELECT m.id AS member_id, m.user_id, u.name FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.collective_id = ?`, a.Collective.ID); err != nil {
		return err
	}
	old := mentions(before, ms)
	var users []int64
	for _, m := range mentions(body, ms) {
		if m.MemberID != a.MemberID && !slices.Contains(old, m) {
			users = append(users, m.UserID)
		}
	}
	if len(users) == 0 {
		return nil
	}
	return s.notify(ctx, tx, activity.Notice{UserIDs: users, CollectiveID: a.Collective.ID, Kind: KindMentioned,
		Title: actorName(a) + " mentioned you in “" + p.Title + "”", Body: clip(body, 500),
		Link: commentLink(a, p.ID, commentID)})
}

// mentions finds "@Full Name" in body: after each @, the longest member
// name that follows, case-insensitively and ending at a word's end. Each
// member is listed once, in order of first mention.
func mentions(body string, ms []namedMember) []namedMember {
	var out []namedMember
	for i := strings.IndexByte(body, '@'); i >= 0; {
		rest := body[i+1:]
		best := -1
		for j, m := range ms {
			n := len(m.Name)
			if n == 0 || n > len(rest) || !strings.EqualFold(rest[:n], m.Name) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(rest[n:]); n < len(rest) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			if best < 0 || n > len(ms[best].Name) {
				best = j
			}
		}
		if best >= 0 && !slices.Contains(out, ms[best]) {
			out = append(out, ms[best])
		}
		next := strings.IndexByte(rest, '@')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return out
}

// clip shortens s to at most n characters, with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
