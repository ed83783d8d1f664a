package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/measure"
	"commonground/internal/store"
)

// person is a member who may commit (a contributing member).
type person struct {
	ID, UserID int64
	Name       string
	Orgs       []int64
}

// world is what commitments are made among.
type world struct {
	CID        int64
	Steward    *auth.User
	People     []person
	OrgName    map[int64]string
	Orgs       []int64
	Goals      []int64
	Indicators map[int64][]int64 // by goal
}

// loadWorld reads the seeded members and organisations and makes five
// goals with two indicators each through the measure service (commitment
// reaches goals only through it, so the ids are real ones).
func loadWorld(ctx context.Context, db *store.DB, res *seed.Result) (*world, error) {
	w := &world{CID: res.CollectiveID, OrgName: map[int64]string{}, Indicators: map[int64][]int64{}}
	if err := db.Select(ctx, &w.People, `SELECT m.id AS id, m.user_id AS userid, u.name AS name FROM members m
		JOIN users u ON u.id = m.user_id
		WHERE m.collective_id = ? AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role = 'member')
		ORDER BY m.id`, w.CID); err != nil {
		return nil, err
	}
	var orgs []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := db.Select(ctx, &orgs, "SELECT id, name FROM organisations WHERE collective_id = ? ORDER BY id", w.CID); err != nil {
		return nil, err
	}
	for _, o := range orgs {
		w.OrgName[o.ID] = o.Name
		w.Orgs = append(w.Orgs, o.ID)
	}
	var affs []struct {
		Member int64 `db:"member_id"`
		Org    int64 `db:"organisation_id"`
	}
	if err := db.Select(ctx, &affs, "SELECT member_id, organisation_id FROM affiliations"); err != nil {
		return nil, err
	}
	index := map[int64]int{}
	for i, p := range w.People {
		index[p.ID] = i
	}
	for _, a := range affs {
		if i, ok := index[a.Member]; ok {
			w.People[i].Orgs = append(w.People[i].Orgs, a.Org)
		}
	}
	w.Steward = &auth.User{ID: res.StewardUserID, Name: seed.StewardName}
	col := &collective.Service{DB: db}
	m := &measure.Service{DB: db, Collectives: col}
	sctx := auth.WithUser(ctx, w.Steward)
	acc, err := col.Access(sctx, seed.Slug)
	if err != nil {
		return nil, err
	}
	for i, title := range []string{"Nobody goes hungry", "Every child reads", "Warm homes", "Clean river", "Good work for all"} {
		g, err := m.CreateGoal(sctx, acc, measure.GoalInput{Title: title})
		if err != nil {
			return nil, err
		}
		w.Goals = append(w.Goals, g.ID)
		for j := range 2 {
			ind, err := m.CreateIndicator(sctx, acc, measure.IndicatorInput{GoalID: g.ID, Name: fmt.Sprintf("Indicator %d.%d", i+1, j+1),
				Direction: measure.Higher})
			if err != nil {
				return nil, err
			}
			w.Indicators[g.ID] = append(w.Indicators[g.ID], ind.ID)
		}
	}
	return w, nil
}

// pick draws a person, skewed: a few give (and receive) far more than
// most, as in any real group, so the ledger's distribution has a tail.
func (w *world) pick(rng *rand.Rand) *person {
	u := rng.Float64()
	return &w.People[int(math.Pow(u, 2.2)*float64(len(w.People)))]
}

// state draws a final state: most promises end kept, some broken or
// dropped, and the recent ones are still open.
func state(rng *rand.Rand, age int) string {
	if age < 120 {
		switch x := rng.IntN(100); {
		case x < 25:
			return "proposed"
		case x < 50:
			return "accepted"
		case x < 70:
			return "in_progress"
		}
	}
	switch x := rng.IntN(100); {
	case x < 72:
		return "kept"
	case x < 86:
		return "not_kept"
	}
	return "released"
}

// day is t's date as the commitments table keeps it.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

var kinds = []string{"do", "give", "share", "introduce", "teach", "show_up"}

var whats = []string{"Drive the van on Saturday", "Introduce you to the county health office", "Teach two budgeting sessions",
	"Lend the hall for the meeting", "Proofread the grant application", "Bring 20 volunteers to the clean-up",
	"Share the survey results", "Cover the helpline on Tuesday", "Donate towards the winter fund", "Run the reading club"}
