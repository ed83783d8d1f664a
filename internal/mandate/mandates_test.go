package mandate

import (
	"context"
	"strconv"
	"testing"

	"commonground/internal/decision"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// The whole life of a mandate: proposed, granted by consent (the holder
// gets the role), renewed to a new end, revoked (the role goes).
func TestMandateLife(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.propose(t, f.B, facilitator(f.A))
		got := f.get(t, m.ID)
		same(t, "proposed", []any{got.Status, got.PendingAction, got.PendingDecisionID != nil, got.HolderName, got.Role},
			[]any{Proposed, Grant, true, "Ana Adler", "facilitator"})
		var d struct {
			Method  string `db:"method"`
			Subject string `db:"subject"`
			Status  string `db:"status"`
		}
		ok(t, f.DB.Get(context.Background(), &d, "SELECT method, subject, status FROM decisions WHERE id = ?", *got.PendingDecisionID))
		same(t, "decision", d, struct {
			Method  string `db:"method"`
			Subject string `db:"subject"`
			Status  string `db:"status"`
		}{"consent", "mandate:" + itoa(m.ID) + ":grant", "open"})
		same(t, "roles before", f.roles(t, f.A.MemberID), []string{"member"})

		grant := *got.PendingDecisionID
		f.decide(t, grant, "consent", f.five()...)
		got = f.get(t, m.ID)
		same(t, "granted", []any{got.Status, got.PendingAction, got.PendingDecisionID, *got.GrantedDecisionID, got.TermEnd},
			[]any{Active, Action(""), (*int64)(nil), grant, "2027-11-30"})
		same(t, "roles granted", f.roles(t, f.A.MemberID), []string{"facilitator", "member"})
		if !f.again(t, f.A).Has("facilitator") {
			t.Fatal("cached Access did not see the new role")
		}

		r, err := f.S.Renew(ctxOf(f.Steward), f.Steward, m.ID, RenewInput{Version: got.Version, TermEnd: "2028-06-30", ClosesInDays: 3})
		ok(t, err)
		same(t, "renewal pending", []any{r.PendingAction, r.PendingTermEnd, r.TermEnd}, []any{Renew, "2028-06-30", "2027-11-30"})
		f.decide(t, *r.PendingDecisionID, "consent", f.five()...)
		got = f.get(t, m.ID)
		same(t, "renewed", []any{got.Status, got.TermEnd, got.PendingAction, got.PendingTermEnd}, []any{Active, "2028-06-30", Action(""), ""})

		r, err = f.S.Revoke(ctxOf(f.C), f.C, m.ID, RevokeInput{Reason: "Meetings run long.", Version: got.Version})
		ok(t, err)
		f.decide(t, *r.PendingDecisionID, "stand_aside", f.five()...)
		got = f.get(t, m.ID)
		same(t, "revoked", []any{got.Status, got.PendingAction}, []any{Revoked, Action("")})
		same(t, "roles revoked", f.roles(t, f.A.MemberID), []string{"member"})

		v, err := f.S.Get(ctxOf(f.B), f.B, m.ID)
		ok(t, err)
		acts := []Action{}
		for _, d := range v.Decisions {
			acts = append(acts, d.Action)
		}
		same(t, "decisions", acts, []Action{Grant, Renew, Revoke})
		same(t, "first link", v.Decisions[0].Link, "/c/river/decisions/"+itoa(grant))
		same(t, "activity", f.verbs(t), []string{
			"mandate.proposed: Ben Brook proposed Ana Adler as Facilitator until 2027-11-30.",
			"mandate.granted: The collective granted Ana Adler the Facilitator mandate until 2027-11-30.",
			"mandate.renewal_proposed: Sam Steward proposed renewing Ana Adler's Facilitator mandate until 2028-06-30.",
			"mandate.renewed: The collective renewed Ana Adler's Facilitator mandate until 2028-06-30.",
			"mandate.revocation_proposed: Cleo Cole proposed revoking Ana Adler's Facilitator mandate.",
			"mandate.revoked: The collective revoked Ana Adler's Facilitator mandate.",
		})
	})
}

// An objection declines a grant; a failed renewal or revocation leaves the
// mandate as it was.
func TestMandateObjections(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.propose(t, f.B, facilitator(f.A))
		f.decide(t, *m.PendingDecisionID, "object", f.C)
		got := f.get(t, m.ID)
		same(t, "declined", []any{got.Status, got.GrantedDecisionID, got.PendingAction}, []any{Declined, (*int64)(nil), Action("")})
		same(t, "no role", f.roles(t, f.A.MemberID), []string{"member"})

		m = f.activate(t, f.B, Input{Role: "Convener", HolderMemberID: f.D4.MemberID, Scope: "Calls meetings.",
			TermStart: "2026-11-23", TermEnd: "2027-05-31"})
		same(t, "convener", []any{m.Role, f.roles(t, f.D4.MemberID)}, []any{"convener", []string{"convener", "member"}})
		r, err := f.S.Renew(ctxOf(f.D4), f.D4, m.ID, RenewInput{TermEnd: "2027-12-31"})
		ok(t, err)
		f.decide(t, *r.PendingDecisionID, "object", f.E)
		got = f.get(t, m.ID)
		same(t, "renewal declined", []any{got.Status, got.TermEnd, got.PendingAction, got.PendingTermEnd}, []any{Active, "2027-05-31", Action(""), ""})
		r, err = f.S.Revoke(ctxOf(f.E), f.E, m.ID, RevokeInput{Reason: "Rotate."})
		ok(t, err)
		f.decide(t, *r.PendingDecisionID, "object", f.F)
		got = f.get(t, m.ID)
		same(t, "revocation declined", []any{got.Status, f.roles(t, f.D4.MemberID)}, []any{Active, []string{"convener", "member"}})
		v := f.verbs(t)
		same(t, "last entries", v[len(v)-3:], []string{
			"mandate.renewal_declined: The collective did not renew Dev Dale's Convener mandate; it still ends on 2027-05-31.",
			"mandate.revocation_proposed: Eve East proposed revoking Dev Dale's Convener mandate.",
			"mandate.revocation_declined: The collective did not revoke Dev Dale's Convener mandate.",
		})
		// A role the collective names itself is the mandate's alone.
		m = f.activate(t, f.B, Input{Role: "Treasurer", HolderMemberID: f.E.MemberID, Scope: "Pays bills under 200.",
			TermStart: "2026-11-23", TermEnd: "2027-05-31"})
		same(t, "named role", []any{m.Status, m.Role, RoleLabel(m.Role), f.roles(t, f.E.MemberID)},
			[]any{Active, "Treasurer", "Treasurer", []string{"member"}})
	})
}

// What people may type, and the messages when they get it wrong; nothing
// is written after a refusal.
func TestMandateValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		long := make([]byte, MaxScope+1)
		for i := range long {
			long[i] = 'x'
		}
		cases := []struct {
			change     func(in *Input)
			field, msg string
		}{
			{func(in *Input) { in.Role = " " }, "role", "Name the role in 1 to 60 characters, such as facilitator or convener."},
			{func(in *Input) { in.Role = "Steward" }, "role", "A mandate cannot make someone a steward; stewards set that on the member's page."},
			{func(in *Input) { in.Scope = "" }, "scope", "Say what the holder may decide alone, in 1 to 2000 characters."},
			{func(in *Input) { in.Scope = string(long) }, "scope", "Say what the holder may decide alone, in 1 to 2000 characters."},
			{func(in *Input) { in.TermStart = "1 Dec" }, "term_start", "Give the term's start as YYYY-MM-DD."},
			{func(in *Input) { in.TermEnd = "" }, "term_end", "Give the term's end as YYYY-MM-DD."},
			{func(in *Input) { in.TermEnd = "2026-12-01" }, "term_end", "The term must end after it starts."},
			{func(in *Input) { in.TermEnd = "2029-12-02" }, "term_end", "A term lasts at most 3 years; the collective can renew it."},
			{func(in *Input) { in.TermStart, in.TermEnd = "2025-01-01", "2026-11-23" }, "term_end",
				"The term would already be over; choose an end after today."},
			{func(in *Input) { in.ClosesInDays = 61 }, "closes_in_days", "The decision stays open 1 to 60 days."},
			{func(in *Input) { in.HolderMemberID = 0 }, "holder_member_id", "Choose the member who would hold the mandate."},
			{func(in *Input) { in.HolderMemberID = 999 }, "holder_member_id", "That person is not a member of River."},
			{func(in *Input) { in.HolderMemberID = f.Observer.MemberID }, "holder_member_id",
				"Olga Observer is an observer; a mandate needs someone who takes part."},
		}
		for _, c := range cases {
			in := facilitator(f.A)
			c.change(&in)
			_, err := f.S.Propose(ctxOf(f.B), f.B, in)
			wantErr(t, err, errs.Invalid, c.field, c.msg)
		}
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM mandates")+f.count(t, "SELECT count(*) FROM decisions"), 0)

		m := f.activate(t, f.B, facilitator(f.A))
		_, err := f.S.Renew(ctxOf(f.B), f.B, m.ID, RenewInput{TermEnd: "2027-11-30"})
		wantErr(t, err, errs.Invalid, "term_end", "A renewal must end after the current term, which ends on 2027-11-30.")
		_, err = f.S.Renew(ctxOf(f.B), f.B, m.ID, RenewInput{TermEnd: "2030-12-01"})
		wantErr(t, err, errs.Invalid, "term_end", "A renewal adds at most 3 years to the term.")
		_, err = f.S.Revoke(ctxOf(f.B), f.B, m.ID, RevokeInput{Reason: "  "})
		wantErr(t, err, errs.Invalid, "reason", "Say why the mandate should be revoked, in 1 to 2000 characters.")
		_, err = f.S.Renew(ctxOf(f.B), f.B, m.ID, RenewInput{TermEnd: "2028-01-01", Version: m.Version - 1})
		wantErr(t, err, errs.Conflict, "", "The mandate changed since you loaded it; look at it again and retry.")
		same(t, "one decision", f.count(t, "SELECT count(*) FROM decisions"), 1)
	})
}

// Who may do what.
func TestMandatePermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, err := f.S.Propose(ctxOf(f.Observer), f.Observer, facilitator(f.A))
		wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
		_, err = f.S.Propose(ctxOf(f.Outsider), f.Outsider, facilitator(f.A))
		wantErr(t, err, errs.Forbidden, "", "Only members of River can do this.")
		_, err = f.S.Mandates(ctxOf(f.Outsider), f.Outsider)
		wantErr(t, err, errs.Forbidden, "", "Only members of River can see its mandates.")
		m := f.propose(t, f.B, facilitator(f.A))
		_, err = f.S.Get(ctxOf(f.Anon), f.Anon, m.ID)
		wantErr(t, err, errs.Forbidden, "", "Only members of River can see its mandates.")
		_, err = f.S.Renew(ctxOf(f.B), f.B, m.ID, RenewInput{TermEnd: "2028-01-01"})
		wantErr(t, err, errs.Conflict, "", "Only an active mandate can be renewed or revoked; this one is proposed.")
		_, err = f.S.Get(ctxOf(f.B), f.B, m.ID+1)
		wantErr(t, err, errs.NotFound, "", "There is no such mandate.")

		f.decide(t, *m.PendingDecisionID, "consent", f.five()...)
		_, err = f.S.Revoke(ctxOf(f.Observer), f.Observer, m.ID, RevokeInput{Reason: "No."})
		wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
		_, err = f.S.Renew(ctxOf(f.C), f.C, m.ID, RenewInput{TermEnd: "2028-01-01"})
		ok(t, err)
		_, err = f.S.Revoke(ctxOf(f.D4), f.D4, m.ID, RevokeInput{Reason: "No."})
		wantErr(t, err, errs.Conflict, "", "A decision to renew this mandate is already open; wait for it to close.")
		v, err := f.S.Get(ctxOf(f.C), f.C, m.ID)
		ok(t, err)
		same(t, "view", []any{v.CanRenew, v.CanRevoke, v.CanAsk, v.UpForRenewal}, []any{false, false, false, false})
		v, err = f.S.Get(ctxOf(f.A), f.A, m.ID)
		ok(t, err)
		same(t, "holder may ask", v.CanAsk, true)
		l, err := f.S.Mandates(ctxOf(f.C), f.C)
		ok(t, err)
		same(t, "list", []int{len(l.Active), len(l.Proposed), len(l.Past)}, []int{1, 0, 0})
	})
}

// The close hook leaves other decisions, stale decisions and mandates of
// other collectives alone.
func TestDecisionClosedIgnores(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.propose(t, f.B, facilitator(f.A))
		yes := true
		for _, c := range []decision.ClosedDecision{
			{CollectiveID: f.Coll.ID, DecisionID: *m.PendingDecisionID, Subject: "gathering:3", Passed: &yes},
			{CollectiveID: f.Coll.ID, DecisionID: *m.PendingDecisionID, Subject: "mandate:x:grant", Passed: &yes},
			{CollectiveID: f.Coll.ID, DecisionID: *m.PendingDecisionID + 1, Subject: "mandate:" + itoa(m.ID) + ":grant", Passed: &yes},
			{CollectiveID: f.Coll.ID, DecisionID: *m.PendingDecisionID, Subject: "mandate:" + itoa(m.ID) + ":renew", Passed: &yes},
			{CollectiveID: f.Coll.ID + 1, DecisionID: *m.PendingDecisionID, Subject: "mandate:" + itoa(m.ID) + ":grant", Passed: &yes},
		} {
			ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error { return f.S.DecisionClosed(context.Background(), tx, c) }))
		}
		same(t, "unchanged", f.get(t, m.ID).Version, m.Version)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
