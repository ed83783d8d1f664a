package commitment

import (
	"strings"
	"testing"

	"commonground/internal/errs"
)

func TestCreateRequest(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			r, err := f.S.CreateRequest(ctxOf(f.A), f.A, RequestInput{What: "  An introduction to the county health office ",
				Kind: Introduce, IndicatorID: f.Indicator.ID})
			ok(t, err)
			got, err := f.S.GetRequest(ctxOf(f.B), f.B, r.ID)
			ok(t, err)
			same(t, "request", *got, Request{ID: r.ID, MemberID: ptr(f.A.MemberID), MemberName: "Ana Adler",
				What: "An introduction to the county health office", Kind: Introduce, GoalID: ptr(f.Goal.ID),
				IndicatorID: ptr(f.Indicator.ID), Status: RequestOpen, CreatedAt: testStart})
			same(t, "activity", f.entries(t, "request."), []testEntry{{ActorID: ptr(f.A.User.ID), Verb: "request.created",
				Subject: "request:" + itoa(r.ID), Summary: "Ana Adler asked for help: An introduction to the county health office.",
				Link: "/c/river/requests/" + itoa(r.ID), Audience: "collective"}})
		})
		bad := []struct {
			name, field, msg string
			in               RequestInput
		}{
			{"ErrWhatRequired", "what", "Say what you need", RequestInput{What: "  ", Kind: Do}},
			{"ErrWhatTooLong", "what", "1 to 500 characters", RequestInput{What: strings.Repeat("é", MaxWhat+1), Kind: Do}},
			{"ErrKind", "kind", "Choose do, give", RequestInput{What: "help", Kind: "pray"}},
			{"ErrGoal", "goal_id", "no such goal", RequestInput{What: "help", Kind: Do, GoalID: 99999}},
			{"ErrIndicator", "indicator_id", "no such indicator", RequestInput{What: "help", Kind: Do, IndicatorID: 99999}},
		}
		for _, b := range bad {
			t.Run(b.name, func(t *testing.T) {
				before := f.count(t, "SELECT count(*) FROM commitment_requests")
				_, err := f.S.CreateRequest(ctxOf(f.A), f.A, b.in)
				wantErr(t, err, errs.Invalid, b.field, b.msg)
				same(t, "requests", f.count(t, "SELECT count(*) FROM commitment_requests"), before)
			})
		}
		t.Run("ErrNotContributor", func(t *testing.T) {
			before := f.count(t, "SELECT count(*) FROM commitment_requests")
			_, err := f.S.CreateRequest(ctxOf(f.Observer), f.Observer, RequestInput{What: "help", Kind: Do})
			wantErr(t, err, errs.Forbidden, "", "Observers can read")
			_, err = f.S.CreateRequest(ctxOf(f.Outsider), f.Outsider, RequestInput{What: "help", Kind: Do})
			wantErr(t, err, errs.Forbidden, "", "Only members of River")
			same(t, "requests", f.count(t, "SELECT count(*) FROM commitment_requests"), before)
		})
	})
}

func TestAnswerAndCloseRequest(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		r, err := f.S.CreateRequest(ctxOf(f.A), f.A, RequestInput{What: "A van on Saturday", Kind: Do, GoalID: f.Goal.ID})
		ok(t, err)
		// B answers: the promise goes to A, who asked, and serves the goal.
		in := promise(f.C, "I will drive the van")
		in.RequestID = r.ID
		c := f.commit(t, f.B, in)
		same(t, "answer", []any{c.RecipientKind, *c.RecipientMemberID, *c.GoalID, *c.RequestID}, []any{ToMember, f.A.MemberID, f.Goal.ID, r.ID})
		got, err := f.S.GetRequest(ctxOf(f.C), f.C, r.ID)
		ok(t, err)
		same(t, "answers", got.Answers, 1)
		answers, err := f.S.RequestAnswers(ctxOf(f.C), f.C, r.ID)
		ok(t, err)
		same(t, "answer ids", []int64{answers[0].ID}, []int64{c.ID})

		t.Run("ErrNotAuthor", func(t *testing.T) {
			_, err := f.S.CloseRequest(ctxOf(f.C), f.C, r.ID)
			wantErr(t, err, errs.Forbidden, "", "Only the member who asked or a steward")
			got, _ := f.S.GetRequest(ctxOf(f.C), f.C, r.ID)
			same(t, "status", got.Status, RequestOpen)
		})
		t.Run("OK", func(t *testing.T) {
			f.Clock.Set(testStart.Add(3600e9))
			closed, err := f.S.CloseRequest(ctxOf(f.A), f.A, r.ID)
			ok(t, err)
			got, err := f.S.GetRequest(ctxOf(f.A), f.A, r.ID)
			ok(t, err)
			same(t, "closed", []any{got.Status, got.ClosedAt.Equal(testStart.Add(3600e9)), closed.Status}, []any{RequestClosed, true, RequestClosed})
			e := f.entries(t, "request.closed")
			same(t, "activity", e[len(e)-1].Summary, "Ana Adler closed the request: A van on Saturday.")
		})
		t.Run("ErrAlreadyClosed", func(t *testing.T) {
			_, err := f.S.CloseRequest(ctxOf(f.Steward), f.Steward, r.ID)
			wantErr(t, err, errs.Conflict, "", "already closed")
		})
		t.Run("ErrAnswerClosed", func(t *testing.T) {
			in := promise(f.C, "late answer")
			in.RequestID = r.ID
			_, err := f.S.Create(ctxOf(f.C), f.C, in)
			wantErr(t, err, errs.Invalid, "request_id", "closed")
		})
		t.Run("StewardCloses", func(t *testing.T) {
			r2, err := f.S.CreateRequest(ctxOf(f.B), f.B, RequestInput{What: "Chairs", Kind: Give})
			ok(t, err)
			_, err = f.S.CloseRequest(ctxOf(f.Steward), f.Steward, r2.ID)
			ok(t, err)
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			_, err := f.S.GetRequest(ctxOf(f.A), f.A, 99999)
			wantErr(t, err, errs.NotFound, "", "no such request")
			_, err = f.S.CloseRequest(ctxOf(f.A), f.A, 99999)
			wantErr(t, err, errs.NotFound, "", "no such request")
		})
	})
}

func TestRequestsList(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		var first int64
		for i := range PerPage + 2 {
			r, err := f.S.CreateRequest(ctxOf(f.A), f.A, RequestInput{What: "need " + itoa(int64(i)), Kind: Do})
			ok(t, err)
			if i == 0 {
				first = r.ID
			}
		}
		_, err := f.S.CloseRequest(ctxOf(f.A), f.A, first)
		ok(t, err)
		t.Run("OK", func(t *testing.T) {
			p1, err := f.S.Requests(ctxOf(f.B), f.B, "", 1)
			ok(t, err)
			p2, err := f.S.Requests(ctxOf(f.B), f.B, "", 2)
			ok(t, err)
			same(t, "pages", []any{len(p1.Items), p1.More, len(p2.Items), p2.More, p1.Items[0].What, p2.Items[1].ID},
				[]any{PerPage, true, 2, false, "need 51", first})
		})
		t.Run("Status", func(t *testing.T) {
			open, err := f.S.Requests(ctxOf(f.B), f.B, RequestOpen, 2)
			ok(t, err)
			closed, err := f.S.Requests(ctxOf(f.B), f.B, RequestClosed, 0)
			ok(t, err)
			same(t, "by status", []any{len(open.Items), len(closed.Items), closed.Items[0].ID}, []any{1, 1, first})
		})
		t.Run("ErrStatus", func(t *testing.T) {
			_, err := f.S.Requests(ctxOf(f.B), f.B, "pending", 1)
			wantErr(t, err, errs.Invalid, "status", "Choose open or closed.")
		})
	})
}
