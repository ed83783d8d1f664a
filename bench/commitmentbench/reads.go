package main

import "commonground/internal/commitment"

// read is one timed call.
type read struct {
	name string
	fn   func() error
	slow bool // outside the budget: timed fewer times
}

// reads are what the budget covers (the board; the ledger of a member and
// of an organisation) and what pages show next to them.
func (b *bench) reads() []read {
	return []read{
		{"Ledger, a random member's (as them)", func() error {
			c, a, err := b.as()
			if err != nil {
				return err
			}
			_, err = b.s.Ledger(c, a, commitment.Party{Kind: commitment.PartyMember, ID: a.MemberID})
			return err
		}, false},
		{"Ledger, the busiest member's", func() error {
			_, err := b.s.Ledger(b.stewardCtx, b.steward, commitment.Party{Kind: commitment.PartyMember, ID: b.busiest})
			return err
		}, false},
		{"Ledger, the busiest organisation's", func() error {
			_, err := b.s.Ledger(b.stewardCtx, b.steward, commitment.Party{Kind: commitment.PartyOrganisation, ID: b.busiestOrg})
			return err
		}, false},
		{"Board (steward)", func() error {
			_, err := b.s.Board(b.stewardCtx, b.steward)
			return err
		}, false},
		{"Distribution page 1 (steward)", func() error {
			_, err := b.s.Distribution(b.stewardCtx, b.steward, commitment.DistributionQuery{})
			return err
		}, false},
		{"Distribution, never contributed", func() error {
			_, err := b.s.Distribution(b.stewardCtx, b.steward, commitment.DistributionQuery{Filter: commitment.FilterNever})
			return err
		}, false},
		{"List, a random member's, page 1", func() error {
			c, a, err := b.as()
			if err != nil {
				return err
			}
			_, err = b.s.List(c, a, commitment.Query{Person: a.MemberID})
			return err
		}, true},
		{"List, busiest member's, page 1", func() error {
			_, err := b.s.List(b.stewardCtx, b.steward, commitment.Query{Person: b.busiest})
			return err
		}, true},
	}
}
