package gathering

import "testing"

// TestFixture checks the shared fixture: seven members (six plus the
// observer) and the steward, three with Alder and two with Birch.
func TestFixture(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		same(t, "members", f.count(t, "SELECT COUNT(*) FROM members WHERE collective_id = ?", f.Coll.ID), 8)
		same(t, "with Alder", f.count(t, "SELECT COUNT(*) FROM affiliations WHERE organisation_id = ?", f.OrgA), 3)
		same(t, "with Birch", f.count(t, "SELECT COUNT(*) FROM affiliations WHERE organisation_id = ?", f.OrgB), 2)
		if f.A.MemberID == 0 || f.Outsider.MemberID != 0 {
			t.Fatalf("Ana is member %d, Otto %d", f.A.MemberID, f.Outsider.MemberID)
		}
	})
}
