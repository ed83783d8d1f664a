package decision

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/errs"
)

func TestProposeChecks(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := ctxOf(f.A)
		_, _, err := f.S.Propose(ctx, f.A, ProposalInput{Title: "  "}, nil)
		wantField(t, err, "title", "Write a title (1 to 200 characters).")
		_, _, err = f.S.Propose(ctx, f.A, ProposalInput{Title: strings.Repeat("é", MaxTitle+1)}, nil)
		wantField(t, err, "title", "A title is 201 characters long; the most is 200.")
		_, _, err = f.S.Propose(ctx, f.A, ProposalInput{Title: "x", Body: strings.Repeat("b", MaxBody+1)}, nil)
		wantField(t, err, "body", "The proposal is 20001 characters long; the most is 20000.")
		_, _, err = f.S.Propose(ctx, f.A, ProposalInput{Title: "x", Topic: strings.Repeat("t", MaxTopic+1)}, nil)
		wantField(t, err, "topic", "The topic is 61 characters long; the most is 60.")
		_, _, err = f.S.Propose(ctxOf(f.Observer), f.Observer, ProposalInput{Title: "x"}, nil)
		wantErr(t, err, errs.Forbidden, "Observers can read but not change anything.")
		_, _, err = f.S.Propose(ctxOf(f.Outsider), f.Outsider, ProposalInput{Title: "x"}, nil)
		wantErr(t, err, errs.Forbidden, "Only members of River can do this.")
		// A decision that fails its checks takes the proposal with it.
		_, _, err = f.S.Propose(ctx, f.A, ProposalInput{Title: "x"}, &DecisionInput{Method: Consent})
		wantField(t, err, "closes_at", "Say when voting closes.")
		same(t, "proposals after refusals", f.count(t, "SELECT count(*) FROM proposals"), 0)
		same(t, "power after refusals", f.count(t, "SELECT count(*) FROM power_counts"), 0)

		p, d, err := f.S.Propose(ctx, f.A, ProposalInput{Title: " Buy a van ", Body: "We need one.", Topic: "Transport"},
			&DecisionInput{Method: Consent, ClosesAt: testCloses})
		ok(t, err)
		same(t, "proposal", []any{p.Title, p.Topic, p.Status, p.AuthorName, *p.AuthorMemberID}, []any{"Buy a van", "Transport", Deciding, "Ana Adler", f.A.MemberID})
		same(t, "decision", []any{d.ProposalID, d.Question, d.Status, d.Reasons, d.ResultsShown, d.Electorate}, []any{p.ID, "Buy a van", Open, ReasonsObjections, Always, AllMembers})
		same(t, "activity", len(f.entries(t, "proposal.created"))+len(f.entries(t, "decision.opened")), 2)
		same(t, "power", f.count(t, "SELECT proposals FROM power_counts WHERE member_id = ?", f.A.MemberID), 1)
	})
}

func TestProposalsList(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for i := 1; i <= PerPage+2; i++ {
			f.propose(t, f.A, fmt.Sprintf("Proposal %d", i))
		}
		last := f.propose(t, f.B, "Paint the 100% shed")
		f.decide(t, f.B, last.ID, inputFor(Consent))
		pg, err := f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{})
		ok(t, err)
		same(t, "page 1", []any{pg.Total, pg.Pages, len(pg.Items), pg.Items[0].Title, pg.Items[0].Decision != nil, pg.Items[1].Title},
			[]any{PerPage + 3, 2, PerPage, "Paint the 100% shed", true, fmt.Sprintf("Proposal %d", PerPage+2)})
		pg, err = f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{Page: 2})
		ok(t, err)
		same(t, "page 2", []any{len(pg.Items), pg.Items[2].Title, pg.Items[2].Decision == nil}, []any{3, "Proposal 1", true})
		pg, err = f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{Status: Deciding})
		ok(t, err)
		same(t, "deciding", len(pg.Items), 1)
		pg, err = f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{Search: "SHED 100%"})
		ok(t, err)
		same(t, "search", []any{pg.Total, pg.Items[0].ID}, []any{1, last.ID})
		pg, err = f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{Search: "proposal 5"})
		ok(t, err)
		same(t, "search words", pg.Total, 8) // each word anywhere: 5, 15, 25, 35, 45, 50, 51, 52
		_, err = f.S.Proposals(ctxOf(f.C), f.C, ProposalQuery{Status: "lost"})
		wantField(t, err, "status", "Choose a status: discussion, deciding, decided or withdrawn.")
		_, err = f.S.Proposals(ctxOf(f.Outsider), f.Outsider, ProposalQuery{})
		wantErr(t, err, errs.Forbidden, "Only members of River can see its proposals and decisions.")
	})
}

func TestUpdateAndWithdraw(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Buy a van")
		err := f.S.UpdateProposal(ctxOf(f.B), f.B, p.ID, ProposalInput{Title: "Buy a bike"})
		wantErr(t, err, errs.Forbidden, "Only the proposal's author or a steward can change it.")
		ok(t, f.S.UpdateProposal(ctxOf(f.Steward), f.Steward, p.ID, ProposalInput{Title: "Buy a bike", Topic: "transport"}))
		d := f.decide(t, f.A, p.ID, inputFor(Consent))
		err = f.S.UpdateProposal(ctxOf(f.A), f.A, p.ID, ProposalInput{Title: "Buy a car"})
		wantErr(t, err, errs.Conflict, "A decision on this proposal is under way; change the proposal after it closes or is cancelled.")
		err = f.S.WithdrawProposal(ctxOf(f.Facilitator), f.Facilitator, p.ID)
		wantErr(t, err, errs.Forbidden, "Only the proposal's author or a steward can withdraw it.")
		ok(t, f.S.WithdrawProposal(ctxOf(f.A), f.A, p.ID))
		v, err := f.S.Proposal(ctxOf(f.B), f.B, p.ID)
		ok(t, err)
		same(t, "withdrawn", []any{v.Proposal.Title, v.Proposal.Status, v.Decisions[0].Status, v.CanEdit, v.CanDecide},
			[]any{"Buy a bike", Withdrawn, Cancelled, false, false})
		_, err = f.S.Vote(ctxOf(f.B), f.B, d.ID, VoteInput{Choice: pos("consent")})
		wantErr(t, err, errs.Conflict, "This decision was cancelled.")
		err = f.S.WithdrawProposal(ctxOf(f.A), f.A, p.ID)
		wantErr(t, err, errs.Conflict, "This proposal is already withdrawn.")
		_, err = f.S.StartDecision(ctxOf(f.A), f.A, p.ID, inputFor(Consent))
		wantErr(t, err, errs.Conflict, "This proposal was withdrawn; it cannot be decided.")
		_, err = f.S.Proposal(ctxOf(f.A), f.A, 999)
		wantErr(t, err, errs.NotFound, "River has no proposal 999.")
	})
}

func TestThread(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Buy a van")
		c1, err := f.S.AddComment(ctxOf(f.A), f.A, p.ID, 0, "first")
		ok(t, err)
		c2, err := f.S.AddComment(ctxOf(f.B), f.B, p.ID, 0, "second")
		ok(t, err)
		f.Clock.Add(time.Minute)
		c3, err := f.S.AddComment(ctxOf(f.C), f.C, p.ID, c1.ID, "reply to first")
		ok(t, err)
		c4, err := f.S.AddComment(ctxOf(f.D), f.D, p.ID, c3.ID, "reply to the reply")
		ok(t, err)
		c5, err := f.S.AddComment(ctxOf(f.E), f.E, p.ID, c1.ID, "second reply to first")
		ok(t, err)
		_, err = f.S.AddComment(ctxOf(f.E), f.E, p.ID, 999, "lost")
		wantField(t, err, "parent_id", "There is no comment 999 in this proposal's discussion to reply to.")
		_, err = f.S.AddComment(ctxOf(f.E), f.E, p.ID, 0, " ")
		wantField(t, err, "body", "Write a comment (1 to 10000 characters).")
		_, err = f.S.AddComment(ctxOf(f.Observer), f.Observer, p.ID, 0, "hi")
		wantErr(t, err, errs.Forbidden, "Observers can read but not change anything.")
		err = f.S.EditComment(ctxOf(f.B), f.B, c1.ID, "mine now")
		wantErr(t, err, errs.Forbidden, "You can change only your own comments.")
		ok(t, f.S.EditComment(ctxOf(f.A), f.A, c1.ID, "first, edited"))
		err = f.S.DeleteComment(ctxOf(f.C), f.C, c1.ID)
		wantErr(t, err, errs.Forbidden, "Only the comment's author or a steward can delete it.")
		ok(t, f.S.DeleteComment(ctxOf(f.Steward), f.Steward, c1.ID))
		err = f.S.EditComment(ctxOf(f.A), f.A, c1.ID, "back")
		wantErr(t, err, errs.NotFound, "There is no comment")
		c, err := f.S.Comment(ctxOf(f.B), f.B, c3.ID)
		ok(t, err)
		same(t, "comment", []any{c.Body, *c.ParentID, c.AuthorName}, []any{"reply to first", c1.ID, "Cleo Cole"})
		c, err = f.S.Comment(ctxOf(f.B), f.B, c1.ID)
		ok(t, err)
		same(t, "deleted comment", []any{c.Body, c.DeletedAt != nil}, []any{"", true})
		_, err = f.S.Comment(ctxOf(f.Outsider), f.Outsider, c3.ID)
		wantErr(t, err, errs.Forbidden, "Only members of River")
		v, err := f.S.Proposal(ctxOf(f.B), f.B, p.ID)
		ok(t, err)
		var order []string
		for _, c := range v.Comments {
			order = append(order, fmt.Sprintf("%d:%s", c.ID, c.Body))
		}
		same(t, "thread", order, []string{fmt.Sprintf("%d:", c1.ID), fmt.Sprintf("%d:reply to first", c3.ID),
			fmt.Sprintf("%d:reply to the reply", c4.ID), fmt.Sprintf("%d:second reply to first", c5.ID), fmt.Sprintf("%d:second", c2.ID)})
		same(t, "edited and deleted", []any{v.Comments[0].EditedAt != nil, v.Comments[0].DeletedAt != nil, v.Proposal.CommentCount},
			[]any{true, true, 4})
	})
}

func TestMentions(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, _ = f.join(t, "Ana", "member") // a shorter name that is a prefix of Ana Adler
		p := f.propose(t, f.A, "Buy a van")
		c, err := f.S.AddComment(ctxOf(f.A), f.A, p.ID, 0, "@ana adler, @Ben Brook and @BEN BROOK: ask @Cleo Coleman? and @Dan Dale.")
		ok(t, err)
		got := f.sent(KindMentioned)
		same(t, "one notice", len(got), 1)
		same(t, "to Ben and Dan only", got[0].UserIDs, []int64{f.B.User.ID, f.D.User.ID})
		same(t, "notice", []any{got[0].Title, got[0].Link, got[0].Kind},
			[]any{"Ana Adler mentioned you in “Buy a van”", fmt.Sprintf("/c/river/decisions/proposals/%d#comment-%d", p.ID, c.ID), KindMentioned})
		// Editing notifies only the newly mentioned.
		ok(t, f.S.EditComment(ctxOf(f.A), f.A, c.ID, "@Ben Brook and @Eve East"))
		got = f.sent(KindMentioned)
		same(t, "edit notice", got[1].UserIDs, []int64{f.E.User.ID})
		_, err = f.S.AddComment(ctxOf(f.B), f.B, p.ID, c.ID, "@Ana, hello")
		ok(t, err)
		got = f.sent(KindMentioned)
		same(t, "short name", len(got), 3)
		var ana int64
		ok(t, f.DB.Get(context.Background(), &ana, "SELECT id FROM users WHERE name = 'Ana'"))
		same(t, "Ana", got[2].UserIDs, []int64{ana})
	})
}
