package decision

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestVotesRaceTheClose: many people vote while the proposer closes. A
// ballot counts if and only if its transaction commits before the close:
// every vote either succeeds and is in the stored result, or is refused as
// closed and is nowhere; the stored turnout is the ballots counted. On
// SQLite writes queue on one connection; on PostgreSQL they really race,
// and the row lock the first statement of each takes decides.
func TestVotesRaceTheClose(t *testing.T) {
	for _, anonymous := range []bool{false, true} {
		t.Run(map[bool]string{false: "named", true: "anonymous"}[anonymous], func(t *testing.T) {
			eachDB(t, func(t *testing.T, f *fixture) { raceTheClose(t, f, anonymous) })
		})
	}
}

func raceTheClose(t *testing.T, f *fixture, anonymous bool) {
	ctx := context.Background()
	voters := []*collective.Access{f.Steward, f.Facilitator, f.A, f.B, f.C, f.D, f.E}
	for i := range 33 {
		_, a := f.join(t, fmt.Sprintf("Voter %02d", i), "member")
		voters = append(voters, a)
	}
	for i, a := range voters {
		voters[i] = f.access(t, a.User) // the collective moved on with each join
	}
	closer := f.access(t, f.A.User)
	p := f.propose(t, closer, "Extend opening hours")
	in := inputFor(Majority, "Yes", "No")
	in.Anonymous = anonymous
	if anonymous {
		in.ResultsShown = AfterClose
	}
	d := f.decide(t, closer, p.ID, in)

	errsOf := make([]error, len(voters))
	var done sync.WaitGroup
	start := make(chan struct{})
	// The close starts once a third of the votes are in, so some go before
	// it and the rest race it.
	third := make(chan struct{}, len(voters))
	for i, a := range voters {
		done.Add(1)
		go func() {
			defer done.Done()
			<-start
			_, errsOf[i] = f.S.Vote(ctxOf(a), a, d.ID, VoteInput{Choice: one(i % 2)})
			third <- struct{}{}
		}()
	}
	var closeErr error
	done.Add(1)
	go func() {
		defer done.Done()
		<-start
		for range len(voters) / 3 {
			<-third
		}
		closeErr = f.S.Close(ctxOf(closer), closer, d.ID)
	}()
	close(start)
	done.Wait()
	ok(t, closeErr)

	var counted []string
	var refused int
	for i, err := range errsOf {
		switch {
		case err == nil:
			counted = append(counted, voters[i].User.Name)
		case errs.Is(err, errs.Conflict) && strings.Contains(errs.Message(err), "Voting closed on"):
			refused++
		default:
			t.Fatalf("%s's vote: %v", voters[i].User.Name, err)
		}
	}
	t.Logf("%d counted, %d refused as closed", len(counted), refused)
	n := int64(len(counted))
	if n < int64(len(voters)/3) {
		t.Fatalf("%d votes counted, but %d were in before the close began", n, len(voters)/3)
	}
	res, err := f.S.Results(ctxOf(f.B), f.B, d.ID)
	ok(t, err)
	if !res.Final || res.Turnout != n || res.Counted != n || res.Tally == nil {
		t.Fatalf("stored result: final %v turnout %d counted %d, want %d", res.Final, res.Turnout, res.Counted, n)
	}
	var total int64
	for _, v := range res.Tally.Totals {
		total += v
	}
	same(t, "votes in the tally", total, n)
	var stored int64
	ok(t, f.DB.Get(ctx, &stored, "SELECT turnout FROM decisions WHERE id = ?", d.ID))
	same(t, "decisions.turnout", stored, n)
	same(t, "turnout rows", int64(f.count(t, "SELECT count(*) FROM decision_turnout WHERE decision_id = ?", d.ID)), n)
	if anonymous {
		same(t, "anonymous ballots", int64(f.count(t, "SELECT count(*) FROM anonymous_ballots WHERE decision_id = ?", d.ID)), n)
		same(t, "named ballots", f.count(t, "SELECT count(*) FROM ballots WHERE decision_id = ?", d.ID), 0)
		return
	}
	var names []string
	ok(t, f.DB.Select(ctx, &names, "SELECT voter_name FROM ballots WHERE decision_id = ? ORDER BY voter_name", d.ID))
	slices.Sort(counted)
	same(t, "who is counted", names, counted)
	var inResult []string
	for _, b := range res.Ballots {
		inResult = append(inResult, b.VoterName)
	}
	slices.Sort(inResult)
	same(t, "ballots in the stored result", inResult, counted)
}
