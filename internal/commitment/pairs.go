package commitment

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// Pair is how many promises one member kept and broke to another: the
// trust feature's reliability as behaved.
type Pair struct {
	CommitterMemberID int64 `db:"committer_member_id" json:"committer_member_id"`
	RecipientMemberID int64 `db:"recipient_member_id" json:"recipient_member_id"`
	Kept              int64 `db:"kept" json:"kept"`
	NotKept           int64 `db:"not_kept" json:"not_kept"`
}

// Pairs lists every pair of members of the collective with a judged
// promise between them, for its members.
func (s *Service) Pairs(ctx context.Context, a *collective.Access) ([]Pair, error) {
	if !a.IsMember() {
		return nil, errs.New(errs.Forbidden, "Only members of %s can see who kept their promises to whom.", a.Collective.Name)
	}
	out := []Pair{}
	err := s.DB.Select(ctx, &out, `SELECT committer_member_id, recipient_member_id, kept, not_kept FROM commitment_pairs
		WHERE collective_id = ? ORDER BY committer_member_id, recipient_member_id`, a.Collective.ID)
	return out, err
}

// PairCounts is what committer kept and broke to recipient in a
// collective; zero counts when they have no judged promise. It checks no
// access: the trust feature calls it for what it already shows.
func (s *Service) PairCounts(ctx context.Context, collectiveID, committer, recipient int64) (Pair, error) {
	var out []Pair
	err := s.DB.Select(ctx, &out, `SELECT committer_member_id, recipient_member_id, kept, not_kept FROM commitment_pairs
		WHERE collective_id = ? AND committer_member_id = ? AND recipient_member_id = ?`, collectiveID, committer, recipient)
	if err != nil || len(out) == 0 {
		return Pair{CommitterMemberID: committer, RecipientMemberID: recipient}, err
	}
	return out[0], nil
}
