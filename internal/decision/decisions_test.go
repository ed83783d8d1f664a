package decision

import (
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestStartDecisionChecks refuses every bad set-up with its message and
// writes nothing.
func TestStartDecisionChecks(t *testing.T) {
	at := func(h int) *time.Time { x := testStart.Add(time.Duration(h) * time.Hour); return &x }
	opts := func(labels ...string) []OptionInput {
		var out []OptionInput
		for _, l := range labels {
			out = append(out, OptionInput{Label: l})
		}
		return out
	}
	cases := []struct {
		name  string
		edit  func(f *fixture, in *DecisionInput)
		field string
		msg   string
	}{
		{"method", func(f *fixture, in *DecisionInput) { in.Method = "lottery" }, "method", "Choose a method: consent, advice, sense_check"},
		{"question", func(f *fixture, in *DecisionInput) { in.Question = strings.Repeat("q", MaxQuestion+1) }, "question",
			"The question is 501 characters long; the most is 500."},
		{"options for consent", func(f *fixture, in *DecisionInput) { in.Options = opts("a", "b") }, "options",
			"Consent decides the proposal as written; it takes no options."},
		{"one option", func(f *fixture, in *DecisionInput) { in.Method, in.Options = Majority, opts("a") }, "options",
			"Majority needs 2 to 100 options; this has 1."},
		{"empty label", func(f *fixture, in *DecisionInput) { in.Method, in.Options = Majority, opts("a", " ") }, "options",
			"Option 2 has no label; give every option one."},
		{"long label", func(f *fixture, in *DecisionInput) {
			in.Method, in.Options = Majority, opts("a", strings.Repeat("b", MaxOption+1))
		}, "options",
			"Option 2 is 201 characters long; the most is 200."},
		{"same label", func(f *fixture, in *DecisionInput) { in.Method, in.Options = Majority, opts("Red", "blue", "RED") }, "options",
			"Options 1 and 3 are both “RED”; give each option its own label."},
		{"time poll", func(f *fixture, in *DecisionInput) { in.Method, in.Options = TimePoll, opts("Monday", "Tuesday") }, "options",
			"Option 1 (“Monday”) needs a time: a time poll asks which times suit people."},
		{"seats", func(f *fixture, in *DecisionInput) { in.Method, in.Options, in.Seats = STV, opts("a", "b", "c"), 3 }, "seats",
			"Filling 3 seats from 3 options leaves nothing to choose; choose fewer seats than options."},
		{"seats max", func(f *fixture, in *DecisionInput) { in.Method, in.Options, in.Seats = Approval, opts("a", "b"), 51 }, "seats",
			"Choose 1 to 50 seats."},
		{"seats one", func(f *fixture, in *DecisionInput) { in.Method, in.Options, in.Seats = IRV, opts("a", "b", "c"), 2 }, "seats",
			"Instant runoff chooses one option; seats must be 1."},
		{"score", func(f *fixture, in *DecisionInput) { in.Method, in.Options, in.MaxScore = Score, opts("a", "b"), 101 }, "max_score",
			"The highest score must be 1 to 100."},
		{"dots", func(f *fixture, in *DecisionInput) { in.Method, in.Options, in.MaxDots = Dot, opts("a", "b"), -1 }, "max_dots",
			"Each person may have 1 to 1000 dots."},
		{"threshold", func(f *fixture, in *DecisionInput) {
			in.Method, in.Options, in.ThresholdNum, in.ThresholdDen = Majority, opts("a", "b"), 3, 2
		}, "threshold", "Give the threshold as a share"},
		{"threshold zero", func(f *fixture, in *DecisionInput) {
			in.Method, in.Options, in.ThresholdNum, in.ThresholdDen = Majority, opts("a", "b"), 0, 3
		}, "threshold", "Give the threshold as a share"},
		{"stv rules", func(f *fixture, in *DecisionInput) {
			in.Method, in.Options, in.STVRules = STV, opts("a", "b", "c"), "droop"
		}, "stv_rules",
			"Choose meek or wigm as the STV rules."},
		{"closes past", func(f *fixture, in *DecisionInput) { in.ClosesAt = testStart.Add(-time.Hour) }, "closes_at",
			"The closing time 23 November 2026 at 08:00 UTC has passed; choose a time in the future."},
		{"closes before opening", func(f *fixture, in *DecisionInput) { in.OpensAt, in.ClosesAt = at(48), *at(24) }, "closes_at",
			"Voting must close after it opens (25 November 2026 at 09:00 UTC)."},
		{"role", func(f *fixture, in *DecisionInput) { in.Electorate, in.ElectorateRole = ByRole, "queen" }, "electorate_role",
			"Choose the role whose holders vote: steward, member, facilitator"},
		{"role nobody", func(f *fixture, in *DecisionInput) { in.Electorate, in.ElectorateRole = ByRole, "host" }, "electorate_role",
			"Nobody holds the role Host, so nobody could vote."},
		{"electorate", func(f *fixture, in *DecisionInput) { in.Electorate = "everyone" }, "electorate",
			"Choose who votes: members, role or invited."},
		{"invited none", func(f *fixture, in *DecisionInput) { in.Electorate = Invited }, "invited", "Invite at least one member to vote."},
		{"invited observer", func(f *fixture, in *DecisionInput) {
			in.Electorate, in.Invited = Invited, []int64{f.A.MemberID, f.Observer.MemberID}
		}, "invited", "is not a voting member of River; invite members who are not only observers."},
		{"quorum", func(f *fixture, in *DecisionInput) { in.Quorum = 8 }, "quorum", "The quorum (8) is more than the 7 people who may vote."},
		{"quorum invited", func(f *fixture, in *DecisionInput) {
			in.Electorate, in.Invited, in.Quorum = Invited, []int64{f.A.MemberID, f.B.MemberID}, 3
		}, "quorum", "The quorum (3) is more than the 2 people who may vote."},
		{"quorum negative", func(f *fixture, in *DecisionInput) { in.Quorum = -1 }, "quorum", "The quorum cannot be negative; 0 means no quorum."},
		{"reasons", func(f *fixture, in *DecisionInput) { in.Reasons = "sometimes" }, "reasons",
			"Choose the reasons rule: off, optional, required or objections."},
		{"anonymous live", func(f *fixture, in *DecisionInput) { in.Anonymous, in.ResultsShown = true, Always }, "results_shown",
			"An anonymous decision shows results only after voting closes"},
		{"anonymous proxies", func(f *fixture, in *DecisionInput) { in.Anonymous, in.Proxies = true, true }, "proxies",
			"An anonymous decision takes no proxies"},
		{"anonymous weights", func(f *fixture, in *DecisionInput) { in.Anonymous, in.Weighted = true, true }, "weighted",
			"An anonymous decision takes no weights"},
		{"weights", func(f *fixture, in *DecisionInput) { in.Weighted, in.Weights = true, map[int64]int64{f.A.MemberID: -2} }, "weights",
			"Weights are whole numbers from 0 to 1000000."},
		{"chambers advice", func(f *fixture, in *DecisionInput) { in.Method, in.Chambers = Advice, true }, "chambers",
			"Advice process has no outcome for two chambers to pass"},
		{"chambers no organisation", func(f *fixture, in *DecisionInput) {
			in.Chambers, in.Electorate, in.Invited = true, Invited, []int64{f.Steward.MemberID, f.Facilitator.MemberID}
		}, "chambers", "Two chambers need at least one organisation with members who may vote."},
	}
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Buy a van")
		for _, c := range cases {
			in := inputFor(Consent)
			c.edit(f, &in)
			_, err := f.S.StartDecision(ctxOf(f.A), f.A, p.ID, in)
			if err == nil {
				t.Fatalf("%s: accepted", c.name)
			}
			if errs.FieldOf(err) != c.field || !strings.Contains(errs.Message(err), c.msg) {
				t.Fatalf("%s: got %v, want %s: %s", c.name, err, c.field, c.msg)
			}
		}
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM decisions")+f.count(t, "SELECT count(*) FROM decision_voters")+
			f.count(t, "SELECT count(*) FROM decision_options"), 0)
		same(t, "still in discussion", f.count(t, "SELECT count(*) FROM proposals WHERE status = 'discussion'"), 1)

		_, err := f.S.StartDecision(ctxOf(f.B), f.B, p.ID, inputFor(Consent))
		wantErr(t, err, errs.Forbidden, "Only the proposal's author, a facilitator or a steward can start a decision on it.")
		_, err = f.S.StartDecision(ctxOf(f.Observer), f.Observer, p.ID, inputFor(Consent))
		wantErr(t, err, errs.Forbidden, "Observers can read but not change anything.")
		d := f.decide(t, f.Facilitator, p.ID, inputFor(Consent))
		_, err = f.S.StartDecision(ctxOf(f.A), f.A, p.ID, inputFor(Consent))
		wantErr(t, err, errs.Conflict, "A decision on this proposal is under way; start another after it closes or is cancelled.")
		if d.Seed <= 0 {
			t.Fatalf("seed %d", d.Seed)
		}
	})
}

// TestStartDecisionDefaults checks what zero values become.
func TestStartDecisionDefaults(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Choose a colour")
		in := inputFor(Score, "Red", "Blue", "Green")
		in.Question = ""
		opens := testStart.Add(time.Hour + 300*time.Millisecond)
		in.OpensAt = &opens
		d := f.decide(t, f.Steward, p.ID, in)
		same(t, "defaults", []any{d.Question, d.Status, d.OpensAt, d.MaxScore, d.Seats, d.Reasons, d.STVRules, len(d.Options), d.Options[2]},
			[]any{"Choose a colour", Scheduled, testStart.Add(time.Hour), int64(defaultMaxScore), 1, ReasonsOff, "meek", 3, Option{Position: 2, Label: "Green"}})
		same(t, "scheduled entry", f.entries(t, "decision.scheduled")[0].Summary,
			"Sam Steward scheduled a decision on “Choose a colour” to open on 23 November 2026 at 10:00 UTC")
		ok(t, f.S.Cancel(ctxOf(f.A), f.A, d.ID))
		err := f.S.Cancel(ctxOf(f.A), f.A, d.ID)
		wantErr(t, err, errs.Conflict, "This decision is already cancelled.")
		in = inputFor(Consent)
		in.Anonymous = true
		d = f.decide(t, f.A, p.ID, in)
		same(t, "anonymous", []any{d.ResultsShown, d.Status}, []any{AfterClose, Open})
		err = f.S.Cancel(ctxOf(f.B), f.B, d.ID)
		wantErr(t, err, errs.Forbidden, "Only the proposal's author, a facilitator or a steward can cancel its decision.")
	})
}

// TestDecisionView says who may vote and do what, and why not.
func TestDecisionView(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Consent)
		in.Electorate, in.ElectorateRole = ByRole, "member"
		d := f.decide(t, f.A, f.propose(t, f.A, "Roles").ID, in)
		view := func(a *collective.Access, id int64) *DecisionView {
			v, err := f.S.Decision(ctxOf(a), a, id)
			ok(t, err)
			return v
		}
		v := view(f.Observer, d.ID)
		same(t, "observer", []any{v.CanVote, v.WhyNot, v.CanClose, v.Electorate, v.Info.Name}, []any{false, "Observers can read but not vote.", false, int64(6), "Consent"}) // A–E and the steward
		v = view(f.Facilitator, d.ID)
		same(t, "facilitator", []any{v.CanVote, v.WhyNot, v.CanClose, v.CanCancel, v.CanRecord},
			[]any{false, "Only members with the role Member can vote in this decision.", true, true, false})
		v = view(f.B, d.ID)
		same(t, "member", []any{v.CanVote, v.WhyNot, v.CanClose, v.Voted, v.MyBallot == nil}, []any{true, "", false, false, true})
		_, err := f.S.Decision(ctxOf(f.Outsider), f.Outsider, d.ID)
		wantErr(t, err, errs.Forbidden, "Only members of River can see its proposals and decisions.")

		in = inputFor(Consent)
		in.Anonymous = true
		d = f.decide(t, f.A, f.propose(t, f.A, "Secret").ID, in)
		f.vote(t, f.B, d.ID, pos("consent"))
		v = view(f.B, d.ID)
		same(t, "anonymous", []any{v.CanVote, v.WhyNot, v.Voted, v.MyBallot == nil},
			[]any{false, "You have already voted; use your receipt code to change your ballot.", true, true})

		in = inputFor(Consent)
		opens := testStart.Add(time.Hour)
		in.OpensAt = &opens
		d = f.decide(t, f.A, f.propose(t, f.A, "Later").ID, in)
		v = view(f.B, d.ID)
		same(t, "scheduled", []any{v.CanVote, v.WhyNot, view(f.A, d.ID).CanClose, view(f.A, d.ID).CanCancel},
			[]any{false, "Voting opens on 23 November 2026 at 10:00 UTC.", false, true})
	})
}
