package mandate

import (
	"context"
	"encoding/json"
	"testing"

	"commonground/internal/errs"
)

// state is what a refusal must leave as it was: the mandate's status and
// what is pending on it, the decision's status, the holder's roles.
type state struct {
	Status   Status
	Pending  Action
	Decision *int64
	TermEnd  string
	Version  int64
	DecState string
	Roles    []string
}

func (f *fixture) state(t *testing.T, id, decisionID, holder int64) state {
	t.Helper()
	m := f.get(t, id)
	var st string
	ok(t, f.DB.Get(context.Background(), &st, "SELECT status FROM decisions WHERE id = ?", decisionID))
	return state{m.Status, m.PendingAction, m.PendingDecisionID, m.TermEnd, m.Version, st, f.roles(t, holder)}
}

// Nobody grants themselves power: a proposer cannot close their own grant
// at once, a grant nobody voted on is declined for want of a quorum at its
// closing time, a holder can neither close their renewal early nor cancel
// their revocation. Nothing changes after each refusal.
func TestMandateSelfGrant(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.propose(t, f.A, facilitator(f.A))
		grant := *m.PendingDecisionID
		before := f.state(t, m.ID, grant, f.A.MemberID)
		err := f.D.Close(ctxOf(f.A), f.A, grant)
		wantErr(t, err, errs.Forbidden, "", "")
		err = f.D.Cancel(ctxOf(f.A), f.A, grant)
		wantErr(t, err, errs.Forbidden, "", "")
		same(t, "nothing changed", f.state(t, m.ID, grant, f.A.MemberID), before)
		same(t, "open", before.DecState, "open")

		// Nobody votes; at the closing time the job closes it: consent
		// with no objection, but not the quorum, so nothing is granted.
		f.Clock.Set(testStart.AddDate(0, 0, DefaultClosesIn))
		_, err = f.D.CloseDue(context.Background(), f.Clock.Now())
		ok(t, err)
		got := f.get(t, m.ID)
		same(t, "declined", []any{got.Status, got.PendingAction, got.PendingDecisionID, got.GrantedDecisionID, f.roles(t, f.A.MemberID)},
			[]any{Declined, Action(""), (*int64)(nil), (*int64)(nil), []string{"member"}})
		var res struct {
			Quorum int64  `db:"quorum"`
			Result string `db:"result"`
		}
		ok(t, f.DB.Get(context.Background(), &res, "SELECT quorum, result FROM decisions WHERE id = ?", grant))
		var r struct {
			Note   string `json:"note"`
			Passed *bool  `json:"passed"`
		}
		ok(t, json.Unmarshal([]byte(res.Result), &r))
		same(t, "quorum", []any{res.Quorum, r.Note}, []any{int64(5), "failed: the quorum is 5 and 0 counted"})

		// A holds a facilitator mandate (and so the facilitator role).
		f.refresh(t, nil, nil)
		m = f.activate(t, f.B, facilitator(f.A))
		a := f.again(t, f.A)
		same(t, "facilitator", a.Has("facilitator"), true)
		rn, err := f.S.Renew(ctxOf(a), a, m.ID, RenewInput{TermEnd: "2029-11-30"})
		ok(t, err)
		renewal := *rn.PendingDecisionID
		before = f.state(t, m.ID, renewal, f.A.MemberID)
		err = f.D.Close(ctxOf(a), a, renewal)
		wantErr(t, err, errs.Forbidden, "", "")
		same(t, "renewal unchanged", f.state(t, m.ID, renewal, f.A.MemberID), before)
		st := f.again(t, f.Steward)
		ok(t, f.D.Cancel(ctxOf(st), st, renewal))

		rv, err := f.S.Revoke(ctxOf(f.C), f.C, m.ID, RevokeInput{Reason: "Meetings run long."})
		ok(t, err)
		revocation := *rv.PendingDecisionID
		before = f.state(t, m.ID, revocation, f.A.MemberID)
		a = f.again(t, f.A)
		err = f.D.Cancel(ctxOf(a), a, revocation)
		wantErr(t, err, errs.Forbidden, "", "")
		err = f.D.Close(ctxOf(a), a, revocation)
		wantErr(t, err, errs.Forbidden, "", "")
		same(t, "revocation unchanged", f.state(t, m.ID, revocation, f.A.MemberID), before)
		same(t, "still pending", []any{before.Status, before.Pending, before.DecState, before.Roles},
			[]any{Active, Revoke, "open", []string{"facilitator", "member"}})

		v, err := f.S.Get(ctxOf(f.B), f.B, m.ID)
		ok(t, err)
		same(t, "quorum shown", v.Quorum, int64(5))
	})
}

// The quorum is the minimum group size, or everyone who may vote when
// fewer may (seven here: the steward and A to F; the observer does not).
func TestMandateQuorum(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, c := range []struct{ min, want int }{{5, 5}, {7, 7}, {20, 7}} {
			coll := *f.Coll
			coll.MinGroupSize = c.min
			q, err := Quorum(context.Background(), f.DB, &coll)
			ok(t, err)
			same(t, "quorum", q, int64(c.want))
		}
	})
}

// Only facilitator, convener and host become collective roles; other
// registered roles are refused, the collective's own words are labels.
func TestMandateRoles(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, c := range []struct{ in, msg string }{
			{"pay_reviewer", "A mandate cannot make someone a pay reviewer; stewards set that on the member's page."},
			{"Pay reviewer", "A mandate cannot make someone a pay reviewer; stewards set that on the member's page."},
			{"hiring manager", "A mandate cannot make someone a hiring manager; stewards set that on the member's page."},
			{"pay_representative", "A mandate cannot make someone a pay representative; stewards set that on the member's page."},
			{"Steward", "A mandate cannot make someone a steward; stewards set that on the member's page."},
			{"observer", "A mandate cannot make someone an observer; stewards set that on the member's page."},
		} {
			in := facilitator(f.A)
			in.Role = c.in
			_, err := f.S.Propose(ctxOf(f.B), f.B, in)
			wantErr(t, err, errs.Invalid, "role", c.msg)
		}
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM mandates")+f.count(t, "SELECT count(*) FROM decisions"), 0)
		in := facilitator(f.C)
		in.Role = "Host"
		m := f.activate(t, f.B, in)
		same(t, "host", []any{m.Role, f.roles(t, f.C.MemberID)}, []any{"host", []string{"host", "member"}})
	})
}
