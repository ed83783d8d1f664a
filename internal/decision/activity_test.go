package decision

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/errs"
)

// TestProxyActivity: giving and taking back a proxy, for one decision and
// for a topic, each write one entry the whole collective reads, naming
// both people; a refused proxy writes none.
func TestProxyActivity(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p, _, err := f.S.Propose(ctxOf(f.A), f.A, ProposalInput{Title: "Buy a van", Topic: "Transport"}, nil)
		ok(t, err)
		in := inputFor(Majority, "Yes", "No")
		in.Proxies = true
		d := f.decide(t, f.A, p.ID, in)

		_, err = f.S.Delegate(ctxOf(f.B), f.B, ProxyInput{ToMemberID: f.B.MemberID, DecisionID: d.ID})
		wantField(t, err, "to_member_id", "You cannot give your proxy to yourself; choose another member.")
		same(t, "entries after a refusal", len(f.entries(t, "proxy.")), 0)

		one, err := f.S.Delegate(ctxOf(f.B), f.B, ProxyInput{ToMemberID: f.C.MemberID, DecisionID: d.ID})
		ok(t, err)
		same(t, "question and status", []any{one.Question, one.DecisionStatus, one.Over()}, []any{"Shall we?", Open, false})
		topic, err := f.S.Delegate(ctxOf(f.D), f.D, ProxyInput{ToMemberID: f.E.MemberID, Topic: "transport"})
		ok(t, err)
		same(t, "a topic proxy", []any{topic.Question, topic.DecisionStatus, topic.Over()}, []any{"", Status(""), false})
		ok(t, f.S.RevokeProxy(ctxOf(f.B), f.B, one.ID))
		ok(t, f.S.RevokeProxy(ctxOf(f.D), f.D, topic.ID))

		link := fmt.Sprintf("/c/river/decisions/%d", d.ID)
		everyone := string(activity.Everyone)
		b, dd := f.B.User.ID, f.D.User.ID
		same(t, "entries", f.entries(t, "proxy."), []testEntry{
			{ActorID: &b, Verb: "proxy.given", Subject: "Shall we?", Link: link, Audience: everyone,
				Summary: "Ben Brook gave Cleo Cole their proxy in the decision “Shall we?”."},
			{ActorID: &dd, Verb: "proxy.given", Subject: "transport", Link: "/c/river/decisions/proxies", Audience: everyone,
				Summary: "Dan Dale gave Eve East their proxy on the topic “transport”."},
			{ActorID: &b, Verb: "proxy.revoked", Subject: "Shall we?", Link: link, Audience: everyone,
				Summary: "Ben Brook took back the proxy they gave Cleo Cole in the decision “Shall we?”."},
			{ActorID: &dd, Verb: "proxy.revoked", Subject: "transport", Link: "/c/river/decisions/proxies", Audience: everyone,
				Summary: "Dan Dale took back the proxy they gave Eve East on the topic “transport”."},
		})

		// Taking back twice, or someone else's, is refused and writes nothing.
		wantErr(t, f.S.RevokeProxy(ctxOf(f.B), f.B, one.ID), errs.NotFound, "You have no active proxy")
		again, err := f.S.Delegate(ctxOf(f.B), f.B, ProxyInput{ToMemberID: f.C.MemberID, DecisionID: d.ID})
		ok(t, err)
		wantErr(t, f.S.RevokeProxy(ctxOf(f.C), f.C, again.ID), errs.NotFound, "You have no active proxy")
		same(t, "entries", len(f.entries(t, "proxy.")), 5)

		// Once voting closes the proxy is over: still listed, no longer counting.
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		l, err := f.S.Proxies(ctxOf(f.B), f.B)
		ok(t, err)
		same(t, "over", []any{len(l.Given), l.Given[0].DecisionStatus, l.Given[0].Over()}, []any{1, Closed, true})
	})
}

// TestLongQuestionActivity: a question longer than the activity log's
// subject opens, takes a proxy and closes, its entries' subjects clipped.
func TestLongQuestionActivity(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Long")
		in := inputFor(Consent)
		in.Question, in.Proxies = strings.Repeat("é", MaxQuestion), true
		d := f.decide(t, f.A, p.ID, in)
		_, err := f.S.Delegate(ctxOf(f.B), f.B, ProxyInput{ToMemberID: f.C.MemberID, DecisionID: d.ID})
		ok(t, err)
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		want := strings.Repeat("é", maxSubject-1) + "…"
		for _, prefix := range []string{"decision.opened", "proxy.given", "decision.closed"} {
			e := f.entries(t, prefix)
			same(t, prefix, []any{len(e), e[0].Subject}, []any{1, want})
		}
	})
}
