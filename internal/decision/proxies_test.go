package decision

import (
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestProxies: chains, a decision proxy beating a topic proxy, a delegate's
// vote counting only for those who did not vote, revoking, and circles.
func TestProxies(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p, _, err := f.S.Propose(ctxOf(f.A), f.A, ProposalInput{Title: "Buy a van", Topic: "Transport"}, nil)
		ok(t, err)
		in := inputFor(Majority, "Yes", "No")
		in.Proxies = true
		d := f.decide(t, f.A, p.ID, in)
		give := func(from, to *collective.Access, decisionID int64, topic string) (*Proxy, error) {
			return f.S.Delegate(ctxOf(from), from, ProxyInput{ToMemberID: to.MemberID, DecisionID: decisionID, Topic: topic})
		}
		_, err = give(f.A, f.A, d.ID, "")
		wantField(t, err, "to_member_id", "You cannot give your proxy to yourself; choose another member.")
		_, err = give(f.A, f.B, d.ID, "transport")
		wantField(t, err, "topic", "Give a proxy for one decision or for a topic, not both.")
		_, err = give(f.A, f.B, 0, " ")
		wantField(t, err, "topic", "Say what the proxy covers: one decision or a topic.")
		_, err = give(f.A, f.Observer, 0, "transport")
		wantField(t, err, "to_member_id", "Choose a voting member of River as your proxy.")
		_, err = give(f.Observer, f.A, 0, "transport")
		wantErr(t, err, errs.Forbidden, "Observers can read but not change anything.")
		in2 := inputFor(Consent)
		in2.Proxies, in2.Electorate, in2.Invited = true, Invited, []int64{f.A.MemberID, f.B.MemberID}
		few := f.decide(t, f.A, f.propose(t, f.A, "Few voters").ID, in2)
		_, err = give(f.A, f.C, few.ID, "")
		wantField(t, err, "to_member_id", "Your proxy must be someone who may vote in this decision.")
		_, err = give(f.C, f.A, few.ID, "")
		wantErr(t, err, errs.Forbidden, "Only the people invited can vote in this decision.")
		plain := f.decide(t, f.A, f.propose(t, f.A, "No proxies here").ID, inputFor(Consent))
		_, err = give(f.B, f.A, plain.ID, "")
		wantField(t, err, "decision_id", "This decision does not take proxies.")
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM decision_proxies"), 0)

		_, err = give(f.D, f.E, 0, "transport")
		ok(t, err)
		_, err = give(f.E, f.A, 0, "TRANSPORT")
		ok(t, err)
		_, err = give(f.A, f.D, 0, "Transport")
		wantField(t, err, "to_member_id", "That would make a circle of proxies: Ana Adler → Dan Dale → Eve East → Ana Adler.")
		_, err = give(f.A, f.D, d.ID, "") // the decision's chain runs through the topic proxies too
		wantField(t, err, "to_member_id", "That would make a circle of proxies: Ana Adler → Dan Dale → Eve East → Ana Adler.")
		_, err = give(f.C, f.A, 0, "transport")
		ok(t, err)
		_, err = give(f.C, f.A, d.ID, "")
		ok(t, err)
		cToB, err := give(f.C, f.B, d.ID, "") // replaces the proxy to A for this decision
		ok(t, err)
		same(t, "active from C", f.count(t, "SELECT count(*) FROM decision_proxies WHERE from_member_id = ? AND revoked_at IS NULL", f.C.MemberID), 2)
		notices := f.sent(KindProxy)
		same(t, "notices", len(notices), 5)
		same(t, "notice", []any{notices[4].UserIDs, notices[4].Title}, []any{[]int64{f.B.User.ID}, "Cleo Cole gave you their proxy in the decision “Shall we?”"})

		f.vote(t, f.A, d.ID, one(0))
		f.vote(t, f.B, d.ID, one(1))
		r, err := f.S.Results(ctxOf(f.B), f.B, d.ID)
		ok(t, err)
		same(t, "chains", []any{r.Tally.Totals, r.Counted, r.Turnout}, []any{[]int64{3, 2}, int64(5), int64(2)})
		va, err := f.S.Decision(ctxOf(f.A), f.A, d.ID)
		ok(t, err)
		same(t, "A votes for", va.VotingFor, []string{"Eve East"})
		vc, err := f.S.Decision(ctxOf(f.C), f.C, d.ID)
		ok(t, err)
		same(t, "C's proxy", []any{vc.MyProxy.ID, vc.MyProxy.ToName}, []any{cToB.ID, "Ben Brook"})

		f.vote(t, f.E, d.ID, one(1)) // E votes herself: her ballot, and D's through her
		r, err = f.S.Results(ctxOf(f.B), f.B, d.ID)
		ok(t, err)
		same(t, "delegate voted", r.Tally.Totals, []int64{1, 4})
		l, err := f.S.Proxies(ctxOf(f.D), f.D)
		ok(t, err)
		wantErr(t, f.S.RevokeProxy(ctxOf(f.E), f.E, l.Given[0].ID), errs.NotFound, "You have no active proxy")
		ok(t, f.S.RevokeProxy(ctxOf(f.D), f.D, l.Given[0].ID))
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		r, err = f.S.Results(ctxOf(f.B), f.B, d.ID)
		ok(t, err)
		same(t, "revoked", []any{r.Tally.Totals, r.Counted, *r.Passed, r.Tally.Winners}, []any{[]int64{1, 3}, int64(4), true, []int{1}})
		same(t, "power counts own ballots only", f.count(t, "SELECT sum(votes) FROM power_counts"), 3)
		l, err = f.S.Proxies(ctxOf(f.E), f.E)
		ok(t, err)
		same(t, "E's proxies", []any{len(l.Given), l.Given[0].ToName, len(l.Received)}, []any{1, "Ana Adler", 0})
	})
}
