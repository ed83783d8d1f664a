package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/commitment"
	"commonground/internal/measure"
	"commonground/internal/store"
)

// replayService makes n commitments through the service, each taken by
// real transitions to a random final state, so that verify can hold the
// service's counters against the rule the bulk generator follows.
func replayService(ctx context.Context, db *store.DB, w *world, n int) error {
	col := &collective.Service{DB: db}
	s := &commitment.Service{DB: db, Collectives: col, Measure: &measure.Service{DB: db, Collectives: col}}
	acc := map[int64]*collective.Access{}
	as := func(userID int64, name string) (context.Context, *collective.Access, error) {
		u := &auth.User{ID: userID, Name: name}
		c := auth.WithUser(ctx, u)
		if a, ok := acc[userID]; ok {
			return c, a, nil
		}
		a, err := col.Access(c, seed.Slug)
		acc[userID] = a
		return c, a, err
	}
	byOrg := map[int64][]*person{}
	for i := range w.People {
		for _, o := range w.People[i].Orgs {
			byOrg[o] = append(byOrg[o], &w.People[i])
		}
	}
	rng := rand.New(rand.NewPCG(3, 2026))
	today := day(time.Now())
	t0 := time.Now()
	for i := range n {
		c := w.pick(rng)
		in := commitment.Input{What: whats[rng.IntN(len(whats))], Kind: commitment.Kind(kinds[rng.IntN(len(kinds))])}
		if len(c.Orgs) > 0 && rng.IntN(100) < 30 {
			in.ForOrgID = c.Orgs[rng.IntN(len(c.Orgs))]
		}
		recUser, recName := w.Steward.ID, w.Steward.Name
		switch x := rng.IntN(100); {
		case x < 60:
			rc := w.pick(rng)
			for rc.ID == c.ID {
				rc = w.pick(rng)
			}
			in.RecipientKind, in.RecipientMemberID, recUser, recName = commitment.ToMember, rc.ID, rc.UserID, rc.Name
		case x < 85:
			o := w.Orgs[rng.IntN(len(w.Orgs))]
			in.RecipientKind, in.RecipientOrgID = commitment.ToOrganisation, o
			rp := byOrg[o][rng.IntN(len(byOrg[o]))]
			if rp.ID == c.ID || o == in.ForOrgID {
				continue // a promise to oneself, which the service refuses
			}
			recUser, recName = rp.UserID, rp.Name
		default:
			in.RecipientKind = commitment.ToCollective
			if c.UserID == recUser {
				continue // the steward's own promise to the collective
			}
		}
		switch x := rng.IntN(4); x {
		case 0:
			in.SizeUnit, in.Size = commitment.Hours, fmt.Sprintf("%d.5", rng.IntN(5))
		case 1:
			in.SizeUnit, in.Size = commitment.Money, fmt.Sprintf("%d.25", 1+rng.IntN(90))
		case 2:
			in.SizeUnit, in.Size = commitment.Count, fmt.Sprint(1+rng.IntN(9))
		}
		if rng.IntN(2) == 0 {
			in.DueOn = today
		}
		if rng.IntN(2) == 0 {
			in.GoalID = w.Goals[rng.IntN(len(w.Goals))]
		}
		cctx, ca, err := as(c.UserID, c.Name)
		if err != nil {
			return err
		}
		rctx, ra, err := as(recUser, recName)
		if err != nil {
			return err
		}
		made, err := s.Create(cctx, ca, in)
		if err != nil {
			return fmt.Errorf("create %d: %w", i, err)
		}
		steps := map[int][]struct {
			committer bool
			a         commitment.Action
		}{
			0: nil,
			1: {{false, commitment.Decline}},
			2: {{true, commitment.Withdraw}},
			3: {{false, commitment.Accept}},
			4: {{false, commitment.Accept}, {true, commitment.Start}, {true, commitment.MarkDone}},
			5: {{false, commitment.Accept}, {true, commitment.MarkDone}, {false, commitment.Confirm}},
			6: {{false, commitment.Accept}, {true, commitment.Start}, {false, commitment.Confirm}},
			7: {{false, commitment.Accept}, {false, commitment.Broken}},
			8: {{false, commitment.Accept}, {true, commitment.Release}, {false, commitment.Release}},
		}[rng.IntN(9)]
		for _, st := range steps {
			x, a := rctx, ra
			if st.committer {
				x, a = cctx, ca
			}
			if _, err := s.Transition(x, a, made.ID, st.a, 0, ""); err != nil {
				return fmt.Errorf("commitment %d, %s: %w", made.ID, st.a, err)
			}
		}
	}
	fmt.Printf("replayed %d commitments through the service in %s\n", n, time.Since(t0).Round(time.Millisecond))
	return nil
}
